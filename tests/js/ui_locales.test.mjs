// The widget's string tables (wasm-glue/runtime/locales/*.json): every language has every key
// of English, with the same {placeholders} and proper plural forms (Intl.PluralRules' categories
// for that language); English and French say exactly what the engine says (ui_strings.cpp, the
// text the view model carries beside each key); the engine takes every key, and only those, in
// the config's "strings".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { abi, loadFlavour, root } from './engine_module.mjs';
import { parleyLocales } from '../../wasm-glue/runtime/locales/inline_locales.mjs';

const tables = parleyLocales({ all: true });
const en = tables.en;
const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (entry) => (typeof entry === 'object' ? Object.values(entry) : [entry]);

test('the widget speaks en, fr, de, es, it, pt, nl and ar (one right-to-left language)', () => {
  assert.deepEqual(Object.keys(tables).sort(), ['ar', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pt']);
});

for (const [language, table] of Object.entries(tables)) {
  test(`${language}: every key of English, no other, same placeholders, its own plural forms`, () => {
    assert.deepEqual(Object.keys(table).sort(), Object.keys(en).sort());
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [key, entry] of Object.entries(table)) {
      for (const text of forms(entry)) assert.ok(typeof text === 'string' && text.trim(), `${language}.${key} is empty`);
      if (typeof entry === 'object') {
        assert.deepEqual(Object.keys(entry).sort(), [...categories].sort(), `${language}.${key}: plural forms`);
      } else {
        assert.deepEqual(placeholders(entry), placeholders(en[key]), `${language}.${key}: placeholders`);
      }
    }
  });
}

// kStartTexts then kLaterTexts ({en, fr} pairs) and kKeys of ui_strings.cpp, in UiString order.
function engineStrings() {
  const source = fs.readFileSync(path.join(root, 'widget/src/ui_strings.cpp'), 'utf8');
  const literals = (block) => [...block.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
  const table = (name) => {
    const start = source.indexOf(`${name}[] = {`);
    return literals(source.slice(start, source.indexOf('};', start)));
  };
  const texts = [...table('kStartTexts'), ...table('kLaterTexts')];
  const keys = literals(source.slice(source.indexOf('kKeys[] = {'), source.indexOf('static_assert(std::size(kKeys)')));
  assert.equal(texts.length, keys.length * 2);
  return keys.map((key, i) => ({ key, en: texts[2 * i], fr: texts[2 * i + 1] }));
}

test('en.json and fr.json say what the engine says', () => {
  const seen = { en: {}, fr: {} };
  for (const { key, en: enText, fr: frText } of engineStrings()) {
    for (const [language, text] of [['en', enText], ['fr', frText]]) {
      const entry = tables[language][key];
      if (key === 'unread') { // unread_one, unread_many: the engine writes the number, a space, then this
        seen[language][key] = [...(seen[language][key] ?? []), `{count} ${text}`];
        continue;
      }
      // The engine writes the agent's name, then this.
      assert.equal(entry, key === 'agentNamedJoined' || key === 'agentTyping' ? `{name}${text}` : text, `${language}.${key}`);
    }
  }
  assert.deepEqual(seen.en.unread, [en.unread.one, en.unread.other]);
  assert.deepEqual(seen.fr.unread, [tables.fr.unread.one, tables.fr.unread.other]);
});

test('the config\'s "strings" takes every key of the tables and reports anything else with its path', async () => {
  const engine = abi(await loadFlavour('wasm'));
  const strings = Object.fromEntries(Object.keys(en).map((key) => [key, { de: `${key}!` }]));
  strings.launcher = 'Talk to us';
  strings.nope = 'x';
  strings.send = { de: 'Los', xx: 'x', fr: 5 };
  const errors = engine.json('parley_configure', JSON.stringify({ locale: 'de', strings })).errors;
  assert.deepEqual(errors.map((e) => [e.code, e.path]).sort(), [
    ['unknown_key', '/strings/nope'], ['unknown_key', '/strings/send/xx'], ['wrong_type', '/strings/send/fr'],
  ].sort());
});
