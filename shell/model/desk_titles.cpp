#include "console/desk_titles.hpp"

#include <algorithm>
#include <cstdint>

namespace parley::console {
namespace {

// One code point of UTF-8 at `at`: its value and length; length 0 for an invalid sequence.
std::pair<std::uint32_t, std::size_t> decode(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (length == 0 || at + length > text.size()) return {0, 0};
  std::uint32_t value = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {0, 0};
    value = (value << 6) | (byte(at + i) & 0x3F);
  }
  bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
  if (overlong || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {0, 0};
  return {value, length};
}

bool is_dropped(std::uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||         // C0, DEL, C1 (tabs and newlines: see is_space)
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||  // bidi embeddings, overrides, isolates
         c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF;        // direction marks, BOM
}

bool is_space(std::uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000; }

// Lower-case ASCII, without the separators people put in keys: "First_Name" -> "firstname".
std::string key_of(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == ' ' || c == '-' || c == '_' || c == '.') continue;
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::size_t rank_of(std::string_view key) {
  std::string normal = key_of(key);
  auto found = std::find(std::begin(kNameKeys), std::end(kNameKeys), normal);
  return static_cast<std::size_t>(found - std::begin(kNameKeys));  // past the end: not a name
}

// The best-ranked non-empty name among `pairs` (key, value).
std::optional<std::string> best_name(const TextPairs& pairs) {
  std::size_t best_rank = std::size(kNameKeys);
  std::optional<std::string> best;
  for (const auto& [key, value] : pairs) {
    std::size_t rank = rank_of(key);
    if (rank >= best_rank) continue;
    std::string cleaned = clean_visitor_text(value);
    if (cleaned.empty()) continue;
    best_rank = rank;
    best = std::move(cleaned);
  }
  return best;
}

}  // namespace

std::string clean_visitor_text(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  bool pending_space = false;
  for (std::size_t at = 0; at < text.size();) {
    auto [c, length] = decode(text, at);
    if (length == 0) {  // invalid byte: skipped
      at += 1;
      continue;
    }
    std::string_view bytes = text.substr(at, length);
    at += length;
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (is_dropped(c)) continue;
    if (chars + (pending_space ? 1 : 0) >= max_chars) {
      out += "\xE2\x80\xA6";  // …
      return out;
    }
    if (pending_space) {
      out += ' ';
      chars += 1;
      pending_space = false;
    }
    out += bytes;
    chars += 1;
  }
  return out;
}

std::optional<std::string> visitor_name(const TextPairs& prechat, const TextPairs& context) {
  if (std::optional<std::string> name = best_name(prechat)) return name;
  return best_name(context);
}

std::string DeskTitles::title(const std::string& id, const TextPairs& prechat, const TextPairs& context) {
  auto [entry, added] = numbers_.try_emplace(id, next_);
  if (added) next_ += 1;
  // The desk keeps its newest kMaxConversations: far older numbers belong to conversations it dropped.
  constexpr int kKept = 2 * static_cast<int>(AgentDesk::kMaxConversations);
  if (numbers_.size() > static_cast<std::size_t>(kKept))
    for (auto it = numbers_.begin(); it != numbers_.end();) it = it->second < next_ - kKept ? numbers_.erase(it) : std::next(it);
  if (std::optional<std::string> name = visitor_name(prechat, context)) return *name;
  return "Visitor " + std::to_string(entry->second);
}

}  // namespace parley::console
