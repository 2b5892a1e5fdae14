// `mhsim explain`: the stories (explain.hpp). Split: explain_phrases.cpp
// turns one trace record into words; this file groups them into sentences,
// adds the convergence figures and prints the stories.
#include "sim/run/explain.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>

#include "sim/run/explain_phrases.hpp"
#include "sim/run/runner.hpp"

namespace run {
namespace {

using explain_detail::Names;
using explain_detail::Phrase;
using Json = nlohmann::json;

// Records less than this apart that say the same thing share a sentence:
// "at the same moment" for a reader, while SPF delays (200 ms) stay apart.
constexpr double kMomentS = 1e-3;

std::optional<double> number_at(const Json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}

std::string fixed(double v, int decimals) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(decimals) << v;
  return s.str();
}

// A time cut (not rounded) to `decimals`, as a clock shows it: 3.8928 is
// "3.892", so a later 3.892876 never reads as earlier. The half-nanosecond
// keeps 60.22 (60.2199999... in binary) at "60.220".
std::string cut(double t, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return fixed(std::floor((t + 5e-10) * scale) / scale, decimals);
}

// "60.200", with more digits when three would print the previous, different
// time again (60.000 then 60.000012).
std::string clock(double t, double previous) {
  for (int decimals : {3, 6}) {
    const std::string text = cut(t, decimals);
    if (std::isnan(previous) || text != cut(previous, decimals) || t == previous) return text;
  }
  return fixed(t, 9);
}

// "+200 ms", "+11.9 us", "+63.7 s".
std::string offset(double s) {
  std::ostringstream out;
  out << std::setprecision(3);
  if (s < 1e-3)
    out << "+" << s * 1e6 << " \u00b5s";
  else if (s < 1)
    out << "+" << s * 1e3 << " ms";
  else
    out << "+" << s << " s";
  return out.str();
}

// 4500 -> "4,500", as a reader counts.
std::string counted(uint64_t n) {
  std::string digits = std::to_string(n);
  for (size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string more_events(size_t untold) {
  return "... and " + counted(untold) + " more protocol event" + (untold == 1 ? "" : "s") +
         " (see trace.log).";
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string sentence(std::string text) {
  if (text.rfind("the ", 0) == 0) text[0] = 'T';
  return text + ".";
}

struct Event {
  size_t index = 0;
  double at_s = 0;
  std::string action, target;
  size_t window_of = 0;
  double window_end_s = 0;
  const Json* figures = nullptr;
};

// What the scripted event does, as the story's first sentence.
std::string opening(const Event& e) {
  const std::string& a = e.action;
  // Link events name "LINK[ from NODE]": a one-way failure says its sender.
  const size_t from = e.target.find(" from ");
  const std::string t = e.target.substr(0, from);
  const std::string way =
      from == std::string::npos ? "" : " in the direction" + e.target.substr(from);
  const std::string at = "At " + cut(e.at_s, 3) + " s ";
  if (a == "down") return at + "the link " + t + " loses carrier: its cable is pulled";
  if (a == "up") return at + "the link " + t + " gets carrier again";
  if (a == "restore")
    return at + "the link " + t + " is restored: carrier back, no loss, not silent";
  if (a == "silent")
    return at + "the link " + t + " goes silent" + way + ": frames vanish but carrier stays up";
  if (a == "loss") return at + "the link " + t + " starts losing frames at random" + way;
  // Port events name the port, "S-SW-1:swp9": only its node sees it.
  if (a == "port-down")
    return at + "the port " + t + " is shut: " + t.substr(0, t.find(':')) +
           " sees it go down at once, the far end keeps carrier and loses what it sends";
  if (a == "port-up") return at + "the port " + t + " is enabled again";
  if (a == "crash") return at + t + " crashes: it powers off without telling anyone";
  if (a == "boot") return at + t + " boots: its protocols start as at time zero";
  if (a == "clear-bgp") return at + "an operator resets BGP on " + t;
  if (a == "set-timers") return at + t + " gets new BGP timers, used from its next OPEN";
  // Node events name "NODE[ DETAIL]": "pc 192.168.100.1".
  const size_t space = t.find(' ');
  const std::string node = t.substr(0, space);
  const std::string detail = space == std::string::npos ? "" : t.substr(space + 1);
  if (a == "service-down" || a == "service-up")
    return at + "the service at " + (detail.empty() ? "" : detail + " on ") + node +
           (a == "service-down" ? " stops answering" : " answers again");
  if (a == "address-add") return at + "an address is added: " + t;
  if (a == "address-remove") return at + "an address is removed: " + t;
  return at + a + " " + t;
}

// A record that only restates the event's own opening sentence.
bool restates(const TraceRecord& r, const std::vector<const Event*>& here) {
  for (const Event* e : here) {
    if (r.at_s != e->at_s) continue;
    const std::string node = e->target.substr(0, e->target.find_first_of(" :"));
    const std::string link = e->target.substr(0, e->target.find(' '));  // drop " from pc"
    if (r.category == "link" && r.subject == link) return true;
    // A port event's own record: "S-SW-1 link swp9 admin down".
    const size_t admin = r.detail.find(" admin ");
    if (e->action.rfind("port-", 0) == 0 && r.category == "link" && admin != std::string::npos &&
        e->target == r.subject + ":" + r.detail.substr(0, admin))
      return true;
    if ((e->action == "crash" || e->action == "boot") && r.category == "node" && r.subject == node)
      return true;
    if (e->action.rfind("service-", 0) == 0 && r.category == "service" && r.subject == node)
      return true;
    if (e->action.rfind("address-", 0) == 0 && r.category == "address" && r.subject == node)
      return true;
  }
  return false;
}

// One sentence for records that say the same of several nodes (or of one
// node's several interfaces): "pc and S-SW-1 see their interfaces go down
// (eth0 and ge-0/0/9)", "S-SW-1 sees its interfaces go down (ge-0/0/0 and lo0)".
std::string group_sentence(const std::vector<Phrase>& g) {
  std::vector<std::string> who;
  std::vector<std::vector<std::string>> items;
  for (const Phrase& p : g) {
    auto it = std::find(who.begin(), who.end(), p.subject);
    if (it == who.end()) {
      who.push_back(p.subject);
      items.emplace_back();
      it = who.end() - 1;
    }
    if (!p.item.empty()) items[static_cast<size_t>(it - who.begin())].push_back(p.item);
  }
  if (std::all_of(items.begin(), items.end(), [](const auto& i) { return i.empty(); }))
    return joined(who) + " " + g.front().many;
  const bool one_each =
      std::all_of(items.begin(), items.end(), [](const auto& i) { return i.size() == 1; });
  std::string body = who.size() == 1 ? g.front().one_items : joined(who) + " " + g.front().many;
  if (who.size() == 1 || one_each) {
    std::vector<std::string> flat;
    for (const auto& i : items) flat.insert(flat.end(), i.begin(), i.end());
    if (!flat.empty()) body += " (" + joined(flat) + ")";
    return body;
  }
  std::string list;
  for (size_t i = 0; i < who.size(); ++i)
    list += (i ? "; " : "") + who[i] + ": " + joined(items[i]);
  return body + " (" + list + ")";
}

// Phrases -> sentences in time order, shared ones merged, at most `max`;
// `untold` counts the records left out. `origin`: the event's time (offsets
// are printed from it), NaN for the start-up.
std::vector<std::string> tell(std::vector<Phrase> phrases, double origin, double previous,
                              size_t max, size_t& untold) {
  std::stable_sort(phrases.begin(), phrases.end(),
                   [](const Phrase& a, const Phrase& b) { return a.at_s < b.at_s; });
  // A health check's address change is told by the health record of the
  // same moment ("... so it removes 192.168.100.1 from lo").
  for (const Phrase& p : phrases)
    if (p.category == "health")
      for (Phrase& q : phrases)
        if (q.category == "address" && q.subject == p.subject && q.at_s == p.at_s) q.minor = true;
  std::vector<std::vector<Phrase>> groups;
  for (Phrase& p : phrases) {
    if (p.minor) {
      ++untold;
      continue;
    }
    // Same key, same moment; a node already in the group joins it again
    // only with another item (its second interface going down).
    auto same = std::find_if(groups.begin(), groups.end(), [&](const std::vector<Phrase>& g) {
      return !p.key.empty() && !g.front().many.empty() && g.front().key == p.key &&
             p.at_s - g.front().at_s <= kMomentS &&
             (!p.item.empty() || std::none_of(g.begin(), g.end(), [&](const Phrase& q) {
               return q.subject == p.subject;
             }));
    });
    if (same != groups.end())
      same->push_back(std::move(p));
    else
      groups.push_back({std::move(p)});
  }
  std::vector<std::string> out;
  for (const std::vector<Phrase>& g : groups) {
    if (out.size() >= max) {
      untold += g.size();
      continue;
    }
    std::string body = g.size() == 1 ? g.front().one : group_sentence(g);
    const double t = g.front().at_s;
    if (t != previous) {
      std::string when = "At " + clock(t, previous) + " s";
      if (!std::isnan(origin) && t > origin) when += " (" + offset(t - origin) + ")";
      body = when + " " + body;
      previous = t;
    }
    out.push_back(sentence(body));
  }
  return out;
}

// The figures of summary.json's convergence entry, told last.
std::vector<std::string> closing(const Event& e) {
  std::vector<std::string> out;
  const Json& f = *e.figures;
  std::vector<std::string> unchanged;
  if (f.contains("nodes"))
    for (const Json& n : f["nodes"])
      if (number_at(n, "detected_s") && !number_at(n, "fib_converged_s"))
        unchanged.push_back(n.value("node", "?"));
  if (unchanged.size() == 1) out.push_back(unchanged[0] + "'s forwarding table does not change.");
  if (unchanged.size() > 1)
    out.push_back("The forwarding tables of " + joined(unchanged) + " do not change.");
  if (const auto converged = number_at(f, "network_converged_s")) {
    const std::string last =
        f.contains("network_converged_node") && f["network_converged_node"].is_string()
            ? f["network_converged_node"].get<std::string>() + "'s"
            : "the last";
    out.push_back("The network has converged at " + cut(e.at_s + *converged, 3) + " s (" +
                  offset(*converged) + "), when " + last + " forwarding table settles.");
  } else {
    out.push_back("No forwarding table changes after this event.");
  }

  uint64_t total = 0;
  std::vector<std::pair<uint64_t, std::string>> reasons;
  if (f.contains("packets_lost") && f["packets_lost"].is_object())
    for (const auto& [reason, n] : f["packets_lost"].items()) {
      if (!n.is_number_unsigned() && !n.is_number_integer()) continue;
      if (reason == "total")
        total = n.get<uint64_t>();
      else if (n.get<uint64_t>() > 0)
        reasons.emplace_back(n.get<uint64_t>(), reason);
    }
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> parts;
  for (const auto& [n, reason] : reasons) parts.push_back(counted(n) + " " + reason);
  const std::string lost = counted(total) + (total == 1 ? " packet was" : " packets were") +
                           " lost" + (parts.empty() ? "" : " (" + joined(parts) + ")");
  const std::optional<double> restored_at = number_at(f, "traffic_restored_s");
  const bool restored =
      !f.contains("restored") || !f["restored"].is_boolean() || f["restored"].get<bool>();
  if (total == 0)
    out.push_back("No data packet was lost.");
  else if (!restored)
    out.push_back("Traffic is not whole again when this event's window closes at " +
                  cut(e.window_end_s, 3) + " s: packets were still being lost; " + lost + ".");
  else if (restored_at && *restored_at > 0)
    out.push_back("Traffic is whole again from " + cut(e.at_s + *restored_at, 3) + " s (" +
                  offset(*restored_at) + "); " + lost + ".");
  else
    out.push_back("Only packets already on their way at the event were lost: " + lost + ".");
  if (const auto loops = number_at(f, "loops"); loops && *loops > 0)
    out.push_back(counted(static_cast<uint64_t>(*loops)) +
                  " of the packets went round a forwarding loop between nodes "
                  "that disagreed for a moment.");
  return out;
}

std::vector<Event> events_of(const Json& summary) {
  std::vector<Event> events;
  if (!summary.contains("convergence") || !summary["convergence"].is_array()) return events;
  const double end =
      number_at(summary, "end_time_s").value_or(std::numeric_limits<double>::infinity());
  for (const Json& c : summary["convergence"]) {
    Event e;
    e.index = c.value("index", events.size());
    e.at_s = number_at(c, "at_s").value_or(0);
    e.action = c.value("action", "");
    e.target = c.value("target", "");
    e.window_of = c.value("window_of", e.index);
    e.window_end_s = number_at(c, "window_end_s").value_or(end);
    e.figures = &c;
    events.push_back(e);
  }
  return events;
}

}  // namespace

std::vector<TraceRecord> parse_trace(std::istream& in, const std::string& path) {
  // "   60.000000000 S-SW-1 link ge-0/0/9 down": time, subject, category, detail.
  std::vector<TraceRecord> out;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string time, subject, category;
    fields >> time >> subject >> category;
    const bool number_ok = !time.empty() && time.find('.') != std::string::npos &&
                           time.find_first_not_of("-0123456789.") == std::string::npos;
    if (!number_ok || category.empty())
      throw ExplainError(path + ":" + std::to_string(number) +
                         ": error: not a trace line: " + line);
    std::string detail;
    std::getline(fields >> std::ws, detail);
    out.push_back(TraceRecord{std::stod(time), subject, category, detail});
  }
  return out;
}

std::vector<Story> explain_run(const Json& summary, const std::vector<TraceRecord>& trace,
                               const ExplainOptions& options) {
  const Names names(summary);
  const std::vector<Event> events = events_of(summary);
  const double end =
      number_at(summary, "end_time_s").value_or(std::numeric_limits<double>::infinity());
  std::vector<Story> stories;

  // The start-up: everything before the first event.
  const double first = events.empty() ? end : events.front().at_s;
  {
    std::vector<Phrase> phrases;
    for (const TraceRecord& r : trace)
      if (r.at_s < first) phrases.push_back(explain_detail::phrase_of(r, names));
    size_t untold = 0;
    Story s{events.empty() ? "The whole run, 0 s to " + cut(end, 3) + " s (no scripted events)"
                           : "Start-up, 0 s to " + cut(first, 3) + " s, before the first event",
            tell(phrases, std::nan(""), std::nan(""), options.max_sentences, untold)};
    if (untold > 0) s.sentences.push_back(more_events(untold));
    if (s.sentences.empty()) s.sentences.push_back("Nothing is in the trace.");
    stories.push_back(std::move(s));
  }

  for (const Event& e : events) {
    Story s{"Event " + std::to_string(e.index) + " at " + cut(e.at_s, 3) + " s: " + e.action + " " +
                e.target,
            {}};
    if (e.window_of != e.index) {
      s.sentences.push_back("This happens at the same moment as event " +
                            std::to_string(e.window_of) + ": its story tells both.");
      stories.push_back(std::move(s));
      continue;
    }
    std::vector<const Event*> here;
    for (const Event& o : events)
      if (o.window_of == e.index) here.push_back(&o);
    for (const Event* o : here) s.sentences.push_back(sentence(opening(*o)));

    std::vector<Phrase> phrases;
    for (const TraceRecord& r : trace)
      if (r.at_s >= e.at_s &&
          (r.at_s < e.window_end_s || (e.window_end_s >= end && r.at_s <= end)) &&
          !restates(r, here))
        phrases.push_back(explain_detail::phrase_of(r, names));
    if (e.figures->contains("nodes"))
      for (const Json& n : (*e.figures)["nodes"])
        if (const auto fib = number_at(n, "fib_converged_s")) {
          Phrase p;
          p.at_s = e.at_s + *fib;
          p.subject = n.value("node", "?");
          p.category = "fib";
          p.key = "fib";
          p.one = p.subject + "'s forwarding table changes for the last time";
          p.many = "change their forwarding tables for the last time";
          phrases.push_back(std::move(p));
        }
    size_t untold = 0;
    for (std::string& text : tell(phrases, e.at_s, e.at_s, options.max_sentences, untold))
      s.sentences.push_back(std::move(text));
    if (untold > 0) s.sentences.push_back(more_events(untold));
    for (std::string& text : closing(e)) s.sentences.push_back(std::move(text));
    stories.push_back(std::move(s));
  }
  return stories;
}

namespace {

void print_paragraph(std::ostream& out, const std::vector<std::string>& sentences) {
  constexpr size_t kWidth = 92;
  std::string line = " ";
  for (const std::string& s : sentences) {
    std::istringstream words(s);
    for (std::string w; words >> w;) {
      if (line.size() + 1 + w.size() > kWidth && line.size() > 2) {
        out << line << "\n";
        line = " ";
      }
      line += " " + w;
    }
  }
  if (line.size() > 2) out << line << "\n";
}

}  // namespace

int explain_command(const std::filesystem::path& dir, std::ostream& out, std::ostream& err) {
  const std::filesystem::path summary_path = dir / "summary.json";
  std::ifstream summary_file(summary_path);
  if (!summary_file) {
    err << "mhsim: error: " << summary_path.string() << ": cannot read; is " << dir.string()
        << " a directory written by `mhsim run`?\n";
    return kExitBadInput;
  }
  Json summary;
  try {
    summary = Json::parse(summary_file);
  } catch (const Json::parse_error& e) {
    err << "mhsim: error: " << summary_path.string() << ": not JSON: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::vector<TraceRecord> trace;
  const std::filesystem::path trace_path = dir / "trace.log";
  std::ifstream trace_file(trace_path);
  const bool have_trace = trace_file.is_open();
  try {
    if (have_trace) trace = parse_trace(trace_file, trace_path.string());
  } catch (const ExplainError& e) {
    err << "mhsim: " << e.what() << "\n";
    return kExitBadInput;
  }

  const Json scenario = summary.value("scenario", Json::object());
  out << scenario.value("name", dir.filename().string()) << ": the run as a story ("
      << scenario.value("file", std::string("?")) << ", seed " << summary.value("seed", 0) << ", "
      << fixed(number_at(summary, "end_time_s").value_or(0), 3) << " s simulated)\n";
  if (!have_trace)
    out << "(no trace.log in " << dir.string() << ": only the figures of summary.json are told)\n";
  const Json trace_info = summary.value("trace", Json::object());
  if (const std::string filter = trace_info.value("filter", ""); have_trace && !filter.empty())
    out << "(trace.log was written with --trace " << filter << ": it holds " << trace.size()
        << " of the run's " << trace_info.value("records", uint64_t{0})
        << " records, and the story tells only those)\n";
  if (!summary.contains("convergence"))
    out << "(summary.json has no \"convergence\" key: an older mhsim wrote it; no per-event "
           "figures)\n";
  for (const Story& s : explain_run(summary, trace)) {
    out << "\n" << s.title << "\n";
    print_paragraph(out, s.sentences);
  }
  return kExitOk;
}

}  // namespace run
