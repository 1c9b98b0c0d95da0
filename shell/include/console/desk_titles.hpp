// console/desk_titles.hpp: what the desk's list calls a conversation.
//
// The rule (README.md "Agent desk"): the visitor's name when the visitor or the host page gave one,
// else "Visitor N" (N counts the conversations this desk has seen, from 1), never the raw id alone.
//   1. the pre-chat survey's answers, in the survey's order (the visitor typed it), then
//   2. the host's context provider's displayable entries, in their order;
//   in each, a key (the survey's label or id, the context's key) names the visitor when, lower-cased
//   with spaces, "-", "_" and "." removed, it is one of kNameKeys; a full name beats a first name.
// Names are untrusted: control and bidi-override characters go, runs of spaces become one, and the
// result is clamped to kMaxTitleChars code points (an ellipsis marks the cut). A name that cleans to
// nothing does not count.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "console/agent_desk.hpp"

namespace parley::console {

inline constexpr std::size_t kMaxTitleChars = 40;

// Most preferred first: whole names, then first names.
inline constexpr std::string_view kNameKeys[] = {
    "fullname", "name",      "visitorname", "customername", "displayname", "yourname", "nomcomplet",
    "votrenom", "nom",       "nombre",      "firstname",    "givenname",   "prénom",   "votreprénom",
    "vorname",
};

// `text` without control characters (C0, DEL, C1), bidi overrides and isolates, or invalid UTF-8;
// whitespace runs made one space, trimmed; at most `max_chars` code points ("…" ends a cut).
std::string clean_visitor_text(std::string_view text, std::size_t max_chars = kMaxTitleChars);

// The visitor's name by the rule above, cleaned; nullopt when neither source gives one.
std::optional<std::string> visitor_name(const TextPairs& prechat, const TextPairs& context);
inline std::optional<std::string> visitor_name(const DeskConversation& conversation) {
  return visitor_name(conversation.prechat, conversation.context);
}

// Titles for the desk's list: the name, else "Visitor N" with N fixed the first time a
// conversation is titled (a conversation keeps its number while the desk runs).
class DeskTitles {
 public:
  std::string title(const std::string& id, const TextPairs& prechat, const TextPairs& context);
  std::string title(const DeskConversation& c) { return title(c.id, c.prechat, c.context); }
  std::string title(const QueuedConversation& q) { return title(q.id, q.prechat, q.context); }  // the relay's queue

 private:
  std::unordered_map<std::string, int> numbers_;
  int next_ = 1;
};

}  // namespace parley::console
