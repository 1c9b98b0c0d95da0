// The reliability layer every wire shares (wasm-glue/TRANSPORT.md §2): the outbox, its backoff,
// acknowledgements, de-duplication, the "who acknowledges" rule and final `error` frames. It knows
// nothing of how envelopes travel: a wire (transport_broadcast.js, transport_websocket.js) does.
//
//   createParleyReliableTransport({wire, storage, now, setTimer, clearTimer, refused, delivered})
//     -> {send(message), onMessage(callback), onConnection(callback), close(), stats()}
//
// `wire(events)` opens the wire and returns {start(), post(envelope) -> bool, close(), timer()}.
// The wire calls events.receive(value) with each envelope it got (any value: checked here) and
// events.state('connecting' | 'online' | 'offline'). Each time it comes online the whole outbox is
// posted at once and its backoff restarts at 1 s; while it is not online no resend timer runs
// (nothing could be posted). So one timer at most, and none while the outbox is empty.
// Nothing from the wire is ever thrown into the page: bad input is dropped and counted.

var createParleyReliableTransport = (function () {
  var VERSION = 1;
  var ME = 'visitor';
  var PEER = 'agent';
  var RELAY = 'relay';        // the relay's own frames (errors) on the WebSocket wire
  var MAX_BYTES = 65536;      // an envelope's JSON text, in UTF-16 code units
  var MAX_ID = 256;
  var MAX_OUTBOX = 200;       // oldest dropped beyond this (a desk that never answers)
  var MAX_SEEN = 300;
  var MAX_CONVERSATIONS = 20;
  var FIRST_DELAY = 1000;
  var MAX_DELAY = 30000;
  var OUTBOX_KEY = 'outbox';
  var INBOX_KEY = 'inbox';
  // Ephemeral messages (TRANSPORT.md §2): posted once, never kept, resent or saved. A typing state
  // that comes late is wrong, and the next one replaces it anyway.
  var EPHEMERAL = { 'visitor.typing': true };
  // parley.js's Array.isArray, taken when it started (builtins.js; parley-wire.js gets it from its
  // script tag): this file may arrive after a page replaced the global one.
  var isArray = typeof parleyIsArray === 'function' ? parleyIsArray : Array.isArray;

  function isObject(value) {
    return value !== null && typeof value === 'object' && !isArray(value);
  }

  function isId(value) {
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
  }

  // A plain JSON copy, or null when the value does not survive JSON or is too big.
  function jsonCopy(value, limit) {
    try {
      var text = JSON.stringify(value);
      if (typeof text !== 'string' || text.length > limit) return null;
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  // A transport message: an object with a string type and id; conversationId a string if present.
  function isMessage(value) {
    return isObject(value) && typeof value.type === 'string' && value.type.length > 0 &&
      value.type.length <= MAX_ID && isId(value.id) &&
      (value.conversationId === undefined || isId(value.conversationId));
  }

  function delayAfter(posts) {
    return Math.min(FIRST_DELAY * Math.pow(2, Math.max(posts - 1, 0)), MAX_DELAY);
  }

  function readJson(storage, key) {
    try {
      var text = storage.get(key);
      return typeof text === 'string' ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function writeJson(storage, key, value) {
    try { storage.set(key, value === null ? null : JSON.stringify(value)); } catch (e) { /* not kept */ }
  }

  return function createParleyReliableTransport(options) {
    var storage = isObject(options.storage) ? options.storage : { get: function () { return null; }, set: function () {} };
    var now = options.now || Date.now;
    var setTimer = options.setTimer || function (fn, ms) { return setTimeout(fn, ms); };
    var clearTimer = options.clearTimer || function (id) { clearTimeout(id); };
    var refused = options.refused || function () {};
    var delivered = options.delivered || function () {};  // an ack settled one of our messages

    var outbox = [];          // [{message, posts, due}] in sending order
    var seen = [];            // ids of agent messages already delivered, oldest first
    var conversations = [];   // conversation ids this tab has sent messages for
    var callback = null;
    var connectionCallback = null;
    var connection = 'connecting';
    var timer = null;
    var timerDue = 0;
    var closed = false;
    var counts = { sent: 0, resent: 0, received: 0, duplicates: 0, dropped: 0, refused: 0 };
    var wire = null;

    // ---- storage -------------------------------------------------------------------------------

    function saveOutbox() {
      writeJson(storage, OUTBOX_KEY, outbox.length ? outbox.map(function (entry) { return entry.message; }) : null);
    }

    function saveInbox() {
      writeJson(storage, INBOX_KEY, { seen: seen, conversations: conversations });
    }

    function remember(list, value, limit) {
      if (list.indexOf(value) >= 0) return false;
      list[list.length] = value;  // not push(): a page may have broken it (README, "Built-ins Parley needs")
      if (list.length > limit) list.splice(0, list.length - limit);
      return true;
    }

    function load() {
      var saved = readJson(storage, OUTBOX_KEY);
      if (isArray(saved)) {
        saved.forEach(function (message) {
          if (isMessage(message) && outbox.length < MAX_OUTBOX) outbox[outbox.length] = { message: message, posts: 0, due: 0 };
        });
      }
      var inbox = readJson(storage, INBOX_KEY);
      if (isObject(inbox)) {
        if (isArray(inbox.seen)) inbox.seen.filter(isId).forEach(function (id) { remember(seen, id, MAX_SEEN); });
        if (isArray(inbox.conversations)) {
          inbox.conversations.filter(isId).forEach(function (id) { remember(conversations, id, MAX_CONVERSATIONS); });
        }
      }
    }

    // ---- outbox --------------------------------------------------------------------------------

    function post(envelope) {
      if (closed || connection !== 'online') return false;
      try { return wire.post(envelope) !== false; } catch (e) { counts.dropped++; return false; }
    }

    function postEntry(entry, at) {
      // Not posted (the wire went down): the entry waits for the next `online`, untouched.
      if (!post({ v: VERSION, kind: 'msg', from: ME, body: entry.message })) return;
      entry.posts++;
      entry.due = at + delayAfter(entry.posts);
    }

    // One timer, for the earliest resend; none while the outbox is empty or the wire is down.
    function arm() {
      if (closed || !outbox.length || connection !== 'online') {
        if (timer !== null) clearTimer(timer);
        timer = null;
        return;
      }
      var due = Infinity;
      outbox.forEach(function (entry) { due = Math.min(due, entry.due); });
      if (timer !== null && timerDue === due) return;
      if (timer !== null) clearTimer(timer);
      timerDue = due;
      timer = setTimer(resend, Math.max(0, due - now()));
    }

    function resend() {
      timer = null;
      if (closed) return;
      var at = now();
      outbox.forEach(function (entry) {
        if (entry.due <= at) {
          postEntry(entry, at);
          counts.resent++;
        }
      });
      arm();
    }

    // Everything goes now, backoff from 1 s: on every (re)connection, and for the previous page's
    // outbox on the broadcast wire (which is online from the start).
    function flush() {
      var at = now();
      outbox.forEach(function (entry) {
        entry.posts = 0;
        postEntry(entry, at);
      });
      arm();
    }

    // The peer is there (it just spoke): what waited through a long backoff goes again now.
    function peerAlive() {
      var at = now();
      var any = false;
      outbox.forEach(function (entry) {
        if (entry.posts >= 2) {
          entry.posts = 0;
          postEntry(entry, at);
          counts.resent++;
          any = true;
        }
      });
      if (any) arm();
    }

    function settle(id) {
      var before = outbox.length;
      outbox = outbox.filter(function (entry) { return entry.message.id !== id; });
      if (outbox.length === before) return false;
      saveOutbox();
      arm();
      return true;
    }

    // ---- incoming ------------------------------------------------------------------------------

    // Ours to acknowledge: broadcasts (no conversationId) and this tab's conversations. Other
    // tabs' conversations are still delivered (the engine ignores them) but not acknowledged, so
    // the agent side keeps resending them to the tab that owns them.
    function ours(message) {
      return message.conversationId === undefined || conversations.indexOf(message.conversationId) >= 0;
    }

    // An `error` naming an id is final (relay/RELAY.md §2): dropped as if acknowledged. Except
    // `rate_limited`, which means "not now": that message must come again.
    function fail(data) {
      if (!isId(data.id) || data.code === 'rate_limited') return;
      if (settle(data.id)) {
        counts.refused++;
        try { refused(data.id, String(data.code), String(data.message)); } catch (e) { /* the host's problem */ }
      }
    }

    function receive(data) {
      if (closed) return;
      if (isObject(data) && data.v === VERSION && data.kind === 'error' && (data.from === RELAY || data.from === PEER)) {
        fail(data);
        return;
      }
      if (!isObject(data) || data.v !== VERSION || (data.from !== ME && data.from !== PEER)) {
        counts.dropped++;
        return;
      }
      if (data.from === ME) return;   // another visitor tab
      if (data.kind === 'ack') {
        if (!isId(data.id)) { counts.dropped++; return; }
        if (settle(data.id)) try { delivered(data.id); } catch (e) { /* the listener's */ }
        peerAlive();
        return;
      }
      var envelope = data.kind === 'msg' ? jsonCopy(data, MAX_BYTES) : null;
      if (!envelope || !isMessage(envelope.body)) {
        counts.dropped++;
        return;
      }
      peerAlive();
      if (!callback) return;          // not acknowledged: it comes again once someone listens
      var message = envelope.body;
      if (remember(seen, message.id, MAX_SEEN)) {
        saveInbox();
        counts.received++;
        try { callback(message); } catch (e) { /* the listener's problem, not the page's */ }
      } else {
        counts.duplicates++;          // our ack was lost: acknowledge again
      }
      if (ours(message)) post({ v: VERSION, kind: 'ack', from: ME, id: message.id });
    }

    function state(name) {
      if (closed || name === connection) return;
      connection = name;
      if (name === 'online') flush();
      else arm();                      // stops the resend timer: nothing can be posted
      if (connectionCallback) try { connectionCallback(name); } catch (e) { /* the listener's */ }
    }

    // ---- API -----------------------------------------------------------------------------------

    function send(message) {
      if (closed) return false;
      var copy = jsonCopy(message, MAX_BYTES - 64);
      if (!isMessage(copy)) {
        counts.dropped++;
        return false;
      }
      if (EPHEMERAL[copy.type] === true) {
        if (post({ v: VERSION, kind: 'msg', from: ME, body: copy })) counts.sent++;
        return true;
      }
      // Saved on every conversation message, not only the first: the store may have started
      // writing since (consent given during the chat).
      if (copy.conversationId !== undefined) {
        remember(conversations, copy.conversationId, MAX_CONVERSATIONS);
        saveInbox();
      }
      // A message without a conversation (visitor.hello) is state: the newest replaces an older
      // unacknowledged one of its type. The same id sent again is the same message.
      outbox = outbox.filter(function (entry) {
        var old = entry.message;
        return old.id !== copy.id &&
          !(copy.conversationId === undefined && old.conversationId === undefined && old.type === copy.type);
      });
      var entry = { message: copy, posts: 0, due: 0 };
      outbox[outbox.length] = entry;
      if (outbox.length > MAX_OUTBOX) outbox.splice(0, outbox.length - MAX_OUTBOX);
      saveOutbox();
      postEntry(entry, now());
      counts.sent++;
      arm();
      return true;
    }

    function close() {
      if (closed) return;
      closed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      callback = connectionCallback = null;
      try { wire.close(); } catch (e) { /* already closed */ }
    }

    function stats() {
      return {
        outbox: outbox.length, sent: counts.sent, resent: counts.resent, received: counts.received,
        duplicates: counts.duplicates, dropped: counts.dropped, refused: counts.refused,
        connection: connection, timer: timer !== null || wire.timer()
      };
    }

    load();
    wire = options.wire({ receive: receive, state: state });
    wire.start();

    return {
      send: send,
      onMessage: function (fn) { callback = typeof fn === 'function' ? fn : null; },
      // Told on every change; at once when the wire is not online (a quick start says nothing).
      onConnection: function (fn) {
        connectionCallback = typeof fn === 'function' ? fn : null;
        if (connectionCallback && connection !== 'online') try { connectionCallback(connection); } catch (e) { /* the listener's */ }
      },
      close: close,
      stats: stats
    };
  };
})();
