#include "sim/run/yaml_reader.hpp"

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "sim/engine/parse.hpp"
#include "sim/run/units.hpp"

namespace run::detail {

std::string_view shape_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a single value";
    case YAML::NodeType::Null:
      return "empty";
    case YAML::NodeType::Undefined:
      break;
  }
  return "missing";
}

SourcePos YamlReader::pos(const YAML::Node& node) const {
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return root_pos();
  return SourcePos{file_, m.line + 1, m.column + 1};
}

void YamlReader::fail(const SourcePos& at, std::string message) const {
  throw ScenarioError(at, std::move(message));
}

void YamlReader::warn(const SourcePos& at, std::string message) {
  warnings_.push_back(format_diagnostic(at, "warning", message));
}

void YamlReader::expect_map(const Item& v, std::string_view what) const {
  if (!v.node.IsMap())
    fail(v.pos, std::string(what) + " must be a map, not " + std::string(shape_name(v.node)));
}

void YamlReader::expect_list(const Item& v, std::string_view what) const {
  if (!v.node.IsSequence())
    fail(v.pos, std::string(what) + " must be a list, not " + std::string(shape_name(v.node)));
}

std::string YamlReader::text(const Item& v, std::string_view what) const {
  if (!v.node.IsScalar())
    fail(v.pos,
         std::string(what) + " must be a single value, not " + std::string(shape_name(v.node)));
  return v.node.Scalar();
}

std::vector<Item> YamlReader::elements(const Item& list, std::string_view what) const {
  expect_list(list, what);
  std::vector<Item> out;
  out.reserve(list.node.size());
  for (const YAML::Node& element : list.node) {
    // An empty element ("- " alone) has no mark of its own; point at the list.
    out.push_back(Item{element, element.IsNull() ? list.pos : pos(element)});
  }
  return out;
}

sim::Duration YamlReader::duration(const Item& v, std::string_view what) const {
  auto d = sim::parse_duration(text(v, what));
  if (!d) fail(v.pos, d.error);
  return *d.value;
}

uint64_t YamlReader::whole_number(const Item& v, std::string_view what) const {
  auto n = sim::parse_unsigned(text(v, what));
  if (!n) fail(v.pos, std::string(what) + " " + n.error);
  return *n.value;
}

uint64_t YamlReader::bandwidth(const Item& v, std::string_view what) const {
  auto b = parse_bandwidth(text(v, what));
  if (!b) fail(v.pos, b.error);
  return *b.value;
}

uint64_t YamlReader::byte_size(const Item& v, std::string_view what) const {
  auto b = parse_byte_size(text(v, what), what);
  if (!b) fail(v.pos, b.error);
  return *b.value;
}

double YamlReader::probability(const Item& v, std::string_view what) const {
  const std::string s = text(v, what);
  double p = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), p);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(p))
    fail(v.pos, std::string(what) + " '" + s + "' is not a number");
  if (p < 0.0 || p > 1.0) fail(v.pos, std::string(what) + " " + s + " is outside [0, 1]");
  return p;
}

bool YamlReader::boolean(const Item& v, std::string_view what) const {
  const std::string s = text(v, what);
  if (s == "true") return true;
  if (s == "false") return false;
  fail(v.pos, std::string(what) + " must be true or false, not '" + s + "'");
}

Fields::Fields(const YamlReader& reader, const Item& map, std::string context,
               std::vector<std::string> allowed, const std::vector<std::string>& reserved)
    : reader_(reader), map_pos_(map.pos), context_(std::move(context)) {
  reader.expect_map(map, context_);
  for (const auto& kv : map.node) {
    const Item key = reader.item(kv.first);
    const std::string name = reader.text(key, "a field name in " + context_);
    for (const std::string& r : reserved)
      if (name == r) reader.fail(key.pos, "section '" + name + "' is not supported yet");
    bool known = false;
    for (const std::string& a : allowed) known = known || a == name;
    if (!known)
      reader.fail(key.pos, "unknown field '" + name + "' in " + context_ +
                               did_you_mean_suffix(name, allowed));
    for (const Field& f : fields_)
      if (f.name == name)
        reader.fail(key.pos, "duplicate field '" + name + "' in " + context_ + " (first at line " +
                                 std::to_string(f.key_pos.line) + ")");
    const YAML::Node& value = kv.second;
    fields_.push_back(
        Field{name, key.pos, Item{value, value.IsNull() ? key.pos : reader.pos(value)}});
  }
}

const Field* Fields::find(std::string_view name) const {
  for (const Field& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

const Field& Fields::require(std::string_view name) const { return require(name, map_pos_); }

const Field& Fields::require(std::string_view name, const SourcePos& missing_at) const {
  const Field* f = find(name);
  if (!f)
    reader_.fail(missing_at, "missing required field '" + std::string(name) + "' in " + context_);
  return *f;
}

std::vector<Field> named_entries(const YamlReader& reader, const Item& map, std::string_view what,
                                 std::string_view context) {
  reader.expect_map(map, context);
  std::vector<Field> out;
  std::unordered_map<std::string, int> first_line;  // fabrics have thousands of nodes
  for (const auto& kv : map.node) {
    const Item key = reader.item(kv.first);
    const std::string name = reader.text(key, std::string("a ") + std::string(what) + " name");
    if (name.empty()) reader.fail(key.pos, "empty " + std::string(what) + " name");
    const auto [it, inserted] = first_line.emplace(name, key.pos.line);
    if (!inserted)
      reader.fail(key.pos, "duplicate " + std::string(what) + " '" + name + "' in " +
                               std::string(context) + " (first at line " +
                               std::to_string(it->second) + ")");
    const YAML::Node& value = kv.second;
    out.push_back(Field{name, key.pos, Item{value, value.IsNull() ? key.pos : reader.pos(value)}});
  }
  return out;
}

}  // namespace run::detail
