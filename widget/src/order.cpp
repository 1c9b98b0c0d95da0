#include "parley/order.hpp"

#include <algorithm>
#include <numeric>

namespace parley {

namespace {

// The one comparator both orders use, so std::sort is instantiated once: by descending key
// when there are keys (ties broken by position: the order std::stable_sort gives), else by value.
struct ByKey {
  const double* keys;
  bool operator()(std::uint32_t a, std::uint32_t b) const {
    if (keys == nullptr || keys[a] == keys[b]) return a < b;
    return keys[a] > keys[b];
  }
};

}  // namespace

std::vector<std::uint32_t> descending_order(const std::vector<double>& keys) {
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), ByKey{keys.data()});
  return order;
}

void sort_ascending(std::vector<std::uint32_t>& values) { std::sort(values.begin(), values.end(), ByKey{nullptr}); }

}  // namespace parley
