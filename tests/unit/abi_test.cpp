// The C ABI natively: JSON text in and out, errors as values, never a crash.
#include <gtest/gtest.h>

#include "parley/json_reader.hpp"
#include "parley_abi.h"

namespace parley {
namespace {

Json call_handle(const char* event, double now_ms) { return Json::parse(parley_handle(event, now_ms)); }

TEST(Abi, HandleReturnsErrorsActionsAndDeadline) {
  parley_reset();
  EXPECT_EQ(Json::parse(parley_configure(R"({"rules": [{"id": "a", "when": {"fact": "timeOnPage", "gte": 1000}, "invite": {"message": "x"}}]})"))["errors"],
            Json::array());
  Json result = call_handle(R"({"type": "pageLoad", "url": "https://a.com/"})", 5000);
  EXPECT_EQ(result["errors"], Json::array());
  EXPECT_FALSE(result["actions"].empty());
  EXPECT_EQ(result["nextDeadline"], 6000);
}

TEST(Abi, NoDeadlineIsMinusOne) {
  parley_reset();
  EXPECT_EQ(parley_next_deadline(), -1);
  Json result = call_handle(R"({"type": "pageLoad", "url": "https://a.com/"})", 5000);
  EXPECT_EQ(result["nextDeadline"], -1);
}

TEST(Abi, ConfigErrorsComeBackWithPaths) {
  parley_reset();
  Json errors = Json::parse(parley_configure(R"({"rules": [{"id": 3}]})"))["errors"];
  ASSERT_TRUE(errors.is_array());
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0]["path"], "/rules/0/id");
  EXPECT_EQ(errors[0]["code"], "wrong_type");
}

TEST(Abi, ConfigureListsTheZonesTheRulesNeed) {
  parley_reset();
  Json result = Json::parse(parley_configure(R"({"rules": [{"id": "a", "invite": {"message": "x"},
    "when": {"fact": "hour", "between": [9, 17], "zone": "Europe/Paris"}}]})"));
  EXPECT_EQ(result["zones"], Json::array({"Europe/Paris"}));
}

TEST(Abi, ConfigureGivesTheThemeAsTheViewHasIt) {
  parley_reset();
  Json result = Json::parse(parley_configure(R"({"theme": {"color": "#123456", "position": "left", "offset": {"x": 8}}})"));
  EXPECT_EQ(result["theme"], Json::parse(parley_view())["theme"]);
  EXPECT_EQ(result["theme"]["color"], "#123456");
  EXPECT_EQ(result["theme"]["position"], "left");
  EXPECT_EQ(result["theme"]["offset"]["x"], 8);
}

TEST(Abi, NullPointersAreErrorsNotCrashes) {
  parley_reset();
  EXPECT_EQ(Json::parse(parley_configure(nullptr))["errors"][0]["code"], "missing_field");
  EXPECT_EQ(call_handle(nullptr, 0)["errors"][0]["code"], "missing_field");
}

TEST(Abi, MalformedAndHostileInputAreErrorValues) {
  parley_reset();
  EXPECT_EQ(call_handle("{", 0)["errors"][0]["code"], "malformed_json");
  std::string deep(100000, '[');
  EXPECT_EQ(call_handle(deep.c_str(), 0)["errors"][0]["code"], "malformed_json");
  std::string junk(1 << 20, 'x');
  EXPECT_EQ(call_handle(junk.c_str(), 0)["errors"][0]["code"], "malformed_json");
}

TEST(Abi, InvalidUtf8InAUrlDoesNotAbort) {
  parley_reset();
  std::string event = "{\"type\": \"pageLoad\", \"url\": \"https://a.com/\xff\xfe\"}";
  Json result = Json::parse(parley_handle(event.c_str(), 0));  // parse rejects it: an error value
  EXPECT_TRUE(result.contains("errors"));
}

TEST(Abi, ViewAndInspectAreJson) {
  parley_reset();
  call_handle(R"({"type": "pageLoad", "url": "https://a.com/"})", 1000);
  EXPECT_EQ(Json::parse(parley_view())["state"], "Closed");
  EXPECT_TRUE(Json::parse(parley_inspect(1000))["facts"].contains("url"));
  EXPECT_STREQ(parley_version(), "0.1.0");
}

}  // namespace
}  // namespace parley
