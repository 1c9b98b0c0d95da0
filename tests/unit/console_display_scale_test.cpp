// The console's canvas at devicePixelRatio (console/display_scale.hpp): the backing store is the
// CSS box times the ratio, Dear ImGui's framebuffer scale is what that came to, and GLFW's
// backing-store cursor maps back to CSS pixels.
#include <gtest/gtest.h>

#include <cmath>

#include "console/display_scale.hpp"

namespace parley::console {
namespace {

TEST(DisplayScale, TwiceTheCssSizeAtRatioTwo) {
  DisplayScale scale = DisplayScale::fit(760, 800, 2);
  EXPECT_EQ(scale.width, 1520);
  EXPECT_EQ(scale.height, 1600);
  EXPECT_FLOAT_EQ(scale.scale_x, 2);
  EXPECT_FLOAT_EQ(scale.scale_y, 2);
  EXPECT_FLOAT_EQ(scale.font_ratio, 2);
  EXPECT_FLOAT_EQ(scale.css_x(1000), 500);
  EXPECT_FLOAT_EQ(scale.css_y(31), 15.5f);
}

TEST(DisplayScale, FractionalRatiosRoundToWholePixelsAndTheScaleFollows) {
  DisplayScale scale = DisplayScale::fit(333, 501, 1.5);
  EXPECT_EQ(scale.width, 500);   // 499.5
  EXPECT_EQ(scale.height, 752);  // 751.5
  EXPECT_FLOAT_EQ(scale.scale_x, 500.0f / 333.0f);
  EXPECT_FLOAT_EQ(scale.css_x(500), 333);
}

TEST(DisplayScale, OneWhenThePageSaysNothingUsable) {
  for (double ratio : {0.0, -2.0, std::nan(""), HUGE_VAL}) {
    DisplayScale scale = DisplayScale::fit(400, 300, ratio);
    EXPECT_EQ(scale.width, 400) << ratio;
    EXPECT_EQ(scale.height, 300) << ratio;
  }
}

TEST(DisplayScale, BoundedByTheRatioCapAndTheDrawingBufferLimit) {
  EXPECT_EQ(DisplayScale::fit(400, 300, 10).width, 1600);
  DisplayScale wide = DisplayScale::fit(3000, 1000, 4);
  EXPECT_LE(wide.width, DisplayScale::kMaxBackingSide);
  EXPECT_NEAR(wide.scale_x, wide.scale_y, 0.001);
}

TEST(DisplayScale, AnEmptyBoxStaysDrawable) {
  DisplayScale scale = DisplayScale::fit(0, -5, 2);
  EXPECT_EQ(scale.width, 2);
  EXPECT_EQ(scale.height, 2);
}

}  // namespace
}  // namespace parley::console
