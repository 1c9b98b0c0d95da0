#include "panels/rules_panel.hpp"

#include <string>

#include "console/time_text.hpp"
#include "imgui.h"
#include "panels/ui_text.hpp"

namespace parley::console {
namespace {

std::string headline(const RuleRow& rule) {
  std::string state = rule.armed ? "armed" : rule.value ? "true" : "false";
  if (!rule.held_back.empty()) state = "held back";
  if (rule.last_outcome && rule.last_outcome->kind == "fired" && rule.fired_this_page > 0) state = "fired";
  return rule.id + "  (priority " + std::to_string(rule.priority) + ", " + rule.channel + "): " + state;
}

void draw_tree(const RuleRow& rule, double now_ms) {
  if (rule.tree.empty()) {
    ui::muted("No condition: always true.");
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
  if (!ImGui::BeginTable("tree", 3, kFlags)) return;
  ImGui::TableSetupColumn("Condition", ImGuiTableColumnFlags_None, 3.0f);
  ImGui::TableSetupColumn("Now", ImGuiTableColumnFlags_None, 0.8f);
  ImGui::TableSetupColumn("May change", ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableHeadersRow();
  for (const RuleTreeRow& row : rule.tree) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    float indent = static_cast<float>(row.depth) * ImGui::GetFontSize();
    if (indent > 0) ImGui::Indent(indent);  // Indent(0) would mean the default spacing
    ui::wrapped(row.label);
    if (indent > 0) ImGui::Unindent(indent);
    ImGui::TableNextColumn();
    ui::truth(row.value);
    ImGui::TableNextColumn();
    if (row.next_change_ms) ui::text(format_time_left(row.next_change_ms, now_ms));
    else ui::muted("on an event");
  }
  ImGui::EndTable();
}

}  // namespace

void RulesPanel::draw(const PageSnapshot& page) {
  if (!page.rules_paused.empty()) ui::text("Rules paused: " + page.rules_paused, ui::kWarnColor);
  if (!page.do_not_disturb.empty()) ui::text("Do not disturb: " + page.do_not_disturb, ui::kWarnColor);
  if (page.rules.empty()) {
    ui::muted("No rule in the config. (Host invitations through startProactiveChat still show.)");
    return;
  }
  for (std::size_t index = 0; index < page.rules.size(); ++index) {
    const RuleRow& rule = page.rules[index];
    ImGui::PushID(static_cast<int>(index));
    ImGui::PushStyleColor(ImGuiCol_Text, rule.value ? ui::kTrueColor : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    bool open = ImGui::CollapsingHeader(ui::widget_label(headline(rule), "rule").c_str(), ImGuiTreeNodeFlags_DefaultOpen);
    ImGui::PopStyleColor();
    if (open) {
      ImGui::Indent();
      draw_tree(rule, page.now_ms);
      ui::text("Frequency: " + rule.frequency + (rule.cap_reached ? " (cap reached)" : ""));
      if (rule.next_allowed_ms) ui::text("May fire again " + format_time_left(rule.next_allowed_ms, page.now_ms));
      ui::text("After a decline: " + rule.after_decline + ". Fired on this page view: " + std::to_string(rule.fired_this_page));
      if (!rule.held_back.empty()) ui::text("Held back now: " + rule.held_back, ui::kWarnColor);
      if (rule.last_outcome) {
        ui::wrapped("Last: " + rule.last_outcome->kind + ", " + rule.last_outcome->reason + " (" +
                    format_time_ago(rule.last_outcome->at_ms, page.now_ms) + ")");
      } else {
        ui::muted("Last: it has not fired, been held back or skipped on this page yet.");
      }
      ImGui::Unindent();
      ImGui::Spacing();
    }
    ImGui::PopID();
  }
}

}  // namespace parley::console
