// The events section: scripted link failures and repairs (one end's port
// shut among them), and node events (crash, boot, BGP clear, timer change,
// service failure, address change). See scenario_loader.hpp. References that
// need the routing section (BGP neighbours) and the services section are
// checked by check_event_references.
#include <algorithm>

#include "sim/run/scenario_loader.hpp"
#include "sim/run/scenario_routing_loader.hpp"

namespace run::detail {
namespace {

struct ActionInfo {
  const char* name;
  EventAction action;
};

constexpr ActionInfo kActions[] = {
    {"down", EventAction::kDown},
    {"up", EventAction::kUp},
    {"silent", EventAction::kSilent},
    {"loss", EventAction::kLoss},
    {"restore", EventAction::kRestore},
    {"port-down", EventAction::kPortDown},
    {"port-up", EventAction::kPortUp},
    {"crash", EventAction::kCrash},
    {"boot", EventAction::kBoot},
    {"clear-bgp", EventAction::kClearBgp},
    {"set-timers", EventAction::kSetTimers},
    {"bgp-restart", EventAction::kBgpRestart},
    {"service-down", EventAction::kServiceDown},
    {"service-up", EventAction::kServiceUp},
    {"address-add", EventAction::kAddressAdd},
    {"address-remove", EventAction::kAddressRemove},
};

std::vector<std::string> action_names(bool link) {
  std::vector<std::string> out;
  for (const ActionInfo& a : kActions)
    if (is_link_action(a.action) == link) out.push_back(a.name);
  return out;
}

// The fields each node action may carry besides at, node and action.
std::vector<std::string> node_fields(EventAction a) {
  switch (a) {
    case EventAction::kClearBgp:
      return {"neighbor"};
    case EventAction::kSetTimers:
      return {"neighbor", "hold_time", "keepalive", "reset"};
    case EventAction::kServiceDown:
    case EventAction::kServiceUp:
      return {"address"};
    case EventAction::kAddressAdd:
    case EventAction::kAddressRemove:
      return {"interface", "address"};
    default:
      return {};
  }
}

std::string at_text(sim::Time t) { return sim::format_duration(t.since_start()); }

}  // namespace

void ScenarioLoader::read_events(const Item& v) {
  for (const Item& event : r_.elements(v, "events")) read_event(event);
}

void ScenarioLoader::read_event(const Item& v) {
  const Fields fields(r_, v, "event",
                      {"at", "link", "node", "action", "from", "probability", "neighbor",
                       "interface", "address", "hold_time", "keepalive", "reset"});
  ScenarioEvent e;
  e.pos = v.pos;

  const Field& at = fields.require("at");
  e.at = sim::Time::zero() + r_.duration(at.value, "at");

  const Field& action = fields.require("action");
  const std::string action_text = r_.text(action.value, "action");
  const ActionInfo* info = nullptr;
  for (const ActionInfo& a : kActions)
    if (action_text == a.name) info = &a;
  if (!info) {
    std::vector<std::string> all = action_names(true);
    for (const std::string& n : action_names(false)) all.push_back(n);
    r_.fail(action.value.pos, "unknown action '" + action_text + "'" +
                                  did_you_mean_suffix(action_text, all) +
                                  "; link actions: " + join_list(action_names(true)) +
                                  "; node actions: " + join_list(action_names(false)));
  }
  e.action = info->action;

  if (!s_.events.empty() && e.at < s_.events.back().at)
    r_.fail(at.value.pos, "event at " + at_text(e.at) + " comes before the previous event at " +
                              at_text(s_.events.back().at) + " (line " +
                              std::to_string(s_.events.back().pos.line) +
                              "); list events in time order");
  if (e.at.since_start() > s_.duration)
    r_.warn(at.value.pos, "event at " + at_text(e.at) + " is after the end of the run (duration " +
                              sim::format_duration(s_.duration) + ") and will not happen");

  if (is_link_action(e.action))
    read_link_event(fields, e);
  else
    read_node_event(fields, e);
  s_.events.push_back(std::move(e));
}

void ScenarioLoader::read_link_event(const Fields& fields, ScenarioEvent& e) {
  const std::string action(action_name(e.action));
  for (const char* name : {"node", "neighbor", "interface", "address", "hold_time",
                           "keepalive", "reset"})
    if (const Field* f = fields.find(name))
      r_.fail(f->key_pos, "'" + std::string(name) + "' does not apply to link action '" + action +
                              "'");
  const Field& link = fields.require("link");
  // The link is named by either of its endpoints; port-down and port-up act
  // on the one named.
  const auto [node, ifname] = split_endpoint(link.value, "link");
  const auto& by_name = interface_by_name_[node];
  const auto found = by_name.find(ifname);
  if (found == by_name.end()) {
    std::vector<std::string> names;
    for (const ScenarioInterface& i : s_.nodes[node].interfaces) names.push_back(i.name);
    r_.fail(link.value.pos, "unknown interface '" + ifname + "' on node '" + s_.nodes[node].name +
                                "'" + did_you_mean_suffix(ifname, names));
  }
  const ScenarioInterface& ifc = s_.nodes[node].interfaces[found->second];
  if (!ifc.link)
    r_.fail(link.value.pos,
            "interface '" + endpoint_name(node, found->second) + "' is not connected to a link");
  e.link = *ifc.link;
  const ScenarioLink& l = s_.links[e.link];
  if (e.action == EventAction::kPortDown || e.action == EventAction::kPortUp)
    for (int side = 0; side < 2; ++side)
      if (l.ends[side].node == s_.nodes[node].name && l.ends[side].interface == ifname)
        e.side = side;

  // Silent and loss can hit one direction: the packets `from` sends.
  const bool one_way = e.action == EventAction::kSilent || e.action == EventAction::kLoss;
  if (const Field* from = fields.find("from")) {
    if (!one_way) r_.fail(from->key_pos, "'from' applies only to actions silent and loss");
    e.from = r_.text(from->value, "from");
    for (int side = 0; side < 2; ++side)
      if (l.ends[side].node == e.from) e.side = side;
    if (e.side < 0)
      r_.fail(from->value.pos, "'from' must be one of the nodes of link " + l.name() + " (" +
                                   l.ends[0].node + " or " + l.ends[1].node + "), not '" + e.from +
                                   "'");
  }

  const Field* probability = fields.find("probability");
  if (e.action == EventAction::kLoss) {
    if (!probability) r_.fail(e.pos, "action 'loss' needs a 'probability' from 0 to 1");
    e.probability = r_.probability(probability->value, "probability");
  } else if (probability) {
    r_.fail(probability->key_pos, "'probability' applies only to action loss");
  }
}

void ScenarioLoader::read_node_event(const Fields& fields, ScenarioEvent& e) {
  const std::string action(action_name(e.action));
  if (const Field* f = fields.find("link"))
    r_.fail(f->key_pos, "action '" + action + "' acts on a node: use 'node: NAME', not 'link'");
  const std::vector<std::string> allowed = node_fields(e.action);
  for (const char* name : {"from", "probability", "neighbor", "interface", "address",
                           "hold_time", "keepalive", "reset"})
    if (const Field* f = fields.find(name);
        f && std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      r_.fail(f->key_pos, "'" + std::string(name) + "' does not apply to action '" + action + "'" +
                              (allowed.empty() ? "" : " (it takes: " + join_list(allowed) + ")"));

  const Field& node_field = fields.require("node");
  const std::string node_name = r_.text(node_field.value, "node");
  e.node = find_node(node_name, node_field.value.pos, " in event");
  const ScenarioNode& node = s_.nodes[e.node];

  // A crashed node takes no other event until it boots.
  NodeEventState& state = node_event_state_[e.node];
  if (e.action == EventAction::kBoot) {
    if (!state.crashed)
      r_.fail(node_field.value.pos, "node '" + node.name + "' is running at " + at_text(e.at) +
                                        ": 'boot' starts a node that an earlier 'crash' stopped");
    state.crashed = false;
    return;
  }
  if (state.crashed)
    r_.fail(node_field.value.pos, "node '" + node.name + "' is down at " + at_text(e.at) +
                                      " (crashed at line " + std::to_string(state.crash_line) +
                                      "); 'boot' it first");
  if (e.action == EventAction::kCrash) {
    state.crashed = true;
    state.crash_line = e.pos.line;
    return;
  }

  if (const Field* f = fields.find("neighbor")) e.neighbor = r_.text(f->value, "neighbor");

  if (e.action == EventAction::kSetTimers) {
    const Field* hold = fields.find("hold_time");
    const Field* keepalive = fields.find("keepalive");
    if (!hold && !keepalive)
      r_.fail(e.pos, "action 'set-timers' needs 'hold_time', 'keepalive' or both");
    if (hold) e.hold_time = read_hold_time(r_, hold->value);
    if (keepalive) {
      e.keepalive_time = read_keepalive(r_, keepalive->value);
      if (e.hold_time && *e.hold_time != sim::Duration::zero() && *e.keepalive_time >= *e.hold_time)
        r_.fail(keepalive->value.pos, "keepalive must be less than hold_time");
    }
    if (const Field* f = fields.find("reset")) e.reset = r_.boolean(f->value, "reset");
  }

  if (e.action == EventAction::kServiceDown || e.action == EventAction::kServiceUp) {
    if (const Field* f = fields.find("address")) {
      const auto a = net::parse_ipv4(r_.text(f->value, "address"));
      if (!a) r_.fail(f->value.pos, a.error);
      // The service is looked up by check_event_references (0.0.0.0: its only one).
      e.address = net::InterfaceAddress{*a.value, 32};
    }
  }

  if (e.action == EventAction::kAddressAdd || e.action == EventAction::kAddressRemove)
    read_address_event(fields, e);
}

void ScenarioLoader::read_address_event(const Fields& fields, ScenarioEvent& e) {
  const ScenarioNode& node = s_.nodes[e.node];
  const Field& ifname = fields.require("interface");
  e.interface = r_.text(ifname.value, "interface");
  const ScenarioInterface* ifc = node.find_interface(e.interface);
  if (!ifc) {
    std::vector<std::string> names;
    for (const ScenarioInterface& i : node.interfaces) names.push_back(i.name);
    r_.fail(ifname.value.pos, "unknown interface '" + e.interface + "' on node '" + node.name +
                                  "'" + did_you_mean_suffix(e.interface, names));
  }
  const Field& address = fields.require("address");
  const auto parsed = net::parse_interface_address(r_.text(address.value, "address"));
  if (!parsed) r_.fail(address.value.pos, parsed.error);
  e.address = *parsed.value;

  // The interface's addresses as the earlier events leave them.
  const std::string key = node.name + ":" + e.interface;
  std::vector<net::InterfaceAddress>& now =
      event_addresses_.try_emplace(key, ifc->addresses).first->second;
  const auto same = [&](const net::InterfaceAddress& a) { return a.addr == e.address.addr; };
  const auto present = std::find_if(now.begin(), now.end(), same);
  if (e.action == EventAction::kAddressAdd) {
    if (present != now.end())
      r_.fail(address.value.pos, e.address.addr.to_string() + " is already on " + key + " at " +
                                     at_text(e.at) + " (as " + present->to_string() + ")");
    now.push_back(e.address);
  } else {
    if (present == now.end() || present->len != e.address.len)
      r_.fail(address.value.pos, e.address.to_string() + " is not on " + key + " at " +
                                     at_text(e.at) +
                                     (present == now.end() ? ""
                                                           : " (it has " + present->to_string() + ")"));
    now.erase(present);
  }
}

// --- after the routing and services sections -----------------------------------------

void ScenarioLoader::check_event_references() {
  for (ScenarioEvent& e : s_.events) {
    if (is_link_action(e.action)) continue;
    const ScenarioNode& node = s_.nodes[e.node];
    const std::string action(action_name(e.action));
    if (e.action == EventAction::kClearBgp || e.action == EventAction::kSetTimers ||
        e.action == EventAction::kBgpRestart) {
      const RoutingSpec* spec = s_.routing.find(node.name);
      if (!spec || !spec->bgp)
        r_.fail(e.pos, "action '" + action + "': node '" + node.name + "' runs no BGP");
      if (e.neighbor.empty()) continue;
      std::vector<std::string> names;
      bool found = false;
      for (const BgpNeighborSpec& nb : spec->bgp->neighbors) {
        names.push_back(nb.name);
        found = found || nb.name == e.neighbor || nb.address.to_string() == e.neighbor;
      }
      if (!found)
        r_.fail(e.pos, "action '" + action + "': node '" + node.name + "' has no BGP neighbour '" +
                           e.neighbor + "'" + did_you_mean_suffix(e.neighbor, names) +
                           " (name it by its name or address)");
    }
    if (e.action == EventAction::kServiceDown || e.action == EventAction::kServiceUp) {
      std::vector<const ServiceSpec*> mine;
      for (const ServiceSpec& svc : s_.services)
        if (svc.node == e.node) mine.push_back(&svc);
      if (mine.empty())
        r_.fail(e.pos, "action '" + action + "': node '" + node.name +
                           "' has no service (declare it in the 'services' section)");
      const bool named = e.address.addr.value != 0;
      if (!named && mine.size() > 1)
        r_.fail(e.pos, "action '" + action + "': node '" + node.name + "' has " +
                           std::to_string(mine.size()) + " services; name one with 'address'");
      const ServiceSpec* svc = mine.front();
      if (named) {
        svc = nullptr;
        for (const ServiceSpec* m : mine)
          if (m->address.addr == e.address.addr) svc = m;
        if (!svc)
          r_.fail(e.pos, "action '" + action + "': node '" + node.name + "' has no service at " +
                             e.address.addr.to_string());
      }
      e.address = svc->address;
      e.interface = svc->interface;
    }
  }
}

}  // namespace run::detail
