
  // Hand-off: parley.js's console hook is waiting (Parley.__consoleLoaded, removed by the hook
  // at once), or the agent desk page loaded this script for a desk-only console.
  var handOff = window.Parley && window.Parley.__consoleLoaded;
  if (typeof handOff === 'function') handOff(parleyConsoleMount);
  else if (parleyConsoleScript && parleyConsoleScript.getAttribute('data-parley-console') === 'desk')
    parleyConsoleMount({ channel: parleyConsoleScript.getAttribute('data-channel') || 'parley',
                         relay: parleyConsoleScript.getAttribute('data-relay') || '' });
})();
