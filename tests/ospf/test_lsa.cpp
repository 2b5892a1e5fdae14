// LSAs and packets: RFC 2328 §13.1 "which instance is newer", wire sizes (A.3, A.4).
#include <catch2/catch.hpp>

#include "models/ospf/packet.hpp"

using ospf::LsaHeader;

namespace {
LsaHeader header(int32_t seq, uint16_t checksum, uint16_t age) {
  LsaHeader h;
  h.seq = seq;
  h.checksum = checksum;
  h.age = age;
  return h;
}
}  // namespace

TEST_CASE("the newer LSA instance follows RFC 2328 13.1", "[ospf]") {
  using ospf::compare_instances;
  // Sequence numbers are signed: 0x80000001 is the oldest, 0x7fffffff the newest.
  CHECK(compare_instances(header(ospf::kInitialSequenceNumber + 1, 0, 0),
                          header(ospf::kInitialSequenceNumber, 0, 0)) > 0);
  CHECK(compare_instances(header(-5, 0, 0), header(3, 0, 0)) < 0);
  // Same sequence number: the larger checksum wins.
  CHECK(compare_instances(header(7, 0x2000, 100), header(7, 0x1000, 5)) > 0);
  // Same checksum: an instance at MaxAge is newer.
  CHECK(compare_instances(header(7, 1, ospf::kMaxAge), header(7, 1, 10)) > 0);
  // Ages more than MaxAgeDiff (15 min) apart: the younger one is newer.
  CHECK(compare_instances(header(7, 1, 10), header(7, 1, 10 + 901)) > 0);
  CHECK(compare_instances(header(7, 1, 10 + 901), header(7, 1, 10)) < 0);
  // Within MaxAgeDiff they are the same instance.
  CHECK(compare_instances(header(7, 1, 10), header(7, 1, 10 + 900)) == 0);
}

TEST_CASE("OSPF packets and LSAs have their RFC 2328 wire sizes", "[ospf]") {
  ospf::Hello hello;
  CHECK(hello.wire_bytes() == 44);  // 24 header + 20
  hello.neighbors.resize(2);
  CHECK(hello.wire_bytes() == 52);

  ospf::Lsa router;
  router.key.type = ospf::LsaType::kRouter;
  router.links.resize(3);
  CHECK(router.length() == 20 + 4 + 3 * 12);
  ospf::Lsa external;
  external.key.type = ospf::LsaType::kAsExternal;
  CHECK(external.length() == 36);

  ospf::DatabaseDescription dd;
  CHECK(dd.wire_bytes() == 32);
  dd.headers.resize(3);
  CHECK(dd.wire_bytes() == 32 + 60);
  ospf::LinkStateRequest lsr;
  lsr.requests.resize(2);
  CHECK(lsr.wire_bytes() == 24 + 24);
  ospf::LinkStateUpdate lsu;
  lsu.lsas.push_back(ospf::LsaCopy{std::make_shared<const ospf::Lsa>(external), 1});
  CHECK(lsu.wire_bytes() == 24 + 4 + 36);
  ospf::LinkStateAck ack;
  ack.headers.resize(4);
  CHECK(ack.wire_bytes() == 24 + 80);

  // A 1500-byte MTU carries (1500 - 20 - 24 - 8) / 20 = 72 headers per DD.
  CHECK(ospf::headers_per_packet(1500, 8) == 72);
}

TEST_CASE("an AS-external-LSA names its destination by ID and mask", "[ospf]") {
  ospf::Lsa lsa;
  lsa.key.type = ospf::LsaType::kAsExternal;
  lsa.key.id = net::Ipv4{0xc0a86401};  // 192.168.100.1
  lsa.mask = 0xffffffff;
  CHECK(lsa.external_prefix().to_string() == "192.168.100.1/32");
  lsa.key.id = net::Ipv4{0x0a0000ff};  // Appendix E: host bits set in the ID
  lsa.mask = 0xff000000;
  CHECK(lsa.external_prefix().to_string() == "10.0.0.0/8");

  // The checksum tells instances with the same sequence number apart.
  ospf::Lsa a = lsa, b = lsa;
  b.metric = 5;
  a.finalise();
  b.finalise();
  CHECK(a.checksum != b.checksum);
  CHECK_FALSE(a.same_contents(b));
}
