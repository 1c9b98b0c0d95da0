/*! Parley: proactive chat and video widget. The engine is C++ compiled to WebAssembly. */
(function () {
  'use strict';
  // The engine glue ends by exporting itself to CommonJS or AMD when it sees them; these local
  // names keep it from touching a host page's module, exports or define().
  var module, exports, define;
  // The script tag that loaded us, captured now: currentScript is null once this returns.
  var parleyScript = document.currentScript;
