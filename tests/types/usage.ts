// What a front-end developer writes against parley.d.ts, checked by tsc --strict (types.test.mjs).
// Each `@ts-expect-error TSnnnn` line is a mistake the types must refuse, with the error it must
// give: the test fails when one compiles again, or fails for another reason.
import type { ParleyConfig, ParleyCondition, ParleyEventDetail } from '../../wasm-glue/parley.js';

// ---- A config, checked key by key ----
const kbDwell: ParleyCondition = { all: [{ fact: 'url', matches: '/kb/*' }, { fact: 'timeOnPage', gte: 20000, clock: 'wall' }] };
const config: ParleyConfig = {
  $schema: '../node_modules/parley/parley.schema.json',
  locale: 'fr',
  transport: { kind: 'websocket', urls: ['wss://a.chat.example/visitor', 'wss://b.chat.example/visitor'] },
  prechat: { questions: [{ id: 'topic', type: 'choice', label: { en: 'Topic', fr: 'Sujet' }, options: ['Billing'] }] },
  rules: [
    { id: 'kb-dwell', when: kbDwell, invite: { message: 'Need a hand?', channel: 'chat+video' }, afterDecline: { hours: 24 } },
    { id: 'night', when: { fact: 'hour', between: [22, 6], zone: 'Europe/Paris' }, invite: { message: 'Hello' } },
    { id: 'weekend', when: { fact: 'weekday', in: ['sat', 'Sunday'] }, invite: { message: 'Hello' } },
    { id: 'cart', when: { fact: 'custom.cart', gte: 100 }, invite: { message: 'Hello' }, context: { Cart: { value: 120 } } },
  ],
};

// @ts-expect-error TS2561 "prechatt" is not a config key (did you mean "prechat"?)
const typo: ParleyConfig = { prechatt: {} };
// @ts-expect-error TS2322 "fax" is not a channel
const badChannel: ParleyConfig = { rules: [{ id: 'a', invite: { message: 'x', channel: 'fax' } }] };
// @ts-expect-error TS2353 "gt" does not apply to a URL
const badOperator: ParleyCondition = { fact: 'url', gt: 3 };
// @ts-expect-error TS2322 "timeOnPagee" is no fact
const badFact: ParleyCondition = { fact: 'timeOnPagee', gte: 1 };

// ---- The API: possibly not there, and checked when it is ----
const parley = window.Parley;
if (parley) {
  parley.configure(config);
  parley.configure('{"locale": "en"}');
  parley.setFact('cart', 120);
  const stop = parley.on('lcw:onMessageReceived', (detail) => console.log(detail.text.trim(), detail.conversationId));
  parley.on('ready', (detail) => console.log(detail.version));
  parley.on('error', (detail) => console.log(detail.errorCode + 1, detail.errors?.[0]?.path));
  stop();
  // @ts-expect-error TS2561 "prechatt" is not a config key (did you mean "prechat"?)
  parley.configure({ prechatt: {} });
  // @ts-expect-error TS2769 "onMesageReceived" is no event
  parley.on('onMesageReceived', () => {});
}
window.Parley?.startChat({ customContext: { Plan: { value: 'Pro', isDisplayable: true } } });
// @ts-expect-error TS18048 window.Parley is undefined before parley.js ran, and on a server
window.Parley.setFact('cart', 1);

// ---- Window events carry their detail ----
window.addEventListener('lcw:proactiveInvite', (event) => console.log(event.detail.rule ?? 'host', event.detail.channel));
window.addEventListener('lcw:connectionChanged', (event) => {
  const state: 'connecting' | 'online' | 'offline' = event.detail.state;
  console.log(state);
});
const detail: ParleyEventDetail<'lcw:startChat'> = { conversationId: 'c1', channel: 'video' };
console.log(detail, typo, badChannel, badOperator, badFact);
