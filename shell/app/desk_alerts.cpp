#include "app/desk_alerts.hpp"

#include "app/host.hpp"

namespace parley::console {

DeskAlerts::DeskAlerts() : enabled_(host::setting(kSettingKey) == "on") { host::alerts_enabled(enabled_); }

void DeskAlerts::set_enabled(bool on) {
  if (on == enabled_) return;
  enabled_ = on;
  host::set_setting(kSettingKey, on ? "on" : "off");
  host::alerts_enabled(on);
}

void DeskAlerts::update(const AgentDesk& desk, bool looking) {
  const DeskConversation* open = desk.selected();
  int arrived = attention_.observe(desk.conversations(), open ? std::string_view(open->id) : std::string_view(), looking);
  if (enabled_ && arrived > 0) host::tone();
  std::string badge = enabled_ ? badge_prefix(attention_.alerts()) : "";
  if (badge != badge_) host::title_badge(badge);
  badge_ = std::move(badge);
}

}  // namespace parley::console
