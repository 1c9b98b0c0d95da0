
  // Hand the factory to parley.js, which asked for this file; define no global of our own.
  var parley = window.Parley;
  if (parley && typeof parley.__engineFallbackLoaded === 'function') parley.__engineFallbackLoaded(createParleyEngine);
})();
