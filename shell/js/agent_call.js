// Parley's agent side of a video call: the agent's media and peer connection for one call. The
// visitor always offers (wasm-glue/TRANSPORT.md, "Video"); the agent answers every offer with its
// own microphone and, when it has one, its video: the camera, or a drawn test pattern (for a
// machine without a camera, and for tests that must leave the camera permission of this origin
// untouched).
//
//   createParleyAgentCall({video: 'camera' | 'pattern' | 'none', signal(type, fields), onChange()})
//     -> {offer(sdp), candidate(init | null), close(), local, remote, connection(), problem()}
//
// One source for both agent desks: bundled into parley-console.js (the console's desk, inside its
// closure) and shipped as dist/parley-agent-call.js for the HTML desk (demo-site/agent.html).
// The desk keeps the call's state; this only holds the media.
var createParleyAgentCall = (function () {
  'use strict';

  // A moving test card on a canvas: frames only come when the canvas changes.
  function patternTrack() {
    var canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    var g = canvas.getContext('2d');
    var frame = 0;
    var stream = canvas.captureStream(15);
    var track = stream.getVideoTracks()[0];
    var timer = setInterval(function () {
      if (track.readyState !== 'live') return clearInterval(timer);
      frame += 1;
      g.fillStyle = '#0b6e4f';
      g.fillRect(0, 0, 320, 240);
      g.fillStyle = '#fff';
      g.fillRect((frame * 8) % 320, 0, 24, 240);
      g.font = '28px sans-serif';
      g.fillText('Agent desk', 90, 130);
    }, 66);
    return track;
  }

  function localMedia(video) {
    var constraints = { audio: true, video: video === 'camera' };
    return navigator.mediaDevices.getUserMedia(constraints).then(function (stream) {
      if (video === 'pattern') stream.addTrack(patternTrack());
      return { stream: stream, problem: '' };
    }, function (error) {
      // No microphone or camera: the agent still sees and hears the visitor.
      var stream = new MediaStream();
      if (video === 'pattern') stream.addTrack(patternTrack());
      return { stream: stream, problem: 'Your ' + (video === 'camera' ? 'camera or microphone' : 'microphone') +
        ' is not available (' + error.name + '): the visitor cannot see or hear you.' };
    });
  }

  return function createParleyAgentCall(options) {
    var pc = new RTCPeerConnection({ iceServers: [] });
    var remote = new MediaStream();
    var call = { local: null, remote: remote };
    var problem = '';
    var closed = false;
    var media = localMedia(options.video).then(function (got) {
      if (closed) { got.stream.getTracks().forEach(function (t) { t.stop(); }); return null; }
      call.local = got.stream;
      problem = got.problem;
      options.onChange();
      return got.stream;
    });
    var queue = Promise.resolve();   // offers are answered one at a time, in order
    var waiting = [];                // candidates that came before the first offer

    pc.ontrack = function (event) {
      if (remote.getTracks().indexOf(event.track) < 0) remote.addTrack(event.track);
      options.onChange();
    };
    pc.onicecandidate = function (event) {
      options.signal('webrtc.candidate', { candidate: event.candidate ? event.candidate.toJSON() : null });
    };
    pc.onconnectionstatechange = function () { options.onChange(); };

    // Our tracks go on the visitor's transceivers: the answer sends what we have on each line.
    function attach(stream) {
      pc.getTransceivers().forEach(function (transceiver) {
        var kind = transceiver.receiver.track.kind;
        var track = stream && stream.getTracks().filter(function (t) { return t.kind === kind; })[0];
        if (!track || transceiver.sender.track === track) return;
        transceiver.sender.replaceTrack(track);
        transceiver.direction = 'sendrecv';
      });
    }

    function offer(sdp) {
      queue = queue.then(function () { return media; }).then(function (stream) {
        if (closed) return;
        return pc.setRemoteDescription({ type: 'offer', sdp: sdp }).then(function () {
          attach(stream);
          return pc.setLocalDescription();
        }).then(function () {
          options.signal('webrtc.answer', { sdp: pc.localDescription.sdp });
          waiting.splice(0).forEach(candidate);
        });
      }).catch(function (error) {
        problem = 'Could not answer the visitor\u2019s offer: ' + error.message;
        options.onChange();
      });
    }

    function candidate(init) {
      if (closed) return;
      if (!pc.remoteDescription) return waiting.push(init);
      pc.addIceCandidate(init || undefined).catch(function () { /* stale */ });
    }

    function close() {
      if (closed) return;
      closed = true;
      pc.ontrack = pc.onicecandidate = pc.onconnectionstatechange = null;
      pc.close();
      [call.local, remote].forEach(function (stream) {
        if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      });
    }

    call.offer = offer;
    call.candidate = candidate;
    call.close = close;
    call.connection = function () { return closed ? 'closed' : pc.connectionState; };
    call.problem = function () { return problem; };
    return call;
  };
})();
