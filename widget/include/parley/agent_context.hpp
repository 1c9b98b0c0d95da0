// parley/agent_context.hpp: the context an agent sees when a conversation starts.
//
// It uses the Omnichannel shape, {"Key": {"value": ..., "isDisplayable": true}}, and merges
// three sources, later ones winning on a shared key: the rule's own `context` from config,
// the reason the rule fired (its id and the facts it read, with their values at that moment),
// and what the host page's context provider returned.
#pragma once

#include <string>

#include "parley/condition.hpp"
#include "parley/json_reader.hpp"

namespace parley {

inline constexpr std::size_t kMaxContextEntries = 50;
inline constexpr std::size_t kMaxContextValueBytes = 1000;

// Keeps the valid entries of an untrusted context object: a key (1 to 100 bytes) mapped to
// {value: string | number | boolean, isDisplayable?: boolean} or to a bare scalar (taken as
// displayable). Every dropped entry is an Error at its path.
Json sanitize_context(const Json& value, const std::string& path, Errors& errors);

// {"Proactive rule": {id}, "<fact>": {value}} for each fact the rule read.
Json reason_context(std::string_view rule_id, const ConditionTree& when, const FactRegistry& facts,
                    const FactState& state, double now_ms);

// Copies every entry of `from` into `into`, replacing shared keys.
void merge_context(Json& into, const Json& from);

}  // namespace parley
