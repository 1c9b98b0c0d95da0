// The engine's deferred part, parley.deferred.wasm: every function a page does not need until the
// visitor answers an invitation (the conversation, the survey, video calls, the rating, the
// inspector), split out of parley.wasm at build time (wasm-glue/split_module.mjs) so that the
// critical path carries only the start. It is instantiated into the engine's memory and table:
// calls the primary part makes to its functions then go straight to them.
//
// Fetched and compiled once the engine runs (fetchSoon), off the critical path. A call that
// reaches the deferred part before that (a visitor who answers within the first second, a page
// that broke fetch) goes through a placeholder (engine_instance.js), which calls load(): the part is then read
// and compiled synchronously, so the call works all the same, only later.
function createParleyDeferredPart(url) {
  var compiled = null;   // its WebAssembly.Module, once here
  var linked = false;    // instantiated into the engine

  // Synchronous XHR cannot ask for an ArrayBuffer on a page: the bytes come as a binary string.
  function readNow() {
    var request = new XMLHttpRequest();
    request.open('GET', url, false);
    request.overrideMimeType('text/plain; charset=x-user-defined');
    request.send();
    if (request.status !== 200) throw new Error(url + ': HTTP ' + request.status);
    var text = request.responseText, bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
  }

  function link(imports) {
    var instance = new WebAssembly.Instance(compiled, imports);
    linked = true;
    return instance;
  }

  return {
    // The factory's loadSplitModule(file, imports) (engine_instance.js): [instance, module], or it throws (the engine
    // call that needed the part then fails: the widget stops with lcw:error engineCrash).
    load: function (file, imports) {
      if (!compiled) compiled = new WebAssembly.Module(readNow());
      return [link(imports), compiled];
    },
    // Once the engine module runs: fetched, compiled off the main thread, then linked in a task
    // of its own (about a millisecond). Resolves (with nothing) once linked or failed: a failure
    // is left to load(), at the first call that needs the part. A page with a function on
    // Object.prototype.then holds up every promise resolved with an object (see builtins.js):
    // there, and without fetch, load() does it all when needed.
    fetchSoon: function (engineModule) {
      if (!fetch || typeof Object.prototype.then === 'function') return Promise.resolve();
      return new Promise(function (done) {
        fetch(url, { credentials: 'same-origin' })
          .then(function (response) {
            if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
            return response.arrayBuffer();
          })
          .then(function (bytes) { return compiled ? null : WebAssembly.compile(bytes); })
          .then(function (module) {
            if (module && !compiled) compiled = module;
            parleyNextTask(function () {
              try {
                if (!linked) link({ primary: engineModule.asm });
              } catch (error) { /* load() reports it, if the part is ever needed */ }
              done();
            });
          })
          .catch(function () { done(); });
      });
    }
  };
}
