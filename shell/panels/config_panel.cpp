#include "panels/config_panel.hpp"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "panels/ui_text.hpp"

namespace parley::console {
namespace {

void error_list(const std::vector<ErrorRow>& errors) {
  for (const ErrorRow& error : errors) {
    ui::text(error.path.empty() ? "(whole config)" : error.path, ui::kWarnColor);
    ImGui::SameLine();
    ui::muted(error.code);
    ImGui::SameLine();
    ui::wrapped(error.message);
  }
}

}  // namespace

void ConfigPanel::draw(ConfigEditor& editor, PageActions& page) {
  bool can_apply = page.attached() && editor.edited() && !editor.malformed();
  ImGui::BeginDisabled(!can_apply);
  if (ImGui::Button("Apply to the page")) editor.applied(page.apply_config(editor.text()));
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.edited());
  if (ImGui::Button("Revert")) editor.revert();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (!page.attached()) ui::muted("Desk-only: no page to apply to; the text is still checked.");
  else if (editor.malformed()) ui::text("Not JSON: applying would keep the page's config.", ui::kFalseColor);
  else if (editor.edited()) ui::text("Edited, not applied.", ui::kWarnColor);
  else ui::muted("As the page runs it.");

  if (editor.errors().empty()) {
    ui::text("\xE2\x9C\x93 No problem found; " + std::to_string(editor.rule_count()) + " rule(s).", ui::kTrueColor);
  } else {
    ui::text(std::to_string(editor.errors().size()) + " problem(s); " + std::to_string(editor.rule_count()) +
                 " rule(s) would run. Each at its JSON path:",
             ui::kWarnColor);
    ImGui::BeginChild("errors", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 5.5f), true);
    error_list(editor.errors());
    ImGui::EndChild();
  }
  if (editor.has_applied() && !editor.edited()) {
    ui::muted(editor.last_apply_errors().empty() ? "The page took the last apply without a problem."
                                                 : "The page reported, on the last apply:");
    error_list(editor.last_apply_errors());
  }

  std::string text = editor.text();
  if (ImGui::InputTextMultiline("##config", &text, ImVec2(-1, -1), ImGuiInputTextFlags_AllowTabInput)) editor.edit(text);
}

}  // namespace parley::console
