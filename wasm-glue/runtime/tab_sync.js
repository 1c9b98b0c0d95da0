// The site's tabs show one conversation (wasm-glue/TRANSPORT.md §7). One tab owns the connection
// (the wire and its reliability layer, transport_reliable.js), elected with Web Locks: the lock
// "parley " + the transport's key, held while the page lives. The others mirror it over a
// BroadcastChannel of their own ("parley.tabs " + key, never the demo desk's): they take the
// owner's conversation snapshot (the engine's `mirror` event), hand their visitor's intents to
// the owner (so what is typed in any tab is handled, and sent, once) and send through it.
// - A tab that starts a conversation (its survey included) takes the connection over (the lock's
//   `steal`): the conversation runs where the visitor started it, video call included.
// - The owner shares every change of its outbox, delivered ids and relay identity; when it goes,
//   the next tab in the lock's queue opens the wire with them: nothing acknowledged is lost.
//   Intents and sends a mirror handed over wait until the owner says it took them, and go again
//   to the next owner otherwise.
// - A snapshot carries a sequence number (the writer's tab breaks a tie): a tab takes only a newer
//   one, so a late word from a tab that just lost the connection cannot undo the new owner's.
// Mirroring is memory only (a BroadcastChannel between open tabs): it writes nothing, so consent
// does not gate it; each tab's session store writes what it keeps only when storing is allowed.
//
// It is parley-wire.js's (part_loader.js): until that comes, tabs_stand_in.js stands in for it.
//
//   createParleyTabs({key, tab, session, stored (the conversation this tab's store held before
//                     this page view wrote to it), identity, open(storage, identity) -> transport,
//                     conversation(text | null), intent(event)})
//     -> {transport, identity, start(), store(key, value), mirroring(), forward(event), close()}
//
// Without Web Locks or BroadcastChannel (browsers before 2022, some sandboxed frames) the tab is on
// its own, as before: it owns its connection and keeps its conversation, draft included, across
// its reloads; other tabs do not show it. So is a tab with the host's own transport, which never
// gets here (tabs_stand_in.js).

function createParleyTabs(options) {
  var session = options.session;
  var memory = {};             // what the owner shared (outbox, inbox): this tab's copy
  var shared = { seq: 0, by: '', text: options.stored };  // the conversation, as last known
  var solo = !parleyLocks || typeof BroadcastChannel !== 'function';
  var lockName = 'parley ' + options.key;
  var role = 'pending';        // then 'owner', 'mirror' or 'claiming' (stealing the lock)
  var wantClaim = false;       // a conversation started before this tab knew its role
  var channel = null;
  var wire = null;             // the reliability layer over the wire, while this tab owns it
  var owner = null;            // the tab that owns the connection, as last heard
  var waiting = [];            // sends kept until this tab knows where they go
  var handed = [];             // [{id, kind, body}] given to the owner, until it says done
  var taken = [];              // ids of what this tab, as the owner, took from the others (once each)
  var onMessage = null;
  var onConnection = null;
  var connection = 'online';   // as last told
  var adopting = false;
  var release = null;          // ends this tab's hold on the lock
  var queued = null;           // aborts this tab's place in the lock's queue
  var count = 0;
  var closed = false;

  // The owner's reliability layer keeps its outbox and delivered ids here: this tab's copy of
  // what it shared, written through to this tab's session store, and shared on every change.
  var storage = {
    get: function (key) { return key in memory ? memory[key] : session.get(key); },
    set: function (key, value) {
      keep(key, value);
      if (role === 'owner') post({ kind: 'store', key: key, value: value });
    }
  };

  // The relay's identity for this visitor: the same in every tab (its cookie only with consent).
  var identity = {
    get: function () { return options.identity.get(); },
    set: function (token) {
      options.identity.set(token);
      if (role === 'owner') publish();
    }
  };

  function keep(key, value) {
    memory[key] = value === undefined ? null : value;
    session.set(key, value);
  }

  function post(data) {
    if (!channel || closed) return;
    data.v = 1;
    data.tab = options.tab;
    try { channel.postMessage(data); } catch (e) { /* closed meanwhile */ }
  }

  // ---- the lock ------------------------------------------------------------------------------

  function hold() {
    own();
    return new Promise(function (resolve) { release = resolve; });
  }

  function request(lockOptions, granted) {
    try {
      parleyLocks.request(lockName, lockOptions, granted).then(null, lost);
    } catch (e) {
      alone();
    }
  }

  // A lock manager that refuses (an opaque origin): on our own, as without Web Locks.
  function alone() {
    solo = true;
    if (channel) try { channel.onmessage = null; channel.close(); } catch (e) { /* already closed */ }
    channel = null;
    if (role !== 'owner') own();
  }

  // In the queue: this tab takes over when the owner goes.
  function queue() {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    queued = controller;
    request(controller ? { signal: controller.signal } : {}, function () {
      queued = null;
      return hold();
    });
  }

  // Our request failed: the lock was stolen while we held it (or our place in the queue was given
  // up, or the lock manager refused us).
  function lost() {
    if (closed) return;
    if (role === 'owner') demote();
    else if (role === 'pending') alone();
  }

  // This tab's visitor starts a conversation: it takes the connection over.
  function claim() {
    if (solo || role === 'owner' || role === 'claiming') return;
    if (role === 'pending') { wantClaim = true; return; }
    role = 'claiming';
    if (queued) queued.abort();
    queued = null;
    request({ steal: true }, hold);
  }

  // ---- roles ---------------------------------------------------------------------------------

  function own() {
    if (closed) return;
    var takeover = role !== 'pending';
    role = 'owner';
    owner = options.tab;
    wantClaim = false;
    if (queued) queued.abort();
    queued = null;
    // A conversation nobody published yet (restored from this tab's own store): first version.
    if (!shared.seq) {
      shared.seq = 1;
      shared.by = options.tab;
    }
    wire = options.open(storage, identity);
    wire.onMessage(fromWire);
    if (typeof wire.onConnection === 'function') wire.onConnection(function (state) { tell(state); publish(); });
    publish();
    // Taking over: a word to the agent side, which then resends at once what waited (TRANSPORT.md §2).
    if (takeover) wire.send({ type: 'visitor.hello', id: options.tab + '-hello-' + ++count });
    // What waited for a wire, and what this tab handed to an owner that did not confirm it.
    var pending = waiting.concat(handed);
    waiting = [];
    handed = [];
    pending.forEach(function (entry) {
      if (entry.kind === 'intent') options.intent(entry.body);
      else wire.send(entry.body);
    });
  }

  function mirror() {
    role = 'mirror';
    post({ kind: 'hello' });
    queue();
    if (wantClaim) claim();
    else waiting.splice(0).forEach(function (entry) { hand(entry.kind, entry.body); });
  }

  // The lock was stolen: a tab whose visitor started a conversation owns the connection now.
  function demote() {
    var old = wire;
    wire = null;
    role = 'mirror';
    owner = null;
    if (release) release();
    release = null;
    try { if (old && old.close) old.close(); } catch (e) { /* already closed */ }
    queue();
  }

  // ---- between tabs --------------------------------------------------------------------------

  // The owner's state, to a tab that said hello and to all when it changes hands or connection.
  function publish() {
    if (role !== 'owner') return;
    post({ kind: 'state', seq: shared.seq, by: shared.by, conversation: shared.text, connection: connection,
           outbox: storage.get('outbox'), inbox: storage.get('inbox'), identity: options.identity.get() || null });
  }

  function publishConversation() {
    shared.seq++;
    shared.by = options.tab;
    post({ kind: 'conversation', seq: shared.seq, by: shared.by, value: shared.text });
  }

  // A snapshot from another tab, taken only when newer than what this tab knows.
  function adopt(seq, by, text) {
    if (typeof seq !== 'number' || typeof by !== 'string' || (text !== null && typeof text !== 'string')) return;
    if (seq < shared.seq || (seq === shared.seq && by <= shared.by)) return;
    shared.seq = seq;
    shared.by = by;
    shared.text = text;
    // What the engine stores of it is kept, not published again (handle is never busy here:
    // channel messages come in their own tasks).
    adopting = true;
    try { options.conversation(text); } finally { adopting = false; }
  }

  function hand(kind, body) {
    var entry = { id: options.tab + '-' + ++count, kind: kind, body: body };
    handed[handed.length] = entry;
    post({ kind: kind, id: entry.id, body: body });
  }

  function receive(data) {
    if (closed || !parleyIsObject(data) || data.v !== 1 || typeof data.tab !== 'string' || data.tab === options.tab) return;
    switch (data.kind) {
      case 'hello':
        publish();
        break;
      case 'state':
        adopt(data.seq, data.by, data.conversation);
        if (role === 'owner') break;
        if (typeof data.outbox === 'string' || data.outbox === null) keep('outbox', data.outbox);
        if (typeof data.inbox === 'string' || data.inbox === null) keep('inbox', data.inbox);
        if (typeof data.identity === 'string' && data.identity && data.identity !== options.identity.get()) options.identity.set(data.identity);
        tell(data.connection);
        if (owner !== data.tab) {  // a new owner: what the old one did not confirm goes again
          owner = data.tab;
          handed.forEach(function (entry) { post({ kind: entry.kind, id: entry.id, body: entry.body }); });
        }
        break;
      case 'conversation':
        adopt(data.seq, data.by, data.value);
        break;
      case 'store':
        if ((data.key !== 'outbox' && data.key !== 'inbox') || (data.value !== null && typeof data.value !== 'string')) break;
        if (role !== 'owner') keep(data.key, data.value);
        else if (data.key === 'outbox' && data.value) merge(data.value);
        break;
      case 'send':
      case 'intent':
        if (role !== 'owner' || !parleyIsObject(data.body) || typeof data.id !== 'string') break;
        if (taken.indexOf(data.id) < 0) {  // handed again (a new owner was announced): taken once
          taken[taken.length] = data.id;
          if (taken.length > 200) taken.shift();
          if (data.kind === 'send') wire.send(data.body);
          else options.intent(data.body);
        }
        post({ kind: 'done', id: data.id });
        break;
      case 'done':
        handed = handed.filter(function (entry) { return entry.id !== data.id; });
        break;
      case 'received':
        if (role !== 'owner' && parleyIsObject(data.body)) deliver(data.body);
        break;
      default:
        break;
    }
  }

  // The outbox of a tab that owned the connection until a moment ago: what it still held goes
  // out from here (the same id is the same message: the agent side takes it once).
  function merge(text) {
    var messages;
    try { messages = JSON.parse(text); } catch (e) { return; }
    if (parleyIsArray(messages)) messages.forEach(function (message) { wire.send(message); });
  }

  function fromWire(message) {
    // Broadcasts (availability) concern every tab; a conversation's messages reach the other tabs
    // as the owner's next snapshot.
    if (message.conversationId === undefined) post({ kind: 'received', body: message });
    deliver(message);
  }

  function deliver(message) {
    if (onMessage) try { onMessage(message); } catch (e) { /* the widget's problem */ }
  }

  function tell(state) {
    if (typeof state !== 'string' || state === connection) return;
    connection = state;
    if (onConnection) try { onConnection(state); } catch (e) { /* the widget's problem */ }
  }

  // ---- API -----------------------------------------------------------------------------------

  function start() {
    if (solo) return own();
    try {
      channel = new BroadcastChannel('parley.tabs ' + options.key);
      channel.onmessage = function (event) { receive(event && event.data); };
    } catch (e) {
      solo = true;
      return own();
    }
    request({ ifAvailable: true }, function (lock) {
      if (lock) return hold();
      mirror();
    });
  }

  // The engine stores (widget.js): a conversation this tab writes is the site's.
  function store(key, value) {
    session.set(key, value);
    if (key !== 'conversation') return;
    var had = shared.text;
    shared.text = value === undefined ? null : value;
    if (solo || adopting) return;
    if (role !== 'owner' && value && !had) claim();
    if (role === 'owner' || role === 'claiming' || wantClaim) publishConversation();
  }

  var transport = {
    send: function (message) {
      if (role === 'owner') return wire.send(message);
      if (parleyIsObject(message) && message.type === 'conversation.start') claim();
      if (role === 'mirror') hand('send', message);
      else waiting[waiting.length] = { kind: 'send', body: message };
      return true;
    },
    onMessage: function (fn) { onMessage = typeof fn === 'function' ? fn : null; },
    onConnection: function (fn) {
      onConnection = typeof fn === 'function' ? fn : null;
      if (onConnection && connection !== 'online') onConnection(connection);
    },
    close: close
  };

  function close() {
    if (closed) return;
    closed = true;
    if (release) release();
    if (queued) queued.abort();
    release = queued = null;
    try { if (wire && wire.close) wire.close(); } catch (e) { /* already closed */ }
    if (channel) try { channel.onmessage = null; channel.close(); } catch (e) { /* already closed */ }
    channel = wire = null;
  }

  return {
    transport: transport,
    identity: identity,
    start: start,
    store: store,
    // Another tab owns the conversation on screen: this tab's intents are its to handle.
    mirroring: function () { return role === 'mirror' && !!shared.text; },
    forward: function (event) { hand('intent', event); },
    close: close
  };
}
