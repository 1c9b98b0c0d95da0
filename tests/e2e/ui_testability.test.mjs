// The widget as a site's QA team meets it: parley.js on a plain page, nothing patched (the
// shadow root is open). The README's Playwright snippet runs here as it is written.
//
// Run: node --test tests/e2e/ui_testability.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, newPage, ready, waitForEvent } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The first ```js block after a heading of the README.
function readmeSnippet(heading) {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = text.slice(text.indexOf(`## ${heading}\n`));
  return section.match(/```js\n([\s\S]*?)```/)[1];
}

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

// blank.html with parley.js (and the given config inline, if any), up to lcw:ready.
export async function parleyPage(context, { config, lang = 'en', pageOptions = {} } = {}) {
  const page = await newPage(context, { clock: false, ...pageOptions });
  await page.goto(env.url('/test-api/blank.html'));
  await page.evaluate(({ config, lang }) => {
    document.documentElement.lang = lang;
    if (config) {
      const inline = document.createElement('script');
      inline.type = 'application/json';
      inline.id = 'parley-config';
      inline.textContent = JSON.stringify(config);
      document.head.appendChild(inline);
    }
    const script = document.createElement('script');
    script.src = '/parley/parley.js';
    document.head.appendChild(script);
  }, { config, lang });
  await ready(page);
  return page;
}

describe('testable by anyone', () => {
  it('the README\'s Playwright snippet finds the invitation by its text and starts a chat, nothing patched', async () => {
    const context = await newContext(env);
    try {
      const page = await parleyPage(context);
      assert.equal(await page.evaluate(() => Element.prototype.attachShadow.toString().includes('[native code]')), true);
      await page.evaluate(() => window.Parley.startProactiveChat('Hi! Need a hand?'));
      const run = new (Object.getPrototypeOf(async () => {}).constructor)('page', readmeSnippet('Restyling and testing the widget'));
      await run(page);
      await waitForEvent(page, 'lcw:startChat');
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
    }
  });
});
