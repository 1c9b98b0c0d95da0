// window.Parley and the Omnichannel-compatible facade (Microsoft.Omnichannel.LiveChatWidget.SDK).
// Every method checks its arguments first: a bad one fires lcw:error naming it and returns,
// never throws into the host's code. Calls made before the widget is ready are queued and run,
// in the order they were made, right after lcw:ready's listeners have run (their own calls join
// the queue too): the page's scripts see lcw:ready first, as with Omnichannel.

function createParleyApi(base) {
  // base: the URL parley.js's parts are next to (loader.js)
  var widget = null;
  var ready = false;
  var shutDown = false;
  var queued = [];
  var customTransport = null;
  var hooks = { contextProvider: null, authTokenProvider: null };
  var geoPart = null;  // parley-geo.js's loader, once a geo hook is set

  function bad(method, argument, expected) {
    parleyError(ParleyErrorCode.badArgument, method + ': ' + argument + ' must be ' + expected);
  }

  // Runs `effect` now if the widget is up, or once it is.
  function later(effect) {
    if (shutDown) return;
    if (ready && widget) effect(widget);
    else queued[queued.length] = effect;  // not push(): a page may have broken it
  }

  // A geo hook's country (geo.js, in parley-geo.js): the file is asked for at once, so that it
  // comes while the engine starts; the hook is asked once the widget is ready and the file here.
  function country(source, hook, what) {
    if (!geoPart) geoPart = createParleyGeoLoader(base);
    geoPart.need(true);
    later(function (w) {
      geoPart.onReady(function (part) {
        if (shutDown) return;
        part[source](hook, w.handle).catch(function (error) {
          parleyError(ParleyErrorCode.geo, what + ': ' + parleyReason(error));
        });
      });
    });
  }

  function reportEngineErrors(method, errors) {
    if (!errors || !errors.length) return;
    parleyError(ParleyErrorCode.badArgument, method + ': ' + errors[0].message +
                (errors[0].path ? ' (at ' + errors[0].path + ')' : ''), { errors: errors });
  }

  function isText(value) {
    return (typeof value === 'string' && value.length > 0) ||
           (parleyIsObject(value) && (typeof value.en === 'string' || typeof value.fr === 'string'));
  }

  var api = {
    version: PARLEY_VERSION,

    startProactiveChat: function (notificationUIConfig, showPrechat, options) {
      var message = typeof notificationUIConfig === 'string' ? notificationUIConfig
                  : parleyIsObject(notificationUIConfig) ? notificationUIConfig.message : undefined;
      if (!isText(message))
        return bad('startProactiveChat', 'notificationUIConfig', 'a message string or {message: string}');
      if (showPrechat !== undefined && typeof showPrechat !== 'boolean')
        return bad('startProactiveChat', 'showPrechat', 'true or false');
      // The third argument is Omnichannel's inNewWindow (a boolean, ignored here) or Parley's options.
      if (options !== undefined && typeof options !== 'boolean' && !parleyIsObject(options))
        return bad('startProactiveChat', 'options', 'an object');
      var event = { type: 'startProactiveChat', message: message, showPrechat: showPrechat === true };
      if (parleyIsObject(options)) {
        if (options.channel !== undefined) event.channel = options.channel;
        if (options.expiresAfter !== undefined) event.expiresAfter = options.expiresAfter;
      }
      later(function (w) { reportEngineErrors('startProactiveChat', w.handle(event)); });
    },

    startChat: function (options) {
      if (options !== undefined && !parleyIsObject(options)) return bad('startChat', 'options', 'an object');
      var event = { type: 'startChat' };
      if (options && options.customContext !== undefined) {
        if (!parleyIsObject(options.customContext)) return bad('startChat', 'options.customContext', 'an object');
        event.customContext = options.customContext;
      }
      if (options && options.channel !== undefined) event.channel = options.channel;
      later(function (w) { w.startChat(event).then(function (errors) { reportEngineErrors('startChat', errors); }); });
    },

    closeChat: function () { later(function (w) { w.handle({ type: 'closeChat' }); }); },

    setContextProvider: function (provider) {
      if (typeof provider !== 'function') return bad('setContextProvider', 'provider', 'a function');
      hooks.contextProvider = provider;
    },
    getContextProvider: function () { return hooks.contextProvider; },
    removeContextProvider: function () { hooks.contextProvider = null; },

    setAuthTokenProvider: function (provider) {
      if (typeof provider !== 'function') return bad('setAuthTokenProvider', 'provider', 'a function');
      hooks.authTokenProvider = provider;
    },

    // Resolves to {isAgentAvailable, chat, video} (true, false, or null when not known yet) and
    // fires lcw:getAgentAvailability with the same.
    getAgentAvailability: function () {
      return new Promise(function (resolve) {
        later(function (w) {
          var known = w.availability() || {};  // two facts, not the inspect snapshot
          var chat = known.chat === undefined ? null : known.chat;
          var video = known.video === undefined ? null : known.video;
          var detail = { isAgentAvailable: chat !== false, chat: chat, video: video };
          parleyFire('lcw:getAgentAvailability', detail);
          resolve(detail);
        });
      });
    },

    configure: function (config) {
      var text;
      if (typeof config === 'string') text = config;
      else if (parleyIsObject(config)) {
        try { text = JSON.stringify(config); } catch (e) { return bad('configure', 'config', 'JSON-serializable'); }
      } else return bad('configure', 'config', 'an object or a JSON string');
      later(function (w) {
        var errors = w.configure(text);
        if (errors.length)
          parleyError(ParleyErrorCode.config, 'configure: ' + errors.length + ' problem(s), first: ' + errors[0].message +
                      ' at "' + errors[0].path + '"', { errors: errors });
      });
    },

    setFact: function (name, value) {
      if (typeof name !== 'string' || !name || name.length > 64) return bad('setFact', 'name', 'a string of 1 to 64 characters');
      var type = typeof value;
      if (value !== null && type !== 'string' && type !== 'number' && type !== 'boolean')
        return bad('setFact', 'value', 'a string, number, boolean or null');
      if (type === 'number' && !isFinite(value)) return bad('setFact', 'value', 'a finite number');
      later(function (w) { reportEngineErrors('setFact', w.handle({ type: 'setFact', name: name, value: value })); });
    },

    setGeoProvider: function (provider) {
      if (typeof provider !== 'function') return bad('setGeoProvider', 'provider', 'a function');
      country('fromProvider', provider, 'geo provider');
    },

    setReverseGeocoder: function (geocoder) {
      if (typeof geocoder !== 'function') return bad('setReverseGeocoder', 'geocoder', 'a function');
      country('fromGeolocation', geocoder, 'reverse geocoder');
    },

    setConsent: function (granted) {
      if (typeof granted !== 'boolean') return bad('setConsent', 'granted', 'true or false');
      later(function (w) { w.setConsent(granted); });
    },

    setTransport: function (transport) {
      if (!parleyIsObject(transport) || typeof transport.send !== 'function' || typeof transport.onMessage !== 'function')
        return bad('setTransport', 'transport', 'an object with send(message) and onMessage(callback)');
      if (widget) return bad('setTransport', 'transport', 'set before the widget starts (right after the script tag)');
      customTransport = transport;
    },

    // on('ready', fn) or on('lcw:ready', fn); returns a function that removes the handler.
    on: function (name, handler) {
      var nothing = function () {};  // what the host calls later to stop listening
      if (typeof name !== 'string' || !name) return bad('on', 'event', 'an event name'), nothing;
      if (typeof handler !== 'function') return bad('on', 'handler', 'a function'), nothing;
      var type = name.indexOf('lcw:') === 0 ? name : 'lcw:' + name;
      var listener = function (event) { handler(event.detail); };
      window.addEventListener(type, listener);
      return function () { window.removeEventListener(type, listener); };
    },

    getState: function () {
      var view = widget && widget.view();
      if (shutDown) return { ready: false, state: 'Closed', minimized: false };
      return { ready: ready, state: view ? view.state : 'Loading', minimized: !!(view && view.minimized) };
    },

    // The inspect snapshot, and the QA console opens over the page (its files load only now).
    inspect: function () {
      later(function (w) { w.openConsole(); });
      return widget && ready ? widget.inspect() : null;
    },

    // For good: this object stays on the page, inert (getState() says ready: false, 'Closed'), and
    // loading parley.js again puts a new one in its place (loader.js).
    shutdown: function () {
      shutDown = true;
      queued = [];
      if (geoPart) geoPart.stop();
      if (widget) widget.stop();
    }
  };

  // The loader hands the widget over once the engine runs.
  function attach(w) { widget = w; }

  // Right after lcw:ready: the widget is up, queued calls run in the order they were made.
  function becomeReady() {
    ready = true;
    var calls = queued;
    queued = [];
    for (var i = 0; i < calls.length; ++i) calls[i](widget);
  }

  function facade() {
    var names = ['startProactiveChat', 'startChat', 'closeChat', 'setContextProvider', 'getContextProvider',
                 'removeContextProvider', 'getAgentAvailability', 'setAuthTokenProvider'];
    var sdk = {};
    for (var i = 0; i < names.length; ++i) sdk[names[i]] = api[names[i]];
    return sdk;
  }

  return {
    api: api,
    hooks: hooks,  // read live by the widget: providers set later still apply
    attach: attach,
    becomeReady: becomeReady,
    facade: facade,
    transport: function () { return customTransport; },
    isShutDown: function () { return shutDown; }
  };
}
