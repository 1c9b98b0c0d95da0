// The widget as a site's QA team and its visitors meet it: parley.js (engine and all) on a plain
// page, nothing patched (the shadow root is open). The README's Playwright snippet runs here as it
// is written; a German and an Arabic page get the widget in their language (Arabic right to left,
// on the left), a page in a language without strings gets the browser's first one that has them,
// and a string the config overrides wins over the table.
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
async function parleyPage(context, { config, lang = 'en', pageOptions = {} } = {}) {
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

  it('a German page: the widget speaks German', async () => {
    const context = await newContext(env);
    try {
      const page = await parleyPage(context, { lang: 'de-DE' });
      await page.evaluate(() => window.Parley.startProactiveChat('Hallo! Brauchen Sie Hilfe?'));
      const dialog = page.getByRole('dialog', { name: 'Chatten Sie mit uns' });
      await dialog.waitFor();
      assert.equal(await page.locator('[data-parley-widget]').getAttribute('lang'), 'de');
      await dialog.getByRole('button', { name: 'Nein danke' }).waitFor();
      await dialog.getByRole('button', { name: 'Chat starten' }).click();
      const chat = page.getByRole('dialog', { name: 'Chat' });
      await chat.getByText('Warten auf einen Mitarbeiter …').waitFor();
      await chat.getByRole('textbox', { name: 'Ihre Nachricht' }).waitFor();
      await chat.getByRole('button', { name: 'Chat beenden' }).waitFor();
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
    }
  });

  it('a page in a language without strings: the browser\'s first language that has them', async () => {
    // navigator.languages: Klingon (no table), then German, then English.
    const context = await newContext(env, { locale: 'tlh' });
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['tlh', 'de-AT', 'en-US'] });
    });
    try {
      for (const [lang, widgetLang] of [['tlh', 'de'], ['', 'de'], ['fr-CA', 'fr']]) {
        const page = await parleyPage(context, { lang });
        assert.equal(await page.locator('[data-parley-widget]').getAttribute('lang'), widgetLang, `<html lang="${lang}">`);
        assert.deepEqual(page.errors, []);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  it('an Arabic page: Arabic strings, right to left, the widget on the left', async () => {
    const context = await newContext(env, { viewport: { width: 1280, height: 800 } });
    try {
      const page = await parleyPage(context, { lang: 'ar' });
      await page.evaluate(() => { document.documentElement.dir = 'rtl'; window.Parley.startProactiveChat('مرحبًا! هل تحتاج إلى مساعدة؟'); });
      const dialog = page.getByRole('dialog', { name: 'تحدّث معنا' });
      await dialog.waitFor();
      const accept = dialog.getByRole('button', { name: 'بدء المحادثة' });
      const box = await accept.boundingBox();
      assert.ok(box.x + box.width < 640, `on the left half: ${JSON.stringify(box)}`);
      const direction = await accept.evaluate((el) => getComputedStyle(el).direction);
      assert.equal(direction, 'rtl');
      assert.deepEqual(page.errors, []);
    } finally {
      await context.close();
    }
  });

  it('a string overridden in the config wins, in its language only', async () => {
    const context = await newContext(env);
    try {
      const config = { strings: { launcher: { de: 'Fragen? Schreiben Sie uns' }, acceptChat: 'Los geht\u2019s' } };
      const page = await parleyPage(context, { lang: 'de', config });
      await page.evaluate(() => window.Parley.startProactiveChat('Hallo!'));
      const dialog = page.getByRole('dialog', { name: 'Fragen? Schreiben Sie uns' });
      await dialog.getByRole('button', { name: 'Los geht\u2019s' }).waitFor();
      await dialog.getByRole('button', { name: 'Nein danke' }).waitFor();  // not overridden: the table's
      const english = await parleyPage(await newContext(env), { lang: 'en', config });
      await english.evaluate(() => window.Parley.startProactiveChat('Hi!'));
      await english.getByRole('dialog', { name: 'Chat with us' }).getByRole('button', { name: 'Los geht\u2019s' }).waitFor();
      await english.context().close();
    } finally {
      await context.close();
    }
  });
});
