// console/config_editor.hpp: the config panel's model.
//
// The text being edited is checked on every change with the engine's own reader
// (parse_config), so its errors and their JSON paths are exactly those the page would report.
// "Apply" sends the text to the page's engine (Parley.configure); the page's config then becomes
// the new baseline. A config the page changes by itself is taken in, unless the user is editing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "console/page_snapshot.hpp"

namespace parley::console {

class ConfigEditor {
 public:
  // The config the page runs now (compact JSON from the hook). Replaces the text, pretty-printed
  // for editing, when it changed and the user has no edit pending.
  void load(std::string_view page_config_text);
  // The user's text: re-validated at once.
  void edit(std::string text);
  // Back to what the page runs.
  void revert();
  // What the page answered to "Apply" (its errors): the edit is now the baseline.
  void applied(std::vector<ErrorRow> page_errors);

  const std::string& text() const noexcept { return text_; }
  const std::vector<ErrorRow>& errors() const noexcept { return errors_; }
  // Not JSON at all: applying it would leave the page's config as it is.
  bool malformed() const noexcept { return malformed_; }
  bool edited() const noexcept { return edited_; }
  // The rules the reader kept (a broken rule is dropped, the rest runs).
  std::size_t rule_count() const noexcept { return rule_count_; }
  const std::vector<ErrorRow>& last_apply_errors() const noexcept { return apply_errors_; }
  bool has_applied() const noexcept { return has_applied_; }

 private:
  void validate();

  std::string page_text_;     // what the page ran when last loaded
  std::string text_;
  std::vector<ErrorRow> errors_;
  std::vector<ErrorRow> apply_errors_;
  std::size_t rule_count_ = 0;
  bool malformed_ = false;
  bool edited_ = false;
  bool has_applied_ = false;
};

// Compact config text as an editor shows it: 2-space indentation; text that is not JSON as is.
std::string pretty_json(std::string_view text);

}  // namespace parley::console
