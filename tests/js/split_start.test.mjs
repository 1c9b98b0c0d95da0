// parley.wasm split in two (wasm-glue/split_module.mjs, split_data.mjs): the start path alone in
// parley.wasm, with only the data it reads.
// - the two parts hold every byte of the module's data, as the link wrote it: the deferred part
//   writes only what parley.wasm lacks, and writes it as it was;
// - the texts of the survey, the conversation and the call, and the time zones' countries, are in
//   the deferred part only, the launcher's and the invitation's texts in parley.wasm;
// - every page's start (each scenario fixture with its config compiled, up to the visitor's first
//   answer, a view after every event as the widget draws) runs on parley.wasm alone, its deferred
//   part unreachable, exactly as on both parts: the same actions, views, cookies and deadlines.
//   A config whose rules read the country is the exception: its page waits for the deferred part,
//   which holds the zone table (runtime/loader.js), so its start is played up to configure only.
//
// Build first: the wasm-release preset (cmake --build --preset wasm-release)
// Run: node --test tests/js/split_start.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { abi, loadFlavour, root } from './engine_module.mjs';
import { ScenarioPlayer } from './scenario_player.mjs';
import { compileConfigs } from '../../wasm-glue/compile_configs.mjs';

const build = path.join(root, 'build', 'wasm-release');
const moduleFile = (name) => fs.readFileSync(path.join(build, 'wasm-glue', name));

// The memory a module's active data segments write: Map(address -> byte).
function dataImage(bytes) {
  const image = new Map();
  let at = 8;
  const u32 = () => { let value = 0, shift = 0, b; do { b = bytes[at++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return value; };
  const s32 = () => { let value = 0, shift = 0, b; do { b = bytes[at++]; value |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return shift < 32 && (b & 0x40) ? value | (-1 << shift) : value; };
  while (at < bytes.length) {
    const id = bytes[at++], size = u32(), end = at + size;
    if (id === 11) {
      for (let n = u32(); n > 0; --n) {
        assert.equal(u32(), 0, 'an active segment of memory 0');
        assert.equal(bytes[at++], 0x41, 'an i32.const offset');
        const offset = s32() >>> 0;
        assert.equal(bytes[at++], 0x0b);
        const length = u32();
        for (let i = 0; i < length; ++i) image.set(offset + i, bytes[at + i]);
        at += length;
      }
    }
    at = end;
  }
  return image;
}
const holds = (image, text) => {
  const bytes = Buffer.from(text);
  for (const [address] of image) {
    let i = 0;
    while (i < bytes.length && image.get(address + i) === bytes[i]) ++i;
    if (i === bytes.length) return true;
  }
  return false;
};

const linked = dataImage(moduleFile('engine/parley.wasm.orig'));
const primary = dataImage(moduleFile('parley.wasm'));
const deferred = dataImage(moduleFile('parley.deferred.wasm'));

test('the two parts hold the linked data, each byte as the link wrote it', () => {
  assert.ok(deferred.size > 4000, `the deferred part holds ${deferred.size} bytes of data`);
  for (const [address, byte] of deferred) assert.equal(byte, linked.get(address) ?? 0, `deferred byte at ${address}`);
  for (const [address, byte] of primary) if (byte) assert.equal(byte, linked.get(address), `parley.wasm byte at ${address}`);
  for (const [address, byte] of linked)
    assert.equal(deferred.get(address) ?? primary.get(address) ?? 0, byte, `byte at ${address} is in neither part`);
});

test('the later texts and the zone table are in the deferred part only, the start\'s texts in parley.wasm', () => {
  // The zone table is front-coded: its first zone is whole (Engine::settle_country reads it).
  for (const text of ['Your browser blocked the camera or microphone.', 'Comment s’est passée votre conversation ?', 'Before we start',
                      'Africa/Abidjan']) {
    assert.ok(holds(deferred, text), `deferred: ${text}`);
    assert.ok(!holds(primary, text), `parley.wasm: ${text}`);
  }
  for (const text of ['Chat with us', 'Discuter avec nous', 'No thanks', 'unread messages'])
    assert.ok(holds(primary, text), `parley.wasm: ${text}`);
});

// What a page does before the visitor answers an invitation (split_module.mjs's START_EVENTS).
const START_EVENTS = new Set([
  'pageLoad', 'tick', 'navigate', 'visibility', 'scroll', 'pointerLeave', 'pointerEnter', 'activity',
  'setFact', 'country', 'zoneOffsets', 'availability', 'consent', 'startProactiveChat', 'decline',
]);
class EndOfStart extends Error {}

// ScenarioPlayer's test ABI up to the first event outside the start, writing down every result;
// the inspector (in the deferred part) answers nothing, on both.
function startRecorder(engine) {
  const log = [];
  return {
    log,
    call(name, ...args) { const result = engine.call(name, ...args); log.push([name, result]); return result; },
    json(name, ...args) {
      if (name === 'parley_inspect') return { facts: {} };
      if (name === 'parley_configure') {
        const result = engine.json(name, ...args);
        log.push([name, args, result]);
        // Its page waits for the deferred part (loader.js): the zone table, the rule trace are there.
        if (result.readsCountry || JSON.parse(args[0]).trace === true) throw new EndOfStart();
        return result;
      }
      if (name === 'parley_handle' && !START_EVENTS.has(JSON.parse(args[0])?.type)) throw new EndOfStart();
      const result = engine.json(name, ...args);
      log.push([name, args, result]);
      if (name === 'parley_handle') log.push(['view', engine.json('parley_view'), 'availability', engine.engine.availability()]);
      return result;
    },
  };
}
function playStart(engine, fixture) {
  const recorder = startRecorder(engine);
  try {
    new ScenarioPlayer(recorder, fixture).play();
  } catch (error) {
    if (!(error instanceof EndOfStart)) throw error;
  }
  return recorder.log;
}

// A page starts its engine in a fresh module instance and never resets it (split_module.mjs
// profiles the start so): on parley.wasm alone, every new engine of a run (its start, a reload)
// gets an instance of its own, made before the run (instantiation is asynchronous).
async function freshInstances(fixture) {
  const count = 1 + (fixture.steps ?? []).filter((step) => step.reload === true).length;
  return Promise.all(Array.from({ length: count }, async () => abi(await loadFlavour('wasm', { deferred: false }))));
}
function onFreshInstances(instances) {
  let current = null;
  return {
    call(name, ...args) {
      if (name !== 'parley_reset') return current.call(name, ...args);
      current = instances.shift();
      assert.ok(current, 'more new engines than freshInstances made');
      return undefined;  // as the export, a void function
    },
    json: (...args) => current.json(...args),
    get engine() { return current.engine; },
  };
}

test('every page\'s start runs on parley.wasm alone as on both parts', async () => {
  const scenarioDir = path.join(root, 'tests', 'scenario');
  const fixtures = fs.readdirSync(scenarioDir).filter((name) => name.endsWith('.json')).sort()
    .map((name) => ({ name, ...JSON.parse(fs.readFileSync(path.join(scenarioDir, name), 'utf8')) }));
  const compiled = compileConfigs(path.join(build, 'widget', 'cli', 'parley-config.cjs'), fixtures.map((f) => f.config));
  const both = abi(await loadFlavour('wasm'));
  both.json('parley_inspect', 0);  // a call into the deferred part: both parts linked from here on
  let played = 0;
  for (const [i, fixture] of fixtures.entries()) {
    if (!compiled[i]) continue;  // a config with problems does not compile
    const run = { ...fixture, config: compiled[i] };
    let aloneLog;
    const alone = onFreshInstances(await freshInstances(run));
    assert.doesNotThrow(() => { aloneLog = playStart(alone, run); }, `${fixture.name}: its start needs the deferred part`);
    assert.deepEqual(aloneLog, playStart(both, run), fixture.name);
    ++played;
  }
  assert.ok(played > fixtures.length / 2, `${played} of ${fixtures.length} fixtures compile`);
});
