// The visitor's side of a video call: the camera and microphone, and the WebRTC peer connection
// with the agent desk. It carries out the engine's `media`, `connectCall` and `endCall` actions
// (PROTOCOL.md, "Video") and answers with engine events; the `webrtc.*` signalling it exchanges
// over the transport never reaches the engine (TRANSPORT.md, "Video": the visitor always offers).
// It decides nothing: what to ask for, and when, is the engine's call. Each action names its call
// and its conversation (`callId`, `conversationId`), which the signalling it sends carries.
//
//   createParleyVideoCall({handle(event), send(message), newId(), iceServers, onMedia()})
//     -> {apply(action), receive(message) -> true when it was signalling,
//         streams() -> {local, remote}, stop()}

var createParleyVideoCall = (function () {
  // DOMException names of getUserMedia to the engine's mediaError reasons.
  var kReasons = {
    NotAllowedError: 'denied', SecurityError: 'denied',
    NotFoundError: 'no_device', OverconstrainedError: 'no_device',
    NotReadableError: 'busy', AbortError: 'busy'
  };

  function stopAll(tracks) {
    tracks.forEach(function (track) { if (track) track.stop(); });
  }
  function live(track) { return !!track && track.readyState === 'live'; }

  return function createParleyVideoCall(options) {
    var callId = null;
    var conversationId = null;  // the call's, from the engine's actions
    var wanted = { audio: 'on', video: 'off' };
    var audioTrack = null;
    var videoTrack = null;
    var preview = null;       // MediaStream of the camera track alone, for the visitor's own view
    var asking = null;        // the getUserMedia request under way: {audio, video}
    var generation = 0;       // endCall bumps it: a late answer of an older generation is stopped
    var pc = null;
    var videoTransceiver = null;
    var remote = null;        // MediaStream of the agent's tracks
    var offering = false;
    var offerAgain = false;
    var earlyCandidates = [];  // the agent's candidates that came before its answer

    function report(event) { options.handle(event); }

    function signal(type, fields) {
      if (!conversationId) return;
      var message = { type: type, id: options.newId(), conversationId: conversationId, callId: callId };
      for (var key in fields) message[key] = fields[key];
      options.send(message);
    }

    function changed() { if (options.onMedia) options.onMedia(); }

    // ---- local media -------------------------------------------------------------------------

    function setMedia(action) {
      if (action.callId !== callId) {
        endCall();
        callId = action.callId;
      }
      conversationId = action.conversationId;
      wanted = { audio: action.audio === 'muted' ? 'muted' : 'on', video: action.video === 'on' ? 'on' : 'off' };
      if (wanted.video === 'off' && videoTrack) {
        videoTrack.stop();   // stopped, not disabled: the camera light goes off
        setCamera(null);
      }
      if (audioTrack) audioTrack.enabled = wanted.audio === 'on';
      ask();
      changed();
    }

    // Asks the browser for what is wanted and missing, and only that; one request at a time.
    function ask() {
      if (asking) return;   // reconciled again when it settles
      var need = { audio: !live(audioTrack), video: wanted.video === 'on' && !live(videoTrack) };
      if (!need.audio && !need.video) return;
      var mine = generation;
      asking = need;
      var request;
      try {
        request = navigator.mediaDevices.getUserMedia({ audio: need.audio, video: need.video });
      } catch (error) {
        request = Promise.reject(error);   // no mediaDevices: not a secure context
      }
      request.then(function (stream) {
        asking = null;
        if (mine !== generation) return stopAll(stream.getTracks());   // the call ended meanwhile
        stream.getAudioTracks().forEach(function (track) {
          if (live(audioTrack)) return track.stop();
          audioTrack = track;
          track.enabled = wanted.audio === 'on';
        });
        stream.getVideoTracks().forEach(function (track) {
          if (wanted.video !== 'on' || live(videoTrack)) return track.stop();   // given up on meanwhile
          setCamera(track);
        });
        changed();
        if (answered(need)) report({ type: 'mediaReady', audio: live(audioTrack), video: live(videoTrack) });
        ask();
      }, function (error) {
        asking = null;
        if (mine !== generation) return;
        var device = need.video ? 'camera' : 'microphone';
        var reason = kReasons[error && error.name] || 'failed';
        whichDevice(reason, need, device).then(function (found) {
          if (mine === generation && answered(need)) report({ type: 'mediaError', reason: reason, device: found });
        });
      });
    }

    // A request for the camera alone that the engine has since given up on (its prompt timed
    // out, or the visitor turned the camera off) gets no answer: nobody waits for it any more.
    function answered(need) { return need.audio || wanted.video === 'on'; }

    // Which device failed, when both were asked for: the one that is missing or refused.
    function whichDevice(reason, need, guess) {
      if (!need.audio || !need.video) return Promise.resolve(guess);
      var look = reason === 'no_device'
        ? navigator.mediaDevices.enumerateDevices().then(function (devices) {
            return devices.some(function (d) { return d.kind === 'audioinput'; }) ? 'camera' : 'microphone';
          })
        : reason === 'denied' && navigator.permissions
          ? navigator.permissions.query({ name: 'microphone' }).then(function (status) {
              return status.state === 'denied' ? 'microphone' : 'camera';
            })
          : Promise.resolve(guess);
      return look.catch(function () { return guess; });
    }

    function setCamera(track) {
      videoTrack = track;
      preview = track ? new MediaStream([track]) : null;
      attachCamera();
    }

    // ---- the peer connection -----------------------------------------------------------------

    function connect(action) {
      if (action.callId !== callId || pc) return;
      conversationId = action.conversationId;
      try {
        pc = new RTCPeerConnection({ iceServers: options.iceServers || [] });
      } catch (error) {
        pc = null;
        return report({ type: 'callFailed', reason: 'no peer connection: ' + parleyReason(error) });
      }
      remote = new MediaStream();
      // Audio both ways; video both ways only with a camera, else receive-only (the agent's
      // video still plays). Both transceivers exist from the first offer, so turning the camera
      // on later changes a direction instead of adding a line.
      pc.addTransceiver(audioTrack || 'audio', { direction: audioTrack ? 'sendrecv' : 'recvonly' });
      videoTransceiver = pc.addTransceiver('video', { direction: 'recvonly' });
      attachCamera();
      var connected = false;
      pc.ontrack = function (event) {
        if (remote.getTracks().indexOf(event.track) < 0) remote.addTrack(event.track);
        changed();
      };
      pc.onicecandidate = function (event) {
        signal('webrtc.candidate', { candidate: event.candidate ? event.candidate.toJSON() : null });
      };
      pc.onconnectionstatechange = function () {
        if (!pc) return;
        if (pc.connectionState === 'connected' && !connected) {
          connected = true;
          report({ type: 'callConnected' });
        } else if (pc.connectionState === 'failed') {
          report({ type: 'callFailed', reason: 'the connection failed' });
        }
      };
      pc.onnegotiationneeded = offer;
      offer();
    }

    // The camera track goes on the video transceiver; the first time it sends, the direction
    // changes and negotiationneeded makes a new offer (off_by_default turning the camera on).
    function attachCamera() {
      if (!videoTransceiver || !pc) return;
      var sender = videoTransceiver.sender;
      if (sender.track !== videoTrack) sender.replaceTrack(videoTrack).catch(function () { /* call is closing */ });
      if (videoTrack) {
        if (sender.setStreams) sender.setStreams(new MediaStream([videoTrack]));
        if (videoTransceiver.direction !== 'sendrecv') videoTransceiver.direction = 'sendrecv';
      }
    }

    // Only the visitor offers, one offer at a time: another need waits for the answer.
    function offer() {
      if (!pc) return;
      if (offering || pc.signalingState !== 'stable') { offerAgain = true; return; }
      offering = true;
      offerAgain = false;
      var mine = pc;
      mine.setLocalDescription().then(function () {
        if (pc === mine) signal('webrtc.offer', { sdp: mine.localDescription.sdp });
      }).catch(function (error) {
        offering = false;
        if (pc === mine) report({ type: 'callFailed', reason: 'offer: ' + parleyReason(error) });
      });
    }

    function answer(message) {
      if (!offering || typeof message.sdp !== 'string') return;
      var mine = pc;
      mine.setRemoteDescription({ type: 'answer', sdp: message.sdp }).then(function () {
        offering = false;
        var waiting = earlyCandidates;
        earlyCandidates = [];
        waiting.forEach(addCandidate);
        if (offerAgain) offer();
      }).catch(function (error) {
        offering = false;
        if (pc === mine) report({ type: 'callFailed', reason: 'answer: ' + parleyReason(error) });
      });
    }

    function addCandidate(candidate) {
      if (!pc) return;
      if (!pc.remoteDescription) return earlyCandidates.push(candidate);
      pc.addIceCandidate(candidate || undefined).catch(function () { /* a stale or foreign candidate */ });
    }

    function endCall() {
      generation++;
      if (pc) {
        pc.ontrack = pc.onicecandidate = pc.onconnectionstatechange = pc.onnegotiationneeded = null;
        pc.close();
      }
      // Every track, the agent's too: nothing of the call stays live.
      stopAll([audioTrack, videoTrack].concat(remote ? remote.getTracks() : []));
      pc = videoTransceiver = remote = audioTrack = videoTrack = preview = asking = null;
      offering = offerAgain = false;
      earlyCandidates = [];
      changed();
    }

    return {
      apply: function (action) {
        switch (action.type) {
          case 'media': setMedia(action); break;
          case 'connectCall':
            // A browser that refuses a transceiver fails the call, not the widget.
            try { connect(action); } catch (error) {
              report({ type: 'callFailed', reason: parleyReason(error) });
            }
            break;
          case 'endCall': if (action.callId === callId) endCall(); break;
          default: break;
        }
      },
      // webrtc.* from the agent: ours to apply, never the engine's. Other calls' are dropped.
      receive: function (message) {
        if (!/^webrtc\./.test(message.type)) return false;
        if (pc && message.callId === callId && message.conversationId === conversationId) {
          if (message.type === 'webrtc.answer') answer(message);
          else if (message.type === 'webrtc.candidate') addCandidate(message.candidate);
        }
        return true;
      },
      streams: function () {
        return { local: preview, remote: remote };
      },
      stop: endCall
    };
  };
})();
