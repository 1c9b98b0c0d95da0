#include "parley/video_call.hpp"

#include <iterator>

#include "parley/enum_names.hpp"

namespace parley {
namespace {

using S = VideoState;
using T = VideoTrigger;
using G = VideoGuard;
using E = VideoEffect;

// from         + trigger            [guard]           / effect                   = to
constexpr VideoTransition kTable[] = {
    {S::none,      T::start,          G::always,        E::request_media,          S::requested},
    {S::none,      T::agent_invite,   G::always,        E::show_invitation,        S::invited},
    {S::ended,     T::agent_invite,   G::always,        E::show_invitation,        S::invited},
    {S::failed,    T::agent_invite,   G::always,        E::show_invitation,        S::invited},
    {S::invited,   T::agent_cancel,   G::always,        E::withdraw_invitation,    S::none},
    {S::invited,   T::decline,        G::always,        E::decline_invitation,     S::none},
    {S::invited,   T::agent_join,     G::always,        E::agent_waiting,          S::invited},
    {S::invited,   T::accept,         G::always,        E::accept_invitation,      S::requested},
    {S::requested, T::agent_join,     G::always,        E::agent_waiting,          S::requested},
    {S::requested, T::media_ready,    G::agent_in_call, E::connect,                S::connected},
    {S::requested, T::media_ready,    G::always,        E::ring,                   S::ringing},
    {S::requested, T::media_error,    G::always,        E::media_failed,           S::failed},
    {S::requested, T::prompt_timeout, G::always,        E::media_failed,           S::failed},
    {S::ringing,   T::agent_join,     G::always,        E::connect,                S::connected},
    {S::connected, T::call_failed,    G::always,        E::connection_failed,      S::ended},
    {S::requested, T::hang_up,        G::always,        E::hang_up,                S::ended},
    {S::ringing,   T::hang_up,        G::always,        E::hang_up,                S::ended},
    {S::connected, T::hang_up,        G::always,        E::hang_up,                S::ended},
    {S::failed,    T::hang_up,        G::always,        E::hang_up,                S::ended},
    {S::requested, T::agent_cancel,   G::always,        E::ended_by_agent,         S::ended},
    {S::ringing,   T::agent_cancel,   G::always,        E::ended_by_agent,         S::ended},
    {S::failed,    T::agent_cancel,   G::always,        E::ended_by_agent,         S::ended},
    {S::requested, T::agent_hang_up,  G::always,        E::ended_by_agent,         S::ended},
    {S::ringing,   T::agent_hang_up,  G::always,        E::ended_by_agent,         S::ended},
    {S::connected, T::agent_hang_up,  G::always,        E::ended_by_agent,         S::ended},
    {S::failed,    T::agent_hang_up,  G::always,        E::ended_by_agent,         S::ended},
    {S::requested, T::queued,         G::always,        E::fall_back_to_chat,      S::ended},
    {S::ringing,   T::queued,         G::always,        E::fall_back_to_chat,      S::ended},
    {S::failed,    T::retry,          G::always,        E::request_media,          S::requested},
    {S::invited,   T::chat_over,      G::always,        E::chat_over,              S::none},
    {S::requested, T::chat_over,      G::always,        E::chat_over,              S::none},
    {S::ringing,   T::chat_over,      G::always,        E::chat_over,              S::none},
    {S::connected, T::chat_over,      G::always,        E::chat_over,              S::none},
    {S::failed,    T::chat_over,      G::always,        E::chat_over,              S::none},
    {S::ended,     T::chat_over,      G::always,        E::none,                   S::none},
};

constexpr EnumName<VideoState> kStateNames[] = {
    {"none", S::none},           {"invited", S::invited}, {"requested", S::requested}, {"ringing", S::ringing},
    {"connected", S::connected}, {"failed", S::failed},   {"ended", S::ended}};
static_assert(names_every_value(kStateNames, S::ended));
constexpr EnumName<VideoTrigger> kTriggerNames[] = {
    {"start", T::start},           {"agentInvite", T::agent_invite},     {"agentCancel", T::agent_cancel},
    {"agentJoin", T::agent_join},  {"agentHangUp", T::agent_hang_up},   {"accept", T::accept},
    {"decline", T::decline},       {"mediaReady", T::media_ready},      {"mediaError", T::media_error},
    {"promptTimeout", T::prompt_timeout}, {"callFailed", T::call_failed}, {"hangUp", T::hang_up},
    {"retry", T::retry},           {"chatOver", T::chat_over},          {"queued", T::queued}};
static_assert(names_every_value(kTriggerNames, T::queued));

// Every trigger that can end a call, in VideoTrigger order; the rest end none.
constexpr VideoEnd kEnds[] = {
    {},                        // start
    {},                        // agent_invite
    {"agent", "cancelled"},    // agent_cancel: withdrew the invitation, or gave up before joining
    {},                        // agent_join
    {"agent", "hangUp"},       // agent_hang_up
    {},                        // accept
    {"visitor", "declined"},   // decline
    {},                        // media_ready
    {},                        // media_error: the call waits in failed for the visitor
    {},                        // prompt_timeout: likewise
    {"error", "connection"},   // call_failed: the peer connection broke
    {"visitor", "hangUp"},     // hang_up
    {},                        // retry
    {"chat", "chatEnded"},     // chat_over
    {"agent", "queued"},       // queued: no video agent after all, the chat waits instead
};
static_assert(std::size(kEnds) == static_cast<std::size_t>(VideoTrigger::queued) + 1);

}  // namespace

std::span<const VideoTransition> video_transition_table() noexcept { return kTable; }

std::string_view to_string(VideoState state) noexcept { return kStateNames[static_cast<std::size_t>(state)].first; }
std::string_view to_string(VideoTrigger trigger) noexcept { return kTriggerNames[static_cast<std::size_t>(trigger)].first; }
std::optional<VideoState> video_state_named(std::string_view name) noexcept { return value_named(kStateNames, name); }
std::optional<VideoTrigger> video_trigger_named(std::string_view name) noexcept { return value_named(kTriggerNames, name); }

VideoEnd video_end_of(VideoTrigger trigger) noexcept { return kEnds[static_cast<int>(trigger)]; }

bool call_on(VideoState state) noexcept { return state != VideoState::none && state != VideoState::ended; }

bool holds_media(VideoState state) noexcept {
  return state == VideoState::requested || state == VideoState::ringing || state == VideoState::connected;
}

}  // namespace parley
