// The helper worker's script (parley-worker.js: runtime/helper_worker.js after the engine's
// export names), which the worker parley.js makes imports (runtime/engine_load.js,
// parleyHelperSource): it fetches the warm-up inputs (parley-warm-up.bin, written by
// wasm-glue/warm_up.mjs), compiles parley.wasm from the body the page hands over, warms it up with
// them and posts the module back. Run here in a context of its own, as a worker would run the
// blob's source and the file it imports, on the built parley.wasm:
// - the file holds warm_up.json's config, compiled, and its events, each as the page's bridge
//   encodes it; they reach the engine byte for byte, and the engine takes them all without an
//   error (a config, the events, a view): every function they call is in parley.wasm (a call into
//   the deferred part would reach a stub here, and fail);
// - a warm-up that fails, or a file that is not there, is said in the console, and the module is
//   posted all the same.
// tests/e2e/load_worker.test.mjs runs it in Chromium, from the minified files.
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

// parleyHelperSource(), the engine's names and the bridge, from the files parley.js is made of.
const page = new Function('window', 'parleyIsArray', `${read(path.join(built, 'engine_names.js'))}
${read(path.join(runtime, 'engine_bridge.js'))}
${read(path.join(runtime, 'engine_load.js'))}
return { parleyHelperSource, createParleyEngineBridge, parleyEngineNames };`)(globalThis, Array.isArray);
const WORKER_URL = 'https://example.test/parley/parley-worker.js';
const WARM_UP_URL = 'https://example.test/parley/parley-warm-up.bin';
const workerFile = read(path.join(built, 'parley-worker.js'));
// The engine's export names the worker's file was built with: the same as parley.js's.
const W = ((names) => ({ memory: names.memory, configure: names.functions._parley_configure_value,
                         handle: names.functions._parley_handle_value, view: names.functions._parley_view_value }))(page.parleyEngineNames);
const warmUpFile = fs.readFileSync(path.join(built, 'parley-warm-up.bin'));
const warmUp = JSON.parse(read(path.join(root, 'wasm-glue', 'warm_up.json')));

// The file's records (a u32 LE length, then a tagged value), as bytes and decoded.
function records(file) {
  const out = [];
  const bridge = page.createParleyEngineBridge({ HEAPU8: new Uint8Array(file.buffer, file.byteOffset, file.length) });
  for (let at = 0; at < file.length; at += 4 + file.readUInt32LE(at))
    out.push({ bytes: new Uint8Array(file.subarray(at + 4, at + 4 + file.readUInt32LE(at))), value: bridge.decode(at) });
  return out;
}

// Runs the worker's script once: the page's message in, what it posts and says out. `wrap` may
// change the WebAssembly.Instance it makes (here: to see every call the warm-up makes); `file`
// is what its fetch of the warm-up inputs gets (null: a 404).
async function runWorker(wrap, file = warmUpFile) {
  const posted = [], warnings = [];
  let onmessage;
  const imported = [];
  const context = vm.createContext({
    Response, Intl, Promise, setTimeout,
    importScripts: (url) => { imported.push(url); vm.runInContext(workerFile, context); },
    fetch: async (url) => {
      assert.equal(url, WARM_UP_URL);
      return file ? new Response(file) : new Response('', { status: 404 });
    },
    console: { warn: (text) => warnings.push(String(text)) },
    postMessage: (value) => posted.push(value),
    WebAssembly: {
      compileStreaming: WebAssembly.compileStreaming,
      Module: WebAssembly.Module,
      Instance: function (module, imports) { return wrap(new WebAssembly.Instance(module, imports)); },
    },
  });
  context.self = vm.runInContext('this', context);
  vm.runInContext(page.parleyHelperSource(WORKER_URL, WARM_UP_URL), context);  // the blob's source
  assert.deepEqual(imported, [WORKER_URL], 'the blob imports the worker\'s file, once');
  onmessage = context.onmessage;
  const body = new Blob([fs.readFileSync(path.join(built, 'parley.wasm'))]).stream();
  onmessage({ data: { body } });
  for (let i = 0; i < 200 && !posted.length; ++i) await new Promise((done) => setTimeout(done, 10));
  return { posted, warnings };
}

test('the warm-up file holds warm_up.json\'s inputs as the bridge encodes them', () => {
  const encode = page.createParleyEngineBridge({}).encode;
  const [config, ...events] = records(warmUpFile);
  assert.ok(config.value.$compiled, 'the config is compiled, as a site publishes it');
  const { $compiled, ...members } = config.value;
  assert.deepEqual(members, warmUp.config);
  assert.deepEqual(config.bytes, encode(config.value));
  assert.deepEqual(events.map((e) => e.value), warmUp.events);
  events.forEach((event, i) => assert.deepEqual(event.bytes, encode(warmUp.events[i]), `event ${i}`));
});

test('the worker gives the engine each input as the file holds it, and the engine takes them all', async () => {
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

  const [config, ...events] = records(warmUpFile);
  assert.deepEqual(calls.map((c) => c.what), ['configure', ...events.map(() => 'handle'), 'view']);
  assert.deepEqual(calls[0].input, config.bytes);
  assert.deepEqual(calls[0].result.errors, [], 'the warm-up config is taken as it is');
  events.forEach((event, i) => {
    assert.deepEqual(calls[1 + i].input, event.bytes, `event ${i} (${event.value.type})`);
    assert.deepEqual(calls[1 + i].result.errors, [], `event ${i} (${event.value.type}) is taken`);
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

test('a warm-up file that is not there is said in the console, and the module goes back unwarmed', async () => {
  let instances = 0;
  const { posted, warnings } = await runWorker((instance) => { ++instances; return instance; }, null);
  assert.equal(posted.length, 1);
  assert.ok(posted[0] instanceof WebAssembly.Module);
  assert.equal(instances, 0, 'no warm-up without its inputs');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^Parley: warming parley\.wasm up failed .*HTTP 404/);
});
