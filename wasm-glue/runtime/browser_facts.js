// Browser facts to engine events: visibility, the pointer leaving the page, input (idle), scroll
// depth and single-page-app route changes. Listeners only, all passive, all removed by stop();
// no timer runs here, and nothing of the host's (its handlers, History, prototypes) is touched
// except as a last resort for route changes, see below.

function createParleyBrowserFacts(send) {
  var ACTIVITY_EVERY_MS = 1000;  // input is frequent; the engine needs it to the second at most
  var SCROLL_EVERY_MS = 250;
  var listeners = [];
  var pointerOutside = false;
  var lastActivity = 0;
  var lastScroll = 0;
  var lastUrl = location.href;
  var restoreHistory = null;

  function listen(target, type, handler) {
    target.addEventListener(type, handler, { passive: true, capture: true });
    listeners[listeners.length] = [target, type, handler];  // not push(): a page may have broken it
  }

  function visible() { return document.visibilityState !== 'hidden'; }

  // The browser's languages, most wanted first (the engine picks the first it has strings for
  // when the page's own has none). A plain loop: a page may have replaced Array.prototype's.
  function browserLanguages() {
    var all = navigator.languages, out = [];
    if (!all || typeof all.length !== 'number') return navigator.language ? [navigator.language] : [];
    for (var i = 0; i < all.length && i < 8; i++) out[out.length] = String(all[i]);
    return out;
  }

  function scrollDepth() {
    var root = document.documentElement;
    var total = Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0);
    if (total <= window.innerHeight) return 100;
    return Math.min(100, Math.max(0, ((window.scrollY + window.innerHeight) / total) * 100));
  }

  function activity(event) {
    // The QA console's overlay is not the visitor's page: using it is not visitor activity.
    if (event.target && event.target.closest && event.target.closest('[data-parley-console]')) return;
    var now = Date.now();
    if (now - lastActivity < ACTIVITY_EVERY_MS) return;
    lastActivity = now;
    send({ type: 'activity' });
  }

  function routeChanged() {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    send({ type: 'navigate', url: location.href, cookies: document.cookie });
  }

  function start() {
    listen(document, 'visibilitychange', function () { send({ type: 'visibility', visible: visible() }); });
    listen(window, 'pagehide', function () { send({ type: 'visibility', visible: false }); });
    listen(window, 'pageshow', function (event) {
      if (event.persisted) send({ type: 'visibility', visible: visible() });  // back from the bfcache
    });

    // The pointer leaving the document: relatedTarget is null when it goes outside the page.
    // Through the top edge (clientY <= 0) it heads for the tabs or the address bar.
    listen(document, 'mouseout', function (event) {
      if (event.relatedTarget || pointerOutside) return;
      pointerOutside = true;
      send({ type: 'pointerLeave', top: event.clientY <= 0 });
    });
    listen(document, 'mouseover', function () {
      if (!pointerOutside) return;
      pointerOutside = false;
      send({ type: 'pointerEnter' });
    });

    var inputs = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'];
    for (var i = 0; i < inputs.length; ++i) listen(document, inputs[i], activity);
    listen(window, 'scroll', function () {
      var now = Date.now();
      if (now - lastScroll < SCROLL_EVERY_MS) return;
      lastScroll = now;
      send({ type: 'scroll', depth: Math.round(scrollDepth()) });
    });

    // Route changes: the Navigation API sees pushState, replaceState, back/forward and hash
    // changes without touching the host's objects. Without it, popstate and hashchange cover
    // back/forward and anchors, and pushState/replaceState are observed by wrapping the two
    // methods on this page's `history` object (restored by stop()).
    listen(window, 'popstate', routeChanged);
    listen(window, 'hashchange', routeChanged);
    if (window.navigation && typeof window.navigation.addEventListener === 'function') {
      listen(window.navigation, 'currententrychange', routeChanged);
    } else {
      var push = history.pushState;
      var replace = history.replaceState;
      history.pushState = function () { var r = push.apply(this, arguments); routeChanged(); return r; };
      history.replaceState = function () { var r = replace.apply(this, arguments); routeChanged(); return r; };
      restoreHistory = function () { history.pushState = push; history.replaceState = replace; };
    }
  }

  function stop() {
    for (var i = 0; i < listeners.length; ++i) listeners[i][0].removeEventListener(listeners[i][1], listeners[i][2], { capture: true });
    listeners = [];
    if (restoreHistory) restoreHistory();
    restoreHistory = null;
  }

  return {
    start: start,
    stop: stop,
    // The page as it is now, for the engine's pageLoad.
    snapshot: function () {
      return {
        url: location.href,
        referrer: document.referrer,
        cookies: document.cookie,
        visible: visible(),
        touch: window.matchMedia ? window.matchMedia('(pointer: coarse)').matches : false,
        language: document.documentElement.lang || '',
        languages: browserLanguages()
      };
    }
  };
}
