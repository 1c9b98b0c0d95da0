// Video calls in Chromium: the visitor's widget on the demo's video pages (demo-site/video/) and
// the demo's agent desk in a second page of the same browser context (one BroadcastChannel), with
// real WebRTC between them and Chromium's fake camera and microphone.
//
// Two browsers. `devices` has fake media devices but no fake permission UI: headless Chromium then
// denies every permission prompt itself (checked here: getUserMedia rejects with
// NotAllowedError and the permission becomes 'denied'), so a context allows exactly what it grants
// (Playwright's `permissions`, or CDP Browser.setPermission for the microphone alone, which leaves
// the camera at 'prompt'). `bare` has no media devices at all: this machine has no camera or
// microphone, which the no-device test checks before relying on it.
//
// What each visitor page does with getUserMedia is recorded by a wrapper that calls through to
// the real function (window.__gum: the constraints and the outcome; window.__tracks: every track
// it handed out; window.__pcs: every RTCPeerConnection), so "never asked for the camera" and
// "every track ended" are checked on the real objects.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, newContext, newPage, ready, events, waitForEvent, widget, until, sleep, ENGINES } from './browser.mjs';

// ---- the visitor ---------------------------------------------------------------------------

// Installed before the page's scripts: records getUserMedia and RTCPeerConnection, calling
// through. With window.__holdMedia set, getUserMedia's answer is held back until
// window.__releaseMedia() (a browser prompt nobody answers; see the timeout test).
function recordMedia() {
  const devices = navigator.mediaDevices;
  const realGetUserMedia = devices.getUserMedia.bind(devices);
  window.__gum = [];
  window.__tracks = [];
  window.__pcs = [];
  window.__held = [];
  window.__releaseMedia = () => window.__held.splice(0).forEach((release) => release());
  devices.getUserMedia = function (constraints) {
    const entry = { constraints: JSON.parse(JSON.stringify(constraints)), outcome: 'pending' };
    window.__gum.push(entry);
    const result = realGetUserMedia(constraints).then((stream) => {
      window.__tracks.push(...stream.getTracks());
      entry.outcome = 'ok';
      return stream;
    }, (error) => {
      entry.outcome = error.name;
      throw error;
    });
    if (!window.__holdMedia) return result;
    return new Promise((resolve, reject) => window.__held.push(() => result.then(resolve, reject)));
  };
  const RealPeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends RealPeerConnection {
    constructor(...args) {
      super(...args);
      window.__pcs.push(this);
    }
  };
}

async function openVisitor(context, env, path, { clock = false, holdMedia = false } = {}) {
  const page = await newPage(context, { clock });
  await page.addInitScript(recordMedia);
  if (holdMedia) await page.addInitScript(() => { window.__holdMedia = true; });
  await page.goto(env.url(path));
  await ready(page);
  return page;
}

const ui = (page) => {
  const w = widget(page);
  const button = (name) => w.getByRole('button', { name, exact: true });
  return {
    launcher: w.locator('button.launcher'),
    videoButton: w.locator('button.video-button'),
    chat: w.getByRole('dialog', { name: 'Chat', exact: true }),
    stage: w.locator('.stage'),
    status: w.locator('.stage .status'),
    error: w.locator('.stage .error'),
    remoteVideo: w.locator('video.remote'),
    selfVideo: w.locator('video.self'),
    log: w.getByRole('log'),
    composer: w.getByRole('textbox', { name: 'Your message' }),
    button,
  };
};

const getUserMediaCalls = (page) => page.evaluate(() => window.__gum.map((entry) => entry.constraints));
const visitorTracks = (page) => page.evaluate(() => window.__tracks.map((t) => ({ kind: t.kind, state: t.readyState, enabled: t.enabled })));
// Every track the page holds or held: from getUserMedia and from its peer connections.
const everyTrackState = (page) => page.evaluate(() => [
  ...window.__tracks.map((t) => `local ${t.kind}: ${t.readyState}`),
  ...window.__pcs.flatMap((pc) => pc.getReceivers().map((r) => `remote ${r.track.kind}: ${r.track.readyState}`)),
]);

// Bytes the visitor's peer connection has sent, per kind.
const bytesSent = (page) => page.evaluate(async () => {
  const out = { audio: 0, video: 0 };
  for (const pc of window.__pcs) {
    (await pc.getStats()).forEach((report) => { if (report.type === 'outbound-rtp') out[report.kind] += report.bytesSent; });
  }
  return out;
});

async function videoStatus(page, text) {
  await until(async () => (await ui(page).status.textContent()) === text,
    async () => `the call says "${text}"; it says "${await ui(page).status.textContent().catch(() => '?')}"`);
}

// ---- the agent desk --------------------------------------------------------------------------

// The desk's peer connections (window.__pcs), so a test can cut the agent's side of a call.
function recordPeerConnections() {
  const RealPeerConnection = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = class extends RealPeerConnection {
    constructor(...args) {
      super(...args);
      window.__pcs.push(this);
    }
  };
}

// The desk, with video availability on. `video`: what the desk sends ('camera' or 'pattern').
async function openDesk(context, env, { video = 'camera', clock = false } = {}) {
  const desk = await newPage(context, { clock, openShadow: false });
  await desk.addInitScript(recordPeerConnections);
  await desk.goto(env.url(`/agent.html?video=${video}`));
  await desk.getByTestId('desk-status').filter({ hasText: 'Channel' }).waitFor();
  await setVideoAvailable(desk, true);
  return desk;
}

async function setVideoAvailable(desk, on) {
  const toggle = desk.getByTestId('available-video');
  if ((await toggle.isChecked()) !== on) await toggle.click();
  assert.equal(await toggle.isChecked(), on);
}

// The visitor's devices as the desk shows them: {Camera mode, Camera, Microphone, Permission}.
const deskMedia = (desk) => desk.getByTestId('visitor-media').evaluate((dl) => {
  const out = {};
  for (const dt of dl.querySelectorAll('dt')) out[dt.textContent] = dt.nextElementSibling.textContent;
  return out;
});

async function deskConnected(desk) {
  await until(async () => (await desk.getByTestId('call-status').getAttribute('data-connection')) === 'connected',
    async () => `the desk's call is connected; it is ${await desk.getByTestId('call-status').getAttribute('data-connection')}`);
}

// Frames the video element presents within `ms` (requestVideoFrameCallback: real frames, not
// just a srcObject), and its size.
// Headless Chromium paints only the page in front: the one whose video is measured comes first.
const framesWithin = async (video, ms) => (await video.page().bringToFront(), video.evaluate((v, window_) => new Promise((resolve) => {
  let frames = 0;
  const count = () => { frames += 1; v.requestVideoFrameCallback(count); };
  v.requestVideoFrameCallback(count);
  setTimeout(() => resolve({ frames, width: v.videoWidth, height: v.videoHeight }), window_);
}), ms));

async function assertFramesFlow(video, who) {
  const seen = await until(async () => {
    const got = await framesWithin(video, 500);
    return got.frames >= 3 && got.width > 0 ? got : null;
  }, `${who} plays video frames`);
  return seen;
}

const deskLines = (desk) => desk.getByTestId('transcript-line').evaluateAll((lines) =>
  lines.map((line) => ({ from: line.dataset.from, text: line.querySelector('.text').textContent })));

async function waitForDeskLine(desk, from, text) {
  await until(async () => (await deskLines(desk)).some((l) => l.from === from && l.text === text), async () =>
    `the desk shows ${from} "${text}"; it shows ${JSON.stringify(await deskLines(desk).catch(() => []))}`);
}

async function waitForLog(page, text) {
  const texts = () => ui(page).log.locator('.msg > .text, .msg.system').allTextContents();
  await until(async () => (await texts()).includes(text), async () =>
    `the visitor's transcript shows "${text}"; it shows ${JSON.stringify(await texts().catch(() => []))}`);
}

// The visitor presses the video button; the desk accepts the video conversation.
async function startVideoWithDesk(page, desk) {
  await ui(page).videoButton.click();
  await ui(page).chat.waitFor();
  await desk.getByTestId('conversation-item').first().waitFor();
  await until(async () => (await desk.getByTestId('call-status').textContent()).includes('asks for a video call'),
    'the desk sees the video request');
  await desk.getByTestId('accept').click();
  await waitForEvent(page, 'lcw:videoStarted');
  await deskConnected(desk);
  await videoStatus(page, 'You are in a video call.');
  assert.equal(await desk.getByTestId('call-status').textContent(), 'Connected');
}

// Each lcw:videoEnded so far, as "by reason" (PROTOCOL.md, "Video": one per call).
const endings = async (page) => (await events(page, 'lcw:videoEnded')).map((e) => `${e.detail.by} ${e.detail.reason}`);

async function axeViolations(page, selector) {
  await page.emulateMedia({ reducedMotion: 'reduce' });  // colours as drawn, not mid-transition
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function assertNoPageErrors(...pages) {
  for (const page of pages) assert.deepEqual(page.errors, [], `page errors on ${page.url()}`);
}

// The microphone alone, through CDP: Playwright's `permissions` would deny the camera outright,
// and the test must see it stay at 'prompt'.
async function grantMicrophoneOnly(context, page, origin) {
  const session = await context.newCDPSession(page);
  const { targetInfo } = await session.send('Target.getTargetInfo');
  await session.send('Browser.setPermission', {
    permission: { name: 'microphone' }, setting: 'granted', origin, browserContextId: targetInfo.browserContextId,
  });
}

const permissionState = (page, name) => page.evaluate(async (n) => (await navigator.permissions.query({ name: n })).state, name);

// ---- the suites ------------------------------------------------------------------------------

let devices;   // fake camera and microphone, no fake permission UI
let bare;      // no media devices at all
before(async () => {
  devices = await launch({ media: true, fakeUi: false });
  bare = await launch();
});
after(async () => {
  await devices?.close();
  await bare?.close();
});

const BOTH = ['camera', 'microphone'];

async function withContext(env, options, body) {
  const context = await newContext(env, options);
  try {
    await body(context);
  } finally {
    await context.close();
  }
}

describe('video calls with the agent desk (wasm engine)', () => {
  test('classic: camera and microphone asked on joining, the agent sees the camera, off and on again, hang-up ends every track',
    { timeout: 120000 }, () => withContext(devices, { permissions: BOTH }, async (context) => {
      const desk = await openDesk(context, devices);
      const page = await openVisitor(context, devices, '/video/camera-classic.html');
      const v = ui(page);
      await v.videoButton.waitFor();
      assert.deepEqual(await getUserMediaCalls(page), [], 'nothing is asked before joining');

      await startVideoWithDesk(page, desk);
      assert.deepEqual(await getUserMediaCalls(page), [{ audio: true, video: true }]);
      assert.deepEqual(await deskMedia(desk), { 'Camera mode': 'Classic', Camera: 'On', Microphone: 'On', Permission: 'Granted' });
      await assertFramesFlow(desk.getByTestId('remote-video'), 'the desk (the visitor\'s camera)');
      await assertFramesFlow(v.remoteVideo, 'the visitor (the agent\'s camera)');
      assert.equal(await v.selfVideo.isVisible(), true, 'the visitor sees its own preview');
      assert.deepEqual(await axeViolations(page, '[data-parley-widget]'), [], 'axe: the widget in a call');
      assert.deepEqual(await axeViolations(desk, '#call'), [], 'axe: the desk\'s call');
      assert.deepEqual((await events(page, 'lcw:videoStarted')).map((e) => e.detail.camera), [true]);

      // Camera off: the track is stopped (the light goes off), the preview goes, the agent is told.
      await v.button('Turn camera off').click();
      await v.button('Turn camera on').waitFor();
      await until(async () => (await visitorTracks(page)).find((t) => t.kind === 'video').state === 'ended', 'the camera track is stopped');
      assert.equal(await v.selfVideo.isVisible(), false, 'no preview while the camera is off');
      await until(async () => (await deskMedia(desk)).Camera === 'Off', 'the desk shows the camera off');
      await sleep(1000);   // what was in flight has arrived
      assert.equal((await framesWithin(desk.getByTestId('remote-video'), 1000)).frames, 0, 'the desk gets no frame while the camera is off');

      // On again: only the camera is asked for, and the agent sees it again.
      await v.button('Turn camera on').click();
      await v.button('Turn camera off').waitFor();
      assert.deepEqual(await getUserMediaCalls(page), [{ audio: true, video: true }, { audio: false, video: true }]);
      await assertFramesFlow(desk.getByTestId('remote-video'), 'the desk, after the camera came back');
      assert.deepEqual((await events(page, 'lcw:cameraChanged')).map((e) => e.detail.on), [false, true]);

      // Mute: the microphone track stays but is disabled.
      await v.button('Mute').click();
      await v.button('Unmute').waitFor();
      assert.deepEqual((await visitorTracks(page)).filter((t) => t.kind === 'audio').map((t) => [t.state, t.enabled]), [['live', false]]);
      await until(async () => (await deskMedia(desk)).Microphone === 'Muted', 'the desk shows the microphone muted');

      // Hang up: every track the page had, local and remote, is ended; the chat goes on.
      await v.button('Hang up').click();
      await waitForEvent(page, 'lcw:videoEnded');
      await waitForLog(page, 'The video call ended. The chat goes on.');
      assert.deepEqual(await endings(page), ['visitor hangUp']);
      const states = await everyTrackState(page);
      assert.ok(states.length >= 5, `the page held tracks: ${states.join(', ')}`);
      assert.deepEqual(states.filter((s) => !s.endsWith(': ended')), [], 'no track is live after hang-up');
      assert.equal(await v.stage.isVisible(), false);
      await until(async () => (await desk.getByTestId('call-status').textContent()) === 'The visitor ended the video call.', 'the desk sees the end');
      assert.equal(await desk.getByTestId('remote-video').isVisible(), false);
      assertNoPageErrors(page, desk);
    }));

  test('one_way: the camera is never asked for nor its permission touched, no toggle, the agent\'s video plays, the microphone is sent',
    { timeout: 120000 }, () => withContext(devices, {}, async (context) => {
      const origin = new URL(devices.url('/')).origin;
      // The desk sends a drawn pattern: its own camera request would touch this origin's camera permission.
      const desk = await openDesk(context, devices, { video: 'pattern' });
      const page = await openVisitor(context, devices, '/video/camera-one-way.html');
      await grantMicrophoneOnly(context, page, origin);
      assert.deepEqual([await permissionState(page, 'camera'), await permissionState(page, 'microphone')], ['prompt', 'granted']);
      const v = ui(page);

      await startVideoWithDesk(page, desk);
      assert.deepEqual(await getUserMediaCalls(page), [{ audio: true, video: false }]);
      assert.equal(await v.button('Turn camera on').count() + await v.button('Turn camera off').count(), 0, 'no camera toggle');
      assert.equal(await v.selfVideo.isVisible(), false);
      const seen = await assertFramesFlow(v.remoteVideo, 'the visitor (the agent\'s video)');
      assert.deepEqual([seen.width, seen.height], [320, 240], 'the desk\'s test pattern');
      assert.deepEqual(await deskMedia(desk), { 'Camera mode': 'One-way (no visitor camera)', Camera: 'None (one-way video)', Microphone: 'On', Permission: 'Granted' });
      // The microphone: a live track, sent (bytes go out, the desk receives audio), no video sent.
      assert.deepEqual((await visitorTracks(page)).map((t) => [t.kind, t.state, t.enabled]), [['audio', 'live', true]]);
      const sent = await until(async () => { const b = await bytesSent(page); return b.audio > 0 ? b : null; }, 'audio bytes are sent');
      assert.equal(sent.video, 0, 'no video is sent');
      assert.equal(await permissionState(page, 'camera'), 'prompt', 'the camera permission is untouched');
      assert.deepEqual((await events(page, 'lcw:videoStarted')).map((e) => e.detail.camera), [false]);

      await desk.getByTestId('video-hangup').click();
      await waitForEvent(page, 'lcw:videoEnded');
      assert.deepEqual((await everyTrackState(page)).filter((s) => !s.endsWith(': ended')), [], 'no track is live after the agent hung up');
      assert.equal(await permissionState(page, 'camera'), 'prompt');
      assertNoPageErrors(page, desk);
    }));

  test('off_by_default: only the microphone on joining; turning the camera on asks for it then, and the agent sees it after renegotiation',
    { timeout: 120000 }, () => withContext(devices, { permissions: BOTH }, async (context) => {
      const desk = await openDesk(context, devices);
      const page = await openVisitor(context, devices, '/video/camera-off-by-default.html');
      const v = ui(page);
      await startVideoWithDesk(page, desk);
      assert.deepEqual(await getUserMediaCalls(page), [{ audio: true, video: false }]);
      assert.equal(await v.selfVideo.isVisible(), false);
      assert.deepEqual(await deskMedia(desk), { 'Camera mode': 'Camera off by default', Camera: 'Off', Microphone: 'On', Permission: 'Granted' });
      assert.equal(await desk.getByTestId('remote-video').evaluate((video) => video.videoWidth), 0, 'the desk has no video from the visitor yet');
      const offers = () => page.evaluate(() => window.__pcs[0].localDescription.sdp.match(/^m=video.*$/m)[0] + ' ' +
        (window.__pcs[0].localDescription.sdp.match(/^a=(sendrecv|recvonly|sendonly|inactive)$/gm) || []).join(','));
      assert.match(await offers(), /recvonly/, 'the first offer only receives video');

      await v.button('Turn camera on').click();
      await v.button('Turn camera off').waitFor();
      assert.deepEqual(await getUserMediaCalls(page), [{ audio: true, video: false }, { audio: false, video: true }]);
      const seen = await assertFramesFlow(desk.getByTestId('remote-video'), 'the desk, after renegotiation');
      assert.ok(seen.width > 0);
      assert.match(await offers(), /^m=video.* a=sendrecv,a=sendrecv$/, 'the new offer sends video');
      assert.equal(await v.selfVideo.isVisible(), true);
      await until(async () => (await deskMedia(desk)).Camera === 'On', 'the desk shows the camera on');

      await v.button('Hang up').click();
      await waitForEvent(page, 'lcw:videoEnded');
      assert.deepEqual((await everyTrackState(page)).filter((s) => !s.endsWith(': ended')), [], 'no track is live after hang-up');
      assertNoPageErrors(page, desk);
    }));

  test('a reload during a call ends it on both sides; the chat goes on in the new page', { timeout: 120000 },
    () => withContext(devices, { permissions: BOTH }, async (context) => {
      const desk = await openDesk(context, devices);
      const page = await openVisitor(context, devices, '/video/camera-classic.html');
      await startVideoWithDesk(page, desk);
      await page.reload();
      await ready(page);
      await until(async () => (await desk.getByTestId('call-status').textContent()) === 'The visitor’s page reloaded: the call ended.', 'the desk sees the call end');
      // The page that held the call is gone: the next one fires its one lcw:videoEnded, after lcw:ready.
      assert.deepEqual(await endings(page), ['visitor reload']);
      assert.deepEqual((await events(page)).map((e) => e.name).filter((n) => n === 'lcw:ready' || n === 'lcw:videoEnded'), ['lcw:ready', 'lcw:videoEnded']);
      assert.equal(await desk.getByTestId('video-hangup').isVisible(), false);
      const v = ui(page);
      await v.chat.waitFor();
      assert.equal(await v.stage.isVisible(), false, 'no call after the reload');
      assert.deepEqual(await getUserMediaCalls(page), [], 'the new page asks for nothing');
      await v.composer.fill('Back after a reload.');
      await v.composer.press('Enter');
      await waitForDeskLine(desk, 'visitor', 'Back after a reload.');
      assertNoPageErrors(page, desk);
    }));

  test('a lost connection ends the call once, on both sides: the chat says so, every track stops, the agent may invite again',
    { timeout: 120000 }, () => withContext(devices, { permissions: BOTH }, async (context) => {
      const desk = await openDesk(context, devices);
      const page = await openVisitor(context, devices, '/video/camera-classic.html');
      const v = ui(page);
      await startVideoWithDesk(page, desk);

      // The agent's side goes away without a word: the visitor's browser finds the connection
      // failed (about 20 s in Chromium: disconnected, then failed).
      await desk.evaluate(() => window.__pcs.forEach((pc) => pc.close()));
      await until(async () => (await endings(page)).length > 0, 'the lost connection ends the call', 60000);
      assert.deepEqual(await endings(page), ['error connection']);
      await waitForLog(page, 'The video connection was lost.');
      assert.equal(await v.stage.isVisible(), false, 'no call left on screen: nothing to retry');
      assert.deepEqual((await everyTrackState(page)).filter((s) => !s.endsWith(': ended')), [], 'every track stops');
      await until(async () => (await desk.getByTestId('call-status').textContent()) ===
        'The call ended: the visitor’s camera, microphone or connection failed.', 'the desk is told the call ended');

      // A new call: the agent invites again; the visitor stays in the chat; that call ends once too.
      await desk.getByTestId('video-invite').click();
      await v.button('Stay in the chat').click();
      await until(async () => (await endings(page)).length === 2, 'the declined invitation ends');
      assert.deepEqual(await endings(page), ['error connection', 'visitor declined']);
      await v.composer.fill('The chat still works.');
      await v.composer.press('Enter');
      await waitForDeskLine(desk, 'visitor', 'The chat still works.');
      assertNoPageErrors(page, desk);
    }));

  test('video never queues: a queued video request ends the call, every track stops, and the visitor waits as a chat', { timeout: 120000 },
    () => withContext(devices, { permissions: BOTH }, async (context) => {
      const desk = await openDesk(context, devices);
      const page = await openVisitor(context, devices, '/video/camera-classic.html');
      const v = ui(page);
      await v.videoButton.click();
      await videoStatus(page, 'Waiting for the agent to join the call…');
      await desk.getByTestId('conversation-item').first().click();
      await desk.getByTestId('queue').click();
      await waitForLog(page, 'No video agent is free right now: your conversation goes on by chat.');
      assert.equal(await v.stage.isVisible(), false);
      assert.deepEqual(await endings(page), ['agent queued']);
      assert.deepEqual((await everyTrackState(page)).filter((s) => !s.endsWith(': ended')), [], 'the media asked for is released');
      assert.equal(await desk.getByTestId('call-status').textContent(), 'Queued: video never waits, the conversation goes on as a chat.');
      await desk.getByTestId('accept').click();
      await waitForLog(page, 'An agent joined the conversation.');
      assert.equal(await desk.getByTestId('video-invite').isVisible(), true, 'the agent may invite to video again');
      assertNoPageErrors(page, desk);
    }));

  test('escalation: invitation, cancelled while pending, invited again, accepted, the agent joins, the video ends and the chat goes on',
    { timeout: 120000 }, () => withContext(devices, { permissions: BOTH }, async (context) => {
      const desk = await openDesk(context, devices);
      const page = await openVisitor(context, devices, '/video/2-chat-and-video-buttons.html');
      const v = ui(page);
      await v.launcher.click();
      await v.chat.waitFor();
      await desk.getByTestId('conversation-item').first().waitFor();
      await desk.getByTestId('accept').click();
      await waitForLog(page, 'An agent joined the conversation.');

      await desk.getByTestId('video-invite').click();
      await waitForEvent(page, 'lcw:videoInvite');
      await v.button('Join the video call').waitFor();
      await videoStatus(page, 'The agent invites you to a video call.');
      assert.deepEqual(await getUserMediaCalls(page), [], 'an invitation asks nothing of the browser');

      await desk.getByTestId('video-cancel').click();
      await v.button('Join the video call').waitFor({ state: 'detached' }).catch(() => v.button('Join the video call').waitFor({ state: 'hidden' }));
      await waitForLog(page, 'The agent withdrew the video invitation.');
      assert.equal(await v.stage.isVisible(), false, 'the invitation is gone');
      assert.deepEqual(await endings(page), ['agent cancelled'], 'a withdrawn invitation is a call that ended');

      await desk.getByTestId('video-invite').click();
      await v.button('Join the video call').click();
      await until(async () => (await desk.getByTestId('call-status').textContent()) === 'The visitor accepted: join the call.', 'the desk sees the acceptance');
      await videoStatus(page, 'Waiting for the agent to join the call…');
      await desk.getByTestId('video-join').click();
      await deskConnected(desk);
      await videoStatus(page, 'You are in a video call.');
      await assertFramesFlow(desk.getByTestId('remote-video'), 'the desk');
      assert.equal((await events(page, 'lcw:videoInvite')).length, 2);

      await desk.getByTestId('video-hangup').click();
      await until(async () => (await endings(page)).length === 2, 'the agent\'s hang-up fires lcw:videoEnded');
      assert.deepEqual(await endings(page), ['agent cancelled', 'agent hangUp']);
      await waitForLog(page, 'The video call ended. The chat goes on.');
      assert.deepEqual((await everyTrackState(page)).filter((s) => !s.endsWith(': ended')), [], 'no track is live after the agent hung up');

      // The chat goes on, both ways.
      await v.composer.fill('Thanks, the rest by chat.');
      await v.composer.press('Enter');
      await waitForDeskLine(desk, 'visitor', 'Thanks, the rest by chat.');
      await desk.getByTestId('reply-input').fill('Sure, ask away.');
      await desk.getByTestId('reply-input').press('Enter');
      await waitForLog(page, 'Sure, ask away.');

      // A third invitation, declined: that call ends too, once.
      await desk.getByTestId('video-invite').click();
      await v.button('Stay in the chat').click();
      await until(async () => (await desk.getByTestId('call-status').textContent()) === 'The visitor declined the video call.', 'the desk sees the decline');
      assert.deepEqual(await endings(page), ['agent cancelled', 'agent hangUp', 'visitor declined']);
      assert.equal((await events(page, 'lcw:videoInvite')).length, 3);
      assertNoPageErrors(page, desk);
    }));
});

for (const engine of ENGINES) {
  describe(`video entry points and media errors (${engine} engine)`, () => {
    test('no video agent: no video button, chat offered; a video agent comes back: the button too', { timeout: 60000 },
      () => withContext(devices, { engine }, async (context) => {
        const desk = await openDesk(context, devices);
        await setVideoAvailable(desk, false);
        const page = await openVisitor(context, devices, '/video/6-video-with-chat-fallback.html');
        const v = ui(page);
        await v.launcher.waitFor();
        assert.equal(await v.videoButton.isVisible(), false, 'no video button without a video agent');

        await setVideoAvailable(desk, true);
        await v.videoButton.waitFor();
        assert.equal((await v.videoButton.textContent()).trim(), 'Video call');
        await v.launcher.waitFor({ state: 'hidden' });   // option 6: chat only as the fallback

        await setVideoAvailable(desk, false);
        await v.videoButton.waitFor({ state: 'hidden' });
        await v.launcher.waitFor();
        assertNoPageErrors(page, desk);
      }));

    test('option 5: video only under /video/pro/ and never a chat button; option 1: chat + video in one invitation while a video agent is free',
      { timeout: 60000 }, () => withContext(devices, { engine }, async (context) => {
        const desk = await openDesk(context, devices);
        const outside = await openVisitor(context, devices, '/video/5-video-on-part-of-the-site.html');
        await sleep(500);   // availability has come (the desk answers visitor.hello at once)
        assert.equal(await ui(outside).videoButton.isVisible(), false, 'no video button outside the path');
        assert.equal(await ui(outside).launcher.isVisible(), false, 'no chat button anywhere');
        const inside = await openVisitor(context, devices, '/video/pro/index.html');
        await ui(inside).videoButton.waitFor();
        assert.equal(await ui(inside).launcher.isVisible(), false, 'no chat button inside either');

        const page = await openVisitor(context, devices, '/video/1-chat-video-notification.html', { clock: true });
        await page.clock.runFor(3500);
        const invitation = widget(page).getByRole('dialog');
        await invitation.waitFor();
        assert.deepEqual(await invitation.locator('button:visible').allTextContents(), ['Start chat', 'Video call', 'No thanks', 'Close']);
        await invitation.getByRole('button', { name: 'Video call', exact: true }).click();
        await ui(page).chat.waitFor();
        await until(async () => (await page.evaluate(() => window.__gum.length)) === 1, 'accepting by video asks for the media');
        assertNoPageErrors(outside, inside, page, desk);
      }));

    test('an invitation on screen follows availability: it gains "Video call" when a video agent becomes free, loses it when video goes',
      { timeout: 60000 }, () => withContext(devices, { engine }, async (context) => {
        const desk = await openDesk(context, devices);
        await setVideoAvailable(desk, false);
        const page = await openVisitor(context, devices, '/video/1-chat-video-notification.html', { clock: true });
        await page.clock.runFor(3500);
        const invitation = widget(page).getByRole('dialog');
        await invitation.waitFor();
        const shown = () => invitation.locator('button:visible').allTextContents();
        const videoCall = invitation.getByRole('button', { name: 'Video call', exact: true });
        assert.deepEqual(await shown(), ['Start chat', 'No thanks', 'Close'], 'no video agent: chat only');

        await setVideoAvailable(desk, true);
        await videoCall.waitFor();
        assert.deepEqual(await shown(), ['Start chat', 'Video call', 'No thanks', 'Close']);
        await setVideoAvailable(desk, false);
        await videoCall.waitFor({ state: 'hidden' });
        assert.deepEqual(await shown(), ['Start chat', 'No thanks', 'Close']);

        // Free again: the same invitation starts the call.
        await setVideoAvailable(desk, true);
        await videoCall.click();
        await ui(page).chat.waitFor();
        assert.deepEqual((await events(page, 'lcw:startChat')).map((e) => e.detail.channel), ['video']);
        assert.equal((await events(page, 'lcw:proactiveInvite')).length, 1, 'one invitation all along');
        assertNoPageErrors(page, desk);
      }));

    // Headless Chromium without the fake UI denies the prompt: a real denial, not a stub.
    test('permission denied: its own message and lcw:error 9 "denied"; the agent is told; closing the error ends the call by it', { timeout: 60000 },
      () => withContext(devices, { engine }, async (context) => {
        const desk = await openDesk(context, devices);
        const page = await openVisitor(context, devices, '/video/camera-classic.html');
        const v = ui(page);
        await v.videoButton.click();
        await v.error.waitFor();
        assert.equal(await v.error.textContent(), 'Your browser blocked the camera or microphone. Allow it in the site settings, then try again.');
        assert.deepEqual(await page.evaluate(() => window.__gum.map((e) => e.outcome)), ['NotAllowedError']);
        const error = await waitForEvent(page, 'lcw:error');
        assert.deepEqual([error.errorCode, error.reason], [9, 'denied']);
        await v.button('Try again').waitFor();
        await desk.getByTestId('conversation-item').first().click();
        await until(async () => (await deskMedia(desk)).Permission === 'Denied by the visitor or the browser', 'the desk shows the denial');
        assert.deepEqual(await endings(page), [], 'a media error alone ends no call: it waits with Try again');

        // The visitor closes the error: the call ends by it, once, and the agent is told so.
        await v.button('Hang up').click();
        await until(async () => (await endings(page)).length === 1, 'closing the error fires lcw:videoEnded');
        assert.deepEqual(await endings(page), ['error denied']);
        await until(async () => (await desk.getByTestId('call-status').textContent()) ===
          'The call ended: the visitor’s camera, microphone or connection failed.', 'the desk sees the call end by its error');
        assertNoPageErrors(page, desk);
      }));

    test('no device: its own message and lcw:error 9 "no_device"', { timeout: 60000 },
      () => withContext(bare, { engine, permissions: BOTH }, async (context) => {
        const desk = await openDesk(context, bare);
        const page = await openVisitor(context, bare, '/video/camera-classic.html');
        // This machine has no camera or microphone (the browser was started without fake ones).
        assert.deepEqual(await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind !== 'audiooutput').length), 0);
        const v = ui(page);
        await v.videoButton.click();
        await v.error.waitFor();
        assert.equal(await v.error.textContent(), 'No camera or microphone was found on this device.');
        assert.deepEqual(await page.evaluate(() => window.__gum.map((e) => e.outcome)), ['NotFoundError']);
        const error = await waitForEvent(page, 'lcw:error');
        assert.deepEqual([error.errorCode, error.reason], [9, 'no_device']);
        assertNoPageErrors(page, desk);
      }));

    // Headless Chromium answers every permission prompt itself (denied, or granted with the fake
    // UI): no real prompt can be left open. The wrapper holds getUserMedia's answer back instead
    // (the real call is made and granted), which is what the page sees of a prompt nobody answers.
    test('unanswered prompt: times out after video.promptTimeout with its own message; the late answer is stopped', { timeout: 60000 },
      () => withContext(devices, { engine, permissions: BOTH }, async (context) => {
        const desk = await openDesk(context, devices, { clock: true });
        const page = await openVisitor(context, devices, '/video/camera-classic.html', { clock: true, holdMedia: true });
        const v = ui(page);
        // The page's clock runs on while we wait for the browser (seconds on a loaded machine):
        // advance to 29 s after the click, not 29 s after the wait.
        const clickedAt = await page.evaluate(() => Date.now());
        await v.videoButton.click();
        await videoStatus(page, 'Allow your browser to use your microphone (and camera) to join.');
        await until(() => page.evaluate(() => window.__gum[0] && window.__gum[0].outcome === 'ok'), 'the browser granted the media (held back)');
        const waited = await page.evaluate((t) => Date.now() - t, clickedAt);
        assert.ok(waited < 29000, `the browser answered within 29 s of page time (${waited} ms)`);
        await page.clock.runFor(29000 - waited);
        assert.equal(await v.error.isVisible(), false, 'no error before the 30 s default');
        await page.clock.runFor(1500);
        await v.error.waitFor();
        assert.equal(await v.error.textContent(), 'The browser asked for your camera or microphone and got no answer.');
        const error = await waitForEvent(page, 'lcw:error');
        assert.deepEqual([error.errorCode, error.reason], [9, 'timeout']);

        // The prompt is answered after all: the runtime stops what comes.
        await page.evaluate(() => window.__releaseMedia());
        await until(async () => (await everyTrackState(page)).length === 2 &&
          (await everyTrackState(page)).every((s) => s.endsWith(': ended')), async () => `the late tracks are stopped: ${await everyTrackState(page)}`);
        assert.equal(await v.error.textContent(), 'The browser asked for your camera or microphone and got no answer.', 'still failed');
        assertNoPageErrors(page, desk);
      }));
  });
}
