// The page snapshot the console polls, read into the panels' rows, from a real engine's inspect.
#include <gtest/gtest.h>

#include "console/page_snapshot.hpp"
#include "parley/engine.hpp"

namespace parley::console {
namespace {

constexpr double kStart = 1767603600000;

Json snapshot_of(Engine& engine, double now_ms, std::string config_text) {
  return Json{{"inspect", engine.inspect(now_ms)},
              {"view", engine.view()},
              {"config", std::move(config_text)},
              {"clockOffset", 15000},
              {"url", "https://c.com/kb/a"},
              {"cookies", "other=1; parley_visits=3; parley_session=%7B%22s%22%3A1%7D"},
              {"session", {{"parley.conversation", "{\"id\":\"x\"}"}}}};
}

constexpr std::string_view kConfig = R"({"transport": {"channel": "qa"}, "rules": [{"id": "kb-dwell",
  "when": {"all": [{"fact": "url", "matches": "/kb/*"}, {"fact": "timeOnPage", "gte": 20000}]},
  "invite": {"message": "Hi"}, "context": {"Forum": {"value": "Surface", "isDisplayable": true}},
  "frequency": {"per": "session", "times": 2, "minInterval": 60000}, "afterDecline": {"hours": 24}}]})";

TEST(ConsolePageSnapshot, FactsRulesStorageAndConfigFromALiveEngine) {
  Engine engine;
  ASSERT_TRUE(engine.configure(kConfig).empty());
  ASSERT_TRUE(engine.handle(Json{{"type", "pageLoad"}, {"url", "https://c.com/kb/a"}, {"referrer", "https://b.example/"}},
                            kStart).empty());
  PageSnapshot page = read_page_snapshot(snapshot_of(engine, kStart + 5000, std::string(kConfig)));

  EXPECT_TRUE(page.present);
  EXPECT_EQ(page.state, "Closed");
  EXPECT_EQ(page.now_ms, kStart + 5000);
  EXPECT_EQ(page.clock_offset_ms, 15000);
  EXPECT_EQ(page.transport_channel, "qa");
  ASSERT_TRUE(page.next_deadline_ms.has_value());
  EXPECT_EQ(*page.next_deadline_ms, kStart + 20000);

  auto fact = [&](std::string_view name) {
    for (const FactRow& row : page.facts)
      if (row.name == name) return row;
    return FactRow{};
  };
  EXPECT_EQ(fact("referrer").value, "https://b.example/");
  EXPECT_EQ(fact("referrer").source, "document.referrer");
  EXPECT_EQ(fact("referrer").last_event, "pageLoad");
  EXPECT_EQ(fact("timeOnPage").value, "5000");
  EXPECT_EQ(fact("country").value, "unknown");
  EXPECT_EQ(fact("now").value, "2026-01-05T09:00:05Z") << "the now fact as rules write it";

  ASSERT_EQ(page.rules.size(), 1u);
  const RuleRow& rule = page.rules[0];
  EXPECT_EQ(rule.id, "kb-dwell");
  EXPECT_FALSE(rule.value);
  EXPECT_EQ(rule.tree.size(), 3u);
  EXPECT_EQ(rule.frequency, "0 of 2 per session, at least 1 min 00 s apart");
  EXPECT_EQ(rule.after_decline, "for 24 h");
  EXPECT_FALSE(rule.last_outcome.has_value());

  ASSERT_EQ(page.storage.size(), 3u);
  EXPECT_EQ(page.storage[0].where, "cookie");
  EXPECT_EQ(page.storage[0].name, "parley_visits");
  EXPECT_EQ(page.storage[0].value, "3");
  EXPECT_EQ(page.storage[1].value, "{\"s\":1}") << "decoded for reading";
  EXPECT_EQ(page.storage[2].where, "sessionStorage");
  EXPECT_EQ(page.storage[2].name, "parley.conversation");
  EXPECT_EQ(page.view["state"], "Closed");
}

TEST(ConsolePageSnapshot, FiredRuleShowsItsOutcomeAndTheAgentsContext) {
  Engine engine;
  ASSERT_TRUE(engine.configure(kConfig).empty());
  ASSERT_TRUE(engine.handle(Json{{"type", "pageLoad"}, {"url", "https://c.com/kb/a"}}, kStart).empty());
  ASSERT_TRUE(engine.handle(Json{{"type", "tick"}}, kStart + 20000).empty());
  ASSERT_TRUE(engine.handle(Json{{"type", "accept"}, {"channel", "chat"}}, kStart + 21000).empty());
  PageSnapshot page = read_page_snapshot(snapshot_of(engine, kStart + 22000, std::string(kConfig)));

  ASSERT_TRUE(page.rules[0].last_outcome.has_value());
  EXPECT_EQ(page.rules[0].last_outcome->kind, "fired");
  EXPECT_EQ(page.rules[0].frequency, "1 of 2 per session, at least 1 min 00 s apart");
  EXPECT_EQ(page.rules_paused, "an invitation or a conversation is on screen");
  bool forum = false, rule_id = false;
  for (const ContextRow& row : page.context) {
    forum |= row.key == "Forum" && row.value == "Surface";
    rule_id |= row.key == "Proactive rule" && row.value == "kb-dwell";
  }
  EXPECT_TRUE(forum);
  EXPECT_TRUE(rule_id);
  EXPECT_FALSE(page.conversation_id.empty());
}

TEST(ConsolePageSnapshot, MissingOrMistypedFieldsReadAsEmpty) {
  PageSnapshot nothing = read_page_snapshot(Json("junk"));
  EXPECT_FALSE(nothing.present);
  EXPECT_TRUE(nothing.facts.empty());
  EXPECT_EQ(nothing.transport_channel, "parley");

  PageSnapshot odd = read_page_snapshot(Json::parse(R"({"inspect": {"state": 3, "facts": [], "rules": {"a": 1},
    "factSources": "x", "context": {"k": "bare"}, "configErrors": [{"code": "invalid"}]}, "config": "{not json", "cookies": 5})"));
  EXPECT_TRUE(odd.present);
  EXPECT_EQ(odd.state, "");
  EXPECT_TRUE(odd.facts.empty());
  EXPECT_TRUE(odd.rules.empty());
  ASSERT_EQ(odd.context.size(), 1u);
  EXPECT_EQ(odd.context[0].value, "bare");
  ASSERT_EQ(odd.config_errors.size(), 1u);
  EXPECT_EQ(odd.config_errors[0].code, "invalid");
  EXPECT_EQ(odd.transport_channel, "parley");
}

TEST(ConsolePageSnapshot, StorageRowsKeepOnlyParleysCookies) {
  std::vector<StorageRow> rows = storage_rows("a=1; timesPageVisited=4; parley_consent=1",
                                              Json::array({"timesPageVisited", "parley_session", "parley_consent"}), Json());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "timesPageVisited");
  EXPECT_EQ(rows[1].name, "parley_consent");
}

}  // namespace
}  // namespace parley::console
