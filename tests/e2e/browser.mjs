// What every browser test needs: the demo server, Debian's Chromium through playwright-core,
// pages that record lcw:* events and page errors, and a switch to run the same test on the
// wasm2js engine (a CSP without 'wasm-unsafe-eval' on every page, exactly what makes parley.js
// fall back by itself).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo-site/serve.mjs';
import { parleyCssScript, parleyChatCssScript } from '../../wasm-glue/runtime/styles/inline_css.mjs';
import { parleyLocalesScript } from '../../wasm-glue/runtime/locales/inline_locales.mjs';

const RUNTIME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../wasm-glue/runtime');

// The visitor UI alone (no engine), as parley.js and parley-chat.js join it: the inlined
// stylesheets, then the runtime files the renderer takes, in one 'use strict' function that hands
// out createParleyRenderer, with parley-chat.js's part already at hand (options.chat). For tests
// that draw hand-written view models.
export function uiSource() {
  const read = (file) => fs.readFileSync(path.join(RUNTIME, file), 'utf8');
  const parley = ['ui_styles.js', 'ui_words.js', 'ui_kit.js', 'ui_entry_panels.js', 'ui_renderer.js'].map(read).join('\n');
  const chat = ['ui_prechat.js', 'ui_chat_time.js', 'ui_call_stage.js', 'ui_chat_pane.js', 'ui_rating.js'].map(read).join('\n');
  // The string tables inlined: no server here to fetch them from.
  return `(function () {\n'use strict';\n${parleyCssScript()}\n${parleyChatCssScript()}\n${parleyLocalesScript()}\n${parley}\n${chat}\n` +
    'var part = { css: parleyChatCss, prechat: createParleyPrechat, chat: createParleyChatPane, postchat: createParleyRating };\n' +
    'var chat = { need: function () {}, onReady: function (ready) { ready(part); } };\n' +
    'window.createParleyRenderer = function (options) {\n' +
    '  var given = { chat: chat };\n' +
    '  for (var name in options) given[name] = options[name];\n' +
    '  return createParleyRenderer(given);\n' +
    '};\n})();\n';
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The two engines every runtime suite runs on.
export const ENGINES = ['wasm', 'fallback'];

// Inline scripts stay allowed (the seed pages are inline scripts); only WebAssembly is refused.
const NO_WASM_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'";

// media: fake camera and microphone. fakeUi (default: as media): every permission prompt is
// accepted; without it headless Chromium denies prompts, and a context grants what it allows.
export async function launch({ media = false, fakeUi = media, webgl = false } = {}) {
  const args = [...CHROMIUM_ARGS];
  if (media) args.push('--use-fake-device-for-media-stream');
  if (fakeUi) args.push('--use-fake-ui-for-media-stream');
  if (webgl) args.push('--use-angle=swiftshader', '--enable-unsafe-swiftshader');
  const server = await startServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  return {
    server,
    browser,
    url: (path) => new URL(path, server.url).href,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

// A browser context (one profile: BroadcastChannel, cookies and storage are shared by its pages)
// whose pages run on `engine`.
export async function newContext(env, { engine = 'wasm', ...options } = {}) {
  const context = await env.browser.newContext(options);
  if (engine === 'fallback') {
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const headers = { ...response.headers(), 'content-security-policy': NO_WASM_CSP };
      return route.fulfill({ response, headers });
    });
  }
  return context;
}

// A page that records every lcw:* event (window.__lcw) and every page error (page.errors),
// with Playwright's fake clock installed so tests can jump over 20-second waits. The widget's
// shadow root is open: locators and axe see inside with no patching, as a site's own QA tools do.
export async function newPage(context, { clock = true } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  if (clock) await page.clock.install();
  await page.addInitScript(() => {
    window.__lcw = [];
    const names = ['ready', 'error', 'proactiveInvite', 'inviteDeclined', 'inviteExpired', 'startChat', 'chatQueued',
      'onMessageSent', 'onMessageReceived', 'threadUpdate', 'onMinimize', 'onMaximize', 'closeChat', 'onClose',
      'getAgentAvailability', 'videoInvite', 'videoStarted', 'videoEnded', 'cameraChanged'];
    for (const name of names)
      window.addEventListener('lcw:' + name, (event) => window.__lcw.push({ name: 'lcw:' + name, detail: event.detail }));
  });
  return page;
}

export const events = (page, name) =>
  page.evaluate((n) => window.__lcw.filter((e) => !n || e.name === n), name);

export async function waitForEvent(page, name, timeout = 10000) {
  await page.waitForFunction((n) => window.__lcw.some((e) => e.name === n), name, { timeout });
  return (await events(page, name)).at(-1).detail;
}

// Waits until the widget has started (lcw:ready).
export async function ready(page, timeout = 15000) {
  await page.waitForFunction(() => window.__lcw.some((e) => e.name === 'lcw:ready'), null, { timeout });
}

// The widget's shadow host, for locators: widget(page).getByRole('button', {name: 'Start chat'}).
export const widget = (page) => page.locator('[data-parley-widget]');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every request the page makes for the file at `pathname` ('/parley/parley-chat.js'), in order;
// `finished` counts those answered.
export function requestsFor(page, pathname) {
  const seen = [];
  seen.finished = 0;
  const ours = (request) => new URL(request.url()).pathname === pathname;
  page.on('request', (request) => { if (ours(request)) seen.push(request.url()); });
  page.on('requestfinished', (request) => { if (ours(request)) seen.finished++; });
  return seen;
}

// The demo's agent desk (demo-site/agent.html) on its BroadcastChannel, ready.
export async function openDemoDesk(env, context) {
  const desk = await newPage(context, { clock: false });
  await desk.goto(env.url('/agent.html'));
  await desk.getByTestId('desk-status').filter({ hasText: 'Channel' }).waitFor();
  return desk;
}

// Polls `check` (async, returns truthy when done) until it holds; the message (a string, or an
// async function giving one) says what did not.
export async function until(check, message, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) assert.fail(`${typeof message === 'function' ? await message() : message} (last: ${last})`);
    await sleep(50);
  }
}
