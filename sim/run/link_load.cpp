#include "sim/run/link_load.hpp"

#include <cstdio>

namespace run {

uint64_t link_drops(const net::LinkStats& s) {
  return s.drops_queue_full + s.drops_loss + s.drops_silent + s.drops_link_down + s.drops_mtu;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

LinkLoad::LinkLoad(World& world, sim::Duration every, std::ostream* out)
    : world_(world), every_(every), out_(out) {
  const size_t n = world_.network().link_count() * 2;
  last_totals_.resize(n);
  peak_.assign(n, 0.0);
  if (out_) *out_ << header();
}

void LinkLoad::start(sim::Time end) {
  end_ = end;
  last_ = world_.simulator().now();
  if (last_ + every_ <= end_) world_.simulator().schedule_at(last_ + every_, [this] { sample(); });
}

void LinkLoad::sample() {
  sim::Simulator& sim = world_.simulator();
  write(sim.now(), sim.now() - last_);
  last_ = sim.now();
  if (last_ + every_ <= end_) sim.schedule_at(last_ + every_, [this] { sample(); });
}

void LinkLoad::finish() {
  const sim::Time now = world_.simulator().now();
  if (now > last_) write(now, now - last_);
  last_ = now;
}

void LinkLoad::write(sim::Time at, sim::Duration interval) {
  const net::Network& n = world_.network();
  const std::string time = sim::format_seconds(at);
  char util[32];
  for (net::LinkId l = 0; l < n.link_count(); ++l) {
    for (int side = 0; side < 2; ++side) {
      const net::LinkStats& s = n.link_stats(l, side);
      Totals& last = last_totals_[l * 2 + side];
      const Totals now{s.packets, s.bytes, link_drops(s), n.busy_time(l, side).ps()};
      const double u = interval.ps() > 0 ? static_cast<double>(now.busy_ps - last.busy_ps) /
                                               static_cast<double>(interval.ps())
                                         : 0.0;
      double& peak = peak_[l * 2 + side];
      if (u > peak) peak = u;
      if (out_) {
        std::snprintf(util, sizeof util, "%.6f", u);
        *out_ << time << ',' << csv_field(n.link_name(l)) << ',' << (side == 0 ? "a->b" : "b->a")
              << ',' << now.packets - last.packets << ',' << now.bytes - last.bytes << ',' << util
              << ',' << now.drops - last.drops << '\n';
      }
      last = now;
    }
  }
}

}  // namespace run
