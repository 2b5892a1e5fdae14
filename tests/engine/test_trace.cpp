#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

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

TEST_CASE("observers see every record, also those the filter keeps out of the file",
          "[engine][trace]") {
  std::ostringstream out;
  Trace trace;
  trace.attach(&out);
  trace.set_filter(sim::TraceFilter{{"S-SW-1"}, {}});
  std::vector<std::string> seen_a, seen_b;
  auto keep = [](std::vector<std::string>& into) {
    return [&into](Time at, std::string_view subject, std::string_view category,
                   std::string_view detail) {
      into.push_back(sim::format_seconds(at) + "|" + std::string(subject) + "|" +
                     std::string(category) + "|" + std::string(detail));
    };
  };
  const Trace::ObserverId a = trace.add_observer(keep(seen_a));
  trace.add_observer(keep(seen_b));
  trace.record(kT30, "S-SW-1", "link", "ge-0/0/9 down");
  trace.record(kT31, "pc", "bgp", "neighbor 10.10.1.1 Idle");
  CHECK(out.str() == "   30.000000000 S-SW-1 link ge-0/0/9 down\n");
  const std::vector<std::string> both{"30.000000000|S-SW-1|link|ge-0/0/9 down",
                                      "31.000000000|pc|bgp|neighbor 10.10.1.1 Idle"};
  CHECK(seen_a == both);
  CHECK(seen_b == both);

  trace.remove_observer(a);
  trace.record(kT31, "C-SW-1", "ospf", "spf run");
  CHECK(seen_a.size() == 2);  // removed: no more calls
  REQUIRE(seen_b.size() == 3);
  CHECK(seen_b[2] == "31.000000000|C-SW-1|ospf|spf run");
}

TEST_CASE("an observer changes neither the fingerprint nor the record count", "[engine][trace]") {
  Trace plain, observed;
  int calls = 0;
  observed.add_observer([&calls](Time, std::string_view, std::string_view, std::string_view) { ++calls; });
  for (Trace* t : {&plain, &observed}) {
    t->record(kT30, "A", "link", "down");
    t->record(kT31, "B", "bgp", "up");
  }
  CHECK(calls == 2);
  CHECK(observed.fingerprint() == plain.fingerprint());
  CHECK(observed.records() == plain.records());
}
