// Effects: what one router call asks the server to do (router.hpp).
#include "relay/router.hpp"

#include <iterator>

namespace parley::relay {

void Effects::append(Effects&& other) {
  writes.insert(writes.end(), std::make_move_iterator(other.writes.begin()), std::make_move_iterator(other.writes.end()));
  frames.insert(frames.end(), std::make_move_iterator(other.frames.begin()), std::make_move_iterator(other.frames.end()));
  closes.insert(closes.end(), std::make_move_iterator(other.closes.begin()), std::make_move_iterator(other.closes.end()));
}

}  // namespace parley::relay
