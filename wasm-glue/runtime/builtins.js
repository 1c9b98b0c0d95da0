// The built-ins Parley relies on, taken once when parley.js starts. Each `var` named as a global
// shadows that global for the whole bundle (the engine's instantiation included), so a page that replaces
// or deletes one afterwards (a polyfill, a test double, a bug) does not reach Parley. What a page
// broke before Parley loaded is worked around where there is a second way (prelude.js,
// engine_load.js); README, "Built-ins Parley needs", lists them and what happens without each.

// The engine's own Promise: an async function returns one even when window.Promise is gone or is
// a polyfill. On a page with a function on Object.prototype.then (old polyfills), resolving a
// promise with any object calls that `then` and waits forever: there Parley's promises are of a
// subclass that follows thenables itself and takes an object whose `then` is Object.prototype's
// as the value it is (giving it an own, hidden `then: undefined`). The engine's factory, the API's
// promises and parley.fallback.js (handed this one) all use it.
var Promise = (function (Native) {
  var objectThen = Object.prototype.then;
  if (typeof objectThen !== 'function') return Native;
  var define = Object.defineProperty;
  return class ParleyPromise extends Native {
    constructor(executor) {
      super(function (resolve, reject) {
        function settle(value) {
          if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return resolve(value);
          try {
            var then = value.then;
            if (then === objectThen) define(value, 'then', { value: undefined, configurable: true, writable: true });
            else if (typeof then === 'function') return then.call(value, settle, reject);
          } catch (error) {
            return reject(error);
          }
          resolve(value);
        }
        executor(settle, reject);
      });
    }
  };
})((async function () {})().constructor);
var JSON = window.JSON && { parse: window.JSON.parse, stringify: window.JSON.stringify };
// Window methods called unbound run against the window: no .call needed.
var setTimeout = window.setTimeout;
var clearTimeout = window.clearTimeout;
// parley.wasm is compiled from a fetch when there is one, else read with XHR (engine_load.js).
var fetch = typeof window.fetch === 'function' ? window.fetch : undefined;
var XMLHttpRequest = window.XMLHttpRequest;
var WebSocket = window.WebSocket;
var BroadcastChannel = window.BroadcastChannel;
var MutationObserver = window.MutationObserver;
var CustomEvent = window.CustomEvent;   // else document.createEvent (prelude.js)

// Methods, called with .call.
var parleyDispatch = window.EventTarget && EventTarget.prototype.dispatchEvent;
var parleyIsArray = Array.isArray;
// Web Locks (tab_sync.js), or null without them.
var parleyLocks = (function () {
  try { return window.navigator.locks && typeof window.navigator.locks.request === 'function' ? window.navigator.locks : null; } catch (e) { return null; }
})();
