// Hostile host pages (issue 14, cases 1 to 5 and 7), in Debian Chromium: pages that break what
// Parley relies on, before or after parley.js loads. Each test asserts that the widget works or
// reports an lcw:error (with a code from prelude.js's table: 3 config, 11 host page), and that
// the page's own script keeps running: no uncaught error, its button still counts clicks, and the
// host code after each API call runs on.
//
// One test per case and per captured built-in a page can break (README, "Built-ins Parley
// needs"). The page's events are recorded by a recorder of its own that needs nothing the tests
// break (no push(), its own JSON.stringify), and read back as text.
//
// Run: node --test tests/e2e/hostile_host.test.mjs (after the wasm-release build and ./dev dist)

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, ENGINES, widget, until } from './browser.mjs';

const WAIT_MS = 15000;
const LONG = 3000;  // bytes: over the 2048 a URL fact keeps
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

// ---- the page --------------------------------------------------------------------------------

// Runs first in every page: every lcw:* event recorded, with built-ins taken before any test breaks them.
function recorder() {
  const list = [];
  const stringify = JSON.stringify;
  window.__stringify = stringify;
  window.__lcwText = () => stringify(list);
  window.__lcwCount = (name) => list.filter((e) => e.name === name).length;
  for (const name of ['ready', 'error', 'proactiveInvite', 'inviteDeclined', 'inviteExpired', 'startChat', 'closeChat',
    'getAgentAvailability'])
    window.addEventListener('lcw:' + name, (event) => { list[list.length] = { name: 'lcw:' + name, detail: event.detail }; });
}

// blank.html (a host page with a button that counts clicks) at `path`, with `hostile` run before
// any script of the page. `clock`: Playwright's fake clock.
async function hostPage(context, { hostile, arg, clock = false, path = '/test-api/blank.html' } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.consoleErrors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') page.consoleErrors.push(message.text()); });
  if (clock) await page.clock.install();
  await page.addInitScript(recorder);
  if (hostile) await page.addInitScript(hostile, arg);
  await page.goto(env.url(path));
  return page;
}

// Adds <script src="/parley/parley.js" ...attributes>. `afterRun` (a function) runs as soon as
// parley.js has run (its load event), before the engine it loads is there.
async function addParley(page, attributes = {}, afterRun = () => {}) {
  await page.evaluate(`(() => {
    const script = document.createElement('script');
    script.src = '/parley/parley.js';
    for (const [name, value] of Object.entries(${JSON.stringify(attributes)})) script.setAttribute(name, value);
    script.addEventListener('load', ${afterRun});
    document.head.appendChild(script);
  })()`);
}

// A config served at /hostile/NAME.json for this context.
async function serveConfig(context, name, config) {
  await context.route(`**/hostile/${name}.json`, (route) => route.fulfill({ json: config }));
  return `/hostile/${name}.json`;
}

const events = async (page, name) => JSON.parse(await page.evaluate(() => window.__lcwText()))
  .filter((e) => !name || e.name === name);

async function waitForEvent(page, name, timeout = WAIT_MS) {
  const found = await until(async () => (await events(page, name)).at(-1), `no ${name}`, timeout);
  return found.detail;
}

const ready = (page) => waitForEvent(page, 'lcw:ready', 30000);

// Runs `call` (a function, or its source) in the page, then one more statement of the host's in
// the same task: the host code after a Parley call must run on. Returns what `call` returned.
async function hostCall(page, call) {
  const result = await page.evaluate(`(() => {
    const value = (${call})();
    window.__hostRanOn = (window.__hostRanOn || 0) + 1;
    return window.__stringify(value === undefined ? null : value);
  })()`);
  return JSON.parse(result);
}

// The page's own script keeps working: no uncaught error, its button counts a click.
async function assertHostKeepsRunning(page, { button = '#host-button', count = '#host-count' } = {}) {
  assert.deepEqual(page.errors, [], 'no uncaught error in the page');
  const before = Number(await page.locator(count).textContent());
  await page.locator(button).click();
  assert.equal(Number(await page.locator(count).textContent()), before + 1, "the page's own handler still runs");
}

const invitation = (page) => widget(page).getByRole('dialog');

async function waitForInvitation(page, message) {
  const shown = await invitation(page).locator('.message').textContent({ timeout: WAIT_MS });
  assert.equal(shown, message);
}

// The types of the messages the widget posts on its default wire (BroadcastChannel "parley"),
// in window.__heard.
async function listenToTheWire(page) {
  await page.evaluate(() => {
    window.__heard = [];
    const channel = new BroadcastChannel('parley');
    channel.onmessage = (event) => { window.__heard[window.__heard.length] = event.data && event.data.body && event.data.body.type; };
  });
}

// A test in a fresh browser context, closed whatever happens.
function inContext(name, body, { engine = 'wasm', timeout = 90000 } = {}) {
  test(name, { timeout }, async (t) => {
    const context = await newContext(env, { engine });
    try {
      await body(context, t);
    } finally {
      await context.close();
    }
  });
}

// A page that breaks a built-in (`hostile`, run in the page before parley.js or once the widget is
// ready) and a widget that works all the same.
function survives(name, hostile, { when }) {
  inContext(name, async (context) => {
    const page = await hostPage(context, when === 'before' ? { hostile } : {});
    await addParley(page);
    await ready(page);
    if (when === 'after') await hostCall(page, hostile);
    await assertWidgetWorks(page);
    await assertHostKeepsRunning(page);
  });
}

// The usual end of a test where the widget works: an invitation from the API, accepted.
async function assertWidgetWorks(page, message = 'Still here') {
  assert.equal(await hostCall(page, `() => Parley.startProactiveChat(${JSON.stringify(message)})`), null);
  await waitForInvitation(page, message);
  await invitation(page).getByRole('button', { name: 'Start chat' }).click();
  await waitForEvent(page, 'lcw:startChat');
}

// ---- case 1: a page URL over 2048 bytes ------------------------------------------------------

describe('case 1: a long page URL', () => {
  const rules = {
    rules: [
      { id: 'blank', when: { fact: 'url', matches: '/test-api/blank.html' }, invite: { message: 'On the blank page' } },
      { id: 'long', when: { fact: 'url', matches: '/long/*' }, invite: { message: 'On a long path' } },
    ],
  };

  inContext('a page URL of 3,000 bytes: ready, the URL kept without its query, and lcw:error 11 says so', async (context) => {
    const config = await serveConfig(context, 'long-url', rules);
    const page = await hostPage(context, { path: `/test-api/blank.html?q=${'x'.repeat(LONG)}` });
    await addParley(page, { 'data-config': config });
    await ready(page);
    const error = await waitForEvent(page, 'lcw:error');
    assert.equal(error.errorCode, 11, JSON.stringify(error));
    assert.match(error.errorDescription, /without its query and fragment \(at \/url\)/);
    await waitForInvitation(page, 'On the blank page');  // the rules read the shortened URL
    await assertHostKeepsRunning(page);
  });

  inContext('a long URL reached by pushState: lcw:error 11, and the rules read it cut at 2048 bytes', async (context) => {
    const config = await serveConfig(context, 'long-path', { rules: rules.rules.slice(1) });
    const page = await hostPage(context);
    await addParley(page, { 'data-config': config });
    await ready(page);
    await hostCall(page, `() => history.pushState({}, '', '/long/' + 'y'.repeat(${LONG}))`);
    const error = await waitForEvent(page, 'lcw:error');
    assert.equal(error.errorCode, 11, JSON.stringify(error));
    assert.match(error.errorDescription, /^navigate: .*cut at 2048 bytes \(at \/url\)/);
    await waitForInvitation(page, 'On a long path');
    await assertHostKeepsRunning(page);
  });
});

// ---- case 2: the config fetch ----------------------------------------------------------------

describe('case 2: the config fetch', () => {
  // A config server that takes the request and never answers.
  async function hangingConfig(context) {
    const requests = [];
    await context.route('**/hostile/hang.json', (route) => { requests.push(route); });
    return requests;
  }

  inContext('a server that never answers: lcw:error 3 after 10 s and one retry of 10 s', async (context) => {
    const requests = await hangingConfig(context);
    const page = await hostPage(context, { clock: true });
    await addParley(page, { 'data-config': '/hostile/hang.json' });
    await until(() => requests.length === 1, 'the first request');
    await page.clock.runFor(9000);
    assert.equal(await page.evaluate(() => window.__lcwCount('lcw:error')), 0, 'no error before the time limit');
    await page.clock.runFor(1500);
    await until(() => requests.length === 2, 'the retry');
    await page.clock.runFor(10500);
    const error = await waitForEvent(page, 'lcw:error');
    assert.equal(error.errorCode, 3, JSON.stringify(error));
    assert.match(error.errorDescription, /hang\.json is unreachable: no answer within 10000 ms \(2 attempts\)/);
    assert.equal(requests.length, 2, 'one retry, no more');
    assert.equal(await page.evaluate(() => window.__lcwCount('lcw:ready')), 0);
    await assertHostKeepsRunning(page);
  });

  inContext('data-config-timeout="400": the time limit is the page\'s', async (context) => {
    const requests = await hangingConfig(context);
    const page = await hostPage(context);
    const started = Date.now();
    await addParley(page, { 'data-config': '/hostile/hang.json', 'data-config-timeout': '400' });
    const error = await waitForEvent(page, 'lcw:error');
    assert.equal(error.errorCode, 3);
    assert.match(error.errorDescription, /no answer within 400 ms \(2 attempts\)/);
    assert.ok(Date.now() - started < 10000, 'well before the default 10 s');
    assert.equal(requests.length, 2);
    await assertHostKeepsRunning(page);
  });

  inContext('a first attempt that fails: the retry gets the config and the widget runs', async (context) => {
    let attempts = 0;
    await context.route('**/hostile/flaky.json', (route) => (++attempts === 1 ? route.abort('connectionreset')
      : route.fulfill({ json: { rules: [{ id: 'r', when: { fact: 'pageViews', gte: 1 }, invite: { message: 'Second try' } }] } })));
    const page = await hostPage(context);
    await addParley(page, { 'data-config': '/hostile/flaky.json' });
    await ready(page);
    await waitForInvitation(page, 'Second try');
    assert.equal(attempts, 2);
    assert.equal(await page.evaluate(() => window.__lcwCount('lcw:error')), 0, 'nothing to report');
    await assertHostKeepsRunning(page);
  });

  inContext('a page without window.fetch: the config and the engine load all the same', async (context) => {
    const config = await serveConfig(context, 'no-fetch',
      { rules: [{ id: 'r', when: { fact: 'pageViews', gte: 1 }, invite: { message: 'No fetch here' } }] });
    const page = await hostPage(context, { hostile: () => { delete window.fetch; } });
    await addParley(page, { 'data-config': config });
    await ready(page);
    await waitForInvitation(page, 'No fetch here');
    await assertHostKeepsRunning(page);
  });

  // Passes on the old main too (it fetched the config): guards the switch to XMLHttpRequest.
  inContext('a page without XMLHttpRequest: the config comes by fetch', async (context) => {
    const config = await serveConfig(context, 'no-xhr',
      { rules: [{ id: 'r', when: { fact: 'pageViews', gte: 1 }, invite: { message: 'No XHR here' } }] });
    const page = await hostPage(context, { hostile: () => { delete window.XMLHttpRequest; } });
    await addParley(page, { 'data-config': config });
    await ready(page);
    await waitForInvitation(page, 'No XHR here');
    await assertHostKeepsRunning(page);
  });
});

// ---- case 3: polluted prototypes -------------------------------------------------------------

describe('case 3: polluted prototypes', () => {
  for (const engine of ENGINES) {
    inContext(`[${engine}] a do-nothing Object.prototype.then: ready, promises settle, providers read`, async (context) => {
      // An old polyfill's thenable Object.prototype (non-enumerable, as the careful ones are).
      const page = await hostPage(context, { hostile: () => {
        Object.defineProperty(Object.prototype, 'then', { value: function () {}, writable: true, configurable: true });
      } });
      await addParley(page);
      await ready(page);
      await hostCall(page, () => {
        Parley.setContextProvider(() => ({ page: 'polluted' }));
        Parley.getAgentAvailability().then((detail) => { window.__availability = typeof detail.isAgentAvailable; });
      });
      await until(() => page.evaluate(() => window.__availability === 'boolean'), 'getAgentAvailability() settles');
      await assertWidgetWorks(page);
      assert.equal(await page.evaluate(() => window.__lcwCount('lcw:error')), 0, 'the context provider was read: no error');
      await assertHostKeepsRunning(page);
    }, { engine });
  }

  inContext('a no-op Array.prototype.push: ready, lcw events, an invitation, and the chat reaches the wire', async (context) => {
    const page = await hostPage(context, { hostile: () => { Array.prototype.push = function () { return this.length; }; } });
    await listenToTheWire(page);
    await addParley(page);
    await ready(page);
    await assertWidgetWorks(page);
    await until(() => page.evaluate(() => window.__heard.includes('conversation.start')), 'conversation.start posted from the outbox');
    await assertHostKeepsRunning(page);
  });
});

// ---- case 4: a page that replaces <body> -----------------------------------------------------

describe('case 4: a page that replaces <body>', () => {
  // The host's new <body>, with a button of its own that counts clicks.
  const replaceBody = `() => {
    const body = document.createElement('body');
    body.innerHTML = '<button type="button" id="new-button">Count</button><output id="new-count">0</output>';
    body.querySelector('#new-button').addEventListener('click', () => {
      const out = document.getElementById('new-count');
      out.textContent = String(Number(out.textContent) + 1);
    });
    document.body.replaceWith(body);
  }`;
  const widgetShown = () => !!document.querySelector('body > [data-parley-widget]');

  inContext('the widget comes back in the new <body> with its invitation; startProactiveChat works once it is gone', async (context) => {
    const page = await hostPage(context);
    await addParley(page);
    await ready(page);
    await hostCall(page, () => Parley.startProactiveChat('First'));
    await waitForInvitation(page, 'First');

    // Replaced, then nothing: the widget comes back by itself.
    await hostCall(page, replaceBody);
    await until(() => page.evaluate(widgetShown), 'the widget is back in the new <body>');
    await waitForInvitation(page, 'First');

    // Replaced and called at once: the refusal is true, the invitation is on screen.
    const seen = await hostCall(page, `() => { (${replaceBody})(); Parley.startProactiveChat('Second'); return (${widgetShown})(); }`);
    assert.equal(seen, true, 'on screen when the call is refused');
    const refusal = await waitForEvent(page, 'lcw:error');
    assert.match(refusal.errorDescription, /already on screen/);
    await waitForInvitation(page, 'First');

    await invitation(page).getByRole('button', { name: 'No thanks' }).click();
    await waitForEvent(page, 'lcw:inviteDeclined');
    await hostCall(page, () => Parley.startProactiveChat('Third'));
    await waitForInvitation(page, 'Third');
    await assertHostKeepsRunning(page, { button: '#new-button', count: '#new-count' });
  });

  inContext('MutationObserver replaced by the page after parley.js: the widget still comes back', async (context) => {
    const page = await hostPage(context);
    await addParley(page, {}, () => { window.MutationObserver = function () { throw new Error('no observers here'); }; });
    await ready(page);
    await hostCall(page, () => Parley.startProactiveChat('Watched'));
    await waitForInvitation(page, 'Watched');
    await hostCall(page, replaceBody);
    await until(() => page.evaluate(widgetShown), 'the widget is back in the new <body>');
    await assertHostKeepsRunning(page, { button: '#new-button', count: '#new-count' });
  });
});

// ---- case 5: missing or broken built-ins, read-only globals ---------------------------------

describe('case 5: missing built-ins and read-only globals', () => {
  inContext('no window.Promise: the widget runs on its own, and its API still returns promises', async (context) => {
    const page = await hostPage(context, { hostile: () => { delete window.Promise; } });
    await addParley(page);
    await ready(page);
    await hostCall(page, () => { Parley.getAgentAvailability().then((d) => { window.__availability = typeof d.chat; }); });
    await until(() => page.evaluate(() => window.__availability !== undefined), 'getAgentAvailability() settles');
    await assertWidgetWorks(page);
    await assertHostKeepsRunning(page);
  });

  survives('no window.CustomEvent: lcw events still reach the page (document.createEvent)',
    () => { delete window.CustomEvent; }, { when: 'before' });

  survives('a throwing window.dispatchEvent: Parley dispatches with its own, the page gets its events',
    () => { window.dispatchEvent = () => { throw new Error('host dispatch'); }; }, { when: 'before' });

  inContext('a throwing EventTarget.prototype.dispatchEvent before Parley: said on the console, the widget works', async (context) => {
    const page = await hostPage(context,
      { hostile: () => { EventTarget.prototype.dispatchEvent = () => { throw new Error('no events'); }; } });
    await addParley(page);
    await until(() => page.consoleErrors.some((text) => text.includes('[parley] lcw:ready could not be dispatched')),
      () => `a console error for lcw:ready (console: ${JSON.stringify(page.consoleErrors)}, errors: ${JSON.stringify(page.errors)})`);
    await hostCall(page, () => Parley.startProactiveChat('Without events'));
    await waitForInvitation(page, 'Without events');
    // Only the host's own listeners are unreachable: the page does not throw.
    assert.deepEqual(page.errors, []);
    await page.locator('#host-button').click();
    assert.equal(await page.locator('#host-count').textContent(), '1');
  });

  inContext('a read-only window.Parley: lcw:error 11, and the Omnichannel facade runs the widget', async (context) => {
    const page = await hostPage(context,
      { hostile: () => { Object.defineProperty(window, 'Parley', { value: undefined, writable: false }); } });
    await addParley(page);
    await ready(page);
    const error = await waitForEvent(page, 'lcw:error');
    assert.equal(error.errorCode, 11, JSON.stringify(error));
    assert.match(error.errorDescription, /window\.Parley is read-only/);
    await hostCall(page, () => Microsoft.Omnichannel.LiveChatWidget.SDK.startProactiveChat('Through the facade'));
    await waitForInvitation(page, 'Through the facade');
    await assertHostKeepsRunning(page);
  });

  inContext('a frozen window.Microsoft: lcw:error 11, and window.Parley runs the widget', async (context) => {
    const page = await hostPage(context, { hostile: () => { window.Microsoft = Object.freeze({}); } });
    await addParley(page);
    await ready(page);
    const error = await waitForEvent(page, 'lcw:error');
    assert.equal(error.errorCode, 11, JSON.stringify(error));
    assert.match(error.errorDescription, /window\.Microsoft cannot be extended here/);
    await assertWidgetWorks(page);
    await assertHostKeepsRunning(page);
  });
});

// ---- case 6: a host transport that hands over what is not a message ---------------------------

describe('case 6: a host transport (setTransport) that misbehaves', () => {
  inContext('messages that are not objects (null, a number, a string, nothing): each call returns to the host, and the widget goes on', async (context) => {
    const page = await hostPage(context);
    await addParley(page, {}, `() => Parley.setTransport({
      send: function (message) { (window.__sent = window.__sent || []).push(message.type); },
      onMessage: function (deliver) { window.__deliver = deliver; }
    })`);
    await ready(page);
    const outcomes = await hostCall(page, () => [null, 42, 'text', undefined].map((message) => {
      try { window.__deliver(message); return 'returned'; } catch (error) { return String(error); }
    }));
    assert.deepEqual(outcomes, ['returned', 'returned', 'returned', 'returned']);
    await assertWidgetWorks(page);
    assert.ok((await page.evaluate(() => window.__sent)).includes('conversation.start'), 'the chat went through the host transport');
    await assertHostKeepsRunning(page);
  });
});

// ---- built-ins replaced after parley.js started ----------------------------------------------

describe('built-ins the page replaces after parley.js started: Parley uses the ones it took', () => {
  inContext('window.Promise = undefined: getAgentAvailability() and startChat() still work', async (context) => {
    const page = await hostPage(context);
    await addParley(page);
    await ready(page);
    const type = await hostCall(page, () => {
      window.Promise = undefined;
      const returned = Parley.getAgentAvailability();
      returned.then((d) => { window.__availability = typeof d.chat; });
      return typeof returned.then;
    });
    assert.equal(type, 'function');
    await until(() => page.evaluate(() => window.__availability !== undefined), 'getAgentAvailability() settles');
    await assertWidgetWorks(page);
    await assertHostKeepsRunning(page);
  });

  survives('JSON.parse and JSON.stringify that throw: the engine is still reached', () => {
    JSON.parse = () => { throw new Error('host parse'); };
    JSON.stringify = () => { throw new Error('host stringify'); };
  }, { when: 'after' });

  inContext('a no-op setTimeout: the invitation still expires on time', async (context) => {
    const page = await hostPage(context, { clock: true });
    await addParley(page);
    await ready(page);
    await hostCall(page, () => {
      window.setTimeout = () => 0;
      Parley.startProactiveChat({ message: 'Short-lived' }, false, { expiresAfter: 5000 });
    });
    await waitForInvitation(page, 'Short-lived');
    await page.clock.runFor(6000);
    await waitForEvent(page, 'lcw:inviteExpired');
    await assertHostKeepsRunning(page);
  });

  inContext('an Array.isArray that says yes to everything: the API still reads its arguments', async (context) => {
    const page = await hostPage(context);
    await addParley(page);
    await ready(page);
    await hostCall(page, () => {
      Array.isArray = () => true;
      Parley.startProactiveChat({ message: 'An object argument' }, false, { expiresAfter: 60000 });
    });
    await waitForInvitation(page, 'An object argument');
    assert.equal(await page.evaluate(() => window.__lcwCount('lcw:error')), 0);
    await assertHostKeepsRunning(page);
  });

  survives('a CustomEvent that throws: lcw events still reach the page',
    () => { window.CustomEvent = function () { throw new Error('host CustomEvent'); }; }, { when: 'after' });

  survives('a throwing window.dispatchEvent: lcw events still reach the page',
    () => { window.dispatchEvent = () => { throw new Error('host dispatch'); }; }, { when: 'after' });

  inContext('BroadcastChannel replaced before the widget opened its wire: the visitor still says hello on "parley"', async (context) => {
    const page = await hostPage(context);
    await listenToTheWire(page);
    await addParley(page, {}, () => { window.BroadcastChannel = function () { throw new Error('host BroadcastChannel'); }; });
    await ready(page);
    await until(() => page.evaluate(() => window.__heard.includes('visitor.hello')), 'the hello on the channel');
    await assertWidgetWorks(page);
    await assertHostKeepsRunning(page);
  });

  inContext('WebSocket replaced before the widget opened its wire: Parley dials the relay with its own', async (context) => {
    const config = await serveConfig(context, 'socket', { transport: { kind: 'websocket', url: 'ws://127.0.0.1:9/visitor' } });
    const page = await hostPage(context);
    const dialed = [];
    page.on('websocket', (socket) => dialed.push(socket.url()));
    await addParley(page, { 'data-config': config }, () => {
      window.__fakeSockets = 0;
      window.WebSocket = function () { window.__fakeSockets += 1; throw new Error('host WebSocket'); };
    });
    await ready(page);
    await until(() => dialed.includes('ws://127.0.0.1:9/visitor'), () => `a socket to the relay (dialed: ${JSON.stringify(dialed)})`);
    assert.equal(await page.evaluate(() => window.__fakeSockets), 0, "the page's WebSocket is never called");
    await assertHostKeepsRunning(page);
  });
});

// ---- case 7: refused calls are cheap ---------------------------------------------------------

describe('case 7: refused calls', () => {
  inContext('10,000 startProactiveChat calls during an invitation: each refused and reported, < 500 ms', async (context, t) => {
    const page = await hostPage(context);
    await addParley(page);
    await ready(page);
    await hostCall(page, () => Parley.startProactiveChat('On screen'));
    await waitForInvitation(page, 'On screen');
    const before = await page.evaluate(() => window.__lcwCount('lcw:error'));
    const ms = await hostCall(page, () => {
      const start = performance.now();
      for (let i = 0; i < 10000; ++i) Parley.startProactiveChat('Loop ' + i);
      return performance.now() - start;
    });
    t.diagnostic(`10,000 refused startProactiveChat calls: ${ms.toFixed(1)} ms ` +
      `(${(ms / 10).toFixed(2)} µs per call, each with its lcw:error)`);
    assert.equal(await page.evaluate(() => window.__lcwCount('lcw:error')) - before, 10000, 'every refused call is reported');
    assert.ok(ms < 500, `10,000 refused calls took ${ms.toFixed(0)} ms`);
    await waitForInvitation(page, 'On screen');
    await assertHostKeepsRunning(page);
  });
});
