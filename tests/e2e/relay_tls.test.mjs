// parley-relay terminating TLS itself (config `tls`: a certificate and its key, RELAY.md): the
// relay listens on wss://, presents the configured certificate, refuses plain ws:// on that port,
// and a visitor and an agent chat both ways over it. The certificate is self-signed, made by the
// openssl CLI for this run: the two browser contexts are told to accept it (ignoreHTTPSErrors),
// as a browser with the site's CA installed would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { launch, until } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import {
  openRelayVisitor, openRelayDesk, visitorUi, waitForLog, visitorSend, waitForHeader, waitForDeskLine, deskReply,
  deskConversations, assertNoPageErrors,
} from './relay_ui.mjs';

const TOKEN = 'token-alex-tls-7c1d';
let env;
let relay;
before(async () => {
  env = await launch();
  relay = await startRelay({ tls: true, agents: [{ id: 'alex', name: 'Alex', token: TOKEN, maxChats: 3 }] });
});
after(async () => {
  await relay?.stop();
  await env?.close();
});

const port = () => Number(new URL(relay.url).port);

test('the relay listens on wss:// with the configured certificate', { timeout: 30000 }, async () => {
  assert.match(relay.url, /^wss:\/\/127\.0\.0\.1:\d+$/);
  const presented = await new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: port(), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerX509Certificate());
      socket.end();
    });
    socket.once('error', reject);
  });
  assert.equal(presented.fingerprint256, new crypto.X509Certificate(relay.certificate).fingerprint256);
});

test('plain HTTP on the TLS port gets no WebSocket upgrade', { timeout: 30000 }, async () => {
  const answer = await new Promise((resolve) => {
    let received = '';
    const socket = net.connect({ host: '127.0.0.1', port: port() }, () => {
      socket.write('GET /visitor HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    });
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
    setTimeout(() => socket.destroy(), 5000);
  });
  assert.doesNotMatch(answer, /101 Switching Protocols/);
});

test('a visitor and an agent chat both ways over wss://', { timeout: 120000 }, async () => {
  const contextOptions = { ignoreHTTPSErrors: true };
  const { context: deskContext, desk } = await openRelayDesk(env, relay, TOKEN, { contextOptions });
  const { context: visitorContext, page } = await openRelayVisitor(env, relay, 'chat', { contextOptions });
  try {
    const v = visitorUi(page);
    await v.launcher.click();
    await v.chat.waitFor();
    await waitForHeader(page, 'Alex');
    await until(async () => (await deskConversations(desk)).length === 1, 'the desk is assigned the conversation');
    await visitorSend(page, 'Hello over TLS');
    await waitForDeskLine(desk, 'visitor', 'Hello over TLS');
    await deskReply(desk, 'Encrypted both ways.');
    await waitForLog(page, 'Encrypted both ways.');
    assertNoPageErrors(page, desk);
  } finally {
    await visitorContext.close();
    await deskContext.close();
  }
});
