// Parley demo helper, not part of any scenario: shows what the widget is doing in the page's
// "About this demo" box, so a person trying the demo knows what to expect. It only listens (window
// events, resource timing, cookies); it never calls Parley. Loaded as a plain external script in
// <head>, before parley.js, so it also works under the strict-CSP page.
//
//   #parley-status          -> "loading", "ready (engine: WebAssembly)", "invitation shown", ...
//   [data-cookie="NAME"]    -> the current value of cookie NAME (e.g. timesPageVisited)
//   [data-referrer]         -> document.referrer
(function () {
  'use strict';

  var status = 'waiting for parley.js\u2026';
  var ready = false;
  var invited = false;

  function byId(id) { return document.getElementById(id); }

  function show(text) {
    status = text;
    var el = byId('parley-status');
    if (el) el.textContent = text;
  }

  function engine() {
    var entries = (window.performance && performance.getEntriesByType) ? performance.getEntriesByType('resource') : [];
    var found = '';
    for (var i = 0; i < entries.length; i++) {
      var name = String(entries[i].name);
      if (/\/parley\/parley\.fallback\.js(\?|$)/.test(name)) return 'fallback (wasm2js, no WebAssembly)';
      if (/\/parley\/parley\.wasm(\?|$)/.test(name)) found = 'WebAssembly';
    }
    return found;
  }

  // lcw:videoEnded's detail (parley.d.ts, ParleyVideoEnded): the chat goes on, unless the call
  // ended because the chat did.
  function videoEnded(detail) {
    if (detail.by === 'chat') return 'video call ended with the chat';
    if (detail.by === 'error') return 'video call ended (' + (detail.reason || 'error') + '); the chat goes on';
    return 'video call ended' + (detail.by ? ' by the ' + detail.by : '') + '; the chat goes on';
  }

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].slice(0, eq) === name) return parts[i].slice(eq + 1);
    }
    return null;
  }

  function refresh() {
    var el = byId('parley-status');
    if (el) el.textContent = status;
    var cookies = document.querySelectorAll('[data-cookie]');
    for (var i = 0; i < cookies.length; i++) {
      var value = cookie(cookies[i].getAttribute('data-cookie'));
      cookies[i].textContent = value === null ? 'none' : value;
    }
    var referrers = document.querySelectorAll('[data-referrer]');
    for (var j = 0; j < referrers.length; j++) {
      referrers[j].textContent = document.referrer || '(no referrer)';
    }
  }

  // parley.js missing (the runtime is not built): the page must work without it.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target.tagName === 'SCRIPT' && /\/parley\/parley(\.fallback)?\.js(\?|$)/.test(target.src || '')) {
      show('not loaded (' + target.src.replace(location.origin, '') + ' is missing: build the runtime). The page works without it.');
    }
  }, true);

  window.addEventListener('lcw:ready', function () {
    ready = true;
    var kind = engine();
    // An invitation the page asked for before lcw:ready may be announced first: keep saying so.
    show('ready' + (kind ? ', engine: ' + kind : '') + (invited ? '; invitation shown' : ''));
    refresh();
  });
  window.addEventListener('lcw:error', function (event) {
    var detail = event.detail || {};
    show('error: ' + (detail.errorDescription || detail.errorCode || 'unknown') + (ready ? ' (the widget keeps running)' : ''));
  });
  window.addEventListener('lcw:proactiveInvite', function () { invited = true; show('invitation shown'); refresh(); });
  window.addEventListener('lcw:inviteDeclined', function () { show('invitation declined'); });
  window.addEventListener('lcw:startChat', function () { show('conversation started'); });
  window.addEventListener('lcw:chatQueued', function () { show('waiting for an agent (is the agent desk open?)'); });
  window.addEventListener('lcw:closeChat', function () { show('conversation closed'); });
  window.addEventListener('lcw:videoInvite', function () { show('video invitation from the agent'); });
  window.addEventListener('lcw:videoStarted', function () { show('in a video call'); });
  window.addEventListener('lcw:videoEnded', function (event) { show(videoEnded(event.detail || {})); });
  window.addEventListener('lcw:cameraChanged', function (event) {
    show('in a video call, camera ' + (event.detail && event.detail.on ? 'on' : 'off'));
  });

  function onLoaded() {
    refresh();
    var tag = document.querySelector('script[src*="/parley/parley.js"]');
    if (!tag) show('not on this page');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onLoaded);
  else onLoaded();

  window.addEventListener('load', function () {
    setTimeout(function () {
      if (!ready && /^waiting/.test(status)) show('parley.js loaded, but no lcw:ready yet');
      refresh();
    }, 8000);
  });
})();
