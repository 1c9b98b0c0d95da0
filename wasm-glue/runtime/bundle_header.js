/*! Parley: proactive chat and video widget. The engine is C++ compiled to WebAssembly. */
(function () {
  'use strict';
  // The script tag that loaded us, captured now: currentScript is null once this returns.
  var parleyScript = document.currentScript;
