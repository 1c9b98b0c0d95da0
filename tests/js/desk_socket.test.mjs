// Node tests of the console desk's WebSocket pipe (shell/js/desk_socket.js) with a fake socket:
// what reaches the C++ model, in order, for every way a relay connection can behave (frames,
// garbage, binary, an oversized frame, a close, a stale socket's late events), and that nothing
// is sent on a socket that is not open.
//
// Run: node --test tests/js/desk_socket.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const source = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shell/js/desk_socket.js'), 'utf8');

function load({ refuse = false } = {}) {
  const sockets = [];
  class FakeWebSocket {
    constructor(url) {
      if (refuse) throw new SyntaxError('bad url');
      this.url = url;
      this.readyState = 0;
      this.sent = [];
      this.closedWith = null;
      sockets.push(this);
    }
    send(text) { this.sent.push(text); }
    close(code) { this.closedWith = code; this.readyState = 3; }
    // The relay's side of the fake.
    opened() { this.readyState = 1; this.onopen && this.onopen({}); }
    message(data) { this.onmessage && this.onmessage({ data }); }
    dropped(code) { this.readyState = 3; this.onclose && this.onclose({ code }); }
  }
  const sandbox = { WebSocket: FakeWebSocket, JSON };
  vm.createContext(sandbox);
  vm.runInContext(source + '\nthis.pipe = createParleyDeskSocket();', sandbox);
  return { pipe: sandbox.pipe, sockets };
}

const taken = (pipe) => JSON.parse(pipe.take());

describe('the desk socket pipe', () => {
  it('hands the model open, frames and close in order, each once', () => {
    const { pipe, sockets } = load();
    assert.equal(pipe.open('ws://127.0.0.1:1/agent'), true);
    sockets[0].opened();
    sockets[0].message('{"v":1,"kind":"welcome","from":"relay","agent":{"id":"alex"}}');
    sockets[0].dropped(1006);
    assert.deepEqual(taken(pipe), [['open'], ['frame', { v: 1, kind: 'welcome', from: 'relay', agent: { id: 'alex' } }], ['closed', 1006]]);
    assert.deepEqual(taken(pipe), [], 'taken once');
  });

  it('marks garbage, binary and oversized frames as bad without spoiling the others', () => {
    const { pipe, sockets } = load();
    pipe.open('ws://r/agent');
    sockets[0].opened();
    sockets[0].message('{"v":1');
    sockets[0].message(new ArrayBuffer(4));
    sockets[0].message('"' + 'x'.repeat(70000) + '"');
    sockets[0].message('{"v":1,"kind":"ack","from":"relay","id":"a"}');
    assert.deepEqual(taken(pipe), [['open'], ['bad'], ['bad'], ['bad'], ['frame', { v: 1, kind: 'ack', from: 'relay', id: 'a' }]]);
  });

  it('sends only on an open socket', () => {
    const { pipe, sockets } = load();
    pipe.post('{"early":true}');
    pipe.open('ws://r/agent');
    pipe.post('{"connecting":true}');
    sockets[0].opened();
    pipe.post('{"v":1,"kind":"hello"}');
    assert.deepEqual(sockets[0].sent, ['{"v":1,"kind":"hello"}']);
  });

  it('forgets a replaced or closed socket: its late events never reach the model', () => {
    const { pipe, sockets } = load();
    pipe.open('ws://r/agent');
    pipe.open('ws://r/agent');
    assert.equal(sockets[0].closedWith, 1000, 'the first socket is closed');
    sockets[0].message('{"stale":true}');
    sockets[1].opened();
    pipe.close();
    sockets[1].message('{"late":true}');
    sockets[1].dropped(1000);
    assert.deepEqual(taken(pipe), [['open']]);
  });

  it('says false when the browser refuses the URL', () => {
    const { pipe } = load({ refuse: true });
    assert.equal(pipe.open('ws://r/agent'), false);
    assert.deepEqual(taken(pipe), []);
  });
});
