// Plays every fixture in tests/scenario/ on the native engine (format: tests/scenario/README.md).
// tests/js/scenario.test.mjs plays the same files on the wasm builds.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "parley/civil_time.hpp"
#include "parley/compiled_config.hpp"
#include "parley/engine.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDefaultStart = "2026-01-05T09:00:00Z";

// Does `actual` contain `expected` (objects: every expected key; arrays: same length)?
bool matches(const Json& expected, const Json& actual, std::string& why, const std::string& path = "") {
  if (expected.is_object()) {
    if (!actual.is_object()) return why = path + ": expected an object, got " + actual.dump(), false;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      auto found = actual.find(it.key());
      if (found == actual.end()) {
        if (it->is_null()) continue;
        return why = path + "/" + it.key() + ": missing", false;
      }
      if (!matches(*it, *found, why, path + "/" + it.key())) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size())
      return why = path + ": expected " + expected.dump() + ", got " + actual.dump(), false;
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (!matches(expected[i], actual[i], why, path + "/" + std::to_string(i))) return false;
    return true;
  }
  if (expected.is_number() && actual.is_number() && expected.get<double>() == actual.get<double>()) return true;
  if (expected != actual) return why = path + ": expected " + expected.dump() + ", got " + actual.dump(), false;
  return true;
}

struct CookieJar {
  struct Cookie {
    std::string value;
    int days;
  };
  std::map<std::pair<std::string, std::string>, Cookie> cookies;  // (path, name)

  void apply(const Json& action) {
    std::string name = action["name"].get<std::string>();
    std::string path = action["path"].get<std::string>();
    if (action["type"] == "setCookie") cookies[{path, name}] = {action["value"].get<std::string>(), action["days"].get<int>()};
    if (action["type"] == "deleteCookie") cookies.erase({path, name});
  }
  // Most specific path first, as browsers order document.cookie.
  std::string header_for(const std::string& url_path) const {
    std::vector<std::pair<std::string, std::string>> visible;
    for (const auto& [key, cookie] : cookies)
      if (url_path.rfind(key.first, 0) == 0) visible.emplace_back(key.first, key.second + "=" + cookie.value);
    std::stable_sort(visible.begin(), visible.end(), [](auto& a, auto& b) { return a.first.size() > b.first.size(); });
    std::string header;
    for (const auto& [path, pair] : visible) header += (header.empty() ? "" : "; ") + pair;
    return header;
  }
  Json value_of(const std::string& name) const {
    for (const auto& [key, cookie] : cookies)
      if (key.second == name) return cookie.value;
    return nullptr;
  }
  void close_browser() {
    std::erase_if(cookies, [](const auto& entry) { return entry.second.days == 0; });
  }
};

std::string path_of(const std::string& url) {
  auto scheme = url.find("://");
  auto start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (start == std::string::npos) return "/";
  return url.substr(start, url.find_first_of("?#", start) - start);
}

Json errors_json(const Errors& errors) {
  Json out = Json::array();
  for (const Error& error : errors) out.push_back({{"code", to_string(error.code)}, {"path", error.path}, {"message", error.message}});
  return out;
}

class ScenarioPlayer {
 public:
  explicit ScenarioPlayer(const Json& fixture) : fixture_(fixture) {
    std::string start = fixture.contains("start") ? fixture["start"].get<std::string>() : std::string(kDefaultStart);
    start_ms_ = parse_iso8601(start).value();
    now_ms_ = start_ms_;
  }

  void play() {
    Errors config_errors = new_engine();
    Json expected_errors = fixture_.contains("configErrors") ? fixture_["configErrors"] : Json::array();
    std::string why;
    EXPECT_TRUE(matches(expected_errors, errors_json(config_errors), why)) << "configErrors" << why;
    const Json& steps = fixture_["steps"];
    for (std::size_t i = 0; i < steps.size(); ++i) {
      SCOPED_TRACE("step " + std::to_string(i) + ": " + steps[i].dump());
      step(steps[i]);
    }
  }

 private:
  Errors new_engine() {
    engine_ = std::make_unique<Engine>();
    return engine_->configure_value(fixture_.contains("config") ? fixture_["config"] : Json::object());
  }

  void collect() {
    for (Json& action : engine_->take_actions()) {
      if (action["type"] == "setCookie" || action["type"] == "deleteCookie") jar_.apply(action);
      window_.push_back(std::move(action));
    }
  }

  void advance_to(double target_ms) {
    ASSERT_GE(target_ms, now_ms_) << "steps must go forward in time";
    for (int guard = 0; guard < 100000; ++guard) {
      double deadline = engine_->next_deadline_ms();
      if (!(deadline <= target_ms)) break;
      now_ms_ = std::max(now_ms_, deadline);
      Errors errors = engine_->handle(Json{{"type", "tick"}}, now_ms_);
      EXPECT_TRUE(errors.empty()) << errors_json(errors).dump();
      collect();
      if (deadline <= now_ms_ && engine_->next_deadline_ms() <= now_ms_) {
        ADD_FAILURE() << "the deadline does not move forward: " << deadline;
        break;
      }
    }
    now_ms_ = target_ms;
  }

  void step(const Json& step) {
    advance_to(start_ms_ + step["at"].get<double>());
    if (step.value("reload", false)) {
      new_engine();
      window_.clear();
    }
    if (step.value("closeBrowser", false)) jar_.close_browser();
    Errors errors;
    if (step.contains("event")) {
      Json event = step["event"];
      bool reads_cookies = event["type"] == "pageLoad" || event["type"] == "navigate";
      if (reads_cookies && !event.contains("cookies") && event.contains("url") && event["url"].is_string())
        event["cookies"] = jar_.header_for(path_of(event["url"].get<std::string>()));
      errors = engine_->handle(event, now_ms_);
      collect();
    }
    check(step.contains("expect") ? step["expect"] : Json::object(), errors);
    window_.clear();
  }

  void check(const Json& expect, const Errors& errors) {
    std::string why;
    Json expected_errors = expect.contains("errors") ? expect["errors"] : Json::array();
    EXPECT_TRUE(matches(expected_errors, errors_json(errors), why)) << "errors" << why;

    Json emitted = Json::array(), sent = Json::array();
    for (const Json& action : window_) {
      if (action["type"] == "emit") emitted.push_back(Json{{"name", action["name"]}, {"detail", action["detail"]}});
      if (action["type"] == "send") sent.push_back(action["message"]);
    }
    auto contains = [&](const Json& list, const Json& wanted) {
      return std::any_of(list.begin(), list.end(), [&](const Json& item) {
        std::string ignored;
        return matches(wanted, item, ignored);
      });
    };
    if (expect.contains("emitted"))
      for (const Json& wanted : expect["emitted"]) {
        Json pattern = wanted.is_string() ? Json{{"name", wanted}} : wanted;
        EXPECT_TRUE(contains(emitted, pattern)) << "not emitted: " << wanted.dump() << "\nemitted: " << emitted.dump();
      }
    if (expect.contains("notEmitted"))
      for (const Json& name : expect["notEmitted"])
        EXPECT_FALSE(contains(emitted, Json{{"name", name}})) << "emitted: " << name.dump();
    if (expect.contains("sent"))
      for (const Json& wanted : expect["sent"])
        EXPECT_TRUE(contains(sent, wanted)) << "not sent: " << wanted.dump() << "\nsent: " << sent.dump();
    if (expect.contains("notSent"))
      for (const Json& type : expect["notSent"])
        EXPECT_FALSE(contains(sent, Json{{"type", type}})) << "sent: " << type.dump();
    if (expect.contains("actions"))
      for (const Json& wanted : expect["actions"])
        EXPECT_TRUE(contains(window_, wanted)) << "no action: " << wanted.dump() << "\nactions: " << Json(window_).dump();
    if (expect.contains("notActions"))
      for (const Json& type : expect["notActions"])
        EXPECT_FALSE(contains(window_, Json{{"type", type}})) << "action taken: " << type.dump();
    if (expect.contains("state")) EXPECT_EQ(expect["state"].get<std::string>(), std::string(to_string(engine_->state())));
    if (expect.contains("view")) EXPECT_TRUE(matches(expect["view"], engine_->view(), why)) << "view" << why;
    if (expect.contains("facts"))
      EXPECT_TRUE(matches(expect["facts"], engine_->inspect(now_ms_)["facts"], why)) << "facts" << why;
    if (expect.contains("cookies"))
      for (auto it = expect["cookies"].begin(); it != expect["cookies"].end(); ++it)
        EXPECT_EQ(*it, jar_.value_of(it.key())) << "cookie " << it.key();
    if (expect.contains("nextDeadline")) {
      double deadline = engine_->next_deadline_ms();
      Json actual = std::isfinite(deadline) ? Json(deadline - start_ms_) : Json();
      EXPECT_TRUE(matches(expect["nextDeadline"], actual, why)) << "nextDeadline" << why;
    }
  }

  const Json& fixture_;
  std::unique_ptr<Engine> engine_;
  CookieJar jar_;
  std::vector<Json> window_;
  double start_ms_ = 0;
  double now_ms_ = 0;
};

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(PARLEY_SCENARIO_DIR))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// tests/scenario/NAME.json, or a discarded value when it is not JSON.
Json read_fixture(const std::string& name) {
  std::ifstream file(fs::path(PARLEY_SCENARIO_DIR) / (name + ".json"));
  std::stringstream text;
  text << file.rdbuf();
  return Json::parse(text.str(), nullptr, false);
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, PlaysAsWritten) {
  Json fixture = read_fixture(GetParam());
  ASSERT_FALSE(fixture.is_discarded()) << "the fixture is not JSON";
  ScenarioPlayer(fixture).play();
}

// The same fixture with its config compiled (parley/compiled_config.hpp): the engine reads the
// "$compiled" member, not the JSON, and must play exactly as written. A fixture whose config has
// problems cannot be compiled: the compiler refuses it.
TEST_P(Scenario, PlaysAsWrittenFromItsCompiledConfig) {
  Json fixture = read_fixture(GetParam());
  ASSERT_FALSE(fixture.is_discarded()) << "the fixture is not JSON";
  Json& config = fixture["config"];
  if (config.is_null()) config = Json::object();
  ConfigResult read = read_config(config);
  if (fixture.contains("configErrors") && !fixture["configErrors"].empty()) {
    EXPECT_FALSE(read.errors.empty()) << "the fixture expects config errors: parley-config compile refuses it";
    return;
  }
  ASSERT_TRUE(read.errors.empty());
  config[kCompiledKey] = compile_config(read.config, config);
  Errors errors;
  ASSERT_TRUE(read_compiled_config(config, errors).has_value()) << (errors.empty() ? "" : errors[0].message);
  ScenarioPlayer(fixture).play();
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Scenario, ::testing::ValuesIn(fixture_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return name;
                         });

}  // namespace
}  // namespace parley
