// BIRD 2 filter syntax: doc/bird.sgml, "Filters" (prefix sets `[ p, p+,
// p{a,b} ]`, `net ~ set`, `source = RTS_*`, attribute assignments) and the
// BGP and OSPF route attributes (`bgp_local_pref`, `bgp_med`,
// `bgp_next_hop`, `bgp_path.prepend()`, `ospf_metric1/2`).
#include "sim/export/bird_policy.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "sim/export/export_common.hpp"

namespace confgen::bird {
namespace {

// Words of the BIRD grammar a policy name must not become.
const std::set<std::string> kKeywords = {
    "accept", "all",    "area",    "as",     "bfd",    "bgp",    "define", "device",
    "direct", "else",   "export",  "false",  "filter", "from",   "function", "gw",
    "if",     "import", "interface", "ipv4", "ipv6",   "kernel", "local",  "neighbor",
    "net",    "none",   "ospf",    "preference", "print", "protocol", "reject", "return",
    "router", "source", "static",  "table",  "then",   "true",   "where"};

// One range of a prefix set: `p`, `p+` or `p{a,b}`; empty when it matches nothing.
std::string set_entry(const net::Prefix& p, unsigned min_len, unsigned max_len) {
  min_len = std::max<unsigned>(min_len, p.len);
  if (min_len > max_len) return "";
  if (min_len == p.len && max_len == p.len) return p.to_string();
  if (min_len == p.len && max_len == 32) return p.to_string() + "+";
  return p.to_string() + "{" + std::to_string(min_len) + "," + std::to_string(max_len) + "}";
}

std::string source_names(const policy::ProtocolSet& set) {
  std::vector<std::string> out;
  auto add = [&](rib::Protocol p, std::initializer_list<const char*> names) {
    if (set.contains(p)) out.insert(out.end(), names.begin(), names.end());
  };
  add(rib::Protocol::kDirect, {"RTS_DEVICE"});
  add(rib::Protocol::kStatic, {"RTS_STATIC"});
  add(rib::Protocol::kKernel, {"RTS_INHERIT"});
  add(rib::Protocol::kBgp, {"RTS_BGP"});
  add(rib::Protocol::kOspfInternal, {"RTS_OSPF", "RTS_OSPF_IA"});
  add(rib::Protocol::kOspfExternal1, {"RTS_OSPF_EXT1"});
  add(rib::Protocol::kOspfExternal2, {"RTS_OSPF_EXT2"});
  std::string s;
  for (const std::string& n : out) s += (s.empty() ? "" : ", ") + n;
  return s;
}

const char* context_word(Context c) {
  switch (c) {
    case Context::kBgpImport: return "BGP import";
    case Context::kBgpExport: return "BGP export";
    case Context::kOspfExport: return "OSPF export";
  }
  return "";
}

// The statements of one action; a `#` comment for an action that changes
// nothing in this context (mhsim ignores it there too).
std::string action(const policy::Action& a, const policy::Policy& p, size_t term,
                   const FilterOptions& o, const std::string& node) {
  const bool bgp = o.context != Context::kOspfExport;
  const std::string v = std::to_string(a.value);
  auto no_effect = [&](const std::string& what) {
    return "# " + what + ": no effect on " + context_word(o.context) + " routes";
  };
  auto refuse = [&](const std::string& why) -> std::string {
    throw ExportError(node + ": " + where(p, term) + ": " + why);
  };
  switch (a.kind) {
    case policy::ActionKind::kSetPreference:
      return o.context == Context::kBgpImport ? "preference = " + v + ";"
                                              : no_effect("preference " + v);
    case policy::ActionKind::kSetLocalPref:
      return bgp ? "bgp_local_pref = " + v + ";" : no_effect("local_pref " + v);
    case policy::ActionKind::kSetMed:
      return bgp ? "bgp_med = " + v + ";" : no_effect("med " + v);
    case policy::ActionKind::kSetMetric:
      if (bgp) return no_effect("metric " + v);
      return (o.external_type == ospf::ExternalType::kType1 ? "ospf_metric1 = " : "ospf_metric2 = ") +
             v + ";";
    case policy::ActionKind::kNextHopSelf:
      if (o.context != Context::kBgpExport)
        return refuse("next_hop self applies to BGP export only");
      if (o.ibgp)
        return refuse(
            "next_hop self towards an iBGP neighbour is BIRD's per-session `next hop self` "
            "option, not a filter action");
      // RFC 4271 §5.1.3: towards an external peer the next hop is our own
      // address anyway, which is what BIRD sends.
      return "# next_hop self: BIRD sends its own address to an eBGP neighbour anyway";
    case policy::ActionKind::kSetNextHop: {
      const std::string addr = net::Ipv4{a.value}.to_string();
      if (o.context == Context::kBgpExport) return "bgp_next_hop = " + addr + ";";
      if (o.context == Context::kBgpImport) return "gw = " + addr + ";";
      return refuse("next_hop " + addr + " cannot be set on OSPF export");
    }
    case policy::ActionKind::kPrependAsPath: {
      if (!bgp) return no_effect("as_path_prepend");
      std::string s;
      for (uint32_t i = 0; i < a.count; ++i)
        s += (i ? " " : "") + std::string("bgp_path.prepend(") + v + ");";
      return s;
    }
    case policy::ActionKind::kLoadBalance:
      return refuse(
          "load_balance is a Junos forwarding-table action; BIRD merges equal paths with the "
          "kernel protocol's `merge paths` (fib.merge_paths)");
  }
  return "";
}

}  // namespace

std::string symbol(const std::string& name) {
  std::string s;
  for (char c : name) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) s = "p_" + s;
  if (kKeywords.count(s)) s += "_";
  return s;
}

std::string FilterWriter::prefix_set_name(const policy::PrefixList& list) {
  const std::string name = symbol(list.name);
  for (const auto& [n, text] : defines_)
    if (n == name) return name;
  std::string text = "define " + name + " = [ ";
  for (size_t i = 0; i < list.prefixes.size(); ++i)
    text += (i ? ", " : "") + list.prefixes[i].to_string();
  text += " ];\n";
  defines_.emplace_back(name, text);
  return name;
}

std::string FilterWriter::condition(const policy::Match& m, const policy::Policy& p, size_t term,
                                    const FilterOptions& o, const std::string& node) {
  std::vector<std::string> all;  // ANDed
  // Route filters and prefix lists are one condition (any of them).
  std::vector<std::string> any;
  std::vector<std::string> inline_set;
  bool prefix_condition = false;
  for (const policy::PrefixMatch& f : m.route_filters) {
    prefix_condition = true;
    const std::string e = set_entry(f.prefix, f.min_len, f.max_len);
    if (!e.empty()) inline_set.push_back(e);
  }
  for (const policy::PrefixListMatch& l : m.prefix_lists) {
    prefix_condition = true;
    if (l.list->prefixes.empty()) continue;
    if (l.how == policy::ListMatch::kExact) {
      any.push_back("net ~ " + prefix_set_name(*l.list));
      continue;
    }
    for (const net::Prefix& q : l.list->prefixes) {
      const std::string e = l.how == policy::ListMatch::kOrLonger ? set_entry(q, q.len, 32)
                                                                   : set_entry(q, q.len + 1u, 32);
      if (!e.empty()) inline_set.push_back(e);
    }
  }
  if (inline_set.size() == 1 && any.empty() && m.route_filters.size() == 1 &&
      m.route_filters[0].min_len == m.route_filters[0].prefix.len &&
      m.route_filters[0].max_len == m.route_filters[0].prefix.len) {
    any.push_back("net = " + inline_set[0]);  // the write-up's own form
  } else if (!inline_set.empty()) {
    std::string s = "net ~ [ ";
    for (size_t i = 0; i < inline_set.size(); ++i) s += (i ? ", " : "") + inline_set[i];
    any.push_back(s + " ]");
  }
  if (prefix_condition) {
    if (any.empty()) return "false";  // every range is empty: the term never matches
    std::string s;
    for (size_t i = 0; i < any.size(); ++i) s += (i ? " || " : "") + any[i];
    all.push_back(any.size() > 1 ? "(" + s + ")" : s);
  }
  if (!m.protocols.empty()) all.push_back("source ~ [ " + source_names(m.protocols) + " ]");
  if (!m.neighbours.empty()) {
    if (o.context != Context::kBgpImport)
      throw ExportError(node + ": " + where(p, term) +
                        ": a neighbour condition has no BIRD attribute on " +
                        context_word(o.context) +
                        " (BIRD filters are per protocol: give each neighbour its own policy)");
    std::string s;
    for (size_t i = 0; i < m.neighbours.size(); ++i)
      s += (i ? " || " : "") + std::string("from = ") + m.neighbours[i].to_string();
    all.push_back(m.neighbours.size() > 1 ? "(" + s + ")" : s);
  }
  std::string s;
  for (size_t i = 0; i < all.size(); ++i) s += (i ? " && " : "") + all[i];
  return s;
}

std::string FilterWriter::filter(std::span<const policy::Policy* const> chain,
                                 const FilterOptions& o, const std::string& node,
                                 const std::string& prologue) {
  std::string base;
  for (const policy::Policy* p : chain) base += (base.empty() ? "" : "_") + p->name;
  base = symbol(base);

  std::string body = prologue;
  bool decided = false;
  for (const policy::Policy* p : chain) {
    for (size_t t = 0; t < p->terms.size() && !decided; ++t) {
      const policy::Term& term = p->terms[t];
      std::vector<std::string> stmts;
      for (const policy::Action& a : term.then) stmts.push_back(action(a, *p, t, o, node));
      if (term.verdict == policy::Verdict::kAccept) stmts.push_back("accept;");
      if (term.verdict == policy::Verdict::kReject) stmts.push_back("reject;");
      if (stmts.empty()) continue;
      const std::string cond = condition(term.from, *p, t, o, node);
      if (cond.empty()) {
        for (const std::string& s : stmts) body += "  " + s + "\n";
        if (term.verdict != policy::Verdict::kNext) decided = true;
      } else if (cond == "false") {
        body += "  # " + term_label(*p, t) + " of " + p->name + " matches no prefix\n";
      } else if (stmts.size() == 1 && stmts[0][0] != '#') {
        body += "  if " + cond + " then " + stmts[0] + "\n";
      } else {
        body += "  if " + cond + " then {\n";
        for (const std::string& s : stmts) body += "    " + s + "\n";
        body += "  }\n";
      }
    }
    if (!decided && p->default_verdict != policy::Verdict::kNext) {
      body += p->default_verdict == policy::Verdict::kAccept ? "  accept;\n" : "  reject;\n";
      decided = true;
    }
    if (decided) break;
  }
  if (!decided) body += "  reject;\n";

  for (std::string name = base;; name += "_" + std::string(o.context == Context::kOspfExport
                                                                 ? "ospf"
                                                                 : o.ibgp ? "ibgp" : "bgp")) {
    const std::string text = "filter " + name + " {\n" + body + "}\n";
    const auto it = std::find_if(filters_.begin(), filters_.end(),
                                 [&](const auto& f) { return f.first == name; });
    if (it == filters_.end()) {
      filters_.emplace_back(name, text);
      return name;
    }
    if (it->second == text) return name;
  }
}

std::string FilterWriter::defines() const {
  std::string s;
  for (const auto& [name, text] : defines_) s += text;
  return s;
}

std::string FilterWriter::filters() const {
  std::string s;
  for (const auto& [name, text] : filters_) s += (s.empty() ? "" : "\n") + text;
  return s;
}

}  // namespace confgen::bird
