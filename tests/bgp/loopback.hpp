// A test transport: two BGP sessions joined by a wire with a fixed one-way
// delay, standing in for the packet network.
//
//   - An active open answers after one round trip: Tcp_CR_Acked() if the
//     peer's session accepts connections (it then gets
//     TcpConnectionConfirmed() half a round trip later, when the final ACK
//     would arrive), TcpConnectionFails() (a RST) if it does not.
//   - Messages arrive in order after the one-way delay.
//   - close() sends a FIN behind the data already sent; the peer sees
//     TcpConnectionFails() when it arrives.
//   - set_silent(true) is a gray failure: everything on the wire, SYNs,
//     messages and FINs, is lost from then on, and nobody is told.
#pragma once

#include <deque>
#include <memory>

#include "models/bgp/session.hpp"
#include "sim/engine/simulator.hpp"

namespace bgp_test {

class LoopbackWire {
 public:
  LoopbackWire(sim::Simulator& sim, sim::Duration one_way) : sim_(sim), delay_(one_way) {
    for (int side = 0; side < 2; ++side) {
      ends_[side].wire = this;
      ends_[side].side = side;
    }
  }
  LoopbackWire(const LoopbackWire&) = delete;
  LoopbackWire& operator=(const LoopbackWire&) = delete;

  void attach(bgp::Session& a, bgp::Session& b) {
    ends_[0].session = &a;
    ends_[1].session = &b;
    a.set_transport(&ends_[0]);
    b.set_transport(&ends_[1]);
  }
  void set_silent(bool silent) { silent_ = silent; }
  bool connected() const { return connected_; }
  uint64_t delivered() const { return delivered_; }

 private:
  struct End final : bgp::SessionTransport {
    LoopbackWire* wire = nullptr;
    int side = 0;
    bgp::Session* session = nullptr;
    uint64_t attempt = 0;  // the open in progress, 0 if none

    void open_connection() override { wire->open_from(side); }
    void send(std::unique_ptr<bgp::Message> msg) override { wire->send_from(side, std::move(msg)); }
    void close() override { wire->close_from(side); }
  };
  struct InFlight {
    int to;
    std::unique_ptr<bgp::Message> msg;  // null: a FIN
  };

  bgp::Session& other(int side) { return *ends_[1 - side].session; }

  void open_from(int side) {
    const uint64_t id = ++attempts_;
    ends_[side].attempt = id;
    sim_.schedule_in(delay_ * 2, [this, side, id] { open_result(side, id); });
  }

  void open_result(int side, uint64_t id) {
    End& e = ends_[side];
    if (e.attempt != id) return;  // abandoned by close()
    e.attempt = 0;
    if (silent_ || connected_) return;  // SYN lost, or the peer's open won
    if (!other(side).accepts_connection()) {
      e.session->TcpConnectionFails();  // RST
      return;
    }
    connected_ = true;
    sim_.schedule_in(delay_, [this, side] { other(side).TcpConnectionConfirmed(); });
    e.session->Tcp_CR_Acked();
  }

  void send_from(int side, std::unique_ptr<bgp::Message> msg) {
    if (!connected_) return;
    queue_.push_back(InFlight{1 - side, std::move(msg)});
    sim_.schedule_in(delay_, [this] { deliver_front(); });
  }

  void close_from(int side) {
    ends_[side].attempt = 0;
    if (!connected_) return;
    connected_ = false;
    queue_.push_back(InFlight{1 - side, nullptr});
    sim_.schedule_in(delay_, [this] { deliver_front(); });
  }

  // The delay is fixed, so the queue is in arrival order.
  void deliver_front() {
    InFlight item = std::move(queue_.front());
    queue_.pop_front();
    if (silent_) return;
    bgp::Session& to = *ends_[item.to].session;
    ++delivered_;
    if (item.msg)
      to.receive(*item.msg);
    else
      to.TcpConnectionFails();
  }

  sim::Simulator& sim_;
  sim::Duration delay_;
  End ends_[2];
  std::deque<InFlight> queue_;
  bool connected_ = false;
  bool silent_ = false;
  uint64_t attempts_ = 0;
  uint64_t delivered_ = 0;
};

}  // namespace bgp_test
