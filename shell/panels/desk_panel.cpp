#include "panels/desk_panel.hpp"

#include <algorithm>

#include "console/time_text.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "panels/ui_text.hpp"

namespace parley::console {
namespace {

void pairs_table(const char* id, const std::vector<std::pair<std::string, std::string>>& rows, const char* empty) {
  if (rows.empty()) {
    ui::muted(empty);
    return;
  }
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  for (const auto& [key, value] : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::wrapped(key);
    ImGui::TableNextColumn();
    ui::wrapped(value);
  }
  ImGui::EndTable();
}

// The call whose visitor video floats over the console: the selected conversation's, else any the
// agent is in (nullptr: none).
const DeskCall* floating_call(const AgentDesk& desk) {
  auto joined = [](const DeskConversation* c) { return c && c->call && c->call->agent_in && c->call->state != CallState::ended; };
  if (joined(desk.selected())) return &*desk.selected()->call;
  for (const DeskConversation& c : desk.conversations())
    if (joined(&c)) return &*c.call;
  return nullptr;
}

// The reply field's callback (every frame while it is active): empties the field's own text once
// after a send (DeskPanel::clear_active_reply).
int clear_when_asked(ImGuiInputTextCallbackData* data) {
  auto* pending = static_cast<bool*>(data->UserData);
  if (*pending && data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
    data->DeleteChars(0, data->BufTextLen);
    *pending = false;
  }
  return 0;
}

std::string media_caption(const DeskCall& call) {
  return "The visitor \xE2\x80\x94 camera: " + std::string(media_text(call.visitor.camera)) +
         ", microphone: " + std::string(media_text(call.visitor.microphone));
}

}  // namespace

void DeskPanel::act(const Errors& errors) { notice = errors.empty() ? std::string() : errors.front().message; }

// The wire: open on a channel or sign in to a relay; once open, its state and how to close it.
void DeskPanel::draw_wire(AgentDesk& desk, DeskLink& link, double now_ms) {
  if (link.wire() == DeskLink::Wire::channel) {
    ui::text("Desk open on channel \xE2\x80\x9C" + link.channel() + "\xE2\x80\x9D", ui::kTrueColor);
    ImGui::SameLine();
    if (ImGui::Button("Close the desk")) link.close();
    return;
  }
  if (link.wire() == DeskLink::Wire::relay) {
    RelayPhase phase = desk.relay_phase();
    ui::text(link.relay_status(desk, now_ms),
             phase == RelayPhase::connected ? ui::kTrueColor : phase == RelayPhase::refused ? ui::kFalseColor : ui::kWarnColor);
    ImGui::SameLine();
    if (ImGui::Button("Disconnect")) {
      link.close();
      desk.disconnected();
    }
    ui::muted(link.relay_url());
    return;
  }
  if (ImGui::RadioButton("BroadcastChannel", !relay)) relay = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Relay", relay)) relay = true;
  if (!relay) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputText("##channel", &channel);
    ImGui::SameLine();
    if (ImGui::Button("Open the desk on this channel")) {
      notice = link.open(channel, desk, now_ms) ? "" : "No BroadcastChannel here: the desk cannot listen.";
    }
    ui::wrapped("One agent side per channel: close the HTML agent desk (agent.html) before opening this one.");
    return;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputTextWithHint("##relay-url", "ws://host:port/agent", &relay_url);
  if (focus_token || frame_keys_.focus_reply) {  // Alt+R: the field to type in while signing in
    ImGui::SetKeyboardFocusHere();
    focus_token = false;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  bool entered = ImGui::InputTextWithHint("##token", "Agent token (Enter connects)", &token,
                                          ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  bool token_active = ImGui::IsItemActive();
  ImGui::SameLine();
  if (ImGui::Button("Connect") || entered || (token_active && frame_keys_.enter)) act(link.open_relay(relay_url, token, desk, now_ms));
  ui::wrapped("The token goes in the relay's hello frame only, never in a URL.");
  // A link can carry any relay: the token must only go to the team's own.
  if (relay_url_from_page) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kWarnColor);
    ui::wrapped("This relay URL came with the page's address: check it is your team's relay before typing the token.");
    ImGui::PopStyleColor();
  }
}

void DeskPanel::draw_settings(AgentDesk& desk, DeskLink& link, double now_ms, DeskAlerts& alerts) {
  draw_wire(desk, link, now_ms);
  bool alerts_on = alerts.enabled();
  if (ImGui::Checkbox("Alert me: a tone and the tab's title (Alt+N)", &alerts_on)) alerts.set_enabled(alerts_on);
  ui::tooltip("New conversations and visitor messages while this page is not in front. Remembered in this browser.");
  bool on_relay = link.wire() == DeskLink::Wire::relay;
  if (!on_relay) {  // on the relay the name is the relay's (welcome)
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::InputText("Agent name", &agent_name)) desk.set_agent_name(agent_name);
    ImGui::SameLine();
  }
  bool chat = desk.chat_available();
  bool video = desk.video_available();
  ImGui::TextUnformatted(on_relay ? "I accept:" : "Available for:");
  ImGui::SameLine();
  bool changed = ImGui::Checkbox("Chat", &chat);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Video", &video);
  if (changed) desk.set_availability(chat, video, now_ms);
  // The agent's own video in the calls it joins (the HTML desk's choice; camera by default).
  ImGui::TextUnformatted("My video in calls:");
  constexpr const char* kSources[][2] = {{"camera", "Camera"}, {"pattern", "Test pattern"}, {"none", "None (audio only)"}};
  for (const auto& [source, label] : kSources) {
    ImGui::SameLine();
    if (ImGui::RadioButton(label, desk.video_source() == source)) act(desk.set_video_source(source));
  }
  const DeskCounts& counts = desk.counts();
  ui::muted(std::to_string(counts.received) + " received, " + std::to_string(desk.outbox_size()) +
            " awaiting delivery, " + std::to_string(counts.duplicates) + " duplicates, " + std::to_string(counts.dropped) +
            " malformed dropped, " + std::to_string(counts.ignored) + " ignored" +
            (on_relay ? ", " + std::to_string(counts.refused) + " refused" : std::string()));
  if (on_relay && desk.last_error())
    ui::text("The relay said " + desk.last_error()->code + ": " + desk.last_error()->message, ui::kWarnColor);
}

// The relay's queue: who waits, since when, what the visitor's context says; Take (Alt+A: the
// selected one, else the oldest).
void DeskPanel::draw_relay_lists(AgentDesk& desk, double now_ms, const DeskKeys& keys) {
  const std::vector<QueuedConversation>& queue = desk.relay_queue();
  auto selected = std::find_if(queue.begin(), queue.end(), [&](const QueuedConversation& q) { return q.id == selected_queued; });
  std::string take_id = selected != queue.end() ? selected->id : queue.empty() ? "" : queue.front().id;
  std::string take_now = keys.accept ? take_id : "";
  std::string header = "Queue (" + std::to_string(queue.size()) + ")###queue";
  if (ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    if (queue.empty()) ui::muted("Nobody is waiting.");
    else if (ImGui::BeginTable("queue", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      for (std::size_t index = 0; index < queue.size(); ++index) {
        const QueuedConversation& q = queue[index];
        ImGui::PushID(static_cast<int>(index));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::string shown = (q.channel == "video" ? "Video: " : "Chat: ") + titles_.title(q) + "\n" +
                            (q.since_ms > 0 ? "waiting for " + format_duration(std::max(now_ms - q.since_ms, 0.0)) : std::string("waiting"));
        if (ImGui::Selectable(ui::widget_label(shown, "q").c_str(), q.id == take_id, 0, ImVec2(0, ImGui::GetTextLineHeight() * 2)))
          selected_queued = q.id;
        ImGui::TableNextColumn();
        std::string about;
        for (const auto& [key, value] : q.context) about += key + ": " + value + "\n";
        for (const auto& [label, value] : q.prechat) about += label + ": " + value + "\n";
        if (!q.url.empty()) about += q.url;
        ui::wrapped(about.empty() ? "No context." : about);
        ImGui::TableNextColumn();
        bool pending = desk.take_pending(q.id);
        ImGui::BeginDisabled(pending);
        if (ImGui::Button(pending ? "Taking\xE2\x80\xA6" : "Take (Alt+A)")) take_now = q.id;
        ImGui::EndDisabled();
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  if (!take_now.empty()) act(desk.take(take_now, now_ms));
  draw_team(desk, desk.selected(), now_ms);
}

// The team: who is signed in, what each accepts and carries; Transfer hands them the selected
// conversation (a person decided: the relay lets it pass their limit).
void DeskPanel::draw_team(AgentDesk& desk, const DeskConversation* mine, double now_ms) {
  const std::vector<TeamAgent>& team = desk.team();
  std::string header = "Team (" + std::to_string(std::count_if(team.begin(), team.end(), [](const TeamAgent& a) { return a.online; })) +
                       " signed in)###team";
  if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (team.empty()) {
    ui::muted("The relay has not told the team yet.");
    return;
  }
  bool can_transfer = mine != nullptr && mine->status == DeskStatus::active;
  std::string conversation_id = mine ? mine->id : "";
  std::string transfer_to;
  if (!ImGui::BeginTable("team", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  for (std::size_t index = 0; index < team.size(); ++index) {
    const TeamAgent& agent = team[index];
    bool me = agent.id == desk.agent_id();
    ImGui::PushID(static_cast<int>(index));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::text(agent.name + (me ? " (you)" : ""), agent.online ? ui::kTrueColor : ui::kMutedColor);
    ImGui::TableNextColumn();
    ui::text(!agent.online ? "signed out"
             : agent.chat && agent.video ? "chat, video"
             : agent.chat ? "chat"
             : agent.video ? "video"
             : "unavailable");
    ImGui::TableNextColumn();
    ui::text(std::to_string(agent.open) + (agent.max_chats > 0 ? " / " + std::to_string(agent.max_chats) : std::string()) + " open");
    ImGui::TableNextColumn();
    if (!me) {
      ImGui::BeginDisabled(!can_transfer || !agent.online);
      if (ImGui::Button("Transfer")) transfer_to = agent.id;
      ImGui::EndDisabled();
      if (can_transfer && agent.online) ui::tooltip("Hand the selected conversation to " + agent.name);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (!transfer_to.empty()) act(desk.transfer(conversation_id, transfer_to, now_ms));
}

// The conversation's video call: its state, the buttons that make sense in it, the visitor's devices.
void DeskPanel::draw_call(AgentDesk& desk, DeskLink& link, const DeskConversation& conversation, double now_ms,
                          const DeskKeys& keys) {
  std::string id = conversation.id;
  const std::optional<DeskCall>& call = conversation.call;
  bool live = call && call->state != CallState::ended;
  bool can_invite = conversation.status == DeskStatus::active && !live;
  bool can_join = live && !call->agent_in && call->state != CallState::requested;
  bool can_cancel = live && (call->state == CallState::invited || !call->agent_in);
  bool can_hang_up = live && call->agent_in;
  std::string connection = call ? link.call_connection(call->id) : "";
  ui::wrapped(call ? call_status_text(*call, connection) : "No video call.");
  std::string problem = call && live ? link.call_problem(call->id) : "";
  if (!problem.empty()) ui::text(problem, ui::kWarnColor);
  auto button = [&](const char* label, bool enabled, bool key) {
    ImGui::BeginDisabled(!enabled);
    bool pressed = ImGui::Button(label) || (enabled && key);
    ImGui::EndDisabled();
    ImGui::SameLine();
    return pressed;
  };
  if (button("Invite to video (Alt+I)", can_invite, keys.invite)) act(desk.invite_video(id, now_ms));
  if (button("Join the call (Alt+J)", can_join, keys.join)) act(desk.join_video(id, now_ms));
  if (button(call && call->state == CallState::invited ? "Cancel the invitation (Alt+C)" : "Cancel the call (Alt+C)", can_cancel,
             keys.cancel))
    act(desk.cancel_video(id, now_ms));
  if (button("Hang up (Alt+H)", can_hang_up, keys.hang_up)) act(desk.hang_up(id, now_ms));
  ImGui::NewLine();
  if (!live) return;
  const DeskCall& shown = *desk.find(id)->call;  // as the actions above left it
  if (shown.state == CallState::ended) return;
  pairs_table("visitor-media",
              {{"Camera mode", std::string(mode_text(shown.mode))},
               {"Camera", std::string(media_text(shown.visitor.camera))},
               {"Microphone", std::string(media_text(shown.visitor.microphone))},
               {"Permission", std::string(media_text(shown.visitor.permission))}},
              "");
}

void DeskPanel::draw_conversation(AgentDesk& desk, DeskLink& link, const DeskConversation& conversation, double now_ms,
                                  const DeskKeys& keys) {
  std::string id = conversation.id;  // actions below may reallocate the model's list
  ui::text((conversation.channel == "video" ? "Video with " : "Chat with ") + titles_.title(conversation));
  ImGui::SameLine();
  ui::muted("conversation " + id);
  ui::text(status_text(conversation.status), conversation.status == DeskStatus::active ? ui::kTrueColor : ui::kWarnColor);
  bool waiting = conversation.status == DeskStatus::waiting || conversation.status == DeskStatus::queued;
  bool ended = conversation.status == DeskStatus::ended || conversation.status == DeskStatus::visitor_ended ||
               conversation.status == DeskStatus::released;
  if (desk.mode() == DeskMode::channel) {  // on the relay, the relay assigns and queues
    ImGui::BeginDisabled(!waiting);
    if (ImGui::Button("Accept (Alt+A)") || (waiting && keys.accept)) {
      act(desk.accept(id, now_ms));
      focus_reply = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(conversation.status != DeskStatus::waiting);
    if (ImGui::Button("Queue")) act(desk.queue(id, now_ms));
    ImGui::EndDisabled();
    ImGui::SameLine();
  }
  ImGui::BeginDisabled(ended);
  if (ImGui::Button("End conversation")) act(desk.end(id, now_ms));
  ImGui::EndDisabled();

  const DeskConversation* current = desk.find(id);
  if (current == nullptr) return;
  std::vector<std::pair<std::string, std::string>> about = {{"Channel", current->channel}};
  if (!current->locale.empty()) about.emplace_back("Language", current->locale);
  if (!current->url.empty()) about.emplace_back("Page", current->url);
  if (!current->agent_name.empty()) about.emplace_back("Agent", current->agent_name);
  about.emplace_back("Rating", current->rating ? std::to_string(*current->rating) + " out of 5" : "not rated yet");
  if (ImGui::CollapsingHeader("About", ImGuiTreeNodeFlags_DefaultOpen)) pairs_table("about", about, "");
  if (ImGui::CollapsingHeader("Context", ImGuiTreeNodeFlags_DefaultOpen)) {
    pairs_table("context", current->context, "No context.");
    if (current->hidden_context > 0) ui::muted(std::to_string(current->hidden_context) + " entries are not displayable.");
  }
  if (ImGui::CollapsingHeader("Survey answers", ImGuiTreeNodeFlags_DefaultOpen))
    pairs_table("prechat", current->prechat, "No survey answers.");

  if (ImGui::CollapsingHeader("Video call", ImGuiTreeNodeFlags_DefaultOpen)) draw_call(desk, link, *current, now_ms, keys);
  current = desk.find(id);
  if (current == nullptr) return;

  ui::section("Transcript");
  // What is left above the reply row, but never less than a few lines: with the relay's queue and
  // team above, the conversation scrolls rather than squeezing its transcript away.
  float reply_row = ImGui::GetFrameHeightWithSpacing() * 1.3f;
  float transcript_height = std::max(ImGui::GetContentRegionAvail().y - reply_row, ImGui::GetTextLineHeightWithSpacing() * 8);
  ImGui::BeginChild("transcript", ImVec2(0, transcript_height), true);
  for (const DeskLine& line : current->transcript) {
    std::string me = current->agent_name.empty() ? "You" : current->agent_name;
    std::string who = line.from == "visitor" ? "Visitor: " : line.from == "agent" ? (line.author.empty() ? me : line.author) + ": " : "";
    // What the desk sent shows whether it was acknowledged: ✓ delivered, … sending, ✗ refused.
    std::string mark = !line.outgoing          ? "   "
                       : !line.failed.empty() ? " \xE2\x9C\x97 "
                       : line.delivered       ? " \xE2\x9C\x93 "
                                              : " \xE2\x80\xA6 ";
    ui::text(format_time_ago(line.at_ms, now_ms) + mark, ui::kMutedColor);
    if (line.outgoing)
      ui::tooltip(!line.failed.empty() ? "refused by the relay: " + line.failed
                  : line.delivered     ? "delivered"
                                       : "sending (not acknowledged yet)");
    ImGui::SameLine(0, 0);
    if (line.from == "system") {
      ui::wrapped(line.text);
    } else {
      ui::text(who, line.from == "visitor" ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ui::kTrueColor);
      ImGui::SameLine(0, 0);
      ui::wrapped(line.text);
    }
  }
  if (desk.visitor_typing(id, now_ms)) ui::muted("The visitor is typing\xE2\x80\xA6");
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();

  bool can_reply = current->status == DeskStatus::active;
  ImGui::BeginDisabled(!can_reply);
  if ((focus_reply || keys.focus_reply) && can_reply) {
    ImGui::SetKeyboardFocusHere();
    focus_reply = false;
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 5);
  bool entered = ImGui::InputTextWithHint("##reply", can_reply ? "Reply (Enter sends)" : "Accept the conversation to reply",
                                          &reply, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackAlways,
                                          clear_when_asked, &clear_active_reply);
  bool reply_active = ImGui::IsItemActive();
  // The agent's typing (agent.typing, throttled by the model): on each edit, and "off" when the
  // field is left.
  if (ImGui::IsItemEdited()) desk.reply_typed(id, !reply.empty(), now_ms);
  if (ImGui::IsItemDeactivated()) desk.reply_left(now_ms);
  if (!reply_active) clear_active_reply = false;   // an inactive field reads the string afresh
  ImGui::SameLine();
  bool send = ImGui::Button("Send") || entered || (reply_active && keys.enter);
  ImGui::EndDisabled();
  if (send && can_reply) {
    Errors errors = desk.reply(id, reply, now_ms);
    act(errors);
    if (errors.empty()) {
      reply.clear();
      clear_active_reply = true;
    }
    focus_reply = true;
  }
}

// The conversations, newest first: the visitor's name (or "Visitor N"), the state, what is unread.
void DeskPanel::draw_list(AgentDesk& desk, const DeskAttention& attention) {
  float list_width = ImGui::GetFontSize() * 13;  // a name and "Chat, Waiting for an agent"
  ImGui::BeginChild("conversations", ImVec2(list_width, 0), true);
  const auto& conversations = desk.conversations();
  // Numbered in arrival order ("Visitor 1" came first), though listed newest first.
  for (auto c = conversations.rbegin(); c != conversations.rend(); ++c) titles_.title(*c);
  const DeskConversation* selected = desk.selected();
  std::string select;
  for (std::size_t index = 0; index < conversations.size(); ++index) {
    const DeskConversation& c = conversations[index];
    int unread = attention.unread(c.id);
    std::string state = std::string(c.channel == "video" ? "Video, " : "Chat, ") + std::string(status_text(c.status));
    std::string mark = unread > 0                ? "  (" + std::to_string(unread) + " unread)"
                       : !attention.opened(c.id) ? "  (new)"
                                                 : "";
    std::string shown = titles_.title(c) + mark + "\n" + state;
    if (ImGui::Selectable(ui::widget_label(shown, std::to_string(index)).c_str(), selected == &c, 0,
                          ImVec2(0, ImGui::GetTextLineHeight() * 2)))
      select = c.id;
    ui::tooltip("Conversation " + c.id);
  }
  ImGui::EndChild();
  if (!select.empty()) desk.select(select);
}

void DeskPanel::draw(AgentDesk& desk, DeskLink& link, double now_ms, const DeskKeys& keys, DeskAlerts& alerts) {
  const DeskCall* floating = floating_call(desk);
  link.show_call(floating ? floating->id : "", floating ? media_caption(*floating) : "");
  frame_keys_ = keys;
  draw_settings(desk, link, now_ms, alerts);
  if (!notice.empty()) ui::text(notice, ui::kWarnColor);
  ImGui::Separator();
  bool on_relay = link.wire() == DeskLink::Wire::relay;
  if (on_relay) draw_relay_lists(desk, now_ms, keys);
  if (desk.conversations().empty()) {
    ui::wrapped(on_relay        ? "No conversation of yours yet: the relay assigns them, or take one from the queue."
                : link.is_open() ? "No conversation yet: start one on a page of this site (accept an invitation or open the launcher)."
                                 : "Open the desk to receive conversations.");
    return;
  }
  if (on_relay) ui::section("My conversations");
  draw_list(desk, alerts.attention());
  ImGui::SameLine();
  ImGui::BeginChild("conversation");
  if (const DeskConversation* shown = desk.selected()) draw_conversation(desk, link, *shown, now_ms, keys);
  else ui::muted("Select a conversation.");
  ImGui::EndChild();
}

}  // namespace parley::console
