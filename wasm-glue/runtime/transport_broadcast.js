// The default transport: a same-origin BroadcastChannel shared by the visitor's tabs and the
// agent desk (demo-site/agent.html). Wire protocol: wasm-glue/TRANSPORT.md.
//
//   createParleyBroadcastTransport({channel, storage, now, setTimer, clearTimer})
//     -> {send(message), onMessage(callback), close(), stats()}
//
// At-least-once: every sent message stays in the outbox (saved in storage under "outbox") until
// the desk acknowledges its id, and is resent with backoff (1 s, 2 s, 4 s ... 30 s). The outbox
// is flushed again by the transport of the next page. A timer runs only while the outbox is not
// empty. Incoming agent messages are checked, de-duplicated by id (the last ids are kept under
// "inbox") and acknowledged when they are ours: broadcast messages (no conversationId) and
// messages of a conversation this tab started. Nothing from the channel is ever thrown into the
// page: bad input is dropped and counted.

var createParleyBroadcastTransport = (function () {
  var VERSION = 1;
  var ME = 'visitor';
  var PEER = 'agent';
  var MAX_BYTES = 65536;      // an envelope's JSON text, in UTF-16 code units
  var MAX_ID = 256;
  var MAX_OUTBOX = 200;       // oldest dropped beyond this (a desk that never answers)
  var MAX_SEEN = 300;
  var MAX_CONVERSATIONS = 20;
  var FIRST_DELAY = 1000;
  var MAX_DELAY = 30000;
  var OUTBOX_KEY = 'outbox';
  var INBOX_KEY = 'inbox';

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
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

  function openChannel(name) {
    try {
      return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    } catch (e) {
      return null;
    }
  }

  return function createParleyBroadcastTransport(options) {
    options = isObject(options) ? options : {};
    var storage = isObject(options.storage) && typeof options.storage.get === 'function' &&
      typeof options.storage.set === 'function' ? options.storage : { get: function () { return null; }, set: function () {} };
    var now = typeof options.now === 'function' ? options.now : Date.now;
    var setTimer = typeof options.setTimer === 'function' ? options.setTimer : function (fn, ms) { return setTimeout(fn, ms); };
    var clearTimer = typeof options.clearTimer === 'function' ? options.clearTimer : function (id) { clearTimeout(id); };
    var channel = openChannel(typeof options.channel === 'string' && options.channel ? options.channel : 'parley');

    var outbox = [];          // [{message, posts, due}] in sending order
    var seen = [];            // ids of agent messages already delivered, oldest first
    var conversations = [];   // conversation ids this tab has sent messages for
    var callback = null;
    var timer = null;
    var timerDue = 0;
    var closed = false;
    var counts = { sent: 0, resent: 0, received: 0, duplicates: 0, dropped: 0 };

    // ---- storage -------------------------------------------------------------------------------

    function saveOutbox() {
      writeJson(storage, OUTBOX_KEY, outbox.length ? outbox.map(function (entry) { return entry.message; }) : null);
    }

    function saveInbox() {
      writeJson(storage, INBOX_KEY, { seen: seen, conversations: conversations });
    }

    function remember(list, value, limit) {
      if (list.indexOf(value) >= 0) return false;
      list.push(value);
      if (list.length > limit) list.splice(0, list.length - limit);
      return true;
    }

    function load() {
      var saved = readJson(storage, OUTBOX_KEY);
      if (Array.isArray(saved)) {
        saved.forEach(function (message) {
          if (isMessage(message) && outbox.length < MAX_OUTBOX) outbox.push({ message: message, posts: 0, due: 0 });
        });
      }
      var inbox = readJson(storage, INBOX_KEY);
      if (isObject(inbox)) {
        if (Array.isArray(inbox.seen)) inbox.seen.filter(isId).forEach(function (id) { remember(seen, id, MAX_SEEN); });
        if (Array.isArray(inbox.conversations)) {
          inbox.conversations.filter(isId).forEach(function (id) { remember(conversations, id, MAX_CONVERSATIONS); });
        }
      }
    }

    // ---- wire ----------------------------------------------------------------------------------

    function post(envelope) {
      if (!channel || closed) return;
      try { channel.postMessage(envelope); } catch (e) { counts.dropped++; }
    }

    function postEntry(entry, at) {
      post({ v: VERSION, kind: 'msg', from: ME, body: entry.message });
      entry.posts++;
      entry.due = at + delayAfter(entry.posts);
    }

    // One timer, for the earliest resend; none while the outbox is empty.
    function arm() {
      if (closed || !outbox.length) {
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

    // The desk is there (it just spoke): what waited through a long backoff goes again now.
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

    function acknowledge(id) {
      var before = outbox.length;
      outbox = outbox.filter(function (entry) { return entry.message.id !== id; });
      if (outbox.length !== before) {
        saveOutbox();
        arm();
      }
    }

    // Ours to acknowledge: broadcasts (no conversationId) and this tab's conversations. Other
    // tabs' conversations are still delivered (the engine ignores them) but not acknowledged, so
    // the desk keeps resending them to the tab that owns them.
    function ours(message) {
      return message.conversationId === undefined || conversations.indexOf(message.conversationId) >= 0;
    }

    function receive(event) {
      if (closed) return;
      var data = event && event.data;
      if (!isObject(data) || data.v !== VERSION || (data.from !== ME && data.from !== PEER)) {
        counts.dropped++;
        return;
      }
      if (data.from === ME) return;   // another visitor tab
      if (data.kind === 'ack') {
        if (!isId(data.id)) { counts.dropped++; return; }
        acknowledge(data.id);
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

    // ---- API -----------------------------------------------------------------------------------

    function send(message) {
      if (closed) return false;
      var copy = jsonCopy(message, MAX_BYTES - 64);
      if (!isMessage(copy)) {
        counts.dropped++;
        return false;
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
      outbox.push(entry);
      if (outbox.length > MAX_OUTBOX) outbox.splice(0, outbox.length - MAX_OUTBOX);
      saveOutbox();
      postEntry(entry, now());
      counts.sent++;
      arm();
      return true;
    }

    function onMessage(fn) {
      callback = typeof fn === 'function' ? fn : null;
    }

    function close() {
      if (closed) return;
      closed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      callback = null;
      if (channel) {
        try { channel.onmessage = null; channel.close(); } catch (e) { /* already closed */ }
      }
    }

    function stats() {
      return {
        outbox: outbox.length, sent: counts.sent, resent: counts.resent, received: counts.received,
        duplicates: counts.duplicates, dropped: counts.dropped, timer: timer !== null
      };
    }

    load();
    if (channel) channel.onmessage = receive;
    // What the previous page could not deliver goes now.
    if (outbox.length) {
      var at = now();
      outbox.forEach(function (entry) { postEntry(entry, at); });
      arm();
    }

    return { send: send, onMessage: onMessage, close: close, stats: stats };
  };
})();
