// The visitor UI as people see it, drawn from hand-written view models (ui_views.mjs) with no
// engine: screenshots of the invitation, the survey, the chat and the video stage in light, dark,
// right-to-left (Arabic) and on a 390x844 phone, compared with the baselines in screenshots/
// (at most 1 % of the pixels may differ, by more than a little, per channel: font hinting and
// anti-aliasing), each with an axe-core run at WCAG 2.2 AA that must find nothing; and the phone's
// behaviour: full screen below 640 px, the composer above a (simulated) on-screen keyboard, and no
// focus moved on a touch screen.
//
// Run: node --test tests/e2e/ui_screens.test.mjs
// PARLEY_UPDATE_SCREENSHOTS=1 rewrites the baselines (review the PNGs before committing them).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, uiSource } from './browser.mjs';
import { chatView, chatWithDetails, conversation, invitationView, prechatFields, prechatView, videoView } from './ui_views.mjs';

const BASELINES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const UPDATE = !!process.env.PARLEY_UPDATE_SCREENSHOTS;
const UI_SOURCE = uiSource();
const MAX_DIFF_RATIO = 0.01;
const CHANNEL_TOLERANCE = 48;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

const PANELS = {
  invitation: () => invitationView('en', { channels: ['chat', 'video'] }),
  survey: () => prechatView('en', prechatFields('en', { values: { name: 'Ada' }, errors: { gdpr: 'This field is required.' } })),
  chat: () => chatWithDetails('en'),
  video: () => videoView({ state: 'invited', camera: 'off', remote: false, status: 'The agent invites you to a video call.', statusKey: 'videoInvited' }),
};
const VARIANTS = {
  light: { context: { viewport: DESKTOP }, view: (v) => v },
  dark: { context: { viewport: DESKTOP }, view: (v) => ({ ...v, theme: { ...v.theme, mode: 'dark' } }) },
  // Arabic: the widget's own words from its table, laid out right to left, on the left.
  rtl: { context: { viewport: DESKTOP }, view: (v) => ({ ...v, locale: 'ar' }) },
  phone: { context: PHONE, view: (v) => v },
};

let env;
before(async () => { env = await launch(); });
after(() => env?.close());

async function harness(contextOptions) {
  const context = await env.browser.newContext({ reducedMotion: 'reduce', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route('**/dev/parley-ui.js', (route) => route.fulfill({ contentType: 'text/javascript', body: UI_SOURCE }));
  await page.goto(env.url('/dev/ui-harness.html'));
  await page.addScriptTag({ url: '/dev/parley-ui.js' });
  await page.evaluate(() => {
    window.intents = [];
    window.ui = window.createParleyRenderer({ document, onIntent: (e) => window.intents.push(e), hideLauncher: false });
  });
  return { context, page, problems };
}
const render = (page, view) => page.evaluate((v) => window.ui.render(v), view);

// Share of pixels that differ by more than CHANNEL_TOLERANCE on a channel, decoded by the browser.
async function diffRatio(context, actual, expected) {
  const page = await context.newPage();
  try {
    return await page.evaluate(async ([a, b]) => {
      const decode = async (base64) => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))]));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const g = canvas.getContext('2d');
        g.drawImage(bitmap, 0, 0);
        return g.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = [await decode(a), await decode(b)];
      if (x.width !== y.width || x.height !== y.height) return { ratio: 1, size: `${x.width}x${x.height} vs ${y.width}x${y.height}` };
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        for (let c = 0; c < 4; c++) {
          if (Math.abs(x.data[i + c] - y.data[i + c]) > 48) { differing++; break; }
        }
      }
      return { ratio: differing / (x.width * x.height) };
    }, [actual.toString('base64'), expected.toString('base64')]);
  } finally {
    await page.close();
  }
}

describe('screenshots and axe, per panel and variant', () => {
  for (const [variant, spec] of Object.entries(VARIANTS)) {
    it(variant, async () => {
      const { context, page, problems } = await harness(spec.context);
      try {
        for (const [panel, make] of Object.entries(PANELS)) {
          await render(page, spec.view(make()));
          const { violations } = await new AxeBuilder({ page }).include('[data-parley-widget]')
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
          assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [],
            `${variant}/${panel}: axe violations`);
          // Desktop: the widget only; the phone: the whole screen (the page around it matters).
          const shot = variant === 'phone'
            ? await page.screenshot({ animations: 'disabled', caret: 'hide' })
            : await page.locator('[data-parley-widget]').screenshot({ animations: 'disabled', caret: 'hide' });
          const file = path.join(BASELINES, `${panel}-${variant}.png`);
          if (UPDATE || !fs.existsSync(file)) {
            assert.ok(UPDATE, `${path.relative(process.cwd(), file)} is missing: run with PARLEY_UPDATE_SCREENSHOTS=1`);
            fs.writeFileSync(file, shot);
            continue;
          }
          const { ratio, size } = await diffRatio(context, shot, fs.readFileSync(file));
          if (ratio > MAX_DIFF_RATIO) fs.writeFileSync(file.replace(/\.png$/, '.actual.png'), shot);
          assert.ok(ratio <= MAX_DIFF_RATIO, `${variant}/${panel}: ${size || `${(ratio * 100).toFixed(2)} % of the pixels differ`} ` +
            '(the new one is next to the baseline, .actual.png)');
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('phones', () => {
  it('below 640 px the chat takes the whole screen; above, it stays a card', async () => {
    for (const [viewport, full] of [[{ width: 390, height: 844 }, true], [{ width: 639, height: 700 }, true], [{ width: 640, height: 700 }, false]]) {
      const { context, page } = await harness({ viewport });
      try {
        await render(page, chatView('en', { messages: conversation() }));
        const box = await page.getByRole('dialog', { name: 'Chat' }).boundingBox();
        const covers = box.x === 0 && box.y === 0 && box.width === viewport.width && box.height === viewport.height;
        assert.equal(covers, full, `${viewport.width}x${viewport.height}: ${JSON.stringify(box)}`);
        await render(page, invitationView());
        const card = await page.getByRole('dialog', { name: 'Chat with us' }).boundingBox();
        assert.ok(card.width < viewport.width, 'the invitation stays a card');
      } finally {
        await context.close();
      }
    }
  });

  it('the composer stays above the on-screen keyboard (the visual viewport shrinks)', async () => {
    const { context, page } = await harness(PHONE);
    try {
      // A stand-in visual viewport the test shrinks as a keyboard would (headless Chromium shows none).
      await page.evaluate(() => {
        const fake = new EventTarget();
        fake.height = 844;
        fake.offsetTop = 0;
        Object.defineProperty(window, 'visualViewport', { value: fake, configurable: true });
        window.__keyboard = (height) => { fake.height = 844 - height; fake.dispatchEvent(new Event('resize')); };
      });
      await render(page, chatView('en', { messages: conversation() }));
      const composer = page.getByRole('textbox', { name: 'Your message' });
      assert.ok((await composer.boundingBox()).y + 40 > 700, 'at the bottom of the screen before');
      await page.evaluate(() => window.__keyboard(340));
      const box = await composer.boundingBox();
      assert.ok(box.y + box.height <= 844 - 340, `the composer ends at ${box.y + box.height}, the keyboard starts at 504`);
      assert.ok(box.y > 300, 'and sits right above it');
    } finally {
      await context.close();
    }
  });

  it('on a touch screen nothing takes the focus when a panel opens (no keyboard over the form)', async () => {
    for (const [options, moves] of [[PHONE, false], [{ viewport: DESKTOP }, true]]) {
      const { context, page } = await harness(options);
      try {
        await render(page, prechatView('en'));
        const focused = await page.evaluate(() => document.querySelector('[data-parley-widget]').shadowRoot.activeElement?.tagName ?? null);
        assert.equal(focused !== null, moves, `${options.hasTouch ? 'touch' : 'desktop'}: focus on ${focused}`);
      } finally {
        await context.close();
      }
    }
  });

  it('inputs are 16 px on every panel (iOS Safari zooms into smaller ones)', async () => {
    const { context, page } = await harness(PHONE);
    try {
      for (const view of [prechatView('en'), chatView('en', { messages: conversation() })]) {
        await render(page, view);
        const sizes = await page.evaluate(() => [...document.querySelector('[data-parley-widget]').shadowRoot
          .querySelectorAll('input:not([type=checkbox]):not([type=radio]), select, textarea')].map((el) => getComputedStyle(el).fontSize));
        assert.ok(sizes.length > 0);
        assert.deepEqual(sizes.filter((size) => parseFloat(size) < 16), []);
      }
    } finally {
      await context.close();
    }
  });
});
