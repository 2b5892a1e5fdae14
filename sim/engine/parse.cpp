#include "sim/engine/parse.hpp"

#include <cctype>
#include <limits>

namespace sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Built by appending: GCC 12 at -O3 reports a false -Wrestrict for
// `"'" + std::string(...)` (prepending into a temporary), and -Werror would
// turn that into a broken Release build.
std::string quote(std::string_view text) {
  std::string q;
  q.reserve(text.size() + 2);
  q += '\'';
  q += text;
  q += '\'';
  return q;
}

bool mul_overflows(int64_t a, int64_t b, int64_t* out) {
  return __builtin_mul_overflow(a, b, out);
}

}  // namespace

Parsed<int64_t> parse_scaled(std::string_view text, const UnitScale* units, size_t unit_count,
                             std::string_view what, std::string_view unit_hint,
                             std::string_view base_unit) {
  const std::string_view s = trim(text);
  const std::string quoted = quote(text);
  if (s.empty()) return Parsed<int64_t>::fail("empty " + std::string(what));
  if (s.front() == '-')
    return Parsed<int64_t>::fail(std::string(what) + " " + quoted + " must not be negative");

  size_t i = 0;
  std::string_view int_digits, frac_digits;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  int_digits = s.substr(0, i);
  if (i < s.size() && s[i] == '.') {
    const size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    frac_digits = s.substr(start, i - start);
  }
  if (int_digits.empty() && frac_digits.empty())
    return Parsed<int64_t>::fail(std::string(what) + " " + quoted + " does not start with a number");
  const std::string_view suffix = trim(s.substr(i));
  if (suffix.empty())
    return Parsed<int64_t>::fail(std::string(what) + " " + quoted + " has no unit (use " +
                                 std::string(unit_hint) + ")");

  const UnitScale* unit = nullptr;
  for (size_t u = 0; u < unit_count; ++u)
    if (units[u].suffix == suffix) unit = &units[u];
  if (!unit)
    return Parsed<int64_t>::fail("unknown unit '" + std::string(suffix) + "' in " +
                                 std::string(what) + " " + quoted + " (use " +
                                 std::string(unit_hint) + ")");

  int64_t whole = 0;
  for (char c : int_digits) {
    if (mul_overflows(whole, 10, &whole) || __builtin_add_overflow(whole, c - '0', &whole))
      return Parsed<int64_t>::fail(std::string(what) + " " + quoted + " is too large");
  }
  int64_t result = 0;
  if (mul_overflows(whole, unit->scale, &result))
    return Parsed<int64_t>::fail(std::string(what) + " " + quoted + " is too large");

  // Fraction: each digit is worth scale/10^k; it must land on a whole base unit.
  int64_t place = unit->scale;
  for (char c : frac_digits) {
    const int digit = c - '0';
    if (place % 10 != 0) {
      if (digit != 0)
        return Parsed<int64_t>::fail(std::string(what) + " " + quoted +
                                     " is not a whole number of " + std::string(base_unit));
      continue;
    }
    place /= 10;
    if (__builtin_add_overflow(result, digit * place, &result))
      return Parsed<int64_t>::fail(std::string(what) + " " + quoted + " is too large");
  }
  return Parsed<int64_t>::ok(result);
}

Parsed<Duration> parse_duration(std::string_view text) {
  static constexpr UnitScale units[] = {
      {"ps", 1},
      {"ns", 1'000},
      {"us", 1'000'000},
      {"ms", 1'000'000'000},
      {"s", 1'000'000'000'000},
      {"m", 60'000'000'000'000},
      {"min", 60'000'000'000'000},
      {"h", 3'600'000'000'000'000},
  };
  auto r = parse_scaled(text, units, std::size(units), "duration", "ns, us, ms, s, m or h",
                        "picoseconds");
  if (!r) return Parsed<Duration>::fail(r.error);
  return Parsed<Duration>::ok(Duration::picoseconds(*r.value));
}

Parsed<uint64_t> parse_unsigned(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty()) return Parsed<uint64_t>::fail("empty number");
  uint64_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Parsed<uint64_t>::fail(quote(text) + " is not a whole number");
    if (__builtin_mul_overflow(v, 10u, &v) || __builtin_add_overflow(v, unsigned(c - '0'), &v))
      return Parsed<uint64_t>::fail(quote(text) + " is too large");
  }
  return Parsed<uint64_t>::ok(v);
}

}  // namespace sim
