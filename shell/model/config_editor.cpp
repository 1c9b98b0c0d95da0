#include "console/config_editor.hpp"

#include "parley/config.hpp"

namespace parley::console {

std::string pretty_json(std::string_view text) {
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::string(text);
  return value.dump(2, ' ', false, Json::error_handler_t::replace);
}

void ConfigEditor::load(std::string_view page_config_text) {
  if (page_config_text == page_text_) return;
  page_text_ = std::string(page_config_text);
  if (edited_) return;  // keep what the user is typing; revert() takes the page's
  text_ = pretty_json(page_text_);
  validate();
}

void ConfigEditor::edit(std::string text) {
  text_ = std::move(text);
  edited_ = true;
  validate();
}

void ConfigEditor::revert() {
  edited_ = false;
  text_ = pretty_json(page_text_);
  validate();
}

void ConfigEditor::applied(std::vector<ErrorRow> page_errors) {
  apply_errors_ = std::move(page_errors);
  has_applied_ = true;
  edited_ = false;
}

void ConfigEditor::validate() {
  ConfigResult result = parse_config(text_);
  errors_.clear();
  malformed_ = false;
  for (const Error& error : result.errors) {
    if (error.code == ErrorCode::malformed_json) malformed_ = true;
    errors_.push_back({std::string(to_string(error.code)), error.message, error.path});
  }
  rule_count_ = result.config.rules.size();
}

}  // namespace parley::console
