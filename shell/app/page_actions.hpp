// app/page_actions.hpp: what panels may do to the page's engine, through its hook.
//
// Every injection goes through the widget's own event loop (the engine cannot tell it from a
// browser fact). The engine's answer is kept so the console shows it next to the buttons, and
// each action asks for a fresh snapshot at once.
#pragma once

#include <string>
#include <vector>

#include "console/page_snapshot.hpp"

namespace parley::console {

class PageActions {
 public:
  explicit PageActions(bool attached) : attached_(attached) {}

  bool attached() const noexcept { return attached_; }  // false in desk-only mode
  void inject(const Json& event);
  void advance_clock(double ms);
  std::vector<ErrorRow> apply_config(const std::string& text);

  // What the last action was and what the engine said ("exit intent: ok").
  const std::string& last_action() const noexcept { return last_action_; }
  const std::vector<ErrorRow>& last_errors() const noexcept { return last_errors_; }
  // True once after an action: the console polls the page at once.
  bool take_refresh() {
    bool refresh = refresh_;
    refresh_ = false;
    return refresh;
  }

 private:
  bool attached_;
  bool refresh_ = false;
  std::string last_action_;
  std::vector<ErrorRow> last_errors_;
};

}  // namespace parley::console
