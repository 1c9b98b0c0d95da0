// Reading and writing the wasm binary format, for the build steps that rewrite parley.wasm after
// wasm-split (split_data.mjs, order_functions.mjs, split_table.mjs). Only what the engine's modules hold: the MVP
// instructions, sign extension, and the 0xfc prefix (saturating truncation, bulk memory, tables).
// Anything else throws rather than be misread.

export class Cursor {
  constructor(bytes, at = 0) { this.bytes = bytes; this.at = at; }
  byte() { return this.bytes[this.at++]; }
  u32() {
    let result = 0, shift = 0, b;
    do { b = this.bytes[this.at++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  }
  s64() {  // as a Number: only i32-sized values matter here
    let result = 0n, shift = 0n, b;
    do { b = this.bytes[this.at++]; result |= BigInt(b & 0x7f) << shift; shift += 7n; } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return Number(BigInt.asIntN(64, result));
  }
  skip(n) { this.at += n; }
}

export const u32Bytes = (value) => {
  const out = [];
  do { let b = value % 128; value = Math.floor(value / 128); if (value) b |= 0x80; out.push(b); } while (value);
  return out;
};

export const s32Bytes = (value) => {
  const out = [];
  for (;;) {
    const b = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(b & 0x40)) || (value === -1 && (b & 0x40))) { out.push(b); return out; }
    out.push(b | 0x80);
  }
};

// [{ id, start, end }]: each section's payload, after the 8-byte header.
export function sections(bytes) {
  const list = [], cursor = new Cursor(bytes, 8);
  while (cursor.at < bytes.length) {
    const id = cursor.byte(), size = cursor.u32();
    list.push({ id, start: cursor.at, end: cursor.at + size });
    cursor.skip(size);
  }
  return list;
}

export function section(id, payload) {
  return Uint8Array.from([id, ...u32Bytes(payload.length), ...payload]);
}

// A custom section's name (id 0), or null.
export function customName(bytes, { id, start }) {
  if (id !== 0) return null;
  const cursor = new Cursor(bytes, start), length = cursor.u32();
  return new TextDecoder().decode(bytes.subarray(cursor.at, cursor.at + length));
}

// One entry of the import section at the cursor: { module, name, kind, description } (description:
// where the kind byte and what follows it start); the cursor ends after it.
export function readImport(cursor) {
  const module = readName(cursor), name = readName(cursor);
  const description = cursor.at;
  const kind = cursor.byte();
  const limits = () => { if (cursor.byte() & 1) { cursor.u32(); cursor.u32(); } else cursor.u32(); };
  if (kind === 0) cursor.u32();  // a function: its type
  else if (kind === 1) { cursor.byte(); limits(); }  // a table
  else if (kind === 2) limits();  // a memory
  else if (kind === 3) cursor.skip(2);  // a global: its type, mutability
  else throw new Error(`wasm_binary.mjs: unknown import kind ${kind}`);
  return { module, name, kind, description };
}

export function readName(cursor) {
  const length = cursor.u32();
  const text = new TextDecoder().decode(cursor.bytes.subarray(cursor.at, cursor.at + length));
  cursor.skip(length);
  return text;
}

// A section's bytes before its payload: its id and the payload's length.
export const headerLength = (s) => 1 + u32Bytes(s.end - s.start).length;

// The items of a vector section (each read by item(cursor)); [] without the section.
export function readVector(bytes, s, item) {
  if (!s) return [];
  const cursor = new Cursor(bytes, s.start), out = [];
  for (let n = cursor.u32(); n > 0; --n) out.push(item(cursor));
  return out;
}

export const vector = (items) => [...u32Bytes(items.length), ...items.flatMap((item) => [...item])];

export const functionImports = (bytes, s) => readVector(bytes, s, readImport).filter((i) => i.kind === 0).length;

// The module's bytes with `payload` in place of section `id`'s.
export function replaceSection(bytes, id, payload) {
  const list = sections(bytes);
  if (!list.some((s) => s.id === id)) throw new Error(`wasm_binary.mjs: no section ${id}`);
  return concat([bytes.subarray(0, 8), ...list.map((s) => (s.id === id ? section(id, payload)
    : bytes.subarray(s.start - headerLength(s), s.end)))]);
}

// ---- Function indices renamed (rename(old) -> new) wherever they appear ------------------------

export function rewriteExports(bytes, s, rename) {
  const cursor = new Cursor(bytes, s.start), out = [...u32Bytes(cursor.u32())];
  while (cursor.at < s.end) {
    const nameStart = cursor.at;
    cursor.skip(cursor.u32());
    const name = bytes.subarray(nameStart, cursor.at);
    const kind = cursor.byte(), index = cursor.u32();
    out.push(...name, kind, ...u32Bytes(kind === 0 ? rename(index) : index));
  }
  return out;
}

// Element segments of the form wasm-ld writes (flags 0: table 0, an offset, function indices).
export function rewriteElements(bytes, s, rename) {
  const cursor = new Cursor(bytes, s.start), out = [...u32Bytes(cursor.u32())];
  while (cursor.at < s.end) {
    if (cursor.u32() !== 0) throw new Error('wasm_binary.mjs: an element segment not of the MVP form');
    const offsetStart = cursor.at;
    for (const { op } of instructions(cursor, s.end)) if (op === 0x0b) break;
    out.push(0, ...bytes.subarray(offsetStart, cursor.at));
    const count = cursor.u32();
    out.push(...u32Bytes(count));
    for (let n = count; n > 0; --n) out.push(...u32Bytes(rename(cursor.u32())));
  }
  return out;
}

// A code section entry (its size, then the body) with its calls and ref.func renamed.
export function rewriteBody(body, rename) {
  const cursor = new Cursor(body);
  for (let groups = cursor.u32(); groups > 0; --groups) { cursor.u32(); cursor.byte(); }  // locals
  const out = [...body.subarray(0, cursor.at)];
  for (const { op, start, immediate, next } of instructions(cursor, body.length)) {
    if (op === 0x10 || op === 0xd2) out.push(op, ...u32Bytes(rename(new Cursor(body, immediate).u32())));
    else for (let at = start; at < next; ++at) out.push(body[at]);
  }
  return [...u32Bytes(out.length), ...out];
}

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// The instructions of an expression in [cursor.at, end): { op, start, immediate, next } each
// (op: the opcode, 0xfc's as 0xfc00 + its sub-opcode; immediate: where its immediates begin).
export function* instructions(cursor, end) {
  while (cursor.at < end) {
    const start = cursor.at;
    let op = cursor.byte();
    if (op === 0xfc) op = 0xfc00 + cursor.u32();
    const immediate = cursor.at;
    skipImmediates(cursor, op);
    yield { op, start, immediate, next: cursor.at };
  }
}

const ONE_INDEX = new Set([0x0c, 0x0d, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2,
                           0xfc09, 0xfc0d, 0xfc0f, 0xfc10, 0xfc11]);
const NO_IMMEDIATE = (op) => op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a ||
                             op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1 || (op >= 0xfc00 && op <= 0xfc07);

function skipImmediates(cursor, op) {
  if (NO_IMMEDIATE(op)) return;
  if (ONE_INDEX.has(op)) return void cursor.u32();
  if (op >= 0x28 && op <= 0x3e) { cursor.u32(); cursor.u32(); return; }  // memarg: alignment, offset
  switch (op) {
    case 0x02: case 0x03: case 0x04: cursor.s64(); return;  // block type
    case 0x0e: for (let n = cursor.u32() + 1; n > 0; --n) cursor.u32(); return;  // br_table
    case 0x11: case 0xfc0c: case 0xfc0e: cursor.u32(); cursor.u32(); return;
    case 0x1c: for (let n = cursor.u32(); n > 0; --n) cursor.byte(); return;  // select t*
    case 0x3f: case 0x40: case 0xd0: case 0xfc0b: cursor.byte(); return;
    case 0x41: case 0x42: cursor.s64(); return;
    case 0x43: cursor.skip(4); return;
    case 0x44: cursor.skip(8); return;
    case 0xfc08: cursor.u32(); cursor.byte(); return;  // memory.init
    case 0xfc0a: cursor.skip(2); return;  // memory.copy
    default: throw new Error(`wasm_binary.mjs: unknown instruction 0x${op.toString(16)} at ${cursor.at - 1}`);
  }
}
