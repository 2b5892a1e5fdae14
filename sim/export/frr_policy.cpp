// FRR route-map and prefix-list syntax from the FRR user guide (doc/user/
// routemap.rst, filter.rst, bgp.rst): entries `permit|deny SEQ`, `match ip
// address prefix-list`, `match peer`, `on-match next`, `set distance`,
// `set local-preference`, `set metric`, `set ip next-hop peer-address`
// ("for an outgoing route-map ... the ip address of our self"), `set
// as-path prepend`; prefix-list entries `permit P [ge G] [le L]` with
// len < G <= L.
#include "sim/export/frr_policy.hpp"

#include <algorithm>

#include "sim/export/export_common.hpp"

namespace confgen::frr {
namespace {

// One prefix-list entry matching routes inside `p` with lengths [min, max];
// empty when the range is empty.
std::string list_entry(const net::Prefix& p, unsigned min_len, unsigned max_len) {
  min_len = std::max<unsigned>(min_len, p.len);
  if (min_len > max_len) return "";
  std::string e = "permit " + p.to_string();
  if (min_len > p.len) e += " ge " + std::to_string(min_len);
  if (max_len > p.len && !(min_len > p.len && max_len == 32)) e += " le " + std::to_string(max_len);
  return e;
}

const char* context_word(Context c) {
  switch (c) {
    case Context::kBgpImport: return "BGP import";
    case Context::kBgpExport: return "BGP export";
    case Context::kOspfRedistribute: return "OSPF redistribution";
  }
  return "";
}

const char* suffix(Context c) {
  switch (c) {
    case Context::kBgpImport: return "-IN";
    case Context::kBgpExport: return "-OUT";
    case Context::kOspfRedistribute: return "-OSPF";
  }
  return "";
}

// The `set` lines of a permit entry (comments for actions with no effect
// in this context: mhsim ignores them there too).
std::vector<std::string> set_lines(const policy::Term& term, const policy::Policy& p, size_t t,
                                   Context c, const std::string& node) {
  const bool bgp = c != Context::kOspfRedistribute;
  std::vector<std::string> out;
  std::vector<uint32_t> prepend;  // the ASes put in front, nearest first
  auto no_effect = [&](const std::string& what) {
    out.push_back("! " + what + ": no effect on " + context_word(c) + " routes");
  };
  auto refuse = [&](const std::string& why) {
    throw ExportError(node + ": " + where(p, t) + ": " + why);
  };
  for (const policy::Action& a : term.then) {
    const std::string v = std::to_string(a.value);
    switch (a.kind) {
      case policy::ActionKind::kSetPreference:
        // FRR route-map `set distance`: the administrative distance of the
        // route in this router only.
        if (c == Context::kBgpImport) out.push_back("set distance " + v);
        else no_effect("preference " + v);
        break;
      case policy::ActionKind::kSetLocalPref:
        if (bgp) out.push_back("set local-preference " + v);
        else no_effect("local_pref " + v);
        break;
      case policy::ActionKind::kSetMed:
        if (bgp) out.push_back("set metric " + v);
        else no_effect("med " + v);
        break;
      case policy::ActionKind::kSetMetric:
        if (!bgp) out.push_back("set metric " + v);
        else no_effect("metric " + v);
        break;
      case policy::ActionKind::kNextHopSelf:
        if (c != Context::kBgpExport) refuse("next_hop self applies to BGP export only");
        out.push_back("set ip next-hop peer-address");
        break;
      case policy::ActionKind::kSetNextHop:
        if (!bgp) refuse("next_hop cannot be set on OSPF redistribution");
        out.push_back("set ip next-hop " + net::Ipv4{a.value}.to_string());
        break;
      case policy::ActionKind::kPrependAsPath:
        if (!bgp) {
          no_effect("as_path_prepend");
          break;
        }
        prepend.insert(prepend.begin(), a.count, a.value);
        break;
      case policy::ActionKind::kLoadBalance:
        refuse(
            "load_balance is a Junos forwarding-table action; FRR installs every equal-cost "
            "path by itself");
    }
  }
  if (!prepend.empty()) {
    std::string s = "set as-path prepend";
    for (uint32_t as : prepend) s += " " + std::to_string(as);
    out.push_back(s);
  }
  return out;
}

}  // namespace

void RouteMapWriter::add_list(const std::string& name, const std::vector<std::string>& entries) {
  for (const auto& [n, e] : lists_)
    if (n == name) return;
  lists_.emplace_back(name, entries);
}

std::string RouteMapWriter::match_prefix(const policy::Match& m, const policy::Policy& p,
                                         size_t t) {
  if (m.route_filters.empty() && m.prefix_lists.empty()) return "";
  // A term that names one prefix list and nothing else uses it by its name.
  if (m.route_filters.empty() && m.prefix_lists.size() == 1 &&
      m.prefix_lists[0].how == policy::ListMatch::kExact) {
    const policy::PrefixList& list = *m.prefix_lists[0].list;
    std::vector<std::string> entries;
    for (const net::Prefix& q : list.prefixes) entries.push_back(list_entry(q, q.len, q.len));
    const auto it = std::find_if(lists_.begin(), lists_.end(),
                                 [&](const auto& l) { return l.first == list.name; });
    if (it == lists_.end() || it->second == entries) {
      if (entries.empty()) entries.push_back("deny any");
      add_list(list.name, entries);
      return list.name;
    }
  }
  std::vector<std::string> entries;
  auto push = [&](const std::string& e) {
    if (!e.empty() && std::find(entries.begin(), entries.end(), e) == entries.end())
      entries.push_back(e);
  };
  for (const policy::PrefixMatch& f : m.route_filters) push(list_entry(f.prefix, f.min_len, f.max_len));
  for (const policy::PrefixListMatch& l : m.prefix_lists)
    for (const net::Prefix& q : l.list->prefixes) {
      if (l.how == policy::ListMatch::kExact) push(list_entry(q, q.len, q.len));
      if (l.how == policy::ListMatch::kOrLonger) push(list_entry(q, q.len, 32));
      if (l.how == policy::ListMatch::kLonger) push(list_entry(q, q.len + 1u, 32));
    }
  if (entries.empty()) entries.push_back("deny any");  // the condition matches nothing
  const std::string base =
      p.name + "-" + (p.terms[t].name.empty() ? std::to_string(t + 1) : p.terms[t].name);
  for (std::string name = base;; name += "-" + std::to_string(t + 1)) {
    const auto it = std::find_if(lists_.begin(), lists_.end(),
                                 [&](const auto& l) { return l.first == name; });
    if (it == lists_.end()) {
      add_list(name, entries);
      return name;
    }
    if (it->second == entries) return name;
  }
}

std::string RouteMapWriter::route_map(std::span<const policy::Policy* const> chain,
                                      const MapOptions& o, const std::string& node) {
  std::string base;
  for (const policy::Policy* p : chain) base += (base.empty() ? "" : "+") + p->name;

  std::vector<std::string> entries;  // each "permit 10\n lines..."
  bool decided = false;
  for (const policy::Policy* p : chain) {
    for (size_t t = 0; t < p->terms.size() && !decided; ++t) {
      const policy::Term& term = p->terms[t];
      if (!term.from.protocols.empty())
        throw ExportError(node + ": " + where(*p, t) +
                          ": a protocol condition has no FRR route-map match here (FRR picks "
                          "protocols with `redistribute`)");
      std::vector<std::string> lines;
      const std::string list = match_prefix(term.from, *p, t);
      if (!list.empty()) lines.push_back("match ip address prefix-list " + list);
      if (!term.from.neighbours.empty()) {
        if (o.context != Context::kBgpImport || term.from.neighbours.size() > 1)
          throw ExportError(node + ": " + where(*p, t) +
                            ": FRR matches one neighbour per entry (`match peer`), on BGP import "
                            "only; give each neighbour its own policy");
        lines.push_back("match peer " + term.from.neighbours[0].to_string());
      }
      const bool unconditional = lines.empty();
      std::string kind;
      if (term.verdict == policy::Verdict::kReject) {
        kind = "deny";
      } else {
        kind = "permit";
        for (const std::string& s : set_lines(term, *p, t, o.context, node)) lines.push_back(s);
        if (term.verdict == policy::Verdict::kNext) lines.push_back("on-match next");
      }
      std::string e = kind + " " + std::to_string(10 * (entries.size() + 1)) + "\n";
      for (const std::string& l : lines) e += " " + l + "\n";
      entries.push_back(e);
      if (unconditional && term.verdict != policy::Verdict::kNext) decided = true;
    }
    if (!decided && p->default_verdict != policy::Verdict::kNext) {
      entries.push_back((p->default_verdict == policy::Verdict::kAccept ? "permit " : "deny ") +
                        std::to_string(10 * (entries.size() + 1)) + "\n");
      decided = true;
    }
    if (decided) break;
  }
  if (!decided)
    entries.push_back((o.fallback == policy::Verdict::kAccept ? "permit " : "deny ") +
                      std::to_string(10 * (entries.size() + 1)) + "\n");

  for (std::string name = base;; name += suffix(o.context)) {
    std::string text;
    for (const std::string& e : entries) text += "route-map " + name + " " + e + "exit\n!\n";
    const auto it = std::find_if(maps_.begin(), maps_.end(),
                                 [&](const auto& m) { return m.first == name; });
    if (it == maps_.end()) {
      maps_.emplace_back(name, text);
      return name;
    }
    if (it->second == text) return name;
  }
}

std::string RouteMapWriter::prefix_lists() const {
  std::string s;
  for (const auto& [name, entries] : lists_)
    for (size_t i = 0; i < entries.size(); ++i)
      s += "ip prefix-list " + name + " seq " + std::to_string(5 * (i + 1)) + " " + entries[i] + "\n";
  return s;
}

std::string RouteMapWriter::route_maps() const {
  std::string s;
  for (const auto& [name, text] : maps_) s += text;
  return s;
}

}  // namespace confgen::frr
