#include "panels/timeline_panel.hpp"

#include <string>

#include "console/time_text.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "panels/json_tree.hpp"
#include "panels/ui_text.hpp"

namespace parley::console {
namespace {

constexpr std::size_t kPreviewBytes = 160;

std::string preview(const std::string& detail) {
  if (detail.size() <= kPreviewBytes) return detail;
  std::size_t cut = kPreviewBytes;
  while (cut > 0 && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
  return detail.substr(0, cut) + "...";
}

}  // namespace

void TimelinePanel::draw(Timeline& timeline) {
  ImGui::Checkbox("Events in", &filter.events_in);
  ImGui::SameLine();
  ImGui::Checkbox("Actions out", &filter.actions_out);
  ImGui::SameLine();
  ImGui::Checkbox("Errors only", &filter.errors_only);
  ImGui::SameLine();
  ImGui::Checkbox("Hide tick/render", &filter.hide_ticks);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputTextWithHint("##timeline-text", "filter: type or content", &filter.text);
  ImGui::SameLine();
  ImGui::Checkbox("Follow", &follow);
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    timeline.clear();
    selected = 0;
  }

  const auto& entries = timeline.entries();
  std::vector<std::size_t> rows = timeline.filtered(filter);
  double origin = entries.empty() ? 0 : entries.front().at_ms;
  ui::muted(std::to_string(rows.size()) + " of " + std::to_string(entries.size()) + " entries (times from the first kept)");

  const TimelineEntry* shown = nullptr;
  float list_height = ImGui::GetContentRegionAvail().y * (selected ? 0.6f : 1.0f);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                     ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("timeline", 4, kFlags, ImVec2(0, list_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time");
    ImGui::TableSetupColumn("Dir");
    ImGui::TableSetupColumn("Type");
    ImGui::TableSetupColumn("Content", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const TimelineEntry& entry = entries[rows[static_cast<std::size_t>(row)]];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(entry.seq));
        if (ImGui::Selectable(format_offset(entry.at_ms, origin).c_str(), selected == entry.seq,
                              ImGuiSelectableFlags_SpanAllColumns))
          selected = selected == entry.seq ? 0 : entry.seq;
        ImGui::PopID();
        ImGui::TableNextColumn();
        ui::text(entry.direction == Direction::in ? "in  \xE2\x86\x92" : "out \xE2\x86\x90",
                 entry.direction == Direction::in ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ImVec4(0.85f, 0.70f, 1.0f, 1.0f));
        ImGui::TableNextColumn();
        ui::text(entry.type, entry.errors.empty() ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : ui::kFalseColor);
        ImGui::TableNextColumn();
        ui::muted(preview(entry.detail));
      }
    }
    if (follow && !selected) ImGui::SetScrollY(ImGui::GetScrollMaxY());
    ImGui::EndTable();
  }
  for (const TimelineEntry& entry : entries)
    if (entry.seq == selected) shown = &entry;
  if (shown == nullptr) return;
  ImGui::Separator();
  ImGui::BeginChild("entry");
  if (!shown->errors.empty()) {
    ui::text("The engine refused (part of) this event:", ui::kFalseColor);
    ui::json_tree("errors", Json::parse(shown->errors, nullptr, false), 2);
  }
  ui::json_tree(shown->type.c_str(), Json::parse(shown->detail, nullptr, false), 3);
  ImGui::EndChild();
}

}  // namespace parley::console
