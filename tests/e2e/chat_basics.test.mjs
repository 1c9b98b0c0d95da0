// Chat basics in Chromium (issue 13, item 5): typing both ways between the widget and the demo's
// agent desk (demo-site/agent.html, same BroadcastChannel) and the indicator's own timeout;
// "Delivered" then "Read" once the desk shows the conversation; timestamps with the exact time on
// keyboard focus, refreshed in place; and the call's icon buttons with their accessible names
// (a hand-drawn view: no call needed), full screen and picture-in-picture hidden without the API.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, newPage, ready, widget, until, uiSource } from './browser.mjs';
import { videoView } from './ui_views.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const chatUi = (page) => {
  const w = widget(page);
  return {
    log: w.getByRole('log'),
    composer: w.getByRole('textbox', { name: 'Your message' }),
    typing: w.locator('[part~="typing"]'),
    receipt: w.locator('[part~="message-receipt"]'),
    visitorTimes: w.locator('.msg.visitor time'),
  };
};

// The desk, then a visitor page whose rule invites at once; the visitor accepts, the desk too
// (after deskSetup(desk), if given).
async function withChat(body, { deskSetup = null } = {}) {
  const context = await newContext(env);
  try {
    const desk = await newPage(context, { clock: false });
    await desk.goto(env.url('/agent.html'));
    await desk.getByTestId('desk-status').filter({ hasText: 'Channel' }).waitFor();
    if (deskSetup) await deskSetup(desk);
    const visitor = await newPage(context);  // Playwright's clock: the tests jump over waits
    await visitor.goto(env.url('/test/chat.html'));
    await ready(visitor);
    await widget(visitor).getByRole('button', { name: 'Start chat' }).click();
    await desk.getByTestId('conversation-item').first().waitFor();
    await desk.getByTestId('accept').click();
    await until(async () => (await chatUi(visitor).log.textContent()).includes('joined the conversation'),
      'the visitor sees the agent join');
    await body({ context, desk, visitor, ui: chatUi(visitor) });
    assert.deepEqual(visitor.errors, [], 'no page error on the visitor page');
    assert.deepEqual(desk.errors, [], 'no page error on the desk');
  } finally {
    await context.close();
  }
}

const deskTyping = (desk) => desk.getByTestId('visitor-typing').textContent();

describe('the agent in the header', () => {
  test('the reply time the agent gives shows beside its name in the visitor\'s header', { timeout: 60000 }, () => withChat(async ({ visitor }) => {
    const sub = widget(visitor).locator('[part~="subtitle"]').first();
    await until(async () => (await sub.textContent()) === 'Alex \u00b7 Usually replies within 2 minutes', async () =>
      `the header says "${await sub.textContent()}"`);
  }, { deskSetup: (desk) => desk.getByTestId('agent-reply-time').fill('Usually replies within 2 minutes') }));
});

describe('typing', () => {
  test('the visitor\'s typing shows on the desk and clears; the agent\'s shows in the widget and clears on send', { timeout: 60000 }, () => withChat(async ({ desk, ui }) => {
    await ui.composer.pressSequentially('Hel');
    await until(async () => (await deskTyping(desk)) === 'The visitor is typing\u2026', async () =>
      `the desk says the visitor types; it says "${await deskTyping(desk)}"`);
    await ui.composer.fill('');
    await until(async () => (await deskTyping(desk)) === '', 'clearing the composer clears the desk\'s indicator');

    await desk.getByTestId('reply-input').pressSequentially('One moment');
    await until(async () => (await ui.typing.textContent()) === 'Alex is typing\u2026', async () =>
      `the widget says the agent types; it says "${await ui.typing.textContent()}"`);
    assert.equal(await ui.typing.getAttribute('role'), 'status', 'said by screen readers, politely');
    await desk.getByTestId('reply-input').press('Enter');
    await until(async () => (await ui.typing.textContent()) === '', 'the agent\'s message ends its typing');
  }));

  test('an "on" with no "off" times out in the widget', { timeout: 60000 }, () => withChat(async ({ desk, visitor, ui }) => {
    const conversationId = await desk.getByTestId('about').evaluate((dl) => dl.querySelector('dd').textContent);
    // A desk that said "on" and closed: straight onto the channel, no "off" ever.
    await desk.evaluate((id) => new BroadcastChannel('parley').postMessage({
      v: 1, kind: 'msg', from: 'agent', body: { type: 'agent.typing', id: 'gone-1', conversationId: id, state: 'on' },
    }), conversationId);
    await until(async () => (await ui.typing.textContent()) === 'Alex is typing\u2026', 'the widget shows the agent typing');
    await visitor.clock.runFor(5000);
    assert.equal(await ui.typing.textContent(), 'Alex is typing\u2026', 'still shown 5 s later');
    await visitor.clock.runFor(1500);
    await until(async () => (await ui.typing.textContent()) === '', 'gone 6 s after the "on"');
  }));
});

describe('receipts and timestamps', () => {
  test('"Delivered" under the visitor\'s message, then "Read" once the desk shows the conversation', { timeout: 60000 }, () => withChat(async ({ desk, ui }) => {
    // The desk's tab in the background: it acknowledges, but nobody has read anything.
    await desk.evaluate(() => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' }));
    await ui.composer.fill('Where is my parcel?');
    await ui.composer.press('Enter');
    await until(async () => (await ui.receipt.textContent().catch(() => '')) === 'Delivered', async () =>
      `"Delivered" shows; the log says "${await ui.log.textContent()}"`);
    // Under the visitor's last message, in its bubble.
    assert.equal(await ui.receipt.evaluate((node) => node.closest('.msg').querySelector('.text').textContent), 'Where is my parcel?');
    await desk.evaluate(() => {
      delete document.visibilityState;  // back to the real, visible one
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await until(async () => (await ui.receipt.textContent()) === 'Read', 'the desk showed it: "Read"');
    assert.equal(await ui.receipt.count(), 1, 'one receipt, under the last message only');
  }));

  test('timestamps: relative, the exact time as title and as text, shown on the log\'s keyboard focus, refreshed in place', { timeout: 60000 }, () => withChat(async ({ visitor, ui }) => {
    await ui.composer.fill('Hello');
    await ui.composer.press('Enter');
    const time = ui.visitorTimes.last();
    await time.waitFor();
    const stamp = await time.evaluate((node) => ({
      shown: node.querySelector('[aria-hidden="true"]').textContent,
      spoken: node.querySelector('.vh').textContent, title: node.title,
      exact: new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' }).format(Date.parse(node.dateTime)),
    }));
    assert.equal(stamp.shown, 'now');
    assert.equal(stamp.title, stamp.exact, 'the exact time on hover');
    assert.equal(stamp.spoken, stamp.exact, 'and as text for screen readers');
    const exactWidth = () => time.evaluate((node) => node.querySelector('.vh').getBoundingClientRect().width);
    assert.ok(await exactWidth() <= 1, 'visually hidden at rest');
    // The keyboard reaches it: Shift+Tab from the composer lands on the log, which shows every exact time.
    await ui.composer.focus();
    await visitor.keyboard.press('Shift+Tab');
    assert.equal(await visitor.evaluate(() => document.querySelector('[data-parley-widget]').shadowRoot.activeElement?.getAttribute('role')), 'log');
    assert.ok(await exactWidth() > 20, 'shown while the log has keyboard focus');

    // Two minutes on: the same element says so, no re-render of the log.
    await time.evaluate((node) => { node.closest('.msg').marked = true; });
    await visitor.clock.runFor(2 * 60000 + 1000);
    await until(async () => (await time.evaluate((node) => node.firstChild.textContent)) === '2 min. ago', async () =>
      `the label moved on; it says "${await time.evaluate((node) => node.firstChild.textContent)}"`);
    assert.ok(await time.evaluate((node) => node.closest('.msg').marked === true), 'the same bubble, updated in place');
  }));
});

describe('video controls', () => {
  async function harness({ withoutViewApis = false } = {}) {
    const context = await env.browser.newContext({ viewport: { width: 1024, height: 720 } });
    if (withoutViewApis) {
      await context.addInitScript(() => {
        delete HTMLVideoElement.prototype.requestPictureInPicture;
        delete Element.prototype.requestFullscreen;
      });
    }
    const page = await context.newPage();
    await page.route('**/dev/parley-ui.js', (route) => route.fulfill({ contentType: 'text/javascript', body: uiSource() }));
    await page.goto(`${env.server.url}dev/ui-harness.html`);
    await page.addScriptTag({ url: '/dev/parley-ui.js' });
    await page.evaluate((view) => {
      window.ui = window.createParleyRenderer({ document, onIntent: () => {}, assetBase: location.href });
      window.ui.render(view);
      // The agent's video: a canvas stream stands in for the peer connection's.
      const canvas = document.createElement('canvas');
      canvas.getContext('2d').fillRect(0, 0, 8, 8);
      window.ui.media({ local: null, remote: canvas.captureStream() });
    }, videoView({ camera: 'off', microphone: 'muted' }));
    return { context, page, w: widget(page) };
  }

  test('icon buttons with accessible names; full screen and picture-in-picture where the browser has them', { timeout: 30000 }, async () => {
    const { context, page, w } = await harness();
    try {
      const call = w.locator('[part~="call-controls"]');
      for (const name of ['Unmute', 'Turn camera on', 'Hang up'])
        assert.ok(await call.getByRole('button', { name, exact: true }).isVisible(), `"${name}" is a visible button`);
      assert.equal(await call.locator('button.icon svg').count(), await call.locator('button.icon').count(), 'each switch is an icon');
      const apis = await page.evaluate(() => ({ full: document.fullscreenEnabled === true, pip: document.pictureInPictureEnabled === true }));
      assert.equal(await call.getByRole('button', { name: 'Full screen', exact: true }).isVisible(), apis.full);
      assert.equal(await call.getByRole('button', { name: 'Picture in picture', exact: true }).isVisible(), apis.pip);
      assert.ok(apis.full, 'Chromium allows full screen here: the button is tested');
    } finally {
      await context.close();
    }
  });

  test('without the APIs, no full screen or picture-in-picture button', { timeout: 30000 }, async () => {
    const { context, w } = await harness({ withoutViewApis: true });
    try {
      const call = w.locator('[part~="call-controls"]');
      assert.ok(await call.getByRole('button', { name: 'Hang up', exact: true }).isVisible());
      assert.equal(await call.getByRole('button', { name: 'Full screen' }).isVisible(), false);
      assert.equal(await call.getByRole('button', { name: 'Picture in picture' }).isVisible(), false);
    } finally {
      await context.close();
    }
  });
});
