// The floor of the load bench (bench/load_bench.mjs): what any widget of Parley's kind does
// before it is ready, each the cheapest way known, and nothing else. It reads the visit cookie and
// writes it again, reads its sessionStorage key and shows a launcher button in a closed shadow
// root with a constructed stylesheet, then fires lcw:ready. The script tag's data-parts adds:
// - zone: the time zone's name, from a throwaway worker, as Parley reads it (the browser's first
//   Intl call loads ICU's data, 65 to 170 ms at 4x throttle on the thread that makes it);
// - wasm: parley.wasm compiled (streaming) and instantiated, never called.
(function () {
  'use strict';
  var parts = (document.currentScript.dataset.parts || '').split(',');
  var waiting = 1;  // the document's body
  var zone = '';
  function ui() {
    var visits = /(?:^|;\s*)floor_visits=(\d+)/.exec(document.cookie);
    document.cookie = 'floor_visits=' + ((visits ? +visits[1] : 0) + 1) + '; path=/; SameSite=Lax';
    var stored = sessionStorage.getItem('floor.conversation');
    var host = document.createElement('div');
    var root = host.attachShadow({ mode: 'closed' });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(':host{all:initial;position:fixed;inset-inline-end:16px;bottom:16px;z-index:2147483000}' +
      'button{font:15px system-ui;background:#0b6e4f;color:#fff;border:0;border-radius:24px;padding:12px 18px;cursor:pointer}' +
      'button:focus-visible{outline:3px solid #1f2328}@media (prefers-color-scheme:dark){button{background:#3fb950}}');
    root.adoptedStyleSheets = [sheet];
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Chat with us';
    button.addEventListener('click', function () {});
    root.appendChild(button);
    document.body.appendChild(host);
    window.dispatchEvent(new CustomEvent('lcw:ready', { detail: { zone: zone, stored: stored } }));
  }
  function done() { if (--waiting === 0) ui(); }
  if (parts.indexOf('zone') >= 0) {
    ++waiting;
    var url = URL.createObjectURL(new Blob(['postMessage(Intl.DateTimeFormat().resolvedOptions().timeZone)'],
                                           { type: 'text/javascript' }));
    var worker = new Worker(url);
    worker.onmessage = function (event) {
      zone = event.data;
      worker.terminate();
      URL.revokeObjectURL(url);
      done();
    };
  }
  if (parts.indexOf('wasm') >= 0) {
    ++waiting;
    WebAssembly.compileStreaming(fetch('/parley/parley.wasm')).then(function (module) {
      var imports = {};
      WebAssembly.Module.imports(module).forEach(function (i) {
        (imports[i.module] || (imports[i.module] = {}))[i.name] = function () { return 0; };
      });
      return WebAssembly.instantiate(module, imports);
    }).then(done, function (error) { console.error('floor: ' + error); });
  }
  if (document.body) done(); else document.addEventListener('DOMContentLoaded', done);
})();
