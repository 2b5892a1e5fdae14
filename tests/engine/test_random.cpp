#include <catch2/catch.hpp>
#include <vector>

#include "sim/engine/random.hpp"

using sim::Duration;
using sim::RandomStream;

namespace {

std::vector<uint64_t> draw(RandomStream s, int n) {
  std::vector<uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(s.next_u64());
  return out;
}

}  // namespace

TEST_CASE("a stream is fixed by its seed and name", "[engine][random]") {
  CHECK(draw(RandomStream(7, "node/S-SW-1"), 100) == draw(RandomStream(7, "node/S-SW-1"), 100));
  CHECK(draw(RandomStream(7, "node/S-SW-1"), 100) != draw(RandomStream(7, "node/S-SW-2"), 100));
  CHECK(draw(RandomStream(7, "node/S-SW-1"), 100) != draw(RandomStream(8, "node/S-SW-1"), 100));
}

TEST_CASE("drawing from one stream does not shift another", "[engine][random]") {
  RandomStream a(1, "a");
  RandomStream b(1, "b");
  for (int i = 0; i < 1000; ++i) a.next_u64();
  CHECK(draw(b, 10) == draw(RandomStream(1, "b"), 10));
}

TEST_CASE("uniform_int stays within its bounds and reaches both ends", "[engine][random]") {
  RandomStream s(42, "uniform");
  bool saw_lo = false, saw_hi = false;
  for (int i = 0; i < 10'000; ++i) {
    const uint64_t v = s.uniform_int(10, 13);
    REQUIRE(v >= 10);
    REQUIRE(v <= 13);
    saw_lo |= v == 10;
    saw_hi |= v == 13;
  }
  CHECK(saw_lo);
  CHECK(saw_hi);
  CHECK(s.uniform_int(5, 5) == 5);
  s.uniform_int(0, UINT64_MAX);  // the full range must not divide by zero
}

TEST_CASE("uniform01 is at least 0 and below 1", "[engine][random]") {
  RandomStream s(3, "u01");
  double sum = 0;
  for (int i = 0; i < 100'000; ++i) {
    const double u = s.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  CHECK(sum / 100'000 == Approx(0.5).margin(0.01));
}

TEST_CASE("uniform durations stay within bounds", "[engine][random]") {
  RandomStream s(9, "jitter");
  const Duration lo = Duration::milliseconds(750), hi = Duration::seconds(1);
  for (int i = 0; i < 10'000; ++i) {
    const Duration d = s.uniform(lo, hi);
    REQUIRE(d >= lo);
    REQUIRE(d <= hi);
  }
  CHECK(s.uniform(hi, lo) == hi);  // an empty range yields its lower end
}

TEST_CASE("exponential has roughly the requested mean", "[engine][random]") {
  RandomStream s(2024, "arrivals");
  const Duration mean = Duration::microseconds(100);
  constexpr int n = 200'000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const Duration d = s.exponential(mean);
    REQUIRE(d >= Duration::zero());
    sum += static_cast<double>(d.ps());
  }
  // The standard error of the mean is mean/sqrt(n), about 0.22%; allow 2%.
  CHECK(sum / n == Approx(static_cast<double>(mean.ps())).epsilon(0.02));
}
