// parley.wasm split in two (wasm-glue/split_module.mjs): the start path in parley.wasm, the rest
// in parley.deferred.wasm, fetched once the engine runs (runtime/engine_deferred.js).
// - a page fetches the part after the start, once, and a chat then never reads it again;
// - with a compiled config (parley-config compile), a returning visitor's start (the session and
//   visitor cookies read back), its invitation and a decline never need it: the profile the build
//   splits with covers them;
// - a JSON config needs the config reader, in the part: the start waits for it, never reads it
//   synchronously; a part that cannot be had: lcw:error engineLoad, the page untouched;
// - a compiled config whose rules read the country needs the zone table, in the part: the start
//   waits for it too, and the rule fires from the time zone; so does one with the rule trace;
// - a visitor who answers before it arrived: the engine reads it there and then (synchronous
//   XHR), and the chat starts;
// - a reload during a conversation waits for the part before its start: never read synchronously;
// - a part that cannot be had at all: lcw:error engineCrash when the chat needs it, the page keeps
//   working.
//
// Run: node --test tests/e2e/deferred_part.test.mjs (after the wasm-release build and ./dev dist)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, waitForEvent, widget, until, sleep } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const DEFERRED = /\/parley\/parley\.deferred\.wasm$/;

// The chat page (a rule invites at once), with its JSON config or (compiled) that config compiled,
// as the demo server compiles it on request; page.deferred lists the part's requests by type
// ('fetch' from fetchSoon, 'xhr' from a synchronous read), page.finished how many completed,
// page.logs the page's console.log texts.
async function chatPage(context, { route = null, compiled = false, config = 'chat', trace = false } = {}) {
  if (route) await context.route(DEFERRED, route);
  if (compiled) {
    await context.route(/\/test\/chat\.html$/, async (request) => {
      const response = await request.fetch();
      const tag = `data-config="/test/${config}.compiled.json"` + (trace ? ' data-lcw-version="test"' : '');
      const body = (await response.text()).replace('data-config="/test/chat.json"', tag);
      await request.fulfill({ response, body });
    });
  }
  const page = await newPage(context, { clock: false });
  page.deferred = [];
  page.finished = 0;
  page.on('request', (request) => { if (DEFERRED.test(request.url())) page.deferred.push(request.resourceType()); });
  page.on('requestfinished', (request) => { if (DEFERRED.test(request.url())) page.finished++; });
  page.logs = [];
  page.on('console', (message) => { if (message.type() === 'log') page.logs.push(message.text()); });
  await page.goto(env.url('/test/chat.html'));
  await ready(page);
  return page;
}

const startChat = (page) => widget(page).getByRole('button', { name: 'Start chat' }).click();

// A test in a fresh browser context, closed whatever happens; no page error allowed.
function inContext(name, body) {
  test(name, { timeout: 60000 }, async () => {
    const context = await newContext(env);
    try {
      const page = await body(context);
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
    }
  });
}

inContext('the part is fetched once after the start, and a chat never reads it again', async (context) => {
  const page = await chatPage(context);
  await until(() => page.finished === 1, 'the part fetched');
  await sleep(300);  // compiled and linked in a task of its own
  await startChat(page);
  await waitForEvent(page, 'lcw:startChat');
  assert.deepEqual(page.deferred, ['fetch']);
  return page;
});

inContext('with a compiled config, a returning visitor\'s start, its invitation and a decline never need the part', async (context) => {
  // The background fetch never answers; a synchronous read would be answered, and recorded.
  const page = await chatPage(context, { compiled: true, route: (route) => (route.request().resourceType() === 'fetch' ? null : route.continue()) });
  assert.ok((await context.cookies()).some((cookie) => cookie.name === 'parley_session'), 'the first page view wrote its session');
  await page.reload();
  await ready(page);
  await widget(page).getByRole('button', { name: 'Start chat' }).waitFor();
  await widget(page).getByRole('button', { name: 'No thanks' }).click();
  await waitForEvent(page, 'lcw:inviteDeclined');
  assert.deepEqual(page.deferred, ['fetch', 'fetch'], 'never read synchronously');
  return page;
});

inContext('a visitor who answers before the part arrived: it is read there and then, and the chat starts', async (context) => {
  const held = [];
  // The first request (the background fetch) never answers; the next one goes through.
  const page = await chatPage(context, { compiled: true, route: (route) => (held.length ? route.continue() : held.push(route)) });
  await until(() => held.length === 1, 'the background fetch');
  await startChat(page);
  await waitForEvent(page, 'lcw:startChat');
  assert.deepEqual(page.deferred, ['fetch', 'xhr']);
  return page;
});

inContext('a reload during a conversation waits for the part at its start: it is never read synchronously', async (context) => {
  const page = await chatPage(context);
  await startChat(page);
  await waitForEvent(page, 'lcw:startChat');
  assert.ok(await page.evaluate(() => sessionStorage.getItem('parley.conversation')), 'a conversation is stored');
  page.deferred = [];
  await page.reload();
  await ready(page);
  await widget(page).getByRole('textbox', { name: 'Your message' }).waitFor();
  assert.deepEqual(page.deferred, ['fetch'], 'fetched by the start, before the conversation is drawn');
  return page;
});

inContext('a part that cannot be had: lcw:error engineCrash when the chat needs it, and the page keeps working', async (context) => {
  const page = await chatPage(context, { compiled: true, route: (route) => route.fulfill({ status: 404, body: 'Not Found' }) });
  await until(() => page.deferred.length === 1, 'the background fetch');
  await startChat(page);
  const error = await waitForEvent(page, 'lcw:error');
  assert.equal(error.errorCode, 5, JSON.stringify(error));
  assert.match(error.errorDescription, /parley\.deferred\.wasm: HTTP 404/);
  assert.equal(await page.evaluate(() => { document.body.append('still here'); return document.body.textContent.includes('still here'); }), true);
  return page;
});

inContext('a JSON config waits for the part before its start: the reader is there, never read synchronously', async (context) => {
  // The part arrives a second late: the start (lcw:ready) comes after it, from the fetch alone.
  const page = await chatPage(context, { route: (route) => setTimeout(() => route.continue(), 1000) });
  assert.equal(page.finished, 1, 'the part arrived before lcw:ready');
  await widget(page).getByRole('button', { name: 'Start chat' }).waitFor();
  assert.deepEqual(page.deferred, ['fetch']);
  return page;
});

test('a compiled config whose rules read the country waits for the part: the zone table is there, never read synchronously', { timeout: 60000 }, async () => {
  const context = await newContext(env, { timezoneId: 'Europe/Paris' });
  try {
    // The part arrives a second late: the start (lcw:ready) comes after it, from the fetch alone.
    const page = await chatPage(context, { compiled: true, config: 'country', route: (route) => setTimeout(() => route.continue(), 1000) });
    assert.equal(page.finished, 1, 'the part arrived before lcw:ready');
    const invite = await waitForEvent(page, 'lcw:proactiveInvite');
    assert.equal(invite.rule, 'test-country');
    await widget(page).getByText('Test invitation for France').waitFor();
    assert.deepEqual(page.deferred, ['fetch']);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

inContext('a compiled config with the rule trace (data-lcw-version="test") waits for the part: the trace is there, never read synchronously', async (context) => {
  // The part arrives a second late: the start (lcw:ready) comes after it, from the fetch alone.
  const page = await chatPage(context, { compiled: true, trace: true, route: (route) => setTimeout(() => route.continue(), 1000) });
  assert.equal(page.finished, 1, 'the part arrived before lcw:ready');
  await widget(page).getByRole('button', { name: 'Start chat' }).waitFor();
  assert.ok(page.logs.some((text) => text.startsWith('[parley] rule')), 'the rules traced');
  assert.deepEqual(page.deferred, ['fetch']);
  return page;
});

inContext('a JSON config and a part that cannot be had: lcw:error engineLoad, and the page keeps working', async (context) => {
  await context.route(DEFERRED, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  const page = await newPage(context, { clock: false });
  await page.goto(env.url('/test/chat.html'));
  const error = await waitForEvent(page, 'lcw:error');
  assert.equal(error.errorCode, 4, JSON.stringify(error));
  assert.match(error.errorDescription, /parley\.deferred\.wasm: HTTP 404/);
  assert.equal(await page.evaluate(() => window.__lcw.some((e) => e.name === 'lcw:ready')), false);
  assert.equal(await page.evaluate(() => { document.body.append('still here'); return document.body.textContent.includes('still here'); }), true);
  return page;
});
