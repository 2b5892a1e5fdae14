// The ospf part of a node's routing section, and the checks that compare
// the two ends of each OSPF link (see scenario_routing_loader.hpp).
//
// What would make the run meaningless is an error (an interface the node
// does not have, timers a Hello cannot carry, a dead interval that expires
// between Hellos). What only keeps an adjacency down is a warning, as for
// BGP sessions: a misconfigured link is a legitimate thing to simulate, and
// the run shows it (the Hellos are rejected, RFC 2328 §10.5).
#include <algorithm>
#include <unordered_map>

#include "models/ospf/defaults.hpp"
#include "models/rib/preference.hpp"
#include "sim/run/scenario_routing_loader.hpp"

namespace run::detail {
namespace {

constexpr sim::Duration kSecond = sim::Duration::seconds(1);
// The 16-bit fields of a Hello and of a Router-LSA link (A.3.2, A.4.2); Junos,
// FRR and BIRD cap the dead interval at the same value.
constexpr int64_t kMaxInterval = 65535;
constexpr uint32_t kMaxCost = 65535;
// AS-external metrics are 24 bits; all ones is LSInfinity (unreachable).
constexpr uint32_t kMaxExternalMetric = 0xfffffe;

const std::vector<std::string> kInterfaceTypes = {"p2p"};

bool is_bird(vendor::Vendor v) { return v == vendor::Vendor::kBird || v == vendor::Vendor::kLinux; }

std::string vendor_text(vendor::Vendor v) { return std::string(vendor::name(v)); }

}  // namespace

OspfSpec RoutingLoader::read_ospf(const Item& v, const ScenarioNode& node) {
  const std::string context = "ospf of node '" + node.name + "'";
  if (v.node.IsNull()) r_.fail(v.pos, context + " is empty: it needs area and interfaces");
  const Fields fields(r_, v, context,
                      {"area", "interfaces", "export", "external_type", "default_originate", "spf",
                       "reference_bandwidth", "preference", "external_preference"});
  OspfSpec spec;
  spec.pos = v.pos;

  // Area IDs are written dotted (Junos, BIRD) or as a number (FRR `area 0`).
  const Item& area = fields.require("area").value;
  const std::string area_text = r_.text(area, "area");
  std::optional<net::Ipv4> id;
  if (const auto a = net::parse_ipv4(area_text))
    id = *a.value;
  else if (const auto n = sim::parse_unsigned(area_text); n && *n.value <= UINT32_MAX)
    id = net::Ipv4{static_cast<uint32_t>(*n.value)};
  if (!id) r_.fail(area.pos, "area '" + area_text + "' is not an area ID (write 0.0.0.0 or 0)");
  if (id->value != 0)
    r_.fail(area.pos, "area " + id->to_string() +
                          " is not supported: mhsim models the backbone area 0.0.0.0 only");

  const Field& interfaces = fields.require("interfaces");
  if (interfaces.value.node.IsNull() ||
      (interfaces.value.node.IsMap() && interfaces.value.node.size() == 0))
    r_.fail(interfaces.value.pos, context + " has no interfaces");
  for (const Field& f : named_entries(r_, interfaces.value, "interface", "ospf interfaces"))
    spec.interfaces.push_back(read_ospf_interface(f, node));

  if (const Field* f = fields.find("export")) spec.export_policies = read_chain(*f, node);
  if (const Field* f = fields.find("external_type")) {
    const uint64_t t = r_.whole_number(f->value, "external_type");
    if (t != 1 && t != 2)
      r_.fail(f->value.pos, "external_type " + std::to_string(t) + " must be 1 or 2");
    spec.external_type = t == 1 ? ospf::ExternalType::kType1 : ospf::ExternalType::kType2;
  }
  if (const Field* f = fields.find("default_originate"); f && !f->value.node.IsNull()) {
    const Fields d(r_, f->value, "default_originate", {"metric", "type", "always"});
    ospf::DefaultOriginate o;
    if (const Field* m = d.find("metric")) {
      o.metric = u32(m->value, "metric");
      if (o.metric > kMaxExternalMetric)
        r_.fail(m->value.pos, "metric " + std::to_string(o.metric) +
                                  " is above 16777214, the largest AS-external metric "
                                  "(16777215 is LSInfinity)");
    }
    if (const Field* t = d.find("type")) {
      const uint64_t type = r_.whole_number(t->value, "type");
      if (type != 1 && type != 2)
        r_.fail(t->value.pos, "type " + std::to_string(type) + " must be 1 or 2");
      o.type = type == 1 ? ospf::ExternalType::kType1 : ospf::ExternalType::kType2;
    }
    if (const Field* a = d.find("always")) o.always = r_.boolean(a->value, "always");
    spec.default_originate = o;
  }
  if (const Field* f = fields.find("spf"); f && !f->value.node.IsNull())
    spec.spf = read_spf(f->value, node);
  if (const Field* f = fields.find("reference_bandwidth")) {
    spec.reference_bandwidth_bps = r_.bandwidth(f->value, "reference_bandwidth");
    if (is_bird(node.vendor))
      r_.warn(f->key_pos, "reference_bandwidth has no effect on " + vendor_text(node.vendor) +
                              ": BIRD's interface cost is 10 whatever the speed; set cost");
  }
  for (const char* name : {"preference", "external_preference"}) {
    const Field* f = fields.find(name);
    if (!f) continue;
    const uint64_t value = r_.whole_number(f->value, name);
    const uint32_t max = rib::max_preference(node.vendor);
    if (value > max)
      r_.fail(f->value.pos,
              std::string(name) + " " + std::to_string(value) + " is above the largest " +
                  std::string(rib::preference_word(node.vendor)) + " " + vendor_text(node.vendor) +
                  " accepts (" + std::to_string(max) + ")");
    (std::string_view(name) == "preference" ? spec.preference : spec.external_preference) =
        static_cast<uint32_t>(value);
  }
  return spec;
}

OspfInterfaceSpec RoutingLoader::read_ospf_interface(const Field& f, const ScenarioNode& node) {
  OspfInterfaceSpec spec;
  spec.name = f.name;
  spec.pos = f.key_pos;
  const ScenarioInterface* ifc = node.find_interface(f.name);
  if (!ifc) {
    std::vector<std::string> names;
    for (const ScenarioInterface& i : node.interfaces) names.push_back(i.name);
    r_.fail(f.key_pos, "unknown interface '" + f.name + "' on node '" + node.name + "'" +
                           did_you_mean_suffix(f.name, names) + "; its interfaces: " +
                           (names.empty() ? std::string("none") : join_list(names)));
  }
  if (ifc->addresses.empty())
    r_.fail(f.key_pos, "interface '" + f.name + "' of node '" + node.name +
                           "' has no address: OSPF needs one (give it one under addresses)");
  if (f.value.node.IsNull()) return spec;  // `ge-0/0/0:` alone: every default

  const std::string where = node.name + ":" + f.name;
  const Fields fields(r_, f.value, "ospf interface '" + f.name + "'",
                      {"type", "passive", "cost", "hello", "dead"});
  if (const Field* t = fields.find("type")) {
    const std::string word = r_.text(t->value, "type");
    if (word == "broadcast" || word == "nbma" || word == "p2mp" || word == "point-to-multipoint")
      r_.fail(t->value.pos, "interface type '" + word +
                                "' is not supported: mhsim models point-to-point interfaces only "
                                "(Junos interface-type p2p); use p2p");
    if (word != "p2p")
      r_.fail(t->value.pos, unknown_choice("interface type", word, kInterfaceTypes));
  }
  if (const Field* p = fields.find("passive")) spec.passive = r_.boolean(p->value, "passive");
  if (const Field* c = fields.find("cost")) {
    const uint64_t cost = r_.whole_number(c->value, "cost");
    // RFC 2328 §12.4.1.4 advertises loopbacks at cost 0 (Junos lo0's default).
    const uint64_t least = ifc->loopback() ? 0 : 1;
    if (cost < least || cost > kMaxCost)
      r_.fail(c->value.pos, "cost " + std::to_string(cost) + " must be " + std::to_string(least) +
                                " to 65535 (a Router-LSA link metric is 16 bits)");
    spec.cost = static_cast<uint32_t>(cost);
  }

  // Hellos carry both intervals in whole seconds and a neighbour drops a
  // Hello whose values differ from its own (§10.5).
  const ospf::OspfTimers defaults = ospf::default_timers(node.vendor);
  const auto interval = [&](const char* name) -> std::optional<sim::Duration> {
    const Field* x = fields.find(name);
    if (!x) return std::nullopt;
    const sim::Duration d = r_.duration(x->value, name);
    const std::string shown = std::string(name) + " " + seconds_text(d);
    if (d.ps() % kSecond.ps() != 0)
      r_.fail(x->value.pos,
              shown + " is not a whole number of seconds (OSPF Hellos carry seconds)");
    if (d < kSecond) r_.fail(x->value.pos, std::string(name) + " must be at least 1s");
    if (d / kSecond > kMaxInterval)
      r_.fail(x->value.pos, shown + " is above 65535s, the largest Junos, FRR and BIRD accept");
    if (spec.passive)
      r_.warn(x->key_pos, std::string(name) + " has no effect on " + where +
                              ": a passive interface sends no Hellos");
    return d;
  };
  spec.hello = interval("hello");
  spec.dead = interval("dead");
  const sim::Duration hello = spec.hello.value_or(defaults.hello_interval);
  const sim::Duration dead = spec.dead.value_or(defaults.dead_interval);
  if (dead <= hello) {
    const std::string vendor_default = ", the " + vendor_text(node.vendor) + " default";
    if (spec.dead) {
      const std::string hello_text =
          spec.hello ? "hello " + seconds_text(hello)
                     : "the hello interval (" + seconds_text(hello) + vendor_default + ")";
      r_.fail(fields.find("dead")->value.pos,
              "dead " + seconds_text(dead) + " must be greater than " + hello_text +
                  "; RFC 2328 suggests four times the hello interval");
    }
    r_.fail(fields.find("hello")->value.pos,
            "hello " + seconds_text(hello) + " must be less than the dead interval (" +
                seconds_text(dead) + vendor_default + "); set dead too, four times hello");
  }
  return spec;
}

// Each vendor throttles SPF its own way (models/ospf/spf_throttle.hpp); a
// knob its algorithm does not have is an error rather than silently unused.
OspfSpfSpec RoutingLoader::read_spf(const Item& v, const ScenarioNode& node) {
  const Fields fields(r_, v, "spf of node '" + node.name + "'",
                      {"delay", "holddown", "max_holddown", "rapid_runs", "tick"});
  const ospf::SpfThrottleKind kind = ospf::default_timers(node.vendor).spf.kind;
  std::vector<std::string> knobs;
  switch (kind) {
    case ospf::SpfThrottleKind::kJunos:
      knobs = {"delay", "holddown", "rapid_runs"};
      break;
    case ospf::SpfThrottleKind::kFrr:
      knobs = {"delay", "holddown", "max_holddown"};
      break;
    case ospf::SpfThrottleKind::kBirdTick:
      knobs = {"tick"};
      break;
    case ospf::SpfThrottleKind::kFixed:
      knobs = {"delay", "holddown"};
      break;
  }
  OspfSpfSpec spf;
  for (const Field& f : fields.all()) {
    if (std::find(knobs.begin(), knobs.end(), f.name) == knobs.end())
      r_.fail(f.key_pos, "spf " + f.name + " does not apply to " + vendor_text(node.vendor) +
                             " (its SPF throttle is " + std::string(ospf::to_string(kind)) +
                             "; it takes " + join_list(knobs) + ")");
    if (f.name == "rapid_runs") {
      const uint64_t n = r_.whole_number(f.value, "rapid_runs");
      if (n < 1 || n > 10)
        r_.fail(f.value.pos, "rapid_runs " + std::to_string(n) + " must be 1 to 10");
      spf.rapid_runs = static_cast<uint32_t>(n);
      continue;
    }
    const sim::Duration d = r_.duration(f.value, f.name);
    if (f.name == "tick" && d == sim::Duration::zero())
      r_.fail(f.value.pos, "tick must be greater than 0");
    (f.name == "delay"      ? spf.delay
     : f.name == "holddown" ? spf.holddown
     : f.name == "tick"     ? spf.tick
                            : spf.max_holddown) = d;
  }
  return spf;
}

// Both ends of each link: an adjacency needs OSPF on both, neither passive,
// and equal hello and dead intervals.
void RoutingLoader::check_ospf_links() {
  std::unordered_map<std::string, const RoutingSpec*> spec_of;
  for (const RoutingSpec& r : rc_.nodes) spec_of.emplace(r.node, &r);
  struct End {
    std::string name;  // node:interface
    const ScenarioNode* node = nullptr;
    const OspfSpec* ospf = nullptr;          // null: the node runs no OSPF
    const OspfInterfaceSpec* ifc = nullptr;  // null: not on this interface
  };
  const auto intervals = [](const End& e) {
    const ospf::OspfTimers d = ospf::default_timers(e.node->vendor);
    return std::pair{e.ifc->hello.value_or(d.hello_interval),
                     e.ifc->dead.value_or(d.dead_interval)};
  };
  for (const ScenarioLink& link : s_.links) {
    End ends[2];
    for (int i = 0; i < 2; ++i) {
      End& e = ends[i];
      e.name = link.ends[i].to_string();
      e.node = s_.find_node(link.ends[i].node);
      const auto it = spec_of.find(link.ends[i].node);
      if (it != spec_of.end() && it->second->ospf) {
        e.ospf = &*it->second->ospf;
        e.ifc = e.ospf->find_interface(link.ends[i].interface);
      }
    }
    for (int i = 0; i < 2; ++i) {
      const End& here = ends[i];
      const End& there = ends[1 - i];
      if (!here.ifc || here.ifc->passive) continue;
      if (!there.ospf)
        r_.warn(here.ifc->pos, "OSPF runs on " + here.name + ", but " + there.node->name +
                                   " at the other end of the link runs no OSPF: no adjacency "
                                   "will form over it");
      else if (!there.ifc)
        r_.warn(here.ifc->pos, "OSPF runs on " + here.name + ", but not on " + there.name +
                                   " at the other end of the link: no adjacency will form "
                                   "over it");
      else if (there.ifc->passive)
        r_.warn(here.ifc->pos, there.name +
                                   " at the other end of the link is passive: no "
                                   "adjacency will form with " +
                                   here.name);
    }
    if (!ends[0].ifc || !ends[1].ifc || ends[0].ifc->passive || ends[1].ifc->passive) continue;
    const auto [hello0, dead0] = intervals(ends[0]);
    const auto [hello1, dead1] = intervals(ends[1]);
    if (hello0 == hello1 && dead0 == dead1) continue;
    // Point at an end that sets its intervals: that is the line to change.
    const End& at = ends[1].ifc->hello || ends[1].ifc->dead ? ends[1] : ends[0];
    r_.warn(at.ifc->pos, "hello/dead intervals differ across the link: " + ends[0].name + " " +
                             seconds_text(hello0) + "/" + seconds_text(dead0) + ", " +
                             ends[1].name + " " + seconds_text(hello1) + "/" + seconds_text(dead1) +
                             ": each end drops the other's Hellos (RFC 2328 §10.5), so no "
                             "adjacency will form");
  }
}

}  // namespace run::detail
