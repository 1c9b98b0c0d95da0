#include "parley/conversation.hpp"

#include "parley/enum_names.hpp"

namespace parley {
namespace {

using S = ConversationState;
using T = Trigger;
using G = Guard;
using E = Effect;

// from            + trigger         [guard]            / effect                  = to
constexpr Transition kTable[] = {
    {S::Closed,        T::invite,       G::always,          E::show_invitation,      S::ProactiveChat},
    {S::ProactiveChat, T::accept,       G::needs_prechat,   E::show_prechat,         S::Prechat},
    {S::ProactiveChat, T::accept,       G::always,          E::start_conversation,   S::Loading},
    {S::ProactiveChat, T::decline,      G::always,          E::record_decline,       S::Closed},
    {S::ProactiveChat, T::expire,       G::always,          E::record_expiry,        S::Closed},
    {S::ProactiveChat, T::close,        G::always,          E::dismiss,              S::Closed},
    {S::Closed,        T::start_chat,   G::needs_prechat,   E::show_prechat,         S::Prechat},
    {S::Closed,        T::start_chat,   G::always,          E::start_conversation,   S::Loading},
    {S::ProactiveChat, T::start_chat,   G::needs_prechat,   E::show_prechat,         S::Prechat},
    {S::ProactiveChat, T::start_chat,   G::always,          E::start_conversation,   S::Loading},
    {S::Prechat,       T::submit,       G::answers_valid,   E::start_conversation,   S::Loading},
    {S::Prechat,       T::submit,       G::always,          E::show_prechat_errors,  S::Prechat},
    {S::Prechat,       T::close,        G::always,          E::dismiss,              S::Closed},
    {S::Loading,       T::agent_joined, G::always,          E::note_agent_joined,    S::Active},
    {S::Loading,       T::visitor_end,  G::always,          E::end_conversation,     S::Closed},
    {S::Loading,       T::close,        G::always,          E::end_conversation,     S::Closed},
    {S::Active,        T::agent_joined, G::always,          E::note_agent_changed,   S::Active},
    {S::Active,        T::agent_left,   G::always,          E::note_agent_left,      S::InActive},
    {S::Active,        T::visitor_end,  G::satisfaction_on, E::end_conversation,     S::Postchat},
    {S::Active,        T::visitor_end,  G::always,          E::end_conversation,     S::Closed},
    {S::Active,        T::close,        G::always,          E::end_conversation,     S::Closed},
    {S::InActive,      T::visitor_end,  G::satisfaction_on, E::none,                 S::Postchat},
    {S::InActive,      T::visitor_end,  G::always,          E::none,                 S::Closed},
    {S::InActive,      T::close,        G::always,          E::none,                 S::Closed},
    {S::Postchat,      T::rate,         G::always,          E::send_rating,          S::Closed},
    {S::Postchat,      T::close,        G::always,          E::none,                 S::Closed},
    {S::Error,         T::close,        G::always,          E::none,                 S::Closed},
};

constexpr EnumName<ConversationState> kStateNames[] = {
    {"Closed", S::Closed}, {"ProactiveChat", S::ProactiveChat}, {"Prechat", S::Prechat},   {"Loading", S::Loading},
    {"Active", S::Active}, {"InActive", S::InActive},           {"Postchat", S::Postchat}, {"Error", S::Error}};
static_assert(names_every_value(kStateNames, S::Error));
constexpr EnumName<Trigger> kTriggerNames[] = {
    {"invite", T::invite},          {"accept", T::accept},          {"decline", T::decline},
    {"expire", T::expire},          {"startChat", T::start_chat},   {"submit", T::submit},
    {"close", T::close},            {"agentJoined", T::agent_joined}, {"agentLeft", T::agent_left},
    {"visitorEnd", T::visitor_end}, {"rate", T::rate},              {"fail", T::fail}};
static_assert(names_every_value(kTriggerNames, T::fail));

}  // namespace

std::span<const Transition> transition_table() noexcept { return kTable; }

std::string_view to_string(ConversationState state) noexcept { return kStateNames[static_cast<std::size_t>(state)].first; }
std::string_view to_string(Trigger trigger) noexcept { return kTriggerNames[static_cast<std::size_t>(trigger)].first; }

bool is_busy(ConversationState state) noexcept { return state != ConversationState::Closed; }

}  // namespace parley
