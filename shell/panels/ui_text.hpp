// panels/ui_text.hpp: drawing text that came from a page, an agent or a config.
//
// Such text is data: it goes through TextUnformatted (never as a format string), and where it
// must be part of a widget label, widget_label() keeps its "##" from turning into an ImGui id.
#pragma once

#include <string>
#include <string_view>

#include "imgui.h"

namespace parley::console::ui {

inline const ImVec4 kTrueColor{0.45f, 0.85f, 0.45f, 1.0f};
inline const ImVec4 kFalseColor{0.95f, 0.45f, 0.40f, 1.0f};
inline const ImVec4 kMutedColor{0.60f, 0.60f, 0.65f, 1.0f};
inline const ImVec4 kWarnColor{0.95f, 0.75f, 0.30f, 1.0f};

void text(std::string_view value);
void text(std::string_view value, const ImVec4& color);
void wrapped(std::string_view value);             // wraps at the window's edge
void muted(std::string_view value);
void truth(bool value);                           // "✓ true" in green, "✗ false" in red
// `shown` (untrusted) with its "##" defused, then "###" + id: a label whose id never changes.
std::string widget_label(std::string_view shown, std::string_view id);
void tooltip(std::string_view value);             // on the last item, when hovered
void section(const char* title);                  // a titled separator (SeparatorText came after 1.86)

}  // namespace parley::console::ui
