// visit.hpp: a page view described by facts, played on the engine, for `parley-config explain`.
//
// The engine learns facts only from a browser's events, so the visit becomes the events a browser
// would send (the table in visit.cpp): a pageLoad `timeOnPage` before `at`, with the cookies that
// make pageViews, visits, timeOnSite and previousPage what was asked (written by the engine's own
// encoders), then setFact, country, availability, scroll, activity and pointerLeave. The rules are
// configured only once every fact is in, and one tick at `at` evaluates them all at once: which
// rule fires, which is held back or skipped and why is the engine's own decision, read back
// through Engine::inspect (the QA console's data), never worked out again here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parley/engine.hpp"

namespace parley::cli {

// Minutes east of UTC of an IANA zone at an instant, or nullopt when this machine does not know it.
using ZoneLookup = std::function<std::optional<int>(std::string_view zone, double at_ms)>;

struct Visit {
  double at_ms = 0;
  int visitor_offset_minutes = 0;                         // the visitor's clock (hour, weekday "visitor")
  std::vector<std::pair<std::string, FactValue>> facts;   // as given: "pageViews" -> 3
  ZoneLookup zone_offset;                                  // for the zones the rules name
};

struct VisitOutcome {
  Errors config_errors;
  std::string refused;                     // a fact the visit cannot be made of, and why; then nothing else is set
  Json inspect;                            // Engine::inspect(at_ms) once the rules ran
  std::vector<std::string> read_facts;     // the facts the rules read, in the engine's order
  std::vector<std::string> notes;          // a fact the engine reads otherwise than given, a zone not known here
};

VisitOutcome play_visit(std::string_view config_text, const Visit& visit);

}  // namespace parley::cli
