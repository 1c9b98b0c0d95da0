// The BroadcastChannel transport (the reliability layer wasm-glue/runtime/transport_reliable.js
// over the wire wasm-glue/runtime/transport_broadcast.js) and the agent desk (demo-site/agent.html),
// which speaks the same wire protocol (wasm-glue/TRANSPORT.md) with no shared code.
//
// 1. Unit tests under node: the transport in a vm context, with a fake channel and a fake clock.
// 2. Browser tests: a visitor test page that injects the transport file, and agent.html, as two
//    pages of ONE browser context (BroadcastChannel is per origin and per profile).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from '../../demo-site/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RELIABLE = await readFile(path.join(ROOT, 'wasm-glue/runtime/transport_reliable.js'), 'utf8');
const WIRE = await readFile(path.join(ROOT, 'wasm-glue/runtime/transport_broadcast.js'), 'utf8');
// The two files, and the transport the widget builds from them for a BroadcastChannel.
const SOURCE = `${RELIABLE}\n${WIRE}\nfunction createParleyBroadcastTransport(options) {
  return createParleyReliableTransport(Object.assign({}, options, { wire: createParleyBroadcastWire(options.channel) }));
}`;

// ---- 1. node: fake channel, fake clock -------------------------------------------------------

function makeBus() {
  const channels = new Set();
  const queue = [];
  class FakeChannel {
    constructor(name) { this.name = name; this.onmessage = null; this.closed = false; channels.add(this); }
    postMessage(data) {
      if (this.closed) throw new Error('InvalidStateError');
      const copy = structuredClone(data);
      for (const other of channels) if (other !== this && other.name === this.name) queue.push([other, copy]);
    }
    close() { this.closed = true; channels.delete(this); }
  }
  // A peer on the bus: what the transport posts, and a way to post as someone else.
  const peer = new FakeChannel('parley');
  const heard = [];
  peer.onmessage = (event) => heard.push(event.data);
  return {
    FakeChannel,
    heard,
    // Delivers everything queued (and whatever that delivery posts in turn).
    flush() {
      while (queue.length) {
        const [target, data] = queue.shift();
        if (!target.closed && target.onmessage) target.onmessage({ data });
      }
    },
    fromPeer(data) { peer.postMessage(data); this.flush(); },
  };
}

function makeClock() {
  let t = 1_000_000;
  let nextId = 1;
  const timers = new Map();
  return {
    now: () => t,
    setTimer: (fn, ms) => { const id = nextId++; timers.set(id, { fn, at: t + ms }); return id; },
    clearTimer: (id) => { timers.delete(id); },
    pending: () => timers.size,
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

function makeTransport({ bus = makeBus(), clock = makeClock(), storage = makeStorage() } = {}) {
  const context = vm.createContext({ BroadcastChannel: bus.FakeChannel });
  const create = vm.runInContext(`${SOURCE}\ncreateParleyBroadcastTransport;`, context);
  const transport = create({ channel: 'parley', storage, now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
  const received = [];
  transport.onMessage((message) => received.push(message));
  return { transport, bus, clock, storage, received, create };
}

const msgs = (heard) => heard.filter((e) => e.kind === 'msg');
const acks = (heard) => heard.filter((e) => e.kind === 'ack');
const agentMsg = (body) => ({ v: 1, kind: 'msg', from: 'agent', body });

describe('transport (node, fake channel and clock)', () => {
  test('each file defines exactly one top-level name', () => {
    for (const [source, name] of [[RELIABLE, 'createParleyReliableTransport'], [WIRE, 'createParleyBroadcastWire']]) {
      const context = vm.createContext({});
      vm.runInContext(source, context);
      assert.deepEqual(Object.keys(context), [name]);
    }
  });

  test('an idle transport runs no timer; a send arms one, the ack stops it', () => {
    const { transport, bus, clock } = makeTransport();
    assert.equal(clock.pending(), 0);
    assert.equal(transport.send({ type: 'visitor.hello', id: 'p-1' }), true);
    bus.flush();
    assert.deepEqual(bus.heard, [{ v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.hello', id: 'p-1' } }]);
    assert.equal(clock.pending(), 1);
    bus.fromPeer({ v: 1, kind: 'ack', from: 'agent', id: 'p-1' });
    assert.equal(transport.stats().outbox, 0);
    assert.equal(clock.pending(), 0);
  });

  test('resends with backoff 1, 2, 4, 8, 16, then every 30 s', () => {
    const { transport, bus, clock } = makeTransport();
    const start = clock.now();
    const times = [];
    const peer = bus.heard;
    transport.send({ type: 'visitor.message', id: 'p-2', conversationId: 'c1', text: 'hi' });
    for (let i = 0; i < 130; ++i) {
      bus.flush();
      while (peer.length) { peer.shift(); times.push((clock.now() - start) / 1000); }
      clock.advance(1000);
    }
    assert.deepEqual(times, [0, 1, 3, 7, 15, 31, 61, 91, 121]);
    assert.equal(clock.pending(), 1);
  });

  test('the outbox is saved under one key and flushed by the next transport', () => {
    const storage = makeStorage();
    const first = makeTransport({ storage });
    first.transport.send({ type: 'conversation.start', id: 'p-3', conversationId: 'c1', context: {}, prechat: [] });
    first.transport.send({ type: 'visitor.message', id: 'p-4', conversationId: 'c1', text: 'hello' });
    assert.deepEqual(JSON.parse(storage.get('outbox')).map((m) => m.id), ['p-3', 'p-4']);
    first.transport.close();
    assert.equal(first.clock.pending(), 0);

    const second = makeTransport({ storage });
    second.bus.flush();
    assert.deepEqual(msgs(second.bus.heard).map((e) => e.body.id), ['p-3', 'p-4']);
    assert.equal(second.clock.pending(), 1);
    second.bus.fromPeer({ v: 1, kind: 'ack', from: 'agent', id: 'p-3' });
    second.bus.fromPeer({ v: 1, kind: 'ack', from: 'agent', id: 'p-4' });
    assert.equal(storage.get('outbox'), null);
    assert.equal(second.clock.pending(), 0);
  });

  test('a newer visitor.hello replaces an unacknowledged one', () => {
    const { transport, storage } = makeTransport();
    transport.send({ type: 'visitor.hello', id: 'h1' });
    transport.send({ type: 'visitor.hello', id: 'h2' });
    transport.send({ type: 'visitor.message', id: 'm1', conversationId: 'c', text: 'a' });
    assert.deepEqual(JSON.parse(storage.get('outbox')).map((m) => m.id), ['h2', 'm1']);
  });

  test('agent messages are delivered once per id, and re-acknowledged', () => {
    const { transport, bus, received, storage } = makeTransport();
    transport.send({ type: 'conversation.start', id: 'p-5', conversationId: 'mine', context: {}, prechat: [] });
    bus.flush();
    bus.heard.length = 0;
    const joined = agentMsg({ type: 'agent.joined', id: 'a-1', conversationId: 'mine', agentName: 'Alex' });
    bus.fromPeer(joined);
    bus.fromPeer(joined);
    assert.deepEqual(received.map((m) => m.id), ['a-1']);
    assert.deepEqual(acks(bus.heard).map((e) => e.id), ['a-1', 'a-1']);
    assert.equal(transport.stats().duplicates, 1);
    assert.deepEqual(JSON.parse(storage.get('inbox')).seen, ['a-1']);

    // After a reload, the same id is still known.
    const again = makeTransport({ storage });
    again.bus.fromPeer(joined);
    assert.deepEqual(again.received, []);
    assert.deepEqual(acks(again.bus.heard).map((e) => e.id), ['a-1']);
  });

  test("another tab's conversation is delivered but not acknowledged; broadcasts are", () => {
    const { transport, bus, received } = makeTransport();
    transport.send({ type: 'conversation.start', id: 'p-6', conversationId: 'mine', context: {}, prechat: [] });
    bus.flush();
    bus.heard.length = 0;
    bus.fromPeer(agentMsg({ type: 'agent.message', id: 'a-2', conversationId: 'theirs', text: 'x' }));
    bus.fromPeer(agentMsg({ type: 'availability', id: 'a-3', chat: true, video: false }));
    bus.fromPeer(agentMsg({ type: 'agent.message', id: 'a-4', conversationId: 'mine', text: 'y' }));
    assert.deepEqual(received.map((m) => m.id), ['a-2', 'a-3', 'a-4']);
    assert.deepEqual(acks(bus.heard).map((e) => e.id), ['a-3', 'a-4']);
  });

  test('messages from other visitor tabs are ignored', () => {
    const { bus, received } = makeTransport();
    bus.fromPeer({ v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.message', id: 'x', conversationId: 'c', text: 't' } });
    bus.fromPeer({ v: 1, kind: 'ack', from: 'visitor', id: 'x' });
    assert.deepEqual(received, []);
    assert.deepEqual(bus.heard, []);
  });

  test('junk is dropped and counted, never thrown', () => {
    const { transport, bus, received } = makeTransport();
    const cyclic = { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'cy' } };
    cyclic.body.self = cyclic;
    const junk = [
      null, undefined, 42, 'text', [], {}, { v: 2, kind: 'msg', from: 'agent', body: { type: 'a', id: 'b' } },
      { v: 1, kind: 'msg', from: 'agent' },
      { v: 1, kind: 'msg', from: 'agent', body: 'x' },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message' } },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 7 } },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: '' } },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 42, id: 'z' } },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'q', conversationId: {} } },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'big', text: 'x'.repeat(70000) } },
      { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'x'.repeat(300) } },
      { v: 1, kind: 'ack', from: 'agent', id: 5 },
      { v: 1, kind: 'nope', from: 'agent', id: 'k' },
      { v: 1, kind: 'msg', from: 'someone', body: { type: 'a', id: 'b' } },
      cyclic,
    ];
    for (const data of junk) assert.doesNotThrow(() => bus.fromPeer(data));
    assert.deepEqual(received, []);
    assert.deepEqual(bus.heard, []);
    assert.equal(transport.stats().dropped, junk.length);
  });

  test('a throwing callback stays inside; bad sends are refused', () => {
    const { transport, bus } = makeTransport();
    transport.onMessage(() => { throw new Error('listener bug'); });
    assert.doesNotThrow(() => bus.fromPeer(agentMsg({ type: 'availability', id: 'a-9', chat: true })));
    assert.equal(transport.send({ type: 'visitor.message' }), false);
    assert.equal(transport.send(null), false);
    const cyclic = { type: 'x', id: 'y' };
    cyclic.self = cyclic;
    assert.equal(transport.send(cyclic), false);
    assert.equal(transport.send({ type: 'x', id: 'y', text: 'x'.repeat(70000) }), false);
    assert.equal(transport.stats().outbox, 0);
  });

  test('without a callback nothing is delivered or acknowledged', () => {
    const bus = makeBus();
    const context = vm.createContext({ BroadcastChannel: bus.FakeChannel });
    const create = vm.runInContext(`${SOURCE}\ncreateParleyBroadcastTransport;`, context);
    const clock = makeClock();
    const transport = create({ channel: 'parley', storage: makeStorage(), now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
    bus.fromPeer(agentMsg({ type: 'availability', id: 'a-1', chat: true }));
    assert.deepEqual(bus.heard, []);
    const got = [];
    transport.onMessage((m) => got.push(m.id));
    bus.fromPeer(agentMsg({ type: 'availability', id: 'a-1', chat: true }));
    assert.deepEqual(got, ['a-1']);
  });

  test('when the desk speaks, messages waiting through a long backoff go at once', () => {
    const { transport, bus, clock } = makeTransport();
    transport.send({ type: 'visitor.message', id: 'p-7', conversationId: 'c', text: 'a' });
    clock.advance(1500);   // posted twice; next at +3 s
    bus.flush();
    bus.heard.length = 0;
    bus.fromPeer(agentMsg({ type: 'availability', id: 'a-5', chat: true }));
    assert.deepEqual(msgs(bus.heard).map((e) => e.body.id), ['p-7']);
    bus.heard.length = 0;
    bus.fromPeer(agentMsg({ type: 'availability', id: 'a-6', chat: true }));
    assert.deepEqual(msgs(bus.heard), [], 'not again right away');
  });

  test('close stops the timer and the channel', () => {
    const { transport, bus, clock, received } = makeTransport();
    transport.send({ type: 'visitor.message', id: 'p-8', conversationId: 'c', text: 'a' });
    transport.close();
    assert.equal(clock.pending(), 0);
    bus.fromPeer(agentMsg({ type: 'availability', id: 'a-7', chat: true }));
    assert.deepEqual(received, []);
    assert.equal(transport.send({ type: 'x', id: 'y' }), false);
  });
});

// ---- 2. browser: visitor test page + agent.html in one context ------------------------------

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VISITOR_PATH = '__transport_test.html';
const XSS = '<img src=x onerror="window.__xss=1">';

// The transport, wrapped so the test can reach it; one transport per page, backed by
// sessionStorage like Parley's own session store.
const INJECT = `window.__createTransport = (function () {\n${SOURCE}\nreturn createParleyBroadcastTransport;\n})();`;

describe('transport and agent desk (Chromium)', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ port: 0 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newContext() {
    const context = await browser.newContext();
    await context.route(`${server.url}${VISITOR_PATH}`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><html lang="en"><head><title>visitor</title></head><body><main>visitor page</main></body></html>',
    }));
    const errors = [];
    context.on('page', (page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`)));
    return { context, errors };
  }

  async function startTransport(page) {
    await page.addScriptTag({ content: INJECT });
    await page.evaluate(() => {
      const storage = {
        get: (key) => sessionStorage.getItem('parley.' + key),
        set: (key, value) => (value === null ? sessionStorage.removeItem('parley.' + key) : sessionStorage.setItem('parley.' + key, value)),
      };
      window.__received = [];
      window.__transport = window.__createTransport({
        channel: 'parley', storage, now: () => Date.now(),
        setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (id) => clearTimeout(id),
      });
      window.__transport.onMessage((message) => window.__received.push(message));
    });
  }

  async function openVisitor(context) {
    const page = await context.newPage();
    await page.goto(`${server.url}${VISITOR_PATH}`);
    await startTransport(page);
    return page;
  }

  async function openDesk(context) {
    const page = await context.newPage();
    await page.goto(`${server.url}agent.html`);
    await page.waitForFunction(() => window.parleyDesk !== undefined);
    return page;
  }

  const send = (page, message) => page.evaluate((m) => window.__transport.send(m), message);
  const stats = (page) => page.evaluate(() => window.__transport.stats());
  const received = (page, type) => page.evaluate((t) => window.__received.filter((m) => !t || m.type === t), type);
  const waitOutboxEmpty = (page, timeout = 8000) =>
    page.waitForFunction(() => window.__transport.stats().outbox === 0 && sessionStorage.getItem('parley.outbox') === null, null, { timeout });
  const waitReceived = (page, type, count = 1, timeout = 8000) =>
    page.waitForFunction(([t, n]) => window.__received.filter((m) => m.type === t).length >= n, [type, count], { timeout });

  const start = (conversationId, extra = {}) => ({
    type: 'conversation.start', id: `${conversationId}-start`, conversationId, channel: 'chat', locale: 'en',
    url: 'https://shop.example/kb/returns',
    context: {
      'Proactive rule': { value: 'kb-time-on-page', isDisplayable: true },
      CaseNumber: { value: 'CAS-01003', isDisplayable: false },
    },
    prechat: [{ id: 'name', label: 'Your name', value: 'Sam' }],
    ...extra,
  });

  async function selectConversation(desk, conversationId) {
    const item = desk.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`);
    await item.click();
    return item;
  }

  test('a visitor message reaches the desk and is acked; the reply comes back; end and rating', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const visitor = await openVisitor(context);

    await send(visitor, start('conv-a'));
    await send(visitor, { type: 'visitor.message', id: 'conv-a-m1', conversationId: 'conv-a', text: 'Where is my parcel?' });
    await waitOutboxEmpty(visitor);

    await selectConversation(desk, 'conv-a');
    await desk.getByTestId('transcript').getByText('Where is my parcel?').waitFor();
    assert.equal(await desk.getByTestId('conversation-status').textContent(), 'Waiting for an agent');

    // Accept, then reply from the keyboard.
    await desk.getByTestId('agent-name').fill('Alex');
    await desk.getByRole('button', { name: 'Accept' }).click();
    await waitReceived(visitor, 'agent.joined');
    assert.equal((await received(visitor, 'agent.joined'))[0].agentName, 'Alex');
    assert.equal((await received(visitor, 'agent.joined'))[0].conversationId, 'conv-a');
    await desk.getByLabel('Reply').focus();
    await desk.keyboard.type('It ships today.');
    await desk.keyboard.press('Enter');
    await waitReceived(visitor, 'agent.message');
    assert.equal((await received(visitor, 'agent.message'))[0].text, 'It ships today.');
    // The visitor acknowledged: the desk marks the reply delivered.
    await desk.locator('[data-testid="transcript-line"][data-from="agent"][data-delivered="true"]').waitFor();

    // The agent ends; the visitor rates.
    await desk.getByRole('button', { name: 'End conversation' }).click();
    await waitReceived(visitor, 'agent.ended');
    await send(visitor, { type: 'rating', id: 'conv-a-r', conversationId: 'conv-a', score: 4 });
    await desk.getByTestId('rating').getByText('4 out of 5').waitFor();
    await waitOutboxEmpty(visitor);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the desk's reply reaches the visitor once even when delivered twice", { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const visitor = await openVisitor(context);
    await send(visitor, start('conv-b'));
    await selectConversation(desk, 'conv-b');
    await desk.getByRole('button', { name: 'Accept' }).click();
    await desk.getByTestId('reply-input').fill('Hello once');
    await desk.getByTestId('reply-send').click();
    await waitReceived(visitor, 'agent.message');
    const reply = (await received(visitor, 'agent.message'))[0];

    // The same envelope twice more, straight onto the channel, and watch the acks.
    const acksHeard = await desk.evaluate(async (body) => {
      const raw = new BroadcastChannel('parley');
      const heard = [];
      raw.onmessage = (event) => { if (event.data && event.data.kind === 'ack' && event.data.id === body.id) heard.push(event.data.from); };
      raw.postMessage({ v: 1, kind: 'msg', from: 'agent', body });
      raw.postMessage({ v: 1, kind: 'msg', from: 'agent', body });
      await new Promise((resolve) => setTimeout(resolve, 300));
      raw.close();
      return heard;
    }, reply);
    assert.deepEqual(acksHeard, ['visitor', 'visitor'], 'each duplicate is acknowledged again');
    assert.equal((await received(visitor, 'agent.message')).length, 1);
    assert.equal((await stats(visitor)).duplicates, 2);

    // And a visitor message delivered twice shows once on the desk.
    const dup = { type: 'visitor.message', id: 'conv-b-dup', conversationId: 'conv-b', text: 'only once please' };
    await visitor.evaluate((body) => {
      const raw = new BroadcastChannel('parley');
      raw.postMessage({ v: 1, kind: 'msg', from: 'visitor', body });
      raw.postMessage({ v: 1, kind: 'msg', from: 'visitor', body });
      setTimeout(() => raw.close(), 300);
    }, dup);
    await desk.getByTestId('transcript').getByText('only once please').waitFor();
    await desk.waitForTimeout(300);
    assert.equal(await desk.getByTestId('transcript').getByText('only once please').count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an unacked message is resent when the desk opens late', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const visitor = await openVisitor(context);
    await send(visitor, start('conv-c'));
    await send(visitor, { type: 'visitor.message', id: 'conv-c-m1', conversationId: 'conv-c', text: 'Anyone there?' });
    await visitor.waitForTimeout(2500);   // resent at +1 s and nobody answered
    const before = await stats(visitor);
    assert.equal(before.outbox, 2);
    assert.ok(before.resent >= 2, `resent ${before.resent}`);
    assert.equal(before.timer, true);

    const desk = await openDesk(context);
    await waitOutboxEmpty(visitor, 3000);   // the desk's first message makes the visitor flush at once
    assert.equal((await stats(visitor)).timer, false, 'no timer once the outbox is empty');
    await selectConversation(desk, 'conv-c');
    await desk.getByTestId('transcript').getByText('Anyone there?').waitFor();
    assert.equal(await desk.getByTestId('transcript').getByText('Anyone there?').count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the outbox survives a reload of the visitor page and is delivered after it', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const visitor = await openVisitor(context);
    await send(visitor, start('conv-d'));
    await send(visitor, { type: 'visitor.message', id: 'conv-d-m1', conversationId: 'conv-d', text: 'Sent before the reload' });
    const saved = await visitor.evaluate(() => JSON.parse(sessionStorage.getItem('parley.outbox')));
    assert.deepEqual(saved.map((m) => m.id), ['conv-d-start', 'conv-d-m1']);

    await visitor.reload();
    assert.equal(await visitor.evaluate(() => typeof window.__transport), 'undefined');
    await startTransport(visitor);
    assert.equal((await stats(visitor)).outbox, 2);

    const desk = await openDesk(context);
    await waitOutboxEmpty(visitor);
    await selectConversation(desk, 'conv-d');
    await desk.getByTestId('transcript').getByText('Sent before the reload').waitFor();

    // The reloaded tab still owns the conversation: it acknowledges the desk's messages.
    await desk.getByRole('button', { name: 'Accept' }).click();
    await waitReceived(visitor, 'agent.joined');
    await desk.locator('[data-testid="transcript-line"][data-delivered="true"]').first().waitFor();
    assert.equal(await desk.evaluate(() => window.parleyDesk.stats().outbox), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a visitor tab does not acknowledge another tab's conversation", { timeout: 40000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const owner = await openVisitor(context);
    const bystander = await openVisitor(context);
    await send(owner, start('conv-e'));
    await selectConversation(desk, 'conv-e');
    await desk.getByRole('button', { name: 'Accept' }).click();
    await waitReceived(owner, 'agent.joined');

    // The owner goes away (between two pages); the desk writes; only the bystander hears it.
    await owner.evaluate(() => window.__transport.close());
    await desk.getByTestId('reply-input').fill('Are you still there?');
    await desk.getByTestId('reply-send').click();
    await waitReceived(bystander, 'agent.message');   // delivered (its engine would ignore it) ...
    await desk.waitForTimeout(1500);
    assert.equal(await desk.evaluate(() => window.parleyDesk.stats().outbox), 1, '... but not acknowledged');
    assert.equal(await desk.locator('[data-testid="transcript-line"][data-from="agent"]').getAttribute('data-delivered'), 'false');

    // The owner's next page: its transport says hello, the desk resends, the owner acknowledges.
    await startTransport(owner);
    await send(owner, { type: 'visitor.hello', id: 'owner-hello-2' });
    await waitReceived(owner, 'agent.message', 1, 10000);
    await desk.locator('[data-testid="transcript-line"][data-from="agent"][data-delivered="true"]').waitFor({ timeout: 10000 });
    assert.equal(await desk.evaluate(() => window.parleyDesk.stats().outbox), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('junk on the channel is ignored without page errors', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const visitor = await openVisitor(context);
    const posted = await visitor.evaluate(() => {
      const raw = new BroadcastChannel('parley');
      const cyclic = { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'cy', conversationId: 'c' } };
      cyclic.body.self = cyclic;
      const cyclicToDesk = { v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.message', id: 'cy2', conversationId: 'c' } };
      cyclicToDesk.body.self = cyclicToDesk;
      const junk = [null, 0, 'hello', [], {}, true, new Date(), new Map([[1, 2]]), new Uint8Array(8), new Blob(['x']),
        { v: 1 }, { v: '1', kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'x' } },
        { v: 1, kind: 'msg', from: 'agent', body: null },
        { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message' } },
        { v: 1, kind: 'msg', from: 'agent', body: { id: 'no-type' } },
        { v: 1, kind: 'msg', from: 'agent', body: { type: ['agent.message'], id: 'arr' } },
        { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: { toString: null } } },
        { v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.message', id: 5, conversationId: 'c' } },
        { v: 1, kind: 'msg', from: 'visitor', body: { type: 'conversation.start', id: 'q', conversationId: ['c'] } },
        { v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.message', id: 'big', conversationId: 'c', text: 'x'.repeat(70000) } },
        { v: 1, kind: 'msg', from: 'visitor', body: { type: 'visitor.message', id: 'big2', conversationId: 'c', text: 'x'.repeat(70000) } },
        { v: 1, kind: 'ack', from: 'agent', id: null }, { v: 1, kind: 'ack', from: 'visitor', id: {} },
        { v: 1, kind: 'ping', from: 'agent', id: 'x' }, cyclic, cyclicToDesk];
      for (const data of junk) raw.postMessage(data);
      setTimeout(() => raw.close(), 500);
      return junk.length;
    });
    await visitor.waitForTimeout(600);
    assert.deepEqual(await received(visitor), []);
    assert.ok((await stats(visitor)).dropped >= 10, `visitor dropped ${(await stats(visitor)).dropped} of ${posted}`);
    const deskStats = await desk.evaluate(() => window.parleyDesk.stats());
    assert.ok(deskStats.dropped >= 10, `desk dropped ${deskStats.dropped}`);
    assert.equal(deskStats.conversations, 0);
    assert.equal(await desk.getByTestId('conversation-item').count(), 0);

    // Both sides still work.
    await send(visitor, { type: 'visitor.hello', id: 'after-junk' });
    await waitReceived(visitor, 'availability');
    await waitOutboxEmpty(visitor);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the desk shows context and survey answers as text', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const visitor = await openVisitor(context);
    await send(visitor, start('conv-x', {
      context: {
        'Proactive rule': { value: 'kb-time-on-page', isDisplayable: true },
        [XSS]: { value: XSS, isDisplayable: true },
        Cart: { value: 129.5, isDisplayable: true },
        Secret: { value: 'do-not-show', isDisplayable: false },
      },
      prechat: [{ id: 'name', label: 'Your name', value: XSS }, { id: 'q', label: XSS, value: 'Billing' }],
    }));
    await send(visitor, { type: 'visitor.message', id: 'conv-x-m1', conversationId: 'conv-x', text: XSS });
    await waitOutboxEmpty(visitor);
    await selectConversation(desk, 'conv-x');

    const pairs = (testId) => desk.getByTestId(testId).evaluate((dl) => {
      const out = [];
      for (const dt of dl.querySelectorAll('dt')) out.push([dt.textContent, dt.nextElementSibling.textContent]);
      return out;
    });
    assert.deepEqual(await pairs('context'), [['Proactive rule', 'kb-time-on-page'], [XSS, XSS], ['Cart', '129.5']]);
    assert.equal(await desk.getByTestId('context-hidden').textContent(), '1 entry is not displayable.');
    assert.deepEqual(await pairs('prechat'), [['Your name', XSS], [XSS, 'Billing']]);
    await desk.getByTestId('transcript').getByText(XSS).waitFor();
    assert.equal(await desk.locator('img').count(), 0, 'no element was made from visitor text');
    assert.equal(await desk.evaluate(() => window.__xss), undefined);
    assert.equal(await desk.getByText('do-not-show').count(), 0);
    const about = await pairs('about');
    assert.deepEqual(about.find(([k]) => k === 'Page'), ['Page', 'https://shop.example/kb/returns']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the desk is keyboard usable and axe-core finds no violations', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const summary = (result) => result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(summary(await new AxeBuilder({ page: desk }).analyze()), []);

    const visitor = await openVisitor(context);
    await send(visitor, start('conv-k'));
    await send(visitor, { type: 'visitor.message', id: 'conv-k-m1', conversationId: 'conv-k', text: 'Hi' });
    await desk.getByTestId('conversation-item').waitFor();
    // Keyboard only: reach the conversation, accept it, reply.
    await desk.getByTestId('conversation-item').focus();
    await desk.keyboard.press('Enter');
    await desk.getByTestId('accept').focus();
    await desk.keyboard.press('Enter');
    assert.equal(await desk.evaluate(() => document.activeElement.id), 'reply-input', 'accepting moves focus to the reply box');
    await desk.keyboard.type('Hello from the keyboard');
    await desk.keyboard.press('Enter');
    await waitReceived(visitor, 'agent.message');
    assert.deepEqual(summary(await new AxeBuilder({ page: desk }).analyze()), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('availability toggles are broadcast and answered to visitor.hello', { timeout: 30000 }, async () => {
    const { context, errors } = await newContext();
    const desk = await openDesk(context);
    const visitor = await openVisitor(context);
    await send(visitor, { type: 'visitor.hello', id: 'hello-1' });
    await waitReceived(visitor, 'availability');
    let latest = (await received(visitor, 'availability')).at(-1);
    assert.deepEqual([latest.chat, latest.video], [true, false]);

    await desk.getByLabel('Video', { exact: true }).check();   // keyboard-reachable, labelled checkboxes
    await waitReceived(visitor, 'availability', 2);
    latest = (await received(visitor, 'availability')).at(-1);
    assert.deepEqual([latest.chat, latest.video], [true, true]);

    await desk.getByTestId('available-chat').focus();
    await desk.keyboard.press('Space');
    await waitReceived(visitor, 'availability', 3);
    latest = (await received(visitor, 'availability')).at(-1);
    assert.deepEqual([latest.chat, latest.video], [false, true]);

    // A tab that opens now asks, and is told the current state.
    const late = await openVisitor(context);
    await send(late, { type: 'visitor.hello', id: 'hello-2' });
    await waitReceived(late, 'availability');
    latest = (await received(late, 'availability')).at(-1);
    assert.deepEqual([latest.chat, latest.video], [false, true]);
    await waitOutboxEmpty(late);

    // The desk remembers its toggles across a reload.
    await desk.reload();
    assert.equal(await desk.getByTestId('available-chat').isChecked(), false);
    assert.equal(await desk.getByTestId('available-video').isChecked(), true);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
