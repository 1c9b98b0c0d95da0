#include "panels/context_panel.hpp"

#include "imgui.h"
#include "panels/ui_text.hpp"

namespace parley::console {

void ContextPanel::draw(const PageSnapshot& page) {
  if (page.context.empty()) {
    ui::wrapped("No conversation has started on this page view yet. When one starts, the agent receives the rule's "
                "context, the reason it fired (the rule id and each fact it read, with its value) and what the host's "
                "context provider returns. The Why tab shows which rule would fire.");
    return;
  }
  if (!page.conversation_id.empty()) ui::text("Conversation " + page.conversation_id);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("context", 3, kFlags)) return;
  ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_None, 1.0f);
  ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_None, 2.0f);
  ImGui::TableSetupColumn("Shown to the agent", ImGuiTableColumnFlags_None, 0.8f);
  ImGui::TableHeadersRow();
  for (const ContextRow& row : page.context) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::wrapped(row.key);
    ImGui::TableNextColumn();
    ui::wrapped(row.value);
    ImGui::TableNextColumn();
    ui::text(row.displayable ? "yes" : "no (hidden)", row.displayable ? ui::kTrueColor : ui::kMutedColor);
  }
  ImGui::EndTable();
}

}  // namespace parley::console
