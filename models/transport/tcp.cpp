#include "models/transport/tcp.hpp"

#include <algorithm>

#include "models/transport/kernel_timer.hpp"

namespace transport {
namespace {
constexpr sim::Duration kInitialRto = sim::Duration::seconds(1);        // RFC 6298 §2.1
constexpr sim::Duration kMinRto = sim::Duration::milliseconds(200);     // Linux TCP_RTO_MIN
constexpr sim::Duration kMaxRto = sim::Duration::seconds(120);          // Linux TCP_RTO_MAX
constexpr int kSynRetries = 6;      // Linux net.ipv4.tcp_syn_retries
constexpr int kDataRetries = 15;    // Linux net.ipv4.tcp_retries2
constexpr int kOrphanRetries = 8;   // Linux net.ipv4.tcp_orphan_retries = 0, which means 8
}  // namespace

TcpEndpoint::TcpEndpoint(net::Network& network, net::InterfaceId out, net::Ipv4 local,
                         net::Ipv4 remote, uint16_t port, Hooks hooks)
    : network_(network),
      out_(out),
      local_(local),
      remote_(remote),
      port_(port),
      hooks_(std::move(hooks)),
      // Ids unique to this endpoint: its address in the high bits.
      next_connection_(static_cast<uint64_t>(local.value) << 24),
      rto_(kInitialRto),
      syn_timer_(network.simulator(), [this] { on_syn_timeout(); }),
      retransmission_timer_(network.simulator(), [this] { on_rto(); }) {}

void TcpEndpoint::transmit(SegmentKind kind, uint64_t seq, uint64_t ack,
                           std::shared_ptr<const net::Message> payload, uint32_t bytes) {
  auto seg = std::make_unique<Segment>();
  seg->kind = kind;
  seg->connection = connection_;
  seg->seq = seq;
  seg->ack = ack;
  seg->payload = std::move(payload);
  seg->payload_bytes = bytes;
  net::Packet p;
  p.src = local_;
  p.dst = remote_;
  p.proto = net::IpProto::kTcp;
  p.ttl = 1;  // single-hop eBGP sends with TTL 1
  p.src_port = port_;
  p.dst_port = port_;
  p.size_bytes = (kind == SegmentKind::kSyn || kind == SegmentKind::kSynAck ? kSynBytes : kHeaderBytes) + bytes;
  p.created = network_.simulator().now();
  network_.transmit(out_, network_.originate(p, std::move(seg)));
}

// TCP's timers are kernel timers: they fire when the timer wheel gets to
// them, a little after their nominal delay (kernel_timer.hpp).
void TcpEndpoint::arm(sim::Timer& timer, sim::Duration delay) {
  timer.start(kernel_timer_delay(network_.simulator().now(), delay));
}

void TcpEndpoint::reset_state() {
  state_ = State::kClosed;
  syn_timer_.stop();
  retransmission_timer_.stop();
  unacked_.clear();
  out_of_order_.clear();
  snd_next_ = rcv_next_ = 0;
  backoffs_ = 0;
  have_rtt_ = false;
  rto_ = kInitialRto;
}

void TcpEndpoint::fail() {
  reset_state();
  if (hooks_.failed) hooks_.failed();
}

void TcpEndpoint::open() {
  reset_state();
  connection_ = ++next_connection_;
  state_ = State::kSynSent;
  syn_retries_ = 0;
  transmit(SegmentKind::kSyn, 0, 0);
  arm(syn_timer_, kInitialRto);
}

void TcpEndpoint::on_syn_timeout() {
  if (state_ != State::kSynSent) return;
  const int linear = static_cast<int>(network_.node(network_.interface(out_).node).tcp_syn_linear_timeouts);
  // Linux tcp_write_timeout(): a SYN_SENT socket gives up after
  // tcp_syn_retries + tcp_syn_linear_timeouts retransmissions. Measured on
  // 6.18 with 6 and 4: SYNs at 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s.
  if (++syn_retries_ > kSynRetries + linear) return fail();
  transmit(SegmentKind::kSyn, 0, 0);
  arm(syn_timer_, kInitialRto * (int64_t{1} << std::max(0, syn_retries_ - linear)));
}

void TcpEndpoint::send(std::shared_ptr<const net::Message> msg, uint32_t bytes) {
  if (state_ != State::kEstablished) return;
  unacked_.push_back(Unacked{snd_next_++, std::move(msg), bytes, SegmentKind::kData,
                             network_.simulator().now(), false});
  send_queued(unacked_.back());
  if (!retransmission_timer_.running()) arm(retransmission_timer_, rto_);
}

void TcpEndpoint::send_queued(const Unacked& u) {
  transmit(u.kind, u.seq, rcv_next_, u.payload, u.bytes);
}

void TcpEndpoint::close() {
  if (state_ != State::kEstablished) return reset_state();
  unacked_.push_back(Unacked{snd_next_++, nullptr, 0, SegmentKind::kFin,
                             network_.simulator().now(), false});
  send_queued(unacked_.back());
  if (!retransmission_timer_.running()) arm(retransmission_timer_, rto_);
  out_of_order_.clear();
  state_ = State::kFinWait;
}

void TcpEndpoint::rst_reply(const Segment& s) {
  const uint64_t ours = connection_;
  connection_ = s.connection;
  transmit(SegmentKind::kRst, 0, 0);
  connection_ = ours;
}

void TcpEndpoint::on_segment(const Segment& s) {
  if (s.kind == SegmentKind::kSyn) {
    if (state_ == State::kSynReceived && s.connection == connection_) {
      transmit(SegmentKind::kSynAck, 0, 0);  // our SYN-ACK was lost; the opener retried
      return;
    }
    if (state_ == State::kEstablished) {
      // The peer lost its end (it restarted): answering its SYN resets ours (RFC 5961 §4).
      rst_reply(s);
      return fail();
    }
    // A simultaneous open keeps the connection opened by the higher address
    // (the outcome of RFC 4271 §6.8 collision resolution).
    if (state_ == State::kSynSent && local_ > remote_) return;
    if (!hooks_.accepts || !hooks_.accepts()) return rst_reply(s);
    reset_state();
    connection_ = s.connection;
    state_ = State::kSynReceived;
    transmit(SegmentKind::kSynAck, 0, 0);
    return;
  }
  if (s.connection != connection_ || state_ == State::kClosed) {
    // A segment of a connection we no longer have: tell the sender (unless it is a RST).
    if (s.kind != SegmentKind::kRst && state_ == State::kClosed) rst_reply(s);
    return;
  }
  if (state_ == State::kFinWait) {
    // The application is gone: only acknowledgements matter, and the
    // peer's FIN or RST ends it. Nothing is reported to the hooks.
    if (s.kind == SegmentKind::kRst) return reset_state();
    if (s.kind == SegmentKind::kAck || s.kind == SegmentKind::kData || s.kind == SegmentKind::kFin)
      on_ack(s.ack);
    if (s.kind == SegmentKind::kFin) {
      transmit(SegmentKind::kAck, 0, s.seq + 1);
      reset_state();
    }
    return;
  }
  switch (s.kind) {
    case SegmentKind::kSynAck:
      if (state_ != State::kSynSent) return;
      syn_timer_.stop();
      state_ = State::kEstablished;
      transmit(SegmentKind::kAck, 0, 0);
      if (hooks_.connected_active) hooks_.connected_active();
      return;
    case SegmentKind::kRst:
      return fail();
    case SegmentKind::kAck:
      if (state_ == State::kSynReceived) {
        state_ = State::kEstablished;
        if (hooks_.connected_passive) hooks_.connected_passive();
        return;
      }
      if (state_ == State::kEstablished) on_ack(s.ack);
      return;
    case SegmentKind::kData:
    case SegmentKind::kFin:
      if (state_ == State::kSynReceived) {
        // The handshake's ACK was lost; data proves the opener is connected.
        state_ = State::kEstablished;
        if (hooks_.connected_passive) hooks_.connected_passive();
      }
      if (state_ != State::kEstablished) return;
      on_ack(s.ack);
      if (s.seq >= rcv_next_) out_of_order_.emplace(s.seq, s);
      deliver_in_order();
      if (state_ == State::kEstablished) transmit(SegmentKind::kAck, 0, rcv_next_);
      return;
    case SegmentKind::kSyn:
      return;
  }
}

void TcpEndpoint::deliver_in_order() {
  while (state_ == State::kEstablished && !out_of_order_.empty() &&
         out_of_order_.begin()->first == rcv_next_) {
    const Segment s = std::move(out_of_order_.begin()->second);
    out_of_order_.erase(out_of_order_.begin());
    ++rcv_next_;
    if (s.kind == SegmentKind::kFin) {
      transmit(SegmentKind::kAck, 0, rcv_next_);  // the peer's kernel stops retransmitting it
      return fail();
    }
    if (hooks_.received) hooks_.received(*s.payload);
  }
}

void TcpEndpoint::on_ack(uint64_t ack) {
  bool advanced = false;
  while (!unacked_.empty() && unacked_.front().seq < ack) {
    const Unacked& u = unacked_.front();
    if (!u.retransmitted) {
      // Karn's rule: only segments sent once give an RTT sample (RFC 6298 §3).
      const sim::Duration r = network_.simulator().now() - u.first_sent;
      if (!have_rtt_) {
        srtt_ = r;
        rttvar_ = r / 2;
        have_rtt_ = true;
      } else {
        const sim::Duration diff = srtt_ > r ? srtt_ - r : r - srtt_;
        rttvar_ = (rttvar_ * 3 + diff) / 4;
        srtt_ = (srtt_ * 7 + r) / 8;
      }
      rto_ = std::clamp(srtt_ + rttvar_ * 4, kMinRto, kMaxRto);
    }
    unacked_.pop_front();
    advanced = true;
  }
  if (!advanced) return;
  backoffs_ = 0;
  if (unacked_.empty()) {
    retransmission_timer_.stop();
    if (state_ == State::kFinWait) reset_state();  // our FIN is acknowledged
  } else {
    arm(retransmission_timer_, rto_);
  }
}

void TcpEndpoint::on_rto() {
  if ((state_ != State::kEstablished && state_ != State::kFinWait) || unacked_.empty()) return;
  if (state_ == State::kFinWait && ++backoffs_ > kOrphanRetries) return reset_state();
  if (state_ == State::kEstablished && ++backoffs_ > kDataRetries) return fail();
  ++retransmissions_;
  unacked_.front().retransmitted = true;
  send_queued(unacked_.front());
  arm(retransmission_timer_, std::min(rto_ * (int64_t{1} << std::min(backoffs_, 20)), kMaxRto));
}

}  // namespace transport
