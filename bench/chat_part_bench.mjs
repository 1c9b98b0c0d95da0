// When parley-chat.js (the chat pane, the call, the rating) is ready, measured from the moment it
// is asked for, in headless Chromium with the CPU throttled 4x and a slow 4G network (150 ms
// round trip, 1.6 Mbit/s down, as Lighthouse's mobile profile): the figure that decides when
// parley.js fetches it (README, "What loads when"). On /test/chat.html the invitation shows at
// once and asks for it; the clock runs from that request to the file's hand-over (the pane could
// be drawn), and the longest main-thread task the file's evaluation brings is read too.
//
//   node bench/chat_part_bench.mjs        (after ./dev build; RUNS=9 by default)
import { launch } from '../tests/e2e/browser.mjs';

const RUNS = Number(process.env.RUNS || 9);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const env = await launch();
const rows = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // The script tag's own timing: from its insertion (the request) to its hand-over.
    await page.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask', buffered: true });
      const append = Node.prototype.appendChild;
      Node.prototype.appendChild = function (node) {
        if (node && node.tagName === 'SCRIPT' && /parley-chat\.js$/.test(node.src || '')) {
          window.__asked = performance.now();
          const handOver = node.parleyHandOver;
          node.parleyHandOver = function (part) { window.__handed = performance.now(); return handOver.call(this, part); };
        }
        return append.call(this, node);
      };
    });
    await page.goto(env.url('/test/chat.html'));
    await page.waitForFunction(() => window.__handed, null, { timeout: 60000 });
    const { asked, handed, longest } = await page.evaluate(() => ({
      asked: window.__asked, handed: window.__handed,
      longest: Math.max(0, ...window.__tasks.filter(([start]) => start >= window.__asked).map(([, d]) => d)),
    }));
    rows.push({ ready: handed - asked, longest });
    await context.close();
  }
} finally {
  await env.close();
}
console.log(`parley-chat.js, CPU 4x, slow 4G, ${RUNS} runs (medians):`);
console.log(`  asked -> handed over (the pane can be drawn): ${median(rows.map((r) => r.ready)).toFixed(0)} ms`);
console.log(`  longest main-thread task from the request on: ${median(rows.map((r) => r.longest)).toFixed(0)} ms (0: none over 50 ms)`);
