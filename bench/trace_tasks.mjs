// What each main-thread task of a load is made of, from a trace kept by load_bench.mjs
// (TRACE_DIR=...): every task over MIN ms (default 10) from parley.js's request to ready, with
// the events inside it that last over 1 ms, nested by depth. Read it beside the code: the task
// that runs `FunctionCall parley.js` is the script; `wasm.CompileLazy` is V8 compiling a wasm
// function on its first call, on the main thread.
//
//   node bench/trace_tasks.mjs /tmp/traces/parley.js-123.json [MIN]
// A trace taken with PROFILE=1 also holds V8's samples: each task then lists where they fell.
import fs from 'node:fs';
import path from 'node:path';

const [file, min = '10'] = process.argv.slice(2);
const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
const request = events.find((e) => e.name === 'ResourceSendRequest' && /\/parley\.js$/.test(e.args?.data?.url || ''));
const ready = events.find((e) => e.name === 'bench:ready' && e.ph !== 'e');
const evaluation = events.find((e) => e.name === 'EvaluateScript' && /\/parley\.js$/.test(e.args?.data?.url || ''));
const main = events.filter((e) => e.pid === evaluation.pid && e.tid === evaluation.tid && e.ph === 'X' && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= request.ts && e.ts < ready.ts &&
                                 e.dur > Number(min) * 1000);

const label = (e) => {
  const d = e.args?.data || {};
  const where = d.url ? ` ${path.basename(d.url)}${d.lineNumber !== undefined ? `:${d.lineNumber}` : ''}` : '';
  return `${e.name}${d.functionName ? ` ${d.functionName}` : ''}${where}`;
};

// With PROFILE=1 traces: V8's samples of the main thread ({ts, frame}), to name the JS inside a task.
const samples = [];
{
  const profile = events.find((e) => e.name === 'Profile' && e.pid === evaluation.pid && e.tid === evaluation.tid);
  const frames = new Map();
  let ts = profile?.args?.data?.startTime ?? 0;
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && profile && e.id === profile.id && e.pid === profile.pid)) {
    const data = chunk.args.data;
    for (const node of data.cpuProfile?.nodes || []) frames.set(node.id, node.callFrame);
    (data.cpuProfile?.samples || []).forEach((id, i) => {
      ts += data.timeDeltas[i];
      samples.push({ ts, frame: frames.get(id) });
    });
  }
}
const frameName = (f) => `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) : ''}:${f.lineNumber ?? ''}:${f.columnNumber ?? ''}`;

for (const task of tasks) {
  console.log(`task at ${((task.ts - request.ts) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(1)} ms`);
  const inside = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 1000);
  const stack = [];
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    console.log(`  ${'  '.repeat(stack.length)}${(e.dur / 1000).toFixed(1).padStart(6)} ms  ${label(e)}`);
    stack.push(e);
  }
  const inTask = samples.filter((x) => x.ts >= task.ts && x.ts <= task.ts + task.dur && x.frame);
  if (inTask.length) {
    const counts = new Map();
    for (const x of inTask) counts.set(frameName(x.frame), (counts.get(frameName(x.frame)) || 0) + 1);
    console.log(`  samples (${inTask.length}), self:`);
    for (const [name, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${String(n).padStart(5)}  ${name}`);
  }
  // Lazy wasm compiles are many and short: their sum.
  const lazy = main.filter((e) => e.name === 'wasm.CompileLazy' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
  if (lazy.length) console.log(`  (wasm.CompileLazy: ${lazy.length} functions, ${(lazy.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(1)} ms)`);
}
console.log(`ready at ${((ready.ts - request.ts) / 1000).toFixed(0)} ms`);
