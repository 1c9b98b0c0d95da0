#include "panels/view_model_panel.hpp"

#include "console/json_access.hpp"
#include "imgui.h"
#include "panels/json_tree.hpp"
#include "panels/ui_text.hpp"

namespace parley::console {

void ViewModelPanel::draw(const PageSnapshot& page) {
  if (!page.view.is_object()) {
    ui::muted("No view model yet.");
    return;
  }
  ui::text("State: " + string_at(page.view, "state") + (bool_at(page.view, "minimized") ? " (minimized)" : ""));
  if (const Json* invitation = member(page.view, "invitation"); invitation && invitation->is_object())
    ui::wrapped("Invitation on screen: " + string_at(*invitation, "message"));
  ImGui::Separator();
  ImGui::BeginChild("view");
  ui::json_tree("view", page.view, 2);
  ImGui::EndChild();
}

}  // namespace parley::console
