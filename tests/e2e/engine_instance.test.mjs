// parley.js instantiates parley.wasm itself (wasm-glue/runtime/engine_instance.js, not
// Emscripten's glue): the imports it provides are what the engine needs.
// - a config large enough that the engine's memory must grow past its initial 2 MiB: the start,
//   the invitation, a chat and the inspector work (the heap growth import; views of the memory
//   taken anew after it grew).
// The deferred part's placeholders are deferred_part.test.mjs's; the helper worker's compile,
// load_worker.test.mjs's; pages that break built-ins, hostile_host.test.mjs's.
//
// Run: node --test tests/e2e/engine_instance.test.mjs (after the wasm-release build and ./dev dist)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, newPage, ready, waitForEvent, widget } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// test/chat.json and 1,300 rules that never fire, each with a 600-byte invitation: ~0.9 MB of
// config text (the limit is 1 MiB). The engine holds it three times while it configures (the
// encoded value, its tree, the rules), well past its initial 2 MiB of memory.
function bigConfig() {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'demo-site', 'test', 'chat.json'), 'utf8'));
  for (let i = 0; i < 1300; ++i) {
    config.rules.push({
      id: `never-${i}`,
      when: { fact: 'url', matches: `/never/${i}/*` },
      invite: { message: `${i} ${'x'.repeat(600)}` },
    });
  }
  const text = JSON.stringify(config);
  assert.ok(text.length > 800000 && text.length < 1 << 20, `config of ${text.length} bytes`);
  return text;
}

test('a config that grows the engine\'s memory: the start, the invitation and a chat work', { timeout: 60000 }, async () => {
  const context = await newContext(env);
  try {
    const config = bigConfig();
    await context.route('**/test/chat.json', (route) => route.fulfill({ body: config, contentType: 'application/json' }));
    const page = await newPage(context, { clock: false });
    await page.goto(env.url('/test/chat.html'));
    await ready(page, 30000);
    await waitForEvent(page, 'lcw:proactiveInvite', 30000);
    await widget(page).getByRole('button', { name: 'Start chat' }).click();
    await waitForEvent(page, 'lcw:startChat');
    const rules = await page.evaluate(() => Parley.inspect().rules.length);
    assert.equal(rules, 1301, 'every rule of the config is in force');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
