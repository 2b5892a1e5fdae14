// An RFC 5880 BFD session: single hop (RFC 5881), asynchronous mode.
//
// The session is the RFC's state machine (§6.2) with one function per event:
//
//   receive()                  a Control packet arrived        §6.8.6
//   detection_timer_expired()  nothing heard for Detection Time §6.8.4
//   admin_down() / admin_up()  operator action                 §6.8.16
//
// and a transmit timer (§6.8.7) that sends Control packets every
// max(bfd.DesiredMinTxInterval, bfd.RemoteMinRxInterval), jittered to
// 75-100 % (75-90 % when bfd.DetectMult is 1). While the session is not Up,
// DesiredMinTxInterval is the slow rate, at least 1 s (§6.8.3).
//
// Control packets are UDP to port 3784 with TTL 255 (RFC 5881 §4, §5): 24
// bytes of mandatory section plus 8 UDP and 20 IP bytes on the wire. A packet
// that does not arrive with TTL 255 is discarded (GTSM, RFC 5881 §5).
//
// Simplifications (say so in reports):
//   - No Poll/Final (§6.5): timer changes take effect at once. RFC 5880
//     §6.8.3 requires a Poll Sequence when DesiredMinTx or RequiredMinRx
//     change; here the new values are simply carried in the next packet.
//   - No Demand mode, no Echo function, no authentication.
//   - One packet is sent at once on every local state change (besides the
//     periodic ones), so a three-way handshake takes three one-way delays.
//   - The session does not follow interface state: a carrier loss is noticed
//     by the detection timer, as a silent link is.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "models/bfd/defaults.hpp"
#include "models/net/network.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/timer.hpp"

namespace node {
class Router;
}

namespace bfd {

// bfd.SessionState (§4.1 "Sta", §6.8.1), with the wire values.
enum class State : uint8_t { kAdminDown = 0, kDown = 1, kInit = 2, kUp = 3 };
std::string_view state_name(State s);

// Diagnostic codes (§4.1 "Diag").
enum class Diag : uint8_t {
  kNone = 0,
  kControlDetectionTimeExpired = 1,
  kEchoFunctionFailed = 2,
  kNeighborSignaledSessionDown = 3,
  kForwardingPlaneReset = 4,
  kPathDown = 5,
  kConcatenatedPathDown = 6,
  kAdministrativelyDown = 7,
  kReverseConcatenatedPathDown = 8,
};
std::string_view diag_name(Diag d);  // "control detection time expired"

inline constexpr uint16_t kControlPort = 3784;      // RFC 5881 §4
inline constexpr uint16_t kSourcePortMin = 49152;   // RFC 5881 §4
inline constexpr uint8_t kTtl = 255;                // RFC 5881 §5
inline constexpr uint32_t kControlBytes = 24;       // §4.1 mandatory section
inline constexpr uint32_t kUdpIpBytes = 28;         // UDP 8 + IPv4 20
inline constexpr uint32_t kPacketBytes = kControlBytes + kUdpIpBytes;

// A BFD Control packet, mandatory section only (§4.1). Intervals travel as
// microseconds on the wire; here as Durations.
struct ControlPacket final : net::Message {
  uint8_t version = 1;
  Diag diag = Diag::kNone;
  State state = State::kDown;
  bool poll = false;   // never set: Poll Sequences are not modelled
  bool final = false;  // never set
  bool demand = false;
  uint8_t detect_mult = 0;
  uint32_t my_discriminator = 0;
  uint32_t your_discriminator = 0;
  sim::Duration desired_min_tx;
  sim::Duration required_min_rx;
  sim::Duration required_min_echo_rx;  // 0: no Echo function
};

// One transmit interval with the §6.8.7 jitter: uniform in 75-100 % of
// `interval`, or 75-90 % when `detect_mult` is 1.
sim::Duration jittered_interval(sim::Duration interval, uint8_t detect_mult, sim::RandomStream& rng);

struct SessionConfig {
  net::Ipv4 local;   // source address; on the interface toward `remote`
  net::Ipv4 remote;  // a directly connected neighbour (single hop)
  BfdTimers timers;
};

class Session {
 public:
  // Called after every state change, with the diagnostic that caused it
  // (the BGP wiring uses it to tear down the protected session).
  using StateCallback = std::function<void(State from, State to, Diag diag)>;
  // Called for every Control packet this session sends (tests, tracing).
  using TransmitCallback = std::function<void(const ControlPacket&)>;

  // Registers for UDP from `remote` to `local` on the router. The remote
  // address must be on a connected subnet. The local discriminator and the
  // jitter come from the random stream "bfd:<node>:<remote>".
  Session(node::Router& router, SessionConfig config, uint64_t run_seed);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Enables the session: Down, and starts transmitting (unless passive).
  void start();

  void on_state_change(StateCallback cb) { on_state_change_ = std::move(cb); }
  void on_transmit(TransmitCallback cb) { on_transmit_ = std::move(cb); }

  // --- events --------------------------------------------------------------
  void receive(const net::Packet& ip, const ControlPacket& p);  // §6.8.6
  void detection_timer_expired();                                // §6.8.4
  void admin_down();                                             // §6.8.16
  void admin_up();                                               // §6.8.16

  // --- state (§6.8.1 variables) ---------------------------------------------
  State state() const { return state_; }
  State remote_state() const { return remote_state_; }
  Diag local_diag() const { return local_diag_; }
  uint32_t local_discriminator() const { return local_discr_; }
  uint32_t remote_discriminator() const { return remote_discr_; }
  // bfd.DesiredMinTxInterval as currently advertised (slow rate unless Up).
  sim::Duration desired_min_tx() const;
  // The negotiated transmit interval before jitter (§6.8.7).
  sim::Duration transmit_interval() const;
  // Remote DetectMult x max(RequiredMinRx, remote DesiredMinTx) (§6.8.4);
  // zero before anything was received.
  sim::Duration detection_time() const;

  const SessionConfig& config() const { return config_; }
  sim::Time last_received() const { return last_rx_; }
  sim::Time last_state_change() const { return last_change_; }
  uint64_t packets_sent() const { return sent_; }
  uint64_t packets_received() const { return received_; }
  uint64_t packets_discarded() const { return discarded_; }

 private:
  void transmit_timer_expired();
  void restart_transmit_timer();
  void send_control();
  void set_state(State next, Diag diag);

  node::Router& router_;
  net::Network& network_;
  SessionConfig config_;
  std::string node_name_;
  std::string remote_text_;
  net::InterfaceId out_ = net::kNone;
  sim::RandomStream rng_;
  sim::Timer tx_timer_;
  sim::Timer detect_timer_;
  StateCallback on_state_change_;
  TransmitCallback on_transmit_;

  bool started_ = false;
  State state_ = State::kDown;
  State remote_state_ = State::kDown;
  Diag local_diag_ = Diag::kNone;
  uint32_t local_discr_ = 0;
  uint32_t remote_discr_ = 0;
  sim::Duration remote_min_rx_ = sim::Duration::microseconds(1);  // §6.8.1 initial value
  sim::Duration remote_desired_min_tx_;
  uint8_t remote_detect_mult_ = 0;
  sim::Time last_rx_;
  sim::Time last_change_;
  uint64_t sent_ = 0;
  uint64_t received_ = 0;
  uint64_t discarded_ = 0;
};

}  // namespace bfd
