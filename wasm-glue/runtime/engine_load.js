// Loads the engine: the WebAssembly module, or parley.fallback.js (wasm2js) when the page's CSP
// forbids WebAssembly. Resolves to the Emscripten module; rejects with an Error whose parleyCode
// is engineLoad.

// Runs fn in a task of its own, soon. A message, not setTimeout: a timer can be held back (a
// page's fake clock, a background tab's throttling) and the start must not wait for one.
var parleyMessageChannel = window.MessageChannel;
function parleyNextTask(fn) {
  if (typeof parleyMessageChannel !== 'function') return setTimeout(fn, 0);
  var channel = new parleyMessageChannel();
  channel.port1.onmessage = function () { channel.port1.close(); fn(); };
  channel.port2.postMessage(null);
}

function parleyLoadEngine(base) {
  var quiet = function () {};

  function failure(message) {
    var error = new Error(message);
    error.parleyCode = ParleyErrorCode.engineLoad;
    return error;
  }

  function instantiate(factory, moduleOptions) {
    return new Promise(function (resolve, reject) {
      moduleOptions.onAbort = function (what) {
        reject(failure('the Parley engine did not start: ' + what));
      };
      // Handed over in a task of its own: the glue resolves inside the microtask checkpoint that
      // finished compiling and instantiating, and the config and the first page view must not
      // lengthen that task (with the CPU throttled 4x it was one task of ~600 ms).
      factory(moduleOptions).then(function (module) { parleyNextTask(function () { resolve(module); }); }, function (error) {
        reject(failure('the Parley engine did not start: ' + parleyReason(error)));
      });
    });
  }

  // Without fetch (a page that deleted it) the glue cannot read parley.wasm: it is read here, with
  // XMLHttpRequest. A page with a function on Object.prototype.then (old polyfills) holds up every
  // promise the browser resolves with an object (fetch's Response, WebAssembly.instantiate's
  // result): there it is read so too, and compiled synchronously (about 10 ms for 230 KB).
  function instantiateFromRequest(url, moduleOptions, synchronously) {
    function failed(error) { moduleOptions.onAbort(parleyReason(error)); }
    function compile(bytes, imports, receive) {
      if (!synchronously) {
        return WebAssembly.instantiate(bytes, imports).then(function (result) {
          receive(result.instance, result.module);
        }, failed);
      }
      var compiled = new WebAssembly.Module(bytes);
      receive(new WebAssembly.Instance(compiled, imports), compiled);
    }
    return function (imports, receive) {
      try {
        if (typeof XMLHttpRequest !== 'function') throw new Error('this page has neither fetch nor XMLHttpRequest');
        var request = new XMLHttpRequest();
        request.open('GET', url);
        request.responseType = 'arraybuffer';
        request.onload = function () {
          try {
            if (request.status !== 200) throw new Error(url + ': HTTP ' + request.status);
            compile(request.response, imports, receive);
          } catch (error) { failed(error); }
        };
        request.onerror = function () { failed(url + ' is unreachable'); };
        request.send();
      } catch (error) { failed(error); }  // the glue would swallow it: the engine would never start
      return {};  // the exports come through receive()
    };
  }

  function wasm() {
    var options = {
      locateFile: function (name) { return new URL(name, base).href; },
      printErr: quiet, print: quiet
    };
    var polluted = typeof Object.prototype.then === 'function';
    if (polluted || !fetch) options.instantiateWasm = instantiateFromRequest(options.locateFile('parley.wasm'), options, polluted);
    return instantiate(createParleyEngine, options);
  }

  // parley.fallback.js hands its factory to the function left on its own script tag (see
  // fallback_footer.js): nothing is put on window.
  function fallback() {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      var handed = false;
      tag.src = new URL('parley.fallback.js', base).href;
      tag.async = true;
      tag.parleyPromise = Promise;  // the glue's, as in parley.js (builtins.js)
      tag.parleyHandOver = function (factory) {
        handed = true;
        resolve(instantiate(factory, { printErr: quiet, print: quiet }));
      };
      // Loaded but it did not hand the engine over (it did not run): as good as missing.
      tag.onload = function () {
        if (!handed) reject(failure('parley.fallback.js loaded but did not start'));
      };
      tag.onerror = function () {
        reject(failure('WebAssembly is not allowed here and parley.fallback.js did not load'));
      };
      (document.head || document.documentElement).appendChild(tag);
    });
  }

  // The browser's first Intl.DateTimeFormat loads its locale and time-zone data (~60 ms at 4x
  // CPU throttle, then ~0.3 ms a call): done here, in a task of its own while the engine
  // downloads and compiles, rather than inside the start, where pageLoad asks for the zone.
  parleyNextTask(function () { parleyTimeZones.visitorZone(); });

  return parleyWasmAllowed() ? wasm() : fallback();
}
