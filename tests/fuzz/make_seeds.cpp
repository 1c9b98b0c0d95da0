// Makes the fuzz targets' seed corpora from the test fixtures, at build time, so no copy of a
// fixture is committed and the seeds follow the fixtures as they change:
//   tests/scenario/*.json played through the engine as the scenario runner plays them (ticks at
//   deadlines, a cookie jar, sessionStorage across reloads), keeping what the engine read and
//   wrote: configs, event sequences, cookie headers and values, stored conversations, the
//   messages it sent (as visitor frames) and received (as agent frames, alone and as one
//   conversation for the router), URL patterns with URLs;
//   tests/relay/router_*_test.cpp: the raw frames the relay's tests send.
//
// usage: parley_fuzz_seeds SCENARIO_DIR RELAY_TEST_DIR OUT_DIR  (writes OUT_DIR/<target>/<n>)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "parley/civil_time.hpp"
#include "parley/engine.hpp"

namespace fs = std::filesystem;
using parley::Json;

namespace {

// Seeds per target, deduplicated, written at the end.
std::map<std::string, std::set<std::string>> seeds;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string string_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// URL patterns anywhere in a config: "matches" operands and launcher.video's pages.
void collect_patterns(const Json& value, std::vector<std::string>& patterns) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key() == "matches" && it->is_string()) patterns.push_back(it->get<std::string>());
      if (it.key() == "video" && it->is_array())
        for (const Json& page : *it)
          if (page.is_string()) patterns.push_back(page.get<std::string>());
      collect_patterns(*it, patterns);
    }
  } else if (value.is_array()) {
    for (const Json& item : value) collect_patterns(item, patterns);
  }
}

Json frame(const char* from, const Json& body) { return {{"v", 1}, {"kind", "msg"}, {"from", from}, {"body", body}}; }

// One fixture, played. A reload starts a new page (a new engine with the same config); the
// event target's seeds are one per page, with the cookies and storage the page got.
class Player {
 public:
  explicit Player(const Json& fixture) : config_(fixture.contains("config") ? fixture["config"] : Json::object()) {
    auto start = fixture.contains("start") ? parley::parse_iso8601(string_at(fixture, "start")) : std::nullopt;
    start_ms_ = now_ms_ = start.value_or(parley::fuzz::kStartMs);
    seeds["config"].insert(config_.dump());
    collect_patterns(config_, patterns_);
  }

  void play(const Json& steps) {
    new_page();
    for (const Json& step : steps) {
      double at_ms = step.contains("at") && step["at"].is_number() ? step["at"].get<double>() : 0;
      double target_ms = start_ms_ + at_ms;
      for (int guard = 0; guard < 10000 && engine_->next_deadline_ms() <= target_ms; ++guard) {
        now_ms_ = std::max(now_ms_, engine_->next_deadline_ms());
        engine_->handle(Json{{"type", "tick"}}, now_ms_);
        collect();
      }
      if (step.contains("reload") && step["reload"] == true) new_page();
      if (step.contains("event")) handle(step["event"], target_ms);
      now_ms_ = std::max(now_ms_, target_ms);
    }
    end_page();
    if (!router_lines_.empty()) seeds["relay_router"].insert(router_lines_);
    for (const std::string& pattern : patterns_)
      for (const std::string& url : urls_) seeds["glob"].insert(pattern + "\n" + url);
  }

 private:
  void new_page() {
    end_page();
    engine_ = std::make_unique<parley::Engine>();
    engine_->configure_value(config_);
    page_events_ = config_.dump();
    // The event target's clock starts at kStartMs: the first delay brings it to the fixture's time.
    last_event_ms_ = parley::fuzz::kStartMs;
  }

  void end_page() {
    if (engine_ && page_events_.find('\n') != std::string::npos) seeds["event"].insert(page_events_);
  }

  void handle(Json event, double at_ms) {
    std::string type = string_at(event, "type");
    if ((type == "pageLoad" || type == "navigate") && event.is_object() && !event.contains("cookies"))
      event["cookies"] = cookie_header();
    if (type == "pageLoad" && event.is_object() && !event.contains("storage") && !stored_.empty())
      event["storage"] = {{"conversation", stored_}};
    if (type == "pageLoad" || type == "navigate") {
      seeds["cookie"].insert("parley_session\n" + string_at(event, "cookies"));
      for (const char* key : {"url", "referrer"})
        if (std::string url = string_at(event, key); !url.empty()) urls_.push_back(url);
    }
    if (type == "received" && event.contains("message")) {
      std::string text = frame("agent", event["message"]).dump();
      seeds["relay_frame"].insert(text);
      router_lines_ += "a " + text + "\n";
    }
    page_events_ += "\n" + std::to_string(static_cast<long long>(at_ms - last_event_ms_)) + " " + event.dump();
    last_event_ms_ = at_ms;
    now_ms_ = std::max(now_ms_, at_ms);
    engine_->handle(event, now_ms_);
    collect();
  }

  // What the engine asked the runtime to do: cookies and storage kept, messages sent.
  void collect() {
    for (const Json& action : engine_->take_actions()) {
      std::string type = string_at(action, "type");
      if (type == "setCookie") {
        jar_[string_at(action, "name")] = string_at(action, "value");
        seeds["persisted_state"].insert(string_at(action, "value"));
        seeds["cookie"].insert(string_at(action, "name") + "\n" + cookie_header());
      } else if (type == "deleteCookie") {
        jar_.erase(string_at(action, "name"));
      } else if (type == "store" && string_at(action, "key") == "conversation") {
        stored_ = string_at(action, "value");
        if (!stored_.empty()) seeds["persisted_state"].insert(stored_);
      } else if (type == "send" && action.contains("message")) {
        std::string text = frame("visitor", action["message"]).dump();
        seeds["relay_frame"].insert(text);
        router_lines_ += "v " + text + "\n";
      }
    }
  }

  std::string cookie_header() const {
    std::string header;
    for (const auto& [name, value] : jar_) header += (header.empty() ? "" : "; ") + name + "=" + value;
    return header;
  }

  Json config_;
  std::unique_ptr<parley::Engine> engine_;
  double start_ms_ = 0, now_ms_ = 0, last_event_ms_ = 0;
  std::string page_events_, stored_, router_lines_;  // router: "v FRAME" / "a FRAME" lines
  std::map<std::string, std::string> jar_;
  std::vector<std::string> patterns_, urls_;
};

// Raw frames in the relay's router tests: R"({...})" literals that carry a "kind".
void frames_from_relay_tests(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("router_") || !name.ends_with("_test.cpp")) continue;
    std::string source = read_file(entry.path());
    for (std::size_t at = source.find("R\"({"); at != std::string::npos; at = source.find("R\"({", at + 1)) {
      std::size_t end = source.find("})\"", at);
      if (end == std::string::npos) break;
      std::string text = source.substr(at + 3, end + 1 - (at + 3));
      if (text.find("\"kind\"") == std::string::npos) continue;
      seeds["relay_frame"].insert(text);
      seeds["relay_router"].insert((text.find("\"from\":\"agent\"") != std::string::npos ? "a " : "v ") + text);
    }
  }
  for (const char* side : {"visitor", "agent"}) {
    seeds["relay_frame"].insert(Json{{"v", 1}, {"kind", "hello"}, {"from", side}, {"token", "token-of-alex"}}.dump());
    seeds["relay_frame"].insert(Json{{"v", 1}, {"kind", "ack"}, {"from", side}, {"id", "m-1"}}.dump());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: parley_fuzz_seeds SCENARIO_DIR RELAY_TEST_DIR OUT_DIR\n";
    return 2;
  }
  std::vector<fs::path> fixtures;
  for (const auto& entry : fs::directory_iterator(argv[1]))
    if (entry.path().extension() == ".json") fixtures.push_back(entry.path());
  std::sort(fixtures.begin(), fixtures.end());
  for (const fs::path& path : fixtures) {
    Json fixture = Json::parse(read_file(path), nullptr, /*allow_exceptions=*/false);
    if (!fixture.is_object() || !fixture.contains("steps") || !fixture["steps"].is_array()) {
      std::cerr << "parley_fuzz_seeds: not a scenario: " << path << "\n";
      return 1;
    }
    Player(fixture).play(fixture["steps"]);
  }
  frames_from_relay_tests(argv[2]);

  for (const auto& [target, texts] : seeds) {
    fs::path dir = fs::path(argv[3]) / target;
    fs::create_directories(dir);
    int n = 0;
    for (const std::string& text : texts) std::ofstream(dir / std::to_string(++n), std::ios::binary) << text;
    std::cout << target << ": " << texts.size() << " seeds\n";
  }
  return 0;
}
