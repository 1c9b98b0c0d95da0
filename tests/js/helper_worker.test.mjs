// The helper worker's script (runtime/engine_load.js, parleyHelperSource): it compiles parley.wasm
// from the body the page hands over, warms it up with parleyWarmUp's inputs, which the page's
// bridge encoded (createParleyHelperWorker's compile()), and posts the module back. Run here in a
// context of its own, as a worker would run it, on the built parley.wasm:
// - the warm-up's inputs reach the engine byte for byte as the page sent them, and the engine
//   takes them all without an error (a config, the events, a view): every function they call is
//   in parley.wasm (a call into the deferred part would reach a stub here, and fail);
// - a warm-up that fails is said in the console, and the module is posted all the same.
// tests/e2e/load_worker.test.mjs runs it in Chromium, from the minified parley.js.
//
// Build first: the wasm-release preset. Run: node --test tests/js/helper_worker.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root } from './engine_module.mjs';

const runtime = path.join(root, 'wasm-glue', 'runtime');
const built = path.join(root, 'build', 'wasm-release', 'wasm-glue');
const read = (file) => fs.readFileSync(file, 'utf8');

// parleyHelperSource(), parleyWarmUp and the bridge, from the files parley.js is made of.
const page = new Function('window', 'parleyIsArray', `${read(path.join(built, 'engine_names.js'))}
${read(path.join(built, 'warm_up.js'))}
${read(path.join(runtime, 'engine_bridge.js'))}
${read(path.join(runtime, 'engine_load.js'))}
return { parleyHelperSource, parleyWarmUp, createParleyEngineBridge };`)(globalThis, Array.isArray);
const encode = page.createParleyEngineBridge({}).encode;
// The engine's export names the script was written with.
const W = JSON.parse(page.parleyHelperSource().match(/^var W=(\{.*?\});/)[1]);

// Runs the worker's script once: the page's message in, what it posts and says out. `wrap` may
// change the WebAssembly.Instance it makes (here: to see every call the warm-up makes).
async function runWorker(wrap) {
  const posted = [], warnings = [];
  let onmessage;
  const context = vm.createContext({
    Response, TextEncoder, Intl,
    console: { warn: (text) => warnings.push(String(text)) },
    postMessage: (value) => posted.push(value),
    WebAssembly: {
      compileStreaming: WebAssembly.compileStreaming,
      Module: WebAssembly.Module,
      Instance: function (module, imports) { return wrap(new WebAssembly.Instance(module, imports)); },
    },
  });
  vm.runInContext(page.parleyHelperSource(), context);
  onmessage = context.onmessage;
  const body = new Blob([fs.readFileSync(path.join(built, 'parley.wasm'))]).stream();
  onmessage({ data: { body, config: encode(page.parleyWarmUp.config), events: page.parleyWarmUp.events.map(encode) } });
  for (let i = 0; i < 200 && !posted.length; ++i) await new Promise((done) => setTimeout(done, 10));
  return { posted, warnings };
}

test('the warm-up encodes its inputs as the bridge does, and the engine takes them all', async () => {
  const calls = [];
  const { posted, warnings } = await runWorker((instance) => {
    const exports = { ...instance.exports };
    const memory = instance.exports[W.memory];
    const bridge = page.createParleyEngineBridge({ get HEAPU8() { return new Uint8Array(memory.buffer); } });
    for (const what of ['configure', 'handle', 'view']) {
      const real = instance.exports[W[what]];
      exports[W[what]] = (...args) => {
        const input = what === 'view' ? null : new Uint8Array(memory.buffer, args[0], args[1]).slice();
        const result = bridge.decode(real(...args));
        calls.push({ what, input, result });
        return 0;
      };
    }
    return { exports };
  });
  assert.deepEqual(warnings, []);
  assert.equal(posted.length, 1);
  assert.ok(posted[0] instanceof WebAssembly.Module, 'the compiled module is posted back');

  const { config, events } = page.parleyWarmUp;
  assert.deepEqual(calls.map((c) => c.what), ['configure', ...events.map(() => 'handle'), 'view']);
  assert.deepEqual(calls[0].input, encode(config));
  assert.deepEqual(calls[0].result.errors, [], 'the warm-up config is taken as it is');
  events.forEach((event, i) => {
    assert.deepEqual(calls[1 + i].input, encode(event), `event ${i} (${event.type})`);
    assert.deepEqual(calls[1 + i].result.errors, [], `event ${i} (${event.type}) is taken`);
  });
  assert.ok(calls.at(-1).result.launcher, 'the view has a launcher');
});

test('a warm-up that fails is said in the console, and the module still goes back', async () => {
  const { posted, warnings } = await runWorker(() => { throw new Error('no instance here'); });
  assert.equal(posted.length, 1);
  assert.ok(posted[0] instanceof WebAssembly.Module);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^Parley: warming parley\.wasm up failed .*no instance here/);
});
