// Agents, their status and the least-busy choice (agent_pool.hpp).
#include "agent_pool.hpp"

#include <algorithm>

#include "wire_text.hpp"

namespace parley::relay::core {

AgentState& AgentPool::add(const AgentAccount& account) {
  if (auto found = index_.find(account.id); found != index_.end()) {
    agents_[found->second].account = account;
    return agents_[found->second];
  }
  index_.emplace(account.id, agents_.size());
  agents_.push_back(AgentState{account});
  agents_.back().position = agents_.size() - 1;
  return agents_.back();
}

AgentState* AgentPool::find(std::string_view agent_id) {
  auto found = index_.find(std::string(agent_id));
  return found == index_.end() ? nullptr : &agents_[found->second];
}

AgentState* AgentPool::pick_free(bool video) {
  AgentState* best = nullptr;
  for (AgentState& agent : agents_) {
    const bool accepts = video ? agent.accepts_video : agent.accepts_chat;
    if (!agent.online || !accepts || !agent.has_free_slot()) continue;
    // Strict comparisons: on a full tie the earlier agent in the config keeps it.
    if (best == nullptr || agent.open < best->open ||
        (agent.open == best->open && agent.last_assigned_ms < best->last_assigned_ms))
      best = &agent;
  }
  return best;
}

Availability AgentPool::availability() const {
  Availability availability;
  for (const AgentState& agent : agents_) {
    if (!agent.online) continue;
    availability.chat = availability.chat || agent.accepts_chat;
    availability.video = availability.video || (agent.accepts_video && agent.has_free_slot());
  }
  return availability;
}

namespace {

Json team_line(const AgentState& agent) {
  return {{"id", agent.account.id}, {"name", agent.account.name}, {"online", agent.online},
          {"chat", agent.accepts_chat}, {"video", agent.accepts_video}, {"open", agent.open},
          {"maxChats", agent.account.max_chats}};
}

}  // namespace

std::string AgentPool::team_agents_json() const {
  Json agents = Json::array();
  for (const AgentState& agent : agents_) agents.push_back(team_line(agent));
  return to_json_text(agents);
}

void AgentPool::mark_changed(AgentState& agent) {
  if (agent.changed) return;
  agent.changed = true;
  changed_.push_back(agent.position);
}

std::string AgentPool::take_changes_json() {
  std::sort(changed_.begin(), changed_.end());
  Json agents = Json::array();
  for (std::size_t position : changed_) {
    agents_[position].changed = false;
    agents.push_back(team_line(agents_[position]));
  }
  changed_.clear();
  return to_json_text(agents);
}

std::size_t AgentPool::online_count() const {
  std::size_t count = 0;
  for (const AgentState& agent : agents_) count += agent.online ? 1 : 0;
  return count;
}

}  // namespace parley::relay::core
