// Node tests of the reliability layer (wasm-glue/runtime/transport_reliable.js):
//   1. over the BroadcastChannel wire (transport_broadcast.js) and Node 20's real BroadcastChannel,
//      with a fake clock for the backoff;
//   2. over the WebSocket wire (transport_websocket.js) with a fake WebSocket and a fake window:
//      hello/welcome, identity, reconnect backoff with jitter, the online event, error frames,
//      connection states, and no timer while connected and idle; with several relay URLs
//      (transport.urls), the failover policy.
// The same files run in Chromium against the real relay in tests/e2e/transport_websocket.test.mjs.
//
// Run: node --test tests/js/transport_reliable.test.mjs
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const runtime = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../wasm-glue/runtime');
const source = ['transport_reliable.js', 'transport_broadcast.js', 'transport_websocket.js']
  .map((f) => fs.readFileSync(path.join(runtime, f), 'utf8')).join('\n');

function makeClock() {
  let t = 1_000_000;
  let nextId = 1;
  const timers = new Map();
  return {
    now: () => t,
    setTimer: (fn, ms) => { const id = nextId++; timers.set(id, { fn, at: t + ms, ms }); return id; },
    clearTimer: (id) => { timers.delete(id); },
    pending: () => [...timers.values()],
    advance(ms) {
      const end = t + ms;
      for (;;) {
        let first = null;
        for (const [id, timer] of timers) if (timer.at <= end && (!first || timer.at < first[1].at)) first = [id, timer];
        if (!first) break;
        timers.delete(first[0]);
        t = first[1].at;
        first[1].fn();
      }
      t = end;
    },
  };
}

function makeStorage() {
  const data = new Map();
  return {
    data,
    get: (key) => (data.has(key) ? data.get(key) : null),
    set: (key, value) => { if (value === null) data.delete(key); else data.set(key, value); },
  };
}

// The runtime's three files in one context, with the globals they may use.
function load(globals = {}) {
  const context = vm.createContext({ BroadcastChannel, setTimeout, clearTimeout, JSON, ...globals });
  vm.runInContext(source, context);
  return context;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Channel messages arrive on later turns (the first one of a process takes a while).
const settle = () => sleep(50);
async function until(check, what) {
  for (let i = 0; i < 100 && !check(); ++i) await sleep(20);
  assert.ok(check(), what);
}
// Out of the vm's realm, so deepEqual compares plain values.
const plain = (value) => JSON.parse(JSON.stringify(value));

// ---- 1. BroadcastChannel ---------------------------------------------------------------------

describe('reliability layer over the BroadcastChannel wire (real channel)', () => {
  const open = [];
  let channelCount = 0;
  after(() => { for (const c of open) c.close(); });

  function setup({ storage = makeStorage(), clock = makeClock(), name = `parley-test-${++channelCount}`, delivered } = {}) {
    const context = load();
    const desk = new BroadcastChannel(name);
    open.push(desk);
    const heard = [];
    desk.onmessage = (event) => heard.push(event.data);
    const transport = context.createParleyReliableTransport({
      wire: context.createParleyBroadcastWire(name), storage, now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer,
      delivered,
    });
    open.push({ close: () => transport.close() });
    const received = [];
    transport.onMessage((message) => received.push(plain(message)));
    return { transport, desk, heard, received, clock, storage, name };
  }

  it('a message reaches the desk, the ack empties the outbox and stops the only timer', async () => {
    const { transport, desk, heard, clock } = setup();
    assert.equal(transport.stats().connection, 'online', 'a channel has nothing to connect');
    assert.equal(transport.stats().timer, false);
    transport.send({ type: 'visitor.message', id: 'm1', conversationId: 'c1', text: 'Hi' });
    await until(() => heard.length, 'the desk heard it');
    assert.deepEqual(heard, [{ v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.message', id: 'm1', conversationId: 'c1', text: 'Hi' } }]);
    assert.equal(clock.pending().length, 1);
    desk.postMessage({ v: 1, kind: 'ack', from: 'agent', id: 'm1' });
    await until(() => transport.stats().outbox === 0, 'acknowledged');
    assert.equal(clock.pending().length, 0);
    assert.equal(transport.stats().timer, false);
  });

  it('tells each ack that settles a message, once', async () => {
    const delivered = [];
    const { transport, desk } = setup({ delivered: (id) => delivered.push(id) });
    transport.send({ type: 'visitor.message', id: 'm7', conversationId: 'c1', text: 'Hi' });
    desk.postMessage({ v: 1, kind: 'ack', from: 'agent', id: 'm7' });
    desk.postMessage({ v: 1, kind: 'ack', from: 'agent', id: 'm7' });  // a repeated ack settles nothing
    desk.postMessage({ v: 1, kind: 'ack', from: 'agent', id: 'never-sent' });
    await until(() => transport.stats().outbox === 0, 'acknowledged');
    await settle();
    assert.deepEqual(delivered, ['m7']);
  });

  it('typing is ephemeral: posted once, never kept, resent or saved', async () => {
    const { transport, heard, clock, storage } = setup();
    assert.equal(transport.send({ type: 'visitor.typing', id: 't1', conversationId: 'c1', state: 'on' }), true);
    await until(() => heard.length === 1, 'the desk heard it');
    assert.equal(transport.stats().outbox, 0);
    assert.equal(clock.pending().length, 0, 'no resend timer');
    assert.equal(storage.get('outbox'), null, 'not saved for the next page');
    clock.advance(60000);
    await settle();
    assert.equal(heard.length, 1, 'never posted again');
  });

  it('resends with backoff 1, 2, 4 s until acknowledged', async () => {
    const { transport, heard, clock } = setup();
    transport.send({ type: 'visitor.message', id: 'm2', conversationId: 'c1', text: 'Hi' });
    assert.deepEqual(clock.pending().map((t) => t.ms), [1000]);
    clock.advance(1000);
    assert.deepEqual(clock.pending().map((t) => t.ms), [2000]);
    clock.advance(2000);
    assert.deepEqual(clock.pending().map((t) => t.ms), [4000]);
    await settle();
    assert.equal(heard.filter((e) => e.kind === 'msg').length, 3);
    assert.equal(transport.stats().resent, 2);
  });

  it('agent messages are delivered once, acknowledged each time, and remembered across pages', async () => {
    const storage = makeStorage();
    const first = setup({ storage });
    first.transport.send({ type: 'conversation.start', id: 's1', conversationId: 'mine', context: {}, prechat: [] });
    const joined = { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.joined', id: 'a1', conversationId: 'mine', agentName: 'Alex' } };
    first.desk.postMessage(joined);
    first.desk.postMessage(joined);
    await until(() => first.heard.filter((e) => e.kind === 'ack').length === 2, 'two acks');
    assert.deepEqual(first.received.map((m) => m.id), ['a1']);
    assert.deepEqual(first.heard.filter((e) => e.kind === 'ack').map((e) => e.id), ['a1', 'a1']);
    first.transport.close();

    const second = setup({ storage, name: first.name });
    second.desk.postMessage(joined);
    await until(() => second.heard.some((e) => e.kind === 'ack'), 'acknowledged again');
    assert.deepEqual(second.received, [], 'the next page knows the id');
    assert.deepEqual(second.heard.filter((e) => e.kind === 'ack').map((e) => e.id), ['a1']);
  });

  it("another tab's conversation is delivered but not acknowledged", async () => {
    const { transport, desk, heard, received } = setup();
    transport.send({ type: 'conversation.start', id: 's2', conversationId: 'mine', context: {}, prechat: [] });
    desk.postMessage({ v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'a2', conversationId: 'theirs', text: 'x' } });
    desk.postMessage({ v: 1, kind: 'msg', from: 'agent', body: { type: 'availability', id: 'a3', chat: true } });
    await until(() => received.length === 2 && heard.some((e) => e.kind === 'ack'), 'both delivered');
    await settle();
    assert.deepEqual(received.map((m) => m.id), ['a2', 'a3']);
    assert.deepEqual(heard.filter((e) => e.kind === 'ack').map((e) => e.id), ['a3']);
  });

  it('the outbox is saved in the session store and the next page posts it at once', async () => {
    const storage = makeStorage();
    const first = setup({ storage });
    first.transport.send({ type: 'visitor.message', id: 'm3', conversationId: 'c', text: 'before the reload' });
    first.transport.close();
    assert.deepEqual(JSON.parse(storage.get('outbox')).map((m) => m.id), ['m3']);
    await settle();
    first.heard.length = 0;

    const second = setup({ storage, name: first.name });
    await until(() => second.heard.length, 'posted at once');
    assert.deepEqual(second.heard.filter((e) => e.kind === 'msg').map((e) => e.body.id), ['m3']);
    second.desk.postMessage({ v: 1, kind: 'ack', from: 'agent', id: 'm3' });
    await settle();
    assert.equal(storage.get('outbox'), null);
  });

  it('when the desk speaks, what waited through a long backoff goes at once', async () => {
    const { transport, desk, heard, clock } = setup();
    transport.send({ type: 'visitor.message', id: 'm4', conversationId: 'c', text: 'a' });
    clock.advance(1500);
    await settle();
    heard.length = 0;
    desk.postMessage({ v: 1, kind: 'msg', from: 'agent', body: { type: 'availability', id: 'a4', chat: true } });
    await settle();
    assert.deepEqual(heard.filter((e) => e.kind === 'msg').map((e) => e.body.id), ['m4']);
  });

  it('an error frame naming an id is final: dropped from the outbox and reported', async () => {
    const context = load();
    const clock = makeClock();
    const name = `parley-test-${++channelCount}`;
    const desk = new BroadcastChannel(name);
    open.push(desk);
    const refused = [];
    const transport = context.createParleyReliableTransport({
      wire: context.createParleyBroadcastWire(name), storage: makeStorage(), now: clock.now, setTimer: clock.setTimer,
      clearTimer: clock.clearTimer, refused: (id, code) => refused.push([id, code]),
    });
    open.push({ close: () => transport.close() });
    transport.send({ type: 'visitor.message', id: 'm5', conversationId: 'not-mine', text: 'a' });
    transport.send({ type: 'visitor.message', id: 'm6', conversationId: 'c', text: 'b' });
    desk.postMessage({ v: 1, kind: 'error', from: 'relay', code: 'forbidden', message: 'not yours', id: 'm5' });
    desk.postMessage({ v: 1, kind: 'error', from: 'relay', code: 'rate_limited', message: 'slow down', id: 'm6' });
    desk.postMessage({ v: 1, kind: 'error', from: 'relay', code: 'bad_frame', message: 'no id' });
    await settle();
    assert.deepEqual(refused, [['m5', 'forbidden']]);
    assert.equal(transport.stats().refused, 1);
    assert.equal(transport.stats().outbox, 1, 'rate_limited means "again later", not "never"');
  });
});

// ---- 2. WebSocket, faked --------------------------------------------------------------------

// A WebSocket the test drives: sockets[i].open(), .frame(object), .drop().
function fakeSockets() {
  const sockets = [];
  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      sockets.push(this);
    }
    send(text) { this.sent.push(JSON.parse(text)); }
    close() { this.readyState = 3; }
    open() { this.readyState = 1; this.onopen?.({}); }
    frame(value) { this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) }); }
    drop(code = 1006) { this.readyState = 3; this.onclose?.({ code }); }
  }
  return { FakeWebSocket, sockets };
}

function fakeWindow() {
  const listeners = {};
  return {
    addEventListener: (name, fn) => { (listeners[name] ||= new Set()).add(fn); },
    removeEventListener: (name, fn) => { listeners[name]?.delete(fn); },
    fire: (name) => { for (const fn of listeners[name] || []) fn({ type: name }); },
    count: () => Object.values(listeners).reduce((n, set) => n + set.size, 0),
  };
}

function websocketSetup({ random = () => 0.5, identity = null, storage = makeStorage(), urls = ['wss://relay.test/visitor'] } = {}) {
  const { FakeWebSocket, sockets } = fakeSockets();
  const window = fakeWindow();
  const context = load({ WebSocket: FakeWebSocket, window });
  const clock = makeClock();
  const kept = { token: identity };
  const states = [];
  const refused = [];
  const transport = context.createParleyReliableTransport({
    wire: context.createParleyWebSocketWire({
      urls,
      identity: { get: () => kept.token, set: (token) => { kept.token = token; } },
      setTimer: clock.setTimer, clearTimer: clock.clearTimer, random,
    }),
    storage, now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer,
    refused: (id, code) => refused.push([id, code]),
  });
  transport.onConnection((state) => states.push(state));
  const received = [];
  transport.onMessage((message) => received.push(plain(message)));
  const welcome = (socket, token = 'v1.new.sig') => {
    socket.open();
    socket.frame({ v: 1, kind: 'welcome', from: 'relay', visitorId: 'new', identity: token });
  };
  return { transport, sockets, window, clock, kept, states, refused, received, welcome, storage };
}

describe('reliability layer over the WebSocket wire (fake socket)', () => {
  it('says hello with the stored identity, keeps the welcome identity, then flushes the outbox', () => {
    const { transport, sockets, kept, states, welcome } = websocketSetup({ identity: 'v1.old.sig' });
    assert.deepEqual(states, ['connecting'], 'told at once: not online yet');
    transport.send({ type: 'visitor.hello', id: 'h1' });
    assert.equal(sockets.length, 1);
    assert.equal(sockets[0].url, 'wss://relay.test/visitor');
    sockets[0].open();
    assert.deepEqual(sockets[0].sent, [{ v: 1, kind: 'hello', from: 'visitor', identity: 'v1.old.sig' }], 'nothing before welcome');
    sockets[0].frame({ v: 1, kind: 'welcome', from: 'relay', visitorId: 'fresh', identity: 'v1.fresh.sig' });
    assert.equal(kept.token, 'v1.fresh.sig');
    assert.deepEqual(states, ['connecting', 'online']);
    assert.deepEqual(sockets[0].sent.slice(1).map((e) => [e.kind, e.body.id]), [['msg', 'h1']]);
  });

  it('without an identity the hello has none', () => {
    const { sockets } = websocketSetup();
    sockets[0].open();
    assert.deepEqual(sockets[0].sent, [{ v: 1, kind: 'hello', from: 'visitor' }]);
  });

  it('no timer at all while connected with an empty outbox', () => {
    const { transport, sockets, clock, welcome } = websocketSetup();
    welcome(sockets[0]);
    assert.equal(transport.stats().timer, false);
    assert.equal(clock.pending().length, 0);
    transport.send({ type: 'visitor.message', id: 'm1', conversationId: 'c', text: 'hi' });
    assert.equal(transport.stats().timer, true, 'the resend timer while waiting for the ack');
    sockets[0].frame({ v: 1, kind: 'ack', from: 'agent', id: 'm1' });
    assert.equal(transport.stats().timer, false);
    assert.equal(clock.pending().length, 0);
  });

  it('reconnects with full-jitter exponential backoff and resends the outbox on every welcome', () => {
    const { transport, sockets, clock, states, welcome } = websocketSetup({ random: () => 1 });
    welcome(sockets[0]);
    transport.send({ type: 'visitor.message', id: 'm2', conversationId: 'c', text: 'kept' });
    sockets[0].drop();
    assert.equal(transport.stats().connection, 'offline');
    // Only the reconnect timer: the outbox cannot be posted while offline.
    assert.deepEqual(clock.pending().map((t) => t.ms), [500]);
    clock.advance(500);
    assert.equal(sockets.length, 2);
    sockets[1].drop();                           // refused again: the ceiling doubles
    assert.deepEqual(clock.pending().map((t) => t.ms), [1000]);
    clock.advance(1000);
    sockets[2].drop();
    assert.deepEqual(clock.pending().map((t) => t.ms), [2000]);
    for (let i = 0; i < 10; ++i) { clock.advance(60000); sockets.at(-1).drop(); }
    assert.deepEqual(clock.pending().map((t) => t.ms), [30000], 'capped at 30 s');
    clock.advance(30000);
    welcome(sockets.at(-1));
    assert.deepEqual(sockets.at(-1).sent.filter((e) => e.kind === 'msg').map((e) => e.body.id), ['m2']);
    assert.equal(states.at(-1), 'online');
    sockets.at(-1).drop();                       // after a welcome the backoff starts over
    assert.deepEqual(clock.pending().map((t) => t.ms), [500]);
  });

  it('the delay is a random fraction of the ceiling (full jitter)', () => {
    const { sockets, clock } = websocketSetup({ random: () => 0.25 });
    sockets[0].drop();
    assert.deepEqual(clock.pending().map((t) => t.ms), [125]);
  });

  it('the window coming online retries at once', () => {
    const { sockets, clock, window } = websocketSetup({ random: () => 1 });
    for (let i = 0; i < 6; ++i) { sockets.at(-1).drop(); clock.advance(60000); }
    sockets.at(-1).drop();
    const before = sockets.length;
    window.fire('online');
    assert.equal(sockets.length, before + 1, 'a new socket without waiting');
    assert.equal(clock.pending().length, 0, 'the backoff timer is gone');
  });

  it('an error frame for an id drops it; a junk frame is counted', () => {
    const { transport, sockets, refused, welcome } = websocketSetup();
    welcome(sockets[0]);
    transport.send({ type: 'visitor.message', id: 'bad', conversationId: 'someone-else', text: 'x' });
    sockets[0].frame({ v: 1, kind: 'error', from: 'relay', code: 'forbidden', message: 'no', id: 'bad' });
    assert.equal(transport.stats().outbox, 0);
    assert.deepEqual(refused, [['bad', 'forbidden']]);
    sockets[0].frame('{not json');
    sockets[0].frame('x'.repeat(70000));
    assert.equal(transport.stats().dropped, 2);
  });

  it('agent messages are delivered once and acknowledged on the socket', () => {
    const { transport, sockets, received, welcome } = websocketSetup();
    welcome(sockets[0]);
    transport.send({ type: 'conversation.start', id: 's', conversationId: 'c', context: {}, prechat: [] });
    const joined = { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.joined', id: 'r-1', conversationId: 'c', agentName: 'Sam' } };
    sockets[0].frame(joined);
    sockets[0].frame(joined);
    assert.deepEqual(received.map((m) => m.id), ['r-1']);
    assert.deepEqual(sockets[0].sent.filter((e) => e.kind === 'ack').map((e) => e.id), ['r-1', 'r-1']);
  });

  it('close stops the socket, the timers and the window listeners', () => {
    const { transport, sockets, clock, window } = websocketSetup();
    sockets[0].drop();
    assert.equal(clock.pending().length, 1);
    transport.close();
    assert.equal(clock.pending().length, 0);
    assert.equal(window.count(), 0);
    assert.equal(transport.send({ type: 'x', id: 'y' }), false);
  });
});

// ---- 3. WebSocket, several relay URLs (transport.urls) ------------------------------------------

describe('WebSocket wire over several relay URLs (fake socket)', () => {
  const URLS = ['wss://a.test/visitor', 'wss://b.test/visitor', 'wss://c.test/visitor'];
  const host = (socket) => new URL(socket.url).hostname[0];
  const hosts = (sockets) => sockets.map(host).join('');
  // random() answers from a list (then its last value): the first answer picks the first URL.
  const randoms = (...values) => () => (values.length > 1 ? values.shift() : values[0]);

  it('the first URL is picked at random, so visitors spread over the relays', () => {
    for (const [r, expected] of [[0, 'a'], [0.34, 'b'], [0.99, 'c'], [1, 'a']]) {
      const { sockets } = websocketSetup({ urls: URLS, random: randoms(r, 0.5) });
      assert.equal(host(sockets[0]), expected, `random ${r}`);
    }
  });

  it('a URL that fails before welcome is left for the next one at once; the backoff only after a whole round', () => {
    const { sockets, clock, states, transport } = websocketSetup({ urls: URLS, random: randoms(0, 1) });
    sockets[0].drop();                                    // a refused: b, at once
    assert.equal(sockets.length, 2);
    assert.equal(host(sockets[1]), 'b');
    assert.equal(clock.pending().length, 0, 'no timer: tried at once');
    assert.equal(transport.stats().connection, 'connecting', 'still connecting, never offline in between');
    sockets[1].open();                                    // open, then closed before its welcome: a failure too
    sockets[1].drop(1011);
    assert.equal(hosts(sockets), 'abc');
    assert.equal(clock.pending().length, 0);
    sockets[2].drop();                                    // the whole round failed: now the backoff
    assert.equal(sockets.length, 3);
    assert.deepEqual(clock.pending().map((t) => t.ms), [500]);
    assert.equal(transport.stats().connection, 'offline');
    clock.advance(500);                                   // round 2 starts at the next URL: a
    assert.equal(hosts(sockets), 'abca');
    sockets[3].drop();
    sockets[4].drop();
    assert.equal(hosts(sockets), 'abcabc', 'at once again within the round');
    assert.equal(clock.pending().length, 0);
    sockets[5].drop();
    assert.deepEqual(clock.pending().map((t) => t.ms), [1000], 'the ceiling doubles per failed round');
    for (let i = 0; i < 10; ++i) { clock.advance(60000); for (let j = 0; j < 3; ++j) sockets.at(-1).drop(); }
    assert.deepEqual(clock.pending().map((t) => t.ms), [30000], 'capped at 30 s');
    assert.equal(states.join(' '), Array(12).fill('connecting offline').join(' '), 'offline once per failed round, not per URL');
  });

  it('a relay that accepts the connection but never answers hello is left after 10 s for the next', () => {
    const { sockets, clock, welcome, states } = websocketSetup({ urls: URLS.slice(0, 2), random: randoms(0, 1) });
    sockets[0].open();
    assert.deepEqual(sockets[0].sent.map((e) => e.kind), ['hello']);
    clock.advance(9999);
    assert.equal(sockets.length, 1, 'still waiting for its welcome');
    clock.advance(1);
    assert.equal(sockets[0].readyState, 3, 'the silent socket is closed');
    assert.equal(hosts(sockets), 'ab', 'and the next relay tried at once');
    welcome(sockets[1]);
    clock.advance(60000);
    assert.equal(sockets.length, 2, 'a welcomed connection has no deadline');
    assert.deepEqual(states, ['connecting', 'online']);
  });

  it('a dead first relay costs one quick retry: the visitor is online on the second', () => {
    const { sockets, clock, states, welcome, transport } = websocketSetup({ urls: URLS.slice(0, 2), random: randoms(0, 1) });
    transport.send({ type: 'visitor.hello', id: 'h1' });
    sockets[0].drop();
    welcome(sockets[1]);
    assert.deepEqual(hosts(sockets), 'ab');
    assert.deepEqual(states, ['connecting', 'online']);
    assert.deepEqual(sockets[1].sent.filter((e) => e.kind === 'msg').map((e) => e.body.id), ['h1']);
    assert.equal(clock.pending().length, 1, 'only the resend timer of h1');
  });

  it('a URL is kept while it works: a welcomed connection that drops retries it after the jittered delay', () => {
    const { sockets, clock, welcome } = websocketSetup({ urls: URLS, random: randoms(0.5, 1) });
    welcome(sockets[0]);
    assert.equal(host(sockets[0]), 'b');
    sockets[0].drop(1006);                                // network loss, relay crash
    assert.deepEqual(clock.pending().map((t) => t.ms), [500], 'not at once: the crowd of this relay spreads out');
    clock.advance(500);
    assert.equal(host(sockets[1]), 'b', 'the same relay again');
    welcome(sockets[1]);
    sockets[1].drop(1006);
    clock.advance(500);
    sockets[2].drop();                                    // it is really gone: the next one at once
    assert.equal(hosts(sockets), 'bbbc');
  });

  for (const code of [1001, 1012, 1013]) {
    it(`a close with ${code} after welcome is a failure of that URL: the next one, after the jittered delay`, () => {
      const { sockets, clock, welcome } = websocketSetup({ urls: URLS, random: randoms(0, 1) });
      welcome(sockets[0]);
      sockets[0].drop(code);
      assert.equal(sockets.length, 1, 'not at once: every visitor of that relay got the same close');
      assert.deepEqual(clock.pending().map((t) => t.ms), [500]);
      clock.advance(500);
      assert.equal(hosts(sockets), 'ab');
      // A relay that welcomes then closes again and again never makes a tight loop.
      for (let i = 0; i < 6; ++i) { welcome(sockets.at(-1)); sockets.at(-1).drop(code); assert.equal(clock.pending().length, 1); clock.advance(500); }
      assert.equal(hosts(sockets), 'abcabcab');
    });
  }

  it('welcome resets the round and the ceiling', () => {
    const { sockets, clock, welcome } = websocketSetup({ urls: URLS.slice(0, 2), random: randoms(0, 1) });
    for (let i = 0; i < 4; ++i) { sockets.at(-1).drop(); sockets.at(-1).drop(); clock.advance(60000); }
    assert.equal(hosts(sockets), 'abababababa'.slice(0, sockets.length));
    welcome(sockets.at(-1));                              // on a
    sockets.at(-1).drop(1012);                            // failure 1 of a new round: b after 0.5 s at most
    assert.deepEqual(clock.pending().map((t) => t.ms), [500]);
    clock.advance(500);
    sockets.at(-1).drop();                                // b fails too: a whole round, the ceiling is 1 s
    assert.deepEqual(clock.pending().map((t) => t.ms), [1000]);
  });

  it('the window coming online starts a new round at once', () => {
    const { sockets, clock, window } = websocketSetup({ urls: URLS.slice(0, 2), random: randoms(0, 1) });
    sockets[0].drop();
    sockets[1].drop();
    assert.equal(clock.pending().length, 1);
    window.fire('online');
    assert.equal(clock.pending().length, 0);
    assert.equal(hosts(sockets), 'aba');
    sockets[2].drop();
    assert.equal(hosts(sockets), 'abab', 'a fresh round: the next URL at once');
  });

  it('one identity for every relay of the list', () => {
    const { sockets, clock, kept } = websocketSetup({ urls: URLS.slice(0, 2), random: randoms(0, 1), identity: 'v1.old.sig' });
    sockets[0].open();
    assert.equal(sockets[0].sent[0].identity, 'v1.old.sig');
    sockets[0].frame({ v: 1, kind: 'welcome', from: 'relay', visitorId: 'v', identity: 'v1.cluster.sig' });
    sockets[0].drop(1012);
    clock.advance(500);
    assert.equal(host(sockets[1]), 'b');
    sockets[1].open();
    assert.deepEqual(sockets[1].sent, [{ v: 1, kind: 'hello', from: 'visitor', identity: 'v1.cluster.sig' }], 'b gets what a signed');
    assert.equal(kept.token, 'v1.cluster.sig');
  });

  it('a URL the browser refuses to open is a failure of that URL like any other', () => {
    const { FakeWebSocket, sockets } = fakeSockets();
    class PickyWebSocket extends FakeWebSocket {
      constructor(url) { if (url.includes('bad')) throw new SyntaxError('refused'); super(url); }
    }
    const context = load({ WebSocket: PickyWebSocket, window: fakeWindow() });
    const clock = makeClock();
    const states = [];
    const wire = context.createParleyWebSocketWire({
      urls: ['wss://bad.test/visitor', 'wss://good.test/visitor'], identity: { get: () => null, set: () => {} },
      setTimer: clock.setTimer, clearTimer: clock.clearTimer, random: () => 0,
    })({ receive: () => {}, state: (s) => states.push(s) });
    wire.start();
    assert.deepEqual(sockets.map((s) => s.url), ['wss://good.test/visitor']);
    wire.close();
  });
});
