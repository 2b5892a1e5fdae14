#include "models/bgp/graceful_restart.hpp"

#include <algorithm>

#include "models/bgp/message.hpp"

namespace bgp {

std::string_view gr_mode_name(GrMode mode) {
  switch (mode) {
    case GrMode::kOff: return "off";
    case GrMode::kAware: return "aware";
    case GrMode::kAble: return "on";
  }
  return "off";
}

constexpr GrMode kModes[] = {GrMode::kOff, GrMode::kAware, GrMode::kAble};

std::vector<std::string> gr_mode_names() {
  std::vector<std::string> names;
  for (GrMode m : kModes) names.emplace_back(gr_mode_name(m));
  return names;
}

std::optional<GrMode> parse_gr_mode(std::string_view text) {
  for (GrMode m : kModes)
    if (gr_mode_name(m) == text) return m;
  return std::nullopt;
}

std::optional<GrCapability> capability_to_send(const GracefulRestartConfig& config,
                                               bool restarted) {
  if (config.mode == GrMode::kOff) return std::nullopt;
  GrCapability cap;
  const int64_t time_s = config.restart_time / sim::Duration::seconds(1);
  // The field is 12 bits (RFC 4724 §3): at most 4095 s.
  const auto restart_s = static_cast<uint16_t>(std::clamp<int64_t>(time_s, 0, 4095));
  if (config.mode == GrMode::kAble) {
    cap.restart_time_s = restart_s;
    cap.ipv4_unicast = true;
    cap.restart_state = restarted;
    cap.ipv4_forwarding = restarted;
  } else if (config.aware_sends_restart_time) {
    cap.restart_time_s = restart_s;
  }
  return cap;
}

bool retains_routes(const GracefulRestartConfig& local, const std::optional<GrCapability>& peer,
                    bool closed_without_notification, bool long_lived_restart) {
  // Any mode but off helps (BIRD aware/on, FRR and Junos helper mode).
  if (local.mode == GrMode::kOff || !peer) return false;
  return long_lived_restart || (peer->ipv4_unicast && closed_without_notification);
}

bool keeps_stale_after_reopen(const std::optional<GrCapability>& peer) {
  return peer && peer->ipv4_unicast && peer->ipv4_forwarding;
}

bool sends_end_of_rib(const GracefulRestartConfig& local, const std::optional<GrCapability>& peer) {
  return local.mode != GrMode::kOff && peer.has_value();
}

bool is_end_of_rib(const Update& update) {
  return update.withdrawn.empty() && !update.attributes && update.nlri.empty();
}

}  // namespace bgp
