#include "app/shortcuts.hpp"

#include <GLFW/glfw3.h>

namespace parley::console {

void KeyPresses::on_key(int key, int action, int mods) {
  if (action != GLFW_PRESS) return;
  if (pending_.size() >= 64) return;  // nobody types that fast between two frames
  pending_.push_back(KeyPress{key, (mods & GLFW_MOD_ALT) != 0, (mods & GLFW_MOD_CONTROL) != 0});
}

std::vector<KeyPress> KeyPresses::take() {
  std::vector<KeyPress> out;
  out.swap(pending_);
  return out;
}

}  // namespace parley::console
