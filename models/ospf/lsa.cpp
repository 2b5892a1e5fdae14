#include "models/ospf/lsa.hpp"

#include <bit>
#include <cstdio>

namespace ospf {

std::string_view to_string(LsaType t) {
  switch (t) {
    case LsaType::kRouter: return "router";
    case LsaType::kNetwork: return "network";
    case LsaType::kSummary: return "summary";
    case LsaType::kAsbrSummary: return "asbr-summary";
    case LsaType::kAsExternal: return "extern";
  }
  return "?";
}

uint16_t Lsa::length() const {
  switch (key.type) {
    case LsaType::kRouter:
      // flags (1) + 0 (1) + # links (2), then 12 bytes per link without TOS metrics.
      return static_cast<uint16_t>(kLsaHeaderBytes + 4 + 12 * links.size());
    case LsaType::kAsExternal:
      // network mask (4) + E/TOS-0 metric (4) + forwarding address (4) + route tag (4).
      return kLsaHeaderBytes + 16;
    default:
      return kLsaHeaderBytes;
  }
}

bool Lsa::same_contents(const Lsa& o) const {
  if (key != o.key) return false;
  switch (key.type) {
    case LsaType::kRouter:
      return asbr == o.asbr && links == o.links;
    case LsaType::kAsExternal:
      return mask == o.mask && type2 == o.type2 && metric == o.metric &&
             forwarding == o.forwarding && route_tag == o.route_tag;
    default:
      return true;
  }
}

void Lsa::finalise() {
  // FNV-1a over the fields the real checksum covers (all but the age).
  uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 0x100000001b3ULL;
    }
  };
  mix(static_cast<uint64_t>(key.type));
  mix(key.id.value);
  mix(key.adv_router.value);
  mix(static_cast<uint32_t>(seq));
  mix(asbr);
  for (const RouterLink& l : links) {
    mix(static_cast<uint64_t>(l.type));
    mix(l.id.value);
    mix(l.data);
    mix(l.metric);
  }
  mix(mask);
  mix(type2);
  mix(metric);
  mix(forwarding.value);
  mix(route_tag);
  checksum = static_cast<uint16_t>(h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
}

net::Prefix Lsa::external_prefix() const {
  return net::Prefix{net::Ipv4{key.id.value & mask}, static_cast<uint8_t>(std::popcount(mask))};
}

LsaHeader header_of(const Lsa& lsa, uint16_t age) {
  return LsaHeader{lsa.key, age, lsa.seq, lsa.checksum, lsa.length()};
}

int compare_instances(const LsaHeader& a, const LsaHeader& b) {
  // §13.1: the higher sequence number (signed, linear space) is more recent.
  if (a.seq != b.seq) return a.seq > b.seq ? 1 : -1;
  // Then the larger checksum.
  if (a.checksum != b.checksum) return a.checksum > b.checksum ? 1 : -1;
  // Then an instance at MaxAge is more recent.
  const bool a_max = a.age >= kMaxAge;
  const bool b_max = b.age >= kMaxAge;
  if (a_max != b_max) return a_max ? 1 : -1;
  // Then, if the ages differ by more than MaxAgeDiff, the younger one.
  const int diff = static_cast<int>(a.age) - static_cast<int>(b.age);
  if (diff > kMaxAgeDiff) return -1;
  if (diff < -kMaxAgeDiff) return 1;
  return 0;
}

std::string seq_hex(int32_t seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", static_cast<uint32_t>(seq));
  return buf;
}

std::string describe(const LsaKey& key, int32_t seq) {
  return std::string(to_string(key.type)) + "-lsa " + key.id.to_string() + "/" +
         key.adv_router.to_string() + " seq " + seq_hex(seq);
}

}  // namespace ospf
