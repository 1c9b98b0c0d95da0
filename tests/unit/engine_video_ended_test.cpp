// lcw:videoEnded: every call that ends fires it exactly once, with `by` and `reason`
// (PROTOCOL.md, "Video"), whichever way it ends: declined, withdrawn, hung up by either side,
// failed, queued, with the chat, or with the page.
#include <gtest/gtest.h>

#include "parley/engine.hpp"

namespace parley {
namespace {

constexpr double kStart = 1767603600000;  // 2026-01-05T09:00:00Z

struct Ended {
  std::string call, by, reason;
  bool operator==(const Ended&) const = default;
};
std::ostream& operator<<(std::ostream& out, const Ended& e) { return out << e.call << " " << e.by << " " << e.reason; }

class VideoEndedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    event(Json{{"type", "pageLoad"}, {"url", "https://contoso.com/help"}, {"pageId", "pg"}});
    event(Json{{"type", "availability"}, {"chat", true}, {"video", true}});
  }

  // Sends one event (time moves 1 s per event) and keeps what it emitted and sent.
  Errors event(const Json& e) {
    now_ += 1000;
    Errors errors = engine_.handle(e, kStart + now_);
    for (Json& action : engine_.take_actions()) {
      if (action["type"] == "send") sent_.push_back(action["message"]);
      if (action["type"] == "store") stored_ = action["value"].is_string() ? action["value"].get<std::string>() : "";
      if (action["type"] == "emit" && action["name"] == "lcw:videoEnded") {
        const Json& d = action["detail"];
        ended_.push_back({d["callId"].get<std::string>(), d["by"].get<std::string>(),
                          d.contains("reason") ? d["reason"].get<std::string>() : "(none)"});
      }
    }
    return errors;
  }
  void ok(const Json& e) { ASSERT_TRUE(event(e).empty()) << e.dump(); }
  void agent(Json message) {
    message["conversationId"] = conversation_;
    message["id"] = "d" + std::to_string(++agent_ids_);
    ok(Json{{"type", "received"}, {"message", std::move(message)}});
  }
  // An active chat, as the agent's invitations need.
  void chat() {
    ok(Json{{"type", "startChat"}});
    conversation_ = sent_.back()["conversationId"].get<std::string>();
    agent(Json{{"type", "agent.joined"}});
  }
  void invite(const std::string& call) { agent(Json{{"type", "video.invite"}, {"callId", call}}); }
  void accept_and_connect(const std::string& call) {
    ok(Json{{"type", "videoAccept"}});
    ok(Json{{"type", "mediaReady"}, {"audio", true}, {"video", true}});
    agent(Json{{"type", "video.join"}, {"callId", call}});
    ASSERT_EQ(engine_.video_state(), VideoState::connected);
  }
  std::string last_video_ended_reason() const {
    for (auto it = sent_.rbegin(); it != sent_.rend(); ++it)
      if ((*it)["type"] == "video.ended") return (*it)["reason"].get<std::string>();
    return "(none)";
  }

  Engine engine_;
  double now_ = 0;
  int agent_ids_ = 0;
  std::string conversation_, stored_;
  std::vector<Json> sent_;
  std::vector<Ended> ended_;
};

TEST_F(VideoEndedTest, DeclinedInvitation) {
  chat();
  invite("c1");
  ok(Json{{"type", "videoDecline"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "visitor", "declined"}}));
}

TEST_F(VideoEndedTest, InvitationWithdrawnByTheAgent) {
  chat();
  invite("c1");
  agent(Json{{"type", "video.cancel"}, {"callId", "c1"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "agent", "cancelled"}}));
}

TEST_F(VideoEndedTest, HungUpByTheVisitor) {
  chat();
  invite("c1");
  accept_and_connect("c1");
  ok(Json{{"type", "hangUp"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "visitor", "hangUp"}}));
  EXPECT_EQ(last_video_ended_reason(), "hangUp");
}

TEST_F(VideoEndedTest, HungUpByTheAgent) {
  chat();
  invite("c1");
  accept_and_connect("c1");
  agent(Json{{"type", "video.ended"}, {"callId", "c1"}, {"reason", "hangUp"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "agent", "hangUp"}}));
}

TEST_F(VideoEndedTest, LostConnectionEndsTheCallOnBothSidesOnce) {
  chat();
  invite("c1");
  accept_and_connect("c1");
  ok(Json{{"type", "callFailed"}, {"reason", "the connection failed"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "error", "connection"}}));
  EXPECT_EQ(last_video_ended_reason(), "error");
  EXPECT_EQ(engine_.video_state(), VideoState::ended);
  EXPECT_TRUE(engine_.view()["video"].is_null());
  EXPECT_EQ(engine_.view()["chat"]["messages"].back()["text"], "The video connection was lost.");
  // The agent was told the call ended: nothing left to retry or to hang up, nothing fires again.
  EXPECT_FALSE(event(Json{{"type", "videoRetry"}}).empty());
  EXPECT_FALSE(event(Json{{"type", "hangUp"}}).empty());
  EXPECT_EQ(ended_.size(), 1u);
  // The agent may invite again: a new call.
  invite("c2");
  EXPECT_EQ(engine_.video_state(), VideoState::invited);
}

TEST_F(VideoEndedTest, FailedMediaIsNoEndUntilTheVisitorClosesIt) {
  chat();
  invite("c1");
  ok(Json{{"type", "videoAccept"}});
  ok(Json{{"type", "mediaError"}, {"reason", "denied"}, {"device", "camera"}});
  EXPECT_TRUE(ended_.empty()) << "failed waits for Try again";
  ok(Json{{"type", "videoRetry"}});
  ok(Json{{"type", "mediaError"}, {"reason", "busy"}});
  EXPECT_TRUE(ended_.empty());
  ok(Json{{"type", "hangUp"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "error", "busy"}}));
  EXPECT_EQ(last_video_ended_reason(), "error");
}

TEST_F(VideoEndedTest, TheAgentEndsAFailedCall) {
  chat();
  invite("c1");
  agent(Json{{"type", "video.join"}, {"callId", "c1"}});
  ok(Json{{"type", "videoAccept"}});
  ok(Json{{"type", "mediaError"}, {"reason", "no_device"}});
  agent(Json{{"type", "video.ended"}, {"callId", "c1"}, {"reason", "hangUp"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "agent", "hangUp"}}));
  EXPECT_TRUE(engine_.view()["video"].is_null());
}

TEST_F(VideoEndedTest, ANewInvitationEndsTheFailedCallItReplaces) {
  chat();
  invite("c1");
  ok(Json{{"type", "videoAccept"}});
  ok(Json{{"type", "mediaError"}, {"reason", "denied"}});
  invite("c2");
  agent(Json{{"type", "video.cancel"}, {"callId", "c2"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "error", "denied"}, {"c2", "agent", "cancelled"}}));
}

TEST_F(VideoEndedTest, TheChatEndingTakesAnInvitationWithIt) {
  chat();
  invite("c1");
  ok(Json{{"type", "endChat"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{"c1", "chat", "chatEnded"}}));
}

TEST_F(VideoEndedTest, AQueuedVideoRequestEndsAsAChat) {
  ok(Json{{"type", "startChat"}, {"channel", "video"}});
  conversation_ = sent_.back()["conversationId"].get<std::string>();
  std::string call = sent_.back()["callId"].get<std::string>();
  ok(Json{{"type", "mediaReady"}, {"audio", true}, {"video", true}});
  agent(Json{{"type", "conversation.queued"}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{call, "agent", "queued"}}));
  // The conversation goes on as a chat: its end fires nothing more.
  ok(Json{{"type", "endChat"}});
  EXPECT_EQ(ended_.size(), 1u);
}

TEST_F(VideoEndedTest, AVideoRequestTheAgentGivesUpOnBeforeJoining) {
  ok(Json{{"type", "startChat"}, {"channel", "video"}});
  conversation_ = sent_.back()["conversationId"].get<std::string>();
  std::string call = sent_.back()["callId"].get<std::string>();
  agent(Json{{"type", "video.cancel"}, {"callId", call}});
  EXPECT_EQ(ended_, (std::vector<Ended>{{call, "agent", "cancelled"}}));
}

TEST_F(VideoEndedTest, ACallCutByAReloadEndsOnTheNextPageAfterReady) {
  chat();
  invite("c1");
  accept_and_connect("c1");
  Engine next;
  ASSERT_TRUE(next.handle(Json{{"type", "pageLoad"}, {"url", "https://contoso.com/help"},
                               {"storage", Json{{"conversation", stored_}}}},
                          kStart + now_ + 1000)
                  .empty());
  std::vector<std::string> emitted;
  Json detail;
  for (Json& action : next.take_actions())
    if (action["type"] == "emit") {
      emitted.push_back(action["name"].get<std::string>());
      if (action["name"] == "lcw:videoEnded") detail = action["detail"];
    }
  EXPECT_EQ(emitted, (std::vector<std::string>{"lcw:ready", "lcw:videoEnded"}));
  EXPECT_EQ(detail, (Json{{"callId", "c1"}, {"by", "visitor"}, {"reason", "reload"}}));
  EXPECT_TRUE(ended_.empty()) << "the page that held the call fired nothing";
}

}  // namespace
}  // namespace parley
