// One conversation for the site's tabs (wasm-glue/TRANSPORT.md §7): two visitor pages in one
// browser context (one profile: Web Locks, BroadcastChannel and the identity cookie in common).
// A draft survives a reload and shows in the other tab; a tab opened during a conversation shows
// it; what is typed in either tab reaches the agent once and the agent's replies show in both;
// ending in one tab ends it in all; when the tab that owns the connection closes, another takes
// it over and the next agent message still arrives. On the BroadcastChannel wire with the demo's
// desk (demo-site/agent.html) in the same context, and through a real parley-relay process.
// Real time (no fake clock): the handover and resend timers must run.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, widget, until } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import { openRelayDesk, deskReply as relayDeskReply, waitForDeskLine as relayDeskLine, deskLines as relayDeskLines } from './relay_ui.mjs';

const ui = (page) => {
  const w = widget(page);
  return {
    invitation: w.getByRole('dialog', { name: 'Chat with us' }),
    chat: w.getByRole('dialog', { name: 'Chat', exact: true }),
    rating: w.getByRole('dialog', { name: 'How was your conversation?' }),
    launcher: w.locator('button.launcher'),
    log: w.getByRole('log'),
    composer: w.getByRole('textbox', { name: 'Your message' }),
    button: (name) => w.getByRole('button', { name, exact: true }),
  };
};

const logTexts = (page) => ui(page).log.locator('.msg > .text, .msg.system').allTextContents();
const count = (texts, text) => texts.filter((t) => t === text).length;

async function waitForLog(page, text, timeout = 15000) {
  await until(async () => (await logTexts(page)).includes(text), async () =>
    `${page.url()} shows "${text}"; it shows ${JSON.stringify(await logTexts(page).catch(() => []))}`, timeout);
}

async function waitForDraft(page, text) {
  await until(async () => (await ui(page).composer.inputValue()) === text, async () =>
    `the composer of ${page.url()} holds "${text}"; it holds "${await ui(page).composer.inputValue().catch(() => '?')}"`);
}

async function send(page, text) {
  await ui(page).composer.fill(text);
  await ui(page).composer.press('Enter');
  await waitForLog(page, text);
}

async function openVisitor(context, path) {
  const page = await newPage(context, { clock: false });
  await page.goto(env.url(path));
  await ready(page);
  return page;
}

function assertNoPageErrors(...pages) {
  for (const page of pages) assert.deepEqual(page.errors, [], `page errors on ${page.url()}`);
}

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

describe('tabs on the BroadcastChannel wire', () => {
  const deskLines = (desk) => desk.getByTestId('transcript-line').evaluateAll((lines) =>
    lines.map((line) => ({ from: line.dataset.from, text: line.querySelector('.text').textContent })));
  async function waitForDeskLine(desk, from, text) {
    await until(async () => (await deskLines(desk)).some((l) => l.from === from && l.text === text), async () =>
      `the desk shows ${from} "${text}"; it shows ${JSON.stringify(await deskLines(desk).catch(() => []))}`);
  }
  async function deskReply(desk, text) {
    await desk.getByTestId('reply-input').fill(text);
    await desk.getByTestId('reply-input').press('Enter');
    await waitForDeskLine(desk, 'agent', text);
  }

  // The desk and a visitor tab (the first: it owns the connection) chatting.
  async function withChat(body) {
    const context = await newContext(env);
    try {
      const desk = await newPage(context, { clock: false, openShadow: false });
      await desk.goto(env.url('/agent.html'));
      await desk.getByTestId('desk-status').filter({ hasText: 'Channel' }).waitFor();
      const first = await openVisitor(context, '/test/chat.html');
      await ui(first).button('Start chat').click();
      await ui(first).chat.waitFor();
      await desk.getByTestId('conversation-item').first().waitFor();
      await desk.getByTestId('accept').click();
      await waitForLog(first, 'An agent joined the conversation.');
      await body({ context, desk, first });
    } finally {
      await context.close();
    }
  }

  test('a draft typed and not sent survives a reload', { timeout: 60000 }, () => withChat(async ({ context, desk, first }) => {
    await send(first, 'Sent before the reload');
    await ui(first).composer.fill('Half a sentence, not sent');
    await first.reload();
    await ready(first);
    await ui(first).chat.waitFor();
    await waitForDraft(first, 'Half a sentence, not sent');
    assert.deepEqual(await logTexts(first), ['An agent joined the conversation.', 'Sent before the reload']);
    // What the reloaded tab restored, a tab opened now shows too.
    const second = await openVisitor(context, '/test/chat.html');
    await waitForDraft(second, 'Half a sentence, not sent');
    assert.deepEqual(await logTexts(second), await logTexts(first));
    await second.close();
    // Sending it empties the draft, for good.
    await ui(first).composer.press('Enter');
    await waitForDeskLine(desk, 'visitor', 'Half a sentence, not sent');
    await first.reload();
    await ready(first);
    await ui(first).chat.waitFor();
    assert.equal(await ui(first).composer.inputValue(), '');
    assertNoPageErrors(first, desk);
  }));

  test('a tab opened during a conversation shows it, and the draft typed in one tab shows in the other', { timeout: 60000 }, () => withChat(async ({ context, desk, first }) => {
    await send(first, 'Hello from the first tab');
    await deskReply(desk, 'Hello, how can I help?');
    await waitForLog(first, 'Hello, how can I help?');
    await ui(first).composer.fill('Typed in the first tab');

    const second = await openVisitor(context, '/test/chat.html');
    await ui(second).chat.waitFor();
    await waitForLog(second, 'Hello, how can I help?');
    assert.deepEqual(await logTexts(second), await logTexts(first), 'the same transcript in both tabs');
    await waitForDraft(second, 'Typed in the first tab');

    await ui(second).composer.fill('Typed in the second tab instead');
    await waitForDraft(first, 'Typed in the second tab instead');
    assertNoPageErrors(first, second, desk);
  }));

  test('messages typed in either tab reach the agent once; its replies show in both', { timeout: 60000 }, () => withChat(async ({ context, desk, first }) => {
    const second = await openVisitor(context, '/test/chat.html');
    await ui(second).chat.waitFor();
    await send(first, 'From the first tab');
    await send(second, 'From the second tab');
    await waitForDeskLine(desk, 'visitor', 'From the first tab');
    await waitForDeskLine(desk, 'visitor', 'From the second tab');
    await waitForLog(first, 'From the second tab');
    await waitForLog(second, 'From the first tab');
    await deskReply(desk, 'Both received.');
    await waitForLog(first, 'Both received.');
    await waitForLog(second, 'Both received.');
    await new Promise((resolve) => setTimeout(resolve, 2500));   // past a resend: still once
    const lines = (await deskLines(desk)).map((l) => l.text);
    assert.equal(count(lines, 'From the first tab'), 1);
    assert.equal(count(lines, 'From the second tab'), 1);
    for (const page of [first, second]) {
      const texts = await logTexts(page);
      for (const text of ['From the first tab', 'From the second tab', 'Both received.']) assert.equal(count(texts, text), 1, `${text} once`);
    }
    assertNoPageErrors(first, second, desk);
  }));

  test('ending the conversation in one tab ends it in all', { timeout: 60000 }, () => withChat(async ({ context, desk, first }) => {
    const second = await openVisitor(context, '/test/chat.html');
    await ui(second).chat.waitFor();
    await ui(second).button('End chat').click();
    await ui(first).rating.waitFor();
    await ui(second).rating.waitFor();
    await until(async () => (await desk.getByTestId('conversation-status').textContent()) === 'Ended by the visitor',
      'the desk shows that the visitor ended');
    await ui(first).rating.getByRole('button', { name: 'Skip' }).click();
    await ui(first).rating.waitFor({ state: 'hidden' });
    await ui(second).rating.waitFor({ state: 'hidden' });
    for (const page of [first, second]) {
      assert.equal(await ui(page).chat.count(), 0);
      assert.equal((await page.evaluate(() => Parley.getState())).state, 'Closed');
    }
    assertNoPageErrors(first, second, desk);
  }));

  test('when the tab that owns the connection closes, another takes it over', { timeout: 60000 }, () => withChat(async ({ context, desk, first }) => {
    const second = await openVisitor(context, '/test/chat.html');
    await ui(second).chat.waitFor();
    await send(second, 'Before the first tab closes');
    await waitForDeskLine(desk, 'visitor', 'Before the first tab closes');
    await first.close();
    await deskReply(desk, 'Still there?');
    await waitForLog(second, 'Still there?');
    await send(second, 'Yes, in the other tab');
    await waitForDeskLine(desk, 'visitor', 'Yes, in the other tab');
    const texts = await logTexts(second);
    assert.equal(count(texts, 'Still there?'), 1);
    assertNoPageErrors(second, desk);
  }));

  test('without Web Locks each tab is on its own, as before, and the draft still survives a reload', { timeout: 60000 }, async () => {
    const context = await newContext(env);
    try {
      await context.addInitScript(() => { Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }); });
      const desk = await newPage(context, { clock: false, openShadow: false });
      await desk.goto(env.url('/agent.html'));
      await desk.getByTestId('desk-status').filter({ hasText: 'Channel' }).waitFor();
      const first = await openVisitor(context, '/test/chat.html');
      await ui(first).button('Start chat').click();
      await desk.getByTestId('conversation-item').first().waitFor();
      await desk.getByTestId('accept').click();
      await waitForLog(first, 'An agent joined the conversation.');
      // The second tab knows nothing of it: its own invitation, no chat.
      const second = await openVisitor(context, '/test/chat.html');
      await ui(second).invitation.waitFor();
      assert.equal(await ui(second).chat.count(), 0);
      await ui(first).composer.fill('Kept without Web Locks');
      await first.reload();
      await ready(first);
      await waitForDraft(first, 'Kept without Web Locks');
      await deskReply(desk, 'Still one conversation');
      await waitForLog(first, 'Still one conversation');
      assertNoPageErrors(first, second, desk);
    } finally {
      await context.close();
    }
  });
});

describe('tabs through parley-relay', () => {
  let relay;
  before(async () => { relay = await startRelay({ agents: [{ id: 'alex', name: 'Alex', token: 'token-alex-tabs', maxChats: 3 }] }); });
  after(async () => { await relay?.stop(); });

  test('the conversation starts in the second tab, shows in the first, and goes on there when the second closes', { timeout: 90000 }, async () => {
    const { context: deskContext, desk } = await openRelayDesk(env, relay, 'token-alex-tabs');
    const context = await newContext(env);
    try {
      const path = `/relay/chat.html?relay=${encodeURIComponent(relay.visitorUrl)}`;
      const first = await openVisitor(context, path);
      const second = await openVisitor(context, path);
      // The second tab starts it: it takes the connection over from the first.
      await ui(second).launcher.click();
      await ui(second).chat.waitFor();
      await waitForLog(second, 'An agent joined the conversation.');
      await ui(first).chat.waitFor();
      await waitForLog(first, 'An agent joined the conversation.');
      await send(first, 'Typed in the first tab');
      await relayDeskLine(desk, 'visitor', 'Typed in the first tab');
      await relayDeskReply(desk, 'Seen in both tabs');
      await waitForLog(first, 'Seen in both tabs');
      await waitForLog(second, 'Seen in both tabs');

      await second.close();
      await relayDeskReply(desk, 'After the handover');
      await waitForLog(first, 'After the handover');
      await send(first, 'Still here');
      await relayDeskLine(desk, 'visitor', 'Still here');
      const deskTexts = (await relayDeskLines(desk)).map((l) => l.text);
      assert.equal(count(deskTexts, 'Typed in the first tab'), 1);
      assert.equal(count(deskTexts, 'Still here'), 1);
      const texts = await logTexts(first);
      for (const text of ['Seen in both tabs', 'After the handover']) assert.equal(count(texts, text), 1, `${text} once`);
      assertNoPageErrors(first, desk);
    } finally {
      await context.close();
      await deskContext.close();
    }
  });
});
