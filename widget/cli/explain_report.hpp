// explain_report.hpp: what `parley-config explain` prints, the QA console's Why tab in a terminal.
//
//   At 2026-12-24T09:00:00Z (the visitor's clock: UTC+01:00), 0 ms into the page view.
//
//   Facts the rules read:
//     pageViews   3
//
//   Rules, highest priority first:
//     holiday-sale (priority 10, chat): fires: invited on chat
//       all                                                          true
//         now between "2026-12-01T00:00:00Z" and "2026-12-31T23:59:59Z"  true
//         pageViews gte 3                                            true
//
//   Result: "holiday-sale" fires: invited on chat.
//
// The rows are the console's own (console::read_page_snapshot over Engine::inspect).
#pragma once

#include <string>
#include <string_view>

#include "visit.hpp"

namespace parley::cli {

std::string explain_text(std::string_view file, const Visit& visit, const VisitOutcome& outcome);
Json explain_json(std::string_view file, const Visit& visit, const VisitOutcome& outcome);

}  // namespace parley::cli
