// The prefix_lists and policies sections, and policy chains (see
// scenario_routing_loader.hpp).
#include <algorithm>
#include <optional>

#include "models/rib/preference.hpp"
#include "sim/run/scenario_routing_loader.hpp"

namespace run::detail {
namespace {

using policy::Verdict;

const std::vector<std::string> kVerdicts = {"accept", "reject", "next"};

Verdict verdict_of(const YamlReader& r, const Item& v) {
  const std::string text = r.text(v, "action");
  if (text == "accept") return Verdict::kAccept;
  if (text == "reject") return Verdict::kReject;
  if (text == "next") return Verdict::kNext;
  r.fail(v.pos, unknown_choice("action", text, kVerdicts));
}

// Whether evaluating the policy always ends in accept or reject.
bool decides_every_route(const policy::Policy& p) {
  if (p.default_verdict != Verdict::kNext) return true;
  return std::any_of(p.terms.begin(), p.terms.end(), [&](const policy::Term& t) {
    return t.verdict != Verdict::kNext && t.from.route_filters.empty() &&
           t.from.prefix_lists.empty() && t.from.protocols.empty() && t.from.neighbours.empty();
  });
}

}  // namespace

RoutingLoader::RoutingLoader(YamlReader& reader, Scenario& scenario)
    : r_(reader), s_(scenario), rc_(scenario.routing) {
  // BIRD's `import all` / `export none`, usable on every vendor.
  for (const auto& [name, verdict] :
       {std::pair{"all", Verdict::kAccept}, std::pair{"none", Verdict::kReject}}) {
    rc_.policies.emplace(name, policy::Policy{name, {}, verdict});
    policy_info_.emplace(name, PolicyInfo{SourcePos{}, {}, true});
    policy_names_.emplace_back(name);
  }
}

// --- prefix lists ----------------------------------------------------------------

void RoutingLoader::read_prefix_lists(const Item& v) {
  for (const Field& f : named_entries(r_, v, "prefix list", "prefix_lists")) {
    const std::string context = "prefix list '" + f.name + "'";
    if (f.value.node.IsNull()) r_.fail(f.value.pos, "no prefixes given for " + context);
    auto list = std::make_shared<policy::PrefixList>();
    list->name = f.name;
    const std::vector<Item> items =
        f.value.node.IsSequence() ? r_.elements(f.value, context) : std::vector<Item>{f.value};
    std::map<net::Prefix, int> first_line;
    for (const Item& i : items) {
      const auto p = net::parse_prefix(r_.text(i, "a prefix"));
      if (!p) r_.fail(i.pos, p.error);
      const auto [it, inserted] = first_line.emplace(*p.value, i.pos.line);
      if (!inserted) {
        r_.warn(i.pos, "duplicate prefix " + p.value->to_string() + " in " + context +
                           " (first at line " + std::to_string(it->second) + ")");
        continue;
      }
      list->prefixes.push_back(*p.value);
    }
    if (list->prefixes.empty()) r_.warn(f.value.pos, context + " is empty and matches nothing");
    rc_.prefix_lists.emplace(f.name, std::move(list));
    list_info_.emplace(f.name, ListInfo{f.key_pos, false});
    list_names_.push_back(f.name);
  }
}

// --- policies ----------------------------------------------------------------------

void RoutingLoader::read_policies(const Item& v) {
  for (const Field& f : named_entries(r_, v, "policy", "policies")) {
    if (f.name == "all" || f.name == "none")
      r_.fail(f.key_pos, "policy name '" + f.name +
                             "' is built in ('all' accepts every route, 'none' rejects every "
                             "route); choose another name");
    read_policy(f);
  }
}

void RoutingLoader::read_policy(const Field& f) {
  const std::string context = "policy '" + f.name + "'";
  if (f.value.node.IsNull() || (f.value.node.IsSequence() && f.value.node.size() == 0))
    r_.fail(f.value.pos, context + " has no terms");
  PolicyInfo info{f.key_pos, {}, false};
  // Policies fall through to the protocol's default, as a Junos policy with
  // no final `then` does; the lab writes its `then reject` as a last term.
  policy::Policy p{f.name, {}, Verdict::kNext};
  std::map<std::string, int> term_lines;
  // The first term that accepts or rejects every route, and its line.
  std::optional<std::pair<Verdict, int>> decider;
  for (const Item& t : r_.elements(f.value, context)) {
    policy::Term term = read_term(t, context, info);
    if (!term.name.empty()) {
      const auto [it, inserted] = term_lines.emplace(term.name, t.pos.line);
      if (!inserted)
        r_.fail(t.pos, "duplicate term '" + term.name + "' in " + context + " (first at line " +
                           std::to_string(it->second) + ")");
    }
    if (decider)
      r_.warn(t.pos, "this term of " + context + " is never reached: the term at line " +
                         std::to_string(decider->second) + " " +
                         std::string(policy::verdict_name(decider->first)) + "s every route");
    else if (decides_every_route(policy::Policy{"", {term}, Verdict::kNext}))
      decider.emplace(term.verdict, t.pos.line);
    p.terms.push_back(std::move(term));
  }
  rc_.policies.emplace(f.name, std::move(p));
  policy_info_.emplace(f.name, std::move(info));
  policy_names_.push_back(f.name);
}

policy::Term RoutingLoader::read_term(const Item& v, const std::string& policy, PolicyInfo& info) {
  const Fields fields(r_, v, "term of " + policy, {"term", "from", "then"});
  policy::Term term;
  if (const Field* f = fields.find("term")) {
    term.name = r_.text(f->value, "term");
    if (term.name.empty()) r_.fail(f->value.pos, "empty term name");
  }
  if (const Field* f = fields.find("from")) term.from = read_match(f->value);
  read_then(fields.require("then").value, term, info);
  return term;
}

void RoutingLoader::read_then(const Item& v, policy::Term& term, PolicyInfo& info) {
  if (v.node.IsScalar()) {
    term.verdict = verdict_of(r_, v);
    return;
  }
  if (!v.node.IsMap())
    r_.fail(v.pos, "then must be accept, reject, next or a map of actions, not " +
                       std::string(shape_name(v.node)));
  const Fields fields(r_, v, "then",
                      {"preference", "local_pref", "med", "metric", "next_hop", "as_path_prepend",
                       "load_balance", "action"});
  if (fields.all().empty())
    r_.fail(v.pos, "then is empty: give an action (accept, reject, next) or a change to make");
  // Actions apply in the order written, as Junos applies a `then` block.
  for (const Field& f : fields.all()) {
    const Item& x = f.value;
    if (f.name == "action") {
      term.verdict = verdict_of(r_, x);
    } else if (f.name == "preference") {
      const uint32_t p = u32(x, "preference");
      info.preferences.emplace_back(p, x.pos);
      term.then.push_back(policy::Action::set_preference(p));
    } else if (f.name == "local_pref") {
      term.then.push_back(policy::Action::set_local_pref(u32(x, "local_pref")));
    } else if (f.name == "med") {
      term.then.push_back(policy::Action::set_med(u32(x, "med")));
    } else if (f.name == "metric") {
      term.then.push_back(policy::Action::set_metric(u32(x, "metric")));
    } else if (f.name == "next_hop") {
      const std::string text = r_.text(x, "next_hop");
      if (text == "self") {
        term.then.push_back(policy::Action::next_hop_self());
      } else {
        const auto a = net::parse_ipv4(text);
        if (!a) r_.fail(x.pos, "next_hop '" + text + "' is neither self nor an IPv4 address");
        term.then.push_back(policy::Action::set_next_hop(*a.value));
      }
    } else if (f.name == "as_path_prepend") {
      if (x.node.IsMap()) {
        const Fields pf(r_, x, "as_path_prepend", {"as", "count"});
        const uint32_t as = as_number(pf.require("as").value, "as");
        uint32_t count = 1;
        if (const Field* c = pf.find("count")) {
          const uint64_t n = r_.whole_number(c->value, "count");
          // An AS_PATH segment holds at most 255 ASes (RFC 4271 §4.3).
          if (n < 1 || n > 255)
            r_.fail(c->value.pos, "count " + std::to_string(n) + " must be 1 to 255");
          count = static_cast<uint32_t>(n);
        }
        term.then.push_back(policy::Action::prepend(as, count));
      } else {
        // "65000 65000": the path gets these ASes in front, in this order.
        const std::string text = r_.text(x, "as_path_prepend");
        std::vector<uint32_t> path;
        for (const std::string& w : split_words(text)) {
          const auto n = sim::parse_unsigned(w);
          if (!n || *n.value < 1 || *n.value > UINT32_MAX)
            r_.fail(x.pos, "'" + w + "' in as_path_prepend '" + text +
                               "' is not an AS number (1 to 4294967295)");
          path.push_back(static_cast<uint32_t>(*n.value));
        }
        if (path.empty()) r_.fail(x.pos, "as_path_prepend is empty");
        // Prepending puts ASes in front: add the last run first.
        for (size_t end = path.size(); end > 0;) {
          size_t start = end - 1;
          while (start > 0 && path[start - 1] == path[end - 1]) --start;
          term.then.push_back(
              policy::Action::prepend(path[end - 1], static_cast<uint32_t>(end - start)));
          end = start;
        }
      }
    } else if (f.name == "load_balance") {
      const std::string how = r_.text(x, "load_balance");
      if (how == "per-flow")
        r_.fail(x.pos,
                "load_balance 'per-flow' is not supported: Junos writes per-packet (and hashes "
                "it per flow on current hardware); use per-packet");
      if (how != "per-packet") r_.fail(x.pos, "unknown load_balance '" + how + "'; use per-packet");
      term.then.push_back(policy::Action::load_balance());
    }
  }
}

// --- chains --------------------------------------------------------------------------

std::vector<const policy::Policy*> RoutingLoader::read_chain(const Field& f,
                                                             const ScenarioNode& node) {
  if (f.value.node.IsNull() || (f.value.node.IsSequence() && f.value.node.size() == 0))
    r_.fail(f.value.pos, f.name + " is empty: leave it out for " +
                             std::string(vendor::name(node.vendor)) +
                             "'s default, or write all or none");
  std::vector<const policy::Policy*> chain;
  const policy::Policy* decider = nullptr;
  for (const Item& i : one_or_more(r_, f.value, f.name)) {
    const std::string name = r_.text(i, "a policy name");
    const auto it = rc_.policies.find(name);
    if (it == rc_.policies.end())
      r_.fail(i.pos, "unknown policy '" + name + "'" + did_you_mean_suffix(name, policy_names_));
    const policy::Policy* p = &it->second;
    if (std::find(chain.begin(), chain.end(), p) != chain.end())
      r_.fail(i.pos, "policy '" + name + "' is already in this " + f.name + " chain");
    if (decider)
      r_.warn(i.pos, "policy '" + name + "' in " + f.name + " is never evaluated: '" +
                         decider->name + "' before it decides every route");
    PolicyInfo& info = policy_info_.at(name);
    info.used = true;
    const uint32_t max = rib::max_preference(node.vendor);
    for (const auto& [value, at] : info.preferences)
      if (value > max)
        r_.fail(i.pos, "policy '" + name + "' sets preference " + std::to_string(value) +
                           " (line " + std::to_string(at.line) + "), above the largest " +
                           std::string(rib::preference_word(node.vendor)) + " " +
                           std::string(vendor::name(node.vendor)) + " accepts (" +
                           std::to_string(max) + ")");
    if (!decider && decides_every_route(*p)) decider = p;
    chain.push_back(p);
  }
  return chain;
}

}  // namespace run::detail
