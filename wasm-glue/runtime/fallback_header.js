/*! Parley engine, wasm2js build: loaded by parley.js only when the page's CSP forbids WebAssembly. */
(function () {
  'use strict';
  // The engine glue ends by exporting itself to CommonJS or AMD when it sees them; these local
  // names keep it from touching a host page's module, exports or define().
  var module, exports, define;
  // parley.js's Promise (builtins.js), left on the script tag that loads this file: whatever the
  // page did to window.Promise or Object.prototype.then.
  var parleyTag = document.currentScript;
  var Promise = parleyTag && parleyTag.parleyPromise || (async function () {})().constructor;
