#include "panels/desk_panel.hpp"

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

}  // namespace

void DeskPanel::act(const Errors& errors) { notice = errors.empty() ? std::string() : errors.front().message; }

void DeskPanel::draw_settings(AgentDesk& desk, DeskLink& link, double now_ms) {
  if (link.is_open()) {
    ui::text("Desk open on channel \xE2\x80\x9C" + link.channel() + "\xE2\x80\x9D", ui::kTrueColor);
    ImGui::SameLine();
    if (ImGui::Button("Close the desk")) link.close();
  } else {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputText("##channel", &channel);
    ImGui::SameLine();
    if (ImGui::Button("Open the desk on this channel")) {
      notice = link.open(channel, desk, now_ms) ? "" : "No BroadcastChannel here: the desk cannot listen.";
    }
    ui::wrapped("One agent side per channel: close the HTML agent desk (agent.html) before opening this one.");
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::InputText("Agent name", &agent_name)) desk.set_agent_name(agent_name);
  ImGui::SameLine();
  bool chat = desk.chat_available();
  bool video = desk.video_available();
  bool changed = ImGui::Checkbox("Chat", &chat);
  ImGui::SameLine();
  changed |= ImGui::Checkbox("Video", &video);
  if (changed) desk.set_availability(chat, video);
  const DeskCounts& counts = desk.counts();
  ui::muted(std::to_string(counts.received) + " received, " + std::to_string(desk.outbox_size()) +
            " awaiting delivery, " + std::to_string(counts.duplicates) + " duplicates, " + std::to_string(counts.dropped) +
            " malformed dropped, " + std::to_string(counts.ignored) + " ignored");
}

void DeskPanel::draw_conversation(AgentDesk& desk, const DeskConversation& conversation, double now_ms,
                                  const DeskKeys& keys) {
  std::string id = conversation.id;  // actions below may reallocate the model's list
  ui::text((conversation.channel == "video" ? "Video" : "Chat") + std::string(" conversation ") + id);
  ui::text(status_text(conversation.status), conversation.status == DeskStatus::active ? ui::kTrueColor : ui::kWarnColor);
  bool waiting = conversation.status == DeskStatus::waiting || conversation.status == DeskStatus::queued;
  bool ended = conversation.status == DeskStatus::ended || conversation.status == DeskStatus::visitor_ended;
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

  // VIDEO: the video invitation, join, cancel and the visitor's camera state go here once the
  // video work (main branch) defines them on the wire (TRANSPORT.md "Reserved: video"). Not faked.
  if (ImGui::CollapsingHeader("Video")) ui::muted("Video controls come with the video work: not available yet.");

  ui::section("Transcript");
  ImGui::BeginChild("transcript", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.3f), true);
  for (const DeskLine& line : current->transcript) {
    std::string who = line.from == "visitor" ? "Visitor: " : line.from == "agent" ? (current->agent_name.empty() ? "You" : current->agent_name) + ": " : "";
    // What the desk sent shows whether a visitor tab acknowledged it: ✓ delivered, … sending.
    std::string mark = !line.outgoing ? "   " : line.delivered ? " \xE2\x9C\x93 " : " \xE2\x80\xA6 ";
    ui::text(format_time_ago(line.at_ms, now_ms) + mark, ui::kMutedColor);
    if (line.outgoing) ui::tooltip(line.delivered ? "delivered" : "sending (not acknowledged yet)");
    ImGui::SameLine(0, 0);
    if (line.from == "system") {
      ui::wrapped(line.text);
    } else {
      ui::text(who, line.from == "visitor" ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ui::kTrueColor);
      ImGui::SameLine(0, 0);
      ui::wrapped(line.text);
    }
  }
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
                                          &reply, ImGuiInputTextFlags_EnterReturnsTrue);
  bool reply_active = ImGui::IsItemActive();
  ImGui::SameLine();
  bool send = ImGui::Button("Send") || entered || (reply_active && keys.enter);
  ImGui::EndDisabled();
  if (send && can_reply) {
    Errors errors = desk.reply(id, reply, now_ms);
    act(errors);
    if (errors.empty()) reply.clear();
    focus_reply = true;
  }
}

void DeskPanel::draw(AgentDesk& desk, DeskLink& link, double now_ms, const DeskKeys& keys) {
  draw_settings(desk, link, now_ms);
  if (!notice.empty()) ui::text(notice, ui::kWarnColor);
  ImGui::Separator();
  const auto& conversations = desk.conversations();
  if (conversations.empty()) {
    ui::wrapped(link.is_open() ? "No conversation yet: start one on a page of this site (accept an invitation or open the launcher)."
                               : "Open the desk to receive conversations.");
    return;
  }
  float list_width = ImGui::GetFontSize() * 11;
  ImGui::BeginChild("conversations", ImVec2(list_width, 0), true);
  const DeskConversation* selected = desk.selected();
  std::string select;
  for (std::size_t index = 0; index < conversations.size(); ++index) {
    const DeskConversation& c = conversations[index];
    std::string shown = (c.channel == "video" ? "Video " : "Chat ") + c.id.substr(0, 12) + "\n" + std::string(status_text(c.status)) +
                        (c.unread ? "  (" + std::to_string(c.unread) + " new)" : "");
    if (ImGui::Selectable(ui::widget_label(shown, std::to_string(index)).c_str(), selected == &c, 0,
                          ImVec2(0, ImGui::GetTextLineHeight() * 2)))
      select = c.id;
  }
  ImGui::EndChild();
  if (!select.empty()) desk.select(select);
  ImGui::SameLine();
  ImGui::BeginChild("conversation");
  if (const DeskConversation* shown = desk.selected()) draw_conversation(desk, *shown, now_ms, keys);
  else ui::muted("Select a conversation.");
  ImGui::EndChild();
}

}  // namespace parley::console
