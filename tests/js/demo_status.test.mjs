// demo-site/demo-status.js, the demo pages' status line, run in a stand-in window: what it says
// when a video call ends, for each way lcw:videoEnded says it ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root } from './engine_module.mjs';

function statusPage() {
  const status = { textContent: '' };
  const listeners = {};
  const window = {
    addEventListener: (name, fn) => { (listeners[name] ??= []).push(fn); },
    performance: { getEntriesByType: () => [] },
  };
  const document = {
    readyState: 'complete', cookie: '', referrer: '',
    getElementById: (id) => (id === 'parley-status' ? status : null),
    querySelectorAll: () => [],
    querySelector: () => ({}),
    addEventListener() {},
  };
  vm.runInNewContext(fs.readFileSync(path.join(root, 'demo-site/demo-status.js'), 'utf8'),
    { window, document, location: { origin: '' }, setTimeout() {} });
  return {
    fire: (name, detail) => { for (const fn of listeners[name] ?? []) fn({ detail }); },
    text: () => status.textContent,
  };
}

test('a video call that ends with the chat does not say the chat goes on', () => {
  const page = statusPage();
  page.fire('lcw:videoEnded', { callId: 'c1', by: 'chat', reason: 'chatEnded' });
  assert.equal(page.text(), 'video call ended with the chat');
});

test('any other end of a call says the chat goes on, and who or what ended it', () => {
  const page = statusPage();
  for (const [detail, text] of [
    [{ by: 'agent', reason: 'hangUp' }, 'video call ended by the agent; the chat goes on'],
    [{ by: 'visitor', reason: 'declined' }, 'video call ended by the visitor; the chat goes on'],
    [{ by: 'error', reason: 'denied' }, 'video call ended (denied); the chat goes on'],
    [undefined, 'video call ended; the chat goes on'],
  ]) {
    page.fire('lcw:videoEnded', detail && { callId: 'c1', ...detail });
    assert.equal(page.text(), text);
  }
});
