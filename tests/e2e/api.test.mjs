// The public JS API of parley.js (wasm-glue/parley.d.ts, design.md §5 and §7), in Debian Chromium,
// on both engines (WebAssembly, and the wasm2js fallback that a CSP without 'wasm-unsafe-eval'
// makes parley.js load by itself):
//
// - calls made before lcw:ready are queued and run in order (demo-site/test-api/queue.html);
// - a bad argument to any method fires lcw:error naming the method and the argument, throws
//   nothing, and leaves the widget working;
// - a context or token provider that fails fires lcw:error (errorCode 1) and the chat still starts;
// - everything shown is text: XSS payloads in the proactive message, survey labels and answers,
//   context values and chat messages stay literal text in the widget and on the agent desk;
// - the strict-CSP demo page (/csp/strict.html) runs on the fallback engine;
// - loading Parley adds no global but Parley and Microsoft, and touches no built-in prototype;
// - an engine or a config that does not load fires lcw:error and leaves the page alone;
// - shutdown(), getState(), on(), getAgentAvailability() and the script tag's data-* attributes.
//
// Pages: demo-site/test-api/ (test-only); blank.html is a host page without Parley, to which a
// test adds parley.js with the attributes it needs. The agent desk is demo-site/agent.html, a second
// page of the same browser context (BroadcastChannel is per profile).
//
// Time: Playwright's fake clock, run only after lcw:ready, for rules and expiries.
//
// Run: node --test tests/e2e/api.test.mjs

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ENGINES, events, widget } from './browser.mjs';

const WAIT_MS = 15000;  // for what follows at once in real time (a busy machine may be slow)

// Lets the page run for a moment of real time (for what should NOT happen).
const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

// page.waitForFunction, polling on a timer: the default polls on animation frames, which a page
// in a background tab (the desk, or the visitor while the desk is in front) barely gets.
const until = (page, fn, arg, timeout = WAIT_MS) => page.waitForFunction(fn, arg, { timeout, polling: 100 });

// The last lcw:* event `name` (browser.mjs's waitForEvent, with timer polling).
async function waitForEvent(page, name, timeout = WAIT_MS) {
  await until(page, (n) => window.__lcw.some((e) => e.name === n), name, timeout);
  return (await events(page, name)).at(-1).detail;
}

const ready = (page) => waitForEvent(page, 'lcw:ready', 30000);

// The three payloads of the brief: each would set window.__xss if it were ever parsed as HTML.
const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
];

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

// ---- helpers ---------------------------------------------------------------------------------

// The same suite on each engine. The engines' suites run side by side (every test has its own
// browser context), which about halves the time of the file.
function forEachEngine(title, body, perEngine = {}) {
  describe(title, { concurrency: ENGINES.length }, () => {
    for (const engine of ENGINES) describe(`[${engine}]`, perEngine, () => body(engine));
  });
}

// One test: a fresh browser context on `engine`, closed at the end whatever happens.
function inContext(name, engine, body, { timeout = 120000, contextOptions = {} } = {}) {
  test(name, { timeout }, async () => {
    const context = await newContext(env, { engine, ...contextOptions });
    try {
      await body(context);
    } finally {
      await context.close();
    }
  });
}

// A visitor page that also records console messages (page.consoleMessages: {type, text}).
// `clock`: Playwright's fake clock (one per context; only in tests that open no desk, as
// installing it in a context with a page already open is not reliable). `paused`: the clock stops
// before anything loads, so that time moves only when the test runs it (a rule due in 3 s does
// not fire by itself on a slow machine). Nothing Parley needs to load and start waits on a timer.
async function visitorPage(context, { clock = false, paused = false, ...options } = {}) {
  const page = await newPage(context, { clock: clock || paused, ...options });
  if (paused) {
    // pauseAt must be ahead of the running fake clock, however slow the machine is between the
    // two calls; nothing has armed a timer yet that the jump could fire.
    const at = Date.now();
    await page.clock.setSystemTime(at);
    await page.clock.pauseAt(at + 30000);
  }
  page.consoleMessages = [];
  page.on('console', (message) => page.consoleMessages.push({ type: message.type(), text: message.text() }));
  return page;
}

// Adds <script src="/parley/parley.js" ...attributes> to a page that is already loaded.
async function addParley(page, attributes = {}) {
  await page.evaluate((attributes) => {
    const script = document.createElement('script');
    script.src = '/parley/parley.js';
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    document.head.appendChild(script);
  }, attributes);
}

// blank.html with parley.js added, up to lcw:ready.
async function blankWithParley(context, attributes = {}, pageOptions) {
  const page = await visitorPage(context, pageOptions);
  await page.goto(env.url('/test-api/blank.html'));
  await addParley(page, attributes);
  await ready(page);
  return page;
}

// The agent desk, loaded (it announces itself to the visitor pages when it starts).
async function openDesk(context) {
  const desk = await context.newPage();
  desk.errors = [];
  desk.on('pageerror', (error) => desk.errors.push(error.message));
  await desk.goto(env.url('/agent.html'));
  await until(desk, () => !!window.parleyDesk);
  return desk;
}

const deskConversations = (desk) => desk.evaluate(() => window.parleyDesk.stats().conversations);

// Waits until the desk lists `count` conversations.
async function waitForDeskConversations(desk, count) {
  await until(desk, (n) => window.parleyDesk.stats().conversations >= n, count);
  assert.equal(await deskConversations(desk), count, `${count} conversation(s) on the desk`);
}

// What the desk shows for the selected conversation: context and survey answers as dt/dd pairs.
function deskDetail(desk) {
  return desk.evaluate(() => {
    const pairs = (testId) => [...document.querySelectorAll(`[data-testid="${testId}"] dt`)]
      .map((dt) => [dt.textContent, dt.nextElementSibling.textContent]);
    return {
      context: pairs('context'),
      prechat: pairs('prechat'),
      transcript: [...document.querySelectorAll('[data-testid="transcript-line"]')]
        .map((line) => ({ from: line.getAttribute('data-from'), text: line.querySelector('.text').textContent })),
    };
  });
}

async function selectDeskConversation(desk, conversationId) {
  await desk.bringToFront();
  await desk.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"]`).click();
}

const invitation = (page) => widget(page).getByRole('dialog');

async function waitForInvitationText(page, message) {
  const shown = await invitation(page).locator('.message').textContent({ timeout: WAIT_MS });
  assert.equal(shown, message, 'the invitation shows the message as text');
}

async function acceptInvitation(page) {
  await invitation(page).getByRole('button', { name: 'Start chat' }).click();
}

// Elements a payload would have injected, in the page and in every (open) shadow root: images,
// frames, objects, inline scripts, SVG that is not one of the widget's own icons, and any on*
// attribute. Runs in the page.
function scanForInjection() {
  const found = [];
  const visit = (root, where) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName;
      if (['img', 'iframe', 'object', 'embed', 'image'].includes(tag)) found.push(`${where}: <${tag}>`);
      if (tag === 'script' && !el.hasAttribute('src')) found.push(`${where}: inline <script>`);
      if (tag === 'svg' && !(el.getAttribute('viewBox') === '0 0 24 24' && el.getAttribute('aria-hidden') === 'true'))
        found.push(`${where}: <svg> that is not an icon`);
      for (const attribute of el.attributes)
        if (/^on/i.test(attribute.name)) found.push(`${where}: <${tag} ${attribute.name}>`);
      if (el.shadowRoot) visit(el.shadowRoot, `${where} > shadow root of <${tag}>`);
    }
  };
  visit(document, 'document');
  return { found, xss: window.__xss };
}

async function assertNoInjection(page, where) {
  const { found, xss } = await page.evaluate(scanForInjection);
  assert.deepEqual(found, [], `no element injected (${where})`);
  assert.equal(xss, undefined, `window.__xss stays undefined (${where})`);
}

// The widget's launcher, as the visitor sees it.
function launcherInfo(page) {
  return page.evaluate(() => {
    const host = document.querySelector('[data-parley-widget]');
    const launcher = host && host.shadowRoot && host.shadowRoot.querySelector('.launcher');
    if (!launcher) return null;
    return {
      hidden: launcher.hidden,
      visible: launcher.checkVisibility ? launcher.checkVisibility() : launcher.offsetParent !== null,
      background: getComputedStyle(launcher).backgroundColor,
    };
  });
}

const widgetCount = (page) => page.locator('[data-parley-widget]').count();

// The host page's own script still runs: its button counts clicks.
async function assertHostPageWorks(page) {
  const before = Number(await page.locator('#host-count').textContent());
  await page.locator('#host-button').click();
  assert.equal(Number(await page.locator('#host-count').textContent()), before + 1, "the host page's own script still works");
}

// ---- calls made before lcw:ready -------------------------------------------------------------

forEachEngine('calls before lcw:ready are queued', (engine) => {
  inContext('queued calls run after lcw:ready, in order; the context reaches the desk', engine, async (context) => {
    const desk = await openDesk(context);
    const page = await visitorPage(context);
    await page.goto(env.url('/test-api/queue.html'));
    await ready(page);
    await waitForInvitationText(page, 'Queued invitation');

    const queued = await page.evaluate(() => window.__queued);
    assert.deepEqual(queued.stateAtCall, { ready: false, state: 'Loading', minimized: false }, 'getState() before the engine loads');
    assert.equal(queued.inspectAtCall, null, 'inspect() is null before ready');

    // lcw:ready first, then the page's calls in the order they were made.
    const log = await events(page);
    const names = log.map((e) => e.name);
    const readyAt = names.indexOf('lcw:ready');
    const invites = log.filter((e) => e.name === 'lcw:proactiveInvite').map((e) => e.detail.message);
    assert.deepEqual(invites, ['First invitation (closed at once)', 'Queued invitation'], 'both invitations, in order');
    assert.ok(readyAt >= 0 && readyAt < names.indexOf('lcw:proactiveInvite'), `lcw:ready comes before the queued calls run: ${names}`);
    const closeAt = names.indexOf('lcw:closeChat');
    assert.ok(closeAt > names.indexOf('lcw:proactiveInvite') && closeAt < names.lastIndexOf('lcw:proactiveInvite'),
      `closeChat() ran between the two invitations: ${names}`);
    // lcw:ready's listeners ran before the queued calls (Omnichannel's order): nothing on screen yet.
    assert.deepEqual(queued.atReady, { state: 'Closed', shown: true }, "what lcw:ready's listeners see");

    // The bad argument made before ready was reported at once, and nothing else went wrong.
    const errors = (await events(page, 'lcw:error')).map((e) => e.detail);
    assert.equal(errors.length, 1, `one lcw:error: ${JSON.stringify(errors)}`);
    assert.equal(errors[0].errorCode, 2);
    assert.match(errors[0].errorDescription, /setFact/);
    assert.match(errors[0].errorDescription, /name/);
    assert.ok(names.indexOf('lcw:error') < readyAt, 'the bad argument is reported at once, not queued');

    // setFact calls ran in order, the listener's last; getAgentAvailability resolved after ready.
    const facts = await page.evaluate(() => Parley.inspect().facts);
    assert.equal(facts['custom.step'], 'three (from the lcw:ready listener)');
    assert.equal(facts['custom.cart'], 42);
    await until(page, () => window.__queued.availability !== null, null);
    const availability = await page.evaluate(() => window.__queued.availability);
    assert.deepEqual(Object.keys(availability).sort(), ['chat', 'isAgentAvailable', 'video']);
    assert.equal((await events(page, 'lcw:getAgentAvailability')).length, 1);

    // The context provider set before ready is used when the visitor accepts.
    await acceptInvitation(page);
    const started = await waitForEvent(page, 'lcw:startChat', WAIT_MS);
    await waitForDeskConversations(desk, 1);
    await selectDeskConversation(desk, started.conversationId);
    const { context: shown } = await deskDetail(desk);
    assert.deepEqual(shown.filter(([key]) => key === 'Queued context'), [['Queued context', 'from the page script']],
      `the queued context provider's entry reaches the desk: ${JSON.stringify(shown)}`);
    assert.deepEqual(page.errors, [], 'no page error');
    assert.deepEqual(desk.errors, [], 'no page error on the desk');
  });
});

// ---- bad arguments ---------------------------------------------------------------------------

// Every method, called wrongly. Runs in the page after lcw:ready: each call is made alone and
// what it did is recorded (lcw:* events, exception, return value).
function callBadly() {
  const P = window.Parley;
  const SDK = window.Microsoft.Omnichannel.LiveChatWidget.SDK;
  const fn = () => {};
  const cyclic = {};
  cyclic.self = cyclic;
  // [label, call, method named, argument named]
  const calls = [
    ['Parley.startProactiveChat(42)', () => P.startProactiveChat(42), 'startProactiveChat', 'notificationUIConfig'],
    ['Parley.startProactiveChat(null)', () => P.startProactiveChat(null), 'startProactiveChat', 'notificationUIConfig'],
    ['Parley.startProactiveChat({})', () => P.startProactiveChat({}), 'startProactiveChat', 'notificationUIConfig'],
    ['Parley.startProactiveChat()', () => P.startProactiveChat(), 'startProactiveChat', 'notificationUIConfig'],
    ["Parley.startProactiveChat('')", () => P.startProactiveChat(''), 'startProactiveChat', 'notificationUIConfig'],
    ['Parley.startProactiveChat({message: 42})', () => P.startProactiveChat({ message: 42 }), 'startProactiveChat', 'notificationUIConfig'],
    ["Parley.startProactiveChat('x', 'yes')", () => P.startProactiveChat('x', 'yes'), 'startProactiveChat', 'showPrechat'],
    ["Parley.startProactiveChat('x', false, 'z')", () => P.startProactiveChat('x', false, 'z'), 'startProactiveChat', 'options'],
    ["SDK.startProactiveChat(42)", () => SDK.startProactiveChat(42), 'startProactiveChat', 'notificationUIConfig'],
    ["SDK.startProactiveChat('x', 'yes')", () => SDK.startProactiveChat('x', 'yes'), 'startProactiveChat', 'showPrechat'],
    ["Parley.startChat('x')", () => P.startChat('x'), 'startChat', 'options'],
    ["Parley.startChat({customContext: 'x'})", () => P.startChat({ customContext: 'x' }), 'startChat', 'customContext'],
    ["SDK.startChat('x')", () => SDK.startChat('x'), 'startChat', 'options'],
    ["Parley.setContextProvider('x')", () => P.setContextProvider('x'), 'setContextProvider', 'provider'],
    ["SDK.setContextProvider('x')", () => SDK.setContextProvider('x'), 'setContextProvider', 'provider'],
    ['Parley.setAuthTokenProvider(3)', () => P.setAuthTokenProvider(3), 'setAuthTokenProvider', 'provider'],
    ['SDK.setAuthTokenProvider(3)', () => SDK.setAuthTokenProvider(3), 'setAuthTokenProvider', 'provider'],
    ["Parley.setFact('', 1)", () => P.setFact('', 1), 'setFact', 'name'],
    ['Parley.setFact(1, 1)', () => P.setFact(1, 1), 'setFact', 'name'],
    ["Parley.setFact('a', {})", () => P.setFact('a', {}), 'setFact', 'value'],
    ["Parley.setFact('a', NaN)", () => P.setFact('a', NaN), 'setFact', 'value'],
    ["Parley.setFact('a', Infinity)", () => P.setFact('a', Infinity), 'setFact', 'value'],
    ["Parley.setFact('a')", () => P.setFact('a'), 'setFact', 'value'],
    ['Parley.configure(42)', () => P.configure(42), 'configure', 'config'],
    ['Parley.configure(null)', () => P.configure(null), 'configure', 'config'],
    ['Parley.configure([])', () => P.configure([]), 'configure', 'config'],
    ['Parley.configure(cyclic)', () => P.configure(cyclic), 'configure', 'config'],
    ["Parley.configure('{bad json')", () => P.configure('{bad json'), 'configure', 'config'],
    ["Parley.setConsent('yes')", () => P.setConsent('yes'), 'setConsent', 'granted'],
    ['Parley.setTransport({})', () => P.setTransport({}), 'setTransport', 'transport'],
    ['Parley.setTransport(null)', () => P.setTransport(null), 'setTransport', 'transport'],
    ['Parley.on(1, fn)', () => P.on(1, fn), 'on', 'event'],
    ["Parley.on('ready', 'x')", () => P.on('ready', 'x'), 'on', 'handler'],
    ['Parley.setGeoProvider(1)', () => P.setGeoProvider(1), 'setGeoProvider', 'provider'],
    ['Parley.setReverseGeocoder(null)', () => P.setReverseGeocoder(null), 'setReverseGeocoder', 'geocoder'],
  ];
  return calls.map(([label, call, method, argument]) => {
    const before = window.__lcw.length;
    let threw = null;
    let result;
    try { result = call(); } catch (error) { threw = String(error); }
    return { label, method, argument, threw, result: typeof result, events: window.__lcw.slice(before) };
  });
}

forEachEngine('bad arguments', (engine) => {
  inContext('every method: lcw:error naming the method and the argument, nothing thrown, the widget still works', engine, async (context) => {
    const page = await blankWithParley(context, { 'data-config': '/test-api/rule.json' }, { paused: true });
    const rulesBefore = await page.evaluate(() => Parley.inspect().rules.map((r) => r.id));
    assert.deepEqual(rulesBefore, ['dwell']);

    const results = await page.evaluate(callBadly);
    const problems = [];
    for (const r of results) {
      if (r.threw) problems.push(`${r.label} threw ${r.threw}`);
      const errors = r.events.filter((e) => e.name === 'lcw:error');
      const others = r.events.filter((e) => e.name !== 'lcw:error');
      if (errors.length !== 1) { problems.push(`${r.label}: ${errors.length} lcw:error (want 1): ${JSON.stringify(r.events)}`); continue; }
      if (others.length) problems.push(`${r.label}: other events ${JSON.stringify(others)}`);
      const { errorCode, errorDescription } = errors[0].detail;
      // configure() with JSON text that does not parse: a bad argument (2) or a config problem (3).
      const codes = r.method === 'configure' && r.label.includes("'{bad json'") ? [2, 3] : [2];
      if (!codes.includes(errorCode)) problems.push(`${r.label}: errorCode ${errorCode} (want ${codes.join(' or ')})`);
      if (typeof errorDescription !== 'string' || !errorDescription.includes(r.method))
        problems.push(`${r.label}: errorDescription ${JSON.stringify(errorDescription)} does not name ${r.method}`);
      else if (!errorDescription.replace(r.method, '').includes(r.argument) && !/JSON/i.test(errorDescription))
        problems.push(`${r.label}: errorDescription ${JSON.stringify(errorDescription)} does not name the argument ${r.argument}`);
    }
    assert.deepEqual(problems, [], 'bad arguments are reported, never thrown');
    assert.deepEqual(page.errors, [], 'no page error');

    // The calls did nothing: same config, no custom fact, nothing on screen.
    const after = await page.evaluate(() => ({ state: Parley.getState(), inspect: Parley.inspect() }));
    assert.deepEqual(after.state, { ready: true, state: 'Closed', minimized: false });
    assert.deepEqual(after.inspect.rules.map((r) => r.id), ['dwell'], 'the config in place is kept (configure with bad JSON did nothing)');
    assert.equal(after.inspect.facts['custom.a'], undefined, 'no custom fact was set');

    // Methods without parameters ignore what they are given.
    const extra = await page.evaluate(async () => {
      const out = {};
      try {
        Parley.closeChat('junk');
        Parley.removeContextProvider(42);
        out.provider = Parley.getContextProvider('junk');
        out.state = Object.keys(Parley.getState(1)).sort();
        out.inspect = typeof Parley.inspect({});
        out.availability = await Parley.getAgentAvailability('junk');
      } catch (error) { out.threw = String(error); }
      return out;
    });
    assert.equal(extra.threw, undefined, 'no throw from methods given extra arguments');
    assert.equal(extra.provider, null);
    assert.deepEqual(extra.state, ['minimized', 'ready', 'state']);
    assert.equal(extra.inspect, 'object');

    // The widget still works.
    await page.evaluate(() => Parley.startProactiveChat('Still working'));
    await waitForInvitationText(page, 'Still working');
    assert.deepEqual(page.errors, [], 'no page error');
  });

  inContext("on() with a bad argument still returns a function (the d.ts promises '() => void')", engine, async (context) => {
    const page = await blankWithParley(context);
    const result = await page.evaluate(() => {
      const off = [Parley.on(1, () => {}), Parley.on('ready', 'x'), Parley.on('', () => {})];
      const out = off.map((f) => typeof f);
      try { off.forEach((f) => f()); } catch (error) { out.push('calling it threw: ' + error); }
      return out;
    });
    assert.deepEqual(result, ['function', 'function', 'function'],
      'a host that writes `const off = Parley.on(name, fn); ... off()` must not get a TypeError');
  });
});

// ---- failing host hooks ----------------------------------------------------------------------

// Each kind of failure; `start` is how the chat starts (accepting an invitation, or startChat()).
const HOOK_FAILURES = [
  { name: 'a context provider that throws', start: 'accept', description: /context provider/,
    setup: () => Parley.setContextProvider(() => { throw new Error('provider boom'); }) },
  { name: 'a context provider that returns a string', start: 'startChat', description: /context provider/,
    setup: () => Parley.setContextProvider(() => 'junk') },
  { name: 'a context provider whose promise rejects without a reason', start: 'accept', description: /context provider/,
    setup: () => Parley.setContextProvider(() => Promise.reject()) },
  { name: 'a context provider that returns entries the engine refuses', start: 'startChat', description: /context/,
    kept: { good: 'kept' },
    setup: () => Parley.setContextProvider(() => ({ good: { value: 'kept', isDisplayable: true }, bad: { value: { nested: 1 } } })) },
  { name: 'an auth token provider that throws', start: 'accept', description: /token provider/,
    setup: () => Parley.setAuthTokenProvider(() => { throw new Error('token boom'); }) },
];

forEachEngine('failing host hooks', (engine) => {
  // One context and one desk for the suite; each failure on its own visitor page, one after the
  // other (a new tab once the last one closed: a new conversation; tabs open together would
  // share one, TRANSPORT.md §7).
  let context;
  let desk;
  before(async () => {
    context = await newContext(env, { engine });
    desk = await openDesk(context);
  });
  after(async () => { await context?.close(); });

  for (const failure of HOOK_FAILURES) {
    test(`${failure.name}: lcw:error with errorCode 1, and the chat still starts (the desk gets it)`, { timeout: 120000 }, async () => {
      const page = await blankWithParley(context);
      try {
        await page.evaluate(failure.setup);
        if (failure.start === 'accept') {
          await page.evaluate(() => Parley.startProactiveChat('Can we help?'));
          await acceptInvitation(page);
        } else {
          await page.evaluate(() => Parley.startChat());
        }
        const errorOrStart = () => until(page, () => window.__lcw.some((e) => e.name === 'lcw:startChat') &&
          window.__lcw.some((e) => e.name === 'lcw:error'), null).catch(() => {});
        await errorOrStart();
        const errors = (await events(page, 'lcw:error')).map((e) => e.detail);
        const problems = [];
        if (!errors.some((e) => e.errorCode === 1 && failure.description.test(e.errorDescription)))
          problems.push(`no lcw:error with errorCode 1 naming the provider (got ${JSON.stringify(errors)})`);
        if (page.errors.length) problems.push(`page errors: ${JSON.stringify(page.errors)}`);
        const started = (await events(page, 'lcw:startChat')).map((e) => e.detail);
        if (started.length !== 1) problems.push('no lcw:startChat: the chat did not start');
        else {
          await desk.locator(`[data-testid="conversation-item"][data-conversation-id="${started[0].conversationId}"]`)
            .waitFor({ timeout: WAIT_MS }).catch(() => problems.push('the desk got no conversation.start'));
        }
        assert.deepEqual(problems, []);
        assert.deepEqual(desk.errors, [], 'no page error on the desk');
        if (failure.kept) {
          await selectDeskConversation(desk, started[0].conversationId);
          const { context: shown } = await deskDetail(desk);
          assert.deepEqual(shown.filter(([key]) => key in failure.kept), Object.entries(failure.kept), `good entries kept: ${JSON.stringify(shown)}`);
        }
      } finally {
        await page.close();
      }
    });
  }

  test('a geo provider that gives no country, or rejects without a reason: lcw:error (errorCode 7), no page error', { timeout: 120000 }, async () => {
    const page = await blankWithParley(context);
    try {
      await page.evaluate(() => Parley.setGeoProvider(() => 'Atlantis'));
      await page.evaluate(() => Parley.setGeoProvider(() => Promise.reject()));
      await until(page, () => window.__lcw.filter((e) => e.name === 'lcw:error').length >= 2, null)
        .catch(() => {});
      await settle();
      const errors = (await events(page, 'lcw:error')).map((e) => e.detail);
      assert.deepEqual({ codes: errors.map((e) => e.errorCode), pageErrors: page.errors }, { codes: [7, 7], pageErrors: [] },
        JSON.stringify(errors));
      assert.match(errors[0].errorDescription, /geo provider/);
      // The widget still works.
      await page.evaluate(() => Parley.startProactiveChat('Still here'));
      await waitForInvitationText(page, 'Still here');
    } finally {
      await page.close();
    }
  });
}, { concurrency: 1 });

// ---- everything shown is text ----------------------------------------------------------------

forEachEngine('XSS payloads stay text', (engine) => {
  inContext('in the proactive message (startProactiveChat)', engine, async (context) => {
    const page = await blankWithParley(context);
    for (const payload of XSS) {
      await page.evaluate((message) => Parley.startProactiveChat(message), payload);
      await waitForInvitationText(page, payload);
      const invite = (await events(page, 'lcw:proactiveInvite')).at(-1).detail;
      assert.equal(invite.message, payload);
      await assertNoInjection(page, `invitation ${payload}`);
      await page.evaluate(() => Parley.closeChat());
      await invitation(page).waitFor({ state: 'detached', timeout: WAIT_MS });
    }
    assert.deepEqual(page.errors, []);
  });

  inContext('in survey labels and answers, context, agent and visitor messages (widget and desk)', engine, async (context) => {
    const desk = await openDesk(context);
    const page = await blankWithParley(context);
    await page.evaluate((xss) => {
      Parley.configure({
        prechat: { questions: [
          { id: 'name', type: 'text', label: xss[0], required: true },
          { id: 'topic', type: 'choice', label: xss[1], options: [xss[2], 'Billing'] },
          { id: 'gdpr', type: 'consent', label: xss[2], required: true },
        ] },
      });
      Parley.setContextProvider(() => ({
        [xss[0]]: { value: xss[1], isDisplayable: true },
        'Plain key': { value: xss[2], isDisplayable: true },
      }));
      Parley.startChat();
    }, XSS);

    // The survey: labels and options are text.
    const form = widget(page).locator('form');
    await form.locator('input[type="text"]').waitFor({ timeout: WAIT_MS });
    const labels = await widget(page).locator('label').allTextContents();
    for (const payload of XSS) assert.ok(labels.some((l) => l.includes(payload)), `the label ${payload} is shown as text: ${JSON.stringify(labels)}`);
    const options = await widget(page).locator('option').allTextContents();
    assert.ok(options.includes(XSS[2]), `the option is text: ${JSON.stringify(options)}`);
    await assertNoInjection(page, 'survey');

    await form.locator('input[type="text"]').fill(XSS[0]);
    await form.locator('select').selectOption(XSS[2]);
    await form.locator('input[type="checkbox"]').check();
    await form.locator('button[type="submit"], button.primary').first().click();
    const started = await waitForEvent(page, 'lcw:startChat', WAIT_MS);

    // The desk: context keys and values, survey labels and answers, as text.
    await waitForDeskConversations(desk, 1);
    await selectDeskConversation(desk, started.conversationId);
    const detail = await deskDetail(desk);
    assert.ok(detail.context.some(([k, v]) => k === XSS[0] && v === XSS[1]), `context key and value as text: ${JSON.stringify(detail.context)}`);
    assert.ok(detail.context.some(([k, v]) => k === 'Plain key' && v === XSS[2]), `context value as text: ${JSON.stringify(detail.context)}`);
    assert.ok(detail.prechat.some(([k, v]) => k === XSS[0] && v === XSS[0]), `survey answer as text: ${JSON.stringify(detail.prechat)}`);
    assert.ok(detail.prechat.some(([k, v]) => k === XSS[1] && v === XSS[2]), `survey choice as text: ${JSON.stringify(detail.prechat)}`);
    await assertNoInjection(desk, 'desk, conversation start');

    // The agent joins and writes the payloads; the visitor writes them back.
    await desk.bringToFront();
    await desk.getByTestId('accept').click();
    for (const payload of XSS) {
      await desk.getByTestId('reply-input').fill(payload);
      await desk.getByTestId('reply-input').press('Enter');
    }
    await until(page, (n) => window.__lcw.filter((e) => e.name === 'lcw:onMessageReceived').length >= n, XSS.length);
    const agentLines = await widget(page).locator('.msg.agent > .text').allTextContents();
    assert.deepEqual(agentLines, XSS, 'agent messages are shown as text in the widget');
    await page.bringToFront();
    const composer = widget(page).locator('textarea');
    for (const payload of XSS) {
      await composer.fill(payload);
      await composer.press('Enter');
    }
    await until(desk, (n) => document.querySelectorAll('[data-testid="transcript-line"][data-from="visitor"]').length >= n,
      XSS.length);
    const transcript = (await deskDetail(desk)).transcript;
    assert.deepEqual(transcript.filter((l) => l.from === 'visitor').map((l) => l.text), XSS, 'visitor messages are text on the desk');
    assert.deepEqual(transcript.filter((l) => l.from === 'agent').map((l) => l.text), XSS, 'agent messages are text on the desk');

    await assertNoInjection(page, 'widget, chat');
    await assertNoInjection(desk, 'desk, chat');
    assert.deepEqual(page.errors, [], 'no page error');
    assert.deepEqual(desk.errors, [], 'no page error on the desk');
  });
});

// ---- the strict-CSP demo page ----------------------------------------------------------------

describe('strict CSP (/csp/strict.html, no wasm-unsafe-eval)', () => {
  inContext('runs on parley.fallback.js; no console error but the expected WebAssembly CSP report', 'wasm', async (context) => {
    const page = await visitorPage(context, { paused: true });
    await page.addInitScript(() => {
      window.__globalsBefore = Object.getOwnPropertyNames(window);
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push({
        directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample, source: e.sourceFile }));
    });
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(env.url('/csp/strict.html'));
    await ready(page);
    assert.ok(requested.includes('/parley/parley.fallback.js'), 'parley.fallback.js is requested');
    assert.ok(!requested.includes('/parley/parley.wasm'), 'parley.wasm is not requested');
    // parley.fallback.js hands its factory over on its script tag: the wasm2js glue's own names
    // (createParleyEngine, Module...) must not land on window. demo-status.js defines none.
    const added = await page.evaluate(() => {
      const before = new Set(window.__globalsBefore);
      return Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
    });
    assert.deepEqual(added.sort(), ['Microsoft', 'Parley', '__cspViolations', '__globalsBefore'], 'the globals the page gained');

    // Scenario 1 with 5 s: the invitation after 5 s on the page.
    await page.clock.runFor(5500);
    await waitForInvitationText(page, 'Hi! Just checking in to see if I can help answer any questions you may have.');
    assert.deepEqual(page.errors, [], 'no page error');

    // The only violation allowed: parley.js's probe `new WebAssembly.Module(...)`, which is how it
    // finds out WebAssembly is refused (Chromium reports it as blocked "wasm-eval" under
    // script-src). Anything else (an inline style, an eval, a blocked fetch) would be a bug.
    const violations = await page.evaluate(() => window.__cspViolations);
    const isWasmProbe = (v) => v.directive === 'script-src' && /wasm/i.test(v.blockedURI) && /\/parley\/parley\.js$/.test(v.source);
    assert.deepEqual(violations.filter((v) => !isWasmProbe(v)), [], `only the WebAssembly probe is blocked: ${JSON.stringify(violations)}`);
    assert.equal(violations.filter(isWasmProbe).length, 1, 'the probe runs once');

    // Console errors: the same violation, as Chromium prints it ("Refused to compile or
    // instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source of
    // script..."). Nothing else: data-lcw-version="test" writes its trace with console.log.
    const consoleErrors = page.consoleMessages.filter((m) => m.type === 'error');
    const isWasmReport = (m) => /WebAssembly/.test(m.text) && /Content Security Policy/i.test(m.text);
    assert.deepEqual(consoleErrors.filter((m) => !isWasmReport(m)), [], 'no other console error');
    assert.ok(consoleErrors.filter(isWasmReport).length <= 1, 'at most one console report of the probe');
    assert.ok(page.consoleMessages.some((m) => m.type === 'log' && m.text.startsWith('[parley] rule')), 'the trace of data-lcw-version="test"');
    // The page lists what its CSP blocked: only the expected WebAssembly attempt.
    const listed = await page.locator('#csp-violations li').allTextContents();
    assert.ok(listed.every((text) => /expected/.test(text)), `the page's own list: ${JSON.stringify(listed)}`);
  });
});

// ---- no global pollution ---------------------------------------------------------------------

// Runs in the page: the names of window, and the own properties (with their values, getters and
// setters) of a few built-in prototypes and of history and document. Saved under window.__snap the
// first time (so the name itself is there before and after), compared the second time.
function snapshotGlobals() {
  const protos = {
    'Object.prototype': Object.prototype, 'Function.prototype': Function.prototype, 'Array.prototype': Array.prototype,
    'String.prototype': String.prototype, 'Promise.prototype': Promise.prototype, 'EventTarget.prototype': EventTarget.prototype,
    'Node.prototype': Node.prototype, 'Element.prototype': Element.prototype, 'HTMLElement.prototype': HTMLElement.prototype,
    'Document.prototype': Document.prototype, 'History.prototype': History.prototype, 'Window.prototype': Window.prototype,
    'ShadowRoot.prototype': ShadowRoot.prototype, 'CustomEvent.prototype': CustomEvent.prototype,
    'JSON': JSON, 'WebAssembly': WebAssembly, history, document,
  };
  const handlers = () => Object.getOwnPropertyNames(window).filter((n) => /^on/.test(n)).map((n) => [n, window[n]]);
  if (!window.__snap) {
    window.__snap = { protos: {}, handlers: null, names: null };
    for (const [label, object] of Object.entries(protos)) {
      const entries = new Map();
      for (const key of Reflect.ownKeys(object)) entries.set(key, Object.getOwnPropertyDescriptor(object, key));
      window.__snap.protos[label] = entries;
    }
    window.__snap.handlers = handlers();
    window.__snap.names = Object.getOwnPropertyNames(window);
    return null;
  }
  const names = Object.getOwnPropertyNames(window);
  const changes = [];
  for (const [label, object] of Object.entries(protos)) {
    const before = window.__snap.protos[label];
    const keys = Reflect.ownKeys(object);
    for (const key of keys) {
      const was = before.get(key);
      const now = Object.getOwnPropertyDescriptor(object, key);
      if (!was) changes.push(`${label}: ${String(key)} added`);
      else if (was.value !== now.value || was.get !== now.get || was.set !== now.set) changes.push(`${label}: ${String(key)} changed`);
    }
    for (const key of before.keys()) if (!keys.includes(key)) changes.push(`${label}: ${String(key)} removed`);
  }
  const handlersNow = handlers();
  window.__snap.handlers.forEach(([name, value], i) => {
    if (!handlersNow[i] || handlersNow[i][0] !== name || handlersNow[i][1] !== value) changes.push(`window.${name} changed`);
  });
  return {
    added: names.filter((n) => !window.__snap.names.includes(n)).sort(),
    removed: window.__snap.names.filter((n) => !names.includes(n)),
    changes,
    microsoft: window.Microsoft ? Object.keys(window.Microsoft) : null,
  };
}

forEachEngine('no global pollution', (engine) => {
  inContext('loading Parley adds only Parley and Microsoft to window, and no built-in prototype changes', engine, async (context) => {
    const page = await visitorPage(context, { clock: false, openShadow: false });
    await page.goto(env.url('/test-api/blank.html'));
    assert.equal(await page.evaluate(snapshotGlobals), null);
    await addParley(page, { 'data-config': '/test-api/rule.json' });
    await ready(page);
    // The UI, a chat and its transport: everything Parley does on a page.
    await page.evaluate(() => Parley.startProactiveChat('Hello'));
    await page.locator('[data-parley-widget]').waitFor({ timeout: WAIT_MS });
    await page.evaluate(() => Parley.startChat());
    await waitForEvent(page, 'lcw:startChat', WAIT_MS);
    const diff = await page.evaluate(snapshotGlobals);
    assert.deepEqual(diff.added, ['Microsoft', 'Parley'], 'new globals');
    assert.deepEqual(diff.removed, []);
    assert.deepEqual(diff.changes, [], 'built-in prototypes, history, document and window handlers untouched');
    assert.deepEqual(diff.microsoft, ['Omnichannel']);
    assert.deepEqual(page.errors, []);
  });

  // What RequireJS (an AMD loader) or a CommonJS-style bundle leaves on window; the Emscripten
  // module factory inside parley.js must not take them for its own module system.
  const HOST_MODULE_SYSTEMS = {
    AMD: () => {
      window.__defineCalls = [];
      window.define = function () { window.__defineCalls.push(Array.from(arguments).map((a) => typeof a)); };
      window.define.amd = {};
    },
    CommonJS: () => {
      window.__hostExports = {};
      window.module = { exports: window.__hostExports };
      window.exports = window.__hostExports;
    },
  };
  for (const [system, install] of Object.entries(HOST_MODULE_SYSTEMS)) {
    inContext(`a page with ${system} globals: Parley neither calls define() nor writes module.exports`, engine, async (context) => {
      const page = await visitorPage(context, { clock: false, openShadow: false });
      await page.goto(env.url('/test-api/blank.html'));
      await page.evaluate(install);
      await addParley(page);
      await ready(page);
      const seen = await page.evaluate(() => ({
        defineCalls: window.__defineCalls || [],
        moduleExports: window.module ? (window.module.exports === window.__hostExports ? 'untouched' : typeof window.module.exports) : 'none',
        exports: window.__hostExports ? Object.keys(window.__hostExports) : [],
      }));
      assert.deepEqual(seen.defineCalls, [], "the host's AMD define() is not called (RequireJS would report 'Mismatched anonymous define()')");
      assert.equal(seen.moduleExports, system === 'CommonJS' ? 'untouched' : 'none', "the host's module.exports is not replaced");
      assert.deepEqual(seen.exports, [], "nothing is written to the host's exports");
      assert.deepEqual(page.errors, []);
    });
  }
});

// ---- the engine does not load ----------------------------------------------------------------

const ENGINE_FAILURES = {
  wasm: [
    ['parley.wasm is missing (404)', '**/parley/parley.wasm', { status: 404, contentType: 'text/plain', body: 'Not Found' }],
    ['parley.wasm does not compile (garbage bytes)', '**/parley/parley.wasm',
      { status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm garbage, not a module: '.repeat(40)) }],
  ],
  fallback: [
    ['parley.fallback.js is missing (404)', '**/parley/parley.fallback.js', { status: 404, contentType: 'text/plain', body: 'Not Found' }],
    // Loads, but never hands the engine over: the browser reports the script's own SyntaxError
    // (a page error nobody can catch), and parley.js must still give up with lcw:error.
    ['parley.fallback.js does not run (garbage)', '**/parley/parley.fallback.js',
      { status: 200, contentType: 'text/javascript', body: '}}} not JavaScript {{{', syntaxError: true }],
  ],
};

forEachEngine('the engine does not load', (engine) => {
  for (const [name, pattern, response] of ENGINE_FAILURES[engine]) {
    inContext(`${name}: lcw:error (errorCode 4), no widget, the host page keeps working`, engine, async (context) => {
      const { syntaxError, ...fulfilled } = response;
      await context.route(pattern, (route) => route.fulfill(fulfilled));
      const page = await visitorPage(context, { clock: true });
      await page.goto(env.url('/test-api/blank.html'));
      await addParley(page, { 'data-config': '/test-api/rule.json' });
      const error = await waitForEvent(page, 'lcw:error', WAIT_MS).catch(() => null);
      assert.ok(error, `lcw:error within ${WAIT_MS / 1000} s (page errors: ${JSON.stringify(page.errors)})`);
      assert.equal(error.errorCode, 4, JSON.stringify(error));
      assert.equal(typeof error.errorDescription, 'string');
      // Whatever might still come has had its chance.
      await settle();
      await page.clock.runFor(10000);
      assert.equal(await widgetCount(page), 0, 'no widget element');
      assert.deepEqual(await events(page, 'lcw:ready'), [], 'no lcw:ready');
      assert.equal((await events(page, 'lcw:error')).length, 1, 'one lcw:error');
      // The API stays callable and harmless.
      const state = await page.evaluate(() => {
        Parley.startProactiveChat('Nobody will see this');
        Parley.setFact('x', 1);
        return Parley.getState();
      });
      assert.equal(state.ready, false);
      await assertHostPageWorks(page);
      const pageErrors = syntaxError ? page.errors.filter((e) => !/SyntaxError|Unexpected token/.test(e)) : page.errors;
      assert.deepEqual(pageErrors, [], 'no page error');
    });
  }
});

// ---- the start -------------------------------------------------------------------------------

// The page's inline config (<script type="application/json" id="parley-config">), as text.
const addInlineConfig = (page, text) => page.evaluate((configText) => {
  const inline = document.createElement('script');
  inline.type = 'application/json';
  inline.id = 'parley-config';
  inline.textContent = configText;
  document.body.appendChild(inline);
}, text);

forEachEngine('the start', (engine) => {
  // The shadow tree and its stylesheet are made a task ahead of the start (widget.js prepare());
  // the element joins the page only with the first render: drawn, in its language, themed.
  inContext('the widget joins the page at its first render, drawn and themed by the config', engine, async (context) => {
    const page = await visitorPage(context);
    await page.goto(env.url('/test-api/blank.html'));
    await addInlineConfig(page, JSON.stringify({ theme: { color: '#7b1fa2' } }));
    await page.evaluate(() => {
      window.__joined = [];
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) {
          if (node.nodeType !== 1 || !node.hasAttribute('data-parley-widget')) continue;
          const sheets = node.shadowRoot.adoptedStyleSheets;
          window.__joined.push({ lang: node.getAttribute('lang'), sheets: sheets.length,
                                 theme: sheets.length ? sheets[0].cssRules[0].cssText : '',
                                 launcher: !!node.shadowRoot.querySelector('button.launcher:not([hidden])') });
        }
      }).observe(document.body, { childList: true });
    });
    await addParley(page);
    await ready(page);
    const joined = await page.evaluate(() => window.__joined);
    assert.equal(joined.length, 1, 'joined once');
    assert.equal(joined[0].lang, 'en', 'with the first view drawn');
    assert.equal(joined[0].launcher, true, 'its launcher shown');
    assert.equal(joined[0].sheets, 1);
    assert.match(joined[0].theme, /--parley-color: #7b1fa2/, 'the config\'s theme');
    assert.deepEqual(page.errors, []);
  });
});

// ---- config problems -------------------------------------------------------------------------

forEachEngine('config problems', (engine) => {
  inContext('data-config that is unreachable (404): lcw:error naming the URL, no widget', engine, async (context) => {
    const page = await visitorPage(context);
    await page.goto(env.url('/test-api/blank.html'));
    await addParley(page, { 'data-config': '/test-api/no-such-config.json' });
    const error = await waitForEvent(page, 'lcw:error', WAIT_MS);
    assert.equal(error.errorCode, 3);
    assert.ok(error.errorDescription.includes('/test-api/no-such-config.json'), `names the URL: ${error.errorDescription}`);
    await settle();
    assert.equal(await widgetCount(page), 0, 'no widget');
    assert.deepEqual(await events(page, 'lcw:ready'), []);
    await assertHostPageWorks(page);
    assert.deepEqual(page.errors, []);
  });

  inContext('data-config that is not JSON: lcw:error, no widget', engine, async (context) => {
    const page = await visitorPage(context);
    await page.goto(env.url('/test-api/blank.html'));
    await addParley(page, { 'data-config': '/test-api/malformed.json' });
    const error = await waitForEvent(page, 'lcw:error', WAIT_MS);
    assert.equal(error.errorCode, 3);
    assert.match(error.errorDescription, /malformed\.json/);
    assert.match(error.errorDescription, /JSON/);
    await settle();
    assert.equal(await widgetCount(page), 0, 'no widget');
    assert.deepEqual(page.errors, []);
  });

  inContext('an inline #parley-config that is not JSON: lcw:error, no widget', engine, async (context) => {
    const page = await visitorPage(context);
    await page.goto(env.url('/test-api/blank.html'));
    await addInlineConfig(page, '{"rules": [');
    await addParley(page);
    const error = await waitForEvent(page, 'lcw:error', WAIT_MS);
    assert.equal(error.errorCode, 3);
    assert.match(error.errorDescription, /parley-config/);
    await settle();
    assert.equal(await widgetCount(page), 0, 'no widget');
    assert.deepEqual(page.errors, []);
  });

  inContext('an error at a JSON path: lcw:error with detail.errors[0].path, and the rest of the config runs', engine, async (context) => {
    const page = await visitorPage(context, { paused: true });
    await page.goto(env.url('/test-api/blank.html'));
    await addParley(page, { 'data-config': '/test-api/path-error.json' });
    await ready(page);
    const errors = (await events(page, 'lcw:error')).map((e) => e.detail);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].errorCode, 3);
    assert.ok(Array.isArray(errors[0].errors) && errors[0].errors.length >= 1);
    assert.equal(errors[0].errors[0].path, '/rules/0/when/fact');
    assert.match(errors[0].errorDescription, /\/rules\/0\/when\/fact/);
    // The rest: the theme colour, and rule b after 2 s.
    assert.equal((await launcherInfo(page)).background, 'rgb(170, 0, 0)', 'the theme colour applies');
    await page.clock.runFor(2500);
    const invite = await waitForEvent(page, 'lcw:proactiveInvite', WAIT_MS);
    assert.equal(invite.rule, 'b');
    await waitForInvitationText(page, 'Rule b still runs');
    assert.deepEqual(page.errors, []);
  });
});

// ---- lifecycle, events, script-tag attributes ------------------------------------------------

forEachEngine('lifecycle and attributes', (engine) => {
  inContext('getState() shape; on() listens and its return value unsubscribes; no attribute: launcher shown, no trace', engine, async (context) => {
    const page = await blankWithParley(context, { 'data-config': '/test-api/rule.json' }, { paused: true });
    assert.deepEqual(await page.evaluate(() => Parley.getState()), { ready: true, state: 'Closed', minimized: false });
    await page.evaluate(() => {
      window.__heard = [];
      window.__off = Parley.on('proactiveInvite', (detail) => window.__heard.push(['short', detail.message]));
      window.__off2 = Parley.on('lcw:proactiveInvite', (detail) => window.__heard.push(['long', detail.message]));
      Parley.startProactiveChat('one');
    });
    await waitForInvitationText(page, 'one');
    assert.deepEqual(await page.evaluate(() => Parley.getState()), { ready: true, state: 'ProactiveChat', minimized: false });
    await page.evaluate(() => {
      Parley.closeChat();
      window.__off();
      Parley.startProactiveChat('two');
    });
    await waitForInvitationText(page, 'two');
    await page.evaluate(() => { window.__off2(); window.__off2(); Parley.closeChat(); Parley.startProactiveChat('three'); });
    await waitForInvitationText(page, 'three');
    assert.deepEqual(await page.evaluate(() => window.__heard), [['short', 'one'], ['long', 'one'], ['long', 'two']]);

    // Without data-hide-chat-button, data-color-override or data-lcw-version.
    await page.evaluate(() => Parley.closeChat());
    const launcher = await launcherInfo(page);
    assert.equal(launcher.hidden, false, 'the launcher shows');
    assert.equal(launcher.background, 'rgb(11, 110, 79)', 'the default colour');
    await page.clock.runFor(3500);
    await until(page, () => window.__lcw.some((e) => e.name === 'lcw:proactiveInvite' && e.detail.rule === 'dwell'), null);
    assert.deepEqual(page.consoleMessages.filter((m) => m.text.startsWith('[parley]')), [], 'no trace without data-lcw-version="test"');
    assert.deepEqual(page.errors, []);
  });

  inContext('getAgentAvailability() resolves and fires lcw:getAgentAvailability', engine, async (context) => {
    // Nobody has answered yet: unknown, and a chat can wait.
    const alone = await blankWithParley(context);
    const unknown = await alone.evaluate(() => Parley.getAgentAvailability());
    assert.deepEqual(unknown, { isAgentAvailable: true, chat: null, video: null });
    assert.deepEqual((await events(alone, 'lcw:getAgentAvailability')).map((e) => e.detail), [unknown]);
    await alone.close();

    // The desk says chat yes, video no; then nobody for chat.
    const desk = await openDesk(context);
    const page = await blankWithParley(context);
    await until(page, () => Parley.inspect().facts['available.chat'] === true, null);
    const known = await page.evaluate(() => Parley.getAgentAvailability());
    assert.deepEqual(known, { isAgentAvailable: true, chat: true, video: false });
    await desk.bringToFront();
    await desk.getByTestId('available-chat').uncheck();
    await until(page, () => Parley.inspect().facts['available.chat'] === false, null);
    const none = await page.evaluate(() => Parley.getAgentAvailability());
    assert.deepEqual(none, { isAgentAvailable: false, chat: false, video: false });
    assert.deepEqual((await events(page, 'lcw:getAgentAvailability')).map((e) => e.detail), [known, none]);
    assert.deepEqual(page.errors, []);
  });

  inContext('shutdown() removes the widget, stops its timers, and nothing happens after', engine, async (context) => {
    const page = await visitorPage(context, { paused: true });
    // Live timers that parley.js (or the fallback) armed, by their call stack.
    await page.addInitScript(() => {
      const set = window.setTimeout;
      const clear = window.clearTimeout;
      const live = new Set();
      window.__parleyTimers = () => live.size;
      window.setTimeout = function (handler, ms, ...args) {
        const mine = /\/parley\/parley(\.fallback)?\.js/.test(new Error().stack || '');
        const id = set.call(window, function () { live.delete(id); return typeof handler === 'function' ? handler.apply(this, arguments) : undefined; }, ms, ...args);
        if (mine) live.add(id);
        return id;
      };
      window.clearTimeout = function (id) { live.delete(id); return clear.call(window, id); };
    });
    await page.goto(env.url('/test-api/blank.html'));
    await addParley(page, { 'data-config': '/test-api/rule.json' });
    await ready(page);
    await page.evaluate(() => Parley.startProactiveChat('About to shut down', false, { expiresAfter: 30000 }));
    await waitForInvitationText(page, 'About to shut down');
    assert.ok(await page.evaluate(() => window.__parleyTimers()) > 0, 'timers are armed (the expiry, the outbox) before shutdown');

    const count = (await events(page)).length;
    await page.evaluate(() => Parley.shutdown());
    assert.equal(await widgetCount(page), 0, 'the widget is removed');
    assert.equal(await page.evaluate(() => window.__parleyTimers()), 0, 'no timer of Parley left');
    assert.equal(await page.evaluate(() => Parley.inspect()), null);
    const stateAfterShutdown = await page.evaluate(() => Parley.getState());

    // The rule (3 s) and the expiry (30 s) do not come; API calls do nothing and throw nothing.
    await page.clock.runFor(60000);
    await page.evaluate(() => {
      Parley.startProactiveChat('After shutdown');
      Parley.setFact('x', 1);
      Parley.startChat();
      Parley.configure({});
      Parley.shutdown();
    });
    await page.clock.runFor(5000);
    const after = (await events(page)).slice(count);
    assert.deepEqual(after, [], 'no lcw:* event after shutdown');
    assert.equal(await widgetCount(page), 0);
    assert.deepEqual(page.errors, []);
    // The invitation is gone with the widget: getState() must not still report it.
    assert.equal(stateAfterShutdown.state, 'Closed', `getState() after shutdown: ${JSON.stringify(stateAfterShutdown)}`);
  });

  inContext('shutdown() right after the script tag: the widget never starts', engine, async (context) => {
    const page = await visitorPage(context, { clock: true });
    await page.goto(env.url('/test-api/blank.html'));
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/parley/parley.js';
      script.onload = () => Parley.shutdown();
      document.head.appendChild(script);
    });
    await until(page, () => !!window.Parley);
    await settle(1500);
    await page.clock.runFor(5000);
    assert.equal(await widgetCount(page), 0);
    assert.deepEqual(await events(page), []);
    assert.deepEqual(page.errors, []);
  });

  inContext('data-hide-chat-button, data-color-override and data-lcw-version="test"', engine, async (context) => {
    const page = await blankWithParley(context, {
      'data-config': '/test-api/rule.json',
      'data-hide-chat-button': 'true',
      'data-color-override': '#ff0000',
      'data-lcw-version': 'test',
    }, { paused: true });
    const launcher = await launcherInfo(page);
    assert.ok(launcher, 'the widget is there');
    assert.equal(launcher.hidden, true, 'data-hide-chat-button hides the launcher');
    assert.equal(launcher.visible, false);
    assert.equal(launcher.background, 'rgb(255, 0, 0)', 'data-color-override changes the launcher colour');
    // The rule fires at 3 s; the invitation still shows, in the override colour.
    await page.clock.runFor(3500);
    await waitForInvitationText(page, 'Rule after 3 s');
    const button = await invitation(page).getByRole('button', { name: 'Start chat' }).evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(button, 'rgb(255, 0, 0)');
    const trace = page.consoleMessages.filter((m) => m.text.startsWith('[parley] rule dwell'));
    assert.ok(trace.length >= 2, `a console trace of rule evaluation: ${JSON.stringify(page.consoleMessages)}`);
    assert.ok(trace.some((m) => /true/.test(m.text)), 'the trace shows the rule becoming true');
    assert.deepEqual(page.errors, []);
  });
});
