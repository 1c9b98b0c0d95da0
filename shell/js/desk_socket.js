// The console desk's WebSocket to parley-relay (relay/RELAY.md): a dumb pipe beside the
// BroadcastChannel one (desk_channel.js). What happens on it goes to the C++ model in order, as
// one JSON array per frame of the console: ["open"], ["frame", envelope], ["bad"] (not JSON, not
// text, or too long: the model counts it), ["closed", code]. Reconnecting, the handshake and
// resending are the model's and the link's (shell/app/desk_link.cpp); this only carries text.

function createParleyDeskSocket() {
  var MAX_CHARS = 65536;   // RELAY.md's frame limit; longer frames are not read
  var MAX_PENDING = 2000;  // events kept between two frames of the console; the relay resends what is lost
  var socket = null;
  var events = [];

  function push(item) {
    if (events.length < MAX_PENDING) events.push(item);
  }

  function detach(which) {
    which.onopen = which.onmessage = which.onclose = which.onerror = null;
  }

  function close() {
    if (!socket) return;
    var which = socket;
    socket = null;
    detach(which);
    try { which.close(1000); } catch (e) { /* closing already */ }
  }

  return {
    // false when the browser refuses the URL at once (it was checked by the model already).
    open: function (url) {
      close();
      var which;
      try { which = new WebSocket(url); } catch (e) { return false; }
      socket = which;
      which.onopen = function () { if (socket === which) push('["open"]'); };
      which.onmessage = function (event) {
        if (socket !== which) return;
        var text = event.data;
        if (typeof text !== 'string' || text.length > MAX_CHARS) { push('["bad"]'); return; }
        // Checked here only so that one bad frame cannot spoil the whole array handed to C++.
        try { JSON.parse(text); } catch (e) { push('["bad"]'); return; }
        push('["frame",' + text + ']');
      };
      which.onclose = function (event) {
        if (socket !== which) return;
        socket = null;
        detach(which);
        push('["closed",' + (Number(event.code) || 0) + ']');
      };
      which.onerror = function () { /* a close event follows */ };
      return true;
    },
    close: close,
    post: function (text) {
      // Only on an open socket: before the next open the model holds everything in its outbox.
      if (socket && socket.readyState === 1) {
        try { socket.send(text); } catch (e) { /* closing: the close event follows */ }
      }
    },
    take: function () {
      var out = '[' + events.join(',') + ']';
      events = [];
      return out;
    }
  };
}
