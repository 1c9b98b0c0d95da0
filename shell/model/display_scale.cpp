#include "console/display_scale.hpp"

#include <algorithm>
#include <cmath>

namespace parley::console {

DisplayScale DisplayScale::fit(int css_width, int css_height, double ratio) {
  DisplayScale scale;
  scale.css_width = std::max(css_width, 1);
  scale.css_height = std::max(css_height, 1);
  if (!(ratio > 0) || !std::isfinite(ratio)) ratio = 1;
  ratio = std::min(ratio, kMaxRatio);
  ratio = std::min(ratio, static_cast<double>(kMaxBackingSide) / std::max(scale.css_width, scale.css_height));
  // Fractional ratios (1.25, 1.5) round the backing store to whole pixels; the scale is what it
  // came to, so layout and pixels agree exactly.
  scale.width = std::max(1, static_cast<int>(std::lround(scale.css_width * ratio)));
  scale.height = std::max(1, static_cast<int>(std::lround(scale.css_height * ratio)));
  scale.scale_x = static_cast<float>(scale.width) / static_cast<float>(scale.css_width);
  scale.scale_y = static_cast<float>(scale.height) / static_cast<float>(scale.css_height);
  scale.font_ratio = static_cast<float>(ratio);
  return scale;
}

}  // namespace parley::console
