// parley.d.ts under tsc --strict (TypeScript from npm): good usage compiles, each mistake marked
// `// @ts-expect-error TSnnnn` fails with exactly that error, and every valid config fixture of
// the repository is a ParleyConfig.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

// Runs tsc on a project; returns its diagnostics as "file(line): TSnnnn" ('' when it compiles).
function compile(project) {
  try {
    execFileSync(tsc, ['-p', project, '--pretty', 'false'], { encoding: 'utf8', stdio: 'pipe' });
    return [];
  } catch (error) {
    if (!error.stdout) throw error;
    return [...error.stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${path.basename(m[1])}(${m[2]}): ${m[3]}`);
  }
}

// A throwaway project next to tests/types (so its relative imports hold), removed afterwards.
function withProject(files, run) {
  const dir = fs.mkdtempSync(path.join(here, '.tmp-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const options = JSON.parse(fs.readFileSync(path.join(here, 'tsconfig.json'), 'utf8')).compilerOptions;
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: Object.keys(files) }));
    return run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('parley.d.ts', () => {
  it('compiles good usage and Microsoft\'s documented page scripts, and every mistake marked in usage.ts fails', () => {
    assert.deepEqual(compile(here), []);
  });

  it('refuses each mistake of usage.ts with the error its @ts-expect-error line names', () => {
    const lines = fs.readFileSync(path.join(here, 'usage.ts'), 'utf8').split('\n');
    const expected = [];
    const stripped = lines.map((line, i) => {
      const mark = /^\s*\/\/ @ts-expect-error (TS\d+)/.exec(line);
      if (!mark) return line;
      expected.push(`usage.ts(${i + 2}): ${mark[1]}`);  // the line below the directive
      return '';
    });
    assert.ok(expected.length >= 6, 'usage.ts lost its mistakes');
    // The imports are relative to tests/types: the copy goes one folder down, so they gain a '../'.
    const text = stripped.join('\n').replace(/'\.\.\/\.\.\//g, "'../../../");
    assert.deepEqual(withProject({ 'usage.ts': text }, compile), expected);
  });

  it('types every valid config fixture as a ParleyConfig', () => {
    const configs = validConfigs();
    assert.ok(configs.length >= 20, `only ${configs.length} configs`);
    const body = configs.map(({ name, config }, i) => `// ${name}\nexport const c${i}: ParleyConfig = ${JSON.stringify(config, null, 1)};`);
    const text = `import type { ParleyConfig } from '../../../wasm-glue/parley.js';\n${body.join('\n')}\n`;
    const errors = withProject({ 'configs.ts': text }, compile);
    assert.deepEqual(errors, [], `configs that do not type:\n${errors.map((e) => configs[lineToIndex(text, e)]?.name).join('\n')}`);
  });
});

// The config fixtures the engine accepts without a word: the demo site's and the scenarios' with
// no configErrors, plus the schema's example and tests/cli/configs/valid-*.json.
function validConfigs() {
  const out = [];
  const add = (file, config) => out.push({ name: path.relative(root, file), config });
  const jsonUnder = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
  add(path.join(root, 'widget', 'schema', 'example.json'), JSON.parse(fs.readFileSync(path.join(root, 'widget', 'schema', 'example.json'))));
  for (const file of jsonUnder(path.join(root, 'demo-site'))) {
    if (file.endsWith('malformed.json') || file.endsWith('path-error.json')) continue;  // broken on purpose
    add(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  for (const file of jsonUnder(path.join(root, 'tests', 'cli', 'configs')).filter((f) => path.basename(f).startsWith('valid-')))
    add(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  for (const file of jsonUnder(path.join(root, 'tests', 'scenario'))) {
    const scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (scenario.config && !scenario.configErrors) add(file, scenario.config);
  }
  return out;
}

function lineToIndex(text, error) {
  const line = Number(/\((\d+)\)/.exec(error)[1]);
  const before = text.split('\n').slice(0, line);
  const marker = before.reverse().find((l) => /^export const c\d+/.test(l));
  return marker ? Number(/c(\d+)/.exec(marker)[1]) : -1;
}
