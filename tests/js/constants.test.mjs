// The version and the lcw:error codes have one source each: package.json's "version" and
// wasm-glue/lcw_errors.json. cmake/parley_constants.cmake writes them into the engine
// (parley/constants.hpp) and into parley.js (PARLEY_VERSION, ParleyErrorCode); nothing else may
// spell them. These tests fail when a copy creeps back or a copy disagrees.
//
// Run: node --test tests/js/constants.test.mjs (after configuring a preset: it checks what was generated)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const version = JSON.parse(read('package.json')).version;
const { codes } = JSON.parse(read('wasm-glue/lcw_errors.json'));
const byName = Object.fromEntries(codes.map((c) => [c.name, c.code]));
const sources = (dir, ext) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));

describe('lcw:error codes', () => {
  it('are unique, by name and by number', () => {
    assert.equal(new Set(codes.map((c) => c.name)).size, codes.length);
    assert.equal(new Set(codes.map((c) => c.code)).size, codes.length);
    for (const c of codes) assert.ok(Number.isInteger(c.code) && c.code > 0 && c.about, JSON.stringify(c));
  });

  it('the engine emits them by name, never as a bare number, and a failed conversation is not a bad argument', () => {
    const files = [...sources('widget/src', '.cpp'), ...sources('wasm-glue/abi', '.cpp')];
    let emitted = 0;
    for (const file of files) {
      for (const [, value] of read(file).matchAll(/\.add\("errorCode",\s*(static_cast<int>\([^)]*\)|[^)]*)\)/g)) {
        emitted++;
        assert.match(value, /^static_cast<int>\(LcwError::\w+\)$/, `${file}: errorCode ${value}`);
        assert.ok(value.match(/LcwError::(\w+)/)[1] in byName, `${file}: ${value} is not in lcw_errors.json`);
      }
      assert.doesNotMatch(read(file), /ErrorCode\s*=\s*\d+/, `${file} keeps its own error code`);
    }
    assert.ok(emitted >= 3, 'the engine emits lcw:error (media twice, conversation once)');
    assert.match(read('widget/src/engine_conversation.cpp'), /LcwError::conversation\)\)\s*\.add\("errorDescription", "the conversation failed"\)/);
    assert.notEqual(byName.conversation, byName.badArgument);
  });

  it('the runtime uses only codes of the table and does not define its own', () => {
    for (const file of sources('wasm-glue/runtime', '.js')) {
      const text = read(file);
      assert.doesNotMatch(text, /var ParleyErrorCode\s*=|var PARLEY_VERSION\s*=/, `${file} defines what is generated`);
      for (const [, name] of text.matchAll(/ParleyErrorCode\.(\w+)/g)) assert.ok(name in byName, `${file}: ParleyErrorCode.${name}`);
    }
  });

  it("parley.mjs's codes (it loads before parley.js, so it has its own) agree with the table", () => {
    const constants = [...read('wasm-glue/parley.mjs').matchAll(/^const ([A-Z_]+) = (\d+);/gm)]
      .filter(([, name]) => name !== 'DEFAULT_TIMEOUT_MS');
    assert.ok(constants.length >= 4);
    for (const [, name, code] of constants) {
      const camel = name.toLowerCase().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
      assert.equal(Number(code), byName[camel], `parley.mjs ${name}`);
    }
  });
});

describe('the version', () => {
  it("is written only in package.json: CMake reads it from there, and no source spells it", () => {
    assert.match(read('CMakeLists.txt'), /string\(JSON parley_version GET "\$\{package_json\}" version\)/);
    assert.match(read('CMakeLists.txt'), /project\(parley VERSION \$\{parley_version\}/);
    const literal = new RegExp(`["']${version.replace(/\./g, '\\.')}["']`);
    for (const file of ['CMakeLists.txt', 'widget/src/engine.cpp', 'wasm-glue/abi/parley_abi.cpp', 'wasm-glue/runtime/prelude.js',
                        'wasm-glue/runtime/public_api.js', ...sources('widget/cli', '.cpp'), ...sources('widget/cli', '.txt')])
      assert.doesNotMatch(read(file), literal, `${file} spells the version`);
  });
});

// What the build generated, in every build folder there is (the presets that have been built).
const generated = fs.existsSync(path.join(root, 'build'))
  ? fs.readdirSync(path.join(root, 'build')).map((d) => path.join(root, 'build', d, 'generated'))
      .filter((d) => fs.existsSync(path.join(d, 'parley_constants.js')))
  : [];

describe('what the build generated', () => {
  it('exists: configure a preset first (cmake --preset native-asan or wasm-release)', () => {
    assert.ok(generated.length > 0, 'no build/*/generated/parley_constants.js');
  });
  for (const dir of generated) {
    it(`${path.relative(root, dir)}: parley_constants.js and parley/constants.hpp say the same as the sources`, () => {
      const context = vm.createContext({});
      vm.runInContext(fs.readFileSync(path.join(dir, 'parley_constants.js'), 'utf8') +
                      '\nthis.out = { version: PARLEY_VERSION, codes: ParleyErrorCode };', context);
      assert.equal(context.out.version, version);
      assert.deepEqual({ ...context.out.codes }, byName);
      const header = fs.readFileSync(path.join(dir, 'parley', 'constants.hpp'), 'utf8');
      assert.match(header, new RegExp(`kVersion = "${version.replace(/\./g, '\\.')}"`));
      for (const c of codes) assert.match(header, new RegExp(`\\b${c.name} = ${c.code},`));
    });
  }
});
