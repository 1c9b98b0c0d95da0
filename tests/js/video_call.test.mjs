// Node tests of the runtime's video call (wasm-glue/runtime/video_call.js) with fake media
// devices: what a browser cannot be made to do on demand (a busy camera, a constraint the device
// cannot meet, a late answer racing a newer request) and the exact events sent to the engine.
// The browser tests (tests/e2e/video.test.mjs) run the same file with real WebRTC.
//
// Run: node --test tests/js/video_call.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const runtime = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../wasm-glue/runtime');
const source = ['prelude.js', 'video_call.js'].map((f) => fs.readFileSync(path.join(runtime, f), 'utf8')).join('\n');

class FakeTrack {
  constructor(kind) { this.kind = kind; this.readyState = 'live'; this.enabled = true; }
  stop() { this.readyState = 'ended'; }
}
class FakeStream {
  constructor(tracks = []) { this.tracks = [...tracks]; }
  getTracks() { return [...this.tracks]; }
  getAudioTracks() { return this.tracks.filter((t) => t.kind === 'audio'); }
  getVideoTracks() { return this.tracks.filter((t) => t.kind === 'video'); }
  addTrack(track) { this.tracks.push(track); }
}

// A browser whose getUserMedia answers when the test says so: requests[i].grant() / .fail(name).
function fakeBrowser({ devices = ['audioinput', 'videoinput'], microphonePermission = 'granted' } = {}) {
  const requests = [];
  const tracks = [];
  const navigator = {
    mediaDevices: {
      getUserMedia(constraints) {
        return new Promise((resolve, reject) => {
          requests.push({
            constraints: JSON.parse(JSON.stringify(constraints)),   // out of the vm's realm
            grant() {
              const got = ['audio', 'video'].filter((kind) => constraints[kind]).map((kind) => new FakeTrack(kind));
              tracks.push(...got);
              resolve(new FakeStream(got));
            },
            fail(name) { reject(Object.assign(new Error(name), { name })); },
          });
        });
      },
      enumerateDevices: async () => devices.map((kind) => ({ kind })),
    },
    permissions: { query: async ({ name }) => ({ state: name === 'microphone' ? microphonePermission : 'prompt' }) },
  };
  const context = vm.createContext({ navigator, MediaStream: FakeStream, Promise, console });
  vm.runInContext(source + '\nthis.createParleyVideoCall = createParleyVideoCall;', context);
  const events = [];
  const call = context.createParleyVideoCall({
    handle: (event) => events.push(JSON.parse(JSON.stringify(event))),
    send: () => {}, newId: () => 'id', onMedia: () => {},
  });
  return { call, requests, tracks, events };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const media = (audio, video, callId = 'c1') => ({ type: 'media', callId, audio, video });

describe('video_call.js: media', () => {
  it('asks only for what is wanted and missing, and never the camera when video is off', async () => {
    const { call, requests, events } = fakeBrowser();
    call.apply(media('on', 'off'));
    assert.deepEqual(requests.map((r) => r.constraints), [{ audio: true, video: false }]);
    requests[0].grant();
    await settle();
    assert.deepEqual(events, [{ type: 'mediaReady', audio: true, video: false }]);
    call.apply(media('on', 'on'));
    assert.deepEqual(requests.map((r) => r.constraints).at(-1), { audio: false, video: true });
    requests[1].grant();
    await settle();
    assert.deepEqual(events.at(-1), { type: 'mediaReady', audio: true, video: true });
    call.apply(media('muted', 'on'));   // nothing missing: nothing asked, nothing answered
    assert.equal(requests.length, 2);
    assert.equal(events.length, 2);
  });

  it('"muted" disables the microphone track; video "off" stops the camera track', async () => {
    const { call, requests, tracks } = fakeBrowser();
    call.apply(media('on', 'on'));
    requests[0].grant();
    await settle();
    const [audio, video] = tracks;
    call.apply(media('muted', 'on'));
    assert.deepEqual([audio.readyState, audio.enabled], ['live', false]);
    call.apply(media('on', 'off'));
    assert.deepEqual([audio.enabled, video.readyState], [true, 'ended']);
    assert.equal(call.streams().local, null, 'no preview without a camera');
  });

  for (const [name, reason] of [['NotAllowedError', 'denied'], ['SecurityError', 'denied'], ['NotFoundError', 'no_device'],
    ['OverconstrainedError', 'no_device'], ['NotReadableError', 'busy'], ['AbortError', 'busy'], ['TypeError', 'failed']]) {
    it(`${name} is mediaError "${reason}"`, async () => {
      const { call, requests, events } = fakeBrowser();
      call.apply(media('on', 'off'));
      requests[0].fail(name);
      await settle();
      assert.deepEqual(events, [{ type: 'mediaError', reason, device: 'microphone' }]);
    });
  }

  it('names the missing or refused device when both were asked for', async () => {
    const noCamera = fakeBrowser({ devices: ['audioinput'] });
    noCamera.call.apply(media('on', 'on'));
    noCamera.requests[0].fail('NotFoundError');
    await settle();
    assert.deepEqual(noCamera.events, [{ type: 'mediaError', reason: 'no_device', device: 'camera' }]);
    const noMicrophone = fakeBrowser({ microphonePermission: 'denied' });
    noMicrophone.call.apply(media('on', 'on'));
    noMicrophone.requests[0].fail('NotAllowedError');
    await settle();
    assert.deepEqual(noMicrophone.events, [{ type: 'mediaError', reason: 'denied', device: 'microphone' }]);
  });

  it('a late answer after endCall is stopped and not reported; the next media asks again', async () => {
    const { call, requests, tracks, events } = fakeBrowser();
    call.apply(media('on', 'on'));
    call.apply({ type: 'endCall', callId: 'c1' });
    requests[0].grant();
    await settle();
    assert.deepEqual(tracks.map((t) => t.readyState), ['ended', 'ended']);
    assert.deepEqual(events, []);
    call.apply(media('on', 'on'));   // videoRetry
    assert.equal(requests.length, 2);
  });

  it('a camera the engine gave up on meanwhile is stopped and not reported', async () => {
    const { call, requests, tracks, events } = fakeBrowser();
    call.apply(media('on', 'off'));
    requests[0].grant();
    await settle();
    call.apply(media('on', 'on'));
    call.apply(media('on', 'off'));   // the prompt timed out: the engine turns the camera off
    requests[1].grant();
    await settle();
    assert.deepEqual(tracks.map((t) => [t.kind, t.readyState]), [['audio', 'live'], ['video', 'ended']]);
    assert.deepEqual(events, [{ type: 'mediaReady', audio: true, video: false }]);
  });

  it('webrtc.* messages are taken out of the engine\'s way, whatever their call', () => {
    const { call } = fakeBrowser();
    assert.equal(call.receive({ type: 'webrtc.answer', id: 'a', conversationId: 'x', callId: 'other', sdp: '' }), true);
    assert.equal(call.receive({ type: 'webrtc.candidate', id: 'b', conversationId: 'x', callId: 'other', candidate: null }), true);
    assert.equal(call.receive({ type: 'video.join', id: 'c', conversationId: 'x', callId: 'other' }), false);
  });
});
