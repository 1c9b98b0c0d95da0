#include "panels/ui_text.hpp"

namespace parley::console::ui {

void text(std::string_view value) { ImGui::TextUnformatted(value.data(), value.data() + value.size()); }

void text(std::string_view value, const ImVec4& color) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text(value);
  ImGui::PopStyleColor();
}

void wrapped(std::string_view value) {
  ImGui::PushTextWrapPos(0.0f);
  text(value);
  ImGui::PopTextWrapPos();
}

void muted(std::string_view value) { text(value, kMutedColor); }

void truth(bool value) { text(value ? "\xE2\x9C\x93 true" : "\xE2\x9C\x97 false", value ? kTrueColor : kFalseColor); }

std::string widget_label(std::string_view shown, std::string_view id) {
  std::string label;
  for (char c : shown) {
    if (c == '#' && !label.empty() && label.back() == '#') label += ' ';  // "##" would start an id
    label += c;
  }
  return label + "###" + std::string(id);
}

void tooltip(std::string_view value) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
  text(value);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextUnformatted(title);
  ImGui::Separator();
}

}  // namespace parley::console::ui
