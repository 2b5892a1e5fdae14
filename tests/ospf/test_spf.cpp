// The routing table calculation (RFC 2328 §16) on hand-built databases.
//
//            ifc 1 -- A (10.0.0.2) --
//   R (root)                          D (10.0.0.4)  stub 10.9.9.0/24
//            ifc 2 -- B (10.0.0.3) --
//
// All links cost 1 unless a test says otherwise; A and B are ASBRs.
#include "tests/ospf/catch_print.hpp"

#include "models/ospf/spf.hpp"

using ospf::LinkType;
using ospf::PathType;

namespace {

net::Ipv4 ip(const char* t) { return *net::parse_ipv4(t).value; }
net::Prefix prefix(const char* t) { return *net::parse_prefix(t).value; }

struct Db {
  ospf::Lsdb lsdb;

  ospf::Lsa& router(const char* id, bool asbr = false) {
    ospf::Lsa& l = pending_[ip(id).value];
    l.key = ospf::LsaKey{ospf::LsaType::kRouter, ip(id), ip(id)};
    l.asbr = asbr;
    return l;
  }
  static void p2p(ospf::Lsa& l, const char* to, const char* local, uint16_t cost = 1) {
    l.links.push_back(ospf::RouterLink{LinkType::kPointToPoint, ip(to), ip(local).value, cost});
  }
  static void stub(ospf::Lsa& l, const char* p, uint16_t cost) {
    const net::Prefix x = prefix(p);
    l.links.push_back(ospf::RouterLink{LinkType::kStub, x.addr, x.mask(), cost});
  }
  void external(const char* adv, const char* p, bool type2, uint32_t metric) {
    ospf::Lsa l;
    const net::Prefix x = prefix(p);
    l.key = ospf::LsaKey{ospf::LsaType::kAsExternal, x.addr, ip(adv)};
    l.mask = x.mask();
    l.type2 = type2;
    l.metric = metric;
    put(l);
  }
  void put(ospf::Lsa l) {
    l.finalise();
    lsdb.install(ospf::LsdbEntry{std::make_shared<const ospf::Lsa>(std::move(l)), 0, sim::Time(), true});
  }

  // The diamond of the header comment; `rb_cost` is the cost of R's link to B.
  void diamond(uint16_t rb_cost = 1) {
    ospf::Lsa& r = router("10.0.0.1");
    p2p(r, "10.0.0.2", "10.1.1.0");
    p2p(r, "10.0.0.3", "10.1.1.2", rb_cost);
    ospf::Lsa& a = router("10.0.0.2", true);
    p2p(a, "10.0.0.1", "10.1.1.1");
    p2p(a, "10.0.0.4", "10.1.2.0");
    ospf::Lsa& b = router("10.0.0.3", true);
    p2p(b, "10.0.0.1", "10.1.1.3");
    p2p(b, "10.0.0.4", "10.1.3.0");
    ospf::Lsa& d = router("10.0.0.4");
    p2p(d, "10.0.0.2", "10.1.2.1");
    p2p(d, "10.0.0.3", "10.1.3.1");
    stub(d, "10.9.9.0/24", 1);
  }

  ospf::SpfResult run() {
    for (auto& [id, l] : pending_) put(l);
    pending_.clear();
    ospf::SpfInput in;
    in.root = ip("10.0.0.1");
    in.lsdb = &lsdb;
    in.adjacencies = {{ip("10.1.1.0"), ip("10.0.0.2"), 1, ip("10.1.1.1")},
                      {ip("10.1.1.2"), ip("10.0.0.3"), 2, ip("10.1.1.3")}};
    return ospf::calculate_routes(in);
  }

 private:
  std::map<uint32_t, ospf::Lsa> pending_;
};

const ospf::OspfRoute* find(const ospf::SpfResult& r, const char* p) {
  for (const ospf::OspfRoute& x : r.routes)
    if (x.prefix == prefix(p)) return &x;
  return nullptr;
}

const ospf::NextHop via_a{1, ip("10.1.1.1")};
const ospf::NextHop via_b{2, ip("10.1.1.3")};

}  // namespace

TEST_CASE("SPF keeps every equal-cost next hop", "[ospf]") {
  Db db;
  db.diamond();
  const ospf::SpfResult r = db.run();
  REQUIRE(r.routers.size() == 4);
  CHECK(r.routers.at(ip("10.0.0.4")).cost == 2);
  CHECK(r.routers.at(ip("10.0.0.4")).next_hops == std::vector<ospf::NextHop>{via_a, via_b});
  const ospf::OspfRoute* stub = find(r, "10.9.9.0/24");
  REQUIRE(stub);
  CHECK(stub->type == PathType::kIntraArea);
  CHECK(stub->cost == 3);
  CHECK(stub->next_hops == std::vector<ospf::NextHop>{via_a, via_b});

  SECTION("a costlier link drops out of the ECMP set") {
    Db db2;
    db2.diamond(5);
    const ospf::SpfResult r2 = db2.run();
    CHECK(find(r2, "10.9.9.0/24")->next_hops == std::vector<ospf::NextHop>{via_a});
    CHECK(r2.routers.at(ip("10.0.0.3")).cost == 3);  // R -> A -> D -> B beats R -> B (5)
  }
}

TEST_CASE("SPF uses a link only if both ends list it (16.1 step 2b)", "[ospf]") {
  Db db;
  db.diamond();
  // D forgets B: the B-D link is half-up and may not carry traffic.
  ospf::Lsa& d = db.router("10.0.0.4");
  d.links.clear();
  Db::p2p(d, "10.0.0.2", "10.1.2.1");
  Db::stub(d, "10.9.9.0/24", 1);
  const ospf::SpfResult r = db.run();
  CHECK(find(r, "10.9.9.0/24")->next_hops == std::vector<ospf::NextHop>{via_a});
}

TEST_CASE("external routes: type 2 through two ASBRs at equal cost is one ECMP route", "[ospf]") {
  Db db;
  db.diamond();
  db.external("10.0.0.2", "192.168.100.1/32", true, 0);
  db.external("10.0.0.3", "192.168.100.1/32", true, 0);
  const ospf::SpfResult r = db.run();
  const ospf::OspfRoute* e = find(r, "192.168.100.1/32");
  REQUIRE(e);
  CHECK(e->type == PathType::kExternal2);
  CHECK(e->rib_metric() == 0);
  CHECK(e->cost == 1);  // forwarding cost to the ASBRs
  CHECK(e->next_hops == std::vector<ospf::NextHop>{via_a, via_b});
  CHECK(e->advertising_routers == std::vector<net::Ipv4>{ip("10.0.0.2"), ip("10.0.0.3")});
}

TEST_CASE("external routes follow the 16.4 comparison", "[ospf]") {
  SECTION("type 2: the lower metric wins whatever the distance") {
    Db db;
    db.diamond(5);
    db.external("10.0.0.2", "192.168.100.1/32", true, 10);
    db.external("10.0.0.3", "192.168.100.1/32", true, 5);  // B is 3 away, A 1
    const ospf::SpfResult r = db.run();
    const ospf::OspfRoute* e = find(r, "192.168.100.1/32");
    CHECK(e->type2_cost == 5);
    CHECK(e->advertising_routers == std::vector<net::Ipv4>{ip("10.0.0.3")});
    CHECK(e->next_hops == std::vector<ospf::NextHop>{via_a});  // B is reached through A and D
  }
  SECTION("type 2 with equal metrics: the closer ASBR wins, no ECMP") {
    Db db;
    db.diamond(5);
    db.external("10.0.0.2", "192.168.100.1/32", true, 0);
    db.external("10.0.0.3", "192.168.100.1/32", true, 0);
    const ospf::SpfResult r = db.run();
    const ospf::OspfRoute* e = find(r, "192.168.100.1/32");
    CHECK(e->advertising_routers == std::vector<net::Ipv4>{ip("10.0.0.2")});
    CHECK(e->next_hops == std::vector<ospf::NextHop>{via_a});
  }
  SECTION("type 1 beats type 2 and adds the distance") {
    Db db;
    db.diamond();
    db.external("10.0.0.2", "192.168.100.1/32", false, 100);
    db.external("10.0.0.3", "192.168.100.1/32", true, 0);
    const ospf::SpfResult r = db.run();
    const ospf::OspfRoute* e = find(r, "192.168.100.1/32");
    CHECK(e->type == PathType::kExternal1);
    CHECK(e->rib_metric() == 101);
    CHECK(e->next_hops == std::vector<ospf::NextHop>{via_a});
  }
  SECTION("an intra-area route beats any external one") {
    Db db;
    db.diamond();
    Db::stub(db.router("10.0.0.4"), "192.168.100.1/32", 0);
    db.external("10.0.0.2", "192.168.100.1/32", false, 0);
    const ospf::SpfResult r = db.run();
    const ospf::OspfRoute* e = find(r, "192.168.100.1/32");
    CHECK(e->type == PathType::kIntraArea);
    CHECK(e->cost == 2);
  }
  SECTION("routers without the E bit, MaxAge and LSInfinity LSAs give no route") {
    Db db;
    db.diamond();
    db.external("10.0.0.4", "192.168.1.0/24", true, 0);  // D is no ASBR
    db.external("10.0.0.2", "192.168.2.0/24", true, ospf::kLsInfinity);
    db.external("10.0.0.3", "192.168.3.0/24", true, 0);
    ospf::SpfResult r = db.run();
    CHECK(find(r, "192.168.3.0/24"));
    // Flush B's LSA: MaxAge instances are ignored.
    ospf::LsdbEntry e = *db.lsdb.find({ospf::LsaType::kAsExternal, ip("192.168.3.0"), ip("10.0.0.3")});
    e.age_at_install = ospf::kMaxAge;
    db.lsdb.install(e);
    r = db.run();
    CHECK_FALSE(find(r, "192.168.1.0/24"));
    CHECK_FALSE(find(r, "192.168.2.0/24"));
    CHECK_FALSE(find(r, "192.168.3.0/24"));
  }
}
