// A tiny wasm module writer for the tests of the build's wasm rewriting steps
// (order_functions.test.mjs, split_table.test.mjs): byte arrays in, a module's bytes out.
export const u32 = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
export const name = (text) => [...u32(text.length), ...Buffer.from(text)];
export const vec = (items) => [...u32(items.length), ...items.flat()];
export const section = (id, payload) => [id, ...u32(payload.length), ...payload];
export const body = (code) => [...u32(code.length + 2), 0, ...code, 0x0b];  // no locals
export const I32 = 0x7f;
export const i32 = (n) => [0x41, ...u32(n)];  // n < 64: the signed LEB is the same byte
export const call = (index) => [0x10, ...u32(index)];
export const moduleBytes = (...sections) => Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sections.flat()]);

// The function index each export names: { name: index }.
export function exportIndices(bytes) {
  const out = {};
  let at = 8;
  const read = () => { let v = 0, s = 0, b; do { b = bytes[at++]; v += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return v; };
  while (at < bytes.length) {
    const id = bytes[at++], size = read(), end = at + size;
    if (id === 7) {
      for (let n = read(); n > 0; --n) {
        const length = read(), key = Buffer.from(bytes.subarray(at, at + length)).toString();
        at += length;
        const kind = bytes[at++], index = read();
        if (kind === 0) out[key] = index;
      }
    }
    at = end;
  }
  return out;
}
