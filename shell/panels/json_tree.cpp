#include "panels/json_tree.hpp"

#include <string>

#include "console/json_access.hpp"
#include "panels/ui_text.hpp"

namespace parley::console::ui {
namespace {

constexpr int kMaxDepth = 24;

void node(const std::string& key, const Json& value, int depth, int open_depth) {
  if (!value.is_object() && !value.is_array()) {
    text(key + ": ");
    ImGui::SameLine(0, 0);
    text(value.is_string() ? value.get_ref<const std::string&>() : value_text(value),
         value.is_null() ? kMutedColor : value.is_boolean() ? (value.get<bool>() ? kTrueColor : kFalseColor)
                                                            : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    return;
  }
  if (depth > kMaxDepth) {
    muted(key + ": ...");
    return;
  }
  std::string summary = key + (value.is_object() ? " {" : " [") + std::to_string(value.size()) + (value.is_object() ? "}" : "]");
  ImGui::SetNextItemOpen(depth < open_depth, ImGuiCond_Once);
  ImGui::PushID(key.c_str());
  bool open = ImGui::TreeNodeEx("node", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", summary.c_str());
  ImGui::PopID();
  if (!open) return;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) node(it.key(), *it, depth + 1, open_depth);
  } else {
    for (std::size_t i = 0; i < value.size(); ++i) node(std::to_string(i), value[i], depth + 1, open_depth);
  }
  ImGui::TreePop();
}

}  // namespace

void json_tree(const char* label, const Json& value, int open_depth) { node(label, value, 0, open_depth); }

}  // namespace parley::console::ui
