// The console desk's video calls in the browser: one agent call (agent_call.js) per call the desk
// model joined, driven by its media commands (shell/include/console/desk_call.hpp), and the
// visitor's video floating over the console while the shown call is connected, captioned with the
// visitor's devices as the desk knows them. The call's state
// stays in the C++ model; this holds only the media, and queues the agent's signalling for the
// model to send on the wire. Labels are text only.

function createParleyDeskVideo(container) {
  var calls = {};     // callId -> createParleyAgentCall(...)
  var signals = [];   // [{callId, type, fields}] waiting for the model
  var shown = '';     // the call whose visitor video floats over the console
  var box = null;
  var video = null;
  var caption = null;
  var captionText = '';

  // Top right, under the console's menu bar: the agent's view of the visitor.
  function floating() {
    if (box) return;
    box = parleyConsoleStyled('figure', {
      position: 'absolute', top: '28px', right: '8px', width: '240px', margin: '0', padding: '4px',
      background: '#000', border: '1px solid #555', display: 'none', 'z-index': '1'
    });
    box.setAttribute('data-parley-console-video', '');
    video = parleyConsoleStyled('video', { display: 'block', width: '100%', height: 'auto', background: '#000' });
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('aria-label', 'The visitor');
    caption = parleyConsoleStyled('figcaption', { color: '#ddd', font: '12px/1.4 system-ui,sans-serif', margin: '2px 0 0' });
    box.appendChild(video);
    box.appendChild(caption);
    container.appendChild(box);
  }

  function refresh() {
    var call = calls[shown];
    var connected = !!call && call.connection() === 'connected' && call.remote.getTracks().length > 0;
    if (!connected) {
      if (box) {
        box.style.setProperty('display', 'none', 'important');
        video.srcObject = null;
      }
      return;
    }
    floating();
    if (video.srcObject !== call.remote) video.srcObject = call.remote;
    if (caption.textContent !== captionText) caption.textContent = captionText;
    box.style.setProperty('display', 'block', 'important');
  }

  return {
    start: function (callId, source) {
      if (calls[callId]) return;
      calls[callId] = createParleyAgentCall({
        video: source,
        signal: function (type, fields) { signals.push({ callId: callId, type: type, fields: fields }); },
        onChange: refresh
      });
    },
    offer: function (callId, sdp) { if (calls[callId]) calls[callId].offer(sdp); },
    candidate: function (callId, init) { if (calls[callId]) calls[callId].candidate(init); },
    close: function (callId) {
      if (!calls[callId]) return;
      calls[callId].close();
      delete calls[callId];
      refresh();
    },
    // {connection, problem} of a call, as JSON; connection "" when the desk holds no media for it.
    status: function (callId) {
      var call = calls[callId];
      return JSON.stringify(call ? { connection: call.connection(), problem: call.problem() } : { connection: '', problem: '' });
    },
    // Called every frame by the desk: the call to float and its caption (the visitor's devices).
    show: function (callId, text) {
      if (shown === callId && captionText === text) return;
      shown = callId;
      captionText = text;
      refresh();
    },
    // The agent's signalling since the last call, as a JSON array.
    takeSignals: function () {
      var out = JSON.stringify(signals);
      signals = [];
      return out;
    }
  };
}
