#include <catch2/catch.hpp>

#include "sim/engine/time.hpp"

using sim::Duration;
using sim::Time;

TEST_CASE("Duration constructors agree on picoseconds", "[engine][time]") {
  CHECK(Duration::nanoseconds(1).ps() == 1'000);
  CHECK(Duration::microseconds(1).ps() == 1'000'000);
  CHECK(Duration::milliseconds(1).ps() == 1'000'000'000);
  CHECK(Duration::seconds(1).ps() == 1'000'000'000'000);
  CHECK(Duration::milliseconds(1500) == Duration::seconds(1) + Duration::milliseconds(500));
  CHECK(Duration::seconds(90) / Duration::seconds(30) == 3);
  CHECK(Duration::picoseconds(1999).ns() == 1);  // truncates, never rounds up
}

TEST_CASE("Time arithmetic and ordering are exact", "[engine][time]") {
  const Time t = Time::zero() + Duration::seconds(30);
  CHECK(t.ps() == 30'000'000'000'000);
  CHECK(t - Time::zero() == Duration::seconds(30));
  CHECK(t - Duration::seconds(30) == Time::zero());
  // 0.1 + 0.2 == 0.3 holds for integer time, unlike a double clock.
  CHECK(Time::zero() + Duration::milliseconds(100) + Duration::milliseconds(200) ==
        Time::zero() + Duration::milliseconds(300));
  CHECK(Time::from_ps(1) > Time::zero());
  CHECK(Time::max().ps() == std::numeric_limits<int64_t>::max());
}

TEST_CASE("format_seconds prints seconds with nanosecond digits", "[engine][time]") {
  CHECK(sim::format_seconds(Duration::seconds(30)) == "30.000000000");
  CHECK(sim::format_seconds(Time::zero()) == "0.000000000");
  CHECK(sim::format_seconds(Duration::nanoseconds(1'500'000'001)) == "1.500000001");
  CHECK(sim::format_seconds(Duration::picoseconds(999)) == "0.000000000");  // ps truncated
  CHECK(sim::format_seconds(-Duration::milliseconds(250)) == "-0.250000000");
}

TEST_CASE("format_duration prints the shortest exact form", "[engine][time]") {
  CHECK(sim::format_duration(Duration::milliseconds(250)) == "250ms");
  CHECK(sim::format_duration(Duration::milliseconds(1500)) == "1.5s");
  CHECK(sim::format_duration(Duration::seconds(90)) == "90s");
  CHECK(sim::format_duration(Duration::seconds(120)) == "2m");
  CHECK(sim::format_duration(Duration::seconds(7200)) == "2h");
  CHECK(sim::format_duration(Duration::zero()) == "0s");
  CHECK(sim::format_duration(Duration::picoseconds(1500)) == "1.5ns");
  CHECK(sim::format_duration(Duration::picoseconds(1280)) == "1.28ns");
  CHECK(sim::format_duration(Duration::picoseconds(7)) == "7ps");
  CHECK(sim::format_duration(-Duration::seconds(90)) == "-90s");
}
