// Where the runtime writes: the cookies the engine asks for, Parley's own sessionStorage keys
// (conversation, outbox) and the relay's visitor identity. With consent required, the engine asks
// for no cookie before consent, and the session and identity stores write nothing until allow(true).

var parleyStorage = (function () {
  var prefix = 'parley.';

  function setCookie(action) {
    document.cookie = action.name + '=' + action.value + '; path=' + action.path + '; SameSite=Lax' +
                      (action.days > 0 ? '; max-age=' + Math.round(action.days * 86400) : '') +
                      (location.protocol === 'https:' ? '; Secure' : '');
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

  // The identity parley-relay signed for this visitor (its `welcome`): it is what makes the
  // visitor's conversations theirs again on the next page and the next visit. Kept in a
  // first-party cookie (the relay may be on another origin: nothing third-party is needed) for
  // `days` (the config's visits.days), only while storing is allowed; otherwise in memory, for
  // this page only (after a reload the relay signs a new one).
  function createIdentityStore(allowed, days) {
    var cookie = { name: 'parley_identity', path: '/', days: days };
    var memory = null;
    function write() {
      if (!allowed || !memory) return;
      cookie.value = encodeURIComponent(memory);
      setCookie(cookie);
    }
    return {
      get: function () {
        var match = /(?:^|;\s*)parley_identity=([^;]+)/.exec(document.cookie);
        try { return memory || (match && decodeURIComponent(match[1])); } catch (e) { return null; }
      },
      set: function (token) { memory = token; write(); },
      allow: function (yes) {
        allowed = yes;
        if (yes) write();
        else deleteCookie(cookie);
      }
    };
  }

  return { setCookie: setCookie, deleteCookie: deleteCookie, createSessionStore: createSessionStore,
           createIdentityStore: createIdentityStore };
})();
