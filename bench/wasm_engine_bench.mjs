// The engine's costs on the shipped module (parley.wasm through the runtime's bridge, as a page
// calls it), under node, unthrottled:
//   - handle(setFact) when 10, 100, 1000 rules are configured and only one reads the fact
//     (the goal: 1000 within 1.5x of 10);
//   - configure() of 10, 100, 1000 rules (JSON text to a running config);
//   - getAgentAvailability()'s read with 5,000 rules (the goal: under 1 ms), beside the inspect
//     snapshot it used to build.
// Medians of many calls; the machine is shared, so read the ratios more than the microseconds.
//
//   node bench/wasm_engine_bench.mjs     (after ./dev build; load_bench.mjs runs it too)
import { performance } from 'node:perf_hooks';
import { abi, loadFlavour } from '../tests/js/engine_module.mjs';

const NOW = Date.parse('2026-01-05T09:00:00Z');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(fn, repeat) {
  const samples = [];
  for (let i = 0; i < repeat; ++i) {
    const start = performance.now();
    fn(i);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

// `count` rules on distinct custom facts, and one that reads custom.cart.
function config(count) {
  const rules = [{ id: 'cart', when: { fact: 'custom.cart', gte: 100 }, invite: { message: 'Need help?' } }];
  for (let i = 1; i < count; ++i)
    rules.push({ id: `r${i}`, when: { all: [{ fact: `custom.f${i}`, eq: 'yes' }, { fact: 'url', matches: `/p${i}/*` }] },
                 invite: { message: `Rule ${i}` } });
  return JSON.stringify({ rules });
}

const { engine, call } = abi(await loadFlavour('wasm'));
const fresh = (count) => {
  call('parley_reset');
  engine.configure(config(count));
  engine.handle({ type: 'pageLoad', url: 'https://www.contoso.com/', pageId: 'pg' }, NOW);
};

console.log('Engine on parley.wasm (node, through the bridge), medians:');
const perEvent = {};
for (const count of [10, 100, 1000]) {
  fresh(count);
  perEvent[count] = time((i) => engine.handle({ type: 'setFact', name: 'cart', value: i % 50 }, NOW + 1 + i), 2000);
  console.log(`  handle(setFact), ${String(count).padStart(4)} rules, one reader: ${(perEvent[count] * 1000).toFixed(1)} µs`);
}
console.log(`  1000 rules / 10 rules: ${(perEvent[1000] / perEvent[10]).toFixed(2)}x (goal within 1.5x)`);
for (const count of [10, 100, 1000]) {
  const text = config(count);
  const ms = time(() => { call('parley_reset'); engine.configure(text); }, count === 1000 ? 20 : 100);
  console.log(`  configure, ${String(count).padStart(4)} rules (${text.length} B): ${ms.toFixed(2)} ms`);
}
fresh(5000);
engine.handle({ type: 'availability', chat: true, video: null }, NOW + 1);
const availability = time(() => engine.availability(), 200);
const inspect = time((i) => engine.inspect(NOW + 2 + i), 10);
console.log(`  getAgentAvailability()'s read, 5,000 rules: ${(availability * 1000).toFixed(1)} µs (goal under 1 ms); ` +
            `the inspect snapshot it used to build: ${inspect.toFixed(1)} ms`);
