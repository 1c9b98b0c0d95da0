// The widget's string tables (<language>.json here, one per language it speaks), as shipped: one
// minified file per language, parley-locale-<language>.json next to parley.js, fetched by the
// renderer only on a page in that language (wasm-glue/wasm_module.cmake, ./dev's DIST_FILES);
// and, for the UI tests that draw without a server, one JS statement holding them all,
// `var parleyLocales = {de: {...}, ...}`. English and French are not shipped: the engine says
// them itself (ui_strings.cpp, checked against en.json and fr.json by tests/js/ui_locales.test.mjs).
//
//   node inline_locales.mjs DIR    writes DIR/parley-locale-<language>.json
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
  for (const [language, table] of Object.entries(parleyLocales()))
    fs.writeFileSync(path.join(process.argv[2], `parley-locale-${language}.json`), JSON.stringify(table));
}
