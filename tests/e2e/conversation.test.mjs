// The visitor's whole conversation, in Chromium, on both engines (WebAssembly and the wasm2js
// fallback): invitations declined (do-not-disturb across a reload), expired, accepted with a
// pre-chat survey; a chat both ways with the demo's agent desk (demo-site/agent.html) in a second
// page of the same browser context (BroadcastChannel is per profile); the conversation across a
// reload and the outbox while the desk is closed; minimize / maximize with the unread count;
// keyboard only; and axe-core on every panel.
//
// Pages: the demo's declarative pages (demo-site/config/1-*, 8-*) and small test-only pages in
// demo-site/test/ (each says what its config is for). Every page runs Playwright's fake clock
// (tests/e2e/browser.mjs), which is per context: page.clock.runFor moves the visitor page and the
// desk together. Time still flows at real speed in between, so BroadcastChannel deliveries and
// 1 s resends happen by themselves; the tests only jump over the long waits (20 s, 60 s).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, newContext, newPage, ready, events, waitForEvent, widget, ENGINES, sleep, until } from './browser.mjs';

// ---- helpers ---------------------------------------------------------------------------------

// A visitor page on `path`, started (lcw:ready), on the engine the context was made for.
async function openVisitor(context, env, engine, path, { paused = false } = {}) {
  const page = await newPage(context);
  // A paused clock moves only with runFor: exact deadlines whatever the machine's load.
  if (paused) await page.clock.pauseAt(Date.now() + 1000);
  // When each invitation event came, in the page's (fake) time.
  await page.addInitScript(() => {
    window.__lcwAt = {};
    for (const name of ['proactiveInvite', 'inviteExpired', 'inviteDeclined'])
      window.addEventListener('lcw:' + name, () => { window.__lcwAt[name] = Date.now(); });
  });
  await page.goto(env.url(path));
  await ready(page);
  await assertEngine(page, engine);
  return page;
}

async function assertEngine(page, engine) {
  const fallback = await page.evaluate(() => !!document.querySelector('script[src*="parley.fallback.js"]'));
  assert.equal(fallback, engine === 'fallback', `the page runs the ${engine} engine`);
}

// The agent desk in another page of the same context (same BroadcastChannel).
async function openDesk(context, env, existing) {
  const desk = existing || await newPage(context, { openShadow: false });
  await desk.goto(env.url('/agent.html'));
  await desk.getByTestId('desk-status').filter({ hasText: 'Channel' }).waitFor();
  return desk;
}

// Widget locators (the shadow root is forced open by newPage).
const ui = (page) => {
  const w = widget(page);
  return {
    invitation: w.getByRole('dialog', { name: 'Chat with us' }),
    survey: w.getByRole('dialog', { name: 'Before we start' }),
    chat: w.getByRole('dialog', { name: 'Chat', exact: true }),
    rating: w.getByRole('dialog', { name: 'How was your conversation?' }),
    launcher: w.locator('button.launcher'),
    badge: w.locator('button.launcher .badge'),
    log: w.getByRole('log'),
    composer: w.getByRole('textbox', { name: 'Your message' }),
    button: (name) => w.getByRole('button', { name, exact: true }),
  };
};

const isFocused = (locator) => locator.evaluate((el) => el.getRootNode().activeElement === el);
async function assertFocused(locator, what) {
  await until(() => isFocused(locator), async () => `focus is on ${what}; it is on ${await focusDescription(locator.page())}`, 3000);
}
// What has the focus, through shadow roots: for failure messages.
const focusDescription = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return 'nothing';
  return `<${el.tagName.toLowerCase()}> "${(el.getAttribute('aria-label') || el.textContent || el.id || '').trim().slice(0, 40)}"`;
});

const pageNow = (page) => page.evaluate(() => Date.now());
const eventTime = (page, name) => page.evaluate((n) => window.__lcwAt[n], name);

const lcwNames = async (page) => (await events(page)).map((e) => e.name);
const logTexts = (page) => ui(page).log.locator('.msg > .text, .msg.system').allTextContents();
const deskLines = (desk) => desk.getByTestId('transcript-line').evaluateAll((lines) =>
  lines.map((line) => ({ from: line.dataset.from, text: line.querySelector('.text').textContent, delivered: line.dataset.delivered })));
// A <dl> of the desk as [[dt, dd], ...].
const deskPairs = (desk, testId) => desk.getByTestId(testId).evaluate((dl) => {
  const out = [];
  for (const dt of dl.querySelectorAll('dt')) out.push([dt.textContent, dt.nextElementSibling ? dt.nextElementSibling.textContent : '']);
  return out;
});

async function waitForLog(page, text, timeout = 10000) {
  await until(async () => (await logTexts(page)).includes(text), async () =>
    `the visitor's transcript shows "${text}"; it shows ${JSON.stringify(await logTexts(page).catch(() => []))}`, timeout);
}
async function waitForDeskLine(desk, from, text, timeout = 10000) {
  await until(async () => (await deskLines(desk)).some((l) => l.from === from && l.text === text), async () =>
    `the desk shows ${from} "${text}"; it shows ${JSON.stringify(await deskLines(desk).catch(() => []))}`, timeout);
}

async function deskReply(desk, text) {
  await desk.getByTestId('reply-input').fill(text);
  await desk.getByTestId('reply-input').press('Enter');
  await waitForDeskLine(desk, 'agent', text);
}

async function visitorSend(page, text) {
  await ui(page).composer.fill(text);
  await ui(page).composer.press('Enter');
  await waitForLog(page, text);
}

// Accept the invitation on a page without a survey, then let the desk accept the conversation.
async function startChatWithDesk(page, desk) {
  const v = ui(page);
  await v.invitation.waitFor();
  await v.button('Start chat').click();
  await v.chat.waitFor();
  await waitForEvent(page, 'lcw:startChat');
  await desk.getByTestId('conversation-item').first().waitFor();
  await desk.getByTestId('accept').click();
  await waitForLog(page, 'An agent joined the conversation.');
}

async function axeViolations(page) {
  // No transitions: axe measures colours as drawn, and a button still fading in reads as low contrast.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const results = await new AxeBuilder({ page }).include('[data-parley-widget]').analyze();
  // Sanity: axe did look inside the widget's shadow root (a target with a shadow hop).
  assert.ok(results.passes.some((rule) => rule.nodes.some((n) => Array.isArray(n.target[0]))), 'axe checked nodes inside the shadow root');
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function assertNoPageErrors(...pages) {
  for (const page of pages) assert.deepEqual(page.errors, [], `page errors on ${page.url()}`);
}

// ---- the suites ------------------------------------------------------------------------------

// One server and one browser for the file; one fresh context (profile) per test.
let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

for (const engine of ENGINES) {
  describe(`conversation (${engine} engine)`, () => {
    // One fresh browser context (profile) per test.
    async function withContext(body) {
      const context = await newContext(env, { engine });
      try {
        await body(context);
      } finally {
        await context.close();
      }
    }

    test('declining with afterDecline "session": do-not-disturb holds across a reload', { timeout: 120000 }, () => withContext(async (context) => {
      const page = await openVisitor(context, env, engine, '/test/dnd-session.html');
      const v = ui(page);
      await page.clock.runFor(2500);   // the rule: timeOnPage >= 2 s
      await v.invitation.waitFor();
      assert.equal(await v.invitation.locator('.message').textContent(), 'Test invitation: may we help?');
      await v.button('No thanks').click();
      await waitForEvent(page, 'lcw:inviteDeclined');
      await v.invitation.waitFor({ state: 'hidden' });

      await page.reload();
      await ready(page);
      await page.clock.runFor(10000);
      await sleep(200);
      const names = await lcwNames(page);
      assert.ok(!names.includes('lcw:proactiveInvite'), `no invitation after the reload (events: ${names.join(', ')})`);
      assert.equal(await v.invitation.count(), 0);
      const inspected = await page.evaluate(() => Parley.inspect());
      assert.equal(inspected.rules[0].value, true, 'the rule is true: only do-not-disturb holds it back');
      assert.equal(inspected.storage.sessionDoNotDisturb, true);
      assertNoPageErrors(page);
    }));

    test('declining with afterDecline "none": the invitation comes again on the next page view', { timeout: 120000 }, () => withContext(async (context) => {
      const page = await openVisitor(context, env, engine, '/config/1-time-on-page.html');
      const v = ui(page);
      await page.clock.runFor(20500);
      await v.invitation.waitFor();
      await v.button('No thanks').click();
      await waitForEvent(page, 'lcw:inviteDeclined');
      await v.invitation.waitFor({ state: 'hidden' });

      await page.reload();
      await ready(page);
      await page.clock.runFor(15000);
      assert.equal(await v.invitation.count(), 0, 'not before 20 s on the new page');
      await page.clock.runFor(6000);
      await v.invitation.waitFor();
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(invite.message, 'Hi! Just checking in to see if I can help answer any questions you may have.');
      assertNoPageErrors(page);
    }));

    // Expiry is checked against the page's own clock: shown at T, still there at T + deadline - 1 s,
    // gone, with lcw:inviteExpired, at T + deadline.
    async function checkExpiry(page, deadline) {
      const v = ui(page);
      const shownAt = await eventTime(page, 'proactiveInvite');
      assert.ok(shownAt, 'the invitation was shown');
      await page.clock.runFor(shownAt + deadline - 1000 - await pageNow(page));
      assert.equal(await v.invitation.isVisible(), true, `still there ${deadline / 1000 - 1} s after it showed`);
      assert.ok(!(await lcwNames(page)).includes('lcw:inviteExpired'));
      await page.clock.runFor(2000);
      await waitForEvent(page, 'lcw:inviteExpired');
      await v.invitation.waitFor({ state: 'hidden' });
      const expiredAt = await eventTime(page, 'inviteExpired');
      assert.ok(expiredAt - shownAt >= deadline && expiredAt - shownAt <= deadline + 20,
        `expired ${expiredAt - shownAt} ms after it showed, expected ${deadline}`);
      const names = await lcwNames(page);
      assert.ok(!names.includes('lcw:inviteDeclined'), 'an expiry is not a decline');
      assert.equal(names.filter((n) => n === 'lcw:proactiveInvite').length, 1, 'it does not come back on this page view');
    }

    test('an unanswered invitation disappears after 60 s (lcw:inviteExpired)', { timeout: 120000 }, () => withContext(async (context) => {
      const page = await openVisitor(context, env, engine, '/config/1-time-on-page.html', { paused: true });
      await page.clock.runFor(20000);
      await ui(page).invitation.waitFor();
      await checkExpiry(page, 60000);
      assertNoPageErrors(page);
    }));

    test('an invitation with expiresAfter 10000 disappears after 10 s', { timeout: 120000 }, () => withContext(async (context) => {
      const page = await openVisitor(context, env, engine, '/test/expiry.html', { paused: true });
      await ui(page).invitation.waitFor();
      await checkExpiry(page, 10000);
      assertNoPageErrors(page);
    }));

    test('pre-chat survey: a required field left empty shows its error and takes focus; valid answers reach the desk', { timeout: 120000 }, () => withContext(async (context) => {
      const desk = await openDesk(context, env);
      const page = await openVisitor(context, env, engine, '/config/8-prechat-survey.html');
      const v = ui(page);
      await v.invitation.waitFor();
      await v.button('Start chat').click();
      await v.survey.waitFor();

      const name = v.survey.getByRole('textbox', { name: 'Your name' });
      const email = v.survey.getByRole('textbox', { name: 'Email' });
      const topic = v.survey.getByRole('combobox', { name: 'Topic' });
      const consent = v.survey.getByRole('checkbox', { name: 'I agree to be contacted' });
      await v.survey.getByRole('button', { name: 'Start chat' }).click();
      await until(async () => (await name.getAttribute('aria-invalid')) === 'true', 'the empty required name is marked invalid');

      // The error is text next to the field, and the field is described by it.
      const described = (locator) => locator.evaluate((input) => {
        const id = input.getAttribute('aria-describedby');
        const error = id ? input.getRootNode().getElementById(id) : null;
        return error && {
          text: error.textContent,
          shown: !error.hidden && error.getClientRects().length > 0,
          sameField: error.parentElement === input.parentElement,
        };
      });
      assert.deepEqual(await described(name), { text: 'This field is required.', shown: true, sameField: true });
      assert.deepEqual(await described(consent), { text: 'You must give your consent to continue.', shown: true, sameField: true });
      assert.equal(await described(email), null, 'an optional empty field has no error');
      await assertFocused(name, 'the first field in error');

      // Nothing went to the desk.
      await page.clock.runFor(3000);
      await sleep(300);
      assert.equal(await desk.getByTestId('conversation-item').count(), 0, 'no conversation on the desk');
      assert.equal(await desk.getByTestId('conversations-empty').isVisible(), true);
      assert.ok(!(await lcwNames(page)).includes('lcw:startChat'));

      await name.fill('Sam Visitor');
      await email.fill('sam@example.com');
      await topic.selectOption('Technical');
      await consent.check();
      await v.survey.getByRole('button', { name: 'Start chat' }).click();
      await v.chat.waitFor();
      await waitForEvent(page, 'lcw:startChat');

      await desk.getByTestId('conversation-item').first().waitFor();
      await until(async () => (await deskPairs(desk, 'prechat')).length === 4, 'the desk shows four survey answers');
      assert.deepEqual(await deskPairs(desk, 'prechat'), [
        ['Your name', 'Sam Visitor'],
        ['Email', 'sam@example.com'],
        ['Topic', 'Technical'],
        ['I agree to be contacted', 'Yes'],
      ]);
      assertNoPageErrors(page, desk);
    }));

    test('chat both ways with the agent desk, end, rating', { timeout: 120000 }, () => withContext(async (context) => {
      const desk = await openDesk(context, env);
      const page = await openVisitor(context, env, engine, '/test/chat.html');
      const v = ui(page);
      await v.invitation.waitFor();
      await v.button('Start chat').click();
      await v.chat.waitFor();
      assert.equal(await v.chat.locator('.sub').textContent(), 'Waiting for an agent…');

      const item = desk.getByTestId('conversation-item').first();
      await item.waitFor();
      assert.equal(await item.getAttribute('data-status'), 'waiting');
      assert.ok((await deskPairs(desk, 'context')).some(([k, val]) => k === 'Test page' && val === 'chat'), 'the rule context reached the desk');
      await desk.getByTestId('accept').click();
      await waitForLog(page, 'An agent joined the conversation.');
      await until(async () => (await v.chat.locator('.sub').textContent()) === 'Alex', 'the agent name shows');

      await visitorSend(page, 'Hello, my screen is cracked.');
      assert.equal((await waitForEvent(page, 'lcw:onMessageSent')).text, 'Hello, my screen is cracked.');
      await waitForDeskLine(desk, 'visitor', 'Hello, my screen is cracked.');

      await deskReply(desk, 'Sorry to hear that. Let us have a look.');
      await waitForLog(page, 'Sorry to hear that. Let us have a look.');
      assert.equal((await waitForEvent(page, 'lcw:onMessageReceived')).text, 'Sorry to hear that. Let us have a look.');
      assert.equal(await v.log.locator('.msg.agent > .text').last().textContent(), 'Sorry to hear that. Let us have a look.');
      await until(async () => (await deskLines(desk)).some((l) => l.from === 'agent' && l.delivered === 'true'),
        'the desk marks its reply delivered');

      await v.button('End chat').click();
      await v.rating.waitFor();
      await until(async () => (await desk.getByTestId('conversation-status').textContent()) === 'Ended by the visitor',
        'the desk shows that the visitor ended');
      await v.rating.getByRole('radio', { name: '4', exact: true }).check();
      await v.rating.getByRole('button', { name: 'Send rating' }).click();
      await v.rating.waitFor({ state: 'hidden' });
      await until(async () => (await desk.getByTestId('rating').textContent()) === '4 out of 5', 'the desk shows the rating');
      assertNoPageErrors(page, desk);
    }));

    test('the conversation survives a reload; a message typed while the desk is closed arrives when it opens', { timeout: 120000 }, () => withContext(async (context) => {
      const desk = await openDesk(context, env);
      const page = await openVisitor(context, env, engine, '/test/chat.html');
      const v = ui(page);
      await startChatWithDesk(page, desk);
      await visitorSend(page, 'Before the reload');
      await waitForDeskLine(desk, 'visitor', 'Before the reload');
      await deskReply(desk, 'First answer');
      await waitForLog(page, 'First answer');

      await page.reload();
      await ready(page);
      await v.chat.waitFor();
      // The pane may be the stand-in until parley-chat.js arrives (slower with the fallback engine).
      await waitForLog(page, 'First answer');
      assert.deepEqual(await logTexts(page), ['An agent joined the conversation.', 'Before the reload', 'First answer']);
      assert.equal(await v.chat.locator('.sub').textContent(), 'Alex', 'the agent\'s name is kept');
      assert.ok(!(await lcwNames(page)).includes('lcw:proactiveInvite'), 'no invitation during a conversation');
      await deskReply(desk, 'Answer after the reload');
      await waitForLog(page, 'Answer after the reload');

      // The desk goes away; the visitor writes; the message waits in the outbox.
      await desk.goto('about:blank');
      await visitorSend(page, 'Written while the desk was closed');
      await page.clock.runFor(3000);
      const outbox = await page.evaluate(() => sessionStorage.getItem('parley.outbox') || '');
      assert.ok(outbox.includes('Written while the desk was closed'), 'the message waits in the saved outbox');

      await openDesk(context, env, desk);
      await waitForDeskLine(desk, 'visitor', 'Written while the desk was closed');
      await page.clock.runFor(2000);
      await sleep(300);
      const lines = (await deskLines(desk)).filter((l) => l.text === 'Written while the desk was closed');
      assert.equal(lines.length, 1, 'delivered once');
      await until(async () => !(await page.evaluate(() => sessionStorage.getItem('parley.outbox') || '')).includes('Written while'),
        'the acknowledged message leaves the outbox');
      assert.equal(await logTexts(page).then((t) => t.filter((x) => x === 'Written while the desk was closed').length), 1);
      assertNoPageErrors(page, desk);
    }));

    test('minimize and maximize; the launcher counts unread agent messages', { timeout: 120000 }, () => withContext(async (context) => {
      const desk = await openDesk(context, env);
      const page = await openVisitor(context, env, engine, '/test/chat.html');
      const v = ui(page);
      await startChatWithDesk(page, desk);
      assert.equal(await v.launcher.isVisible(), false, 'no launcher while the chat is open');

      await v.button('Minimize').click();
      await waitForEvent(page, 'lcw:onMinimize');
      await v.chat.waitFor({ state: 'hidden' });
      await v.launcher.waitFor();
      assert.equal(await v.badge.isVisible(), false, 'nothing unread yet');

      await deskReply(desk, 'Are you still there?');
      await until(async () => (await v.badge.isVisible()) && (await v.badge.textContent()) === '1', 'the launcher shows 1 unread');
      assert.equal(await ui(page).button('Chat with us, 1 unread message').count(), 1,
        'the launcher says it in words');
      await deskReply(desk, 'I have an idea.');
      await until(async () => (await v.badge.textContent()) === '2', async () => `the launcher shows 2 unread, not "${await v.badge.textContent()}"`);
      assert.equal((await events(page, 'lcw:onMessageReceived')).length, 2);

      await v.launcher.click();
      await waitForEvent(page, 'lcw:onMaximize');
      await v.chat.waitFor();
      await waitForLog(page, 'I have an idea.');
      assert.deepEqual((await logTexts(page)).slice(-2), ['Are you still there?', 'I have an idea.']);
      await v.launcher.waitFor({ state: 'hidden' });
      assert.equal(await v.badge.isVisible(), false);
      await assertFocused(v.composer, 'the composer after maximizing');

      // Minimized again: the count starts from zero.
      await v.button('Minimize').click();
      await v.launcher.waitFor();
      assert.equal(await v.badge.isVisible(), false, 'the count was reset by maximizing');
      assertNoPageErrors(page, desk);
    }));

    test('keyboard only: invitation, survey, chat and rating with Tab, Enter, Escape', { timeout: 120000 }, () => withContext(async (context) => {
      const desk = await openDesk(context, env);
      const page = await openVisitor(context, env, engine, '/test/survey-chat.html');
      const v = ui(page);
      const key = (k) => page.keyboard.press(k);

      // Invitation: focus comes to it (the page is idle); Tab moves through it; Escape declines.
      await v.invitation.waitFor();
      await assertFocused(v.button('Start chat'), '"Start chat" in the invitation');
      await key('Tab');
      await assertFocused(v.button('No thanks'), '"No thanks"');
      await key('Tab');
      await assertFocused(v.invitation.getByRole('button', { name: 'Close' }), 'the invitation\'s Close');
      await key('Escape');
      await waitForEvent(page, 'lcw:inviteDeclined');
      await v.invitation.waitFor({ state: 'hidden' });
      await assertFocused(v.launcher, 'the launcher after declining');

      // The next page view invites again (afterDecline none); Enter accepts.
      await page.reload();
      await ready(page);
      await v.invitation.waitFor();
      await assertFocused(v.button('Start chat'), '"Start chat" in the invitation');
      await key('Enter');
      await v.survey.waitFor();
      const name = v.survey.getByRole('textbox', { name: 'Your name' });
      await assertFocused(name, 'the first survey field');

      // Enter in a field submits; the first field in error takes the focus.
      await key('Enter');
      await until(async () => (await name.getAttribute('aria-invalid')) === 'true', 'the name is marked invalid');
      await assertFocused(name, 'the name field in error');
      await page.keyboard.type('Kim Keyboard');
      await key('Tab');
      await assertFocused(v.survey.getByRole('textbox', { name: 'Email' }), 'the email field');
      await page.keyboard.type('kim@example.com');
      await key('Tab');
      const topic = v.survey.getByRole('combobox', { name: 'Topic' });
      await assertFocused(topic, 'the topic');
      await key('ArrowDown');
      await key('ArrowDown');
      assert.equal(await topic.inputValue(), 'Technical');
      await key('Tab');
      const consent = v.survey.getByRole('checkbox', { name: 'I agree to be contacted' });
      await assertFocused(consent, 'the consent box');
      await key('Space');
      assert.equal(await consent.isChecked(), true);
      await key('Tab');
      await assertFocused(v.survey.getByRole('button', { name: 'Start chat' }), 'the survey\'s submit button');
      await key('Enter');

      // Chat: focus in the composer; Enter sends.
      await v.chat.waitFor();
      await assertFocused(v.composer, 'the composer');
      await desk.getByTestId('conversation-item').first().waitFor();
      assert.deepEqual((await deskPairs(desk, 'prechat')).map(([k]) => k), ['Your name', 'Email', 'Topic', 'I agree to be contacted']);
      await desk.getByTestId('accept').click();
      await waitForLog(page, 'An agent joined the conversation.');
      await page.keyboard.type('Typed with the keyboard');
      await key('Enter');
      await waitForDeskLine(desk, 'visitor', 'Typed with the keyboard');
      await deskReply(desk, 'Received, Kim.');
      await waitForLog(page, 'Received, Kim.');
      await assertFocused(v.composer, 'the composer, still');

      // Shift+Tab back to "End chat" (log, Close, Minimize, End chat), Enter ends.
      const end = v.button('End chat');
      for (let i = 0; i < 6 && !(await isFocused(end)); ++i) await key('Shift+Tab');
      await assertFocused(end, '"End chat"');
      await key('Enter');

      // Rating: arrows choose, Tab to "Send rating", Enter sends.
      await v.rating.waitFor();
      const first = v.rating.getByRole('radio', { name: '1', exact: true });
      await assertFocused(first, 'the first star');
      await key('ArrowRight');
      await key('ArrowRight');
      await key('ArrowRight');
      assert.equal(await v.rating.getByRole('radio', { name: '4', exact: true }).isChecked(), true);
      await key('Tab');
      await assertFocused(v.rating.getByRole('button', { name: 'Send rating' }), '"Send rating"');
      await key('Enter');
      await v.rating.waitFor({ state: 'hidden' });
      await until(async () => (await desk.getByTestId('rating').textContent()) === '4 out of 5', 'the desk shows the rating');
      await assertFocused(v.launcher, 'the launcher once the rating is sent');
      assertNoPageErrors(page, desk);
    }));

    test('axe-core finds no violations in the invitation, the survey, the chat and the rating', { timeout: 120000 }, () => withContext(async (context) => {
      const desk = await openDesk(context, env);
      const page = await openVisitor(context, env, engine, '/test/survey-chat.html');
      const v = ui(page);

      await v.invitation.waitFor();
      assert.deepEqual(await axeViolations(page), [], 'invitation');

      await v.button('Start chat').click();
      await v.survey.waitFor();
      await v.survey.getByRole('button', { name: 'Start chat' }).click();
      await until(async () => (await v.survey.getByRole('textbox', { name: 'Your name' }).getAttribute('aria-invalid')) === 'true',
        'the survey shows its errors');
      assert.deepEqual(await axeViolations(page), [], 'survey with errors');

      await v.survey.getByRole('textbox', { name: 'Your name' }).fill('Ada');
      await v.survey.getByRole('checkbox', { name: 'I agree to be contacted' }).check();
      await v.survey.getByRole('button', { name: 'Start chat' }).click();
      await v.chat.waitFor();
      await desk.getByTestId('conversation-item').first().waitFor();
      await desk.getByTestId('accept').click();
      await waitForLog(page, 'An agent joined the conversation.');
      await visitorSend(page, 'Hello');
      await deskReply(desk, 'Hello Ada');
      await waitForLog(page, 'Hello Ada');
      assert.deepEqual(await axeViolations(page), [], 'chat with messages');

      await v.button('End chat').click();
      await v.rating.waitFor();
      await v.rating.getByRole('radio', { name: '5', exact: true }).check();
      assert.deepEqual(await axeViolations(page), [], 'rating with a star chosen');
      assertNoPageErrors(page, desk);
    }));
  });
}
