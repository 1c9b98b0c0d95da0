// Typing, both ways, on the desk's side (TRANSPORT.md §3, "Typing and read"). Written from the
// document alone, like the rest of the desk: no code shared with the widget.
//
// createTypingSignal: the agent's own typing, throttled: "on" when typing starts and again at
// most every 3 s while it goes on, "off" when the reply is sent or cleared, the reply box loses
// focus, or no key was pressed for 5 s.
// createTypingWatch: the visitors' typing: shown until their "off", their next message, or 6 s
// after their last "on" (a lost "off" must not leave it up).

export const TYPING_REPEAT_MS = 3000;
export const TYPING_IDLE_MS = 5000;
export const TYPING_TIMEOUT_MS = 6000;

export function createTypingSignal({ send, now = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout }) {
  let on = false;
  let sentAt = -Infinity;
  let idle = null;
  function stopped() {
    if (idle !== null) clearTimer(idle);
    idle = null;
    if (!on) return;
    on = false;
    send('off');
  }
  function typed(hasText) {
    if (!hasText) return stopped();
    if (idle !== null) clearTimer(idle);
    idle = setTimer(stopped, TYPING_IDLE_MS);
    if (on && now() - sentAt < TYPING_REPEAT_MS) return;
    on = true;
    sentAt = now();
    send('on');
  }
  return { typed, stopped };
}

// changed(): called when what shows changes (a conversation's typing started or timed out).
export function createTypingWatch({ changed, now = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout }) {
  const until = new Map();   // conversationId -> ms
  const timers = new Map();
  function set(conversationId, state) {
    clearTimer(timers.get(conversationId));
    timers.delete(conversationId);
    if (state !== 'on') {
      if (until.delete(conversationId)) changed();
      return;
    }
    until.set(conversationId, now() + TYPING_TIMEOUT_MS);
    timers.set(conversationId, setTimer(() => set(conversationId, 'off'), TYPING_TIMEOUT_MS));
    changed();
  }
  return {
    set,
    typing: (conversationId) => (until.get(conversationId) || 0) > now(),
  };
}
