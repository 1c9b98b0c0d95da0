// Renames what parley.wasm exports for its deferred part (wasm-split names those %a, %b, ... in an
// order of its own), and the deferred part's imports with them: the names follow the exported
// functions' indices, so the export section reads %a 12, %b 15, %c 19, ... Short sequential names
// beside rising indices compress: -388 B gzip of parley.wasm, against the same names in
// wasm-split's order, whose indices (after order_functions.mjs) are in no order at all.
// Run after the functions are reordered: the indices it sorts by are the final ones.
//
//   renameSplitExports(primary, deferred, prefix) -> { primary, deferred }
//     prefix: wasm-split's --export-prefix; the other exports (the engine's, Emscripten's) keep
//     their names.
import { Cursor, concat, readImport, readName, section, sections, u32Bytes } from './wasm_binary.mjs';

const DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const shortName = (prefix, n) => {
  let text = '';
  do { text = DIGITS[n % DIGITS.length] + text; n = Math.floor(n / DIGITS.length); } while (n > 0);
  return prefix + text;
};

const encoder = new TextEncoder();
const nameBytes = (text) => { const bytes = encoder.encode(text); return [...u32Bytes(bytes.length), ...bytes]; };

// The section's bytes with `payload` in place of its own.
function replaceSection(bytes, id, payload) {
  const list = sections(bytes);
  if (!list.some((s) => s.id === id)) throw new Error(`split_names.mjs: no section ${id}`);
  return concat([bytes.subarray(0, 8), ...list.map((s) => (s.id === id ? section(id, payload)
    : bytes.subarray(s.start - 1 - u32Bytes(s.end - s.start).length, s.end)))]);
}

export function renameSplitExports(primary, deferred, prefix) {
  // The primary's exports: [{ name, kind, index }].
  const exportSection = sections(primary).find((s) => s.id === 7);
  const cursor = new Cursor(primary, exportSection.start);
  const exports = [];
  for (let n = cursor.u32(); n > 0; --n) exports.push({ name: readName(cursor), kind: cursor.byte(), index: cursor.u32() });

  const renamed = new Map();
  exports.filter((e) => e.name.startsWith(prefix))
    .sort((a, b) => a.kind - b.kind || a.index - b.index)
    .forEach((e, n) => renamed.set(e.name, shortName(prefix, n)));
  const ordered = [...exports.filter((e) => !renamed.has(e.name)),
                   ...exports.filter((e) => renamed.has(e.name)).sort((a, b) => a.kind - b.kind || a.index - b.index)];
  const exportPayload = [...u32Bytes(ordered.length)];
  for (const e of ordered) exportPayload.push(...nameBytes(renamed.get(e.name) ?? e.name), e.kind, ...u32Bytes(e.index));

  // The deferred part's imports: the same names, renamed; each import's description as it was.
  const importSection = sections(deferred).find((s) => s.id === 2);
  const imports = new Cursor(deferred, importSection.start);
  const importPayload = [...u32Bytes(imports.u32())];
  while (imports.at < importSection.end) {
    const { module, name, description } = readImport(imports);
    if (name.startsWith(prefix) && !renamed.has(name)) throw new Error(`split_names.mjs: the deferred part imports ${name}, which parley.wasm does not export`);
    importPayload.push(...nameBytes(module), ...nameBytes(renamed.get(name) ?? name), ...deferred.subarray(description, imports.at));
  }
  return { primary: replaceSection(primary, 7, exportPayload), deferred: replaceSection(deferred, 2, importPayload) };
}
