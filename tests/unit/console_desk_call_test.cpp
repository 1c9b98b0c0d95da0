// The console desk's video calls (console/agent_desk.hpp, console/desk_call.hpp), driven with
// envelopes as a visitor tab posts them (wasm-glue/TRANSPORT.md "Video"): a video request
// accepted, chat-to-video escalation (invite, cancel, accept, join, hang up), the visitor's
// devices, signalling to and from the agent's media, and the commands refused where they make
// no sense.
#include <gtest/gtest.h>

#include "console/agent_desk.hpp"

namespace parley::console {
namespace {

constexpr double kT = 1767603600000;

Json from_visitor(Json body) { return Json{{"v", 1}, {"kind", "msg"}, {"from", "visitor"}, {"body", std::move(body)}}; }

// The bodies of the messages the desk posted (acks and availability left out).
std::vector<Json> sent(AgentDesk& desk) {
  std::vector<Json> out;
  for (const Json& post : desk.take_posts())
    if (post["kind"] == "msg" && post["body"]["type"] != "availability") out.push_back(post["body"]);
  return out;
}

std::vector<std::string> types(const std::vector<Json>& bodies) {
  std::vector<std::string> out;
  for (const Json& body : bodies) out.push_back(body["type"].get<std::string>());
  return out;
}

class ConsoleDeskCall : public ::testing::Test {
 protected:
  AgentDesk desk{"t"};
  int next = 0;

  void visitor(Json body) {
    body["id"] = "v-" + std::to_string(++next);
    if (!body.contains("conversationId")) body["conversationId"] = "c1";
    desk.receive(from_visitor(std::move(body)), kT + next);
  }
  void start(std::string_view channel, Json extra = Json::object()) {
    Json body{{"type", "conversation.start"}, {"channel", channel}};
    body.update(extra);
    visitor(std::move(body));
  }
  const DeskCall& call() { return *desk.find("c1")->call; }
  std::string last_line() { return desk.find("c1")->transcript.back().text; }
};

TEST_F(ConsoleDeskCall, AVideoRequestIsAcceptedWithAgentJoinedThenVideoJoinAndStartsTheMedia) {
  start("video", {{"callId", "call-1"}, {"camera", "one_way"}});
  ASSERT_TRUE(desk.find("c1")->call.has_value());
  EXPECT_EQ(call().state, CallState::requested);
  EXPECT_EQ(call().mode, "one_way");
  EXPECT_EQ(call_status_text(call(), ""), "The visitor asks for a video call: accept the conversation to join.");
  EXPECT_FALSE(desk.join_video("c1", kT).empty()) << "a video request is joined by accepting the conversation";
  sent(desk);

  ASSERT_TRUE(desk.accept("c1", kT).empty());
  std::vector<Json> bodies = sent(desk);
  EXPECT_EQ(types(bodies), (std::vector<std::string>{"agent.joined", "video.join"}));
  EXPECT_EQ(bodies[1]["callId"], "call-1");
  EXPECT_EQ(bodies[1]["conversationId"], "c1");
  EXPECT_EQ(call().state, CallState::accepted);
  EXPECT_TRUE(call().agent_in);
  std::vector<MediaCommand> media = desk.take_media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].kind, MediaCommand::Kind::start);
  EXPECT_EQ(media[0].call_id, "call-1");
  EXPECT_EQ(media[0].video_source, "camera");
  EXPECT_EQ(call_status_text(call(), "connected"), "Connected");
  EXPECT_EQ(call_status_text(call(), "connecting"), "Connecting\xE2\x80\xA6");
}

TEST_F(ConsoleDeskCall, AChatStartHasNoCallAndAnUnknownCameraModeReadsAsNotTold) {
  start("chat", {{"callId", "ignored"}});
  EXPECT_FALSE(desk.find("c1")->call.has_value());
  visitor({{"type", "conversation.start"}, {"channel", "video"}, {"callId", "call-2"}, {"camera", "<b>x</b>"},
           {"conversationId", "c2"}});
  ASSERT_TRUE(desk.find("c2")->call.has_value());
  EXPECT_EQ(desk.find("c2")->call->mode, "");
  EXPECT_EQ(mode_text(desk.find("c2")->call->mode), "Not told yet");
}

TEST_F(ConsoleDeskCall, SignallingReachesTheMediaOnlyOnceTheAgentIsInAndAnswersGoOutOnTheCall) {
  start("video", {{"callId", "call-1"}, {"camera", "classic"}});
  visitor({{"type", "webrtc.offer"}, {"callId", "call-1"}, {"sdp", "v=0 early"}});
  EXPECT_TRUE(desk.take_media().empty()) << "no peer connection before the agent joins";
  int ignored = desk.counts().ignored;
  desk.accept("c1", kT);
  desk.take_media();
  sent(desk);

  visitor({{"type", "webrtc.offer"}, {"callId", "call-1"}, {"sdp", "v=0 offer"}});
  visitor({{"type", "webrtc.candidate"}, {"callId", "call-1"}, {"candidate", {{"candidate", "c"}, {"sdpMid", "0"}}}});
  visitor({{"type", "webrtc.candidate"}, {"callId", "call-1"}, {"candidate", nullptr}});
  visitor({{"type", "webrtc.candidate"}, {"callId", "call-1"}, {"candidate", "not an object"}});
  visitor({{"type", "webrtc.offer"}, {"callId", "another-call"}, {"sdp", "v=0"}});
  visitor({{"type", "webrtc.offer"}, {"callId", "call-1"}, {"sdp", 42}});
  std::vector<MediaCommand> media = desk.take_media();
  ASSERT_EQ(media.size(), 3u);
  EXPECT_EQ(media[0].kind, MediaCommand::Kind::offer);
  EXPECT_EQ(media[0].payload, "v=0 offer");
  EXPECT_EQ(media[1].kind, MediaCommand::Kind::candidate);
  EXPECT_EQ(media[1].payload["sdpMid"], "0");
  EXPECT_TRUE(media[2].payload.is_null());
  EXPECT_EQ(desk.counts().ignored, ignored + 3) << "a bad candidate, another call's offer, a non-string SDP";

  ASSERT_TRUE(desk.signal("call-1", "webrtc.answer", Json{{"sdp", "v=0 answer"}}, kT).empty());
  ASSERT_TRUE(desk.signal("call-1", "webrtc.candidate", Json{{"candidate", nullptr}}, kT).empty());
  std::vector<Json> bodies = sent(desk);
  ASSERT_EQ(types(bodies), (std::vector<std::string>{"webrtc.answer", "webrtc.candidate"}));
  EXPECT_EQ(bodies[0]["sdp"], "v=0 answer");
  EXPECT_EQ(bodies[0]["conversationId"], "c1");
  EXPECT_EQ(bodies[0]["callId"], "call-1");
  EXPECT_FALSE(bodies[0]["id"].get<std::string>().empty()) << "sent reliably, like every conversation message";
  EXPECT_FALSE(desk.signal("call-1", "webrtc.offer", Json::object(), kT).empty()) << "the agent never offers";
  EXPECT_FALSE(desk.signal("call-1", "webrtc.answer", Json("sdp"), kT).empty());
  EXPECT_FALSE(desk.signal("nope", "webrtc.answer", Json::object(), kT).empty());

  ASSERT_TRUE(desk.hang_up("c1", kT).empty());
  EXPECT_FALSE(desk.signal("call-1", "webrtc.candidate", Json{{"candidate", nullptr}}, kT).empty())
      << "a late candidate of an ended call is not sent";
}

TEST_F(ConsoleDeskCall, EscalationInviteCancelInviteAcceptJoinHangUpAndTheChatGoesOn) {
  start("chat");
  EXPECT_FALSE(desk.invite_video("c1", kT).empty()) << "not before the conversation is accepted";
  desk.accept("c1", kT);
  sent(desk);

  ASSERT_TRUE(desk.invite_video("c1", kT).empty());
  std::vector<Json> bodies = sent(desk);
  ASSERT_EQ(types(bodies), std::vector<std::string>{"video.invite"});
  std::string first_call = bodies[0]["callId"].get<std::string>();
  EXPECT_EQ(call().id, first_call);
  EXPECT_EQ(call().state, CallState::invited);
  EXPECT_EQ(call_status_text(call(), ""), "Invitation sent; waiting for the visitor.");
  EXPECT_FALSE(desk.invite_video("c1", kT).empty()) << "one call at a time";
  EXPECT_FALSE(desk.hang_up("c1", kT).empty()) << "nothing to hang up before joining";

  ASSERT_TRUE(desk.cancel_video("c1", kT).empty());
  bodies = sent(desk);
  ASSERT_EQ(types(bodies), std::vector<std::string>{"video.cancel"});
  EXPECT_EQ(bodies[0]["callId"], first_call);
  EXPECT_EQ(call().state, CallState::ended);
  EXPECT_EQ(call_status_text(call(), ""), "You withdrew the video invitation.");
  EXPECT_TRUE(desk.take_media().empty()) << "no media was started, none to close";
  EXPECT_FALSE(desk.cancel_video("c1", kT).empty()) << "nothing left to cancel";

  ASSERT_TRUE(desk.invite_video("c1", kT).empty());
  std::string second_call = sent(desk)[0]["callId"].get<std::string>();
  EXPECT_NE(second_call, first_call) << "a fresh callId per invitation";
  visitor({{"type", "video.accept"}, {"callId", first_call}, {"camera", "classic"}});
  EXPECT_EQ(call().state, CallState::invited) << "the withdrawn call's late answer changes nothing";
  visitor({{"type", "video.accept"}, {"callId", second_call}, {"camera", "off_by_default"}});
  EXPECT_EQ(call().state, CallState::accepted);
  EXPECT_EQ(call().mode, "off_by_default");
  EXPECT_EQ(last_line(), "The visitor accepted the video call: join it.");
  EXPECT_EQ(call_status_text(call(), ""), "The visitor accepted: join the call.");

  ASSERT_TRUE(desk.set_video_source("pattern").empty());
  ASSERT_TRUE(desk.join_video("c1", kT).empty());
  EXPECT_EQ(types(sent(desk)), std::vector<std::string>{"video.join"});
  std::vector<MediaCommand> media = desk.take_media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].video_source, "pattern");
  EXPECT_FALSE(desk.join_video("c1", kT).empty()) << "joined already";
  EXPECT_FALSE(desk.cancel_video("c1", kT).empty()) << "in the call: hang up, not cancel";

  ASSERT_TRUE(desk.hang_up("c1", kT).empty());
  bodies = sent(desk);
  ASSERT_EQ(types(bodies), std::vector<std::string>{"video.ended"});
  EXPECT_EQ(bodies[0]["reason"], "hangUp");
  media = desk.take_media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].kind, MediaCommand::Kind::close);
  EXPECT_EQ(media[0].call_id, second_call);
  EXPECT_EQ(call_status_text(call(), "connected"), "You ended the video call.");
  EXPECT_EQ(desk.find("c1")->status, DeskStatus::active);
  EXPECT_TRUE(desk.reply("c1", "On continue par écrit.", kT).empty()) << "the chat goes on";
}

TEST_F(ConsoleDeskCall, JoiningBeforeTheVisitorAcceptsWaitsInTheCall) {
  start("chat");
  desk.accept("c1", kT);
  desk.invite_video("c1", kT);
  ASSERT_TRUE(desk.join_video("c1", kT).empty());
  EXPECT_EQ(call().state, CallState::invited);
  EXPECT_EQ(call_status_text(call(), "new"), "You are in the call; waiting for the visitor to accept.");
  visitor({{"type", "video.accept"}, {"callId", call().id}, {"camera", "classic"}});
  EXPECT_EQ(last_line(), "The visitor accepted the video call.");
  // Cancelling an invitation the agent waits in also stops the agent's media.
  start("chat", {{"conversationId", "c2"}});
  desk.accept("c2", kT);
  desk.invite_video("c2", kT);
  desk.join_video("c2", kT);
  desk.take_media();
  ASSERT_TRUE(desk.cancel_video("c2", kT).empty());
  std::vector<MediaCommand> media = desk.take_media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].kind, MediaCommand::Kind::close);
}

TEST_F(ConsoleDeskCall, TheVisitorsDevicesAreShownAsToldAndUnknownValuesAreKeptOut) {
  start("video", {{"callId", "call-1"}, {"camera", "classic"}});
  desk.accept("c1", kT);
  visitor({{"type", "video.media"}, {"callId", "call-1"}, {"camera", "on"}, {"microphone", "on"}, {"permission", "pending"}});
  EXPECT_EQ(call().visitor.camera, "on");
  EXPECT_EQ(call().visitor.permission, "pending");
  visitor({{"type", "video.media"}, {"callId", "call-1"}, {"camera", "<img>"}, {"microphone", "muted"}, {"permission", "busy"}});
  EXPECT_EQ(call().visitor.camera, "on") << "an unknown camera value changes nothing";
  EXPECT_EQ(call().visitor.microphone, "muted");
  EXPECT_EQ(call().visitor.permission, "busy");
  EXPECT_EQ(media_text(call().visitor.microphone), "Muted");
  EXPECT_EQ(media_text(call().visitor.permission), "Device busy");
  EXPECT_EQ(media_text("denied"), "Denied by the visitor or the browser");
  EXPECT_EQ(media_text(""), "\xE2\x80\x94");
  visitor({{"type", "video.media"}, {"callId", "other"}, {"camera", "off"}});
  EXPECT_EQ(call().visitor.camera, "on") << "another call's devices are not this one's";
}

TEST_F(ConsoleDeskCall, TheVisitorEndsOrDeclinesAndTheDeskSaysWhy) {
  start("video", {{"callId", "call-1"}});
  desk.accept("c1", kT);
  desk.take_media();
  sent(desk);
  visitor({{"type", "video.ended"}, {"callId", "call-1"}, {"reason", "reload"}});
  EXPECT_EQ(call().state, CallState::ended);
  EXPECT_EQ(call().ended, "The visitor\xE2\x80\x99s page reloaded: the call ended.");
  EXPECT_EQ(desk.take_media().size(), 1u) << "the agent's media closes";
  EXPECT_TRUE(sent(desk).empty()) << "nothing to tell the visitor, who ended it";

  desk.invite_video("c1", kT);
  visitor({{"type", "video.decline"}, {"callId", call().id}});
  EXPECT_EQ(call().ended, "The visitor declined the video call.");
  EXPECT_TRUE(desk.take_media().empty());
}

TEST_F(ConsoleDeskCall, QueueingAVideoRequestEndsItsCallAndEndingTheConversationEndsTheCall) {
  start("video", {{"callId", "call-1"}});
  ASSERT_TRUE(desk.queue("c1", kT).empty());
  EXPECT_EQ(call().state, CallState::ended);
  EXPECT_EQ(call().ended, "Queued: video never waits, the conversation goes on as a chat.");
  EXPECT_FALSE(desk.join_video("c1", kT).empty());

  start("video", {{"callId", "call-2"}, {"conversationId", "c2"}});
  desk.accept("c2", kT);
  desk.take_media();
  ASSERT_TRUE(desk.end("c2", kT).empty());
  EXPECT_EQ(desk.find("c2")->call->state, CallState::ended);
  std::vector<MediaCommand> media = desk.take_media();
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0].kind, MediaCommand::Kind::close);

  start("video", {{"callId", "call-3"}, {"conversationId", "c3"}});
  visitor({{"type", "visitor.ended"}, {"conversationId", "c3"}});
  EXPECT_EQ(desk.find("c3")->call->ended, "The call ended with the conversation.");
}

TEST_F(ConsoleDeskCall, TheAgentsVideoIsCameraPatternOrNone) {
  EXPECT_EQ(desk.video_source(), "camera");
  EXPECT_FALSE(desk.set_video_source("screen").empty());
  EXPECT_EQ(desk.video_source(), "camera");
  EXPECT_TRUE(desk.set_video_source("none").empty());
  EXPECT_EQ(desk.video_source(), "none");
}

}  // namespace
}  // namespace parley::console
