// What a load bench trace says (bench/load_bench.mjs): from a Chromium trace of one page load,
// the main thread's script time, its longest task, the longest of the widget's own tasks and the
// time to ready, from the script tag's request to the page's `bench:ready` mark. Its own module
// so that tests/js/load_trace.test.mjs can hold it to hand-made traces.
import path from 'node:path';

// A promise's reactions run in the microtask checkpoint after a task (a fetch's response, a
// compile's result): Chromium names that checkpoint BlinkScheduler_PerformMicrotaskCheckpoint,
// with no FunctionCall inside, so it is counted as script by itself.
const JS_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'BlinkScheduler_PerformMicrotaskCheckpoint',
                           'v8.compile', 'v8.compileModule',
                           'V8.WasmStreamingFinished', 'v8.wasm.compileLazy', 'wasm.CompileLazy']);

// The union length of [start, end) intervals (nested events are counted once).
export function unionLength(intervals) {
  let total = 0;
  let reach = -Infinity;
  for (const [start, end] of intervals.sort((a, b) => a[0] - b[0])) {
    if (end <= reach) continue;
    total += end - Math.max(start, reach);
    reach = end;
  }
  return total;
}

// buffer: the trace's JSON text; scriptName: the file whose request opens the window. In ms:
// {ready, script, noDevtools, longest, longestOwn}, and for BREAKDOWN what the longest task is
// made of (parts: inclusive time by event name; long: every task over 20 ms; timeline).
export function readTrace(buffer, scriptName) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents;
  const request = events.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url?.endsWith(`/${scriptName}`));
  const ready = events.find((e) => e.name === 'bench:ready' && e.ph !== 'e');
  if (!request || !ready) throw new Error(`trace without ${request ? 'the ready mark' : `the ${scriptName} request`}`);
  // The page's main thread: the one that evaluated the script.
  const evaluation = events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(`/${scriptName}`));
  const main = events.filter((e) => e.pid === evaluation.pid && e.tid === evaluation.tid && e.ph === 'X' && e.dur !== undefined);
  const start = request.ts;
  const end = ready.ts;
  const within = main.filter((e) => e.ts + e.dur > start && e.ts < end);
  // Tasks that began once the script was asked for (the one that parsed the tag and issued the
  // request is the page's own).
  const tasks = within.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts >= start);
  const longestOf = (list) => list.reduce((best, task) => (task.dur > (best?.dur ?? -1) ? task : best), null);
  const longest = longestOf(tasks);
  // The widget's own tasks: those that run its script or its WebAssembly. The others are the
  // page's (its first layout and paint, which a page with no script at all has too).
  // Parley's parts (parley-wire.js, parley-chat.js) are its own too.
  const ownUrl = scriptName === 'parley.js' ? /\/parley[-.\w]*\.js$/ : new RegExp(`/${scriptName.replaceAll('.', '\\.')}$`);
  const own = (e) => ownUrl.test(e.args?.data?.url || '') || /^(v8\.)?wasm\./.test(e.name);
  const ownTasks = tasks.filter((task) => main.some((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && own(e)));
  const longestOwn = longestOf(ownTasks);
  // Cut to the window: the call that fires ready goes on after the mark (the page's own listener,
  // what the widget does after it), and a call that began before the request is the page's.
  const inWindow = (e) => [Math.max(e.ts, start), Math.min(e.ts + e.dur, end)];
  const script = unionLength(within.filter((e) => JS_EVENTS.has(e.name)).map(inWindow));
  const devtools = unionLength(within.filter((e) => e.name === 'V8.CollectSourcePositions').map(inWindow));
  // What the longest task is made of: its events by name (inclusive time, nested events too).
  const parts = new Map();
  if (longest) {
    for (const e of main) {
      if (e === longest || e.ts < longest.ts || e.ts + e.dur > longest.ts + longest.dur) continue;
      const name = e.name + (e.args?.data?.url ? ` ${path.basename(e.args.data.url)}` : '');
      parts.set(name, (parts.get(name) || 0) + e.dur);
    }
  }
  // Every task over 20 ms, and the events inside the longest one in time order (for BREAKDOWN).
  const long = tasks.filter((t) => t.dur > 20000).map((t) => `${((t.ts - start) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms`);
  const timeline = !longest ? [] : main.filter((e) => e !== longest && e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur && e.dur > 2000)
    .sort((a, b) => a.ts - b.ts)
    .map((e) => `${((e.ts - longest.ts) / 1000).toFixed(1).padStart(7)} +${(e.dur / 1000).toFixed(1).padStart(6)} ms  ${e.name} ${e.args?.data?.functionName || ''} ${e.args?.data?.url ? path.basename(e.args.data.url) : ''}`);
  return { ready: (end - start) / 1000, longest: (longest?.dur ?? 0) / 1000, longestOwn: (longestOwn?.dur ?? 0) / 1000,
           script: script / 1000, noDevtools: (script - devtools) / 1000, parts, long, timeline };
}

export const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.wasm',
                    'disabled-by-default-v8.compile', 'toplevel', 'loading',
                    // PROFILE=1: V8's sampling profiler too (bench/trace_tasks.mjs names the functions)
                    ...(process.env.PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : [])];
