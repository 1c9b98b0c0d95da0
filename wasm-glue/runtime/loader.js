// Boot: read the script tag, install the API at once (calls are queued), load the config and the
// engine (WebAssembly, or the wasm2js build when the page's CSP forbids WebAssembly), then start
// the widget once the document is parsed. Any failure fires lcw:error and leaves the page as it
// was: no widget, nothing thrown.

function parleyBoot() {
  if (window.Parley && window.Parley.version) return;  // a second copy of the tag: the first one runs

  var script = parleyScript || document.querySelector('script[src*="parley.js"]');
  var base = script && script.src ? script.src : location.href;
  var attribute = function (name) { return script ? script.getAttribute(name) : null; };
  var controller = createParleyApi();
  window.Parley = controller.api;
  installFacade(controller.facade());

  Promise.all([loadConfig(), loadEngineModule()]).then(function (loaded) {
    if (controller.isShutDown()) return;
    var config = loaded[0];
    var engine = createParleyEngineBridge(loaded[1]);
    if (attribute('data-lcw-version') === 'test') config.trace = true;  // Omnichannel's test mode: a console trace
    var iceServers = takeIceServers(config);
    var configText = JSON.stringify(config);
    var wire = parleyIsObject(config.transport) ? config.transport : {};
    var configured = engine.configure(configText);
    if (configured.errors.length)
      parleyError(ParleyErrorCode.config, 'config: ' + configured.errors.length + ' problem(s), first: ' +
                  configured.errors[0].message + ' at "' + configured.errors[0].path + '"', { errors: configured.errors });
    var widget = createParleyWidget(engine, {
      zones: configured.zones,
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
    controller.attach(widget);
    whenParsed(function () { widget.start(); });
  }).catch(function (error) {
    parleyError(error.parleyCode || ParleyErrorCode.engineLoad, error.message || String(error));
  });

  // Unless the page has its own, the Omnichannel facade; an existing `Microsoft` object is
  // extended, not replaced.
  function installFacade(sdk) {
    var ms = window.Microsoft = window.Microsoft || {};
    ms.Omnichannel = ms.Omnichannel || {};
    ms.Omnichannel.LiveChatWidget = ms.Omnichannel.LiveChatWidget || {};
    if (!ms.Omnichannel.LiveChatWidget.SDK) ms.Omnichannel.LiveChatWidget.SDK = sdk;
  }

  // The relays of a websocket transport: `url`, or the entries of `urls` the engine found valid (a
  // bad one is reported at /transport/urls/N and left out). Any other transport error (a bad
  // `url`, both keys, no valid entry...) is reported and the BroadcastChannel runs, as with no
  // transport config.
  function relayUrls(wire, errors) {
    var ok = wire.kind === 'websocket';
    var skip = [];
    errors.forEach(function (e) {
      var m = /^\/transport(\/urls\/(\d+))?(\/|$)/.exec(e.path);
      if (m) m[1] ? skip.push(+m[2]) : ok = false;
    });
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

  // Inline <script type="application/json" id="parley-config">, else data-config (a URL), else {}.
  function loadConfig() {
    var inline = document.getElementById('parley-config');
    if (inline && inline.type === 'application/json') {
      try { return Promise.resolve(JSON.parse(inline.textContent)); } catch (e) {
        return Promise.reject(failure(ParleyErrorCode.config, 'config #parley-config is not JSON: ' + e.message));
      }
    }
    var url = attribute('data-config');
    if (!url) return Promise.resolve({});
    var absolute = new URL(url, location.href).href;
    return fetch(absolute, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw failure(ParleyErrorCode.config, 'config ' + absolute + ' is unreachable: HTTP ' + response.status);
      return response.text();
    }, function (error) {
      throw failure(ParleyErrorCode.config, 'config ' + absolute + ' is unreachable: ' + error.message);
    }).then(function (text) {
      try { return JSON.parse(text); } catch (e) {
        throw failure(ParleyErrorCode.config, 'config ' + absolute + ' is not JSON: ' + e.message);
      }
    });
  }

  function loadEngineModule() {
    var quiet = { printErr: function () {}, print: function () {} };
    if (parleyWasmAllowed()) {
      return instantiate(createParleyEngine, {
        locateFile: function (name) { return new URL(name, base).href; },
        printErr: quiet.printErr, print: quiet.print
      });
    }
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = new URL('parley.fallback.js', base).href;
      tag.async = true;
      window.Parley.__engineFallbackLoaded = function (factory) {
        delete window.Parley.__engineFallbackLoaded;
        resolve(instantiate(factory, quiet));
      };
      // Loaded but it did not hand the engine over (it did not run): as good as missing.
      tag.onload = function () {
        if (!window.Parley.__engineFallbackLoaded) return;
        delete window.Parley.__engineFallbackLoaded;
        reject(failure(ParleyErrorCode.engineLoad, 'parley.fallback.js loaded but did not start'));
      };
      tag.onerror = function () {
        delete window.Parley.__engineFallbackLoaded;
        reject(failure(ParleyErrorCode.engineLoad, 'WebAssembly is not allowed here and parley.fallback.js did not load'));
      };
      (document.head || document.documentElement).appendChild(tag);
    });
  }

  function instantiate(factory, moduleOptions) {
    return new Promise(function (resolve, reject) {
      moduleOptions.onAbort = function (what) {
        reject(failure(ParleyErrorCode.engineLoad, 'the Parley engine did not start: ' + what));
      };
      factory(moduleOptions).then(resolve, function (error) {
        reject(failure(ParleyErrorCode.engineLoad, 'the Parley engine did not start: ' + parleyReason(error)));
      });
    });
  }

  function whenParsed(run) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
    else run();
  }
}
