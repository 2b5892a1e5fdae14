// The ECMP selection function on its own (models/node/ecmp.hpp): exact
// round-robin shares, flow hashing against the multinomial law, stickiness,
// L3 hashing, and polarisation when two tiers share a salt.
#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "models/node/ecmp.hpp"

using node::EcmpMode;
using node::FlowKey;

namespace {

// Pearson's chi-square statistic of `counts` against equal expected counts.
double chi_square(const std::vector<uint64_t>& counts) {
  double total = 0;
  for (uint64_t c : counts) total += static_cast<double>(c);
  const double expected = total / static_cast<double>(counts.size());
  double x2 = 0;
  for (uint64_t c : counts) {
    const double d = static_cast<double>(c) - expected;
    x2 += d * d / expected;
  }
  return x2;
}

// Upper 0.1% points of the chi-square law with k-1 degrees of freedom.
double chi_square_999(uint32_t k) {
  switch (k) {
    case 2:
      return 10.828;
    case 3:
      return 13.816;
    case 4:
      return 16.266;
    case 8:
      return 24.322;
    case 16:
      return 37.697;
  }
  FAIL("no table entry for k");
  return 0;
}

FlowKey flow(uint32_t i) {
  // Many 5-tuples between a few hosts: what a leaf sees.
  return FlowKey{0x0A000000u + (i % 7), 0xC0A86401u + (i % 3), static_cast<uint16_t>(49152 + i),
                 static_cast<uint16_t>(80 + i % 2), 17};
}

}  // namespace

TEST_CASE("ecmp mode names round-trip and vendor defaults follow the devices", "[dataplane]") {
  for (const std::string& name : node::ecmp_mode_names())
    CHECK(node::ecmp_mode_name(*node::parse_ecmp_mode(name)) == name);
  CHECK_FALSE(node::parse_ecmp_mode("per-packet"));
  CHECK(node::default_ecmp_mode(vendor::Vendor::kLinux) == EcmpMode::kL3);
  CHECK(node::default_ecmp_mode(vendor::Vendor::kBird) == EcmpMode::kL3);
  CHECK(node::default_ecmp_mode(vendor::Vendor::kFrr) == EcmpMode::kL3);
  CHECK(node::default_ecmp_mode(vendor::Vendor::kJunos) == EcmpMode::kPerFlow);
  CHECK(node::default_ecmp_mode(vendor::Vendor::kEos) == EcmpMode::kPerFlow);
}

TEST_CASE("per-packet round-robin over k next hops gives shares equal within one packet",
          "[dataplane]") {
  for (uint32_t k = 1; k <= 9; ++k) {
    for (uint64_t n : {1u, 7u, 1000u, 1001u}) {
      std::vector<uint64_t> counts(k);
      for (uint64_t s = 0; s < n; ++s)
        ++counts[node::ecmp_select(EcmpMode::kPerPacketRoundRobin, flow(0), 42, k, s)];
      const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
      CHECK(*hi - *lo <= 1);
    }
  }
}

TEST_CASE(
    "per-flow hashing spreads flows as the multinomial law says and keeps each flow on its path",
    "[dataplane]") {
  const uint32_t flows = 20000;
  for (uint32_t k : {2u, 3u, 4u, 8u, 16u}) {
    std::vector<uint64_t> counts(k);
    for (uint32_t i = 0; i < flows; ++i)
      ++counts[node::ecmp_select(EcmpMode::kPerFlow, flow(i), 0x5EED, k, 0)];
    INFO("k = " << k);
    CHECK(chi_square(counts) < chi_square_999(k));
  }
  // The sequence number does not matter to a flow hash: every packet of a
  // flow takes the path of the first.
  for (uint32_t i = 0; i < 500; ++i) {
    const uint32_t first = node::ecmp_select(EcmpMode::kPerFlow, flow(i), 7, 4, 0);
    for (uint64_t s = 1; s < 20; ++s)
      CHECK(node::ecmp_select(EcmpMode::kPerFlow, flow(i), 7, 4, s) == first);
  }
}

TEST_CASE("per-flow hashing depends on every field of the 5-tuple", "[dataplane]") {
  const FlowKey base{0x0A000001, 0x0A000002, 1000, 2000, 17};
  auto spread = [&](auto&& vary) {
    std::vector<uint64_t> counts(4);
    for (uint32_t i = 0; i < 4000; ++i) {
      FlowKey k = base;
      vary(k, i);
      ++counts[node::ecmp_select(EcmpMode::kPerFlow, k, 1, 4, 0)];
    }
    return chi_square(counts);
  };
  CHECK(spread([](FlowKey& k, uint32_t i) { k.src += i; }) < chi_square_999(4));
  CHECK(spread([](FlowKey& k, uint32_t i) { k.dst += i; }) < chi_square_999(4));
  CHECK(spread([](FlowKey& k, uint32_t i) { k.src_port = static_cast<uint16_t>(i); }) <
        chi_square_999(4));
  CHECK(spread([](FlowKey& k, uint32_t i) { k.dst_port = static_cast<uint16_t>(i); }) <
        chi_square_999(4));
}

TEST_CASE("L3 hashing sends all flows between one source and destination one way", "[dataplane]") {
  FlowKey k{0x0A140002, 0xC0A86401, 0, 80, 17};
  const uint32_t path = node::ecmp_select(EcmpMode::kL3, k, 99, 2, 0);
  for (uint32_t port = 49152; port < 49152 + 1000; ++port) {
    k.src_port = static_cast<uint16_t>(port);
    k.proto = port % 2 ? 6 : 17;
    CHECK(node::ecmp_select(EcmpMode::kL3, k, 99, 2, port) == path);
  }
  // ... while different hosts spread.
  std::vector<uint64_t> counts(4);
  for (uint32_t host = 0; host < 8000; ++host)
    ++counts[node::ecmp_select(EcmpMode::kL3, FlowKey{0x0A000000u + host, 0xC0A86401, 1, 80, 17},
                               99, 4, 0)];
  CHECK(chi_square(counts) < chi_square_999(4));
}

TEST_CASE("per-packet random spreads the packets of one flow uniformly", "[dataplane]") {
  std::vector<uint64_t> counts(8);
  for (uint64_t s = 0; s < 80000; ++s)
    ++counts[node::ecmp_select(EcmpMode::kPerPacketRandom, flow(1), 3, 8, s)];
  CHECK(chi_square(counts) < chi_square_999(8));
}

TEST_CASE("two tiers with the same salt polarise, with different salts they do not",
          "[dataplane]") {
  // Tier 1 splits flows over two spines; each spine splits again over two
  // paths with the same hash. With the same salt, the flows a spine receives
  // all hashed to the same half at tier 1, so they land on one path at tier 2.
  auto second_tier = [](uint64_t salt1, uint64_t salt2) {
    std::vector<uint64_t> counts(2);
    for (uint32_t i = 0; i < 10000; ++i)
      if (node::ecmp_select(EcmpMode::kPerFlow, flow(i), salt1, 2, 0) == 0)
        ++counts[node::ecmp_select(EcmpMode::kPerFlow, flow(i), salt2, 2, 0)];
    return counts;
  };
  const std::vector<uint64_t> same = second_tier(5, 5);
  CHECK(same[1] == 0);
  CHECK(same[0] > 4000);
  const std::vector<uint64_t> different = second_tier(5, 6);
  CHECK(chi_square(different) < chi_square_999(2));
}
