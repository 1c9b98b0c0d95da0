// Chromium driven over the DevTools protocol with nothing enabled but what a load measure needs:
// for the load bench's pages without a DevTools client's own costs. Playwright always has the
// Network and Runtime domains on in a page, and with them Chromium records an initiator stack
// for every request and a stack for every console message, on the page's main thread; a
// visitor's browser does neither. Here the page's session only gets the CPU throttle and the
// navigation, and the trace is taken from the browser's session.
//
//   const chromium = await launchRawChromium(args);
//   const page = await chromium.newPage();             // in a browser context of its own
//   await page.send('Emulation.setCPUThrottlingRate', { rate: 4 });
//   const trace = await chromium.trace(categories, () => page.send('Page.navigate', { url }), until);
//   await page.close(); await chromium.close();
//
// The protocol goes over a pipe (--remote-debugging-pipe: fd 3 in, fd 4 out, each message JSON
// ended by a NUL), as Playwright's own launch does.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Those of Playwright's own switches that change how a page runs (its headless page is never
// throttled as a background or hidden one, nor held back by field trials or paint holding), and a
// profile of its own: the two ways of loading differ only by the DevTools client.
const SWITCHES = ['--disable-field-trial-config', '--disable-background-networking', '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding', '--disable-back-forward-cache',
  '--disable-breakpad', '--disable-component-extensions-with-background-pages', '--disable-component-update',
  '--no-default-browser-check', '--disable-default-apps', '--disable-dev-shm-usage', '--disable-extensions',
  '--disable-features=PaintHolding,MediaRouter,OptimizationHints,ThirdPartyStoragePartitioning',
  '--disable-hang-monitor', '--disable-ipc-flooding-protection', '--disable-popup-blocking', '--metrics-recording-only',
  '--no-first-run', '--password-store=basic', '--use-mock-keychain', '--no-service-autorun', '--hide-scrollbars', '--mute-audio'];

export async function launchRawChromium(args, executable = '/usr/bin/chromium') {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const child = spawn(executable, [...SWITCHES, ...args, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
                      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  let nextId = 0;
  const waiting = new Map();       // id -> {resolve, reject, method}
  const listeners = new Set();     // (message) => void, for events
  let buffered = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined && waiting.has(message.id)) {
        const call = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
        else call.resolve(message.result);
      } else {
        for (const listener of listeners) listener(message);
      }
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => {
    for (const call of waiting.values()) call.reject(new Error(`${call.method}: Chromium exited`));
    waiting.clear();
  });

  function send(method, params = {}, sessionId = undefined) {
    const id = ++nextId;
    toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return new Promise((resolve, reject) => waiting.set(id, { resolve, reject, method }));
  }
  function once(predicate) {
    return new Promise((resolve) => {
      const listener = (message) => {
        if (!predicate(message)) return;
        listeners.delete(listener);
        resolve(message);
      };
      listeners.add(listener);
    });
  }

  await send('Browser.getVersion');  // the pipe answers: Chromium is up
  return {
    async newPage() {
      const { browserContextId } = await send('Target.createBrowserContext', { disposeOnDetach: true });
      const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      return {
        send: (method, params) => send(method, params, sessionId),
        async close() {
          await send('Target.closeTarget', { targetId }).catch(() => {});
          await send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
        },
      };
    },
    // Records a trace of the categories around start() until `until` resolves; the trace's
    // JSON text ({traceEvents}).
    async trace(categories, start, until) {
      await send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
      await start();
      await until;
      const complete = once((message) => message.method === 'Tracing.tracingComplete');
      await send('Tracing.end');
      const { stream } = (await complete).params;
      let text = '';
      for (;;) {
        const piece = await send('IO.read', { handle: stream, size: 1 << 20 });
        text += piece.base64Encoded ? Buffer.from(piece.data, 'base64').toString('utf8') : piece.data;
        if (piece.eof) break;
      }
      await send('IO.close', { handle: stream });
      return text;
    },
    exitCode: () => child.exitCode,  // null while Chromium runs
    async close() {
      await send('Browser.close').catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
