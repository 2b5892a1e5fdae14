// Error lines, edit distance and did-you-mean.
#include <catch2/catch.hpp>

#include "sim/run/diagnostic.hpp"

using run::SourcePos;

TEST_CASE("diagnostics read FILE:LINE:COL: severity: message", "[scenario][diagnostic]") {
  CHECK(run::format_diagnostic(SourcePos{"a.yaml", 3, 7}, "error", "bad") ==
        "a.yaml:3:7: error: bad");
  CHECK(run::format_diagnostic(SourcePos{"a.yaml", 3, 7}, "warning", "odd") ==
        "a.yaml:3:7: warning: odd");
  // No place in the file: the line and column are left out.
  CHECK(run::format_diagnostic(SourcePos{"a.yaml", 0, 0}, "error", "cannot open") ==
        "a.yaml: error: cannot open");

  const run::ScenarioError e(SourcePos{"s.yaml", 1, 1}, "missing required field 'duration'");
  CHECK(std::string(e.what()) == "s.yaml:1:1: error: missing required field 'duration'");
  CHECK(e.message() == "missing required field 'duration'");
  CHECK(e.pos().line == 1);
}

TEST_CASE("edit_distance is Levenshtein's", "[scenario][diagnostic]") {
  CHECK(run::edit_distance("", "") == 0);
  CHECK(run::edit_distance("abc", "") == 3);
  CHECK(run::edit_distance("bandwith", "bandwidth") == 1);
  CHECK(run::edit_distance("kitten", "sitting") == 3);
  CHECK(run::edit_distance("dwon", "down") == 2);
}

TEST_CASE("did_you_mean suggests only close candidates", "[scenario][diagnostic]") {
  const std::vector<std::string> fields = {"endpoints", "bandwidth", "delay", "mtu", "queue"};
  CHECK(run::did_you_mean("bandwith", fields) == "bandwidth");
  CHECK(run::did_you_mean("dealy", fields) == "delay");
  CHECK(run::did_you_mean("MTU", fields).empty());  // three substitutions
  CHECK(run::did_you_mean("colour", fields).empty());
  // Long words allow len/3 edits: "endpoint_list" is 4 from "endpoints" (13/3 = 4).
  CHECK(run::did_you_mean("endpoint_list", fields) == "endpoints");
  // Replacing every letter of a short word is no hint.
  CHECK(run::did_you_mean("xy", {"up"}).empty());
  CHECK(run::did_you_mean_suffix("qeue", fields) == " (did you mean 'queue'?)");
  CHECK(run::did_you_mean_suffix("zzzzz", fields).empty());
}
