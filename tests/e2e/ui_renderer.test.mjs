// The visitor UI renderer (wasm-glue/runtime/ui_styles.js + ui_renderer.js) in Debian Chromium,
// driven with hand-written view models (PROTOCOL.md, "View model") and the engine's English and
// French labels; no engine runs. Each test gets a fresh browser context on
// demo-site/dev/ui-harness.html, a blank host page under a strict CSP.
//
// The two files are concatenated inside one 'use strict' function, as parley.js does, and served
// as a same-origin script (routed), since the policy refuses inline scripts. The widget's shadow
// root is open: axe and the locators see inside with nothing patched.
//
// Run: node --test tests/e2e/ui_renderer.test.mjs
// PARLEY_UI_SCREENSHOTS=/tmp also writes one screenshot per panel there.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, uiSource } from './browser.mjs';
import { TEXTS, baseView, closedView, invitationView, prechatFields, prechatView, chatView, message, conversation, postchatView, VIDEO_LABELS, videoView, PANELS } from './ui_views.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UI_SOURCE = uiSource();
const SCREENSHOTS = process.env.PARLEY_UI_SCREENSHOTS;

// Runs in every page before its own scripts.
function instrumentPage() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

// ---- harness ---------------------------------------------------------------------------------

let env; // the demo server and Debian's Chromium (browser.mjs)
let server;
let browser;

before(async () => {
  env = await launch();
  ({ server, browser } = env);
});

after(() => env?.close());

/** A fresh context and page with the renderer created; intents land in window.intents. */
async function openHarness({ contextOptions = {}, rendererOptions = {}, beforeGoto } = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 }, ...contextOptions });
  await context.addInitScript(instrumentPage);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); dialog.dismiss(); });
  await page.route('**/dev/parley-ui.js', (route) => route.fulfill({ contentType: 'text/javascript', body: UI_SOURCE }));
  if (beforeGoto) await beforeGoto(context);
  await page.goto(`${server.url}dev/ui-harness.html`);
  if (!beforeGoto) {
    await page.addScriptTag({ url: '/dev/parley-ui.js' });
    await page.evaluate((opts) => {
      window.intents = [];
      window.ui = window.createParleyRenderer({
        document, onIntent: (event) => window.intents.push(event),
        hideLauncher: false, colorOverride: null, fontOverride: null, ...opts,
      });
    }, rendererOptions);
  }
  return { context, page, problems };
}

async function withHarness(options, body) {
  const harness = await openHarness(options);
  try {
    await body(harness.page, harness);
    assert.deepEqual(harness.problems, [], 'no page errors, no dialogs');
  } finally {
    await harness.context.close();
  }
}

const render = (page, view) => page.evaluate((v) => window.ui.render(v), view);

/** The intents recorded since the last call. */
const takeIntents = (page) => page.evaluate(() => window.intents.splice(0));

/** "tag:accessible-ish name" of the focused element in the widget, or "page:..." outside it. */
const focused = (page) => page.evaluate(() => {
  const root = document.querySelector('[data-parley-widget]')?.shadowRoot;
  const el = root?.activeElement;
  if (!el) return `page:${document.activeElement === document.body ? 'body' : document.activeElement?.id}`;
  const name = el.getAttribute('aria-label') || (el.labels?.[0]?.firstChild?.textContent) || el.textContent;
  return `${el.tagName.toLowerCase()}:${name.trim()}`;
});

/** Facts about the shadow tree that must always hold. */
const shadowFacts = (page) => page.evaluate(() => {
  const root = document.querySelector('[data-parley-widget]').shadowRoot;
  const all = [...root.querySelectorAll('*')];
  return {
    styleElements: root.querySelectorAll('style, link').length,
    styleAttributes: all.filter((el) => el.hasAttribute('style')).map((el) => `${el.tagName}.${el.className}[style=${el.getAttribute('style')}]`),
    eventAttributes: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
    foreignElements: all.filter((el) => /^(img|script|iframe|object|embed|a|b|i|marquee)$/i.test(el.tagName) &&
      !(el.tagName === 'IMG' && /^(logo|avatar)$/.test(el.getAttribute('part')))).map((el) => el.tagName),
    adoptedSheets: root.adoptedStyleSheets.length,
    csp: window.__cspViolations,
  };
});

async function assertCleanShadow(page) {
  const facts = await shadowFacts(page);
  assert.equal(facts.styleElements, 0, 'no <style> or <link> in the shadow root');
  assert.deepEqual(facts.styleAttributes, [], 'no style attribute in the shadow root');
  assert.deepEqual(facts.eventAttributes, [], 'no on* attribute');
  assert.deepEqual(facts.foreignElements, [], 'no element from untrusted markup');
  assert.equal(facts.adoptedSheets, 1, 'styled by one constructable stylesheet');
  assert.deepEqual(facts.csp, [], 'no CSP violation');
}

const widget = (page) => page.locator('[data-parley-widget]');

// ---- tests -----------------------------------------------------------------------------------

describe('visitor UI renderer', () => {
  it('draws in an open shadow root on a fixed bottom-right host, styled under a strict CSP', () =>
    withHarness({}, async (page) => {
      const layoutBefore = await page.evaluate(() => [document.body.scrollHeight, document.querySelector('main').getBoundingClientRect().toJSON()]);
      await render(page, closedView());
      const host = await page.evaluate(() => {
        const el = document.querySelector('[data-parley-widget]');
        const style = getComputedStyle(el);
        const launcher = el.shadowRoot.querySelector('button.launcher');
        return {
          open: el.shadowRoot !== null, parent: el.parentElement.tagName, lang: el.getAttribute('lang'),
          position: style.position, right: style.right, bottom: style.bottom, zIndex: Number(style.zIndex),
          launcherBackground: getComputedStyle(launcher).backgroundColor, launcherRect: launcher.getBoundingClientRect().toJSON(),
          globals: ['parleyStyles', 'createParleyRenderer'].filter((name) => name in window && name !== 'createParleyRenderer'),
        };
      });
      assert.equal(host.open, true, 'the page reaches the shadow root with no patching');
      assert.equal(host.parent, 'BODY');
      assert.equal(host.lang, 'en');
      assert.equal(host.position, 'fixed');
      assert.equal(host.right, '20px');
      assert.equal(host.bottom, '20px');
      assert.ok(host.zIndex > 1e9, 'above the page');
      assert.equal(host.launcherBackground, 'rgb(11, 110, 79)', 'theme colour applied');
      assert.equal(Math.round(host.launcherRect.right), 1024 - 20);
      assert.equal(Math.round(host.launcherRect.bottom), 720 - 20);
      assert.deepEqual(host.globals, [], 'the files define no global of their own');
      const layoutAfter = await page.evaluate(() => [document.body.scrollHeight, document.querySelector('main').getBoundingClientRect().toJSON()]);
      assert.deepEqual(layoutAfter, layoutBefore, 'the page layout does not move');
      await assertCleanShadow(page);
    }));

  it('the launcher starts a chat when closed, maximizes when minimized, and shows the unread count', () =>
    withHarness({}, async (page) => {
      await render(page, closedView());
      const launcher = page.getByRole('button', { name: 'Chat with us' });
      await launcher.click();
      assert.deepEqual(await takeIntents(page), [{ type: 'startChat' }]);

      await render(page, chatView('en', { minimized: true, unread: 3, messages: conversation() }));
      assert.equal(await page.getByRole('dialog').count(), 0, 'the minimized chat is not shown');
      // The number is drawn; screen readers hear it in words.
      const badge = page.getByRole('button', { name: 'Chat with us, 3 unread messages', exact: true });
      await badge.click();
      assert.deepEqual(await takeIntents(page), [{ type: 'maximize' }]);

      await render(page, chatView('en', { messages: conversation() }));
      assert.equal(await page.getByRole('dialog', { name: 'Chat' }).count(), 1);
      assert.equal(await launcher.count(), 0, 'no launcher while the chat is open');
    }));

  it('data-hide-chat-button hides the launcher, but not the way back to a minimized chat', () =>
    withHarness({ rendererOptions: { hideLauncher: true } }, async (page) => {
      await render(page, closedView());
      assert.equal(await page.getByRole('button', { name: 'Chat with us' }).count(), 0);
      await render(page, chatView('en', { minimized: true, messages: conversation() }));
      assert.equal(await page.getByRole('button', { name: 'Chat with us' }).count(), 1);
    }));

  it('untrusted strings stay text: no element injected, no script run, no dialog', () =>
    withHarness({ contextOptions: { bypassCSP: true } }, async (page) => {
      // bypassCSP: the harness's policy would block an injected handler and hide a hole.
      const payloads = [
        '<img src=x onerror="window.__xss=1">',
        '<script>window.__xss=2<\/script>',
        '"><svg onload="window.__xss=3">',
        "<a href='javascript:window.__xss=4'>x</a>",
        '<b onmouseover="window.__xss=5">bold</b>',
      ];
      const p = (i) => payloads[i % payloads.length];
      const base = {
        theme: { color: 'red;}:host{display:none}', font: 'x;} *{display:none' },
        launcher: { visible: true, label: p(0), unread: 0 },
        labels: { close: p(1), minimize: p(2) },
      };
      const views = {
        invitation: baseView('en', { ...base, state: 'ProactiveChat',
          invitation: { message: p(0), channels: ['chat', 'video', '<img src=x onerror=alert(1)>'], expiresAt: null,
            labels: { acceptChat: p(1), acceptVideo: p(2), decline: p(3) } } }),
        prechat: baseView('en', { ...base, state: 'Prechat',
          prechat: { title: p(4), labels: { submit: p(0) }, fields: [
            { id: p(1), type: 'text', label: p(2), required: true, value: p(3), error: p(4) },
            { id: 'topic', type: 'choice', label: p(0), required: false, options: [p(1), p(2)], value: p(1) },
            { id: 'gdpr', type: '<img src=x onerror=alert(1)>', label: p(3), required: false },
            { id: 'ok', type: 'consent', label: p(4), required: true, error: p(0) },
          ] } }),
        chat: baseView('en', { ...base, state: 'Active',
          chat: { title: p(1), channel: 'chat', status: p(2), agentName: p(3), canSend: true,
            labels: { composer: p(4), send: p(0), end: p(1) },
            messages: [message(p(0), 'agent', p(1)), message('2', p(2), p(3)), message('3', 'visitor', p(4)), message('4', 'agent', p(0))] } }),
        postchat: baseView('en', { ...base, state: 'Postchat',
          postchat: { question: p(2), scale: '<img src=x onerror=alert(1)>', labels: { submit: p(3), skip: p(4) } } }),
      };
      for (const [name, view] of Object.entries(views)) {
        await render(page, view);
        await page.mouse.move(900, 600); // over the widget: a mouseover handler would run now
        await assertCleanShadow(page);
        const shown = await page.evaluate(() => document.querySelector('[data-parley-widget]').shadowRoot.textContent);
        assert.ok(payloads.some((payload) => shown.includes(payload)), `${name}: the markup shows as characters`);
        assert.equal(await page.evaluate(() => window.__xss), undefined, `${name}: no script ran`);
        if (name !== 'chat') continue;
        const texts = await page.evaluate(() => {
          const root = document.querySelector('[data-parley-widget]').shadowRoot;
          return [...root.querySelectorAll('.msg')].map((m) => [m.className, (m.querySelector('.text') || m).textContent]);
        });
        assert.deepEqual(texts, [['msg agent', p(1)], ['msg system', p(3)], ['msg visitor', p(4)], ['msg agent', p(0)]],
          'each message is its own text; an unknown sender is drawn as system');
      }
      const theme = await page.evaluate(() => {
        const el = document.querySelector('[data-parley-widget]');
        return [getComputedStyle(el).display, getComputedStyle(el.shadowRoot.querySelector('.launcher')).backgroundColor];
      });
      assert.deepEqual(theme, ['block', 'rgb(11, 110, 79)'], 'a bad theme value falls back to the default colour');
    }));

  it('keyboard only: invitation, pre-chat survey with errors, chat, rating', () =>
    withHarness({}, async (page) => {
      await render(page, closedView());
      await render(page, invitationView('en', { channels: ['chat', 'video'] }));
      assert.equal(await focused(page), 'button:Start chat', 'the invitation takes focus: first accept button');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'button:Video call');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'accept', channel: 'chat' }]);

      await render(page, prechatView());
      assert.equal(await focused(page), 'input:Your name', 'pre-chat: the first field');
      await page.keyboard.type('Ada');
      assert.deepEqual((await takeIntents(page)).map((e) => e.value), ['A', 'Ad', 'Ada']);
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'prechatSubmit' }]);

      await render(page, prechatView('en', prechatFields('en', {
        values: { name: 'Ada', email: 'ada@' },
        errors: { email: 'Enter a valid email address.', gdpr: 'This field is required.' },
      })));
      assert.equal(await focused(page), 'input:Email', 'a failed submit focuses the first field in error');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('ada@example.com');
      assert.deepEqual((await takeIntents(page)).at(-1), { type: 'prechatChange', id: 'email', value: 'ada@example.com' });
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'select:Topic');
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await takeIntents(page), [{ type: 'prechatChange', id: 'topic', value: 'Billing' }]);
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'input:I agree to be contacted');
      await page.keyboard.press('Space');
      assert.deepEqual(await takeIntents(page), [{ type: 'prechatChange', id: 'gdpr', value: true }]);
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'button:Start chat');
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'prechatSubmit' }]);

      await render(page, chatView('en', { state: 'Loading' }));
      assert.equal(await focused(page), 'textarea:Your message', 'chat: the composer');
      await page.keyboard.type('First line');
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('second line');
      assert.deepEqual(await takeIntents(page), [], 'Shift+Enter is a new line');
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'sendMessage', text: 'First line\nsecond line' }]);
      assert.equal(await page.getByRole('textbox', { name: 'Your message' }).inputValue(), '', 'the composer is cleared');
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [], 'nothing to send');

      await render(page, chatView('en', { messages: [message('v1', 'visitor', 'First line\nsecond line'), message('a1', 'agent', 'Hello!')] }));
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'button:Send');
      // Shift+Tab from the composer goes to the log (scrollable by keyboard), then the header.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'button:Close');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'button:Minimize');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'button:End chat');
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'endChat' }]);

      await render(page, postchatView());
      assert.equal(await focused(page), 'input:1', 'rating: the first star');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(page), 'input:4');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'button:Send rating');
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'rate', score: 4 }]);

      await render(page, closedView());
      assert.equal(await focused(page), 'button:Chat with us', 'focus returns to the launcher');
    }));

  it('Escape minimizes the survey and the chat (nothing typed is lost) and skips the rating', () =>
    withHarness({}, async (page) => {
      await render(page, prechatView());
      await page.getByLabel('Your name').fill('Ada');
      await takeIntents(page);
      await page.keyboard.press('Escape');
      assert.deepEqual(await takeIntents(page), [{ type: 'minimize' }]);

      await render(page, chatView('en', { messages: conversation() }));
      await page.getByRole('textbox', { name: 'Your message' }).fill('half a sentence');
      await page.keyboard.press('Escape');
      assert.deepEqual(await takeIntents(page), [{ type: 'minimize' }]);
      await render(page, chatView('en', { messages: conversation(), minimized: true }));
      assert.equal(await focused(page), 'button:Chat with us', 'focus goes to the launcher');
      assert.deepEqual(await takeIntents(page), [{ type: 'composerBlur' }], 'the composer left with text in it: typing stops');
      await render(page, chatView('en', { messages: conversation() }));
      assert.equal(await page.getByRole('textbox', { name: 'Your message' }).inputValue(), 'half a sentence');

      await render(page, postchatView());
      await page.keyboard.press('Escape');
      assert.deepEqual(await takeIntents(page), [{ type: 'rate', score: null }]);
    }));

  it('Escape declines; an invitation does not take focus from the visitor busy on the page', () =>
    withHarness({}, async (page) => {
      await page.getByLabel('A field of the host page').fill('typing on the page');
      await render(page, invitationView());
      assert.equal(await focused(page), 'page:host-input', 'the page field keeps focus');
      await page.keyboard.press('Escape');
      assert.deepEqual(await takeIntents(page), [], 'Escape on the page is the page\'s');
      await page.getByRole('button', { name: 'Start chat' }).focus();
      await page.keyboard.press('Escape');
      assert.deepEqual(await takeIntents(page), [{ type: 'decline' }]);
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'No thanks' }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'decline' }, { type: 'decline' }]);

      // A video-only invitation: one accept button, the primary one.
      await render(page, closedView());
      await page.getByRole('button', { name: 'Chat with us' }).focus();
      await render(page, invitationView('en', { channels: ['video'] }));
      assert.equal(await focused(page), 'button:Video call');
      assert.equal(await page.getByRole('button', { name: 'Start chat' }).count(), 0);
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'accept', channel: 'video' }]);
    }));

  it('a re-render with a new agent message keeps focus, caret and typed text, and appends to the log', () =>
    withHarness({}, async (page) => {
      const messages = conversation().slice(0, 3);
      await render(page, chatView('en', { messages }));
      const composer = page.getByRole('textbox', { name: 'Your message' });
      await composer.focus();
      await page.keyboard.type('I was about to say');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.evaluate(() => {
        const root = document.querySelector('[data-parley-widget]').shadowRoot;
        root.querySelector('.msg').marked = true;
      });

      await render(page, chatView('en', { messages: [...messages, message('a-9', 'agent', 'Are you still there?')] }));
      const after = await page.evaluate(() => {
        const root = document.querySelector('[data-parley-widget]').shadowRoot;
        const log = root.querySelector('[role="log"]');
        const area = root.querySelector('textarea');
        return {
          focused: root.activeElement === area, value: area.value, caret: [area.selectionStart, area.selectionEnd],
          live: log.getAttribute('aria-live'), firstKept: log.querySelector('.msg').marked === true,
          messages: [...log.querySelectorAll('.msg')].map((m) => m.className + ': ' + (m.querySelector('.text') || m).textContent),
        };
      });
      assert.equal(after.focused, true);
      assert.equal(after.value, 'I was about to say');
      assert.deepEqual(after.caret, [16, 16]);
      assert.equal(after.live, 'polite');
      assert.equal(after.firstKept, true, 'the earlier messages are the same nodes');
      assert.deepEqual(after.messages, [
        'msg visitor: Hello, I have a question about my invoice.',
        'msg system: An agent joined the conversation.',
        'msg agent: Hi! I am Sam. Could you give me the invoice number?',
        'msg agent: Are you still there?',
      ]);
      assert.deepEqual(await takeIntents(page), []);

      // Another conversation (ids not a continuation) is drawn from scratch.
      await render(page, chatView('en', { messages: [message('x-1', 'agent', 'New chat')] }));
      assert.deepEqual(await page.locator('.msg > .text, .msg.system').allTextContents(), ['New chat']);
    }));

  it('pre-chat: errors are tied to their fields, drafts are restored, and typing is never overwritten', () =>
    withHarness({}, async (page) => {
      const view = prechatView('en', prechatFields('en', {
        values: { name: 'Ada', topic: 'Technical', gdpr: true },
        errors: { email: 'Enter a valid email address.' },
      }));
      await render(page, view);
      const name = page.getByRole('textbox', { name: 'Your name' });
      assert.equal(await name.inputValue(), 'Ada');
      assert.equal(await name.getAttribute('aria-required'), 'true');
      assert.equal(await page.getByRole('combobox', { name: 'Topic' }).inputValue(), 'Technical');
      assert.equal(await page.getByRole('checkbox', { name: 'I agree to be contacted' }).isChecked(), true);
      const email = page.getByRole('textbox', { name: 'Email' });
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      assert.equal(await email.getAttribute('aria-required'), null);
      const described = await email.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby')).textContent);
      assert.equal(described, 'Enter a valid email address.');
      assert.equal(await focused(page), 'input:Your name', 'no submit yet: the first field');

      // The engine's echo lags behind fast typing: the focused field keeps what is typed.
      await name.press('End');
      await page.keyboard.type('a');
      await render(page, view);
      assert.equal(await name.inputValue(), 'Adaa');

      await render(page, prechatView('en', prechatFields('en', { values: { name: 'Adaa', email: 'ada@example.com' } })));
      assert.equal(await email.getAttribute('aria-invalid'), null, 'the error is gone');
      assert.equal(await email.getAttribute('aria-describedby'), null);
      assert.equal(await email.inputValue(), 'ada@example.com', 'a draft restored into an idle field');
      await page.getByRole('button', { name: 'Close' }).click();
      assert.deepEqual((await takeIntents(page)).at(-1), { type: 'closeChat' });
    }));

  it('chat: status line, canSend false, minimize and close; rating skip', () =>
    withHarness({}, async (page) => {
      await render(page, chatView('en', { state: 'Loading' }));
      assert.equal(await page.getByText('Waiting for an agent…').count(), 1);
      await render(page, chatView('en', { messages: conversation() }));
      assert.equal(await page.getByText('Sam', { exact: true }).count() >= 1, true, 'the agent\'s name shows');
      await page.getByRole('button', { name: 'Minimize' }).click();
      await page.getByRole('button', { name: 'Close' }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'minimize' }, { type: 'closeChat' }]);

      const composer = page.getByRole('textbox', { name: 'Your message' });
      await composer.focus();
      await page.keyboard.type('too late');
      await render(page, chatView('en', { state: 'InActive', messages: conversation() }));
      assert.equal(await focused(page), 'textarea:Your message', 'focus stays');
      assert.equal(await page.getByRole('button', { name: 'Send' }).isDisabled(), true);
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [], 'nothing is sent');

      await render(page, chatView('en', { minimized: true, messages: conversation() }));
      assert.equal(await focused(page), 'button:Chat with us', 'minimizing moves focus to the launcher');
      await page.keyboard.press('Enter');
      // Minimizing with "too late" still typed: typing stops for the agent.
      assert.deepEqual(await takeIntents(page), [{ type: 'composerBlur' }, { type: 'maximize' }]);
      await render(page, chatView('en', { messages: conversation() }));
      assert.equal(await focused(page), 'textarea:Your message', 'maximizing moves focus back to the composer');

      await render(page, postchatView());
      assert.equal(await page.getByRole('button', { name: 'Send rating' }).isDisabled(), true, 'no score yet');
      await page.getByRole('button', { name: 'Skip' }).click();
      await page.getByRole('radio', { name: '5' }).check();
      await page.getByRole('button', { name: 'Send rating' }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'rate', score: null }, { type: 'rate', score: 5 }]);
    }));

  it('video: the fixed video button, and the call\'s controls per state with their intents, by keyboard, as text', () =>
    withHarness({}, async (page) => {
      const w = widget(page);
      const shownButtons = () => w.locator('.stage .controls button:visible').allTextContents();
      await render(page, PANELS['video-button']);
      const videoButton = w.getByRole('button', { name: 'Video call', exact: true });
      await videoButton.click();
      assert.deepEqual(await takeIntents(page), [{ type: 'startChat', channel: 'video' }]);
      await render(page, closedView());
      assert.equal(await videoButton.isVisible(), false, 'no video button without view.videoButton');

      // Invited: accept or decline, by keyboard; untrusted status stays text.
      await render(page, videoView({ state: 'invited', camera: 'off', remote: false, status: '<img src=x onerror=alert(1)>' }));
      assert.deepEqual(await shownButtons(), ['Join the video call', 'Stay in the chat']);
      assert.equal(await w.locator('.stage [role=status]').textContent(), '<img src=x onerror=alert(1)>');
      await w.getByRole('button', { name: 'Join the video call' }).focus();
      await page.keyboard.press('Enter');
      assert.deepEqual(await takeIntents(page), [{ type: 'videoAccept' }]);
      // The pressed button goes: the focus moves to the call's next control, not to the page.
      await render(page, videoView({ state: 'requested', camera: 'off', remote: false }));
      assert.equal(await focused(page), 'button:Mute');
      assert.deepEqual(await shownButtons(), ['Mute', 'Turn camera on', 'Hang up']);

      // Connected, camera on: mute, camera off, full screen, hang up; no stream yet: no empty
      // video shown, and no picture-in-picture of it.
      await render(page, videoView());
      assert.deepEqual(await shownButtons(), ['Mute', 'Turn camera off', 'Full screen', 'Hang up']);
      assert.equal(await w.locator('video:visible').count(), 0, 'no <video> without a stream');
      assert.equal(await w.locator('video.self').evaluate((v) => v.muted), true, 'the own preview never plays sound');
      for (const name of ['Mute', 'Turn camera off', 'Hang up']) await w.getByRole('button', { name, exact: true }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'microphone', on: false }, { type: 'camera', on: false }, { type: 'hangUp' }]);
      await render(page, videoView({ camera: 'off', microphone: 'muted' }));
      for (const name of ['Unmute', 'Turn camera on']) await w.getByRole('button', { name, exact: true }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'microphone', on: true }, { type: 'camera', on: true }]);

      // one_way: no camera, no toggle.
      await render(page, videoView({ camera: 'none', cameraToggle: false }));
      assert.deepEqual(await shownButtons(), ['Mute', 'Full screen', 'Hang up']);

      // Failed: the error is an alert; retry or hang up.
      await render(page, PANELS['video-failed']);
      assert.deepEqual(await shownButtons(), ['Try again', 'Hang up']);
      assert.equal(await w.getByRole('alert').textContent(), PANELS['video-failed'].video.error.message);
      await w.getByRole('button', { name: 'Try again' }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'videoRetry' }]);

      // The call is over: the stage goes, the chat stays.
      await render(page, chatView('en', { messages: conversation() }));
      assert.equal(await w.locator('.stage').isVisible(), false);
      await assertCleanShadow(page);
    }));

  it('reduced motion: no transition and no animation', () =>
    withHarness({}, async (page) => {
      const motion = () => page.evaluate(() => {
        const root = document.querySelector('[data-parley-widget]').shadowRoot;
        const button = root.querySelector('.primary');
        return [getComputedStyle(button).transitionDuration, getComputedStyle(root.querySelector('.panel')).animationName];
      });
      await render(page, invitationView());
      const normal = await motion();
      assert.notEqual(normal[0].split(', ')[0], '0s', 'there is motion by default');
      assert.equal(normal[1], 'parley-in');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.deepEqual(await motion(), ['0s', 'none']);
    }));

  it('no <style> element, no style attribute, no CSP violation in any panel', () =>
    withHarness({}, async (page) => {
      for (const view of Object.values(PANELS)) {
        await render(page, view);
        await assertCleanShadow(page);
      }
    }));

  it('axe-core finds no violations in any panel, in English and French', () =>
    withHarness({}, async (page) => {
      for (const [name, view] of Object.entries(PANELS)) {
        await render(page, view);
        if (name === 'postchat') await page.getByRole('radio', { name: '4' }).check();
        // Let the entrance animation end: axe would measure contrast through half opacity.
        await page.evaluate(() => Promise.all(document.querySelector('[data-parley-widget]').shadowRoot
          .getAnimations().map((animation) => animation.finished)));
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        assert.deepEqual(summary, [], `${name}: axe violations`);
        if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `parley-ui-${name}.png`) });
      }
      assert.equal(await page.evaluate(() => document.querySelector('[data-parley-widget]').lang), 'fr');
    }));

  it('theme: valid overrides win over the view model, invalid ones are ignored', async () => {
    const colors = async (rendererOptions) => {
      let result;
      await withHarness({ rendererOptions }, async (page) => {
        await render(page, baseView('en', { theme: { color: '#1d4ed8', font: 'Georgia, serif' } }));
        result = await page.evaluate(() => {
          const launcher = document.querySelector('[data-parley-widget]').shadowRoot.querySelector('.launcher');
          const style = getComputedStyle(launcher);
          return [style.backgroundColor, style.color, style.fontFamily.split(',')[0]];
        });
      });
      return result;
    };
    assert.deepEqual(await colors({}), ['rgb(29, 78, 216)', 'rgb(255, 255, 255)', 'Georgia']);
    assert.deepEqual(await colors({ colorOverride: 'rgb(122, 31, 156)', fontOverride: 'Verdana' }), ['rgb(122, 31, 156)', 'rgb(255, 255, 255)', 'Verdana']);
    assert.deepEqual(await colors({ colorOverride: '#ffd700' }), ['rgb(255, 215, 0)', 'rgb(31, 35, 40)', 'Georgia'], 'dark text on a light colour');
    assert.deepEqual(await colors({ colorOverride: 'red;} *{display:none', fontOverride: '"x"' }), ['rgb(29, 78, 216)', 'rgb(255, 255, 255)', 'Georgia']);
    assert.deepEqual(await colors({ colorOverride: 'notacolor' }), ['rgb(29, 78, 216)', 'rgb(255, 255, 255)', 'Georgia']);
  });

  it('renders before <body> exists and attaches once it does', async () => {
    const view = closedView();
    const boot = `${UI_SOURCE};window.intents = [];window.__bodyAtRender = !!document.body;` +
      `window.ui = createParleyRenderer({document, onIntent: (e) => intents.push(e), hideLauncher: false, colorOverride: null, fontOverride: null});` +
      `window.ui.render(${JSON.stringify(view)});`;
    await withHarness({ beforeGoto: (context) => context.addInitScript({ content: boot }) }, async (page) => {
      assert.equal(await page.evaluate(() => window.__bodyAtRender), false);
      await page.getByRole('button', { name: 'Chat with us' }).click();
      assert.deepEqual(await takeIntents(page), [{ type: 'startChat' }]);
      assert.equal(await page.evaluate(() => document.querySelectorAll('[data-parley-widget]').length), 1);
    });
  });

  it('draws nothing where constructable stylesheets are missing, rather than an unstyled widget', () =>
    withHarness({ beforeGoto: (context) => context.addInitScript(() => { delete Document.prototype.adoptedStyleSheets; }) }, async (page) => {
      await page.addScriptTag({ url: '/dev/parley-ui.js' });
      await page.evaluate(() => {
        window.ui = window.createParleyRenderer({ document, onIntent() {}, hideLauncher: false, colorOverride: null, fontOverride: null });
      });
      await render(page, closedView());
      assert.equal(await widget(page).count(), 0);
    }));

  it('a page that broke Array.prototype methods does not break rendering', () =>
    withHarness({}, async (page) => {
      await render(page, chatView('en', { messages: conversation().slice(0, 2) }));
      // Broken and restored inside one evaluate: Playwright's own page code uses them too.
      const errors = await page.evaluate((views) => {
        const names = ['push', 'map', 'filter', 'forEach', 'concat'];
        const kept = names.map((name) => Array.prototype[name]);
        const caught = [];
        for (const name of names) Array.prototype[name] = function () { throw new Error(`Array.prototype.${name} was called`); };
        for (const view of views) try { window.ui.render(view); } catch (error) { caught[caught.length] = error.message; }
        for (let i = 0; i < names.length; i++) Array.prototype[names[i]] = kept[i];
        return caught;
      }, [chatView('en', { messages: conversation() }), prechatView('en', prechatFields('en', { errors: { gdpr: 'Required' } })),
        videoView(), invitationView('en', { channels: ['chat', 'video'] })]);
      assert.deepEqual(errors, []);
      assert.equal(await page.getByRole('button', { name: 'Video call' }).count(), 1, 'the last view is drawn');
    }));

  it('part names let the page restyle the main elements; Playwright finds the text with no patching', () =>
    withHarness({ contextOptions: { reducedMotion: 'reduce' } }, async (page) => { // no colour transition to wait for
      await render(page, invitationView('en', { channels: ['chat', 'video'] }));
      const parts = await page.evaluate(() => [...document.querySelector('[data-parley-widget]').shadowRoot.querySelectorAll('[part]')]
        .map((el) => el.getAttribute('part')).sort());
      for (const name of ['launcher', 'badge', 'video-button', 'panel invitation', 'invitation-message', 'accept-chat',
        'accept-video', 'decline', 'close-button'])
        assert.ok(parts.includes(name), `no part "${name}" in ${parts.join(', ')}`);
      // The page styles a part from its own stylesheet (adopted: the harness's CSP has no 'unsafe-inline').
      await page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync('[data-parley-widget]::part(accept-chat){color:rgb(1, 2, 3)}');
        document.adoptedStyleSheets = [sheet];
      });
      assert.equal(await page.getByRole('button', { name: 'Start chat' }).evaluate((el) => getComputedStyle(el).color), 'rgb(1, 2, 3)');
      await page.getByText('Hi! Need a hand?').waitFor();
      assert.equal(await page.getByRole('dialog', { name: 'Chat with us' }).count(), 1);
    }));

  it('languages: the table of the view\'s locale, Intl plural forms and digits, the site\'s overrides first', () =>
    withHarness({}, async (page) => {
      const unreadName = async (locale, unread, strings) => {
        await render(page, { ...chatView('en', { minimized: true, unread, messages: conversation() }), locale, strings });
        return page.locator('[data-parley-widget]').getByRole('button').first().evaluate((el) => el.querySelector('.vh').textContent);
      };
      assert.equal(await unreadName('de', 1), 'Chatten Sie mit uns, 1 ungelesene Nachricht');
      assert.equal(await unreadName('de', 3), 'Chatten Sie mit uns, 3 ungelesene Nachrichten');
      assert.equal(await unreadName('ar', 2), 'تحدّث معنا, رسالتان غير مقروءتين');     // the dual
      const arabic = (n) => page.evaluate((x) => new Intl.NumberFormat('ar').format(x), n); // the digits are Intl's choice
      assert.equal(await unreadName('ar', 3), `تحدّث معنا, ${await arabic(3)} رسائل غير مقروءة`);      // few
      assert.equal(await unreadName('ar', 11), `تحدّث معنا, ${await arabic(11)} رسالة غير مقروءة`);    // many
      // English and French: the engine's own words (no table shipped), overrides still apply.
      assert.equal(await unreadName('en', 2), 'Chat with us, 2 unread messages');
      assert.equal(await unreadName('en', 2, { launcher: 'Talk to us', unread: '{count} new' }), 'Talk to us, 2 new');
    }));

  it('theme: the header\'s logo, avatar and reply time; dark mode and the side from the view', () =>
    withHarness({}, async (page) => {
      const waiting = chatView('en', { state: 'Loading' });
      Object.assign(waiting.chat, { logo: '/logo.png', avatar: '/team.png', replyTime: 'We usually reply within minutes' });
      waiting.theme = { ...waiting.theme, mode: 'dark', position: 'left' };
      await render(page, waiting);
      const header = () => page.evaluate(() => {
        const root = document.querySelector('[data-parley-widget]').shadowRoot;
        return { images: [...root.querySelectorAll('.head img')].map((img) => `${img.getAttribute('part')}=${img.getAttribute('src')}|${img.alt}`),
                 sub: root.querySelector('.sub').textContent };
      });
      assert.deepEqual(await header(), { images: ['logo=/logo.png|', 'avatar=/team.png|'], sub: 'Waiting for an agent… · We usually reply within minutes' });
      const host = await page.evaluate(() => {
        const el = document.querySelector('[data-parley-widget]');
        return { mode: el.dataset.mode, left: Math.round(el.getBoundingClientRect().left),
                 surface: getComputedStyle(el.shadowRoot.querySelector('.panel')).backgroundColor };
      });
      assert.deepEqual(host, { mode: 'dark', left: 20, surface: 'rgb(31, 35, 40)' });
      const joined = chatView('en', { messages: conversation() });
      Object.assign(joined.chat, { avatar: '/team.png', replyTime: 'We usually reply within minutes' });
      await render(page, joined);
      assert.deepEqual(await header(), { images: ['avatar=/team.png|'], sub: 'Sam' }, 'no logo: no <img>; the agent, not the site\'s reply time');
      joined.chat.agentReplyTime = 'Usually replies within 2 minutes';
      await render(page, joined);
      assert.deepEqual(await header(), { images: ['avatar=/team.png|'], sub: 'Sam \u00b7 Usually replies within 2 minutes' }, 'the agent\'s own reply time beside its name');
    }));

  it('destroy() leaves no trace', () =>
    withHarness({}, async (page) => {
      const before = await page.evaluate(() => document.documentElement.outerHTML);
      await render(page, chatView('en', { messages: conversation() }));
      await page.getByRole('textbox', { name: 'Your message' }).focus();
      await page.evaluate(() => window.ui.destroy());
      assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
      await render(page, closedView()); // a late render after destroy is ignored
      await page.keyboard.type('hello\n');
      assert.equal(await widget(page).count(), 0);
      assert.deepEqual(await takeIntents(page), []);
    }));
});
