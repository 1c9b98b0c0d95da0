// The scrollDepth fact end to end, on both engines: the passive scroll listener of
// wasm-glue/runtime/browser_facts.js reports the deepest point of the page (0 to 100, throttled),
// and a rule on it (demo-site/test-scroll/page.json: scrollDepth > 50) fires once the visitor has
// scrolled past the middle of the page, not before.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, events, waitForEvent, ENGINES } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

// Scrolls so that the bottom of the viewport is at `fraction` of the page, and waits for the
// scroll event this makes (the widget's listener, added first, has run by then).
async function scrollToFraction(page, fraction) {
  await page.evaluate((f) => new Promise((resolve) => {
    window.addEventListener('scroll', () => resolve(), { once: true });
    const total = document.documentElement.scrollHeight;
    window.scrollTo(0, Math.max(1, f * total - window.innerHeight));
  }), fraction);
}

const depth = async (page) => (await page.evaluate(() => Parley.inspect())).facts.scrollDepth;

for (const engine of ENGINES) {
  describe(`scrollDepth (${engine})`, () => {
    test('scrolling past the middle of the page fires the rule; 40% does not', async () => {
      const context = await newContext(env, { engine });
      const page = await newPage(context);
      await page.clock.pauseAt(Date.now() + 1000);  // time moves only when the test says so
      await page.goto(env.url('/test-scroll/page.html'));
      await ready(page);
      assert.equal(await depth(page), 0, 'nothing scrolled yet');

      await scrollToFraction(page, 0.4);
      const shallow = await depth(page);
      assert.ok(shallow >= 35 && shallow <= 45, `depth at 40% of the page: ${shallow}`);
      assert.deepEqual(await events(page, 'lcw:proactiveInvite'), [], 'no invitation at 40%');

      await page.clock.runFor(500);  // past the listener's throttle
      await scrollToFraction(page, 0.7);
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(invite.rule, 'halfway');
      const deep = await depth(page);
      assert.ok(deep > 50 && deep <= 75, `depth at 70% of the page: ${deep}`);

      await page.clock.runFor(500);
      await scrollToFraction(page, 0.2);
      assert.equal(await depth(page), deep, 'the deepest point is kept when scrolling back up');
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  });
}
