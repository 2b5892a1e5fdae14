// The traffic and outputs sections (see scenario_traffic_loader.hpp).
#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "sim/run/scenario_routing_loader.hpp"
#include "sim/run/scenario_traffic_loader.hpp"

namespace run {

std::string TrafficSpec::source_name(size_t i) const {
  return from.size() == 1 ? name : name + "@" + from[i].node;
}

namespace detail {
namespace {

constexpr uint32_t kMinPacket = 28;  // IPv4 header (20) + UDP header (8)
constexpr uint64_t kManyLinkLoadRows = 10'000'000;  // ~700 MB of CSV
constexpr uint32_t kMaxPacket = 65535;

bool is_glob(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }
bool usable(const net::InterfaceAddress& a) { return (a.addr.value >> 24) != 127; }

// A node's own address, as `from` uses it and `to: NODE` means it: the first
// address on a loopback (outside 127/8), else the first address at all.
std::optional<net::Ipv4> node_address(const ScenarioNode& n) {
  for (const ScenarioInterface& i : n.interfaces)
    if (i.loopback())
      for (const net::InterfaceAddress& a : i.addresses)
        if (usable(a)) return a.addr;
  for (const ScenarioInterface& i : n.interfaces)
    for (const net::InterfaceAddress& a : i.addresses)
      if (usable(a)) return a.addr;
  return std::nullopt;
}

class TrafficReader {
 public:
  TrafficReader(YamlReader& r, Scenario& s) : r_(r), s_(s) {
    for (size_t i = 0; i < s_.nodes.size(); ++i) {
      by_name_.emplace(s_.nodes[i].name, i);
      names_.push_back(s_.nodes[i].name);
    }
  }

  TrafficSpec read_entry(const Item& v) {
    const Fields f(r_, v, "traffic entry",
                   {"name", "from", "to", "pattern", "rate", "interval", "packet_size", "flows",
                    "dst_port", "start", "stop"});
    TrafficSpec t;
    t.pos = v.pos;
    const Field& from = f.require("from");
    const Field& to = f.require("to");
    read_from(from.value, t);
    read_to(to.value, t);
    if (const Field* n = f.find("name")) {
      t.name = r_.text(n->value, "name");
      if (t.name.empty()) r_.fail(n->value.pos, "traffic name must not be empty");
    } else {
      t.name = from_text(from.value) + "->" + t.to_text;
    }
    if (const Field* p = f.find("pattern")) {
      const std::string word = r_.text(p->value, "pattern");
      if (word == "cbr")
        t.pattern = traffic::Pattern::kCbr;
      else if (word == "poisson")
        t.pattern = traffic::Pattern::kPoisson;
      else
        r_.fail(p->value.pos, unknown_choice("pattern", word, {"cbr", "poisson"}));
    }
    read_rate(f, v, t);
    if (const Field* p = f.find("packet_size")) t.packet_bytes = packet_size(p->value);
    if (const Field* n = f.find("flows")) {
      const uint64_t flows = r_.whole_number(n->value, "flows");
      if (flows < 1 || flows > traffic::kMaxFlows)
        r_.fail(n->value.pos, "flows " + std::to_string(flows) + " must be 1 to " +
                                  std::to_string(traffic::kMaxFlows) +
                                  " (one source port each, from " +
                                  std::to_string(traffic::kFirstSourcePort) + ")");
      t.flows = static_cast<uint32_t>(flows);
    }
    if (const Field* p = f.find("dst_port")) {
      const uint64_t port = r_.whole_number(p->value, "dst_port");
      if (port > 65535)
        r_.fail(p->value.pos, "dst_port " + std::to_string(port) + " is above 65535");
      t.dst_port = static_cast<uint16_t>(port);
    }
    read_times(f, t);
    return t;
  }

  void check_unique(const TrafficSpec& t) {
    const auto [it, inserted] = seen_names_.emplace(t.name, t.pos.line);
    if (!inserted)
      r_.fail(t.pos, "duplicate traffic name '" + t.name + "' (first at line " +
                         std::to_string(it->second) + "); give each entry its own name");
  }

 private:
  std::string from_text(const Item& v) const {
    if (!v.node.IsSequence()) return v.node.Scalar();
    std::string out;
    for (const YAML::Node& n : v.node) out += (out.empty() ? "" : ",") + n.Scalar();
    return out;
  }

  void add_from(TrafficSpec& t, size_t node, const SourcePos& at) {
    for (const TrafficSpec::From& f : t.from)
      if (f.node == s_.nodes[node].name) return;  // a glob may overlap a name: once is enough
    const auto address = node_address(s_.nodes[node]);
    if (!address)
      r_.fail(at, "node '" + s_.nodes[node].name +
                      "' has no address to send from (give it one in addresses)");
    t.from.push_back(TrafficSpec::From{s_.nodes[node].name, *address});
  }

  void read_from(const Item& v, TrafficSpec& t) {
    std::vector<std::string> explicit_names;
    for (const Item& item : one_or_more(r_, v, "from")) {
      const std::string word = r_.text(item, "from");
      if (is_glob(word)) {
        bool any = false;
        for (size_t i = 0; i < s_.nodes.size(); ++i)
          if (::fnmatch(word.c_str(), s_.nodes[i].name.c_str(), 0) == 0) {
            add_from(t, i, item.pos);
            any = true;
          }
        if (!any) r_.fail(item.pos, "from pattern '" + word + "' matches no node");
        continue;
      }
      const auto it = by_name_.find(word);
      if (it == by_name_.end())
        r_.fail(item.pos,
                "unknown node '" + word + "' in from" + did_you_mean_suffix(word, names_));
      if (std::find(explicit_names.begin(), explicit_names.end(), word) != explicit_names.end())
        r_.fail(item.pos, "node '" + word + "' is listed twice in from");
      explicit_names.push_back(word);
      add_from(t, it->second, item.pos);
    }
  }

  void read_to(const Item& v, TrafficSpec& t) {
    t.to_text = r_.text(v, "to");
    if (const auto a = net::parse_ipv4(t.to_text)) {
      t.to = *a.value;
      return;
    }
    const auto it = by_name_.find(t.to_text);
    if (it == by_name_.end()) {
      const bool looks_numeric =
          !t.to_text.empty() && std::isdigit(static_cast<unsigned char>(t.to_text[0]));
      r_.fail(v.pos, looks_numeric
                         ? net::parse_ipv4(t.to_text).error
                         : "to '" + t.to_text + "' is neither an IPv4 address nor a node" +
                               did_you_mean_suffix(t.to_text, names_));
    }
    const auto address = node_address(s_.nodes[it->second]);
    if (!address) r_.fail(v.pos, "to node '" + t.to_text + "' has no address to send to");
    t.to = *address;
  }

  void read_rate(const Fields& f, const Item& entry, TrafficSpec& t) {
    const Field* rate = f.find("rate");
    const Field* interval = f.find("interval");
    if (rate && interval)
      r_.fail(interval->key_pos,
              "give rate or interval, not both (rate sets the interval from packet_size)");
    if (!rate && !interval) r_.fail(entry.pos, "traffic entry needs rate or interval");
    if (rate) {
      t.rate_bps = r_.bandwidth(rate->value, "rate");
      if (*t.rate_bps == 0) r_.fail(rate->value.pos, "rate must be greater than 0");
    } else {
      t.interval = r_.duration(interval->value, "interval");
      if (*t.interval == sim::Duration::zero())
        r_.fail(interval->value.pos, "interval must be greater than 0");
    }
  }

  // A bare number is bytes, as for mtu; "1000B" or "1.5kB" work too.
  uint32_t packet_size(const Item& v) const {
    const std::string text = r_.text(v, "packet_size");
    const bool bare = !text.empty() && std::all_of(text.begin(), text.end(),
                                                   [](unsigned char c) { return std::isdigit(c); });
    const uint64_t bytes =
        bare ? r_.whole_number(v, "packet_size") : r_.byte_size(v, "packet_size");
    if (bytes < kMinPacket || bytes > kMaxPacket)
      r_.fail(v.pos, "packet_size " + std::to_string(bytes) + " must be " +
                         std::to_string(kMinPacket) + " (IPv4 + UDP headers) to " +
                         std::to_string(kMaxPacket) + " bytes");
    return static_cast<uint32_t>(bytes);
  }

  void read_times(const Fields& f, TrafficSpec& t) {
    const Field* start = f.find("start");
    if (start) t.start = r_.duration(start->value, "start");
    if (const Field* stop = f.find("stop")) {
      t.stop = r_.duration(stop->value, "stop");
      if (*t.stop <= t.start)
        r_.fail(stop->value.pos, "stop " + sim::format_duration(*t.stop) + " is not after start " +
                                     sim::format_duration(t.start));
    }
    if (t.start >= s_.duration)
      r_.warn(start ? start->value.pos : t.pos,
              "traffic '" + t.name + "' starts at " + sim::format_duration(t.start) +
                  ", not before the end of the run (" + sim::format_duration(s_.duration) +
                  "): it sends nothing");
    for (const TrafficSpec::From& from : t.from)
      if (from.address == t.to)
        r_.warn(t.pos, "traffic '" + t.name + "' sends from " + from.node +
                           " to its own address: delivered without crossing a link");
  }

  YamlReader& r_;
  Scenario& s_;
  std::unordered_map<std::string, size_t> by_name_;
  std::vector<std::string> names_;
  std::map<std::string, int> seen_names_;
};

}  // namespace

void read_traffic(YamlReader& r, Scenario& s, const Item& v) {
  TrafficReader reader(r, s);
  for (const Item& entry : r.elements(v, "traffic")) {
    s.traffic.push_back(reader.read_entry(entry));
    reader.check_unique(s.traffic.back());
  }
}

void read_outputs(YamlReader& r, Scenario& s, const Item& v) {
  const Fields f(r, v, "outputs", {"sample_every"});
  if (const Field* e = f.find("sample_every")) {
    s.outputs.sample_every = r.duration(e->value, "sample_every");
    if (s.outputs.sample_every == sim::Duration::zero())
      r.fail(e->value.pos, "sample_every must be greater than 0");
    // link_load.csv has a row per link direction and sample; past
    // kManyLinkLoadRows it is hundreds of megabytes no one will read, and
    // every sample is an event.
    const uint64_t samples = static_cast<uint64_t>(s.duration / s.outputs.sample_every);
    const uint64_t directions = 2 * s.links.size();
    if (directions != 0 && samples > kManyLinkLoadRows / directions) {
      char rows[32];
      std::snprintf(rows, sizeof rows, "%.3g", static_cast<double>(samples) *
                                                   static_cast<double>(directions));
      r.warn(e->value.pos, "sample_every " + sim::format_duration(s.outputs.sample_every) +
                               " makes link_load.csv about " + rows + " rows long (" +
                               std::to_string(samples) + " samples in the " +
                               sim::format_duration(s.duration) + " run, " +
                               std::to_string(directions) +
                               " link directions each); use a longer interval");
    }
  }
}

}  // namespace detail
}  // namespace run
