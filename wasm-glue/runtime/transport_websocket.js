// The WebSocket wire to parley-relay (relay/RELAY.md), under the reliability layer
// (transport_reliable.js): one JSON envelope per text frame.
//
//   createParleyWebSocketWire({url, identity: {get(), set(token)}, setTimer, clearTimer, random})
//     -> function (events) -> {start(), post(envelope), close(), timer()}
//
// Connect, say `hello` with the stored identity, keep the identity of `welcome`, then report
// `online` (the reliability layer flushes its outbox). A closed socket reports `offline` and
// reconnects after a full-jitter exponential backoff (0.5 s doubling to 30 s, times a random
// factor, so that a relay that restarts is not hit by every visitor at the same instant); the
// window's `online` and `offline` events retry at once. No heartbeat: while connected nothing runs
// in the page, and a dead connection is found by the socket's own close (the browser's TCP stack;
// the relay resends what was not acknowledged on the next connection).

function createParleyWebSocketWire(options) {
  var FIRST_RETRY = 500;
  var MAX_RETRY = 30000;
  var MAX_FRAME = 65536;      // RELAY.md §6: longer frames are dropped unread

  return function open(events) {
    var socket = null;
    var retry = null;
    var attempts = 0;
    var closed = false;

    function connect() {
      retry = null;
      if (closed) return;
      events.state('connecting');
      try {
        socket = new WebSocket(options.url);
      } catch (e) {
        // A URL the browser refuses (the engine checked it is ws:// or wss://): keep trying, slowly.
        socket = null;
        return down();
      }
      socket.onopen = function () {
        var hello = { v: 1, kind: 'hello', from: 'visitor' };
        var identity = options.identity.get();
        if (identity) hello.identity = identity;
        socket.send(JSON.stringify(hello));
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

    function welcome(value) {
      if (typeof value.identity === 'string' && value.identity) options.identity.set(value.identity);
      attempts = 0;
      events.state('online');
    }

    function down() {
      if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      socket = null;
      if (closed) return;
      events.state('offline');
      if (retry !== null) return;
      var ceiling = Math.min(MAX_RETRY, FIRST_RETRY * Math.pow(2, attempts++));
      retry = options.setTimer(connect, Math.round(options.random() * ceiling));
    }

    // The network came back (or changed): no reason to wait for the backoff.
    function now() {
      if (closed || socket) return;
      if (retry !== null) options.clearTimer(retry);
      attempts = 0;
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
