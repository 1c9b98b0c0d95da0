// wasm-glue/order_functions.mjs: a module's function bodies reordered for gzip, every index that
// names a function rewritten. A small module built here holds each place an index can be: a call,
// a call through the table (its element segment), exports, a start function, an imported
// function. The reordered module must behave the same, similar bodies must end up next to each
// other, and what the tool cannot rewrite must stop the build, not pass through. The shipped
// parts' behaviour after it is differential.test.mjs's and split_start.test.mjs's to check.
//
// Run: node --test tests/js/order_functions.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderFunctions } from '../../wasm-glue/order_functions.mjs';
import { I32, body, call, exportIndices, i32, moduleBytes, name, section, u32, vec } from './wasm_writer.mjs';

// Twelve (i32.const k, drop) pairs: two bodies that hold this are alike, unlike the others.
const padding = (k) => Array.from({ length: 12 }, () => [...i32(k), 0x1a]).flat();

// Function 0 is the import "env.seven"; then, defined in this order:
//   1 add      () -> i32  call 4 + 30
//   2 alikeA   () -> i32  padding, 5
//   3 init     ()         the start function: writes 9 to global 0
//   4 viaImp   () -> i32  call 0 (the import)
//   5 alikeB   () -> i32  padding, 6
//   6 indirect () -> i32  the table's slot 1 (viaImp), called through call_indirect
//   7 global   () -> i32  reads global 0
// alikeB moves up next to alikeA, and init and viaImp down one each.
function testModule(extraSections = []) {
  const types = vec([[0x60, 0, 1, I32], [0x60, 0, 0]]);
  const imports = vec([[...name('env'), ...name('seven'), 0, 0]]);
  const functions = vec([[0], [0], [1], [0], [0], [0], [0]]);
  const table = vec([[0x70, 0, 2]]);
  const globals = vec([[I32, 1, ...i32(0), 0x0b]]);
  const exports = vec([['add', 1], ['alikeA', 2], ['viaImp', 4], ['alikeB', 5], ['indirect', 6], ['global', 7]]
    .map(([n, index]) => [...name(n), 0, ...u32(index)]));
  const elements = vec([[0, ...i32(0), 0x0b, ...vec([u32(1), u32(4)])]]);
  const code = vec([
    body([...call(4), ...i32(30), 0x6a]),
    body([...padding(5), ...i32(5)]),
    body([...i32(9), 0x24, 0]),
    body(call(0)),
    body([...padding(5), ...i32(6)]),
    body([...i32(1), 0x11, 0, 0]),
    body([0x23, 0]),
  ]);
  return moduleBytes(section(1, types), section(2, imports), section(3, functions), section(4, table),
    section(6, globals), section(7, exports), section(8, u32(3)), section(9, elements),
    section(10, code), extraSections);
}

async function run(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes, { env: { seven: () => 7 } });
  const e = instance.exports;
  return { add: e.add(), alikeA: e.alikeA(), viaImp: e.viaImp(), alikeB: e.alikeB(), indirect: e.indirect(), global: e.global() };
}

test('the reordered module behaves as the original, through calls, the table, the start function and the import', async () => {
  const original = testModule();
  const expected = await run(original);
  assert.deepEqual(expected, { add: 37, alikeA: 5, viaImp: 7, alikeB: 6, indirect: 7, global: 9 });
  const reordered = orderFunctions(original);
  assert.notDeepEqual(exportIndices(reordered), exportIndices(original), 'the bodies moved');
  assert.deepEqual(await run(reordered), expected);
});

test('alike bodies end up next to each other', () => {
  const before = exportIndices(testModule());
  assert.equal(before.alikeB - before.alikeA, 3);
  const after = exportIndices(orderFunctions(testModule()));
  assert.equal(Math.abs(after.alikeB - after.alikeA), 1);
  assert.equal(after.add, before.add, 'the first body stays first');
});

test('a name section is refused, not left naming the wrong functions', () => {
  const names = [0, ...u32(5 + 1 + 3), ...name('name'), 1, 1, 0];  // a custom "name" section, its payload cut short
  assert.throws(() => orderFunctions(testModule(names)), /name section/);
});

test('an instruction it does not know stops it', () => {
  const module = testModule();
  // alikeA's first instruction (i32.const, 0x41) made a SIMD prefix (0xfd), which it cannot read.
  const at = Buffer.from(module).indexOf(Buffer.from([0, 0x41, 5, 0x1a]));
  assert.ok(at > 0);
  module[at + 1] = 0xfd;
  assert.throws(() => orderFunctions(module), /unknown instruction 0xfd/);
});

