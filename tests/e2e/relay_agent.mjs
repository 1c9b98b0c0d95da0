// A minimal agent for the transport tests: a WebSocket in a blank page of the test server that
// signs in to the relay with a token, takes chats, records every msg (window.__agent.got) and
// error frame, and acknowledges each msg. (The real desks have tests of their own.)
import { newPage, until } from './browser.mjs';

const BLANK = '/test/relay.html';

// Signs in as `token` on relay.agentUrl; resolves once welcomed (status: chat on).
export async function openAgent(context, env, relay, token) {
  const page = await newPage(context, { clock: false, openShadow: false });
  await page.goto(env.url(BLANK));
  await page.evaluate(([url, agentToken]) => {
    const agent = window.__agent = { got: [], errors: [], online: false, count: 0 };
    const ws = new WebSocket(url);
    const send = (envelope) => ws.send(JSON.stringify(envelope));
    agent.send = (body) => send({ v: 1, kind: 'msg', from: 'agent', body: { id: `agent-${++agent.count}-${Date.now()}`, ...body } });
    ws.onopen = () => send({ v: 1, kind: 'hello', from: 'agent', token: agentToken });
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.kind === 'welcome') {
        agent.online = true;
        agent.send({ type: 'agent.status', chat: true, video: false });
      } else if (frame.kind === 'msg') {
        agent.got.push(frame.body);
        send({ v: 1, kind: 'ack', from: 'agent', id: frame.body.id });
      } else if (frame.kind === 'error') {
        agent.errors.push(frame);
      }
    };
    ws.onclose = () => { agent.online = false; };
  }, [relay.agentUrl, token]);
  await page.waitForFunction(() => window.__agent.online, null, { timeout: 10000 });
  return page;
}

export const agentGot = (agent, type) => agent.evaluate((t) => window.__agent.got.filter((m) => !t || m.type === t), type);
export const waitAgentGot = (agent, predicate, what, timeout = 20000) =>
  until(async () => (await agentGot(agent)).find(predicate), `the agent received ${what}`, timeout);
