// Splits parley.wasm in two with binaryen's wasm-split, guided by a profile of the start path:
//   parley.wasm           what a page runs from the script tag until an invitation is on screen
//                         (the compiled config's reader, page views, facts, rules and their clock, the
//                         invitation, its decline): on every page's critical path;
//   parley.deferred.wasm  the rest (the JSON config reader, the conversation, the survey, video calls, the rating, the
//                         inspector), fetched once the engine runs (engine_load.js) and
//                         instantiated into the same memory and table.
// A function of the deferred part called before it arrived still works: the glue's placeholder
// loads it synchronously (engine_load.js, loadSplitModule). The profile decides only bytes and
// timing, never behaviour. Then the read-only data only the deferred part reads moves into it too
// (split_data.mjs), each part's functions are put in an order that gzips smaller
// (order_functions.mjs), and the deferred part calls the primary's functions through the table
// they share instead of importing them by name (split_table.mjs).
//
// The profile is the start path of every run a page may make before the visitor answers: the
// helper worker's warm-up (warm_up.json) and every scenario fixture (tests/scenario/: together they
// use every config section, cookie and start event the engine knows), each played until its first
// event outside START_EVENTS, from its compiled config: the config reader is left out of the
// start path (a page with a JSON config waits for the deferred part before its start, loader.js),
// and so are the starts of configs whose rules read the country (configure's readsCountry): their
// page waits for the part too, which holds the zone table (Engine::settle_country). So are those
// of configs with "trace" (QA pages: data-lcw-version="test"), whose rule trace is in the part.
// A fixture whose config has problems cannot be compiled and is left out. The module linked with -sSPLIT_MODULE is instrumented: it records
// which functions ran, and __write_profile hands that over.
//
//   node split_module.mjs <glue parley.js> <instrumented parley.wasm> <parley.wasm.orig>
//                         <warm_up.json> <scenario dir> <parley-config.cjs> <wasm-split>
//                         <the link's map> <output dir>
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ScenarioPlayer } from '../tests/js/scenario_player.mjs';
import { compileConfigs } from './compile_configs.mjs';
import { createBridge } from './node_bridge.mjs';
import { moveDeferredData } from './split_data.mjs';
import { orderFunctions } from './order_functions.mjs';
import { callThroughTable } from './split_table.mjs';

const [gluePath, instrumentedPath, originalPath, warmUpPath, scenarioDir, cliPath, wasmSplit, mapPath, outputDir] = process.argv.slice(2);
if (!outputDir) {
  console.error('usage: node split_module.mjs GLUE INSTRUMENTED_WASM ORIGINAL_WASM WARM_UP_JSON SCENARIO_DIR PARLEY_CONFIG_CJS WASM_SPLIT LINK_MAP OUTPUT_DIR');
  process.exit(2);
}

// What a page does before the visitor answers an invitation (every other event type ends a run).
const START_EVENTS = new Set([
  'pageLoad', 'tick', 'navigate', 'visibility', 'scroll', 'pointerLeave', 'pointerEnter', 'activity',
  'setFact', 'country', 'zoneOffsets', 'availability', 'consent', 'startProactiveChat', 'decline',
]);
class EndOfStart extends Error {}

// The instrumented module under node, with the runtime's own bridge (engine_bridge.js) on it. A
// page starts one engine in a fresh module instance and never resets it, so every new engine of a
// run (parley_reset: its start, a reload) gets a fresh instance too, and the profile is the union
// of theirs: resetting in place would put the engine's destructor on the start path.
const factory = new Function(`${fs.readFileSync(gluePath, 'utf8')}\nreturn createParleyEngine;`)();
const compiledModule = await WebAssembly.compile(fs.readFileSync(instrumentedPath));
const profiles = [];
let Module, instrumented, engine;

// Instantiated synchronously (the player is synchronous): the glue's runtime is ready when
// instantiateWasm has handed over the instance, before the factory's promise settles.
function freshEngine() {
  if (instrumented) profiles.push(writeProfile());
  Module = {
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(compiledModule, imports);
      instrumented = instance.exports;
      receive(instance, compiledModule);
      return instance.exports;
    },
  };
  factory(Module);
  engine = createBridge(Module);
}

// The instance's profile (binaryen's format: the module's 8-byte hash, then one u32 per function,
// the order of its first call, 0 for never).
function writeProfile() {
  const capacity = 1 << 20;
  const buffer = Module._malloc(capacity);
  const written = instrumented.__write_profile(buffer, capacity);
  if (!(written > 8 && written < capacity && written % 4 === 0)) throw new Error(`split_module.mjs: __write_profile wrote ${written} bytes`);
  return Module.HEAPU8.slice(buffer, buffer + written);
}

// The union: a function called in any instance is on the start path, in the order it was first
// called in any (wasm-split orders the primary by it).
function mergeProfiles(all) {
  const merged = all[0].slice();
  const out = new DataView(merged.buffer);
  for (const profile of all.slice(1)) {
    if (profile.length !== merged.length) throw new Error('split_module.mjs: profiles of different modules');
    const view = new DataView(profile.buffer);
    for (let at = 8; at < merged.length; at += 4) {
      const first = view.getUint32(at, true), soFar = out.getUint32(at, true);
      if (first !== 0 && (soFar === 0 || first < soFar)) out.setUint32(at, first, true);
    }
  }
  return merged;
}

// ScenarioPlayer's test ABI on the bridge; the inspector is not the page's start (the player asks
// it only to check facts, which do not matter here).
const startPath = {
  call(name) {
    if (name === 'parley_reset') return freshEngine();
    if (name === 'parley_next_deadline') return Module._parley_next_deadline();
    throw new Error(`split_module.mjs: unexpected call ${name}`);
  },
  json(name, ...args) {
    if (name === 'parley_configure') {
      const result = engine.configure(args[0]);
      if (result.readsCountry || JSON.parse(args[0]).trace === true) throw new EndOfStart();
      return result;
    }
    if (name === 'parley_inspect') return { facts: {} };
    if (name === 'parley_view') return engine.view();
    const event = JSON.parse(args[0]);
    if (!START_EVENTS.has(event?.type)) throw new EndOfStart();
    const result = engine.handle(event, args[1]);
    engine.view();  // the widget draws after every event
    engine.availability();  // getAgentAvailability()
    return result;
  },
};

const warmUp = JSON.parse(fs.readFileSync(warmUpPath, 'utf8'));
const runs = [{ config: warmUp.config, steps: warmUp.events.map((event, i) => ({ at: i * 1000, event })) }];
for (const name of fs.readdirSync(scenarioDir).filter((file) => file.endsWith('.json')).sort())
  runs.push(JSON.parse(fs.readFileSync(path.join(scenarioDir, name), 'utf8')));
const compiled = compileConfigs(cliPath, runs.map((run) => run.config));
if (!compiled[0]) throw new Error('split_module.mjs: warm_up.json\'s config does not compile');
for (const [i, run] of runs.entries()) {
  if (!compiled[i]) continue;
  run.config = compiled[i];
  try {
    new ScenarioPlayer(startPath, run).play();
  } catch (error) {
    if (!(error instanceof EndOfStart)) throw error;
  }
}

profiles.push(writeProfile());
const profilePath = path.join(outputDir, 'parley.split-profile');
fs.writeFileSync(profilePath, mergeProfiles(profiles));

const EXPORT_PREFIX = '%';  // what parley.wasm exports for its deferred part only
// --enable-mutable-globals: the deferred part imports the stack pointer, a mutable global. The
// placeholders' import module is "p" (engine_instance.js provides it; one letter: -69 B gzip of
// parley.wasm against "placeholder", named once per placeholder).
const split = spawnSync(wasmSplit, [
  originalPath, '--split', '--enable-mutable-globals', `--profile=${profilePath}`,
  '-o1', path.join(outputDir, 'parley.wasm'), '-o2', path.join(outputDir, 'parley.deferred.wasm'),
  `--export-prefix=${EXPORT_PREFIX}`, '--placeholder-namespace=p', '--import-namespace=primary',
], { stdio: 'inherit' });
if (split.status !== 0) throw new Error(`split_module.mjs: wasm-split failed (${split.status ?? split.signal})`);

const primaryPath = path.join(outputDir, 'parley.wasm'), deferredPath = path.join(outputDir, 'parley.deferred.wasm');
const { primary, deferred } = moveDeferredData(fs.readFileSync(primaryPath), fs.readFileSync(deferredPath),
                                               fs.readFileSync(mapPath, 'utf8'));
// Each part's functions in an order gzip likes better (order_functions.mjs), then the primary's
// functions the deferred part calls put in the table instead of the exports (split_table.mjs).
const renamed = callThroughTable(orderFunctions(primary), orderFunctions(deferred), EXPORT_PREFIX);
fs.writeFileSync(primaryPath, renamed.primary);
fs.writeFileSync(deferredPath, renamed.deferred);
