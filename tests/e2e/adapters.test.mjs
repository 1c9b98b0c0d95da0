// The browser adapters that feed the engine, in Chromium on both engines: a single-page-app route
// change (history.pushState) is a new page view and re-runs targeting; scrolling reports the
// depth; input resets idle time; on a touch device, coming back to a hidden page is exit intent.
// Page: demo-site/test-adapters/page.html, one rule per adapter.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, events, waitForEvent, ENGINES } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function open(engine, contextOptions = {}) {
  const context = await newContext(env, { engine, ...contextOptions });
  const page = await newPage(context);
  await page.clock.pauseAt(Date.now() + 1000);  // time moves only when the test says so
  await page.goto(env.url('/test-adapters/page.html'));
  await ready(page);
  return { context, page };
}

// Headless Chromium never hides a page (other tabs, a minimized window and back-forward navigation
// were tried: document.visibilityState stays "visible"), so the tab switch is played here: the
// page's visibilityState reads "hidden", then "visible", each with a real visibilitychange event.
async function setHidden(page, hidden) {
  await page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden ? 'hidden' : 'visible');
}

// Scroll events come on the next frame, not during scrollTo(): wait for the one this scroll makes
// (the widget's own listener, added first, has run by then).
async function scrollTo(page, y) {
  await page.evaluate((top) => new Promise((resolve) => {
    window.addEventListener('scroll', () => resolve(), { once: true });
    window.scrollTo(0, top === 'bottom' ? document.body.scrollHeight : top);
  }), y);
}

const TOUCH_PHONE = { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } };

const invitations = async (page) => (await events(page, 'lcw:proactiveInvite')).map((e) => e.detail.rule);

for (const engine of ENGINES) {
  describe(`browser adapters (${engine})`, () => {
    test('a pushState route change is a new page view that re-runs targeting', async () => {
      const { context, page } = await open(engine);
      assert.deepEqual(await invitations(page), []);
      assert.equal((await page.evaluate(() => Parley.inspect())).facts.pageViews, 1);
      await page.evaluate(() => history.pushState({}, '', '/test-adapters/cart?items=2'));
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(invite.rule, 'route');
      const facts = (await page.evaluate(() => Parley.inspect())).facts;
      assert.equal(facts.pageViews, 2);
      assert.match(facts.previousPage, /\/test-adapters\/page\.html$/);
      assert.deepEqual(page.errors, []);
      await context.close();
    });

    test('scrolling to the bottom reports the depth; a shallow scroll does not', async () => {
      const { context, page } = await open(engine);
      await scrollTo(page, 1000);
      await page.clock.runFor(500);
      assert.deepEqual(await invitations(page), []);
      const shallow = (await page.evaluate(() => Parley.inspect())).facts.scrollDepth;
      assert.ok(shallow > 0 && shallow < 90, `depth after a shallow scroll: ${shallow}`);
      await page.clock.runFor(500);  // past the scroll throttle
      await scrollTo(page, 'bottom');
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(invite.rule, 'scroll');
      assert.deepEqual(page.errors, []);
      await context.close();
    });

    test('idle time counts from the last input, and input starts it again', async () => {
      const { context, page } = await open(engine);
      await page.clock.runFor(20000);
      await page.keyboard.press('Shift');  // input at 20 s: idle starts again
      await page.clock.runFor(29000);
      assert.deepEqual(await invitations(page), [], 'no invitation 29 s after the last input');
      await page.clock.runFor(1500);
      assert.deepEqual(await invitations(page), ['idle']);
      assert.deepEqual(page.errors, []);
      await context.close();
    });

    test('on a touch device, coming back to a page that was hidden is exit intent', async () => {
      const { context, page } = await open(engine, TOUCH_PHONE);
      await page.touchscreen.tap(100, 100);  // a real touch: input, not exit intent
      await page.clock.runFor(11000);
      await setHidden(page, true);
      await page.clock.runFor(3000);
      let facts = (await page.evaluate(() => Parley.inspect())).facts;
      assert.equal(facts.exitIntent, false, 'hiding the page is not yet exit intent');
      assert.deepEqual(await invitations(page), []);
      await setHidden(page, false);
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(invite.rule, 'exit-touch');
      facts = (await page.evaluate(() => Parley.inspect())).facts;
      assert.equal(facts.exitIntent, true);
      assert.ok(facts.timeOnPage >= 11000 && facts.timeOnPage < 12000, `hidden time does not count: ${facts.timeOnPage}`);
      assert.deepEqual(page.errors, []);
      await context.close();
    });

    test('on a desktop, the same return to the page is not exit intent', async () => {
      const { context, page } = await open(engine);
      await page.clock.runFor(11000);
      await setHidden(page, true);
      await page.clock.runFor(3000);
      await setHidden(page, false);
      await page.clock.runFor(1000);
      assert.equal((await page.evaluate(() => Parley.inspect())).facts.exitIntent, false);
      assert.deepEqual(await invitations(page), []);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  });
}
