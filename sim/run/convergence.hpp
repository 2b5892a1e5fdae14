// The convergence report: what each scripted event cost, as offsets from it.
//
// Every event opens a window that lasts until the next event (the last one
// until the end of the run). Events at the same time share one window: the
// first of them in the scenario owns it and carries its figures; the others
// name it in `window_of` and carry none, since nothing can tell whose effect
// a reaction to two simultaneous events is. Within its window an event gets:
//
//   per node   detected: the node's first trace record in the window (any
//              protocol category: link, bgp, ospf, bfd, health, node, ...;
//              not the data plane's); fib_converged: its last FIB change
//              there (rib::FibSync's change listeners). Nodes with neither
//              are left out.
//   network    network_converged: the largest fib_converged, and whose.
//   traffic    packets_lost by reason (data packets dropped in the window);
//              traffic_restored: the send time (Packet::created) of the
//              last data packet lost in the window, from when on the
//              affected flows are whole (0 when only packets sent before
//              the event were lost); restored is false when, at the end of
//              the window, the most recent packet of an affected flow (one
//              that lost packets in the window) to reach its end was lost:
//              the loss never stopped (e.g. a dead service).
//   loops      data packets that ended in the window having visited a node
//              twice (net::Packet::looped), each counted once.
//
// All of it comes from hooks (trace observer, FIB change listeners, packet
// observer), so recording changes nothing in the run: the trace fingerprint
// and every other output stay what they are without it. "Detected" is the
// first record in the window, not proof of cause: a node whose timers fire
// for another reason in the window counts as having reacted.
//
// Split: convergence.cpp (the recording), convergence_output.cpp
// (summary.json `convergence`, convergence.csv, loss.csv, the report section).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/net/network.hpp"
#include "sim/engine/time.hpp"
#include "sim/engine/trace.hpp"
#include "sim/run/scenario.hpp"

namespace run {

class World;

// A scripted event as the report names it: action "down", target
// "pc:eth0--S-SW-1:ge-0/0/9" (Scenario::target, plus " from NODE" for a
// one-way silent or loss); "crash" "S-SW-1"; "service-down" "pc 192.168.100.1".
struct EventMark {
  sim::Time at;
  std::string action;
  std::string target;
};
// One mark per scenario event, in the scenario's (time) order.
std::vector<EventMark> event_marks(const Scenario& scenario);

using LossCounts = std::array<uint64_t, static_cast<size_t>(net::DropReason::kCount)>;

struct NodeConvergence {
  net::NodeId node = net::kNone;
  std::string name;
  std::optional<sim::Duration> detected;       // from the event
  std::optional<sim::Duration> fib_converged;  // from the event
};

struct EventConvergence {
  size_t index = 0;  // into the scenario's events
  EventMark mark;
  // The event owning the window: index itself, or an earlier one at the same time.
  size_t window_of = 0;
  sim::Time window_end;  // the next event's time, or the end of the run
  // The figures; empty (nullopt, zero, no nodes) unless owns_window().
  std::vector<NodeConvergence> nodes;  // in node order
  std::optional<sim::Duration> network_converged;
  std::string network_converged_node;  // the first in node order with the largest fib_converged
  std::optional<sim::Duration> traffic_restored;  // nullopt: nothing lost
  bool restored = true;
  LossCounts packets_lost{};
  uint64_t packets_lost_total = 0;
  uint64_t loops = 0;

  bool owns_window() const { return window_of == index; }
};

// The bookkeeping behind the report, fed by hooks, knowing nothing of the
// World: it takes node ids and times, so tests can drive it by hand.
// Hooks must come in time order (the simulator's), as they do in a run.
class ConvergenceLog {
 public:
  // `events` in time order; `node_names` by NodeId; `loss_bin`: the width of
  // a loss.csv row (outputs.sample_every).
  ConvergenceLog(std::vector<EventMark> events, std::vector<std::string> node_names,
                 sim::Duration loss_bin);

  void node_reacted(net::NodeId node, sim::Time at);  // a protocol trace record
  void fib_changed(net::NodeId node, sim::Time at);
  void packet_delivered(const net::Packet& p, sim::Time now);
  void packet_dropped(const net::Packet& p, net::DropReason reason, sim::Time now);

  // Closes every window at the run's `end` and returns one entry per event
  // that happened (at or before `end`). Call once, after the run.
  std::vector<EventConvergence> finish(sim::Time end);

  // Data packets dropped per loss_bin, by reason: only bins with a drop.
  struct LossBin {
    int64_t bin = 0;  // starts at bin * loss_bin
    LossCounts lost{};
  };
  const std::vector<LossBin>& loss_bins() const { return loss_bins_; }
  sim::Duration loss_bin() const { return loss_bin_; }

 private:
  struct NodeState {
    std::optional<sim::Time> detected, fib_changed;
  };
  struct Window {
    sim::Time start, end;
    size_t owner = 0;              // index of the first event at `start`
    std::vector<NodeState> nodes;  // by NodeId
    LossCounts lost{};
    uint64_t loops = 0;
    std::optional<sim::Time> last_lost_created;
    std::vector<uint32_t> affected;  // flow slots that lost packets here
    bool closed = false;
    bool restored = true;
  };
  // Per flow: the newest packet (by send time, then sequence) that ended
  // delivered and the newest that ended lost.
  struct FlowState {
    std::optional<std::pair<sim::Time, uint64_t>> last_delivered, last_lost;
    size_t affected_in = SIZE_MAX;  // the window it was last added to `affected` of
  };

  // The window holding `t`, or null before the first event; closes the
  // windows that ended at or before `t` first.
  Window* window_at(sim::Time t);
  void close(Window& w);
  FlowState& flow(uint32_t id);
  // Follows the packet's flow; the window it ended in, or null.
  Window* packet_ended(const net::Packet& p, sim::Time now, bool lost);

  std::vector<EventMark> events_;
  std::vector<std::string> node_names_;
  sim::Duration loss_bin_;
  std::vector<Window> windows_;   // by start time, one per distinct event time
  size_t closed_ = 0;             // windows_[0, closed_) are closed
  std::vector<FlowState> flows_;  // by Packet::flow
  FlowState no_flow_;             // data packets of no flow (kNoFlow)
  std::vector<LossBin> loss_bins_;
};

// Records a World's run into a ConvergenceLog. Construct after the World and
// before the run; destroy before the World (it unhooks itself).
class ConvergenceRecorder : public net::PacketObserver {
 public:
  ConvergenceRecorder(World& world, std::vector<EventMark> events);
  ~ConvergenceRecorder() override;
  ConvergenceRecorder(const ConvergenceRecorder&) = delete;
  ConvergenceRecorder& operator=(const ConvergenceRecorder&) = delete;

  // Closes the windows at the simulator's current time (after the run).
  std::vector<EventConvergence> finish();
  const ConvergenceLog& log() const { return *log_; }

  void on_delivered(const net::Packet& p) override;
  void on_dropped(const net::Packet& p, net::DropReason reason) override;

 private:
  World& world_;
  // Shared with the FIB change listeners, which cannot be removed: they
  // hold it weakly and fall silent once the recorder is gone.
  std::shared_ptr<ConvergenceLog> log_;
  std::map<std::string, net::NodeId, std::less<>> node_by_name_;
  sim::Trace::ObserverId trace_observer_ = 0;
};

// Trace categories that are no reaction of a node's control plane.
bool is_data_plane_category(std::string_view category);

// --- outputs (convergence_output.cpp) ----------------------------------------------

// summary.json `convergence`: one object per event (docs/output.md).
nlohmann::ordered_json convergence_json(const std::vector<EventConvergence>& events);
// convergence.csv: one row per event and node; one with an empty node for an
// event no node reacted to (or that shares another's window).
std::string convergence_csv(const std::vector<EventConvergence>& events);
// loss.csv: data packets lost per bin of log.loss_bin() from 0 to `end`,
// by reason in DropReason order, every bin written.
void write_loss_csv(std::ostream& out, const ConvergenceLog& log, sim::Time end);
// The human report's section; prints nothing when there are no events.
void print_convergence(std::ostream& out, const std::vector<EventConvergence>& events);

}  // namespace run
