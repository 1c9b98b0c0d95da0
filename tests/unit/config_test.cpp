// Reading the site owner's config: every error has its JSON path and the rest still runs.
#include <gtest/gtest.h>

#include "parley/config.hpp"

namespace parley {
namespace {

bool has_error(const Errors& errors, ErrorCode code, std::string_view path) {
  for (const Error& error : errors)
    if (error.code == code && error.path == path) return true;
  return false;
}

std::string dump(const Errors& errors) {
  std::string out;
  for (const Error& e : errors) out += std::string(to_string(e.code)) + " " + e.path + ": " + e.message + "\n";
  return out;
}

constexpr const char* kDesignExample = R"({
  "locale": "auto",
  "consent": "not_required",
  "theme": { "color": "#0b6e4f", "font": "system-ui" },
  "visits": { "cookie": "parley_visits", "scope": "site", "days": 365 },
  "session": { "idleMinutes": 30 },
  "transport": { "kind": "broadcast", "channel": "parley" },
  "video": { "camera": "classic" },
  "satisfaction": true,
  "prechat": { "questions": [
    { "id": "name",  "type": "text",    "label": { "en": "Your name", "fr": "Votre nom" }, "required": true },
    { "id": "email", "type": "email",   "label": "Email" },
    { "id": "topic", "type": "choice",  "label": "Topic", "options": ["Billing", "Technical"] },
    { "id": "gdpr",  "type": "consent", "label": "I agree to be contacted", "required": true }
  ] },
  "rules": [
    {
      "id": "kb-dwell",
      "priority": 10,
      "when": { "all": [
        { "fact": "url", "matches": "/kb/*" },
        { "fact": "timeOnPage", "gte": 20000 }
      ] },
      "invite": { "message": { "en": "Hi! Need a hand?", "fr": "Bonjour ! Besoin d'aide ?" },
                  "channel": "chat", "prechat": false, "expiresAfter": 60000 },
      "context": { "Forum": { "value": "Surface Devices", "isDisplayable": true } },
      "frequency": { "per": "session", "times": 1, "minInterval": 0 },
      "afterDecline": "session"
    }
  ]
})";

TEST(Config, DesignExampleReadsWithoutErrors) {
  ConfigResult result = parse_config(kDesignExample);
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  const Config& config = result.config;
  EXPECT_TRUE(config.satisfaction);
  EXPECT_EQ(config.prechat.questions.size(), 4u);
  ASSERT_EQ(config.rules.size(), 1u);
  const Rule& rule = config.rules[0];
  EXPECT_EQ(rule.id, "kb-dwell");
  EXPECT_EQ(rule.priority, 10);
  EXPECT_EQ(rule.invite.message.fr, "Bonjour ! Besoin d'aide ?");
  EXPECT_EQ(rule.frequency.per, Scope::session);
  EXPECT_EQ(rule.after_decline.kind, AfterDecline::Kind::session);
  EXPECT_EQ(rule.when.reads.size(), 2u);
}

TEST(Config, MalformedJsonIsOneErrorAtTheRoot) {
  ConfigResult result = parse_config(R"({"rules": [)");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, ErrorCode::malformed_json);
  EXPECT_EQ(result.errors[0].path, "");
  EXPECT_TRUE(result.config.rules.empty());
}

TEST(Config, RootThatIsNotAnObjectIsAWrongType) {
  ConfigResult result = parse_config("[1, 2]");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::wrong_type, "")) << dump(result.errors);
}

TEST(Config, UnknownTopLevelKeyIsReportedAndIgnored) {
  ConfigResult result = parse_config(R"({"colour": "red", "satisfaction": true})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::unknown_key, "/colour")) << dump(result.errors);
  EXPECT_TRUE(result.config.satisfaction);
}

TEST(Config, SchemaLinkIsAcceptedAndIgnored) {
  ConfigResult result = parse_config(R"({"$schema": "../parley.schema.json", "satisfaction": true})");
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  EXPECT_TRUE(result.config.satisfaction);
}

TEST(Config, BrokenRuleIsDroppedOthersRun) {
  ConfigResult result = parse_config(R"({"rules": [
    {"id": "a", "invite": {"message": "A"}},
    {"id": "b"},
    {"invite": {"message": "C"}},
    {"id": "d", "invite": {"message": "D"}}
  ]})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::missing_field, "/rules/1/invite")) << dump(result.errors);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::missing_field, "/rules/2/id")) << dump(result.errors);
  ASSERT_EQ(result.config.rules.size(), 2u);
  EXPECT_EQ(result.config.rules[0].id, "a");
  EXPECT_EQ(result.config.rules[1].id, "d");
}

TEST(Config, DuplicateRuleIdKeepsTheFirst) {
  ConfigResult result = parse_config(R"({"rules": [
    {"id": "a", "priority": 1, "invite": {"message": "first"}},
    {"id": "a", "priority": 2, "invite": {"message": "second"}}
  ]})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::duplicate_id, "/rules/1/id")) << dump(result.errors);
  ASSERT_EQ(result.config.rules.size(), 1u);
  EXPECT_EQ(result.config.rules[0].invite.message.en, "first");
}

TEST(Config, RulesAreSortedByPriorityThenConfigOrder) {
  ConfigResult result = parse_config(R"({"rules": [
    {"id": "low", "priority": 1, "invite": {"message": "x"}},
    {"id": "high", "priority": 5, "invite": {"message": "x"}},
    {"id": "low2", "priority": 1, "invite": {"message": "x"}}
  ]})");
  ASSERT_EQ(result.config.rules.size(), 3u);
  EXPECT_EQ(result.config.rules[0].id, "high");
  EXPECT_EQ(result.config.rules[1].id, "low");
  EXPECT_EQ(result.config.rules[2].id, "low2");
}

TEST(Config, OutOfRangeNumberKeepsTheDefault) {
  ConfigResult result = parse_config(R"({"session": {"idleMinutes": -5}, "visits": {"days": 100000}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::out_of_range, "/session/idleMinutes")) << dump(result.errors);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::out_of_range, "/visits/days")) << dump(result.errors);
  EXPECT_EQ(result.config.session_idle_ms, 30 * 60000.0);
  EXPECT_EQ(result.config.visits.days, 365);
}

TEST(Config, RangeMessagesWriteWholeNumbersAsPeopleDo) {
  ConfigResult result = parse_config(R"({"session": {"idleMinutes": 0.5}})");
  ASSERT_EQ(result.errors.size(), 1u) << dump(result.errors);
  EXPECT_EQ(result.errors[0].message, "\"idleMinutes\" must be between 1 and 1440");  // not "1.0 and 1440.0"
  EXPECT_EQ(number_text(0.25), "0.25");
  EXPECT_EQ(number_text(-3), "-3");
}

TEST(Config, EnumOutsideItsSetIsAnUnknownValue) {
  ConfigResult result = parse_config(R"({"video": {"camera": "selfie"}, "locale": "tlh"})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::unknown_value, "/video/camera")) << dump(result.errors);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::unknown_value, "/locale")) << dump(result.errors);
  EXPECT_EQ(result.config.video.camera, CameraMode::classic);
}

TEST(Config, ThemeRefusesCssInjection) {
  ConfigResult result = parse_config(R"json({"theme": {"color": "red; background: url(x)", "font": "Georgia"}})json");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/theme/color")) << dump(result.errors);
  EXPECT_EQ(result.config.theme.color, "#0b6e4f");
  EXPECT_EQ(result.config.theme.font, "Georgia");
}

TEST(Config, SeedCookieNameIsAccepted) {
  ConfigResult result = parse_config(R"({"visits": {"cookie": "timesPageVisited", "scope": "page"}})");
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  EXPECT_EQ(result.config.visits.cookie, kSeedVisitsCookie);
  EXPECT_EQ(result.config.visits.scope, CounterScope::page);
}

TEST(Config, CookieNameWithSeparatorsIsRefused) {
  ConfigResult result = parse_config(R"({"visits": {"cookie": "a=b; c"}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/visits/cookie")) << dump(result.errors);
  EXPECT_EQ(result.config.visits.cookie, "parley_visits");
}

TEST(Config, AfterDeclineTakesHours) {
  ConfigResult result = parse_config(R"({"rules": [{"id": "a", "invite": {"message": "x"}, "afterDecline": {"hours": 12}}]})");
  ASSERT_EQ(result.config.rules.size(), 1u);
  EXPECT_EQ(result.config.rules[0].after_decline.kind, AfterDecline::Kind::hours);
  EXPECT_EQ(result.config.rules[0].after_decline.hours, 12);
}

TEST(Config, AfterDeclineWithoutHoursIsMissingField) {
  ConfigResult result = parse_config(R"({"rules": [{"id": "a", "invite": {"message": "x"}, "afterDecline": {}}]})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::missing_field, "/rules/0/afterDecline/hours")) << dump(result.errors);
  ASSERT_EQ(result.config.rules.size(), 1u);
  EXPECT_EQ(result.config.rules[0].after_decline.kind, AfterDecline::Kind::session);
}

TEST(Config, ChatPlusVideoChannelIsRead) {
  ConfigResult result = parse_config(R"({"rules": [{"id": "a", "invite": {"message": "x", "channel": "chat+video"}}]})");
  ASSERT_EQ(result.config.rules.size(), 1u);
  EXPECT_EQ(result.config.rules[0].invite.channel, Channel::chat_video);
}

TEST(Config, UnknownChannelIsUnknownValueAndRuleKeepsChat) {
  ConfigResult result = parse_config(R"({"rules": [{"id": "a", "invite": {"message": "x", "channel": "fax"}}]})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::unknown_value, "/rules/0/invite/channel")) << dump(result.errors);
  ASSERT_EQ(result.config.rules.size(), 1u);
  EXPECT_EQ(result.config.rules[0].invite.channel, Channel::chat);
}

TEST(Config, ContextEntriesAreSanitized) {
  ConfigResult result = parse_config(R"({"rules": [{"id": "a", "invite": {"message": "x"},
    "context": {"ok": {"value": "v", "isDisplayable": false}, "bare": 3, "bad": {"value": {"nested": 1}}}}]})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::wrong_type, "/rules/0/context/bad/value")) << dump(result.errors);
  ASSERT_EQ(result.config.rules.size(), 1u);
  const Json& context = result.config.rules[0].context;
  EXPECT_EQ(context["ok"]["isDisplayable"], false);
  EXPECT_EQ(context["bare"]["value"], 3);
  EXPECT_FALSE(context.contains("bad"));
}

TEST(Config, NamedZonesAreListedForTheRuntime) {
  ConfigResult result = parse_config(R"({"rules": [{"id": "a", "invite": {"message": "x"},
    "when": {"all": [{"fact": "hour", "between": [9, 17], "zone": "Europe/Paris"},
                     {"fact": "weekday", "in": ["mon", "tue"], "zone": "America/New_York"},
                     {"fact": "hour", "gte": 1, "zone": "UTC"}]}}]})");
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  EXPECT_EQ(result.config.zones(), (std::vector<std::string>{"Europe/Paris", "America/New_York"}));
}

TEST(Config, WebSocketTransportTakesTheRelayUrl) {
  ConfigResult result = parse_config(R"({"transport": {"kind": "websocket", "url": "wss://relay.example/visitor"}})");
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  EXPECT_EQ(result.config.transport.kind, TransportSettings::Kind::websocket);
  EXPECT_EQ(result.config.transport.url, "wss://relay.example/visitor");
  EXPECT_TRUE(parse_config(R"({"transport": {"kind": "websocket", "url": "ws://127.0.0.1:8080/visitor"}})").errors.empty());
}

TEST(Config, WebSocketTransportWithoutUrlIsMissingField) {
  ConfigResult result = parse_config(R"({"transport": {"kind": "websocket"}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::missing_field, "/transport/url")) << dump(result.errors);
}

TEST(Config, RelayUrlMustBeAWebSocketUrl) {
  for (const char* url : {"https://relay.example/visitor", "wss://", "wss:///visitor", "wss://relay example/visitor",
                          "javascript:alert(1)", ""}) {
    ConfigResult result = parse_config(std::string(R"({"transport": {"kind": "websocket", "url": ")") + url + R"("}})");
    EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/transport/url")) << url << "\n" << dump(result.errors);
    EXPECT_EQ(result.config.transport.url, "") << url;
  }
  EXPECT_TRUE(has_error(parse_config(R"({"transport": {"kind": "websocket", "url": 7}})").errors, ErrorCode::wrong_type,
                        "/transport/url"));
}

TEST(Config, RelayUrlNeedsTheWebSocketKind) {
  ConfigResult result = parse_config(R"({"transport": {"url": "wss://relay.example/visitor"}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/transport/url")) << dump(result.errors);
  EXPECT_EQ(result.config.transport.kind, TransportSettings::Kind::broadcast);
}

TEST(Config, WebSocketTransportTakesAListOfRelayUrls) {
  ConfigResult result = parse_config(R"({"transport": {"kind": "websocket",
    "urls": ["wss://a.relay.example/visitor", "wss://b.relay.example/visitor", "ws://127.0.0.1:8090/visitor"]}})");
  EXPECT_TRUE(result.errors.empty()) << dump(result.errors);
  EXPECT_EQ(result.config.transport.kind, TransportSettings::Kind::websocket);
  EXPECT_EQ(result.config.transport.urls, (std::vector<std::string>{"wss://a.relay.example/visitor", "wss://b.relay.example/visitor",
                                                                    "ws://127.0.0.1:8090/visitor"}));
  EXPECT_EQ(result.config.transport.url, "");
  EXPECT_TRUE(parse_config(R"({"transport": {"kind": "websocket", "urls": ["wss://relay.example/visitor"]}})").errors.empty());
}

TEST(Config, RelayUrlsAreEachCheckedAtTheirOwnPathAndBadOnesLeftOut) {
  ConfigResult result = parse_config(R"({"transport": {"kind": "websocket",
    "urls": ["wss://a.relay.example/visitor", "https://b.relay.example/visitor", 7, "wss://a.relay.example/visitor",
             "wss://c.relay.example/visitor", "wss:///visitor"]}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/transport/urls/1")) << dump(result.errors);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::wrong_type, "/transport/urls/2")) << dump(result.errors);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/transport/urls/3")) << "listed twice\n" << dump(result.errors);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/transport/urls/5")) << dump(result.errors);
  EXPECT_EQ(result.errors.size(), 4u) << dump(result.errors);
  EXPECT_EQ(result.config.transport.urls, (std::vector<std::string>{"wss://a.relay.example/visitor", "wss://c.relay.example/visitor"}));
}

TEST(Config, RelayUrlsIsANonEmptyListOfAtMostEight) {
  for (const char* urls : {R"([])", R"("wss://relay.example/visitor")", R"({"0": "wss://relay.example/visitor"})"}) {
    ConfigResult result = parse_config(std::string(R"({"transport": {"kind": "websocket", "urls": )") + urls + "}}");
    ASSERT_EQ(result.errors.size(), 1u) << urls << "\n" << dump(result.errors);
    EXPECT_EQ(result.errors[0].path, "/transport/urls") << urls;
    EXPECT_TRUE(result.config.transport.urls.empty()) << urls;
  }
  std::string eight, nine;
  for (int i = 0; i < 9; ++i) (i < 8 ? eight : nine) += "\"wss://r" + std::to_string(i) + ".example/visitor\",";
  nine = eight + nine;
  eight.pop_back();
  nine.pop_back();
  ConfigResult ok = parse_config(R"({"transport": {"kind": "websocket", "urls": [)" + eight + "]}}");
  EXPECT_TRUE(ok.errors.empty()) << dump(ok.errors);
  EXPECT_EQ(ok.config.transport.urls.size(), 8u);
  ConfigResult too_many = parse_config(R"({"transport": {"kind": "websocket", "urls": [)" + nine + "]}}");
  EXPECT_TRUE(has_error(too_many.errors, ErrorCode::invalid, "/transport/urls")) << dump(too_many.errors);
  EXPECT_TRUE(too_many.config.transport.urls.empty());
}

TEST(Config, TransportTakesUrlOrUrlsNotBoth) {
  ConfigResult both = parse_config(R"({"transport": {"kind": "websocket", "url": "wss://a.relay.example/visitor",
    "urls": ["wss://b.relay.example/visitor"]}})");
  ASSERT_EQ(both.errors.size(), 1u) << dump(both.errors);
  EXPECT_TRUE(has_error(both.errors, ErrorCode::invalid, "/transport")) << dump(both.errors);
  EXPECT_EQ(both.config.transport.url, "");
  EXPECT_TRUE(both.config.transport.urls.empty());

  ConfigResult neither = parse_config(R"({"transport": {"kind": "websocket"}})");
  ASSERT_EQ(neither.errors.size(), 1u) << dump(neither.errors);
  EXPECT_NE(neither.errors[0].message.find("\"urls\""), std::string::npos) << neither.errors[0].message;
}

TEST(Config, RelayUrlsNeedTheWebSocketKind) {
  ConfigResult result = parse_config(R"({"transport": {"urls": ["wss://relay.example/visitor"]}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::invalid, "/transport/urls")) << dump(result.errors);
  EXPECT_EQ(result.config.transport.kind, TransportSettings::Kind::broadcast);
  EXPECT_TRUE(result.config.transport.urls.empty());
}

TEST(Config, UnknownTransportKindIsAnUnknownValue) {
  ConfigResult result = parse_config(R"({"transport": {"kind": "carrier-pigeon"}})");
  EXPECT_TRUE(has_error(result.errors, ErrorCode::unknown_value, "/transport/kind")) << dump(result.errors);
  EXPECT_EQ(result.config.transport.kind, TransportSettings::Kind::broadcast);
}

TEST(Config, TooLargeConfigIsRefusedWhole) {
  std::string big(2 << 20, ' ');
  ConfigResult result = parse_config(big);
  EXPECT_TRUE(has_error(result.errors, ErrorCode::too_large, "")) << dump(result.errors);
}

}  // namespace
}  // namespace parley
