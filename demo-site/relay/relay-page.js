// Demo helper for the relay pages (not part of Parley): builds the page's widget config with the
// relay's address, then loads parley.js. The address comes from the page's ?relay=ws://HOST:PORT/visitor
// (tests run the relay on a random port), else ws://127.0.0.1:8090/visitor (what `./dev demo`
// runs). The config goes in an inline <script type="application/json" id="parley-config">, the
// loader's first choice, so one page serves any relay without a JSON file per port.
//
// <script src="/relay/relay-page.js" data-page="chat|video"></script>, at the end of <body>.
(function () {
  'use strict';

  var DEFAULT_RELAY = 'ws://127.0.0.1:8090/visitor';
  var script = document.currentScript;
  var page = script && script.getAttribute('data-page') === 'video' ? 'video' : 'chat';

  // ws: or wss: only: anything else in the query is ignored, not connected to.
  function relayAddress() {
    var asked = new URLSearchParams(location.search).get('relay');
    if (!asked) return DEFAULT_RELAY;
    try {
      var url = new URL(asked);
      if (url.protocol === 'ws:' || url.protocol === 'wss:') return url.href;
    } catch (e) { /* not a URL */ }
    return DEFAULT_RELAY;
  }

  var visitorUrl = relayAddress();
  // The desk's endpoint on the same relay (RELAY.md §1): /agent beside /visitor.
  var agentUrl = new URL('agent', new URL('.', visitorUrl)).href;

  var config = {
    transport: { kind: 'websocket', url: visitorUrl },
    launcher: { chat: true, video: page === 'video' },
  };
  if (page === 'video') config.video = { camera: 'classic' };

  var tag = document.createElement('script');
  tag.type = 'application/json';
  tag.id = 'parley-config';
  tag.textContent = JSON.stringify(config);
  document.head.appendChild(tag);

  // What the page shows: the config it runs and the desk's address (text only).
  var shown = document.getElementById('relay-config');
  if (shown) shown.textContent = JSON.stringify(config, null, 2);
  var deskHref = '/agent.html?relay=' + encodeURIComponent(agentUrl);
  Array.prototype.forEach.call(document.querySelectorAll('a[data-desk-link]'), function (link) {
    link.href = deskHref;
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-relay-address]'), function (node) {
    node.textContent = node.getAttribute('data-relay-address') === 'agent' ? agentUrl : visitorUrl;
  });

  // The chat page hands the agent some context, as a site would (the Omnichannel context
  // provider): two entries the desk shows and one it must not.
  function provideContext() {
    var sdk = window.Microsoft && Microsoft.Omnichannel && Microsoft.Omnichannel.LiveChatWidget &&
      Microsoft.Omnichannel.LiveChatWidget.SDK;
    if (!sdk || typeof sdk.setContextProvider !== 'function') return;
    sdk.setContextProvider(function () {
      return {
        'Demo page': { value: 'Relay chat', isDisplayable: true },
        'Order': { value: 'ORD-1042', isDisplayable: true },
        'Internal score': { value: 87, isDisplayable: false }
      };
    });
  }

  var parley = document.createElement('script');
  parley.src = '/parley/parley.js';
  parley.async = true;
  if (page === 'chat') parley.onload = provideContext;
  document.body.appendChild(parley);
})();
