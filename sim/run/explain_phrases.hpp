// Part of `mhsim explain` (explain.hpp): one trace record in words.
//
// Each record becomes a Phrase: the sentence for one node ("S-SW-1 runs SPF
// (3 routes)") and, for records that several nodes write at the same moment,
// a key and a plural predicate so they can share one sentence ("C-SW-1 and
// S-SW-2 run SPF"). The record texts come from the models' trace calls:
// models/net/network.cpp (link), models/bgp/session.cpp (bgp),
// models/ospf/*.cpp (ospf), models/bfd/session.cpp (bfd),
// models/node/health_check.cpp (health), sim/run/world_events.cpp (node,
// service, address). A text this file does not know is told as it stands.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/run/explain.hpp"

namespace run::explain_detail {

// Who owns an address or router id, from summary.json's nodes[].interfaces.
class Names {
 public:
  explicit Names(const nlohmann::json& summary);
  // "pc (10.10.1.2)", or the address alone when no node has it.
  std::string who(const std::string& address) const;
  // "pc", or the address itself.
  std::string node_of(const std::string& address) const;

 private:
  std::map<std::string, std::string> owner_;
};

struct Phrase {
  double at_s = 0;
  std::string subject;    // the node (or link) the sentence is about
  std::string category;   // the trace record's
  std::string key;        // same key at the same moment: one sentence; empty: never shared
  std::string one;        // the sentence for this subject alone, no final period
  std::string many;       // the plural predicate after "A and B"
  std::string item;       // listed in parentheses when shared ("eth0")
  std::string one_items;  // one subject, several items: "S-SW-1 sees its interfaces go down"
  bool minor = false;     // bookkeeping: counted, not told
};

Phrase phrase_of(const TraceRecord& r, const Names& names);

}  // namespace run::explain_detail
