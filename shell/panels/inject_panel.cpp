#include "panels/inject_panel.hpp"

#include "console/time_text.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "panels/ui_text.hpp"

namespace parley::console {
namespace {

Availability availability_of(int choice) {
  return choice == 1 ? Availability::yes : choice == 2 ? Availability::no : Availability::unknown;
}

void field(const char* id, const char* hint, std::string* value) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputTextWithHint(id, hint, value);
  ImGui::SameLine();
}

}  // namespace

void InjectPanel::toggle_visibility(PageActions& page) {
  page_hidden = !page_hidden;
  page.inject(visibility_event(!page_hidden));
}

void InjectPanel::draw(const PageSnapshot& snapshot, PageActions& page) {
  ui::wrapped("Each button sends an ordinary event through the page's widget, as the browser would: the engine "
              "cannot tell them apart.");
  ui::section("Pointer and visibility");
  if (ImGui::Button("Exit intent (Alt+X)")) exit_intent(page);
  ImGui::SameLine();
  if (ImGui::Button("Pointer back (Alt+E)")) pointer_back(page);
  ImGui::SameLine();
  if (ImGui::Button(page_hidden ? "Show the page (Alt+V)" : "Hide the page (Alt+V)")) toggle_visibility(page);

  ui::section("Clock");
  ui::text("The engine's clock runs " + format_duration(snapshot.clock_offset_ms) + " ahead of the browser's.");
  for (double seconds : {1.0, 5.0, 15.0, 60.0, 3600.0}) {
    std::string label = "+" + format_duration(seconds * 1000);
    if (ImGui::Button(label.c_str())) page.advance_clock(seconds * 1000);
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputDouble("s: Alt+T step", &clock_step_s, 0, 0, "%.1f");
  if (clock_step_s < 0.1) clock_step_s = 0.1;

  ui::section("Page");
  field("##route", "/kb/returns", &route);
  if (ImGui::Button("Route change")) page.inject(navigate_event(route, snapshot.url, snapshot.cookies));
  field("##referrer", "https://www.contoso.com/FAQ", &referrer);
  if (ImGui::Button("Set referrer")) page.inject(referrer_event(referrer));
  field("##country", "FR", &country);
  if (ImGui::Button("Set country")) page.inject(country_event(country));

  ui::section("Custom fact (Parley.setFact)");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::InputTextWithHint("##fact-name", "name", &fact_name);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
  ImGui::InputTextWithHint("##fact-value", "true, 150, text", &fact_value);
  ImGui::SameLine();
  if (ImGui::Button("Set fact")) page.inject(custom_fact_event(fact_name, fact_value));

  ui::section("Availability (as the transport would say it)");
  const char* choices[] = {"unknown", "available", "busy"};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::Combo("chat", &chat, choices, 3);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::Combo("video", &video, choices, 3);
  ImGui::SameLine();
  if (ImGui::Button("Send availability")) page.inject(availability_event(availability_of(chat), availability_of(video)));
}

}  // namespace parley::console
