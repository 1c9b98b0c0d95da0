// console/agent_desk.hpp: the agent's side of the transport, as the console's desk plays it.
//
// The same abilities as the HTML agent desk (demo-site/agent.js): see conversations as they
// start, accept or queue them, read their context and survey answers, reply, end them, and say
// whether agents are free for chat and for video. It speaks the wire protocol of
// wasm-glue/TRANSPORT.md: envelopes {v: 1, kind: "msg" | "ack", from: "agent", ...}, every
// conversation message kept in an outbox until a visitor acknowledges it and resent with backoff
// (1 s, 2 s, 4 s ... 30 s), every visitor message acknowledged (again for a duplicate) and
// handled once per id.
//
// This is the model only: no channel, no clock. The console's JS plumbing carries envelopes
// between a BroadcastChannel and receive() / take_posts(), and passes Date.now() in. Everything
// from the channel is untrusted: checked, bounded, shown as text.
//
// Video (TRANSPORT.md "Video", console/desk_call.hpp): a video conversation is accepted with
// agent.joined then video.join; during a chat the agent invites (video.invite), joins or cancels
// while it is pending, and hangs up; the visitor's answers and devices come as video.*. The
// agent's media is the browser's: take_media() says what it must do, signal() sends its answers.
//
// Two wires, one model (DeskMode):
//   channel  the BroadcastChannel of TRANSPORT.md: this desk is the whole agent side. It answers
//            visitor.hello with availability, accepts or queues conversation.start, sends
//            agent.joined itself.
//   relay    parley-relay (relay/RELAY.md): the relay routes, the desk is one agent of a team.
//            start() sends `hello` with the token and nothing else goes out before `welcome`
//            (then the outbox and agent.status); an `error` naming an id is final for that message.
//            Conversations come as conversation.assigned (with their transcript, de-duplicated by
//            id, so a reconnect or a relay restart shows nothing twice) and go as
//            conversation.released; the relay's queue and team are state. The desk takes
//            (conversation.take), transfers (conversation.transfer) and says what it accepts
//            (agent.status); the relay sends agent.joined and availability, not the desk.
// Relay-only handling lives in model/agent_desk_relay.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "console/desk_call.hpp"
#include "console/desk_relay.hpp"
#include "parley/json_reader.hpp"

namespace parley::console {

enum class DeskMode { channel, relay };
std::string_view to_string(DeskMode mode) noexcept;          // "channel", "relay"

// released: relay mode, the conversation went to another agent (transfer or take-over).
enum class DeskStatus { waiting, queued, active, visitor_ended, ended, released };
std::string_view to_string(DeskStatus status) noexcept;     // "waiting", ..., "visitor-ended"
std::string_view status_text(DeskStatus status) noexcept;   // "Waiting for an agent", ...

struct DeskLine {
  std::string id;          // the transport message id ("" for the desk's own notes)
  std::string from;        // "visitor", "agent", "system"
  std::string text;
  double at_ms = 0;
  bool outgoing = false;   // the desk sent it (a reply, or the note of a join or an end)
  bool delivered = false;  // outgoing: a visitor tab (or the relay, once committed) acknowledged it
  std::string author;      // an agent line written by another agent (relay transcript): its name
  std::string failed;      // outgoing: why the relay refused it for good ("" when it did not)
};

struct DeskConversation {
  std::string id;
  std::string channel = "chat";
  std::vector<std::pair<std::string, std::string>> context;  // displayable entries, as text
  int hidden_context = 0;                                     // entries not displayable
  std::vector<std::pair<std::string, std::string>> prechat;  // label, answer
  std::string locale;
  std::string url;
  std::string agent_name;
  DeskStatus status = DeskStatus::waiting;
  std::vector<DeskLine> transcript;
  std::optional<int> rating;
  int unread = 0;
  double started_at_ms = 0;
  std::optional<DeskCall> call;  // the current or last video call
  double visitor_typing_until_ms = 0;  // the visitor's "on" shows until then (a lost "off" times out)
  std::string read_up_to;              // the visitor message agent.read last named
};

struct DeskCounts {
  int received = 0;    // visitor messages handled
  int duplicates = 0;  // repeated ids (acknowledged again)
  int dropped = 0;     // malformed envelopes
  int ignored = 0;     // well-formed but unknown type or bad fields (acknowledged)
  int refused = 0;     // relay mode: messages the relay refused for good (an error naming their id)
};

class AgentDesk {
 public:
  static constexpr std::size_t kMaxConversations = 200;
  static constexpr std::size_t kMaxTranscript = 1000;
  static constexpr std::size_t kMaxSeen = 1000;
  static constexpr std::size_t kMaxTextBytes = 4000;
  static constexpr std::size_t kMaxId = 256;
  static constexpr double kTypingRepeatMs = 3000;   // the agent's "on" at most this often
  static constexpr double kTypingIdleMs = 5000;     // no key this long: "off"
  static constexpr double kTypingTimeoutMs = 6000;  // a visitor's "on" shows at most this long

  // `desk_id` makes message ids unique per desk ("desk-<id>-<n>").
  explicit AgentDesk(std::string desk_id);

  // Which wire the desk speaks. Changing it empties the outbox: one wire's messages mean nothing
  // on the other. The token is kept for `hello` and never shown.
  void set_mode(DeskMode mode);
  DeskMode mode() const noexcept { return mode_; }
  void set_relay_token(std::string token) { relay_token_ = std::move(token); }

  // The desk starts (each time its wire opens). Channel: availability goes out, and what the
  // outbox holds is posted again. Relay: `hello` with the token; the outbox waits for `welcome`.
  void start(double now_ms);
  // Relay mode: the socket closed. Nothing is posted until the next start() and `welcome`.
  void disconnected();
  // One envelope from the channel (already parsed; untrusted).
  void receive(const Json& envelope, double now_ms);
  // Posts what is due again (outbox backoff); call when next_resend_ms() has come.
  void resend_due(double now_ms);
  double next_resend_ms() const;  // +infinity when the outbox is empty
  // Envelopes to post on the channel, oldest first.
  std::vector<Json> take_posts();

  // The agent's actions, on the conversation `id`. Each returns an error value when it is not
  // possible in that conversation's state (the panel disables those buttons anyway).
  Errors accept(std::string_view id, double now_ms);
  Errors queue(std::string_view id, double now_ms);
  Errors reply(std::string_view id, std::string_view text, double now_ms);
  Errors end(std::string_view id, double now_ms);
  // Video: invite during an active chat (a fresh callId), join or cancel while pending, hang up.
  Errors invite_video(std::string_view id, double now_ms);
  Errors join_video(std::string_view id, double now_ms);
  Errors cancel_video(std::string_view id, double now_ms);
  Errors hang_up(std::string_view id, double now_ms);
  // The agent's media side signals (webrtc.answer or webrtc.candidate with `fields`) on a call it
  // is in; anything else is refused.
  Errors signal(std::string_view call_id, std::string_view type, const Json& fields, double now_ms);
  // What the browser must do with the media, oldest first.
  std::vector<MediaCommand> take_media();
  Errors set_video_source(std::string_view source);  // "camera" (default), "pattern", "none"
  const std::string& video_source() const noexcept { return video_source_; }

  // Relay mode: take a queued conversation (or take over another agent's), hand one of mine to a
  // signed-in agent of the team.
  Errors take(std::string_view id, double now_ms);
  Errors transfer(std::string_view id, std::string_view agent_id, double now_ms);
  bool take_pending(std::string_view id) const;  // a conversation.take for it awaits the relay

  // Channel: availability (fire-and-forget). Relay: agent.status (state, reliable).
  void set_availability(bool chat, bool video, double now_ms);
  void set_agent_name(std::string_view name);  // at most 100 bytes kept
  void select(std::string_view id);            // clears its unread count

  // Typing and read (TRANSPORT.md, "Typing and read"; model/agent_desk_typing.cpp). The agent's
  // reply box changed (`has_text`: something is typed) or lost focus: "on" at most every 3 s,
  // "off" once; ephemeral, posted once. A reply says "off" itself.
  void reply_typed(std::string_view id, bool has_text, double now_ms);
  void reply_left(double now_ms);
  // The 5 s idle "off" when it is due; the next instant one is (+infinity: none).
  void typing_due(double now_ms);
  double next_typing_ms() const;
  bool visitor_typing(std::string_view id, double now_ms) const;
  // The conversation is on screen (selected, in a visible tab): agent.read up to the visitor's
  // last message, once per new message. Call after select() and after each receive().
  void shown(double now_ms);

  const std::vector<DeskConversation>& conversations() const noexcept { return conversations_; }  // newest first
  const DeskConversation* find(std::string_view id) const;
  const DeskConversation* selected() const { return find(selected_); }
  bool chat_available() const noexcept { return chat_available_; }
  bool video_available() const noexcept { return video_available_; }
  const std::string& agent_name() const noexcept { return agent_name_; }
  const DeskCounts& counts() const noexcept { return counts_; }
  std::size_t outbox_size() const noexcept { return outbox_.size(); }
  // Relay mode.
  RelayPhase relay_phase() const noexcept { return phase_; }
  const std::string& agent_id() const noexcept { return agent_id_; }
  const std::vector<QueuedConversation>& relay_queue() const noexcept { return queue_; }
  const std::vector<TeamAgent>& team() const noexcept { return team_; }
  const std::optional<RelayError>& last_error() const noexcept { return last_error_; }

 private:
  struct Pending {
    Json body;
    int posts = 0;
    double due_ms = 0;
  };

  DeskConversation* find_mutable(std::string_view id);
  DeskConversation& conversation_for(const std::string& id, double now_ms);
  void handle(const Json& body, double now_ms);
  bool can_post() const noexcept { return mode_ == DeskMode::channel || phase_ == RelayPhase::connected; }
  std::string send_reliable(Json body, double now_ms);
  std::string send_state(Json body, double now_ms);  // replaces an unacknowledged one of its type
  void send_availability();
  void post_pending(Pending& entry, double now_ms);
  void acknowledged(const std::string& id);
  void peer_alive(double now_ms);
  void add_line(DeskConversation& conversation, std::string from, std::string text, double now_ms,
                std::string outgoing_id = {});
  std::string next_id();
  void post_typing(bool on);
  // Video (model/agent_desk_video.cpp).
  bool handle_call(const std::string& type, const Json& body, double now_ms);
  void join_call(DeskConversation& conversation, double now_ms);
  void close_call(DeskConversation& conversation, std::string text, double now_ms, Json message = nullptr);
  DeskConversation* conversation_of_call(std::string_view call_id);
  // Relay (model/agent_desk_relay.cpp).
  void receive_relay_frame(const std::string& kind, const Json& envelope, double now_ms);
  void welcomed(const Json& envelope, double now_ms);
  void refused_by_relay(const RelayError& error, double now_ms);
  bool handle_relay(const std::string& type, const Json& body, double now_ms);
  void assigned(const Json& body, double now_ms);
  void released(const Json& body, double now_ms);
  void merge_transcript(DeskConversation& conversation, const Json* transcript, double now_ms);
  std::string team_name(std::string_view agent_id) const;

  DeskMode mode_ = DeskMode::channel;
  std::string relay_token_;
  RelayPhase phase_ = RelayPhase::offline;
  std::string agent_id_;
  std::vector<QueuedConversation> queue_;
  std::vector<TeamAgent> team_;
  std::optional<RelayError> last_error_;
  std::string desk_id_;
  std::uint64_t sequence_ = 0;
  std::string agent_name_ = "Alex";
  bool chat_available_ = true;
  bool video_available_ = false;
  std::vector<DeskConversation> conversations_;
  std::string selected_;
  std::vector<std::string> seen_;   // visitor message ids already handled, oldest first
  std::vector<Pending> outbox_;
  std::vector<Json> posts_;
  std::vector<MediaCommand> media_;
  std::string video_source_ = "camera";
  DeskCounts counts_;
  // The agent's typing: the conversation its "on" went to, when, and the last keystroke.
  std::string typing_for_;
  double typing_sent_ms_ = 0;
  double typing_key_ms_ = 0;
};

}  // namespace parley::console
