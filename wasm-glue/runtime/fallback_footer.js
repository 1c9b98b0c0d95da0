
  // Hand the factory to parley.js, which left a function on the script tag too; define no global
  // of our own.
  if (parleyTag && typeof parleyTag.parleyHandOver === 'function') parleyTag.parleyHandOver(createParleyEngine);
})();
