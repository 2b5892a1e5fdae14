#include "models/bfd/session.hpp"

#include <algorithm>
#include <memory>

#include "models/node/router.hpp"

namespace bfd {

std::string_view state_name(State s) {
  switch (s) {
    case State::kAdminDown: return "AdminDown";
    case State::kDown: return "Down";
    case State::kInit: return "Init";
    case State::kUp: return "Up";
  }
  return "?";
}

std::string_view diag_name(Diag d) {
  switch (d) {
    case Diag::kNone: return "no diagnostic";
    case Diag::kControlDetectionTimeExpired: return "control detection time expired";
    case Diag::kEchoFunctionFailed: return "echo function failed";
    case Diag::kNeighborSignaledSessionDown: return "neighbor signaled session down";
    case Diag::kForwardingPlaneReset: return "forwarding plane reset";
    case Diag::kPathDown: return "path down";
    case Diag::kConcatenatedPathDown: return "concatenated path down";
    case Diag::kAdministrativelyDown: return "administratively down";
    case Diag::kReverseConcatenatedPathDown: return "reverse concatenated path down";
  }
  return "?";
}

sim::Duration jittered_interval(sim::Duration interval, uint8_t detect_mult, sim::RandomStream& rng) {
  // §6.8.7: reduced by a random 0-25 %; with DetectMult 1, to 75-90 %.
  const sim::Duration lo = interval * 3 / 4;
  const sim::Duration hi = detect_mult == 1 ? interval * 9 / 10 : interval;
  return rng.uniform(lo, hi);
}

Session::Session(node::Router& router, SessionConfig config, uint64_t run_seed)
    : router_(router),
      network_(router.network()),
      config_(config),
      node_name_(router.node().name),
      remote_text_(config.remote.to_string()),
      out_(router.connected_interface(config.remote)),
      rng_(run_seed, "bfd:" + router.node().name + ":" + config.remote.to_string()),
      tx_timer_(router.simulator(), [this] { transmit_timer_expired(); }),
      detect_timer_(router.simulator(), [this] { detection_timer_expired(); }) {
  // §6.8.1 bfd.LocalDiscr: unique and nonzero.
  while (local_discr_ == 0) local_discr_ = static_cast<uint32_t>(rng_.next_u64());
  router_.add_control_handler(config_.local, config_.remote, net::IpProto::kUdp,
                              [this](const net::Packet& ip, const net::Message& m) {
                                if (ip.dst_port != kControlPort) return;
                                receive(ip, static_cast<const ControlPacket&>(m));
                              });
}

void Session::start() {
  started_ = true;
  state_ = State::kDown;
  last_change_ = router_.simulator().now();
  // §6.8.7: a passive system waits to hear from its peer.
  if (!config_.timers.passive) send_control();
  restart_transmit_timer();
}

// --- §6.8.6 Reception of BFD Control Packets ----------------------------------
void Session::receive(const net::Packet& ip, const ControlPacket& p) {
  if (!started_) return;
  // RFC 5881 §5: single hop, so the packet must arrive with TTL 255.
  // §6.8.6: version, DetectMult, My Discriminator and Your Discriminator checks.
  const bool bad = ip.ttl != kTtl || p.version != 1 || p.detect_mult == 0 || p.my_discriminator == 0 ||
                   (p.your_discriminator == 0 && p.state != State::kDown && p.state != State::kAdminDown) ||
                   (p.your_discriminator != 0 && p.your_discriminator != local_discr_);
  if (bad) {
    ++discarded_;
    return;
  }
  ++received_;
  remote_discr_ = p.my_discriminator;      // bfd.RemoteDiscr
  remote_state_ = p.state;                 // bfd.RemoteSessionState
  const sim::Duration old_interval = transmit_interval();
  remote_min_rx_ = p.required_min_rx;      // bfd.RemoteMinRxInterval
  remote_desired_min_tx_ = p.desired_min_tx;
  remote_detect_mult_ = p.detect_mult;
  // Poll/Final: not modelled (no Final to send, no Poll Sequence to end).

  if (state_ == State::kAdminDown) return;  // "discard the packet"

  // Received for the purposes of §6.8.4: restart the Detection Time.
  last_rx_ = router_.simulator().now();
  detect_timer_.start(detection_time());

  if (p.state == State::kAdminDown) {
    if (state_ != State::kDown) set_state(State::kDown, Diag::kNeighborSignaledSessionDown);
  } else if (state_ == State::kDown) {
    if (p.state == State::kDown)
      set_state(State::kInit, Diag::kNone);
    else if (p.state == State::kInit)
      set_state(State::kUp, Diag::kNone);
  } else if (state_ == State::kInit) {
    if (p.state == State::kInit || p.state == State::kUp) set_state(State::kUp, Diag::kNone);
  } else {  // Up
    if (p.state == State::kDown) set_state(State::kDown, Diag::kNeighborSignaledSessionDown);
  }

  // A passive system starts sending once it knows its peer (§6.8.7), and a
  // faster rate asked for by the peer applies at once.
  if (!tx_timer_.running() || transmit_interval() < old_interval) restart_transmit_timer();
}

// --- §6.8.4 Calculating the Detection Time -------------------------------------
sim::Duration Session::detection_time() const {
  if (remote_detect_mult_ == 0) return sim::Duration::zero();
  return std::max(config_.timers.required_min_rx, remote_desired_min_tx_) * remote_detect_mult_;
}

void Session::detection_timer_expired() {
  // §6.8.1: bfd.RemoteDiscr is reset when the Detection Time passes.
  remote_discr_ = 0;
  remote_state_ = State::kDown;
  // §6.8.4: in Init or Up the session has gone down.
  if (state_ == State::kInit || state_ == State::kUp)
    set_state(State::kDown, Diag::kControlDetectionTimeExpired);
}

// --- §6.8.16 Administrative Control ---------------------------------------------
void Session::admin_down() {
  if (state_ == State::kAdminDown) return;
  detect_timer_.stop();
  // Control packets keep going out with state AdminDown, at the slow rate.
  set_state(State::kAdminDown, Diag::kAdministrativelyDown);
}

void Session::admin_up() {
  if (state_ != State::kAdminDown) return;
  set_state(State::kDown, Diag::kNone);
}

// --- §6.8.3 Timer Manipulation, §6.8.7 Transmitting BFD Control Packets -------
sim::Duration Session::desired_min_tx() const {
  // §6.8.3: at least one second while the session is not Up.
  if (state_ != State::kUp) return std::max(config_.timers.slow_tx, sim::Duration::seconds(1));
  return config_.timers.desired_min_tx;
}

sim::Duration Session::transmit_interval() const {
  return std::max(desired_min_tx(), remote_min_rx_);
}

void Session::restart_transmit_timer() {
  // §6.8.7: nothing periodic when the peer asks for no packets, or while a
  // passive system has not heard from its peer.
  if (remote_min_rx_ == sim::Duration::zero() || (config_.timers.passive && remote_discr_ == 0)) {
    tx_timer_.stop();
    return;
  }
  tx_timer_.start(jittered_interval(transmit_interval(), config_.timers.detect_mult, rng_));
}

void Session::transmit_timer_expired() {
  send_control();
  restart_transmit_timer();
}

void Session::send_control() {
  if (out_ == net::kNone) out_ = router_.connected_interface(config_.remote);
  if (out_ == net::kNone) return;  // no route to a single-hop peer: nothing leaves
  auto msg = std::make_unique<ControlPacket>();
  msg->diag = local_diag_;
  msg->state = state_;
  msg->detect_mult = config_.timers.detect_mult;
  msg->my_discriminator = local_discr_;
  msg->your_discriminator = remote_discr_;
  msg->desired_min_tx = desired_min_tx();
  msg->required_min_rx = config_.timers.required_min_rx;
  if (on_transmit_) on_transmit_(*msg);

  net::Packet p;
  p.src = config_.local;
  p.dst = config_.remote;
  p.proto = net::IpProto::kUdp;
  p.ttl = kTtl;
  p.src_port = static_cast<uint16_t>(kSourcePortMin + local_discr_ % 16384);  // RFC 5881 §4
  p.dst_port = kControlPort;
  p.size_bytes = kPacketBytes;
  p.created = router_.simulator().now();
  p.control = true;
  ++sent_;
  network_.transmit(out_, network_.originate(p, std::move(msg)));
}

void Session::set_state(State next, Diag diag) {
  const State from = state_;
  state_ = next;
  local_diag_ = diag;  // bfd.LocalDiag
  last_change_ = router_.simulator().now();
  std::string detail = "session " + remote_text_ + " " + std::string(state_name(next));
  if (diag != Diag::kNone) detail += " (" + std::string(diag_name(diag)) + ")";
  router_.simulator().trace().record(last_change_, node_name_, "bfd", detail);
  // Tell the peer at once; the rate (slow while not Up) follows the new state.
  send_control();
  restart_transmit_timer();
  if (on_state_change_) on_state_change_(from, next, diag);
}

}  // namespace bfd
