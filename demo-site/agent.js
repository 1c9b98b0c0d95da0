// Parley agent desk: the agent's side of the widget's transport, in another tab of the same
// origin. Written from wasm-glue/TRANSPORT.md alone: it shares nothing with the widget but the
// wire protocol (BroadcastChannel "parley", or ?channel=NAME).
//
// Everything the visitor sends is untrusted and shown with textContent only.
(function () {
  'use strict';

  var VERSION = 1;
  var ME = 'agent';
  var PEER = 'visitor';
  var MAX_BYTES = 65536;
  var MAX_ID = 256;
  var MAX_TEXT_BYTES = 4000;
  var MAX_CONVERSATIONS = 200;
  var MAX_TRANSCRIPT = 1000;
  var MAX_SEEN = 1000;
  var FIRST_DELAY = 1000;
  var MAX_DELAY = 30000;
  var STORE_KEY = 'parley-desk';

  var params = new URLSearchParams(location.search);
  var channelName = params.get('channel') || 'parley';
  var deskId = Math.random().toString(36).slice(2, 8);
  var seq = 0;

  // agent.html?parley-console: the QA console plays the agent instead (desk-only, drawn by Dear
  // ImGui over this page). This page's own desk then stays off: one agent side per channel.
  if (params.has('parley-console')) {
    var consoleScript = document.createElement('script');
    consoleScript.src = '/parley/parley-console.js';
    consoleScript.setAttribute('data-parley-console', 'desk');
    consoleScript.setAttribute('data-channel', channelName);
    if (params.get('relay')) consoleScript.setAttribute('data-relay', params.get('relay'));  // parley-relay's /agent URL; the token is typed in the console
    document.head.appendChild(consoleScript);
    document.querySelector('main.desk').hidden = true;
    document.querySelector('.desk-settings').hidden = true;
    document.getElementById('desk-status').textContent = 'The QA console plays the agent on channel \u201c' + channelName +
      '\u201d (its Agent desk tab). This page\u2019s own desk is off; open agent.html without ?parley-console for it.';
    return;
  }

  // ---- state ---------------------------------------------------------------------------------

  var state = {
    agentName: 'Alex',
    availability: { chat: true, video: false },
    videoSource: 'camera', // what the desk sends in a call: 'camera', 'pattern' (drawn), 'none'
    conversations: {},   // id -> conversation
    order: [],           // conversation ids, newest first
    selected: null,
    seen: [],            // visitor message ids already handled
    outbox: []           // [{body, posts, due}]
  };
  var counts = { received: 0, duplicates: 0, dropped: 0, ignored: 0 };
  var calls = {};        // callId -> createParleyAgentCall(...) (/parley/parley-agent-call.js): live media, never saved
  var VIDEO_SOURCES = ['camera', 'pattern', 'none'];
  var timer = null;

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function isId(value) {
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
  }

  function byteLength(text) {
    return new TextEncoder().encode(text).length;
  }

  function load() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null'); } catch (e) { saved = null; }
    if (!isObject(saved)) return;
    if (typeof saved.agentName === 'string') state.agentName = saved.agentName.slice(0, 100);
    if (VIDEO_SOURCES.indexOf(saved.videoSource) >= 0) state.videoSource = saved.videoSource;
    if (isObject(saved.availability)) {
      state.availability.chat = saved.availability.chat === true;
      state.availability.video = saved.availability.video === true;
    }
    if (isObject(saved.conversations) && Array.isArray(saved.order)) {
      saved.order.forEach(function (id) {
        var c = saved.conversations[id];
        if (isId(id) && isObject(c) && Array.isArray(c.transcript)) {
          state.conversations[id] = c;
          state.order.push(id);
        }
      });
    }
    if (isId(saved.selected) && state.conversations[saved.selected]) state.selected = saved.selected;
    if (Array.isArray(saved.seen)) state.seen = saved.seen.filter(isId).slice(-MAX_SEEN);
    if (Array.isArray(saved.outbox)) {
      state.outbox = saved.outbox.filter(function (e) { return isObject(e) && isObject(e.body) && isId(e.body.id); })
        .map(function (e) { return { body: e.body, posts: 0, due: 0 }; });
    }
  }

  function save() {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* not kept */ }
  }

  function newId() {
    seq += 1;
    return 'desk-' + deskId + '-' + seq;
  }

  // ---- wire ----------------------------------------------------------------------------------

  var channel = null;
  try { channel = new BroadcastChannel(channelName); } catch (e) { channel = null; }

  function post(envelope) {
    if (!channel) return;
    try { channel.postMessage(envelope); } catch (e) { counts.dropped += 1; }
  }

  function delayAfter(posts) {
    return Math.min(FIRST_DELAY * Math.pow(2, Math.max(posts - 1, 0)), MAX_DELAY);
  }

  function postEntry(entry, at) {
    post({ v: VERSION, kind: 'msg', from: ME, body: entry.body });
    entry.posts += 1;
    entry.due = at + delayAfter(entry.posts);
  }

  function arm() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!state.outbox.length) return;
    var due = Infinity;
    state.outbox.forEach(function (entry) { due = Math.min(due, entry.due); });
    timer = setTimeout(resend, Math.max(0, due - Date.now()));
  }

  function resend() {
    timer = null;
    var at = Date.now();
    state.outbox.forEach(function (entry) { if (entry.due <= at) postEntry(entry, at); });
    arm();
  }

  // A visitor spoke: what has waited through a long backoff goes again now.
  function peerAlive() {
    var at = Date.now();
    var any = false;
    state.outbox.forEach(function (entry) {
      if (entry.posts >= 2) {
        entry.posts = 0;
        postEntry(entry, at);
        any = true;
      }
    });
    if (any) arm();
  }

  // A conversation message: kept until a visitor acknowledges it.
  function sendReliable(body) {
    body.id = newId();
    var entry = { body: body, posts: 0, due: 0 };
    state.outbox.push(entry);
    postEntry(entry, Date.now());
    arm();
    return body.id;
  }

  // State (availability): fire-and-forget, every visitor page asks for it with visitor.hello.
  function sendState(body) {
    body.id = newId();
    post({ v: VERSION, kind: 'msg', from: ME, body: body });
  }

  function sendAvailability() {
    sendState({ type: 'availability', chat: state.availability.chat, video: state.availability.video });
  }

  function acknowledged(id) {
    var before = state.outbox.length;
    state.outbox = state.outbox.filter(function (entry) { return entry.body.id !== id; });
    if (state.outbox.length === before) return;
    arm();
    state.order.forEach(function (cid) {
      state.conversations[cid].transcript.forEach(function (line) {
        if (line.id === id) line.delivered = true;
      });
    });
    save();
    render();
  }

  function receive(event) {
    var data = event && event.data;
    if (!isObject(data) || data.v !== VERSION || (data.from !== ME && data.from !== PEER)) {
      counts.dropped += 1;
      renderStatus();
      return;
    }
    if (data.from === ME) return;
    if (data.kind === 'ack') {
      if (!isId(data.id)) { counts.dropped += 1; renderStatus(); return; }
      acknowledged(data.id);
      peerAlive();
      return;
    }
    var body = null;
    if (data.kind === 'msg') {
      try {
        var text = JSON.stringify(data);
        if (text.length <= MAX_BYTES) body = JSON.parse(text).body;
      } catch (e) { body = null; }
    }
    if (!isObject(body) || typeof body.type !== 'string' || !body.type || body.type.length > MAX_ID || !isId(body.id) ||
        (body.conversationId !== undefined && !isId(body.conversationId))) {
      counts.dropped += 1;
      renderStatus();
      return;
    }
    peerAlive();
    if (state.seen.indexOf(body.id) < 0) {
      state.seen.push(body.id);
      if (state.seen.length > MAX_SEEN) state.seen.splice(0, state.seen.length - MAX_SEEN);
      counts.received += 1;
      handle(body);
      save();
      render();
    } else {
      counts.duplicates += 1;
      renderStatus();
    }
    post({ v: VERSION, kind: 'ack', from: ME, id: body.id });
  }

  if (channel) channel.onmessage = receive;

  // ---- conversations -------------------------------------------------------------------------

  function conversationFor(id, create) {
    var c = state.conversations[id];
    if (c || !create) return c || null;
    c = {
      id: id, channel: 'chat', context: {}, prechat: [], locale: '', url: '',
      startedAt: Date.now(), status: 'waiting', transcript: [], rating: null, unread: 0
    };
    state.conversations[id] = c;
    state.order.unshift(id);
    while (state.order.length > MAX_CONVERSATIONS) delete state.conversations[state.order.pop()];
    return c;
  }

  function addLine(c, from, text, id) {
    c.transcript.push({ id: id || newId(), from: from, text: text, at: Date.now(), delivered: from !== 'agent' && from !== 'agent-system' });
    if (c.transcript.length > MAX_TRANSCRIPT) c.transcript.splice(0, c.transcript.length - MAX_TRANSCRIPT);
    if (from === 'visitor' && state.selected !== c.id) c.unread = (c.unread || 0) + 1;
  }

  function cleanContext(value) {
    var out = {};
    if (!isObject(value)) return out;
    Object.keys(value).slice(0, 100).forEach(function (key) {
      var entry = value[key];
      if (isObject(entry) && ['string', 'number', 'boolean'].indexOf(typeof entry.value) >= 0) {
        out[key] = { value: entry.value, isDisplayable: entry.isDisplayable !== false };
      }
    });
    return out;
  }

  function cleanPrechat(value) {
    if (!Array.isArray(value)) return [];
    return value.filter(isObject).slice(0, 100).map(function (answer) {
      return {
        id: String(answer.id === undefined ? '' : answer.id),
        label: typeof answer.label === 'string' ? answer.label : String(answer.id === undefined ? '' : answer.id),
        value: display(answer.value)
      };
    });
  }

  function display(value) {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map(display).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function validText(text) {
    return typeof text === 'string' && text.length > 0;
  }

  function handle(m) {
    var c;
    switch (m.type) {
      case 'visitor.hello':
        sendAvailability();
        return;
      case 'conversation.start':
        if (!isId(m.conversationId)) break;
        c = conversationFor(m.conversationId, true);
        c.channel = m.channel === 'video' ? 'video' : 'chat';
        c.context = cleanContext(m.context);
        c.prechat = cleanPrechat(m.prechat);
        c.locale = typeof m.locale === 'string' ? m.locale : '';
        c.url = typeof m.url === 'string' ? m.url : '';
        if (c.channel === 'video' && isId(m.callId)) c.call = newCall(m.callId, 'requested', m.camera);
        addLine(c, 'system', 'The visitor started a ' + c.channel + ' conversation.');
        announce('New ' + c.channel + ' conversation waiting.');
        if (!state.selected) state.selected = c.id;
        return;
      case 'visitor.message':
        if (!isId(m.conversationId) || !validText(m.text)) break;
        c = conversationFor(m.conversationId, true);
        addLine(c, 'visitor', m.text, m.id);
        if (state.selected !== c.id) announce('New message from a visitor.');
        return;
      case 'visitor.ended':
        if (!isId(m.conversationId)) break;
        c = conversationFor(m.conversationId, true);
        c.status = 'visitor-ended';
        closeCall(c, 'The call ended with the conversation.');
        addLine(c, 'system', 'The visitor ended the conversation.');
        announce('A visitor ended their conversation.');
        return;
      case 'rating':
        if (!isId(m.conversationId) || typeof m.score !== 'number') break;
        c = conversationFor(m.conversationId, true);
        c.rating = Math.max(1, Math.min(5, Math.round(m.score)));
        addLine(c, 'system', 'The visitor rated the conversation ' + c.rating + ' out of 5.');
        announce('Rating received: ' + c.rating + ' out of 5.');
        return;
      default:
        if (handleCallMessage(m)) return;
        break;
    }
    counts.ignored += 1;   // unknown type or bad fields: acknowledged, not shown
  }

  // ---- video calls (TRANSPORT.md, "Video") ----------------------------------------------------
  //
  // c.call: {id, mode (the visitor's camera mode), state, agentIn, visitor: {camera, microphone,
  // permission}, ended}. state: 'requested' (a video conversation waits for an agent), 'invited'
  // (our invitation waits for the visitor), 'accepted' (the visitor said yes), 'ended'.

  function newCall(id, callState, mode) {
    return { id: id, mode: typeof mode === 'string' ? mode : '', state: callState, agentIn: false, visitor: {}, ended: '' };
  }

  var VISITOR_ENDED = {
    hangUp: 'The visitor ended the video call.',
    reload: 'The visitor\u2019s page reloaded: the call ended.',
    error: 'The call ended: the visitor\u2019s camera, microphone or connection failed.',
    chatEnded: 'The call ended with the conversation.'
  };
  var MEDIA_FIELDS = { camera: ['on', 'off', 'none'], microphone: ['on', 'muted'],
    permission: ['pending', 'granted', 'denied', 'no_device', 'busy', 'timeout', 'failed'] };

  // Messages of a call we know, for its current callId; anything else is ignored.
  function handleCallMessage(m) {
    if (!/^(video|webrtc)\./.test(m.type) || !isId(m.conversationId)) return false;
    var c = conversationFor(m.conversationId, false);
    var call = c && c.call;
    if (!call || call.id !== m.callId || call.state === 'ended') return false;
    var live = calls[call.id];
    switch (m.type) {
      case 'video.accept':
        if (call.state !== 'invited') return false;
        call.state = 'accepted';
        addLine(c, 'system', call.agentIn ? 'The visitor accepted the video call.' : 'The visitor accepted the video call: join it.');
        announce('The visitor accepted the video call.');
        return true;
      case 'video.decline':
        closeCall(c, 'The visitor declined the video call.');
        return true;
      case 'video.media':
        Object.keys(MEDIA_FIELDS).forEach(function (key) {
          if (MEDIA_FIELDS[key].indexOf(m[key]) >= 0) call.visitor[key] = m[key];
        });
        return true;
      case 'video.ended':
        closeCall(c, VISITOR_ENDED[m.reason] || VISITOR_ENDED.hangUp);
        return true;
      case 'webrtc.offer':
        if (!live || typeof m.sdp !== 'string') return false;
        live.offer(m.sdp);
        return true;
      case 'webrtc.candidate':
        if (!live || (m.candidate !== null && !isObject(m.candidate))) return false;
        live.candidate(m.candidate);
        return true;
      default:
        return false;
    }
  }

  function callSignal(c, call) {
    return function (type, fields) {
      var body = { type: type, conversationId: c.id, callId: call.id };
      Object.keys(fields).forEach(function (key) { body[key] = fields[key]; });
      sendReliable(body);
      save();
    };
  }

  // The agent is in the call: its media starts, and the visitor's offer will be answered.
  function joinCall(c) {
    var call = c.call;
    call.agentIn = true;
    if (call.state === 'requested') call.state = 'accepted';   // the visitor asked for this call
    calls[call.id] = createParleyAgentCall({ video: state.videoSource, signal: callSignal(c, call), onChange: renderCall });
    var id = sendReliable({ type: 'video.join', conversationId: c.id, callId: call.id });
    addLine(c, 'agent-system', 'You joined the video call.', id);
  }

  function closeCall(c, text, message) {
    var call = c.call;
    if (!call || call.state === 'ended') return;
    var id = message ? sendReliable(message) : undefined;
    call.state = 'ended';
    call.ended = text;
    if (calls[call.id]) calls[call.id].close();
    delete calls[call.id];
    addLine(c, message ? 'agent-system' : 'system', text, id);
  }

  // ---- agent actions -------------------------------------------------------------------------

  function selected() {
    return state.selected ? state.conversations[state.selected] || null : null;
  }

  function accept() {
    var c = selected();
    if (!c || (c.status !== 'waiting' && c.status !== 'queued')) return;
    var name = state.agentName.trim() || 'Agent';
    var id = sendReliable({ type: 'agent.joined', conversationId: c.id, agentName: name });
    c.status = 'active';
    c.agentName = name;
    addLine(c, 'agent-system', name + ' joined the conversation.', id);
    if (c.call && c.call.state === 'requested') joinCall(c);
    save();
    render();
    replyInput.focus();
  }

  function queue() {
    var c = selected();
    if (!c || c.status !== 'waiting') return;
    // Video never queues: the visitor's widget ends the call and waits as a chat.
    closeCall(c, 'Queued: video never waits, the conversation goes on as a chat.');
    var id = sendReliable({ type: 'conversation.queued', conversationId: c.id });
    c.status = 'queued';
    addLine(c, 'agent-system', 'The visitor was told they are in the queue.', id);
    save();
    render();
  }

  function end() {
    var c = selected();
    if (!c || c.status === 'ended' || c.status === 'visitor-ended') return;
    closeCall(c, 'The call ended with the conversation.');
    var id = sendReliable({ type: 'agent.ended', conversationId: c.id });
    c.status = 'ended';
    addLine(c, 'agent-system', 'You ended the conversation.', id);
    save();
    render();
  }

  function reply(event) {
    if (event) event.preventDefault();
    var c = selected();
    var text = replyInput.value;
    if (!c || c.status !== 'active' || !text.trim()) return;
    if (byteLength(text) > MAX_TEXT_BYTES) {
      announce('The reply is too long: at most 4000 bytes.');
      return;
    }
    var id = sendReliable({ type: 'agent.message', conversationId: c.id, text: text });
    addLine(c, 'agent', text, id);
    replyInput.value = '';
    save();
    render();
    replyInput.focus();
  }

  function inviteToVideo() {
    var c = selected();
    if (!c || c.status !== 'active' || (c.call && c.call.state !== 'ended')) return;
    c.call = newCall(newId(), 'invited', '');
    var id = sendReliable({ type: 'video.invite', conversationId: c.id, callId: c.call.id });
    addLine(c, 'agent-system', 'You invited the visitor to a video call.', id);
    save();
    render();
  }

  function joinVideo() {
    var c = selected();
    if (!c || !c.call || c.call.agentIn || (c.call.state !== 'invited' && c.call.state !== 'accepted')) return;
    joinCall(c);
    save();
    render();
  }

  function cancelVideo() {
    var c = selected();
    if (!c || !c.call || c.call.state !== 'invited') return;
    closeCall(c, 'You withdrew the video invitation.', { type: 'video.cancel', conversationId: c.id, callId: c.call.id });
    save();
    render();
  }

  function hangUpVideo() {
    var c = selected();
    if (!c || !c.call || c.call.state === 'ended' || !c.call.agentIn) return;
    closeCall(c, 'You ended the video call.', { type: 'video.ended', conversationId: c.id, callId: c.call.id, reason: 'hangUp' });
    save();
    render();
  }

  // ---- rendering (textContent only) ----------------------------------------------------------

  var $ = function (id) { return document.getElementById(id); };
  var nameInput = $('agent-name');
  var chatToggle = $('available-chat');
  var videoToggle = $('available-video');
  var videoSource = $('video-source');
  var statusLine = $('desk-status');
  var list = $('conversation-list');
  var emptyNote = $('conversations-empty');
  var detail = $('detail');
  var replyInput = $('reply-input');
  var announcer = $('announcer');

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce(text) {
    announcer.textContent = '';
    // A fresh text node so that the same message twice is announced twice.
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  var STATUS_TEXT = {
    waiting: 'Waiting for an agent',
    queued: 'Queued',
    active: 'Active',
    'visitor-ended': 'Ended by the visitor',
    ended: 'Ended'
  };

  function shortId(id) {
    return id.length > 12 ? id.slice(0, 12) + '\u2026' : id;
  }

  function renderStatus() {
    var pending = state.outbox.length;
    statusLine.textContent = (channel ? 'Channel \u201c' + channelName + '\u201d' : 'No BroadcastChannel in this browser') +
      ' \u00b7 ' + counts.received + ' received \u00b7 ' + pending + ' awaiting delivery' +
      (counts.dropped ? ' \u00b7 ' + counts.dropped + ' malformed dropped' : '');
  }

  function renderList() {
    var focusedId = document.activeElement && document.activeElement.getAttribute('data-conversation-id');
    list.textContent = '';
    emptyNote.hidden = state.order.length > 0;
    state.order.forEach(function (id) {
      var c = state.conversations[id];
      var li = el('li');
      var button = el('button', 'conversation-button');
      button.type = 'button';
      button.setAttribute('data-testid', 'conversation-item');
      button.setAttribute('data-conversation-id', id);
      button.setAttribute('data-status', c.status);
      if (id === state.selected) button.setAttribute('aria-current', 'true');
      var line1 = el('span', 'line1', (c.channel === 'video' ? 'Video' : 'Chat') + ' ' + shortId(id));
      var line2 = el('span', 'line2', STATUS_TEXT[c.status] || c.status);
      button.appendChild(line1);
      button.appendChild(line2);
      if (c.unread) {
        var badge = el('span', 'badge', String(c.unread));
        badge.setAttribute('aria-label', c.unread + ' unread');
        line1.appendChild(document.createTextNode(' '));
        line1.appendChild(badge);
      }
      button.addEventListener('click', function () { select(id); });
      li.appendChild(button);
      list.appendChild(li);
      if (focusedId === id) button.focus();
    });
  }

  function fillList(dl, pairs) {
    dl.textContent = '';
    pairs.forEach(function (pair) {
      dl.appendChild(el('dt', '', pair[0]));
      var dd = el('dd', '', pair[1]);
      dl.appendChild(dd);
    });
  }

  var shownConversation = null;
  var shownLines = 0;

  function renderTranscript(c) {
    var log = $('transcript');
    if (shownConversation !== c.id || shownLines > c.transcript.length) {
      log.textContent = '';
      shownConversation = c.id;
      shownLines = 0;
    }
    // Delivery marks change in place; new lines are appended (the log announces only those).
    var items = log.children;
    for (var i = 0; i < shownLines; ++i) setDelivery(items[i], c.transcript[i]);
    for (; shownLines < c.transcript.length; ++shownLines) {
      var line = c.transcript[shownLines];
      var from = line.from === 'agent-system' ? 'system' : line.from;
      var li = el('div', 'line from-' + from);
      li.setAttribute('data-testid', 'transcript-line');
      li.setAttribute('data-from', from);
      if (from !== 'system') li.appendChild(el('span', 'who', from === 'visitor' ? 'Visitor' : (c.agentName || 'You')));
      li.appendChild(el('span', 'text', line.text));
      setDelivery(li, line);
      log.appendChild(li);
    }
    log.scrollTop = log.scrollHeight;
  }

  function setDelivery(li, line) {
    if (!li || line.from === 'visitor' || line.from === 'system') return;
    var mark = li.querySelector('.delivery');
    if (!mark) {
      mark = el('span', 'delivery');
      li.appendChild(mark);
    }
    mark.textContent = line.delivered ? 'Delivered' : 'Sending\u2026';
    li.setAttribute('data-delivered', line.delivered ? 'true' : 'false');
  }

  function renderDetail() {
    var c = selected();
    detail.hidden = !c;
    if (!c) return;
    $('detail-title').textContent = (c.channel === 'video' ? 'Video' : 'Chat') + ' conversation ' + shortId(c.id);
    var status = $('conversation-status');
    status.textContent = STATUS_TEXT[c.status] || c.status;
    status.setAttribute('data-status', c.status);

    var about = [['Conversation', c.id], ['Channel', c.channel]];
    if (c.locale) about.push(['Language', c.locale]);
    if (c.url) about.push(['Page', c.url]);
    if (c.agentName) about.push(['Agent', c.agentName]);
    fillList($('about'), about);

    var shown = [];
    var hidden = 0;
    Object.keys(c.context || {}).forEach(function (key) {
      var entry = c.context[key];
      if (entry.isDisplayable) shown.push([key, display(entry.value)]);
      else hidden += 1;
    });
    fillList($('context'), shown.length ? shown : [['\u2014', 'No context']]);
    var hiddenNote = $('context-hidden');
    hiddenNote.hidden = hidden === 0;
    hiddenNote.textContent = hidden === 1 ? '1 entry is not displayable.' : hidden + ' entries are not displayable.';

    fillList($('prechat'), c.prechat && c.prechat.length
      ? c.prechat.map(function (a) { return [a.label || a.id, a.value]; })
      : [['\u2014', 'No survey answers']]);

    $('rating').textContent = c.rating ? c.rating + ' out of 5' : 'Not rated yet.';

    renderCall();
    $('accept').disabled = !(c.status === 'waiting' || c.status === 'queued');
    $('queue').disabled = c.status !== 'waiting';
    $('end').disabled = c.status === 'ended' || c.status === 'visitor-ended';
    var canReply = c.status === 'active';
    replyInput.disabled = !canReply;
    $('reply-send').disabled = !canReply;
    replyInput.placeholder = canReply ? '' : (c.status === 'waiting' || c.status === 'queued'
      ? 'Accept the conversation to reply' : 'The conversation has ended');
    renderTranscript(c);
  }

  var MEDIA_TEXT = {
    on: 'On', off: 'Off', none: 'None (one-way video)', muted: 'Muted', pending: 'Asking the browser\u2026',
    granted: 'Granted', denied: 'Denied by the visitor or the browser', no_device: 'No device found',
    busy: 'Device busy', timeout: 'Prompt not answered', failed: 'Failed'
  };
  var MODE_TEXT = { classic: 'Classic', one_way: 'One-way (no visitor camera)', off_by_default: 'Camera off by default' };
  var CONNECTION_TEXT = { new: 'Waiting for the visitor\u2019s media\u2026', connecting: 'Connecting\u2026',
    connected: 'Connected', disconnected: 'Connection interrupted\u2026', failed: 'Connection failed', closed: 'Ended' };

  function callStatus(call, live) {
    if (call.state === 'ended') return call.ended;
    if (call.state === 'requested') return 'The visitor asks for a video call: accept the conversation to join.';
    if (call.state === 'invited') return call.agentIn ? 'You are in the call; waiting for the visitor to accept.' : 'Invitation sent; waiting for the visitor.';
    if (!call.agentIn) return 'The visitor accepted: join the call.';
    return live ? CONNECTION_TEXT[live.connection()] || live.connection() : '';
  }

  function showStream(video, stream) {
    if (video.srcObject !== stream) video.srcObject = stream;
    video.hidden = !stream;
  }

  // The selected conversation's call: status, the visitor's devices, both videos, the buttons.
  function renderCall() {
    var c = selected();
    var call = c && c.call;
    var live = call && calls[call.id];
    var box = $('call');
    var canInvite = !!c && c.status === 'active' && (!call || call.state === 'ended');
    box.hidden = !call && !canInvite;
    $('video-invite').hidden = !canInvite;
    $('video-join').hidden = !call || call.agentIn || (call.state !== 'invited' && call.state !== 'accepted');
    $('video-cancel').hidden = !call || call.state !== 'invited';
    $('video-hangup').hidden = !call || call.state === 'ended' || !call.agentIn;
    var status = $('call-status');
    status.textContent = call ? callStatus(call, live) : 'No video call.';
    status.setAttribute('data-connection', live ? live.connection() : 'none');
    var problem = $('call-problem');
    problem.textContent = live ? live.problem() : '';
    problem.hidden = !problem.textContent;
    var visitor = call ? call.visitor : {};
    fillList($('visitor-media'), [
      ['Camera mode', MODE_TEXT[call && call.mode] || 'Not told yet'],
      ['Camera', MEDIA_TEXT[visitor.camera] || '\u2014'],
      ['Microphone', MEDIA_TEXT[visitor.microphone] || '\u2014'],
      ['Permission', MEDIA_TEXT[visitor.permission] || '\u2014']
    ]);
    $('visitor-media').hidden = !call || call.state === 'ended';
    showStream($('remote-video'), live ? live.remote : null);
    showStream($('local-video'), live ? live.local : null);
  }

  function render() {
    renderList();
    renderDetail();
    renderStatus();
  }

  function select(id) {
    var c = state.conversations[id];
    if (!c) return;
    state.selected = id;
    c.unread = 0;
    save();
    render();
  }

  // ---- controls ------------------------------------------------------------------------------

  $('accept').addEventListener('click', accept);
  $('video-invite').addEventListener('click', inviteToVideo);
  $('video-join').addEventListener('click', joinVideo);
  $('video-cancel').addEventListener('click', cancelVideo);
  $('video-hangup').addEventListener('click', hangUpVideo);
  videoSource.addEventListener('change', function () {
    state.videoSource = VIDEO_SOURCES.indexOf(videoSource.value) >= 0 ? videoSource.value : 'camera';
    save();
  });
  $('queue').addEventListener('click', queue);
  $('end').addEventListener('click', end);
  $('reply-form').addEventListener('submit', reply);
  replyInput.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) reply(event);
  });
  document.querySelector('.desk-settings').addEventListener('submit', function (event) { event.preventDefault(); });
  nameInput.addEventListener('input', function () {
    state.agentName = nameInput.value.slice(0, 100);
    save();
  });
  function onToggle() {
    state.availability.chat = chatToggle.checked;
    state.availability.video = videoToggle.checked;
    save();
    sendAvailability();
    announce('Availability: chat ' + (chatToggle.checked ? 'on' : 'off') + ', video ' + (videoToggle.checked ? 'on' : 'off') + '.');
  }
  chatToggle.addEventListener('change', onToggle);
  videoToggle.addEventListener('change', onToggle);

  // ---- start ---------------------------------------------------------------------------------

  load();
  if (VIDEO_SOURCES.indexOf(params.get('video')) >= 0) state.videoSource = params.get('video');
  // A call cannot outlive the page that held its media: the visitor is told.
  state.order.forEach(function (id) {
    var c = state.conversations[id];
    if (c.call && c.call.state !== 'ended') {
      closeCall(c, 'The video call ended when the desk reloaded.',
        { type: 'video.ended', conversationId: c.id, callId: c.call.id, reason: 'reload' });
    }
  });
  save();
  videoSource.value = state.videoSource;
  nameInput.value = state.agentName;
  chatToggle.checked = state.availability.chat;
  videoToggle.checked = state.availability.video;
  render();
  // Tell open visitor pages we are here (and what is available), and deliver what a previous
  // load of the desk left unacknowledged.
  sendAvailability();
  var startAt = Date.now();
  state.outbox.forEach(function (entry) { postEntry(entry, startAt); });
  arm();

  // For tests and the curious: a read-only look at the desk.
  window.parleyDesk = {
    stats: function () {
      return { received: counts.received, duplicates: counts.duplicates, dropped: counts.dropped,
        ignored: counts.ignored, outbox: state.outbox.length, conversations: state.order.length };
    }
  };
})();
