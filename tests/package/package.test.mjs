// The npm package as a front-end developer gets it: `npm pack`, then the tarball installed into a
// throwaway app with no network (`npm install <tarball> --offline`), where the ES module is
// imported on a server (node: no window), its types compile, its assets resolve and its bin runs.
// Also dist/'s hashed files against manifest.json, and the pre-load stub's byte budget.
// Needs `./dev dist` (run by ./dev test before this suite).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist');
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));

// What an app needs, and nothing else: no sources, tests, build trees or the desk's files.
const SHIPPED = ['package.json', 'README.md', 'dist/parley.mjs', 'dist/parley.d.ts', 'dist/parley.js', 'dist/parley.wasm',
  'dist/parley.deferred.wasm', 'dist/parley.fallback.js', 'dist/parley-chat.js', 'dist/parley-wire.js', 'dist/parley-geo.js', 'dist/parley-warm-up.bin', 'dist/parley-worker.js', 'dist/parley-stub.js', 'dist/manifest.json', 'dist/parley-console.js', 'dist/parley-console.wasm',
  'dist/parley.schema.json', 'dist/parley-config.cjs', ...Object.values(manifest.files).map((f) => `dist/${f.file}`)];

const STUB_BUDGET = 400;  // bytes, minified: it is inlined in every page

let work, app, packed;
before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'parley-package-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT });
  packed = JSON.parse(stdout)[0];
  app = path.join(work, 'app');
  await run('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'throwaway-app', private: true, type: 'module' }));
  await run('npm', ['install', path.join(work, packed.filename), '--offline', '--no-audit', '--no-fund'], { cwd: app });
});
after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

const sri = (file) => 'sha384-' + createHash('sha384').update(readFileSync(file)).digest('base64');

test('npm pack ships exactly the files an app needs', () => {
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [...SHIPPED].sort());
  assert.equal(packed.name, 'parley');
  assert.equal(pkg.private, undefined, 'publishable (README, "Installing with npm")');
});

test('on a server, importing the package touches nothing and load() rejects with a value', async () => {
  const script = `
    import { load, shutdown } from 'parley';
    shutdown();
    load().then(() => console.log('resolved'), (e) => console.log(JSON.stringify({ code: e.errorCode, text: e.errorDescription })));`;
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
  assert.equal(stderr, '');
  const result = JSON.parse(stdout);
  assert.equal(result.code, 11);
  assert.match(result.text, /no document/);
});

test('the package resolves its classic script, assets and manifest; its bin runs', async () => {
  const resolve = `
    for (const name of ['parley', 'parley/parley.js', 'parley/parley.wasm', 'parley/parley.deferred.wasm', 'parley/parley.fallback.js',
                        'parley/parley-stub.js', 'parley/manifest.json', 'parley/parley.schema.json'])
      console.log(import.meta.resolve(name).replace(/^.*node_modules\\//, ''));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', resolve], { cwd: app });
  assert.deepEqual(stdout.trim().split('\n'), ['parley/dist/parley.mjs', 'parley/dist/parley.js', 'parley/dist/parley.wasm', 'parley/dist/parley.deferred.wasm',
    'parley/dist/parley.fallback.js', 'parley/dist/parley-stub.js', 'parley/dist/manifest.json', 'parley/dist/parley.schema.json']);
  const config = path.join(app, 'site.json');
  writeFileSync(config, JSON.stringify({ rules: [{ id: 'r', when: { fact: 'timeOnPage', gte: 'soon' } }] }));
  const checked = await run(path.join(app, 'node_modules/.bin/parley-config'), ['check', config]).catch((e) => e);
  assert.notEqual(checked.code ?? 0, 0, 'a bad config exits non-zero');
  assert.match(checked.stdout, /\/rules\/0\/when\/gte/);
});

test('the package types load() for TypeScript: good use compiles, a misuse does not', async () => {
  writeFileSync(path.join(app, 'good.ts'), `
    import { load, shutdown, type ParleyConfig } from 'parley';
    const config: ParleyConfig = { rules: [] };
    load({ baseUrl: '/static/parley/', attributes: { 'data-config': '/parley.json' } })
      .then((parley) => { parley.configure(config); parley.setFact('plan', 'pro'); })
      .catch((error: { errorCode: number }) => error.errorCode);
    shutdown();`);
  writeFileSync(path.join(app, 'bad.ts'), `
    import { load } from 'parley';
    load({ baseURL: '/static/' });`);
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const flags = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', 'es2022,dom', '--types', ''];
  await run(process.execPath, [tsc, ...flags, 'good.ts'], { cwd: app });
  const bad = await run(process.execPath, [tsc, ...flags, 'bad.ts'], { cwd: app }).then(() => null, (e) => e);
  assert.ok(bad, 'a misspelt option must not compile');
  assert.match(bad.stdout, /TS2561|TS2353/);
});

test('dist has versioned, content-hashed copies whose SRI hashes are in manifest.json', () => {
  assert.equal(manifest.version, pkg.version);
  // PARLEY_VERSION is generated from package.json (cmake/parley_constants.cmake), before prelude.js.
  const constants = readFileSync(path.join(ROOT, 'build/wasm-release/generated/parley_constants.js'), 'utf8');
  assert.match(constants, new RegExp(`PARLEY_VERSION = '${pkg.version.replace(/\./g, '\\.')}'`), 'the runtime reports the package version');
  assert.deepEqual(Object.keys(manifest.files).sort(), ['parley-chat.js', 'parley-geo.js', 'parley-warm-up.bin', 'parley-wire.js', 'parley-worker.js', 'parley.deferred.wasm', 'parley.fallback.js', 'parley.js', 'parley.wasm']);
  for (const [name, entry] of Object.entries(manifest.files)) {
    const stem = name.replace(/\.(js|wasm|bin)$/, '');
    assert.match(entry.file, new RegExp(`^${stem.replaceAll('.', '\\.')}-${pkg.version.replace(/\./g, '\\.')}-[0-9a-f]{12}\\.(js|wasm|bin)$`));
    assert.equal(sri(path.join(DIST, entry.file)), entry.integrity, `${entry.file}: its integrity`);
    assert.equal(sri(path.join(DIST, name)), manifest.stable[name].integrity, `${name}: its integrity`);
  }
  assert.deepEqual(readFileSync(path.join(DIST, manifest.files['parley.wasm'].file)), readFileSync(path.join(DIST, 'parley.wasm')));
  // The hashed script loads the hashed assets, and no stable name is left in it.
  const hashed = readFileSync(path.join(DIST, manifest.files['parley.js'].file), 'latin1');
  for (const asset of ['parley.wasm', 'parley.deferred.wasm', 'parley.fallback.js', 'parley-chat.js', 'parley-wire.js', 'parley-geo.js', 'parley-warm-up.bin', 'parley-worker.js']) {
    assert.ok(hashed.includes(manifest.files[asset].file), `the hashed parley.js names ${manifest.files[asset].file}`);
    assert.ok(!hashed.includes(asset), `the hashed parley.js still names ${asset}`);
  }
  assert.ok(existsSync(path.join(DIST, 'parley-config.cjs')), 'the bin keeps its stable name');
});

test(`the pre-load stub is at most ${STUB_BUDGET} bytes minified, and the README inlines exactly it`, async () => {
  const source = readFileSync(path.join(ROOT, 'wasm-glue/parley-stub.js'), 'utf8');
  const { code } = await minify(source, { compress: { passes: 2 }, mangle: true, ecma: 2017 });
  const bytes = Buffer.byteLength(code);
  assert.ok(bytes <= STUB_BUDGET, `the stub is ${bytes} bytes`);
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(`<script>${code}</script>`), `README's snippet is not the minified stub:\n<script>${code}</script>`);
});
