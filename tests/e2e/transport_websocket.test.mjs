// The WebSocket wire against the real parley-relay binary (tests/e2e/relay_process.mjs), in
// Chromium. The agent side is a second page speaking relay/RELAY.md's agent protocol with the
// browser's own WebSocket: real parts on both ends.
//
// 1. The transport alone (the runtime's three transport files injected into a page): hello and
//    welcome, no timer while connected and idle, an `error` frame that drops its message, the
//    outbox across a relay crash.
// 2. The whole widget (dist/parley.js, config transport.kind "websocket"): the identity cookie and
//    the conversation across a reload; "Reconnecting…" and lcw:connectionChanged while the relay
//    is down, and the message typed meanwhile delivered once it is back.
//
// Needs dist/ (./dev build) and the relay binary (relay_process.mjs says how to build it).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newPage, widget, until } from './browser.mjs';
import { openAgent, agentGot, waitAgentGot } from './relay_agent.mjs';
import { startRelay } from './relay_process.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runtime = (file) => readFile(path.join(ROOT, 'wasm-glue/runtime', file), 'utf8');
const TRANSPORT = (await Promise.all(['transport_reliable.js', 'transport_websocket.js'].map(runtime))).join('\n');
const INJECT = `window.__transportFiles = (function () {\n${TRANSPORT}\nreturn {createParleyReliableTransport: createParleyReliableTransport, createParleyWebSocketWire: createParleyWebSocketWire};\n})();`;
// Served pages (demo-site/test/relay.html), not routed ones: Chromium's local network access
// checks refuse a loopback WebSocket from a page fulfilled by the test.
const BLANK = '/test/relay.html';
// One agent per test: conversations of earlier tests stay assigned to their agent (up to maxChats).
const AGENTS = ['alex', 'sam', 'kim', 'lee', 'max'].map((id) => ({ id, name: id[0].toUpperCase() + id.slice(1), token: `${id}-token`, maxChats: 3 }));
const visitorPath = (relay) => `/test/relay.html?relay=${encodeURIComponent(relay.visitorUrl)}`;

// ---- the agent: a page with a WebSocket ----------------------------------------------------------

// ---- setup -----------------------------------------------------------------------------------

describe('WebSocket wire against parley-relay (Chromium)', () => {
  let env;
  let relay;

  before(async () => {
    relay = await startRelay({ agents: AGENTS });
    env = await launch();
  });

  after(async () => {
    await env?.close();
    await relay?.stop();
  });

  const newContext = () => env.browser.newContext();

  // ---- 1. the transport alone --------------------------------------------------------------------

  // A page with the transport over the relay; identity kept in the page (window.__identity).
  async function openTransport(context) {
    const page = await newPage(context, { clock: false, openShadow: false });
    await page.goto(env.url(BLANK));
    await page.addScriptTag({ content: INJECT });
    await page.evaluate((url) => {
      const files = window.__transportFiles;
      const storage = {
        get: (key) => sessionStorage.getItem('parley.' + key),
        set: (key, value) => (value === null ? sessionStorage.removeItem('parley.' + key) : sessionStorage.setItem('parley.' + key, value)),
      };
      window.__received = [];
      window.__refused = [];
      window.__states = [];
      window.__transport = files.createParleyReliableTransport({
        wire: files.createParleyWebSocketWire({
          urls: [url],
          identity: { get: () => window.__identity || null, set: (token) => { window.__identity = token; } },
          setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (id) => clearTimeout(id), random: Math.random,
        }),
        storage, now: () => Date.now(), setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (id) => clearTimeout(id),
        refused: (id, code) => window.__refused.push({ id, code }),
      });
      window.__transport.onMessage((message) => window.__received.push(message));
      window.__transport.onConnection((state) => window.__states.push(state));
    }, relay.visitorUrl);
    return page;
  }

  const stats = (page) => page.evaluate(() => window.__transport.stats());
  const send = (page, message) => page.evaluate((m) => window.__transport.send(m), message);
  const waitOnline = (page, timeout = 20000) =>
    page.waitForFunction(() => window.__transport.stats().connection === 'online', null, { timeout });
  const waitReceived = (page, type, timeout = 10000) =>
    page.waitForFunction((t) => window.__received.some((m) => m.type === t), type, { timeout });
  const start = (conversationId) => ({
    type: 'conversation.start', id: `${conversationId}-start`, conversationId, channel: 'chat', locale: 'en',
    context: {}, prechat: [],
  });

  test('hello and welcome: an identity is kept, availability comes, and no timer runs while idle', { timeout: 60000 }, async () => {
    const context = await newContext();
    const agent = await openAgent(context, env, relay, 'alex-token');
    const visitor = await openTransport(context);
    await waitOnline(visitor);
    const identity = await visitor.evaluate(() => window.__identity);
    assert.equal(typeof identity, 'string');
    assert.ok(identity.length > 10, identity);
    assert.deepEqual(await visitor.evaluate(() => window.__states), ['connecting', 'online']);

    await send(visitor, { type: 'visitor.hello', id: 'ws-hello-1' });
    await waitReceived(visitor, 'availability');
    await visitor.waitForFunction(() => window.__transport.stats().outbox === 0, null, { timeout: 10000 });
    // Connected, nothing to resend: not a single timer in the transport.
    const idle = await stats(visitor);
    assert.equal(idle.timer, false);
    assert.equal(idle.connection, 'online');
    await visitor.waitForTimeout(1500);
    assert.equal((await stats(visitor)).timer, false, 'still none a while later');
    await agent.close();
    await context.close();
  });

  test("an error frame for a message drops it from the outbox: another visitor's conversation", { timeout: 60000 }, async () => {
    const context = await newContext();
    const agent = await openAgent(context, env, relay, 'sam-token');
    const owner = await openTransport(context);
    await waitOnline(owner);
    await send(owner, start('ws-owned'));
    await waitAgentGot(agent, (m) => m.type === 'conversation.assigned' && m.conversationId === 'ws-owned', 'the assignment');

    // A second visitor (its own identity: a new context, so no shared cookie or storage) writes in it.
    const otherContext = await newContext();
    const intruder = await openTransport(otherContext);
    await waitOnline(intruder);
    await send(intruder, { type: 'visitor.message', id: 'ws-intrusion', conversationId: 'ws-owned', text: 'let me in' });
    await intruder.waitForFunction(() => window.__refused.length > 0, null, { timeout: 10000 });
    assert.deepEqual(await intruder.evaluate(() => window.__refused), [{ id: 'ws-intrusion', code: 'forbidden' }]);
    const after = await stats(intruder);
    assert.equal(after.outbox, 0, 'final: not resent');
    assert.equal(after.refused, 1);
    await intruder.waitForTimeout(1500);
    assert.equal((await stats(intruder)).sent, 1);
    assert.equal((await agentGot(agent, 'visitor.message')).filter((m) => m.id === 'ws-intrusion').length, 0);
    await agent.close();
    await context.close();
    await otherContext.close();
  });

  test('a message sent while the relay is down is delivered once it is back', { timeout: 90000 }, async () => {
    const context = await newContext();
    let agent = await openAgent(context, env, relay, 'kim-token');
    const visitor = await openTransport(context);
    await waitOnline(visitor);
    await send(visitor, start('ws-crash'));
    await waitReceived(visitor, 'agent.joined');

    await relay.kill9();
    await visitor.waitForFunction(() => window.__transport.stats().connection !== 'online', null, { timeout: 10000 });
    await send(visitor, { type: 'visitor.message', id: 'ws-crash-m1', conversationId: 'ws-crash', text: 'sent while down' });
    await visitor.waitForTimeout(1500);
    const down = await stats(visitor);
    assert.equal(down.outbox, 1);
    assert.notEqual(down.connection, 'online');
    assert.ok(sessionOutbox(await visitor.evaluate(() => sessionStorage.getItem('parley.outbox'))).includes('ws-crash-m1'));

    await relay.restart();
    await agent.close();
    agent = await openAgent(context, env, relay, 'kim-token');
    await waitOnline(visitor, 40000);
    await waitAgentGot(agent, (m) => m.id === 'ws-crash-m1', 'the message written while the relay was down', 30000);
    await visitor.waitForFunction(() => window.__transport.stats().outbox === 0, null, { timeout: 10000 });
    const states = await visitor.evaluate(() => window.__states);
    assert.equal(states.at(-1), 'online');
    assert.ok(states.includes('offline'), states.join(' '));
    assert.equal((await stats(visitor)).timer, false, 'idle again: no timer');
    await agent.close();
    await context.close();
  });

  // ---- 2. the whole widget -----------------------------------------------------------------------

  async function openWidget(context) {
    const page = await newPage(context, { clock: false });
    await page.addInitScript(() => {
      window.__connection = [];
      window.addEventListener('lcw:connectionChanged', (event) => window.__connection.push(event.detail.state));
    });
    await page.goto(env.url(visitorPath(relay)));
    await page.waitForFunction(() => window.__lcw.some((e) => e.name === 'lcw:ready'), null, { timeout: 15000 });
    return page;
  }

  const identityCookie = async (context) => (await context.cookies()).find((c) => c.name === 'parley_identity');
  const ui = (page) => ({
    chat: widget(page).getByRole('dialog', { name: 'Chat', exact: true }),
    log: widget(page).getByRole('log'),
    composer: widget(page).getByRole('textbox', { name: 'Your message' }),
    connection: widget(page).locator('p.conn'),
  });

  test('the widget keeps its identity and its conversation across a reload', { timeout: 90000 }, async () => {
    const context = await newContext();
    const agent = await openAgent(context, env, relay, 'lee-token');
    const visitor = await openWidget(context);
    await visitor.waitForFunction(() => window.__connection.includes('online'), null, { timeout: 20000 });
    const first = await identityCookie(context);
    assert.ok(first, 'parley_identity is set (no consent required)');
    assert.equal(first.sameSite, 'Lax');
    assert.ok(first.expires > Date.now() / 1000 + 300 * 86400, 'kept for visits.days (365 by default)');

    await visitor.evaluate(() => window.Parley.startChat());
    const assigned = await waitAgentGot(agent, (m) => m.type === 'conversation.assigned', 'the assignment');
    await ui(visitor).log.getByText('An agent joined the conversation.').waitFor({ timeout: 15000 });

    await visitor.reload();
    await visitor.waitForFunction(() => window.__lcw.some((e) => e.name === 'lcw:ready'), null, { timeout: 15000 });
    await visitor.waitForFunction(() => window.__connection.includes('online'), null, { timeout: 20000 });
    const second = await identityCookie(context);
    assert.equal(second.value, first.value, 'the same identity after the reload');

    // The relay routes the agent's reply to that identity: the reloaded page shows it.
    await agent.evaluate((id) => window.__agent.send({ type: 'agent.message', conversationId: id, text: 'Still here after your reload' }),
      assigned.conversationId);
    await ui(visitor).log.getByText('Still here after your reload').waitFor({ timeout: 15000 });
    assert.deepEqual(visitor.errors, []);
    await agent.close();
    await context.close();
  });

  test('while the relay is down the chat says "Reconnecting…", and what was typed meanwhile arrives', { timeout: 120000 }, async () => {
    const context = await newContext();
    let agent = await openAgent(context, env, relay, 'max-token');
    const visitor = await openWidget(context);
    await visitor.waitForFunction(() => window.__connection.includes('online'), null, { timeout: 20000 });
    await visitor.evaluate(() => window.Parley.startChat());
    await ui(visitor).log.getByText('An agent joined the conversation.').waitFor({ timeout: 15000 });
    assert.equal(await ui(visitor).connection.textContent(), '');
    assert.equal(await ui(visitor).connection.getAttribute('role'), 'status');

    await relay.kill9();
    await visitor.waitForFunction(() => window.__connection.includes('offline'), null, { timeout: 10000 });
    await ui(visitor).composer.fill('Typed while the relay was down');
    await ui(visitor).composer.press('Enter');
    await until(async () => (await ui(visitor).connection.textContent()) === 'Reconnecting…',
      async () => `the status line says "${await ui(visitor).connection.textContent()}"`, 10000);

    await relay.restart();
    await agent.close();
    agent = await openAgent(context, env, relay, 'max-token');
    await until(async () => (await ui(visitor).connection.textContent()) === '', 'the status line clears', 40000);
    await waitAgentGot(agent, (m) => m.type === 'visitor.message' && m.text === 'Typed while the relay was down',
      'the message typed while the relay was down', 30000);
    const changes = await visitor.evaluate(() => window.__connection);
    assert.equal(changes.at(-1), 'online');
    assert.ok(changes.indexOf('offline') > changes.indexOf('online'), changes.join(' '));
    for (let i = 1; i < changes.length; ++i) assert.notEqual(changes[i], changes[i - 1], 'fired on changes only');
    assert.deepEqual(visitor.errors, []);
    await agent.close();
    await context.close();
  });
});

// The saved outbox's ids (sessionStorage parley.outbox), for messages.
function sessionOutbox(text) {
  try { return JSON.parse(text).map((m) => m.id); } catch { return []; }
}
