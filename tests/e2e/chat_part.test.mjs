// parley-chat.js (the survey, the chat pane, the video call, the rating) in Chromium: not fetched on
// the way to lcw:ready nor while nothing invites a chat; fetched when an invitation shows, so the
// chat opens at once; fetched at start when a reload restores a conversation; under a strict CSP
// (script-src 'self', no 'unsafe-inline' nor 'wasm-unsafe-eval'); a 404 is tried once more; a
// survey accepted before the file came shows a stand-in with the survey's title, then the survey;
// a file that never comes gives one lcw:error 13 (chatPart) per attempt and a stand-in panel (the
// survey's or the chat's), keeps the conversation, and the survey or the pane shows once the
// visitor opens the chat again and it comes.
// Run: node --test tests/e2e/chat_part.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, events, waitForEvent, widget, until, sleep, requestsFor, openDemoDesk } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const CHAT_PART = '**/parley/parley-chat.js';

// A page of this test's own (routed): an invitation after 20 s on the page, none before.
const LATE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Late invitation</title>
<link rel="icon" href="data:,"></head><body><main><h1>A page that invites after 20 s</h1></main>
<script src="/parley/parley.js" data-config="/lazy/late.json" async></script></body></html>`;
const LATE_CONFIG = {
  transport: { kind: 'broadcast', channel: 'parley' },
  rules: [{
    id: 'late', when: { all: [{ fact: 'url', matches: '/lazy/*' }, { fact: 'timeOnPage', gte: 20000 }] },
    invite: { message: 'Still there? Chat with us.', channel: 'chat', prechat: false },
    frequency: { per: 'pageview' }, afterDecline: 'none',
  }],
};

async function routeLatePage(context) {
  await context.route('**/lazy/late.html', (route) => route.fulfill({ contentType: 'text/html', body: LATE_PAGE }));
  await context.route('**/lazy/late.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(LATE_CONFIG) }));
}

const chatPartRequests = (page) => requestsFor(page, '/parley/parley-chat.js');

const ui = (page) => {
  const w = widget(page);
  return {
    invitation: w.getByRole('dialog', { name: 'Chat with us' }),
    startChat: w.getByRole('button', { name: 'Start chat' }),
    survey: w.getByRole('dialog', { name: 'Before we start' }),
    chat: w.getByRole('dialog', { name: 'Chat', exact: true }),
    composer: w.getByRole('textbox', { name: 'Your message' }),
    log: w.getByRole('log'),
    launcher: w.locator('button.launcher'),
  };
};

const chatPartErrors = async (page) => (await events(page, 'lcw:error')).filter((e) => e.detail.errorCode === 13);

const openDesk = (context) => openDemoDesk(env, context);

test('not fetched before an invitation; the invitation fetches it; a chat works end to end; a reload with the conversation fetches it at start',
  { timeout: 120000 }, async () => {
    const context = await newContext(env);
    try {
      await routeLatePage(context);
      const desk = await openDesk(context);
      const visitor = await newPage(context);  // Playwright's clock: 20 s on the page in a jump
      const requests = chatPartRequests(visitor);
      await visitor.goto(env.url('/lazy/late.html'));
      await ready(visitor);
      await ui(visitor).launcher.waitFor();
      await sleep(1500);  // real time after lcw:ready: nothing asks for it
      assert.equal(requests.length, 0, 'parley-chat.js is not fetched while nothing invites a chat');

      await visitor.clock.fastForward(21000);
      await ui(visitor).invitation.waitFor();
      await until(async () => requests.length === 1, 'the invitation fetches parley-chat.js');
      // Arrived before the click, in the usual case: the pane is there at once.
      await until(async () => requests.finished === 1, 'parley-chat.js has arrived');
      await ui(visitor).startChat.click();
      await ui(visitor).composer.waitFor();

      await desk.getByTestId('conversation-item').first().waitFor();
      await desk.getByTestId('accept').click();
      await until(async () => (await ui(visitor).log.textContent()).includes('joined the conversation'), 'the visitor sees the agent join');
      await ui(visitor).composer.fill('Hello from the lazy pane');
      await ui(visitor).composer.press('Enter');
      const deskTexts = () => desk.getByTestId('transcript-line').evaluateAll((lines) => lines.map((l) => l.textContent));
      await until(async () => (await deskTexts()).some((t) => t.includes('Hello from the lazy pane')), 'the desk gets the message');
      await desk.getByTestId('reply-input').fill('Hello visitor');
      await desk.getByTestId('reply-input').press('Enter');
      await until(async () => (await ui(visitor).log.textContent()).includes('Hello visitor'), 'the visitor gets the reply');
      assert.equal(requests.length, 1, 'fetched once');

      // A reload restores the conversation: parley-chat.js is fetched at start, no click needed.
      await visitor.reload();
      await ready(visitor);
      await until(async () => requests.length === 2, 'the restored conversation fetches parley-chat.js at start');
      await until(async () => (await ui(visitor).log.textContent()).includes('Hello from the lazy pane'), 'the transcript is back');
      assert.deepEqual(await chatPartErrors(visitor), []);
      assert.deepEqual(visitor.errors, [], 'no page error');
      assert.deepEqual(desk.errors, [], 'no page error on the desk');
    } finally {
      await context.close();
    }
  });

// A strict CSP: scripts from 'self' only, no inline style, no WebAssembly (the engine is
// parley.fallback.js). The chat part loads and styles the pane with no violation.
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";
const CSP_PAGE = LATE_PAGE.replace('/lazy/late.json', '/lazy/now.json');
const NOW_CONFIG = { ...LATE_CONFIG, rules: [{ ...LATE_CONFIG.rules[0], when: { fact: 'url', matches: '/lazy/*' } }] };

test('under a strict CSP it loads and draws the pane with no violation', { timeout: 60000 }, async () => {
  const context = await newContext(env);
  try {
    await context.route('**/lazy/csp.html', (route) => route.fulfill({
      contentType: 'text/html', body: CSP_PAGE, headers: { 'content-security-policy': STRICT_CSP } }));
    await context.route('**/lazy/now.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(NOW_CONFIG) }));
    const visitor = await newPage(context, { clock: false });
    await visitor.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const requests = chatPartRequests(visitor);
    await visitor.goto(env.url('/lazy/csp.html'));
    await ready(visitor, 30000);
    await ui(visitor).invitation.waitFor();
    await ui(visitor).startChat.click();
    await ui(visitor).composer.waitFor();
    // Styled by the chat's rules: the composer is the pane's flex child, not a bare textarea.
    assert.equal(await ui(visitor).composer.evaluate((node) => getComputedStyle(node).flexGrow), '1');
    assert.equal(requests.length, 1);
    // parley.js's own WebAssembly probe is the one expected report (engine_load.js).
    assert.deepEqual((await visitor.evaluate(() => window.__violations)).filter((v) => v !== 'script-src wasm-eval'), [],
      'no other CSP violation');
    assert.deepEqual(await chatPartErrors(visitor), []);
    assert.deepEqual(visitor.errors, [], 'no page error');
  } finally {
    await context.close();
  }
});

test('a 404 is tried once more a second later: the chat opens, no lcw:error', { timeout: 60000 }, async () => {
  const context = await newContext(env);
  try {
    let refused = 0;
    await context.route(CHAT_PART, (route) => (refused++ === 0 ? route.fulfill({ status: 404, body: 'not here yet' }) : route.continue()));
    const visitor = await newPage(context, { clock: false });
    const requests = chatPartRequests(visitor);
    await visitor.goto(env.url('/test/chat.html'));
    await ready(visitor);
    await ui(visitor).invitation.waitFor();
    await until(async () => requests.length === 2, 'parley-chat.js asked for twice');
    await ui(visitor).startChat.click();
    await ui(visitor).composer.waitFor();
    assert.equal(requests.length, 2);
    assert.deepEqual(await chatPartErrors(visitor), [], 'no lcw:error once the retry worked');
    assert.deepEqual(visitor.errors, [], 'no page error');
  } finally {
    await context.close();
  }
});

// A route that holds parley-chat.js until release() is called: the file "on its way".
async function holdChatPart(context) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(CHAT_PART, async (route) => { await held; await route.continue(); });
  return release;
}

test('the survey accepted before parley-chat.js came: a stand-in with its title, busy, then the survey, focused; its answers reach the desk',
  { timeout: 120000 }, async () => {
    const context = await newContext(env);
    try {
      const release = await holdChatPart(context);
      const desk = await openDesk(context);
      const visitor = await newPage(context, { clock: false });
      const requests = chatPartRequests(visitor);
      await visitor.goto(env.url('/test/survey-chat.html'));
      await ready(visitor);
      const v = ui(visitor);
      await v.invitation.waitFor();
      await until(async () => requests.length === 1, 'the invitation asked for parley-chat.js');

      // Accepted while the file is held: the stand-in holds the survey's place and the focus.
      await v.startChat.click();
      await v.survey.waitFor();
      assert.equal(await v.survey.getAttribute('aria-busy'), 'true', 'a stand-in, busy');
      assert.equal(await v.survey.getByRole('textbox').count(), 0, 'no field yet');
      assert.equal(await v.survey.evaluate((node) => node.getRootNode().activeElement === node), true, 'the stand-in has the focus');

      // The file comes: the survey replaces the stand-in, its first field focused.
      release();
      const name = v.survey.getByRole('textbox', { name: 'Your name' });
      await name.waitFor();
      assert.equal(await v.survey.getAttribute('aria-busy'), null, 'the real survey');
      // Styled by the survey's rules, which came with it: a label is bold, not the browser's.
      assert.equal(await v.survey.locator('label').first().evaluate((node) => getComputedStyle(node).fontWeight), '600');
      assert.equal(await name.evaluate((node) => node.getRootNode().activeElement === node), true, 'its first field has the focus');
      await name.fill('Grace');
      await v.survey.getByRole('checkbox', { name: 'I agree to be contacted' }).check();
      await v.survey.getByRole('button', { name: 'Start chat' }).click();
      await v.composer.waitFor();
      await desk.getByTestId('conversation-item').first().click();
      await until(async () => (await desk.locator('#prechat').textContent()).includes('Grace'), 'the desk shows the survey\'s answers');
      assert.equal(requests.length, 1, 'fetched once');
      assert.deepEqual(await chatPartErrors(visitor), []);
      assert.deepEqual(visitor.errors, [], 'no page error');
    } finally {
      await context.close();
    }
  });

// A page whose parley-chat.js never loads (404), with the demo desk open: by the time its
// invitation shows, the part was tried twice and said so once (lcw:error 13).
async function withoutChatPart(context, page) {
  await context.route(CHAT_PART, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const desk = await openDesk(context);
  const visitor = await newPage(context, { clock: false });
  const requests = chatPartRequests(visitor);
  await visitor.goto(env.url(page));
  await ready(visitor);
  const v = ui(visitor);
  await v.invitation.waitFor();

  const error = await waitForEvent(visitor, 'lcw:error');
  assert.equal(error.errorCode, 13);
  assert.match(error.errorDescription, /parley-chat\.js did not load/);
  assert.equal(requests.length, 2, 'one try and one retry');
  assert.equal((await chatPartErrors(visitor)).length, 1, 'one lcw:error for the two');
  return { desk, visitor, requests, v };
}

test('failing for good with a survey: one retry, then lcw:error 13; the survey\'s stand-in; opening it again tries again; the survey shows once the file comes and its answers reach the desk',
  { timeout: 120000 }, async () => {
    const context = await newContext(env);
    try {
      const { desk, visitor, requests, v } = await withoutChatPart(context, '/test/survey-chat.html');

      // The survey is parley-chat.js's: a stand-in with its title, busy; opening it tried the file again.
      await v.startChat.click();
      await v.survey.waitFor();
      assert.equal(await v.survey.getAttribute('aria-busy'), 'true');
      await until(async () => (await chatPartErrors(visitor)).length === 2, 'opening the survey tried again, and said it failed');
      assert.equal(requests.length, 4);

      // The file is back: minimized and opened again, the survey comes; its answers reach the desk.
      await context.unroute(CHAT_PART);
      await visitor.keyboard.press('Escape');
      await v.survey.waitFor({ state: 'hidden' });
      await v.launcher.click();
      await v.survey.getByRole('textbox', { name: 'Your name' }).fill('Ada');
      assert.equal(await v.survey.getAttribute('aria-busy'), null, 'the survey is no longer a stand-in');
      await v.survey.getByRole('checkbox', { name: 'I agree to be contacted' }).check();
      await v.survey.getByRole('button', { name: 'Start chat' }).click();
      await v.composer.waitFor();
      assert.equal(await v.chat.getAttribute('aria-busy'), null, 'the real pane');
      assert.equal(requests.length, 5);
      await desk.getByTestId('conversation-item').first().click();
      await until(async () => (await desk.locator('#prechat').textContent()).includes('Ada'), 'the desk shows the survey\'s answers');
      assert.deepEqual(visitor.errors, [], 'no page error');
      assert.equal(await visitor.evaluate(() => document.querySelectorAll('script[src*="parley-chat"]').length), 0, 'no script tag left behind');
    } finally {
      await context.close();
    }
  });

test('failing for good: one retry, then lcw:error 13; a stand-in keeps the chat; the conversation reaches the desk; the pane shows once the file comes',
  { timeout: 120000 }, async () => {
    const context = await newContext(env);
    try {
      const { desk, visitor, requests, v } = await withoutChatPart(context, '/test/chat.html');

      await v.startChat.click();
      // The stand-in: the chat's title and status, busy; opening it tried the file again.
      await v.chat.waitFor();
      assert.equal(await v.chat.getAttribute('aria-busy'), 'true');
      assert.match(await v.chat.textContent(), /Waiting for an agent/);
      await until(async () => (await chatPartErrors(visitor)).length === 2, 'opening the chat tried again, and said it failed');
      assert.equal(requests.length, 4);

      // Nothing is lost: the desk has the conversation.
      await desk.getByTestId('conversation-item').first().waitFor();

      // The file is back: minimized and opened again, the real pane comes.
      await context.unroute(CHAT_PART);
      await visitor.keyboard.press('Escape');
      await v.chat.waitFor({ state: 'hidden' });
      await v.launcher.click();
      await v.composer.waitFor();
      assert.equal(await v.chat.getAttribute('aria-busy'), null, 'the pane is no longer a stand-in');
      assert.equal(requests.length, 5);
      // Host page intact, no page error, nothing rendered as HTML.
      assert.deepEqual(visitor.errors, [], 'no page error');
      assert.equal(await visitor.evaluate(() => document.querySelectorAll('script[src*="parley-chat"]').length), 0, 'no script tag left behind');
    } finally {
      await context.close();
    }
  });
