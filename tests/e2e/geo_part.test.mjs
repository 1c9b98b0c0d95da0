// parley-geo.js (the host's geo provider and reverse geocoder, geo.js) in Chromium: a page that
// sets no geo hook never asks for it; a page that sets one asks for it once, at the call, and the
// hook's country then counts (config 6 invites visitors from France); a file that does not come is
// tried once more, then one lcw:error 7 (geo): the widget goes on, the country stays the time
// zone's, and a hook set anew tries again.
// Run: node --test tests/e2e/geo_part.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, events, waitForEvent, requestsFor, sleep } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const GEO_PART = '**/parley/parley-geo.js';
// Config 6 invites visitors from France (rule country-discount) and its page sets a reverse
// geocoder, which Parley asks only when the geolocation permission is already granted: here it is
// not, so the country is the time zone's until a geo provider says otherwise.
const CONFIG_6 = '/config/6-ruritania-offer.html';
const NEW_YORK = { timezoneId: 'America/New_York' };

const invitations = (page) => events(page, 'lcw:proactiveInvite');
const geoErrors = async (page) => (await events(page, 'lcw:error')).filter((e) => e.detail.errorCode === 7);

async function visit(context, path) {
  const page = await newPage(context, { clock: false });
  const requests = requestsFor(page, '/parley/parley-geo.js');
  await page.goto(env.url(path));
  await ready(page);
  return { page, requests };
}

test('a page that sets no geo hook never asks for parley-geo.js', { timeout: 120000 }, async () => {
  const context = await newContext(env);
  try {
    const { page, requests } = await visit(context, '/test/chat.html');
    await waitForEvent(page, 'lcw:proactiveInvite');
    await sleep(1000);
    assert.equal(requests.length, 0, 'not asked for');
    assert.deepEqual(page.errors, [], 'no page error');
  } finally {
    await context.close();
  }
});

test("a page's geo hooks: the file asked for once; a provider's country counts (config 6 invites from France)",
  { timeout: 120000 }, async () => {
    const context = await newContext(env, NEW_YORK);
    try {
      const { page, requests } = await visit(context, CONFIG_6);
      await sleep(1000);
      assert.deepEqual(await invitations(page), [], 'the time zone says US: no invitation');
      assert.equal(requests.length, 1, 'asked for by the page\'s setReverseGeocoder');

      await page.evaluate(() => Parley.setGeoProvider(() => Promise.resolve({ country: 'France' })));
      const invite = await waitForEvent(page, 'lcw:proactiveInvite');
      assert.ok(invite, 'invited once the provider says France');
      assert.equal(requests.length, 1, 'fetched once for both hooks');
      assert.deepEqual(await geoErrors(page), []);
      assert.deepEqual(page.errors, [], 'no page error');
    } finally {
      await context.close();
    }
  });

test('unreachable: one retry, then lcw:error 7; the widget goes on; a hook set anew tries again and, the file back, its country counts',
  { timeout: 120000 }, async () => {
    const context = await newContext(env, NEW_YORK);
    try {
      await context.route(GEO_PART, (route) => route.fulfill({ status: 404, body: 'gone' }));
      const { page, requests } = await visit(context, CONFIG_6);
      const error = await waitForEvent(page, 'lcw:error');
      assert.equal(error.errorCode, 7);
      assert.match(error.errorDescription, /parley-geo\.js did not load/);
      assert.equal(requests.length, 2, 'one try and one retry');
      assert.equal((await geoErrors(page)).length, 1, 'one lcw:error for the two');
      assert.equal(await page.evaluate(() => document.querySelectorAll('script[src*="parley-geo"]').length), 0,
        'no script tag left behind');
      assert.deepEqual(await invitations(page), [], 'the country stays the time zone\'s (US)');

      await context.unroute(GEO_PART);
      await page.evaluate(() => Parley.setGeoProvider(() => 'FR'));
      await waitForEvent(page, 'lcw:proactiveInvite');
      assert.equal(requests.length, 3, 'tried again when the hook was set');
      assert.equal((await geoErrors(page)).length, 1, 'no second error');
      assert.deepEqual(page.errors, [], 'no page error');
    } finally {
      await context.close();
    }
  });
