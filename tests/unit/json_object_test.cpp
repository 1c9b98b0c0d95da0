// parley::JsonObject builds what the init-list form builds (the browser's JsonValue form is held to
// the same by tests/js/differential.test.mjs: every fixture's actions and views, byte for byte).
#include "parley/json_object.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace parley {
namespace {

TEST(JsonObject, BuildsTheObjectTheInitListFormBuilds) {
  std::string name = "parley_visits";
  std::string_view path = "/";
  Json built = JsonObject().add("type", "setCookie").add("name", name).add("days", 365).add("path", path)
                   .add("secure", false).add("value", nullptr).add("nested", JsonObject().add("x", 1.5));
  Json expected = {{"type", "setCookie"}, {"name", "parley_visits"}, {"days", 365}, {"path", "/"},
                   {"secure", false}, {"value", nullptr}, {"nested", {{"x", 1.5}}}};
  EXPECT_EQ(built, expected);
  EXPECT_EQ(built.dump(), expected.dump());
}

TEST(JsonObject, ALaterAddOfTheSameKeyReplacesTheValue) {
  Json built = JsonObject().add("state", "closed").add("state", "active");
  EXPECT_EQ(built, (Json{{"state", "active"}}));
}

TEST(JsonObject, NoMemberIsAnEmptyObject) {
  Json built = JsonObject();
  EXPECT_TRUE(built.is_object());
  EXPECT_TRUE(built.empty());
}

}  // namespace
}  // namespace parley
