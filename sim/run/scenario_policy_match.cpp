// The `from` part of policy terms: prefix lists, route filters, protocols
// and neighbours (see scenario_routing_loader.hpp).
#include <algorithm>
#include <cctype>

#include "sim/run/scenario_routing_loader.hpp"

namespace run::detail {
namespace {

const std::vector<std::string> kMatchTypes = {"exact", "orlonger", "longer", "upto",
                                              "prefix-length-range"};
const std::vector<std::string> kListMatches = {"exact", "orlonger", "longer"};
const std::vector<std::string> kProtocols = {"direct", "static",        "kernel",       "bgp",
                                             "ospf",   "ospf-internal", "ospf-external"};

// "/24" in a route filter.
uint8_t length_of(const YamlReader& r, const Item& v, std::string_view token,
                  const std::string& filter) {
  auto n = token.size() > 1 && token[0] == '/' ? sim::parse_unsigned(token.substr(1))
                                               : sim::Parsed<uint64_t>::fail("");
  if (!n || token.size() > 3 || *n.value > 32)
    r.fail(v.pos, "prefix length '" + std::string(token) + "' in route_filter '" + filter +
                      "' must be /0 to /32");
  return static_cast<uint8_t>(*n.value);
}

// ProtocolSet has no insert; a set is built from a list, and repeating a
// member is harmless, so pad the list to its full size with the first one.
policy::ProtocolSet protocol_set(const std::vector<rib::Protocol>& ps) {
  using P = rib::Protocol;
  P p[rib::kProtocolCount];
  for (int i = 0; i < rib::kProtocolCount; ++i)
    p[i] = static_cast<size_t>(i) < ps.size() ? ps[static_cast<size_t>(i)] : ps.front();
  static_assert(rib::kProtocolCount == 7, "list every slot below");
  return policy::ProtocolSet{p[0], p[1], p[2], p[3], p[4], p[5], p[6]};
}

void add_protocols(const YamlReader& r, const Item& v, std::vector<rib::Protocol>& out) {
  using P = rib::Protocol;
  const std::string name = r.text(v, "protocol");
  if (name == "direct")
    out.push_back(P::kDirect);
  else if (name == "static")
    out.push_back(P::kStatic);
  else if (name == "kernel")
    out.push_back(P::kKernel);
  else if (name == "bgp")
    out.push_back(P::kBgp);
  else if (name == "ospf")
    out.insert(out.end(), {P::kOspfInternal, P::kOspfExternal1, P::kOspfExternal2});
  else if (name == "ospf-internal")
    out.push_back(P::kOspfInternal);
  else if (name == "ospf-external")
    out.insert(out.end(), {P::kOspfExternal1, P::kOspfExternal2});
  else
    r.fail(v.pos, unknown_choice("protocol", name, kProtocols));
}

}  // namespace

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    const size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

// One value or a non-empty list of them.
std::vector<Item> one_or_more(const YamlReader& r, const Item& v, std::string_view what) {
  if (v.node.IsNull()) r.fail(v.pos, std::string(what) + " is empty");
  if (!v.node.IsSequence()) return {v};
  std::vector<Item> out = r.elements(v, what);
  if (out.empty()) r.fail(v.pos, std::string(what) + " is empty");
  return out;
}

std::string unknown_choice(std::string_view kind, const std::string& word,
                           const std::vector<std::string>& choices) {
  return "unknown " + std::string(kind) + " '" + word + "'" + did_you_mean_suffix(word, choices) +
         "; use one of: " + join_list(choices);
}

std::shared_ptr<const policy::PrefixList> RoutingLoader::find_prefix_list(const Item& name_item) {
  const std::string name = r_.text(name_item, "a prefix list name");
  const auto it = rc_.prefix_lists.find(name);
  if (it == rc_.prefix_lists.end())
    r_.fail(name_item.pos,
            "unknown prefix list '" + name + "'" + did_you_mean_suffix(name, list_names_));
  list_info_[name].used = true;
  return it->second;
}

policy::Match RoutingLoader::read_match(const Item& v) {
  if (v.node.IsNull()) r_.fail(v.pos, "from is empty: leave it out to match every route");
  const Fields fields(
      r_, v, "from", {"prefix_list", "prefix_list_filter", "route_filter", "protocol", "neighbor"});
  if (fields.all().empty()) r_.fail(v.pos, "from is empty: leave it out to match every route");
  policy::Match m;
  if (const Field* f = fields.find("prefix_list"))
    for (const Item& name : one_or_more(r_, f->value, "prefix_list"))
      m.prefix_lists.push_back(policy::PrefixListMatch{find_prefix_list(name)});
  if (const Field* f = fields.find("prefix_list_filter")) {
    for (const Item& plf : one_or_more(r_, f->value, "prefix_list_filter")) {
      const Fields pf(r_, plf, "prefix_list_filter", {"list", "match"});
      policy::PrefixListMatch plm{find_prefix_list(pf.require("list").value)};
      const Field& match = pf.require("match");
      const std::string how = r_.text(match.value, "match");
      if (how == "exact")
        plm.how = policy::ListMatch::kExact;
      else if (how == "orlonger")
        plm.how = policy::ListMatch::kOrLonger;
      else if (how == "longer")
        plm.how = policy::ListMatch::kLonger;
      else
        r_.fail(match.value.pos,
                unknown_choice("prefix_list_filter match type", how, kListMatches));
      m.prefix_lists.push_back(std::move(plm));
    }
  }
  if (const Field* f = fields.find("route_filter"))
    for (const Item& rf : one_or_more(r_, f->value, "route_filter"))
      m.route_filters.push_back(route_filter(rf));
  if (const Field* f = fields.find("protocol")) {
    std::vector<rib::Protocol> ps;
    for (const Item& p : one_or_more(r_, f->value, "protocol")) add_protocols(r_, p, ps);
    m.protocols = protocol_set(ps);
  }
  if (const Field* f = fields.find("neighbor"))
    for (const Item& a : one_or_more(r_, f->value, "neighbor")) {
      m.neighbours.push_back(ipv4(a));
      matched_neighbours_.emplace_back(m.neighbours.back(), a.pos);
    }
  return m;
}

policy::PrefixMatch RoutingLoader::route_filter(const Item& v) {
  const std::string text = r_.text(v, "route_filter");
  const std::vector<std::string> w = split_words(text);
  if (w.empty()) r_.fail(v.pos, "route_filter is empty");
  const auto prefix = net::parse_prefix(w[0]);
  if (!prefix) r_.fail(v.pos, prefix.error);
  const net::Prefix p = *prefix.value;
  if (w.size() == 1)
    r_.fail(v.pos, "route_filter '" + text +
                       "' needs a match type after the prefix: exact, orlonger, longer, "
                       "upto /N or prefix-length-range /A-/B");
  const std::string& type = w[1];
  const bool takes_length = type == "upto" || type == "prefix-length-range";
  if (std::find(kMatchTypes.begin(), kMatchTypes.end(), type) == kMatchTypes.end())
    r_.fail(v.pos, unknown_choice("route_filter match type", type, kMatchTypes));
  if (takes_length && w.size() < 3)
    r_.fail(v.pos, "route_filter '" + text + "': " + type + " needs " +
                       (type == "upto" ? "a prefix length, as in 'upto /24'"
                                       : "a length range, as in 'prefix-length-range /24-/32'"));
  if (w.size() > (takes_length ? 3u : 2u))
    r_.fail(v.pos, "unexpected '" + w[takes_length ? 3 : 2] + "' at the end of route_filter '" +
                       text + "'");
  const std::string plen = "/" + std::to_string(p.len);
  if (type == "exact") return policy::PrefixMatch::exact(p);
  if (type == "orlonger") return policy::PrefixMatch::orlonger(p);
  if (type == "longer") {
    if (p.len == 32)
      r_.warn(v.pos, "route_filter '" + text + "' matches nothing: no prefix is longer than /32");
    return policy::PrefixMatch::longer(p);
  }
  if (type == "upto") {
    const uint8_t max = length_of(r_, v, w[2], text);
    if (max < p.len)
      r_.fail(v.pos, "route_filter '" + text + "': upto " + w[2] +
                         " is shorter than the prefix's own length " + plen);
    return policy::PrefixMatch::upto(p, max);
  }
  const size_t dash = w[2].find('-');
  if (dash == std::string::npos)
    r_.fail(v.pos,
            "route_filter '" + text + "': prefix-length-range wants /A-/B, not '" + w[2] + "'");
  const uint8_t lo = length_of(r_, v, w[2].substr(0, dash), text);
  const uint8_t hi = length_of(r_, v, w[2].substr(dash + 1), text);
  if (lo < p.len)
    r_.fail(v.pos,
            "route_filter '" + text + "': the range starts below the prefix's own length " + plen);
  if (lo > hi)
    r_.fail(v.pos, "route_filter '" + text + "': the range " + w[2] + " is empty (" +
                       std::to_string(lo) + " > " + std::to_string(hi) + ")");
  return policy::PrefixMatch::range(p, lo, hi);
}

}  // namespace run::detail
