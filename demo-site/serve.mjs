// Parley demo server: a tiny static server with no dependencies, bound to 127.0.0.1 only.
//
//   /            -> demo-site/ (index.html for folders)
//   /parley/...  -> dist/      (parley.js, parley.wasm, ...)
//   /demo-geocoder/REST/v1/Locations/LAT,LON -> a fake reverse geocoder (see demoGeocode below)
//   /X.compiled.json -> demo-site/X.json compiled on request by dist/parley-config.cjs (a site
//                 publishes its config compiled, README "Compiled configs"; the demo keeps the JSON)
//
// A page X.html may have a sibling X.html.headers with lines "Name: value" (blank lines and lines
// starting with # are ignored); those headers are sent with the page (e.g. a strict CSP).
//
// Standalone:   node demo-site/serve.mjs        (PORT env, default 8080)
// In-process:   const srv = await startServer({ port: 0 }); ... srv.url ... await srv.close();

import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

const HEADERS_SUFFIX = '.headers';
const COMPILED_SUFFIX = '.compiled.json';

function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Parses a `.headers` file: one `Name: value` per line. */
export function parseHeaders(text) {
  const headers = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) headers[name] = value;
  }
  return headers;
}

/** Maps a URL path to { base, rel } (the folder it is served from and the path inside it). */
function mount(urlPath, root) {
  if (urlPath === '/parley' || urlPath.startsWith('/parley/')) {
    return { base: path.join(root, 'dist'), rel: urlPath.slice('/parley'.length) };
  }
  return { base: path.join(root, 'demo-site'), rel: urlPath };
}

/** Resolves rel under base; null when it would leave base (traversal, symlinks out). */
async function resolveInside(base, rel) {
  const realBase = await fs.realpath(base).catch(() => null);
  if (!realBase) return null;
  const candidate = path.resolve(realBase, '.' + path.posix.normalize('/' + rel));
  if (candidate !== realBase && !candidate.startsWith(realBase + path.sep)) return null;
  const real = await fs.realpath(candidate).catch(() => null);
  if (!real) return null;
  if (real !== realBase && !real.startsWith(realBase + path.sep)) return null;
  return real;
}

async function readSiblingHeaders(file) {
  try {
    return parseHeaders(await fs.readFile(file + HEADERS_SUFFIX, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Demo reverse geocoder: a TEST DOUBLE of Bing Maps' Locations API (a paid service with an API key),
 * for seed scenario 6 and the declarative pages. GET /demo-geocoder/REST/v1/Locations/LAT,LON (any
 * query string, e.g. ?key=..., is ignored) answers Bing's response shape with a made-up country:
 * "Ruritania" inside the box latitude 45..50, longitude 14..20, "France" everywhere else.
 * Returns { status, body } for paths under /demo-geocoder/, null for any other path.
 */
export function demoGeocode(urlPath) {
  const prefix = '/demo-geocoder/REST/v1/Locations/';
  if (!urlPath.startsWith('/demo-geocoder/')) return null;
  const parts = urlPath.startsWith(prefix) ? urlPath.slice(prefix.length).split(',') : [];
  const [lat, lon] = parts.map((part) => (part.trim() === '' ? NaN : Number(part)));
  if (parts.length !== 2 || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
    return { status: 400, body: { statusCode: 400, statusDescription: 'Bad Request', resourceSets: [] } };
  }
  const countryRegion = lat >= 45 && lat <= 50 && lon >= 14 && lon <= 20 ? 'Ruritania' : 'France';
  return { status: 200, body: { statusCode: 200, resourceSets: [{ resources: [{ address: { countryRegion } }] }] } };
}

// Compiled configs by source file: { mtimeMs, result }, so that a page load waits for a compile
// only when its JSON changed (the load benchmark counts the wait).
const compiledCache = new Map();

/** X.compiled.json under demo-site/ with no such file but an X.json: { status, text } of its compile. */
async function compileOnRequest(urlPath, root) {
  const { base, rel } = mount(urlPath, root);
  if (base !== path.join(root, 'demo-site') || !rel.endsWith(COMPILED_SUFFIX)) return null;
  if (await resolveInside(base, rel)) return null;  // a compiled file of its own: served as is
  const source = await resolveInside(base, rel.slice(0, -COMPILED_SUFFIX.length) + '.json');
  const stat = source && (await fs.stat(source).catch(() => null));
  if (!stat) return null;
  const cached = compiledCache.get(source);
  if (cached?.mtimeMs === stat.mtimeMs) return cached.result;
  let result;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'dist', 'parley-config.cjs'), 'compile', source]);
    result = { status: 200, text: stdout };
  } catch (error) {
    result = { status: 500, text: `parley-config compile ${rel}: ${error.stderr || error.message}` };
  }
  compiledCache.set(source, { mtimeMs: stat.mtimeMs, result });
  return result;
}

function sendText(res, status, text, extra = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

async function handle(req, res, root) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
  }
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
  } catch {
    return sendText(res, 400, 'Bad Request\n');
  }
  if (urlPath.includes('\0')) return sendText(res, 400, 'Bad Request\n');

  const geocoded = demoGeocode(urlPath);
  if (geocoded) {
    return sendText(res, geocoded.status, JSON.stringify(geocoded.body), { 'Content-Type': 'application/json; charset=utf-8' });
  }

  const compiled = await compileOnRequest(urlPath, root);
  if (compiled) {
    const type = compiled.status === 200 ? MIME_TYPES['.json'] : 'text/plain; charset=utf-8';
    return sendText(res, compiled.status, compiled.text, { 'Content-Type': type });
  }

  const { base, rel } = mount(urlPath, root);
  let file = await resolveInside(base, rel);
  if (file) {
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isDirectory()) {
      file = await resolveInside(base, path.posix.join(rel, 'index.html'));
    } else if (!stat?.isFile()) {
      file = null;
    }
  }
  // The per-page header files are configuration, not content.
  if (!file || file.endsWith(HEADERS_SUFFIX)) return sendText(res, 404, 'Not Found\n');

  let body;
  try {
    body = await fs.readFile(file);
  } catch {
    return sendText(res, 404, 'Not Found\n');
  }
  const extra = file.endsWith('.html') ? await readSiblingHeaders(file) : {};
  res.writeHead(200, {
    'Content-Type': mimeType(file),
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Starts the server. Resolves to { server, port, url, close() }.
 * @param {{ port?: number, root?: string, host?: string }} [options]
 *   port: 0 picks a free port; root: the repository root (default: this file's parent folder);
 *   host: 127.0.0.1 unless told otherwise (keep it on loopback).
 */
export function startServer({ port = 8080, root = REPO_ROOT, host = '127.0.0.1' } = {}) {
  const absRoot = path.resolve(root);
  const server = createServer((req, res) => {
    handle(req, res, absRoot).catch((err) => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy(err);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const port = Number.parseInt(process.env.PORT ?? '8080', 10);
  const srv = await startServer({ port: Number.isFinite(port) ? port : 8080 });
  console.log(`Parley demo: ${srv.url} (demo-site/ at /, dist/ at /parley/); Ctrl-C to stop`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
