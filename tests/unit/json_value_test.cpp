// parley::JsonValue (the browser engine's JSON value) against nlohmann::json, which the engine
// uses natively: the same values built the same way must compare and dump the same, byte for byte.
#include "parley/json_value.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace parley {
namespace {

using nlohmann::json;

// Builds the same random value twice, in both types.
class Twin {
 public:
  explicit Twin(std::uint32_t seed) : random_(seed) {}

  std::pair<json, JsonValue> value(int depth) {
    switch (pick(depth > 3 ? 6 : 8)) {
      case 0: return {json(nullptr), JsonValue(nullptr)};
      case 1: {
        bool b = pick(2) == 1;
        return {json(b), JsonValue(b)};
      }
      case 2: {
        auto i = static_cast<std::int64_t>(random_()) - (std::int64_t{1} << 31);
        if (pick(8) == 0) i = std::numeric_limits<std::int64_t>::min();
        return {json(i), JsonValue(i)};
      }
      case 3: {
        std::uint64_t u = (std::uint64_t{random_()} << 32) | random_();
        return {json(u), JsonValue(u)};
      }
      case 4: {
        double d = number();
        return {json(d), JsonValue(d)};
      }
      case 5: {
        std::string s = text();
        return {json(s), JsonValue(s)};
      }
      case 6: {
        json a = json::array();
        JsonValue b = JsonValue::array();
        for (int n = pick(5); n > 0; --n) {
          auto [x, y] = value(depth + 1);
          a.push_back(x);
          b.push_back(y);
        }
        return {a, b};
      }
      default: {
        json a = json::object();
        JsonValue b = JsonValue::object();
        for (int n = pick(6); n > 0; --n) {
          std::string key = pick(3) == 0 ? text() : std::string(1, static_cast<char>('a' + pick(5)));
          auto [x, y] = value(depth + 1);
          a[key] = x;
          b[key] = y;
        }
        return {a, b};
      }
    }
  }

 private:
  int pick(int n) { return static_cast<int>(random_() % static_cast<std::uint32_t>(n)); }

  double number() {
    static const double kSpecial[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-7, 1e21, 1e22, 123456789012345680.0,
                                      5e-324, 1.7976931348623157e308, 3650.0, 1e-5, 0.000001,
                                      std::numeric_limits<double>::infinity(), std::nan("")};
    if (pick(3) == 0) return kSpecial[pick(static_cast<int>(std::size(kSpecial)))];
    std::uint64_t bits = (std::uint64_t{random_()} << 32) | random_();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }

  // Mostly text, with escapes, multi-byte characters and, often, broken UTF-8.
  std::string text() {
    static const char* kPieces[] = {"a", "Zoë", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\x01", "\x1f",
                                    "\x7f", "€", "😀", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\x80", "\xBF",
                                    "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE0\x80\x80"};
    std::string s;
    for (int n = pick(8); n > 0; --n) s += kPieces[pick(static_cast<int>(std::size(kPieces)))];
    return s;
  }

  std::mt19937 random_;
};

TEST(JsonValueTest, DumpsWhatNlohmannDumpsForTheSameValue) {
  for (std::uint32_t seed = 1; seed <= 3000; ++seed) {
    auto [theirs, ours] = Twin(seed).value(0);
    ASSERT_EQ(ours.dump(-1, ' ', false, JsonValue::error_handler_t::replace),
              theirs.dump(-1, ' ', false, json::error_handler_t::replace))
        << "seed " << seed;
    ASSERT_EQ(ours.dump(-1, ' ', false, JsonValue::error_handler_t::ignore),
              theirs.dump(-1, ' ', false, json::error_handler_t::ignore))
        << "seed " << seed;
    ASSERT_EQ(ours.size(), theirs.size()) << "seed " << seed;
  }
}

TEST(JsonValueTest, ComparesAsNlohmannCompares) {
  for (std::uint32_t seed = 1; seed <= 600; ++seed) {
    auto [a1, a2] = Twin(seed).value(2);
    auto [b1, b2] = Twin(seed % 7 == 0 ? seed : seed + 1).value(2);
    ASSERT_EQ(a2 == b2, a1 == b1) << "seeds " << seed;
    ASSERT_EQ(a2 == a2, a1 == a1) << "seed " << seed;  // NaN is unequal to itself in both
  }
  EXPECT_TRUE(JsonValue(1) == JsonValue(1.0));
  EXPECT_TRUE(JsonValue(1u) == JsonValue(1));
  EXPECT_FALSE(JsonValue(1) == JsonValue(true));
  EXPECT_FALSE(JsonValue(JsonValue::value_t::discarded) == JsonValue(JsonValue::value_t::discarded));
}

TEST(JsonValueTest, InitializerListsAreObjectsOnlyWhenEveryItemIsAKeyAndAValue) {
  JsonValue object{{"b", 1}, {"a", "x"}, {"b", 2}};
  json theirs{{"b", 1}, {"a", "x"}, {"b", 2}};
  EXPECT_TRUE(object.is_object());
  EXPECT_EQ(object.dump(), theirs.dump());  // {"a":"x","b":1}: sorted, the first "b" kept

  JsonValue mixed{{"a", 1}, 2};
  EXPECT_TRUE(mixed.is_array());
  EXPECT_EQ(mixed.dump(), (json{{"a", 1}, 2}).dump());

  JsonValue pairs = JsonValue::array({{"a", 1}, {"b", 2}});
  EXPECT_EQ(pairs.dump(), json::array({{"a", 1}, {"b", 2}}).dump());
  EXPECT_EQ(JsonValue{}.dump(), "null");
}

TEST(JsonValueTest, BuildsAndReadsAsTheEngineDoes) {
  JsonValue v;
  v["list"][2] = "c";  // null -> object -> array grown with nulls
  v["n"] = 3;
  v["list"].push_back(false);
  EXPECT_EQ(v.dump(), R"({"list":[null,null,"c",false],"n":3})");
  EXPECT_EQ(v["list"].size(), 4u);
  EXPECT_TRUE(v.contains("n"));
  EXPECT_FALSE(v.contains("m"));
  EXPECT_EQ(v.value("n", 0), 3);
  EXPECT_EQ(v.value("m", std::string("none")), "none");
  EXPECT_EQ(v.find("m"), v.end());
  EXPECT_EQ(v.find("n").key(), "n");
  EXPECT_EQ(v.erase("n"), 1u);
  EXPECT_EQ(v.erase("n"), 0u);
  const JsonValue& read = v;
  EXPECT_TRUE(read["absent"].is_null());
  EXPECT_EQ(read["list"][2].get_ref<const std::string&>(), "c");
  EXPECT_EQ(read["list"][0].get_ptr<const std::string*>(), nullptr);
  EXPECT_EQ(JsonValue(2.9).get<int>(), 2);
  EXPECT_EQ(JsonValue(-2).get<double>(), -2.0);

  std::string keys;
  for (auto it = v.begin(); it != v.end(); ++it) keys += it.key();
  EXPECT_EQ(keys, "list");
  int count = 0;
  for (const JsonValue& item : read["list"]) count += item.is_null() ? 1 : 0;
  EXPECT_EQ(count, 2);
  for (const JsonValue& item : JsonValue(5)) EXPECT_EQ(item.get<int>(), 5);  // a scalar is its own range
  EXPECT_EQ(JsonValue().begin(), JsonValue().end());

  JsonValue copy = v;
  copy["list"][0] = 1;
  EXPECT_NE(copy, v);  // copies are deep
  JsonValue moved = std::move(copy);
  EXPECT_TRUE(copy.is_null());  // NOLINT(bugprone-use-after-move): moved-from is null, as nlohmann's
  EXPECT_EQ(moved["list"][0], JsonValue(1));
}

}  // namespace
}  // namespace parley
