// Node tests of the agent desk's wire (demo-site/desk/): the delivery layer (outbox, backoff,
// acks, de-duplication, the relay's final errors) and the relay wire (hello/welcome, reconnection
// with jittered backoff, the outbox resent after each welcome, a refused token), on a fake clock
// and a fake WebSocket: what the browser tests against a real relay cannot time exactly.
//
// Run: node --test tests/js/desk_wire.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReliableLink, delayAfter } from '../../demo-site/desk/reliable_link.js';
import { createWebSocketWire, retryDelay, parseRelayUrl } from '../../demo-site/desk/websocket_wire.js';

// A clock whose timers run only when the test advances it.
function fakeClock() {
  let now = 0;
  let next = 1;
  const timers = new Map();
  return {
    now: () => now,
    setTimer(fn, ms) { const id = next++; timers.set(id, { at: now + ms, fn }); return id; },
    clearTimer(id) { timers.delete(id); },
    pending: () => timers.size,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let first = null;
        for (const [id, t] of timers) if (t.at <= end && (!first || t.at < first[1].at)) first = [id, t];
        if (!first) break;
        timers.delete(first[0]);
        now = first[1].at;
        first[1].fn();
      }
      now = end;
    },
  };
}

// A wire that records what is posted; `up` says whether it can carry envelopes.
function fakeWire() {
  const wire = {
    up: true, posted: [], deliver: null, readyFn: null,
    ready: () => wire.up,
    post(envelope) { wire.posted.push(envelope); return true; },
    onEnvelope(fn) { wire.deliver = fn; },
    onReady(fn) { wire.readyFn = fn; },
    msgs: () => wire.posted.filter((e) => e.kind === 'msg').map((e) => e.body.id),
    acks: () => wire.posted.filter((e) => e.kind === 'ack').map((e) => e.id),
  };
  return wire;
}

function linkOn(wire, clock, extra = {}) {
  let n = 0;
  return createReliableLink({ wire, now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer,
    newId: () => 'desk-t-' + (++n), ...extra });
}

describe('reliable link (TRANSPORT.md §2)', () => {
  it('resends an unacknowledged message after 1, 2, 4 s and stops (no timer) once it is acknowledged', () => {
    const clock = fakeClock();
    const wire = fakeWire();
    const link = linkOn(wire, clock);
    const id = link.send({ type: 'agent.message', conversationId: 'c1', text: 'Hello' });
    assert.deepEqual(wire.msgs(), [id]);
    clock.advance(999);
    assert.equal(wire.msgs().length, 1);
    clock.advance(1);
    assert.equal(wire.msgs().length, 2, 'resent after 1 s');
    clock.advance(2000);
    assert.equal(wire.msgs().length, 3, 'then after 2 s more');
    clock.advance(4000);
    assert.equal(wire.msgs().length, 4, 'then after 4 s more');
    wire.deliver({ v: 1, kind: 'ack', from: 'visitor', id });
    assert.equal(link.stats().outbox, 0);
    assert.equal(clock.pending(), 0, 'an empty outbox runs no timer');
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(delayAfter), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('hands a message over once and acknowledges it every time it comes', () => {
    const clock = fakeClock();
    const wire = fakeWire();
    const link = linkOn(wire, clock);
    const got = [];
    link.onMessage((body) => got.push(body.text));
    const envelope = { v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.message', id: 'k-1', conversationId: 'c1', text: 'Hi' } };
    wire.deliver(envelope);
    wire.deliver(envelope);
    assert.deepEqual(got, ['Hi']);
    assert.deepEqual(wire.acks(), ['k-1', 'k-1']);
    assert.equal(link.stats().duplicates, 1);
    // Ids delivered by an earlier page are not delivered again.
    const again = linkOn(fakeWire(), clock, { seen: link.seen() });
    const later = [];
    again.onMessage((body) => later.push(body.id));
    const wire2 = fakeWire();
    const third = linkOn(wire2, clock, { seen: link.seen() });
    third.onMessage((body) => later.push(body.id));
    wire2.deliver(envelope);
    assert.deepEqual(later, []);
    assert.deepEqual(wire2.acks(), ['k-1']);
  });

  it('drops malformed envelopes (version, side, body) and ignores its own side', () => {
    const clock = fakeClock();
    const wire = fakeWire();
    const link = linkOn(wire, clock, { peers: ['relay', 'visitor'] });
    const got = [];
    link.onMessage((body) => got.push(body.id));
    wire.deliver({ v: 2, kind: 'msg', from: 'relay', body: { type: 'x', id: 'a' } });
    wire.deliver({ v: 1, kind: 'msg', from: 'martian', body: { type: 'x', id: 'b' } });
    wire.deliver({ v: 1, kind: 'msg', from: 'relay', body: { type: '', id: 'c' } });
    wire.deliver({ v: 1, kind: 'msg', from: 'relay', body: { type: 'x', id: 'd', conversationId: 7 } });
    wire.deliver(null);
    wire.deliver({ v: 1, kind: 'msg', from: 'agent', body: { type: 'x', id: 'e' } });
    assert.deepEqual(got, []);
    assert.equal(link.stats().dropped, 5);
    assert.deepEqual(wire.acks(), []);
  });

  it('a newer state message replaces an unacknowledged older one of its type; conversation messages all stay', () => {
    const clock = fakeClock();
    const wire = fakeWire();
    const link = linkOn(wire, clock);
    link.send({ type: 'agent.status', chat: true, video: false });
    link.send({ type: 'agent.message', conversationId: 'c1', text: 'one' });
    link.send({ type: 'agent.status', chat: false, video: false });
    link.send({ type: 'agent.message', conversationId: 'c1', text: 'two' });
    assert.deepEqual(link.pending().map((b) => [b.type, b.text ?? b.chat]),
      [['agent.message', 'one'], ['agent.status', false], ['agent.message', 'two']]);
  });

  it('over the relay, an error naming an id is final: the message leaves the outbox and the desk is told', () => {
    const clock = fakeClock();
    const wire = fakeWire();
    const link = linkOn(wire, clock, { peers: ['relay', 'visitor'], relayErrors: true });
    const errors = [];
    link.onRejected((frame) => errors.push(frame));
    const id = link.send({ type: 'conversation.take', conversationId: 'c9' });
    wire.deliver({ v: 1, kind: 'error', from: 'relay', code: 'invalid', message: 'not in the queue', id });
    assert.equal(link.stats().outbox, 0);
    assert.deepEqual(errors, [{ code: 'invalid', message: 'not in the queue', id }]);
    assert.equal(clock.pending(), 0);
    // On the channel there are no error frames: one is malformed input.
    const channel = fakeWire();
    const onChannel = linkOn(channel, clock);
    const kept = onChannel.send({ type: 'agent.message', conversationId: 'c1', text: 'x' });
    channel.deliver({ v: 1, kind: 'error', from: 'visitor', code: 'invalid', message: '', id: kept });
    assert.equal(onChannel.stats().outbox, 1);
    assert.equal(onChannel.stats().dropped, 1);
  });

  it('posts nothing while the wire is down and everything, at once, when it is back', () => {
    const clock = fakeClock();
    const wire = fakeWire();
    wire.up = false;
    const link = linkOn(wire, clock, { outbox: [{ type: 'agent.message', id: 'old-1', conversationId: 'c1', text: 'saved' }] });
    link.send({ type: 'agent.message', conversationId: 'c1', text: 'new' });
    clock.advance(60000);
    assert.deepEqual(wire.msgs(), []);
    assert.equal(clock.pending(), 0, 'no timer while the wire is down');
    wire.up = true;
    wire.readyFn();
    assert.deepEqual(wire.msgs(), ['old-1', 'desk-t-1']);
    clock.advance(1000);
    assert.deepEqual(wire.msgs(), ['old-1', 'desk-t-1', 'old-1', 'desk-t-1'], 'the backoff restarts at 1 s');
  });
});

// A WebSocket the test drives: sockets[i].open(), .frame(obj), .drop(code).
function fakeSockets() {
  const sockets = [];
  class FakeSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      sockets.push(this);
    }
    send(text) { this.sent.push(JSON.parse(text)); }
    close() { this.readyState = 3; }
    open() { this.readyState = 1; this.onopen?.(); }
    frame(object) { this.onmessage?.({ data: JSON.stringify(object) }); }
    drop(code = 1006) { this.readyState = 3; this.onclose?.({ code }); }
  }
  return { sockets, FakeSocket };
}

const WELCOME = { v: 1, kind: 'welcome', from: 'relay', agent: { id: 'alex', name: 'Alex', maxChats: 3 } };

describe('relay wire (RELAY.md §2, §5)', () => {
  it('signs in with the token, is ready after welcome, reconnects with backoff and resends the outbox after the next welcome', () => {
    const clock = fakeClock();
    const { sockets, FakeSocket } = fakeSockets();
    const states = [];
    const wire = createWebSocketWire({ url: 'ws://127.0.0.1:1/agent', token: 'secret', WebSocket: FakeSocket,
      setTimer: clock.setTimer, clearTimer: clock.clearTimer, random: () => 0.5 });
    wire.onState((info) => states.push(info.state));
    const link = createReliableLink({ wire, peers: ['relay', 'visitor'], relayErrors: true, now: clock.now,
      setTimer: clock.setTimer, clearTimer: clock.clearTimer, newId: () => 'desk-x-1' });
    wire.start();
    assert.equal(sockets.length, 1);
    sockets[0].open();
    assert.deepEqual(sockets[0].sent, [{ v: 1, kind: 'hello', from: 'agent', token: 'secret' }]);
    assert.equal(wire.ready(), false, 'not ready before welcome');
    link.send({ type: 'agent.message', conversationId: 'c1', text: 'queued before welcome' });
    assert.equal(sockets[0].sent.length, 1, 'nothing but hello before welcome');
    sockets[0].frame(WELCOME);
    assert.equal(wire.state().state, 'connected');
    assert.equal(wire.state().agent.name, 'Alex');
    assert.deepEqual(sockets[0].sent.slice(1).map((e) => e.body.text), ['queued before welcome']);

    // The relay dies: reconnecting, after the jittered delay of attempt 1 (500 ms base: 375 ms at random 0.5).
    sockets[0].drop();
    assert.equal(wire.state().state, 'reconnecting');
    assert.equal(wire.state().retryInMs, 375);
    clock.advance(374);
    assert.equal(sockets.length, 1);
    clock.advance(1);
    assert.equal(sockets.length, 2);
    sockets[1].drop();   // still down: attempt 2 waits longer
    assert.equal(wire.state().retryInMs, 750);
    clock.advance(750);
    sockets[2].open();
    sockets[2].frame(WELCOME);
    assert.deepEqual(sockets[2].sent.map((e) => e.kind), ['hello', 'msg'], 'the unacknowledged message again, after welcome');
    sockets[2].frame({ v: 1, kind: 'ack', from: 'relay', id: 'desk-x-1' });
    assert.equal(link.stats().outbox, 0);
    assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'reconnecting', 'connected']);
  });

  it('a refused token stops the retries until another token is given', () => {
    const clock = fakeClock();
    const { sockets, FakeSocket } = fakeSockets();
    const wire = createWebSocketWire({ url: 'ws://127.0.0.1:1/agent', token: 'wrong', WebSocket: FakeSocket,
      setTimer: clock.setTimer, clearTimer: clock.clearTimer });
    wire.start();
    sockets[0].open();
    sockets[0].frame({ v: 1, kind: 'error', from: 'relay', code: 'unauthorized', message: 'bad token' });
    sockets[0].drop(1008);
    assert.equal(wire.state().state, 'refused');
    clock.advance(600000);
    assert.equal(sockets.length, 1, 'no retry with a refused token');
    wire.setToken('right');
    assert.equal(sockets.length, 2);
    sockets[1].open();
    assert.equal(sockets[1].sent[0].token, 'right');
  });

  it('no token: signed out, no connection; no welcome within 10 s: try again', () => {
    const clock = fakeClock();
    const { sockets, FakeSocket } = fakeSockets();
    const idle = createWebSocketWire({ url: 'ws://127.0.0.1:1/agent', token: '', WebSocket: FakeSocket,
      setTimer: clock.setTimer, clearTimer: clock.clearTimer });
    idle.start();
    assert.equal(idle.state().state, 'signed-out');
    assert.equal(sockets.length, 0);
    const silent = createWebSocketWire({ url: 'ws://127.0.0.1:1/agent', token: 't', WebSocket: FakeSocket,
      setTimer: clock.setTimer, clearTimer: clock.clearTimer, random: () => 0 });
    silent.start();
    sockets[0].open();
    clock.advance(10000);
    assert.equal(silent.state().state, 'reconnecting');
    clock.advance(250);
    assert.equal(sockets.length, 2);
  });

  it('frames over 65,536 characters and non-JSON text are not handed on as envelopes', () => {
    const clock = fakeClock();
    const { sockets, FakeSocket } = fakeSockets();
    const wire = createWebSocketWire({ url: 'ws://127.0.0.1:1/agent', token: 't', WebSocket: FakeSocket,
      setTimer: clock.setTimer, clearTimer: clock.clearTimer });
    const seen = [];
    let big = 0;
    wire.onEnvelope((e) => seen.push(e));
    wire.onTooBig(() => { big += 1; });
    wire.start();
    sockets[0].open();
    sockets[0].frame(WELCOME);
    sockets[0].onmessage({ data: 'x'.repeat(65537) });
    sockets[0].onmessage({ data: '{not json' });
    assert.equal(big, 1);
    assert.deepEqual(seen, [null], 'non-JSON reaches the link as nothing (counted as dropped there)');
  });

  it('reconnection delays grow, are capped at 15 s and jittered within [base/2, base]', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, () => 1)), [500, 1000, 2000, 4000, 8000, 15000, 15000]);
    assert.deepEqual([1, 6].map((n) => retryDelay(n, () => 0)), [250, 7500]);
  });

  it('accepts only ws: and wss: relay addresses', () => {
    assert.equal(parseRelayUrl('ws://127.0.0.1:8090/agent'), 'ws://127.0.0.1:8090/agent');
    assert.equal(parseRelayUrl('wss://relay.example/agent'), 'wss://relay.example/agent');
    assert.equal(parseRelayUrl('http://127.0.0.1:8090/agent'), null);
    assert.equal(parseRelayUrl('javascript:alert(1)'), null);
    assert.equal(parseRelayUrl(''), null);
  });
});
