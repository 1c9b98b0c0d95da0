// parley/order.hpp: a stable order by a numeric key, for any type.
//
// Sorting each type with std::stable_sort instantiates the algorithm per type (about 3 KB of wasm
// each, with the type's moves inlined); sorting positions instantiates it once.
#pragma once

#include <cstdint>
#include <vector>

namespace parley {

// The positions of `keys` from the largest key to the smallest; equal keys keep their order, as
// std::stable_sort would keep them.
std::vector<std::uint32_t> descending_order(const std::vector<double>& keys);

// `values` from the smallest to the largest (the same instantiation of the sort as above).
void sort_ascending(std::vector<std::uint32_t>& values);

}  // namespace parley
