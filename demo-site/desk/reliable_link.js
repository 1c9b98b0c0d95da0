// The desk's delivery layer (TRANSPORT.md §2), over any wire: the outbox with its backoff, acks,
// de-duplication of what arrives, and the relay's final errors (RELAY.md §2). Written from the
// documents alone: the desk shares no code with the widget.
//
// A wire is {post(envelope) -> bool, ready() -> bool, onEnvelope(fn), onReady(fn)}: it moves
// envelope objects and says when it can carry them (a BroadcastChannel always can; a WebSocket
// after the relay's `welcome`). This file must not know which wire it runs on, touch the DOM or
// storage: the desk saves what pending() and seen() return.

const VERSION = 1;
const MAX_ID = 256;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const MAX_OUTBOX = 200;
const MAX_SEEN = 1000;

export function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isId(value) {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

// 1 s after the first post, then 2, 4, 8, 16 s, then every 30 s (TRANSPORT.md §2).
export function delayAfter(posts) {
  return Math.min(FIRST_DELAY_MS * Math.pow(2, Math.max(posts - 1, 0)), MAX_DELAY_MS);
}

// A msg body as TRANSPORT.md §1 accepts it: string type, string id, conversationId a string if present.
function validBody(body) {
  return isObject(body) && typeof body.type === 'string' && body.type.length > 0 && body.type.length <= MAX_ID &&
    isId(body.id) && (body.conversationId === undefined || isId(body.conversationId));
}

// options: wire; me ('agent'); peers (the `from` values heard: ['visitor'] on the channel,
// ['relay', 'visitor'] on the relay); relayErrors (true on the relay); newId() for bodies without one; outbox (bodies saved by an
// earlier page) and seen (ids delivered earlier); now/setTimer/clearTimer (injected for tests).
export function createReliableLink(options) {
  const wire = options.wire;
  const me = options.me || 'agent';
  const peers = options.peers || ['visitor'];
  const now = options.now || (() => Date.now());
  const setTimer = options.setTimer || ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer || ((id) => clearTimeout(id));
  const newId = options.newId;
  const relayErrors = options.relayErrors === true;   // RELAY.md's `error` frames; the channel has none

  let outbox = (options.outbox || []).filter(validBody).slice(-MAX_OUTBOX).map((body) => ({ body, posts: 0, due: 0 }));
  const seen = (options.seen || []).filter(isId).slice(-MAX_SEEN);
  const seenSet = new Set(seen);
  const counts = { received: 0, duplicates: 0, dropped: 0, rejected: 0, sent: 0, resent: 0 };
  const listeners = { message: [], settled: [], rejected: [], dropped: [] };
  let timer = null;

  const emit = (name, ...args) => listeners[name].forEach((fn) => fn(...args));

  function postEntry(entry, at) {
    if (!wire.ready()) return;   // the wire says when it is back (onReady), and everything goes then
    if (wire.post({ v: VERSION, kind: 'msg', from: me, body: entry.body })) {
      if (entry.posts > 0) counts.resent += 1; else counts.sent += 1;
    }
    entry.posts += 1;
    entry.due = at + delayAfter(entry.posts);
  }

  // One timer for the whole outbox, none while it is empty or the wire is down.
  function arm() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!outbox.length || !wire.ready()) return;
    let due = Infinity;
    outbox.forEach((entry) => { due = Math.min(due, entry.due); });
    timer = setTimer(resendDue, Math.max(0, due - now()));
  }

  function resendDue() {
    timer = null;
    const at = now();
    outbox.forEach((entry) => { if (entry.due <= at) postEntry(entry, at); });
    arm();
  }

  // Everything in the outbox, now, with the backoff restarted: at start and after each welcome.
  function flush() {
    const at = now();
    outbox.forEach((entry) => { entry.posts = 0; postEntry(entry, at); });
    arm();
  }

  // The other side spoke: what waited through a long backoff (posted twice or more) goes again now.
  function peerAlive() {
    const at = now();
    let any = false;
    outbox.forEach((entry) => {
      if (entry.posts >= 2) {
        entry.posts = 0;
        postEntry(entry, at);
        any = true;
      }
    });
    if (any) arm();
  }

  function settle(id) {
    const before = outbox.length;
    outbox = outbox.filter((entry) => entry.body.id !== id);
    if (outbox.length === before) return false;
    arm();
    return true;
  }

  function drop(reason, envelope) {
    counts.dropped += 1;
    emit('dropped', reason, envelope);
  }

  function receive(envelope) {
    if (!isObject(envelope) || envelope.v !== VERSION) return drop('version', envelope);
    if (envelope.from === me) return;   // our own side (another desk on the channel, an echo)
    if (peers.indexOf(envelope.from) < 0) return drop('from', envelope);
    if (envelope.kind === 'ack') {
      if (!isId(envelope.id)) return drop('ack', envelope);
      if (settle(envelope.id)) emit('settled', envelope.id);
      peerAlive();
      return;
    }
    if (envelope.kind === 'error' && relayErrors) {
      // RELAY.md §2: an error naming an id is final; the message leaves the outbox as if acknowledged.
      const id = isId(envelope.id) ? envelope.id : null;
      const frame = { code: String(envelope.code || ''), message: String(envelope.message || ''), id };
      if (id && settle(id)) counts.rejected += 1;
      emit('rejected', frame);
      return;
    }
    if (envelope.kind !== 'msg' || !validBody(envelope.body)) return drop('msg', envelope);
    const body = envelope.body;
    peerAlive();
    if (seenSet.has(body.id)) {
      counts.duplicates += 1;
    } else {
      seen.push(body.id);
      seenSet.add(body.id);
      if (seen.length > MAX_SEEN) seen.splice(0, seen.length - MAX_SEEN).forEach((old) => seenSet.delete(old));
      counts.received += 1;
      emit('message', body);
    }
    // Acknowledged after it was handled, and again for every duplicate (the first ack was lost).
    wire.post({ v: VERSION, kind: 'ack', from: me, id: body.id });
  }

  wire.onEnvelope(receive);
  wire.onReady(flush);

  return {
    // A conversation message, kept until acknowledged. A body without conversationId is state: a
    // newer one replaces an unacknowledged older one of the same type. Returns the id.
    send(body) {
      if (!isId(body.id)) body.id = newId();
      if (!validBody(body)) return null;
      outbox = outbox.filter((entry) => entry.body.id !== body.id &&
        (body.conversationId !== undefined || entry.body.conversationId !== undefined || entry.body.type !== body.type));
      const entry = { body, posts: 0, due: 0 };
      outbox.push(entry);
      if (outbox.length > MAX_OUTBOX) outbox.splice(0, outbox.length - MAX_OUTBOX);
      postEntry(entry, now());
      arm();
      return body.id;
    },
    // State (availability on the channel): fire-and-forget.
    post(body) {
      if (!isId(body.id)) body.id = newId();
      if (wire.ready()) wire.post({ v: VERSION, kind: 'msg', from: me, body });
      return body.id;
    },
    flush,
    onMessage(fn) { listeners.message.push(fn); },
    onSettled(fn) { listeners.settled.push(fn); },     // fn(id): acknowledged (or final error)
    onRejected(fn) { listeners.rejected.push(fn); },   // fn({code, message, id}): a relay error
    onDropped(fn) { listeners.dropped.push(fn); },     // fn(reason, envelope): malformed input
    isPending(id) { return outbox.some((entry) => entry.body.id === id); },
    pending() { return outbox.map((entry) => entry.body); },
    seen() { return seen.slice(); },
    stats() { return { ...counts, outbox: outbox.length, timer: timer !== null }; },
    close() {
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
