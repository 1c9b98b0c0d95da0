// A team through parley-relay: two agents (maxChats 1 each) and three visitors, each in its own
// browser context. The third visitor waits in the queue (conversation.queued: the widget says so,
// both desks list it) and is assigned when an agent ends a chat; then that agent transfers the
// conversation to the other one, who gets its transcript, and the visitor sees the new name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, until, waitForEvent } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import {
  openRelayVisitor, openRelayDesk, visitorUi, waitForLog, visitorSend, waitForHeader, waitForDeskLine, deskReply,
  deskLines, deskConversations, queueItems, count, assertNoPageErrors, selectConversation,
} from './relay_ui.mjs';

const QUEUED = 'All our agents are busy: you are in the queue.';
const AGENTS = [
  { id: 'alex', name: 'Alex', token: 'token-alex-77aa', maxChats: 1 },
  { id: 'sam', name: 'Sam', token: 'token-sam-88bb', maxChats: 1 },
];

let env;
let relay;
before(async () => {
  env = await launch();
  relay = await startRelay({ agents: AGENTS });
});
after(async () => {
  await relay?.stop();
  await env?.close();
});

// The visitor opens the chat and writes `text`; returns the desk (of `desks`) that shows it.
async function chatAndFindDesk(page, text, desks) {
  const v = visitorUi(page);
  await v.launcher.click();
  await v.chat.waitFor();
  await waitForLog(page, 'An agent joined the conversation.');
  await visitorSend(page, text);
  return until(async () => {
    for (const d of desks) if ((await deskLines(d.desk)).some((l) => l.from === 'visitor' && l.text === text)) return d;
    return null;
  }, `a desk shows "${text}"`);
}

test('two agents with one chat each: the third visitor queues, is assigned when a chat ends, then is transferred',
  { timeout: 180000 }, async () => {
    const contexts = [];
    try {
      const alex = { name: 'Alex', ...(await openRelayDesk(env, relay, AGENTS[0].token)) };
      const sam = { name: 'Sam', ...(await openRelayDesk(env, relay, AGENTS[1].token)) };
      contexts.push(alex.context, sam.context);
      await until(async () => (await alex.desk.getByTestId('team-member').count()) === 2 &&
        (await alex.desk.getByTestId('team-member').allTextContents()).every((t) => t.includes('online')), 'Alex sees both agents online');

      const visitors = [];
      for (let i = 0; i < 3; ++i) {
        const v = await openRelayVisitor(env, relay, 'chat');
        contexts.push(v.context);
        visitors.push(v.page);
      }

      // One chat each: the first two visitors go to different agents.
      const first = await chatAndFindDesk(visitors[0], 'Visitor one here', [alex, sam]);
      const other = first === alex ? sam : alex;
      await waitForHeader(visitors[0], first.name);
      const second = await chatAndFindDesk(visitors[1], 'Visitor two here', [alex, sam]);
      assert.equal(second, other, 'the second visitor goes to the agent with a free slot');
      await waitForHeader(visitors[1], other.name);

      // The third waits: the widget says so, both desks list it in their queue.
      const third = visitorUi(visitors[2]);
      await third.launcher.click();
      await third.chat.waitFor();
      await waitForEvent(visitors[2], 'lcw:chatQueued', 15000);
      await waitForHeader(visitors[2], QUEUED);
      for (const d of [alex, sam]) await until(async () => (await queueItems(d.desk)).length === 1, `${d.name}'s queue lists the third visitor`);
      await visitorSend(visitors[2], 'Visitor three, waiting');
      assert.equal((await logTexts3()).includes('An agent joined the conversation.'), false, 'nobody joined yet');

      // The first agent ends a chat: its slot goes to the third visitor.
      await first.desk.getByTestId('end').click();
      await waitForLog(visitors[0], 'The agent ended the conversation.');
      await waitForLog(visitors[2], 'An agent joined the conversation.');
      await waitForHeader(visitors[2], first.name);
      await waitForDeskLine(first.desk, 'visitor', 'Visitor three, waiting');
      for (const d of [alex, sam]) await until(async () => (await queueItems(d.desk)).length === 0, `${d.name}'s queue is empty again`);
      const assigned = (await deskConversations(first.desk)).find((c) => c.status === 'active');
      assert.ok(assigned, 'the first desk has the third visitor\'s conversation, active');
      await selectConversation(first.desk, assigned.id);
      assert.equal(count((await deskLines(first.desk)).map((l) => l.text), 'Visitor three, waiting'), 1, 'the queued message once');
      await deskReply(first.desk, `Hello three, ${first.name} here`);
      await waitForLog(visitors[2], `Hello three, ${first.name} here`);

      // Transfer to the other agent (the limit does not apply: a person decided).
      const target = AGENTS.find((a) => a.name === other.name);
      await first.desk.getByTestId('transfer-to').selectOption(target.id);
      await first.desk.getByTestId('transfer').click();
      await waitForHeader(visitors[2], other.name);
      await waitForLog(visitors[2], `${other.name} joined the conversation.`);
      await until(async () => (await deskConversations(first.desk)).find((c) => c.id === assigned.id).status === 'released',
        'the first desk shows the conversation as not its own any more');
      assert.equal(await first.desk.getByTestId('reply-input').isDisabled(), true, 'no reply in a conversation handed over');
      await until(async () => (await deskConversations(other.desk)).some((c) => c.id === assigned.id && c.status === 'active'),
        'the other desk is assigned the transferred conversation');
      await selectConversation(other.desk, assigned.id);
      // The transcript came with it, each line once, the first agent's reply under its name.
      const lines = await deskLines(other.desk);
      assert.equal(count(lines.map((l) => l.text), 'Visitor three, waiting'), 1);
      const handedOver = lines.filter((l) => l.text === `Hello three, ${first.name} here`);
      assert.equal(handedOver.length, 1);
      assert.equal(handedOver[0].who, first.name);

      // The chat goes on with the new agent only.
      await visitorSend(visitors[2], 'Still here after the transfer');
      await waitForDeskLine(other.desk, 'visitor', 'Still here after the transfer');
      await deskReply(other.desk, `${other.name} here, I have your file.`);
      await waitForLog(visitors[2], `${other.name} here, I have your file.`);
      await selectConversation(first.desk, assigned.id);
      assert.equal((await deskLines(first.desk)).some((l) => l.text === 'Still here after the transfer'), false,
        'the first agent no longer receives this conversation');
      assertNoPageErrors(...visitors, alex.desk, sam.desk);

      async function logTexts3() {
        return third.log.locator('.msg > .text, .msg.system').allTextContents();
      }
    } finally {
      for (const context of contexts) await context.close();
    }
  });
