// Loads the engine: the WebAssembly module, or parley.fallback.js (wasm2js) when the page's CSP
// forbids WebAssembly. Resolves to the Emscripten module; rejects with an Error whose parleyCode
// is engineLoad.

// Runs fn in a task of its own, soon. A message, not setTimeout: a timer can be held back (a
// page's fake clock, a background tab's throttling) and the start must not wait for one.
// One channel for all of them, made at the first call (each new MessageChannel cost 3 to 7 ms
// at 4x CPU throttle): one message, one task, one function, in order.
var parleyMessageChannel = window.MessageChannel;
var parleyTasks = { channel: null, queue: [], first: 0 };
function parleyNextTask(fn) {
  if (typeof parleyMessageChannel !== 'function') return setTimeout(fn, 0);
  var tasks = parleyTasks;
  if (!tasks.channel) {
    tasks.channel = new parleyMessageChannel();
    tasks.channel.port1.onmessage = function () {
      var next = tasks.queue[tasks.first];
      tasks.queue[tasks.first++] = null;
      if (tasks.first === tasks.queue.length) tasks.queue.length = tasks.first = 0;
      next();
    };
  }
  tasks.queue[tasks.queue.length] = fn;  // not push(): a page may have broken it
  tasks.channel.port2.postMessage(null);
}

function parleyLoadEngine(base) {
  var quiet = function () {};
  var helper = null;  // createParleyHelperWorker()'s, set below

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
      // Handed over in a task of its own: the factory resolves inside the microtask checkpoint that
      // finished compiling and instantiating, and the config and the first page view must not
      // lengthen that task (with the CPU throttled 4x it was one task of ~600 ms).
      factory(moduleOptions).then(function (module) { parleyNextTask(function () { resolve(module); }); }, function (error) {
        reject(failure('the Parley engine did not start: ' + parleyReason(error)));
      });
    });
  }

  // Without fetch (a page that deleted it) the factory cannot fetch parley.wasm: it is read here, with
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
      } catch (error) { failed(error); }  // reported, or the engine would never start
      return {};  // the exports come through receive()
    };
  }

  // parley.wasm compiled by the helper worker, instantiated here (a few ms). Any failure on the
  // way (the worker refused, a body that is not a stream) compiles it here instead, as the factory
  // would: the engine starts either way.
  function instantiateCompiledElsewhere(url, moduleOptions) {
    function failed(error) { moduleOptions.onAbort(parleyReason(error)); }
    // The response's body, or, if it went to a worker that failed or fell silent, the file asked
    // for again. A transferred body is neither locked nor marked used once the worker is gone,
    // only unreadable: reading it is the test.
    function onMainThread(imports, receive, response) {
      function again() {
        return fetch(url, { credentials: 'same-origin' }).then(function (second) { return second.arrayBuffer(); });
      }
      var unread = response.body && !response.body.locked && !response.bodyUsed;
      (unread ? response.arrayBuffer().catch(again) : again())
        .then(function (bytes) { return WebAssembly.instantiate(bytes, imports); })
        .then(function (result) { receive(result.instance, result.module); }, failed);
    }
    return function (imports, receive) {
      fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        if (!response.body) return onMainThread(imports, receive, response);
        helper.compile(response.body, function (module) {
          if (typeof module === 'string') return failed(module);
          if (!(module instanceof WebAssembly.Module)) return onMainThread(imports, receive, response);
          WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); }, failed);
        });
      }).catch(failed);
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
    else if (helper) options.instantiateWasm = instantiateCompiledElsewhere(options.locateFile('parley.wasm'), options);
    var deferred = createParleyDeferredPart(options.locateFile('parley.deferred.wasm'));
    options.loadSplitModule = deferred.load;
    return instantiate(createParleyEngine, options).then(function (module) {
      var linked = deferred.fetchSoon(module);
      // A config that is not compiled needs the config reader, in that part: loader.js waits for it.
      module.parleyDeferredPart = linked;
      // A page view that goes on with a conversation draws it at its start: it waits for the part.
      return conversationStored() ? linked.then(function () { return module; }) : module;
    });
  }

  function conversationStored() {
    return !!parleyStorage.createSessionStore(false).get('conversation');  // reading needs no consent
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

  // In tasks of their own, not in parley.js's evaluation (the longest task left: ~70 ms at 4x
  // throttle), nor in one another's (together ~50 ms): the probe compiles a module (the page's
  // first WebAssembly), the worker costs ~15 ms to create, and the factory sets the module up
  // and fetches parley.wasm.
  return new Promise(function (resolve, reject) {
    function attempt(fn) {
      parleyNextTask(function () {
        try { fn(); } catch (error) {  // a page that broke what loading needs: reported, never thrown into it
          reject(failure('the Parley engine did not start: ' + parleyReason(error)));
        }
      });
    }
    // Without the worker, ICU's data is loaded on the main thread, in a task of its own too.
    var warmIntl = function () { parleyNextTask(function () { parleyTimeZones.visitorZone(); }); };
    attempt(function () {
      if (!parleyWasmAllowed()) return warmIntl(), resolve(fallback());
      attempt(function () {
        helper = createParleyHelperWorker(new URL('parley-worker.js', base).href, new URL('parley-warm-up.bin', base).href);
        if (!helper) warmIntl();
        attempt(function () { resolve(wasm()); });
      });
    });
  });
}

// A throwaway worker that takes three jobs off the main thread while the page loads, each one
// uninterruptible piece of work there at 4x CPU throttle:
// - ICU's locale and time-zone data, loaded by the browser's first Intl call (65 to 170 ms; then
//   ~0.3 ms a call): the data is the renderer process's, not the thread's, so after the worker's
//   call the main thread's first one (pageLoad's zone) takes ~1 ms;
// - the streaming compile of parley.js's WebAssembly (on the main thread, decoding and
//   validating it as it arrives was one task of 50 to 70 ms): the page fetches parley.wasm (its
//   own request, as before), hands the body over (a transferred stream), and gets the compiled
//   WebAssembly.Module back to instantiate;
// - the compile of the wasm functions a start calls (V8 compiles each at its first call): warm()
//   in runtime/helper_worker.js.
// Creating it costs ~15 ms on the main thread. Null where a worker cannot be had (no Worker or
// Blob URL); a CSP that refuses blob: workers fires its error event: each job then falls back to
// the main thread (the Intl warm-up in a task of its own, the factory's own compile). On a page
// whose CSP refuses WebAssembly (a strict one) no worker is tried: it would be a second report.
var parleyWorker = window.Worker;
var parleyBlob = window.Blob;
var parleyUrl = window.URL;
// The worker's script is parley-worker.js, next to parley.js (runtime/helper_worker.js, with the
// engine's export names): off the critical path, since the start only goes faster with it. The
// worker is a blob: URL, as a script from another origin (a CDN) cannot be a worker of the page's:
// it sets where the warm-up's inputs are and imports that file. If the import fails (a 404, a CSP
// that refuses the file), the worker's error event has the page do each job itself.
function parleyHelperSource(workerUrl, warmUpUrl) {
  return 'var parleyWarmUpUrl=' + JSON.stringify(warmUpUrl) + ';importScripts(' + JSON.stringify(workerUrl) + ')';
}

function createParleyHelperWorker(workerUrl, warmUpUrl) {
  if (typeof parleyWorker !== 'function' || typeof parleyBlob !== 'function' || !parleyUrl || !parleyUrl.createObjectURL) return null;
  var worker, source, broken = false, waiting = null, silence = null;
  function end(module) {
    var done = waiting;
    waiting = null;
    clearTimeout(silence);
    broken = true;
    worker.terminate();
    parleyUrl.revokeObjectURL(source);
    if (done) done(module);
  }
  try {
    source = parleyUrl.createObjectURL(new parleyBlob([parleyHelperSource(workerUrl, warmUpUrl)], { type: 'text/javascript' }));
    worker = new parleyWorker(source);
  } catch (e) {
    if (source) parleyUrl.revokeObjectURL(source);
    return null;
  }
  worker.onmessage = function (event) { end(event.data); };
  worker.onerror = function (event) {
    if (event && event.preventDefault) event.preventDefault();
    end(null);  // it did not run: neither job was done
    parleyNextTask(function () { parleyTimeZones.visitorZone(); });
  };
  return {
    // done(module) once, later: a WebAssembly.Module, the compile error's text (the bytes are
    // not a module), or null (the worker failed: compile on the main thread).
    compile: function (body, done) {
      if (broken) return parleyNextTask(function () { done(null); });
      waiting = done;
      // A worker that never answers (a browser bug, a page that starves it) must not hold the
      // start: after 10 s the page compiles the module itself.
      silence = setTimeout(function () { end(null); }, 10000);
      try {
        worker.postMessage({ body: body }, [body]);
      } catch (e) {
        end(null);  // a stream that cannot be transferred
      }
    }
  };
}
