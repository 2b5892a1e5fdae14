// A small TCP: what a BGP session needs from its connection, and no more.
//
// Modelled, because it decides when sessions come up and when they notice a
// dead peer:
//   - the three-way handshake as packets (a dead or silent link delays it);
//     SYN retransmission at 1, 2, 4, ... s (Linux: initial RTO 1 s,
//     tcp_syn_retries = 6, then the connect fails), or first a second apart
//     (the node's tcp_syn_linear_timeouts, which adds as many retries);
//   - refusal: a SYN to a port nobody listens on, or to a session that does
//     not accept, is answered with RST and the opener's connect fails at once;
//   - reliable in-order delivery of messages with cumulative ACKs and
//     retransmission on RTO (RFC 6298 estimator, Linux's 200 ms floor,
//     doubling back-off, 120 s cap), so a short gray failure is survived and
//     a long one is detected by BGP's hold timer, as on real routers; after
//     tcp_retries2 = 15 retransmissions the connection is declared dead;
//   - FIN after what was queued (a NOTIFICATION arrives before the close),
//     retransmitted with it until acknowledged, as by a closed socket that
//     the kernel keeps (a switch's FIN reaches a host behind a port that
//     was shut when the port is back);
//     RST for segments of a connection the receiver no longer has.
// Not modelled: windows, congestion control, MSS segmentation (BGP messages
// are at most 4096 bytes and sessions carry little), Nagle, delayed ACKs.
//
// Each connection carries an id chosen by its opener; segments of an older
// connection (after a close and reopen) are recognised and ignored.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>

#include "models/net/network.hpp"
#include "sim/engine/timer.hpp"

namespace transport {

enum class SegmentKind : uint8_t { kSyn, kSynAck, kAck, kData, kFin, kRst };

// What a TCP segment carries across the simulated network.
struct Segment final : net::Message {
  SegmentKind kind = SegmentKind::kData;
  uint64_t connection = 0;
  uint64_t seq = 0;  // data/FIN: message number on this connection
  uint64_t ack = 0;  // ACK: next message number expected
  std::shared_ptr<const net::Message> payload;  // data only
  uint32_t payload_bytes = 0;
};

// IPv4 (20) + TCP (20) headers; SYNs carry ~20 bytes of options on Linux.
inline constexpr uint32_t kHeaderBytes = 40;
inline constexpr uint32_t kSynBytes = 60;

// One end of a connection between two directly connected addresses.
class TcpEndpoint {
 public:
  struct Hooks {
    // Decides whether an incoming SYN is accepted (else RST).
    std::function<bool()> accepts;
    std::function<void()> connected_active;   // our open completed
    std::function<void()> connected_passive;  // an open to us completed
    std::function<void()> failed;             // refused, timed out, reset or closed by the peer
    std::function<void(const net::Message&)> received;
  };

  TcpEndpoint(net::Network& network, net::InterfaceId out, net::Ipv4 local, net::Ipv4 remote,
              uint16_t port, Hooks hooks);
  TcpEndpoint(const TcpEndpoint&) = delete;
  TcpEndpoint& operator=(const TcpEndpoint&) = delete;

  void open();
  // Queues a message; dropped when there is no connection.
  void send(std::shared_ptr<const net::Message> msg, uint32_t bytes);
  // Sends FIN after what is queued and hands the connection to the kernel:
  // what is unacknowledged, the FIN last, is retransmitted until it is
  // acknowledged (Linux's orphaned socket in FIN_WAIT1, tcp_orphan_retries).
  // An open() or an accepted SYN on this endpoint ends that early.
  void close();
  // A segment addressed to this endpoint arrived.
  void on_segment(const Segment& s);

  bool established() const { return state_ == State::kEstablished; }
  uint64_t retransmissions() const { return retransmissions_; }

 private:
  // kFinWait: closed by us, the FIN not yet acknowledged (FIN_WAIT1).
  enum class State { kClosed, kSynSent, kSynReceived, kEstablished, kFinWait };
  struct Unacked {
    uint64_t seq;
    std::shared_ptr<const net::Message> payload;
    uint32_t bytes;
    SegmentKind kind;
    sim::Time first_sent;
    bool retransmitted;
  };

  void transmit(SegmentKind kind, uint64_t seq, uint64_t ack,
                std::shared_ptr<const net::Message> payload = nullptr, uint32_t bytes = 0);
  void send_queued(const Unacked& u);
  void reset_state();
  void arm(sim::Timer& timer, sim::Duration delay);
  void fail();
  void on_ack(uint64_t ack);
  void on_rto();
  void on_syn_timeout();
  void deliver_in_order();
  void rst_reply(const Segment& s);

  net::Network& network_;
  net::InterfaceId out_;
  net::Ipv4 local_, remote_;
  uint16_t port_;
  Hooks hooks_;

  State state_ = State::kClosed;
  uint64_t connection_ = 0;
  uint64_t next_connection_;  // ids this endpoint gives its opens
  int syn_retries_ = 0;
  uint64_t snd_next_ = 0;
  std::deque<Unacked> unacked_;
  uint64_t rcv_next_ = 0;
  std::map<uint64_t, Segment> out_of_order_;
  // RFC 6298 estimator.
  bool have_rtt_ = false;
  sim::Duration srtt_, rttvar_, rto_;
  int backoffs_ = 0;
  uint64_t retransmissions_ = 0;
  sim::Timer syn_timer_;
  sim::Timer retransmission_timer_;
};

}  // namespace transport
