// Plays every fixture in tests/scenario/ through the C ABI of the browser module, once on the
// WebAssembly build (parley.js + parley.wasm) and once on the wasm2js fallback
// (parley.fallback.js). The semantics are exactly those of tests/unit/scenario_test.cpp, the
// native runner (format: tests/scenario/README.md): the same clock, ticks, cookie jar, reload and
// closeBrowser steps, `expect` checks and subset matching, so one fixture means the same thing in
// all three engines.
//
// Build first: cmake --preset wasm-release && cmake --build --preset wasm-release
// Run: node --test tests/js/
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { abi, loadFlavour, root } from './engine_module.mjs';
import { ScenarioPlayer } from './scenario_player.mjs';

const scenarioDir = path.join(root, 'tests', 'scenario');

// ---- The suites ---------------------------------------------------------------------------------

const fixtureNames = fs.readdirSync(scenarioDir).filter((name) => name.endsWith('.json')).sort();

for (const [flavour, title] of [['wasm', 'scenarios on parley.js + parley.wasm'], ['fallback', 'scenarios on parley.fallback.js (wasm2js)']]) {
  describe(title, () => {
    // A missing build fails every test with the reason (never a skip).
    let engine;
    let loadError;
    before(async () => {
      try {
        engine = abi(await loadFlavour(flavour));
      } catch (error) {
        loadError = error;
      }
    });

    it('finds the fixtures and the module', () => {
      assert.ok(fixtureNames.length > 0, `no fixture in ${scenarioDir}`);
      if (loadError) throw loadError;
    });

    for (const name of fixtureNames) {
      it(name.replace(/\.json$/, ''), () => {
        if (loadError) throw loadError;
        const fixture = JSON.parse(fs.readFileSync(path.join(scenarioDir, name), 'utf8'));
        const failures = new ScenarioPlayer(engine, fixture).play();
        assert.deepEqual(failures, [], `${name}:\n${failures.join('\n')}`);
      });
    }
  });
}
