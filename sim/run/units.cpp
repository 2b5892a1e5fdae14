#include "sim/run/units.hpp"

#include <cctype>
#include <iterator>
#include <utility>

namespace run {
namespace {
// Room for a billionth-scaled count times 2^30; the extension keeps -Wpedantic quiet.
__extension__ typedef unsigned __int128 u128;

// Byte rates, refused by parse_bandwidth: the bit unit they are mistaken
// for, the words for the message, and bytes per second.
struct ByteRate {
  std::string_view suffix, bits_suffix, words;
  int64_t bytes_per_second;
};
constexpr ByteRate kByteRates[] = {
    {"Bps", "bps", "bytes", 1},
    {"B/s", "bps", "bytes", 1},
    {"kBps", "kbps", "kilobytes", 1'000},
    {"KBps", "kbps", "kilobytes", 1'000},
    {"kB/s", "kbps", "kilobytes", 1'000},
    {"KB/s", "kbps", "kilobytes", 1'000},
    {"MBps", "Mbps", "megabytes", 1'000'000},
    {"MB/s", "Mbps", "megabytes", 1'000'000},
    {"GBps", "Gbps", "gigabytes", 1'000'000'000},
    {"GB/s", "Gbps", "gigabytes", 1'000'000'000},
    {"TBps", "Tbps", "terabytes", 1'000'000'000'000},
    {"TB/s", "Tbps", "terabytes", 1'000'000'000'000},
};

// "12Gbps", "800kbps", "1.5Mbps": bits per second in the largest unit that
// leaves a whole number or a short exact fraction.
std::string format_bits(u128 bps) {
  static constexpr std::pair<std::string_view, uint64_t> units[] = {
      {"Tbps", 1'000'000'000'000}, {"Gbps", 1'000'000'000}, {"Mbps", 1'000'000}, {"kbps", 1'000}};
  for (const auto& [name, scale] : units) {
    if (bps < scale) continue;
    std::string out = std::to_string(static_cast<uint64_t>(bps / scale));
    std::string frac = std::to_string(static_cast<uint64_t>(bps % scale) + scale).substr(1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
    return out + std::string(name);
  }
  return std::to_string(static_cast<uint64_t>(bps)) + "bps";
}

// The message for a byte rate written as a bandwidth, or "" if `text` is not one.
std::string byte_rate_error(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  const ByteRate* found = nullptr;  // the longest suffix: "MB/s", not "B/s"
  for (const ByteRate& b : kByteRates)
    if (s.ends_with(b.suffix) && (!found || b.suffix.size() > found->suffix.size())) found = &b;
  if (found) {
    const ByteRate& b = *found;
    std::string_view number = s.substr(0, s.size() - b.suffix.size());
    while (!number.empty() && std::isspace(static_cast<unsigned char>(number.back())))
      number.remove_suffix(1);
    const sim::UnitScale unit{b.suffix, b.bytes_per_second};
    const auto bytes = sim::parse_scaled(s, &unit, 1, "bandwidth", "", "bytes per second");
    std::string message = "bandwidth '" + std::string(text) + "' is in " + std::string(b.words) +
                          " per second (" + std::string(b.suffix) +
                          "); bandwidths are bits per second: did you mean " +
                          std::string(number) + std::string(b.bits_suffix) + "?";
    if (bytes)
      message += " (" + std::string(text) + " is " +
                 format_bits(u128{8} * static_cast<uint64_t>(*bytes.value)) + ")";
    return message;
  }
  return "";
}

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
  auto r = sim::parse_scaled(text, units, std::size(units), "bandwidth", kBandwidthUnits,
                             "bits per second");
  if (!r) {
    // Only a value in a unit we know is a byte rate gets the byte-rate message.
    if (const std::string byte_rate = byte_rate_error(text); !byte_rate.empty() &&
        r.error.rfind("unknown unit", 0) == 0)
      return sim::Parsed<uint64_t>::fail(byte_rate);
    return sim::Parsed<uint64_t>::fail(r.error);
  }
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

  auto r = sim::parse_scaled(text, units, std::size(units), what, kByteUnits, "bytes");
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
