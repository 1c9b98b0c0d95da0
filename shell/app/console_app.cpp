#include "app/console_app.hpp"

#include <GLFW/glfw3.h>

#include "app/host.hpp"
#include "console/time_text.hpp"
#include "imgui.h"
#include "panels/ui_text.hpp"

namespace parley::console {

ConsoleApp::ConsoleApp(bool page_attached, std::string desk_id) : page_actions_(page_attached), desk_(std::move(desk_id)) {
  if (!page_attached) {
    // Desk-only (the agent desk page): the desk is the point, so it listens at once, on the
    // channel; given a relay (agent.html?parley-console&relay=ws://...), it waits for the token
    // instead, which only the agent types (never in the page's URL).
    std::string hint = host::desk_channel_hint();
    desk_panel_.channel = hint.empty() ? "parley" : hint;
    std::string relay = host::desk_relay_hint();
    if (relay.empty()) {
      desk_link_.open(desk_panel_.channel, desk_, host::now_ms());
    } else {
      desk_panel_.relay = true;
      desk_panel_.relay_url = relay;
      desk_panel_.relay_url_from_page = true;
      desk_panel_.focus_token = true;
    }
    select_tab_ = Tab::desk;
  }
}

void ConsoleApp::poll(double now_ms) {
  bool refresh = page_actions_.take_refresh();
  if (!page_actions_.attached() || (!refresh && now_ms - last_poll_ms_ < kPollIntervalMs)) return;
  last_poll_ms_ = now_ms;
  Json snapshot = Json::parse(host::snapshot(static_cast<double>(timeline_.last_seq())), nullptr, false);
  if (snapshot.is_discarded()) return;
  page_ = read_page_snapshot(snapshot);
  if (const Json* entries = snapshot.is_object() ? &snapshot["timeline"] : nullptr) timeline_.add(*entries);
  config_.load(page_.config_text);
  if (!desk_link_.is_open()) desk_panel_.channel = page_.transport_channel;
}

void ConsoleApp::handle_keys(const std::vector<KeyPress>& keys, DeskKeys& desk_keys) {
  bool typing = ImGui::GetIO().WantTextInput;
  for (const KeyPress& key : keys) {
    if (key.key == GLFW_KEY_ENTER || key.key == GLFW_KEY_KP_ENTER) desk_keys.enter = true;
    if (!key.alt || key.ctrl) continue;
    switch (key.key) {
      case GLFW_KEY_X: inject_panel_.exit_intent(page_actions_); break;
      case GLFW_KEY_E: inject_panel_.pointer_back(page_actions_); break;
      case GLFW_KEY_V: inject_panel_.toggle_visibility(page_actions_); break;
      case GLFW_KEY_T: inject_panel_.advance(page_actions_); break;
      case GLFW_KEY_A: desk_keys.accept = true; select_tab_ = Tab::desk; break;
      case GLFW_KEY_R: desk_keys.focus_reply = true; select_tab_ = Tab::desk; break;
      case GLFW_KEY_I: desk_keys.invite = true; select_tab_ = Tab::desk; break;
      case GLFW_KEY_J: desk_keys.join = true; select_tab_ = Tab::desk; break;
      case GLFW_KEY_C: desk_keys.cancel = true; select_tab_ = Tab::desk; break;
      case GLFW_KEY_H: desk_keys.hang_up = true; select_tab_ = Tab::desk; break;
      case GLFW_KEY_N: desk_alerts_.set_enabled(!desk_alerts_.enabled()); break;
      case GLFW_KEY_Q: open_ = false; break;
      default:
        if (key.key >= GLFW_KEY_1 && key.key <= GLFW_KEY_9 && !typing) {
          int index = key.key - GLFW_KEY_1;
          if (!page_actions_.attached()) select_tab_ = index == 0 ? Tab::desk : Tab::config;
          else if (index < static_cast<int>(Tab::count_)) select_tab_ = static_cast<Tab>(index);
        }
        break;
    }
  }
}

void ConsoleApp::draw_status() {
  if (!page_actions_.attached()) {
    ui::text("Agent desk only: this page runs no Parley widget.");
    return;
  }
  if (!page_.present) {
    ui::muted("Waiting for the page's engine...");
    return;
  }
  ui::text("State " + page_.state, page_.state == "Closed" ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : ui::kTrueColor);
  ImGui::SameLine();
  ui::muted("| clock +" + format_duration(page_.clock_offset_ms) + " | next deadline " +
            format_time_left(page_.next_deadline_ms, page_.now_ms));
  ui::muted(page_.url);
  if (!page_.config_errors.empty())
    ui::text(std::to_string(page_.config_errors.size()) + " config problem(s): see Config", ui::kWarnColor);
}

void ConsoleApp::draw_quick_row() {
  if (!page_actions_.attached()) return;
  if (ImGui::Button("Exit intent")) inject_panel_.exit_intent(page_actions_);
  ImGui::SameLine();
  if (ImGui::Button(inject_panel_.page_hidden ? "Show page" : "Hide page")) inject_panel_.toggle_visibility(page_actions_);
  ImGui::SameLine();
  std::string advance = "+" + format_duration(inject_panel_.clock_step_s * 1000);
  if (ImGui::Button(advance.c_str())) inject_panel_.advance(page_actions_);
  ImGui::SameLine();
  if (page_actions_.last_action().empty()) {
    ui::muted("Alt+X, Alt+V, Alt+T");
  } else if (page_actions_.last_errors().empty()) {
    ui::text(page_actions_.last_action() + ": ok", ui::kTrueColor);
  } else {
    const ErrorRow& error = page_actions_.last_errors().front();
    ui::text(page_actions_.last_action() + ": " + error.message + (error.path.empty() ? "" : " at " + error.path),
             ui::kFalseColor);
  }
}

bool ConsoleApp::tab(Tab which, const char* label) {
  ImGuiTabItemFlags flags = select_tab_ == which ? ImGuiTabItemFlags_SetSelected : 0;
  return ImGui::BeginTabItem(label, nullptr, flags);
}

void ConsoleApp::draw_tabs(double now_ms, const DeskKeys& desk_keys) {
  if (!ImGui::BeginTabBar("panels")) return;
  auto item = [&](Tab which, const char* label, auto&& draw) {
    if (!tab(which, label)) return;
    draw();
    ImGui::EndTabItem();
  };
  bool page = page_actions_.attached();
  if (page) {
    item(Tab::why, "Why", [&] { rules_panel_.draw(page_); });
    item(Tab::facts, "Facts", [&] { facts_panel_.draw(page_); });
    item(Tab::timeline, "Timeline", [&] { timeline_panel_.draw(timeline_); });
    item(Tab::context, "Context", [&] { context_panel_.draw(page_); });
    item(Tab::view, "View model", [&] { view_model_panel_.draw(page_); });
    item(Tab::storage, "Storage", [&] { storage_panel_.draw(page_); });
    item(Tab::config, "Config", [&] { config_panel_.draw(config_, page_actions_); });
    item(Tab::inject, "Inject", [&] { inject_panel_.draw(page_, page_actions_); });
  }
  item(Tab::desk, "Agent desk", [&] {
    desk_shown_ = true;
    desk_panel_.draw(desk_, desk_link_, now_ms, desk_keys, desk_alerts_);
  });
  if (!page) item(Tab::config, "Config", [&] { config_panel_.draw(config_, page_actions_); });
  select_tab_.reset();
  ImGui::EndTabBar();
}

void ConsoleApp::frame(const std::vector<KeyPress>& keys) {
  double now_ms = host::now_ms();
  DeskKeys desk_keys;
  handle_keys(keys, desk_keys);
  poll(now_ms);
  desk_link_.pump(desk_, now_ms);

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar;
  ImGui::Begin("Parley QA console", nullptr, kFlags);
  if (ImGui::BeginMenuBar()) {
    ImGui::TextUnformatted("Parley QA console");
    if (ImGui::BeginMenu("Keys")) {
      for (const auto& [keys_text, meaning] : kShortcutHelp) {
        ImGui::TextUnformatted(keys_text);
        ImGui::SameLine(ImGui::GetFontSize() * 8);
        ImGui::TextUnformatted(meaning);
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Close (Alt+Q)")) open_ = false;
    ImGui::EndMenuBar();
  }
  draw_status();
  draw_quick_row();
  desk_shown_ = false;
  draw_tabs(now_ms, desk_keys);
  ImGui::End();
  bool desk_looked_at = desk_shown_ && host::looking();
  desk_alerts_.update(desk_, desk_looked_at);
  // What the agent has in front of it is read (agent.read); a reply left alone stops typing.
  if (desk_looked_at) desk_.shown(now_ms);
  desk_.typing_due(now_ms);

  if (!open_) {
    open_ = true;  // shown again by Parley.inspect()
    host::close_console();
  }
}

}  // namespace parley::console
