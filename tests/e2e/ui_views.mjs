// Hand-written view models of the visitor UI, as the engine writes them (PROTOCOL.md, "View
// model"), in English and French: what tests/e2e/ui_renderer.test.mjs and ui_screens.test.mjs draw
// with no engine running.

// ---- -------------------------------------------------

export const TEXTS = {
  en: {
    launcher: 'Chat with us', acceptChat: 'Start chat', acceptVideo: 'Video call', decline: 'No thanks',
    close: 'Close', minimize: 'Minimize', prechatTitle: 'Before we start', prechatSubmit: 'Start chat',
    chatTitle: 'Chat', waiting: 'Waiting for an agent…', joined: 'An agent joined the conversation.',
    composer: 'Your message', send: 'Send', end: 'End chat', question: 'How was your conversation?',
    rate: 'Send rating', skip: 'Skip', invite: 'Hi! Need a hand?',
    name: 'Your name', email: 'Email', topic: 'Topic', gdpr: 'I agree to be contacted', options: ['Billing', 'Technical'],
    fullScreen: 'Full screen', exitFullScreen: 'Exit full screen', pictureInPicture: 'Picture in picture',
  },
  fr: {
    launcher: 'Discuter avec nous', acceptChat: 'Discuter', acceptVideo: 'Appel vidéo', decline: 'Non merci',
    close: 'Fermer', minimize: 'Réduire', prechatTitle: 'Avant de commencer', prechatSubmit: 'Commencer la discussion',
    chatTitle: 'Discussion', waiting: 'En attente d’un conseiller…', joined: 'Un conseiller a rejoint la conversation.',
    composer: 'Votre message', send: 'Envoyer', end: 'Terminer', question: 'Comment s’est passée votre conversation ?',
    rate: 'Envoyer la note', skip: 'Passer', invite: 'Bonjour ! Besoin d’aide ?',
    name: 'Votre nom', email: 'E-mail', topic: 'Sujet', gdpr: 'J’accepte d’être contacté', options: ['Facturation', 'Technique'],
    fullScreen: 'Plein écran', exitFullScreen: 'Quitter le plein écran', pictureInPicture: 'Image dans l’image',
  },
};

export function baseView(locale = 'en', patch = {}) {
  const t = TEXTS[locale];
  return {
    state: 'Closed', locale, theme: { color: '#0b6e4f', font: 'system-ui' }, minimized: false,
    launcher: { visible: true, label: t.launcher, unread: 0 },
    labels: { close: t.close, minimize: t.minimize },
    invitation: null, prechat: null, chat: null, postchat: null,
    ...patch,
  };
}

export const closedView = (locale = 'en') => baseView(locale);

export function invitationView(locale = 'en', { channels = ['chat'], message = TEXTS[locale].invite } = {}) {
  const t = TEXTS[locale];
  return baseView(locale, {
    state: 'ProactiveChat', launcher: { visible: false, label: t.launcher, unread: 0 },
    invitation: { message, channels, expiresAt: 1767603660000,
      labels: { acceptChat: t.acceptChat, acceptVideo: t.acceptVideo, decline: t.decline } },
  });
}

export function prechatFields(locale = 'en', { values = {}, errors = {} } = {}) {
  const t = TEXTS[locale];
  const fields = [
    { id: 'name', type: 'text', label: t.name, required: true },
    { id: 'email', type: 'email', label: t.email, required: false },
    { id: 'topic', type: 'choice', label: t.topic, required: false, options: t.options },
    { id: 'gdpr', type: 'consent', label: t.gdpr, required: true },
  ];
  for (const field of fields) {
    if (field.id in values) field.value = values[field.id];
    if (field.id in errors) field.error = errors[field.id];
  }
  return fields;
}

export function prechatView(locale = 'en', fields = prechatFields(locale)) {
  const t = TEXTS[locale];
  return baseView(locale, {
    state: 'Prechat', launcher: { visible: false, label: t.launcher, unread: 0 },
    prechat: { title: t.prechatTitle, fields, labels: { submit: t.prechatSubmit } },
  });
}

export function chatView(locale = 'en', { state = 'Active', messages = [], status, agentName = 'Sam', minimized = false, unread = 0 } = {}) {
  const t = TEXTS[locale];
  return baseView(locale, {
    state, minimized, launcher: { visible: minimized, label: t.launcher, unread, ...(unread ? { unreadLabel: `${unread} unread messages` } : {}) },
    chat: {
      title: t.chatTitle, titleKey: 'chatTitle', channel: 'chat', status: status ?? (state === 'Loading' ? t.waiting : ''),
      statusKey: status === undefined && state === 'Loading' ? 'waiting' : '',
      agentName: state === 'Loading' ? '' : agentName, canSend: state !== 'InActive', messages,
      labels: { composer: t.composer, send: t.send, end: t.end, fullScreen: t.fullScreen, exitFullScreen: t.exitFullScreen,
                pictureInPicture: t.pictureInPicture },
    },
  });
}

export const message = (id, from, text) => ({ id, from, text, at: 1767603600000 + id.length });

export function conversation(locale = 'en') {
  return [
    message('p1-v1', 'visitor', 'Hello, I have a question about my invoice.'),
    { ...message('p1-s1', 'system', TEXTS[locale].joined), key: 'agentJoined' },
    { ...message('a-1', 'agent', 'Hi! I am Sam. Could you give me the invoice number?'), author: 'Sam' },
    message('p1-v2', 'visitor', 'Sure: INV-2026-0042'),
    { ...message('a-2', 'agent', 'Thanks, one moment while I look it up.\nIt should only take a minute.'), author: 'Sam' },
  ];
}

// The chat with what happens around its messages: Read under the visitor's last one, the agent typing.
export function chatWithDetails(locale = 'en') {
  const view = chatView(locale, { messages: conversation(locale) });
  view.chat.receipt = { id: 'p1-v2', key: 'read', text: locale === 'fr' ? 'Lu' : 'Read' };
  view.chat.typing = { key: 'agentTyping', params: { name: 'Sam' }, text: locale === 'fr' ? 'Sam est en train d’écrire…' : 'Sam is typing…' };
  return view;
}

export function postchatView(locale = 'en') {
  const t = TEXTS[locale];
  return baseView(locale, {
    state: 'Postchat', launcher: { visible: false, label: t.launcher, unread: 0 },
    postchat: { question: t.question, scale: 5, labels: { submit: t.rate, skip: t.skip } },
  });
}

export const VIDEO_LABELS = {
  accept: 'Join the video call', decline: 'Stay in the chat', hangUp: 'Hang up', cameraOn: 'Turn camera on',
  cameraOff: 'Turn camera off', mute: 'Mute', unmute: 'Unmute', retry: 'Try again',
};

// A chat with a video call in it (PROTOCOL.md, view.video).
export function videoView(video = {}) {
  const view = chatView('en', { messages: conversation() });
  view.chat.channel = 'video';
  view.video = {
    state: 'connected', callId: 'c1', camera: 'on', cameraToggle: true, microphone: 'on', remote: true,
    status: 'You are in a video call.', error: null, labels: VIDEO_LABELS, ...video,
  };
  return view;
}

// One view per panel, for the checks that walk them all.
export const PANELS = {
  launcher: closedView(),
  invitation: invitationView('en', { channels: ['chat', 'video'] }),
  prechat: prechatView('en', prechatFields('en', { values: { name: 'Ada' }, errors: { gdpr: 'This field is required.' } })),
  'chat-waiting': chatView('en', { state: 'Loading' }),
  chat: chatView('en', { messages: conversation() }),
  'chat-ended': chatView('en', { state: 'InActive', messages: [...conversation(), message('s2', 'system', 'The agent ended the conversation.')] }),
  minimized: chatView('en', { minimized: true, unread: 2, messages: conversation() }),
  postchat: postchatView(),
  'video-button': baseView('en', { videoButton: { label: 'Video call' } }),
  'video-invited': videoView({ state: 'invited', camera: 'off', remote: false, status: 'The agent invites you to a video call.' }),
  'video-connected': videoView(),
  'video-failed': videoView({ state: 'failed', cameraToggle: false, remote: false, status: '',
    error: { reason: 'denied', message: 'Your browser blocked the camera or microphone. Allow it in the site settings, then try again.' } }),
  'invitation-fr': invitationView('fr', { channels: ['chat', 'video'] }),
  'prechat-fr': prechatView('fr'),
  'chat-fr': chatView('fr', { messages: conversation('fr') }),
};

