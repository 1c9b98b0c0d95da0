// Moves the read-only data that only parley.deferred.wasm uses out of parley.wasm, after
// wasm-split (split_module.mjs): wasm-split moves functions, and leaves every byte of data in the
// primary. The strings and tables of the conversation, the survey, video calls, the JSON config
// reader and the inspector then travel with the code that reads them. The deferred part holds them
// as active data segments: instantiating it writes them into the shared memory, before any of its
// functions can run (engine_deferred.js), and nothing else ever reads them.
//
// Which data the primary may read is found from its code, conservatively:
//   - the objects are the link map's (wasm-ld --print-map, the data layout wasm-opt keeps): its
//     symbols, and the merged string literals cut at their NULs, and where an address names a
//     string's middle (a shorter literal merged into its end: that end stays, the rest may move);
//   - an object stays if the primary's code names an address in it (an i32.const or a load or
//     store offset), or if a writable object or one that stays points to it (a table of pointers:
//     see pointee below);
//   - the compiler may fold an index's offset into a table's address (table[i - 1] reads at
//     (table - 4) + 4i; one past the end ends a loop): the table just before a named address stays
//     too (unless the address is another object's start: a loop names its table's start as well),
//     and every table that starts within NEAR bytes after an address that is neither an
//     object's start nor its end, or that is a load or store's offset (an index's base);
//   - writable data never moves: the deferred part's segments would write it back at
//     instantiation.
// A wrong guess could only show while the deferred part is not yet there:
// tests/js/split_start.test.mjs runs every scenario fixture's start on parley.wasm alone and on
// both parts, and compares.
//
//   moveDeferredData(primary, deferred, map) -> { primary, deferred }
//     primary, deferred: the wasm-split outputs (Uint8Array); map: the link map's text.
import { Cursor, concat, instructions, s32Bytes, section, sections, u32Bytes } from './wasm_binary.mjs';

const NEAR = 256;
const LONG_ZEROS = 256;  // a longer run of zeros in the primary's data ends its segment
const MERGE_GAP = 8;  // the deferred part's segments merge across shorter gaps

// Active segments of memory 0 with an i32.const offset: [{ offset, bytes }].
function readDataSegments(bytes, { start, end }) {
  const cursor = new Cursor(bytes, start), segments = [];
  for (let n = cursor.u32(); n > 0; --n) {
    const flags = cursor.u32();
    if (flags !== 0 || cursor.byte() !== 0x41) throw new Error('split_data.mjs: a data segment is not an active i32.const one');
    const offset = cursor.s64() >>> 0;
    if (cursor.byte() !== 0x0b) throw new Error('split_data.mjs: a data segment\'s offset is not a constant');
    const size = cursor.u32();
    segments.push({ offset, bytes: bytes.subarray(cursor.at, cursor.at + size) });
    cursor.skip(size);
  }
  if (cursor.at !== end) throw new Error('split_data.mjs: the data section has trailing bytes');
  return segments;
}

function dataSection(segments) {
  const payload = [...u32Bytes(segments.length)];
  for (const { offset, bytes } of segments)
    payload.push(0, 0x41, ...s32Bytes(offset | 0), 0x0b, ...u32Bytes(bytes.length), ...bytes);
  return section(11, payload);
}

// Every i32.const and every load or store offset in the code and global sections: the addresses
// the module can name, [{ address, base }] (base: a load or store's offset, added to an index).
// Throws on an instruction it does not know, rather than miss one.
function namedAddresses(bytes, list) {
  const found = [];
  const expression = (cursor, end) => {
    for (const { op, immediate } of instructions(cursor, end)) {
      const at = new Cursor(bytes, immediate);
      if (op === 0x41) found.push({ address: at.s64() >>> 0, base: false });
      else if (op >= 0x28 && op <= 0x3e) { at.u32(); found.push({ address: at.u32(), base: true }); }  // memarg
    }
  };
  for (const { id, start } of list) {
    const cursor = new Cursor(bytes, start);
    if (id === 10) {
      for (let n = cursor.u32(); n > 0; --n) {
        const size = cursor.u32(), end = cursor.at + size;
        for (let groups = cursor.u32(); groups > 0; --groups) { cursor.u32(); cursor.byte(); }  // locals
        expression(cursor, end);
        cursor.at = end;
      }
    } else if (id === 6) {
      for (let n = cursor.u32(); n > 0; --n) {
        cursor.skip(2);  // value type, mutability
        const op = cursor.byte();  // a constant expression: one instruction, then end
        if (op === 0x41) found.push({ address: cursor.s64() >>> 0, base: false });
        else if (op === 0x23 || op === 0x42) cursor.s64();
        else cursor.skip(op === 0x43 ? 4 : 8);
        if (cursor.byte() !== 0x0b) throw new Error('split_data.mjs: a global\'s initializer is not a constant');
      }
    }
  }
  return found;
}

// ---- The link map ------------------------------------------------------------------------------

// The data objects, sorted: [{ address, size, readOnly, name, text }]. The merged string
// literals (`<internal>:(.rodata)`) are cut into one object per string.
export function dataObjects(mapText, memory) {
  const objects = [];
  let inData = false;
  for (const line of mapText.split('\n')) {
    if (/\sDATA$/.test(line)) { inData = true; continue; }
    if (!inData) continue;
    if (/^\s+-\s/.test(line)) break;  // the next output section
    // "    Addr      Off     Size Out     In      Symbol": input sections at 9 spaces' depth
    const m = line.match(/^\s*([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+) {9}(\S.*)$/);
    if (!m) continue;
    const address = parseInt(m[1], 16), size = parseInt(m[3], 16), name = m[4];
    const readOnly = /\(\.rodata\b/.test(name);
    if (name === '<internal>:(.rodata)') {
      for (let at = address, begin = address; at < address + size; ++at)
        if (memory[at] === 0) { objects.push({ address: begin, size: at + 1 - begin, readOnly, text: true, name }); begin = at + 1; }
    } else if (size > 0) objects.push({ address, size, readOnly, text: false, name });
  }
  if (!inData || !objects.length) throw new Error('split_data.mjs: the link map has no DATA section');
  return objects.sort((a, b) => a.address - b.address);
}

// ---- The move ----------------------------------------------------------------------------------

export function moveDeferredData(primary, deferred, mapText) {
  const primarySections = sections(primary);
  const dataAt = primarySections.findIndex((s) => s.id === 11);
  if (dataAt < 0) throw new Error('split_data.mjs: parley.wasm has no data section');
  if (sections(deferred).some((s) => s.id === 11 || s.id === 12))
    throw new Error('split_data.mjs: parley.deferred.wasm already has data');
  const segments = readDataSegments(primary, primarySections[dataAt]);
  const top = Math.max(...segments.map((s) => s.offset + s.bytes.length));
  const memory = new Uint8Array(top + 4);
  for (const { offset, bytes } of segments) memory.set(bytes, offset);

  const codeAddresses = namedAddresses(primary, primarySections);
  const view = new DataView(memory.buffer);
  let objects = dataObjects(mapText, memory);
  const objectAt = (address) => {
    let low = 0, high = objects.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1, o = objects[mid];
      if (address < o.address) high = mid - 1;
      else if (address >= o.address + o.size) low = mid + 1;
      else return o;
    }
    return null;
  };
  // The linker merges a string literal into the end of a longer one ("referrer" is the end of
  // "document.referrer"): a string is cut where an address names its middle (code, or any aligned
  // word of data, which may be a pointer), and a piece that stays keeps the pieces after it (its
  // string's end), never those before.
  const cuts = new Map();  // string -> the addresses inside it
  const cut = (address) => {
    const o = objectAt(address);
    if (o?.text && address > o.address) cuts.set(o, (cuts.get(o) ?? new Set()).add(address));
  };
  for (const { address } of codeAddresses) cut(address);
  for (let at = 0; at + 4 <= top; at += 4) cut(view.getUint32(at, true));
  objects = objects.flatMap((o) => {
    if (!cuts.has(o)) return [o];
    const at = [...cuts.get(o)].sort((a, b) => a - b);
    const pieces = [o.address, ...at].map((begin, i, all) =>
      ({ ...o, address: begin, size: (all[i + 1] ?? o.address + o.size) - begin }));
    pieces.forEach((piece, i) => { piece.rest = pieces[i + 1]; });
    return pieces;
  });
  const kept = new Set(), pending = [];
  const keep = (object) => {
    for (let o = object; o && !kept.has(o); o = o.rest) { kept.add(o); pending.push(o); }
  };
  for (const { address, base } of codeAddresses) {
    const named = objectAt(address);
    keep(named);
    // One past a table's end, unless it is where another object starts: then it names that one
    // (a loop over the table names its start too, which keeps it).
    const before = objectAt(address - 1);
    if (before && !before.text && named?.address !== address) keep(before);
    const edge = named?.address === address || (before && before.address + before.size === address);
    if (base || !edge)
      for (const o of objects) if (!o.text && o.address > address && o.address <= address + NEAR) keep(o);
  }
  for (const o of objects) if (!o.readOnly) keep(o);
  // What kept objects point to: a 4-byte aligned word (wasm32's pointers) naming a table's start
  // or any byte of a string. Not any byte of a table: number tables (powers of ten, dtoa's cached
  // powers) are full of words that would, and a pointer into a table's middle is not written here.
  const pointee = (address) => {
    const o = objectAt(address);
    return o && (o.text || o.address === address) ? o : null;
  };
  while (pending.length) {
    const o = pending.pop();
    for (let at = (o.address + 3) & ~3; at + 4 <= o.address + o.size && at + 4 <= top; at += 4) keep(pointee(view.getUint32(at, true)));
  }

  // The moved objects, and the deferred part's segments: those, merged across read-only gaps
  // (it writes the bytes of a gap again, as they are: fewer segment headers).
  const writable = Math.min(...objects.filter((o) => !o.readOnly).map((o) => o.address));
  const movedObjects = objects.filter((o) => !kept.has(o) && o.readOnly && o.address + o.size <= Math.min(top, writable));
  const ranges = [];
  for (const o of movedObjects) {
    const last = ranges[ranges.length - 1];
    if (last && o.address - last.end <= MERGE_GAP) last.end = o.address + o.size;
    else ranges.push({ start: o.address, end: o.address + o.size });
  }

  // The primary's segments with the moved bytes zeroed (a run of zeros costs gzip a few bits; a
  // cut, a segment header's bytes), cut only around long runs (memory starts zeroed); the deferred
  // part's segments with them.
  const zeroed = memory.slice();
  for (const o of movedObjects) zeroed.fill(0, o.address, o.address + o.size);
  const keptSegments = [];
  for (const { offset, bytes } of segments) {
    let begin = offset, zeros = 0;
    for (let at = offset; at <= offset + bytes.length; ++at) {
      const end = at === offset + bytes.length;
      if (!end && zeroed[at] === 0) { ++zeros; continue; }
      if (zeros >= LONG_ZEROS || end) {
        const stop = at - zeros;
        if (stop > begin) keptSegments.push({ offset: begin, bytes: zeroed.subarray(begin, stop) });
        begin = at;
      }
      zeros = 0;
    }
  }
  const deferredSegments = ranges.map((r) => ({ offset: r.start, bytes: memory.subarray(r.start, r.end) }));

  const { start: dataStart, end: dataEnd } = primarySections[dataAt];
  const headerStart = dataStart - 1 - u32Bytes(dataEnd - dataStart).length;
  const newPrimary = concat([primary.subarray(0, headerStart), dataSection(keptSegments), primary.subarray(dataEnd)]);

  const codeEnd = sections(deferred).find((s) => s.id === 10).end;
  const newDeferred = concat([deferred.subarray(0, codeEnd), dataSection(deferredSegments), deferred.subarray(codeEnd)]);
  return { primary: newPrimary, deferred: newDeferred };
}
