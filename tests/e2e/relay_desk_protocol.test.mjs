// The agent desk in relay mode (demo-site/agent.html?relay=...) against the real parley-relay
// (tests/e2e/relay_process.mjs), with a visitor that speaks RELAY.md by hand from a page of the
// demo server (a raw WebSocket in Chromium: hello, visitor.hello, conversation.start with context
// and survey answers full of markup, visitor messages, acks). What it pins on the desk's side:
// a refused token (no retry) then sign-in with the token kept out of the URL; agent.status making
// the agent available (the visitor's availability follows); the queue with survey answers and
// context as text; a take the relay refuses with a final error (the conversation ended before the
// take reached the relay), shown and not retried; a take with the transcript so far; the same
// visitor message twice shown once; a reply the relay never read (stopped, then killed) resent
// after the restart and shown once on both sides; a transfer and its release.
// The desk's WebSocket is only watched (what it sends, how many sockets it opened), never changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, until, sleep } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import {
  openRelayDesk, waitForConnection, deskLines, waitForDeskLine, deskPairs, deskConversations, queueItems, count,
  selectConversation, assertNoPageErrors, connectionState,
} from './relay_ui.mjs';

const AGENTS = [
  { id: 'alex', name: 'Alex', token: 'token-alex-6d1a', maxChats: 3 },
  { id: 'sam', name: 'Sam', token: 'token-sam-7e2b', maxChats: 3 },
  { id: 'kim', name: 'Kim', token: 'token-kim-8f3c', maxChats: 3 },   // never signs in
];
const IMG = '<img src=x onerror="window.__pwned=1">';
const START = {
  channel: 'chat', locale: 'en', url: 'https://shop.example/cart',
  context: {
    Order: { value: '<b>ORD-7</b>', isDisplayable: true },
    Note: { value: IMG, isDisplayable: true },
    Secret: { value: 'hidden-value', isDisplayable: false },
  },
  prechat: [{ id: 'name', label: 'Your name', value: IMG }, { id: 'topic', label: 'Topic', value: 'Billing' }],
};

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

// What the desk page sends and how many sockets it opens, recorded before its scripts run.
function watchDeskSocket() {
  const Native = window.WebSocket;
  window.__deskSockets = 0;
  window.__deskSent = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__deskSockets += 1;
    }
    send(data) {
      try { window.__deskSent.push(JSON.parse(data)); } catch (e) { window.__deskSent.push({ unparsed: String(data) }); }
      return super.send(data);
    }
  };
}
const deskSent = (desk, type) => desk.evaluate((t) => window.__deskSent.filter((f) => f.kind === 'msg' && f.body && f.body.type === t).map((f) => f.body), type);

// A visitor speaking RELAY.md by hand in a page: hello (then with its identity on every
// reconnection), an outbox resent after each welcome until acknowledged, every msg acknowledged.
function installVisitors() {
  window.__visitors = {};
  window.openVisitor = (name, url) => {
    const v = { identity: null, visitorId: null, frames: [], outbox: new Map(), welcomed: false, socket: null, seq: 0 };
    window.__visitors[name] = v;
    const put = (body) => v.socket.send(JSON.stringify({ v: 1, kind: 'msg', from: 'visitor', body }));
    function connect() {
      const socket = new WebSocket(url);
      v.socket = socket;
      v.welcomed = false;
      socket.onopen = () => socket.send(JSON.stringify({ v: 1, kind: 'hello', from: 'visitor', ...(v.identity ? { identity: v.identity } : {}) }));
      socket.onmessage = (event) => {
        const frame = JSON.parse(event.data);
        frame.at = Date.now();
        v.frames.push(frame);
        if (frame.kind === 'welcome') {
          v.identity = frame.identity;
          v.visitorId = frame.visitorId;
          v.welcomed = true;
          for (const body of v.outbox.values()) put(body);
        } else if (frame.kind === 'ack' || (frame.kind === 'error' && frame.id)) {
          v.outbox.delete(frame.id);
        } else if (frame.kind === 'msg' && frame.body && typeof frame.body.id === 'string') {
          socket.send(JSON.stringify({ v: 1, kind: 'ack', from: 'visitor', id: frame.body.id }));
        }
      };
      socket.onclose = () => {
        if (v.socket === socket) setTimeout(connect, 300);
      };
    }
    v.send = (body) => {
      const full = { id: body.id || `${name}-${++v.seq}`, ...body };
      v.outbox.set(full.id, full);
      if (v.welcomed) put(full);
      return full.id;
    };
    connect();
  };
}

function visitor(page, name) {
  const frames = () => page.evaluate((n) => window.__visitors[n].frames, name);
  const msgs = async (type) => (await frames()).filter((f) => f.kind === 'msg' && f.body.type === type).map((f) => f.body);
  return {
    frames,
    msgs,
    send: (body) => page.evaluate(([n, b]) => window.__visitors[n].send(b), [name, body]),
    // Waits for the relay's ack (or final error) of `id`; returns the frame.
    async answered(id, timeout = 15000) {
      return until(async () => (await frames()).find((f) => (f.kind === 'ack' || f.kind === 'error') && f.id === id),
        `the relay answers ${name}'s ${id}`, timeout);
    },
    async waitMsg(type, check = () => true, timeout = 15000) {
      return until(async () => (await msgs(type)).find(check), async () =>
        `${name} receives ${type}; it has ${JSON.stringify((await frames()).map((f) => f.body || f.kind))}`, timeout);
    },
    async availability() {
      const list = await msgs('availability');
      return list.length ? [list.at(-1).chat, list.at(-1).video] : null;
    },
  };
}

const facts = (desk, id) => desk.locator(`[data-testid="queue-item"][data-conversation-id="${id}"] .facts-line`).textContent();

test('the desk speaks RELAY.md with the real relay: sign-in, status, queue, refused take, take, resend after a crash, transfer',
  { timeout: 180000 }, async () => {
    const contexts = [];
    try {
      // The visitor's page, served by the demo server (a loopback WebSocket from a routed page is refused).
      const visitorContext = await newContext(env);
      contexts.push(visitorContext);
      const vpage = await newPage(visitorContext, { clock: false, openShadow: false });
      await vpage.addInitScript(installVisitors);
      await vpage.goto(env.url('/test-api/blank.html'));
      await vpage.evaluate((url) => { window.openVisitor('v1', url); window.openVisitor('v2', url); }, relay.visitorUrl);
      const v1 = visitor(vpage, 'v1');
      const v2 = visitor(vpage, 'v2');
      await v1.answered(await v1.send({ type: 'visitor.hello' }));
      await until(async () => JSON.stringify(await v1.availability()) === '[false,false]', 'nobody takes chats yet');

      // The desk: signed out, then a refused token, and no retry with it.
      const deskContext = await newContext(env);
      contexts.push(deskContext);
      const desk = await newPage(deskContext, { clock: false, openShadow: false });
      await desk.addInitScript(watchDeskSocket);
      await desk.goto(env.url(`/agent.html?relay=${encodeURIComponent(relay.agentUrl)}`));
      await waitForConnection(desk, 'signed-out');
      assert.equal(await desk.getByTestId('relay-signin').isVisible(), true);
      assert.equal(await desk.getByTestId('accept').isVisible(), false);
      await desk.getByTestId('relay-token').fill('token-wrong');
      await desk.getByTestId('relay-signin-submit').click();
      await waitForConnection(desk, 'refused');
      await sleep(2500);   // longer than the first retries of a dropped connection
      assert.equal(await desk.evaluate(() => window.__deskSockets), 1, 'no retry with the refused token');
      assert.equal(await connectionState(desk), 'refused');

      // The good token: welcome, then agent.status makes Alex available (the visitor hears it).
      await desk.getByTestId('relay-token').fill(AGENTS[0].token);
      await desk.getByTestId('relay-signin-submit').click();
      await waitForConnection(desk, 'connected');
      assert.equal(await desk.evaluate(() => window.__deskSockets), 2);
      assert.equal(await desk.getByTestId('connection').textContent(), 'Connected as Alex');
      assert.ok(!desk.url().includes(AGENTS[0].token), 'the token is not in the URL');
      const hello = await desk.evaluate(() => window.__deskSent.filter((f) => f.kind === 'hello'));
      assert.deepEqual(hello.map((f) => Object.keys(f).sort()), [['from', 'kind', 'token', 'v'], ['from', 'kind', 'token', 'v']]);
      assert.deepEqual(hello.map((f) => f.token), ['token-wrong', AGENTS[0].token]);
      const [status] = await deskSent(desk, 'agent.status');
      assert.deepEqual([status.chat, status.video], [true, false]);
      await until(async () => JSON.stringify(await v1.availability()) === '[true,false]', 'the visitor hears that chat is available');
      // Video too: a newer agent.status.
      await desk.getByTestId('available-video').check();
      await until(async () => JSON.stringify(await v1.availability()) === '[true,true]', 'the visitor hears that video is available');

      // The team: Alex (me) taking both, Sam and Kim offline.
      const teamText = () => desk.getByTestId('team-member').allTextContents();
      await until(async () => (await teamText()).length === 3 && /chat, video/.test((await teamText())[0]), 'the team is shown');
      const team = await teamText();
      assert.match(team[0], /^Alex.*online.*chat, video.*0 of 3 open.*you/);
      assert.match(team[1], /^Sam.*offline/);
      assert.match(team[2], /^Kim.*offline/);

      // Alex stops taking conversations: the next one waits in the queue.
      await desk.getByTestId('available-chat').uncheck();
      await desk.getByTestId('available-video').uncheck();
      await until(async () => JSON.stringify(await v1.availability()) === '[false,false]', 'the visitor hears nobody takes chats');
      await v1.answered(await v1.send({ type: 'conversation.start', conversationId: 'q-1', ...START }));
      await v1.waitMsg('conversation.queued', (b) => b.conversationId === 'q-1');
      await v1.answered(await v1.send({ type: 'visitor.message', id: 'v1-hi', conversationId: 'q-1', text: 'Hi <i>there</i>' }));
      // The same message twice (a resend whose ack was lost): acknowledged twice, kept once.
      const anyone = { type: 'visitor.message', id: 'v1-anyone', conversationId: 'q-1', text: 'Anyone?' };
      await v1.answered(await v1.send(anyone));
      const acksBefore = (await v1.frames()).filter((f) => f.kind === 'ack' && f.id === 'v1-anyone').length;
      await v1.send(anyone);
      await until(async () => (await v1.frames()).filter((f) => f.kind === 'ack' && f.id === 'v1-anyone').length > acksBefore,
        'the repeated message is acknowledged again');

      // The queue, as text: survey answers and displayable context, markup and all; the hidden entry left out.
      await until(async () => (await queueItems(desk)).includes('q-1'), 'the desk lists q-1 in its queue');
      const shown = await facts(desk, 'q-1');
      assert.ok(shown.includes(`Your name: ${IMG}`), shown);
      assert.ok(shown.includes('Topic: Billing'), shown);
      assert.ok(shown.includes('Order: <b>ORD-7</b>'), shown);
      assert.ok(shown.includes(`Note: ${IMG}`), shown);
      assert.ok(!shown.includes('hidden-value') && !shown.includes('Secret'), 'the non-displayable entry is not shown');
      assert.equal(await desk.getByTestId('queue-list').locator('img, b').count(), 0, 'queue facts are text');
      assert.equal(await desk.evaluate(() => window.__pwned), undefined);

      // A take refused with a final error: the second visitor's conversation ends while the desk,
      // busy, still lists it; its Take reaches the relay after the end. The desk says so, does not retry.
      await v2.answered(await v2.send({ type: 'conversation.start', conversationId: 'q-2', ...START, context: {}, prechat: [] }));
      await until(async () => (await queueItems(desk)).join() === 'q-1,q-2', 'the desk lists q-1 then q-2');
      const busy = desk.waitForEvent('console', { predicate: (m) => m.text() === 'desk busy', timeout: 10000 });
      const clicked = desk.evaluate(() => {
        console.log('desk busy');
        const end = Date.now() + 4000;
        while (Date.now() < end) { /* the desk cannot hear the relay meanwhile */ }
        document.querySelector('[data-testid="queue-item"][data-conversation-id="q-2"] [data-testid="queue-take"]').click();
        return Date.now();
      });
      await busy;
      const ended = await v2.answered(await v2.send({ type: 'visitor.ended', conversationId: 'q-2' }));
      assert.equal(ended.kind, 'ack');
      const clickedAt = await clicked;
      assert.ok(ended.at < clickedAt, `the visitor's end (${ended.at}) was acknowledged before the desk's take (${clickedAt})`);
      await until(async () => ((await desk.getByTestId('relay-problem').textContent()) || '').includes('the conversation has ended'),
        async () => `the desk shows the refusal; it shows "${await desk.getByTestId('relay-problem').textContent()}"`);
      assert.equal(await desk.getByTestId('relay-problem').isVisible(), true);
      await until(async () => (await queueItems(desk)).join() === 'q-1', 'q-2 left the queue');
      await sleep(2500);   // several resend periods of the desk's outbox
      const takes = (await deskSent(desk, 'conversation.take')).filter((b) => b.conversationId === 'q-2');
      assert.equal(takes.length, 1, `the refused take is not retried: ${JSON.stringify(takes)}`);
      assert.deepEqual(await deskConversations(desk), [], 'nothing was assigned');

      // Take q-1: assigned with its context, survey answers and the transcript so far, all as text.
      assert.equal(await desk.getByTestId('queue-take').textContent(), 'Take');
      await desk.getByTestId('queue-take').click();
      await until(async () => (await deskConversations(desk)).some((c) => c.id === 'q-1' && c.status === 'active'), 'q-1 is assigned to Alex');
      await until(async () => (await queueItems(desk)).length === 0, 'the queue is empty');
      await selectConversation(desk, 'q-1');
      await waitForDeskLine(desk, 'visitor', 'Hi <i>there</i>');
      await waitForDeskLine(desk, 'visitor', 'Anyone?');
      const joined = await v1.waitMsg('agent.joined', (b) => b.conversationId === 'q-1');
      assert.equal(joined.agentName, 'Alex');
      assert.deepEqual((await deskPairs(desk, 'context')).sort(), [['Note', IMG], ['Order', '<b>ORD-7</b>']]);
      assert.equal(await desk.getByTestId('context-hidden').textContent(), '1 entry is not displayable.');
      assert.deepEqual(await deskPairs(desk, 'prechat'), [['Your name', IMG], ['Topic', 'Billing']]);
      for (const id of ['transcript', 'context', 'prechat'])
        assert.equal(await desk.getByTestId(id).locator('i, b, img').count(), 0, `no markup is rendered in ${id}`);
      assert.equal(await desk.locator('img').count(), 0);
      await v1.answered(await v1.send({ type: 'visitor.message', id: 'v1-hello', conversationId: 'q-1', text: 'Hello?' }));
      await waitForDeskLine(desk, 'visitor', 'Hello?');
      assert.equal(count((await deskLines(desk)).map((l) => l.text), 'Anyone?'), 1, 'the repeated message once');

      // A reply the relay never reads: stopped, it does not acknowledge; the desk resends; then it crashes.
      process.kill(relay.pid, 'SIGSTOP');
      let stopped = true;
      try {
        await desk.getByTestId('reply-input').fill('Yes, Alex here.');
        await desk.getByTestId('reply-input').press('Enter');
        await until(async () => (await deskSent(desk, 'agent.message')).length >= 2, 'the unacknowledged reply is resent', 10000);
        const sentReplies = await deskSent(desk, 'agent.message');
        assert.deepEqual([...new Set(sentReplies.map((b) => `${b.conversationId}/${b.text}/${b.id}`))],
          [`q-1/Yes, Alex here./${sentReplies[0].id}`], 'the same message, by id');
        assert.equal((await deskLines(desk)).find((l) => l.text === 'Yes, Alex here.').delivered, 'false');
        await relay.kill9();
        stopped = false;
      } finally {
        if (stopped && relay.pid) process.kill(relay.pid, 'SIGCONT');
      }
      const replyId = (await deskSent(desk, 'agent.message'))[0].id;
      await waitForConnection(desk, 'reconnecting');
      const socketsBefore = await desk.evaluate(() => window.__deskSockets);
      await relay.restart();
      await waitForConnection(desk, 'connected', 30000);
      assert.ok((await desk.evaluate(() => window.__deskSockets)) > socketsBefore, 'the desk signed in again on a new socket');
      await until(async () => (await deskLines(desk)).find((l) => l.text === 'Yes, Alex here.').delivered === 'true',
        'the reply resent after the restart is acknowledged', 20000);
      const reply = await v1.waitMsg('agent.message', (b) => b.id === replyId, 20000);
      assert.equal(reply.text, 'Yes, Alex here.');
      // The conversation goes on after the restart.
      await v1.answered(await v1.send({ type: 'visitor.message', id: 'v1-after', conversationId: 'q-1', text: 'Still there?' }), 20000);
      await waitForDeskLine(desk, 'visitor', 'Still there?');
      await sleep(1500);   // room for anything delivered twice to show up
      assert.equal((await v1.msgs('agent.message')).filter((b) => b.text === 'Yes, Alex here.').length, 1, 'the visitor got the reply once');
      const texts = (await deskLines(desk)).map((l) => l.text);
      for (const text of ['Hi <i>there</i>', 'Anyone?', 'Hello?', 'Yes, Alex here.', 'Still there?', 'You took the conversation from the queue.'])
        assert.equal(count(texts, text), 1, `"${text}" once in ${JSON.stringify(texts)}`);
      assert.equal((await deskConversations(desk)).length, 1);

      // Transfer to Sam, who signs in; Kim (offline) is not offered.
      const { context: samContext, desk: samDesk } = await openRelayDesk(env, relay, AGENTS[1].token);
      contexts.push(samContext);
      await until(async () => /^Sam.*online/.test((await teamText())[1] || ''), 'Alex sees Sam online');
      assert.match((await teamText())[2], /^Kim.*offline/);
      await until(async () => JSON.stringify(await desk.getByTestId('transfer-to').locator('option').allTextContents()) === '["Sam"]',
        'only Sam is offered');
      await desk.getByTestId('transfer').click();
      await until(async () => (await deskConversations(desk))[0].status === 'released', 'the conversation is released');
      assert.equal(await desk.getByTestId('conversation-status').textContent(), 'With Sam');
      assert.equal(await desk.getByTestId('reply-input').isDisabled(), true);
      assert.equal(count((await deskLines(desk)).map((l) => l.text), 'You transferred the conversation to Sam.'), 1);
      const samJoined = await v1.waitMsg('agent.joined', (b) => b.agentName === 'Sam');
      assert.equal(samJoined.conversationId, 'q-1');
      // Sam has it, with the transcript, each line once and Alex's reply under his name.
      await until(async () => (await deskConversations(samDesk)).some((c) => c.id === 'q-1' && c.status === 'active'), 'Sam is assigned q-1');
      await selectConversation(samDesk, 'q-1');
      await waitForDeskLine(samDesk, 'agent', 'Yes, Alex here.');
      const samLines = await deskLines(samDesk);
      for (const text of ['Hi <i>there</i>', 'Anyone?', 'Hello?', 'Yes, Alex here.', 'Still there?'])
        assert.equal(count(samLines.map((l) => l.text), text), 1, `Sam sees "${text}" once`);
      assert.equal(samLines.find((l) => l.text === 'Yes, Alex here.').who, 'Alex');
      assert.deepEqual((await deskPairs(samDesk, 'context')).sort(), [['Note', IMG], ['Order', '<b>ORD-7</b>']]);
      assert.equal(await samDesk.locator('img').count(), 0);
      for (const page of [desk, samDesk, vpage]) assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assertNoPageErrors(desk, samDesk, vpage);
    } finally {
      for (const context of contexts) await context.close();
    }
  });
