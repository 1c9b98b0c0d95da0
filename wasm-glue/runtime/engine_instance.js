// parley.wasm instantiated without Emscripten's runtime. The engine imports two functions (abort
// and heap growth) and the placeholders of its deferred part, and needs its constructors run:
// this file does that in a few hundred bytes where Emscripten's glue took 3.6 KB gzip of
// parley.js. Names are the link's minified ones (parleyEngineNames, read from the glue at build
// time by engine_names.mjs). The glue itself still serves the build's tools (split_module.mjs) and
// parley.fallback.js (wasm2js), whose factory has the same shape as this one.
//
//   createParleyEngine(options) -> Promise of the module, as Emscripten's factory resolves it:
//     {asm (the exports), HEAPU8 (a view of the memory, new after growth), UTF8ToString(pointer),
//      _malloc, _free, _parley_...}
//   options: instantiateWasm(imports, receive(instance)), or else parley.wasm is fetched from
//     locateFile('parley.wasm'); loadSplitModule(file, imports, name) for a placeholder's call;
//     onAbort(what) when the engine aborts.
function createParleyEngine(options) {
  var names = parleyEngineNames;
  var module = {};
  var memory = null, table = null, heap = null;

  function abort(what) {
    what = 'abort(' + (what || '') + ')';
    if (options.onAbort) options.onAbort(what);
    throw new WebAssembly.RuntimeError(what);
  }

  // Emscripten's growth policy, simplified: the request, or 20 % more than the heap has, up to 2 GiB.
  function resizeHeap(requested) {
    requested >>>= 0;
    var size = memory.buffer.byteLength;
    var wanted = Math.min(Math.max(requested, size * 1.2), 2147483648);
    if (requested > wanted) return false;
    try {
      memory.grow(Math.ceil((wanted - size) / 65536));
      return true;
    } catch (error) {
      return false;
    }
  }

  var imports = { p: new Proxy({}, {  // the placeholders' module (split_module.mjs names it)
    // A function of the deferred part called before the part was linked: link it now, then call.
    get: function (target, name) {
      return function () {
        options.loadSplitModule(options.locateFile('parley.deferred.wasm'), { primary: module.asm }, name);
        return table.get(name).apply(null, arguments);
      };
    }
  }) };
  imports[names.importModule] = {};
  imports[names.importModule][names.abort] = abort;
  imports[names.importModule][names.resizeHeap] = resizeHeap;

  Object.defineProperty(module, 'HEAPU8', {
    get: function () {
      if (!heap || heap.buffer !== memory.buffer) heap = new Uint8Array(memory.buffer);
      return heap;
    }
  });
  module.UTF8ToString = function (pointer) {
    var bytes = module.HEAPU8, end = pointer;
    while (bytes[end]) ++end;
    return new parleyTextDecoder().decode(bytes.subarray(pointer, end));
  };

  return new Promise(function (resolve, reject) {
    function receive(instance) {
      try {
        var exports = instance.exports;
        module.asm = exports;
        memory = exports[names.memory];
        table = exports[names.table];
        for (var name in names.functions) module[name] = exports[names.functions[name]];
        exports[names.ctors]();
        resolve(module);
      } catch (error) {
        reject(error);
      }
    }
    try {
      if (options.instantiateWasm) return options.instantiateWasm(imports, receive);
      var url = options.locateFile('parley.wasm');
      fetch(url, { credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
          return response.arrayBuffer();
        })
        .then(function (bytes) { return WebAssembly.instantiate(bytes, imports); })
        .then(function (result) { receive(result.instance); }, reject);
    } catch (error) {
      reject(error);
    }
  });
}
