// The deferred part calls parley.wasm's functions through the table the two share, not through
// exports. wasm-split has the primary export every function the part calls (~320 of them, each a
// name and an index: 1.2 KB of parley.wasm's gzip, on every page's critical path) and the part
// import them by name. Here those functions go into the primary's table instead, in one element
// segment after the table's own slots, in index order (rising indices compress: -840 B gzip of
// parley.wasm), and each such import of the part becomes a function of its own that calls its
// slot (call_indirect with the import's type). The part grows by a few bytes per function, off the
// critical path; a call from the part into the primary goes through one more function, about a
// nanosecond. The other exports (the engine's, the memory, the table, the stack pointer) stay.
//
//   callThroughTable(primary, deferred, prefix) -> { primary, deferred }
//     prefix: wasm-split's --export-prefix, which names what the primary exports for the part only
import {
  Cursor, concat, headerLength, readImport, readName, readVector, rewriteBody, rewriteElements,
  rewriteExports, s32Bytes, section, sections, u32Bytes, vector,
} from './wasm_binary.mjs';

const fail = (why) => { throw new Error(`split_table.mjs: ${why}`); };

// A table's limits at the cursor (flags, min, max if flags say so): { min, max } (max: null if none).
function readLimits(cursor) {
  const flags = cursor.u32();
  if (flags > 1) fail(`table limits with flags ${flags}`);
  const min = cursor.u32();
  return { min, max: flags === 1 ? cursor.u32() : null };
}
const encoder = new TextEncoder();
const nameBytes = (text) => { const bytes = encoder.encode(text); return [...u32Bytes(bytes.length), ...bytes]; };
const limitsBytes = ({ min, max }) => (max === null ? [0, ...u32Bytes(min)] : [1, ...u32Bytes(min), ...u32Bytes(max)]);

export function callThroughTable(primary, deferred, prefix) {
  // ---- parley.wasm: the functions out of its exports, into its table -------------------------
  const primarySections = sections(primary);
  const find = (list, id) => list.find((s) => s.id === id) || fail(`a module without section ${id}`);
  const exports = readVector(primary, find(primarySections, 7), (c) => {
    const start = c.at, name = readName(c), kind = c.byte(), index = c.u32();
    return { name, kind, index, bytes: primary.subarray(start, c.at) };
  });
  const moved = exports.filter((e) => e.kind === 0 && e.name.startsWith(prefix)).sort((a, b) => a.index - b.index);
  if (moved.length === 0) return { primary, deferred };

  const tables = readVector(primary, find(primarySections, 4), (c) => {
    if (c.byte() !== 0x70) fail('a table that does not hold functions');
    return readLimits(c);
  });
  if (tables.length !== 1) fail(`parley.wasm defines ${tables.length} tables, not one`);
  const base = tables[0].min;
  const grown = { min: base + moved.length, max: tables[0].max === null ? null : Math.max(tables[0].max, base + moved.length) };
  const slot = new Map(moved.map((e, k) => [e.name, base + k]));

  const elements = find(primarySections, 9);
  const elementCursor = new Cursor(primary, elements.start);
  const segments = elementCursor.u32();
  const ours = [0, 0x41, ...s32Bytes(base), 0x0b, ...vector(moved.map((e) => u32Bytes(e.index)))];
  const newPrimary = concat([primary.subarray(0, 8), ...primarySections.map((s) => {
    switch (s.id) {
      case 4: return section(4, [...u32Bytes(1), 0x70, ...limitsBytes(grown)]);
      case 7: return section(7, vector(exports.filter((e) => !slot.has(e.name)).map((e) => e.bytes)));
      case 9: return section(9, [...u32Bytes(segments + 1), ...primary.subarray(elementCursor.at, s.end), ...ours]);
      default: return primary.subarray(s.start - headerLength(s), s.end);
    }
  })]);

  // ---- parley.deferred.wasm: each import of a moved function, a function calling its slot ------
  const deferredSections = sections(deferred);
  const types = readVector(deferred, find(deferredSections, 1), (c) => {
    if (c.byte() !== 0x60) fail('a type that is not a function type');
    const params = c.u32();
    for (let n = params; n > 0; --n) c.byte();
    for (let n = c.u32(); n > 0; --n) c.byte();
    return { params };
  });
  const imports = readVector(deferred, find(deferredSections, 2), (c) => {
    const entry = readImport(c);
    return { ...entry, bytes: deferred.subarray(entry.description, c.at), type: entry.kind === 0 ? new Cursor(deferred, entry.description + 1).u32() : null };
  });
  const imported = imports.filter((i) => i.kind === 0);
  const called = imported.filter((i) => i.module === 'primary' && i.name.startsWith(prefix));
  for (const i of called) if (!slot.has(i.name)) fail(`the deferred part imports ${i.name}, which parley.wasm does not export`);
  if (called.length && !imports.some((i) => i.kind === 1 && i.module === 'primary')) fail('the deferred part does not import the table');
  const kept = imported.filter((i) => !called.includes(i));
  // The function index space: the imports left, then the new functions (in import order), then
  // the part's own functions, whose indices do not change (as many imports went as came).
  const rename = new Map();
  kept.forEach((i, k) => rename.set(imported.indexOf(i), k));
  called.forEach((i, k) => rename.set(imported.indexOf(i), kept.length + k));
  const renamed = (index) => rename.get(index) ?? index;

  const stub = (i) => {
    const code = [0];  // no locals
    for (let p = 0; p < types[i.type].params; ++p) code.push(0x20, ...u32Bytes(p));
    code.push(0x41, ...s32Bytes(slot.get(i.name)), 0x11, ...u32Bytes(i.type), 0, 0x0b);
    return [...u32Bytes(code.length), ...code];
  };
  const importEntry = (i) => {
    if (i.kind === 1 && i.module === 'primary') {  // the table, now larger: the part asks for what it is
      if (i.bytes[1] !== 0x70) fail('the deferred part imports a table that does not hold functions');
      return [...nameBytes(i.module), ...nameBytes(i.name), 1, 0x70, ...limitsBytes(grown)];
    }
    return [...nameBytes(i.module), ...nameBytes(i.name), ...i.bytes];
  };
  const newDeferred = concat([deferred.subarray(0, 8), ...deferredSections.map((s) => {
    switch (s.id) {
      case 2: return section(2, vector(imports.filter((i) => !called.includes(i)).map(importEntry)));
      case 3: return section(3, vector([...called.map((i) => u32Bytes(i.type)), ...readVector(deferred, s, (c) => u32Bytes(c.u32()))]));
      case 7: return section(7, rewriteExports(deferred, s, renamed));
      case 8: return section(8, u32Bytes(renamed(new Cursor(deferred, s.start).u32())));
      case 9: return section(9, rewriteElements(deferred, s, renamed));
      case 10: return section(10, vector([...called.map(stub), ...readVector(deferred, s, (c) => {
        const size = c.u32(), start = c.at;
        c.skip(size);
        return rewriteBody(deferred.subarray(start, c.at), renamed);
      })]));
      default: return deferred.subarray(s.start - headerLength(s), s.end);
    }
  })]);
  return { primary: newPrimary, deferred: newDeferred };
}
