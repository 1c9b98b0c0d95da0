// The QA console's agent desk calls the agent back, and the console is crisp on HiDPI (issue 13,
// item 7), in Chromium with WebGL through SwiftShader:
//
// - alerts are off by default; Alt+N turns them on and the choice survives a reload
//   (localStorage); while the page does not have the focus, a new conversation and a visitor
//   message put "(1) ", then "(2) " before the page's title, and the focus (or a click on the
//   console) clears it; off again, nothing more comes on the title; the tone
//   (WebAudio, counted by wrapping OscillatorNode.start) plays only after a gesture on the page;
// - at deviceScaleFactor 2 the console's canvas has a backing store of twice its CSS size, and a
//   click still lands where it was aimed (the menu bar's "Close (Alt+Q)" closes the console);
// - the demo index's "Open the QA console" opens the console over a page whose config has rules.
//
// The visitor here is a BroadcastChannel in the desk's own page speaking wasm-glue/TRANSPORT.md
// (a second BroadcastChannel object of the same name hears it), so the desk page stays in front
// and the focus is only what the test says: a blur or focus event on window.
//
// Run: ./dev build && node --test tests/e2e/console_desk_alerts.test.mjs

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, sleep, until as untilWithin } from './browser.mjs';
import { consoleCanvas, consoleRunning as consoleRunningAfter, clickConsole, shortcut } from './console_page.mjs';

const WAIT_MS = 20000;
const ALERTS_KEY = 'parley-console.desk-alerts';

let env;
before(async () => { env = await launch({ webgl: true }); });
after(async () => { await env?.close(); });

const until = (check, message, timeout = WAIT_MS) => untilWithin(check, message, timeout);

function inContext(name, body, options = {}) {
  test(name, { timeout: 120000 }, async () => {
    const context = await newContext(env, options);
    try {
      await body(context);
    } finally {
      await context.close();
    }
  });
}

// A page with the real clock (the console draws on animation frames) that counts the tones.
async function deskPage(context) {
  const page = await newPage(context, { clock: false });
  await page.addInitScript(() => {
    window.__tones = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args) {
      window.__tones += 1;
      return start.apply(this, args);
    };
  });
  return page;
}

const canvas = consoleCanvas;
const consoleRunning = (page) => consoleRunningAfter(page, 800);
const focusConsole = clickConsole;  // a gesture on the page, then a shortcut

// The agent looks away, or back (what console_alerts.js listens to).
const blur = (page) => page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
const focus = (page) => page.evaluate(() => window.dispatchEvent(new FocusEvent('focus')));

// A visitor tab, as TRANSPORT.md has it, on the desk's channel ("parley").
function fromVisitor(page, body) {
  return page.evaluate((message) => {
    const channel = new BroadcastChannel('parley');
    channel.postMessage({ v: 1, kind: 'msg', from: 'visitor', body: message });
    channel.close();
  }, body);
}

const start = (page, conversationId, name) => fromVisitor(page, {
  type: 'conversation.start', id: `${conversationId}-start`, conversationId, channel: 'chat', locale: 'en',
  prechat: name ? [{ id: 'name', label: 'Your name', value: name }] : [],
});
const say = (page, conversationId, id, text) => fromVisitor(page, { type: 'visitor.message', id, conversationId, text });

const title = (page) => page.evaluate(() => document.title);
const tones = (page) => page.evaluate(() => window.__tones);
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), ALERTS_KEY);

describe('the desk\'s alerts (agent.html?parley-console)', () => {
  inContext('off by default; Alt+N turns them on for good; the title badge counts what came while away and clears on focus; the tone waits for a gesture',
    async (context) => {
      const page = await deskPage(context);
      await page.goto(env.url('/agent.html?parley-console'));
      await consoleRunning(page);
      const base = await title(page);
      assert.equal(await stored(page), null);

      // Off by default: nothing happens to the title.
      await blur(page);
      await start(page, 'c-1', 'Amélie');
      await sleep(1000);
      assert.equal(await title(page), base, 'alerts are off by default');

      // On, with Alt+N (the click before it is the page's first gesture).
      await focus(page);
      await focusConsole(page);
      await shortcut(page, 'Alt+N');
      await until(async () => (await stored(page)) === 'on', 'Alt+N stores the choice');

      await blur(page);
      await start(page, 'c-2', '');
      await until(async () => (await title(page)) === `(1) ${base}`, async () => `the badge for a new conversation, title "${await title(page)}"`);
      await say(page, 'c-2', 'c-2-m1', 'Hello?');
      await until(async () => (await title(page)) === `(2) ${base}`, async () => `the badge for a visitor message, title "${await title(page)}"`);
      await until(async () => (await tones(page)) >= 1, 'a tone plays once a gesture allowed audio');
      await focus(page);
      await until(async () => (await title(page)) === base, 'the focus clears the badge');

      // Remembered across a reload; no gesture on this document yet, so the badge but no tone.
      await page.reload();
      await consoleRunning(page);
      assert.equal(await stored(page), 'on');
      await blur(page);
      await start(page, 'c-3', 'Jo');
      await until(async () => (await title(page)) === `(1) ${base}`, 'the badge after a reload');
      await sleep(500);
      assert.equal(await tones(page), 0, 'no tone before a gesture on this page');

      // A click on the console is the agent looking: the badge goes.
      await focusConsole(page);
      await until(async () => (await title(page)) === base, 'a click on the console clears the badge');

      // Off again: nothing more on the title, now or after a reload.
      await shortcut(page, 'Alt+N');
      await until(async () => (await stored(page)) === 'off', 'Alt+N stores "off"');
      await blur(page);
      await say(page, 'c-3', 'c-3-m1', 'Still there?');
      await sleep(1000);
      assert.equal(await title(page), base, 'alerts off: no badge');
      await page.reload();
      await consoleRunning(page);
      await blur(page);
      await start(page, 'c-4', '');
      await sleep(1000);
      assert.equal(await title(page), base);
      assert.deepEqual(page.errors, []);
    });
});

describe('the console at devicePixelRatio', () => {
  inContext('at deviceScaleFactor 2 the canvas is drawn at twice its CSS size, and clicks land where aimed', async (context) => {
    const page = await deskPage(context);
    await page.goto(env.url('/agent.html?parley-console'));
    await consoleRunning(page);
    const sizes = await page.evaluate(() => {
      const c = document.querySelector('[data-parley-console] canvas');
      const box = c.getBoundingClientRect();
      const overlay = document.querySelector('div[data-parley-console]');
      return { ratio: devicePixelRatio, width: c.width, height: c.height, cssWidth: box.width, cssHeight: box.height,
               overlayWidth: overlay.clientWidth, overlayHeight: overlay.clientHeight };
    });
    assert.equal(sizes.ratio, 2);
    assert.equal(sizes.cssWidth, sizes.overlayWidth, 'the canvas fills the overlay, in CSS pixels');
    assert.equal(sizes.cssHeight, sizes.overlayHeight);
    assert.equal(sizes.width, sizes.cssWidth * 2, 'backing store = CSS width x devicePixelRatio');
    assert.equal(sizes.height, sizes.cssHeight * 2);

    // The menu bar's "Close (Alt+Q)", found from the font's metrics (DejaVu Sans 15 px, Dear ImGui's
    // menu bar spacing): its middle, in CSS pixels. Off by a factor of two, the click would miss it.
    const x = await page.evaluate(() => {
      const context2d = document.createElement('canvas').getContext('2d');
      context2d.font = '15px "DejaVu Sans"';
      const w = (text) => context2d.measureText(text).width;
      return 8 + w('Parley QA console') + 8 + w('Keys') + 8 + 4 + w('Close (Alt+Q)') / 2;
    });
    const box = await canvas(page).boundingBox();
    await page.mouse.click(box.x + x, box.y + 10);
    await until(() => page.evaluate(() => getComputedStyle(document.querySelector('div[data-parley-console]')).display === 'none'),
      'a click on "Close (Alt+Q)" closes the console');
    assert.deepEqual(page.errors, []);
  }, { deviceScaleFactor: 2 });

  inContext('at deviceScaleFactor 1 nothing changes: backing store = CSS size', async (context) => {
    const page = await deskPage(context);
    await page.goto(env.url('/agent.html?parley-console'));
    await consoleRunning(page);
    const sizes = await page.evaluate(() => {
      const c = document.querySelector('[data-parley-console] canvas');
      const box = c.getBoundingClientRect();
      return [c.width, c.height, box.width, box.height];
    });
    assert.deepEqual(sizes.slice(0, 2), sizes.slice(2));
  });
});

describe('the demo index\'s console link', () => {
  inContext('"Open the QA console" opens the console over a page whose config has rules', async (context) => {
    const page = await newPage(context, { clock: false });
    await page.goto(env.url('/'));
    await Promise.all([page.waitForURL(/parley-console/), page.getByRole('link', { name: 'Open the QA console' }).click()]);
    await ready(page);
    await consoleRunning(page);
    const snapshot = await page.evaluate(() => Parley.inspect());
    assert.ok(snapshot.rules.length > 0, `the console's page has rules (got ${snapshot.rules.length})`);
    assert.deepEqual(page.errors, []);
  });
});
