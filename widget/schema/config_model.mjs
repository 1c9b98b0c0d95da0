// The one source of the site owner's config format. generate.mjs turns it into
// parley.schema.json (editors, Ajv), the ParleyConfig types of wasm-glue/parley.d.ts and
// CONFIG.md. It follows the engine's reader (widget/src/config.cpp, condition.cpp, prechat.cpp,
// text.cpp, agent_context.cpp); tests/js/config_schema.test.mjs checks that the schema and the
// engine find the same problems at the same JSON paths, and that every key the engine reads is here.
//
// The schema is written so that a failing part reports where the engine does: choices keyed on a
// value's type or on a key use if/then/else (Ajv then reports inside the branch taken), and
// anyOf/oneOf only where the engine reports the whole value.
//
// Keywords starting with "x-" are for generate.mjs and never reach parley.schema.json:
//   x-ts   TypeScript for this value: a type as text, or a schema converted instead of this one

import fs from 'node:fs';

// The widget's own strings: the keys of its English table (wasm-glue/runtime/locales/, ui_strings.cpp).
const UI_KEYS = Object.keys(JSON.parse(fs.readFileSync(new URL('../../wasm-glue/runtime/locales/en.json', import.meta.url), 'utf8')));
export const UI_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ar'];

export const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'matches', 'contains', 'between'];

// What each kind of fact takes (condition.cpp: operator_allowed, scalar).
const ISO_8601 = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' +
  '([Tt ]([01]\\d|2[0-3]):[0-5]\\d(:([0-5]\\d|60)(\\.\\d+)?)?([Zz]|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)?)?$';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
// "mon" or "monday", any case (civil_time.cpp: weekday_from_name).
const anyCase = (text) => [...text].map((c) => `[${c.toUpperCase()}${c}]`).join('');
const WEEKDAY_PATTERN = `^(${WEEKDAYS.map((d) => anyCase(d.slice(0, 3)) + `(${anyCase(d.slice(3))})?`).join('|')})$`;

export const KINDS = {
  number: { operators: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'between'], ts: 'number', about: 'numbers' },
  url: { operators: ['eq', 'neq', 'in', 'matches', 'contains'], operand: { type: 'string' }, ts: 'string', about: 'URLs; matches: a glob' },
  text: { operators: ['eq', 'neq', 'in', 'matches', 'contains'], operand: { type: 'string' }, ts: 'string', about: 'strings' },
  date: { operators: ['gt', 'gte', 'lt', 'lte', 'between'], operand: { type: 'string', pattern: ISO_8601 }, ts: 'string',
          about: 'ISO 8601: "2026-12-24", "2026-12-24T10:00:00+01:00" (UTC without an offset)' },
  weekday: { operators: ['eq', 'neq', 'in', 'between'], operand: { type: 'string', pattern: WEEKDAY_PATTERN }, ts: 'ParleyWeekday',
             about: '"mon" ... "sun" or "monday" ...' },
  boolean: { operators: ['eq', 'neq'], operand: { type: 'boolean' }, ts: 'boolean', standsAlone: true, about: 'true, false' },
  custom: { operators: OPERATORS, operand: { type: ['string', 'number', 'boolean'] }, ts: 'string | number | boolean',
            standsAlone: true, about: 'strings, numbers, booleans (both ends of between of one type)' },
};

// The built-in facts: the same rows as kFacts in widget/include/parley/fact.hpp (names, types,
// ranges, in its order; tests/unit/fact_table_test.cpp compares the generated schema with it).
export const FACTS = [
  { name: 'timeOnPage', kind: 'number', clock: true, about: 'ms on this page view: visible time, or elapsed time with "clock": "wall"' },
  { name: 'timeOnSite', kind: 'number', about: 'ms of visible time in this session, this page included' },
  { name: 'visits', kind: 'number', about: 'sessions of this visitor, this one included' },
  { name: 'pageViews', kind: 'number', about: 'page loads counted in the visits.cookie cookie' },
  { name: 'url', kind: 'url', about: 'this page; "matches" globs the path unless the pattern has a scheme or host' },
  { name: 'referrer', kind: 'url', about: 'document.referrer (its origin only, when cross-origin)' },
  { name: 'previousPage', kind: 'url', about: "the previous page of this session, from Parley's own history" },
  { name: 'exitIntent', kind: 'boolean', about: 'the pointer left through the top edge (touch: returning to a hidden page)' },
  { name: 'idle', kind: 'number', about: 'ms since the last input' },
  { name: 'scrollDepth', kind: 'number', min: 0, max: 100, about: 'deepest scroll point of this page view, 0 to 100' },
  { name: 'country', kind: 'text', about: 'ISO 3166 alpha-2 code (host, geolocation or time zone)' },
  { name: 'now', kind: 'date', about: 'the wall clock; operands are ISO 8601 dates (UTC without an offset)' },
  { name: 'hour', kind: 'number', min: 0, max: 23, zone: true, about: 'hour 0 to 23 in "zone"; "between" may wrap, [22, 6]' },
  { name: 'weekday', kind: 'weekday', zone: true, about: '"mon" ... "sun" in "zone"; "between" may wrap, ["fri", "mon"]' },
  { name: 'available.chat', kind: 'boolean', about: 'a chat agent is free (unknown: chat is still offered)' },
  { name: 'available.video', kind: 'boolean', about: 'a video agent is free (unknown: video is not offered)' },
];
const CUSTOM_FACT = '^custom\\.[\\s\\S]{1,64}$';  // Parley.setFact(NAME, value) -> custom.NAME

const ref = (name) => ({ $ref: `#/$defs/${name}` });
const closed = (properties, more = {}) => ({ type: 'object', properties, additionalProperties: false, ...more });
const number = (minimum, maximum, description, more = {}) => ({ type: 'number', minimum, maximum, description, ...more });
const choice = (values, description, more = {}) => ({ enum: values, description, ...more });
const flag = (description, more = {}) => ({ type: 'boolean', description, ...more });
// The value's JSON type picks the branch, so its errors are reported inside it.
const byType = (type, then, otherwise, more = {}) => ({ if: { type }, then, else: otherwise, ...more });
const requiredValue = (key, value) => ({ required: [key], properties: { [key]: { const: value } } });

// ---- Texts and context --------------------------------------------------------------------------

const languages = (minLength) => closed({
  en: { type: 'string', minLength, description: 'English' },
  fr: { type: 'string', minLength, description: 'French' },
});

const ParleyText = byType('object',
  { ...languages(0), anyOf: [{ required: ['en'] }, { required: ['fr'] }] },
  { type: 'string' },
  { title: 'text', description: 'A text: the same in every language, or {"en", "fr"} (a missing one borrows the other).' });

// Survey labels and options must say something (prechat.cpp: read_text).
const nonEmptyText = byType('object',
  { ...languages(0), anyOf: [{ required: ['en'], properties: { en: { type: 'string', minLength: 1 } } },
                             { required: ['fr'], properties: { fr: { type: 'string', minLength: 1 } } }] },
  { type: 'string', minLength: 1 },
  { title: 'non-empty text', description: 'A non-empty text: a string, or {"en", "fr"}.', 'x-ts': 'ParleyText' });

const scalar = { type: ['string', 'number', 'boolean'] };
const ParleyContextEntry = byType('object',
  { type: 'object', required: ['value'],
    properties: { value: { ...scalar, description: 'What the agent reads' },
                  isDisplayable: flag('Shown to the agent', { default: true }) } },
  scalar,
  { description: 'A value, or {"value", "isDisplayable"} as in Omnichannel.' });

const ParleyContext = {
  type: 'object',
  title: 'context',
  description: 'What the agent sees when the conversation starts: {name: value or {value, isDisplayable}}, 50 entries at most.',
  propertyNames: { minLength: 1, maxLength: 100 },
  maxProperties: 50,
  additionalProperties: ref('ParleyContextEntry'),
};

// ---- Conditions ---------------------------------------------------------------------------------

const SHAPES = ['all', 'any', 'not', 'fact'];
// "exactly this one of all/any/not/fact": a condition with two shapes is reported whole (oneOf).
const onlyShape = (shape) => ({
  required: [shape], properties: Object.fromEntries(SHAPES.filter((s) => s !== shape).map((s) => [s, false])),
});

const ParleyCondition = {
  type: 'object',
  title: 'condition',
  description: 'A fact test, or {"all": [...]}, {"any": [...]}, {"not": {...}}.',
  oneOf: SHAPES.map((shape) => ({ required: [shape] })),
  allOf: [
    { if: onlyShape('all'), then: ref('ParleyAllCondition') },
    { if: onlyShape('any'), then: ref('ParleyAnyCondition') },
    { if: onlyShape('not'), then: ref('ParleyNotCondition') },
    { if: onlyShape('fact'), then: ref('ParleyFactTest') },
  ],
  'x-ts': { anyOf: ['ParleyAllCondition', 'ParleyAnyCondition', 'ParleyNotCondition', 'ParleyFactTest'].map(ref) },
};

const operandsOf = (kind, fact) => {
  const one = kind === 'number' ? { type: 'number', minimum: fact?.min ?? 0, maximum: fact?.max ?? 1e15 } : KINDS[kind].operand;
  const list = (minItems, maxItems) => ({ type: 'array', minItems, maxItems, items: one });
  const pair = kind === 'custom'  // both ends of the same type
    ? { ...list(2, 2), anyOf: ['number', 'string', 'boolean'].map((type) => ({ items: { type } })) }
    : list(2, 2);
  return Object.fromEntries(OPERATORS.map((op) => [op,
    !KINDS[kind].operators.includes(op) ? false : op === 'in' ? list(1, 1000) : op === 'between' ? pair : one]));
};

// The operators and operands of one group of facts, applied when "fact" names one of them.
const factGroup = (facts, kind, sample) => ({
  if: { required: ['fact'], properties: { fact: facts ? { enum: facts } : { type: 'string', pattern: CUSTOM_FACT } } },
  then: {
    properties: operandsOf(kind, sample),
    // An operator is needed, unless a misspelt one is already reported (condition.cpp).
    ...(KINDS[kind].standsAlone ? {} : {
      anyOf: [{ not: { propertyNames: { not: { enum: OPERATORS } } } },
              { not: { propertyNames: { enum: ['fact', 'clock', 'zone', ...OPERATORS] } } }],
    }),
  },
});

// Facts that share a kind and a range share a group.
const groups = [];
for (const fact of FACTS) {
  const key = `${fact.kind}/${fact.min}/${fact.max}`;
  const group = groups.find((g) => g.key === key);
  if (group) group.facts.push(fact.name);
  else groups.push({ key, kind: fact.kind, sample: fact, facts: [fact.name] });
}

const pairsOf = (list) => list.flatMap((a, i) => list.slice(i + 1).map((b) => [a, b]));

const testProperties = {
  fact: {
    type: 'string',
    description: 'A built-in fact, or custom.NAME for Parley.setFact(NAME, value)',
    anyOf: [{ enum: FACTS.map((f) => f.name) }, { pattern: CUSTOM_FACT }],
  },
  clock: choice(['visible', 'wall'], 'timeOnPage only: visible time (default) or elapsed time', { default: 'visible' }),
  zone: { type: 'string', minLength: 1, maxLength: 64, default: 'visitor',
          description: 'hour and weekday only: "visitor" (default), "UTC" or an IANA zone such as "Europe/Paris"' },
  eq: { description: 'equal' }, neq: { description: 'not equal (false too when the fact is unknown)' },
  gt: { description: 'greater than' }, gte: { description: 'greater than or equal' },
  lt: { description: 'less than' }, lte: { description: 'less than or equal' },
  in: { description: 'one of these values (1 to 1000)' }, matches: { description: 'glob: * and ? per URL component' },
  contains: { description: 'contains this text' }, between: { description: '[low, high], both included' },
};

const ParleyFactTest = {
  type: 'object',
  description: '{"fact": NAME, OPERATOR: OPERAND}; a boolean fact may stand alone. One operator per test.',
  required: ['fact'],
  properties: testProperties,
  additionalProperties: false,
  allOf: [
    { not: { anyOf: pairsOf(OPERATORS).map((pair) => ({ required: pair })) } },
    { if: requiredValue('fact', 'timeOnPage'), else: { properties: { clock: false } } },
    { if: { required: ['fact'], properties: { fact: { enum: ['hour', 'weekday'] } } }, else: { properties: { zone: false } } },
    ...groups.map((g) => factGroup(g.facts, g.kind, g.sample)),
    factGroup(null, 'custom'),
  ],
  'x-ts': { anyOf: tsFactTests() },
};

// For TypeScript, one object type per group of facts: the fact's name picks the operators
// (ParleyNumberOperators...), so `{fact: "url", gt: 3}` does not compile.
function tsOperatorsName(kind) {
  return `Parley${kind === 'url' ? 'Text' : kind[0].toUpperCase() + kind.slice(1)}Operators`;
}

function tsOperatorDefs() {
  const defs = {};
  for (const [kind, { operators, ts: operand }] of Object.entries(KINDS)) {
    const properties = {};
    for (const op of operators) {
      const list = /^\w+$/.test(operand) ? `${operand}[]` : `Array<${operand}>`;
      properties[op] = { ...testProperties[op], 'x-ts': op === 'in' ? list : op === 'between' ? `[${operand}, ${operand}]` : operand };
    }
    const name = tsOperatorsName(kind);
    const facts = FACTS.filter((f) => tsOperatorsName(f.kind) === name).map((f) => f.name).join(', ') || 'custom.NAME';
    defs[name] = { ...closed(properties), description: `Operators of ${facts}`, 'x-ts-only': true };
  }
  return defs;
}

function tsFactTests() {
  const shapes = [];
  for (const fact of [...FACTS, { name: null, kind: 'custom' }]) {
    const key = `${tsOperatorsName(fact.kind)}/${!!fact.clock}/${!!fact.zone}`;
    const shape = shapes.find((s) => s.key === key);
    if (shape) { shape.names.push(fact.name); continue; }
    shapes.push({ key, fact, names: [fact.name] });
  }
  return shapes.map(({ fact, names }) => ({ allOf: [
    closed({
      fact: fact.name ? { enum: names } : { 'x-ts': '`custom.${string}`' },
      ...(fact.clock ? { clock: testProperties.clock } : {}),
      ...(fact.zone ? { zone: testProperties.zone } : {}),
    }, { required: ['fact'] }),
    ref(tsOperatorsName(fact.kind)),
  ] }));
}

// ---- Rules --------------------------------------------------------------------------------------

const ParleyInvite = closed({
  message: { ...ref('ParleyText'), description: 'The invitation, in the visitor\'s language' },
  channel: ref('ParleyChannel'),
  prechat: flag('Show the pre-chat survey after accepting', { default: false }),
  expiresAfter: number(0, 24 * 3600 * 1000, 'ms before an unanswered invitation goes away; 0: never', { default: 60000 }),
}, { title: 'invite', required: ['message'] });

const ParleyFrequency = closed({
  per: choice(['pageview', 'session', 'visitor'], 'What the cap counts in', { default: 'session' }),
  times: number(1, 1000, 'Invitations per pageview, session or visitor', { default: 1 }),
  minInterval: number(0, 3650 * 24 * 3600 * 1000, 'ms between two invitations of this rule', { default: 0 }),
}, { title: 'frequency' });

const ParleyAfterDecline = byType('object',
  closed({ hours: number(0, 24 * 3650, 'Silent this many hours') }, { required: ['hours'] }),
  { enum: ['none', 'session', 'forever'] },
  { description: 'After the visitor declines, no rule invites: "none", "session" (default), "forever" or {"hours": N}.',
    default: 'session' });

const ParleyRule = closed({
  id: { type: 'string', minLength: 1, maxLength: 64, description: 'Unique; names the rule in lcw:proactiveInvite and to the agent' },
  priority: number(-1e6, 1e6, 'Higher first; ties keep config order', { default: 0 }),
  when: { ...ref('ParleyCondition'), description: 'When to invite (none: at once)' },
  invite: ref('ParleyInvite'),
  context: {
    if: { type: 'null' }, then: { type: 'null' }, else: ref('ParleyContext'),
    description: 'Context for the agent, added to the reason the rule fired',
  },
  frequency: ref('ParleyFrequency'),
  afterDecline: ref('ParleyAfterDecline'),
}, { title: 'rule', required: ['id', 'invite'], description: 'A proactive invitation: it fires when "when" becomes true.' });

// ---- Settings -----------------------------------------------------------------------------------

// is_css_token(): a colour or a font name, never CSS syntax.
const cssValue = (description, fallback) => ({
  type: 'string', minLength: 1, maxLength: 100, pattern: '^[^;{}<>\\\\"\'\\u0000-\\u001f]*$', description, default: fallback,
});

// is_websocket_url(): ws:// or wss://, a host, no spaces or control characters.
const relayUrl = {
  type: 'string', maxLength: 2048, pattern: '^wss?://[^/\\u0000-\\u0020\\u007f][^\\u0000-\\u0020\\u007f]*$',
  description: "parley-relay's /visitor endpoint, ws:// or wss://",
};

const ParleyTransportConfig = {
  ...closed({
    kind: choice(['broadcast', 'websocket'], 'broadcast: a BroadcastChannel (same origin); websocket: parley-relay', { default: 'broadcast' }),
    channel: { type: 'string', description: "The BroadcastChannel's name", default: 'parley' },
    url: relayUrl,
    urls: { type: 'array', minItems: 1, maxItems: 8, uniqueItems: true, items: relayUrl,
            description: 'Instead of url: 1 to 8 relays of one cluster (failover, no load balancer)' },
  }),
  title: 'transport',
  description: 'How the widget reaches the agents: the BroadcastChannel (default, for the demo\'s desk in another tab) ' +
    "or the WebSocket to parley-relay: url, its /visitor endpoint, or urls, the relays of one cluster with no load " +
    'balancer in front (a random one first, the next one at once when it fails). Exactly one of url and urls.',
  allOf: [
    { if: requiredValue('kind', 'websocket'), else: { properties: { url: false, urls: false } } },
    { if: { required: ['kind'], properties: { kind: { const: 'websocket' }, urls: false } }, then: { required: ['url'] } },
    { not: { required: ['url', 'urls'] } },
  ],
  'x-ts': { anyOf: [
    closed({ kind: { const: 'broadcast' }, channel: { type: 'string' } }),
    closed({ kind: { const: 'websocket' }, url: relayUrl, urls: false, channel: { type: 'string' } }, { required: ['kind', 'url'] }),
    closed({ kind: { const: 'websocket' }, urls: { type: 'array', items: relayUrl }, url: false, channel: { type: 'string' } },
           { required: ['kind', 'urls'] }),
  ] },
};

// is_image_url(): https:, http: or a /path on this site; no spaces, quotes or angle brackets.
const imageUrl = (description) => ({
  type: 'string', minLength: 1, maxLength: 2048, pattern: '^(https?://|/(?!/))[^\\u0000-\\u0020\\u007f"\'<>\\\\]*$', description,
});

const ParleyThemeConfig = closed({
  color: cssValue('Accent colour (header, buttons, the visitor\'s messages)', '#0b6e4f'),
  font: cssValue('Font family', 'system-ui'),
  mode: choice(['light', 'dark', 'auto'], 'Light, dark, or auto: the visitor\'s prefers-color-scheme', { default: 'light' }),
  position: choice(['auto', 'left', 'right'], 'The side the widget sits on; auto: the end side of its language (left in Arabic)',
                   { default: 'auto' }),
  offset: closed({
    x: number(0, 400, 'px from the side edge', { default: 20 }),
    y: number(0, 400, 'px from the bottom: above a page\'s own bottom bar', { default: 20 }),
  }, { description: 'Where the launcher sits, in CSS px' }),
  title: { ...ref('ParleyText'), description: 'The chat\'s header title (default: the widget\'s own "Chat")' },
  replyTime: { ...ref('ParleyText'), description: 'Under the title while nobody has answered yet: "We usually reply within minutes"' },
  agentName: { type: 'string', maxLength: 100, description: 'The name in the header until an agent says its own' },
  agentAvatar: imageUrl('The agent\'s picture in the header'),
  logo: imageUrl('The site\'s logo in the header'),
}, { title: 'theme', description: 'How the widget looks and whom it shows (plain CSS values, image URLs, texts).' });

const ParleyLauncherConfig = closed({
  chat: { anyOf: [{ type: 'boolean' }, { const: 'fallback' }], default: true,
          description: 'The floating chat button: shown, hidden, or "fallback": only while the video button is hidden' },
  video: byType('array', { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 2048 } },
                { type: 'boolean' },
                { default: false, description: 'The video button (only while a video agent is free): never, everywhere, or on pages matching these globs' }),
}, { title: 'launcher', description: 'The entry points a page shows.' });

const ParleyVideoConfig = closed({
  camera: ref('ParleyCameraMode'),
  promptTimeout: number(5, 600, 'Seconds to answer the browser\'s camera / microphone prompt', { default: 30 }),
  iceServers: { type: 'array', items: { type: 'object' }, 'x-ts': 'RTCIceServer[]',
                description: "RTCPeerConnection's ICE servers (read by the runtime, never by the engine); default none" },
}, { title: 'video', description: 'Video calls.' });

const ParleyPrechatQuestion = closed({
  id: { type: 'string', minLength: 1, maxLength: 64, description: 'Unique in the survey; names the answer for the agent' },
  type: choice(['text', 'email', 'choice', 'consent'], 'The kind of field', { default: 'text' }),
  label: nonEmptyText,
  required: flag('An answer is needed (consent: it must be ticked)', { default: false }),
  options: { type: 'array', minItems: 1, maxItems: 50, items: nonEmptyText, description: '"choice" only: 1 to 50 options' },
}, {
  title: 'question',
  description: 'One field of the pre-chat survey.',
  required: ['id', 'label'],
  allOf: [{ if: requiredValue('type', 'choice'), then: { required: ['options'] }, else: { properties: { options: false } } }],
});

const ParleyConfig = closed({
  $schema: { type: 'string', description: 'This schema, for editors; the engine ignores it' },
  $compiled: {
    type: 'object',
    description: 'Written by parley-config compile: the checked config in the engine\'s own form, read without the config reader. Never edit it: compile again after every change and every Parley upgrade',
  },
  locale: choice(['auto', ...UI_LANGUAGES], 'The widget\'s language; auto: the page\'s <html lang>, then the browser\'s', { default: 'auto' }),
  strings: {
    type: 'object', propertyNames: { enum: UI_KEYS },
    additionalProperties: byType('object',
      { type: 'object', propertyNames: { enum: UI_LANGUAGES }, additionalProperties: { type: 'string', maxLength: 500 } },
      { type: 'string', maxLength: 500 }),
    description: 'The site\'s words for any string of the widget: {key: text} or {key: {language: text}}; keys as in ' +
      'wasm-glue/runtime/locales/en.json ("{name}", "{count}" are filled in; plural forms are the table\'s)',
    'x-ts': 'Partial<Record<ParleyUiStringKey, string | Partial<Record<ParleyUiLanguage, string>>>>',
  },
  consent: choice(['not_required', 'required'], 'required: nothing is stored before Parley.setConsent(true)', { default: 'not_required' }),
  theme: ref('ParleyThemeConfig'),
  visits: closed({
    cookie: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'parley_visits',
              description: 'The page-view counter cookie; "timesPageVisited" shares the seed script\'s own' },
    scope: choice(['site', 'page'], 'Count for the whole site, or per path', { default: 'site' }),
    days: number(1, 3650, 'Life of the visitor cookies', { default: 365 }),
  }, { description: 'Counting page views (pageViews) and sessions (visits)' }),
  session: closed({ idleMinutes: number(1, 24 * 60, 'A session ends after this long without activity', { default: 30 }) },
                  { description: 'Sessions (visits, timeOnSite)' }),
  transport: ref('ParleyTransportConfig'),
  launcher: ref('ParleyLauncherConfig'),
  video: ref('ParleyVideoConfig'),
  satisfaction: flag('Ask for a rating after a conversation', { default: false }),
  prechat: closed({ questions: { type: 'array', maxItems: 20, items: ref('ParleyPrechatQuestion'), description: 'At most 20' } },
                  { required: ['questions'], description: 'The pre-chat survey' }),
  exitIntent: closed({
    minDwell: number(0, 3600 * 1000, 'ms on the page before exit intent counts', { default: 2000 }),
    touchWindow: number(0, 600 * 1000, 'Touch devices: ms exitIntent stays true after returning to the page', { default: 5000 }),
  }, { description: 'When exitIntent counts' }),
  trace: flag('One console trace per rule evaluation (also data-lcw-version="test")', { default: false }),
  rules: { type: 'array', items: ref('ParleyRule'), description: 'Proactive invitations, highest priority first' },
}, { description: "Parley's config: data-config, the inline #parley-config script or Parley.configure()." });

export const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Parley config',
  ...ParleyConfig,
  $defs: {
    ParleyText,
    ParleyChannel: choice(['chat', 'video', 'chat+video'], 'Which buttons the invitation shows; video falls back to chat when no video agent is free', { default: 'chat' }),
    ParleyCameraMode: choice(['classic', 'one_way', 'off_by_default'],
      "The site's camera policy for the visitor: classic asks for the camera and microphone on joining (the camera can be " +
      'turned off and on); one_way never asks for the camera (the visitor receives video and sends sound only); ' +
      'off_by_default asks for the microphone, and for the camera when the visitor turns it on', { default: 'classic' }),
    ParleyWeekdayName: { enum: WEEKDAYS.flatMap((d) => [d.slice(0, 3), d]), 'x-ts-only': true },
    ParleyUiStringKey: { enum: UI_KEYS, description: 'A string of the widget (wasm-glue/runtime/locales/en.json)', 'x-ts-only': true },
    ParleyUiLanguage: { enum: UI_LANGUAGES, description: 'A language the widget speaks', 'x-ts-only': true },
    ParleyWeekday: { description: 'A weekday, in any case', 'x-ts': 'ParleyWeekdayName | Capitalize<ParleyWeekdayName> | Uppercase<ParleyWeekdayName>', 'x-ts-only': true },
    ParleyContextEntry,
    ParleyContext,
    ParleyCondition,
    ParleyAllCondition: closed({ all: { type: 'array', items: ref('ParleyCondition'), description: 'True when every one is' } }, { required: ['all'] }),
    ParleyAnyCondition: closed({ any: { type: 'array', items: ref('ParleyCondition'), description: 'True when one is' } }, { required: ['any'] }),
    ParleyNotCondition: closed({ not: { ...ref('ParleyCondition'), description: 'True when it is false (an unknown fact makes a test false)' } }, { required: ['not'] }),
    ParleyFactTest,
    ...tsOperatorDefs(),
    ParleyInvite,
    ParleyFrequency,
    ParleyAfterDecline,
    ParleyRule,
    ParleyTransportConfig,
    ParleyThemeConfig,
    ParleyLauncherConfig,
    ParleyVideoConfig,
    ParleyPrechatQuestion,
  },
};
