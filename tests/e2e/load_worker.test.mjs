// The helper worker of engine_load.js (README, "Size and speed"): parley.wasm compiled and warmed
// off the main thread, and the ways the page still starts without it. In each case the widget
// gets ready, its rule runs on the engine (a fact set through the API reaches Parley.inspect()),
// and parley.wasm is fetched as the case says:
// - a normal page: once, by the page, its body handed to the worker, which imports its script
//   (parley-worker.js), fetches its warm-up inputs (parley-warm-up.bin) and warms the module up
//   without an error (it would say so in its console);
// - a worker whose script does not load (a 404): the worker's error, and the page compiles
//   parley.wasm itself, as below;
// - a CSP that allows WebAssembly but not blob: workers: the worker is refused (one CSP report,
//   the only one), the page compiles parley.wasm itself (from the same response, or a second
//   fetch when its body had already gone to the worker);
// - a page without Worker: once, compiled on the main thread as before;
// - a worker that never answers: after 10 s the page compiles parley.wasm itself, from the same
//   response when the worker did not take its body, fetched again when it did.
//
// Run: node --test tests/e2e/load_worker.test.mjs (after the wasm-release build and ./dev dist)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, ready } from './browser.mjs';

const WASM_NO_WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function load({ csp = null, hostile = null, workerScript = true } = {}) {
  const context = await env.browser.newContext();
  if (!workerScript) await context.route('**/parley/parley-worker.js', (route) => route.fulfill({ status: 404, body: '' }));
  if (csp) {
    await context.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
  }
  const page = await newPage(context, { clock: false });
  page.wasmFetches = 0;
  page.on('request', (request) => { if (/\/parley\/parley\.wasm$/.test(request.url())) page.wasmFetches++; });
  // The warm-up's inputs, fetched by the worker itself (Playwright sees its requests too).
  page.warmUpFetches = 0;
  page.workerScriptFetches = 0;
  context.on('request', (request) => {
    if (/\/parley\/parley-warm-up\.bin$/.test(request.url())) page.warmUpFetches++;
    if (/\/parley\/parley-worker\.js$/.test(request.url())) page.workerScriptFetches++;
  });
  page.consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') page.consoleErrors.push(message.text()); });
  // The helper worker's own console: it speaks only when its warm-up failed.
  page.workers = 0;
  page.workerConsole = [];
  page.on('worker', (worker) => {
    page.workers++;
    worker.on('console', (message) => page.workerConsole.push(message.text()));
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective));
  });
  if (hostile) await page.addInitScript(hostile);
  await page.goto(env.url('/test-api/blank.html'));
  await page.addScriptTag({ url: '/parley/parley.js' });
  await ready(page);
  // The engine answers: a custom fact set through the API is in its snapshot.
  await page.evaluate(() => Parley.setFact('loaded', 7));
  assert.equal(await page.evaluate(() => Parley.inspect().facts['custom.loaded']), 7, 'the engine runs');
  assert.deepEqual(page.errors, [], 'no page error');
  return { context, page };
}

test('a normal page: parley.wasm fetched once, compiled and warmed up in the worker', { timeout: 60000 }, async () => {
  const { context, page } = await load();
  try {
    assert.equal(page.wasmFetches, 1);
    assert.equal(page.workers, 1);
    assert.equal(page.workerScriptFetches, 1, 'the worker imported its script');
    assert.equal(page.warmUpFetches, 1, 'the worker fetched its warm-up inputs');
    assert.deepEqual(page.workerConsole, [], 'the warm-up ran without an error');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('a CSP that refuses blob: workers: the page compiles parley.wasm itself', { timeout: 60000 }, async () => {
  const { context, page } = await load({ csp: WASM_NO_WORKER_CSP });
  try {
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(violations.length >= 1 && violations.every((d) => d === 'worker-src'), `only the worker is refused: ${violations}`);
    assert.ok(page.wasmFetches >= 1 && page.wasmFetches <= 2, `parley.wasm fetched ${page.wasmFetches} times`);
  } finally {
    await context.close();
  }
});

test('a worker whose script does not load: the page compiles parley.wasm itself', { timeout: 60000 }, async () => {
  const { context, page } = await load({ workerScript: false });
  try {
    assert.equal(page.workers, 1);
    assert.equal(page.workerScriptFetches, 1, 'the worker asked for its script');
    assert.equal(page.warmUpFetches, 0, 'a worker without its script does nothing');
    assert.ok(page.wasmFetches >= 1 && page.wasmFetches <= 2, `parley.wasm fetched ${page.wasmFetches} times`);
  } finally {
    await context.close();
  }
});

test('a page without Worker: parley.wasm fetched once, compiled on the main thread', { timeout: 60000 }, async () => {
  const { context, page } = await load({ hostile: () => { delete window.Worker; } });
  try {
    assert.equal(page.wasmFetches, 1);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('a worker that never answers: after 10 s the page compiles parley.wasm itself', { timeout: 60000 }, async () => {
  // A Worker that takes every message and never posts one back (a starved or broken worker).
  const { context, page } = await load({
    hostile: () => {
      window.Worker = class { postMessage() {} terminate() {} };
    },
  });
  try {
    // This stand-in does not take the body it is posted, so the page compiles the same response.
    assert.equal(page.wasmFetches, 1);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('a worker that took the body and never answers: after 10 s parley.wasm is fetched again', { timeout: 60000 }, async () => {
  // A real worker (it receives the transferred body and compiles it) whose answer the page never
  // hears: what a page under a fake clock or a starved worker sees (CI, stop 21).
  const { context, page } = await load({
    hostile: () => {
      const Real = window.Worker;
      window.Worker = class extends Real {
        set onmessage(listener) {}
        get onmessage() { return null; }
      };
    },
  });
  try {
    assert.equal(page.wasmFetches, 2, 'the transferred body is gone: the file is asked for again');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
  }
});
