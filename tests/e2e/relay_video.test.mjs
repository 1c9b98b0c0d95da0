// A video call through parley-relay between two browser contexts (Chromium's fake camera and
// microphone, as in video.test.mjs): the visitor's video request is assigned to the desk, which
// joins (video.join after the relay's agent.joined), and media flows both ways over WebRTC while
// the signalling goes through the relay. Then, in a chat, the agent invites to video, cancels,
// invites again, joins and hangs up; the chat goes on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, until, waitForEvent, events } from './browser.mjs';
import { startRelay } from './relay_process.mjs';
import {
  openRelayVisitor, openRelayDesk, visitorUi, waitForLog, waitForHeader, waitForDeskLine, deskReply,
  deskConversations, assertNoPageErrors,
} from './relay_ui.mjs';

const TOKEN = 'token-alex-video-5c';
const BOTH = ['camera', 'microphone'];
let env;
let relay;
before(async () => {
  env = await launch({ media: true, fakeUi: false });
  relay = await startRelay({ agents: [{ id: 'alex', name: 'Alex', token: TOKEN, maxChats: 3 }] });
});
after(async () => {
  await relay?.stop();
  await env?.close();
});

async function videoStatus(page, text) {
  const v = visitorUi(page);
  await until(async () => (await v.status.textContent()) === text,
    async () => `the call says "${text}"; it says "${await v.status.textContent().catch(() => '?')}"`, 20000);
}

async function deskCallStatus(desk, text) {
  await until(async () => (await desk.getByTestId('call-status').textContent()) === text,
    async () => `the desk's call says "${text}"; it says "${await desk.getByTestId('call-status').textContent().catch(() => '?')}"`, 20000);
}

async function deskConnected(desk) {
  await until(async () => (await desk.getByTestId('call-status').getAttribute('data-connection')) === 'connected',
    async () => `the desk's call is connected; it is ${await desk.getByTestId('call-status').getAttribute('data-connection')}`, 30000);
}

// Real frames presented by a <video> within `ms` (requestVideoFrameCallback); the page in front
// first: headless Chromium paints only that one.
const framesWithin = async (video, ms) => (await video.page().bringToFront(), video.evaluate((element, wait) => new Promise((resolve) => {
  let frames = 0;
  const counted = () => { frames += 1; element.requestVideoFrameCallback(counted); };
  element.requestVideoFrameCallback(counted);
  setTimeout(() => resolve({ frames, width: element.videoWidth }), wait);
}), ms));

async function assertFramesFlow(video, who) {
  await until(async () => {
    const got = await framesWithin(video, 500);
    return got.frames >= 3 && got.width > 0;
  }, `${who} plays video frames`, 30000);
}

test('a video request through the relay: assigned, joined by the desk, media both ways, hung up; the chat goes on', { timeout: 180000 }, async () => {
  const { context: deskContext, desk } = await openRelayDesk(env, relay, TOKEN, { video: true, videoSource: 'camera', contextOptions: { permissions: BOTH } });
  const { context: visitorContext, page } = await openRelayVisitor(env, relay, 'video', { contextOptions: { permissions: BOTH } });
  try {
    const v = visitorUi(page);
    await v.videoButton.waitFor({ timeout: 20000 });   // shown once the relay says a video agent is free
    await v.videoButton.click();
    await v.chat.waitFor();
    await waitForHeader(page, 'Alex');
    await until(async () => (await deskConversations(desk)).length === 1, 'the desk is assigned the video conversation');
    await deskCallStatus(desk, 'The visitor asks for a video call: join it.');
    await videoStatus(page, 'Waiting for the agent to join the call…');

    await desk.getByTestId('video-join').click();
    await waitForEvent(page, 'lcw:videoStarted', 20000);
    await deskConnected(desk);
    await videoStatus(page, 'You are in a video call.');
    await assertFramesFlow(desk.getByTestId('remote-video'), 'the desk (the visitor\'s camera)');
    await assertFramesFlow(v.remoteVideo, 'the visitor (the agent\'s camera)');
    const media = await desk.getByTestId('visitor-media').evaluate((dl) => {
      const out = {};
      for (const dt of dl.querySelectorAll('dt')) out[dt.textContent] = dt.nextElementSibling.textContent;
      return out;
    });
    assert.deepEqual(media, { 'Camera mode': 'Classic', Camera: 'On', Microphone: 'On', Permission: 'Granted' });

    await desk.getByTestId('video-hangup').click();
    await waitForEvent(page, 'lcw:videoEnded', 20000);
    await waitForLog(page, 'The video call ended. The chat goes on.');
    assert.deepEqual((await events(page, 'lcw:videoEnded')).map((e) => `${e.detail.by} ${e.detail.reason}`), ['agent hangUp']);
    assert.equal(await desk.getByTestId('remote-video').isVisible(), false);

    // The chat goes on through the relay.
    await v.composer.fill('Thanks for the call.');
    await v.composer.press('Enter');
    await waitForDeskLine(desk, 'visitor', 'Thanks for the call.');
    await deskReply(desk, 'You are welcome.');
    await waitForLog(page, 'You are welcome.');
    assertNoPageErrors(page, desk);
  } finally {
    await deskContext.close();
    await visitorContext.close();
  }
});

test('escalation through the relay: invite, cancel, invite again, accepted, joined, hung up', { timeout: 180000 }, async () => {
  const { context: deskContext, desk } = await openRelayDesk(env, relay, TOKEN, { video: true, videoSource: 'pattern', contextOptions: { permissions: BOTH } });
  const { context: visitorContext, page } = await openRelayVisitor(env, relay, 'video', { contextOptions: { permissions: BOTH } });
  try {
    const v = visitorUi(page);
    await v.launcher.click();
    await v.chat.waitFor();
    await waitForLog(page, 'An agent joined the conversation.');
    await until(async () => (await deskConversations(desk)).some((c) => c.status === 'active'), 'the desk is assigned the chat');

    await desk.getByTestId('video-invite').click();
    await waitForEvent(page, 'lcw:videoInvite', 20000);
    await v.button('Join the video call').waitFor();
    await desk.getByTestId('video-cancel').click();
    await waitForLog(page, 'The agent withdrew the video invitation.');
    await waitForEvent(page, 'lcw:videoEnded', 20000);   // a withdrawn invitation is a call that ended

    await desk.getByTestId('video-invite').click();
    await until(async () => (await events(page, 'lcw:videoInvite')).length === 2, 'the second invitation arrives', 20000);
    await v.button('Join the video call').click();
    await deskCallStatus(desk, 'The visitor accepted: join the call.');
    await desk.getByTestId('video-join').click();
    await deskConnected(desk);
    await videoStatus(page, 'You are in a video call.');
    await assertFramesFlow(v.remoteVideo, 'the visitor (the desk\'s test pattern)');

    await desk.getByTestId('video-hangup').click();
    await until(async () => (await events(page, 'lcw:videoEnded')).length === 2, 'the hang-up fires lcw:videoEnded', 20000);
    assert.deepEqual((await events(page, 'lcw:videoEnded')).map((e) => `${e.detail.by} ${e.detail.reason}`),
      ['agent cancelled', 'agent hangUp']);
    await deskReply(desk, 'Back to chat.');
    await waitForLog(page, 'Back to chat.');
    assertNoPageErrors(page, desk);
  } finally {
    await deskContext.close();
    await visitorContext.close();
  }
});
