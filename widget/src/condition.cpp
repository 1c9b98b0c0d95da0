#include "parley/condition.hpp"

#include <algorithm>

#include "parley/civil_time.hpp"
#include "parley/glob.hpp"

namespace parley {
namespace {

constexpr int kMaxDepth = 16;
constexpr std::size_t kMaxNodes = 256;
constexpr std::size_t kMaxInOperands = 1000;

constexpr std::pair<std::string_view, Operator> kOperatorNames[] = {
    {"eq", Operator::eq},       {"neq", Operator::neq}, {"gt", Operator::gt},
    {"gte", Operator::gte},     {"lt", Operator::lt},   {"lte", Operator::lte},
    {"in", Operator::in},       {"matches", Operator::matches}, {"contains", Operator::contains},
    {"between", Operator::between},
};

// What a test's operands are: a built-in fact's type (kFacts), or anything for a custom fact.
enum class OperandType { number, url, text, date, weekday, boolean, any };

OperandType type_of(FactId id) {
  if (id >= kFirstCustomFact) return OperandType::any;
  switch (kFactColumn<&FactInfo::type>[id]) {  // no default: a new FactType must be given its operands here
    case FactType::number: return OperandType::number;
    case FactType::url: return OperandType::url;
    case FactType::text: return OperandType::text;
    case FactType::date: return OperandType::date;
    case FactType::weekday: return OperandType::weekday;
    case FactType::boolean: return OperandType::boolean;
  }
  return OperandType::any;
}

bool operator_allowed(OperandType type, Operator op) {
  switch (type) {
    case OperandType::number: return op <= Operator::in || op == Operator::between;
    case OperandType::url:
    case OperandType::text:
      return op == Operator::eq || op == Operator::neq || op == Operator::in || op == Operator::matches ||
             op == Operator::contains;
    case OperandType::date: return (op >= Operator::gt && op <= Operator::lte) || op == Operator::between;
    case OperandType::weekday:
      return op == Operator::eq || op == Operator::neq || op == Operator::in || op == Operator::between;
    case OperandType::boolean: return op == Operator::is_true || op == Operator::eq || op == Operator::neq;
    case OperandType::any: return true;
  }
  return false;
}

std::pair<double, double> number_range(FactId id) {
  if (id >= kFirstCustomFact) return {0.0, 1e15};
  return {kFactColumn<&FactInfo::min>[id], kFactColumn<&FactInfo::max>[id]};
}

std::string to_upper_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

class Compiler {
 public:
  Compiler(ConditionTree& tree, FactRegistry& facts, Errors& errors) : tree_(tree), facts_(facts), errors_(errors) {}

  std::uint32_t node(const Json& value, const std::string& path, int depth) {
    if (depth > kMaxDepth) return fail(ErrorCode::too_large, "conditions nest deeper than 16 levels", path);
    if (tree_.nodes.size() >= kMaxNodes) return fail(ErrorCode::too_large, "a rule has more than 256 conditions", path);
    if (!value.is_object())
      return fail(ErrorCode::wrong_type, "a condition must be an object, got " + std::string(json_type_name(value)), path);
    int shapes = int(value.contains("all")) + int(value.contains("any")) + int(value.contains("not")) +
                 int(value.contains("fact"));
    if (shapes != 1)
      return fail(ErrorCode::invalid, "a condition has exactly one of \"all\", \"any\", \"not\" or \"fact\"", path);
    if (value.contains("fact")) return test(value, path);

    ObjectReader reader(value, path, errors_);
    std::uint32_t index = add(ConditionNode{});
    if (const Json* inner = reader.find("not")) {
      tree_.nodes[index].kind = ConditionNode::Kind::negate;
      std::uint32_t child = node(*inner, reader.path_of("not"), depth + 1);
      tree_.nodes[index].children.push_back(child);
    } else {
      bool all = value.contains("all");
      std::string_view key = all ? "all" : "any";
      tree_.nodes[index].kind = all ? ConditionNode::Kind::all : ConditionNode::Kind::any;
      if (const Json* list = reader.array(key)) {
        std::string list_path = reader.path_of(key);
        for (std::size_t i = 0; i < list->size(); ++i) {
          std::uint32_t child = node((*list)[i], json_pointer_append(list_path, i), depth + 1);
          tree_.nodes[index].children.push_back(child);
        }
      } else {
        make_false(index);
      }
    }
    reader.report_unknown_keys();
    return index;
  }

 private:
  std::uint32_t add(ConditionNode node) {
    tree_.nodes.push_back(std::move(node));
    return static_cast<std::uint32_t>(tree_.nodes.size() - 1);
  }
  void make_false(std::uint32_t index) {  // "any" of nothing is false
    tree_.nodes[index].kind = ConditionNode::Kind::any;
    tree_.nodes[index].children.clear();
  }
  std::uint32_t fail(ErrorCode code, std::string message, const std::string& path) {
    errors_.push_back({code, std::move(message), path});
    ConditionNode never;
    never.kind = ConditionNode::Kind::any;
    return add(std::move(never));
  }

  std::uint32_t test(const Json& value, const std::string& path) {
    ObjectReader reader(value, path, errors_);
    // Operators first: a key that is neither one of them nor fact/clock/zone is a misspelt
    // operator, and is reported as such even when the fact itself is wrong.
    const Json* operand = nullptr;
    std::string operand_path;
    Operator op = Operator::is_true;
    int operator_count = 0;
    for (const auto& [op_name, candidate] : kOperatorNames) {
      if (const Json* found = reader.find(op_name)) {
        ++operator_count;
        op = candidate;
        operand = found;
        operand_path = reader.path_of(op_name);
      }
    }
    auto name = reader.string("fact");
    const Json* clock_value = reader.find("clock");
    const Json* zone_value = reader.find("zone");
    std::size_t misspelt = reader.report_unknown_keys(ErrorCode::unknown_operator, "operator");
    if (!name) return fail(ErrorCode::wrong_type, "\"fact\" must name a fact", reader.path_of("fact"));
    auto fact = facts_.find_or_add(*name);
    if (!fact) return fail(ErrorCode::unknown_fact, "unknown fact \"" + *name + "\"", reader.path_of("fact"));
    ConditionNode node;
    node.fact = *fact;
    node.op = op;
    OperandType type = type_of(*fact);
    bool ok = true;

    if (clock_value != nullptr) {
      auto clock = ObjectReader::enum_value<Clock>(*clock_value, reader.path_of("clock"),
                                                   {{"visible", Clock::visible}, {"wall", Clock::wall}}, errors_);
      if (clock && *fact != fact_id(BuiltinFact::time_on_page)) {
        errors_.push_back({ErrorCode::invalid, "\"clock\" applies to timeOnPage only", reader.path_of("clock")});
        ok = false;
      }
      if (!clock) ok = false;
      else node.clock = *clock;
    }
    if (zone_value != nullptr) {
      const auto* text = zone_value->get_ptr<const std::string*>();
      if (*fact != fact_id(BuiltinFact::hour) && *fact != fact_id(BuiltinFact::weekday)) {
        errors_.push_back({ErrorCode::invalid, "\"zone\" applies to hour and weekday only", reader.path_of("zone")});
        ok = false;
      } else if (text == nullptr || text->empty() || text->size() > 64) {
        reader.wrong_type("zone", "\"visitor\", \"UTC\" or an IANA zone name", *zone_value);
        ok = false;
      } else {
        node.zone = *text;
        if (*text != "visitor" && *text != "UTC" &&
            std::find(tree_.zones.begin(), tree_.zones.end(), *text) == tree_.zones.end())
          tree_.zones.push_back(*text);
      }
    }
    if (operator_count > 1) {
      errors_.push_back({ErrorCode::invalid, "a test has one operator", path});
      ok = false;
    }
    if (!operator_allowed(type, node.op)) {
      if (node.op == Operator::is_true) {
        if (misspelt == 0)  // else the misspelt operator is already reported
          errors_.push_back({ErrorCode::missing_field, "\"" + *name + "\" needs an operator", path});
      } else {
        errors_.push_back({ErrorCode::unknown_operator,
                           "\"" + std::string(to_string(node.op)) + "\" does not apply to \"" + *name + "\"", operand_path});
      }
      ok = false;
    }
    if (ok && operand != nullptr) ok = operands(node, type, *operand, operand_path);
    if (!ok) return fail_silently();

    // Kept sorted and unique as it grows: no sort to instantiate for a handful of ids.
    auto at = std::lower_bound(tree_.reads.begin(), tree_.reads.end(), node.fact);
    if (at == tree_.reads.end() || *at != node.fact) tree_.reads.insert(at, node.fact);
    return add(std::move(node));
  }

  std::uint32_t fail_silently() {
    ConditionNode never;
    never.kind = ConditionNode::Kind::any;
    return add(std::move(never));
  }

  bool operands(ConditionNode& node, OperandType type, const Json& value, const std::string& path) {
    if (node.op == Operator::in || node.op == Operator::between) {
      if (!value.is_array()) {
        errors_.push_back({ErrorCode::wrong_type, "expected an array, got " + std::string(json_type_name(value)), path});
        return false;
      }
      if (node.op == Operator::between && value.size() != 2) {
        errors_.push_back({ErrorCode::invalid, "\"between\" takes [low, high]", path});
        return false;
      }
      if (value.empty() || value.size() > kMaxInOperands) {
        errors_.push_back({ErrorCode::out_of_range, "\"in\" takes 1 to 1000 values", path});
        return false;
      }
      for (std::size_t i = 0; i < value.size(); ++i)
        if (!scalar(node, type, value[i], json_pointer_append(path, i))) return false;
      if (node.op == Operator::between && node.operands[0].index() != node.operands[1].index()) {
        errors_.push_back({ErrorCode::wrong_type, "both ends of \"between\" must have the same type", path});
        return false;
      }
      if (node.op == Operator::between && type != OperandType::weekday && node.fact != fact_id(BuiltinFact::hour) &&
          node.operands[1] < node.operands[0]) {
        errors_.push_back({ErrorCode::out_of_range, "\"between\" needs low <= high", path});
        return false;
      }
      return true;
    }
    return scalar(node, type, value, path);
  }

  bool scalar(ConditionNode& node, OperandType type, const Json& value, const std::string& path) {
    auto wrong = [&](std::string_view expected) {
      errors_.push_back({ErrorCode::wrong_type,
                         "expected " + std::string(expected) + ", got " + std::string(json_type_name(value)), path});
      return false;
    };
    switch (type) {
      case OperandType::number: {
        if (!value.is_number()) return wrong("a number");
        double number = value.get<double>();
        auto [min, max] = number_range(node.fact);
        if (number < min || number > max) {
          errors_.push_back({ErrorCode::out_of_range,
                             "must be between " + to_display_string(min) + " and " + to_display_string(max), path});
          return false;
        }
        node.operands.emplace_back(number);
        return true;
      }
      case OperandType::url:
      case OperandType::text: {
        const auto* text = value.get_ptr<const std::string*>();
        if (text == nullptr) return wrong("a string");
        node.operands.emplace_back(type == OperandType::text ? to_upper_ascii(*text) : *text);
        return true;
      }
      case OperandType::date: {
        const auto* text = value.get_ptr<const std::string*>();
        if (text == nullptr) return wrong("an ISO 8601 date");
        auto epoch_ms = parse_iso8601(*text);
        if (!epoch_ms) {
          errors_.push_back({ErrorCode::invalid, "\"" + *text + "\" is not an ISO 8601 date", path});
          return false;
        }
        node.operands.emplace_back(*epoch_ms);
        return true;
      }
      case OperandType::weekday: {
        const auto* text = value.get_ptr<const std::string*>();
        if (text == nullptr) return wrong("a weekday (\"mon\" ... \"sun\")");
        auto day = weekday_from_name(*text);
        if (!day) {
          errors_.push_back({ErrorCode::unknown_value, "\"" + *text + "\" is not a weekday (\"mon\" ... \"sun\")", path});
          return false;
        }
        node.operands.emplace_back(static_cast<double>(*day));
        return true;
      }
      case OperandType::boolean: {
        const auto* flag = value.get_ptr<const bool*>();
        if (flag == nullptr) return wrong("true or false");
        node.operands.emplace_back(*flag);
        return true;
      }
      case OperandType::any: {
        auto fact_value = fact_value_from_json(value);
        if (!fact_value || value.is_null()) return wrong("a string, number or boolean");
        node.operands.push_back(std::move(*fact_value));
        return true;
      }
    }
    return false;
  }

  ConditionTree& tree_;
  FactRegistry& facts_;
  Errors& errors_;
};

bool is_url_fact(FactId id) { return type_of(id) == OperandType::url; }

bool compare(const FactValue& value, Operator op, const std::vector<FactValue>& operands, FactId fact) {
  if (std::holds_alternative<std::monostate>(value)) return false;
  const auto* number = std::get_if<double>(&value);
  const auto* text = std::get_if<std::string>(&value);
  switch (op) {
    case Operator::is_true:
      if (const auto* flag = std::get_if<bool>(&value)) return *flag;
      return number ? *number != 0 : !text->empty();
    case Operator::eq: return value == operands[0];
    case Operator::neq: return value != operands[0];
    case Operator::in: return std::find(operands.begin(), operands.end(), value) != operands.end();
    case Operator::gt:
    case Operator::gte:
    case Operator::lt:
    case Operator::lte: {
      const auto* bound = std::get_if<double>(&operands[0]);
      if (number == nullptr || bound == nullptr) return false;
      if (op == Operator::gt) return *number > *bound;
      if (op == Operator::gte) return *number >= *bound;
      if (op == Operator::lt) return *number < *bound;
      return *number <= *bound;
    }
    case Operator::between: {
      if (value.index() != operands[0].index()) return false;
      const FactValue& low = operands[0];
      const FactValue& high = operands[1];
      bool wraps = fact == fact_id(BuiltinFact::hour) || fact == fact_id(BuiltinFact::weekday);
      if (wraps && high < low) return value >= low || value <= high;  // [22, 6]: overnight
      return value >= low && value <= high;
    }
    case Operator::matches: {
      const auto* pattern = std::get_if<std::string>(&operands[0]);
      if (text == nullptr || pattern == nullptr) return false;
      return is_url_fact(fact) ? url_matches(*pattern, *text) : glob_match(*pattern, *text);
    }
    case Operator::contains: {
      const auto* needle = std::get_if<std::string>(&operands[0]);
      return text != nullptr && needle != nullptr && text->find(*needle) != std::string::npos;
    }
  }
  return false;
}

// When a growing clock value reaches one of these points, the test may flip: `gte x` turns
// true at x, `gt x` one ms later; `eq` is true only from x to x + 1.
double next_crossing(Operator op, double value, const std::vector<FactValue>& operands, double now_ms) {
  double next = kNever;
  auto consider = [&](double point) {
    if (point > value) next = std::min(next, now_ms + (point - value));
  };
  for (std::size_t i = 0; i < operands.size(); ++i) {
    const auto* x = std::get_if<double>(&operands[i]);
    if (x == nullptr) continue;
    bool upper_bound_of_between = op == Operator::between && i == 1;
    if (op == Operator::gt || op == Operator::lte || upper_bound_of_between) {
      consider(*x + 1);
    } else {
      consider(*x);
      if (op == Operator::eq || op == Operator::neq || op == Operator::in) consider(*x + 1);
    }
  }
  return next;
}

Evaluation evaluate_test(const ConditionNode& node, const FactState& state, double now_ms) {
  if (node.fact == fact_id(BuiltinFact::hour) || node.fact == fact_id(BuiltinFact::weekday)) {
    auto offset = state.utc_offset_minutes(node.zone);
    if (!offset) return {false, kNever};
    CivilTime civil = civil_from_epoch_ms(now_ms, *offset);
    double field = node.fact == fact_id(BuiltinFact::hour) ? civil.hour : civil.weekday;
    return {compare(FactValue{field}, node.op, node.operands, node.fact), next_hour_boundary_ms(now_ms, *offset)};
  }
  if (is_clock_fact(node.fact)) {
    ClockReading reading = state.read_clock(node.fact, node.clock, now_ms);
    bool value = compare(FactValue{reading.value}, node.op, node.operands, node.fact);
    return {value, reading.growing ? next_crossing(node.op, reading.value, node.operands, now_ms) : kNever};
  }
  return {compare(state.value(node.fact), node.op, node.operands, node.fact), kNever};
}

}  // namespace

bool ConditionTree::reads_clock() const {
  return std::any_of(reads.begin(), reads.end(), [](FactId id) { return is_clock_fact(id); });
}

ConditionTree compile_condition(const Json& value, const std::string& path, FactRegistry& facts, Errors& errors) {
  ConditionTree tree;
  Compiler(tree, facts, errors).node(value, path, 0);
  return tree;
}

Evaluation evaluate_node(const ConditionTree& tree, std::uint32_t index, const FactState& state, double now_ms) {
  const ConditionNode& node = tree.nodes[index];
  switch (node.kind) {
    case ConditionNode::Kind::test: return evaluate_test(node, state, now_ms);
    case ConditionNode::Kind::negate: {
      Evaluation inner = evaluate_node(tree, node.children[0], state, now_ms);
      return {!inner.value, inner.next_change_ms};
    }
    case ConditionNode::Kind::all:
    case ConditionNode::Kind::any: {
      // Short-circuiting is safe for deadlines: the deciding child's own change re-evaluates us.
      bool all = node.kind == ConditionNode::Kind::all;
      Evaluation result{all, kNever};
      for (std::uint32_t child : node.children) {
        Evaluation inner = evaluate_node(tree, child, state, now_ms);
        result.next_change_ms = std::min(result.next_change_ms, inner.next_change_ms);
        if (inner.value != all) {
          result.value = !all;
          break;
        }
      }
      return result;
    }
  }
  return {};
}

Evaluation evaluate(const ConditionTree& tree, const FactState& state, double now_ms) {
  if (tree.nodes.empty()) return {true, kNever};
  return evaluate_node(tree, 0, state, now_ms);
}

std::string_view to_string(Operator op) noexcept {
  for (const auto& [name, value] : kOperatorNames)
    if (value == op) return name;
  return "is";
}

}  // namespace parley
