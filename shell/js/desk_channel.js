// The console desk's BroadcastChannel: envelopes in and out as JSON text, for the desk model in
// C++ (shell/include/console/agent_desk.hpp), which checks everything. Wire: wasm-glue/TRANSPORT.md.

function createParleyDeskChannel() {
  var MAX_CHARS = 65536;  // an envelope's JSON text; longer ones are dropped unread
  var channel = null;
  var received = [];

  function close() {
    if (!channel) return;
    try { channel.onmessage = null; channel.close(); } catch (e) { /* already closed */ }
    channel = null;
  }

  return {
    open: function (name) {
      close();
      try { channel = new BroadcastChannel(name); } catch (e) { return false; }
      channel.onmessage = function (event) {
        var text;
        try { text = JSON.stringify(event.data); } catch (e) { return; }
        if (typeof text === 'string' && text.length <= MAX_CHARS && received.length < 1000) received.push(text);
      };
      return true;
    },
    close: close,
    post: function (text) {
      if (!channel) return;
      try { channel.postMessage(JSON.parse(text)); } catch (e) { /* closed meanwhile */ }
    },
    // Everything received since the last call, as a JSON array.
    take: function () {
      var out = '[' + received.join(',') + ']';
      received = [];
      return out;
    }
  };
}
