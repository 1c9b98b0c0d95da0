// The scenario runner (a transcription of tests/unit/scenario_test.cpp; format:
// tests/scenario/README.md), on an engine with the test ABI of engine_module.mjs (call, json).
// Used by scenario.test.mjs and differential.test.mjs.
import assert from 'node:assert/strict';

const kDefaultStart = '2026-01-05T09:00:00Z';

// ---- The runner (a transcription of tests/unit/scenario_test.cpp) -------------------------------

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const dump = (v) => JSON.stringify(v === undefined ? null : v);

// Does `actual` contain `expected` (objects: every expected key; arrays: same length)?
// Returns '' when it does, else why not.
function mismatch(expected, actual, where = '') {
  if (isObject(expected)) {
    if (!isObject(actual)) return `${where}: expected an object, got ${dump(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        if (value === null) continue;
        return `${where}/${key}: missing`;
      }
      const why = mismatch(value, actual[key], `${where}/${key}`);
      if (why) return why;
    }
    return '';
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${where}: expected ${dump(expected)}, got ${dump(actual)}`;
    for (let i = 0; i < expected.length; ++i) {
      const why = mismatch(expected[i], actual[i], `${where}/${i}`);
      if (why) return why;
    }
    return '';
  }
  if (expected !== actual) return `${where}: expected ${dump(expected)}, got ${dump(actual)}`;
  return '';
}

class CookieJar {
  constructor() {
    this.cookies = new Map(); // JSON [path, name] -> {path, name, value, days}
  }
  apply(action) {
    const key = JSON.stringify([action.path, action.name]);
    if (action.type === 'setCookie') this.cookies.set(key, { path: action.path, name: action.name, value: action.value, days: action.days });
    if (action.type === 'deleteCookie') this.cookies.delete(key);
  }
  // In the order of the native runner's std::map: by path, then name.
  ordered() {
    const bytes = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.cookies.values()].sort((a, b) => bytes(a.path, b.path) || bytes(a.name, b.name));
  }
  // Most specific path first, as browsers order document.cookie.
  headerFor(urlPath) {
    const visible = this.ordered().filter((c) => urlPath.startsWith(c.path));
    visible.sort((a, b) => b.path.length - a.path.length); // stable
    return visible.map((c) => `${c.name}=${c.value}`).join('; ');
  }
  valueOf(name) {
    const found = this.ordered().find((c) => c.name === name);
    return found ? found.value : null;
  }
  closeBrowser() {
    for (const [key, cookie] of this.cookies) if (cookie.days === 0) this.cookies.delete(key);
  }
}

function pathOf(url) {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  if (start === -1) return '/';
  const rest = url.slice(start);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function parseStart(text) {
  const ms = Date.parse(text);
  assert.ok(Number.isFinite(ms), `"start" is not an ISO 8601 instant: ${text}`);
  return ms;
}

export class ScenarioPlayer {
  constructor(engine, fixture) {
    this.engine = engine;
    this.fixture = fixture;
    this.startMs = parseStart(fixture.start ?? kDefaultStart);
    this.nowMs = this.startMs;
    this.jar = new CookieJar();
    this.window = [];
    this.failures = [];
    this.context = '';
  }

  fail(message) {
    this.failures.push(`${this.context}${message}`);
  }
  expectTrue(condition, message) {
    if (!condition) this.fail(message());
  }

  play() {
    const configErrors = this.newEngine();
    const expected = this.fixture.configErrors ?? [];
    const why = mismatch(expected, configErrors);
    this.expectTrue(!why, () => `configErrors${why}\nconfig errors: ${dump(configErrors)}`);
    const steps = this.fixture.steps ?? [];
    steps.forEach((step, i) => {
      this.context = `step ${i}: ${dump(step)}\n  `;
      this.step(step);
    });
    return this.failures;
  }

  newEngine() {
    this.engine.call('parley_reset');
    return this.engine.json('parley_configure', JSON.stringify(this.fixture.config ?? {})).errors;
  }

  // The ABI says -1 for "no deadline"; the native engine says +infinity.
  nextDeadline() {
    const deadline = this.engine.call('parley_next_deadline');
    return deadline === -1 ? Infinity : deadline;
  }

  handle(event) {
    const result = this.engine.json('parley_handle', JSON.stringify(event), this.nowMs);
    for (const action of result.actions) {
      if (action.type === 'setCookie' || action.type === 'deleteCookie') this.jar.apply(action);
      this.window.push(action);
    }
    return result.errors;
  }

  advanceTo(targetMs) {
    if (!(targetMs >= this.nowMs)) {
      this.fail(`steps must go forward in time: ${targetMs - this.startMs} < ${this.nowMs - this.startMs}`);
      return;
    }
    for (let guard = 0; guard < 100000; ++guard) {
      const deadline = this.nextDeadline();
      if (!(deadline <= targetMs)) break;
      this.nowMs = Math.max(this.nowMs, deadline);
      const errors = this.handle({ type: 'tick' });
      this.expectTrue(errors.length === 0, () => `a tick returned errors: ${dump(errors)}`);
      if (deadline <= this.nowMs && this.nextDeadline() <= this.nowMs) {
        this.fail(`the deadline does not move forward: ${deadline}`);
        break;
      }
    }
    this.nowMs = targetMs;
  }

  step(step) {
    this.advanceTo(this.startMs + step.at);
    if (step.reload === true) {
      this.newEngine();
      this.window = [];
    }
    if (step.closeBrowser === true) this.jar.closeBrowser();
    let errors = [];
    if (Object.prototype.hasOwnProperty.call(step, 'event')) {
      const event = structuredClone(step.event);
      const readsCookies = isObject(event) && (event.type === 'pageLoad' || event.type === 'navigate');
      if (readsCookies && !('cookies' in event) && typeof event.url === 'string')
        event.cookies = this.jar.headerFor(pathOf(event.url));
      errors = this.handle(event);
    }
    this.check(step.expect ?? {}, errors);
    this.window = [];
  }

  check(expect, errors) {
    const expectedErrors = expect.errors ?? [];
    let why = mismatch(expectedErrors, errors);
    this.expectTrue(!why, () => `errors${why}`);

    const emitted = [];
    const sent = [];
    for (const action of this.window) {
      if (action.type === 'emit') emitted.push({ name: action.name, detail: action.detail });
      if (action.type === 'send') sent.push(action.message);
    }
    const contains = (list, wanted) => list.some((item) => !mismatch(wanted, item));
    for (const wanted of expect.emitted ?? []) {
      const pattern = typeof wanted === 'string' ? { name: wanted } : wanted;
      this.expectTrue(contains(emitted, pattern), () => `not emitted: ${dump(wanted)}\nemitted: ${dump(emitted)}`);
    }
    for (const name of expect.notEmitted ?? [])
      this.expectTrue(!contains(emitted, { name }), () => `emitted: ${dump(name)}`);
    for (const wanted of expect.sent ?? [])
      this.expectTrue(contains(sent, wanted), () => `not sent: ${dump(wanted)}\nsent: ${dump(sent)}`);
    for (const type of expect.notSent ?? [])
      this.expectTrue(!contains(sent, { type }), () => `sent: ${dump(type)}`);
    for (const wanted of expect.actions ?? [])
      this.expectTrue(contains(this.window, wanted), () => `no action: ${dump(wanted)}\nactions: ${dump(this.window)}`);
    for (const type of expect.notActions ?? [])
      this.expectTrue(!contains(this.window, { type }), () => `action taken: ${dump(type)}`);
    if ('state' in expect) {
      const state = this.engine.json('parley_view').state;
      this.expectTrue(expect.state === state, () => `state: expected ${dump(expect.state)}, got ${dump(state)}`);
    }
    if ('view' in expect) {
      why = mismatch(expect.view, this.engine.json('parley_view'));
      this.expectTrue(!why, () => `view${why}`);
    }
    if ('facts' in expect) {
      why = mismatch(expect.facts, this.engine.json('parley_inspect', this.nowMs).facts);
      this.expectTrue(!why, () => `facts${why}`);
    }
    if ('cookies' in expect) {
      for (const [name, value] of Object.entries(expect.cookies)) {
        const actual = this.jar.valueOf(name);
        this.expectTrue(value === actual, () => `cookie ${name}: expected ${dump(value)}, got ${dump(actual)}`);
      }
    }
    if ('nextDeadline' in expect) {
      const deadline = this.nextDeadline();
      const actual = Number.isFinite(deadline) ? deadline - this.startMs : null;
      why = mismatch(expect.nextDeadline, actual);
      this.expectTrue(!why, () => `nextDeadline${why}`);
    }
  }
}
