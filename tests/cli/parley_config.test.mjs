// parley-config as a user runs it, in both builds of the same sources: the native executable and
// the node one (what `npx parley-config` runs). The same expectations for both: exit statuses,
// every problem with its JSON path, explain's verdicts, zones from the machine (tzdata natively,
// Intl under node); and both print the same text for the same command.
//
// Build first: the native-asan (or native-release) preset and the wasm-release preset.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const configs = path.join(root, 'tests', 'cli', 'configs');

// The native build ./dev test makes first, else another one.
const nativeBinary = ['native-asan', 'native-release', 'native-debug']
  .map((preset) => path.join(root, 'build', preset, 'widget', 'cli', 'parley-config'))
  .find((file) => fs.existsSync(file));
const nodeScript = path.join(root, 'build', 'wasm-release', 'widget', 'cli', 'parley-config.cjs');

const BUILDS = {
  native: (args) => [nativeBinary, args],
  node: (args) => [process.execPath, [nodeScript, ...args]],
};

// Runs one build in tests/cli/configs (relative paths, as a user types them).
function run(build, ...args) {
  const [command, argv] = BUILDS[build](args);
  assert.ok(command && fs.existsSync(build === 'node' ? nodeScript : command),
            `${build} parley-config is not built (build the native-asan and wasm-release presets)`);
  const result = spawnSync(command, argv, { cwd: configs, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

const problemLines = (out) => out.split('\n').filter((line) => / \[[a-z_]+\]$/.test(line));

for (const build of Object.keys(BUILDS)) {
  describe(`parley-config, ${build} build`, () => {
    it('tells its version and usage', () => {
      assert.deepEqual(run(build, '--version'), { status: 0, out: 'parley-config 0.1.0\n', err: '' });
      const help = run(build, '--help');
      assert.equal(help.status, 0);
      assert.match(help.out, /^usage: parley-config check FILE\.\.\. \[--json\]/);
    });

    it('says a valid config is valid and exits 0', () => {
      assert.deepEqual(run(build, 'check', 'valid-shop.json', 'valid-empty.json'),
                       { status: 0, out: 'valid-shop.json: valid\nvalid-empty.json: valid\n', err: '' });
      assert.equal(run(build, 'check', path.join(root, 'widget', 'schema', 'example.json')).status, 0);
    });

    it('prints every problem with its JSON path and exits 1', () => {
      const result = run(build, 'check', 'invalid-transport.json');
      assert.equal(result.status, 1);
      assert.deepEqual(problemLines(result.out), [
        'invalid-transport.json: /transport/urls/1: a relay URL is a ws:// or wss:// URL (parley-relay\'s /visitor) [invalid]',
        'invalid-transport.json: /transport/urls/2: this relay URL is already in transport.urls [invalid]',
      ]);
      assert.match(result.out, /invalid-transport\.json: 2 problems \(the widget runs the rest\)\n$/);
    });

    it('reports each kind of problem', () => {
      const codes = new Set();
      for (const file of ['invalid-values.json', 'invalid-rules.json', 'invalid-prechat.json', 'malformed.json']) {
        const result = run(build, 'check', '--json', file);
        assert.equal(result.status, 1, file);
        const [report] = JSON.parse(result.out);
        assert.equal(report.valid, false);
        for (const error of report.errors) {
          assert.match(error.path, /^(\/[^/]*)*$/, `${file}: ${JSON.stringify(error)}`);
          codes.add(error.code);
        }
      }
      assert.deepEqual([...codes].sort(), ['duplicate_id', 'invalid', 'malformed_json', 'missing_field', 'out_of_range',
        'unknown_fact', 'unknown_key', 'unknown_operator', 'unknown_value', 'wrong_type']);
    });

    it('exits 2 on a file it cannot read and on bad arguments', () => {
      const missing = run(build, 'check', 'no-such-file.json');
      assert.deepEqual(missing, { status: 2, out: '', err: 'parley-config: cannot read no-such-file.json\n' });
      const typo = run(build, 'chek', 'valid-shop.json');
      assert.equal(typo.status, 2);
      assert.match(typo.err, /^parley-config: unknown command "chek"\nusage:/);
      assert.equal(run(build, 'explain', 'valid-shop.json', '--fact', 'mood=sad').status, 2);
    });

    it('explains which rule fires and why', () => {
      const result = run(build, 'explain', 'valid-shop.json', '--at', '2026-12-24T10:00:00+01:00', '--fact', 'pageViews=3');
      assert.equal(result.status, 0, result.err);
      assert.match(result.out, /^ {2}holiday-sale \(priority 10, chat\): fires: invited on chat$/m);
      assert.match(result.out, /^ {6}pageViews gte 3 +true$/m);
      assert.match(result.out, /^Result: "holiday-sale" fires: invited on chat\.$/m);
    });

    it('reads named zones from the machine: 23:30 in Paris is night, whatever the visitor\'s clock', () => {
      const night = run(build, 'explain', 'valid-shop.json', '--at', '2026-06-01T21:30:00Z', '--fact', 'country=US');
      assert.match(night.out, /^Result: "night-owl" fires: invited on chat\.$/m, night.out);
      const day = run(build, 'explain', 'valid-shop.json', '--at', '2026-06-01T12:00:00Z');
      assert.match(day.out, /hour between 22 and 6 \(zone Europe\/Paris\) +false +may change in 1 h 00 min/, day.out);
    });

    it('compiles a valid config: the config as it was plus "$compiled", which check then holds current', () => {
      const result = run(build, 'compile', 'valid-shop.json');
      assert.equal(result.status, 0, result.err);
      assert.equal(result.err, '');
      const compiled = JSON.parse(result.out);
      assert.equal(compiled.$compiled.parley, '0.1.0');
      const { $compiled, ...members } = compiled;
      assert.deepEqual(members, JSON.parse(fs.readFileSync(path.join(configs, 'valid-shop.json'), 'utf8')));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-compile-'));
      try {
        const file = path.join(dir, 'shop.json');
        fs.writeFileSync(file, result.out);
        assert.equal(run(build, 'check', file).status, 0);
        compiled.rules[0].invite.message = 'Edited after compiling';
        fs.writeFileSync(file, JSON.stringify(compiled));
        const stale = run(build, 'check', file);
        assert.equal(stale.status, 1);
        assert.match(stale.out, /: \/\$compiled: the config changed after it was compiled: the JSON members are read instead \(run parley-config compile again\) \[invalid\]$/m);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('compiles no config with problems, and several configs only into a folder', () => {
      const refused = run(build, 'compile', 'invalid-rules.json');
      assert.equal(refused.status, 1);
      assert.equal(refused.out, '');
      assert.match(refused.err, /^invalid-rules\.json: \/rules\/1\/when\/gtx: unknown operator "gtx" is ignored \[unknown_operator\]$/m);
      assert.equal(run(build, 'compile', 'valid-shop.json', 'valid-empty.json').status, 2);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-compile-'));
      try {
        const several = run(build, 'compile', 'valid-shop.json', 'invalid-rules.json', 'valid-empty.json', '--out-dir', dir);
        assert.equal(several.status, 1);
        assert.deepEqual(fs.readdirSync(dir).sort(), ['valid-empty.json', 'valid-shop.json']);
        assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'valid-empty.json'), 'utf8')).$compiled.parley, '0.1.0');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('explains a config with problems after listing them, and exits 1', () => {
      const result = run(build, 'explain', 'invalid-rules.json', '--at', '2026-06-01T12:00:00Z');
      assert.equal(result.status, 1);
      assert.match(result.out, /^invalid-rules\.json: \/rules\/1\/when\/gtx: unknown operator "gtx" is ignored \[unknown_operator\]$/m);
      assert.match(result.out, /^Rules, highest priority first:$/m);
    });
  });
}

describe('parley-config, both builds', () => {
  it('print the same text for the same command', () => {
    const commands = [
      ['check', 'valid-shop.json', 'invalid-values.json', 'invalid-rules.json', 'invalid-prechat.json', 'malformed.json'],
      ['check', '--json', 'invalid-transport.json'],
      ['explain', 'valid-shop.json', '--at', '2026-12-24T23:00:00+01:00', '--fact', 'pageViews=5', '--fact', 'url=https://x.example/kb/a',
       '--fact', 'timeOnPage=30000', '--fact', 'custom.cartValue=120', '--fact', 'available.video=true'],
      ['explain', 'valid-shop.json', '--at', '2026-03-29T00:30:00Z', '--json'],
      ['compile', 'valid-shop.json'],
    ];
    for (const args of commands) assert.deepEqual(run('node', ...args), run('native', ...args), args.join(' '));
  });
});

describe('npx parley-config', () => {
  it('runs the node build from the package (dist/parley-config.cjs, package.json "bin")', () => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'parley-config.cjs')), 'dist/parley-config.cjs is missing: ./dev dist');
    const result = spawnSync('npx', ['--offline', 'parley-config', 'check', 'tests/cli/configs/valid-shop.json'],
                             { cwd: root, encoding: 'utf8' });
    assert.equal(result.stdout, 'tests/cli/configs/valid-shop.json: valid\n', result.stderr);
    assert.equal(result.status, 0);
  });
});
