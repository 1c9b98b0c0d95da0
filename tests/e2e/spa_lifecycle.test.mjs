// Parley's lifecycle on one page, without a framework: the pre-load stub's calls replayed in order
// when parley.js starts (setTransport and setContextProvider included); shutdown() then the script
// again, twice, and route changes afterwards; the hashed script from manifest.json (with its
// integrity) loading the hashed wasm or fallback; data-base-url; the ES module's load() on its own
// folder. Pages are made here and served on the demo server's origin.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { launch, newContext, newPage, events, waitForEvent, widget, until, ENGINES } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'dist/manifest.json'), 'utf8'));

let env, stub;
before(async () => {
  env = await launch();
  stub = (await minify(readFileSync(path.join(ROOT, 'wasm-glue/parley-stub.js'), 'utf8'),
                       { compress: { passes: 2 }, mangle: true, ecma: 2017 })).code;
});
after(async () => { await env?.close(); });

// What makes parley.js fall back to parley.fallback.js (as browser.mjs's engine 'fallback', which
// applies to the server's pages, not to the ones made here).
const NO_WASM = `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'">`;

// Serves `body` as /examples/made/NAME.html and opens it; every request's path is kept.
async function open(context, name, body, head = '') {
  const url = env.url(`/examples/made/${name}.html`);
  const html = `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
  await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const page = await newPage(context);
  page.requests = [];
  page.on('request', (request) => page.requests.push(new URL(request.url()).pathname));
  await page.goto(url);
  return page;
}

const readies = async (page) => (await events(page, 'lcw:ready')).length;
const waitForReadies = (page, n) => until(async () => (await readies(page)) === n, `lcw:ready ${n} time(s)`);
const tag = (src, attributes = '') => `<script src="${src}" data-config="/examples/config.json" ${attributes} async></script>`;

describe('the pre-load stub', () => {
  test('calls made before parley.js runs are replayed in order, setTransport and setContextProvider first of all', async () => {
    const context = await newContext(env);
    const page = await open(context, 'stub', `
      <script>${stub}</script>
      <script>
        window.__sent = [];
        window.__provider = function () { return { plan: 'pro' }; };
        Parley.setTransport({ send: function (m) { window.__sent.push(m.type); }, onMessage: function () {} });
        Parley.setContextProvider(window.__provider);
        Parley.setFact('step', 1);
        Parley.setFact('step', 2);
        Parley.startProactiveChat({ message: 'Hello from the stub' });
      </script>
      ${tag('/parley/parley.js')}`);
    const invite = await waitForEvent(page, 'lcw:proactiveInvite');
    assert.equal(invite.message, 'Hello from the stub');
    const state = await page.evaluate(() => ({
      facts: Parley.inspect().facts, provider: Parley.getContextProvider() === window.__provider,
      sent: window.__sent, version: typeof Parley.version, queue: 'q' in Parley,
    }));
    assert.equal(state.facts['custom.step'], 2, 'replayed in the order they were made');
    assert.ok(state.provider, 'the context provider set through the stub is the one in use');
    assert.ok(state.sent.includes('visitor.hello'), `the transport set through the stub carries the widget: ${state.sent}`);
    assert.equal(state.version, 'string');
    assert.equal(state.queue, false, 'the stub is replaced by the API');
    assert.equal(await readies(page), 1);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('shutdown, then load again', () => {
  test('twice in a row, each time a new widget; a route change still invites afterwards', async () => {
    const context = await newContext(env);
    const page = await open(context, 'again', tag('/parley/parley.js'));
    await waitForReadies(page, 1);
    for (const n of [2, 3]) {
      await page.evaluate(() => {
        window.__old = window.Parley;
        window.Parley.shutdown();
      });
      assert.equal(await widget(page).count(), 0, 'shutdown() removes the widget');
      await page.evaluate(() => {
        const again = document.createElement('script');
        again.src = '/parley/parley.js';
        again.setAttribute('data-config', '/examples/config.json');
        document.body.appendChild(again);
      });
      await waitForReadies(page, n);
      assert.equal(await widget(page).count(), 1, 'one widget on the page');
      assert.deepEqual(await page.evaluate(() => ({
        replaced: window.Parley !== window.__old,
        facade: Microsoft.Omnichannel.LiveChatWidget.SDK.startChat === Parley.startChat,
      })), { replaced: true, facade: true }, 'a new Parley and a new facade in place of the shut-down ones');
    }
    const views = await page.evaluate(() => Parley.inspect().facts.pageViews);
    await page.evaluate(() => history.pushState({}, '', '/examples/made/pricing'));
    const invite = await waitForEvent(page, 'lcw:proactiveInvite');
    assert.equal(invite.rule, 'pricing');
    assert.equal(await page.evaluate(() => Parley.inspect().facts.pageViews), views + 1, 'the route change is a page view');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('a kept reference to a shut-down Parley stays inert', async () => {
    const context = await newContext(env);
    const page = await open(context, 'inert', tag('/parley/parley.js'));
    await waitForReadies(page, 1);
    const state = await page.evaluate(() => {
      const old = window.Parley;
      old.shutdown();
      old.shutdown();
      old.startProactiveChat('nobody hears this');
      return old.getState();
    });
    assert.deepEqual(state, { ready: false, state: 'Closed', minimized: false });
    assert.deepEqual(await events(page, 'lcw:proactiveInvite'), []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

for (const engine of ENGINES) {
  describe(`the hashed files (${engine})`, () => {
    test('the hashed script, with its integrity, loads the hashed engine files only', async () => {
      const context = await newContext(env);
      const { file, integrity } = manifest.files['parley.js'];
      const page = await open(context, 'hashed', tag(`/parley/${file}`, `integrity="${integrity}" crossorigin="anonymous"`),
                              engine === 'fallback' ? NO_WASM : '');
      await waitForReadies(page, 1);
      const asset = engine === 'wasm' ? 'parley.wasm' : 'parley.fallback.js';
      assert.ok(page.requests.includes(`/parley/${manifest.files[asset].file}`), `requests: ${page.requests}`);
      assert.ok(!page.requests.some((p) => /\/parley(\.fallback)?\.(js|wasm)$/.test(p)), `a stable name was requested: ${page.requests}`);
      assert.deepEqual(page.errors, []);
      await context.close();
    });
  });
}

describe('where the engine files come from', () => {
  test('data-base-url: the wasm comes from that folder, not from next to the script', async () => {
    const context = await newContext(env);
    await context.route('**/cdn/assets/*', (route) => route.fulfill({
      path: path.join(ROOT, 'dist', path.basename(new URL(route.request().url()).pathname)) }));
    const page = await open(context, 'base', tag('/parley/parley.js', 'data-base-url="/cdn/assets"'));
    await waitForReadies(page, 1);
    assert.ok(page.requests.includes('/cdn/assets/parley.wasm'), `requests: ${page.requests}`);
    assert.ok(!page.requests.includes('/parley/parley.wasm'));
    await context.close();
  });

  test("the ES module's load() finds parley.js next to itself, takes an integrity and resolves with the API", async () => {
    const context = await newContext(env);
    const { file, integrity } = manifest.files['parley.js'];
    const page = await open(context, 'module', `<script type="module">
      import { load } from '/parley/parley.mjs';
      load({ script: '${file}', integrity: '${integrity}', attributes: { 'data-config': '/examples/config.json' } })
        .then((parley) => { window.__loaded = parley === window.Parley && parley.getState().ready; },
              (error) => { window.__loaded = error.errorCode; });
    </script>`);
    assert.equal(await until(() => page.evaluate(() => window.__loaded), 'load() settled'), true);
    assert.ok(page.requests.includes(`/parley/${file}`));
    const tampered = await page.evaluate(async () => {
      const { load } = await import('/parley/parley.mjs');
      window.Parley.shutdown();
      const codes = [];
      for (const options of [{ integrity: 'sha384-AAAA' }, { attributes: { onload: 'alert(1)' } }])
        codes.push(await load(options).then(() => 'resolved', (error) => error.errorCode));
      return codes;
    });
    assert.deepEqual(tampered, [4, 2], 'a script whose integrity does not match is refused (4); a bad option is one (2)');
    await context.close();
  });

  test("load() from an lcw:ready listener of the page's own tag resolves with that Parley", async () => {
    const context = await newContext(env);
    // A classic script, so the listener is there before the tag runs (a module script is deferred
    // and could miss an early lcw:ready on a slow machine).
    const page = await open(context, 'listener', `<script>
      addEventListener('lcw:ready', () => import('/parley/parley.mjs')
        .then(({ load }) => load()).then((parley) => { window.__same = parley === window.Parley; }));
    </script>${tag('/parley/parley.js')}`);
    assert.equal(await until(() => page.evaluate(() => window.__same), 'load() resolved'), true);
    assert.equal(await readies(page), 1);
    assert.equal(await widget(page).count(), 1);
    await context.close();
  });

  test('load() then shutdown() before the script ran: no widget stays, and that load() never settles', async () => {
    const context = await newContext(env);
    const page = await open(context, 'unmounted', `<script type="module">
      import { load, shutdown } from '/parley/parley.mjs';
      window.__settled = false;
      load({ attributes: { 'data-config': '/examples/config.json' } }).finally(() => { window.__settled = true; });
      shutdown();
    </script>`);
    await waitForReadies(page, 1);
    await until(async () => (await widget(page).count()) === 0, 'the widget is taken off at lcw:ready');
    assert.deepEqual(await page.evaluate(() => ({ state: window.Parley.getState().state, settled: window.__settled })),
                     { state: 'Closed', settled: false });
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
