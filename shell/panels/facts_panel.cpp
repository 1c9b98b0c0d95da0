#include "panels/facts_panel.hpp"

#include "console/time_text.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "panels/ui_text.hpp"
#include "parley/fact.hpp"

namespace parley::console {
namespace {

bool is_clock_fact_named(std::string_view name) {
  for (const FactInfo& info : kFacts)
    if (info.name == name) return info.clock;
  return false;
}

}  // namespace

void FactsPanel::draw(const PageSnapshot& page) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  ImGui::InputTextWithHint("##facts-filter", "filter by name", &filter);
  ImGui::SameLine();
  ui::muted("Unknown facts make every test on them false.");
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("facts", 4, kFlags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Fact", ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_None, 1.2f);
  ImGui::TableSetupColumn("Comes from", ImGuiTableColumnFlags_None, 1.6f);
  ImGui::TableSetupColumn("Last set by", ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableHeadersRow();
  for (const FactRow& fact : page.facts) {
    if (!filter.empty() && fact.name.find(filter) == std::string::npos) continue;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text(fact.name);
    ImGui::TableNextColumn();
    if (fact.value == "true" || fact.value == "false") ui::truth(fact.value == "true");
    else if (fact.value == "unknown") ui::muted("unknown");
    else ui::wrapped(fact.value);
    ImGui::TableNextColumn();
    ui::wrapped(fact.source);
    ImGui::TableNextColumn();
    if (fact.last_event.empty()) {
      ui::muted(is_clock_fact_named(fact.name) ? "the clock" : "-");
    } else {
      ui::text(fact.last_event);
      if (fact.changed_at_ms) ui::tooltip(format_time_ago(*fact.changed_at_ms, page.now_ms));
    }
  }
  ImGui::EndTable();
}

}  // namespace parley::console
