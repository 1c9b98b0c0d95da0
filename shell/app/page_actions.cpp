#include "app/page_actions.hpp"

#include "app/host.hpp"
#include "console/json_access.hpp"
#include "console/time_text.hpp"

namespace parley::console {

void PageActions::inject(const Json& event) {
  if (!attached_) return;
  last_errors_ = host::dispatch(event);
  last_action_ = string_at(event, "type");
  refresh_ = true;
}

void PageActions::advance_clock(double ms) {
  if (!attached_) return;
  host::advance_clock(ms);
  last_errors_.clear();
  last_action_ = "clock +" + format_duration(ms);
  refresh_ = true;
}

std::vector<ErrorRow> PageActions::apply_config(const std::string& text) {
  if (!attached_) return {};
  last_errors_ = host::configure(text);
  last_action_ = "configure";
  refresh_ = true;
  return last_errors_;
}

}  // namespace parley::console
