#include "sim/run/explain_phrases.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace run::explain_detail {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> w;
  std::istringstream in(text);
  for (std::string s; in >> s;) w.push_back(s);
  return w;
}

// "(interface down)" at the end of a detail, without the parentheses.
std::string parenthesised(const std::string& detail) {
  const size_t open = detail.find('(');
  const size_t close = detail.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  return detail.substr(open + 1, close - open - 1);
}

// The two ends of a session, in a fixed order: both ends' records share a key.
std::string pair_key(const std::string& a, const std::string& b) {
  return a < b ? a + "|" + b : b + "|" + a;
}

// "192.168.100.1/10.255.0.1" (LSA id / advertising router) -> its parts.
std::pair<std::string, std::string> lsa_parts(const std::string& text) {
  const size_t slash = text.find('/');
  if (slash == std::string::npos) return {text, ""};
  return {text.substr(0, slash), text.substr(slash + 1)};
}

// "pc->S-SW-1" -> "pc to S-SW-1".
std::string from_to(std::string way) {
  if (const size_t arrow = way.find("->"); arrow != std::string::npos)
    way.replace(arrow, 2, " to ");
  return way;
}

Phrase told(const TraceRecord& r, std::string one) {
  Phrase p;
  p.at_s = r.at_s;
  p.subject = r.subject;
  p.category = r.category;
  p.one = std::move(one);
  return p;
}

Phrase shared(const TraceRecord& r, std::string key, std::string one, std::string many,
              std::string item = "") {
  Phrase p = told(r, std::move(one));
  p.key = std::move(key);
  p.many = std::move(many);
  p.item = std::move(item);
  return p;
}

Phrase bookkeeping(const TraceRecord& r) {
  Phrase p = told(r, r.subject + " " + r.category + " " + r.detail);
  p.minor = true;
  return p;
}

// Carrier and interface changes; silent and lossy directions.
Phrase link_phrase(const TraceRecord& r) {
  const std::string& s = r.subject;
  const std::vector<std::string> w = words_of(r.detail);
  if (s.find("--") != std::string::npos) {  // the link itself
    if (r.detail == "carrier down") return told(r, "the link " + s + " loses carrier");
    if (r.detail == "carrier up") return told(r, "the link " + s + " has carrier again");
    if (w.size() == 2 && (w[0] == "silent" || w[0] == "unsilent")) {
      const std::string way = from_to(w[1]);
      return told(r, w[0] == "silent" ? "the link " + s + " goes silent from " + way +
                                            ": frames that way vanish while carrier stays up"
                                      : "the link " + s + " carries frames from " + way + " again");
    }
    if (w.size() == 3 && w[0] == "loss") {
      const std::string way = from_to(w[2]);
      return told(r, "the link " + s + " now loses a share " + w[1] + " of the frames from " + way);
    }
    return told(r, "the link " + s + ": " + r.detail);
  }
  if (w.size() == 3 && w[1] == "admin" && (w[2] == "down" || w[2] == "up"))
    return told(r, s + (w[2] == "down" ? " shuts its port " : " enables its port ") + w[0]);
  if (w.size() == 2 && (w[1] == "down" || w[1] == "up")) {
    Phrase p = shared(r, "if-" + w[1], s + " sees its interface " + w[0] + " go " + w[1],
                      "see their interfaces go " + w[1], w[0]);
    p.one_items = s + " sees its interfaces go " + w[1];
    return p;
  }
  return told(r, s + ": " + r.detail);
}

Phrase bgp_phrase(const TraceRecord& r, const Names& names) {
  const std::vector<std::string> w = words_of(r.detail);
  if (w.size() < 3 || w[0] != "neighbor") return told(r, r.subject + " (BGP): " + r.detail);
  const std::string& s = r.subject;
  const std::string who = names.who(w[1]);
  const std::string pair = pair_key(s, names.node_of(w[1]));
  const std::string& state = w[2];
  const std::string why = parenthesised(r.detail);
  if (state == "Established")
    return shared(r, "bgp-up|" + pair, s + "'s BGP session with " + who + " is Established",
                  "establish their BGP session");
  if (state == "Idle") {
    if (why == "hold timer expired")
      return shared(r, "bgp-hold|" + pair,
                    s + "'s hold timer expires: it has heard no KEEPALIVE or UPDATE from " + who +
                        " for the hold time, so it drops the BGP session",
                    "let their hold timers expire and drop their BGP session");
    if (why == "BFD down")
      return shared(
          r, "bgp-bfd|" + pair,
          s + " drops its BGP session with " + who + " because BFD declared the neighbour down",
          "drop their BGP session because BFD declared the neighbour down");
    const std::string because = why.empty() ? "" : " (" + why + ")";
    return shared(r, "bgp-idle|" + pair + "|" + why,
                  s + " drops its BGP session with " + who + because,
                  "drop their BGP session" + because);
  }
  if (state == "Active")
    return told(r, s + "'s BGP session with " + who +
                       " is Active: it waits for the peer or for its own timer to connect again");
  return bookkeeping(r);  // Connect, OpenSent, OpenConfirm: passing states
}

Phrase ospf_phrase(const TraceRecord& r, const Names& names) {
  const std::vector<std::string> w = words_of(r.detail);
  const std::string& s = r.subject;
  if (w.size() >= 5 && w[0] == "neighbor" && w[2] == "on") {
    const std::string who = names.who(w[1]);
    std::string ifc = w[3];
    if (!ifc.empty() && ifc.back() == ':') ifc.pop_back();
    const std::string pair = pair_key(s, names.node_of(w[1]));
    if (w.size() == 7 && w[5] == "->" && w[6] == "Full")
      return shared(r, "ospf-full|" + pair,
                    s + "'s OSPF adjacency with " + who + " on " + ifc + " is Full",
                    "become fully adjacent in OSPF");
    if (w.size() == 7 && w[5] == "->" && w[6] == "Down")
      return shared(r, "ospf-down|" + pair,
                    s + " loses its OSPF adjacency with " + who + " on " + ifc,
                    "lose their OSPF adjacency");
    if (r.detail.find("inactivity timer expired") != std::string::npos)
      return told(r, s + " has heard no OSPF Hello from " + who + " on " + ifc +
                         " for the dead interval, so it declares the neighbour down");
    return bookkeeping(r);  // Init, 2-Way, ExStart, Exchange, Loading
  }
  if (w.size() >= 3 &&
      (w[0] == "originate" || w[0] == "flush" || w[0] == "remove" || w[0] == "maxage")) {
    const auto [id, adv] = lsa_parts(w[2]);
    const bool external = w[1] == "extern-lsa";
    const std::string owner = names.node_of(adv);
    const std::string what = external               ? "LSA for " + id
                             : w[1] == "router-lsa" ? "router LSA"
                                                    : w[1] + " " + w[2];
    if (w[0] == "originate" && external)
      return shared(r, "ext|" + id, s + " announces " + id + " into OSPF (an AS-external LSA)",
                    "announce " + id + " into OSPF");
    if (w[0] == "originate")
      return shared(r, "originate|" + w[1], s + " originates a new " + what,
                    "originate a new " + what);
    if (w[0] == "flush" && external)
      return shared(r, "flush|" + id,
                    s + " withdraws " + id + " from OSPF: it flushes its AS-external LSA",
                    "withdraw " + id + " from OSPF: they flush their AS-external LSAs");
    if (w[0] == "flush") return told(r, s + " flushes its " + what);
    if (w[0] == "remove")
      return shared(r, "remove|" + w[2],
                    s + " removes " + (owner == s ? "its own" : owner + "'s") + " flushed " + what +
                        " from its database",
                    "remove " + owner + "'s flushed " + what + " from their databases");
    return shared(r, "maxage|" + w[2], s + " ages out " + owner + "'s " + what,
                  "age out " + owner + "'s " + what);
  }
  if (r.detail.rfind("spf run, ", 0) == 0)
    return shared(r, "spf", s + " runs SPF (" + r.detail.substr(9) + ")", "run SPF");
  if (r.detail.rfind("external route recalculation", 0) == 0)
    return shared(r, "ext-recalc", s + " recalculates its OSPF external routes",
                  "recalculate their OSPF external routes");
  if (w.size() >= 2 && w[0] == "hello" && r.detail.find("dropped") != std::string::npos)
    return told(r, s + " ignores OSPF Hellos from " + names.who(w[2]) + ": " +
                       r.detail.substr(r.detail.find("dropped: ") == std::string::npos
                                           ? 0
                                           : r.detail.find("dropped: ") + 9));
  if (r.detail.rfind("start, router-id ", 0) == 0)
    return shared(r, "ospf-start", s + " starts OSPF (router ID " + r.detail.substr(17) + ")",
                  "start OSPF");
  if (w.empty() || w[0] == "discard" || w[0] == "retransmit" || w[0] == "refresh" ||
      w[0] == "interface")
    return bookkeeping(r);
  return told(r, s + " (OSPF): " + r.detail);
}

Phrase bfd_phrase(const TraceRecord& r, const Names& names) {
  const std::vector<std::string> w = words_of(r.detail);
  if (w.size() < 3 || w[0] != "session") return told(r, r.subject + " (BFD): " + r.detail);
  const std::string& s = r.subject;
  const std::string who = names.who(w[1]);
  const std::string pair = pair_key(s, names.node_of(w[1]));
  if (w[2] == "Up")
    return shared(r, "bfd-up|" + pair, s + "'s BFD session with " + who + " is Up",
                  "bring their BFD session Up");
  if (w[2] == "Down" || w[2] == "AdminDown") {
    const std::string diag = parenthesised(r.detail);
    const std::string because = diag.empty() ? "" : " (" + diag + ")";
    return shared(r, "bfd-down|" + pair + "|" + diag,
                  s + "'s BFD session with " + who + " goes " + w[2] + because,
                  "see their BFD session go " + w[2] + because);
  }
  return bookkeeping(r);  // Init
}

Phrase node_phrase(const TraceRecord& r) {
  const std::string& s = r.subject;
  const std::vector<std::string> w = words_of(r.detail);
  if (r.category == "node") {
    if (r.detail.rfind("crash", 0) == 0)
      return told(r, s + " crashes" + (r.detail.size() > 7 ? ": " + r.detail.substr(7) : ""));
    if (r.detail.rfind("boot", 0) == 0)
      return told(r, s + " boots" + (r.detail.size() > 6 ? ": " + r.detail.substr(6) : ""));
    if (r.detail == "power off" || r.detail == "power on") return told(r, s + " powers " + w[1]);
  }
  if (r.category == "service" && w.size() == 2)
    return told(r, "the service at " + w[0] + " on " + s +
                       (w[1] == "down" ? " stops answering" : " answers again"));
  if (r.category == "address" && w.size() == 3) {
    if (w[1] == "add") return told(r, s + " adds " + w[2] + " to " + w[0]);
    if (w[1] == "del") return told(r, s + " removes " + w[2] + " from " + w[0]);
  }
  if (r.category == "address" && w.size() == 4 && w[2] == "on")
    return told(
        r, s + (w[0] == "add" ? " adds " + w[1] + " to " : " removes " + w[1] + " from ") + w[3]);
  if (r.category == "health") {
    // "[NAME: ]192.168.100.1 down after 3 failed checks, address removed from lo"
    std::vector<std::string> h = w;
    if (!h.empty() && h[0].back() == ':') h.erase(h.begin());
    if (h.size() == 10 && (h[1] == "up" || h[1] == "down") && h[2] == "after" &&
        h[6] == "address") {
      const std::string& address = h[0];
      const std::string& count = h[3];
      const std::string& ifc = h[9];
      return told(r, h[1] == "down" ? s + "'s health check of " + address + " fails " + count +
                                          " times in a row, so it removes " + address + " from " +
                                          ifc
                                    : s + "'s health check of " + address + " succeeds " + count +
                                          " times in a row, so it adds " + address + " to " + ifc +
                                          " again");
    }
    return told(r, s + "'s health check: " + r.detail);
  }
  return told(r, s + " (" + r.category + "): " + r.detail);
}

}  // namespace

Names::Names(const nlohmann::json& summary) {
  if (!summary.contains("nodes") || !summary["nodes"].is_array()) return;
  for (const auto& node : summary["nodes"]) {
    const std::string name = node.value("name", "");
    if (!node.contains("interfaces")) continue;
    for (const auto& ifc : node["interfaces"]) {
      if (!ifc.contains("addresses")) continue;
      for (const auto& a : ifc["addresses"]) {
        const std::string text = a.get<std::string>();
        owner_.emplace(text.substr(0, text.find('/')), name);
      }
    }
  }
}

std::string Names::who(const std::string& address) const {
  const auto it = owner_.find(address);
  return it == owner_.end() ? address : it->second + " (" + address + ")";
}

std::string Names::node_of(const std::string& address) const {
  const auto it = owner_.find(address);
  return it == owner_.end() ? address : it->second;
}

Phrase phrase_of(const TraceRecord& r, const Names& names) {
  if (r.category == "link") return link_phrase(r);
  if (r.category == "bgp") return bgp_phrase(r, names);
  if (r.category == "ospf") return ospf_phrase(r, names);
  if (r.category == "bfd") return bfd_phrase(r, names);
  return node_phrase(r);
}

}  // namespace run::explain_detail
