// parleyNextTask (wasm-glue/runtime/engine_load.js): each function in a task of its own, in the
// order asked, through one MessageChannel for the page (a new channel per call cost 3 to 7 ms at
// 4x CPU throttle), and through setTimeout where there is no MessageChannel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = fs.readFileSync(path.join(root, 'wasm-glue/runtime/engine_load.js'), 'utf8');

// A browser's task queue, run by hand: each delivered message and each timer is one task.
function fakeBrowser({ messageChannel = true } = {}) {
  const tasks = [];
  const log = [];
  let channels = 0;
  class MessageChannel {
    constructor() {
      channels++;
      const port1 = { onmessage: null, close() { log.push('closed'); } };
      this.port1 = port1;
      this.port2 = { postMessage: () => tasks.push(() => port1.onmessage && port1.onmessage({ data: null })) };
    }
  }
  const window = messageChannel ? { MessageChannel } : {};
  const context = vm.createContext({ window, setTimeout: (fn) => tasks.push(fn) });
  vm.runInContext(source, context);
  return {
    nextTask: context.parleyNextTask,
    log,
    channels: () => channels,
    // Runs the queued tasks one by one; returns how many ran.
    run() {
      let ran = 0;
      while (tasks.length) { log.push(`task ${++ran}`); tasks.shift()(); }
      return ran;
    }
  };
}

test('functions run in the order asked, one per task, through one channel', () => {
  const browser = fakeBrowser();
  browser.nextTask(() => browser.log.push('a'));
  browser.nextTask(() => {
    browser.log.push('b');
    browser.nextTask(() => browser.log.push('d'));  // asked from a task: a later task
  });
  browser.nextTask(() => browser.log.push('c'));
  assert.equal(browser.run(), 4);
  assert.deepEqual(browser.log, ['task 1', 'a', 'task 2', 'b', 'task 3', 'c', 'task 4', 'd']);
  assert.equal(browser.channels(), 1);
  // The queue starts again from empty: later calls keep the order and the channel.
  browser.log.length = 0;
  browser.nextTask(() => browser.log.push('e'));
  browser.nextTask(() => browser.log.push('f'));
  assert.equal(browser.run(), 2);
  assert.deepEqual(browser.log, ['task 1', 'e', 'task 2', 'f']);
  assert.equal(browser.channels(), 1);
});

test('without MessageChannel each function is a timer of its own', () => {
  const browser = fakeBrowser({ messageChannel: false });
  browser.nextTask(() => browser.log.push('a'));
  browser.nextTask(() => browser.log.push('b'));
  assert.equal(browser.run(), 2);
  assert.deepEqual(browser.log, ['task 1', 'a', 'task 2', 'b']);
  assert.equal(browser.channels(), 0);
});
