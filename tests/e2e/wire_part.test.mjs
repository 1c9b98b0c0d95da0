// parley-wire.js (the transports' reliability layer and both wires) in Chromium: asked for as the
// widget is made, and lcw:ready does not wait for it; what the widget sends before it comes (the
// hello, a conversation started meanwhile, its first message) waits in order and reaches the desk
// once it comes; a file that does not come is tried once more, then one lcw:error 14 (wirePart):
// the widget goes on (its invitation shows), and the next message sent tries again.
// Run: node --test tests/e2e/wire_part.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, events, waitForEvent, widget, until, sleep, requestsFor, openDemoDesk } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const WIRE_PART = '**/parley/parley-wire.js';

const wirePartRequests = (page) => requestsFor(page, '/parley/parley-wire.js');

const ui = (page) => {
  const w = widget(page);
  return {
    invitation: w.getByRole('dialog', { name: 'Chat with us' }),
    startChat: w.getByRole('button', { name: 'Start chat' }),
    composer: w.getByRole('textbox', { name: 'Your message' }),
  };
};

const wirePartErrors = async (page) => (await events(page, 'lcw:error')).filter((e) => e.detail.errorCode === 14);

const openDesk = (context) => openDemoDesk(env, context);

// The desk, then /test/chat.html (an invitation at once, no survey), up to its invitation.
async function visitWithDesk(context) {
  const desk = await openDesk(context);
  const visitor = await newPage(context, { clock: false });
  const requests = wirePartRequests(visitor);
  await visitor.goto(env.url('/test/chat.html'));
  await ready(visitor);
  const v = ui(visitor);
  await v.invitation.waitFor();
  return { desk, visitor, requests, v };
}

const deskConversations = (desk) => desk.evaluate(() => window.parleyDesk.stats().conversations);
const deskTexts = (desk) => desk.getByTestId('transcript-line').evaluateAll((lines) => lines.map((l) => l.textContent));

test('held on its way: ready without it; a chat started meanwhile and its first message reach the desk once it comes',
  { timeout: 120000 }, async () => {
    const context = await newContext(env);
    try {
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await context.route(WIRE_PART, async (route) => { await held; await route.continue(); });
      const { desk, visitor, requests, v } = await visitWithDesk(context);
      assert.equal(requests.length, 1, 'asked for once, at the start');
      assert.equal(requests.finished, 0, 'still on its way');

      await v.startChat.click();
      await v.composer.waitFor();
      await v.composer.fill('Sent before the wire came');
      await v.composer.press('Enter');
      await sleep(1000);
      assert.equal(await deskConversations(desk), 0, 'nothing reached the desk without the wire');

      release();
      await desk.getByTestId('conversation-item').first().click();
      await until(async () => (await deskTexts(desk)).some((t) => t.includes('Sent before the wire came')), 'the desk gets the message');
      assert.equal(await deskConversations(desk), 1, 'one conversation');
      assert.equal(requests.length, 1, 'fetched once');
      assert.deepEqual(await wirePartErrors(visitor), []);
      assert.deepEqual(visitor.errors, [], 'no page error');
    } finally {
      await context.close();
    }
  });

test('unreachable: one retry, then lcw:error 14; the invitation still shows; the next message tries again and, the file back, reaches the desk',
  { timeout: 120000 }, async () => {
    const context = await newContext(env);
    try {
      await context.route(WIRE_PART, (route) => route.fulfill({ status: 404, body: 'gone' }));
      const { desk, visitor, requests, v } = await visitWithDesk(context);

      const error = await waitForEvent(visitor, 'lcw:error');
      assert.equal(error.errorCode, 14);
      assert.match(error.errorDescription, /parley-wire\.js did not load/);
      assert.equal(requests.length, 2, 'one try and one retry');
      assert.equal((await wirePartErrors(visitor)).length, 1, 'one lcw:error for the two');
      assert.equal(await visitor.evaluate(() => document.querySelectorAll('script[src*="parley-wire"]').length), 0, 'no script tag left behind');

      // The file is back: starting the chat sends, which tries again; the desk gets the conversation.
      await context.unroute(WIRE_PART);
      await v.startChat.click();
      await v.composer.waitFor();
      await desk.getByTestId('conversation-item').first().waitFor();
      assert.equal(requests.length, 3, 'tried again with the next message');
      await v.composer.fill('After the wire came back');
      await v.composer.press('Enter');
      await desk.getByTestId('conversation-item').first().click();
      await until(async () => (await deskTexts(desk)).some((t) => t.includes('After the wire came back')), 'the desk gets the message');
      assert.equal((await wirePartErrors(visitor)).length, 1, 'no second error');
      assert.deepEqual(visitor.errors, [], 'no page error');
    } finally {
      await context.close();
    }
  });
