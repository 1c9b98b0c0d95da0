// The engine as a whole: bad events change nothing, deadlines drive time, config can change live.
#include <gtest/gtest.h>

#include "parley/engine.hpp"

namespace parley {
namespace {

constexpr double kStart = 1767603600000;  // 2026-01-05T09:00:00Z

Json event(std::string_view json) { return Json::parse(json); }

std::vector<std::string> emitted(const std::vector<Json>& actions) {
  std::vector<std::string> names;
  for (const Json& action : actions)
    if (action["type"] == "emit") names.push_back(action["name"].get<std::string>());
  return names;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

class EngineTest : public ::testing::Test {
 protected:
  void load(std::string_view config, std::string_view url = "https://contoso.com/kb/a") {
    ASSERT_TRUE(engine.configure(config).empty());
    Json page = {{"type", "pageLoad"}, {"url", url}};
    ASSERT_TRUE(engine.handle(page, kStart).empty());
    engine.take_actions();
  }
  Errors send(std::string_view json, double at_ms) { return engine.handle(event(json), kStart + at_ms); }
  Engine engine;
};

constexpr std::string_view kDwell = R"({"rules": [{"id": "dwell", "when": {"fact": "timeOnPage", "gte": 20000},
  "invite": {"message": {"en": "Need a hand?", "fr": "Besoin d'aide ?"}}}]})";

TEST_F(EngineTest, EventsBeforePageLoadAreRefused) {
  Errors errors = engine.handle(event(R"({"type": "tick"})"), kStart);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::invalid_state);
  EXPECT_EQ(engine.next_deadline_ms(), kNever);
}

TEST_F(EngineTest, PageLoadNeedsAUrl) {
  Errors errors = engine.handle(event(R"({"type": "pageLoad"})"), kStart);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, ErrorCode::missing_field);
  EXPECT_EQ(errors[0].path, "/url");
  EXPECT_EQ(engine.handle(event(R"({"type": "tick"})"), kStart)[0].code, ErrorCode::invalid_state);
}

TEST_F(EngineTest, UnknownEventTypeIsAnErrorValue) {
  load(kDwell);
  Errors errors = send(R"({"type": "teleport"})", 10);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::unknown_event);
  EXPECT_EQ(errors[0].path, "/type");
}

TEST_F(EngineTest, EventWithoutTypeOrNotAnObjectIsAnErrorValue) {
  load(kDwell);
  EXPECT_EQ(send(R"({"visible": true})", 1)[0].code, ErrorCode::missing_field);
  EXPECT_EQ(send(R"([1, 2])", 1)[0].code, ErrorCode::wrong_type);
  EXPECT_EQ(engine.handle_json("{not json", kStart)[0].code, ErrorCode::malformed_json);
}

TEST_F(EngineTest, NonFiniteTimeIsRefused) {
  load(kDwell);
  EXPECT_EQ(engine.handle(event(R"({"type": "tick"})"), std::nan(""))[0].code, ErrorCode::out_of_range);
}

TEST_F(EngineTest, WrongFieldLeavesTheStateUnchanged) {
  load(kDwell);
  Json before = engine.view();
  Errors errors = send(R"({"type": "visibility", "visible": "no"})", 5000);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].path, "/visible");
  EXPECT_TRUE(engine.facts().visible);
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 20000);
  EXPECT_EQ(engine.view(), before);
}

TEST_F(EngineTest, DeadlineIsTheRulesThresholdAndMovesWhenHidden) {
  load(kDwell);
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 20000);
  ASSERT_TRUE(send(R"({"type": "visibility", "visible": false})", 5000).empty());
  EXPECT_EQ(engine.next_deadline_ms(), kNever);  // hidden: no timer at all
  ASSERT_TRUE(send(R"({"type": "visibility", "visible": true})", 65000).empty());
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 65000 + 15000);
}

TEST_F(EngineTest, InvitationFiresAtTheDeadlineInThePageLanguage) {
  ASSERT_TRUE(engine.configure(kDwell).empty());
  ASSERT_TRUE(engine.handle(event(R"({"type": "pageLoad", "url": "https://x.fr/", "language": "fr-FR"})"), kStart).empty());
  engine.take_actions();
  ASSERT_TRUE(send(R"({"type": "tick"})", 20000).empty());
  auto actions = engine.take_actions();
  EXPECT_TRUE(contains(emitted(actions), "lcw:proactiveInvite"));
  EXPECT_EQ(engine.state(), ConversationState::ProactiveChat);
  EXPECT_EQ(engine.view()["invitation"]["message"], "Besoin d'aide ?");
  EXPECT_EQ(engine.view()["invitation"]["labels"]["decline"], "Non merci");
}

TEST_F(EngineTest, IdlePageWithNothingPendingHasNoDeadline) {
  load(R"({"rules": [{"id": "faq", "when": {"fact": "url", "matches": "/faq"}, "invite": {"message": "x"}}]})");
  EXPECT_EQ(engine.next_deadline_ms(), kNever);
}

TEST_F(EngineTest, ExitIntentNeedsTheMinimumDwell) {
  load(R"({"exitIntent": {"minDwell": 3000}, "rules": [{"id": "exit", "when": {"fact": "exitIntent"}, "invite": {"message": "x"}}]})");
  ASSERT_TRUE(send(R"({"type": "pointerLeave", "top": true})", 1000).empty());
  EXPECT_EQ(engine.state(), ConversationState::Closed);
  ASSERT_TRUE(send(R"({"type": "pointerEnter"})", 1500).empty());
  ASSERT_TRUE(send(R"({"type": "pointerLeave", "top": false})", 4000).empty());
  EXPECT_EQ(engine.state(), ConversationState::Closed);  // the side edge is not exit intent
  ASSERT_TRUE(send(R"({"type": "pointerLeave", "top": true})", 4100).empty());
  EXPECT_EQ(engine.state(), ConversationState::ProactiveChat);
}

TEST_F(EngineTest, ReconfiguringKeepsCustomFactsByName) {
  load(R"({"rules": [{"id": "a", "when": {"fact": "custom.cart", "gte": 100}, "invite": {"message": "x"}}]})");
  ASSERT_TRUE(send(R"({"type": "setFact", "name": "cart", "value": 50})", 10).empty());
  ASSERT_TRUE(send(R"({"type": "setFact", "name": "plan", "value": "pro"})", 20).empty());
  ASSERT_TRUE(engine.configure(R"({"rules": [
    {"id": "b", "when": {"fact": "custom.plan", "eq": "pro"}, "invite": {"message": "pro"}},
    {"id": "c", "when": {"fact": "custom.cart", "eq": 50}, "invite": {"message": "cart"}}]})").empty());
  ASSERT_TRUE(send(R"({"type": "tick"})", 30).empty());
  EXPECT_EQ(engine.state(), ConversationState::ProactiveChat);
  EXPECT_EQ(engine.view()["invitation"]["message"], "pro");
}

TEST_F(EngineTest, ReconfiguringWhileAnInvitationShowsIsSafe) {
  load(R"({"rules": [{"id": "a", "when": {"fact": "url", "matches": "/kb/*"}, "invite": {"message": "x"}, "afterDecline": "forever"}]})");
  ASSERT_EQ(engine.state(), ConversationState::ProactiveChat);
  ASSERT_TRUE(engine.configure("{}").empty());
  ASSERT_TRUE(send(R"({"type": "decline"})", 10).empty());
  EXPECT_EQ(engine.state(), ConversationState::Closed);
  EXPECT_TRUE(engine.inspect(kStart + 10)["storage"]["doNotDisturbUntil"] == "forever");
}

TEST_F(EngineTest, MalformedConfigKeepsThePreviousOne) {
  load(kDwell);
  Errors errors = engine.configure("{\"rules\": [");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(engine.config().rules.size(), 1u);
  EXPECT_EQ(engine.config_errors().size(), 1u);
}

TEST_F(EngineTest, ClockSteppingBackDoesNotUndoTime) {
  load(kDwell);
  ASSERT_TRUE(send(R"({"type": "activity"})", 15000).empty());
  ASSERT_TRUE(send(R"({"type": "activity"})", 1000).empty());  // the system clock moved back
  EXPECT_EQ(engine.next_deadline_ms(), kStart + 20000);
}

TEST_F(EngineTest, HostInvitationIsRefusedWhileOneShows) {
  load(kDwell);
  ASSERT_TRUE(send(R"({"type": "startProactiveChat", "message": "first"})", 10).empty());
  Errors errors = send(R"({"type": "startProactiveChat", "message": "second"})", 20);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::invalid_state);
  EXPECT_EQ(engine.view()["invitation"]["message"], "first");
}

TEST_F(EngineTest, HostInvitationWhileOneShowsIsRefusedForTheStateWhateverItsArguments) {
  // The runtime answers a repeat of this refusal itself (widget.js): arguments must not change it.
  load(kDwell);
  ASSERT_TRUE(send(R"({"type": "startProactiveChat", "message": "first"})", 10).empty());
  Errors errors = send(R"({"type": "startProactiveChat", "message": 42, "channel": "fax"})", 20);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::invalid_state);
  EXPECT_EQ(errors[0].path, "/type");
}

const std::string& url_fact(const Engine& engine) {
  return std::get<std::string>(engine.facts().value(fact_id(BuiltinFact::url)));
}

TEST_F(EngineTest, PageUrlOver2048BytesLoadsWithoutItsQuery) {
  ASSERT_TRUE(engine.configure(kDwell).empty());
  Json page = {{"type", "pageLoad"}, {"url", "https://contoso.com/kb/a?q=" + std::string(3000, 'x') + "#top"}};
  Errors errors = engine.handle(page, kStart);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::too_large);
  EXPECT_EQ(errors[0].path, "/url");
  EXPECT_NE(errors[0].message.find("without its query and fragment"), std::string::npos);
  EXPECT_TRUE(contains(emitted(engine.take_actions()), "lcw:ready"));
  EXPECT_EQ(url_fact(engine), "https://contoso.com/kb/a");
}

TEST_F(EngineTest, LongPathIsCutAt2048BytesOnACharacterBoundary) {
  load(kDwell);
  std::string url = "https://contoso.com/p";  // 21 bytes: then two-byte "é"s, one across byte 2048
  for (int i = 0; i < 1100; ++i) url += "\xC3\xA9";
  Errors errors = send(Json{{"type", "navigate"}, {"url", url}}.dump(), 10);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "/url");
  EXPECT_NE(errors[0].message.find("cut at 2047 bytes"), std::string::npos);
  EXPECT_EQ(url_fact(engine), url.substr(0, 2047));
}

TEST_F(EngineTest, LongReferrerIsKeptShortened) {
  load(kDwell);
  Errors errors = send(Json{{"type", "referrer"}, {"referrer", "https://a.test/?" + std::string(3000, 'r')}}.dump(), 10);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "/referrer");
  EXPECT_EQ(std::get<std::string>(engine.facts().value(fact_id(BuiltinFact::referrer))), "https://a.test/");
}

TEST_F(EngineTest, HostInvitationNeedsAMessage) {
  load(kDwell);
  Errors errors = send(R"({"type": "startProactiveChat", "message": 42})", 10);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].path, "/message");
  EXPECT_EQ(engine.state(), ConversationState::Closed);
}

TEST_F(EngineTest, JunkHostContextIsReportedButTheChatStarts) {
  load(kDwell);
  ASSERT_TRUE(send(R"({"type": "startProactiveChat", "message": "hi"})", 10).empty());
  Errors errors = send(R"({"type": "accept", "hostContext": {"ok": {"value": "1"}, "bad": {"value": [1]}}})", 20);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "/hostContext/bad/value");
  EXPECT_EQ(engine.state(), ConversationState::Loading);
  EXPECT_TRUE(engine.inspect(kStart)["context"].contains("ok"));
}

TEST_F(EngineTest, MessageTooLongIsRefusedAndNotSent) {
  load(kDwell);
  send(R"({"type": "startChat"})", 10);
  engine.take_actions();
  std::string text(5000, 'a');
  Errors errors = engine.handle(Json{{"type", "sendMessage"}, {"text", text}}, kStart + 20);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::out_of_range);
  for (const Json& action : engine.take_actions()) EXPECT_NE(action["type"], "send");
}

TEST_F(EngineTest, AgentMessagesForAnotherConversationAreIgnored) {
  load(kDwell);
  send(R"({"type": "startChat"})", 10);
  Errors errors = send(R"({"type": "received", "message": {"type": "agent.joined", "id": "m1", "conversationId": "other"}})", 20);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::invalid_state);
  EXPECT_EQ(engine.state(), ConversationState::Loading);
}

TEST_F(EngineTest, RenderIsSentOnlyWhenTheViewChanges) {
  load(kDwell);
  send(R"({"type": "activity"})", 10);
  for (const Json& action : engine.take_actions()) EXPECT_NE(action["type"], "render");
  send(R"({"type": "startChat"})", 20);
  int renders = 0;
  for (const Json& action : engine.take_actions()) renders += action["type"] == "render";
  EXPECT_EQ(renders, 1);
}

TEST_F(EngineTest, TraceActionsOnlyWhenAsked) {
  load(kDwell);
  send(R"({"type": "tick"})", 20000);
  for (const Json& action : engine.take_actions()) EXPECT_NE(action["type"], "trace");
  Engine traced;
  traced.configure(R"({"trace": true, "rules": [{"id": "t", "when": {"fact": "url", "matches": "/*"}, "invite": {"message": "x"}}]})");
  traced.handle(Json{{"type", "pageLoad"}, {"url", "https://a.com/"}}, kStart);
  int traces = 0;
  for (const Json& action : traced.take_actions()) traces += action["type"] == "trace";
  EXPECT_EQ(traces, 1);
}

}  // namespace
}  // namespace parley
