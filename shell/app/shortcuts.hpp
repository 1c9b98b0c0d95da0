// app/shortcuts.hpp: key presses kept from GLFW's key callback until the next frame.
//
// Dear ImGui 1.86 samples the keyboard once per frame, so a key pressed and released between two
// frames (automated tests, quick hands) never shows in IsKeyPressed(). main.cpp installs
// on_key() as GLFW's key callback before ImGui's backend (which chains to it), and each frame
// takes the presses. The shortcuts themselves are listed in kShortcutHelp.
#pragma once

#include <vector>

namespace parley::console {

struct KeyPress {
  int key = 0;       // GLFW_KEY_*
  bool alt = false;
  bool ctrl = false;
};

class KeyPresses {
 public:
  void on_key(int key, int action, int mods);  // GLFW's key callback arguments
  std::vector<KeyPress> take();

 private:
  std::vector<KeyPress> pending_;
};

// Shown in the console's "Keys" menu and documented in README.md.
inline constexpr const char* kShortcutHelp[][2] = {
    {"Alt+X", "exit intent (the pointer leaves through the top)"},
    {"Alt+E", "the pointer comes back (exit intent ends)"},
    {"Alt+V", "hide / show the page (visibility)"},
    {"Alt+T", "advance the clock by the Inject tab's step (15 s)"},
    {"Alt+A", "desk: accept the selected conversation (relay: take the selected queued one)"},
    {"Alt+R", "desk: focus the reply box (Enter sends)"},
    {"Alt+I", "desk: invite the visitor to video"},
    {"Alt+J", "desk: join the video call"},
    {"Alt+C", "desk: cancel a pending video call"},
    {"Alt+H", "desk: hang up the video call"},
    {"Alt+N", "desk: alerts on / off (a tone and the tab's title)"},
    {"Alt+1 ... Alt+9", "switch tabs"},
    {"Alt+Q", "close the console"},
};

}  // namespace parley::console
