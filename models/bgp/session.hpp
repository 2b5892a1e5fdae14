// One BGP neighbour: the finite state machine of RFC 4271 §8.
//
// How the BGP model is split:
//   message.hpp   the four messages and their sizes on the wire (§4)
//   timers.hpp    timer values, hold-time negotiation, the jitter helper (§10)
//   defaults.hpp  per-vendor timer and decision defaults
//   session.hpp   this FSM: one member function per RFC event (§8.1)
//   decision.hpp  the decision process as a pure function (§9.1.2)
//   speaker.hpp   a node's BGP speaker: Adj-RIB-In, Loc-RIB, advertisement
//
// TCP is abstracted behind SessionTransport. What is modelled: an active open
// takes whatever the transport takes (a round trip on a live link) and
// succeeds only if the peer's session accepts connections (it is in Connect
// or Active, i.e. started and listening; Idle refuses, §8.2.2); a refused open
// fails (RST), an unanswered one is retried when the ConnectRetryTimer
// expires. There is one connection per session pair: when both sides open at
// once the transport keeps one, as if the collision resolution of §6.8 had
// already closed the other, so the collision events (Event 23) never occur.
// Messages arrive in order and are lost only when the transport loses them.
//
// Deviations from the RFC, taken from the daemons (see the .cpp): a failed
// active open returns to Active and retries (the RFC's text without
// DelayOpen goes to Idle and waits for an automatic start); passive sessions
// never run a ConnectRetryTimer; after an error the automatic restart waits
// the vendor's idle hold time (BIRD error wait, FRR start timer).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "models/bgp/message.hpp"
#include "models/bgp/timers.hpp"
#include "models/net/ipv4.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/simulator.hpp"
#include "sim/engine/timer.hpp"

namespace bgp {

enum class State { kIdle, kConnect, kActive, kOpenSent, kOpenConfirm, kEstablished };
std::string_view to_string(State s);

// The TCP connection to the peer, as the session sees it. Implementations
// must not call back into the session from inside these functions: report
// outcomes later (after a delay, as the network would).
class SessionTransport {
 public:
  virtual ~SessionTransport() = default;
  // Active open. The outcome arrives as Session::Tcp_CR_Acked() or
  // Session::TcpConnectionFails(); the peer's session gets
  // TcpConnectionConfirmed() if it accepted (Session::accepts_connection()).
  virtual void open_connection() = 0;
  // Queues a message on the connection; dropped if there is none.
  virtual void send(std::unique_ptr<Message> msg) = 0;
  // Closes the connection (the peer sees TcpConnectionFails() once what was
  // sent before has arrived) and abandons an open in progress.
  virtual void close() = 0;
};

struct SessionConfig {
  std::string node;  // trace subject, e.g. "S-SW-1"
  net::Ipv4 local_address;
  net::Ipv4 peer_address;
  uint32_t local_as = 0;
  uint32_t peer_as = 0;
  net::Ipv4 router_id;             // our BGP Identifier
  bool passive = false;            // only accept connections (Junos/BIRD `passive`)
  bool directly_connected = true;  // single hop: interface tracking may apply
  BgpTimers timers;
  // The daemon restarted keeping its forwarding state: the first OPEN sets
  // the R and F bits of the Graceful Restart Capability (RFC 4724 §4.1).
  bool restarted = false;
};

class Session {
 public:
  using StateCallback = std::function<void(Session&, State from, State to)>;
  using UpdateCallback = std::function<void(Session&, const Update&)>;
  // Anything that wakes the daemon for this session: a message received or
  // one of its timers firing (BIRD's first UPDATE waits for one; pacing.hpp).
  using ActivityCallback = std::function<void()>;

  Session(sim::Simulator& sim, SessionConfig config, uint64_t run_seed);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void set_transport(SessionTransport* transport) { transport_ = transport; }
  // New timers; they take effect where the FSM next reads them (the hold
  // time from the next OPEN), without resetting the session.
  void set_timers(const BgpTimers& timers) { config_.timers = timers; }
  // The daemon restarted keeping its forwarding state: the next OPEN sets
  // the R and F bits (RFC 4724 §4.1).
  void set_restarted() { config_.restarted = true; }
  void on_state_change(StateCallback cb) { on_state_change_ = std::move(cb); }
  void on_update(UpdateCallback cb) { on_update_ = std::move(cb); }
  void on_activity(ActivityCallback cb) { on_activity_ = std::move(cb); }
  // BIRD's hold timer handler does its work (NOTIFICATION, close, the
  // restart's timers) in an event, which runs when the daemon's event loop
  // next wakes (wake()), at the latest `max` later. Zero: at once.
  void set_hold_expiry_wakeup_max(sim::Duration max) { hold_expiry_wakeup_max_ = max; }
  // The daemon's event loop woke: run what waits for it.
  void wake();
  using RouteRefreshCallback = std::function<void(Session&)>;
  void on_route_refresh(RouteRefreshCallback cb) { on_route_refresh_ = std::move(cb); }

  // Starts as configured: passive sessions with Event 4, others with Event 1.
  void start();

  // RFC 4271 §8.1.2 administrative events.
  void ManualStart();                               // Event 1
  // Event 2. The Cease subcode says why (RFC 4486): Administrative Shutdown
  // for a stop, Administrative Reset when an operator clears the session.
  void ManualStop(CeaseSubcode subcode = CeaseSubcode::kAdministrativeShutdown);
  void ManualStart_with_PassiveTcpEstablishment();  // Event 4
  // §8.1.3 timer events.
  void ConnectRetryTimer_Expires();  // Event 9
  void HoldTimer_Expires();          // Event 10
  void KeepaliveTimer_Expires();     // Event 11
  void IdleHoldTimer_Expires();      // Event 13 (the automatic restart, §8.1.1)
  // §8.1.4 TCP connection events.
  bool accepts_connection() const;  // TcpConnection_Valid (14) vs Tcp_CR_Invalid (15)
  void Tcp_CR_Acked();              // Event 16: our active open completed
  void TcpConnectionConfirmed();    // Event 17: the peer's open to us completed
  void TcpConnectionFails();        // Event 18
  // §8.1.5 message events.
  void BGPOpen(const Open& open);            // Event 19
  void NotifMsg(const Notification& notif);  // Event 25
  void KeepAliveMsg();                       // Event 26
  void UpdateMsg(const Update& update);      // Event 27
  void RouteRefreshMsg();                    // RFC 2918 §4: send the Adj-RIB-Out again
  // RFC 2918: ask an Established peer for its routes again.
  void send_route_refresh();
  void receive(const Message& msg);          // dispatches to the four above

  // The interface toward a directly connected peer went down. Drops the
  // session at once where the vendor tracks link state; otherwise only the
  // hold timer (or TCP) will notice.
  void interface_down();
  // The interface came back: a session held in Idle by interface_down()
  // restarts after the vendor's idle hold time.
  void interface_up();
  // The BFD session protecting this one went from Up to Down (RFC 5882
  // §4.3): treated like a loss of the connection. No NOTIFICATION (the path
  // is presumed dead), Idle with reason "BFD down", then the normal automatic
  // restart after the vendor's idle hold time, as after an error.
  void BfdDown();

  // Sends an UPDATE if Established (false otherwise).
  bool send_update(std::unique_ptr<Update> update);

  State state() const { return state_; }
  const SessionConfig& config() const { return config_; }
  bool ebgp() const { return config_.local_as != config_.peer_as; }
  sim::Time established_at() const { return established_at_; }
  sim::Time last_state_change() const { return last_change_; }
  sim::Time last_received_at() const { return last_received_; }  // last message from the peer
  // When the HoldTimer fires if nothing more arrives: one hold time after the
  // last message, jittered where the vendor jitters it (BIRD). Only while running.
  sim::Time hold_expires_at() const { return hold_timer_.expires_at(); }
  uint32_t flap_count() const { return flaps_; }                 // times Established was left
  uint32_t connect_retry_counter() const { return connect_retry_counter_; }
  uint16_t negotiated_hold_s() const { return hold_s_; }
  sim::Duration keepalive_interval() const { return keepalive_; }
  net::Ipv4 peer_router_id() const { return peer_router_id_; }
  // The Graceful Restart Capability in the peer's last OPEN (RFC 4724 §3).
  const std::optional<GrCapability>& peer_graceful_restart() const { return peer_gr_; }
  // Whether the last exit from Established was a TCP close or reset with no
  // NOTIFICATION either way: the case RFC 4724 §4.2 keeps routes for.
  bool closed_without_notification() const { return closed_without_notification_; }
  // Read when the session leaves Established: it was lost without a
  // NOTIFICATION and the vendor takes that as the peer's graceful restart
  // (GracefulRestartConfig::long_lived_helper).
  bool lost_as_long_lived_restart() const { return lost_as_long_lived_restart_; }
  bool peer_long_lived_gr() const { return peer_long_lived_gr_; }
  const std::string& last_error() const { return last_error_; }
  uint64_t messages_in() const { return messages_in_; }
  uint64_t messages_out() const { return messages_out_; }
  // The per-session jitter of RFC 4271 §10 (timers.hpp), for this session's
  // timers and the speaker's MRAI timer toward this neighbour.
  sim::Duration jittered(sim::Duration base, TimerKind kind);

 private:
  // How a session ended, which decides the automatic restart delay.
  enum class Ending { kManual, kError, kNoError };

  void change_state(State to, std::string_view why = {});
  void send(std::unique_ptr<Message> msg);
  void send_open();
  void send_keepalive();
  void send_notification(ErrorCode code, uint8_t subcode);
  void connect();  // initiate the TCP connection, enter Connect
  void start_connect_retry_timer(sim::Duration base, TimerKind kind);
  void restart_hold_timer();
  // Releases resources, drops TCP, enters Idle (the common ending of §8.2.2).
  void to_idle(Ending ending, std::string_view why);
  void start_now();  // start(), after BgpTimers::start_hold
  void hold_expired();  // HoldTimer_Expires, when the daemon gets to it
  // GracefulRestartConfig::long_lived_helper applies to a loss now.
  bool long_lived_restart_ready() const;
  void woken() const {
    if (on_activity_) on_activity_();
  }
  void fsm_error();  // §6.6 Finite State Machine Error

  sim::Simulator& sim_;
  SessionConfig config_;
  sim::RandomStream rng_;
  SessionTransport* transport_ = nullptr;
  StateCallback on_state_change_;
  UpdateCallback on_update_;
  ActivityCallback on_activity_;
  RouteRefreshCallback on_route_refresh_;

  State state_ = State::kIdle;
  bool passive_start_ = false;  // started with Event 4 (restart the same way)
  bool auto_restart_ = false;   // cleared by ManualStop
  bool link_down_ = false;      // held in Idle by interface_down()
  uint32_t connect_retry_counter_ = 0;
  sim::Duration connect_retry_current_;  // FRR backoff
  sim::Duration restart_delay_;          // current idle hold (error backoff)
  sim::Time last_error_at_;
  bool had_error_ = false;
  uint16_t hold_s_ = 0;
  sim::Duration keepalive_;
  net::Ipv4 peer_router_id_;
  std::optional<GrCapability> peer_gr_;
  bool closed_without_notification_ = false;
  bool lost_as_long_lived_restart_ = false;
  bool peer_long_lived_gr_ = false;
  sim::Duration hold_expiry_wakeup_max_ = sim::Duration::zero();
  std::string last_error_;
  sim::Time established_at_;
  sim::Time last_change_;
  sim::Time last_received_;
  uint32_t flaps_ = 0;
  uint64_t messages_in_ = 0;
  uint64_t messages_out_ = 0;

  // RFC 4271 §8 timers, plus the optional IdleHoldTimer of §8.1.1.
  sim::Timer connect_retry_timer_;
  sim::Timer hold_timer_;
  sim::Timer keepalive_timer_;
  sim::Timer idle_hold_timer_;
  sim::Timer start_hold_timer_;  // BgpTimers::start_hold
  sim::Timer hold_expiry_pending_;  // running: hold_expired() waits for wake()
};

}  // namespace bgp
