// parley/condition.hpp: condition trees (all / any / not / fact tests), compiled from config.
//
// A tree is compiled once from JSON into a flat vector of nodes, with every error reported at
// its JSON pointer. Evaluation is pure: it reads a FactState at `now_ms` and also returns the
// next instant at which the result could change on its own (a clock fact crossing a threshold,
// the hour turning), which is how the engine avoids polling.
//
// Semantics worth knowing:
//  - An unknown fact value (no referrer, country not yet known) makes every test false, `neq`
//    included; wrap it in `not` to test for absence.
//  - `matches` on url, referrer and previousPage uses url_matches() (glob per URL component,
//    path only unless the pattern has a scheme or host); on other facts a plain glob.
//  - `now` operands are ISO 8601 strings; `hour` and `weekday` use "zone": "visitor" (default),
//    "UTC" or an IANA name; `between` on hour and weekday may wrap ([22, 6], ["fri", "mon"]).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parley/fact_state.hpp"

namespace parley {

enum class Operator : std::uint8_t { eq, neq, gt, gte, lt, lte, in, matches, contains, between, is_true };

struct ConditionNode {
  enum class Kind : std::uint8_t { all, any, negate, test } kind = Kind::test;
  std::vector<std::uint32_t> children;  // combinators: indices into ConditionTree::nodes
  // Tests only:
  FactId fact = 0;
  Operator op = Operator::is_true;
  Clock clock = Clock::visible;
  std::string zone;                     // hour / weekday only
  std::vector<FactValue> operands;      // weekday names and ISO dates already turned to numbers
};

struct ConditionTree {
  std::vector<ConditionNode> nodes;     // nodes[0] is the root; empty means "always true"
  std::vector<FactId> reads;            // every fact the tree reads, sorted, unique
  std::vector<std::string> zones;       // named zones it needs offsets for

  bool reads_clock() const;
};

struct Evaluation {
  bool value = false;
  double next_change_ms = kNever;       // earliest instant the value may flip without an event
};

// Compiles `value` (a condition object) at `path`. Invalid tests are reported and compile to
// "false", so a broken rule never fires but the rest of the config runs.
ConditionTree compile_condition(const Json& value, const std::string& path, FactRegistry& facts, Errors& errors);

Evaluation evaluate(const ConditionTree& tree, const FactState& state, double now_ms);
// The same for one node, e.g. for the console's per-node view.
Evaluation evaluate_node(const ConditionTree& tree, std::uint32_t node, const FactState& state, double now_ms);

std::string_view to_string(Operator op) noexcept;

}  // namespace parley
