// The real parley-relay binary, started for a test: a temp folder with a config and a SQLite file,
// a free port, known agent tokens. Shared by the widget's and the desks' integration tests.
//
//   import { startRelay } from './relay_process.mjs';
//   const relay = await startRelay({ agents, origins, binary, tls });  // every option may be left out
//   relay.url          'ws://127.0.0.1:PORT' ('wss://' with tls); relay.visitorUrl, relay.agentUrl: its endpoints
//   relay.certificate  with tls: the PEM of its self-signed certificate (made by the openssl CLI)
//   relay.agents       [{id, name, token, maxChats}]: tokens in clear (the config has their SHA-256)
//   relay.pid          the running process
//   relay.output()     what it printed so far (for assertion messages)
//   await relay.kill9()    SIGKILL, as a crash: nothing is flushed
//   await relay.terminate()  SIGTERM, a clean stop (connections closed with 1001); restart() brings it back
//   await relay.restart()  starts it again on the same port with the same config and database
//   await relay.stop()     SIGTERM (SIGKILL after 5 s), then removes the temp folder
//
// Defaults: agents alex/"Alex" (token "alex-token") and sam/"Sam" ("sam-token"), 3 chats each;
// origins [] (any origin: tests serve pages from a random port). The binary is the sanitized
// build/native-asan/relay/parley-relay (a relay bug under real traffic fails loudly), or
// $PARLEY_RELAY; build it with
//   cmake --preset native-asan && cmake --build --preset native-asan --target parley-relay
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RELAY_BINARY = process.env.PARLEY_RELAY || path.join(ROOT, 'build/native-asan/relay/parley-relay');

const DEFAULT_AGENTS = [
  { id: 'alex', name: 'Alex', token: 'alex-token', maxChats: 3 },
  { id: 'sam', name: 'Sam', token: 'sam-token', maxChats: 3 },
];
const LISTENING = /parley-relay listening on (wss?:\/\/[^\s]+)/;
const START_TIMEOUT_MS = 10000;
const STOP_TIMEOUT_MS = 5000;

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

// A one-day self-signed certificate for 127.0.0.1 (P-256), as a site would make a test one.
function makeCertificate(dir) {
  const certificate = path.join(dir, 'cert.pem');
  const privateKey = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', privateKey, '-out', certificate, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
  return { certificate, privateKey };
}

export async function startRelay({ agents = DEFAULT_AGENTS, origins = [], binary = RELAY_BINARY, tls = false } = {}) {
  if (!fs.existsSync(binary))
    throw new Error(`${binary} is missing: cmake --preset native-asan && cmake --build --preset native-asan --target parley-relay`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-relay-'));
  const configFile = path.join(dir, 'relay.json');
  const tlsFiles = tls ? makeCertificate(dir) : null;
  fs.writeFileSync(configFile, JSON.stringify({
    listen: '127.0.0.1:8090',   // the file wants a real port; --listen overrides it with a free one
    threads: 1,
    store: { kind: 'sqlite', path: path.join(dir, 'relay.db') },
    retentionDays: 30,
    origins,
    identityKey: crypto.randomBytes(48).toString('base64'),
    auth: { jwtKey: crypto.randomBytes(32).toString('base64') },
    agents: agents.map((a) => ({ id: a.id, name: a.name, tokenSha256: sha256(a.token), maxChats: a.maxChats ?? 3 })),
    ...(tlsFiles ? { tls: tlsFiles } : {}),
  }, null, 2));

  let child = null;
  let log = '';
  let listen = '127.0.0.1:0';   // then the port the first run got, so that clients reconnect to it

  function launch() {
    return new Promise((resolve, reject) => {
      const proc = spawn(binary, ['--config', configFile, '--listen', listen], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      const timer = setTimeout(() => fail(new Error(`parley-relay did not say it listens within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      let pending = '';
      function fail(error) {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(new Error(`${error.message}\n--- relay output ---\n${log}`));
      }
      const take = (chunk) => {
        const text = chunk.toString();
        log += text;
        pending += text;
        const match = LISTENING.exec(pending);
        if (match) {
          clearTimeout(timer);
          pending = '';
          const url = match[1];
          listen = new URL(url).host;
          resolve(url);
        }
      };
      proc.stdout.on('data', take);
      proc.stderr.on('data', take);
      proc.once('error', fail);
      proc.once('exit', (code, signal) => {
        log += `[parley-relay exited: ${signal || code}]\n`;
        if (child === proc) child = null;
        fail(new Error(`parley-relay exited (${signal || code}) before listening`));
      });
    });
  }

  // Resolves once the process is gone (at once when it already is).
  function ended(proc) {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  async function kill(signal) {
    const proc = child;
    if (!proc) return;
    child = null;
    const gone = ended(proc);
    proc.kill(signal);
    const force = signal === 'SIGKILL' ? null : setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await gone;
    if (force) clearTimeout(force);
  }

  const url = await launch();
  const relay = {
    url,
    visitorUrl: `${url}/visitor`,
    agentUrl: `${url}/agent`,
    agents: agents.map((a) => ({ ...a, maxChats: a.maxChats ?? 3 })),
    dir,
    certificate: tlsFiles ? fs.readFileSync(tlsFiles.certificate, 'utf8') : null,
    get pid() { return child ? child.pid : null; },
    output: () => log,
    kill9: () => kill('SIGKILL'),
    terminate: () => kill('SIGTERM'),
    async restart() {
      await kill('SIGTERM');
      await launch();
    },
    async stop() {
      await kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return relay;
}
