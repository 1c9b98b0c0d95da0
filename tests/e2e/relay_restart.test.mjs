// kill -9 of parley-relay in the middle of a conversation, with messages in flight both ways, then
// a restart on the same port and the same SQLite file. Both sides reconnect by themselves (the
// desk says "Reconnecting…" meanwhile), resend what was not acknowledged, and every message ends
// up on both sides exactly once: counted by text in the visitor's log and the desk's transcript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, until, sleep } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import {
  openRelayVisitor, openRelayDesk, visitorUi, waitForLog, waitForHeader, waitForDeskLine, deskLines,
  deskConversations, waitForConnection, logTexts, count, assertNoPageErrors,
} from './relay_ui.mjs';

const TOKEN = 'token-alex-restart-31';
let env;
let relay;
before(async () => {
  env = await launch();
  relay = await startRelay({ agents: [{ id: 'alex', name: 'Alex', token: TOKEN, maxChats: 3 }] });
});
after(async () => {
  await relay?.stop();
  await env?.close();
});

const ROUNDS = 6;

test('kill -9 of the relay mid-conversation: after the restart every message is on both sides exactly once', { timeout: 180000 }, async () => {
  const { context: deskContext, desk } = await openRelayDesk(env, relay, TOKEN);
  const { context: visitorContext, page } = await openRelayVisitor(env, relay, 'chat');
  try {
    const v = visitorUi(page);
    await v.launcher.click();
    await v.chat.waitFor();
    await waitForLog(page, 'An agent joined the conversation.');
    await waitForHeader(page, 'Alex');
    await until(async () => (await deskConversations(desk)).length === 1, 'the desk is assigned the conversation');

    // Both sides write at once, without waiting for anything to arrive; the relay dies in the middle.
    const visitorTexts = [];
    const agentTexts = [];
    for (let i = 1; i <= ROUNDS; ++i) {
      visitorTexts.push(`visitor says ${i}`);
      agentTexts.push(`agent says ${i}`);
    }
    const half = ROUNDS / 2;
    const write = async (from, to) => {
      for (let i = from; i < to; ++i) {
        await v.composer.fill(visitorTexts[i]);
        await v.composer.press('Enter');
        await desk.getByTestId('reply-input').fill(agentTexts[i]);
        await desk.getByTestId('reply-input').press('Enter');
      }
    };
    await write(0, half);
    await relay.kill9();
    await write(half, ROUNDS);   // written while the relay is down: kept in both outboxes

    await waitForConnection(desk, 'reconnecting');
    assert.match(await desk.getByTestId('connection').textContent(), /^Reconnecting/);
    await sleep(1500);           // a few failed reconnection attempts on both sides
    await relay.restart();
    await waitForConnection(desk, 'connected', 30000);

    // Everything arrives: the visitor's on the desk, the agent's in the widget.
    for (const text of visitorTexts) await waitForDeskLine(desk, 'visitor', text, 45000);
    for (const text of agentTexts) await waitForLog(page, text, 45000);
    // Every desk line acknowledged by the relay (nothing left to resend).
    await until(async () => (await deskLines(desk)).filter((l) => agentTexts.includes(l.text)).every((l) => l.delivered === 'true'),
      'the relay acknowledged every agent message', 45000);
    await until(() => page.evaluate(() => JSON.parse(sessionStorage.getItem('parley.outbox') || '[]').length === 0).catch(() => true),
      'the visitor has nothing left to resend', 45000);

    // Past a couple of resend periods: still once each, on both sides.
    await sleep(3000);
    const deskTexts = (await deskLines(desk)).map((l) => l.text);
    const widgetTexts = await logTexts(page);
    for (const text of [...visitorTexts, ...agentTexts]) {
      assert.equal(count(deskTexts, text), 1, `the desk shows "${text}" once; it shows ${JSON.stringify(deskTexts)}`);
      assert.equal(count(widgetTexts, text), 1, `the visitor sees "${text}" once; it shows ${JSON.stringify(widgetTexts)}`);
    }
    // The conversation goes on after the restart.
    await v.composer.fill('Still there?');
    await v.composer.press('Enter');
    await waitForDeskLine(desk, 'visitor', 'Still there?');
    assert.equal((await deskConversations(desk)).length, 1, 'one conversation, not a new one');
    assertNoPageErrors(page, desk);
  } finally {
    await deskContext.close();
    await visitorContext.close();
  }
});
