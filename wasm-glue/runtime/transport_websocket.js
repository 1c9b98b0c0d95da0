// The WebSocket wire to parley-relay (relay/RELAY.md), under the reliability layer
// (transport_reliable.js): one JSON envelope per text frame.
//
//   createParleyWebSocketWire({urls, identity: {get(), set(token)}, setTimer, clearTimer, random})
//     -> function (events) -> {start(), post(envelope), close(), timer()}
//
// Connect, say `hello` with the stored identity, keep the identity of `welcome`, then report
// `online` (the reliability layer flushes its outbox). A closed socket reports `offline` and
// reconnects after a full-jitter exponential backoff (0.5 s doubling to 30 s, times a random
// factor, so that a relay that restarts is not hit by every visitor at the same instant); the
// window's `online` and `offline` events retry at once. No heartbeat: while connected nothing runs
// in the page, and a dead connection is found by the socket's own close (the browser's TCP stack;
// the relay resends what was not acknowledged on the next connection).
//
// Several URLs (config transport.urls: relays of one cluster, no load balancer in front; one
// identity for all of them), TRANSPORT.md §6:
// - the first URL is picked at random (visitors spread over the relays);
// - a URL fails when its socket closes before `welcome` (refused, unreachable, closed during the
//   handshake, or open without a `welcome` for 10 s: a relay that hangs) or closes with 1001
//   (going away: the relay stops), 1012 (service restart: a cluster gateway cut off from the
//   router) or 1013 (try again later). A failure moves to the next URL in the list, at once while
//   the round (the URLs failed in a row) is not complete; once every URL has failed in a row, the
//   next one waits for the backoff, whose ceiling doubles per failed round. So a dead relay costs
//   one quick retry, not a backoff step;
// - a connection that had its `welcome` and closes otherwise (network loss, relay crash) waits for
//   the backoff (0 to 0.5 s after a welcome: its crowd of visitors does not come back in the same
//   instant) and tries the same URL again: a URL is kept while it works;
// - `welcome` resets the ceiling and the round. With one URL this is exactly the one-URL wire.

function createParleyWebSocketWire(options) {
  var FIRST_RETRY = 500;
  var MAX_RETRY = 30000;
  var MAX_FRAME = 65536;      // RELAY.md §6: longer frames are dropped unread
  var WELCOME_WITHIN = 10000; // the relay answers hello at once; silence means it hangs

  return function open(events) {
    var urls = options.urls;
    var at = Math.floor(options.random() * urls.length) % urls.length;  // the URL in use
    var socket = null;
    var retry = null;
    var attempts = 0;     // the backoff's exponent
    var failed = 0;       // URLs failed in a row in this round
    var welcomed = false; // this socket had its welcome
    var handshake = null; // the welcome's deadline
    var closed = false;

    function connect() {
      retry = null;
      welcomed = false;
      if (closed) return;
      events.state('connecting');
      try {
        socket = new WebSocket(urls[at]);
      } catch (e) {
        // A URL the browser refuses (the engine checked it is ws:// or wss://): a failure of that URL.
        socket = null;
        return down();
      }
      socket.onopen = function () {
        var hello = { v: 1, kind: 'hello', from: 'visitor' };
        var identity = options.identity.get();
        if (identity) hello.identity = identity;
        socket.send(JSON.stringify(hello));
        handshake = options.setTimer(stalled, WELCOME_WITHIN);
      };
      socket.onmessage = function (event) {
        var data = event.data;
        var value;
        if (typeof data !== 'string' || data.length > MAX_FRAME) value = undefined;
        else try { value = JSON.parse(data); } catch (e) { value = undefined; }
        if (value && value.kind === 'welcome' && value.v === 1) return welcome(value);
        events.receive(value);
      };
      socket.onclose = down;
      socket.onerror = function () { /* a close event follows */ };
    }

    function stalled() {
      handshake = null;
      var s = socket;
      down();
      if (s) try { s.close(); } catch (e) { /* already closing */ }
    }

    function welcome(value) {
      if (typeof value.identity === 'string' && value.identity) options.identity.set(value.identity);
      attempts = failed = 0;
      welcomed = true;
      if (handshake !== null) options.clearTimer(handshake);
      handshake = null;
      events.state('online');
    }

    function down(event) {
      var code = event && event.code;
      if (handshake !== null) options.clearTimer(handshake);
      handshake = null;
      if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      socket = null;
      if (closed || retry !== null) return;
      if (!welcomed || code === 1001 || code === 1012 || code === 1013) {
        // A failure of this URL: the next one, at once until the whole list failed in a row.
        at = (at + 1) % urls.length;
        if (++failed < urls.length) { if (!welcomed) return connect(); }
        else failed = 0;
      }
      events.state('offline');
      var ceiling = Math.min(MAX_RETRY, FIRST_RETRY * Math.pow(2, attempts++));
      retry = options.setTimer(connect, Math.round(options.random() * ceiling));
    }

    // The network came back (or changed): no reason to wait for the backoff.
    function now() {
      if (closed || socket) return;
      if (retry !== null) options.clearTimer(retry);
      attempts = failed = 0;
      connect();
    }

    return {
      start: function () {
        window.addEventListener('online', now);
        window.addEventListener('offline', now);
        connect();
      },
      post: function (envelope) {
        if (!socket || socket.readyState !== 1) return false;
        socket.send(JSON.stringify(envelope));
        return true;
      },
      close: function () {
        closed = true;
        window.removeEventListener('online', now);
        window.removeEventListener('offline', now);
        if (retry !== null) options.clearTimer(retry);
        retry = null;
        var s = socket;
        down();
        if (s) try { s.close(); } catch (e) { /* already closing */ }
      },
      timer: function () { return retry !== null; }
    };
  };
}
