// parley.schema.json (generated from widget/schema/config_model.mjs) against the engine's own
// reader, run in its wasm build through the C ABI:
//   - the generated files are what the model says;
//   - on every config fixture of the repository, Ajv and the engine find problems at the same
//     JSON paths (none for a valid one), but for the few checks a schema cannot make (below);
//   - every key and enum value the engine's reader names is in the schema and in parley.d.ts, and
//     every key the schema allows is one the engine reads (never "unknown key").
//
// Build first: cmake --preset wasm-release && cmake --build --preset wasm-release
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { abi, loadFlavour, root } from './engine_module.mjs';
import { compileSchema, schemaPaths } from './schema_paths.mjs';
import { outputs } from '../../widget/schema/generate.mjs';

const schemaFile = path.join(root, 'widget', 'schema', 'parley.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// What the engine checks and a JSON Schema cannot say. Nothing else may differ.
const ENGINE_ONLY = [
  { why: 'ids (rules, questions) and choice options are unique: a schema cannot compare list members by one key',
    test: (e) => e.code === 'duplicate_id' },
  { why: '"between" needs low <= high: a schema cannot compare two values',
    test: (e) => e.code === 'out_of_range' && e.path.endsWith('/between') },
];

function filesUnder(dir, keep) {
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter(keep).sort();
}

// Every config in the repository: standalone files and the scenarios' "config".
function fixtures() {
  const out = [];
  const standalone = [
    path.join(root, 'widget', 'schema', 'example.json'),
    ...filesUnder(path.join(root, 'demo-site'), (f) => f.endsWith('.json')),
    ...filesUnder(path.join(root, 'tests', 'cli', 'configs'), (f) => f.endsWith('.json')),
  ];
  for (const file of standalone) {
    let config;
    try { config = readJson(file); } catch { continue; }  // malformed on purpose: no schema applies
    out.push({ name: path.relative(root, file), config });
  }
  for (const file of filesUnder(path.join(root, 'tests', 'scenario'), (f) => f.endsWith('.json'))) {
    const scenario = readJson(file);
    if (scenario.config !== undefined) out.push({ name: path.relative(root, file), config: scenario.config });
  }
  return out;
}

describe('parley.schema.json', () => {
  let engine;
  let validate;
  before(async () => {
    engine = abi(await loadFlavour('wasm'));
    validate = compileSchema(schema);
  });
  const engineErrors = (config) => engine.json('parley_configure', JSON.stringify(config)).errors;

  it('is what widget/schema/config_model.mjs generates, as are CONFIG.md and the types in parley.d.ts', () => {
    for (const [file, text] of Object.entries(outputs()))
      assert.equal(fs.readFileSync(file, 'utf8'), text, `${path.relative(root, file)}: run node widget/schema/generate.mjs`);
  });

  it('finds the problems the engine finds, at the same JSON paths, in every config fixture', () => {
    let valid = 0;
    let invalid = 0;
    for (const { name, config } of fixtures()) {
      const errors = engineErrors(config);
      const enginePaths = [...new Set(errors.filter((e) => !ENGINE_ONLY.some((x) => x.test(e))).map((e) => e.path))].sort();
      const ok = validate(config);
      const paths = ok ? [] : schemaPaths(validate.errors);
      assert.deepEqual(paths, enginePaths, `${name}: schema (left) and engine (right) disagree\n` +
        `engine: ${JSON.stringify(errors)}\nAjv: ${JSON.stringify(validate.errors)}`);
      if (errors.length) ++invalid; else ++valid;
    }
    assert.ok(valid >= 60 && invalid >= 10, `only ${valid} valid and ${invalid} invalid fixtures`);
  });

  it('knows every key and value the engine reader names, as parley.d.ts does', () => {
    const names = engineNames();
    assert.ok(names.size > 80, `the scan of the reader found only ${names.size} names`);
    const vocabulary = schemaVocabulary(schema);
    const dts = fs.readFileSync(path.join(root, 'wasm-glue', 'parley.d.ts'), 'utf8');
    const inTypes = (name) => dts.includes(`'${name}'`) || new RegExp(`(^|[^\\w$])${name.replace(/[$.+]/g, '\\$&')}\\??:`, 'm').test(dts);
    for (const name of names) {
      assert.ok(vocabulary.has(name), `the engine reads "${name}": it is missing from the schema`);
      assert.ok(inTypes(name), `the engine reads "${name}": it is missing from parley.d.ts`);
    }
  });

  it('allows only keys the engine reads, and the engine refuses the others as the schema does', () => {
    for (const probe of PROBES) {
      const node = probe.node(schema);
      for (const key of [...Object.keys(node.properties), 'zzNotAKey']) {
        const config = placed(probe.at, { ...probe.base, [key]: null });
        const unknown = engineErrors(config).filter((e) => e.path === `${probe.at}/${key}` && /^unknown_(key|operator)$/.test(e.code));
        assert.equal(unknown.length, key === 'zzNotAKey' ? 1 : 0, `${probe.at}/${key}: ${JSON.stringify(unknown)}`);
      }
    }
  });
});

// The objects of the config, where a probe puts them, and their schema.
const def = (name, sub = (d) => d) => (s) => sub(s.$defs[name]);
const PROBES = [
  { at: '', node: (s) => s },
  ...['visits', 'session', 'prechat', 'exitIntent'].map((key) => ({ at: `/${key}`, node: (s) => s.properties[key] })),
  { at: '/theme', node: def('ParleyThemeConfig') },
  { at: '/theme/offset', node: def('ParleyThemeConfig', (d) => d.properties.offset) },
  { at: '/transport', node: def('ParleyTransportConfig') },
  { at: '/launcher', node: def('ParleyLauncherConfig') },
  { at: '/video', node: def('ParleyVideoConfig') },
  { at: '/prechat/questions/0', node: def('ParleyPrechatQuestion'), base: { type: 'choice' } },
  { at: '/prechat/questions/0/label', node: def('ParleyText', (d) => d.then) },
  { at: '/rules/0', node: def('ParleyRule') },
  { at: '/rules/0/invite', node: def('ParleyInvite') },
  { at: '/rules/0/invite/message', node: def('ParleyText', (d) => d.then) },
  { at: '/rules/0/frequency', node: def('ParleyFrequency') },
  { at: '/rules/0/afterDecline', node: def('ParleyAfterDecline', (d) => d.then) },
  { at: '/rules/0/when', node: def('ParleyFactTest'), base: { fact: 'custom.probe' } },  // takes every operator
  { at: '/rules/0/when', node: def('ParleyAllCondition'), base: { all: [] } },
  { at: '/rules/0/when', node: def('ParleyAnyCondition'), base: { any: [] } },
  { at: '/rules/0/when', node: def('ParleyNotCondition'), base: { not: { fact: 'exitIntent' } } },
];

// A config holding `value` at the JSON pointer `at` (numbers make lists).
function placed(at, value) {
  const tokens = at.split('/').slice(1);
  const build = (i) => {
    if (i === tokens.length) return value;
    return /^\d+$/.test(tokens[i]) ? [build(i + 1)] : { [tokens[i]]: build(i + 1) };
  };
  return build(0);
}

// Every property name and every enum or const string anywhere in the schema.
function schemaVocabulary(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => schemaVocabulary(n, out));
  else if (node && typeof node === 'object') {
    for (const key of Object.keys(node.properties ?? {})) out.add(key);
    for (const value of [...(node.enum ?? []), node.const]) if (typeof value === 'string') out.add(value);
    Object.values(node).forEach((n) => schemaVocabulary(n, out));
  }
  return out;
}

// The keys and enum values the engine's config reader names: arguments of the reader's calls,
// its name tables ({"auto", LocaleSetting::auto_}) and the built-in facts.
function engineNames() {
  const source = (file) => fs.readFileSync(path.join(root, 'widget', 'src', file), 'utf8');
  const header = (file) => fs.readFileSync(path.join(root, 'widget', 'include', 'parley', file), 'utf8');
  const reader = [...['config.cpp', 'condition.cpp', 'prechat.cpp', 'text.cpp', 'agent_context.cpp'].map(source),
                  header('config.hpp')].join('\n');  // config.hpp: the enums' name tables
  const word = '([A-Za-z$][\\w.+$]*)';
  const patterns = [
    new RegExp(`\\b(?:find|require|string|boolean|number|array|object|contains|required_\\w+|one_of<[^>]*>)\\(\\s*"${word}"`, 'g'),
    new RegExp(`std::pair\\{"${word}"`, 'g'),
    new RegExp(`\\{\\s*"${word}",\\s*(?:(?:[A-Z]\\w*::)+\\w+|true|false)\\s*\\}`, 'g'),
  ];
  const names = new Set();
  for (const pattern of patterns) for (const match of reader.matchAll(pattern)) names.add(match[1]);
  for (const match of header('fact.hpp').matchAll(/\{BuiltinFact::\w+, "([^"]+)"/g)) names.add(match[1]);  // kFacts
  return names;
}
