// Fetches a part of Parley that lcw:ready does not wait for (README, "What loads when"), next to
// parley.js and as parley.fallback.js is fetched: a classic script (script-src 'self' is enough,
// no eval) that hands its part to the function left on its own tag, so it defines no global. It
// gets parley.js's built-ins the same way (builtins.js: whatever the page did to window.Promise,
// JSON, WebSocket... since). A part of another version is refused: the files go together.
//
// A failure is tried once more after a second; then lcw:error with the part's code, and
// need(true) tries again.
//
//   createParleyPartLoader(base, spec) -> {need(again), onReady(callback(part)), stop()}
//   spec: {file, hands: [the functions the part must hand over], texts: [its strings], code
//          (lcw:error), failed(reason) -> the error's description}
function createParleyPartLoader(base, spec) {
  var RETRY_MS = 1000;
  var state = 'idle';   // idle, loading, failed, ready
  var part = null;
  var listeners = [];
  var timer = null;
  var stopped = false;

  // The script tag is added from a task of its own: a request records the script stack that made
  // it (DevTools' initiator), and V8 parses every function on that stack again for its source
  // positions; from the widget's start that stack holds the runtime's largest functions.
  function need(again) {
    if (stopped || state === 'loading' || state === 'ready' || (state === 'failed' && !again)) return;
    state = 'loading';
    parleyNextTask(function () {
      try {
        if (!stopped) load(1);
      } catch (error) {  // a page that broke what loading needs: reported, never thrown into it
        failed(2, parleyReason(error));
      }
    });
  }

  function handsAll(given) {
    if (!given || given.version !== PARLEY_VERSION) return false;
    for (var i = 0; i < spec.hands.length; i++) if (typeof given[spec.hands[i]] !== 'function') return false;
    for (var j = 0; j < spec.texts.length; j++) if (typeof given[spec.texts[j]] !== 'string') return false;
    return true;
  }

  function load(attempt) {
    var url = new URL(spec.file, base).href;
    var tag = document.createElement('script');
    var handed = false;
    tag.src = url;
    tag.async = true;
    tag.parleyBuiltins = { Promise: Promise, parleyReason: parleyReason, JSON: JSON, setTimeout: setTimeout,
                           clearTimeout: clearTimeout, WebSocket: WebSocket, BroadcastChannel: BroadcastChannel,
                           isArray: parleyIsArray, isObject: parleyIsObject, locks: parleyLocks, resolve: parleyResolve };
    tag.parleyHandOver = function (given) {
      handed = true;
      if (!handsAll(given)) return failed(attempt, url + ' is not the ' + spec.file + ' of Parley ' + PARLEY_VERSION);
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
    parleyError(spec.code, spec.failed(reason));
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
      parleyError(spec.code, spec.file + ' could not start: ' + parleyReason(error));
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

// parley-chat.js: the survey, the chat pane, the video call and the rating. Asked for early (an
// invitation, a hand on the launcher: ui_renderer.js), never on the way to lcw:ready; after a
// failure, again when the visitor opens the survey or the chat anew.
//   part: {version, css, prechat(kit), chat(kit), postchat(kit), createVideoCall(options)}
function createParleyChatLoader(base) {
  return createParleyPartLoader(base, {
    file: 'parley-chat.js', hands: ['prechat', 'chat', 'postchat', 'createVideoCall'], texts: ['css'],
    code: ParleyErrorCode.chatPart,
    failed: function (reason) {
      return 'the chat pane could not load: ' + reason +
        ' (the conversation goes on; it shows when the visitor opens the chat again)';
    }
  });
}

// parley-wire.js: the site's tabs, the reliability layer and both wires (BroadcastChannel,
// WebSocket), asked for as the widget is made, while the engine starts: what the widget sends and
// stores before it comes waits, in order (tabs_stand_in.js). After a failure, again with the next
// message sent.
//   part: {version, createTabs(options), createReliableTransport(options), createWebSocketWire(options),
//          createBroadcastWire(channel)}
function createParleyWireLoader(base) {
  return createParleyPartLoader(base, {
    file: 'parley-wire.js', hands: ['createTabs', 'createReliableTransport', 'createWebSocketWire', 'createBroadcastWire'], texts: [],
    code: ParleyErrorCode.wirePart,
    failed: function (reason) {
      return 'the connection to the agents could not load: ' + reason +
        ' (what the visitor sends waits; tried again with the next message)';
    }
  });
}

// parley-geo.js: the country from the host's geo provider or reverse geocoder (geo.js), asked for
// when the page sets one (public_api.js), so it comes while the engine starts; the hooks are
// asked once the widget is ready, as before. After a failure, again when a hook is set anew.
//   part: {version, fromProvider(provider, send), fromGeolocation(geocoder, send)}
function createParleyGeoLoader(base) {
  return createParleyPartLoader(base, {
    file: 'parley-geo.js', hands: ['fromProvider', 'fromGeolocation'], texts: [],
    code: ParleyErrorCode.geo,
    failed: function (reason) {
      return 'the country from the geo hooks could not load: ' + reason + ' (the country stays the time zone\'s)';
    }
  });
}
