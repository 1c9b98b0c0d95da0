// A minimal WebSocket server (RFC 6455, text frames only) on 127.0.0.1, for test doubles that a
// test scripts frame by frame: what a real server cannot be made to do on cue (withhold an ack,
// refuse one message, drop the connection between two frames). Node has a WebSocket client but
// no server, and the project adds no dependency for a test double.
//
// Must not: listen beyond loopback, outlive close(), fragment frames (browsers send small
// messages whole; a fragmented or binary frame closes the connection with 1003).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode, payload) {
  const length = payload.length;
  let head;
  if (length < 126) head = Buffer.from([0x80 | opcode, length]);
  else if (length < 65536) { head = Buffer.alloc(4); head[0] = 0x80 | opcode; head[1] = 126; head.writeUInt16BE(length, 2); }
  else { head = Buffer.alloc(10); head[0] = 0x80 | opcode; head[1] = 127; head.writeBigUInt64BE(BigInt(length), 2); }
  return Buffer.concat([head, payload]);
}

// One connection: received (parsed JSON of every text frame), send(object), next(predicate,
// timeout) to wait for a frame, close(code), drop() (no close frame: a crash).
function connection(socket, path) {
  let buffer = Buffer.alloc(0);
  const received = [];
  const waiters = [];
  let open = true;
  const conn = {
    path,
    received,
    get open() { return open; },
    send(object) { if (open) socket.write(frame(0x1, Buffer.from(JSON.stringify(object)))); },
    // The first received frame (from `from` on) that matches, waiting up to `timeout` ms.
    next(match, timeout = 10000, from = 0) {
      const found = received.slice(from).find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve, timer: setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching frame within ${timeout} ms; received ${JSON.stringify(received)}`));
        }, timeout) };
        waiters.push(waiter);
      });
    },
    close(code = 1000) {
      if (!open) return;
      open = false;
      socket.end(frame(0x8, Buffer.from([code >> 8, code & 0xff])));
    },
    drop() {
      open = false;
      socket.destroy();
    },
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const opcode = buffer[0] & 0x0f;
      const fin = (buffer[0] & 0x80) !== 0;
      const masked = (buffer[1] & 0x80) !== 0;
      let length = buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) { if (buffer.length < 4) return; length = buffer.readUInt16BE(2); offset = 4; }
      else if (length === 127) { if (buffer.length < 10) return; length = Number(buffer.readBigUInt64BE(2)); offset = 10; }
      const maskAt = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < payload.length; ++i) payload[i] ^= buffer[maskAt + (i % 4)];
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x8) { conn.close(1000); return; }
      if (opcode === 0x9) { socket.write(frame(0xa, payload)); continue; }
      if (opcode === 0xa) continue;
      if (opcode !== 0x1 || !fin) { conn.close(1003); return; }
      let message;
      try { message = JSON.parse(payload.toString('utf8')); } catch { message = { unparsable: payload.toString('utf8') }; }
      received.push(message);
      for (const waiter of waiters.slice()) {
        if (waiter.match(message)) {
          clearTimeout(waiter.timer);
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }
  });
  socket.on('close', () => { open = false; });
  socket.on('error', () => { open = false; });
  return conn;
}

// onConnection(conn) is called for every upgrade. Returns {url(path), connections, nextConnection(timeout), close()}.
export async function startWebSocketDouble(onConnection = () => {}) {
  const connections = [];
  const sockets = new Set();
  const connectionWaiters = [];
  const server = createServer((req, res) => { res.writeHead(426); res.end(); });
  server.on('upgrade', (req, socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const key = req.headers['sec-websocket-key'];
    if (!key) { socket.destroy(); return; }
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const conn = connection(socket, req.url);
    connections.push(conn);
    onConnection(conn);
    connectionWaiters.splice(0).forEach((resolve) => resolve(conn));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    connections,
    url: (path) => `ws://127.0.0.1:${port}${path}`,
    // The next connection after the ones already made, within `timeout` ms.
    nextConnection(timeout = 15000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no new connection within ${timeout} ms`)), timeout);
        connectionWaiters.push((conn) => { clearTimeout(timer); resolve(conn); });
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
