// Text parsers shared by every layer: exact decimal numbers with unit suffixes.
//
// Values are parsed exactly (no floating point): "1.5s" is 1'500'000'000'000 ps.
// Errors are returned as text for the caller to place at a file, line and column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sim/engine/time.hpp"

namespace sim {

template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // set when value is empty

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed fail(std::string why) { return Parsed{std::nullopt, std::move(why)}; }
  explicit operator bool() const { return value.has_value(); }
};

// A unit suffix and how many base units it stands for.
struct UnitScale {
  std::string_view suffix;
  int64_t scale;
};

// "<decimal><unit>" where unit is exactly one of `units`, e.g. "2.5ms".
// The result is decimal * scale, which must be a whole number of base units.
// `what` names the quantity in error messages ("duration", "bandwidth"),
// `base_unit` the base unit in words ("bits per second") for a value that is
// not a whole number of it.
Parsed<int64_t> parse_scaled(std::string_view text, const UnitScale* units, size_t unit_count,
                             std::string_view what, std::string_view unit_hint,
                             std::string_view base_unit);

// A non-negative duration with a unit: ps, ns, us, ms, s, m, h ("90s", "250ms", "1m").
Parsed<Duration> parse_duration(std::string_view text);

// A non-negative whole number without unit (seeds, counts).
Parsed<uint64_t> parse_unsigned(std::string_view text);

}  // namespace sim
