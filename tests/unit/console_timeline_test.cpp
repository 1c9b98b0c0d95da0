// The console's timeline: entries from the page's hook, bounded, and the panel's filter.
#include <gtest/gtest.h>

#include "console/timeline.hpp"

namespace parley::console {
namespace {

Json entry(int seq, std::string_view dir, std::string_view type, Json detail = Json::object(), Json errors = Json()) {
  Json out = {{"seq", seq}, {"at", 1000 + seq}, {"dir", dir}, {"type", type}, {"detail", std::move(detail)}};
  if (!errors.is_null()) out["errors"] = std::move(errors);
  return out;
}

Timeline sample() {
  Timeline timeline;
  timeline.add(Json::array({
      entry(1, "in", "pageLoad", {{"type", "pageLoad"}, {"url", "https://c.com/kb/a"}}),
      entry(2, "out", "lcw:ready", {{"type", "emit"}, {"name", "lcw:ready"}}),
      entry(3, "in", "tick", {{"type", "tick"}}),
      entry(4, "out", "render", {{"type", "render"}}),
      entry(5, "in", "pointerLeave", {{"type", "pointerLeave"}, {"top", true}}),
      entry(6, "in", "visibility", {{"type", "visibility"}, {"visible", "no"}},
            Json::array({{{"code", "wrong_type"}, {"path", "/visible"}}})),
      entry(7, "out", "lcw:proactiveInvite", {{"type", "emit"}, {"name", "lcw:proactiveInvite"}, {"detail", {{"rule", "Exit-15s"}}}}),
  }));
  return timeline;
}

std::vector<std::uint64_t> seqs(const Timeline& timeline, const TimelineFilter& filter) {
  std::vector<std::uint64_t> out;
  for (std::size_t index : timeline.filtered(filter)) out.push_back(timeline.entries()[index].seq);
  return out;
}

TEST(ConsoleTimeline, KeepsEntriesInOrderWithTheirDetail) {
  Timeline timeline = sample();
  ASSERT_EQ(timeline.entries().size(), 7u);
  EXPECT_EQ(timeline.last_seq(), 7u);
  EXPECT_EQ(timeline.entries()[0].direction, Direction::in);
  EXPECT_EQ(timeline.entries()[0].detail, R"({"type":"pageLoad","url":"https://c.com/kb/a"})");
  EXPECT_EQ(timeline.entries()[1].direction, Direction::out);
  EXPECT_EQ(timeline.entries()[5].errors, R"([{"code":"wrong_type","path":"/visible"}])");
  EXPECT_TRUE(timeline.entries()[4].errors.empty());
}

TEST(ConsoleTimeline, NoFilterShowsEverything) {
  EXPECT_EQ(seqs(sample(), {}), (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(ConsoleTimeline, FilterByDirection) {
  TimelineFilter only_in;
  only_in.actions_out = false;
  EXPECT_EQ(seqs(sample(), only_in), (std::vector<std::uint64_t>{1, 3, 5, 6}));
  TimelineFilter only_out;
  only_out.events_in = false;
  EXPECT_EQ(seqs(sample(), only_out), (std::vector<std::uint64_t>{2, 4, 7}));
}

TEST(ConsoleTimeline, FilterTextMatchesTypeOrDetailIgnoringCase) {
  TimelineFilter invite;
  invite.text = "PROACTIVE";
  EXPECT_EQ(seqs(sample(), invite), (std::vector<std::uint64_t>{7}));
  TimelineFilter rule;
  rule.text = "exit-15S";
  EXPECT_EQ(seqs(sample(), rule), (std::vector<std::uint64_t>{7})) << "found in the detail";
}

TEST(ConsoleTimeline, FilterErrorsOnlyAndHideTicks) {
  TimelineFilter errors;
  errors.errors_only = true;
  EXPECT_EQ(seqs(sample(), errors), (std::vector<std::uint64_t>{6}));
  TimelineFilter quiet;
  quiet.hide_ticks = true;
  EXPECT_EQ(seqs(sample(), quiet), (std::vector<std::uint64_t>{1, 2, 5, 6, 7}));
}

TEST(ConsoleTimeline, EntriesAlreadySeenAreNotAddedAgain) {
  Timeline timeline = sample();
  timeline.add(Json::array({entry(6, "in", "tick"), entry(7, "in", "tick"), entry(8, "in", "activity")}));
  ASSERT_EQ(timeline.entries().size(), 8u);
  EXPECT_EQ(timeline.entries().back().type, "activity");
  timeline.clear();
  timeline.add(Json::array({entry(8, "in", "tick"), entry(9, "in", "scroll")}));
  ASSERT_EQ(timeline.entries().size(), 1u) << "cleared entries do not come back";
  EXPECT_EQ(timeline.entries()[0].seq, 9u);
}

TEST(ConsoleTimeline, MalformedEntriesAreSkipped) {
  Timeline timeline;
  timeline.add(Json::array({Json("x"), Json::object(), entry(1, "sideways", "tick"), entry(2, "in", ""),
                            Json{{"seq", "3"}, {"dir", "in"}, {"type", "tick"}}, entry(4, "in", "tick")}));
  ASSERT_EQ(timeline.entries().size(), 1u);
  EXPECT_EQ(timeline.entries()[0].seq, 4u);
  timeline.add(Json("not an array"));
  EXPECT_EQ(timeline.entries().size(), 1u);
}

TEST(ConsoleTimeline, BoundedToItsCapacityOldestDropped) {
  Timeline timeline;
  Json many = Json::array();
  for (int seq = 1; seq <= static_cast<int>(Timeline::kCapacity) + 25; ++seq) many.push_back(entry(seq, "in", "tick"));
  timeline.add(many);
  ASSERT_EQ(timeline.entries().size(), Timeline::kCapacity);
  EXPECT_EQ(timeline.entries().front().seq, 26u);
  EXPECT_EQ(timeline.last_seq(), Timeline::kCapacity + 25);
}

}  // namespace
}  // namespace parley::console
