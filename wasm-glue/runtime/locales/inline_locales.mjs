// Turns the widget's string tables (<language>.json here, one per language it speaks) into one JS
// statement, `var parleyLocales = {de: {...}, es: {...}, ...};`, that the build puts before
// ui_renderer.js in parley.js (wasm-glue/wasm_module.cmake); the UI tests call it too.
// English and French stay out: the engine says them itself (ui_strings.cpp, checked against
// en.json and fr.json by tests/js/ui_locales.test.mjs), 1.4 KB gzip fewer on every page.
//
//   node inline_locales.mjs OUTPUT.js    writes the statement
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ENGINE_LANGUAGES = ['en', 'fr'];

export function parleyLocales({ all = false } = {}) {
  const tables = {};
  for (const file of fs.readdirSync(HERE).filter((f) => /^[a-z]{2}\.json$/.test(f)).sort()) {
    const language = file.slice(0, 2);
    if (all || !ENGINE_LANGUAGES.includes(language)) tables[language] = JSON.parse(fs.readFileSync(path.join(HERE, file), 'utf8'));
  }
  return tables;
}

export function parleyLocalesScript() {
  return `// Generated from wasm-glue/runtime/locales/*.json by inline_locales.mjs: edit those.\nvar parleyLocales = ${JSON.stringify(parleyLocales())};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(process.argv[2], parleyLocalesScript());
}
