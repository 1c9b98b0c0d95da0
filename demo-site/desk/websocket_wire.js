// The relay wire: a WebSocket to parley-relay's /agent endpoint (RELAY.md), one JSON envelope per
// text frame. It signs in (`hello` with the agent's token, answered by `welcome`), reconnects with
// jittered exponential backoff when the connection drops, and says what it is doing (onState), so
// the desk can show "Connected as Alex" or "Reconnecting…".
//
// Must not: keep an outbox or acknowledge anything (reliable_link.js does: it resends its outbox
// when this wire reports ready after each welcome), store the token, or put it in a URL.

const MAX_FRAME_CHARS = 65536;
const HELLO_TIMEOUT_MS = 10000;     // the relay's own limit for hello (RELAY.md §6): the same for its answer
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15000;

// The wait before reconnection attempt `attempt` (1, 2, ...): exponential, capped, with jitter
// ("equal jitter": half fixed, half random) so that agents cut off together do not all come back
// in the same instant after a relay restart.
export function retryDelay(attempt, random = Math.random) {
  const base = Math.min(FIRST_RETRY_MS * Math.pow(2, Math.max(attempt - 1, 0)), MAX_RETRY_MS);
  return Math.round(base / 2 + random() * (base / 2));
}

// A URL the desk may connect to: ws: or wss: only (a typo must not become a fetch of anything else).
export function parseRelayUrl(text) {
  let url;
  try { url = new URL(String(text || '')); } catch (e) { return null; }
  return url.protocol === 'ws:' || url.protocol === 'wss:' ? url.href : null;
}

// options: url, token; WebSocket, setTimer, clearTimer, random (injected for tests).
// States: 'signed-out' (no token), 'connecting', 'connected' (welcome received: agent is set),
// 'reconnecting' (retryInMs, attempt, reason), 'refused' (the relay refused the token: no retry
// until setToken), 'closed' (close() was called).
export function createWebSocketWire(options) {
  const url = options.url;
  const Socket = options.WebSocket || globalThis.WebSocket;
  const setTimer = options.setTimer || ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer || ((id) => clearTimeout(id));
  const random = options.random || Math.random;
  let token = options.token || '';

  let socket = null;
  let welcomed = false;
  let attempt = 0;
  let retryTimer = null;
  let helloTimer = null;
  let info = { state: token ? 'connecting' : 'signed-out', agent: null };
  const listeners = { envelope: () => {}, ready: () => {}, state: () => {}, tooBig: () => {} };

  function setState(next) {
    info = next;
    listeners.state(info);
  }

  function stopTimers() {
    if (retryTimer !== null) clearTimer(retryTimer);
    if (helloTimer !== null) clearTimer(helloTimer);
    retryTimer = helloTimer = null;
  }

  // Forget the current socket without hearing from it again.
  function drop() {
    const old = socket;
    socket = null;
    welcomed = false;
    if (!old) return;
    old.onopen = old.onmessage = old.onclose = old.onerror = null;
    try { old.close(1000, 'desk'); } catch (e) { /* already closing */ }
  }

  function connect() {
    stopTimers();
    drop();
    if (!token) return setState({ state: 'signed-out', agent: null });
    if (info.state !== 'reconnecting') setState({ state: 'connecting', agent: null });
    try {
      socket = new Socket(url);
    } catch (e) {
      return retry('The relay address is not usable: ' + (e && e.message ? e.message : String(e)));
    }
    const mine = socket;
    mine.onopen = () => {
      mine.send(JSON.stringify({ v: 1, kind: 'hello', from: 'agent', token }));
      helloTimer = setTimer(() => {
        helloTimer = null;
        retry('The relay did not answer the sign-in.');
      }, HELLO_TIMEOUT_MS);
    };
    mine.onmessage = (event) => receive(mine, event.data);
    // A refused upgrade (403, relay down) fires error then close: close alone decides what is next.
    mine.onerror = () => {};
    mine.onclose = (event) => {
      if (socket !== mine) return;
      retry(welcomed ? 'The connection to the relay was lost.' : 'The relay could not be reached.' +
        (event && event.code && event.code !== 1006 ? ' (' + event.code + ')' : ''));
    };
  }

  function retry(reason) {
    drop();
    stopTimers();
    attempt += 1;
    const retryInMs = retryDelay(attempt, random);
    setState({ state: 'reconnecting', agent: null, attempt, retryInMs, reason });
    retryTimer = setTimer(() => { retryTimer = null; connect(); }, retryInMs);
  }

  function receive(from, data) {
    if (socket !== from || typeof data !== 'string') return;
    if (data.length > MAX_FRAME_CHARS) return listeners.tooBig(data.length);
    let envelope;
    try { envelope = JSON.parse(data); } catch (e) { return listeners.envelope(null); }   // counted as dropped
    if (!welcomed) return beforeWelcome(envelope);
    listeners.envelope(envelope);
  }

  // Only `welcome` or `error` can come before welcome (RELAY.md §2).
  function beforeWelcome(envelope) {
    if (!envelope || envelope.v !== 1) return;
    if (envelope.kind === 'error') {
      if (envelope.code === 'unauthorized') {
        // A refused token will be refused again: no retry until the agent gives another one.
        stopTimers();
        drop();
        attempt = 0;
        return setState({ state: 'refused', agent: null, reason: String(envelope.message || 'The relay refused the token.') });
      }
      return;
    }
    const agent = envelope.kind === 'welcome' && envelope.agent;
    if (!agent || typeof agent !== 'object' || typeof agent.id !== 'string') return;
    if (helloTimer !== null) clearTimer(helloTimer);
    helloTimer = null;
    welcomed = true;
    attempt = 0;
    // The outbox goes first (ready), then the desk hears it is connected and says what it takes:
    // so that this state message is posted once, not again by the flush.
    listeners.ready();
    setState({
      state: 'connected',
      agent: { id: agent.id, name: typeof agent.name === 'string' ? agent.name : agent.id,
        maxChats: typeof agent.maxChats === 'number' ? agent.maxChats : null },
    });
  }

  return {
    kind: 'websocket',
    url,
    ready: () => welcomed && socket !== null && socket.readyState === 1,
    post(envelope) {
      if (!welcomed || !socket || socket.readyState !== 1) return false;
      const text = JSON.stringify(envelope);
      if (text.length > MAX_FRAME_CHARS) return false;
      try { socket.send(text); return true; } catch (e) { return false; }
    },
    state: () => info,
    start: connect,
    // A new token (the settings form): sign in again with it at once.
    setToken(next) {
      token = String(next || '');
      attempt = 0;
      info = { state: 'connecting', agent: null };
      connect();
    },
    onEnvelope(fn) { listeners.envelope = fn; },
    onReady(fn) { listeners.ready = fn; },
    onState(fn) { listeners.state = fn; },
    onTooBig(fn) { listeners.tooBig = fn; },
    close() {
      stopTimers();
      drop();
      setState({ state: 'closed', agent: null });
    },
  };
}
