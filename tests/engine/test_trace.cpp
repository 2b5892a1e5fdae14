#include <catch2/catch.hpp>
#include <sstream>

#include "sim/engine/trace.hpp"

using sim::Duration;
using sim::Time;
using sim::Trace;

namespace {

const Time kT30 = Time::zero() + Duration::seconds(30);
const Time kT31 = Time::zero() + Duration::seconds(31);

}  // namespace

TEST_CASE("a trace line has the time right-aligned to 15 characters", "[engine][trace]") {
  std::ostringstream out;
  Trace trace;
  trace.attach(&out);
  trace.record(kT30, "S-SW-1", "link", "ge-0/0/9 down");
  CHECK(out.str() == "   30.000000000 S-SW-1 link ge-0/0/9 down\n");

  out.str("");
  trace.record(Time::zero() + Duration::seconds(12345), "L-1", "bgp", "");
  CHECK(out.str() == "12345.000000000 L-1 bgp\n");  // no trailing space without detail
}

TEST_CASE("the filter selects lines by subject and category", "[engine][trace]") {
  std::ostringstream out;
  Trace trace;
  trace.attach(&out);
  trace.set_filter(sim::TraceFilter{{"S-SW-1"}, {"bgp"}});
  trace.record(kT30, "S-SW-1", "bgp", "up");
  trace.record(kT30, "S-SW-1", "link", "down");
  trace.record(kT30, "S-SW-2", "bgp", "up");
  CHECK(out.str() == "   30.000000000 S-SW-1 bgp up\n");
  CHECK(trace.records() == 3);
}

TEST_CASE("the fingerprint follows the order and content of records", "[engine][trace]") {
  auto fingerprint = [](bool swapped, const sim::TraceFilter& filter, bool sink) {
    std::ostringstream out;
    Trace trace;
    if (sink) trace.attach(&out);
    trace.set_filter(filter);
    if (swapped) {
      trace.record(kT30, "B", "bgp", "up");
      trace.record(kT30, "A", "link", "down");
    } else {
      trace.record(kT30, "A", "link", "down");
      trace.record(kT30, "B", "bgp", "up");
    }
    return trace.fingerprint();
  };
  const uint64_t base = fingerprint(false, {}, true);
  CHECK(base != Trace().fingerprint());
  CHECK(base == fingerprint(false, {}, true));
  CHECK(base != fingerprint(true, {}, true));

  SECTION("independent of the filter and the sink") {
    CHECK(base == fingerprint(false, sim::TraceFilter{{"A"}, {}}, true));
    CHECK(base == fingerprint(false, sim::TraceFilter{{"nobody"}, {"nothing"}}, true));
    CHECK(base == fingerprint(false, {}, false));
  }

  SECTION("sensitive to time and to field boundaries") {
    Trace a, b, c;
    a.record(kT30, "A", "link", "down");
    b.record(kT31, "A", "link", "down");
    c.record(kT30, "Al", "ink", "down");
    CHECK(a.fingerprint() != b.fingerprint());
    CHECK(a.fingerprint() != c.fingerprint());
  }
}
