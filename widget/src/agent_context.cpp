#include "parley/agent_context.hpp"

#include "parley/civil_time.hpp"
#include "parley/decimal.hpp"

namespace parley {
namespace {

Json entry(Json value, bool displayable) {
  Json out = Json::object();
  out["value"] = std::move(value);
  out["isDisplayable"] = displayable;
  return out;
}

bool is_scalar(const Json& value) { return value.is_string() || value.is_number() || value.is_boolean(); }

}  // namespace

Json sanitize_context(const Json& value, const std::string& path, Errors& errors) {
  Json out = Json::object();
  if (!value.is_object()) {
    if (!value.is_null())
      errors.push_back({ErrorCode::wrong_type, "the context must be an object, got " + std::string(json_type_name(value)), path});
    return out;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string item_path = json_pointer_append(path, it.key());
    if (out.size() >= kMaxContextEntries) {
      errors.push_back({ErrorCode::too_large, "the context keeps its first 50 entries", item_path});
      break;
    }
    if (it.key().empty() || it.key().size() > 100) {
      errors.push_back({ErrorCode::out_of_range, "a context key has 1 to 100 bytes", item_path});
      continue;
    }
    const Json& item = *it;
    if (is_scalar(item)) {
      out[it.key()] = entry(item, true);
      continue;
    }
    if (!item.is_object()) {
      errors.push_back({ErrorCode::wrong_type, "a context entry is {value, isDisplayable}", item_path});
      continue;
    }
    auto found = item.find("value");
    if (found == item.end() || !is_scalar(*found)) {
      errors.push_back({ErrorCode::wrong_type, "\"value\" must be a string, number or boolean",
                        json_pointer_append(item_path, "value")});
      continue;
    }
    Json scalar = *found;
    if (const auto* text = scalar.get_ptr<const std::string*>(); text && text->size() > kMaxContextValueBytes)
      scalar = text->substr(0, kMaxContextValueBytes);
    bool displayable = true;
    if (auto flag = item.find("isDisplayable"); flag != item.end()) {
      if (const auto* b = flag->get_ptr<const bool*>()) displayable = *b;
      else errors.push_back({ErrorCode::wrong_type, "\"isDisplayable\" must be true or false",
                             json_pointer_append(item_path, "isDisplayable")});
    }
    out[it.key()] = entry(std::move(scalar), displayable);
  }
  return out;
}

Reason reason_facts(std::string_view rule_id, const ConditionTree& when, const FactRegistry& facts,
                    const FactState& state, double now_ms) {
  Reason reason;
  reason.reserve(when.reads.size() + 1);
  reason.emplace_back("Proactive rule", std::string(rule_id));
  for (FactId id : when.reads) {
    FactValue value;
    if (id == fact_id(BuiltinFact::hour) || id == fact_id(BuiltinFact::weekday)) {
      CivilTime civil = civil_from_epoch_ms(now_ms, state.visitor_utc_offset_minutes);
      value = id == fact_id(BuiltinFact::hour) ? decimal(civil.hour) : std::string(weekday_name(civil.weekday));
    } else if (id == fact_id(BuiltinFact::now)) {
      // Agents read dates, not epoch milliseconds; rules write `now` in ISO 8601 too.
      value = iso8601_utc(now_ms);
    } else if (is_clock_fact(id)) {
      value = state.read_clock(id, Clock::visible, now_ms).value;
    } else {
      value = state.value(id);
    }
    reason.emplace_back(facts.name(id), std::move(value));
  }
  return reason;
}

Json reason_context(const Reason& reason) {
  Json out = Json::object();
  for (const auto& [name, value] : reason) out[name] = entry(to_display_string(value), true);
  return out;
}

Reason reason_from_context(const Json& context) {
  Reason reason;
  if (!context.is_object()) return reason;
  for (auto it = context.begin(); it != context.end(); ++it) {
    if (!it->is_object()) continue;
    auto value = it->find("value");
    if (value != it->end() && value->is_string()) reason.emplace_back(it.key(), value->get<std::string>());
  }
  return reason;
}

void merge_context(Json& into, const Json& from) {
  if (!into.is_object()) into = Json::object();
  if (!from.is_object()) return;
  for (auto it = from.begin(); it != from.end(); ++it) into[it.key()] = *it;
}

}  // namespace parley
