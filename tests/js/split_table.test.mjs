// wasm-glue/split_table.mjs: the functions parley.wasm exported for its deferred part only, put in
// the table the two share instead, and each import of them in the part made a function that
// calls its slot. A primary with a table of its own (one slot in use), three functions exported
// under wasm-split's kind of names (one taking two arguments) and one of the engine's; a part that
// imports all four, the table and the memory, and calls each: linked, the part computes what it
// did before, the prefixed exports are gone, the engine's stays, and the slots after the primary's
// own hold the moved functions in index order. A part that imports a prefixed name the primary
// does not export, or does not import the table, stops the build.
//
// Run: node --test tests/js/split_table.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callThroughTable } from '../../wasm-glue/split_table.mjs';
import { I32, body, call, exportIndices, i32, moduleBytes, name, section, u32, vec } from './wasm_writer.mjs';

const getLocal = (n) => [0x20, n];

// Types: 0 () -> i32, 1 (i32, i32) -> i32. Functions: 0 ten, 1 difference(a, b) = a - b,
// 2 thirty, 3 engine = 5, 4 own = 40 (in table slot 0). Exported: %q (2), engine (3), %b (0),
// %z (1), the table as "o", the memory as "c".
function primary() {
  return moduleBytes(
    section(1, vec([[0x60, 0, 1, I32], [0x60, 2, I32, I32, 1, I32]])),
    section(3, vec([[0], [1], [0], [0], [0]])),
    section(4, vec([[0x70, 1, 1, 1]])),  // funcref, min 1, max 1
    section(5, vec([[0, 1]])),
    section(7, vec([[...name('%q'), 0, 2], [...name('engine'), 0, 3], [...name('%b'), 0, 0], [...name('%z'), 0, 1],
                    [...name('o'), 1, 0], [...name('c'), 2, 0]])),
    section(9, vec([[0, ...i32(0), 0x0b, ...vec([u32(4)])]])),
    section(10, vec([body(i32(10)), body([...getLocal(0), ...getLocal(1), 0x6b]), body(i32(30)), body(i32(5)), body(i32(40))])));
}

// Imports primary.engine, %b, %z, %q (functions 0 to 3), the table and the memory, in that order;
// its own function (4), exported as sum(), adds engine, %b, %z(50, 1), %q and the table's slot 0:
// 5 + 10 + 49 + 30 + 40.
function deferred(names = ['engine', '%b', '%z', '%q'], { table = true } = {}) {
  const types = [0, 0, 1, 0];
  return moduleBytes(
    section(1, vec([[0x60, 0, 1, I32], [0x60, 2, I32, I32, 1, I32]])),
    section(2, vec([...names.map((n, k) => [...name('primary'), ...name(n), 0, types[k]]),
                    ...(table ? [[...name('primary'), ...name('o'), 1, 0x70, 1, 1, 1]] : []),
                    [...name('primary'), ...name('c'), 2, 0, 1]])),
    section(3, vec([[0]])),
    section(7, vec([[...name('sum'), 0, 4]])),
    section(10, vec([body([...call(0), ...call(1), 0x6a, ...i32(50), ...i32(1), ...call(2), 0x6a, ...call(3), 0x6a,
                           ...i32(0), 0x11, 0, 0, 0x6a])])));
}

async function linkedSum(primaryBytes, deferredBytes) {
  const { instance: p } = await WebAssembly.instantiate(primaryBytes);
  const { instance: d } = await WebAssembly.instantiate(deferredBytes, { primary: p.exports });
  return { sum: d.exports.sum(), table: p.exports.o };
}

test('the deferred part reaches the moved functions through the table, and computes the same', async () => {
  const before = await linkedSum(primary(), deferred());
  assert.equal(before.sum, 5 + 10 + 49 + 30 + 40);

  const moved = callThroughTable(primary(), deferred(), '%');
  assert.deepEqual(exportIndices(moved.primary), { engine: 3 }, 'only the engine\'s function is still exported');
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(moved.deferred)).map((i) => `${i.name}:${i.kind}`),
                   ['engine:function', 'o:table', 'c:memory']);
  const after = await linkedSum(moved.primary, moved.deferred);
  assert.equal(after.sum, before.sum);
  // The primary's own slot first, then %b (0), %z (1), %q (2): in index order.
  assert.equal(after.table.length, 4);
  assert.deepEqual([1, 2, 3].map((slot) => after.table.get(slot).length), [0, 2, 0]);
  assert.deepEqual([after.table.get(1)(), after.table.get(2)(7, 3), after.table.get(3)()], [10, 4, 30]);
});

test('a primary with nothing exported for the part is left as it is', () => {
  const plain = moduleBytes(section(1, vec([[0x60, 0, 1, I32]])), section(3, vec([[0]])),
                            section(7, vec([[...name('engine'), 0, 0]])), section(10, vec([body(i32(5))])));
  const result = callThroughTable(plain, deferred(), '%');
  assert.equal(result.primary, plain);
});

test('a part importing a name the primary does not export, or not the table, stops the build', () => {
  assert.throws(() => callThroughTable(primary(), deferred(['engine', '%b', '%z', '%y']), '%'),
                /imports %y, which parley\.wasm does not export/);
  assert.throws(() => callThroughTable(primary(), deferred(undefined, { table: false }), '%'), /does not import the table/);
});
