// The country, in the order design.md gives: the host's geo provider, then the time zone (the
// engine's own table, from pageLoad's timeZone), then browser geolocation turned into a country
// by the host's reverse geocoder. Geolocation is used only when its permission is already
// granted: Parley never makes the browser ask the visitor on page load.
// In parley-geo.js, fetched when a page sets one of the hooks (public_api.js): most pages never do.

var parleyGeo = (function () {
  var HOOK_TIMEOUT_MS = 10000;
  var namesToCodes = null;

  // "France", "france", "FR" -> "FR"; names in English or French, through Intl.DisplayNames.
  function countryCode(value) {
    if (parleyIsObject(value)) value = value.country;
    if (typeof value !== 'string') return null;
    var text = value.trim();
    if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
    if (!namesToCodes) {
      namesToCodes = {};
      try {
        var names = [new Intl.DisplayNames(['en'], { type: 'region' }), new Intl.DisplayNames(['fr'], { type: 'region' })];
        for (var a = 65; a <= 90; ++a) for (var b = 65; b <= 90; ++b) {
          var code = String.fromCharCode(a, b);
          names.forEach(function (n) {
            var name = n.of(code);
            // First code wins: reserved codes reuse names ("FX" is also "France").
            if (name && name !== code && !namesToCodes[name.toLowerCase()]) namesToCodes[name.toLowerCase()] = code;
          });
        }
      } catch (e) { /* no Intl.DisplayNames: codes only */ }
    }
    return namesToCodes[text.toLowerCase()] || null;
  }

  // Calls `provider()`; reports the country it gives through `send`.
  function fromProvider(provider, send) {
    var result;
    try { result = provider(); } catch (e) { return Promise.reject(e); }
    return parleyResolve(result, HOOK_TIMEOUT_MS).then(function (value) {
      var code = countryCode(value);
      if (!code) throw new Error('the geo provider gave no ISO 3166 country: ' + JSON.stringify(value));
      send({ type: 'country', country: code, source: 'host' });
    });
  }

  function fromGeolocation(geocoder, send) {
    if (!navigator.geolocation || !navigator.permissions) return Promise.resolve();
    return navigator.permissions.query({ name: 'geolocation' }).then(function (status) {
      if (status.state !== 'granted') return;  // never prompt on our own
      return new Promise(function (resolve, reject) {
        navigator.geolocation.getCurrentPosition(resolve, reject, { timeout: HOOK_TIMEOUT_MS, maximumAge: 3600000 });
      }).then(function (position) {
        return parleyResolve(geocoder(position.coords.latitude, position.coords.longitude), HOOK_TIMEOUT_MS);
      }).then(function (value) {
        var code = countryCode(value);
        if (!code) throw new Error('the reverse geocoder gave no known country: ' + JSON.stringify(value));
        send({ type: 'country', country: code, source: 'geolocation' });
      });
    });
  }

  return { countryCode: countryCode, fromProvider: fromProvider, fromGeolocation: fromGeolocation };
})();
