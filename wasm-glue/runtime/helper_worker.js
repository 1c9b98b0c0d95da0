// The helper worker's script, parley-worker.js next to parley.js (engine_load.js makes the worker
// and says what it is for). The worker itself is a blob: URL (a script from the CDN's origin may
// not be a worker of the page's), whose two statements set parleyWarmUpUrl and import this file;
// parleyEngineNames (the engine's minified export names) is put before it by the build. It is off
// parley.js's critical path: a page whose worker cannot load it (a 404, a CSP that refuses it) gets
// the worker's error event, and the page does each job itself, as without a worker.
//
// Its jobs: ICU's data, loaded by the first Intl call (below, at once); the streaming compile of
// the parley.wasm body the page hands over (onmessage), posted back as a WebAssembly.Module; and,
// before posting it, warm(): a start run through a throwaway instance, since V8 compiles a wasm
// function at its first call on the calling thread and the module's code is shared with the page.
// The start's inputs are parley-warm-up.bin (warm_up.mjs): records of a u32 LE length then that
// many bytes of a tagged value, the config first, then the events. Asked for at once; should it
// come more than 500 ms after the module is compiled, the module goes back unwarmed: the page's
// start never waits long for its warm-up. Best effort: a failure only costs the page the lazy
// compiles, and is said in this worker's console. The imports (abort, heap growth) are stubs here:
// the inputs fit in the initial memory.
(function () {
  'use strict';
  var names = parleyEngineNames, exported = names.functions;
  function say(error) {
    console.warn('Parley: warming parley.wasm up failed (the page compiles its functions itself): ' + error);
  }
  var inputs = fetch(self.parleyWarmUpUrl).then(function (response) {
    if (!response.ok) throw Error(response.url + ': HTTP ' + response.status);
    return response.arrayBuffer();
  }).catch(say);

  function warm(module, bytes) {
    try {
      var imports = {};
      WebAssembly.Module.imports(module).forEach(function (d) {
        (imports[d.module] = imports[d.module] || {})[d.name] = function () { return 0; };
      });
      var engine = new WebAssembly.Instance(module, imports).exports;
      engine[names.ctors]();
      var view = new DataView(bytes), records = [];
      for (var at = 0; at < bytes.byteLength; at += 4 + view.getUint32(at, true))
        records.push(new Uint8Array(bytes, at + 4, view.getUint32(at, true)));
      var call = function (fn, record, extra) {
        var pointer = engine[exported._malloc](record.length);
        new Uint8Array(engine[names.memory].buffer).set(record, pointer);
        fn(pointer, record.length, extra);
      };
      call(engine[exported._parley_configure_value], records[0], records[0].length);
      records.slice(1).forEach(function (event, i) { call(engine[exported._parley_handle_value], event, 17e11 + 1e3 * i); });
      engine[exported._parley_view_value]();
    } catch (error) {
      say(error);
    }
  }

  self.onmessage = function (event) {
    WebAssembly.compileStreaming(new Response(event.data.body, { headers: { 'Content-Type': 'application/wasm' } }))
      .then(function (module) {
        var late = new Promise(function (done) { setTimeout(done, 500); });
        return Promise.race([inputs, late]).then(function (bytes) {
          if (bytes) warm(module, bytes);
          postMessage(module);
        });
      }, function (error) { postMessage(String(error)); });
  };

  try { Intl.DateTimeFormat().resolvedOptions(); } catch (e) { /* no Intl: nothing to load */ }
})();
