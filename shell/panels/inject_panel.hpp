// panels/inject_panel.hpp: events injected into the page's engine: exit intent, visibility,
// route change, advancing the clock, referrer, country, custom facts, availability.
#pragma once

#include <string>

#include "app/page_actions.hpp"
#include "console/injection.hpp"

namespace parley::console {

struct InjectPanel {
  double clock_step_s = 15;     // Alt+T advances by this
  bool page_hidden = false;     // what the console last injected
  std::string route = "/";
  std::string referrer = "https://www.contoso.com/FAQ";
  std::string country = "FR";
  std::string fact_name = "cart";
  std::string fact_value = "150";
  int chat = 0;                 // 0 unknown, 1 yes, 2 no
  int video = 0;

  void draw(const PageSnapshot& snapshot, PageActions& page);
  // The quick row at the top of the console (also the shortcuts' targets).
  void exit_intent(PageActions& page) { page.inject(exit_intent_event()); }
  void pointer_back(PageActions& page) { page.inject(pointer_back_event()); }
  void toggle_visibility(PageActions& page);
  void advance(PageActions& page) { page.advance_clock(clock_step_s * 1000); }
};

}  // namespace parley::console
