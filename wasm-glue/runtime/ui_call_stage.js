// The video call inside the chat pane (parley-chat.js): the agent's video (once
// view.video.remote), the visitor's own preview (only while the camera is on), status, error and
// the call's buttons. The streams are video_call.js's, handed over by the renderer (kit.streams).
//
//   createParleyCallStage(kit, parent) -> {update(view.video or null), streams()}
var createParleyCallStage = (function () {
  // The call's icons ('s ': stroked), added to the kit's table.
  var kCallIcons = {
    microphone: 's M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3',
    microphoneOff: 's M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M4 4l16 16',
    camera: 'M3 6h12v12H3zm13 4 5-3v10l-5-3z',
    cameraOff: 's M3 6h12v12H3zm13 4 5-3v10l-5-3M3 3l18 18',
    hangUp: 'M2 13.5C7.5 8.2 16.5 8.2 22 13.5l-3 3.2-3.6-2.2v-2.6a11 11 0 0 0-6.8 0v2.6L5 16.7z',
    fullScreen: 's M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
    exitFullScreen: 's M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5',
    pictureInPicture: 's M3 5h18v14H3zM12 12h7v5h-7z'
  };
  // The call's controls, in the order they show; each is shown in the listed states.
  // Accepting and retrying are words; the switches of a running call are icon buttons (named by
  // hidden text, like the header's), full screen and picture-in-picture only where the browser can.
  var kCallControls = [
    ['accept', 'primary', ['invited']],
    ['decline', 'secondary', ['invited']],
    ['microphone', 'icon call', ['requested', 'ringing', 'connected']],
    ['camera', 'icon call', ['requested', 'ringing', 'connected']],
    ['fullScreen', 'icon call', ['connected']],
    ['pictureInPicture', 'icon call', ['connected']],
    ['retry', 'primary', ['failed']],
    ['hangUp', 'icon hangup', ['requested', 'ringing', 'connected', 'failed']]
  ];
  var kMediaErrorKeys = { denied: 'videoDenied', no_device: 'videoNoDevice', busy: 'videoBusy', timeout: 'videoTimeout', failed: 'videoFailed' };

  return function createParleyCallStage(k, parent) {
    for (var name in kCallIcons) k.icons[name] = kCallIcons[name];
    var stage = k.part(k.el('div', 'stage', parent), 'call');
    var screens = k.el('div', 'screens', stage);
    var remote = k.part(mediaElement('remote', screens, false), 'video-remote');
    var self = k.part(mediaElement('self', screens, true), 'video-self');
    var status = k.part(k.el('p', 'status', stage), 'call-status');
    var error = k.el('p', 'error', stage);
    var controls = k.part(k.el('div', 'controls', stage), 'call-controls');
    var video = null;
    var buttons = {};
    status.setAttribute('role', 'status');
    error.setAttribute('role', 'alert');
    for (var i = 0; i < kCallControls.length; i++) callButton(kCallControls[i]);
    function callButton(spec) {
      var name = spec[0];
      var node = buttons[name] = k.button(spec[1], controls, function () {
        if (name === 'fullScreen') toggleFullScreen();
        else if (name === 'pictureInPicture') togglePictureInPicture();
        else k.onIntent(callIntent(name));
      });
      if (spec[1].indexOf('icon') < 0) return;
      k.part(node, 'call-' + name);
      k.icon(name, node);
      node.label = k.el('span', 'vh', node);
    }
    // Full screen is the stage's (both videos and the controls); picture-in-picture the agent's
    // video. Each button exists only where the browser has the API and allows it here.
    var canFullScreen = typeof stage.requestFullscreen === 'function' && k.doc.fullscreenEnabled === true;
    var canPip = typeof remote.requestPictureInPicture === 'function' && k.doc.pictureInPictureEnabled === true;
    function fullScreenNow() { return k.root.fullscreenElement === stage; }
    function toggleFullScreen() {
      var done = fullScreenNow() ? k.doc.exitFullscreen() : stage.requestFullscreen();
      if (done && done.catch) done.catch(function () { /* refused: nothing changes */ });
    }
    function togglePictureInPicture() {
      var done = k.doc.pictureInPictureElement ? k.doc.exitPictureInPicture() : remote.requestPictureInPicture();
      if (done && done.catch) done.catch(function () { /* refused: nothing changes */ });
    }
    function labelViewButtons() {
      var last = k.lastView();
      var labels = (last && last.chat && last.chat.labels) || {};
      var full = fullScreenNow();
      k.drawIcon(buttons.fullScreen.firstChild, full ? 'exitFullScreen' : 'fullScreen');
      k.setText(buttons.fullScreen.label, full ? k.say('videoExitFullScreen', labels.exitFullScreen) : k.say('videoFullScreen', labels.fullScreen));
      k.setText(buttons.pictureInPicture.label, k.say('videoPictureInPicture', labels.pictureInPicture));
    }
    stage.addEventListener('fullscreenchange', labelViewButtons);
    function mediaElement(className, parent, muted) {
      var node = k.el('video', className, parent);
      node.autoplay = node.playsInline = true;
      node.muted = muted;  // the visitor's own microphone never plays back
      node.setAttribute('aria-hidden', 'true');
      return node;
    }
    function callIntent(name) {
      switch (name) {
        case 'accept': return { type: 'videoAccept' };
        case 'decline': return { type: 'videoDecline' };
        case 'retry': return { type: 'videoRetry' };
        case 'hangUp': return { type: 'hangUp' };
        case 'camera': return { type: 'camera', on: video.camera !== 'on' };
        default: return { type: 'microphone', on: video.microphone === 'muted' };
      }
    }
    function play(node, stream, shown) {
      if (!shown) stream = null;
      if (node.srcObject !== stream) {
        node.srcObject = stream;
        if (stream) node.play().catch(function () { /* autoplay refused: the controls still work */ });
      }
      node.hidden = !stream;
    }
    function showStreams() {
      if (!video) return;
      play(remote, k.streams().remote, video.remote === true);
      play(self, k.streams().local, video.camera === 'on');
      screens.hidden = remote.hidden && self.hidden;
      // Picture-in-picture needs the agent's video playing.
      buttons.pictureInPicture.hidden = !canPip || remote.hidden || video.state !== 'connected';
    }
    return {
      update: function (view) {
        var focused = k.root.activeElement;
        video = view;
        stage.hidden = !video;
        if (!video) {
          if (fullScreenNow()) k.doc.exitFullscreen().catch(function () { /* already out */ });
          play(remote, null, false);
          play(self, null, false);
          return;
        }
        var labels = video.labels || {};
        k.setText(status, k.say(video.statusKey, video.status));
        k.setText(error, video.error && k.say(kMediaErrorKeys[video.error.reason], video.error.message));
        status.hidden = !status.textContent;
        error.hidden = !error.textContent;
        for (var i = 0; i < kCallControls.length; i++)
          buttons[kCallControls[i][0]].hidden = kCallControls[i][2].indexOf(video.state) < 0;
        buttons.camera.hidden = buttons.camera.hidden || !video.cameraToggle;
        buttons.fullScreen.hidden = buttons.fullScreen.hidden || !canFullScreen;
        k.setText(buttons.accept, k.say('videoAccept', labels.accept));
        k.setText(buttons.decline, k.say('videoDecline', labels.decline));
        k.setText(buttons.retry, k.say('videoRetry', labels.retry));
        k.setText(buttons.hangUp.label, k.say('videoHangUp', labels.hangUp));
        var muted = video.microphone === 'muted';
        k.setText(buttons.microphone.label, muted ? k.say('videoUnmute', labels.unmute) : k.say('videoMute', labels.mute));
        k.drawIcon(buttons.microphone.firstChild, muted ? 'microphoneOff' : 'microphone');
        var cameraOn = video.camera === 'on';
        k.setText(buttons.camera.label, cameraOn ? k.say('videoCameraOff', labels.cameraOff) : k.say('videoCameraOn', labels.cameraOn));
        // The icon shows the camera's state; the name says what pressing does.
        k.drawIcon(buttons.camera.firstChild, cameraOn ? 'camera' : 'cameraOff');
        labelViewButtons();
        showStreams();
        // A pressed button that goes away (accept, retry) hands the focus to the call's next one.
        if (focused && focused.hidden && controls.contains(focused)) {
          var next = k.firstShown(controls.children);
          if (next) next.focus();
        }
      },
      streams: showStreams
    };
  };
})();
