// The QA console's hook into this page's widget (shell/: the console itself). It keeps a bounded
// timeline of the events the engine takes and the actions it returns, and a clock offset the
// console can advance (the engine's now is Date.now() + offset); it loads parley-console.js,
// next to parley.js, only when the console is opened: by Parley.inspect() or a page URL with
// ?parley-console. The console gets this page through its Module object: nothing is added to
// window (parley-console.js takes it from a property of Parley that is removed at once), and
// what only the console uses (the snapshot, its events and configs) is parley-console.js's own
// (shell/js/console_page.js). Small on purpose: it is on every page's critical path.

function createParleyConsoleHook(base, configText) {
  var LIMIT = 500;
  var timeline = [];
  var seq = 0;
  var offset = 0;
  var widget = null;
  var mounted = null;  // the console's {show()} once it runs
  var loading = false;

  function now() { return Date.now() + offset; }

  function add(dir, type, detail, errors) {
    timeline.push({ seq: ++seq, at: now(), dir: dir, type: type, detail: detail, errors: errors });
    if (timeline.length > LIMIT) timeline.shift();
  }

  function fail(message) { parleyError(ParleyErrorCode.console, message); }

  function open() {
    if (mounted) return mounted.show();
    if (loading || !widget) return;
    loading = true;
    var tag = document.createElement('script');
    tag.src = new URL('parley-console.js', base).href;
    window.Parley.__consoleLoaded = function (mount) {
      delete window.Parley.__consoleLoaded;
      mounted = mount({
        page: { widget: widget, timeline: timeline, fail: fail,
                config: function () { return configText; },
                offset: function (ms) { return offset += ms; } },
        wasm: parleyWasmAllowed()
      });
    };
    tag.onerror = function () {
      loading = false;
      delete window.Parley.__consoleLoaded;
      fail('the QA console did not load: ' + tag.src + ' is missing');
    };
    (document.head || document.documentElement).appendChild(tag);
  }

  return {
    now: now,
    open: open,
    // The widget's loop: one call per engine call.
    record: function (event, result) {
      add('in', event.type, event, result.errors.length ? result.errors : undefined);
      // A render carries the whole view (a long transcript too): the timeline keeps its state
      // only; the console's View model tab shows the view itself.
      result.actions.forEach(function (a) {
        add('out', a.type === 'emit' ? a.name : a.type, a.type === 'render' ? { type: 'render', state: a.view.state } : a);
      });
    },
    configured: function (text) { configText = text; },
    attach: function (w) {
      widget = w;
      if (/[?&]parley-console(?:[=&]|$)/.test(location.search)) open();
    }
  };
}
