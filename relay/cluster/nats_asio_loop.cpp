// NatsAsioLoop: libnats's event-loop callbacks on an Asio executor (nats_asio_loop.hpp).
#include "nats_asio_loop.hpp"

#include <nats/nats.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

namespace parley::relay::cluster {

namespace net = boost::asio;

namespace {

// libnats reads one buffer per read event and counts on being called again while bytes remain
// (its adapters for libuv and libevent are level-triggered). Asio's epoll reactor is
// edge-triggered and its async_wait does not look before waiting; an edge taken by another
// thread's epoll_wait while we read would leave the rest waiting for the next arrival. So look.
bool ready(int socket, short events) {
  pollfd entry{socket, events, 0};
  return ::poll(&entry, 1, 0) == 1 && (entry.revents & (events | POLLERR | POLLHUP)) != 0;
}

}  // namespace

// libnats calls these on its own threads (connecting, reconnecting, pinging, publishing), often
// holding its connection lock: they set flags and post, nothing else.
struct NatsAsioLoopCallbacks {
  static natsStatus attach(void** user_data, void* loop, natsConnection* connection, natsSock socket) {
    auto* self = static_cast<NatsAsioLoop*>(loop);
    *user_data = self;
    self->connection_.store(connection);
    unsigned generation = ++self->generation_;
    self->read_wanted_ = true;
    net::post(self->executor_, [keep = self->shared_from_this(), socket, generation] { keep->attach(socket, generation); });
    return NATS_OK;
  }
  static natsStatus read(void* user_data, bool add) {
    auto* self = static_cast<NatsAsioLoop*>(user_data);
    self->read_wanted_ = add;
    if (add) net::post(self->executor_, [keep = self->shared_from_this(), generation = self->generation_.load()] { keep->arm_read(generation); });
    return NATS_OK;
  }
  static natsStatus write(void* user_data, bool add) {
    auto* self = static_cast<NatsAsioLoop*>(user_data);
    self->write_wanted_ = add;
    if (add) net::post(self->executor_, [keep = self->shared_from_this(), generation = self->generation_.load()] { keep->write_now(generation); });
    return NATS_OK;
  }
  static natsStatus detach(void* user_data) {
    auto* self = static_cast<NatsAsioLoop*>(user_data);
    self->read_wanted_ = false;
    self->write_wanted_ = false;
    ++self->generation_;
    net::post(self->executor_, [keep = self->shared_from_this()] { keep->release_descriptor(); });
    return NATS_OK;
  }
};

NatsAsioLoop::NatsAsioLoop(net::any_io_executor executor, std::function<void()> after_read)
    : executor_(std::move(executor)), after_read_(std::move(after_read)) {}

NatsAsioLoop::~NatsAsioLoop() { release_descriptor(); }

bool NatsAsioLoop::install(natsOptions* options) {
  return natsOptions_SetEventLoop(options, this, &NatsAsioLoopCallbacks::attach, &NatsAsioLoopCallbacks::read,
                                  &NatsAsioLoopCallbacks::write, &NatsAsioLoopCallbacks::detach) == NATS_OK;
}

void NatsAsioLoop::forget_connection() {
  std::lock_guard lock(connection_mutex_);
  connection_.store(nullptr);
  // libnats closed its socket without a shutdown; ours is a copy that would keep it open.
  if (descriptor_copy_ >= 0) ::shutdown(descriptor_copy_, SHUT_RDWR);
}

void NatsAsioLoop::attach(int socket, unsigned generation) {
  if (generation != generation_) return;   // detached or attached again since
  release_descriptor();
  // A copy of libnats's socket: libnats closes its own whenever it likes (a lost server), and
  // the number could then be reused by another socket that Asio would deregister in our name.
  int copy = ::dup(socket);
  if (copy < 0) return;   // no reading then: the server's pings go unanswered and libnats reconnects
  boost::system::error_code error;
  descriptor_.emplace(executor_);
  descriptor_->assign(copy, error);
  if (error) {
    ::close(copy);
    descriptor_.reset();
    return;
  }
  {
    std::lock_guard lock(connection_mutex_);
    descriptor_copy_ = copy;
  }
  read_armed_ = false;
  write_armed_ = false;
  arm_read(generation);
  if (write_wanted_) write_now(generation);
}

void NatsAsioLoop::arm_read(unsigned generation) {
  if (generation != generation_ || read_armed_ || !descriptor_ || !read_wanted_) return;
  read_armed_ = true;
  auto on_readable = [keep = shared_from_this(), generation](boost::system::error_code error) {
    if (generation != keep->generation_) return;   // another socket's turn
    keep->read_armed_ = false;
    if (error || !keep->read_wanted_) return;
    {
      std::lock_guard lock(keep->connection_mutex_);
      natsConnection* connection = keep->connection_.load();
      if (connection == nullptr) return;
      natsConnection_ProcessReadEvent(connection);   // one read(2) of at most its buffer
      keep->after_read_();
    }
    keep->arm_read(generation);
  };
  if (ready(descriptor_->native_handle(), POLLIN)) {
    net::post(executor_, [on_readable] { on_readable({}); });
  } else {
    descriptor_->async_wait(net::posix::descriptor_base::wait_read, on_readable);
  }
}

void NatsAsioLoop::write_now(unsigned generation) {
  if (generation != generation_ || !descriptor_ || !write_wanted_) return;
  {
    std::lock_guard lock(connection_mutex_);
    natsConnection* connection = connection_.load();
    if (connection == nullptr) return;
    // Usually all of it at once; what the socket would not take waits for it to be writable.
    natsConnection_ProcessWriteEvent(connection);
  }
  if (write_wanted_) arm_write(generation);
}

void NatsAsioLoop::arm_write(unsigned generation) {
  if (write_armed_) return;
  write_armed_ = true;
  auto on_writable = [keep = shared_from_this(), generation](boost::system::error_code error) {
    if (generation != keep->generation_) return;
    keep->write_armed_ = false;
    if (!error) keep->write_now(generation);
  };
  if (ready(descriptor_->native_handle(), POLLOUT)) {
    net::post(executor_, [on_writable] { on_writable({}); });
  } else {
    descriptor_->async_wait(net::posix::descriptor_base::wait_write, on_writable);
  }
}

void NatsAsioLoop::release_descriptor() {
  if (!descriptor_) return;
  std::lock_guard lock(connection_mutex_);
  descriptor_.reset();   // cancels its waits and closes our copy
  descriptor_copy_ = -1;
}

}  // namespace parley::relay::cluster
