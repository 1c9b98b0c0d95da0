// Where the runtime writes: the cookies the engine asks for, and Parley's own sessionStorage
// keys (conversation, outbox). With consent required, the engine asks for no cookie before
// consent, and the session store writes nothing until allow(true).

var parleyStorage = (function () {
  var prefix = 'parley.';

  function setCookie(action) {
    var parts = [action.name + '=' + action.value, 'path=' + action.path, 'SameSite=Lax'];
    if (action.days > 0) parts.push('max-age=' + Math.round(action.days * 86400));
    if (location.protocol === 'https:') parts.push('Secure');
    document.cookie = parts.join('; ');
  }

  function deleteCookie(action) {
    document.cookie = action.name + '=; path=' + action.path + '; max-age=0; SameSite=Lax';
  }

  // sessionStorage can throw (disabled storage, quota, sandboxed frames): then we simply keep
  // nothing, as a visitor without storage would.
  function createSessionStore(allowed) {
    var keys = {};
    function get(key) {
      try { return window.sessionStorage.getItem(prefix + key); } catch (e) { return null; }
    }
    function set(key, value) {
      if (!allowed) return;
      keys[key] = true;
      try {
        if (value === null || value === undefined) window.sessionStorage.removeItem(prefix + key);
        else window.sessionStorage.setItem(prefix + key, value);
      } catch (e) { /* full or disabled: nothing kept */ }
    }
    return {
      get: get,
      set: set,
      allow: function (yes) {
        allowed = yes;
        if (yes) return;
        try {
          for (var i = window.sessionStorage.length - 1; i >= 0; --i) {
            var name = window.sessionStorage.key(i);
            if (name && name.indexOf(prefix) === 0) window.sessionStorage.removeItem(name);
          }
        } catch (e) { /* nothing to forget */ }
      },
      // Parley's keys and values, for the engine's pageLoad.
      snapshot: function (names) {
        var out = {};
        for (var i = 0; i < names.length; ++i) {
          var value = get(names[i]);
          if (value !== null) out[names[i]] = value;
        }
        return out;
      }
    };
  }

  return { setCookie: setCookie, deleteCookie: deleteCookie, createSessionStore: createSessionStore };
})();
