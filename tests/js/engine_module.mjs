// Loads the engine (the wasm build, instantiated as parley.js does, or the wasm2js fallback)
// under node and wraps its C ABI. Shared by the node tests.
//
// Build first: cmake --preset wasm-release && cmake --build --preset wasm-release
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The bare engine modules (before they are wrapped into dist/parley.js and parley.fallback.js),
// and parley.wasm split in two (the start path, the deferred part: wasm-glue/split_module.mjs).
const buildDir = path.join(root, 'build', 'wasm-release', 'wasm-glue');
const moduleDir = path.join(buildDir, 'engine');

// The wasm flavour is instantiated as parley.js does it (runtime/engine_instance.js, with the
// names build/.../engine_names.js read from the link), parley.wasm's bytes read from disk (node
// 20's fetch cannot read file: URLs), and its deferred part when a function of it is first
// called (as the page's engine_deferred.js does, from disk here). The fallback is Emscripten's
// module (MODULARIZE, EXPORT_NAME createParleyEngine, -sENVIRONMENT=web), a classic browser script:
// only these tests evaluate its text, to run it under node.
// { deferred: false }: parley.wasm alone, a call that needs its deferred part throws.
export async function loadFlavour(flavour, { deferred: withDeferred = true } = {}) {
  const runtime = path.join(root, 'wasm-glue', 'runtime', 'engine_instance.js');
  const names = path.join(buildDir, 'engine_names.js');
  const script = path.join(moduleDir, 'parley.fallback.js');
  const binary = path.join(buildDir, 'parley.wasm');
  const deferred = path.join(buildDir, 'parley.deferred.wasm');
  for (const file of flavour === 'wasm' ? [names, binary, deferred] : [script]) {
    if (!fs.existsSync(file))
      throw new Error(`${path.relative(root, file)} is missing: build the wasm module first ` +
                      '(cmake --preset wasm-release && cmake --build --preset wasm-release)');
  }
  if (flavour !== 'wasm') {
    const factory = new Function(`${fs.readFileSync(script, 'utf8')}\nreturn createParleyEngine;`)();
    assert.equal(typeof factory, 'function', `${path.basename(script)} does not define createParleyEngine`);
    return factory({});
  }
  const source = `${fs.readFileSync(names, 'utf8')}\n${fs.readFileSync(runtime, 'utf8')}\nreturn createParleyEngine;`;
  const factory = new Function('parleyTextDecoder', source)(TextDecoder);
  return factory({
    locateFile: (name) => name,
    instantiateWasm(imports, receive) {
      receive(new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(binary)), imports));
    },
    loadSplitModule(file, imports) {
      if (!withDeferred) throw new Error('parley.wasm alone: this call needs parley.deferred.wasm');
      const module = new WebAssembly.Module(fs.readFileSync(deferred));
      return [new WebAssembly.Instance(module, imports), module];
    },
  });
}

// The runtime's side of the ABI (wasm-glue/runtime/engine_bridge.js, a classic script in the
// bundle), evaluated here on a module: configure(text), handle(event, now), view(), inspect(now),
// availability(), encode(value) as parley.js calls them.
export function bridge(Module) {
  const source = fs.readFileSync(path.join(root, 'wasm-glue', 'runtime', 'engine_bridge.js'), 'utf8');
  const create = new Function('parleyIsArray', 'window', `${source}\nreturn createParleyEngineBridge;`)(Array.isArray, globalThis);
  return create(Module);
}

// The text form the tests speak, on the module's binary ABI: json('parley_handle', text, now),
// json('parley_configure', text), json('parley_view'), json('parley_inspect', now) go through the
// runtime's bridge, as in the browser (JSON text parsed by JS, values encoded).
function textCalls(engine) {
  return {
    parley_configure: (text) => engine.configure(text),
    parley_handle: (text, now) => engine.handle(JSON.parse(text), now),
    parley_view: () => engine.view(),
    parley_inspect: (now) => engine.inspect(now),
  };
}

// call(name, ...args): strings (UTF-8) and Uint8Arrays (raw bytes) are copied into the module's
// heap and freed after the call; numbers pass as they are. json() calls the text form above, or
// parses a returned string, checked to be valid UTF-8. value() reads a returned tagged value.
export function abi(Module) {
  const engine = bridge(Module);
  const calls = textCalls(engine);
  function copyIn(bytes) {
    const pointer = Module._malloc(bytes.length + 1);
    assert.ok(pointer, `malloc(${bytes.length + 1}) failed`);
    Module.HEAPU8.set(bytes, pointer);  // HEAPU8 is re-read: memory may have grown
    Module.HEAPU8[pointer + bytes.length] = 0;
    return pointer;
  }
  function call(name, ...args) {
    const fn = Module[`_${name}`];
    assert.equal(typeof fn, 'function', `the module does not export _${name}`);
    const owned = [];
    try {
      const raw = args.map((arg) => {
        if (typeof arg === 'string') arg = new TextEncoder().encode(arg);
        if (!(arg instanceof Uint8Array)) return arg;
        const pointer = copyIn(arg);
        owned.push(pointer);
        return pointer;
      });
      return fn(...raw);
    } finally {
      for (const pointer of owned) Module._free(pointer);
    }
  }
  function text(pointer) {
    assert.ok(pointer, 'the ABI returned a null pointer');
    const heap = Module.HEAPU8;
    let end = pointer;
    while (heap[end] !== 0) ++end;
    return new TextDecoder('utf-8', { fatal: true }).decode(heap.subarray(pointer, end));
  }
  const json = (name, ...args) => (calls[name] ? calls[name](...args) : JSON.parse(text(call(name, ...args))));
  // The binary form with raw bytes (a tagged value the runtime would never write), decoded.
  const raw = (name, bytes, ...args) => engine.decode(call(name, bytes, bytes.length, ...args));
  return { Module, call, json, text, engine, raw };
}
