// Writes warm_up.js (a statement of parley.js, before engine_load.js): the inputs the helper
// worker runs through a throwaway instance of parley.wasm, so that V8 compiles the functions a
// start reaches (the config reader, pageLoad, the view) in the worker instead of on the main
// thread at their first call (~200 ms of the start at 4x CPU throttle). The module's code is
// shared between the worker and the page: what the worker compiled, the page finds compiled.
// warm_up.json's config (compiled, as a site publishes it: the worker compiles what such a page
// runs) and events, as values (engine_load.js encodes them with the bridge: as
// JSON they weigh ~300 bytes gzip in parley.js, encoded and in base64 ~1 KB). The export names
// the worker calls are parleyEngineNames (engine_names.mjs).
//
//   node warm_up.mjs <warm_up.json> <parley-config.cjs> <output.js>
import fs from 'node:fs';
import { compileConfigs } from './compile_configs.mjs';

const [inputsPath, cliPath, outputPath] = process.argv.slice(2);
const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
const [config] = compileConfigs(cliPath, [inputs.config]);
if (!config) throw new Error('warm_up.mjs: warm_up.json\'s config does not compile');
fs.writeFileSync(outputPath, `var parleyWarmUp = ${JSON.stringify({ config, events: inputs.events })};\n`);
