// The React and Vue examples (demo-site/examples/), built here with esbuild from npm and run in
// Chromium: lcw:ready after mount, one widget under React's StrictMode (mount, unmount, mount),
// unmounting removes it, mounting again brings it back (also toggled twice in a row), the API
// works after the remount and a pushState route change still runs the rules.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch, newContext, newPage, events, waitForEvent, widget, until } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const APPS = {
  react: {
    entry: 'demo-site/examples/react/main.jsx',
    define: { 'process.env.NODE_ENV': '"development"' },  // StrictMode mounts twice only in development
  },
  vue: {
    entry: 'demo-site/examples/vue/main.js',
    define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  },
};

let env;
const bundles = {};
before(async () => {
  env = await launch();
  for (const [name, app] of Object.entries(APPS)) {
    const result = await build({
      entryPoints: [path.join(ROOT, app.entry)], bundle: true, format: 'esm', jsx: 'automatic', write: false,
      alias: { parley: path.join(ROOT, 'dist/parley.mjs') },  // the package's entry, as shipped
      define: app.define, logLevel: 'silent',
    });
    bundles[name] = result.outputFiles[0].text;
  }
});
after(async () => { await env?.close(); });

async function openApp(name) {
  const context = await newContext(env);
  await context.route(`**/examples/${name}/app.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: bundles[name] }));
  const page = await newPage(context);
  page.consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') page.consoleErrors.push(message.text()); });
  await page.goto(env.url(`/examples/${name}/`));
  return { context, page };
}

const readies = async (page) => (await events(page, 'lcw:ready')).length;
const waitForReadies = (page, n) => until(async () => (await readies(page)) === n, `lcw:ready ${n} time(s)`);
// The app shows what its ParleyWidget's load() and unmount said: loading, ready, off or failed.
const status = (page, want) => until(async () => (await page.locator('output').nth(1).textContent()) === want,
                                     async () => `chat status "${want}", not "${await page.locator('output').nth(1).textContent()}"`);

for (const name of Object.keys(APPS)) {
  describe(`the ${name} example`, () => {
    test('mount, unmount, mount again: one widget each time, the API and route changes work after the remount', async () => {
      const { context, page } = await openApp(name);
      await waitForReadies(page, 1);
      await status(page, 'ready');
      assert.equal(await widget(page).count(), 1, 'one widget (StrictMode mounted the component twice)');
      assert.equal(await readies(page), 1);

      await page.getByRole('button', { name: 'Hide the chat' }).click();
      await until(async () => (await widget(page).count()) === 0, 'unmounting removes the widget');
      await status(page, 'off');
      assert.deepEqual(await page.evaluate(() => window.Parley.getState()), { ready: false, state: 'Closed', minimized: false });

      await page.getByRole('button', { name: 'Show the chat' }).click();
      await waitForReadies(page, 2);
      await status(page, 'ready');
      assert.equal(await widget(page).count(), 1);

      // Twice more in a row (whether or not the script ran between the clicks): one widget at the end.
      await page.getByRole('button', { name: 'Hide the chat' }).click();
      await page.getByRole('button', { name: 'Show the chat' }).click();
      await page.getByRole('button', { name: 'Hide the chat' }).click();
      await page.getByRole('button', { name: 'Show the chat' }).click();
      await status(page, 'ready');
      const started = await readies(page);
      assert.ok(started >= 3, `lcw:ready ${started} times`);
      assert.equal(await widget(page).count(), 1);

      assert.equal(await page.evaluate(() => Parley.getState().ready), true);
      const availability = await page.evaluate(() => Parley.getAgentAvailability());
      assert.equal(typeof availability.isAgentAvailable, 'boolean', 'an API call after the remount');
      await page.getByRole('link', { name: 'Pricing' }).click();
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(invite.rule, 'pricing', 'the route change ran the rules');
      assert.equal(await readies(page), started, 'no widget came back on its own');
      assert.equal(await widget(page).count(), 1);
      assert.deepEqual(page.errors, []);
      assert.deepEqual(page.consoleErrors, []);
      await context.close();
    });
  });
}
