// Writes engine_names.js (a statement of parley.js, before engine_instance.js and engine_load.js):
// the names Emscripten's link gave parley.wasm's imports and exports, minified and different
// with every change of the exports, read from the glue it wrote beside the module:
//   var parleyEngineNames = {importModule, abort, resizeHeap, memory, table, ctors,
//                            functions: {_parley_reset: 'e', ..., _malloc, _free}};
//
//   node engine_names.mjs <engine glue parley.js> <exported_functions.json> <output.js>
import fs from 'node:fs';

const [gluePath, exportsPath, outputPath] = process.argv.slice(2);
const glue = fs.readFileSync(gluePath, 'utf8');
const find = (pattern, what) => {
  const match = pattern.exec(glue);
  if (!match) throw new Error(`engine_names.mjs: ${what} not found in ${gluePath}`);
  return match.slice(1);
};
const escape = (text) => text.replace(/[$]/g, '\\$&');
const exported = (name) => find(new RegExp(`Module\\["${escape(name)}"\\]=Module\\["asm"\\]\\["(\\w+)"\\]`), name)[0];

const [importModule] = find(/var info=\{"(\w+)":asmLibraryArg,"placeholder":/, 'the import module');
// engine_instance.js gives the placeholders' import module its own name (split_module.mjs).
if (importModule === 'p') throw new Error('engine_names.mjs: the engine\'s import module is "p", the placeholders\' name');
const library = find(/asmLibraryArg=\{([^}]*)\}/, 'the imported functions')[0];
const importOf = (js) => {
  const match = new RegExp(`"(\\w+)":${escape(js)}\\b`).exec(library);
  if (!match) throw new Error(`engine_names.mjs: the import ${js} not found in ${gluePath}`);
  return match[1];
};
// Every import must be one engine_instance.js provides: a new one (a libc call that reaches JS)
// fails the build here instead of the page at its first call.
const imports = library.split(',').map((entry) => entry.split(':')[1]);
const provided = ['_abort', '_emscripten_resize_heap'];
for (const name of imports)
  if (!provided.includes(name)) throw new Error(`engine_names.mjs: parley.wasm imports ${name}, which engine_instance.js does not provide`);

const names = {
  importModule,
  abort: importOf('_abort'),
  resizeHeap: importOf('_emscripten_resize_heap'),
  memory: find(/wasmMemory=Module\["asm"\]\["(\w+)"\]/, 'the memory')[0],
  table: find(/wasmTable=Module\["asm"\]\["(\w+)"\]/, 'the table')[0],
  ctors: find(/addOnInit\(Module\["asm"\]\["(\w+)"\]\)/, 'the constructors')[0],
  functions: Object.fromEntries(JSON.parse(fs.readFileSync(exportsPath, 'utf8')).map((name) => [name, exported(name)])),
};
fs.writeFileSync(outputPath, `var parleyEngineNames = ${JSON.stringify(names)};\n`);
