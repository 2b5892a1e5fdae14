// The events section: scripted link failures and repairs (see scenario_loader.hpp).
#include "sim/run/scenario_loader.hpp"

namespace run::detail {
namespace {

const std::vector<std::string> kActions = {"down", "up", "silent", "loss", "restore"};

EventAction action_of(size_t index) {
  static constexpr EventAction actions[] = {EventAction::kDown, EventAction::kUp,
                                            EventAction::kSilent, EventAction::kLoss,
                                            EventAction::kRestore};
  return actions[index];
}

}  // namespace

void ScenarioLoader::read_events(const Item& v) {
  for (const Item& event : r_.elements(v, "events")) read_event(event);
}

void ScenarioLoader::read_event(const Item& v) {
  const Fields fields(r_, v, "event", {"at", "link", "action", "from", "probability"});
  ScenarioEvent e;
  e.pos = v.pos;

  const Field& at = fields.require("at");
  e.at = sim::Time::zero() + r_.duration(at.value, "at");

  const Field& action = fields.require("action");
  const std::string action_text = r_.text(action.value, "action");
  size_t index = 0;
  while (index < kActions.size() && kActions[index] != action_text) ++index;
  if (index == kActions.size())
    r_.fail(action.value.pos, "unknown action '" + action_text + "'" +
                                  did_you_mean_suffix(action_text, kActions) +
                                  "; use one of: " + join_list(kActions));
  e.action = action_of(index);

  // The link is named by either of its endpoints.
  const Field& link = fields.require("link");
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
    if (!probability) r_.fail(v.pos, "action 'loss' needs a 'probability' from 0 to 1");
    e.probability = r_.probability(probability->value, "probability");
  } else if (probability) {
    r_.fail(probability->key_pos, "'probability' applies only to action loss");
  }

  if (!s_.events.empty() && e.at < s_.events.back().at)
    r_.fail(at.value.pos, "event at " + sim::format_duration(e.at.since_start()) +
                              " comes before the previous event at " +
                              sim::format_duration(s_.events.back().at.since_start()) + " (line " +
                              std::to_string(s_.events.back().pos.line) +
                              "); list events in time order");
  if (e.at.since_start() > s_.duration)
    r_.warn(at.value.pos, "event at " + sim::format_duration(e.at.since_start()) +
                              " is after the end of the run (duration " +
                              sim::format_duration(s_.duration) + ") and will not happen");
  s_.events.push_back(std::move(e));
}

}  // namespace run::detail
