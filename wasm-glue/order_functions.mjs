// Reorders a module's function bodies so that similar ones sit together, for gzip: its window is
// 32 KB and parley.wasm's code is ~90 KB, so a body finds the repeats it shares with another only
// if that one is near. The order is greedy: from the first body, each next one is the body whose
// byte 6-grams are most often in the last few bodies placed (-3.5% of the code's gzip size). The
// function indices are rewritten everywhere they appear (calls, ref.func, exports, the element
// segments, the start function); imported functions keep theirs. Behaviour cannot change: only
// where a body is stored and the number that names it.
//
//   orderFunctions(bytes) -> the reordered module (Uint8Array)
import { Cursor, concat, customName, functionImports, headerLength, instructions, readVector, rewriteBody, rewriteElements,
         rewriteExports, section, sections, u32Bytes, vector } from './wasm_binary.mjs';

const GRAM = 6;    // bytes per compared sequence (5 to 8 measured within 0.3% of each other)
const WINDOW = 8;  // bodies a candidate is compared with (4 to 12: the same)

export function orderFunctions(bytes) {
  const list = sections(bytes);
  const find = (id) => list.find((s) => s.id === id);
  for (const s of list) {
    if (customName(bytes, s) === 'name') throw new Error('order_functions.mjs: a name section would need its indices rewritten');
    if (s.id === 6 && hasRefFunc(bytes, s)) throw new Error('order_functions.mjs: a global is initialized with a function');
  }
  const imported = functionImports(bytes, find(2));
  const types = readVector(bytes, find(3), (c) => c.u32());
  const bodies = readVector(bytes, find(10), (c) => { const size = c.u32(), start = c.at; c.skip(size); return bytes.subarray(start, c.at); });
  if (types.length !== bodies.length) throw new Error('order_functions.mjs: the function and code sections disagree');

  const order = similarityOrder(bodies);
  const position = new Array(bodies.length);
  order.forEach((old, at) => { position[old] = at; });
  const rename = (index) => (index < imported ? index : imported + position[index - imported]);

  const rewritten = list.map((s) => {
    switch (s.id) {
      case 3: return section(3, vector(order.map((old) => u32Bytes(types[old]))));
      case 7: return section(7, rewriteExports(bytes, s, rename));
      case 8: return section(8, u32Bytes(rename(new Cursor(bytes, s.start).u32())));
      case 9: return section(9, rewriteElements(bytes, s, rename));
      case 10: return section(10, vector(order.map((old) => rewriteBody(bodies[old], rename))));
      default: return bytes.subarray(s.start - headerLength(s), s.end);
    }
  });
  return concat([bytes.subarray(0, 8), ...rewritten]);
}

// ---- The order ---------------------------------------------------------------------------------

function similarityOrder(bodies) {
  const grams = bodies.map((body) => {
    const set = new Set();
    for (let at = 0; at + GRAM <= body.length; ++at) {
      let key = 0;
      for (let k = 0; k < GRAM; ++k) key = key * 256 + body[at + k];
      set.add(key);
    }
    return [...set];
  });
  const recent = new Map();  // gram -> how many of the last WINDOW placed bodies hold it
  const placed = [];
  const place = (index) => {
    placed.push(index);
    for (const g of grams[index]) recent.set(g, (recent.get(g) || 0) + 1);
    if (placed.length > WINDOW) {
      for (const g of grams[placed[placed.length - 1 - WINDOW]]) {
        const n = recent.get(g) - 1;
        if (n) recent.set(g, n); else recent.delete(g);
      }
    }
  };
  const left = new Set(bodies.keys());
  left.delete(0);
  place(0);
  while (left.size) {
    let best = -1, bestScore = -1;
    for (const candidate of left) {  // in index order: ties go to the earlier body
      let shared = 0;
      for (const g of grams[candidate]) if (recent.has(g)) ++shared;
      const score = shared / (grams[candidate].length + 1);
      if (score > bestScore) { bestScore = score; best = candidate; }
    }
    left.delete(best);
    place(best);
  }
  return placed;
}

// ---- Reading and rewriting ---------------------------------------------------------------------

function hasRefFunc(bytes, s) {
  const cursor = new Cursor(bytes, s.start);
  for (let n = cursor.u32(); n > 0; --n) {
    cursor.skip(2);  // value type, mutability
    for (const { op } of instructions(cursor, s.end)) {
      if (op === 0xd2) return true;
      if (op === 0x0b) break;
    }
  }
  return false;
}
