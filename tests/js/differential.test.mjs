// The same engine twice: every fixture in tests/scenario/ is played on the wasm module (through
// the runtime's bridge, as parley.js does), every ABI call it makes is recorded with the exact
// bytes the bridge wrote, and the log is replayed on the native engine (parley_replay, built
// from wasm-glue/abi/parley_replay.cpp). Each result must be the same: the actions (cookie
// values byte for byte among them), the views, the facts, the deadlines, the errors.
//
// Build first: ./dev test's native-asan or ./dev build's native-release (parley_replay), and wasm-release (the module)
// Run: node --test tests/js/differential.test.mjs
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { abi, loadFlavour, root } from './engine_module.mjs';
import { ScenarioPlayer } from './scenario_player.mjs';

const scenarioDir = path.join(root, 'tests', 'scenario');
// ./dev test builds native-asan, ./dev build native-release: the newer of the two that exist.
const replay = ['native-asan', 'native-release']
  .map((preset) => path.join(root, 'build', preset, 'wasm-glue', 'parley_replay'))
  .filter((file) => fs.existsSync(file))
  .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
  ?? path.join(root, 'build', 'native-asan', 'wasm-glue', 'parley_replay');
const fixtureNames = fs.readdirSync(scenarioDir).filter((name) => name.endsWith('.json')).sort();
const hex = (bytes) => Buffer.from(bytes).toString('hex');

// The test ABI ScenarioPlayer speaks, on the wasm module, writing down every call and its result.
function recording(engine) {
  const log = [];
  const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
  return {
    log,
    call(name, ...args) {
      const result = engine.call(name, ...args);
      if (name === 'parley_reset') log.push({ call: { op: 'reset' }, result: null });
      else if (name === 'parley_next_deadline') log.push({ call: { op: 'deadline' }, result });
      else throw new Error(`not recorded: ${name}`);
      return result;
    },
    json(name, ...args) {
      const result = engine.json(name, ...args);
      let call;
      if (name === 'parley_configure') call = { op: 'configure', value: hex(engine.engine.encode(JSON.parse(args[0]))), textBytes: utf8Bytes(args[0]) };
      else if (name === 'parley_handle') call = { op: 'handle', value: hex(engine.engine.encode(JSON.parse(args[0]))), now: args[1] };
      else if (name === 'parley_view') call = { op: 'view' };
      else if (name === 'parley_inspect') call = { op: 'inspect', now: args[0] };
      else throw new Error(`not recorded: ${name}`);
      log.push({ call, result });
      return result;
    },
  };
}

describe('every scenario fixture on the native engine and on parley.wasm', () => {
  let engine;
  let setupError;
  before(async () => {
    try {
      if (!fs.existsSync(replay)) throw new Error(`${path.relative(root, replay)} is missing: build native-asan (./dev test) or native-release (./dev build) first`);
      engine = abi(await loadFlavour('wasm'));
    } catch (error) {
      setupError = error;
    }
  });

  it('finds the fixtures, the module and parley_replay', () => {
    assert.ok(fixtureNames.length > 0);
    if (setupError) throw setupError;
  });

  for (const name of fixtureNames) {
    it(name.replace(/\.json$/, ''), () => {
      if (setupError) throw setupError;
      const fixture = JSON.parse(fs.readFileSync(path.join(scenarioDir, name), 'utf8'));
      const recorder = recording(engine);
      new ScenarioPlayer(recorder, fixture).play();  // its expectations are scenario.test.mjs's business
      const input = recorder.log.map((entry) => JSON.stringify(entry.call)).join('\n') + '\n';
      const run = spawnSync(replay, { input, encoding: 'utf8', maxBuffer: 256 << 20 });
      assert.equal(run.status, 0, `parley_replay failed: ${run.stderr}`);
      const native = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
      assert.equal(native.length, recorder.log.length, 'one native result per call');
      recorder.log.forEach((entry, i) => {
        assert.deepEqual(native[i], entry.result, `call ${i}: ${JSON.stringify(entry.call).slice(0, 300)}`);
      });
    });
  }
});
