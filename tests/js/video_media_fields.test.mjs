// TRANSPORT.md's table of what `video.media` says at each moment of a call ("What video.media
// says") against the engine itself: each moment is played through the wasm engine under node and
// the one video.media it sends must be the table's row, so the document and the engine cannot
// part. The moments' events live here; their fields live only in the document.
//
// Build first: cmake --preset wasm-release && cmake --build --preset wasm-release
// Run: node --test tests/js/video_media_fields.test.mjs
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { abi, loadFlavour, root } from './engine_module.mjs';

// The rows of the first table whose header starts with `| moment |`: {moment: {camera, microphone, permission}}.
function documentedMoments() {
  const lines = fs.readFileSync(path.join(root, 'wasm-glue', 'TRANSPORT.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^\|\s*moment\s*\|/.test(line));
  assert.ok(start >= 0, 'TRANSPORT.md has the table of video.media moments');
  const header = cells(lines[start]);
  const rows = {};
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const row = Object.fromEntries(cells(line).map((cell, i) => [header[i], cell]));
    rows[row.moment] = { camera: row.camera, microphone: row.microphone, permission: row.permission };
  }
  return rows;
}
const cells = (line) => line.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, ''));

const agentMessage = (body) => ({ type: 'received', message: body });

// One engine, one call; moment(name, event) sends the event and records the video.media it sent.
function playCall(engine, mode) {
  let now = 1767603600000;
  let agentIds = 0;
  let conversationId = null;
  let callId = null;
  const seen = {};
  engine.call('parley_reset');
  assert.deepEqual(engine.json('parley_configure', JSON.stringify({ video: { camera: mode } })).errors, []);
  function send(event) {
    now += 1000;
    const result = engine.json('parley_handle', JSON.stringify(event), now);
    assert.deepEqual(result.errors, [], `${event.type} is taken`);
    const sent = result.actions.filter((a) => a.type === 'send').map((a) => a.message);
    for (const message of sent) {
      if (message.conversationId) conversationId = message.conversationId;
      if (message.callId) callId = message.callId;
    }
    return sent.filter((m) => m.type === 'video.media');
  }
  return {
    send,
    fromAgent(type) {
      return send(agentMessage({ type, id: `d${++agentIds}`, conversationId, callId }));
    },
    moment(name, event) {
      const media = send(event);
      assert.equal(media.length, 1, `${name}: one video.media (got ${JSON.stringify(media)})`);
      const { camera, microphone, permission } = media[0];
      seen[name] = { camera, microphone, permission };
    },
    seen,
    start() {
      send({ type: 'pageLoad', url: 'https://contoso.com/help', pageId: 'pg' });
      send({ type: 'availability', chat: true, video: true });
    },
  };
}

describe('video.media at each moment: TRANSPORT.md and the engine agree', () => {
  let engine;
  let played;
  before(async () => {
    engine = abi(await loadFlavour('wasm'));
    played = {};
    const play = (mode, script) => {
      const call = playCall(engine, mode);
      call.start();
      script(call);
      Object.assign(played, call.seen);
    };
    play('classic', (call) => {
      call.moment('classic-asks', { type: 'startChat', channel: 'video' });
      call.moment('classic-granted', { type: 'mediaReady', audio: true, video: true });
      call.fromAgent('agent.joined');
      call.fromAgent('video.join');
      call.moment('muted', { type: 'microphone', on: false });
    });
    play('classic', (call) => {
      call.send({ type: 'startChat', channel: 'video' });
      call.moment('classic-denied', { type: 'mediaError', reason: 'denied', device: 'camera' });
    });
    play('one_way', (call) => {
      call.moment('one-way-asks', { type: 'startChat', channel: 'video' });
    });
    play('off_by_default', (call) => {
      call.moment('off-by-default-asks', { type: 'startChat', channel: 'video' });
      call.moment('off-by-default-granted', { type: 'mediaReady', audio: true, video: false });
      call.fromAgent('agent.joined');
      call.fromAgent('video.join');
      call.moment('camera-on-asks', { type: 'camera', on: true });
      call.moment('camera-on-granted', { type: 'mediaReady', audio: true, video: true });
      call.moment('camera-off', { type: 'camera', on: false });
      call.send({ type: 'camera', on: true });
      call.moment('camera-on-denied', { type: 'mediaError', reason: 'denied', device: 'camera' });
    });
  });

  it('every documented moment is played, and every played moment is documented', () => {
    assert.deepEqual(Object.keys(documentedMoments()).sort(), Object.keys(played).sort());
  });

  it('each moment sends the documented camera, microphone and permission', () => {
    const documented = documentedMoments();
    for (const [moment, fields] of Object.entries(played))
      assert.deepEqual(fields, documented[moment], `moment ${moment}`);
  });

  it('before the browser answers, a classic call says camera "off" with permission "pending"', () => {
    // The decision written in TRANSPORT.md: camera says what is sent, not what is asked.
    assert.deepEqual(played['classic-asks'], { camera: 'off', microphone: 'on', permission: 'pending' });
  });
});
