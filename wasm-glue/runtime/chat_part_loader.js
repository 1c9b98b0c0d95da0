// Fetches parley-chat.js, the survey, the chat pane, the video call and the rating (README, "What
// loads when"), next to parley.js and as parley.fallback.js is fetched: a classic script
// (script-src 'self' is enough, no eval) that hands its part to the function left on its own tag,
// so it defines no global. It gets parley.js's Promise the same way (builtins.js: whatever the page did
// to window.Promise since). A part of another version is refused: the two files go together.
//
// Asked for early (an invitation, a hand on the launcher: ui_renderer.js), never on the way to
// lcw:ready. A failure is tried once more after a second; then lcw:error chatPart (13), and
// need(true) tries again (the visitor opened the survey or the chat anew).
//
//   createParleyChatLoader(base) -> {need(again), onReady(callback(part)), stop()}
//   part: {version, css, prechat(kit), chat(kit), postchat(kit), createVideoCall(options)}
function createParleyChatLoader(base) {
  var RETRY_MS = 1000;
  var state = 'idle';   // idle, loading, failed, ready
  var part = null;
  var listeners = [];
  var timer = null;
  var stopped = false;

  function need(again) {
    if (stopped || state === 'loading' || state === 'ready' || (state === 'failed' && !again)) return;
    state = 'loading';
    try {
      load(1);
    } catch (error) {  // a page that broke what loading needs: reported, never thrown into it
      failed(2, parleyReason(error));
    }
  }

  function load(attempt) {
    var url = new URL('parley-chat.js', base).href;
    var tag = document.createElement('script');
    var handed = false;
    tag.src = url;
    tag.async = true;
    tag.parleyBuiltins = { Promise: Promise, parleyReason: parleyReason };
    tag.parleyHandOver = function (given) {
      handed = true;
      if (!given || given.version !== PARLEY_VERSION || typeof given.css !== 'string' ||
          typeof given.prechat !== 'function' || typeof given.chat !== 'function' ||
          typeof given.postchat !== 'function' || typeof given.createVideoCall !== 'function')
        return failed(attempt, url + ' is not the chat part of Parley ' + PARLEY_VERSION);
      arrived(given);
    };
    // Loaded but it did not hand its part over (it did not run): as good as missing.
    tag.onload = function () {
      tag.remove();
      if (!handed) failed(attempt, url + ' loaded but did not start');
    };
    tag.onerror = function () {
      tag.remove();
      failed(attempt, url + ' did not load');
    };
    (document.head || document.documentElement).appendChild(tag);
  }

  function failed(attempt, reason) {
    if (stopped) return;
    if (attempt < 2) {
      timer = setTimeout(function () {
        timer = null;
        try { load(attempt + 1); } catch (error) { failed(attempt + 1, parleyReason(error)); }
      }, RETRY_MS);
      return;
    }
    state = 'failed';
    parleyError(ParleyErrorCode.chatPart, 'the chat pane could not load: ' + reason +
      ' (the conversation goes on; it shows when the visitor opens the chat again)');
  }

  function arrived(given) {
    if (stopped) return;
    state = 'ready';
    part = given;
    for (var i = 0; i < listeners.length; i++) tell(listeners[i]);
  }

  // A listener that throws is the widget's bug: reported, never thrown into the page.
  function tell(listener) {
    try {
      listener(part);
    } catch (error) {
      parleyError(ParleyErrorCode.chatPart, 'the chat pane could not start: ' + parleyReason(error));
    }
  }

  return {
    need: need,
    onReady: function (listener) {
      listeners[listeners.length] = listener;
      if (part) tell(listener);
    },
    stop: function () {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }
  };
}
