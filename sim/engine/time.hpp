// Simulated time as a typed integer.
//
// One tick is a picosecond: a 64-byte frame at 400 Gb/s serialises in exactly
// 1280 ps, so no link speed in use today needs rounding. int64 picoseconds
// cover 106 days of simulated time. Times print as seconds with nanosecond
// digits. There is no floating-point clock: equal times compare equal.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>

namespace sim {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration picoseconds(int64_t v) { return Duration(v); }
  static constexpr Duration nanoseconds(int64_t v) { return Duration(v * 1'000); }
  static constexpr Duration microseconds(int64_t v) { return Duration(v * 1'000'000); }
  static constexpr Duration milliseconds(int64_t v) { return Duration(v * 1'000'000'000); }
  static constexpr Duration seconds(int64_t v) { return Duration(v * 1'000'000'000'000); }
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t ps() const { return ps_; }
  constexpr int64_t ns() const { return ps_ / 1'000; }
  // Only for reports and statistics, never for ordering.
  constexpr double seconds_f() const { return static_cast<double>(ps_) / 1e12; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(ps_ + o.ps_); }
  constexpr Duration operator-(Duration o) const { return Duration(ps_ - o.ps_); }
  constexpr Duration operator-() const { return Duration(-ps_); }
  constexpr Duration operator*(int64_t k) const { return Duration(ps_ * k); }
  constexpr Duration operator/(int64_t k) const { return Duration(ps_ / k); }
  constexpr int64_t operator/(Duration o) const { return ps_ / o.ps_; }
  constexpr Duration& operator+=(Duration o) { ps_ += o.ps_; return *this; }
  constexpr Duration& operator-=(Duration o) { ps_ -= o.ps_; return *this; }

 private:
  constexpr explicit Duration(int64_t ps) : ps_(ps) {}
  int64_t ps_ = 0;
};

// A point on the simulated clock, counted from the start of the run.
class Time {
 public:
  constexpr Time() = default;
  static constexpr Time zero() { return Time(); }
  static constexpr Time max() { return Time() + Duration::max(); }
  static constexpr Time from_ps(int64_t ps) { return Time() + Duration::picoseconds(ps); }

  constexpr int64_t ps() const { return since_start_.ps(); }
  constexpr int64_t ns() const { return since_start_.ns(); }
  constexpr Duration since_start() const { return since_start_; }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time(since_start_ + d); }
  constexpr Time operator-(Duration d) const { return Time(since_start_ - d); }
  constexpr Duration operator-(Time o) const { return since_start_ - o.since_start_; }
  constexpr Time& operator+=(Duration d) { since_start_ += d; return *this; }

 private:
  constexpr explicit Time(Duration d) : since_start_(d) {}
  Duration since_start_;
};

// "30.000000000": seconds with nanosecond digits (picoseconds are truncated).
std::string format_seconds(Duration d);
inline std::string format_seconds(Time t) { return format_seconds(t.since_start()); }
// The shortest exact human form: "90s", "250ms", "1.5us", "0s".
std::string format_duration(Duration d);

}  // namespace sim
