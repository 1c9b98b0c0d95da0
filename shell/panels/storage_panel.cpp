#include "panels/storage_panel.hpp"

#include "imgui.h"
#include "panels/json_tree.hpp"
#include "panels/ui_text.hpp"

namespace parley::console {

void StoragePanel::draw(const PageSnapshot& page) {
  ui::muted("Cookies are shown decoded (decodeURIComponent); JSON values open as trees.");
  if (page.storage.empty()) {
    ui::text("Nothing stored (consent required and not given, or storage disabled).");
    return;
  }
  for (std::size_t index = 0; index < page.storage.size(); ++index) {
    const StorageRow& row = page.storage[index];
    ImGui::PushID(static_cast<int>(index));
    ui::text(row.where + "  ", ui::kMutedColor);
    ImGui::SameLine(0, 0);
    ui::text(row.name);
    Json parsed = Json::parse(row.value, nullptr, /*allow_exceptions=*/false);
    ImGui::Indent();
    if (!parsed.is_discarded() && (parsed.is_object() || parsed.is_array())) ui::json_tree("value", parsed, 1);
    else ui::wrapped(row.value);
    ImGui::Unindent();
    ImGui::PopID();
  }
}

}  // namespace parley::console
