#include "parley/order.hpp"

#include <algorithm>
#include <numeric>

namespace parley {

std::vector<std::uint32_t> descending_order(const std::vector<double>& keys) {
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  // Ties broken by position: the order std::stable_sort gives, from std::sort on indices.
  std::sort(order.begin(), order.end(), [&keys](std::uint32_t a, std::uint32_t b) {
    return keys[a] > keys[b] || (keys[a] == keys[b] && a < b);
  });
  return order;
}

}  // namespace parley
