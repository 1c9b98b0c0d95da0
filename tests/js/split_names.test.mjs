// wasm-glue/split_names.mjs: what parley.wasm exports for its deferred part renamed in the order of
// the functions they name, and the deferred part's imports with them. A primary exporting three
// functions under wasm-split's kind of names (in no order) and the engine's own export, and a
// deferred part calling all three through its imports: after the renaming the names follow the
// function indices, the engine's export keeps its name, and the deferred part, linked to the
// renamed primary, still reaches each function. An import the primary does not export stops the
// build.
//
// Run: node --test tests/js/split_names.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameSplitExports } from '../../wasm-glue/split_names.mjs';
import { I32, body, call, exportIndices, i32, moduleBytes, name, section, vec } from './wasm_writer.mjs';

// Functions 0, 1, 2 return 10, 20, 30; exported as %q (2), %b (0), %z (1), and "engine" (1).
function primary() {
  return moduleBytes(
    section(1, vec([[0x60, 0, 1, I32]])),
    section(3, vec([[0], [0], [0]])),
    section(7, vec([[...name('%q'), 0, 2], [...name('engine'), 0, 1], [...name('%b'), 0, 0], [...name('%z'), 0, 1]])),
    section(10, vec([body(i32(10)), body(i32(20)), body(i32(30))])));
}

// Imports primary.%b, %z, %q (functions 0, 1, 2 here) and exports sum() = %b + 2 %z + 3 %q.
function deferred(names = ['%b', '%z', '%q']) {
  return moduleBytes(
    section(1, vec([[0x60, 0, 1, I32]])),
    section(2, vec(names.map((n) => [...name('primary'), ...name(n), 0, 0]))),
    section(3, vec([[0]])),
    section(7, vec([[...name('sum'), 0, 3]])),
    section(10, vec([body([...call(0), ...call(1), ...call(1), 0x6a, 0x6a, ...call(2), ...call(2), ...call(2), 0x6a, 0x6a, 0x6a])])));
}

async function linkedSum(primaryBytes, deferredBytes) {
  const { instance: p } = await WebAssembly.instantiate(primaryBytes);
  const { instance: d } = await WebAssembly.instantiate(deferredBytes, { primary: p.exports });
  return d.exports.sum();
}

test('the names follow the function indices, and the deferred part still reaches each function', async () => {
  assert.equal(await linkedSum(primary(), deferred()), 10 + 2 * 20 + 3 * 30);
  const renamed = renameSplitExports(primary(), deferred(), '%');
  assert.deepEqual(exportIndices(renamed.primary), { engine: 1, '%a': 0, '%b': 1, '%c': 2 });
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(renamed.deferred)).map((i) => i.name), ['%a', '%b', '%c']);
  assert.equal(await linkedSum(renamed.primary, renamed.deferred), 10 + 2 * 20 + 3 * 30);
});

test('an import the primary does not export stops the build', () => {
  assert.throws(() => renameSplitExports(primary(), deferred(['%b', '%z', '%y']), '%'), /imports %y, which parley\.wasm does not export/);
});
