// What the relay browser tests share: a visitor on a relay demo page (demo-site/relay/) and an
// agent desk signed in to the relay (demo-site/agent.html?relay=...), each in its own browser
// context (no BroadcastChannel, storage or cookie in common: only the relay joins them), and the
// reading of both transcripts by text. Real time everywhere (no fake clock): reconnection and
// resend timers must run.
import assert from 'node:assert/strict';
import { newContext, newPage, ready, widget, until } from './browser.mjs';

// ---- the visitor ---------------------------------------------------------------------------

// page: 'chat' or 'video' (demo-site/relay/PAGE.html), pointed at this relay.
export async function openRelayVisitor(env, relay, page = 'chat', { contextOptions = {}, initScripts = [] } = {}) {
  const context = await newContext(env, contextOptions);
  const visitor = await newPage(context, { clock: false });
  for (const script of initScripts) await visitor.addInitScript(script);
  await visitor.goto(env.url(`/relay/${page}.html?relay=${encodeURIComponent(relay.visitorUrl)}`));
  await ready(visitor);
  return { context, page: visitor };
}

export const visitorUi = (page) => {
  const w = widget(page);
  return {
    launcher: w.locator('button.launcher'),
    videoButton: w.locator('button.video-button'),
    chat: w.getByRole('dialog', { name: 'Chat', exact: true }),
    // The chat's header line: the queue or waiting status, else the agent's name.
    header: w.locator('p.sub'),
    stage: w.locator('.stage'),
    status: w.locator('.stage .status'),
    remoteVideo: w.locator('video.remote'),
    log: w.getByRole('log'),
    composer: w.getByRole('textbox', { name: 'Your message' }),
    button: (name) => w.getByRole('button', { name, exact: true }),
  };
};

export const logTexts = (page) => visitorUi(page).log.locator('.msg > .text, .msg.system').allTextContents();

export async function waitForLog(page, text, timeout = 15000) {
  await until(async () => (await logTexts(page)).includes(text), async () =>
    `the visitor's transcript shows "${text}"; it shows ${JSON.stringify(await logTexts(page).catch(() => []))}`, timeout);
}

export async function visitorSend(page, text) {
  const v = visitorUi(page);
  await v.composer.fill(text);
  await v.composer.press('Enter');
  await waitForLog(page, text);
}

export async function waitForHeader(page, text, timeout = 15000) {
  const v = visitorUi(page);
  await until(async () => (await v.header.textContent()) === text, async () =>
    `the visitor's chat header says "${text}"; it says "${await v.header.textContent().catch(() => '?')}"`, timeout);
}

// ---- the desk ------------------------------------------------------------------------------

// The desk on this relay, signed in with `token` typed into its settings (never in the URL).
// video: tick "Video" once connected. videoSource: what the desk sends in a call.
export async function openRelayDesk(env, relay, token, { video = false, videoSource = 'pattern', contextOptions = {} } = {}) {
  const context = await newContext(env, contextOptions);
  const desk = await newPage(context, { clock: false, openShadow: false });
  await desk.goto(env.url(`/agent.html?relay=${encodeURIComponent(relay.agentUrl)}&video=${videoSource}`));
  assert.ok(!desk.url().includes(token), 'the token is not in the URL');
  await waitForConnection(desk, 'signed-out');
  await desk.getByTestId('relay-token').fill(token);
  await desk.getByTestId('relay-signin-submit').click();
  await waitForConnection(desk, 'connected');
  assert.ok(!desk.url().includes(token), 'the token is still not in the URL');
  if (video) {
    await desk.getByTestId('available-video').check();
    // The relay hears it (agent.status is acknowledged after commit): the team shows it.
    await until(async () => (await teamLine(desk, await signedInAs(desk))).includes('video'), 'the team shows this agent taking video');
  }
  return { context, desk };
}

export const connectionState = (desk) => desk.getByTestId('connection').getAttribute('data-state');

export async function waitForConnection(desk, state, timeout = 20000) {
  await until(async () => (await connectionState(desk)) === state, async () =>
    `the desk's connection is "${state}"; it is "${await connectionState(desk).catch(() => '?')}" ` +
    `("${await desk.getByTestId('connection').textContent().catch(() => '?')}")`, timeout);
}

// The agent's name after "Connected as ".
export async function signedInAs(desk) {
  const text = await desk.getByTestId('connection').textContent();
  assert.match(text, /^Connected as /);
  return text.slice('Connected as '.length);
}

async function teamLine(desk, name) {
  const members = await desk.getByTestId('team-member').evaluateAll((items) =>
    items.map((li) => [li.querySelector('.line1').textContent, li.querySelector('.line2').textContent]));
  const found = members.find(([who]) => who === name);
  return found ? found[1] : '';
}

export const deskLines = (desk) => desk.getByTestId('transcript-line').evaluateAll((lines) =>
  lines.map((line) => ({
    from: line.dataset.from,
    who: line.querySelector('.who') ? line.querySelector('.who').textContent : '',
    text: line.querySelector('.text').textContent,
    delivered: line.dataset.delivered,
  })));

export async function waitForDeskLine(desk, from, text, timeout = 15000) {
  await until(async () => (await deskLines(desk)).some((l) => l.from === from && l.text === text), async () =>
    `the desk shows ${from} "${text}"; it shows ${JSON.stringify(await deskLines(desk).catch(() => []))}`, timeout);
}

export async function deskReply(desk, text) {
  await desk.getByTestId('reply-input').fill(text);
  await desk.getByTestId('reply-input').press('Enter');
  await waitForDeskLine(desk, 'agent', text);
}

// The desk's conversations as [{id, status}], newest first.
export const deskConversations = (desk) => desk.getByTestId('conversation-item').evaluateAll((items) =>
  items.map((b) => ({ id: b.dataset.conversationId, status: b.dataset.status })));

export async function selectConversation(desk, id) {
  await desk.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`).click();
  await until(async () => (await desk.getByTestId('conversation-detail').locator('dd').first().textContent()) === id,
    `the desk shows conversation ${id}`);
}

export const queueItems = (desk) => desk.getByTestId('queue-item').evaluateAll((items) => items.map((li) => li.dataset.conversationId));

// A <dl> of the desk as [[dt, dd], ...].
export const deskPairs = (desk, testId) => desk.getByTestId(testId).evaluate((dl) => {
  const out = [];
  for (const dt of dl.querySelectorAll('dt')) out.push([dt.textContent, dt.nextElementSibling ? dt.nextElementSibling.textContent : '']);
  return out;
});

export const count = (texts, text) => texts.filter((t) => t === text).length;

export function assertNoPageErrors(...pages) {
  for (const page of pages) assert.deepEqual(page.errors, [], `page errors on ${page.url()}`);
}
