// The zero-server wire: a same-origin BroadcastChannel (TRANSPORT.md: name "parley", or the
// page's ?channel=NAME) shared with the visitor tabs of this browser profile. Envelopes travel as
// structured-cloned objects. Always ready while the channel exists: there is nobody to sign in to.
//
// Must not: keep an outbox or acknowledge anything (reliable_link.js does), parse message bodies.

const MAX_ENVELOPE_CHARS = 65536;

export function createBroadcastWire(channelName) {
  let channel = null;
  try { channel = new BroadcastChannel(channelName); } catch (e) { channel = null; }
  let deliver = () => {};
  let tooBig = () => {};

  if (channel) {
    channel.onmessage = (event) => {
      const data = event && event.data;
      // TRANSPORT.md §1: an envelope longer than 65,536 characters of JSON is dropped.
      let size = 0;
      try { size = JSON.stringify(data).length; } catch (e) { size = Infinity; }
      if (size > MAX_ENVELOPE_CHARS) return tooBig(data);
      deliver(data);
    };
  }

  return {
    kind: 'broadcast',
    name: channelName,
    available: channel !== null,
    ready: () => channel !== null,
    post(envelope) {
      if (!channel) return false;
      try { channel.postMessage(envelope); return true; } catch (e) { return false; }
    },
    onEnvelope(fn) { deliver = fn; },
    onTooBig(fn) { tooBig = fn; },
    onReady() { /* never "back": it never went away */ },
    close() { if (channel) channel.close(); },
  };
}
