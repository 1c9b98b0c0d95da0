/**
 * Parley: the public API of parley.js, as a site's page scripts see it.
 *
 *   <script src="/parley/parley.js" data-config="/parley/config.json" async></script>
 *
 * Loading parley.js defines `window.Parley` and, unless the page already has one,
 * `Microsoft.Omnichannel.LiveChatWidget.SDK` (a compatible facade). Nothing else is added to
 * `window`. Methods may be called at once: calls made before the widget is ready are queued and
 * run, in order, right after `lcw:ready` has been dispatched. No method throws: a bad argument fires `lcw:error`
 * (`errorCode` 2) with a message naming the argument, and the call does nothing.
 *
 * `window.Parley` is `undefined` until parley.js has run (and always on a server): write
 * `window.Parley?.setFact(...)`. The facade is declared as always there, so the page scripts of
 * Microsoft's documentation compile as written; they run in `lcw:ready` handlers, where it is.
 * The config's types (`ParleyConfig` and its parts) are generated from widget/schema/.
 */

/** What `startProactiveChat` shows (Omnichannel's NotificationUIConfig; `message` is used). */
export interface NotificationUIConfig {
  message: ParleyText;
}

export interface ProactiveChatOptions {
  /** Which buttons the invitation offers. Video falls back to chat when no video agent is free. */
  channel?: 'chat' | 'video' | 'chat+video';
  /** Milliseconds before an unanswered invitation goes away (default 60000; 0: never). */
  expiresAfter?: number;
}

export interface AgentAvailability {
  /** False only when the transport says no chat agent is available (a chat can wait). */
  isAgentAvailable: boolean;
  /** true, false, or null while unknown. */
  chat: boolean | null;
  video: boolean | null;
}

/** A transport to the agents: `send` each message, call the `onMessage` callback with theirs. */
export interface ParleyTransport {
  send(message: object): void;
  onMessage(callback: (message: object) => void): void;
  /**
   * Optional: the transport tells the state of its connection on every change (and at once when
   * it is not online). A transport without it is taken as always online.
   */
  onConnection?(callback: (state: ParleyConnectionState) => void): void;
  close?(): void;
}

/**
 * The wire to the agents: `connecting` (the WebSocket is opening, or waiting for the relay's
 * welcome), `online`, `offline` (closed, a reconnection is scheduled). The BroadcastChannel is
 * always `online`.
 */
export type ParleyConnectionState = 'connecting' | 'online' | 'offline';

/** The conversation states, as in the Omnichannel widget. */
export type ParleyConversationState =
  | 'Closed' | 'ProactiveChat' | 'Prechat' | 'Loading' | 'Active' | 'InActive' | 'Postchat' | 'Error';

export interface ParleyState {
  /** True once `lcw:ready` has been dispatched. */
  ready: boolean;
  /** 'Loading' before the engine runs. */
  state: ParleyConversationState;
  minimized: boolean;
}

/**
 * Why the visitor's camera or microphone could not be used: the browser or the visitor refused
 * (`denied`), there is none (`no_device`), another application holds it (`busy`), nobody answered
 * the browser's prompt within `video.promptTimeout` seconds (`timeout`), anything else (`failed`).
 */
export type ParleyMediaErrorReason = 'denied' | 'no_device' | 'busy' | 'timeout' | 'failed';

/**
 * `lcw:videoEnded`'s detail: fired once per call, whichever way it ends (PROTOCOL.md, "Video").
 * A call is on from its invitation (`lcw:videoInvite`) or the visitor's video request
 * (`lcw:startChat` with `channel: "video"`). `by: 'error'` with a media reason: the camera or
 * microphone could not be had, and the visitor closed the error or the agent's new invitation
 * replaced the call (a media error alone is no end: the call waits with "Try again"). `reload`:
 * fired by the next page of the tab, after `lcw:ready`.
 */
export type ParleyVideoEnded = { callId: string } & (
  | { by: 'visitor'; reason: 'declined' | 'hangUp' | 'reload' }
  | { by: 'agent'; reason: 'cancelled' | 'hangUp' | 'queued' }
  | { by: 'error'; reason: 'connection' | ParleyMediaErrorReason }
  | { by: 'chat'; reason: 'chatEnded' }
);

/** `detail` of `lcw:error`. */
export interface ParleyErrorDetail {
  /**
   * 1 context or token provider failed (the chat still starts), 2 bad argument, 3 config,
   * 4 the engine did not load, 5 the engine stopped, 6 transport, 7 geo provider or geocoder (or parley-geo.js did not load),
   * 9 camera or microphone (`reason` says what went wrong).
   * 10 the QA console cannot run here (no WebAssembly or WebGL2 on this page, or its files are missing).
   * 11 the host page keeps something from Parley: `window.Parley` read-only, a frozen `window.Microsoft`,
   * or a page URL over 2048 bytes (kept shortened; `errors` says how). README, "Built-ins Parley needs".
   */
  errorCode: number;
  errorDescription: string;
  /** errorCode 9 only: why the camera or microphone could not be used. */
  reason?: ParleyMediaErrorReason;
  /** Config and engine errors: each with a JSON pointer into what was given. */
  errors?: Array<{ code: string; message: string; path: string }>;
}

/** The Omnichannel-compatible methods (Microsoft.Omnichannel.LiveChatWidget.SDK). */
export interface LiveChatWidgetSDK {
  /**
   * Shows an invitation now: the host's decision, so no rule, frequency cap or do-not-disturb
   * applies; refused (lcw:error) while another invitation or a conversation is on screen.
   * @param notificationUIConfig `{message}` or the message itself.
   * @param showPrechat Show the pre-chat survey after accepting. Omitted means false, as in the
   *   current Omnichannel widget.
   * @param options Omnichannel's `inNewWindow` (a boolean, ignored) or Parley's options.
   */
  startProactiveChat(notificationUIConfig: NotificationUIConfig | string, showPrechat?: boolean,
                     options?: ProactiveChatOptions | boolean): void;
  /** Opens the chat (the pre-chat survey first when the config has one). */
  startChat(options?: { customContext?: ParleyContext; channel?: 'chat' | 'video' }): void;
  /** Closes the invitation or ends the conversation. */
  closeChat(): void;
  /**
   * The function Parley calls when a conversation starts; it returns (or resolves to) the
   * context the agent sees, merged with the reason the invitation fired. If it throws or returns
   * something else than an object, lcw:error (errorCode 1) fires and the chat starts without it.
   */
  setContextProvider(provider: () => ParleyContext | Promise<ParleyContext>): void;
  getContextProvider(): (() => ParleyContext | Promise<ParleyContext>) | null;
  removeContextProvider(): void;
  /** Resolves to the agents' availability; also fires lcw:getAgentAvailability. */
  getAgentAvailability(): Promise<AgentAvailability>;
  /** A token sent with the conversation start, for authenticated chat. */
  setAuthTokenProvider(provider: () => string | Promise<string>): void;
}

export interface ParleyApi extends LiveChatWidgetSDK {
  /** "0.1.0" */
  readonly version: string;
  /** Replaces the config (an object, or JSON text). Problems fire lcw:error (errorCode 3) with their JSON paths; the rest applies. */
  configure(config: ParleyConfig | string): void;
  /** Sets `custom.NAME` for rules (cart value, logged-in state...). */
  setFact(name: string, value: string | number | boolean | null): void;
  /** The host knows the visitor's country: an ISO 3166 alpha-2 code, or `{country}`, or a promise of one. It wins over any guess. */
  setGeoProvider(provider: () => string | { country: string } | Promise<string | { country: string }>): void;
  /**
   * Turns browser geolocation into a country (a code, or a country name in English or French).
   * Used only when the geolocation permission is already granted: Parley never makes the
   * browser prompt the visitor.
   */
  setReverseGeocoder(geocoder: (latitude: number, longitude: number) => string | Promise<string>): void;
  /** With `consent: "required"`, nothing is stored before `setConsent(true)`; `false` deletes what Parley stored. */
  setConsent(granted: boolean): void;
  /** Replaces the transport of the config (BroadcastChannel or WebSocket); call it right after the script tag. */
  setTransport(transport: ParleyTransport): void;
  /** Listens to an lcw:* event ('lcw:ready' or 'ready'); returns a function that stops listening. */
  on<K extends ParleyEventName>(event: K, handler: (detail: ParleyEventDetail<K>) => void): () => void;
  on<S extends ParleyShortEventName>(event: S, handler: (detail: ParleyEventDetail<`lcw:${S}`>) => void): () => void;
  getState(): ParleyState;
  /**
   * What the engine knows and why each rule fired or not (the QA console's data, see
   * PROTOCOL.md "Inspection"); null before ready. Also opens the QA console over the page
   * (parley-console.js and .wasm are fetched from next to parley.js the first time).
   */
  inspect(): object | null;
  /**
   * Removes the widget, its listeners, timers and transport. This object stays, inert (`getState()`
   * says `ready: false`, `'Closed'`); loading parley.js again (or `load()`) puts a new one, and a
   * new facade, in its place.
   */
  shutdown(): void;
}

/** The events of `on()` and `window.addEventListener`: the `lcw:*` entries of WindowEventMap below. */
export type ParleyEventName = Extract<keyof WindowEventMap, `lcw:${string}`>;
type WithoutPrefix<K> = K extends `lcw:${infer S}` ? S : never;
/** The same names without their `lcw:` prefix, as `on('ready', ...)` also takes them. */
export type ParleyShortEventName = WithoutPrefix<ParleyEventName>;
/** The `detail` of an `lcw:*` event. */
export type ParleyEventDetail<K> = K extends keyof WindowEventMap
  ? WindowEventMap[K] extends CustomEvent<infer D> ? D : never
  : never;

// ---- Generated by widget/schema/generate.mjs from config_model.mjs: edit that, not this. ----

/** A text: the same in every language, or {"en", "fr"} (a missing one borrows the other). */
export type ParleyText =
  | {
    /** English */
    en?: string;
    /** French */
    fr?: string;
  }
  | string;

/** Which buttons the invitation shows; video falls back to chat when no video agent is free. Default: "chat". */
export type ParleyChannel = 'chat' | 'video' | 'chat+video';

/** The site's camera policy for the visitor: classic asks for the camera and microphone on joining (the camera can be turned off and on); one_way never asks for the camera (the visitor receives video and sends sound only); off_by_default asks for the microphone, and for the camera when the visitor turns it on. Default: "classic". */
export type ParleyCameraMode = 'classic' | 'one_way' | 'off_by_default';

export type ParleyWeekdayName = 'mon' | 'monday' | 'tue' | 'tuesday' | 'wed' | 'wednesday' | 'thu' | 'thursday' | 'fri' | 'friday' | 'sat' | 'saturday' | 'sun' | 'sunday';

/** A string of the widget (wasm-glue/runtime/locales/en.json) */
export type ParleyUiStringKey = 'launcher' | 'acceptChat' | 'acceptVideo' | 'decline' | 'close' | 'minimize' | 'prechatTitle' | 'prechatSubmit' | 'chatTitle' | 'waiting' | 'queued' | 'agentJoined' | 'agentLeft' | 'composer' | 'send' | 'endChat' | 'ratingQuestion' | 'ratingSubmit' | 'ratingSkip' | 'unread' | 'videoButton' | 'videoInvited' | 'videoAccept' | 'videoDecline' | 'videoRequested' | 'videoRinging' | 'videoConnecting' | 'videoConnected' | 'videoEnded' | 'videoCancelled' | 'videoHangUp' | 'videoCameraOn' | 'videoCameraOff' | 'videoMute' | 'videoUnmute' | 'videoRetry' | 'videoDenied' | 'videoNoDevice' | 'videoBusy' | 'videoTimeout' | 'videoFailed' | 'videoConnectionLost' | 'videoUnavailable' | 'agentNamedJoined' | 'reconnecting' | 'agentTyping' | 'agentTypingUnnamed' | 'delivered' | 'read' | 'videoFullScreen' | 'videoExitFullScreen' | 'videoPictureInPicture';

/** A language the widget speaks */
export type ParleyUiLanguage = 'en' | 'fr' | 'de' | 'es' | 'it' | 'pt' | 'nl' | 'ar';

/** A weekday, in any case */
export type ParleyWeekday = ParleyWeekdayName | Capitalize<ParleyWeekdayName> | Uppercase<ParleyWeekdayName>;

/** A value, or {"value", "isDisplayable"} as in Omnichannel. */
export type ParleyContextEntry =
  | {
    /** What the agent reads */
    value: string | number | boolean;
    /** Shown to the agent. Default: true. */
    isDisplayable?: boolean;
  }
  | string | number | boolean;

/** What the agent sees when the conversation starts: {name: value or {value, isDisplayable}}, 50 entries at most. */
export interface ParleyContext {
  [name: string]: ParleyContextEntry;
}

/** A fact test, or {"all": [...]}, {"any": [...]}, {"not": {...}}. */
export type ParleyCondition =
  | ParleyAllCondition
  | ParleyAnyCondition
  | ParleyNotCondition
  | ParleyFactTest;

export interface ParleyAllCondition {
  /** True when every one is */
  all: ParleyCondition[];
}

export interface ParleyAnyCondition {
  /** True when one is */
  any: ParleyCondition[];
}

export interface ParleyNotCondition {
  /** True when it is false (an unknown fact makes a test false) */
  not: ParleyCondition;
}

/** {"fact": NAME, OPERATOR: OPERAND}; a boolean fact may stand alone. One operator per test. */
export type ParleyFactTest =
  | {
    fact: 'timeOnPage';
    /** timeOnPage only: visible time (default) or elapsed time. Default: "visible". */
    clock?: 'visible' | 'wall';
  } & ParleyNumberOperators
  | {
    fact: 'timeOnSite' | 'visits' | 'pageViews' | 'idle' | 'scrollDepth';
  } & ParleyNumberOperators
  | {
    fact: 'url' | 'referrer' | 'previousPage' | 'country';
  } & ParleyTextOperators
  | {
    fact: 'exitIntent' | 'available.chat' | 'available.video';
  } & ParleyBooleanOperators
  | {
    fact: 'now';
  } & ParleyDateOperators
  | {
    fact: 'hour';
    /** hour and weekday only: "visitor" (default), "UTC" or an IANA zone such as "Europe/Paris". Default: "visitor". */
    zone?: string;
  } & ParleyNumberOperators
  | {
    fact: 'weekday';
    /** hour and weekday only: "visitor" (default), "UTC" or an IANA zone such as "Europe/Paris". Default: "visitor". */
    zone?: string;
  } & ParleyWeekdayOperators
  | {
    fact: `custom.${string}`;
  } & ParleyCustomOperators;

/** Operators of timeOnPage, timeOnSite, visits, pageViews, idle, scrollDepth, hour */
export interface ParleyNumberOperators {
  /** equal */
  eq?: number;
  /** not equal (false too when the fact is unknown) */
  neq?: number;
  /** greater than */
  gt?: number;
  /** greater than or equal */
  gte?: number;
  /** less than */
  lt?: number;
  /** less than or equal */
  lte?: number;
  /** one of these values (1 to 1000) */
  in?: number[];
  /** [low, high], both included */
  between?: [number, number];
}

/** Operators of url, referrer, previousPage, country */
export interface ParleyTextOperators {
  /** equal */
  eq?: string;
  /** not equal (false too when the fact is unknown) */
  neq?: string;
  /** one of these values (1 to 1000) */
  in?: string[];
  /** glob: * and ? per URL component */
  matches?: string;
  /** contains this text */
  contains?: string;
}

/** Operators of now */
export interface ParleyDateOperators {
  /** greater than */
  gt?: string;
  /** greater than or equal */
  gte?: string;
  /** less than */
  lt?: string;
  /** less than or equal */
  lte?: string;
  /** [low, high], both included */
  between?: [string, string];
}

/** Operators of weekday */
export interface ParleyWeekdayOperators {
  /** equal */
  eq?: ParleyWeekday;
  /** not equal (false too when the fact is unknown) */
  neq?: ParleyWeekday;
  /** one of these values (1 to 1000) */
  in?: ParleyWeekday[];
  /** [low, high], both included */
  between?: [ParleyWeekday, ParleyWeekday];
}

/** Operators of exitIntent, available.chat, available.video */
export interface ParleyBooleanOperators {
  /** equal */
  eq?: boolean;
  /** not equal (false too when the fact is unknown) */
  neq?: boolean;
}

/** Operators of custom.NAME */
export interface ParleyCustomOperators {
  /** equal */
  eq?: string | number | boolean;
  /** not equal (false too when the fact is unknown) */
  neq?: string | number | boolean;
  /** greater than */
  gt?: string | number | boolean;
  /** greater than or equal */
  gte?: string | number | boolean;
  /** less than */
  lt?: string | number | boolean;
  /** less than or equal */
  lte?: string | number | boolean;
  /** one of these values (1 to 1000) */
  in?: Array<string | number | boolean>;
  /** glob: * and ? per URL component */
  matches?: string | number | boolean;
  /** contains this text */
  contains?: string | number | boolean;
  /** [low, high], both included */
  between?: [string | number | boolean, string | number | boolean];
}

export interface ParleyInvite {
  /** The invitation, in the visitor's language */
  message: ParleyText;
  channel?: ParleyChannel;
  /** Show the pre-chat survey after accepting. Default: false. */
  prechat?: boolean;
  /** ms before an unanswered invitation goes away; 0: never. Default: 60000. */
  expiresAfter?: number;
}

export interface ParleyFrequency {
  /** What the cap counts in. Default: "session". */
  per?: 'pageview' | 'session' | 'visitor';
  /** Invitations per pageview, session or visitor. Default: 1. */
  times?: number;
  /** ms between two invitations of this rule. Default: 0. */
  minInterval?: number;
}

/** After the visitor declines, no rule invites: "none", "session" (default), "forever" or {"hours": N}. Default: "session". */
export type ParleyAfterDecline =
  | {
    /** Silent this many hours */
    hours: number;
  }
  | 'none' | 'session' | 'forever';

/** A proactive invitation: it fires when "when" becomes true. */
export interface ParleyRule {
  /** Unique; names the rule in lcw:proactiveInvite and to the agent */
  id: string;
  /** Higher first; ties keep config order. Default: 0. */
  priority?: number;
  /** When to invite (none: at once) */
  when?: ParleyCondition;
  invite: ParleyInvite;
  /** Context for the agent, added to the reason the rule fired */
  context?: null | ParleyContext;
  frequency?: ParleyFrequency;
  afterDecline?: ParleyAfterDecline;
}

/** How the widget reaches the agents: the BroadcastChannel (default, for the demo's desk in another tab) or the WebSocket to parley-relay: url, its /visitor endpoint, or urls, the relays of one cluster with no load balancer in front (a random one first, the next one at once when it fails). Exactly one of url and urls. */
export type ParleyTransportConfig =
  | {
    kind?: 'broadcast';
    channel?: string;
  }
  | {
    kind: 'websocket';
    /** parley-relay's /visitor endpoint, ws:// or wss:// */
    url: string;
    urls?: never;
    channel?: string;
  }
  | {
    kind: 'websocket';
    urls: string[];
    url?: never;
    channel?: string;
  };

/** How the widget looks and whom it shows (plain CSS values, image URLs, texts). */
export interface ParleyThemeConfig {
  /** Accent colour (header, buttons, the visitor's messages). Default: "#0b6e4f". */
  color?: string;
  /** Font family. Default: "system-ui". */
  font?: string;
  /** Light, dark, or auto: the visitor's prefers-color-scheme. Default: "light". */
  mode?: 'light' | 'dark' | 'auto';
  /** The side the widget sits on; auto: the end side of its language (left in Arabic). Default: "auto". */
  position?: 'auto' | 'left' | 'right';
  /** Where the launcher sits, in CSS px */
  offset?: {
    /** px from the side edge. Default: 20. */
    x?: number;
    /** px from the bottom: above a page's own bottom bar. Default: 20. */
    y?: number;
  };
  /** The chat's header title (default: the widget's own "Chat") */
  title?: ParleyText;
  /** Under the title while nobody has answered yet: "We usually reply within minutes" */
  replyTime?: ParleyText;
  /** The name in the header until an agent says its own */
  agentName?: string;
  /** The agent's picture in the header */
  agentAvatar?: string;
  /** The site's logo in the header */
  logo?: string;
}

/** The entry points a page shows. */
export interface ParleyLauncherConfig {
  /** The floating chat button: shown, hidden, or "fallback": only while the video button is hidden. Default: true. */
  chat?: boolean | 'fallback';
  /** The video button (only while a video agent is free): never, everywhere, or on pages matching these globs. Default: false. */
  video?: string[] | boolean;
}

/** Video calls. */
export interface ParleyVideoConfig {
  camera?: ParleyCameraMode;
  /** Seconds to answer the browser's camera / microphone prompt. Default: 30. */
  promptTimeout?: number;
  /** RTCPeerConnection's ICE servers (read by the runtime, never by the engine); default none */
  iceServers?: RTCIceServer[];
}

/** One field of the pre-chat survey. */
export interface ParleyPrechatQuestion {
  /** Unique in the survey; names the answer for the agent */
  id: string;
  /** The kind of field. Default: "text". */
  type?: 'text' | 'email' | 'choice' | 'consent';
  /** A non-empty text: a string, or {"en", "fr"}. */
  label: ParleyText;
  /** An answer is needed (consent: it must be ticked). Default: false. */
  required?: boolean;
  /** "choice" only: 1 to 50 options */
  options?: ParleyText[];
}

/** Parley's config: data-config, the inline #parley-config script or Parley.configure(). */
export interface ParleyConfig {
  /** This schema, for editors; the engine ignores it */
  $schema?: string;
  /** Written by parley-config compile: the checked config in the engine's own form, read without the config reader. Never edit it: compile again after every change and every Parley upgrade */
  $compiled?: {};
  /** The widget's language; auto: the page's <html lang>, then the browser's. Default: "auto". */
  locale?: 'auto' | 'en' | 'fr' | 'de' | 'es' | 'it' | 'pt' | 'nl' | 'ar';
  /** The site's words for any string of the widget: {key: text} or {key: {language: text}}; keys as in wasm-glue/runtime/locales/en.json ("{name}", "{count}" are filled in; plural forms are the table's) */
  strings?: Partial<Record<ParleyUiStringKey, string | Partial<Record<ParleyUiLanguage, string>>>>;
  /** required: nothing is stored before Parley.setConsent(true). Default: "not_required". */
  consent?: 'not_required' | 'required';
  theme?: ParleyThemeConfig;
  /** Counting page views (pageViews) and sessions (visits) */
  visits?: {
    /** The page-view counter cookie; "timesPageVisited" shares the seed script's own. Default: "parley_visits". */
    cookie?: string;
    /** Count for the whole site, or per path. Default: "site". */
    scope?: 'site' | 'page';
    /** Life of the visitor cookies. Default: 365. */
    days?: number;
  };
  /** Sessions (visits, timeOnSite) */
  session?: {
    /** A session ends after this long without activity. Default: 30. */
    idleMinutes?: number;
  };
  transport?: ParleyTransportConfig;
  launcher?: ParleyLauncherConfig;
  video?: ParleyVideoConfig;
  /** Ask for a rating after a conversation. Default: false. */
  satisfaction?: boolean;
  /** The pre-chat survey */
  prechat?: {
    /** At most 20 */
    questions: ParleyPrechatQuestion[];
  };
  /** When exitIntent counts */
  exitIntent?: {
    /** ms on the page before exit intent counts. Default: 2000. */
    minDwell?: number;
    /** Touch devices: ms exitIntent stays true after returning to the page. Default: 5000. */
    touchWindow?: number;
  };
  /** One console trace per rule evaluation (also data-lcw-version="test"). Default: false. */
  trace?: boolean;
  /** Proactive invitations, highest priority first */
  rules?: ParleyRule[];
}

// ---- End of the generated config types. ----

/** Options of `load()`, the npm package's ES module entry. */
export interface ParleyLoadOptions {
  /** The folder parley.js, parley.wasm and parley.fallback.js are served from. Default: the module's own folder. */
  baseUrl?: string;
  /** The script's file name in `baseUrl`, such as a hashed one from manifest.json. Default: `parley.js`. */
  script?: string;
  /** The script's SRI hash (manifest.json); the tag gets `crossorigin="anonymous"` too. */
  integrity?: string;
  /** `data-*` attributes of the script tag, such as `{ 'data-config': '/parley/config.json' }`. */
  attributes?: Record<`data-${string}`, string>;
  /** Milliseconds to wait for `lcw:ready`. Default: 30000. */
  timeout?: number;
}

/** Why `load()` failed: `errorCode` 2 (a bad option), 4 (the script or engine did not load in time), 5, or 11 (no document: a server). */
export interface ParleyLoadError extends Error {
  errorCode: number;
  errorDescription: string;
}

/**
 * `import { load } from 'parley'`: adds parley.js to the page (once) and resolves with
 * `window.Parley` after `lcw:ready`; rejects with a `ParleyLoadError`. Importing the module touches
 * nothing: it is safe in server rendering, where `load()` rejects with `errorCode` 11.
 */
export declare function load(options?: ParleyLoadOptions): Promise<ParleyApi>;

/**
 * Takes the widget off the page, now or, while it is still loading, at `lcw:ready`. The last call
 * of `load()` and `shutdown()` wins (React StrictMode's mount, unmount, mount gives one widget): a
 * `load()` still in flight when `shutdown()` is called never settles, unless `load()` is called again.
 */
export declare function shutdown(): void;

declare global {
  /** Defined once parley.js has run: `undefined` before, and on a server. */
  var Parley: ParleyApi | undefined;
  /** The Omnichannel facade, as Microsoft's documentation calls it (unless the page had its own). */
  namespace Microsoft.Omnichannel.LiveChatWidget {
    const SDK: LiveChatWidgetSDK;
  }
  interface Window {
    Microsoft: typeof Microsoft;
  }
  interface WindowEventMap {
    'lcw:ready': CustomEvent<{ version: string }>;
    'lcw:error': CustomEvent<ParleyErrorDetail>;
    'lcw:proactiveInvite': CustomEvent<{ message: string; channel: 'chat' | 'video' | 'chat+video'; rule: string | null }>;
    'lcw:inviteDeclined': CustomEvent<{ rule: string | null }>;
    'lcw:inviteExpired': CustomEvent<{ rule: string | null }>;
    'lcw:startChat': CustomEvent<{ conversationId: string; channel: 'chat' | 'video' }>;
    'lcw:chatQueued': CustomEvent<{ conversationId: string }>;
    'lcw:onMessageSent': CustomEvent<{ text: string }>;
    'lcw:onMessageReceived': CustomEvent<{ text: string; conversationId: string }>;
    'lcw:threadUpdate': CustomEvent<{ state: ParleyConversationState; from: ParleyConversationState }>;
    'lcw:onMinimize': CustomEvent<{}>;
    'lcw:onMaximize': CustomEvent<{}>;
    'lcw:closeChat': CustomEvent<{}>;
    'lcw:onClose': CustomEvent<{ conversationId?: string }>;
    'lcw:getAgentAvailability': CustomEvent<AgentAvailability>;
    /** The agent invites the visitor to a video call during a chat. */
    'lcw:videoInvite': CustomEvent<{ callId: string }>;
    /** The agent is in the call; `camera`: whether the visitor's camera is on. */
    'lcw:videoStarted': CustomEvent<{ callId: string; camera: boolean }>;
    /** A call is over, once per call (the chat goes on, unless `by` is `chat`: the conversation itself ended). */
    'lcw:videoEnded': CustomEvent<ParleyVideoEnded>;
    /** The visitor's camera went on (once the browser gave it) or off. */
    'lcw:cameraChanged': CustomEvent<{ on: boolean }>;
    /**
     * The wire to the agents changed state. The chat itself says "Reconnecting…" only when it has
     * not been online for 3 seconds, so a quick reconnection shows nothing.
     */
    'lcw:connectionChanged': CustomEvent<{ state: ParleyConnectionState }>;
  }
}
