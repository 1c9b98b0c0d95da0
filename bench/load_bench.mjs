// The browser load benchmark: what a visitor's browser must fetch before Parley can invite
// (critical-path bytes, gzip -9), and how long parley.js takes from script start to lcw:ready in
// headless Chromium, on the wasm engine and on the wasm2js fallback. Timings are medians over
// RUNS page loads; the machine is shared and noisy, so read them as orders of magnitude.
//
//   node bench/load_bench.mjs            (after ./dev build; ./dev bench runs it)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, newContext, newPage } from '../tests/e2e/browser.mjs';

const RUNS = Number(process.env.RUNS || 15);
const GOAL_BYTES = 40 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const rawSize = (file) => fs.statSync(path.join(dist, file)).size;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// parley.js carries the runtime and the invitation UI; parley.wasm the engine.
const critical = ['parley.js', 'parley.wasm'];
console.log('Critical path (what loads before an invitation can show):');
let total = 0;
for (const file of critical) {
  total += gzipSize(file);
  console.log(`  ${file.padEnd(20)} ${String(rawSize(file)).padStart(8)} B raw  ${String(gzipSize(file)).padStart(7)} B gzip`);
}
console.log(`  ${'total'.padEnd(20)} ${' '.repeat(14)}${String(total).padStart(7)} B gzip  (goal ${GOAL_BYTES} B: ${total <= GOAL_BYTES ? 'met' : 'not met'})`);
console.log(`  fallback: parley.fallback.js ${gzipSize('parley.fallback.js')} B gzip (only under a CSP without 'wasm-unsafe-eval')`);

const env = await launch();
try {
  for (const engine of ['wasm', 'fallback']) {
    const times = [];
    for (let run = 0; run < RUNS; ++run) {
      const context = await newContext(env, { engine });
      const page = await newPage(context, { clock: false });
      await page.addInitScript(() => {
        window.addEventListener('lcw:ready', () => { window.__readyAt = performance.now(); });
      });
      await page.goto(env.url('/seeds/1-time-on-page.html'));
      await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 20000 });
      const ms = await page.evaluate(() => {
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/parley.js'));
        return window.__readyAt - (script ? script.responseEnd : 0);
      });
      times.push(ms);
      await context.close();
    }
    console.log(`Script loaded to lcw:ready, ${engine}: median ${median(times).toFixed(1)} ms, ` +
                `min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${RUNS} loads)`);
  }
} finally {
  await env.close();
}
