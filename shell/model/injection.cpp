#include "console/injection.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace parley::console {
namespace {

Json availability_json(Availability value) {
  switch (value) {
    case Availability::yes: return true;
    case Availability::no: return false;
    case Availability::unknown: return nullptr;
  }
  return nullptr;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "https://host" of "https://host/path?q", or "" when `url` has no scheme.
std::string_view origin_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  auto path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path);
}

}  // namespace

Json exit_intent_event() { return Json{{"type", "pointerLeave"}, {"top", true}}; }
Json pointer_back_event() { return Json{{"type", "pointerEnter"}}; }
Json visibility_event(bool visible) { return Json{{"type", "visibility"}, {"visible", visible}}; }
Json tick_event() { return Json{{"type", "tick"}}; }

Json navigate_event(std::string_view url, std::string_view page_url, std::string_view cookies) {
  return Json{{"type", "navigate"}, {"url", absolute_url(trimmed(url), page_url)}, {"cookies", cookies}};
}

Json referrer_event(std::string_view url) { return Json{{"type", "referrer"}, {"referrer", trimmed(url)}}; }

Json country_event(std::string_view code) {
  return Json{{"type", "country"}, {"country", trimmed(code)}, {"source", "host"}};
}

Json custom_fact_event(std::string_view name, std::string_view value_text) {
  return Json{{"type", "setFact"}, {"name", trimmed(name)}, {"value", fact_value_from_text(value_text)}};
}

Json availability_event(Availability chat, Availability video) {
  return Json{{"type", "availability"}, {"chat", availability_json(chat)}, {"video", availability_json(video)}};
}

Json fact_value_from_text(std::string_view text) {
  text = trimmed(text);
  if (text == "true") return true;
  if (text == "false") return false;
  if (text == "null") return nullptr;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return std::string(text.substr(1, text.size() - 2));
  if (!text.empty()) {
    std::string copy(text);
    char* end = nullptr;
    double number = std::strtod(copy.c_str(), &end);
    bool numeric = (std::isdigit(static_cast<unsigned char>(copy[0])) || copy[0] == '-' || copy[0] == '.') &&
                   end == copy.c_str() + copy.size() && std::isfinite(number);
    if (numeric) return number;
  }
  return std::string(text);
}

std::string absolute_url(std::string_view url, std::string_view page_url) {
  if (url.find("://") != std::string_view::npos) return std::string(url);
  std::string_view origin = origin_of(page_url);
  if (origin.empty()) return std::string(url);
  if (url.empty()) return std::string(page_url);
  if (url.front() == '/') return std::string(origin) + std::string(url);
  std::string_view path = page_url.substr(origin.size());
  path = path.substr(0, path.find_first_of("?#"));
  if (url.front() == '?' || url.front() == '#') return std::string(origin) + std::string(path) + std::string(url);
  std::string_view folder = path.substr(0, path.rfind('/') + 1);  // "" when the page is the origin
  return std::string(origin) + (folder.empty() ? "/" : std::string(folder)) + std::string(url);
}

}  // namespace parley::console
