// Writes warm_up.js (a statement of parley.js, before engine_load.js): what the helper
// worker needs to run a throwaway instance of parley.wasm, so that V8 compiles the functions a
// start reaches (the config reader, pageLoad, the view) in the worker instead of on the main
// thread at their first call (~200 ms of the start at 4x CPU throttle). The module's code is
// shared between the worker and the page: what the worker compiled, the page finds compiled.
//   - the export names the glue minified (read from the glue: they change with the exports)
//   - warm_up.json's config and events, as values (engine_load.js encodes them with the bridge:
//     as JSON they weigh ~300 bytes gzip in parley.js, encoded and in base64 ~1 KB)
//
//   node warm_up.mjs <engine glue parley.js> <warm_up.json> <output.js>
import fs from 'node:fs';

const [gluePath, inputsPath, outputPath] = process.argv.slice(2);
const glue = fs.readFileSync(gluePath, 'utf8');
const exportOf = (name) => {
  const match = new RegExp(`Module\\["${name}"\\]=Module\\["asm"\\]\\["(\\w+)"\\]`).exec(glue);
  if (!match) throw new Error(`warm_up.mjs: ${name} not found in ${gluePath}`);
  return match[1];
};
const memory = /wasmMemory=Module\["asm"\]\["(\w+)"\]/.exec(glue);
const ctors = /addOnInit\(Module\["asm"\]\["(\w+)"\]\)/.exec(glue);
if (!memory || !ctors) throw new Error(`warm_up.mjs: the memory or the constructors not found in ${gluePath}`);

const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));

const warm = {
  memory: memory[1], ctors: ctors[1], malloc: exportOf('_malloc'),
  configure: exportOf('_parley_configure_value'), handle: exportOf('_parley_handle_value'), view: exportOf('_parley_view_value'),
  config: inputs.config, events: inputs.events
};
fs.writeFileSync(outputPath, `var parleyWarmUp = ${JSON.stringify(warm)};\n`);
