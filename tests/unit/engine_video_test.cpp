// The video call across a reload: its media cannot survive the page, the agent is told.
#include <gtest/gtest.h>

#include "parley/engine.hpp"

namespace parley {
namespace {

constexpr double kStart = 1767603600000;  // 2026-01-05T09:00:00Z

class EngineVideoTest : public ::testing::Test {
 protected:
  Errors send(Engine& engine, const Json& event, double at_ms) {
    Errors errors = engine.handle(event, kStart + at_ms);
    for (Json& action : engine.take_actions()) {
      if (action["type"] == "store") stored = action["value"].is_string() ? action["value"].get<std::string>() : "";
      if (action["type"] == "send") sent.push_back(action["message"]);
    }
    return errors;
  }
  Json page_load() const {
    return Json{{"type", "pageLoad"}, {"url", "https://contoso.com/help"}, {"storage", Json{{"conversation", stored}}}};
  }
  Json from_agent(Json message) { return Json{{"type", "received"}, {"message", std::move(message)}}; }

  std::string stored;
  std::vector<Json> sent;
};

TEST_F(EngineVideoTest, AReloadDuringACallEndsItAndTellsTheAgent) {
  Engine first;
  ASSERT_TRUE(send(first, page_load(), 0).empty());
  ASSERT_TRUE(send(first, Json{{"type", "startChat"}}, 1000).empty());
  std::string conversation = sent.back()["conversationId"].get<std::string>();
  int agent_ids = 0;
  auto agent = [&](Json message) {
    message["conversationId"] = conversation;
    message["id"] = "d" + std::to_string(++agent_ids);
    return from_agent(std::move(message));
  };
  ASSERT_TRUE(send(first, agent(Json{{"type", "agent.joined"}}), 2000).empty());
  ASSERT_TRUE(send(first, agent(Json{{"type", "video.invite"}, {"callId", "c1"}}), 3000).empty());
  ASSERT_TRUE(send(first, Json{{"type", "videoAccept"}}, 4000).empty());
  ASSERT_TRUE(send(first, Json{{"type", "mediaReady"}, {"audio", true}, {"video", true}}, 5000).empty());
  ASSERT_EQ(first.video_state(), VideoState::ringing);

  sent.clear();
  Engine second;
  ASSERT_TRUE(send(second, page_load(), 6000).empty());
  EXPECT_EQ(second.state(), ConversationState::Active);
  EXPECT_EQ(second.video_state(), VideoState::none);
  EXPECT_TRUE(second.view()["video"].is_null());
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["type"], "video.ended");
  EXPECT_EQ(sent[0]["callId"], "c1");
  EXPECT_EQ(sent[0]["reason"], "reload");
  EXPECT_EQ(sent[0]["conversationId"], conversation);

  // The stored conversation no longer names the call: a second reload says nothing more.
  sent.clear();
  Engine third;
  ASSERT_TRUE(send(third, page_load(), 7000).empty());
  EXPECT_EQ(third.state(), ConversationState::Active);
  EXPECT_TRUE(sent.empty());
}

TEST_F(EngineVideoTest, AChatOnlyConversationReloadsWithoutVideoMessages) {
  Engine first;
  ASSERT_TRUE(send(first, page_load(), 0).empty());
  ASSERT_TRUE(send(first, Json{{"type", "startChat"}}, 1000).empty());
  sent.clear();
  Engine second;
  ASSERT_TRUE(send(second, page_load(), 2000).empty());
  EXPECT_EQ(second.state(), ConversationState::Loading);
  EXPECT_TRUE(sent.empty());
}

TEST_F(EngineVideoTest, InspectShowsTheCall) {
  Engine engine;
  ASSERT_TRUE(engine.configure(R"({"video": {"camera": "off_by_default", "promptTimeout": 10}})").empty());
  ASSERT_TRUE(send(engine, page_load(), 0).empty());
  ASSERT_TRUE(send(engine, Json{{"type", "availability"}, {"video", true}}, 0).empty());
  ASSERT_TRUE(send(engine, Json{{"type", "startChat"}, {"channel", "video"}}, 1000).empty());
  Json video = engine.inspect(kStart + 1000)["video"];
  EXPECT_EQ(video["state"], "requested");
  EXPECT_EQ(video["promptDeadline"], kStart + 11000);
  EXPECT_EQ(video["cameraPending"], false);  // off_by_default: the camera is not asked for
}

}  // namespace
}  // namespace parley
