// The browser adapters that feed the engine, in Chromium on both engines: a single-page-app route
// change (history.pushState) is a new page view and re-runs targeting; scrolling reports the
// depth; input resets idle time. Page: demo-site/test-adapters/page.html, one rule per adapter.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, events, waitForEvent, ENGINES } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function open(engine) {
  const context = await newContext(env, { engine });
  const page = await newPage(context);
  await page.clock.pauseAt(Date.now() + 1000);  // time moves only when the test says so
  await page.goto(env.url('/test-adapters/page.html'));
  await ready(page);
  return { context, page };
}

// Scroll events come on the next frame, not during scrollTo(): wait for the one this scroll makes
// (the widget's own listener, added first, has run by then).
async function scrollTo(page, y) {
  await page.evaluate((top) => new Promise((resolve) => {
    window.addEventListener('scroll', () => resolve(), { once: true });
    window.scrollTo(0, top === 'bottom' ? document.body.scrollHeight : top);
  }), y);
}

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
  });
}
