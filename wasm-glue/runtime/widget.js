// One Parley widget on the page: the engine, the browser facts, the UI and the transport, and the
// loop that carries events in and actions out. The engine call is synchronous and never
// re-entered: events that arrive while actions are applied wait their turn, and window events
// are dispatched only after the call has returned, so host handlers may call the API again.

function createParleyWidget(engine, options) {
  // options: {zones, theme (configure's: the view's), consentRequired, trace, transport (or null:
  //           ours), channel, relayUrls (set: the WebSocket wire to these parley-relay URLs, else
  //           the BroadcastChannel), identityDays, colorOverride, fontOverride, hideLauncher, iceServers, hooks (the API's, read live),
  //           consoleBase (URL parley-console.js is next to), configText, onReady(), onStop(error)}
  var MAX_TIMER_MS = 2147483647;  // setTimeout's limit: a later deadline is re-armed on the way
  var HOOK_TIMEOUT_MS = 5000;
  var busy = false;
  var pending = [];
  var timer = null;
  var stopped = false;
  var lastView = null;
  var hooks = options.hooks;
  var pageId = randomId();
  var refusal = null;   // the engine's last refusal for the state it is in (see handle)
  var consentCookie = /(?:^|;\s*)parley_consent=1(?:;|$)/.test(document.cookie);
  var session = parleyStorage.createSessionStore(!options.consentRequired || consentCookie);
  var identity = parleyStorage.createIdentityStore(!options.consentRequired || consentCookie, options.identityDays);
  var facts = createParleyBrowserFacts(pageFact);
  // The chat pane, the call and the rating come with parley-chat.js, the transports with
  // parley-wire.js (part_loader.js).
  var chatPart = createParleyChatLoader(options.consoleBase);
  var wirePart = createParleyWireLoader(options.consoleBase);
  if (!options.transport) wirePart.need();  // ahead of the start: the hello goes as soon as it can
  var renderer = createParleyRenderer({
    document: document,
    chat: chatPart,
    onIntent: intent,
    onDraft: function (text) { intent({ type: 'draft', text: text }); },
    hideLauncher: options.hideLauncher,
    colorOverride: options.colorOverride,
    fontOverride: options.fontOverride,
    assetBase: options.consoleBase  // parley.js's URL: parley-locale-<language>.json sits next to it
  });
  var elementKeeper = createParleyElementKeeper(function () { if (lastView) renderer.render(lastView); });
  // One conversation for the site's tabs: one of them owns the connection (tab_sync.js, in
  // parley-wire.js; tabs_stand_in.js until it comes). The host's own transport is the host's:
  // then this tab is on its own.
  var tabs = createParleyTabsStandIn(wirePart, {
    hostTransport: options.transport,
    key: options.relayUrls ? 'relay ' + options.relayUrls.join(' ') : 'channel ' + (options.channel || 'parley'),
    tab: pageId,
    session: session,
    identity: identity,
    open: openTransport,
    conversation: function (text) { handle({ type: 'mirror', conversation: text }); },
    intent: function (event) { intent(event); }
  });
  var transport = null;
  var started = false;
  var signalCount = 0;
  // video_call.js is parley-chat.js's: the engine's call actions wait for it (a call only happens
  // in a conversation, which has asked for it already). An agent's webrtc.* before it can only
  // belong to no call of ours.
  var videoCall = null;
  var callActions = [];
  chatPart.onReady(function (part) {
    if (stopped || videoCall) return;
    videoCall = part.createVideoCall({
      handle: handle,
      send: function (message) { if (transport) transport.send(message); },
      newId: function () { return pageId + '-rtc-' + ++signalCount; },
      iceServers: options.iceServers,
      onMedia: function () { renderer.media(videoCall.streams()); }
    });
    var waiting = callActions;
    callActions = [];
    for (var i = 0; i < waiting.length; i++) videoCall.apply(waiting[i]);
  });
  function callAction(action) {
    if (videoCall) return videoCall.apply(action);
    callActions[callActions.length] = action;
    chatPart.need();
  }

  // The QA console's timeline and clock (its "advance the clock" offsets the engine's now).
  var consoleHook = createParleyConsoleHook(options.consoleBase, options.configText);

  function randomId() {
    var bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  // Sends one event; returns the engine's errors for it (not for the events queued behind it).
  // A startProactiveChat the engine refused for its state (it checks the state first) is refused
  // again without asking it while nothing can have changed: no other event since, no deadline
  // passed. A page calling it in a loop then costs microseconds per call, not a JSON round trip.
  function handle(event) {
    if (stopped) return [];
    if (refusal !== null) {
      if (refusal.type === event.type && consoleHook.now() < refusal.until) return refusal.errors;
      refusal = null;
    }
    if (busy) {
      pending[pending.length] = event;  // not push(): a page may have broken it
      return [];
    }
    busy = true;
    var fired = [];
    var result;
    try {
      result = step(event, fired);
      if (!pending.length && !result.actions.length && isStateRefusal(event, result.errors))
        refusal = { type: event.type, errors: result.errors, until: result.nextDeadline < 0 ? Infinity : result.nextDeadline };
      while (pending.length && !stopped) step(pending.shift(), fired);
    } catch (error) {
      busy = false;
      stop(error);
      return [];
    }
    busy = false;
    for (var i = 0; i < fired.length; ++i) {
      parleyFire(fired[i][0], fired[i][1]);
      // Calls queued before ready (and those made by lcw:ready's listeners) run now, in order.
      if (fired[i][0] === 'lcw:ready' && options.onReady) options.onReady();
    }
    return result.errors;
  }

  function isStateRefusal(event, errors) {
    return event.type === 'startProactiveChat' && errors.length === 1 && errors[0].code === 'invalid_state';
  }

  function step(event, fired) {
    var result = engine.handle(event, consoleHook.now());
    consoleHook.record(event, result);
    for (var i = 0; i < result.actions.length; ++i) apply(result.actions[i], fired);
    arm(result.nextDeadline);
    if (options.trace && result.errors.length) console.warn('[parley] ' + event.type + ':', result.errors);
    return result;
  }

  // A browser fact the engine could not take as it was (a page URL over 2048 bytes is kept
  // shortened) is the page's to know: reported, never silent.
  function pageFact(event) {
    var errors = handle(event);
    if (errors.length) {
      var where = errors[0].path ? ' (at ' + errors[0].path + ')' : '';
      parleyError(ParleyErrorCode.hostPage, event.type + ': ' + errors[0].message + where, { errors: errors });
    }
    return errors;
  }

  function apply(action, fired) {
    switch (action.type) {
      case 'setCookie': parleyStorage.setCookie(action); break;
      case 'deleteCookie': parleyStorage.deleteCookie(action); break;
      case 'store': tabs.store(action.key, action.value); break;
      case 'render': lastView = action.view; renderer.render(action.view); elementKeeper.rendered(); break;
      case 'send': if (transport) transport.send(action.message); break;
      case 'media': case 'connectCall': case 'endCall': callAction(action); break;
      case 'emit': fired[fired.length] = [action.name, action.detail]; break;
      case 'trace': console.log('[parley] rule ' + action.rule + ': ' + (action.value ? 'true' : 'false') +
                                (action.armed ? ' (armed)' : ''), action); break;
      default: break;
    }
  }

  // One timer for the engine's next deadline, none when nothing is pending.
  function arm(deadline) {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (deadline < 0 || stopped) return;
    var delay = Math.min(MAX_TIMER_MS, Math.max(0, deadline - consoleHook.now()));
    timer = setTimeout(function () { timer = null; handle({ type: 'tick' }); }, delay);
  }

  // A user intent from the UI. Accepting or starting a chat first asks the host's context and
  // token providers (sync or async); a provider that fails is reported and the chat still starts.
  function intent(event) {
    if (tabs.mirroring()) tabs.forward(event);
    else if (event.type === 'accept' || event.type === 'startChat') withHostContext(event).then(handleReportingContext);
    else handle(event);
  }

  function askHook(hook, what) {
    if (!hook) return Promise.resolve(undefined);
    var value;
    try { value = hook(); } catch (error) { return Promise.reject(error); }
    return parleyResolve(value, HOOK_TIMEOUT_MS);
  }

  function withHostContext(event) {
    var context = askHook(hooks.contextProvider).then(function (value) {
      if (value === undefined || value === null) return;
      if (!parleyIsObject(value)) throw new Error('the context provider returned ' + typeof value + ', not an object');
      event.hostContext = value;
    }).catch(function (error) {
      parleyError(ParleyErrorCode.contextProvider, 'context provider failed: ' + parleyReason(error));
    });
    var token = askHook(hooks.authTokenProvider).then(function (value) {
      if (typeof value === 'string' && value) event.authToken = value;
    }).catch(function (error) {
      parleyError(ParleyErrorCode.contextProvider, 'auth token provider failed: ' + parleyReason(error));
    });
    // Both providers are asked at once; the event waits for both.
    return context.then(function () { return token; }).then(function () { return event; });
  }

  // Entries the engine refused in the host's context are the provider's fault: code 1 as well.
  function handleReportingContext(event) {
    var errors = handle(event);
    var contextErrors = errors.filter(function (e) { return /^\/(hostContext|customContext)/.test(e.path); });
    if (contextErrors.length)
      parleyError(ParleyErrorCode.contextProvider, 'context entries ignored: ' + contextErrors[0].message, { errors: contextErrors });
    return errors.filter(function (e) { return contextErrors.indexOf(e) < 0; });
  }

  function setTimer(fn, ms) { return setTimeout(fn, ms); }
  function clearTimer(id) { clearTimeout(id); }

  // Both wires under one reliability layer (outbox, backoff, acks, de-duplication), opened by the
  // tab that owns the connection, with what the site's tabs share (tab_sync.js): parley-wire.js's.
  function openTransport(part, storage, sharedIdentity) {
    var wire = options.relayUrls
      ? part.createWebSocketWire({ urls: options.relayUrls, identity: sharedIdentity, setTimer: setTimer, clearTimer: clearTimer, random: Math.random })
      : part.createBroadcastWire(options.channel);
    return part.createReliableTransport({
      wire: wire, storage: storage, now: Date.now, setTimer: setTimer, clearTimer: clearTimer,
      refused: function (id, code, message) {
        parleyError(ParleyErrorCode.transport, 'the relay refused message ' + id + ': ' + code + ' (' + message + ')', { id: id, code: code });
      },
      delivered: function (id) { handle({ type: 'delivered', id: id }); }
    });
  }

  // What the start would otherwise do in its own task, done in the task before (loader.js): the
  // time zone facts (Intl) and the widget's shadow tree and stylesheet, built for the config's
  // theme (configure's result holds the view's theme: as the first render will see it).
  var prepared = null;
  function prepare() {
    if (prepared || stopped) return;
    prepared = { zones: options.zones, zone: parleyTimeZones.visitorZone(), offsets: parleyTimeZones.offsets(options.zones, new Date()) };
    renderer.prepare(options.theme);
  }

  function start() {
    transport = tabs.transport;
    transport.onMessage(function (message) {
      if (parleyIsObject(message) && /^webrtc\./.test(message.type)) {   // WebRTC signalling is the runtime's business
        if (videoCall) videoCall.receive(message);
        return;
      }
      handle({ type: 'received', message: message });
    });
    facts.start();
    var page = facts.snapshot();
    page.type = 'pageLoad';
    page.pageId = pageId;
    prepare();
    page.timeZone = prepared.zone;
    page.utcOffset = -new Date().getTimezoneOffset();
    page.zoneOffsets = prepared.zones === options.zones ? prepared.offsets : parleyTimeZones.offsets(options.zones, new Date());
    page.storage = session.snapshot(['conversation']);
    started = true;
    var errors = pageFact(page);
    tabs.start();
    // After pageLoad (the engine refuses events before it); told at once when not online yet.
    if (typeof transport.onConnection === 'function')
      transport.onConnection(function (state) { handle({ type: 'connection', state: state }); });
    transport.send({ type: 'visitor.hello', id: pageId + '-hello' });
    consoleHook.attach(api);
    return errors;
  }

  function stop(error) {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    facts.stop();
    elementKeeper.stop();
    if (videoCall) videoCall.stop();
    chatPart.stop();
    wirePart.stop();
    try { renderer.destroy(); } catch (e) { /* already gone */ }
    try { if (transport && transport.close) transport.close(); } catch (e) { /* already closed */ }
    if (options.onStop) options.onStop(error);
  }

  var api = {
    prepare: prepare,
    start: start,
    stop: stop,
    // API calls: the widget's element is back on the page first, if the page took it away. A
    // conversation another tab owns is closed there.
    handle: function (event) {
      elementKeeper.check();
      if (event.type === 'closeChat' && tabs.mirroring()) return tabs.forward(event), [];
      return handle(event);
    },
    // For API calls that may need the host's context first.
    startChat: function (event) {
      elementKeeper.check();
      if (tabs.mirroring()) return tabs.forward(event), Promise.resolve([]);
      return withHostContext(event).then(handleReportingContext);
    },
    configure: function (configText) {
      var result = engine.configure(configText);
      consoleHook.configured(configText);
      options.zones = result.zones;
      if (started && !stopped) handle({ type: 'zoneOffsets', offsets: parleyTimeZones.offsets(result.zones, new Date()) });
      return result.errors;
    },
    setConsent: function (granted) {
      session.allow(granted || !options.consentRequired);
      identity.allow(granted || !options.consentRequired);
      return handle({ type: 'consent', granted: granted });
    },
    view: function () { return stopped ? null : lastView; },
    inspect: function () { return stopped ? null : engine.inspect(consoleHook.now()); },
    availability: function () { return stopped ? null : engine.availability(); },
    openConsole: function () { if (!stopped) consoleHook.open(); },
    stopped: function () { return stopped; }
  };
  return api;
}
