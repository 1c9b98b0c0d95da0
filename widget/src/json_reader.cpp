#include "parley/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "parley/decimal.hpp"

namespace parley {

// A strict RFC 8259 reader of our own. In the browser, JSON text is parsed by JS (the values cross
// the ABI in binary: wasm-glue/PROTOCOL.md); the engine still reads the text it stored itself
// (cookies, sessionStorage), and nlohmann's parser would bring its lexer, strtod and long-double
// arithmetic (about 10 KB gzip) into parley.wasm for that. It builds the same values nlohmann's
// parser does (non-negative integers unsigned, negative ones signed, others double) and refuses
// what it refuses (invalid UTF-8, lone surrogates, control characters, trailing text).
namespace {

class TextReader {
 public:
  explicit TextReader(std::string_view text) : s_(text) {}

  bool document(Json& out) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a UTF-8 byte order mark, skipped as nlohmann did
    if (!value(out, 0)) return false;
    space();
    return i_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 512;  // deeper is refused, not a stack overflow

  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    space();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  bool value(Json& out, int depth) {
    space();
    if (i_ >= s_.size() || depth > kMaxDepth) return false;
    char c = s_[i_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      std::string text;
      if (!string(text)) return false;
      out = std::move(text);
      return true;
    }
    if (c == 't') return word("true") && (out = true, true);
    if (c == 'f') return word("false") && (out = false, true);
    if (c == 'n') return word("null") && (out = nullptr, true);
    return number(out);
  }

  bool object(Json& out, int depth) {
    ++i_;
    out = Json::object();
    if (eat('}')) return true;
    do {
      std::string key;
      space();
      if (i_ >= s_.size() || s_[i_] != '"' || !string(key) || !eat(':')) return false;
      Json item;
      if (!value(item, depth + 1)) return false;
      out[std::move(key)] = std::move(item);  // a repeated key: the last wins
    } while (eat(','));
    return eat('}');
  }

  bool array(Json& out, int depth) {
    ++i_;
    out = Json::array();
    if (eat(']')) return true;
    do {
      Json item;
      if (!value(item, depth + 1)) return false;
      out.push_back(std::move(item));
    } while (eat(','));
    return eat(']');
  }

  bool hex4(unsigned& out) {
    if (s_.size() - i_ < 4) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      unsigned d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
      if (d == 16) return false;
      out = out * 16 + d;
    }
    return true;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }

  // One UTF-8 sequence starting at i_ (a lead byte >= 0x80), copied when well formed.
  bool utf8(std::string& out) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s_[i_ + k]); };
    unsigned char c = byte(0);
    std::size_t extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (extra == 0 || s_.size() - i_ <= extra) return false;
    unsigned char low = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
    unsigned char high = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
    if (byte(1) < low || byte(1) > high) return false;
    for (std::size_t k = 2; k <= extra; ++k)
      if ((byte(k) & 0xc0) != 0x80) return false;
    out.append(s_.substr(i_, extra + 1));
    i_ += extra + 1;
    return true;
  }

  bool string(std::string& out) {
    ++i_;  // the opening quote
    while (i_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, true;
      if (c < 0x20) return false;
      if (c >= 0x80) {
        if (!utf8(out)) return false;
        continue;
      }
      ++i_;
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"': case '\\': case '/': out.push_back(e); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xdc00 && cp <= 0xdfff) return false;  // a lone low surrogate
          if (cp >= 0xd800 && cp <= 0xdbff) {
            unsigned low = 0;
            if (!word("\\u") || !hex4(low) || low < 0xdc00 || low > 0xdfff) return false;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          }
          put_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  bool digits() {
    std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }

  // Past the fast path the arithmetic above can be an ulp or two off. What the engine reads back
  // is what it wrote: nlohmann's dump() of a double, which reads back exactly. So the neighbour
  // whose dump() is the text wins; any other text keeps the approximation.
  static double nearest_written(double approximation, std::string_view text, bool negative) {
    std::string_view digits = negative ? text.substr(1) : text;
    double candidate = approximation;
    for (int step = 0; step < 4; ++step) candidate = std::nextafter(candidate, 0.0);
    for (int k = 0; k < 9; ++k, candidate = std::nextafter(candidate, HUGE_VAL))
      if (Json(candidate).dump() == digits) return candidate;
    return approximation;
  }

  // Integers as nlohmann has them; a fraction or an exponent is a double: exact when the digits
  // fit in 2^53 and the power of ten in 10^22 (times and counts), else exact for anything dump()
  // wrote (nearest_written), and within an ulp or two for other spellings (only native tools
  // read such text: in the browser, JS parses the config and the events).
  bool number(Json& out) {
    std::size_t start = i_;
    bool negative = i_ < s_.size() && s_[i_] == '-';
    if (negative) ++i_;
    if (i_ < s_.size() && s_[i_] == '0') ++i_;
    else if (!digits()) return false;
    bool integral = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return false;
      integral = false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return false;
      integral = false;
    }
    std::string_view text = s_.substr(start, i_ - start);

    std::uint64_t mantissa = 0;
    int exponent = 0;     // value = mantissa * 10^exponent
    bool overflow = false;
    std::size_t k = negative ? 1 : 0;
    for (; k < text.size() && text[k] != 'e' && text[k] != 'E'; ++k) {
      if (text[k] == '.') continue;
      bool after_point = text.find('.') != std::string_view::npos && k > text.find('.');
      unsigned d = static_cast<unsigned>(text[k] - '0');
      if (mantissa <= (UINT64_MAX - d) / 10) {
        mantissa = mantissa * 10 + d;
        if (after_point) --exponent;
      } else {
        overflow = true;
        if (!after_point) ++exponent;  // digits past 19 are dropped
      }
    }
    if (k < text.size()) {
      int e = 0;
      bool e_negative = text[++k] == '-';
      if (text[k] == '+' || text[k] == '-') ++k;
      for (; k < text.size(); ++k) e = std::min(e * 10 + (text[k] - '0'), 100000);
      exponent += e_negative ? -e : e;
    }
    if (integral && !overflow) {
      if (!negative) out = mantissa;
      else if (mantissa <= static_cast<std::uint64_t>(INT64_MAX) + 1) out = static_cast<std::int64_t>(0 - mantissa);
      else out = -static_cast<double>(mantissa);
      return true;
    }
    static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                         1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    constexpr std::uint64_t kExact = std::uint64_t{1} << 53;
    // Clinger's fast path, extended: 12e30 is 12000000000e20, still exact.
    while (exponent > 22 && mantissa < kExact / 10) {
      mantissa *= 10;
      --exponent;
    }
    // Exact when the digits fit in 2^53 and the power of ten in 10^22: decided before the loops
    // below consume the exponent.
    bool exact = mantissa < kExact && exponent >= -22 && exponent <= 22;
    double value = static_cast<double>(mantissa);
    for (; exponent > 22 && value != 0 && value < 1e308; exponent -= 22) value *= 1e22;
    for (; exponent < -22 && value != 0; exponent += 22) value /= 1e22;
    if (exponent > 22) value = HUGE_VAL;
    else if (exponent < -22) value = 0;
    else value = exponent >= 0 ? value * kPowers[exponent] : value / kPowers[-exponent];
    if (!std::isfinite(value)) return false;  // out of range for a double: refused, as nlohmann does
    if (!exact) value = nearest_written(value, text, negative);
    out = negative ? -value : value;
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

Json parse_json(std::string_view text, std::string_view path, Errors& errors) {
  Json value;
  if (!TextReader(text).document(value)) {
    errors.push_back({ErrorCode::malformed_json, "the text is not valid JSON", std::string(path)});
    return Json(Json::value_t::discarded);
  }
  return value;
}

std::string number_text(double number) {
  double whole;
  if (std::modf(number, &whole) == 0.0 && std::fabs(whole) < 9e15) return decimal(static_cast<long long>(whole));
  return Json(number).dump();
}

std::string_view json_type_name(const Json& value) noexcept {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

ObjectReader::ObjectReader(const Json& value, std::string path, Errors& errors)
    : object_(value.is_object() ? &value : nullptr), path_(std::move(path)), errors_(errors) {
  if (object_ == nullptr)
    errors_.push_back({ErrorCode::wrong_type, "expected an object, got " + std::string(json_type_name(value)), path_});
}

const Json* ObjectReader::find(std::string_view key) {
  if (object_ == nullptr) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end()) return nullptr;
  known_.push_back(it.key());
  return &*it;
}

void ObjectReader::missing(std::string_view key) {
  if (object_ != nullptr)
    errors_.push_back({ErrorCode::missing_field, "\"" + std::string(key) + "\" is required", path_of(key)});
}

const Json* ObjectReader::require(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) missing(key);
  return value;
}

std::optional<std::string> ObjectReader::required_string(std::string_view key) {
  if (object_ != nullptr && !object_->contains(key)) missing(key);
  return string(key);
}

std::optional<bool> ObjectReader::required_boolean(std::string_view key) {
  if (object_ != nullptr && !object_->contains(key)) missing(key);
  return boolean(key);
}

std::optional<double> ObjectReader::required_number(std::string_view key, double min, double max) {
  if (object_ != nullptr && !object_->contains(key)) missing(key);
  return number(key, min, max);
}

void ObjectReader::wrong_type(std::string_view key, std::string_view expected, const Json& got) {
  errors_.push_back({ErrorCode::wrong_type,
                     "\"" + std::string(key) + "\" must be " + std::string(expected) + ", got " +
                         std::string(json_type_name(got)),
                     path_of(key)});
}

std::optional<std::string> ObjectReader::string(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = value->get_ptr<const std::string*>()) return *text;
  wrong_type(key, "a string", *value);
  return std::nullopt;
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* flag = value->get_ptr<const bool*>()) return *flag;
  wrong_type(key, "true or false", *value);
  return std::nullopt;
}

std::optional<double> ObjectReader::number(std::string_view key, double min, double max) {
  const Json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    wrong_type(key, "a number", *value);
    return std::nullopt;
  }
  double number = value->get<double>();  // cannot throw: is_number() checked
  if (!(number >= min && number <= max)) {
    errors_.push_back({ErrorCode::out_of_range,
                       "\"" + std::string(key) + "\" must be between " + number_text(min) + " and " + number_text(max),
                       path_of(key)});
    return std::nullopt;
  }
  return number;
}

const Json* ObjectReader::object(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return nullptr;
  if (value->is_object()) return value;
  wrong_type(key, "an object", *value);
  return nullptr;
}

const Json* ObjectReader::array(std::string_view key) {
  const Json* value = find(key);
  if (value == nullptr) return nullptr;
  if (value->is_array()) return value;
  wrong_type(key, "an array", *value);
  return nullptr;
}

std::size_t ObjectReader::report_unknown_keys(ErrorCode code, std::string_view what) {
  if (object_ == nullptr) return 0;
  std::size_t reported = 0;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    const std::string& key = it.key();
    if (std::find(known_.begin(), known_.end(), std::string_view(key)) != known_.end()) continue;
    errors_.push_back({code, "unknown " + std::string(what) + " \"" + key + "\" is ignored", path_of(key)});
    ++reported;
  }
  return reported;
}

}  // namespace parley
