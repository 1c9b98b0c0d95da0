// Versioned, content-hashed copies of the browser files in dist/ and dist/manifest.json with their
// Subresource Integrity hashes (sha384), for sites that serve Parley with a long cache life:
//
//   parley.wasm        -> parley-0.1.0-<hash>.wasm
//   parley.deferred.wasm -> parley.deferred-0.1.0-<hash>.wasm
//   parley.fallback.js -> parley.fallback-0.1.0-<hash>.js
//   parley-chat.js     -> parley-chat-0.1.0-<hash>.js
//   parley-wire.js     -> parley-wire-0.1.0-<hash>.js
//   parley-geo.js      -> parley-geo-0.1.0-<hash>.js
//   parley-warm-up.bin -> parley-warm-up-0.1.0-<hash>.bin
//   parley-worker.js   -> parley-worker-0.1.0-<hash>.js
//   parley.js          -> parley-0.1.0-<hash>.js   (loads the hashed files above)
//
// The stable names stay (the tests, the demo and `<script src=".../parley.js">` use them). The
// hashed parley.js is the stable one with the asset names replaced, so it is hashed last.
// The QA console's files keep their stable names: it loads only when someone opens it.
// Run by `./dev dist`:  node wasm-glue/dist_manifest.mjs DIST_DIR VERSION
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import path from 'node:path';

const [dist, version] = process.argv.slice(2);
if (!dist || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version ?? '')) {
  console.error('usage: node wasm-glue/dist_manifest.mjs DIST_DIR VERSION (x.y.z)');
  process.exit(2);
}

const MANIFEST = path.join(dist, 'manifest.json');
const ASSETS = ['parley.wasm', 'parley.deferred.wasm', 'parley.fallback.js', 'parley-chat.js', 'parley-wire.js', 'parley-geo.js', 'parley-warm-up.bin',
                'parley-worker.js'];  // what parley.js loads, by these names

const integrity = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

// name-1.2.3-<12 hex of the sha384>.ext; "parley.fallback.js" keeps its inner dot.
function hashedName(name, bytes) {
  const ext = path.extname(name);
  const hash = createHash('sha384').update(bytes).digest('hex').slice(0, 12);
  return `${name.slice(0, -ext.length)}-${version}-${hash}${ext}`;
}

// The previous build's hashed files go: dist/ holds one version.
if (existsSync(MANIFEST)) {
  for (const entry of Object.values(JSON.parse(readFileSync(MANIFEST, 'utf8')).files ?? {}))
    try { unlinkSync(path.join(dist, entry.file)); } catch { /* already gone */ }
}

const files = {};    // stable name -> its hashed copy
const stable = {};   // stable name -> the stable file's own integrity (it loads stable names)
const read = (name) => readFileSync(path.join(dist, name));

function writeHashed(name, bytes) {
  const file = hashedName(name, bytes);
  writeFileSync(path.join(dist, file), bytes);
  files[name] = { file, integrity: integrity(bytes), bytes: bytes.length };
  return file;
}

let script = read('parley.js').toString('latin1');  // byte for byte: only ASCII names are replaced
for (const asset of ASSETS) {
  const file = writeHashed(asset, read(asset));
  if (!script.includes(asset)) throw new Error(`parley.js never names ${asset}: its hashed copy would load the wrong file`);
  script = script.split(asset).join(file);
}
writeHashed('parley.js', Buffer.from(script, 'latin1'));
for (const name of ['parley.js', ...ASSETS]) stable[name] = { integrity: integrity(read(name)) };

writeFileSync(MANIFEST, JSON.stringify({ name: 'parley', version, files, stable }, null, 2) + '\n');
console.log(`manifest.json: ${Object.values(files).map((f) => f.file).join(', ')}`);
