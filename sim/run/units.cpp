#include "sim/run/units.hpp"

#include <cctype>
#include <iterator>
#include <utility>

namespace run {
namespace {
// Room for a billionth-scaled count times 2^30; the extension keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 u128;
}  // namespace

sim::Parsed<uint64_t> parse_bandwidth(std::string_view text) {
  static constexpr sim::UnitScale units[] = {
      {"bps", 1},
      {"kbps", 1'000},
      {"Mbps", 1'000'000},
      {"Gbps", 1'000'000'000},
      {"Tbps", 1'000'000'000'000},
      {"k", 1'000},
      {"M", 1'000'000},
      {"G", 1'000'000'000},
      {"T", 1'000'000'000'000},
  };
  auto r = sim::parse_scaled(text, units, std::size(units), "bandwidth", kBandwidthUnits);
  if (!r) return sim::Parsed<uint64_t>::fail(r.error);
  return sim::Parsed<uint64_t>::ok(static_cast<uint64_t>(*r.value));
}

sim::Parsed<uint64_t> parse_byte_size(std::string_view text, std::string_view what) {
  // parse_scaled takes fractions in tenths of the unit, which a power of two
  // does not divide ("1.5MiB" would be refused). So binary units are read in
  // billionths of the unit and scaled to bytes here, exactly.
  constexpr int64_t kBillion = 1'000'000'000;
  static constexpr sim::UnitScale units[] = {
      {"B", 1},          {"kB", 1'000},         {"KB", 1'000},
      {"MB", 1'000'000}, {"GB", 1'000'000'000}, {"KiB", kBillion},
      {"MiB", kBillion}, {"GiB", kBillion},
  };
  static constexpr std::pair<std::string_view, int> binary[] = {
      {"KiB", 10}, {"MiB", 20}, {"GiB", 30}};

  auto r = sim::parse_scaled(text, units, std::size(units), what, kByteUnits);
  if (!r) return sim::Parsed<uint64_t>::fail(r.error);
  std::string_view trimmed = text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
    trimmed.remove_suffix(1);
  for (const auto& [suffix, shift] : binary) {
    if (!trimmed.ends_with(suffix)) continue;
    const u128 scaled = static_cast<u128>(*r.value) << shift;
    if (scaled % kBillion != 0)
      return sim::Parsed<uint64_t>::fail(std::string(what) + " '" + std::string(text) +
                                         "' is not a whole number of bytes");
    return sim::Parsed<uint64_t>::ok(static_cast<uint64_t>(scaled / kBillion));
  }
  return sim::Parsed<uint64_t>::ok(static_cast<uint64_t>(*r.value));
}

}  // namespace run
