// The browser load benchmark, beside peers in the same run: what a visitor's browser must fetch
// before the widget can act (bytes, gzip -9) and what loading it costs the page's main thread in
// headless Chromium with the CPU throttled 4x (a mid-range phone), read from a Chromium trace.
// Since session 23 the pages load with no DevTools client (bench/raw_chromium.mjs: the throttle
// and the trace only); DEVTOOLS=1 loads them under Playwright as before, whose Network and
// Runtime domains have the page's main thread record an initiator stack for each request and a
// stack for each console message, which a visitor's browser does not.
//
//   script    main-thread time in JS (script evaluation, calls, microtasks (promise reactions
//             included since session 23), wasm compile work on the main thread), from the
//             script tag's request to ready
//   no DevTools  script less V8.CollectSourcePositions: V8 parsing functions again for stack
//             traces (DevTools' initiators and console stacks under DEVTOOLS=1; without a
//             client, the trace's own timeline category still asks for a few)
//   longest   the longest main-thread task in that window, whatever it runs
//   its own   the longest of the tasks that run the widget's script or WebAssembly (the goal: none
//             over 50 ms); the others are the page's own layout and paint, which a page without
//             any script has too
//   ready     the script tag's request to ready: Parley's lcw:ready; for webchat, the end of its
//             script's evaluation (window.WebChat defined: it has no ready event without a bot,
//             so its figure is a lower bound)
//
// The peers: botframework-webchat's dist/webchat.js (npm), the core of the Microsoft widget; and
// the floor (bench/floor_widget.js), the least a widget of Parley's kind does before ready, in
// four rows: a button; with the time zone's name from a worker; with parley.wasm instantiated
// instead; with both.
// All are loaded from the same local server into a page holding only their script tag. Medians
// over RUNS loads, the peers interleaved; the machine is shared, so read the ratios more than
// the milliseconds.
//
//   node bench/load_bench.mjs            (after ./dev build; ./dev bench runs it)
//   RUNS=5 BREAKDOWN=1 node bench/load_bench.mjs   (BREAKDOWN: what the longest task is made of)
//   BEFORE=/path/to/older/dist node bench/load_bench.mjs   (an older build beside, same run)
//   ONLY=before,parley ...   (only these peers; without ONLY the engine bench follows)
//   ONLY=parley,floor,floor-zone,floor-engine,floor-wasm ...   (Parley beside the floor)
//   DEVTOOLS=1 ...   (under Playwright, as until session 22)
//   TRACE_DIR=/tmp/traces ONLY=parley node bench/load_bench.mjs   (keeps each trace, for
//             bench/trace_tasks.mjs or Chromium's DevTools Performance panel)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { launch, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { launchRawChromium } from './raw_chromium.mjs';
import { readTrace, CATEGORIES } from './load_trace.mjs';
import { startServer } from '../demo-site/serve.mjs';

const RUNS = Number(process.env.RUNS || 9);
const THROTTLE = 4;
const GOAL_BYTES_NOW = 60 * 1024;
const GOAL_BYTES = 40 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST ? path.resolve(process.env.DIST) : path.join(root, 'dist');  // DIST: another build's files
const webchatFile = path.join(root, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---- The pages --------------------------------------------------------------------------------

// How a page says it is ready, after its mark: to Playwright through the console (DEVTOOLS=1);
// with no DevTools client, which hears no console, with a beacon to the bench's server.
const DEVTOOLS = Boolean(process.env.DEVTOOLS);
const SAY_READY = DEVTOOLS ? "console.debug('bench:ready')" : "navigator.sendBeacon('/bench/ready')";
const page = (head) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>load</title>
${head}
</head><body><main><h1>Load</h1></main></body></html>`;
const listenForReady = `<script>window.addEventListener('lcw:ready', function () { performance.mark('bench:ready'); ${SAY_READY}; });</script>`;

// A site publishes its config compiled (parley-config compile; the demo server compiles
// X.compiled.json on request): that is Parley's row; the same config as JSON is a row of its own
// (its start waits for parley.deferred.wasm, which holds the config reader).
const parleyPage = (config) => page(`${listenForReady}
<script src="/parley/parley.js" data-config="${config}" async></script>`);
const PARLEY_PAGE = parleyPage('/configs/seed-pages.compiled.json');
const floorFile = path.join(root, 'bench', 'floor_widget.js');
// webchat has no ready event without a bot: the end of its script's evaluation stands for it.
const WEBCHAT_PAGE = page(`<script src="/bench/webchat.js" async onload="performance.mark('bench:ready'); ${SAY_READY}"></script>`);

// The floor (bench/floor_widget.js): what any widget of this kind does before ready, written as
// small as it goes: a cookie read and written, sessionStorage read, a button in a shadow root
// with its stylesheet; then with the time zone's name from a worker, as Parley reads it; with
// parley.wasm compiled and instantiated but never called; with both. What Parley costs over the
// last is its engine and its UI.
const floorPeer = (label, parts) => ({
  label,
  script: 'floor_widget.js',
  bytes: () => gzipSize(floorFile) + (parts.includes('wasm') ? gzipSize(path.join(dist, 'parley.wasm')) : 0),
  page: page(`${listenForReady}\n<script src="/bench/floor_widget.js" data-parts="${parts}" async></script>`),
});

const PEERS = {
  // BEFORE=dir: another build of parley.js + parley.wasm (e.g. the last release's), in the same run.
  ...(process.env.BEFORE ? {
    before: {
      label: 'Parley, BEFORE build',
      script: 'parley.js',
      dir: path.resolve(process.env.BEFORE),
      bytes: () => gzipSize(path.join(process.env.BEFORE, 'parley.js')) + gzipSize(path.join(process.env.BEFORE, 'parley.wasm')),
      page: PARLEY_PAGE,
    },
  } : {}),
  parley: {
    dir: dist,
    label: 'Parley (parley.js + parley.wasm)',
    script: 'parley.js',
    bytes: () => gzipSize(path.join(dist, 'parley.js')) + gzipSize(path.join(dist, 'parley.wasm')),
    page: PARLEY_PAGE,
  },
  'parley-json': {
    dir: dist,
    label: 'Parley, JSON config (+ parley.deferred.wasm)',
    script: 'parley.js',
    bytes: () => ['parley.js', 'parley.wasm', 'parley.deferred.wasm'].reduce((sum, file) => sum + gzipSize(path.join(dist, file)), 0),
    page: parleyPage('/configs/seed-pages.json'),
  },
  floor: floorPeer('floor: a button', ''),
  'floor-zone': floorPeer('floor + the zone from a worker', 'zone'),
  'floor-engine': floorPeer('floor + parley.wasm (no zone)', 'wasm'),
  'floor-wasm': floorPeer('floor + zone + parley.wasm', 'zone,wasm'),
  webchat: {
    label: 'botframework-webchat (webchat.js)',
    script: 'webchat.js',
    bytes: () => gzipSize(webchatFile),
    page: WEBCHAT_PAGE,
  },
};

// ---- A load with no DevTools client (the default) ----------------------------------------------
// Chromium over a pipe (raw_chromium.mjs) with only the CPU throttle and a trace: what a visitor's
// browser runs. The pages come from a small server of the bench's own: each peer's page at
// /bench/<peer>/page.html, its parley.js and parley.wasm from its folder (BEFORE), the rest of
// Parley's files from dist, the config as the demo server compiles it. The page says it is ready
// with a beacon (its lcw:ready listener, after the mark), the bench waits for it.
async function startBenchServer(demo) {
  const configs = new Map();
  let readyWaiter = null;
  const file = (res, name) => {
    if (!fs.existsSync(name)) return res.writeHead(404).end();
    const type = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' }[path.extname(name)] || 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(fs.readFileSync(name));
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const [, first, second, third, fourth] = url.pathname.split('/');
    if (url.pathname === '/bench/ready') {
      res.writeHead(204).end();
      if (readyWaiter) readyWaiter();
      return;
    }
    if (first === 'bench' && PEERS[second] && third === 'page.html') {
      // Parley's files under the peer's own path: its parley.js and parley.wasm from its folder.
      const html = PEERS[second].page.replaceAll('src="/parley/', `src="/bench/${second}/parley/`);
      return res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' }).end(html);
    }
    if (first === 'bench' && PEERS[second] && third === 'parley') {
      const own = PEERS[second].dir && /^parley\.(js|wasm)$/.test(fourth);
      return file(res, path.join(own ? PEERS[second].dir : dist, path.basename(fourth)));
    }
    if (first === 'parley') return file(res, path.join(dist, path.basename(second)));
    if (url.pathname === '/bench/floor_widget.js') return file(res, floorFile);
    if (url.pathname === '/bench/webchat.js') return file(res, webchatFile);
    if (first === 'configs') {
      if (!configs.has(url.pathname)) configs.set(url.pathname, Buffer.from(await (await fetch(demo.url(url.pathname))).arrayBuffer()));
      return res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(configs.get(url.pathname));
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: (pathname) => `http://127.0.0.1:${server.address().port}${pathname}`,
    // The next ready beacon, or a timeout.
    ready: (ms) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => { readyWaiter = null; reject(new Error('no ready beacon')); }, ms);
      readyWaiter = () => { clearTimeout(timer); readyWaiter = null; resolve(); };
    }),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

async function loadRaw(env, name, peer) {
  const page = await env.chromium.newPage();
  try {
    await page.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const ready = env.front.ready(60000).then(() => new Promise((resolve) => setTimeout(resolve, 50)));  // the mark's task ends
    const trace = await env.chromium.trace(CATEGORIES, () => page.send('Page.navigate', { url: env.front.url(`/bench/${name}/page.html`) }), ready);
    if (process.env.TRACE_DIR) fs.writeFileSync(path.join(process.env.TRACE_DIR, `${peer.script}-${Date.now()}.json`), trace);
    return readTrace(Buffer.from(trace), peer.script);
  } finally {
    await page.close();
  }
}

// ---- A load under Playwright (DEVTOOLS=1) -------------------------------------------------------
// As the bench measured until session 22: Playwright's page, with DevTools' Network and Runtime
// domains on, whose initiator and console stacks the page's main thread pays for.
async function loadWithDevtools(env, peer) {
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await page.route('**/bench/page.html', (route) => route.fulfill({ contentType: 'text/html', body: peer.page }));
    if (peer.dir) {  // parley.js and parley.wasm from this peer's folder, the rest from the demo server
      await page.route(/\/parley\/parley\.(js|wasm)$/, (route) => {
        const file = path.join(peer.dir, path.basename(new URL(route.request().url()).pathname));
        route.fulfill({ contentType: file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript', body: fs.readFileSync(file) });
      });
    }
    await page.route('**/bench/floor_widget.js', (route) => route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(floorFile) }));
    await page.route('**/bench/webchat.js', (route) => route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(webchatFile) }));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await env.browser.startTracing(page, { categories: CATEGORIES });
    // Ready is read from the console, not with page.waitForFunction: that injects Playwright's
    // own script into the page, whose compile (~180 ms at 4x throttle) would be counted as the
    // page's longest task.
    const readySaid = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench:ready', timeout: 60000 });
    await page.goto(env.url('/bench/page.html'));
    await readySaid;
    await page.waitForTimeout(50);  // the ready mark's task ends
    const trace = await env.browser.stopTracing();
    if (process.env.TRACE_DIR) fs.writeFileSync(path.join(process.env.TRACE_DIR, `${peer.script}-${Date.now()}.json`), trace);
    return readTrace(trace, peer.script);
  } finally {
    await context.close();
  }
}

// Without DEVTOOLS, only the demo server (for the compiled config): no Playwright browser idles beside.
const env = DEVTOOLS ? await launch() : await startServer({ port: 0 }).then((server) => ({
  url: (pathname) => new URL(pathname, server.url).href,
  close: () => server.close(),
}));
// The demo server compiles the config at its first request: before the loads, not in one.
await fetch(env.url('/configs/seed-pages.compiled.json'));
if (!DEVTOOLS) {
  env.front = await startBenchServer(env);
  env.chromium = await launchRawChromium(CHROMIUM_ARGS);
}
const results = {};
try {
  // Round 0 is not counted: the browser's first loads start what it keeps for the next ones.
  for (let run = 0; run <= RUNS; ++run) {
    for (const [name, peer] of Object.entries(PEERS).filter(([n]) => !process.env.ONLY || process.env.ONLY.split(',').includes(n))) {  // interleaved: both see the same machine
      const figures = DEVTOOLS ? await loadWithDevtools(env, peer) : await loadRaw(env, name, peer);
      if (run > 0) (results[name] ??= []).push(figures);
    }
  }
} finally {
  if (env.chromium) await env.chromium.close();
  if (env.front) await env.front.close();
  await env.close();
}

const row = (cells) => console.log(cells.map((c, i) => String(c).padStart(i === 0 ? 0 : 12).padEnd(i === 0 ? 38 : 0)).join(''));
console.log(`Load at ${THROTTLE}x CPU throttle, headless Chromium ${DEVTOOLS ? 'under Playwright (DevTools\' Network and Runtime on)' : 'with no DevTools client'}, medians of ${RUNS} loads (script tag to ready):`);
row(['', 'gzip bytes', 'script ms', 'no DevTools', 'longest ms', 'its own ms', 'ready ms']);
const figures = {};
for (const [name, peer] of Object.entries(PEERS)) {
  const runs = results[name];
  if (!runs) continue;  // ONLY=parley, ONLY=webchat or ONLY=before,parley
  figures[name] = { bytes: peer.bytes(), script: median(runs.map((r) => r.script)), noDevtools: median(runs.map((r) => r.noDevtools)),
                    longest: median(runs.map((r) => r.longest)), longestOwn: median(runs.map((r) => r.longestOwn)),
                    ready: median(runs.map((r) => r.ready)) };
  const f = figures[name];
  row([peer.label, f.bytes, f.script.toFixed(1), f.noDevtools.toFixed(1), f.longest.toFixed(1), f.longestOwn.toFixed(1), f.ready.toFixed(1)]);
}
const ratio = (key) => (figures.parley[key] / figures.webchat[key]).toFixed(3);
if (figures.parley && figures.webchat) row(['Parley / webchat', ratio('bytes'), ratio('script'), ratio('noDevtools'), ratio('longest'), ratio('longestOwn'), ratio('ready')]);
// Parley over the floor that does what it must (a button, the zone from a worker, parley.wasm):
// what its engine and its UI cost beyond the least a widget of its kind can do.
if (figures.parley && figures['floor-wasm']) {
  const over = (key) => (figures.parley[key] / figures['floor-wasm'][key]).toFixed(3);
  row(['Parley / floor + zone + parley.wasm', over('bytes'), over('script'), over('noDevtools'), over('longest'), over('longestOwn'), over('ready')]);
}
if (figures.before && figures.parley) {
  const change = (key) => (figures.parley[key] / figures.before[key]).toFixed(3);
  row(['Parley / Parley BEFORE', change('bytes'), change('script'), change('noDevtools'), change('longest'), change('longestOwn'), change('ready')]);
}
// The goals (issue 11): the critical path within 60 KB now and 40 KB next, script and
// the longest task of its own within 50 ms each.
if (figures.parley) {
  const goal = (what, value, limit) => `${what} ${Math.round(value * 10) / 10} <= ${limit}: ${value <= limit ? 'met' : 'not met'}`;
  const f = figures.parley;
  console.log(`Goals: ${[goal('critical path B', f.bytes, GOAL_BYTES_NOW), goal('next', f.bytes, GOAL_BYTES),
                        goal('script ms', f.script, 50), goal('without DevTools\' source positions', f.noDevtools, 50),
                        goal('longest task of its own ms', f.longestOwn, 50)].join('; ')}`);
}

if (process.env.BREAKDOWN) {
  for (const [name, runs] of Object.entries(results)) {
    const last = runs[runs.length - 1];
    console.log(`\n${name}: the longest task (${last.longest.toFixed(1)} ms) holds:`);
    for (const [part, us] of [...last.parts].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${part}`);
    console.log(`  tasks over 20 ms (start after the script request: length): ${last.long.join(', ')}`);
    if (process.env.BREAKDOWN === 'timeline') for (const line of last.timeline) console.log(`  ${line}`);
  }
}

// The engine's own costs on the same module (./dev bench runs only this file).
if (!process.env.ONLY) {
  console.log('');
  await import('./wasm_engine_bench.mjs');
}
