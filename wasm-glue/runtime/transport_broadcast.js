// The embedded default wire: a same-origin BroadcastChannel shared by the visitor's tabs and the
// agent desk (demo-site/agent.html), under the reliability layer (transport_reliable.js).
//
//   createParleyBroadcastWire(name) -> function (events) -> {start(), post(envelope), close(), timer()}
//
// Envelopes travel as structured clones (the reliability layer checks them). The channel is
// "online" from the start: there is nothing to connect, a desk that is not there yet simply does
// not answer. Without BroadcastChannel (very old browsers) nothing is posted and the outbox keeps
// everything for a page that has one.

function createParleyBroadcastWire(name) {
  return function open(events) {
    var channel = null;
    try {
      channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name || 'parley') : null;
    } catch (e) { /* no channel */ }
    return {
      start: function () {
        if (!channel) return;
        channel.onmessage = function (event) { events.receive(event && event.data); };
        events.state('online');
      },
      post: function (envelope) {
        channel.postMessage(envelope);
        return true;
      },
      close: function () {
        if (channel) try { channel.onmessage = null; channel.close(); } catch (e) { /* already closed */ }
        channel = null;
      },
      timer: function () { return false; }
    };
  };
}
