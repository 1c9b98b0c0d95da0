// Untrusted frames (RELAY.md §2, §6; TRANSPORT.md §1, §3): every bad kind answered with its code,
// counted, and closing at the thresholds; the rate limit; isolation between visitors and agents.
#include "router_test_support.hpp"

namespace parley::relay::testing {
namespace {

struct Signed {
  RouterHarness relay;
  RouterHarness::Visitor visitor = relay.visitor();
};

TEST(RouterFrames, NotJsonIsABadFrame) {
  Signed s;
  Effects effects = s.relay.raw(s.visitor.connection, "{not json");
  EXPECT_EQ(error_code(effects, s.visitor.connection), "bad_frame");
  EXPECT_TRUE(effects.closes.empty());
  EXPECT_EQ(s.relay.router().stats().bad_frames, 1);
}

TEST(RouterFrames, NotAnObjectIsABadFrame) {
  Signed s;
  EXPECT_EQ(error_code(s.relay.raw(s.visitor.connection, "[1,2]"), s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, WrongVersionIsABadFrame) {
  Signed s;
  std::string frame = R"({"v":2,"kind":"msg","from":"visitor","body":{"type":"visitor.hello","id":"h1"}})";
  Effects effects = s.relay.raw(s.visitor.connection, frame);
  EXPECT_EQ(error_code(effects, s.visitor.connection), "bad_frame");
  EXPECT_FALSE(acked(effects, s.visitor.connection, "h1"));
}

TEST(RouterFrames, RightVersionIsAccepted) {
  Signed s;
  std::string frame = R"({"v":1,"kind":"msg","from":"visitor","body":{"type":"visitor.hello","id":"h1"}})";
  EXPECT_TRUE(acked(s.relay.raw(s.visitor.connection, frame), s.visitor.connection, "h1"));
}

TEST(RouterFrames, UnknownKindIsABadFrame) {
  Signed s;
  std::string frame = R"({"v":1,"kind":"shout","from":"visitor"})";
  EXPECT_EQ(error_code(s.relay.raw(s.visitor.connection, frame), s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, FromTheOtherSideIsABadFrame) {
  Signed s;
  std::string frame = R"({"v":1,"kind":"msg","from":"agent","body":{"type":"agent.message","id":"a1","conversationId":"c1","text":"x"}})";
  EXPECT_EQ(error_code(s.relay.raw(s.visitor.connection, frame), s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, MsgWithoutABodyIsABadFrame) {
  Signed s;
  std::string frame = R"({"v":1,"kind":"msg","from":"visitor","body":"hello"})";
  EXPECT_EQ(error_code(s.relay.raw(s.visitor.connection, frame), s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, BodyWithoutAnIdIsABadFrame) {
  Signed s;
  Effects effects = s.relay.visitor_msg(s.visitor.connection, {{"type", "visitor.hello"}});
  EXPECT_EQ(error_code(effects, s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, IdLongerThan256IsABadFrame) {
  Signed s;
  Effects effects = s.relay.visitor_msg(s.visitor.connection, {{"type", "visitor.hello"}, {"id", std::string(257, 'x')}});
  EXPECT_EQ(error_code(effects, s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, IdOf256IsAccepted) {
  Signed s;
  std::string id(256, 'x');
  EXPECT_TRUE(acked(s.relay.visitor_msg(s.visitor.connection, {{"type", "visitor.hello"}, {"id", id}}), s.visitor.connection, id));
}

TEST(RouterFrames, ConversationIdThatIsNotAStringIsABadFrame) {
  Signed s;
  Effects effects = s.relay.visitor_msg(s.visitor.connection, {{"type", "visitor.message"}, {"id", "m1"}, {"conversationId", 7}, {"text", "x"}});
  EXPECT_EQ(error_code(effects, s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, TextOver4000BytesIsInvalidAndFinalForItsId) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  Effects effects = s.relay.say(s.visitor.connection, "c1", "m1", std::string(4001, 'a'));
  auto frames = frames_to(effects, s.visitor.connection);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0]["code"], "invalid");
  EXPECT_EQ(frames[0]["id"], "m1");
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterFrames, TextOf4000BytesIsAccepted) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  EXPECT_TRUE(acked(s.relay.say(s.visitor.connection, "c1", "m1", std::string(4000, 'a')), s.visitor.connection, "m1"));
}

TEST(RouterFrames, EmptyTextIsInvalid) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  EXPECT_EQ(error_code(s.relay.say(s.visitor.connection, "c1", "m1", ""), s.visitor.connection), "invalid");
}

TEST(RouterFrames, InvalidUtf8IsABadFrame) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  std::string frame = "{\"v\":1,\"kind\":\"msg\",\"from\":\"visitor\",\"body\":{\"type\":\"visitor.message\",\"id\":\"m1\","
                      "\"conversationId\":\"c1\",\"text\":\"bad \xC3\x28 byte\"}}";
  Effects effects = s.relay.raw(s.visitor.connection, frame);
  EXPECT_EQ(error_code(effects, s.visitor.connection), "bad_frame");
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterFrames, LoneSurrogateEscapeIsABadFrame) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  std::string frame = R"({"v":1,"kind":"msg","from":"visitor","body":{"type":"visitor.message","id":"m1","conversationId":"c1","text":"\ud800"}})";
  EXPECT_EQ(error_code(s.relay.raw(s.visitor.connection, frame), s.visitor.connection), "bad_frame");
}

TEST(RouterFrames, MultibyteUtf8TextIsAccepted) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  EXPECT_TRUE(acked(s.relay.say(s.visitor.connection, "c1", "m1", "d\xC3\xA9j\xC3\xA0 \xF0\x9F\x99\x82"), s.visitor.connection, "m1"));
}

TEST(RouterFrames, BadBodyFieldsAreInvalid) {
  Signed s;
  s.relay.start(s.visitor.connection, "c1");
  ConnectionId v = s.visitor.connection;
  EXPECT_EQ(error_code(s.relay.visitor_msg(v, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 6}}), v), "invalid");
  EXPECT_EQ(error_code(s.relay.visitor_msg(v, {{"type", "rating"}, {"id", "r2"}, {"conversationId", "c1"}, {"score", "5"}}), v), "invalid");
  EXPECT_EQ(error_code(s.relay.visitor_msg(v, {{"type", "visitor.message"}, {"id", "m1"}, {"text", "no conversation"}}), v), "invalid");
  EXPECT_EQ(error_code(s.relay.visitor_msg(v, {{"type", "conversation.start"}, {"id", "s9"}, {"conversationId", "c9"}, {"channel", "fax"}}), v), "invalid");
  EXPECT_EQ(error_code(s.relay.visitor_msg(v, {{"type", "conversation.start"}, {"id", "s8"}, {"conversationId", "c8"}, {"channel", "chat"},
                                              {"context", {{"k", {{"value", Json::array()}}}}}}), v), "invalid");
  EXPECT_EQ(error_code(s.relay.visitor_msg(v, {{"type", "conversation.start"}, {"id", "s7"}, {"conversationId", "c7"}, {"channel", "video"}}), v), "invalid");
  EXPECT_EQ(s.relay.router().stats().queued, 1);   // only c1
}

TEST(RouterFrames, UnknownMessageTypeIsAcknowledgedAndIgnored) {
  Signed s;
  Effects effects = s.relay.visitor_msg(s.visitor.connection, {{"type", "visitor.dance"}, {"id", "d1"}});
  EXPECT_TRUE(acked(effects, s.visitor.connection, "d1"));
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterFrames, TenBadFramesCloseTheConnection) {
  Signed s;
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(s.relay.raw(s.visitor.connection, "nope").closes.empty());
  EXPECT_TRUE(closed_with(s.relay.raw(s.visitor.connection, "nope"), s.visitor.connection, 1008));
}

TEST(RouterFrames, FrameOver64KiBClosesWith1009) {
  Signed s;
  Effects effects = s.relay.raw(s.visitor.connection, std::string(65537, ' '));
  EXPECT_EQ(error_code(effects, s.visitor.connection), "too_big");
  EXPECT_TRUE(closed_with(effects, s.visitor.connection, 1009));
}

TEST(RouterFrames, FrameOfExactly64KiBIsRead) {
  Signed s;
  std::string frame = R"({"v":1,"kind":"msg","from":"visitor","body":{"type":"visitor.hello","id":"h1"}})";
  frame += std::string(65536 - frame.size(), ' ');
  EXPECT_TRUE(acked(s.relay.raw(s.visitor.connection, frame), s.visitor.connection, "h1"));
}

TEST(RouterFrames, BurstBeyondTheBudgetIsRateLimitedWithoutAnId) {
  RouterLimits limits;
  limits.visitor_rate = {1, 3};
  RouterHarness relay(default_agents(), limits);
  auto visitor = relay.visitor();   // the hello took one token
  relay.visitor_msg(visitor.connection, {{"type", "visitor.hello"}, {"id", "h1"}});
  relay.visitor_msg(visitor.connection, {{"type", "visitor.hello"}, {"id", "h2"}});
  Effects refused = relay.visitor_msg(visitor.connection, {{"type", "visitor.hello"}, {"id", "h3"}});
  auto frames = frames_to(refused, visitor.connection);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0]["code"], "rate_limited");
  EXPECT_FALSE(frames[0].contains("id"));   // not final: the sender resends it
  EXPECT_EQ(relay.router().stats().rate_limited, 1);
  relay.now += 1000;   // one token back
  EXPECT_TRUE(acked(relay.visitor_msg(visitor.connection, {{"type", "visitor.hello"}, {"id", "h3"}}), visitor.connection, "h3"));
}

TEST(RouterFrames, TenRateRefusalsInARowCloseTheConnection) {
  RouterLimits limits;
  limits.visitor_rate = {1, 1};
  RouterHarness relay(default_agents(), limits);
  auto visitor = relay.visitor();
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(relay.raw(visitor.connection, "{}").closes.empty());
  EXPECT_TRUE(closed_with(relay.raw(visitor.connection, "{}"), visitor.connection, 1008));
}

TEST(RouterFrames, AnAcceptedFrameResetsTheRateRefusalRun) {
  RouterLimits limits;
  limits.visitor_rate = {1, 1};
  RouterHarness relay(default_agents(), limits);
  auto visitor = relay.visitor();
  for (int i = 0; i < 9; ++i) relay.raw(visitor.connection, "{}");
  relay.now += 1000;
  relay.visitor_msg(visitor.connection, {{"type", "visitor.hello"}, {"id", "h1"}});
  EXPECT_TRUE(relay.raw(visitor.connection, "{}").closes.empty());
}

TEST(RouterFrames, AgentsHaveTheirOwnLargerBudget) {
  RouterHarness relay;
  ConnectionId alex = relay.agent("alex");
  for (int i = 0; i < 300; ++i)
    ASSERT_EQ(error_code(relay.status(alex, false, false), alex), "") << i;
}

// Isolation

TEST(RouterIsolation, VisitorNamingAnotherVisitorsConversationIsForbidden) {
  RouterHarness relay;
  relay.available_agent("alex");
  auto owner = relay.visitor();
  auto other = relay.visitor();
  relay.start(owner.connection, "c1");
  Effects effects = relay.say(other.connection, "c1", "m1", "let me in");
  auto frames = frames_to(effects, other.connection);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0]["code"], "forbidden");
  EXPECT_EQ(frames[0]["id"], "m1");
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterIsolation, UnknownConversationGetsTheSameAnswerAsSomeoneElses) {
  RouterHarness relay;
  auto owner = relay.visitor();
  auto other = relay.visitor();
  relay.start(owner.connection, "c1");
  Effects theirs = relay.say(other.connection, "c1", "m1", "x");
  Effects nobodys = relay.say(other.connection, "c404", "m1", "x");
  auto a = frames_to(theirs, other.connection), b = frames_to(nobodys, other.connection);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0], b[0]);
}

TEST(RouterIsolation, VisitorOwnMessageIsAccepted) {
  RouterHarness relay;
  auto owner = relay.visitor();
  relay.start(owner.connection, "c1");
  EXPECT_TRUE(acked(relay.say(owner.connection, "c1", "m1", "mine"), owner.connection, "m1"));
}

TEST(RouterIsolation, StartWithAnotherVisitorsConversationIdIsForbidden) {
  RouterHarness relay;
  auto owner = relay.visitor();
  auto other = relay.visitor();
  relay.start(owner.connection, "c1");
  Effects effects = relay.start(other.connection, "c1");
  EXPECT_EQ(error_code(effects, other.connection), "forbidden");
  EXPECT_TRUE(effects.writes.empty());
}

TEST(RouterIsolation, OtherVisitorsRatingOrEndIsForbidden) {
  RouterHarness relay;
  auto owner = relay.visitor();
  auto other = relay.visitor();
  relay.start(owner.connection, "c1");
  ConnectionId v = other.connection;
  EXPECT_EQ(error_code(relay.visitor_msg(v, {{"type", "visitor.ended"}, {"id", "e1"}, {"conversationId", "c1"}}), v), "forbidden");
  EXPECT_EQ(error_code(relay.visitor_msg(v, {{"type", "rating"}, {"id", "r1"}, {"conversationId", "c1"}, {"score", 1}}), v), "forbidden");
  EXPECT_EQ(relay.router().stats().queued, 1);
}

TEST(RouterIsolation, AgentWritingInSomeoneElsesConversationIsForbidden) {
  RouterHarness relay;
  relay.available_agent("alex");
  ConnectionId sam = relay.agent("sam");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");   // alex
  Effects effects = relay.reply(sam, "c1", "a1", "hi from sam");
  EXPECT_EQ(error_code(effects, sam), "forbidden");
  EXPECT_TRUE(effects.writes.empty());
  EXPECT_TRUE(bodies_to(effects, visitor.connection, "agent.message").empty());
}

TEST(RouterIsolation, AgentWritingInAQueuedConversationIsForbidden) {
  RouterHarness relay;
  ConnectionId sam = relay.agent("sam");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  EXPECT_EQ(error_code(relay.reply(sam, "c1", "a1", "hi"), sam), "forbidden");
}

TEST(RouterIsolation, AssignedAgentReachesTheVisitor) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex");
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.reply(alex, "c1", "a1", "hello");
  EXPECT_TRUE(acked(effects, alex, "a1"));
  auto messages = bodies_to(effects, visitor.connection, "agent.message");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["id"], "a1");   // ids are kept end to end
  EXPECT_EQ(frames_to(effects, visitor.connection)[0]["from"], "agent");
}

TEST(RouterIsolation, VideoSignallingGoesOnlyBetweenTheVisitorAndTheAssignedAgent) {
  RouterHarness relay;
  ConnectionId alex = relay.available_agent("alex", true, true);
  ConnectionId sam = relay.available_agent("sam", true, true);
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1", "video");   // alex
  Effects offer = relay.visitor_msg(visitor.connection, {{"type", "webrtc.offer"}, {"id", "o1"}, {"conversationId", "c1"}, {"callId", "call-c1"}, {"sdp", "v=0"}});
  EXPECT_EQ(bodies_to(offer, alex, "webrtc.offer").size(), 1u);
  EXPECT_TRUE(bodies_to(offer, sam, "webrtc.offer").empty());
  Effects answer = relay.agent_msg(alex, {{"type", "webrtc.answer"}, {"id", "w1"}, {"conversationId", "c1"}, {"callId", "call-c1"}, {"sdp", "v=0"}});
  EXPECT_EQ(bodies_to(answer, visitor.connection, "webrtc.answer").size(), 1u);
  Effects intruder = relay.agent_msg(sam, {{"type", "video.join"}, {"id", "j1"}, {"conversationId", "c1"}, {"callId", "call-c1"}});
  EXPECT_EQ(error_code(intruder, sam), "forbidden");
}

TEST(RouterIsolation, VideoSignallingInAQueuedConversationIsInvalid) {
  RouterHarness relay;
  auto visitor = relay.visitor();
  relay.start(visitor.connection, "c1");
  Effects effects = relay.visitor_msg(visitor.connection, {{"type", "webrtc.offer"}, {"id", "o1"}, {"conversationId", "c1"}, {"callId", "k"}, {"sdp", "v=0"}});
  EXPECT_EQ(error_code(effects, visitor.connection), "invalid");
}

}  // namespace
}  // namespace parley::relay::testing
