// console/display_scale.hpp: the console's canvas at devicePixelRatio (crisp on HiDPI screens).
//
// Dear ImGui lays out in CSS pixels (io.DisplaySize) and draws into a backing store of device
// pixels (io.DisplayFramebufferScale); fonts are rasterized at the device size and drawn at
// 1 / ratio (io.FontGlobalScale), so a glyph's texel is a device pixel. Emscripten 3.1.6's GLFW
// knows nothing of this (no content scale; its cursor is in backing-store pixels, from
// canvas.width over the canvas's CSS width), so main.cpp applies this each frame.
#pragma once

namespace parley::console {

struct DisplayScale {
  static constexpr double kMaxRatio = 4;       // a page zoomed far in on a HiDPI screen
  static constexpr int kMaxBackingSide = 8192; // WebGL's smallest common drawing-buffer limit

  int css_width = 0;  // the canvas's CSS box
  int css_height = 0;
  int width = 0;      // its backing store, in device pixels
  int height = 0;
  float scale_x = 1;  // width / css_width (DisplayFramebufferScale)
  float scale_y = 1;
  float font_ratio = 1;  // the size fonts are rasterized at, over their CSS size

  // `ratio`: window.devicePixelRatio (anything not > 0 reads as 1; at most kMaxRatio, and less when
  // the backing store would pass kMaxBackingSide).
  static DisplayScale fit(int css_width, int css_height, double ratio);

  // A point from Emscripten's GLFW (backing-store pixels) in CSS pixels.
  float css_x(double backing_x) const { return static_cast<float>(backing_x) / scale_x; }
  float css_y(double backing_y) const { return static_cast<float>(backing_y) / scale_y; }
};

}  // namespace parley::console
