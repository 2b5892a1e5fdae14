// Bandwidths and byte sizes as scenario files write them.
#include <catch2/catch.hpp>

#include "sim/run/units.hpp"

namespace {

uint64_t bandwidth(std::string_view text) {
  const auto r = run::parse_bandwidth(text);
  INFO("parsing '" << text << "': " << r.error);
  REQUIRE(r);
  return *r.value;
}

uint64_t bytes(std::string_view text) {
  const auto r = run::parse_byte_size(text, "queue");
  INFO("parsing '" << text << "': " << r.error);
  REQUIRE(r);
  return *r.value;
}

}  // namespace

TEST_CASE("parse_bandwidth: SI rates and port-speed shorthand", "[scenario][units]") {
  CHECK(bandwidth("1500bps") == 1500);
  CHECK(bandwidth("64kbps") == 64'000);
  CHECK(bandwidth("100Mbps") == 100'000'000);
  CHECK(bandwidth("1Gbps") == 1'000'000'000);
  CHECK(bandwidth("10Gbps") == 10'000'000'000);
  CHECK(bandwidth("1.6Tbps") == 1'600'000'000'000);
  CHECK(bandwidth("2.5Gbps") == 2'500'000'000);
  CHECK(bandwidth("10G") == 10'000'000'000);
  CHECK(bandwidth("400G") == 400'000'000'000);
  CHECK(bandwidth("100M") == 100'000'000);
  CHECK(bandwidth("64k") == 64'000);
}

TEST_CASE("parse_bandwidth: errors name the units", "[scenario][units]") {
  CHECK(run::parse_bandwidth("10").error ==
        "bandwidth '10' has no unit (use bps, kbps, Mbps, Gbps or Tbps)");
  // Byte rates are refused, named, and converted: 10GBps would be 80 Gb/s.
  CHECK(run::parse_bandwidth("10GBps").error ==
        "bandwidth '10GBps' is in gigabytes per second (GBps); bandwidths are bits per second: "
        "did you mean 10Gbps? (10GBps is 80Gbps)");
  CHECK(run::parse_bandwidth("1.5 MB/s").error ==
        "bandwidth '1.5 MB/s' is in megabytes per second (MB/s); bandwidths are bits per "
        "second: did you mean 1.5Mbps? (1.5 MB/s is 12Mbps)");
  CHECK(run::parse_bandwidth("0.1kBps").error ==
        "bandwidth '0.1kBps' is in kilobytes per second (kBps); bandwidths are bits per second: "
        "did you mean 0.1kbps? (0.1kBps is 800bps)");
  CHECK(run::parse_bandwidth("1.0005GBps").error ==
        "bandwidth '1.0005GBps' is in gigabytes per second (GBps); bandwidths are bits per "
        "second: did you mean 1.0005Gbps? (1.0005GBps is 8.004Gbps)");
  CHECK(run::parse_bandwidth("1.5bps").error ==
        "bandwidth '1.5bps' is not a whole number of bits per second");
  CHECK(run::parse_bandwidth("-1Gbps").error == "bandwidth '-1Gbps' must not be negative");
}

TEST_CASE("parse_byte_size: decimal and binary multiples", "[scenario][units]") {
  CHECK(bytes("1500B") == 1500);
  CHECK(bytes("64KB") == 64'000);
  CHECK(bytes("64kB") == 64'000);
  CHECK(bytes("4MB") == 4'000'000);
  CHECK(bytes("1GB") == 1'000'000'000);
  CHECK(bytes("64KiB") == 65'536);
  CHECK(bytes("1MiB") == 1'048'576);
  CHECK(bytes("1.5MiB") == 1'572'864);
  CHECK(bytes("2GiB") == 2'147'483'648);
}

TEST_CASE("parse_byte_size: errors name the quantity and the units", "[scenario][units]") {
  CHECK(run::parse_byte_size("100", "queue").error ==
        "queue '100' has no unit (use B, kB, KB, MB, GB, KiB, MiB or GiB)");
  CHECK(run::parse_byte_size("4mb", "queue").error ==
        "unknown unit 'mb' in queue '4mb' (use B, kB, KB, MB, GB, KiB, MiB or GiB)");
  CHECK(run::parse_byte_size("1.5B").error == "size '1.5B' is not a whole number of bytes");
}

TEST_CASE("parse_byte_size: fractions of binary units are exact", "[scenario][units]") {
  CHECK(bytes("0.5KiB") == 512);
  CHECK(bytes("0.25GiB") == 268'435'456);
  CHECK(run::parse_byte_size("0.3KiB", "queue").error ==
        "queue '0.3KiB' is not a whole number of bytes");
}
