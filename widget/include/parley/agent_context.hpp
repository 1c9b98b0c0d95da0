// parley/agent_context.hpp: the context an agent sees when a conversation starts.
//
// It uses the Omnichannel shape, {"Key": {"value": ..., "isDisplayable": true}}, and merges
// three sources, later ones winning on a shared key: the rule's own `context` from config,
// the reason the rule fired (its id and the facts it read, with their values at that moment),
// and what the host page's context provider returned.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "parley/condition.hpp"
#include "parley/json_reader.hpp"

namespace parley {

inline constexpr std::size_t kMaxContextEntries = 50;
inline constexpr std::size_t kMaxContextValueBytes = 1000;

// Keeps the valid entries of an untrusted context object: a key (1 to 100 bytes) mapped to
// {value: string | number | boolean, isDisplayable?: boolean} or to a bare scalar (taken as
// displayable). Every dropped entry is an Error at its path.
Json sanitize_context(const Json& value, const std::string& path, Errors& errors);

// Why a rule fired: its id ("Proactive rule") and each fact it read with its value at that moment,
// by name. Kept as values and written as text only when a conversation needs it (reason_context):
// the invitation's start path formats no fractional number, so parley.wasm needs no double
// formatter (README, "Size and speed").
using Reason = std::vector<std::pair<std::string, FactValue>>;

Reason reason_facts(std::string_view rule_id, const ConditionTree& when, const FactRegistry& facts,
                    const FactState& state, double now_ms);

// {"Proactive rule": {"value": id}, "<fact>": {"value": "<as displayed>"}}, every entry displayable.
Json reason_context(const Reason& reason);
// The reason back from what reason_context() wrote (a stored conversation): each entry's value,
// entries of another shape left out.
Reason reason_from_context(const Json& context);

// Copies every entry of `from` into `into`, replacing shared keys.
void merge_context(Json& into, const Json& from);

}  // namespace parley
