/*! Parley QA console: Dear ImGui and the Parley engine compiled to WebAssembly. Loaded only when opened. */
(function () {
  'use strict';
  // The Emscripten glue exports itself to CommonJS or AMD when it sees them; these local names
  // keep it from touching a host page's module system (and it defines no global either).
  var module, exports, define;
  // This script's tag, captured now (currentScript is null once this returns): the wasm is next to it.
  var parleyConsoleScript = document.currentScript;
