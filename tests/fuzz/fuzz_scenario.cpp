// libFuzzer: scenario definitions (JSON) imported over a small network. Bad edits
// must be DataError/UsageError; nothing may be left in the project.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "network/network_store.hpp"
#include "project/project.hpp"
#include "scenario/scenario.hpp"

namespace {
logiplan::project::Project& project() {
  static auto p = [] {
    const auto path = std::filesystem::temp_directory_path() / "logiplan-fuzz-scenario.sqlite";
    auto proj = logiplan::project::Project::create(path, true);
    logiplan::network::Network net;
    net.nodes = {{{106.70, 20.80}, std::nullopt}, {{106.71, 20.80}, std::nullopt}, {{106.71, 20.81}, std::nullopt}};
    for (auto [a, b] : {std::pair{0, 1}, std::pair{1, 2}}) {
      logiplan::network::Edge e;
      e.from = a, e.to = b, e.mode = logiplan::network::Mode::road, e.road_class = "primary", e.name = "Đường A";
      e.geometry = {net.nodes[a].position, net.nodes[b].position};
      e.length_m = 1000, e.forward.speed_kmh = e.backward.speed_kmh = 50;
      e.source_id = "fuzz:" + std::to_string(a);
      net.edges.push_back(e);
    }
    logiplan::network::save_network(proj.db(), "main", net, nlohmann::json::array(), nlohmann::json::object(), false);
    return proj;
  }();
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& p = project();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size);
  } catch (const nlohmann::json::exception&) {
    return 0;  // the CLI turns this into "not valid JSON" (found by this fuzzer: number overflow is not a parse_error)
  }
  try {
    const auto name = logiplan::scenario::import_scenario(p.db(), j, "fuzz.json");
    logiplan::scenario::delete_scenario(p.db(), name);
  } catch (const logiplan::DataError&) {
  } catch (const logiplan::UsageError&) {
  }
  if (p.db().query_int("SELECT count(*) FROM scenarios").value_or(0) != 0) __builtin_trap();
  return 0;
}
