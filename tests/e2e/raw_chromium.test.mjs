// The load bench's Chromium with no DevTools client (bench/raw_chromium.mjs): it loads a page
// under the CPU throttle, traces it from the browser's session, hands the trace over whole, and
// leaves no process behind. The page is the bench's floor (bench/floor_widget.js), which says it
// is ready with a beacon, as the bench's pages do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from './browser.mjs';
import { launchRawChromium } from '../../bench/raw_chromium.mjs';
import { readTrace, CATEGORIES } from '../../bench/load_trace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>load</title>
<script>window.addEventListener('lcw:ready', function () { performance.mark('bench:ready'); navigator.sendBeacon('/ready'); });</script>
<script src="/floor_widget.js" data-parts="zone" async></script>
</head><body><main><h1>Load</h1></main></body></html>`;

test('a throttled load traced with no DevTools client', async () => {
  let readyBeacon;
  const ready = new Promise((resolve) => { readyBeacon = resolve; });
  const server = http.createServer((req, res) => {
    if (req.url === '/ready') return res.writeHead(204).end(), readyBeacon();
    if (req.url === '/page.html') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
    if (req.url === '/floor_widget.js')
      return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(fs.readFileSync(path.join(root, 'bench/floor_widget.js')));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const chromium = await launchRawChromium(CHROMIUM_ARGS);
  try {
    const page = await chromium.newPage();
    // A command Chromium refuses rejects, named: the bench stops with the reason, not a hang.
    await assert.rejects(page.send('Emulation.noSuchCommand'), /^Error: Emulation\.noSuchCommand: /);
    await page.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const timeout = setTimeout(() => readyBeacon(), 30000);
    const text = await chromium.trace(CATEGORIES,
                                      () => page.send('Page.navigate', { url: `http://127.0.0.1:${server.address().port}/page.html` }),
                                      ready.then(() => new Promise((resolve) => setTimeout(resolve, 50))));
    clearTimeout(timeout);
    await page.close();
    const figures = readTrace(Buffer.from(text), 'floor_widget.js');
    assert.ok(figures.script > 0 && figures.ready > figures.script, JSON.stringify(figures));
    assert.ok(figures.longestOwn > 0, 'the evaluation is a task of its own');
    const events = JSON.parse(text).traceEvents;
    assert.ok(events.some((e) => e.name === 'EvaluateScript' && /floor_widget\.js$/.test(e.args?.data?.url || '')));
  } finally {
    await chromium.close();
    server.close();
  }
  assert.equal(chromium.exitCode(), 0, 'Chromium closed by Browser.close');
});
