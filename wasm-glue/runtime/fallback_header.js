/*! Parley engine, wasm2js build: loaded by parley.js only when the page's CSP forbids WebAssembly. */
(function () {
  'use strict';
