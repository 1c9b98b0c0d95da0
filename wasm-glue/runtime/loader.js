// Boot: read the script tag, install the API at once (calls are queued), replay the calls the
// pre-load stub (parley-stub.js) queued, load the config and the engine (engine_load.js), then
// start the widget once the document is parsed. Any failure fires lcw:error and leaves the page
// as it was: no widget, nothing thrown (bundle_footer.js catches what would still escape). Nothing
// here waits on a promise resolved with a plain object: a page's Object.prototype.then could hold
// it up forever. After Parley.shutdown(), running this script again (an SPA's remount) boots a new
// widget in place of the shut-down one.

function parleyBoot() {
  // A second copy of the tag while the first one runs: the first one stays.
  var previous = window.Parley;
  if (parleyRunning(previous)) return;

  var script = parleyScript || document.querySelector('script[src*="parley.js"]');
  var attribute = function (name) { return script ? script.getAttribute(name) : null; };
  var base = assetBase();
  var controller = createParleyApi(base);
  installApi(controller.api);
  installFacade(controller.facade(), previous);
  replay(previous, controller.api);

  var config, engineModule, failed = false;
  loadConfig(function (value) { config = value; proceed(); }, fail);
  parleyLoadEngine(base).then(function (module) { engineModule = module; proceed(); }, fail);

  function fail(error) {
    if (failed) return;
    failed = true;
    parleyError(error.parleyCode || ParleyErrorCode.engineLoad, error.message || String(error));
  }

  // Once both the config and the engine are here: the start, in four tasks rather than one
  // (each first call into the engine also has V8 compile the wasm functions it reaches, on the
  // main thread): the config, then the widget, then what its start can do ahead (prepare), then
  // its start once the document is parsed. A message between them, not a timer (see
  // parleyNextTask).
  function proceed() {
    if (failed || config === undefined || engineModule === undefined || controller.isShutDown()) return;
    // A config that is not compiled (parley-config compile) is read by the engine's config reader,
    // which is in its deferred part (parley.deferred.wasm): the start waits for that part.
    if (engineModule.parleyDeferredPart && !(parleyIsObject(config) && parleyIsObject(config.$compiled)))
      return afterDeferredPart(proceed);
    var engine = createParleyEngineBridge(engineModule);
    var configText, configured, iceServers;
    step(function () {
      if (attribute('data-lcw-version') === 'test') config.trace = true;  // Omnichannel's test mode: a console trace
      iceServers = takeIceServers(config);
      configText = JSON.stringify(config);
      configured = engine.configure(configText);
      // Rules that read the country have pageLoad look the time zone up in the zone table, which
      // is in the deferred part too, and so is the rule trace (QA pages): the start waits for it.
      if (configured.readsCountry || config.trace === true) afterDeferredPart(function () { step(createAndStart); });
      else step(createAndStart);
    });

    function createAndStart() {
      var widget = create(config, engine, configText, configured, iceServers);
      controller.attach(widget);
      // A start that throws (a page that broke what the widget needs) stops it, reported: nothing escapes.
      var run = function (what) {
        if (widget.stopped()) return;  // shut down in between
        try { widget[what](); } catch (error) { widget.stop(error); }
      };
      parleyNextTask(function () {
        run('prepare');
        whenParsed(function () { parleyNextTask(function () { run('start'); }); });
      });
    }
  }

  // Calls fn once the engine's deferred part is linked, or could not be (the call that needs it
  // then reads it synchronously, or reports it): a start that needs the part waits for it rather
  // than have it read synchronously. At once if nothing is on its way (or was waited for already).
  function afterDeferredPart(fn) {
    var part = engineModule.parleyDeferredPart;
    if (!part) return fn();
    engineModule.parleyDeferredPart = null;
    part.then(fn);
  }

  // Runs fn in a task of its own unless the boot failed or Parley was shut down meanwhile.
  function step(fn) {
    parleyNextTask(function () {
      if (failed || controller.isShutDown()) return;
      try { fn(); } catch (error) {
        fail(failure(ParleyErrorCode.engineLoad, 'Parley could not start on this page: ' + parleyReason(error)));
      }
    });
  }

  function create(config, engine, configText, configured, iceServers) {
    var wire = parleyIsObject(config.transport) ? config.transport : {};
    if (configured.errors.length)
      parleyError(ParleyErrorCode.config, 'config: ' + configured.errors.length + ' problem(s), first: ' +
                  configured.errors[0].message + ' at "' + configured.errors[0].path + '"', { errors: configured.errors });
    return createParleyWidget(engine, {
      zones: configured.zones,
      theme: configured.theme,
      consentRequired: config.consent === 'required',
      trace: config.trace === true,
      transport: controller.transport(),
      channel: typeof wire.channel === 'string' ? wire.channel : 'parley',
      relayUrls: relayUrls(wire, configured.errors),
      identityDays: parleyIsObject(config.visits) && config.visits.days > 0 ? config.visits.days : 365,
      colorOverride: attribute('data-color-override'),
      fontOverride: attribute('data-font-family-override'),
      hideLauncher: attribute('data-hide-chat-button') === 'true',
      iceServers: iceServers,
      hooks: controller.hooks,
      consoleBase: base,
      configText: configText,
      onReady: controller.becomeReady,
      onStop: function (error) {
        if (error) parleyError(ParleyErrorCode.engineCrash, 'Parley stopped: ' + parleyReason(error));
      }
    });
  }

  // A page may have made window.Parley read-only: the widget still runs (rules, the facade).
  function installApi(api) {
    try { window.Parley = api; } catch (e) { /* checked below */ }
    if (window.Parley !== api)
      parleyError(ParleyErrorCode.hostPage,
                  'window.Parley is read-only here: the widget runs without it (the Omnichannel SDK facade has its methods)');
  }

  // Unless the page has its own, the Omnichannel facade; an existing `Microsoft` object is
  // extended, not replaced. A frozen one cannot be: reported, and window.Parley still works. The
  // facade of a shut-down Parley (its methods are that Parley's) is replaced.
  function installFacade(sdk, previous) {
    try {
      var ms = window.Microsoft = window.Microsoft || {};
      ms.Omnichannel = ms.Omnichannel || {};
      ms.Omnichannel.LiveChatWidget = ms.Omnichannel.LiveChatWidget || {};
      var old = ms.Omnichannel.LiveChatWidget.SDK;
      if (!old || (previous && previous.version && old.startChat === previous.startChat)) ms.Omnichannel.LiveChatWidget.SDK = sdk;
      if (ms.Omnichannel.LiveChatWidget.SDK) return;
    } catch (e) { /* reported below */ }
    parleyError(ParleyErrorCode.hostPage,
                'window.Microsoft cannot be extended here: no Omnichannel SDK facade (window.Parley has its methods)');
  }

  // The pre-load stub's calls ({q: [[name, arguments], ...]}, see parley-stub.js), in the order
  // they were made: setTransport and the providers are in place before the widget starts.
  function replay(stub, api) {
    var calls = stub && !stub.version && parleyIsArray(stub.q) ? stub.q : [];
    for (var i = 0; i < calls.length; ++i) {
      var call = calls[i];
      var name = parleyIsArray(call) && typeof call[0] === 'string' ? call[0] : '';
      if (typeof api[name] === 'function' && api[name] !== Object.prototype[name])
        api[name].apply(api, call[1] || []);
      else parleyError(ParleyErrorCode.badArgument, 'Parley.' + name + ' is not a method (queued by the stub)');
    }
  }

  // parley.wasm, parley.fallback.js and the console come from next to the script, or from the
  // folder its data-base-url names (a CDN, when the script itself is inlined or bundled).
  function assetBase() {
    var folder = attribute('data-base-url');
    var fallback = script && script.src ? script.src : location.href;
    if (!folder) return fallback;
    try { return new URL(folder.replace(/\/?$/, '/'), location.href).href; } catch (e) {
      parleyError(ParleyErrorCode.badArgument, 'data-base-url is not a URL: ' + folder);
      return fallback;
    }
  }

  // The relays of a websocket transport: `url`, or the entries of `urls` the engine found valid (a
  // bad one is reported at /transport/urls/N and left out). Any other transport error (a bad
  // `url`, both keys, no valid entry...) is reported and the BroadcastChannel runs, as with no
  // transport config.
  function relayUrls(wire, errors) {
    var ok = wire.kind === 'websocket';
    var skip = [];
    for (var i = 0; i < errors.length; ++i) {
      var m = /^\/transport(\/urls\/(\d+))?(\/|$)/.exec(errors[i].path);
      if (m) m[1] ? skip[skip.length] = +m[2] : ok = false;
    }
    var urls = ok ? (Array.isArray(wire.urls) ? wire.urls : [wire.url]).filter(function (u, i) { return skip.indexOf(i) < 0; }) : [];
    return urls.length ? urls : null;
  }

  // video.iceServers (RTCPeerConnection's) is the runtime's key: the engine never sees it. None
  // by default: the demo's visitor and desk are on one machine.
  function takeIceServers(config) {
    var video = parleyIsObject(config) ? config.video : null;
    if (!parleyIsObject(video) || video.iceServers === undefined) return [];
    var servers = video.iceServers;
    delete video.iceServers;
    if (Array.isArray(servers) && servers.every(parleyIsObject)) return servers;
    parleyError(ParleyErrorCode.config, 'config: video.iceServers must be an array of RTCIceServer objects', { path: '/video/iceServers' });
    return [];
  }

  function failure(code, message) {
    var error = new Error(message);
    error.parleyCode = code;
    return error;
  }

  // Inline <script type="application/json" id="parley-config">, else data-config (a URL, with
  // data-config-timeout ms per attempt, 10 s by default), else {}.
  function loadConfig(done, fail) {
    var inline = document.getElementById('parley-config');
    if (inline && inline.type === 'application/json') return parse(inline.textContent, 'config #parley-config');
    var url = attribute('data-config');
    if (!url) return done({});
    var absolute;
    try { absolute = new URL(url, location.href).href; } catch (e) {
      return fail(failure(ParleyErrorCode.config, 'data-config is not a URL: ' + url));
    }
    var timeoutMs = parleyConfigRequest.timeoutFrom(attribute('data-config-timeout'));
    if (timeoutMs === null) {
      timeoutMs = parleyConfigRequest.DEFAULT_TIMEOUT_MS;
      parleyError(ParleyErrorCode.badArgument, 'data-config-timeout must be 1 to 120000 (ms); ' + timeoutMs + ' is used');
    }
    // Sent from a task of its own, not from parley.js's evaluation: a request records the script
    // stack that made it (DevTools' initiator), and from the evaluation that stack holds the whole
    // script, which V8 then parses again for its source positions (40 to 100 ms in the load
    // bench's trace at 4x throttle, inside the evaluation's task).
    parleyNextTask(function () {
      parleyConfigRequest.get(absolute, timeoutMs, function (error, text) {
        if (error) fail(failure(ParleyErrorCode.config, 'config ' + absolute + ' is unreachable: ' + error));
        else parse(text, 'config ' + absolute);
      });
    });

    function parse(text, what) {
      var value;
      try { value = JSON.parse(text); } catch (e) {
        return fail(failure(ParleyErrorCode.config, what + ' is not JSON: ' + e.message));
      }
      done(value);
    }
  }

  function whenParsed(run) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
    else run();
  }
}

// Is `parley` a Parley that runs (or is starting)? Not the pre-load stub (no version), not one
// that was shut down: that one says ready: false and 'Closed'. A running one says so only to
// lcw:ready's own listeners (before that, 'Loading'), and a script they add runs after them.
function parleyRunning(parley) {
  if (!parley || !parley.version) return false;
  try {
    var state = parley.getState();
    return !(state.ready === false && state.state === 'Closed');
  } catch (e) {
    return true;  // not ours to judge: it stays
  }
}
