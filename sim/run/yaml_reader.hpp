// Typed, checked reading of yaml-cpp nodes for the scenario loader.
//
// yaml-cpp accepts any shape and merges nothing, so every rule a scenario
// file must follow is checked here or by the caller, and every failure
// becomes a ScenarioError at the offending node's line and column (yaml-cpp's
// marks are 0-based; ours are 1-based). Duplicate keys, which yaml-cpp keeps
// silently, are found by walking each map ourselves.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/time.hpp"
#include "sim/run/diagnostic.hpp"

namespace run::detail {

// A YAML value and the place to point at when it is wrong. An empty value
// (`key:` with nothing after it) has no useful mark of its own, so it points
// at its key.
struct Item {
  YAML::Node node;
  SourcePos pos;
};

struct Field {
  std::string name;
  SourcePos key_pos;
  Item value;
};

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  SourcePos pos(const YAML::Node& node) const;
  SourcePos root_pos() const { return SourcePos{file_, 1, 1}; }
  Item item(const YAML::Node& node) const { return Item{node, pos(node)}; }

  [[noreturn]] void fail(const SourcePos& at, std::string message) const;
  void warn(const SourcePos& at, std::string message);
  std::vector<std::string> take_warnings() { return std::move(warnings_); }

  // Shape checks; `what` is the subject of the message ("links", "node 'pc'").
  void expect_map(const Item& v, std::string_view what) const;
  void expect_list(const Item& v, std::string_view what) const;
  // The text of a single value.
  std::string text(const Item& v, std::string_view what) const;
  // The elements of a list, each with its place.
  std::vector<Item> elements(const Item& list, std::string_view what) const;

  sim::Duration duration(const Item& v, std::string_view what) const;
  uint64_t whole_number(const Item& v, std::string_view what) const;
  uint64_t bandwidth(const Item& v, std::string_view what) const;
  uint64_t byte_size(const Item& v, std::string_view what) const;
  double probability(const Item& v, std::string_view what) const;
  // Exactly `true` or `false` (not YAML 1.1's yes/no/on/off).
  bool boolean(const Item& v, std::string_view what) const;

 private:
  std::string file_;
  std::vector<std::string> warnings_;
};

// "a map", "a list", "a single value", "empty": for shape errors.
std::string_view shape_name(const YAML::Node& node);

// The fields of one YAML map, in file order, checked on construction: no
// duplicate keys, no names outside `allowed` (with a did-you-mean), and names
// in `reserved` rejected as "not supported yet".
class Fields {
 public:
  Fields(const YamlReader& reader, const Item& map, std::string context,
         std::vector<std::string> allowed, const std::vector<std::string>& reserved = {});

  const Field* find(std::string_view name) const;
  // Missing fields are reported at `missing_at` (the map itself by default).
  const Field& require(std::string_view name) const;
  const Field& require(std::string_view name, const SourcePos& missing_at) const;
  const std::vector<Field>& all() const { return fields_; }

 private:
  const YamlReader& reader_;
  SourcePos map_pos_;
  std::string context_;
  std::vector<Field> fields_;
};

// The entries of a map whose keys are names the user chose (nodes,
// interfaces): no duplicates or empty names. `what` names one key ("node"),
// `context` the map ("nodes") in messages.
std::vector<Field> named_entries(const YamlReader& reader, const Item& map, std::string_view what,
                                 std::string_view context);

}  // namespace run::detail
