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
 */

/** A text in the visitor's language: a plain string, or one per language. */
export type ParleyText = string | { en?: string; fr?: string };

/** The Omnichannel context shape: what the agent sees when the conversation starts. */
export type ParleyContext = Record<string, { value: string | number | boolean; isDisplayable?: boolean } | string | number | boolean>;

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

/**
 * Config `transport`: the BroadcastChannel (default, for the demo's desk in another tab) or the
 * WebSocket to parley-relay: `url`, its `/visitor` endpoint (`ws://` or `wss://`), or `urls`, 1 to
 * 8 such endpoints of the relays of one cluster when no load balancer is in front (failover: a
 * random one first, the next one at once when it fails, the backoff once all failed in a row).
 * Exactly one of `url` and `urls`.
 */
export type ParleyTransportConfig =
  | { kind?: 'broadcast'; channel?: string }
  | { kind: 'websocket'; url: string; urls?: never }
  | { kind: 'websocket'; urls: string[]; url?: never };

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

/**
 * The site's camera policy for the visitor (config `video.camera`): `classic` asks for the camera
 * and microphone on joining, the camera can be turned off and on; `one_way` never asks for the
 * camera (no toggle, the visitor receives the agent's video and sends sound only);
 * `off_by_default` asks for the microphone only and for the camera when the visitor turns it on.
 */
export type ParleyCameraMode = 'classic' | 'one_way' | 'off_by_default';

/** Config `video`. */
export interface ParleyVideoConfig {
  /** Default `classic`. */
  camera?: ParleyCameraMode;
  /** Seconds the visitor has to answer the browser's camera / microphone prompt (default 30). */
  promptTimeout?: number;
  /**
   * RTCPeerConnection's ICE servers, default none (the demo's desk runs in the same browser; calls
   * between machines need STUN, and TURN behind strict NATs). Read by the runtime from the page's
   * config (`data-config` or the inline config) and never handed to the engine.
   */
  iceServers?: RTCIceServer[];
}

/** Config `launcher`: the entry points a page shows. */
export interface ParleyLauncherConfig {
  /** The floating chat button: shown (default), hidden, or shown only while the video button is not. */
  chat?: boolean | 'fallback';
  /** The fixed video button, shown only while a video agent is free: never (default), everywhere, or on pages whose path matches one of these globs. */
  video?: boolean | string[];
}

/** `detail` of `lcw:error`. */
export interface ParleyErrorDetail {
  /**
   * 1 context or token provider failed (the chat still starts), 2 bad argument, 3 config,
   * 4 the engine did not load, 5 the engine stopped, 6 transport, 7 geo provider,
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
  configure(config: object | string): void;
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
  /** Listens to an lcw:* event ('ready' or 'lcw:ready'); returns a function that stops listening. */
  on(event: string, handler: (detail: any) => void): () => void;
  getState(): ParleyState;
  /**
   * What the engine knows and why each rule fired or not (the QA console's data, see
   * PROTOCOL.md "Inspection"); null before ready. Also opens the QA console over the page
   * (parley-console.js and .wasm are fetched from next to parley.js the first time).
   */
  inspect(): object | null;
  /** Removes the widget, its listeners, timers and transport. */
  shutdown(): void;
}

declare global {
  interface Window {
    Parley: ParleyApi;
    Microsoft: { Omnichannel: { LiveChatWidget: { SDK: LiveChatWidgetSDK } } };
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
