// The chat's timestamps: "now", "3 min. ago", then the time of day, then the date, in the
// visitor's language (Intl), with the exact date and time as the element's title and its
// accessible text. Only the chat pane needs this (a candidate for lazy loading with it).
//
// One timer for all of a chat's timestamps, armed for the earliest moment one of them changes
// (minute granularity) and none once every label is final (older than an hour): the pane is not
// re-rendered, only the texts that change are written. stop() when the chat closes.
//
//   createParleyChatClock(win) -> {add(node, at, locale), relabel(locale), stop()}
var createParleyChatClock = (function () {
  var MINUTE = 60000;
  var HOUR = 60 * MINUTE;

  // An Intl formatter's text, or '' where Intl lacks it (an old browser, an unknown locale).
  function format(make, value, amount, unit) {
    try { return unit ? make().format(amount, unit) : make().format(value); } catch (e) { return ''; }
  }

  // The visible label at `now`, and when it changes next (Infinity: never). Under a minute
  // "now" (0 seconds, numeric "auto"), then minutes; after an hour the time of day, or the date.
  function relative(at, now, locale) {
    var age = Math.max(0, now - at);
    if (age < HOUR) {
      var minutes = Math.floor(age / MINUTE);
      var text = format(function () { return new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }); },
        null, minutes ? -minutes : 0, minutes ? 'minute' : 'second');
      return { text: text, next: at + (minutes + 1) * MINUTE };
    }
    var sameDay = new Date(at).toDateString() === new Date(now).toDateString();
    var parts = sameDay ? { hour: 'numeric', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
    return { text: format(function () { return new Intl.DateTimeFormat(locale, parts); }, at), next: Infinity };
  }
  function exact(at, locale) {
    return format(function () { return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }); }, at);
  }

  return function createParleyChatClock(win) {
    var stamps = [];  // {node, shown, at, next}
    var timer = null;
    var locale = 'en';

    function write(stamp, now) {
      var label = relative(stamp.at, now, locale);
      if (stamp.shown.textContent !== label.text) stamp.shown.textContent = label.text;
      stamp.next = label.next;
    }
    function arm() {
      if (timer !== null) win.clearTimeout(timer);
      timer = null;
      var due = Infinity;
      for (var i = 0; i < stamps.length; i++) if (stamps[i].next < due) due = stamps[i].next;
      if (due === Infinity) return;
      timer = win.setTimeout(tick, Math.max(1000, due - Date.now()));
    }
    function tick() {
      timer = null;
      var now = Date.now();
      for (var i = 0; i < stamps.length; i++) if (stamps[i].next <= now) write(stamps[i], now);
      arm();
    }
    // `node`: an empty <time> in a message. It gets a visible label (hidden from readers) and the
    // exact time as text for readers and as its title. Not a tab stop each: the log is one, and
    // while it has keyboard focus every exact time shows (widget.css), so a keyboard reaches them
    // all without a stop per message.
    function add(node, at) {
      var full = exact(at, locale);
      var stamp = { node: node, at: at, next: Infinity, shown: node.ownerDocument.createElement('span'), full: node.ownerDocument.createElement('span') };
      stamp.shown.setAttribute('aria-hidden', 'true');
      stamp.full.className = 'vh';
      stamp.full.textContent = full;
      node.appendChild(stamp.shown);
      node.appendChild(stamp.full);
      node.title = full;
      try { node.dateTime = new Date(at).toISOString(); } catch (e) { /* not a date */ }
      stamps[stamps.length] = stamp;
      write(stamp, Date.now());
      arm();
    }
    // The chat's language changed: every label again.
    function relabel(next) {
      if (next === locale) return;
      locale = next;
      var now = Date.now();
      for (var i = 0; i < stamps.length; i++) {
        var full = exact(stamps[i].at, locale);
        stamps[i].full.textContent = full;
        stamps[i].node.title = full;
        write(stamps[i], now);
      }
      arm();
    }
    function clear() {
      stamps = [];
      arm();
    }
    return { add: add, relabel: relabel, clear: clear, stop: clear };
  };
})();
