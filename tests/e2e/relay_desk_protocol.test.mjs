// The agent desk in relay mode (demo-site/agent.html?relay=...) against a relay double scripted
// frame by frame from relay/RELAY.md (tests/e2e/websocket_double.mjs): sign-in with a token kept
// out of the URL, a refused token, agent.status, the queue with Take (and a final error for it),
// the team, an assignment with context, survey answers and transcript shown as text, the same
// visitor message twice shown once, the outbox resent after a new welcome, a transfer and its
// release. The real relay runs in relay_chat/routing/restart/video.test.mjs; this one pins the
// desk's side of the protocol, including what a real relay will not do on cue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, until } from './browser.mjs';
import { startWebSocketDouble } from './websocket_double.mjs';
import { waitForConnection, deskLines, waitForDeskLine, deskPairs, deskConversations, queueItems, count } from './relay_ui.mjs';

const GOOD = 'token-good-6d1a';
const ALEX = { id: 'alex', name: 'Alex', maxChats: 3 };
const TEAM = { type: 'team', id: 'r-team-1', agents: [
  { id: 'alex', name: 'Alex', online: true, chat: true, video: false, open: 1, maxChats: 3 },
  { id: 'sam', name: 'Sam', online: true, chat: true, video: true, open: 0, maxChats: 3 },
  { id: 'kim', name: 'Kim', online: false, chat: false, video: false, open: 0, maxChats: 3 },
] };
const QUEUE = { type: 'queue', id: 'r-queue-1', conversations: [
  { conversationId: 'q-1', channel: 'chat', since: Date.now() - 60000, context: {}, locale: 'en', url: '',
    prechat: [{ id: 'name', label: 'Your name', value: '<img src=x onerror="window.__pwned=1">' }] },
] };
const ASSIGNED = {
  type: 'conversation.assigned', id: 'r-assign-1', conversationId: 'c-1', visitorId: 'vis-1', channel: 'chat',
  context: { Order: { value: '<b>ORD-7</b>', isDisplayable: true }, Secret: { value: 'hidden', isDisplayable: false } },
  prechat: [{ id: 'topic', label: 'Topic', value: 'Billing' }], locale: 'en', url: 'https://shop.example/cart',
  reason: 'new',
  transcript: [
    { id: 'v-1', from: 'visitor', text: 'Hi <i>there</i>', at: Date.now() - 5000 },
    { id: 'v-2', from: 'visitor', text: 'Anyone?', at: Date.now() - 4000 },
  ],
};

const msg = (body) => ({ v: 1, kind: 'msg', from: 'relay', body });
const ack = (id) => ({ v: 1, kind: 'ack', from: 'relay', id });
const isMsg = (type, extra = () => true) => (f) => f.kind === 'msg' && f.body && f.body.type === type && extra(f.body);

let env;
let relay;
before(async () => {
  env = await launch();
  relay = await startWebSocketDouble();
});
after(async () => {
  await relay?.close();
  await env?.close();
});

// The double's side of the handshake: hello with the good token gets welcome, then team and queue.
async function handshake(conn) {
  const hello = await conn.next((f) => f.kind === 'hello');
  assert.deepEqual(Object.keys(hello).sort(), ['from', 'kind', 'token', 'v']);
  assert.equal(hello.from, 'agent');
  if (hello.token !== GOOD) {
    conn.send({ v: 1, kind: 'error', from: 'relay', code: 'unauthorized', message: 'unknown agent token' });
    conn.close(1008);
    return false;
  }
  conn.send({ v: 1, kind: 'welcome', from: 'relay', agent: ALEX });
  conn.send(msg(TEAM));
  conn.send(msg(QUEUE));
  return true;
}

test('the desk speaks RELAY.md: sign-in, queue, team, assignment, de-duplication, resend after welcome, take refused, transfer', { timeout: 120000 }, async () => {
  const context = await newContext(env);
  const desk = await newPage(context, { clock: false, openShadow: false });
  try {
    await desk.goto(env.url(`/agent.html?relay=${encodeURIComponent(relay.url('/agent'))}`));
    await waitForConnection(desk, 'signed-out');
    assert.equal(await desk.getByTestId('relay-signin').isVisible(), true);
    assert.equal(await desk.getByTestId('accept').isVisible(), false);

    // A refused token: said so, no retry until another one.
    let next = relay.nextConnection();
    await desk.getByTestId('relay-token').fill('token-wrong');
    await desk.getByTestId('relay-signin-submit').click();
    assert.equal(await handshake(await next), false);
    await waitForConnection(desk, 'refused');
    const connectionsAfterRefusal = relay.connections.length;

    // The good token: welcome, then the desk says what it takes (chat on by default).
    next = relay.nextConnection();
    await desk.getByTestId('relay-token').fill(GOOD);
    await desk.getByTestId('relay-signin-submit').click();
    let conn = await next;
    assert.equal(relay.connections.length, connectionsAfterRefusal + 1, 'no retry happened with the refused token');
    assert.equal(conn.path, '/agent');
    assert.equal(await handshake(conn), true);
    await waitForConnection(desk, 'connected');
    assert.equal(await desk.getByTestId('connection').textContent(), 'Connected as Alex');
    assert.ok(!desk.url().includes(GOOD), 'the token is not in the URL');
    const status = await conn.next(isMsg('agent.status'));
    assert.deepEqual([status.body.chat, status.body.video], [true, false]);
    assert.equal(status.from, 'agent');
    conn.send(ack(status.body.id));

    // Team and queue, as text.
    await until(async () => (await desk.getByTestId('team-member').count()) === 3, 'the team is shown');
    const team = await desk.getByTestId('team-member').allTextContents();
    assert.match(team[1], /^Sam.*online.*chat, video.*0 of 3 open/);
    assert.match(team[2], /^Kim.*offline/);
    assert.deepEqual(await queueItems(desk), ['q-1']);
    assert.match(await desk.getByTestId('queue-item').textContent(), /Your name: <img src=x onerror="window.__pwned=1">/);
    assert.equal(await desk.getByTestId('queue-list').locator('img').count(), 0, 'survey answers are text');

    // Video on: a newer agent.status.
    await desk.getByTestId('available-video').check();
    const status2 = await conn.next(isMsg('agent.status', (b) => b.video === true));
    conn.send(ack(status2.body.id));

    // Take refused: the error names the id, so it is final; the desk says so and the button comes back.
    await desk.getByTestId('queue-take').click();
    const takeFrame = await conn.next(isMsg('conversation.take'));
    assert.equal(takeFrame.body.conversationId, 'q-1');
    conn.send({ v: 1, kind: 'error', from: 'relay', code: 'invalid', message: 'not in the queue any more', id: takeFrame.body.id });
    await until(async () => (await desk.getByTestId('relay-problem').textContent()).includes('not in the queue any more'), 'the desk shows the refusal');
    await until(async () => (await desk.getByTestId('queue-take').textContent()) === 'Take', 'the Take button is back');

    // An assignment with context, survey answers and the transcript so far: acknowledged, shown as text.
    const assignedFrom = conn.received.length;
    conn.send(msg(ASSIGNED));
    await conn.next((f) => f.kind === 'ack' && f.id === 'r-assign-1', 10000, assignedFrom);
    await waitForDeskLine(desk, 'visitor', 'Hi <i>there</i>');
    assert.equal(await desk.getByTestId('transcript').locator('i').count(), 0, 'transcript lines are text');
    const shownContext = await deskPairs(desk, 'context');
    assert.deepEqual(shownContext, [['Order', '<b>ORD-7</b>']]);
    assert.equal(await desk.getByTestId('context-hidden').textContent(), '1 entry is not displayable.');
    assert.deepEqual(await deskPairs(desk, 'prechat'), [['Topic', 'Billing']]);
    assert.equal(await desk.evaluate(() => window.__pwned), undefined);

    // The same visitor message again, as a pending delivery: acknowledged again, shown once.
    const dupFrom = conn.received.length;
    conn.send({ v: 1, kind: 'msg', from: 'relay', body: { type: 'visitor.message', id: 'v-2', conversationId: 'c-1', text: 'Anyone?' } });
    await conn.next((f) => f.kind === 'ack' && f.id === 'v-2', 10000, dupFrom);
    conn.send({ v: 1, kind: 'msg', from: 'relay', body: { type: 'visitor.message', id: 'v-3', conversationId: 'c-1', text: 'Hello?' } });
    await waitForDeskLine(desk, 'visitor', 'Hello?');
    assert.equal(count((await deskLines(desk)).map((l) => l.text), 'Anyone?'), 1);

    // A reply the relay does not acknowledge: resent, then it goes again after the relay comes back.
    await desk.getByTestId('reply-input').fill('Yes, Alex here.');
    await desk.getByTestId('reply-input').press('Enter');
    const reply = await conn.next(isMsg('agent.message'));
    assert.deepEqual([reply.body.conversationId, reply.body.text], ['c-1', 'Yes, Alex here.']);
    const replies = () => conn.received.filter(isMsg('agent.message')).length;
    await until(() => replies() >= 2, 'the unacknowledged reply is resent after 1 s', 5000);
    assert.equal((await deskLines(desk)).find((l) => l.text === 'Yes, Alex here.').delivered, 'false');

    // The relay dies (no close frame): the desk says it is reconnecting, then signs in again.
    next = relay.nextConnection(20000);
    conn.drop();
    await waitForConnection(desk, 'reconnecting');
    conn = await next;
    assert.equal(await handshake(conn), true);
    await waitForConnection(desk, 'connected');
    // After welcome: the outbox again (same id), and what the desk takes.
    const resent = await conn.next(isMsg('agent.message'));
    assert.equal(resent.body.id, reply.body.id, 'the same message, by id');
    const status3 = await conn.next(isMsg('agent.status'));
    assert.deepEqual([status3.body.chat, status3.body.video], [true, true]);
    conn.send(ack(status3.body.id));
    conn.send(ack(resent.body.id));
    await until(async () => (await deskLines(desk)).find((l) => l.text === 'Yes, Alex here.').delivered === 'true', 'the reply is marked sent');
    // The restarted relay delivers the assignment again (its ack was lost with it): nothing twice.
    const againFrom = conn.received.length;
    conn.send(msg(ASSIGNED));
    await conn.next((f) => f.kind === 'ack' && f.id === 'r-assign-1', 10000, againFrom);
    conn.send(msg({ ...ASSIGNED, id: 'r-assign-1b' }));   // or as a new delivery of the same conversation
    await conn.next((f) => f.kind === 'ack' && f.id === 'r-assign-1b', 10000, againFrom);
    const texts = (await deskLines(desk)).map((l) => l.text);
    for (const text of ['Hi <i>there</i>', 'Anyone?', 'Hello?', 'Yes, Alex here.', 'The conversation was assigned to you.'])
      assert.equal(count(texts, text), 1, `"${text}" once in ${JSON.stringify(texts)}`);
    assert.equal((await deskConversations(desk)).length, 1);

    // Transfer to Sam (online); Kim (offline) is not offered.
    const options = await desk.getByTestId('transfer-to').locator('option').allTextContents();
    assert.deepEqual(options, ['Sam']);
    await desk.getByTestId('transfer').click();
    const transfer = await conn.next(isMsg('conversation.transfer'));
    assert.deepEqual([transfer.body.conversationId, transfer.body.agentId], ['c-1', 'sam']);
    conn.send(ack(transfer.body.id));
    conn.send(msg({ type: 'conversation.released', id: 'r-release-1', conversationId: 'c-1', to: 'sam', reason: 'transfer' }));
    await until(async () => (await deskConversations(desk))[0].status === 'released', 'the conversation is released');
    assert.equal(await desk.getByTestId('conversation-status').textContent(), 'With Sam');
    assert.equal(await desk.getByTestId('reply-input').isDisabled(), true);
    assert.equal(count((await deskLines(desk)).map((l) => l.text), 'You transferred the conversation to Sam.'), 1);
    assert.deepEqual(desk.errors ?? [], []);
  } finally {
    await context.close();
  }
});
