#include "parley/compiled_config.hpp"

#include <cstring>
#include <type_traits>

#include "parley/constants.hpp"

namespace parley {
namespace {

// ---- The fields, in their compiled order: one list, for the writer and the reader -------------
// A new field goes here too (at the end of its struct); the compiled form carries the Parley
// version, so files compiled before the change are read as JSON, never misread.

template <class V> void fields(V& v, LocalizedText& x) { v(x.en); v(x.fr); }
template <class V> void fields(V& v, Invite& x) { v(x.message); v(x.channel); v(x.prechat); v(x.expires_after_ms); }
template <class V> void fields(V& v, Frequency& x) { v(x.per); v(x.times); v(x.min_interval_ms); }
template <class V> void fields(V& v, AfterDecline& x) { v(x.kind); v(x.hours); }
template <class V> void fields(V& v, ConditionNode& x) {
  v(x.kind); v(x.children); v(x.fact); v(x.op); v(x.clock); v(x.zone); v(x.operands);
}
template <class V> void fields(V& v, ConditionTree& x) { v(x.nodes); v(x.reads); v(x.zones); }
template <class V> void fields(V& v, Rule& x) {
  v(x.id); v(x.priority); v(x.when); v(x.invite); v(x.context); v(x.frequency); v(x.after_decline);
}
template <class V> void fields(V& v, Theme& x) {
  v(x.mode); v(x.position); v(x.color); v(x.font); v(x.offset_x); v(x.offset_y); v(x.title); v(x.reply_time);
  v(x.agent_name); v(x.agent_avatar); v(x.logo);
}
template <class V> void fields(V& v, VisitsSettings& x) { v(x.cookie); v(x.scope); v(x.days); }
template <class V> void fields(V& v, LauncherSettings& x) { v(x.chat); v(x.video); v(x.video_pages); }
template <class V> void fields(V& v, VideoSettings& x) { v(x.camera); v(x.prompt_timeout_ms); }
template <class V> void fields(V& v, TransportSettings& x) { v(x.kind); v(x.channel); v(x.url); v(x.urls); }
template <class V> void fields(V& v, Question& x) { v(x.id); v(x.type); v(x.label); v(x.required); v(x.options); }
template <class V> void fields(V& v, PrechatSurvey& x) { v(x.questions); }
// The facts before the rules: the reader checks the rules' fact ids against them. `trace` is not
// here: it comes from the JSON member (the header says why).
template <class V> void fields(V& v, Config& x) {
  v(x.locale); v(x.strings); v(x.consent_required); v(x.theme); v(x.visits); v(x.session_idle_ms);
  v(x.transport); v(x.launcher); v(x.video); v(x.satisfaction); v(x.prechat); v(x.facts); v(x.rules);
  v(x.exit_intent_min_dwell_ms); v(x.exit_intent_touch_window_ms);
}

// How many values each enum has (the reader refuses others): the last enumerator's, plus one.
template <class E> constexpr int kEnumCount = 0;
template <> constexpr int kEnumCount<Channel> = static_cast<int>(Channel::chat_video) + 1;
template <> constexpr int kEnumCount<Scope> = static_cast<int>(Scope::visitor) + 1;
template <> constexpr int kEnumCount<CameraMode> = static_cast<int>(CameraMode::off_by_default) + 1;
template <> constexpr int kEnumCount<CounterScope> = static_cast<int>(CounterScope::page) + 1;
template <> constexpr int kEnumCount<Theme::Mode> = static_cast<int>(Theme::Mode::auto_) + 1;
template <> constexpr int kEnumCount<Theme::Position> = static_cast<int>(Theme::Position::right) + 1;
template <> constexpr int kEnumCount<AfterDecline::Kind> = static_cast<int>(AfterDecline::Kind::forever) + 1;
template <> constexpr int kEnumCount<LauncherSettings::Chat> = static_cast<int>(LauncherSettings::Chat::fallback) + 1;
template <> constexpr int kEnumCount<TransportSettings::Kind> = static_cast<int>(TransportSettings::Kind::websocket) + 1;
template <> constexpr int kEnumCount<QuestionType> = static_cast<int>(QuestionType::consent) + 1;
template <> constexpr int kEnumCount<ConditionNode::Kind> = static_cast<int>(ConditionNode::Kind::test) + 1;
template <> constexpr int kEnumCount<Operator> = static_cast<int>(Operator::is_true) + 1;
template <> constexpr int kEnumCount<Clock> = static_cast<int>(Clock::wall) + 1;

template <class T>
concept Enum = std::is_enum_v<T>;

// FactValue: null, a boolean, a number or a string, as the JSON scalar of the same type.
Json fact_value_json(const FactValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  return nullptr;
}

class Writer {
 public:
  Json out = Json::array();

  // Non-const references throughout, as the reader's: overloads rank by their parameter type
  // alone, and `T&` would beat `const std::string&` for every field.
  void operator()(std::string& x) { out.push_back(x); }
  void operator()(double& x) { out.push_back(x); }
  void operator()(int& x) { out.push_back(x); }
  void operator()(std::uint16_t& x) { out.push_back(x); }
  void operator()(std::uint32_t& x) { out.push_back(x); }
  void operator()(bool& x) { out.push_back(x); }
  void operator()(Json& x) { out.push_back(x); }
  void operator()(FactValue& x) { out.push_back(fact_value_json(x)); }
  void operator()(FactRegistry& x) {  // the custom facts' names, in id order
    Json names = Json::array();
    for (FactId id = kFirstCustomFact; id < x.size(); ++id) names.push_back(x.name(id));
    out.push_back(std::move(names));
  }
  template <Enum E>
  void operator()(E& x) { out.push_back(static_cast<int>(x)); }
  template <class T>
  void operator()(std::optional<T>& x) {
    if (!x) return out.push_back(nullptr);
    Writer inner;
    inner(*x);
    out.push_back(std::move(inner.out[0]));
  }
  template <class T>
  void operator()(std::vector<T>& items) {
    Writer inner;
    for (T& item : items) inner(item);
    out.push_back(std::move(inner.out));
  }
  template <class T>
  void operator()(T& x) {
    Writer inner;
    fields(inner, x);
    out.push_back(std::move(inner.out));
  }
};

// Reads what Writer wrote: each value of the expected type, each array of the expected length,
// each enum in range, fact ids known, condition trees well formed (checks() below). Anything
// else makes the whole compiled config unusable (ok false), never a crash.
class Reader {
 public:
  explicit Reader(const Json* items) : items_(items != nullptr && items->is_array() ? items : nullptr) {
    ok = items_ != nullptr;
  }
  bool ok;
  FactRegistry* facts = nullptr;  // once read: the ids the rules may name

  bool finished() const { return ok && next_ == items_->size(); }

  void operator()(std::string& x) {
    if (const Json* value = take(); value != nullptr && value->is_string()) x = value->get_ref<const std::string&>();
    else ok = false;
  }
  void operator()(double& x) {
    if (const Json* value = take(); value != nullptr && value->is_number()) x = value->get<double>();
    else ok = false;
  }
  void operator()(int& x) { x = static_cast<int>(whole(-1e9, 1e9)); }
  void operator()(std::uint16_t& x) { x = static_cast<std::uint16_t>(whole(0, 65535)); }
  void operator()(std::uint32_t& x) { x = static_cast<std::uint32_t>(whole(0, 4294967295.0)); }
  void operator()(bool& x) {
    if (const Json* value = take(); value != nullptr && value->is_boolean()) x = value->get<bool>();
    else ok = false;
  }
  void operator()(Json& x) {
    if (const Json* value = take()) x = *value;
  }
  void operator()(FactValue& x) {
    const Json* value = take();
    if (value == nullptr) return;
    if (auto fact = fact_value_from_json(*value)) x = std::move(*fact);
    else ok = false;
  }
  void operator()(FactRegistry& x) {
    std::vector<std::string> names;
    (*this)(names);
    for (std::size_t i = 0; ok && i < names.size(); ++i) {
      auto id = x.find_or_add(names[i]);  // a custom name, and a new one: the next id
      ok = id && *id == kFirstCustomFact + i;
    }
    facts = &x;
  }
  template <Enum E>
  void operator()(E& x) {
    x = static_cast<E>(whole(0, kEnumCount<E> - 1));
  }
  template <class T>
  void operator()(std::optional<T>& x) {
    const Json* value = peek();
    if (value != nullptr && value->is_null()) {
      ++next_;
      x.reset();
      return;
    }
    x.emplace();
    (*this)(*x);
  }
  template <class T>
  void operator()(std::vector<T>& items) {
    Reader inner = nested();
    items.clear();
    if (inner.ok) items.resize(inner.items_->size());
    for (T& item : items) inner(item);
    ok = ok && inner.finished();
  }
  template <class T>
  void operator()(T& x) {
    Reader inner = nested();
    fields(inner, x);
    ok = ok && inner.finished() && checks(x);
  }

 private:
  const Json* items_;
  std::size_t next_ = 0;

  const Json* peek() const { return ok && next_ < items_->size() ? &(*items_)[next_] : nullptr; }
  const Json* take() {
    const Json* value = peek();
    if (value == nullptr) ok = false;
    else ++next_;
    return value;
  }
  Reader nested() {
    Reader inner(take());
    inner.facts = facts;
    inner.ok = inner.ok && ok;
    return inner;
  }
  double whole(double min, double max) {
    const Json* value = take();
    if (value == nullptr) return 0;
    double x = value->is_number() ? value->get<double>() : -1e300;
    if (x < min || x > max || x != static_cast<double>(static_cast<long long>(x))) {
      ok = false;
      return 0;
    }
    return x;
  }

  // What evaluate() and the scheduler rely on, beyond types and ranges.
  template <class T>
  bool checks(const T&) const { return true; }
  bool checks(const ConditionTree& tree) const {
    if (facts == nullptr) return false;
    std::vector<std::uint32_t> depth(tree.nodes.size(), 0);
    for (std::uint32_t i = 0; i < tree.nodes.size(); ++i) {
      const ConditionNode& node = tree.nodes[i];
      for (std::uint32_t child : node.children) {  // forward only: no cycle, bounded depth
        if (child <= i || child >= tree.nodes.size()) return false;
        depth[child] = depth[i] + 1;
        if (depth[child] > 256) return false;
      }
      using Kind = ConditionNode::Kind;
      if (node.kind == Kind::negate && node.children.size() != 1) return false;
      if (node.kind != Kind::test) continue;
      if (!node.children.empty() || node.fact >= facts->size()) return false;
      std::size_t operands = node.operands.size();
      bool counted = node.op == Operator::is_true ? operands == 0
                     : node.op == Operator::between ? operands == 2
                     : node.op == Operator::in      ? operands >= 1
                                                    : operands == 1;
      if (!counted) return false;
    }
    for (FactId id : tree.reads)
      if (id >= facts->size()) return false;
    return true;
  }
};

// ---- The digest ---------------------------------------------------------------------------------

class Digest {
 public:
  std::uint32_t value = 2166136261u;  // FNV-1a, 32 bits

  void bytes(std::string_view data) {
    for (char c : data) {
      value ^= static_cast<unsigned char>(c);
      value *= 16777619u;
    }
  }
  void tag(char t) { bytes(std::string_view(&t, 1)); }
  void count(std::size_t n) {
    char digits[8];
    for (char& digit : digits) {
      digit = static_cast<char>(n & 0xff);
      n >>= 8;
    }
    bytes(std::string_view(digits, sizeof digits));
  }
  void text(std::string_view data) {
    count(data.size());
    bytes(data);
  }
  // Types as JSON has them (an integer and the same number as a double are one number).
  void add(const Json& x) {
    if (x.is_null()) return tag('n');
    if (x.is_boolean()) return tag(x.get<bool>() ? 't' : 'f');
    if (x.is_number()) {
      double number = x.get<double>() + 0.0;  // -0 is 0
      char raw[sizeof number];
      std::memcpy(raw, &number, sizeof number);
      tag('d');
      return bytes(std::string_view(raw, sizeof raw));
    }
    if (x.is_string()) {
      tag('s');
      return text(x.get_ref<const std::string&>());
    }
    tag(x.is_array() ? 'a' : 'o');
    count(x.size());
    for (auto it = x.begin(); it != x.end(); ++it) {
      if (x.is_object()) text(it.key());
      add(*it);
    }
  }
};

}  // namespace

// The source's members but "$compiled", "trace" and video.iceServers; then the compiled config.
std::uint32_t compiled_config_check(const Json& source, const Json& compiled) {
  Digest d;
  d.text(kVersion);
  for (auto it = source.begin(); it != source.end(); ++it) {
    if (it.key() == kCompiledKey || it.key() == "trace") continue;
    d.text(it.key());
    if (it.key() != "video" || !it->is_object()) {
      d.add(*it);
      continue;
    }
    for (auto entry = it->begin(); entry != it->end(); ++entry) {
      if (entry.key() == "iceServers") continue;
      d.text(entry.key());
      d.add(*entry);
    }
  }
  d.tag('|');
  d.add(compiled);
  return d.value;
}

Json compile_config(const Config& config, const Json& source) {
  Config copy = config;  // the visitor takes its fields by reference; the writer only reads them
  Writer writer;
  fields(writer, copy);
  Json compiled = Json::object();
  compiled["parley"] = std::string(kVersion);
  compiled["check"] = compiled_config_check(source, writer.out);
  compiled["config"] = std::move(writer.out);
  return compiled;
}

std::optional<Config> read_compiled_config(const Json& source, Errors& errors) {
  if (!source.is_object()) return std::nullopt;
  auto member = source.find(kCompiledKey);
  if (member == source.end()) return std::nullopt;
  const std::string path = "/$compiled";
  auto unusable = [&](std::string why) -> std::optional<Config> {
    errors.push_back({ErrorCode::invalid, why + ": the JSON members are read instead (run parley-config compile again)", path});
    return std::nullopt;
  };
  const Json& compiled = *member;
  if (!compiled.is_object()) return unusable("\"$compiled\" is not what parley-config compile writes");
  std::string version = compiled.value("parley", "");
  if (version != kVersion) return unusable("compiled for Parley \"" + version + "\", this is " + std::string(kVersion));
  auto check = compiled.find("check");
  auto fields_json = compiled.find("config");
  if (check == compiled.end() || fields_json == compiled.end() || !check->is_number() ||
      check->get<double>() != compiled_config_check(source, *fields_json))
    return unusable("the config changed after it was compiled");
  Config config;
  Reader reader(&*fields_json);
  fields(reader, config);
  if (!reader.finished()) return unusable("the compiled config is malformed");
  auto trace = source.find("trace");
  config.trace = trace != source.end() && trace->is_boolean() && trace->get<bool>();
  return config;
}

}  // namespace parley
