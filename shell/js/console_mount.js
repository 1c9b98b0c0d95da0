// Starts the console: over a page with Parley (the hook comes from parley.js), or desk-only over
// the agent desk page. It checks first what the console needs (WebAssembly, which a CSP without
// 'wasm-unsafe-eval' forbids, and WebGL2) and says plainly when the page cannot give it.
// Returns {show()}: the console is hidden, not destroyed, when closed.

function parleyConsoleMount(options) {
  // options: {page: what the page's hook hands over (wasm-glue/runtime/console_hook.js; the
  //           console's side of it is console_page.js), or none for desk-only;
  //           wasm: false when the page's CSP forbids WebAssembly (parley.js probed it);
  //           channel: desk-only, the BroadcastChannel the desk listens on;
  //           relay: desk-only, a parley-relay URL (ws://.../agent) the desk signs in to instead,
  //           with the token the agent types in the panel}
  var hook = options.page ? createParleyConsolePage(options.page) : null;
  var overlay = createParleyConsoleOverlay(hook ? 'Parley QA console' : 'Parley QA console: agent desk', !hook);
  var module = null;
  var failed = false;

  function fail(message) {
    failed = true;
    overlay.showError(message);
    if (hook) hook.fail(message);
    else if (window.console) window.console.error('[parley console] ' + message);
  }

  var host = {
    hook: hook,
    deskChannel: hook ? '' : options.channel || 'parley',
    deskRelay: hook ? '' : options.relay || '',
    desk: createParleyDeskChannel(),
    relay: createParleyDeskSocket(),
    video: createParleyDeskVideo(overlay.element),
    alerts: createParleyConsoleAlerts(),
    width: overlay.width,
    height: overlay.height,
    report: fail,
    close: function () {
      overlay.hide();
      if (module) module.pauseMainLoop();
    }
  };
  overlay.onClose(host.close);

  function webgl2Available() {
    try {
      var context = document.createElement('canvas').getContext('webgl2');
      var lose = context && context.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
      return !!context;
    } catch (e) {
      return false;
    }
  }

  // Desk-only pages have no parley.js to ask: a refused compile is then reported as it comes.
  if (options.wasm === false) {
    fail("The QA console needs WebAssembly, which this page's Content-Security-Policy forbids (no 'wasm-unsafe-eval'). " +
         'The widget itself runs on parley.fallback.js; open the console on a page without this policy.');
  } else if (!webgl2Available()) {
    fail('The QA console needs WebGL2, which this browser does not give this page.');
  } else {
    var base = parleyConsoleScript && parleyConsoleScript.src ? parleyConsoleScript.src : location.href;
    createParleyConsole({
      canvas: overlay.canvas,
      parleyHost: host,
      locateFile: function (name) { return new URL(name, base).href; },
      print: function () {},
      printErr: function () {},
      onAbort: function (what) { fail('The QA console stopped: ' + what); }
    }).then(function (instance) {
      module = instance;
      if (!failed) overlay.focus();
    }, function (error) {
      fail('The QA console did not start: ' + (error && error.message ? error.message : String(error)));
    });
  }

  return {
    show: function () {
      overlay.show();
      if (module && !failed) {
        module.resumeMainLoop();
        overlay.focus();
      }
    }
  };
}
