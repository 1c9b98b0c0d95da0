// The runtime's own bridge (runtime/engine_bridge.js: values to and from the engine's tagged
// bytes) under node, for the build steps that run the engine or encode its inputs
// (split_module.mjs, warm_up.mjs): the same code a page runs, not a copy.
//
//   createBridge(module) -> createParleyEngineBridge(module)'s object ({} for the encoder alone)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'runtime', 'engine_bridge.js'), 'utf8');
export const createBridge = new Function('parleyIsArray', 'window', `${source}\nreturn createParleyEngineBridge;`)(Array.isArray, globalThis);
