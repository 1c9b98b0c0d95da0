// app/console_app.hpp: the console's one window.
//
//   status line      the page, its conversation state, the clock offset, the next deadline
//   quick row        exit intent, visibility, advance the clock (and their Alt shortcuts)
//   tabs             Why (rules), Facts, Timeline, Context, View model, Storage, Config,
//                    Inject, Agent desk; in desk-only mode: Agent desk and Config (check only)
//
// It owns the model (the page's snapshot, the timeline, the config editor, the desk) and the
// panels, polls the page's hook a few times a second (and at once after an action), and routes
// the keyboard shortcuts (app/shortcuts.hpp). After the panels, the desk's alerts see whether the
// agent is looking (app/desk_alerts.hpp).
#pragma once

#include <optional>
#include <vector>

#include "app/desk_alerts.hpp"
#include "app/desk_link.hpp"
#include "app/page_actions.hpp"
#include "app/shortcuts.hpp"
#include "console/agent_desk.hpp"
#include "console/config_editor.hpp"
#include "console/page_snapshot.hpp"
#include "console/timeline.hpp"
#include "panels/config_panel.hpp"
#include "panels/context_panel.hpp"
#include "panels/desk_panel.hpp"
#include "panels/facts_panel.hpp"
#include "panels/inject_panel.hpp"
#include "panels/rules_panel.hpp"
#include "panels/storage_panel.hpp"
#include "panels/timeline_panel.hpp"
#include "panels/view_model_panel.hpp"

namespace parley::console {

class ConsoleApp {
 public:
  static constexpr double kPollIntervalMs = 250;  // the page's clock facts move: refresh this often

  ConsoleApp(bool page_attached, std::string desk_id);
  // Draws one frame (between ImGui::NewFrame() and ImGui::Render()).
  void frame(const std::vector<KeyPress>& keys);

 private:
  enum class Tab { why, facts, timeline, context, view, storage, config, inject, desk, count_ };

  void poll(double now_ms);
  void handle_keys(const std::vector<KeyPress>& keys, DeskKeys& desk_keys);
  void draw_status();
  void draw_quick_row();
  void draw_tabs(double now_ms, const DeskKeys& desk_keys);
  bool tab(Tab which, const char* label);

  PageActions page_actions_;
  PageSnapshot page_;
  Timeline timeline_;
  ConfigEditor config_;
  AgentDesk desk_;
  DeskLink desk_link_;
  DeskAlerts desk_alerts_;
  bool desk_shown_ = false;  // this frame drew the Agent desk tab
  double last_poll_ms_ = -kPollIntervalMs;
  std::optional<Tab> select_tab_;
  bool open_ = true;

  RulesPanel rules_panel_;
  FactsPanel facts_panel_;
  TimelinePanel timeline_panel_;
  ContextPanel context_panel_;
  ViewModelPanel view_model_panel_;
  StoragePanel storage_panel_;
  ConfigPanel config_panel_;
  InjectPanel inject_panel_;
  DeskPanel desk_panel_;
};

}  // namespace parley::console
