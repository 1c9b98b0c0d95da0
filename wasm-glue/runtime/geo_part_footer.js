
  // Hand the part to parley.js, which left a function on our script tag; define no global.
  if (parleyTag && typeof parleyTag.parleyHandOver === 'function')
    parleyTag.parleyHandOver({ version: PARLEY_VERSION, fromProvider: parleyGeo.fromProvider, fromGeolocation: parleyGeo.fromGeolocation });
})();
