// The widget with several relay URLs (config transport.urls, TRANSPORT.md §6), in Chromium against
// the real parley-relay binary (tests/e2e/relay_process.mjs) and a port where nothing listens: no
// fake WebSocket, the browser's own connections. The agent side is a page speaking RELAY.md's
// agent protocol with the browser's WebSocket.
//
// 1. The first URL is dead: the widget goes on to the live relay at once (no "offline", no
//    backoff) and chats; the live relay is then stopped (SIGTERM: it closes with 1001) and
//    started again on its port: the widget tries the other URL meanwhile, resumes on the live
//    relay, and what was typed while it was down reaches the agent.
// 2. A bad entry of the list is a config error at /transport/urls/N and is left out: the widget
//    still reaches the relay of the other entry.
//
// The wire picks its first URL with Math.random(); test 1 makes the page's first Math.random()
// call answer 0 (the first URL, the dead one), every later call (the backoff's jitter) is the real
// one. Needs dist/ (./dev build) and the relay binary (relay_process.mjs says how to build it).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { launch, newPage, widget, until } from './browser.mjs';
import { openAgent, agentGot, waitAgentGot } from './relay_agent.mjs';
import { startRelay } from './relay_process.mjs';

const BLANK = '/test/relay.html';
const AGENTS = [{ id: 'alex', name: 'Alex', token: 'alex-token', maxChats: 3 }, { id: 'sam', name: 'Sam', token: 'sam-token', maxChats: 3 }];

// A loopback port nothing listens on (bound, then released).
function deadPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

describe('several relay URLs: failover (Chromium, real relay)', () => {
  let env;
  let relay;
  let dead;

  before(async () => {
    relay = await startRelay({ agents: AGENTS });
    dead = `ws://127.0.0.1:${await deadPort()}/visitor`;
    env = await launch();
  });

  after(async () => {
    await env?.close();
    await relay?.stop();
  });

  // The widget on relay.html with these relay URLs; window.__connection: lcw:connectionChanged
  // states; page.sockets: the URL of every WebSocket the page opened, in order.
  async function openWidget(context, urls, { firstRandomZero = false } = {}) {
    const page = await newPage(context, { clock: false });
    page.sockets = [];
    page.on('websocket', (socket) => page.sockets.push(socket.url()));
    await page.addInitScript((zero) => {
      window.__connection = [];
      window.addEventListener('lcw:connectionChanged', (event) => window.__connection.push(event.detail.state));
      if (zero) {
        const random = Math.random;
        let first = true;
        Math.random = function () {
          if (!first) return random();
          first = false;
          return 0;
        };
      }
    }, firstRandomZero);
    await page.goto(env.url(BLANK + '?' + urls.map((u) => 'relay=' + encodeURIComponent(u)).join('&')));
    await page.waitForFunction(() => window.__lcw.some((e) => e.name === 'lcw:ready'), null, { timeout: 15000 });
    return page;
  }

  const ui = (page) => ({
    log: widget(page).getByRole('log'),
    composer: widget(page).getByRole('textbox', { name: 'Your message' }),
  });
  const connection = (page) => page.evaluate(() => window.__connection);

  test('a dead first relay: the widget chats on the live one, and resumes on it after it restarts', { timeout: 120000 }, async () => {
    const context = await env.browser.newContext();
    let agent = await openAgent(context, env, relay, 'alex-token');
    const visitor = await openWidget(context, [dead, relay.visitorUrl], { firstRandomZero: true });
    await visitor.waitForFunction(() => window.__connection.includes('online'), null, { timeout: 20000 });
    assert.deepEqual(visitor.sockets.slice(0, 2), [dead, relay.visitorUrl], 'the dead URL first, then the live one');
    assert.equal(visitor.sockets.length, 2, visitor.sockets.join(' '));
    const first = await connection(visitor);
    assert.ok(!first.includes('offline'), `the dead relay cost one quick retry, no backoff: ${first.join(' ')}`);

    await visitor.evaluate(() => window.Parley.startChat());
    const assigned = await waitAgentGot(agent, (m) => m.type === 'conversation.assigned', 'the assignment');
    await ui(visitor).log.getByText('An agent joined the conversation.').waitFor({ timeout: 15000 });
    await ui(visitor).composer.fill('Hello over the second relay');
    await ui(visitor).composer.press('Enter');
    await waitAgentGot(agent, (m) => m.type === 'visitor.message' && m.text === 'Hello over the second relay', 'the first message');

    // The live relay stops: the widget tries the other URL (dead too), then comes back to it.
    const before = visitor.sockets.length;
    await relay.terminate();
    await visitor.waitForFunction(() => window.__connection.at(-1) !== 'online', null, { timeout: 10000 });
    await until(() => visitor.sockets.slice(before).includes(dead), () => `the widget tried the other URL: ${visitor.sockets.slice(before).join(' ')}`, 10000);
    await ui(visitor).composer.fill('Typed while both relays were down');
    await ui(visitor).composer.press('Enter');

    await relay.restart();
    await agent.close();
    agent = await openAgent(context, env, relay, 'alex-token');
    await until(async () => (await connection(visitor)).at(-1) === 'online', async () => `back online: ${(await connection(visitor)).join(' ')}`, 40000);
    assert.equal(visitor.sockets.at(-1), relay.visitorUrl, 'online on the live relay');
    await waitAgentGot(agent, (m) => m.type === 'visitor.message' && m.text === 'Typed while both relays were down',
      'the message typed while the relays were down', 30000);
    await agent.evaluate((id) => window.__agent.send({ type: 'agent.message', conversationId: id, text: 'Back after the restart' }),
      assigned.conversationId);
    await ui(visitor).log.getByText('Back after the restart').waitFor({ timeout: 15000 });
    const sent = (await agentGot(agent)).filter((m) => m.type === 'visitor.message').map((m) => m.text);
    assert.equal(sent.filter((t) => t === 'Typed while both relays were down').length, 1, 'delivered once');
    assert.deepEqual(visitor.errors, []);
    await agent.close();
    await context.close();
  });

  test('a bad entry is a config error at its path and is left out: the other entry serves', { timeout: 60000 }, async () => {
    const context = await env.browser.newContext();
    const visitor = await openWidget(context, ['https://relay.example/visitor', relay.visitorUrl]);
    await visitor.waitForFunction(() => window.__connection.includes('online'), null, { timeout: 20000 });
    assert.deepEqual(visitor.sockets, [relay.visitorUrl]);
    const errors = await visitor.evaluate(() => window.__lcw.filter((e) => e.name === 'lcw:error').map((e) => e.detail));
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.deepEqual(errors[0].errors.map((e) => e.path), ['/transport/urls/0'], JSON.stringify(errors));
    assert.deepEqual(visitor.errors, []);
    await context.close();
  });
});
