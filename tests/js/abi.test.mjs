// Tests of the C ABI itself (wasm-glue/abi/parley_abi.h) on both browser builds: parley.js +
// parley.wasm and the wasm2js fallback parley.fallback.js, through the runtime's bridge (values
// as tagged buffers, PROTOCOL.md) and with raw bytes. Untrusted input must come back as error
// values, never as an abort that would take the host page down.
//
// Build first: cmake --preset wasm-release && cmake --build --preset wasm-release
// Run: node --test tests/js/
import { describe, it, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { abi, loadFlavour, root } from './engine_module.mjs';

const NOW = Date.parse('2026-01-05T09:00:00Z');


// Bytes of a tagged value (tagged_value.hpp), for input the runtime would never write.
const u32 = (n) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
const taggedString = (bytes) => [6, ...u32(bytes.length), ...bytes];

function withHandle(Module) {
  const wrapped = abi(Module);
  // Objects go through the bridge (as parley.js sends them); Uint8Arrays are raw tagged bytes.
  const handle = (event, now = NOW) =>
    event instanceof Uint8Array ? wrapped.raw('parley_handle_value', event, now) : wrapped.engine.handle(event, now);
  // parley_configure returns {errors, zones}; most tests look at the errors.
  const configure = (text) => {
    const result = wrapped.json('parley_configure', text);
    assert.ok(Array.isArray(result.zones), 'configure returns the zones the rules need');
    return result.errors;
  };
  return { ...wrapped, handle, configure };
}

const codes = (result) => result.errors.map((e) => e.code);

function assertErrorShape(errors) {
  assert.ok(Array.isArray(errors) && errors.length > 0, `expected errors, got ${JSON.stringify(errors)}`);
  for (const error of errors) {
    assert.equal(typeof error.code, 'string');
    assert.equal(typeof error.message, 'string');
    assert.equal(typeof error.path, 'string');
  }
}

for (const [flavour, title] of [['wasm', 'ABI on parley.js + parley.wasm'], ['fallback', 'ABI on parley.fallback.js (wasm2js)']]) {
  describe(title, () => {
    // A missing build fails every test with the reason (never a skip).
    let e;
    let loadError;
    before(async () => {
      try {
        e = withHandle(await loadFlavour(flavour));
      } catch (error) {
        loadError = error;
      }
    });
    beforeEach(() => {
      if (loadError) throw loadError;
      e.call('parley_reset');
    });

    // The engine still works: a page loads and the config's rule runs.
    function assertAlive() {
      e.call('parley_reset');
      assert.deepEqual(e.configure(JSON.stringify({
        rules: [{ id: 'r', when: { fact: 'timeOnPage', gte: 1000 }, invite: { message: 'Hi' } }],
      })), []);
      const load = e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      assert.deepEqual(load.errors, []);
      assert.equal(load.nextDeadline, NOW + 1000);
      const tick = e.handle({ type: 'tick' }, NOW + 1000);
      assert.ok(tick.actions.some((a) => a.type === 'emit' && a.name === 'lcw:proactiveInvite'), 'the rule did not fire');
    }

    it('returns the version as a string, the same as lcw:ready and package.json', () => {
      const version = e.text(e.call('parley_version'));
      assert.match(version, /^\d+\.\d+\.\d+$/);
      const packageVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
      assert.equal(version, packageVersion);
      const load = e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      const ready = load.actions.find((a) => a.type === 'emit' && a.name === 'lcw:ready');
      assert.ok(ready, 'pageLoad did not emit lcw:ready');
      assert.equal(ready.detail.version, version);
    });

    it('says -1 for the next deadline when nothing is pending', () => {
      assert.equal(e.call('parley_next_deadline'), -1, 'before pageLoad');
      const load = e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      assert.deepEqual(load.errors, []);
      assert.equal(load.nextDeadline, -1, 'no rule: handle() says -1');
      assert.equal(e.call('parley_next_deadline'), -1, 'no rule: parley_next_deadline() says -1');
      e.call('parley_reset');
      e.configure(JSON.stringify({ rules: [{ id: 'r', when: { fact: 'timeOnPage', gte: 20000 }, invite: { message: 'Hi' } }] }));
      assert.equal(e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' }).nextDeadline, NOW + 20000);
      assert.equal(e.call('parley_next_deadline'), NOW + 20000);
      e.handle({ type: 'visibility', visible: false }, NOW + 5000);
      assert.equal(e.call('parley_next_deadline'), -1, 'a hidden page has nothing pending');
    });

    it('answers malformed buffers with malformed_json, and goes on working', () => {
      const event = [...e.engine.encode({ type: 'tick' })];
      const junk = {
        empty: [], 'unknown tag': [9], 'cut string': [6, 5, 0, 0, 0, 0x61], 'count past the end': [7, 200, 0, 0, 0, 0],
        'trailing bytes': [...event, 0], 'cut event': event.slice(0, -3), 'cut number': [5, 0, 0, 0],
        'NaN': [5, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f], 'integer with a fraction': [4, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f],
      };
      for (const [name, bytes] of Object.entries(junk)) {
        const result = e.handle(new Uint8Array(bytes));
        assertErrorShape(result.errors);
        assert.deepEqual(codes(result), ['malformed_json'], name);
        assert.deepEqual(result.actions, []);
        assert.equal(result.nextDeadline, -1);
      }
      const config = e.configure('{"rules": [');
      assertErrorShape(config);
      assert.deepEqual(config.map((x) => x.code), ['malformed_json']);
      assertAlive();
    });

    it('keeps the previous config when a new one is malformed JSON', () => {
      assert.deepEqual(e.configure(JSON.stringify({
        rules: [{ id: 'r', when: { fact: 'timeOnPage', gte: 1000 }, invite: { message: 'Hi' } }],
      })), []);
      assert.deepEqual(e.configure('{"rules": [').map((x) => x.code), ['malformed_json']);
      assert.equal(e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' }).nextDeadline, NOW + 1000);
    });

    it('refuses every event but pageLoad before pageLoad, with invalid_state', () => {
      for (const type of ['tick', 'visibility', 'activity', 'scroll', 'startProactiveChat', 'accept', 'startChat', 'sendMessage', 'received']) {
        const result = e.handle({ type });
        assert.deepEqual(result.errors.map((x) => [x.code, x.path]), [['invalid_state', '/type']], type);
        assert.deepEqual(result.actions, [], type);
        assert.equal(result.nextDeadline, -1, type);
      }
      const load = e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      assert.deepEqual(load.errors, []);
      assert.deepEqual(e.handle({ type: 'tick' }).errors, []);
    });

    it('answers null pointers with errors, not a crash', () => {
      const event = e.engine.decode(e.call('parley_handle_value', 0, 16, NOW));
      assertErrorShape(event.errors);
      assert.deepEqual(codes(event), ['malformed_json']);
      const config = e.engine.decode(e.call('parley_configure_value', 0, 0, 10)).errors;
      assert.deepEqual(config.map((x) => [x.code, x.message]), [['malformed_json', 'the text is not valid JSON']]);
      assertAlive();
    });

    it('refuses a clock that is not a finite time', () => {
      e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      for (const now of [NaN, Infinity, -Infinity, -1]) {
        const result = e.handle({ type: 'tick' }, now);
        assert.deepEqual(codes(result), ['out_of_range'], String(now));
      }
    });

    it('survives 1 MB of junk as an event and as a config', () => {
      let junk = '';
      let seed = 12345;
      const alphabet = 'abcdefghijklmnopqrstuvwxyz{}[]":,0123456789 \\/\t\n-+.eE';
      const bytes = new Uint8Array(1 << 20);
      for (let i = 0; i < bytes.length; ++i) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        junk += alphabet[seed % alphabet.length];
        bytes[i] = seed % 10;  // mostly valid tags, with sizes that run past the end
      }
      const event = e.handle(bytes);
      assertErrorShape(event.errors);
      assert.deepEqual(codes(event), ['malformed_json']);

      const before = e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      assert.deepEqual(before.errors, []);
      const afterLoad = e.handle(bytes, NOW + 1);
      assert.deepEqual(codes(afterLoad), ['malformed_json']);
      // A valid JSON document of 1 MB that is not an event.
      assert.deepEqual(codes(e.handle('x'.repeat(1 << 20), NOW + 2)), ['wrong_type']);
      // A 1 MB text in a valid event is refused by its size limit.
      const big = e.handle({ type: 'sendMessage', text: 'x'.repeat(1 << 20) }, NOW + 3);
      assertErrorShape(big.errors);

      const config = e.configure(junk.slice(0, 1000000));
      assertErrorShape(config);
      assert.deepEqual(config.map((x) => x.code), ['malformed_json']);
      const huge = e.configure(JSON.stringify({ locale: 'en', padding: 'x'.repeat(1 << 20) }));
      assert.deepEqual(huge.map((x) => x.code), ['too_large']);
      assertAlive();
    });

    it('survives deeply nested values (100000 levels) without aborting', () => {
      const depth = 100000;
      const documents = {
        'unclosed arrays': new Array(depth).fill([7, 1, 0, 0, 0]).flat(),
        'closed arrays': [...new Array(depth).fill([7, 1, 0, 0, 0]).flat(), 7, 0, 0, 0, 0],
        'nested objects': [...new Array(depth).fill([8, 1, 0, 0, 0, 1, 0, 0, 0, 0x61]).flat(), 0],
      };
      for (const [name, bytes] of Object.entries(documents)) {
        const event = e.handle(new Uint8Array(bytes));
        assert.deepEqual(codes(event), ['malformed_json'], name);
        assert.deepEqual(event.actions, [], name);
        const config = e.raw('parley_configure_value', new Uint8Array(bytes), 10).errors;
        assert.deepEqual(config.map((x) => x.code), ['malformed_json'], name);
        const text = '['.repeat(depth) + ']'.repeat(depth);  // JSON.parse takes it; the bridge refuses it
        assert.throws(() => e.engine.handle(JSON.parse(text), NOW), TypeError);
      }
      e.call('parley_reset');
      e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      const deepValue = JSON.parse('['.repeat(200) + ']'.repeat(200));
      const fact = e.handle({ type: 'setFact', name: 'cart', value: deepValue }, NOW + 1);
      assert.deepEqual(fact.errors.map((x) => [x.code, x.path]), [['wrong_type', '/value']]);
      const context = e.handle({ type: 'startChat', hostContext: { deep: deepValue } }, NOW + 2);
      assertErrorShape(context.errors);
      const deepRule = JSON.stringify({ rules: [{ id: 'deep', when: JSON.parse('{"not":'.repeat(40) + '{"fact":"url","matches":"/*"}' + '}'.repeat(40)), invite: { message: 'x' } }] });
      const tooDeep = e.configure(deepRule);
      assert.deepEqual(tooDeep.map((x) => x.code), ['too_large']);
      assertAlive();
    });

    it('refuses invalid UTF-8 bytes inside strings (the runtime’s TextEncoder never writes them)', () => {
      const encoder = new TextEncoder();
      const bad = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xc0, 0xaf]];
      for (const bytes of bad) {
        const url = [...encoder.encode('https://www.contoso.com/'), ...bytes];
        const event = new Uint8Array([8, ...u32(2), ...u32(4), ...encoder.encode('type'), ...taggedString(encoder.encode('pageLoad')),
                                      ...u32(3), ...encoder.encode('url'), ...taggedString(url)]);
        assert.deepEqual(codes(e.handle(event)), ['malformed_json'], bytes.join(','));
        const config = e.raw('parley_configure_value', new Uint8Array(taggedString(bytes)), 10).errors;
        assert.deepEqual(config.map((x) => x.code), ['malformed_json'], bytes.join(','));
      }
      assertAlive();
    });

    it('reads the availability facts alone for getAgentAvailability(), not the inspect snapshot', () => {
      const rules = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, when: { fact: `custom.f${i}`, eq: 1 }, invite: { message: 'x' } }));
      assert.deepEqual(e.configure(JSON.stringify({ rules })), []);
      e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/' });
      assert.deepEqual(e.engine.availability(), { chat: null, video: null }, 'unknown before the transport says');
      e.handle({ type: 'availability', chat: true, video: false }, NOW + 1);
      const read = e.call('parley_availability_value');
      assert.deepEqual(e.engine.decode(read), { chat: true, video: false });
      // Its answer is the two facts whatever the rules: nothing of the 50 rules is built for it.
      const size = new DataView(e.Module.HEAPU8.buffer).getUint32(read, true);
      assert.equal(size, e.engine.encode({ chat: true, video: false }).length);
      const facts = e.engine.inspect(NOW + 1).facts;
      assert.deepEqual(e.engine.availability(), { chat: facts['available.chat'], video: facts['available.video'] });
    });

    it('takes a lone surrogate (an emoji cut in half) as U+FFFD, in every event that carries text', () => {
      assert.deepEqual(e.configure(JSON.stringify({ prechat: { questions: [{ id: 'name', type: 'text', label: 'Name' }] } })), []);
      e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/', pageId: 'pg' });
      const start = e.handle({ type: 'startChat', hostContext: { Note: { value: 'cut \ud83d', isDisplayable: true } } }, NOW + 1);
      assert.deepEqual(start.errors, []);
      assert.equal(e.engine.view().state, 'Prechat');
      assert.deepEqual(e.handle({ type: 'prechatSubmit', answers: { name: 'Zo\ude00' } }, NOW + 2).errors, []);
      const sent = e.handle({ type: 'sendMessage', text: 'hi \ud83d' }, NOW + 3);
      assert.deepEqual(sent.errors, []);
      const agent = e.handle({ type: 'received', message: { type: 'agent.message', id: 'a1', conversationId: 'pg-1', text: '\ud83d!' } }, NOW + 4);
      assert.deepEqual(agent.errors, []);
      const texts = e.engine.view().chat.messages.map((m) => m.text);
      assert.ok(texts.includes('hi \ufffd') && texts.includes('\ufffd!'), JSON.stringify(texts));
      assert.equal(e.engine.inspect(NOW + 5).context.Note.value, 'cut \ufffd');
    });

    it('dumps text it cut inside a UTF-8 character as valid UTF-8 (replacement), not an abort', () => {
      // The host context keeps 1000 bytes of a value: "a" + 600 × "é" (2 bytes each) is cut inside
      // an "é". Every string the ABI returns must still be valid UTF-8 (text() decodes fatally).
      e.handle({ type: 'pageLoad', url: 'https://www.contoso.com/', pageId: 'pg' });
      const value = 'a' + 'é'.repeat(600);
      const start = e.handle({ type: 'startChat', hostContext: { Note: { value, isDisplayable: true } } }, NOW + 1);
      assert.deepEqual(start.errors, []);
      const sent = start.actions.find((a) => a.type === 'send' && a.message.type === 'conversation.start');
      assert.ok(sent, 'conversation.start was not sent');
      const shown = sent.message.context.Note.value;
      assert.ok(shown.startsWith('a' + 'é'.repeat(499)), 'the kept part is intact');
      assert.ok(Buffer.byteLength(shown) <= 1003, `the value was not cut: ${Buffer.byteLength(shown)} bytes`);
      assert.ok(!shown.includes('é'.repeat(500)), 'the cut character did not survive');
      const inspect = e.json('parley_inspect', NOW + 2);
      assert.equal(inspect.context.Note.value, shown);
      e.json('parley_view');
    });

    it('does not leak: memory stays flat over many page loads and chats', async () => {
      // A fresh instance, so the heap has not already grown for the 1 MB tests: a leak of a few
      // hundred bytes per cycle would make it grow.
      const fresh = withHandle(await loadFlavour(flavour));
      const handle = (event, now) => fresh.handle(event, now);
      const cycle = (i) => {
        fresh.call('parley_reset');
        fresh.json('parley_configure', JSON.stringify({ satisfaction: true, rules: [{ id: 'r', when: { fact: 'timeOnPage', gte: 1000 }, invite: { message: 'Hi' } }] }));
        handle({ type: 'pageLoad', url: `https://www.contoso.com/${i}`, pageId: 'pg', cookies: 'parley_visits=3' }, NOW);
        handle({ type: 'tick' }, NOW + 1000);
        handle({ type: 'accept' }, NOW + 2000);
        handle({ type: 'received', message: { type: 'agent.joined', id: 'a1', conversationId: 'pg-1' } }, NOW + 3000);
        handle({ type: 'sendMessage', text: 'hello '.repeat(100) }, NOW + 4000);
        handle(new Uint8Array([8, 1, 0]), NOW + 5000);
        handle({ type: 'endChat' }, NOW + 6000);
        handle({ type: 'rate', score: 5 }, NOW + 7000);
        fresh.json('parley_view');
        fresh.json('parley_inspect', NOW + 7000);
      };
      for (let i = 0; i < 100; ++i) cycle(i);
      const size = fresh.Module.HEAPU8.length;
      // Native runs under LeakSanitizer find exact leaks; this guards the wasm build against
      // large ones (about 1 KB per cycle or more) within a time CI can afford.
      for (let i = 0; i < 1500; ++i) cycle(i);
      assert.equal(fresh.Module.HEAPU8.length, size, 'the heap grew');
    });
  });
}
