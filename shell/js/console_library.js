// What the console's C++ asks of the browser (linked with --js-library; declared in
// shell/app/host.cpp). Module.parleyHost is the host object console_mount.js passes in: the
// page's hook (or none in desk-only mode), the overlay and the desk's channel. Strings come in
// as UTF-8 pointers (borrowed) and go out malloc'd (the C++ side frees them).
mergeInto(LibraryManager.library, {
  $parleyConsoleText__deps: ['malloc'],
  $parleyConsoleText: function (text) {
    var size = lengthBytesUTF8(text) + 1;
    var pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    return pointer;
  },

  parley_host_has_page: function () { return Module['parleyHost'].hook ? 1 : 0; },

  parley_host_snapshot__deps: ['$parleyConsoleText'],
  parley_host_snapshot: function (since) {
    var hook = Module['parleyHost'].hook;
    return parleyConsoleText(hook ? hook.snapshot(since) : '{}');
  },

  parley_host_dispatch__deps: ['$parleyConsoleText'],
  parley_host_dispatch: function (event) {
    var hook = Module['parleyHost'].hook;
    return parleyConsoleText(hook ? hook.dispatch(UTF8ToString(event)) : '[]');
  },

  parley_host_configure__deps: ['$parleyConsoleText'],
  parley_host_configure: function (text) {
    var hook = Module['parleyHost'].hook;
    return parleyConsoleText(hook ? hook.configure(UTF8ToString(text)) : '[]');
  },

  parley_host_advance_clock: function (ms) {
    var hook = Module['parleyHost'].hook;
    if (hook) hook.advance(ms);
  },

  parley_host_close: function () { Module['parleyHost'].close(); },
  parley_host_viewport_width: function () { return Module['parleyHost'].width(); },
  parley_host_viewport_height: function () { return Module['parleyHost'].height(); },
  parley_host_now: function () { return Date.now(); },

  // HiDPI: the canvas's backing store in device pixels, its CSS box in CSS pixels (Emscripten
  // 3.1.6's GLFW knows neither devicePixelRatio nor content scale; main.cpp does the rest).
  parley_host_pixel_ratio: function () { return window.devicePixelRatio > 0 ? window.devicePixelRatio : 1; },
  parley_host_fit_canvas: function (cssWidth, cssHeight, width, height) {
    var canvas = Module['canvas'];
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    if (canvas.style.width !== cssWidth + 'px') canvas.style.setProperty('width', cssWidth + 'px', 'important');
    if (canvas.style.height !== cssHeight + 'px') canvas.style.setProperty('height', cssHeight + 'px', 'important');
  },

  // The desk's alerts (shell/js/console_alerts.js) and the console's remembered settings.
  parley_host_looking: function () { return Module['parleyHost'].alerts.looking() ? 1 : 0; },
  parley_host_page_hidden: function () { return Module['parleyHost'].alerts.hidden() ? 1 : 0; },
  parley_host_alerts_enabled: function (on) { Module['parleyHost'].alerts.setEnabled(!!on); },
  parley_host_title_badge: function (prefix) { Module['parleyHost'].alerts.badge(UTF8ToString(prefix)); },
  parley_host_tone: function () { return Module['parleyHost'].alerts.tone() ? 1 : 0; },
  parley_host_setting__deps: ['$parleyConsoleText'],
  parley_host_setting: function (key) { return parleyConsoleText(Module['parleyHost'].alerts.setting(UTF8ToString(key))); },
  parley_host_set_setting: function (key, value) {
    Module['parleyHost'].alerts.setSetting(UTF8ToString(key), UTF8ToString(value));
  },
  parley_host_report: function (message) { Module['parleyHost'].report(UTF8ToString(message)); },

  // Emscripten's GLFW listens for keys on window (capture phase) and cancels Backspace and Tab:
  // over a page, that would eat the page's own typing. Keys go to the canvas only (it takes focus
  // when clicked); arrows and page keys stay in the canvas instead of scrolling the page.
  parley_host_scope_keyboard__deps: ['$GLFW'],
  parley_host_scope_keyboard: function () {
    var canvas = Module['canvas'];
    [['keydown', GLFW.onKeydown], ['keypress', GLFW.onKeyPress], ['keyup', GLFW.onKeyup]].forEach(function (pair) {
      window.removeEventListener(pair[0], pair[1], true);
      canvas.addEventListener(pair[0], pair[1], true);
    });
    canvas.addEventListener('keydown', function (event) {
      if (event.keyCode >= 33 && event.keyCode <= 40) event.preventDefault();
      // Ctrl/Cmd+A, Z, Y edit the console's text (not select the page); C, X, V keep their
      // browser default, which fires the copy and paste events the console's clipboard uses.
      if ((event.ctrlKey || event.metaKey) && [65, 89, 90].indexOf(event.keyCode) >= 0) event.preventDefault();
    });
    // Characters typed into the console are its own: Space must not scroll the page. GLFW's
    // capture listener has read the character already.
    canvas.addEventListener('keypress', function (event) { event.preventDefault(); });
    canvas.addEventListener('paste', function (event) {
      Module['parleyHost'].clipboard = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      event.preventDefault();
    });
  },

  // Dear ImGui's clipboard (Emscripten 3.1.6's GLFW has none): what the page pasted into the
  // canvas, and what the console copies goes to the system clipboard when the browser allows it.
  parley_host_clipboard_get__deps: ['$parleyConsoleText'],
  parley_host_clipboard_get: function () { return parleyConsoleText(Module['parleyHost'].clipboard || ''); },
  parley_host_clipboard_set: function (text) {
    var value = UTF8ToString(text);
    Module['parleyHost'].clipboard = value;
    try { navigator.clipboard.writeText(value).catch(function () {}); } catch (e) { /* not allowed here */ }
  },

  parley_host_desk_open: function (channel) { return Module['parleyHost'].desk.open(UTF8ToString(channel)) ? 1 : 0; },
  parley_host_desk_close: function () { Module['parleyHost'].desk.close(); },
  parley_host_desk_post: function (envelope) { Module['parleyHost'].desk.post(UTF8ToString(envelope)); },
  parley_host_desk_take__deps: ['$parleyConsoleText'],
  parley_host_desk_take: function () { return parleyConsoleText(Module['parleyHost'].desk.take()); },
  parley_host_desk_channel_hint__deps: ['$parleyConsoleText'],
  parley_host_desk_channel_hint: function () { return parleyConsoleText(Module['parleyHost'].deskChannel || ''); },

  // The desk's WebSocket to parley-relay (shell/js/desk_socket.js). The token never comes this
  // way: it travels inside the model's `hello` frame, posted like any other.
  parley_host_relay_open: function (url) { return Module['parleyHost'].relay.open(UTF8ToString(url)) ? 1 : 0; },
  parley_host_relay_close: function () { Module['parleyHost'].relay.close(); },
  parley_host_relay_post: function (envelope) { Module['parleyHost'].relay.post(UTF8ToString(envelope)); },
  parley_host_relay_take__deps: ['$parleyConsoleText'],
  parley_host_relay_take: function () { return parleyConsoleText(Module['parleyHost'].relay.take()); },
  parley_host_desk_relay_hint__deps: ['$parleyConsoleText'],
  parley_host_desk_relay_hint: function () { return parleyConsoleText(Module['parleyHost'].deskRelay || ''); },
  // The reconnect jitter (console/reconnect_backoff.hpp).
  parley_host_random: function () { return Math.random(); },

  // The desk's call media (shell/js/desk_video.js).
  parley_host_call_start: function (id, source) { Module['parleyHost'].video.start(UTF8ToString(id), UTF8ToString(source)); },
  parley_host_call_offer: function (id, sdp) { Module['parleyHost'].video.offer(UTF8ToString(id), UTF8ToString(sdp)); },
  parley_host_call_candidate: function (id, init) {
    Module['parleyHost'].video.candidate(UTF8ToString(id), JSON.parse(UTF8ToString(init)));
  },
  parley_host_call_close: function (id) { Module['parleyHost'].video.close(UTF8ToString(id)); },
  parley_host_call_take_signals__deps: ['$parleyConsoleText'],
  parley_host_call_take_signals: function () { return parleyConsoleText(Module['parleyHost'].video.takeSignals()); },
  parley_host_call_show: function (id, caption) { Module['parleyHost'].video.show(UTF8ToString(id), UTF8ToString(caption)); },
  parley_host_call_status__deps: ['$parleyConsoleText'],
  parley_host_call_status: function (id) { return parleyConsoleText(Module['parleyHost'].video.status(UTF8ToString(id))); }
});
