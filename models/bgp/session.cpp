// The RFC 4271 §8.2.2 state machine, one member function per event. Each
// handler switches on the current state; events a state does not list are
// ignored (Idle, §8.2.2) or cannot occur with the transport model described
// in session.hpp.
#include "models/bgp/session.hpp"

#include <algorithm>

namespace bgp {

std::string_view to_string(State s) {
  switch (s) {
    case State::kIdle:
      return "Idle";
    case State::kConnect:
      return "Connect";
    case State::kActive:
      return "Active";
    case State::kOpenSent:
      return "OpenSent";
    case State::kOpenConfirm:
      return "OpenConfirm";
    case State::kEstablished:
      return "Established";
  }
  return "?";
}

Session::Session(sim::Simulator& sim, SessionConfig config, uint64_t run_seed)
    : sim_(sim),
      config_(std::move(config)),
      rng_(run_seed, config_.node + "/bgp/" + config_.peer_address.to_string()),
      connect_retry_current_(config_.timers.connect_retry_time),
      connect_retry_timer_(sim, [this] { woken(), ConnectRetryTimer_Expires(); }),
      hold_timer_(sim, [this] { woken(), HoldTimer_Expires(); }),
      keepalive_timer_(sim, [this] { woken(), KeepaliveTimer_Expires(); }),
      idle_hold_timer_(sim, [this] { woken(), IdleHoldTimer_Expires(); }),
      start_hold_timer_(sim, [this] { woken(), start_now(); }),
      // The loop's longest sleep ended: a wake for every session.
      hold_expiry_pending_(sim, [this] { hold_expired(), woken(); }) {}

sim::Duration Session::jittered(sim::Duration base, TimerKind kind) {
  return jitter(base, kind, config_.timers.jitter, rng_);
}

void Session::start() {
  if (config_.timers.start_hold > sim::Duration::zero())
    return start_hold_timer_.start(config_.timers.start_hold);
  start_now();
}

void Session::start_now() {
  if (state_ != State::kIdle) return;
  if (config_.passive)
    ManualStart_with_PassiveTcpEstablishment();
  else
    ManualStart();
}

// ---- administrative events ------------------------------------------------

void Session::ManualStart() {
  if (state_ != State::kIdle) return;  // "In all other states, ManualStart is ignored"
  connect_retry_counter_ = 0;
  auto_restart_ = true;
  passive_start_ = false;
  idle_hold_timer_.stop();
  if (config_.timers.connect_delay > sim::Duration::zero()) {
    // BIRD waits `connect delay time` in Active (listening) before its first
    // connect: a ConnectRetryTimer with that value, whose expiry connects.
    start_connect_retry_timer(config_.timers.connect_delay, TimerKind::kConnectDelay);
    change_state(State::kActive);
    return;
  }
  connect();
}

void Session::ManualStart_with_PassiveTcpEstablishment() {
  if (state_ != State::kIdle) return;
  connect_retry_counter_ = 0;
  auto_restart_ = true;
  passive_start_ = true;
  idle_hold_timer_.stop();
  // The RFC starts the ConnectRetryTimer here too, which would make a passive
  // session connect after 120 s; FRR and BIRD do not, so a passive session
  // only listens.
  change_state(State::kActive);
}

void Session::ManualStop(CeaseSubcode subcode) {
  auto_restart_ = false;
  idle_hold_timer_.stop();
  start_hold_timer_.stop();
  if (state_ == State::kIdle) return;
  if (state_ >= State::kOpenSent)
    send_notification(ErrorCode::kCease, static_cast<uint8_t>(subcode));
  connect_retry_counter_ = 0;
  to_idle(Ending::kManual, "stopped");
}

// ---- timer events ----------------------------------------------------------

void Session::ConnectRetryTimer_Expires() {
  switch (state_) {
    case State::kConnect:
    case State::kActive:
      // Connect: drop the unanswered attempt and try again; Active: try now.
      // FRR doubles the retry time on every expiry while it is not
      // configured, up to its maximum (bgp_connect_timer); elsewhere the
      // maximum equals the retry time.
      if (state_ == State::kConnect && transport_) transport_->close();
      connect_retry_current_ =
          std::max(std::min(connect_retry_current_ * 2, config_.timers.connect_retry_max),
                   config_.timers.connect_retry_time);
      connect();
      break;
    case State::kOpenSent:
    case State::kOpenConfirm:
    case State::kEstablished:
      fsm_error();
      break;
    case State::kIdle:
      break;
  }
}

void Session::HoldTimer_Expires() {
  if (state_ < State::kOpenSent) return;
  if (hold_expiry_wakeup_max_ > sim::Duration::zero()) {
    // BIRD (bgp_hold_timeout): the NOTIFICATION, the close and the restart
    // are events, run when the loop wakes next; until then nothing is sent
    // (bgp_conn_enter_close_state stops the keepalive timer). Measured on
    // BIRD 2.0.12: "Hold timer expired", then "Down" and "Startup delayed"
    // (or "Connect delayed") 0.1 to 1.1 s later (docs/validation.md).
    keepalive_timer_.stop();
    return hold_expiry_pending_.start(hold_expiry_wakeup_max_);
  }
  hold_expired();
}

void Session::wake() {
  if (!hold_expiry_pending_.running()) return;
  hold_expiry_pending_.stop();
  hold_expired();
}

bool Session::long_lived_restart_ready() const {
  const GracefulRestartConfig& gr = config_.timers.graceful_restart;
  return state_ == State::kEstablished && gr.long_lived_helper && gr.long_lived &&
         peer_long_lived_gr_ && peer_gr_;
}

void Session::hold_expired() {
  if (state_ < State::kOpenSent) return;
  if (long_lived_restart_ready()) {
    // BIRD: the peer is taken to be restarting; the connection is dropped
    // without a NOTIFICATION and started again after the connect delay.
    lost_as_long_lived_restart_ = true;
    to_idle(Ending::kNoError, "hold timer expired, peer taken as restarting");
    lost_as_long_lived_restart_ = false;
    return;
  }
  send_notification(ErrorCode::kHoldTimerExpired, 0);
  to_idle(Ending::kError, "hold timer expired");
}

void Session::KeepaliveTimer_Expires() {
  if (state_ == State::kOpenConfirm || state_ == State::kEstablished) send_keepalive();
}

void Session::IdleHoldTimer_Expires() {
  if (state_ != State::kIdle || !auto_restart_ || link_down_) return;
  // AutomaticStart (Event 3) or AutomaticStart_with_PassiveTcpEstablishment (Event 5).
  if (passive_start_)
    ManualStart_with_PassiveTcpEstablishment();
  else
    ManualStart();
}

// ---- TCP connection events -------------------------------------------------

bool Session::accepts_connection() const {
  if (state_ == State::kConnect || state_ == State::kActive) return true;
  // Not when stopped, its link down, or still reading its configuration.
  return state_ == State::kIdle && config_.timers.accepts_while_idle && auto_restart_ &&
         !link_down_ && !start_hold_timer_.running();
}

void Session::Tcp_CR_Acked() {
  if (state_ != State::kConnect && state_ != State::kActive) return;
  connect_retry_timer_.stop();
  send_open();
  // §8.2.2: "sets the HoldTimer to a large value"; BIRD's startup hold time.
  hold_timer_.start(jittered(config_.timers.open_sent_hold_time, TimerKind::kOpenSentHold));
  change_state(State::kOpenSent);
}

void Session::TcpConnectionConfirmed() {
  if (state_ == State::kIdle && accepts_connection()) {
    // Accepted while waiting to restart (accepts_while_idle): the restart
    // is this connection.
    idle_hold_timer_.stop();
    change_state(State::kActive, "connection accepted");
  }
  Tcp_CR_Acked();
}

void Session::TcpConnectionFails() {
  switch (state_) {
    case State::kConnect: {
      // A refused active open. The daemons go back to Active and retry: FRR
      // after the ConnectRetry time (bgp_connect_fail), BIRD after its
      // connect delay (bgp_sock_err -> bgp_decision -> bgp_active).
      if (transport_) transport_->close();
      ++connect_retry_counter_;
      const auto wait = config_.timers.connect_fail_wait.value_or(connect_retry_current_);
      start_connect_retry_timer(wait, TimerKind::kConnectRetry);
      change_state(State::kActive, "connect failed");
      break;
    }
    case State::kOpenSent:
      // §8.2.2 OpenSent, Event 18: close, restart ConnectRetryTimer, Active.
      if (transport_) transport_->close();
      hold_timer_.stop();
      if (!passive_start_)
        start_connect_retry_timer(connect_retry_current_, TimerKind::kConnectRetry);
      change_state(State::kActive, "connection closed");
      break;
    case State::kOpenConfirm:
    case State::kEstablished:
      // RFC 4724 §4.2: the helper's case (the peer's TCP went away without
      // a NOTIFICATION); read by the speaker when it sees the state change.
      closed_without_notification_ = true;
      lost_as_long_lived_restart_ = long_lived_restart_ready();
      to_idle(Ending::kNoError, "connection closed");
      closed_without_notification_ = lost_as_long_lived_restart_ = false;
      break;
    case State::kIdle:
    case State::kActive:
      break;
  }
}

// ---- message events ----------------------------------------------------------

void Session::receive(const Message& msg) {
  ++messages_in_;
  woken();
  switch (msg.type()) {
    case MessageType::kOpen:
      BGPOpen(static_cast<const Open&>(msg));
      break;
    case MessageType::kUpdate:
      UpdateMsg(static_cast<const Update&>(msg));
      break;
    case MessageType::kNotification:
      NotifMsg(static_cast<const Notification&>(msg));
      break;
    case MessageType::kKeepalive:
      KeepAliveMsg();
      break;
    case MessageType::kRouteRefresh:
      RouteRefreshMsg();
      break;
  }
}

void Session::BGPOpen(const Open& open) {
  if (state_ == State::kOpenConfirm || state_ == State::kEstablished) return fsm_error();
  if (state_ != State::kOpenSent) return;
  last_received_ = sim_.now();
  // §6.2 OPEN message error handling.
  auto reject = [&](OpenErrorSubcode sub, std::string_view why) {
    send_notification(ErrorCode::kOpenMessageError, static_cast<uint8_t>(sub));
    to_idle(Ending::kError, why);
  };
  if (open.version != 4) return reject(OpenErrorSubcode::kUnsupportedVersionNumber, "bad version");
  if (open.my_as != config_.peer_as) return reject(OpenErrorSubcode::kBadPeerAs, "bad peer AS");
  if (open.bgp_identifier.value == 0 ||
      (!ebgp() && open.bgp_identifier == config_.router_id))  // RFC 6286 §2.2
    return reject(OpenErrorSubcode::kBadBgpIdentifier, "bad BGP identifier");
  if (!acceptable_hold_time(open.hold_time_s))  // §4.2: 1 and 2 MUST be rejected
    return reject(OpenErrorSubcode::kUnacceptableHoldTime, "unacceptable hold time");

  peer_router_id_ = open.bgp_identifier;
  peer_gr_ = open.cap_graceful_restart;
  peer_long_lived_gr_ = open.cap_long_lived_gr;
  const auto local_s = static_cast<uint16_t>(config_.timers.hold_time / sim::Duration::seconds(1));
  hold_s_ =
      negotiate_hold_time(local_s, open.hold_time_s, config_.timers.zero_hold_yields_to_nonzero);
  keepalive_ = bgp::keepalive_interval(config_.timers, hold_s_);
  connect_retry_timer_.stop();
  send_keepalive();  // also starts the KeepaliveTimer unless the hold time is zero
  if (hold_s_ == 0)
    hold_timer_.stop();
  else
    restart_hold_timer();
  change_state(State::kOpenConfirm);
}

void Session::NotifMsg(const Notification& notif) {
  if (state_ < State::kOpenSent) return;
  last_received_ = sim_.now();
  const bool cease = notif.code == ErrorCode::kCease;
  to_idle(cease ? Ending::kNoError : Ending::kError,
          "received NOTIFICATION " + describe(notif.code, notif.subcode));
}

void Session::KeepAliveMsg() {
  switch (state_) {
    case State::kOpenConfirm:
      last_received_ = sim_.now();
      if (hold_s_ != 0) restart_hold_timer();
      change_state(State::kEstablished);
      break;
    case State::kEstablished:
      last_received_ = sim_.now();
      if (hold_s_ != 0) restart_hold_timer();
      break;
    case State::kOpenSent:
      fsm_error();
      break;
    default:
      break;
  }
}

void Session::UpdateMsg(const Update& update) {
  if (state_ == State::kOpenSent || state_ == State::kOpenConfirm) return fsm_error();
  if (state_ != State::kEstablished) return;
  last_received_ = sim_.now();
  if (hold_s_ != 0) restart_hold_timer();
  if (on_update_) on_update_(*this, update);
}

void Session::RouteRefreshMsg() {
  if (state_ != State::kEstablished) return;
  last_received_ = sim_.now();
  if (hold_s_ != 0) restart_hold_timer();
  if (on_route_refresh_) on_route_refresh_(*this);
}

void Session::send_route_refresh() {
  if (state_ == State::kEstablished) send(std::make_unique<RouteRefresh>());
}

// ---- link state ----------------------------------------------------------------

void Session::interface_down() {
  if (!config_.timers.track_link_state || !config_.directly_connected || !ebgp()) return;
  // While the link is down the session stays in Idle: BIRD waits for the
  // neighbour to become reachable again, FRR for its connected route (NHT).
  link_down_ = true;
  idle_hold_timer_.stop();
  if (state_ == State::kIdle) return;
  // The daemon tears the session down, with or without a Cease (timers.hpp).
  // Whether that is an error (idle hold before the restart) is the
  // vendor's: not for BIRD (link_loss_is_error, defaults.cpp).
  const bool error = state_ == State::kEstablished && config_.timers.link_loss_is_error;
  if (state_ >= State::kOpenSent && config_.timers.link_loss_sends_cease)
    send_notification(ErrorCode::kCease, 0);
  to_idle(error ? Ending::kError : Ending::kNoError, "interface down");
}

void Session::interface_up() {
  if (!link_down_) return;
  link_down_ = false;
  // BIRD's neighbour-ready path (bgp_start_neighbor -> bgp_initiate) waits
  // the startup delay that earlier errors left, if any, then the connect delay.
  if (state_ == State::kIdle && auto_restart_)
    idle_hold_timer_.start(jittered(restart_delay_, TimerKind::kIdleHold));
}

void Session::BfdDown() {
  // BIRD bgp_bfd_notify: stop with BEM_BFD_DOWN (no NOTIFICATION), then the
  // error wait; FRR bgp_bfd_peer_status_update: BGP_Stop, Down reason BFD.
  if (state_ == State::kIdle) {
    if (config_.timers.bfd_down_restarts_idle_hold && idle_hold_timer_.running())
      idle_hold_timer_.start(jittered(restart_delay_, TimerKind::kIdleHold));
    return;
  }
  to_idle(Ending::kError, "BFD down");
}

// ---- sending -----------------------------------------------------------------

bool Session::send_update(std::unique_ptr<Update> update) {
  if (state_ != State::kEstablished) return false;
  send(std::move(update));
  // §8.2.2 Established: each UPDATE sent restarts the KeepaliveTimer.
  if (hold_s_ != 0 && config_.timers.update_restarts_keepalive)
    keepalive_timer_.start(jittered(keepalive_, TimerKind::kKeepalive));
  return true;
}

void Session::send(std::unique_ptr<Message> msg) {
  ++messages_out_;
  if (transport_) transport_->send(std::move(msg));
}

void Session::send_open() {
  auto open = std::make_unique<Open>();
  open->my_as = config_.local_as;
  open->hold_time_s = static_cast<uint16_t>(config_.timers.hold_time / sim::Duration::seconds(1));
  open->bgp_identifier = config_.router_id;
  open->cap_graceful_restart =
      capability_to_send(config_.timers.graceful_restart, config_.restarted);
  open->cap_long_lived_gr = open->cap_graceful_restart && config_.timers.graceful_restart.long_lived;
  send(std::move(open));
}

void Session::send_keepalive() {
  send(std::make_unique<Keepalive>());
  if (hold_s_ != 0) keepalive_timer_.start(jittered(keepalive_, TimerKind::kKeepalive));
}

void Session::send_notification(ErrorCode code, uint8_t subcode) {
  auto n = std::make_unique<Notification>();
  n->code = code;
  n->subcode = subcode;
  send(std::move(n));
}

// ---- helpers -------------------------------------------------------------------

void Session::connect() {
  start_connect_retry_timer(connect_retry_current_, TimerKind::kConnectRetry);
  change_state(State::kConnect);
  if (transport_) transport_->open_connection();
}

void Session::start_connect_retry_timer(sim::Duration base, TimerKind kind) {
  connect_retry_timer_.start(jittered(base, kind));
}

void Session::restart_hold_timer() {
  hold_timer_.start(jittered(sim::Duration::seconds(hold_s_), TimerKind::kHold));
}

void Session::fsm_error() {
  send_notification(ErrorCode::kFiniteStateMachineError, 0);
  to_idle(Ending::kError, "finite state machine error");
}

void Session::to_idle(Ending ending, std::string_view why) {
  connect_retry_timer_.stop();
  hold_timer_.stop();
  hold_expiry_pending_.stop();
  keepalive_timer_.stop();
  if (transport_) transport_->close();
  if (ending != Ending::kManual) ++connect_retry_counter_;  // §8.2.2; ManualStop zeroes it
  last_error_ = std::string(why);

  const BgpTimers& t = config_.timers;
  if (ending == Ending::kError) {
    // Error backoff (BIRD bgp_update_startup_delay): the first error, or one
    // after a quiet spell of idle_hold_forget, waits idle_hold_time; each
    // further one doubles the wait up to idle_hold_max.
    const bool forgotten = t.idle_hold_forget == sim::Duration::zero() ||
                           sim_.now() - last_error_at_ >= t.idle_hold_forget;
    if (!had_error_ || forgotten || restart_delay_ == sim::Duration::zero())
      restart_delay_ = t.idle_hold_time;
    else
      restart_delay_ = std::min(restart_delay_ * 2, t.idle_hold_max);
    had_error_ = true;
    last_error_at_ = sim_.now();
  }
  change_state(State::kIdle, why);
  if (ending != Ending::kManual && auto_restart_ && !link_down_)
    idle_hold_timer_.start(jittered(restart_delay_, TimerKind::kIdleHold));
}

void Session::change_state(State to, std::string_view why) {
  const State from = state_;
  if (from == to) return;
  state_ = to;
  last_change_ = sim_.now();
  if (to == State::kEstablished) {
    established_at_ = sim_.now();
    config_.restarted = false;  // the R bit is for the first session after the restart
    connect_retry_current_ = config_.timers.connect_retry_time;
  }
  if (from == State::kEstablished) ++flaps_;
  std::string detail =
      "neighbor " + config_.peer_address.to_string() + " " + std::string(to_string(to));
  if (!why.empty()) detail += " (" + std::string(why) + ")";
  sim_.trace().record(sim_.now(), config_.node, "bgp", detail);
  if (on_state_change_) on_state_change_(*this, from, to);
}

}  // namespace bgp
