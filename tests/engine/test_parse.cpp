#include <catch2/catch.hpp>

#include "sim/engine/parse.hpp"

using sim::Duration;

namespace {

Duration parsed(std::string_view text) {
  const auto r = sim::parse_duration(text);
  INFO("parsing '" << text << "': " << r.error);
  REQUIRE(r);
  return *r.value;
}

std::string error_of(std::string_view text) {
  const auto r = sim::parse_duration(text);
  REQUIRE_FALSE(r);
  return r.error;
}

}  // namespace

TEST_CASE("parse_duration reads a decimal with a unit exactly", "[engine][parse]") {
  CHECK(parsed("90s") == Duration::seconds(90));
  CHECK(parsed("250ms") == Duration::milliseconds(250));
  CHECK(parsed("1m") == Duration::seconds(60));
  CHECK(parsed("1.5s") == Duration::milliseconds(1500));
  // 0.3 has no exact binary form; the parse must still be exact.
  CHECK(parsed("0.3s") == Duration::milliseconds(300));
  CHECK(parsed("1us") == Duration::microseconds(1));
  CHECK(parsed("1280ps") == Duration::picoseconds(1280));
  CHECK(parsed("2h") == Duration::seconds(7200));
  CHECK(parsed(" 10 ms ") == Duration::milliseconds(10));
}

TEST_CASE("parse_duration rejects bad input with a reason", "[engine][parse]") {
  using Catch::Matchers::Contains;
  CHECK_THAT(error_of("90"), Contains("unit"));
  CHECK_THAT(error_of("-5s"), Contains("negative"));
  CHECK_THAT(error_of("5 parsecs"), Contains("unknown unit") && Contains("parsecs"));
  CHECK_THAT(error_of(""), Contains("empty"));
  CHECK_THAT(error_of("   "), Contains("empty"));
  CHECK_THAT(error_of("s"), Contains("number"));
  CHECK(error_of("1.5ps") == "duration '1.5ps' is not a whole number of picoseconds");
  CHECK_THAT(error_of("99999999999h"), Contains("too large"));
}

TEST_CASE("parse_unsigned reads whole numbers only", "[engine][parse]") {
  CHECK(*sim::parse_unsigned("42").value == 42);
  CHECK(*sim::parse_unsigned("18446744073709551615").value == UINT64_MAX);
  CHECK_FALSE(sim::parse_unsigned("18446744073709551616"));
  CHECK_FALSE(sim::parse_unsigned("4x"));
  CHECK_FALSE(sim::parse_unsigned("-1"));
  CHECK_FALSE(sim::parse_unsigned(""));
}
