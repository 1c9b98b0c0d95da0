// conversation.start as stored and as agents see it (RELAY.md §4): the site's authToken is checked
// here and only its outcome travels on (claims as `auth.<claim>` context entries, `Signed in`);
// the token itself is removed before anything is stored or sent.
#include "router_state.hpp"

namespace parley::relay {
namespace {

Json displayable(std::string value) { return Json{{"value", std::move(value)}, {"isDisplayable", true}}; }

// A claim's value as text: strings as they are, anything else as its JSON.
std::string claim_text(const Json& value) {
  if (const auto* text = value.get_ptr<const std::string*>()) return *text;
  return to_json_text(value);
}

Json member_or(const Json& object, std::string_view key, Json fallback) {
  auto it = object.find(key);
  return it == object.end() ? fallback : *it;
}

}  // namespace

Json start_as_agents_see_it(const Json& body, const Credentials& credentials, double now_ms) {
  Json start = body;
  auto token = start.find("authToken");
  if (token == start.end()) return start;

  Credentials::JwtResult verdict;
  if (const auto* text = token->get_ptr<const std::string*>())
    verdict = credentials.verify_jwt(*text, now_ms);
  else
    verdict.reason = "not a string";
  start.erase("authToken");

  auto context = start.find("context");
  if (context == start.end() || !context->is_object()) start["context"] = Json::object();
  Json& entries = start["context"];
  if (verdict.valid) {
    Json claims = Json::parse(verdict.claims_json, nullptr, /*allow_exceptions=*/false);
    if (claims.is_object())
      for (auto claim = claims.begin(); claim != claims.end(); ++claim)
        entries["auth." + claim.key()] = displayable(claim_text(claim.value()));
    entries["Signed in"] = displayable("yes");
  } else {
    entries["Signed in"] = displayable("no (" + (verdict.reason.empty() ? std::string("refused") : verdict.reason) + ")");
  }
  return start;
}

std::string queue_entry_json(const Conversation& conversation) {
  Json start = Json::parse(conversation.record.start_json, nullptr, /*allow_exceptions=*/false);
  if (!start.is_object()) start = Json::object();
  Json entry = {{"conversationId", conversation.record.id},
                {"channel", std::string(conversation.routed_channel())},
                {"since", conversation.record.created_ms},
                {"context", member_or(start, "context", Json::object())},
                {"prechat", member_or(start, "prechat", Json::array())},
                {"locale", member_or(start, "locale", nullptr)},
                {"url", member_or(start, "url", nullptr)}};
  return to_json_text(entry);
}

}  // namespace parley::relay
