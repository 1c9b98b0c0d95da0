// A visitor and an agent chat both ways through parley-relay (a real process on a loopback port,
// tests/e2e/relay_process.mjs): the visitor on demo-site/relay/chat.html in one browser context,
// the desk (demo-site/agent.html?relay=...) signed in with a token in another. Nothing joins them
// but the relay. The desk shows the visitor's displayable context as text, keeps the token out of
// the URL, and shows nothing twice after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, until } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import {
  openRelayVisitor, openRelayDesk, visitorUi, waitForLog, visitorSend, waitForHeader, waitForDeskLine, deskReply,
  deskLines, deskConversations, deskPairs, queueItems, waitForConnection, count, assertNoPageErrors,
} from './relay_ui.mjs';

let env;
let relay;
before(async () => {
  env = await launch();
  relay = await startRelay({ agents: [{ id: 'alex', name: 'Alex', token: 'token-alex-1f2e', maxChats: 3 }] });
});
after(async () => {
  await relay?.stop();
  await env?.close();
});

test('visitor and agent in two browser contexts chat both ways through the relay', { timeout: 120000 }, async () => {
  const { context: deskContext, desk } = await openRelayDesk(env, relay, 'token-alex-1f2e');
  const { context: visitorContext, page } = await openRelayVisitor(env, relay, 'chat');
  try {
    assert.equal(await desk.getByTestId('connection').textContent(), 'Connected as Alex');
    const team = await desk.getByTestId('team-member').allTextContents();
    assert.equal(team.length, 1);
    assert.match(team[0], /^Alex.*online.*chat/);

    // The visitor opens the chat: the relay assigns it to Alex, who is named in the widget.
    const v = visitorUi(page);
    await v.launcher.click();
    await v.chat.waitFor();
    await waitForLog(page, 'An agent joined the conversation.');
    await waitForHeader(page, 'Alex');
    await until(async () => (await deskConversations(desk)).length === 1, 'the desk is assigned the conversation');
    const [conversation] = await deskConversations(desk);
    assert.equal(conversation.status, 'active');
    assert.deepEqual(await queueItems(desk), [], 'nobody waits in the queue');

    // The page's context, as text: the two displayable entries, the hidden one only counted.
    const context = await deskPairs(desk, 'context');
    assert.deepEqual(context.filter(([key]) => key === 'Demo page' || key === 'Order'), [['Demo page', 'Relay chat'], ['Order', 'ORD-1042']]);
    assert.equal(context.some(([key]) => key === 'Internal score'), false, 'a non-displayable entry is not shown');
    assert.equal(await desk.getByTestId('context-hidden').textContent(), '1 entry is not displayable.');

    // Both ways; markup from the visitor stays text.
    const fromVisitor = 'Hello <b>Alex</b>, my order is late';
    await visitorSend(page, fromVisitor);
    await waitForDeskLine(desk, 'visitor', fromVisitor);
    assert.equal(await desk.getByTestId('transcript').locator('b').count(), 0, 'no markup from the visitor is rendered');
    await deskReply(desk, 'Sorry to hear that, let me look.');
    await waitForLog(page, 'Sorry to hear that, let me look.');
    await until(async () => (await deskLines(desk)).find((l) => l.text === 'Sorry to hear that, let me look.').delivered === 'true',
      'the relay acknowledged the reply');
    await visitorSend(page, 'Thanks!');
    await waitForDeskLine(desk, 'visitor', 'Thanks!');

    // A reload of the desk: the same conversation from its session, nothing twice.
    const before = (await deskLines(desk)).map((l) => l.text);
    await desk.reload();
    await waitForConnection(desk, 'connected');
    await desk.getByTestId('transcript-line').first().waitFor();
    const afterReload = (await deskLines(desk)).map((l) => l.text);
    assert.deepEqual(afterReload, before, 'the transcript after the reload is the same, line for line');
    for (const text of [fromVisitor, 'Sorry to hear that, let me look.', 'Thanks!']) assert.equal(count(afterReload, text), 1, text);
    await deskReply(desk, 'Found it: it ships today.');
    await waitForLog(page, 'Found it: it ships today.');

    // The agent ends the chat: the visitor is told.
    await desk.getByTestId('end').click();
    await waitForLog(page, 'The agent ended the conversation.');
    const visitorTexts = await v.log.locator('.msg > .text, .msg.system').allTextContents();
    for (const text of [fromVisitor, 'Sorry to hear that, let me look.', 'Thanks!', 'Found it: it ships today.'])
      assert.equal(count(visitorTexts, text), 1, `the visitor sees "${text}" once`);
    assertNoPageErrors(page, desk);
  } finally {
    await deskContext.close();
    await visitorContext.close();
  }
});
