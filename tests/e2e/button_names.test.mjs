// The README's table of the widget's buttons ("The visitor UI's buttons") against the buttons
// Chromium renders, both ways: the engine (the wasm build, under node) makes the view model of
// every panel and call state in English and French, the visitor UI renderer draws each one on the
// UI harness page (as tests/e2e/ui_renderer.test.mjs does), and the accessible names Chromium
// computes for the visible buttons, with where they are, must be exactly the table's rows.
//
// Build first: cmake --preset wasm-release && cmake --build --preset wasm-release
// Run: node --test tests/e2e/button_names.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, uiSource } from './browser.mjs';
import { abi, loadFlavour, root } from '../js/engine_module.mjs';

const UI_SOURCE = uiSource();

// ---- the README's table ----------------------------------------------------------------------

function readmeButtons() {
  const lines = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
  const heading = lines.indexOf("## The visitor UI's buttons");
  assert.ok(heading >= 0, 'the README has the section "The visitor UI\'s buttons"');
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('| where |'));
  assert.ok(start > heading, 'the section has its table');
  const cells = (line) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const header = cells(lines[start]);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(Object.fromEntries(cells(line).map((cell, i) => [header[i], cell])));
  }
  return rows;
}

// ---- the engine's view models ------------------------------------------------------------------

// Every panel and call state that has buttons, as the engine draws it in `locale`: [{panel, view}].
function engineViews(engine, locale) {
  const views = [];
  let now = 1767603600000;
  let agentIds = 0;
  let conversationId = null;
  const send = (event) => {
    now += 1000;
    const result = engine.json('parley_handle', JSON.stringify(event), now);
    assert.deepEqual(result.errors, [], `${locale}: ${JSON.stringify(event)}`);
    for (const action of result.actions)
      if (action.type === 'send' && action.message.conversationId) conversationId = action.message.conversationId;
  };
  const agent = (body) => send({ type: 'received', message: { id: `d${++agentIds}`, conversationId, ...body } });
  const take = (panel) => views.push({ panel, view: engine.json('parley_view') });
  const page = (config) => {
    engine.call('parley_reset');
    const base = { locale, launcher: { chat: true, video: true }, satisfaction: true };
    assert.deepEqual(engine.json('parley_configure', JSON.stringify({ ...base, ...config })).errors, []);
    send({ type: 'pageLoad', url: 'https://contoso.com/help', pageId: 'pg' });
    send({ type: 'availability', chat: true, video: true });
  };

  page({});
  take('page');
  send({ type: 'startProactiveChat', message: 'Hi', channel: 'chat+video' });
  take('invitation');

  page({ prechat: { questions: [{ id: 'name', type: 'text', label: 'Name', required: true }] } });
  send({ type: 'startChat' });
  take('survey');

  page({});
  send({ type: 'startChat' });
  agent({ type: 'agent.joined', agentName: 'Sam' });
  take('chat');
  agent({ type: 'video.invite', callId: 'c1' });
  take('chat');
  send({ type: 'videoAccept' });
  send({ type: 'mediaReady', audio: true, video: true });
  agent({ type: 'video.join', callId: 'c1' });
  take('chat');
  send({ type: 'microphone', on: false });
  send({ type: 'camera', on: false });
  take('chat');
  send({ type: 'hangUp' });
  agent({ type: 'video.invite', callId: 'c2' });
  send({ type: 'videoAccept' });
  send({ type: 'mediaError', reason: 'denied', device: 'camera' });
  take('chat');
  send({ type: 'hangUp' });
  send({ type: 'endChat' });
  take('rating');
  return views;
}

// ---- the browser -------------------------------------------------------------------------------

let env;
let engine;
before(async () => {
  env = await launch();
  engine = abi(await loadFlavour('wasm'));
});
after(() => env?.close());

// The visible buttons of the widget as drawn from `view`: "where|accessible name" for each.
async function renderedButtons(page, { panel, view }) {
  await page.evaluate((v) => window.ui.render(v), view);
  const out = [];
  const buttons = page.locator('[data-parley-widget] button:visible');
  for (let i = 0; i < await buttons.count(); i++) {
    const button = buttons.nth(i);
    const snapshot = await button.ariaSnapshot();
    const name = /^- button "(.*)"/.exec(snapshot)?.[1];
    assert.ok(name, `a named button: ${snapshot}`);
    const inside = await button.evaluate((b) => (b.closest('.stage') ? 'call' : b.closest('.panel') ? 'panel' : 'page'));
    out.push(`${inside === 'panel' ? panel : inside}|${name}`);
  }
  return out;
}

describe('the README names every button as Chromium renders it', () => {
  for (const [locale, column] of [['en', 'accessible name (en)'], ['fr', 'accessible name (fr)']]) {
    it(`in ${locale}`, async () => {
      const context = await env.browser.newContext();
      try {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.route('**/dev/parley-ui.js', (route) => route.fulfill({ contentType: 'text/javascript', body: UI_SOURCE }));
        await page.goto(env.url('/dev/ui-harness.html'));
        await page.addScriptTag({ url: '/dev/parley-ui.js' });
        await page.evaluate(() => {
          window.ui = window.createParleyRenderer({ document, onIntent: () => {}, hideLauncher: false });
          // The agent's video (a canvas stream for the peer connection's): picture-in-picture needs it.
          const canvas = document.createElement('canvas');
          canvas.getContext('2d').fillRect(0, 0, 8, 8);
          window.ui.media({ local: null, remote: canvas.captureStream() });
        });
        const rendered = new Set();
        for (const state of engineViews(engine, locale))
          for (const button of await renderedButtons(page, state)) rendered.add(button);
        const documented = new Set(readmeButtons().map((row) => `${row.where}|${row[column]}`));
        assert.deepEqual([...rendered].sort(), [...documented].sort());
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
