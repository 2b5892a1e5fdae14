#include "sim/run/convergence.hpp"

#include <algorithm>

#include "sim/run/world.hpp"

namespace run {

std::vector<EventMark> event_marks(const Scenario& scenario) {
  std::vector<EventMark> marks;
  marks.reserve(scenario.events.size());
  for (const ScenarioEvent& e : scenario.events) {
    // A one-way failure names the sending node: "pc:eth0--S-SW-1:ge-0/0/9 from pc".
    std::string target = scenario.target(e);
    if (!e.from.empty()) target += " from " + e.from;
    marks.push_back(EventMark{e.at, std::string(action_name(e.action)), std::move(target)});
  }
  return marks;
}

bool is_data_plane_category(std::string_view category) {
  static constexpr std::string_view kDataPlane[] = {"traffic", "packet", "data", "fib"};
  return std::find(std::begin(kDataPlane), std::end(kDataPlane), category) != std::end(kDataPlane);
}

// --- ConvergenceLog ----------------------------------------------------------------

ConvergenceLog::ConvergenceLog(std::vector<EventMark> events, std::vector<std::string> node_names,
                               sim::Duration loss_bin)
    : events_(std::move(events)), node_names_(std::move(node_names)), loss_bin_(loss_bin) {
  for (size_t i = 0; i < events_.size(); ++i) {
    if (!windows_.empty() && windows_.back().start == events_[i].at) continue;  // shares it
    if (!windows_.empty()) windows_.back().end = events_[i].at;
    Window w;
    w.start = events_[i].at;
    w.end = sim::Time::max();
    w.owner = i;
    w.nodes.resize(node_names_.size());
    windows_.push_back(std::move(w));
  }
}

ConvergenceLog::Window* ConvergenceLog::window_at(sim::Time t) {
  while (closed_ < windows_.size() && windows_[closed_].end <= t) close(windows_[closed_++]);
  if (closed_ == windows_.size() || windows_[closed_].start > t) return nullptr;
  return &windows_[closed_];
}

void ConvergenceLog::close(Window& w) {
  w.closed = true;
  for (uint32_t id : w.affected) {
    const FlowState& f = flow(id);
    // Lost last: no packet of this flow got through after its last loss.
    if (f.last_lost && (!f.last_delivered || *f.last_delivered < *f.last_lost)) w.restored = false;
  }
}

ConvergenceLog::FlowState& ConvergenceLog::flow(uint32_t id) {
  if (id == net::kNoFlow) return no_flow_;
  if (id >= flows_.size()) flows_.resize(static_cast<size_t>(id) + 1);
  return flows_[id];
}

void ConvergenceLog::node_reacted(net::NodeId node, sim::Time at) {
  Window* w = window_at(at);
  if (!w || node >= w->nodes.size()) return;
  std::optional<sim::Time>& d = w->nodes[node].detected;
  if (!d || at < *d) d = at;
}

void ConvergenceLog::fib_changed(net::NodeId node, sim::Time at) {
  Window* w = window_at(at);
  if (!w || node >= w->nodes.size()) return;
  std::optional<sim::Time>& f = w->nodes[node].fib_changed;
  if (!f || at > *f) f = at;
}

ConvergenceLog::Window* ConvergenceLog::packet_ended(const net::Packet& p, sim::Time now,
                                                     bool lost) {
  Window* w = window_at(now);
  FlowState& f = flow(p.flow);
  std::optional<std::pair<sim::Time, uint64_t>>& last = lost ? f.last_lost : f.last_delivered;
  const std::pair<sim::Time, uint64_t> sent{p.created, p.seq};
  if (!last || *last < sent) last = sent;
  if (!w) return nullptr;
  if (p.looped) ++w->loops;
  if (!lost) return w;
  if (!w->last_lost_created || *w->last_lost_created < p.created) w->last_lost_created = p.created;
  const size_t index = static_cast<size_t>(w - windows_.data());
  if (f.affected_in != index) {
    f.affected_in = index;
    w->affected.push_back(p.flow);
  }
  return w;
}

void ConvergenceLog::packet_delivered(const net::Packet& p, sim::Time now) {
  packet_ended(p, now, false);
}

void ConvergenceLog::packet_dropped(const net::Packet& p, net::DropReason reason, sim::Time now) {
  const auto r = static_cast<size_t>(reason);
  const int64_t bin = now.ps() / loss_bin_.ps();
  if (loss_bins_.empty() || loss_bins_.back().bin < bin) loss_bins_.push_back(LossBin{bin, {}});
  auto it = std::lower_bound(loss_bins_.begin(), loss_bins_.end(), bin,
                             [](const LossBin& b, int64_t v) { return b.bin < v; });
  if (it->bin != bin) it = loss_bins_.insert(it, LossBin{bin, {}});  // out of order: not in a run
  ++it->lost[r];
  if (Window* w = packet_ended(p, now, true)) ++w->lost[r];
}

std::vector<EventConvergence> ConvergenceLog::finish(sim::Time end) {
  if (!windows_.empty() && windows_.back().end > end) windows_.back().end = end;
  window_at(end);
  for (size_t i = closed_; i < windows_.size(); ++i)
    if (windows_[i].start <= end) close(windows_[i]);
  closed_ = windows_.size();

  std::vector<EventConvergence> out;
  size_t w = 0;
  for (size_t i = 0; i < events_.size(); ++i) {
    if (events_[i].at > end) break;  // never happened
    while (w + 1 < windows_.size() && windows_[w + 1].start <= events_[i].at) ++w;
    const Window& win = windows_[w];
    EventConvergence e;
    e.index = i;
    e.mark = events_[i];
    e.window_of = win.owner;
    e.window_end = std::min(win.end, end);
    if (e.owns_window()) {
      for (net::NodeId n = 0; n < win.nodes.size(); ++n) {
        const NodeState& s = win.nodes[n];
        if (!s.detected && !s.fib_changed) continue;
        NodeConvergence c{n, node_names_[n], std::nullopt, std::nullopt};
        if (s.detected) c.detected = *s.detected - win.start;
        if (s.fib_changed) c.fib_converged = *s.fib_changed - win.start;
        if (c.fib_converged && (!e.network_converged || *c.fib_converged > *e.network_converged)) {
          e.network_converged = c.fib_converged;
          e.network_converged_node = c.name;
        }
        e.nodes.push_back(std::move(c));
      }
      e.packets_lost = win.lost;
      for (uint64_t n : win.lost) e.packets_lost_total += n;
      if (win.last_lost_created)
        e.traffic_restored = std::max(sim::Duration::zero(), *win.last_lost_created - win.start);
      e.restored = win.restored;
      e.loops = win.loops;
    }
    out.push_back(std::move(e));
  }
  return out;
}

// --- ConvergenceRecorder ----------------------------------------------------------

namespace {

std::vector<std::string> node_names(const net::Network& n) {
  std::vector<std::string> names;
  for (const net::Node& node : n.nodes()) names.push_back(node.name);
  return names;
}

}  // namespace

ConvergenceRecorder::ConvergenceRecorder(World& world, std::vector<EventMark> events)
    : world_(world),
      log_(std::make_shared<ConvergenceLog>(std::move(events), node_names(world.network()),
                                            world.scenario().outputs.sample_every)) {
  for (const net::Node& n : world_.network().nodes()) {
    node_by_name_.emplace(n.name, n.id);
    const std::weak_ptr<ConvergenceLog> log = log_;
    world_.router(n.id).fib_sync().add_change_listener(
        [log, id = n.id](const net::Prefix&, sim::Time at) {
          if (const auto l = log.lock()) l->fib_changed(id, at);
        });
  }
  trace_observer_ = world_.simulator().trace().add_observer(
      [this](sim::Time at, std::string_view subject, std::string_view category, std::string_view) {
        if (is_data_plane_category(category)) return;
        if (const auto it = node_by_name_.find(subject); it != node_by_name_.end())
          log_->node_reacted(it->second, at);
      });
  world_.network().add_observer(this);
}

ConvergenceRecorder::~ConvergenceRecorder() {
  world_.network().remove_observer(this);
  world_.simulator().trace().remove_observer(trace_observer_);
}

std::vector<EventConvergence> ConvergenceRecorder::finish() {
  return log_->finish(world_.simulator().now());
}

void ConvergenceRecorder::on_delivered(const net::Packet& p) {
  log_->packet_delivered(p, world_.simulator().now());
}

void ConvergenceRecorder::on_dropped(const net::Packet& p, net::DropReason reason) {
  log_->packet_dropped(p, reason, world_.simulator().now());
}

}  // namespace run
