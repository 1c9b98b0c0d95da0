// Keeps the widget's element on the page. A page that replaces <body> (or empties it) takes the
// element with it while the engine's view still says what is on screen: the element is put back
// at once, on the page's DOM change (a MutationObserver on <html> and on the element's parent,
// child lists only) and before every API call, by drawing the last view again (the renderer
// attaches its element on each render). The renderer keeps its element to itself: it is found by
// its data-parley-widget attribute after the first render.

function createParleyElementKeeper(redraw) {
  var element = null;
  var observer = null;
  var stopped = false;

  // A page without a working MutationObserver: the element comes back on the next API call.
  function watch() {
    if (!element || !element.parentNode || typeof MutationObserver !== 'function') return;
    try {
      if (!observer) observer = new MutationObserver(check);
      observer.disconnect();
      observer.observe(document.documentElement, { childList: true });
      if (element.parentNode !== document.documentElement) observer.observe(element.parentNode, { childList: true });
    } catch (e) {
      observer = null;
    }
  }

  // After each render: the element, once there is one.
  function rendered() {
    if (element || stopped) return;
    element = document.querySelector('[data-parley-widget]');
    watch();
  }

  function check() {
    if (stopped || !element || element.isConnected) return;
    redraw();
    watch();
  }

  function stop() {
    stopped = true;
    if (observer) try { observer.disconnect(); } catch (e) { /* nothing to stop */ }
  }

  return { rendered: rendered, check: check, stop: stop };
}
