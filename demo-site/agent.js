// Parley agent desk: the agent's side of the widget's transport. Written from
// wasm-glue/TRANSPORT.md and relay/RELAY.md alone: it shares nothing with the widget but the wire
// protocol. Two modes, one desk:
//
//   agent.html                           the zero-server mode: a BroadcastChannel ("parley", or
//                                        ?channel=NAME) with the visitor tabs of this browser; the
//                                        desk answers visitor.hello, accepts and queues by hand.
//   agent.html?relay=ws://HOST:PORT/agent  parley-relay routes a team: the desk signs in with a
//                                        token (kept in sessionStorage, never in the URL), is
//                                        assigned conversations, takes from the queue, transfers.
//
// The wire is desk/: reliable_link.js (outbox, acks, de-duplication) over broadcast_wire.js or
// websocket_wire.js. This file is the desk: conversations, calls, rendering, controls.
//
// Everything the visitor sends is untrusted and shown with textContent only.

import { createReliableLink, isObject, isId } from './desk/reliable_link.js';
import { createBroadcastWire } from './desk/broadcast_wire.js';
import { createWebSocketWire, parseRelayUrl } from './desk/websocket_wire.js';
import { createTypingSignal, createTypingWatch } from './desk/typing.js';
import { cleanQueue, cleanTeam, connectionText, mergeTeam, renderQueue, renderTeam, renderTransferOptions } from './desk/relay_panels.js';

const params = new URLSearchParams(location.search);
const channelName = params.get('channel') || 'parley';
const $ = (id) => document.getElementById(id);

if (params.has('parley-console')) startConsole();
else if (params.has('relay')) startDesk(parseRelayUrl(params.get('relay')), params.get('relay'));
else startDesk(null, null);

// agent.html?parley-console: the QA console plays the agent instead (desk-only, drawn by Dear
// ImGui over this page). This page's own desk then stays off: one agent side per channel.
function startConsole() {
  const consoleScript = document.createElement('script');
  consoleScript.src = '/parley/parley-console.js';
  consoleScript.setAttribute('data-parley-console', 'desk');
  consoleScript.setAttribute('data-channel', channelName);
  // parley-relay's /agent address; the token is typed in the console, never carried in the URL.
  const relay = params.get('relay');
  if (relay) consoleScript.setAttribute('data-relay', relay);
  document.head.appendChild(consoleScript);
  document.querySelector('main.desk').hidden = true;
  document.querySelector('.desk-settings').hidden = true;
  $('desk-status').textContent = (relay ? 'The QA console plays the agent on the relay \u201c' + relay + '\u201d'
    : 'The QA console plays the agent on channel \u201c' + channelName + '\u201d') +
    ' (its Agent desk tab). This page\u2019s own desk is off; open agent.html without ?parley-console for it.';
}

// relayUrl: the relay's /agent address, or null for the channel. asked: what ?relay= said.
function startDesk(relayUrl, asked) {
  const RELAY = relayUrl !== null;
  const MAX_TEXT_BYTES = 4000;
  const MAX_CONVERSATIONS = 200;
  const MAX_TRANSCRIPT = 1000;
  const STORE_KEY = RELAY ? 'parley-desk.relay:' + relayUrl : 'parley-desk';
  const TOKEN_KEY = 'parley-desk.token:' + relayUrl;
  const VIDEO_SOURCES = ['camera', 'pattern', 'none'];

  if (asked !== null && !RELAY) {
    // A mistyped relay address must not quietly become the channel: the agent would wait for nobody.
    document.querySelector('main.desk').hidden = true;
    document.querySelector('.desk-settings').hidden = true;
    $('desk-status').textContent = 'The relay address \u201c' + asked + '\u201d is not a ws:// or wss:// URL. ' +
      'Open agent.html?relay=ws://HOST:PORT/agent, or agent.html alone for this browser\u2019s channel.';
    return;
  }

  const deskId = Math.random().toString(36).slice(2, 8);
  let seq = 0;
  const newId = () => 'desk-' + deskId + '-' + (++seq);

  // ---- state ---------------------------------------------------------------------------------

  const state = {
    agentName: 'Alex',
    replyTime: '',         // shown in the visitor's header once this agent joins (empty: the site's)
    agentId: '',           // relay: who signed in (conversations of another agent are not kept)
    availability: { chat: true, video: false },
    videoSource: 'camera', // what the desk sends in a call: 'camera', 'pattern' (drawn), 'none'
    conversations: {},     // id -> conversation
    order: [],             // conversation ids, newest first
    selected: null,
    seen: [],              // ids already handled (reliable_link.js keeps them; saved here)
    outbox: [],            // bodies not yet acknowledged (likewise)
  };
  // Relay state messages: never saved, the relay sends them after every welcome.
  const relay = { queue: [], team: [], taking: new Set(), connection: { state: 'none', agent: null }, problem: '' };
  const counts = { ignored: 0 };
  const calls = {};        // callId -> createParleyAgentCall(...) (/parley/parley-agent-call.js): live media, never saved

  function byteLength(text) {
    return new TextEncoder().encode(text).length;
  }

  function load() {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null'); } catch (e) { saved = null; }
    if (!isObject(saved)) return;
    if (typeof saved.agentName === 'string') state.agentName = saved.agentName.slice(0, 100);
    if (typeof saved.replyTime === 'string') state.replyTime = saved.replyTime.slice(0, 200);
    if (typeof saved.agentId === 'string') state.agentId = saved.agentId;
    if (VIDEO_SOURCES.indexOf(saved.videoSource) >= 0) state.videoSource = saved.videoSource;
    if (isObject(saved.availability)) {
      state.availability.chat = saved.availability.chat === true;
      state.availability.video = saved.availability.video === true;
    }
    if (isObject(saved.conversations) && Array.isArray(saved.order)) {
      saved.order.forEach((id) => {
        const c = saved.conversations[id];
        if (isId(id) && isObject(c) && Array.isArray(c.transcript)) {
          state.conversations[id] = c;
          state.order.push(id);
        }
      });
    }
    if (isId(saved.selected) && state.conversations[saved.selected]) state.selected = saved.selected;
    if (Array.isArray(saved.seen)) state.seen = saved.seen.filter(isId);
    // Bodies; an older desk saved {body, posts, due}.
    if (Array.isArray(saved.outbox)) state.outbox = saved.outbox.map((e) => (isObject(e) && isObject(e.body) ? e.body : e)).filter(isObject);
  }

  function save() {
    state.seen = link.seen();
    state.outbox = link.pending();
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* not kept */ }
  }

  // ---- wire ----------------------------------------------------------------------------------

  load();
  let savedToken = '';
  if (RELAY) { try { savedToken = sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { savedToken = ''; } }
  const wire = RELAY ? createWebSocketWire({ url: relayUrl, token: savedToken }) : createBroadcastWire(channelName);
  const link = createReliableLink({
    wire, me: 'agent', peers: RELAY ? ['relay', 'visitor'] : ['visitor'], relayErrors: RELAY,
    newId, outbox: state.outbox, seen: state.seen,
  });
  // Typing and read (TRANSPORT.md §3, "Typing and read"): the same on the channel and the relay
  // (which passes typing on without storing it: RELAY.md §4).
  const visitorTyping = createTypingWatch({ changed: () => renderTyping() });
  let typingFor = null;   // the conversation the agent's "on" went to
  const agentTyping = createTypingSignal({
    send: (typingState) => {
      if (typingFor) link.post({ type: 'agent.typing', conversationId: typingFor, state: typingState });
    },
  });
  let malformed = 0;
  link.onDropped(() => { malformed += 1; renderStatus(); });
  if (wire.onTooBig) wire.onTooBig(() => { malformed += 1; renderStatus(); });
  link.onMessage((body) => {
    handle(body);
    markRead();
    save();
    render();
  });
  link.onSettled((id) => {
    markLine(id, (line) => { line.delivered = true; });
    save();
    render();
  });
  link.onRejected(onRelayError);

  function sendReliable(body) {
    return link.send(body);
  }

  // State (availability on the channel): fire-and-forget, every visitor page asks with visitor.hello.
  function sendAvailability() {
    if (RELAY) {
      // RELAY.md §5: agent.status is state, acknowledged after commit; a newer one replaces an older one in the outbox.
      link.send({ type: 'agent.status', chat: state.availability.chat, video: state.availability.video });
      save();
      return;
    }
    link.post({ type: 'availability', chat: state.availability.chat, video: state.availability.video });
  }

  function markLine(id, change) {
    state.order.forEach((cid) => {
      state.conversations[cid].transcript.forEach((line) => { if (line.id === id) change(line); });
    });
  }

  // RELAY.md §2: an error naming an id is final (the link dropped it from the outbox); the agent is told.
  function onRelayError(frame) {
    let what = 'The relay refused a message';
    if (frame.id) {
      markLine(frame.id, (line) => { line.refused = frame.code || 'refused'; line.delivered = false; });
      relay.taking.forEach((conversationId) => {
        if (takeIds[conversationId] === frame.id) relay.taking.delete(conversationId);
      });
    } else {
      what = 'The relay reported a problem';
    }
    relay.problem = what + ' (' + frame.code + '): ' + frame.message;
    announce(relay.problem);
    save();
    render();
  }

  // ---- conversations -------------------------------------------------------------------------

  function conversationFor(id, create) {
    let c = state.conversations[id];
    if (c || !create) return c || null;
    c = {
      id, channel: 'chat', context: {}, prechat: [], locale: '', url: '',
      startedAt: Date.now(), status: RELAY ? 'active' : 'waiting', transcript: [], rating: null, unread: 0,
    };
    state.conversations[id] = c;
    state.order.unshift(id);
    while (state.order.length > MAX_CONVERSATIONS) delete state.conversations[state.order.pop()];
    return c;
  }

  function addLine(c, from, text, id, extra) {
    const line = { id: id || newId(), from, text, at: Date.now(), delivered: from !== 'agent' && from !== 'agent-system' };
    if (extra) Object.assign(line, extra);
    c.transcript.push(line);
    if (c.transcript.length > MAX_TRANSCRIPT) c.transcript.splice(0, c.transcript.length - MAX_TRANSCRIPT);
    if (from === 'visitor' && state.selected !== c.id) c.unread = (c.unread || 0) + 1;
  }

  function cleanContext(value) {
    const out = {};
    if (!isObject(value)) return out;
    Object.keys(value).slice(0, 100).forEach((key) => {
      const entry = value[key];
      if (isObject(entry) && ['string', 'number', 'boolean'].indexOf(typeof entry.value) >= 0) {
        out[key] = { value: entry.value, isDisplayable: entry.isDisplayable !== false };
      }
    });
    return out;
  }

  function cleanPrechat(value) {
    if (!Array.isArray(value)) return [];
    return value.filter(isObject).slice(0, 100).map((answer) => ({
      id: String(answer.id === undefined ? '' : answer.id),
      label: typeof answer.label === 'string' ? answer.label : String(answer.id === undefined ? '' : answer.id),
      value: display(answer.value),
    }));
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

  // The conversation facts that conversation.start (channel) and conversation.assigned (relay) share.
  function takeFacts(c, m) {
    c.channel = m.channel === 'video' ? 'video' : 'chat';
    c.context = cleanContext(m.context);
    c.prechat = cleanPrechat(m.prechat);
    c.locale = typeof m.locale === 'string' ? m.locale : '';
    c.url = typeof m.url === 'string' ? m.url : '';
  }

  function handle(m) {
    if (RELAY && handleRelay(m)) return;
    let c;
    switch (m.type) {
      case 'visitor.hello':
        if (RELAY) break;   // the relay answers visitors itself
        sendAvailability();
        return;
      case 'conversation.start':
        if (RELAY || !isId(m.conversationId)) break;
        c = conversationFor(m.conversationId, true);
        takeFacts(c, m);
        if (c.channel === 'video' && isId(m.callId)) c.call = newCall(m.callId, 'requested', m.camera);
        addLine(c, 'system', 'The visitor started a ' + c.channel + ' conversation.');
        announce('New ' + c.channel + ' conversation waiting.');
        if (!state.selected) state.selected = c.id;
        return;
      case 'visitor.typing':
        if (!isId(m.conversationId)) break;
        visitorTyping.set(m.conversationId, m.state === 'on' ? 'on' : 'off');
        return;
      case 'visitor.message':
        if (!isId(m.conversationId) || !validText(m.text)) break;
        visitorTyping.set(m.conversationId, 'off');
        c = conversationFor(m.conversationId, true);
        if (hasLine(c, m.id)) return;   // already in a transcript the relay sent with an assignment
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

  function hasLine(c, id) {
    return c.transcript.some((line) => line.id === id);
  }

  // ---- the relay's messages (RELAY.md §5) ---------------------------------------------------

  const ASSIGNED_TEXT = {
    new: 'The conversation was assigned to you.',
    queue: 'The conversation came to you from the queue.',
    take: 'You took the conversation from the queue.',
    takeover: 'You took the conversation over from {agent}.',
    transfer: '{agent} transferred the conversation to you.',
  };
  const RELEASED_TEXT = {
    takeover: '{agent} took the conversation over.',
    transfer: 'You transferred the conversation to {agent}.',
  };

  function agentName(id) {
    const agent = relay.team.find((a) => a.id === id);
    return agent ? agent.name : (typeof id === 'string' && id ? id : 'another agent');
  }

  function handleRelay(m) {
    switch (m.type) {
      case 'queue':
        relay.queue = cleanQueue(m);
        // A take that the relay answered (the conversation left the queue) is no longer pending.
        relay.taking.forEach((id) => { if (!relay.queue.some((q) => q.conversationId === id)) relay.taking.delete(id); });
        return true;
      case 'team':
        relay.team = cleanTeam(m);
        return true;
      case 'team.changed':
        relay.team = mergeTeam(relay.team, m);
        return true;
      case 'conversation.assigned':
        if (isId(m.conversationId)) assigned(m);
        else counts.ignored += 1;
        return true;
      case 'conversation.released':
        if (isId(m.conversationId)) released(m);
        else counts.ignored += 1;
        return true;
      default:
        return false;
    }
  }

  function assigned(m) {
    const c = conversationFor(m.conversationId, true);
    const fresh = c.transcript.length === 0;
    const wasMine = c.status === 'active' && !fresh;
    takeFacts(c, m);
    c.visitorId = typeof m.visitorId === 'string' ? m.visitorId : '';
    c.status = 'active';
    c.agentName = state.agentName;
    relay.taking.delete(c.id);
    mergeTranscript(c, m.transcript);
    // A video request waits for this agent to join; one that came through the queue, a take-over
    // or a transfer has no call left to join (video never queues; the call was someone else's).
    const reason = typeof m.reason === 'string' ? m.reason : 'new';
    if (reason === 'new' && c.channel === 'video' && isId(m.callId) && !c.call) c.call = newCall(m.callId, 'requested', m.camera);
    // A repeated assignment of a conversation already mine (the relay restarted before my ack) adds nothing.
    if (!wasMine) {
      addLine(c, 'system', (ASSIGNED_TEXT[reason] || ASSIGNED_TEXT.new).replace('{agent}', agentName(m.previousAgent)));
      announce(c.channel === 'video' && c.call && c.call.state === 'requested'
        ? 'A video call was assigned to you.' : 'A conversation was assigned to you.');
    }
    if (!state.selected || !state.conversations[state.selected] || state.conversations[state.selected].status !== 'active') state.selected = c.id;
  }

  // The transcript the relay keeps ([{id, from, agentId?, text, at}]), merged by id: nothing twice.
  function mergeTranscript(c, transcript) {
    if (!Array.isArray(transcript)) return;
    const known = new Set(c.transcript.map((line) => line.id));
    let added = false;
    transcript.forEach((entry) => {
      if (!isObject(entry) || !isId(entry.id) || known.has(entry.id) || !validText(entry.text)) return;
      if (entry.from !== 'visitor' && entry.from !== 'agent') return;
      known.add(entry.id);
      const at = typeof entry.at === 'number' ? entry.at : Date.parse(entry.at) || Date.now();
      const mine = entry.from === 'agent' && entry.agentId === state.agentId;
      const line = { id: entry.id, from: entry.from, text: entry.text, at, delivered: true };
      if (entry.from === 'agent' && !mine) line.who = agentName(entry.agentId);
      c.transcript.push(line);
      added = true;
    });
    if (!added) return;
    // Earlier lines may arrive after later ones (a transfer back): keep the transcript in time order.
    c.transcript.sort((a, b) => a.at - b.at);
    c.revision = (c.revision || 0) + 1;
  }

  function released(m) {
    const c = conversationFor(m.conversationId, false);
    if (!c || c.status === 'released') return;
    c.status = 'released';
    c.releasedTo = typeof m.to === 'string' ? m.to : '';
    // My media ends; the call goes on (or not) with the new agent: nothing more is mine to send.
    closeCall(c, 'The call ended for you: the conversation is not yours any more.');
    const text = (RELEASED_TEXT[m.reason] || RELEASED_TEXT.transfer).replace('{agent}', agentName(c.releasedTo));
    if (m.reason !== 'transfer' || !c.transcript.some((line) => line.transferTo === c.releasedTo && line.refused === undefined)) {
      addLine(c, 'system', text);
    }
    announce(text);
  }

  // ---- video calls (TRANSPORT.md, "Video") ----------------------------------------------------
  //
  // c.call: {id, mode (the visitor's camera mode), state, agentIn, visitor: {camera, microphone,
  // permission}, ended}. state: 'requested' (a video conversation waits for an agent), 'invited'
  // (our invitation waits for the visitor), 'accepted' (the visitor said yes), 'ended'.

  function newCall(id, callState, mode) {
    return { id, mode: typeof mode === 'string' ? mode : '', state: callState, agentIn: false, visitor: {}, ended: '' };
  }

  const VISITOR_ENDED = {
    hangUp: 'The visitor ended the video call.',
    reload: 'The visitor\u2019s page reloaded: the call ended.',
    error: 'The call ended: the visitor\u2019s camera, microphone or connection failed.',
    chatEnded: 'The call ended with the conversation.',
  };
  const MEDIA_FIELDS = {
    camera: ['on', 'off', 'none'], microphone: ['on', 'muted'],
    permission: ['pending', 'granted', 'denied', 'no_device', 'busy', 'timeout', 'failed'],
  };

  // Messages of a call we know, for its current callId; anything else is ignored.
  function handleCallMessage(m) {
    if (!/^(video|webrtc)\./.test(m.type) || !isId(m.conversationId)) return false;
    const c = conversationFor(m.conversationId, false);
    const call = c && c.call;
    if (!call || call.id !== m.callId || call.state === 'ended') return false;
    const live = calls[call.id];
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
        Object.keys(MEDIA_FIELDS).forEach((key) => {
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
    return (type, fields) => {
      const body = { type, conversationId: c.id, callId: call.id };
      Object.keys(fields).forEach((key) => { body[key] = fields[key]; });
      sendReliable(body);
      save();
    };
  }

  // The agent is in the call: its media starts, and the visitor's offer will be answered.
  function joinCall(c) {
    const call = c.call;
    call.agentIn = true;
    if (call.state === 'requested') call.state = 'accepted';   // the visitor asked for this call
    calls[call.id] = createParleyAgentCall({ video: state.videoSource, signal: callSignal(c, call), onChange: renderCall });
    const id = sendReliable({ type: 'video.join', conversationId: c.id, callId: call.id });
    addLine(c, 'agent-system', 'You joined the video call.', id);
  }

  function closeCall(c, text, message) {
    const call = c.call;
    if (!call || call.state === 'ended') return;
    const id = message ? sendReliable(message) : undefined;
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

  // Channel mode only: over the relay, routing assigns and the relay tells the visitor.
  function accept() {
    const c = selected();
    if (RELAY || !c || (c.status !== 'waiting' && c.status !== 'queued')) return;
    const name = state.agentName.trim() || 'Agent';
    const joined = { type: 'agent.joined', conversationId: c.id, agentName: name };
    const replyTime = state.replyTime.trim();
    if (replyTime) joined.replyTime = replyTime;
    const id = sendReliable(joined);
    c.status = 'active';
    c.agentName = name;
    addLine(c, 'agent-system', name + ' joined the conversation.', id);
    if (c.call && c.call.state === 'requested') joinCall(c);
    save();
    render();
    replyInput.focus();
  }

  function queue() {
    const c = selected();
    if (RELAY || !c || c.status !== 'waiting') return;
    // Video never queues: the visitor's widget ends the call and waits as a chat.
    closeCall(c, 'Queued: video never waits, the conversation goes on as a chat.');
    const id = sendReliable({ type: 'conversation.queued', conversationId: c.id });
    c.status = 'queued';
    addLine(c, 'agent-system', 'The visitor was told they are in the queue.', id);
    save();
    render();
  }

  function end() {
    const c = selected();
    if (!c || !canEnd(c)) return;
    closeCall(c, 'The call ended with the conversation.');
    const id = sendReliable({ type: 'agent.ended', conversationId: c.id });
    c.status = 'ended';
    addLine(c, 'agent-system', 'You ended the conversation.', id);
    save();
    render();
  }

  function canEnd(c) {
    return c.status !== 'ended' && c.status !== 'visitor-ended' && c.status !== 'released';
  }

  function reply(event) {
    if (event) event.preventDefault();
    const c = selected();
    const text = replyInput.value;
    if (!c || c.status !== 'active' || !text.trim()) return;
    if (byteLength(text) > MAX_TEXT_BYTES) {
      announce('The reply is too long: at most 4000 bytes.');
      return;
    }
    agentTyping.stopped();
    const id = sendReliable({ type: 'agent.message', conversationId: c.id, text });
    addLine(c, 'agent', text, id);
    replyInput.value = '';
    save();
    render();
    replyInput.focus();
  }

  function inviteToVideo() {
    const c = selected();
    if (!c || c.status !== 'active' || (c.call && c.call.state !== 'ended')) return;
    c.call = newCall(newId(), 'invited', '');
    const id = sendReliable({ type: 'video.invite', conversationId: c.id, callId: c.call.id });
    addLine(c, 'agent-system', 'You invited the visitor to a video call.', id);
    save();
    render();
  }

  // Over the relay a video request is assigned, not accepted: the agent joins it with this button.
  function joinVideo() {
    const c = selected();
    const joinable = ['invited', 'accepted'].concat(RELAY && c && c.status === 'active' ? ['requested'] : []);
    if (!c || !c.call || c.call.agentIn || joinable.indexOf(c.call.state) < 0) return;
    joinCall(c);
    save();
    render();
  }

  function cancelVideo() {
    const c = selected();
    if (!c || !c.call || c.call.state !== 'invited') return;
    closeCall(c, 'You withdrew the video invitation.', { type: 'video.cancel', conversationId: c.id, callId: c.call.id });
    save();
    render();
  }

  function hangUpVideo() {
    const c = selected();
    if (!c || !c.call || c.call.state === 'ended' || !c.call.agentIn) return;
    closeCall(c, 'You ended the video call.', { type: 'video.ended', conversationId: c.id, callId: c.call.id, reason: 'hangUp' });
    save();
    render();
  }

  const takeIds = {};   // conversationId -> the id of my conversation.take (to match a refusal)

  function take(conversationId) {
    if (relay.taking.has(conversationId)) return;
    relay.taking.add(conversationId);
    takeIds[conversationId] = sendReliable({ type: 'conversation.take', conversationId });
    save();
    render();
  }

  function transfer(event) {
    if (event) event.preventDefault();
    const c = selected();
    const to = transferSelect.value;
    if (!RELAY || !c || c.status !== 'active' || !to) return;
    const name = agentName(to);
    // The call ends first, while the conversation is still mine to write in (after the transfer
    // the relay would refuse it): hung up if I was in it, withdrawn if I was not yet.
    if (c.call && c.call.state !== 'ended') {
      closeCall(c, 'The call ended: you transferred the conversation.', {
        type: c.call.agentIn ? 'video.ended' : 'video.cancel', conversationId: c.id, callId: c.call.id,
        ...(c.call.agentIn ? { reason: 'hangUp' } : {}),
      });
    }
    const id = sendReliable({ type: 'conversation.transfer', conversationId: c.id, agentId: to });
    addLine(c, 'agent-system', 'You transferred the conversation to ' + name + '.', id, { transferTo: to });
    save();
    render();
  }

  // ---- rendering (textContent only) ----------------------------------------------------------

  const nameInput = $('agent-name');
  const replyTimeInput = $('agent-reply-time');
  const chatToggle = $('available-chat');
  const videoToggle = $('available-video');
  const videoSource = $('video-source');
  const statusLine = $('desk-status');
  const connectionLine = $('connection');
  const list = $('conversation-list');
  const emptyNote = $('conversations-empty');
  const detail = $('detail');
  const replyInput = $('reply-input');
  const announcer = $('announcer');
  const transferSelect = $('transfer-to');

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce(text) {
    announcer.textContent = '';
    // A fresh text node so that the same message twice is announced twice.
    setTimeout(() => { announcer.textContent = text; }, 50);
  }

  const STATUS_TEXT = {
    waiting: 'Waiting for an agent',
    queued: 'Queued',
    active: 'Active',
    'visitor-ended': 'Ended by the visitor',
    ended: 'Ended',
    released: 'Not yours any more',
  };

  function statusText(c) {
    if (c.status === 'released' && c.releasedTo) return 'With ' + agentName(c.releasedTo);
    return STATUS_TEXT[c.status] || c.status;
  }

  function shortId(id) {
    return id.length > 12 ? id.slice(0, 12) + '\u2026' : id;
  }

  function renderStatus() {
    const stats = link.stats();
    const where = RELAY ? 'Relay ' + relayUrl
      : (wire.available ? 'Channel \u201c' + channelName + '\u201d' : 'No BroadcastChannel in this browser');
    statusLine.textContent = where + ' \u00b7 ' + stats.received + ' received \u00b7 ' + stats.outbox + ' awaiting delivery' +
      (malformed ? ' \u00b7 ' + malformed + ' malformed dropped' : '');
  }

  function renderConnection() {
    if (!RELAY) return;
    const info = relay.connection;
    connectionLine.textContent = connectionText(info, relayUrl);
    connectionLine.setAttribute('data-state', info.state);
    $('relay-signin').hidden = info.state === 'connected' || info.state === 'connecting';
    const problem = $('relay-problem');
    problem.hidden = !relay.problem;
    problem.textContent = relay.problem;
  }

  function renderRelayPanels() {
    if (!RELAY) return;
    renderQueue($('queue-list'), $('queue-empty'), relay.queue, { taking: relay.taking, onTake: take });
    renderTeam($('team-list'), relay.team, state.agentId);
  }

  function renderList() {
    const focusedId = document.activeElement && document.activeElement.getAttribute('data-conversation-id');
    list.textContent = '';
    emptyNote.hidden = state.order.length > 0;
    state.order.forEach((id) => {
      const c = state.conversations[id];
      const li = el('li');
      const button = el('button', 'conversation-button');
      button.type = 'button';
      button.setAttribute('data-testid', 'conversation-item');
      button.setAttribute('data-conversation-id', id);
      button.setAttribute('data-status', c.status);
      if (id === state.selected) button.setAttribute('aria-current', 'true');
      const line1 = el('span', 'line1', (c.channel === 'video' ? 'Video' : 'Chat') + ' ' + shortId(id));
      const line2 = el('span', 'line2', statusText(c));
      button.appendChild(line1);
      button.appendChild(line2);
      if (c.unread) {
        const badge = el('span', 'badge', String(c.unread));
        badge.setAttribute('aria-label', c.unread + ' unread');
        line1.appendChild(document.createTextNode(' '));
        line1.appendChild(badge);
      }
      button.addEventListener('click', () => select(id));
      li.appendChild(button);
      list.appendChild(li);
      if (focusedId === id) button.focus();
    });
  }

  function fillList(dl, pairs) {
    dl.textContent = '';
    pairs.forEach((pair) => {
      dl.appendChild(el('dt', '', pair[0]));
      dl.appendChild(el('dd', '', pair[1]));
    });
  }

  let shownConversation = null;
  let shownRevision = 0;
  let shownLines = 0;

  function renderTranscript(c) {
    const log = $('transcript');
    // Another conversation, or a merge that put lines in the middle: draw it again.
    if (shownConversation !== c.id || shownRevision !== (c.revision || 0) || shownLines > c.transcript.length) {
      log.textContent = '';
      shownConversation = c.id;
      shownRevision = c.revision || 0;
      shownLines = 0;
    }
    // Delivery marks change in place; new lines are appended (the log announces only those).
    const items = log.children;
    for (let i = 0; i < shownLines; ++i) setDelivery(items[i], c.transcript[i]);
    for (; shownLines < c.transcript.length; ++shownLines) {
      const line = c.transcript[shownLines];
      const from = line.from === 'agent-system' ? 'system' : line.from;
      const li = el('div', 'line from-' + from);
      li.setAttribute('data-testid', 'transcript-line');
      li.setAttribute('data-from', from);
      if (from !== 'system') li.appendChild(el('span', 'who', from === 'visitor' ? 'Visitor' : (line.who || c.agentName || 'You')));
      li.appendChild(el('span', 'text', line.text));
      setDelivery(li, line);
      log.appendChild(li);
    }
    log.scrollTop = log.scrollHeight;
  }

  function setDelivery(li, line) {
    if (!li || line.from === 'visitor' || line.from === 'system' || line.who) return;
    let mark = li.querySelector('.delivery');
    if (!mark) {
      mark = el('span', 'delivery');
      li.appendChild(mark);
    }
    // Over the relay an ack means "stored by the relay", which then delivers it to the visitor.
    mark.textContent = line.refused ? 'Not sent: the relay refused it (' + line.refused + ')'
      : line.delivered ? (RELAY ? 'Sent' : 'Delivered') : 'Sending\u2026';
    li.setAttribute('data-delivered', line.delivered ? 'true' : 'false');
  }

  function renderDetail() {
    const c = selected();
    detail.hidden = !c;
    if (!c) return;
    $('detail-title').textContent = (c.channel === 'video' ? 'Video' : 'Chat') + ' conversation ' + shortId(c.id);
    const status = $('conversation-status');
    status.textContent = statusText(c);
    status.setAttribute('data-status', c.status);

    const about = [['Conversation', c.id], ['Channel', c.channel]];
    if (c.locale) about.push(['Language', c.locale]);
    if (c.url) about.push(['Page', c.url]);
    if (c.agentName) about.push(['Agent', c.agentName]);
    fillList($('about'), about);

    const shown = [];
    let hidden = 0;
    Object.keys(c.context || {}).forEach((key) => {
      const entry = c.context[key];
      if (entry.isDisplayable) shown.push([key, display(entry.value)]);
      else hidden += 1;
    });
    fillList($('context'), shown.length ? shown : [['\u2014', 'No context']]);
    const hiddenNote = $('context-hidden');
    hiddenNote.hidden = hidden === 0;
    hiddenNote.textContent = hidden === 1 ? '1 entry is not displayable.' : hidden + ' entries are not displayable.';

    fillList($('prechat'), c.prechat && c.prechat.length
      ? c.prechat.map((a) => [a.label || a.id, a.value])
      : [['\u2014', 'No survey answers']]);

    $('rating').textContent = c.rating ? c.rating + ' out of 5' : 'Not rated yet.';

    renderCall();
    // Over the relay there is nothing to accept or queue by hand: routing does both.
    $('accept').hidden = RELAY;
    $('queue').hidden = RELAY;
    $('accept').disabled = !(c.status === 'waiting' || c.status === 'queued');
    $('queue').disabled = c.status !== 'waiting';
    $('end').disabled = !canEnd(c);
    const transferForm = $('transfer-form');
    transferForm.hidden = !RELAY || c.status !== 'active';
    if (RELAY) {
      const others = renderTransferOptions(transferSelect, relay.team, state.agentId);
      $('transfer').disabled = others === 0 || relay.connection.state !== 'connected';
    }
    const canReply = c.status === 'active';
    replyInput.disabled = !canReply;
    $('reply-send').disabled = !canReply;
    replyInput.placeholder = canReply ? '' : (c.status === 'waiting' || c.status === 'queued'
      ? 'Accept the conversation to reply' : c.status === 'released' ? 'Another agent has this conversation' : 'The conversation has ended');
    renderTranscript(c);
  }

  const MEDIA_TEXT = {
    on: 'On', off: 'Off', none: 'None (one-way video)', muted: 'Muted', pending: 'Asking the browser\u2026',
    granted: 'Granted', denied: 'Denied by the visitor or the browser', no_device: 'No device found',
    busy: 'Device busy', timeout: 'Prompt not answered', failed: 'Failed',
  };
  const MODE_TEXT = { classic: 'Classic', one_way: 'One-way (no visitor camera)', off_by_default: 'Camera off by default' };
  const CONNECTION_TEXT = {
    new: 'Waiting for the visitor\u2019s media\u2026', connecting: 'Connecting\u2026',
    connected: 'Connected', disconnected: 'Connection interrupted\u2026', failed: 'Connection failed', closed: 'Ended',
  };

  function callStatus(call, live) {
    if (call.state === 'ended') return call.ended;
    if (call.state === 'requested') return RELAY ? 'The visitor asks for a video call: join it.'
      : 'The visitor asks for a video call: accept the conversation to join.';
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
    const c = selected();
    const call = c && c.call;
    const live = call && calls[call.id];
    const box = $('call');
    const canInvite = !!c && c.status === 'active' && (!call || call.state === 'ended');
    const joinable = call && !call.agentIn && (call.state === 'invited' || call.state === 'accepted' ||
      (RELAY && call.state === 'requested' && c.status === 'active'));
    box.hidden = !call && !canInvite;
    $('video-invite').hidden = !canInvite;
    $('video-join').hidden = !joinable;
    $('video-cancel').hidden = !call || call.state !== 'invited';
    $('video-hangup').hidden = !call || call.state === 'ended' || !call.agentIn;
    const status = $('call-status');
    status.textContent = call ? callStatus(call, live) : 'No video call.';
    status.setAttribute('data-connection', live ? live.connection() : 'none');
    const problem = $('call-problem');
    problem.textContent = live ? live.problem() : '';
    problem.hidden = !problem.textContent;
    const visitor = call ? call.visitor : {};
    fillList($('visitor-media'), [
      ['Camera mode', MODE_TEXT[call && call.mode] || 'Not told yet'],
      ['Camera', MEDIA_TEXT[visitor.camera] || '\u2014'],
      ['Microphone', MEDIA_TEXT[visitor.microphone] || '\u2014'],
      ['Permission', MEDIA_TEXT[visitor.permission] || '\u2014'],
    ]);
    $('visitor-media').hidden = !call || call.state === 'ended';
    showStream($('remote-video'), live ? live.remote : null);
    showStream($('local-video'), live ? live.local : null);
  }

  function render() {
    renderConnection();
    renderRelayPanels();
    renderList();
    renderDetail();
    renderTyping();
    renderStatus();
  }

  function select(id) {
    const c = state.conversations[id];
    if (!c) return;
    if (state.selected !== id) agentTyping.stopped();
    state.selected = id;
    c.unread = 0;
    markRead();
    save();
    render();
  }

  // The conversation on screen (selected, in a visible tab) has been read up to its visitor's
  // last message: the visitor's widget shows "Read" under it. Said once per new message.
  function markRead() {
    const c = selected();
    // Only while it runs: over the relay an ended or released conversation is not ours to write in.
    if (!c || !canEnd(c) || document.visibilityState !== 'visible') return;
    let last = null;
    c.transcript.forEach((line) => { if (line.from === 'visitor' && line.id) last = line.id; });
    if (!last || c.readUpTo === last) return;
    c.readUpTo = last;
    sendReliable({ type: 'agent.read', conversationId: c.id, upTo: last });
  }

  function renderTyping() {
    const c = selected();
    const line = $('visitor-typing');
    const text = c && visitorTyping.typing(c.id) ? 'The visitor is typing\u2026' : '';
    if (line.textContent !== text) line.textContent = text;
  }

  // ---- controls ------------------------------------------------------------------------------

  $('accept').addEventListener('click', accept);
  $('video-invite').addEventListener('click', inviteToVideo);
  $('video-join').addEventListener('click', joinVideo);
  $('video-cancel').addEventListener('click', cancelVideo);
  $('video-hangup').addEventListener('click', hangUpVideo);
  videoSource.addEventListener('change', () => {
    state.videoSource = VIDEO_SOURCES.indexOf(videoSource.value) >= 0 ? videoSource.value : 'camera';
    save();
  });
  $('queue').addEventListener('click', queue);
  $('end').addEventListener('click', end);
  $('reply-form').addEventListener('submit', reply);
  $('transfer-form').addEventListener('submit', transfer);
  replyInput.addEventListener('input', () => {
    const c = selected();
    if (!c || c.status !== 'active') return;
    if (typingFor !== c.id) agentTyping.stopped();
    typingFor = c.id;
    agentTyping.typed(replyInput.value.trim() !== '');
  });
  replyInput.addEventListener('blur', () => agentTyping.stopped());
  document.addEventListener('visibilitychange', () => { markRead(); save(); });
  replyInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) reply(event);
  });
  document.querySelector('.desk-settings').addEventListener('submit', (event) => event.preventDefault());
  nameInput.addEventListener('input', () => {
    if (RELAY) return;   // the relay's config names the agent
    state.agentName = nameInput.value.slice(0, 100);
    save();
  });
  replyTimeInput.addEventListener('input', () => {
    if (RELAY) return;   // likewise its reply time (relay.example.json)
    state.replyTime = replyTimeInput.value.slice(0, 200);
    save();
  });
  function onToggle() {
    state.availability.chat = chatToggle.checked;
    state.availability.video = videoToggle.checked;
    save();
    sendAvailability();
    announce('Availability: chat ' + (chatToggle.checked ? 'on' : 'off') + ', video ' + (videoToggle.checked ? 'on' : 'off') + '.');
    renderStatus();
  }
  chatToggle.addEventListener('change', onToggle);
  videoToggle.addEventListener('change', onToggle);

  // Channel mode: a way to the relay, as a link (the address goes in the URL; the token never does).
  $('relay-switch').hidden = RELAY;
  $('relay-switch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = parseRelayUrl($('relay-url').value.trim());
    if (!url) {
      $('relay-url-problem').textContent = 'A relay address starts with ws:// or wss://, e.g. ws://127.0.0.1:8090/agent.';
      return;
    }
    const next = new URLSearchParams(location.search);
    next.set('relay', url);
    location.search = next.toString();
  });

  // Relay mode: the token form, the connection line, and what each welcome means.
  if (RELAY) {
    $('relay-signin').hidden = false;
    connectionLine.hidden = false;
    $('queue-panel').hidden = false;
    $('team-panel').hidden = false;
    // The console's desk speaks the BroadcastChannel only: over the relay it would answer nobody.
    document.querySelector('.desk-console-link').hidden = true;
    nameInput.readOnly = true;
    nameInput.title = 'Over the relay, your name is the one in the relay\u2019s config.';
    replyTimeInput.readOnly = true;
    replyTimeInput.title = 'Over the relay, your reply time is the one in the relay\u2019s config.';
    emptyNote.textContent = 'No conversation assigned to you yet. Visitors of the relay demo pages come here when you take chats.';
    $('relay-signin').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('relay-token').value.trim();
      if (!token) return;
      try { sessionStorage.setItem(TOKEN_KEY, token); } catch (e) { /* kept for this page only */ }
      $('relay-token').value = '';
      relay.problem = '';
      wire.setToken(token);
    });
    wire.onState((info) => {
      relay.connection = info;
      if (info.state === 'connected') onWelcome(info.agent);
      if (info.state === 'refused') { try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ } }
      render();
    });
  }

  // After each welcome: who I am (another agent's saved conversations are dropped, not shown),
  // and what I take (agents start unavailable: RELAY.md §5). The link has already resent the outbox.
  function onWelcome(agent) {
    if (state.agentId && state.agentId !== agent.id) {
      Object.keys(calls).forEach((id) => { calls[id].close(); delete calls[id]; });
      state.conversations = {};
      state.order = [];
      state.selected = null;
    }
    state.agentId = agent.id;
    state.agentName = agent.name;
    nameInput.value = agent.name;
    state.order.forEach((id) => { state.conversations[id].agentName = agent.name; });
    sendAvailability();
    save();
  }

  // ---- start ---------------------------------------------------------------------------------

  if (VIDEO_SOURCES.indexOf(params.get('video')) >= 0) state.videoSource = params.get('video');
  // A call cannot outlive the page that held its media: the visitor is told.
  state.order.forEach((id) => {
    const c = state.conversations[id];
    if (c.call && c.call.state !== 'ended') {
      closeCall(c, 'The video call ended when the desk reloaded.',
        { type: 'video.ended', conversationId: c.id, callId: c.call.id, reason: 'reload' });
    }
  });
  save();
  videoSource.value = state.videoSource;
  nameInput.value = state.agentName;
  replyTimeInput.value = state.replyTime;
  chatToggle.checked = state.availability.chat;
  videoToggle.checked = state.availability.video;
  render();
  if (RELAY) {
    wire.start();
  } else {
    // Tell open visitor pages we are here (and what is available), and deliver what a previous
    // load of the desk left unacknowledged.
    sendAvailability();
    link.flush();
  }

  // For tests and the curious: a read-only look at the desk.
  window.parleyDesk = {
    stats() {
      const stats = link.stats();
      return {
        received: stats.received, duplicates: stats.duplicates, dropped: malformed,
        ignored: counts.ignored, outbox: stats.outbox, conversations: state.order.length,
        connection: RELAY ? relay.connection.state : 'channel',
      };
    },
  };
}
