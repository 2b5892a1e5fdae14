// libFuzzer target: the text parsers for numbers with units (durations,
// bandwidths, byte sizes, whole numbers).
//
// Besides not crashing: a failure always says why; a value parsed is never
// negative; a duration printed by format_duration() parses back to itself;
// a whole number printed by std::to_string() does too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "sim/engine/parse.hpp"
#include "sim/run/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string shown(text);

  if (const auto d = sim::parse_duration(text)) {
    fuzz::require(*d.value >= sim::Duration::zero(), "negative duration from '" + shown + "'");
    const std::string printed = sim::format_duration(*d.value);
    const auto back = sim::parse_duration(printed);
    fuzz::require(back && *back.value == *d.value,
                  "duration '" + shown + "' prints as '" + printed + "', which parses back as " +
                      (back ? sim::format_duration(*back.value) : back.error));
  } else {
    fuzz::require(!d.error.empty(), "duration '" + shown + "' refused without a reason");
  }

  if (const auto b = run::parse_bandwidth(text); !b)
    fuzz::require(!b.error.empty(), "bandwidth '" + shown + "' refused without a reason");

  if (const auto b = run::parse_byte_size(text, "size"); !b)
    fuzz::require(!b.error.empty(), "size '" + shown + "' refused without a reason");

  if (const auto n = sim::parse_unsigned(text)) {
    const auto back = sim::parse_unsigned(std::to_string(*n.value));
    fuzz::require(back && *back.value == *n.value,
                  "whole number '" + shown + "' does not round-trip");
  } else {
    fuzz::require(!n.error.empty(), "number '" + shown + "' refused without a reason");
  }
  return 0;
}
