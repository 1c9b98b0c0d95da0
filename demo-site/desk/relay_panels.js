// What the desk shows only over the relay (RELAY.md §5): the connection line, the queue with its
// Take buttons, the team, and the agents a conversation can be transferred to. Pure DOM drawing
// from plain data, text only (textContent): queue entries carry the visitors' untrusted context
// and survey answers.
//
// Must not: send anything (the desk passes callbacks), keep state between calls.

const MAX_QUEUE = 200;
const MAX_TEAM = 200;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value) => (value === null || value === undefined ? '' : String(value));

// `queue` state message -> [{conversationId, channel, since, prechat, context, locale, url}].
export function cleanQueue(message) {
  const list = Array.isArray(message.conversations) ? message.conversations : [];
  return list.filter((q) => isObject(q) && typeof q.conversationId === 'string' && q.conversationId)
    .slice(0, MAX_QUEUE)
    .map((q) => ({
      conversationId: q.conversationId,
      channel: q.channel === 'video' ? 'video' : 'chat',
      since: typeof q.since === 'number' || typeof q.since === 'string' ? q.since : null,
      prechat: Array.isArray(q.prechat) ? q.prechat.filter(isObject).slice(0, 100) : [],
      context: isObject(q.context) ? q.context : {},
      locale: typeof q.locale === 'string' ? q.locale : '',
    }));
}

// `team` state message -> [{id, name, online, chat, video, open, maxChats}].
export function cleanTeam(message) {
  const list = Array.isArray(message.agents) ? message.agents : [];
  return list.filter((a) => isObject(a) && typeof a.id === 'string' && a.id)
    .slice(0, MAX_TEAM)
    .map((a) => ({
      id: a.id,
      name: typeof a.name === 'string' && a.name ? a.name : a.id,
      online: a.online === true,
      chat: a.chat === true,
      video: a.video === true,
      open: typeof a.open === 'number' ? a.open : 0,
      maxChats: typeof a.maxChats === 'number' ? a.maxChats : null,
    }));
}

// `team.changed` state message: the changed agents' lines replace theirs, in place; an agent
// not yet known is added at the end.
export function mergeTeam(team, message) {
  const merged = team.slice();
  cleanTeam(message).forEach((agent) => {
    const at = merged.findIndex((a) => a.id === agent.id);
    if (at >= 0) merged[at] = agent;
    else if (merged.length < MAX_TEAM) merged.push(agent);
  });
  return merged;
}

// The connection line's words for a websocket_wire.js state.
export function connectionText(info, relayUrl) {
  switch (info.state) {
    case 'connected': return 'Connected as ' + info.agent.name;
    case 'connecting': return 'Connecting to ' + relayUrl + '\u2026';
    case 'reconnecting': return 'Reconnecting\u2026 (attempt ' + info.attempt + ', next in ' +
      Math.max(1, Math.round(info.retryInMs / 1000)) + ' s) ' + (info.reason || '');
    case 'refused': return 'Not signed in: the relay refused the token. Enter another one.';
    case 'signed-out': return 'Not signed in: enter your agent token.';
    case 'closed': return 'Disconnected.';
    default: return info.state;
  }
}

function since(value) {
  if (value === null) return '';
  const date = new Date(value);
  return isNaN(date.getTime()) ? '' : 'waiting since ' + date.toLocaleTimeString();
}

// The queue, oldest first, each with a Take button. taking: ids whose take is on its way.
export function renderQueue(listNode, emptyNode, queue, { taking, onTake }) {
  listNode.textContent = '';
  emptyNode.hidden = queue.length > 0;
  queue.forEach((q) => {
    const li = el('li', 'queue-item');
    li.setAttribute('data-testid', 'queue-item');
    li.setAttribute('data-conversation-id', q.conversationId);
    const head = el('span', 'line1', (q.channel === 'video' ? 'Video ' : 'Chat ') + q.conversationId);
    li.appendChild(head);
    const when = since(q.since);
    if (when) li.appendChild(el('span', 'line2', when));
    // The visitor's survey answers and displayable context: a glance before taking.
    const facts = [];
    q.prechat.forEach((a) => facts.push(text(a.label || a.id) + ': ' + text(a.value)));
    Object.keys(q.context).slice(0, 50).forEach((key) => {
      const entry = q.context[key];
      if (isObject(entry) && entry.isDisplayable !== false) facts.push(key + ': ' + text(entry.value));
    });
    if (facts.length) li.appendChild(el('span', 'line2 facts-line', facts.join(' \u00b7 ')));
    const button = el('button', 'take', taking.has(q.conversationId) ? 'Taking\u2026' : 'Take');
    button.type = 'button';
    button.disabled = taking.has(q.conversationId);
    button.setAttribute('data-testid', 'queue-take');
    button.setAttribute('aria-label', 'Take ' + (q.channel === 'video' ? 'video' : 'chat') + ' ' + q.conversationId);
    button.addEventListener('click', () => onTake(q.conversationId));
    li.appendChild(button);
    listNode.appendChild(li);
  });
}

function agentLine(agent, meId) {
  if (!agent.online) return 'offline';
  const takes = [agent.chat ? 'chat' : '', agent.video ? 'video' : ''].filter(Boolean);
  return 'online \u00b7 ' + (takes.length ? takes.join(', ') : 'not taking conversations') + ' \u00b7 ' +
    agent.open + (agent.maxChats === null ? '' : ' of ' + agent.maxChats) + ' open' + (agent.id === meId ? ' \u00b7 you' : '');
}

export function renderTeam(listNode, team, meId) {
  listNode.textContent = '';
  team.forEach((agent) => {
    const li = el('li', 'team-member');
    li.setAttribute('data-testid', 'team-member');
    li.setAttribute('data-agent-id', agent.id);
    li.setAttribute('data-online', String(agent.online));
    li.appendChild(el('span', 'line1', agent.name));
    li.appendChild(el('span', 'line2', agentLine(agent, meId)));
    listNode.appendChild(li);
  });
}

// The signed-in agents other than me, as <option>s; keeps the choice when it is still there.
export function renderTransferOptions(select, team, meId) {
  const chosen = select.value;
  select.textContent = '';
  const others = team.filter((agent) => agent.online && agent.id !== meId);
  others.forEach((agent) => {
    const option = el('option', '', agent.name);
    option.value = agent.id;
    select.appendChild(option);
  });
  if (others.some((agent) => agent.id === chosen)) select.value = chosen;
  return others.length;
}
