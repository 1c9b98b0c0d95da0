// console/injection.hpp: the events the console injects into the page's engine.
//
// Each is an ordinary engine event (wasm-glue/PROTOCOL.md), built here so the panel stays a
// drawing and so the shapes are tested natively. The page's hook hands them to the widget's
// event loop like any browser fact: the engine cannot tell them apart, which is the point.
#pragma once

#include <string>
#include <string_view>

#include "parley/json_reader.hpp"

namespace parley::console {

enum class Availability { unknown, yes, no };  // null, true, false on the wire

Json exit_intent_event();                                   // the pointer leaves through the top edge
Json pointer_back_event();                                  // it comes back: exit intent ends
Json visibility_event(bool visible);
// A route change to `url` (relative to `page_url` when it has no scheme), with document.cookie
// so page-scoped counters read the new path's cookie, as a real route change does.
Json navigate_event(std::string_view url, std::string_view page_url, std::string_view cookies);
Json referrer_event(std::string_view url);                  // "" makes the referrer unknown
Json country_event(std::string_view code);                  // as the host would give it
Json custom_fact_event(std::string_view name, std::string_view value_text);
Json availability_event(Availability chat, Availability video);
Json tick_event();

// What a person types for a fact value: true, false, null, a number, or else the text itself
// (quotes around it are taken off: "42" is the string 42).
Json fact_value_from_text(std::string_view text);

// `url` made absolute against `page_url`: "/kb/b", "faq.html", "?q=1" and "https://x/" forms.
std::string absolute_url(std::string_view url, std::string_view page_url);

}  // namespace parley::console
