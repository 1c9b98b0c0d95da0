// The load bench's reading of a Chromium trace (bench/load_trace.mjs), held to a hand-made trace
// whose figures are known: script time is the union of the main thread's JS events, promise
// reactions (the microtask checkpoint) included, cut to the window from the script's request to
// the ready mark; the longest task, and the longest of those that run the widget's own script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTrace, unionLength } from '../../bench/load_trace.mjs';

const MAIN = { pid: 1, tid: 1 };
const OTHER = { pid: 1, tid: 2 };
const x = (name, ts, dur, thread = MAIN, data = undefined) => ({ name, ph: 'X', ts, dur, ...thread, ...(data ? { args: { data } } : {}) });
const trace = (events) => Buffer.from(JSON.stringify({ traceEvents: events }));

// Times in µs. The request at 1,000, ready at 6,000.
const EVENTS = [
  { name: 'ResourceSendRequest', ph: 'I', ts: 1000, ...MAIN, args: { data: { url: 'http://127.0.0.1/parley/parley.js' } } },
  // The page's inline script, begun before the request: only its last 500 µs count.
  x('EvaluateScript', 500, 1000, MAIN, { url: 'http://127.0.0.1/page.html' }),
  // The script's own task: its evaluation (500), a stack's source positions inside (100).
  x('ThreadControllerImpl::RunTask', 2000, 600),
  x('EvaluateScript', 2000, 500, MAIN, { url: 'http://127.0.0.1/parley/parley.js' }),
  x('V8.CollectSourcePositions', 2100, 100),
  // A promise reaction with a call inside: 300, counted once.
  x('ThreadControllerImpl::RunTask', 3000, 350),
  x('BlinkScheduler_PerformMicrotaskCheckpoint', 3000, 300),
  x('FunctionCall', 3100, 100, MAIN, { url: 'http://127.0.0.1/parley/parley.js' }),
  // The page's first layout: the longest task, not the widget's.
  x('ThreadControllerImpl::RunTask', 4000, 900),
  x('Layout', 4000, 880),
  // The call that fires ready goes on 1,000 µs after the mark: cut at the mark.
  x('ThreadControllerImpl::RunTask', 5000, 2000),
  x('FunctionCall', 5000, 2000, MAIN, { url: 'http://127.0.0.1/parley/parley.js' }),
  { name: 'bench:ready', ph: 'R', ts: 6000, ...MAIN },
  // Another thread's script (the helper worker) is not the page's main thread.
  x('FunctionCall', 3000, 2000, OTHER, { url: 'http://127.0.0.1/parley/parley-worker.js' }),
  // After ready: not counted.
  x('FunctionCall', 6500, 400, MAIN, { url: 'http://127.0.0.1/parley/parley.js' }),
];

test('the union of intervals counts nested and overlapping ones once', () => {
  assert.equal(unionLength([[0, 10], [2, 5], [8, 12], [20, 25]]), 17);
  assert.equal(unionLength([]), 0);
});

test('script time: the main thread, promise reactions included, cut to the window', () => {
  const figures = readTrace(trace(EVENTS), 'parley.js');
  // 500 (the page's, after the request) + 500 (evaluation) + 300 (the reactions) + 1,000 (the
  // call, to the mark) = 2,300 µs.
  assert.equal(figures.script, 2.3);
  assert.equal(figures.noDevtools, 2.2);
  assert.equal(figures.ready, 5);
});

test('a reaction with no call inside is still script', () => {
  const without = EVENTS.filter((e) => e.name !== 'FunctionCall' || e.ts !== 3100);
  assert.equal(readTrace(trace(without), 'parley.js').script, 2.3);
  const noCheckpoint = without.filter((e) => e.name !== 'BlinkScheduler_PerformMicrotaskCheckpoint');
  assert.equal(readTrace(trace(noCheckpoint), 'parley.js').script, 2.0);
});

test('the longest task, and the longest of those that run the widget', () => {
  const figures = readTrace(trace(EVENTS), 'parley.js');
  assert.equal(figures.longest, 2);       // the task that fires ready, whole
  const early = EVENTS.filter((e) => e.ts < 5000 || e.name === 'bench:ready');
  const before = readTrace(trace(early), 'parley.js');
  assert.equal(before.longest, 0.9);      // the page's layout
  assert.equal(before.longestOwn, 0.6);   // the evaluation's task
});

test('a trace without the request or the mark is refused', () => {
  assert.throws(() => readTrace(trace(EVENTS.filter((e) => e.name !== 'bench:ready')), 'parley.js'), /ready mark/);
  assert.throws(() => readTrace(trace(EVENTS), 'webchat.js'), /webchat\.js request/);
});
