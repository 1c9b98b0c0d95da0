// A rule's condition tree (Engine::inspect's flat node list) as indented rows, and its labels.
#include <gtest/gtest.h>

#include "console/rule_tree_rows.hpp"
#include "parley/engine.hpp"

namespace parley::console {
namespace {

constexpr double kStart = 1767603600000;

TEST(ConsoleRuleTreeRows, EngineTreeBecomesDepthFirstRowsWithValuesAndDeadlines) {
  Engine engine;
  ASSERT_TRUE(engine.configure(R"({"rules": [{"id": "r", "when": {"all": [
    {"fact": "url", "matches": "/kb/*"},
    {"not": {"fact": "country", "in": ["FR", "BE"]}},
    {"fact": "timeOnPage", "gte": 20000}]}, "invite": {"message": "x"}}]})").empty());
  ASSERT_TRUE(engine.handle(Json{{"type", "pageLoad"}, {"url", "https://c.com/kb/a"}}, kStart).empty());
  std::vector<RuleTreeRow> rows = rule_tree_rows(engine.inspect(kStart + 5000)["rules"][0]["tree"]);

  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].depth, 0);
  EXPECT_EQ(rows[0].label, "all");
  EXPECT_FALSE(rows[0].value);
  EXPECT_EQ(rows[1].depth, 1);
  EXPECT_EQ(rows[1].label, "url matches \"/kb/*\"");
  EXPECT_TRUE(rows[1].value);
  EXPECT_EQ(rows[2].label, "not");
  EXPECT_TRUE(rows[2].value) << "country unknown: the test is false, its negation true";
  EXPECT_EQ(rows[3].depth, 2);
  EXPECT_EQ(rows[3].label, "country in [\"FR\", \"BE\"]");
  EXPECT_FALSE(rows[3].value);
  EXPECT_EQ(rows[4].label, "timeOnPage gte 20000");
  ASSERT_TRUE(rows[4].next_change_ms.has_value());
  EXPECT_EQ(*rows[4].next_change_ms, kStart + 20000);
  EXPECT_FALSE(rows[1].next_change_ms.has_value());
}

TEST(ConsoleRuleTreeRows, LabelsReadLikeTheConfig) {
  EXPECT_EQ(test_label(Json::parse(R"({"fact": "exitIntent", "op": "is", "operands": []})")), "exitIntent");
  EXPECT_EQ(test_label(Json::parse(R"({"fact": "hour", "op": "between", "operands": [22, 6], "zone": "Europe/Paris"})")),
            "hour between 22 and 6 (zone Europe/Paris)");
  EXPECT_EQ(test_label(Json::parse(R"({"fact": "timeOnPage", "op": "gte", "operands": [15000], "clock": "wall"})")),
            "timeOnPage gte 15000 (wall clock)");
  EXPECT_EQ(test_label(Json::parse(R"({"fact": "custom.plan", "op": "eq", "operands": ["pro"]})")), "custom.plan eq \"pro\"");
}

TEST(ConsoleRuleTreeRows, EmptyTreeHasNoRows) {
  EXPECT_TRUE(rule_tree_rows(Json::array()).empty());
  EXPECT_TRUE(rule_tree_rows(Json()).empty());
  EXPECT_TRUE(rule_tree_rows(Json::object()).empty());
}

TEST(ConsoleRuleTreeRows, MalformedTreesNeverLoopNorReadOutOfRange) {
  // A cycle (0 -> 1 -> 0), a child out of range, a negative index and a non-object node.
  Json tree = Json::parse(R"([
    {"kind": "all", "children": [1, 7, -1, "x"], "value": true},
    {"kind": "any", "children": [0, 2], "value": false},
    "not a node"])");
  std::vector<RuleTreeRow> rows = rule_tree_rows(tree);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].label, "all");
  EXPECT_EQ(rows[1].label, "any");
  EXPECT_EQ(rows[2].label, "");
  EXPECT_FALSE(rows[2].value);
}

}  // namespace
}  // namespace parley::console
