// BFD (RFC 5880/5881) between two directly connected nodes.
//
//   a (vendor A)  eth0 10.10.1.2/30 ---- 1 Gb/s, 5 us ---- ge-0/0/9 10.10.1.1/30  b (vendor B)
#include <catch2/catch.hpp>

#include <sstream>

#include "models/bfd/session.hpp"
#include "models/node/router.hpp"
#include "models/rib/fib_options.hpp"

using sim::Duration;
using sim::Time;

namespace {

net::Ipv4 ip(const char* text) { return *net::parse_ipv4(text).value; }

// One hop: 5 us of propagation plus 52 bytes serialised at 1 Gb/s (416 ns).
constexpr Duration kHop = Duration::microseconds(5) + Duration::nanoseconds(416);

struct Change {
  Time at;
  bfd::State from, to;
  bfd::Diag diag;
};

struct Lab {
  sim::Simulator sim;
  net::Network network{sim, 1};
  net::NodeId a, b;
  net::LinkId link;
  std::unique_ptr<node::Router> a_router, b_router;
  std::unique_ptr<bfd::Session> a_bfd, b_bfd;
  std::vector<Change> a_changes, b_changes;
  std::ostringstream trace;

  Lab(vendor::Vendor va, vendor::Vendor vb, uint64_t seed = 1) {
    sim.trace().attach(&trace);
    a = network.add_node("a", net::NodeKind::kHost, va);
    b = network.add_node("b", net::NodeKind::kSwitch, vb);
    const net::InterfaceId eth0 = network.add_interface(a, "eth0");
    network.add_address(eth0, *net::parse_interface_address("10.10.1.2/30").value);
    const net::InterfaceId ge = network.add_interface(b, "ge-0/0/9");
    network.add_address(ge, *net::parse_interface_address("10.10.1.1/30").value);
    net::LinkParams lp;
    lp.bandwidth_bps = 1'000'000'000;
    lp.delay = Duration::microseconds(5);
    link = network.connect(eth0, ge, lp);
    a_router = std::make_unique<node::Router>(network, a, rib::fib_defaults(va));
    b_router = std::make_unique<node::Router>(network, b, rib::fib_defaults(vb));
    a_router->start();
    b_router->start();
    a_bfd = std::make_unique<bfd::Session>(
        *a_router, bfd::SessionConfig{ip("10.10.1.2"), ip("10.10.1.1"), bfd::default_timers(va)}, seed);
    b_bfd = std::make_unique<bfd::Session>(
        *b_router, bfd::SessionConfig{ip("10.10.1.1"), ip("10.10.1.2"), bfd::default_timers(vb)}, seed);
    a_bfd->on_state_change([this](bfd::State f, bfd::State t, bfd::Diag d) {
      a_changes.push_back({sim.now(), f, t, d});
    });
    b_bfd->on_state_change([this](bfd::State f, bfd::State t, bfd::Diag d) {
      b_changes.push_back({sim.now(), f, t, d});
    });
  }
  void start_both() {
    a_bfd->start();
    b_bfd->start();
  }
  void run_to(Duration d) { sim.run_until(Time::zero() + d); }
  Time at(Duration d) const { return Time::zero() + d; }
};

}  // namespace

TEST_CASE("bfd comes up Down Init Up three one-way delays after the second end starts", "[bfd]") {
  Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kFrr);
  lab.a_bfd->start();  // a's Down packets reach b before b runs BFD: ignored
  bfd::Session* b = lab.b_bfd.get();
  lab.sim.schedule_at(lab.at(Duration::seconds(2)), [b] { b->start(); });
  lab.run_to(Duration::seconds(5));

  // b sends Down at 2 s; a: Down -> Init at +1 hop and answers Init; b:
  // Down -> Up at +2 hops (§6.8.6: Down receiving Init) and answers Up; a:
  // Init -> Up at +3 hops.
  REQUIRE(lab.a_changes.size() == 2);
  CHECK(lab.a_changes[0].from == bfd::State::kDown);
  CHECK(lab.a_changes[0].to == bfd::State::kInit);
  CHECK(lab.a_changes[0].at == lab.at(Duration::seconds(2) + kHop));
  CHECK(lab.a_changes[1].to == bfd::State::kUp);
  CHECK(lab.a_changes[1].at == lab.at(Duration::seconds(2) + kHop * 3));
  REQUIRE(lab.b_changes.size() == 1);
  CHECK(lab.b_changes[0].from == bfd::State::kDown);
  CHECK(lab.b_changes[0].to == bfd::State::kUp);
  CHECK(lab.b_changes[0].at == lab.at(Duration::seconds(2) + kHop * 2));
  CHECK(lab.a_bfd->state() == bfd::State::kUp);
  CHECK(lab.b_bfd->state() == bfd::State::kUp);
  // Up: the configured 300 ms rates and 3 x 300 ms detection on both ends.
  CHECK(lab.a_bfd->transmit_interval() == Duration::milliseconds(300));
  CHECK(lab.a_bfd->detection_time() == Duration::milliseconds(900));
  CHECK(lab.b_bfd->detection_time() == Duration::milliseconds(900));
  CHECK(lab.trace.str().find("a bfd session 10.10.1.1 Up") != std::string::npos);
  CHECK(lab.trace.str().find("b bfd session 10.10.1.2 Up") != std::string::npos);
}

TEST_CASE("bfd sends slowly while not Up and its packets are single hop UDP 3784 TTL 255", "[bfd]") {
  Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kFrr);
  std::vector<Time> sent;
  lab.a_bfd->on_transmit([&](const bfd::ControlPacket& p) {
    sent.push_back(lab.sim.now());
    CHECK(p.desired_min_tx == Duration::seconds(1));  // §6.8.3 while not Up
    CHECK(p.state == bfd::State::kDown);
    CHECK(p.your_discriminator == 0);
  });
  lab.a_bfd->start();  // b never starts
  lab.run_to(Duration::seconds(20));
  REQUIRE(sent.size() > 15);
  for (size_t i = 1; i < sent.size(); ++i) {
    CHECK(sent[i] - sent[i - 1] >= Duration::milliseconds(750));
    CHECK(sent[i] - sent[i - 1] <= Duration::seconds(1));
  }
  const net::PacketCounters& c = lab.network.counters(true);
  CHECK(c.sent == lab.a_bfd->packets_sent());
  CHECK(c.delivered == c.sent);
  CHECK(lab.network.check_accounting().empty());

  // RFC 5881 §5: a packet that did not arrive with TTL 255 is discarded.
  net::Packet ipv4;
  ipv4.ttl = 254;
  ipv4.dst_port = bfd::kControlPort;
  bfd::ControlPacket p;
  p.detect_mult = 3;
  p.my_discriminator = 7;
  lab.b_bfd->start();
  lab.b_bfd->receive(ipv4, p);
  CHECK(lab.b_bfd->packets_discarded() == 1);
  CHECK(lab.b_bfd->state() == bfd::State::kDown);
  ipv4.ttl = 255;
  lab.b_bfd->receive(ipv4, p);
  CHECK(lab.b_bfd->state() == bfd::State::kInit);
}

TEST_CASE("a silent link brings bfd Down exactly the detection time after the last packet", "[bfd]") {
  Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kFrr);
  lab.start_both();
  lab.run_to(Duration::seconds(10));
  REQUIRE(lab.a_bfd->state() == bfd::State::kUp);
  lab.network.set_silent(lab.link, -1, true);
  lab.run_to(Duration::seconds(15));

  for (auto* s : {lab.a_bfd.get(), lab.b_bfd.get()}) {
    CHECK(s->state() == bfd::State::kDown);
    CHECK(s->local_diag() == bfd::Diag::kControlDetectionTimeExpired);
    // §6.8.4: remote DetectMult 3 x max(RequiredMinRx 300, remote DesiredMinTx 300).
    CHECK(s->last_state_change() == s->last_received() + Duration::milliseconds(900));
    // The last packet left at most one (jittered, <= 300 ms) interval before
    // the link went silent and arrived one hop later.
    CHECK(s->last_received() > lab.at(Duration::seconds(10) - Duration::milliseconds(300)));
    CHECK(s->last_received() <= lab.at(Duration::seconds(10) + kHop));
    CHECK(s->last_state_change() > lab.at(Duration::milliseconds(10'600)));
    CHECK(s->last_state_change() <= lab.at(Duration::milliseconds(10'900) + kHop));
    CHECK(s->remote_discriminator() == 0);  // §6.8.1
  }
  CHECK(lab.trace.str().find("a bfd session 10.10.1.1 Down (control detection time expired)") !=
        std::string::npos);
  REQUIRE(lab.a_changes.back().to == bfd::State::kDown);
  CHECK(lab.a_changes.back().diag == bfd::Diag::kControlDetectionTimeExpired);

  // Healing the link: the slow (1 s) Down packets bring it back.
  lab.network.restore(lab.link);
  lab.run_to(Duration::seconds(20));
  CHECK(lab.a_bfd->state() == bfd::State::kUp);
  CHECK(lab.b_bfd->state() == bfd::State::kUp);
}

TEST_CASE("bfd notices a carrier loss within the detection time", "[bfd]") {
  Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kFrr);
  lab.start_both();
  lab.run_to(Duration::seconds(10));
  REQUIRE(lab.a_bfd->state() == bfd::State::kUp);
  lab.network.set_carrier(lab.link, false);
  lab.run_to(Duration::seconds(12));
  for (auto* s : {lab.a_bfd.get(), lab.b_bfd.get()}) {
    CHECK(s->state() == bfd::State::kDown);
    CHECK(s->local_diag() == bfd::Diag::kControlDetectionTimeExpired);
    CHECK(s->last_state_change() == s->last_received() + Duration::milliseconds(900));
    CHECK(s->last_state_change() <= lab.at(Duration::milliseconds(10'900) + kHop));
  }
}

TEST_CASE("bird defaults detect in 5 x 100 ms and mixed vendors use the remote multiplier", "[bfd]") {
  SECTION("bird to bird: 500 ms") {
    Lab lab(vendor::Vendor::kBird, vendor::Vendor::kBird);
    lab.start_both();
    lab.run_to(Duration::seconds(10));
    REQUIRE(lab.a_bfd->state() == bfd::State::kUp);
    // tx = max(DesiredMinTx 100, remote RequiredMinRx 10) = 100 ms.
    CHECK(lab.a_bfd->transmit_interval() == Duration::milliseconds(100));
    CHECK(lab.a_bfd->detection_time() == Duration::milliseconds(500));
    lab.network.set_silent(lab.link, -1, true);
    lab.run_to(Duration::seconds(12));
    CHECK(lab.a_bfd->state() == bfd::State::kDown);
    CHECK(lab.a_bfd->last_state_change() == lab.a_bfd->last_received() + Duration::milliseconds(500));
    CHECK(lab.a_bfd->last_state_change() > lab.at(Duration::milliseconds(10'400)));
    CHECK(lab.a_bfd->last_state_change() <= lab.at(Duration::milliseconds(10'500) + kHop));
  }
  SECTION("bird to frr: each end uses the other's multiplier") {
    Lab lab(vendor::Vendor::kBird, vendor::Vendor::kFrr);
    lab.start_both();
    lab.run_to(Duration::seconds(10));
    REQUIRE(lab.a_bfd->state() == bfd::State::kUp);
    // BIRD sends at max(100, FRR's RequiredMinRx 300) = 300 ms.
    CHECK(lab.a_bfd->transmit_interval() == Duration::milliseconds(300));
    // BIRD: FRR's mult 3 x max(10, 300) = 900 ms; FRR: BIRD's 5 x max(300, 100) = 1.5 s.
    CHECK(lab.a_bfd->detection_time() == Duration::milliseconds(900));
    CHECK(lab.b_bfd->detection_time() == Duration::milliseconds(1500));
  }
}

TEST_CASE("bfd transmit jitter stays within 75 to 100 percent of the interval", "[bfd]") {
  sim::RandomStream rng(42, "jitter");
  const Duration interval = Duration::milliseconds(300);
  Duration lo = Duration::max(), hi = Duration::zero();
  for (int i = 0; i < 20000; ++i) {
    const Duration d = bfd::jittered_interval(interval, 3, rng);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  CHECK(lo >= Duration::milliseconds(225));
  CHECK(hi <= Duration::milliseconds(300));
  CHECK(lo < Duration::milliseconds(226));  // the whole range is used
  CHECK(hi > Duration::milliseconds(299));
  // §6.8.7: with DetectMult 1, 75-90 %.
  lo = Duration::max();
  hi = Duration::zero();
  for (int i = 0; i < 20000; ++i) {
    const Duration d = bfd::jittered_interval(interval, 1, rng);
    lo = std::min(lo, d);
    hi = std::max(hi, d);
  }
  CHECK(lo >= Duration::milliseconds(225));
  CHECK(hi <= Duration::milliseconds(270));
  CHECK(hi > Duration::milliseconds(269));

  // In a running session: periodic packets once Up are 225-300 ms apart.
  Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kFrr);
  std::vector<Time> sent;
  lab.a_bfd->on_transmit([&](const bfd::ControlPacket& p) {
    if (p.state == bfd::State::kUp && lab.sim.now() > lab.at(Duration::seconds(5))) sent.push_back(lab.sim.now());
  });
  lab.start_both();
  lab.run_to(Duration::seconds(65));
  REQUIRE(sent.size() > 150);
  for (size_t i = 1; i < sent.size(); ++i) {
    CHECK(sent[i] - sent[i - 1] >= Duration::milliseconds(225));
    CHECK(sent[i] - sent[i - 1] <= Duration::milliseconds(300));
  }
}

TEST_CASE("bfd admin down signals the peer and admin up brings the session back", "[bfd]") {
  Lab lab(vendor::Vendor::kJunos, vendor::Vendor::kFrr);
  lab.start_both();
  lab.run_to(Duration::seconds(10));
  REQUIRE(lab.b_bfd->state() == bfd::State::kUp);
  lab.a_bfd->admin_down();
  CHECK(lab.a_bfd->state() == bfd::State::kAdminDown);
  CHECK(lab.a_bfd->local_diag() == bfd::Diag::kAdministrativelyDown);
  lab.run_to(Duration::seconds(11));
  CHECK(lab.b_bfd->state() == bfd::State::kDown);
  CHECK(lab.b_bfd->local_diag() == bfd::Diag::kNeighborSignaledSessionDown);
  CHECK(lab.b_bfd->last_state_change() == lab.at(Duration::seconds(10) + kHop));
  lab.run_to(Duration::seconds(20));
  CHECK(lab.a_bfd->state() == bfd::State::kAdminDown);  // stays until admin up
  CHECK(lab.b_bfd->state() == bfd::State::kDown);
  lab.a_bfd->admin_up();
  lab.run_to(Duration::seconds(25));
  CHECK(lab.a_bfd->state() == bfd::State::kUp);
  CHECK(lab.b_bfd->state() == bfd::State::kUp);
}

TEST_CASE("bfd runs are deterministic for a seed", "[bfd]") {
  auto run = [](uint64_t seed) {
    Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kBird, seed);
    std::vector<int64_t> sent;
    lab.a_bfd->on_transmit([&](const bfd::ControlPacket&) { sent.push_back(lab.sim.now().ps()); });
    lab.start_both();
    lab.run_to(Duration::seconds(5));
    lab.network.set_silent(lab.link, 0, true);
    lab.run_to(Duration::seconds(10));
    return std::make_pair(sent, lab.sim.trace().fingerprint());
  };
  const auto first = run(7);
  const auto again = run(7);
  const auto other = run(8);
  CHECK(first.first == again.first);
  CHECK(first.second == again.second);
  CHECK(first.first != other.first);
}

TEST_CASE("a passive bfd end stays silent until it hears from its peer", "[bfd]") {
  Lab lab(vendor::Vendor::kFrr, vendor::Vendor::kFrr);
  bfd::BfdTimers passive = bfd::default_timers(vendor::Vendor::kFrr);
  passive.passive = true;
  lab.b_bfd = std::make_unique<bfd::Session>(
      *lab.b_router, bfd::SessionConfig{ip("10.10.1.1"), ip("10.10.1.2"), passive}, 1);
  lab.b_bfd->start();
  lab.run_to(Duration::seconds(5));
  CHECK(lab.b_bfd->packets_sent() == 0);  // §6.8.7
  lab.a_bfd->start();
  lab.run_to(Duration::seconds(10));
  CHECK(lab.a_bfd->state() == bfd::State::kUp);
  CHECK(lab.b_bfd->state() == bfd::State::kUp);
  CHECK(lab.b_bfd->packets_sent() > 0);
}
