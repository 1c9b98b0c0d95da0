// The console's side of its hook into a page with Parley: what the console's C++ asks of the page
// (console_library.js), built over what parley.js hands over (wasm-glue/runtime/console_hook.js,
// kept small there because it is on every page's critical path). Strings in, strings out (JSON),
// nothing thrown.
//   page: {widget, timeline (the hook's own array, read live), config() -> the config's text,
//          offset(ms) -> advances the engine's clock, fail(message) -> lcw:error console}

function createParleyConsolePage(page) {
  function session() {
    var out = {};
    try {
      for (var i = 0; i < sessionStorage.length; ++i) {
        var key = sessionStorage.key(i);
        if (key && key.indexOf('parley.') === 0) out[key] = sessionStorage.getItem(key);
      }
    } catch (e) { /* no storage: nothing to show */ }
    return out;
  }

  return {
    snapshot: function (since) {
      var widget = page.widget;
      return JSON.stringify({
        inspect: widget.inspect(), view: widget.view(), config: page.config(), clockOffset: page.offset(0),
        url: location.href, cookies: document.cookie, session: session(),
        timeline: page.timeline.filter(function (entry) { return entry.seq > since; })
      });
    },
    dispatch: function (text) {
      try { return JSON.stringify(page.widget.handle(JSON.parse(text))); } catch (e) { return '[]'; }
    },
    // The widget tells the page's hook the new text (configured), as for any configure.
    configure: function (text) { return JSON.stringify(page.widget.configure(text)); },
    advance: function (ms) {
      page.offset(ms);
      page.widget.handle({ type: 'tick' });
    },
    fail: page.fail
  };
}
