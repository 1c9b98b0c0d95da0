// The fact table (parley/fact.hpp: kFacts) is the one source of the built-in facts: the registry,
// the condition compiler and the explainer read it, and the config schema (generated from
// widget/schema/config_model.mjs) must say the same names, types and ranges.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "parley/condition.hpp"
#include "parley/config.hpp"
#include "parley/conversation.hpp"
#include "parley/rule_explain.hpp"
#include "parley/video_call.hpp"

namespace parley {
namespace {

Json read_schema() {
  std::ifstream file(std::string(PARLEY_SCENARIO_DIR) + "/../../widget/schema/parley.schema.json");
  std::stringstream text;
  text << file.rdbuf();
  Errors errors;
  return parse_json(text.str(), "", errors);
}

// The schema's branch for one fact: allOf[i].then, where allOf[i].if names the fact. (Non-const:
// operator[] on a missing key then gives null instead of undefined behaviour.)
Json* schema_branch(Json& test, std::string_view name) {
  for (Json& part : test["allOf"]) {
    if (!part.contains("if") || !part.contains("then")) continue;
    Json& fact = part["if"]["properties"]["fact"];
    if (fact.contains("const") && fact["const"] == name) return &part["then"];
    if (fact.contains("enum"))
      for (const Json& listed : fact["enum"])
        if (listed == name) return &part["then"];
  }
  return nullptr;
}

TEST(FactTable, RegistryNamesAreTheTableRows) {
  FactRegistry registry;
  ASSERT_EQ(registry.size(), std::size(kFacts));
  for (const FactInfo& info : kFacts) {
    EXPECT_EQ(registry.find(info.name), fact_id(info.fact)) << info.name;
    EXPECT_EQ(registry.name(fact_id(info.fact)), info.name);
    EXPECT_EQ(is_clock_fact(fact_id(info.fact)), info.clock) << info.name;
    EXPECT_FALSE(info.source.empty()) << info.name;
  }
  EXPECT_EQ(fact_info(BuiltinFact::scroll_depth).name, "scrollDepth");
}

TEST(FactTable, TheConditionCompilerTakesRangesFromTheTable) {
  for (const FactInfo& info : kFacts) {
    if (info.type != FactType::number) continue;
    for (double operand : {info.min - 1, info.max + 1}) {
      FactRegistry registry;
      Errors errors;
      compile_condition(Json{{"fact", info.name}, {"gte", operand}}, "/when", registry, errors);
      ASSERT_EQ(errors.size(), 1u) << info.name << " gte " << operand;
      EXPECT_EQ(errors[0].code, ErrorCode::out_of_range) << info.name;
    }
    FactRegistry registry;
    Errors errors;
    compile_condition(Json{{"fact", info.name}, {"between", Json::array({info.min, info.max})}}, "/when", registry, errors);
    EXPECT_TRUE(errors.empty()) << info.name;
  }
}

TEST(FactTable, TheExplainerNamesEverySource) {
  EXPECT_EQ(fact_source(fact_id(BuiltinFact::page_views), "my_counter"), "page loads counted in the my_counter cookie");
  EXPECT_EQ(fact_source(fact_id(BuiltinFact::scroll_depth), "x"), "deepest scroll point of this page view");
  EXPECT_EQ(fact_source(kFirstCustomFact, "x"), "Parley.setFact");
}

TEST(FactTable, TheConfigSchemaSaysTheSameNamesTypesAndRanges) {
  Json schema = read_schema();
  ASSERT_TRUE(schema.is_object()) << "widget/schema/parley.schema.json is missing or not JSON";
  Json& test = schema["$defs"]["ParleyFactTest"];
  Json names = Json::array();
  for (const FactInfo& info : kFacts) names.push_back(info.name);
  EXPECT_EQ(test["properties"]["fact"]["anyOf"][0]["enum"], names) << "the schema's facts, in the table's order";

  for (const FactInfo& info : kFacts) {
    Json* then = schema_branch(test, info.name);
    ASSERT_NE(then, nullptr) << info.name << " has no branch in the schema";
    Json& eq = (*then)["properties"]["eq"];
    Json& gt = (*then)["properties"]["gt"];
    switch (info.type) {
      case FactType::number:
        EXPECT_EQ(gt["type"], "number") << info.name;
        EXPECT_EQ(gt["minimum"].get<double>(), info.min) << info.name;
        EXPECT_EQ(gt["maximum"].get<double>(), info.max) << info.name;
        break;
      case FactType::url:
      case FactType::text:
        EXPECT_EQ(eq["type"], "string") << info.name;
        EXPECT_FALSE(eq.contains("pattern")) << info.name;
        EXPECT_EQ(gt, Json(false)) << info.name;
        break;
      case FactType::date:
        EXPECT_EQ(eq, Json(false)) << info.name;
        EXPECT_EQ(gt["type"], "string") << info.name;
        break;
      case FactType::weekday:
        EXPECT_EQ(eq["type"], "string") << info.name;
        EXPECT_TRUE(eq.contains("pattern")) << info.name;
        break;
      case FactType::boolean:
        EXPECT_EQ(eq["type"], "boolean") << info.name;
        break;
    }
  }
}

TEST(FactTable, ParleyConfigExplainTakesNamesAndRangesFromTheTable) {
  auto explain = [](std::string fact) {
    cli::CliIo io;
    io.read_file = [](const std::string&) -> std::optional<std::string> {
      return R"({"rules":[{"id":"deep","when":{"fact":"scrollDepth","gt":50},"invite":{"message":"Hi"}}]})";
    };
    return cli::run_cli({"explain", "config.json", "--at", "2026-12-24T10:00:00Z", "--fact", fact}, io);
  };
  EXPECT_EQ(explain("scrollDepth=120").err, "parley-config: --fact scrollDepth takes a number from 0 to 100\n");
  cli::CliResult deep = explain("scrollDepth=60");
  EXPECT_EQ(deep.exit_code, cli::kExitValid) << deep.err;
  EXPECT_NE(deep.out.find("deep"), std::string::npos) << deep.out;
}

TEST(EnumNames, EveryNameReadsBackToItsValue) {
  for (const auto& [name, channel] : kChannelNames) {
    EXPECT_EQ(to_string(channel), name);
    EXPECT_EQ(channel_named(name), channel);
  }
  EXPECT_EQ(channel_named("fax"), std::nullopt);
  for (const auto& [name, scope] : kScopeNames) EXPECT_EQ(to_string(scope), name);
  for (const auto& [name, mode] : kCameraModeNames) EXPECT_EQ(to_string(mode), name);
  for (const auto& [name, mode] : kThemeModeNames) EXPECT_EQ(to_string(mode), name);
  for (const auto& [name, position] : kThemePositionNames) EXPECT_EQ(to_string(position), name);
  for (auto state : {VideoState::none, VideoState::connected, VideoState::ended})
    EXPECT_EQ(video_state_named(to_string(state)), state);
  for (auto trigger : {VideoTrigger::start, VideoTrigger::media_error, VideoTrigger::queued})
    EXPECT_EQ(video_trigger_named(to_string(trigger)), trigger);
  EXPECT_EQ(to_string(ConversationState::ProactiveChat), "ProactiveChat");
  EXPECT_EQ(to_string(Trigger::start_chat), "startChat");
}

TEST(EnumNames, TheConfigReaderTakesTheSameTable) {
  ConfigResult result = parse_config(R"({"rules":[{"id":"r","when":{"fact":"visits","gte":1},
      "invite":{"message":"Hi","channel":"chat+video"}}],"video":{"camera":"one_way"}})");
  ASSERT_EQ(result.config.rules.size(), 1u);
  EXPECT_EQ(result.config.rules[0].invite.channel, Channel::chat_video);
  EXPECT_EQ(result.config.video.camera, CameraMode::one_way);
  result = parse_config(R"({"rules":[{"id":"r","when":{"fact":"visits","gte":1},"invite":{"message":"Hi","channel":"fax"}}]})");
  ASSERT_FALSE(result.errors.empty());
  EXPECT_NE(result.errors[0].message.find("chat, video, chat+video"), std::string::npos) << result.errors[0].message;
}

}  // namespace
}  // namespace parley
