// Small helpers every runtime file may use. The runtime files share one closure (see
// bundle_header.js): nothing here is a global of the page.

// PARLEY_VERSION (package.json's) and ParleyErrorCode (wasm-glue/lcw_errors.json) come just
// before this file in parley.js, generated at build time by cmake/parley_constants.cmake.

function parleyIsObject(value) {
  return value !== null && typeof value === 'object' && !parleyIsArray(value);
}

// Host listeners run after the engine call has returned, so they may call the API again; an
// exception in one of them is reported by the browser and never comes back to us. A page without
// CustomEvent still has document.createEvent; a page whose dispatchEvent throws leaves the console.
function parleyFire(name, detail) {
  if (detail === undefined) detail = {};
  try {
    var event;
    if (typeof CustomEvent === 'function') event = new CustomEvent(name, { detail: detail });
    else {
      event = document.createEvent('CustomEvent');
      event.initCustomEvent(name, false, false, detail);
    }
    parleyDispatch.call(window, event);
  } catch (error) {
    try {
      console.error('[parley] ' + name + ' could not be dispatched on this page: ' + parleyReason(error), detail);
    } catch (e) { /* no console either */ }
  }
}

// The message of whatever was thrown or rejected (which may be anything, even undefined).
function parleyReason(error) {
  return error && error.message ? error.message : String(error);
}

function parleyError(code, description, extra) {
  var detail = { errorCode: code, errorDescription: String(description) };
  if (extra) for (var key in extra) detail[key] = extra[key];
  parleyFire('lcw:error', detail);
}

// Can this page compile WebAssembly? A CSP without 'wasm-unsafe-eval' makes this throw (the engine
// then loads parley.fallback.js; the QA console says it cannot run).
function parleyWasmAllowed() {
  try {
    return typeof WebAssembly === 'object' && !!new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (e) {
    return false;
  }
}

// Old polyfills put a `then` on Object.prototype: an object that only inherits it is a plain
// value, not a promise (builtins.js's Promise then resolves with it as it is).
function parleyThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') &&
         typeof value.then === 'function' && value.then !== Object.prototype.then;
}

// A value or a promise of one, with a time limit: host hooks may be sync or async.
function parleyResolve(value, timeoutMs) {
  if (!parleyThenable(value)) return Promise.resolve(value);
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error('no answer within ' + timeoutMs + ' ms')); }, timeoutMs);
    value.then(function (result) { clearTimeout(timer); resolve(result); },
               function (error) { clearTimeout(timer); reject(error); });
  });
}
