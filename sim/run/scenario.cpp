#include "sim/run/scenario.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "sim/run/scenario_loader.hpp"
#include "sim/run/scenario_routing_loader.hpp"
#include "sim/run/scenario_traffic_loader.hpp"
#include "sim/run/yaml_reader.hpp"

namespace run {
namespace {

using detail::Field;
using detail::Fields;
using detail::Item;
using detail::YamlReader;

// Sections later issues will fill in. Rejecting them beats ignoring a
// user's configuration (a Junos-style `protocols` block) without a word.
const std::vector<std::string> kReservedSections = {"protocols"};

// Per-node settings written as top-level sections: point at where they go.
void check_misplaced_sections(const YamlReader& r, const YAML::Node& root) {
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) continue;
    const std::string name = kv.first.Scalar();
    if (name == "bgp" || name == "ospf" || name == "static" || name == "fib" ||
        name == "router_id")
      r.fail(r.pos(kv.first), "unknown field '" + name + "' in scenario: " + name +
                                  " is set per node, as routing.NODE." + name);
  }
}

std::string read_scenario_file(const std::string& path) {
  const SourcePos nowhere{path, 0, 0};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f)
    throw ScenarioError(nowhere, std::string("cannot open scenario file: ") + std::strerror(errno));
  std::string text;
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  const int error = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (error != 0)  // a directory opens fine and fails here
    throw ScenarioError(nowhere, std::string("cannot read scenario file: ") + std::strerror(error));
  return text;
}

// Where each document of a YAML stream starts (its first token, and its root
// node), without building it.
class DocumentMarks : public YAML::EventHandler {
 public:
  struct Document {
    YAML::Mark start, root;
  };
  std::vector<Document> documents;

  void OnDocumentStart(const YAML::Mark& m) override {
    documents.push_back({m, YAML::Mark::null_mark()});
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { node(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                const std::string&) override {
    node(m);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(m);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& m) {
    if (!documents.empty() && documents.back().root.is_null()) documents.back().root = m;
  }
};

SourcePos place(const std::string& path, const YAML::Mark& m) {
  return SourcePos{path, m.line + 1, m.column + 1};
}

YAML::Node parse_yaml(const std::string& path, const std::string& text) {
  // Not YAML::LoadAll: in yaml-cpp 0.7 it loops forever, allocating, on a
  // stray ',' outside a flow collection (jbeder/yaml-cpp#1040; fixed
  // upstream by PR #1319 in 2024, after Debian 12's 0.7). Its parser then
  // yields empty documents that all start at that token, so a document that
  // starts where the previous one did is that syntax error.
  DocumentMarks marks;
  YAML::Node root;
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(marks)) {
      const size_t n = marks.documents.size();
      if (n >= 2 && marks.documents[n - 1].start.pos == marks.documents[n - 2].start.pos) {
        const YAML::Mark m = marks.documents[n - 1].start;
        const size_t at = static_cast<size_t>(m.pos);
        throw ScenarioError(place(path, m), "YAML syntax error: unexpected '" +
                                                (at < text.size() ? text.substr(at, 1) : "") +
                                                "'");
      }
    }
    root = YAML::Load(text);  // the first document only
  } catch (const YAML::Exception& e) {
    SourcePos at{path, 0, 0};
    if (!e.mark.is_null()) at = place(path, e.mark);
    throw ScenarioError(at, "YAML syntax error: " + e.msg);
  }
  if (marks.documents.empty() || root.IsNull())
    throw ScenarioError(SourcePos{path, 1, 1}, "scenario file is empty");
  if (marks.documents.size() > 1) {
    const DocumentMarks::Document& d = marks.documents[1];
    throw ScenarioError(place(path, d.root.is_null() ? d.start : d.root),
                        "the file holds " + std::to_string(marks.documents.size()) +
                            " YAML documents; a scenario is a single document");
  }
  return root;
}

void read_name(YamlReader& r, const Fields& top, Scenario& s) {
  s.name = std::filesystem::path(s.file).stem().string();
  if (const Field* f = top.find("name")) s.name = r.text(f->value, "name");
  // The name becomes the default output directory, out/<name>.
  const SourcePos at = top.find("name") ? top.find("name")->value.pos : r.root_pos();
  if (s.name.empty() || s.name == "." || s.name == "..")
    r.fail(at, "name '" + s.name + "' cannot name an output directory");
  if (s.name.find('/') != std::string::npos)
    r.fail(at, "name '" + s.name + "' must not contain '/' (it names the output directory)");
}

}  // namespace

std::string_view action_name(EventAction a) {
  switch (a) {
    case EventAction::kDown: return "down";
    case EventAction::kUp: return "up";
    case EventAction::kSilent: return "silent";
    case EventAction::kLoss: return "loss";
    case EventAction::kRestore: return "restore";
    case EventAction::kPortDown: return "port-down";
    case EventAction::kPortUp: return "port-up";
    case EventAction::kCrash: return "crash";
    case EventAction::kBoot: return "boot";
    case EventAction::kClearBgp: return "clear-bgp";
    case EventAction::kSetTimers: return "set-timers";
    case EventAction::kBgpRestart: return "bgp-restart";
    case EventAction::kServiceDown: return "service-down";
    case EventAction::kServiceUp: return "service-up";
    case EventAction::kAddressAdd: return "address-add";
    case EventAction::kAddressRemove: return "address-remove";
  }
  return "?";
}

bool is_link_action(EventAction a) {
  return a == EventAction::kDown || a == EventAction::kUp || a == EventAction::kSilent ||
         a == EventAction::kLoss || a == EventAction::kRestore || a == EventAction::kPortDown ||
         a == EventAction::kPortUp;
}

std::string Scenario::target(const ScenarioEvent& e) const {
  // A port action acts on one end only: it names that port, "S-SW-1:swp9".
  if (e.action == EventAction::kPortDown || e.action == EventAction::kPortUp)
    return links[e.link].ends[e.side].to_string();
  if (is_link_action(e.action)) return links[e.link].name();
  std::string t = nodes[e.node].name;
  switch (e.action) {
    case EventAction::kClearBgp:
    case EventAction::kSetTimers:
      if (!e.neighbor.empty()) t += " " + e.neighbor;
      break;
    case EventAction::kServiceDown:
    case EventAction::kServiceUp:
      t += " " + e.address.addr.to_string();
      break;
    case EventAction::kAddressAdd:
    case EventAction::kAddressRemove:
      t += ":" + e.interface + " " + e.address.to_string();
      break;
    default:
      break;
  }
  return t;
}

std::string Scenario::describe(const ScenarioEvent& e) const {
  std::string d = std::string(action_name(e.action)) + " " + target(e);
  if (!e.from.empty()) d += " from " + e.from;
  return d;
}

const ScenarioInterface* ScenarioNode::find_interface(std::string_view name) const {
  for (const ScenarioInterface& i : interfaces)
    if (i.name == name) return &i;
  return nullptr;
}

const ScenarioNode* Scenario::find_node(std::string_view name) const {
  for (const ScenarioNode& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}

ScenarioLoad load_scenario_with_warnings(const std::string& path) {
  return load_scenario_from_string(read_scenario_file(path), path);
}

ScenarioLoad load_scenario_from_string(const std::string& text, const std::string& path) {
  YamlReader r(path);
  const YAML::Node root = parse_yaml(path, text);
  const Item root_item{root, r.root_pos()};
  if (!root.IsMap())
    r.fail(root_item.pos,
           "a scenario must be a map of sections (name, duration, topology, "
           "...), not " +
               std::string(detail::shape_name(root)));
  check_misplaced_sections(r, root);
  const Fields top(r, root_item, "scenario",
                   {"name", "description", "seed", "duration", "link_defaults", "topology",
                    "addresses", "services", "events", "prefix_lists", "policies", "routing",
                    "traffic", "outputs"},
                   kReservedSections);

  ScenarioLoad out;
  Scenario& s = out.scenario;
  s.file = path;
  read_name(r, top, s);
  if (const Field* f = top.find("description")) s.description = r.text(f->value, "description");
  if (const Field* f = top.find("seed")) s.seed = r.whole_number(f->value, "seed");
  const Field& duration = top.require("duration", r.root_pos());
  s.duration = r.duration(duration.value, "duration");
  if (s.duration == sim::Duration::zero())
    r.fail(duration.value.pos, "duration must be greater than 0");

  // An optional section left empty ("events:" with every entry commented
  // out) is the same as no section.
  const auto present = [](const Field* f) { return f && !f->value.node.IsNull(); };
  detail::ScenarioLoader loader(r, s);
  if (const Field* f = top.find("link_defaults"); present(f)) loader.read_link_defaults(f->value);
  const Field& topology = top.require("topology", r.root_pos());
  const Fields topo(r, topology.value, "topology", {"nodes", "links"});
  loader.read_nodes(topo.require("nodes").value);
  if (const Field* f = top.find("addresses"); present(f)) loader.read_addresses(f->value);
  if (const Field* f = topo.find("links"); present(f)) loader.read_links(f->value);
  if (const Field* f = top.find("services"); present(f)) loader.read_services(f->value);
  if (const Field* f = top.find("events"); present(f)) loader.read_events(f->value);
  loader.warn_about_bare_nodes();
  detail::RoutingLoader routing(r, s);
  if (const Field* f = top.find("prefix_lists"); present(f)) routing.read_prefix_lists(f->value);
  if (const Field* f = top.find("policies"); present(f)) routing.read_policies(f->value);
  if (const Field* f = top.find("routing"); present(f)) routing.read_routing(f->value);
  routing.finish();
  loader.check_event_references();
  if (const Field* f = top.find("traffic"); present(f)) detail::read_traffic(r, s, f->value);
  if (const Field* f = top.find("outputs"); present(f)) detail::read_outputs(r, s, f->value);
  out.warnings = r.take_warnings();
  return out;
}

Scenario load_scenario(const std::string& path) {
  return std::move(load_scenario_with_warnings(path).scenario);
}

void build_network(const Scenario& scenario, net::Network& network) {
  for (const ScenarioNode& n : scenario.nodes) {
    const net::NodeId id = network.add_node(n.name, n.kind, n.vendor);
    if (n.carrier_delay) network.node(id).carrier_delay = *n.carrier_delay;
    network.node(id).tcp_syn_linear_timeouts = n.tcp_syn_linear_timeouts;
    for (const ScenarioInterface& i : n.interfaces) {
      const net::InterfaceId ifc = network.add_interface(id, i.name);
      for (const net::InterfaceAddress& a : i.addresses) network.add_address(ifc, a);
    }
  }
  for (const ScenarioLink& l : scenario.links) {
    net::InterfaceId ends[2];
    for (int side = 0; side < 2; ++side)
      ends[side] =
          network.find_interface(network.find_node(l.ends[side].node), l.ends[side].interface);
    network.connect(ends[0], ends[1], l.params);
  }
}

net::LinkId link_id(const Scenario& scenario, const net::Network& network, size_t link) {
  const Endpoint& end = scenario.links[link].ends[0];
  return network.interface(network.find_interface(network.find_node(end.node), end.interface)).link;
}

void apply_link_event(net::Network& network, net::LinkId link, const ScenarioEvent& e) {
  switch (e.action) {
    case EventAction::kDown:
      network.set_carrier(link, false);
      break;
    case EventAction::kUp:
      network.set_carrier(link, true);
      break;
    case EventAction::kSilent:
      network.set_silent(link, e.side, true);
      break;
    case EventAction::kLoss:
      network.set_loss(link, e.side, e.probability);
      break;
    case EventAction::kRestore:
      network.restore(link);
      break;
    case EventAction::kPortDown:
    case EventAction::kPortUp:
      network.set_admin_up(network.link_end(link, e.side), e.action == EventAction::kPortUp);
      break;
    default:  // node actions: run::World
      break;
  }
}

void schedule_link_events(const Scenario& scenario, net::Network& network, sim::Simulator& sim) {
  for (const ScenarioEvent& e : scenario.events) {
    if (!is_link_action(e.action)) continue;
    sim.schedule_at(e.at, [n = &network, link = link_id(scenario, network, e.link), &e] {
      apply_link_event(*n, link, e);
    });
  }
}

}  // namespace run
