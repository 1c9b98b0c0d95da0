// The pre-load stub: inlined in the page before the async parley.js tag (minified, about 300
// bytes: the README's snippet; tests/package/ checks its size and that the README has this file's
// minified text). Until parley.js runs, window.Parley is this object: each call is queued in `q`
// as [name, arguments] and parley.js replays them in order when it starts (loader.js), so
// setTransport and the providers are in place before the widget starts. Only the methods without
// a result are here: on(), getState() and the getters come with parley.js (lcw:* events can be
// listened to with window.addEventListener at any time). A page that already has a Parley keeps it.
(function (w) {
  if (w.Parley) return;
  var q = [];
  var p = w.Parley = { q: q };
  ('startProactiveChat startChat closeChat setContextProvider removeContextProvider setAuthTokenProvider ' +
   'configure setFact setGeoProvider setReverseGeocoder setConsent setTransport shutdown').split(' ').forEach(function (m) {
    p[m] = function () { q.push([m, arguments]); };
  });
})(window);
