// The desk's typing (demo-site/desk/typing.js) with a fake clock: the agent's "on" throttled, its
// "off" on stop or 5 s idle; a visitor's typing shown until "off" or 6 s after the last "on".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTypingSignal, createTypingWatch } from '../../demo-site/desk/typing.js';

function fakeClock() {
  let t = 0;
  let next = 1;
  const timers = new Map();
  return {
    now: () => t,
    setTimer: (fn, ms) => { timers.set(next, { fn, at: t + ms }); return next++; },
    clearTimer: (id) => timers.delete(id),
    advance(ms) {
      const end = t + ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > end || !timers.has(id)) continue;
        timers.delete(id);
        t = timer.at;
        timer.fn();
      }
      t = end;
    },
  };
}

test('the agent\'s typing: one "on" per 3 s while typing, "off" on stop, clear or 5 s idle', () => {
  const clock = fakeClock();
  const sent = [];
  const signal = createTypingSignal({ send: (state) => sent.push(state), ...clock });
  signal.typed(true);
  clock.advance(1000);
  signal.typed(true);
  assert.deepEqual(sent, ['on']);
  clock.advance(2000);
  signal.typed(true);
  assert.deepEqual(sent, ['on', 'on'], 'said again after 3 s of typing');
  signal.typed(false);
  assert.deepEqual(sent, ['on', 'on', 'off'], 'cleared');
  signal.stopped();
  assert.deepEqual(sent, ['on', 'on', 'off'], '"off" once');
  signal.typed(true);
  clock.advance(4999);
  assert.equal(sent.at(-1), 'on');
  clock.advance(1);
  assert.equal(sent.at(-1), 'off', '5 s without a key');
});

test('a visitor\'s typing shows until "off", or 6 s after the last "on"', () => {
  const clock = fakeClock();
  let changes = 0;
  const watch = createTypingWatch({ changed: () => changes++, ...clock });
  watch.set('c1', 'on');
  assert.equal(watch.typing('c1'), true);
  assert.equal(watch.typing('c2'), false);
  watch.set('c1', 'off');
  assert.equal(watch.typing('c1'), false);
  watch.set('c1', 'on');
  clock.advance(5999);
  assert.equal(watch.typing('c1'), true);
  clock.advance(1);
  assert.equal(watch.typing('c1'), false, 'no "off" came: gone after 6 s');
  assert.equal(changes, 4);
});
