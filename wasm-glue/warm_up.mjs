// Writes parley-warm-up.bin, next to parley.js: the inputs the helper worker runs through a
// throwaway instance of parley.wasm, so that V8 compiles the functions a start reaches (the
// config reader, pageLoad, the view) in the worker instead of on the main thread at their first
// call (~200 ms of the start at 4x CPU throttle). The module's code is shared between the worker
// and the page: what the worker compiled, the page finds compiled.
//
// warm_up.json's config (compiled, as a site publishes it: the worker compiles what such a page
// runs), then its events, each encoded as the page's bridge encodes a value for the engine
// (runtime/engine_bridge.js) and preceded by its length (u32, little-endian). The worker fetches
// the file itself while parley.wasm streams in (engine_load.js): in parley.js the inputs cost
// 612 bytes gzip on the critical path and ~6 ms of the main thread to encode at 4x throttle.
// The export names the worker calls are parleyEngineNames (engine_names.mjs).
//
//   node warm_up.mjs <warm_up.json> <parley-config.cjs> <output.bin>
import fs from 'node:fs';
import { compileConfigs } from './compile_configs.mjs';
import { createBridge } from './node_bridge.mjs';

const [inputsPath, cliPath, outputPath] = process.argv.slice(2);
const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
const [config] = compileConfigs(cliPath, [inputs.config]);
if (!config) throw new Error('warm_up.mjs: warm_up.json\'s config does not compile');

const { encode } = createBridge({});

const records = [config, ...inputs.events].map((value) => {
  const bytes = encode(value);
  const record = Buffer.alloc(4 + bytes.length);
  record.writeUInt32LE(bytes.length, 0);
  record.set(bytes, 4);
  return record;
});
fs.writeFileSync(outputPath, Buffer.concat(records));
