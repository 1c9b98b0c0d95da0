// The desk's alerts, for the console's C++ (app/host.hpp "alerts"): whether the agent is looking
// at this page, the "(N) " badge on the page's title, and a short tone made with WebAudio (no audio
// file). The tone only plays once a user gesture on this document has let an AudioContext run: the
// context is made (or resumed) inside a pointer or key gesture, never before, as browsers require.
// The agent's choice (alerts on or off) is kept in localStorage by the C++ through setting().

function createParleyConsoleAlerts() {
  var focused = typeof document.hasFocus === 'function' ? document.hasFocus() : true;
  var enabled = false;
  var gestured = false;   // a click or a key on this document
  var audio = null;
  var baseTitle = null;   // the page's own title, under the badge
  var shownTitle = null;  // what we last wrote

  window.addEventListener('focus', function () { focused = true; }, true);
  window.addEventListener('blur', function (event) { if (event.target === window) focused = false; }, true);

  // A click or a key reaches only a page that has the focus (a focus event need not come with it:
  // the canvas may have kept the focus while the window lost it).
  function gesture() {
    focused = true;
    gestured = true;
    allowAudio();
  }

  function allowAudio() {
    if (!enabled) return;
    var Context = window.AudioContext || window.webkitAudioContext;
    try {
      if (!audio && Context) audio = new Context();
      if (audio && audio.state === 'suspended') audio.resume().catch(function () {});
    } catch (e) { /* no audio here: the badge still works */ }
  }
  ['pointerdown', 'keydown', 'touchend'].forEach(function (type) { window.addEventListener(type, gesture, true); });

  return {
    looking: function () { return focused && document.visibilityState !== 'hidden'; },
    hidden: function () { return document.visibilityState === 'hidden'; },
    setEnabled: function (on) {
      enabled = !!on;
      // Turned on by a click or a key on this document (the frame that reads it comes after the
      // gesture's handler): the context may run now. Not navigator.userActivation: Chromium
      // carries activation over a reload, and the rule here is a gesture on this document.
      if (enabled && gestured) allowAudio();
    },
    // prefix: "" or "(N) ". The page may change its own title meanwhile: that becomes the base.
    badge: function (prefix) {
      if (baseTitle === null || document.title !== shownTitle) baseTitle = document.title;
      var next = prefix + baseTitle;
      if (document.title !== next) document.title = next;
      shownTitle = next;
    },
    // Two soft notes, 180 ms in all; nothing when the context is not running yet.
    tone: function () {
      if (!audio || audio.state !== 'running') return false;
      var start = audio.currentTime;
      var gain = audio.createGain();
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
      var oscillator = audio.createOscillator();
      oscillator.type = 'sine';
      oscillator.frequency.setValueAtTime(880, start);
      oscillator.frequency.setValueAtTime(1320, start + 0.08);
      oscillator.connect(gain);
      oscillator.start(start);
      oscillator.stop(start + 0.2);
      return true;
    },
    setting: function (key) {
      try { return window.localStorage.getItem(key) || ''; } catch (e) { return ''; }
    },
    setSetting: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* storage refused: kept for this visit */ }
    }
  };
}
