#include "siting/cost_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "handles/gdal.hpp"
#include "text/fold.hpp"

namespace logiplan::siting {

namespace {

struct Table {
  OGRLayer* layer;
  int row_offset;  // row = FID + offset, the header being row 1
};

std::string cell(OGRFeature& f, int i) {
  if (i < 0 || !f.IsFieldSetAndNotNull(i)) return {};
  std::string v = f.GetFieldAsString(i);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(v.begin());
  return v;
}

int column(OGRLayer& layer, const std::string& path, const std::string& name) {
  const int i = layer.GetLayerDefn()->GetFieldIndex(name.c_str());
  if (i < 0) {
    std::string have;
    for (int k = 0; k < layer.GetLayerDefn()->GetFieldCount(); ++k) {
      have += (k ? ", " : "") + std::string(layer.GetLayerDefn()->GetFieldDefn(k)->GetNameRef());
    }
    throw DataError(fmt::format("{}: no column '{}' (columns: {})", path, name, have.empty() ? "none" : have));
  }
  return i;
}

// A non-negative number; "" and "unreachable" give +infinity when allowed.
double number(const std::string& text, const std::string& where, const char* what, bool unreachable_ok) {
  const std::string key = text::match_key(text);
  if (unreachable_ok && (key.empty() || key == "unreachable" || key == "inf")) return kUnreachable;
  std::string s = text;
  if (s.find('.') == std::string::npos) std::replace(s.begin(), s.end(), ',', '.');
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end == s.c_str() || *end != '\0' || !std::isfinite(v)) {
    throw DataError(fmt::format("{}: {} '{}' is not a number{}", where, what, text,
                                unreachable_ok ? " (leave it empty, or write 'unreachable', for a pair no vehicle can make)" : ""));
  }
  if (v < 0) throw DataError(fmt::format("{}: {} {} is negative", where, what, text));
  return v;
}

}  // namespace

Problem read_cost_table(const std::string& path, const CostTableOptions& options) {
  auto ds = gdal::open_vector(path, {"AUTODETECT_TYPE=NO"});
  OGRLayer* layer = ds->GetLayer(0);
  if (!layer) throw DataError(fmt::format("{}: no table", path));
  const int row_offset = std::string(ds->GetDriver()->GetDescription()) == "CSV" ? 1 : 0;
  const int dcol = column(*layer, path, "demand"), ccol = column(*layer, path, "candidate"), kcol = column(*layer, path, "cost");
  Problem pr;
  std::map<std::string, std::size_t> demand_index, facility_index;
  std::map<std::pair<std::size_t, std::size_t>, std::pair<double, GIntBig>> pairs;  // -> cost, row
  for (auto& f : gdal::Features(*layer, path)) {
    const GIntBig row = f->GetFID() + row_offset;
    const std::string where = fmt::format("{}: row {}", path, row);
    const auto d = cell(*f, dcol), c = cell(*f, ccol);
    if (d.empty() || c.empty()) throw DataError(fmt::format("{}: a row needs a demand and a candidate", where));
    if (!text::is_valid_utf8(d) || !text::is_valid_utf8(c)) throw DataError(fmt::format("{}: ids must be UTF-8", where));
    const double cost = number(cell(*f, kcol), where, "cost", true);
    auto [di, dnew] = demand_index.try_emplace(d, pr.demands.size());
    if (dnew) pr.demands.push_back({d, d, 1.0});
    auto [ci, cnew] = facility_index.try_emplace(c, pr.facilities.size());
    if (cnew) pr.facilities.push_back({c, c, Role::candidate});
    const auto [it, fresh] = pairs.try_emplace({di->second, ci->second}, cost, row);
    if (!fresh) {
      throw DataError(fmt::format("{}: the pair demand '{}' – candidate '{}' repeats row {}", where, d, c, it->second.second));
    }
  }
  if (pr.demands.empty()) throw DataError(fmt::format("{}: no rows", path));
  const auto m = pr.facilities.size();
  pr.costs.assign(pr.demands.size() * m, kUnreachable);
  for (std::size_t i = 0; i < pr.demands.size(); ++i) {
    for (std::size_t j = 0; j < m; ++j) {
      const auto it = pairs.find({i, j});
      if (it == pairs.end()) {
        throw DataError(fmt::format("{}: no row for demand '{}' and candidate '{}' (every pair needs a row; leave the "
                                    "cost empty for a pair no vehicle can make)",
                                    path, pr.demands[i].id, pr.facilities[j].id));
      }
      pr.costs[i * m + j] = it->second.first;
    }
  }
  auto set_role = [&](const std::vector<std::string>& ids, Role role) {
    for (const auto& id : ids) {
      const auto it = facility_index.find(id);
      if (it == facility_index.end()) {
        throw DataError(fmt::format("{}: no candidate '{}' in the table (given as {})", path, id, role_name(role)));
      }
      pr.facilities[it->second].role = role;
    }
  };
  set_role(options.required, Role::required);
  set_role(options.competitors, Role::competitor);
  if (options.weights_path) {
    const auto& wpath = *options.weights_path;
    auto wds = gdal::open_vector(wpath, {"AUTODETECT_TYPE=NO"});
    OGRLayer* wl = wds->GetLayer(0);
    const int woff = std::string(wds->GetDriver()->GetDescription()) == "CSV" ? 1 : 0;
    const int wd = column(*wl, wpath, "demand"), ww = column(*wl, wpath, "weight");
    std::map<std::size_t, GIntBig> seen;
    for (auto& f : gdal::Features(*wl, wpath)) {
      const GIntBig row = f->GetFID() + woff;
      const std::string where = fmt::format("{}: row {}", wpath, row);
      const auto d = cell(*f, wd);
      const auto it = demand_index.find(d);
      if (it == demand_index.end()) throw DataError(fmt::format("{}: demand '{}' is not in {}", where, d, path));
      if (const auto [s, fresh] = seen.try_emplace(it->second, row); !fresh) {
        throw DataError(fmt::format("{}: demand '{}' repeats row {}", where, d, s->second));
      }
      pr.demands[it->second].weight = number(cell(*f, ww), where, "weight", false);
    }
    for (std::size_t i = 0; i < pr.demands.size(); ++i) {
      if (!seen.count(i)) throw DataError(fmt::format("{}: no weight for demand '{}'", wpath, pr.demands[i].id));
    }
  }
  if (options.facilities_path) {
    // candidate, and any of fixed_cost, capacity, attractiveness.
    const auto& fpath = *options.facilities_path;
    auto fds = gdal::open_vector(fpath, {"AUTODETECT_TYPE=NO"});
    OGRLayer* fl = fds->GetLayer(0);
    const int foff = std::string(fds->GetDriver()->GetDescription()) == "CSV" ? 1 : 0;
    const int fc = column(*fl, fpath, "candidate");
    auto optional = [&](const char* name) { return fl->GetLayerDefn()->GetFieldIndex(name); };
    const int fixed = optional("fixed_cost"), cap = optional("capacity"), attr = optional("attractiveness");
    if (fixed < 0 && cap < 0 && attr < 0) {
      throw DataError(fmt::format("{}: no column fixed_cost, capacity or attractiveness beside candidate", fpath));
    }
    std::map<std::size_t, GIntBig> seen;
    for (auto& f : gdal::Features(*fl, fpath)) {
      const GIntBig row = f->GetFID() + foff;
      const std::string where = fmt::format("{}: row {}", fpath, row);
      const auto c = cell(*f, fc);
      const auto it = facility_index.find(c);
      if (it == facility_index.end()) throw DataError(fmt::format("{}: candidate '{}' is not in {}", where, c, path));
      if (const auto [s, fresh] = seen.try_emplace(it->second, row); !fresh) {
        throw DataError(fmt::format("{}: candidate '{}' repeats row {}", where, c, s->second));
      }
      auto& fac = pr.facilities[it->second];
      if (fixed >= 0 && !cell(*f, fixed).empty()) fac.fixed_cost = number(cell(*f, fixed), where, "fixed_cost", false);
      if (cap >= 0 && !cell(*f, cap).empty()) fac.capacity = number(cell(*f, cap), where, "capacity", false);
      if (attr >= 0 && !cell(*f, attr).empty()) fac.attractiveness = number(cell(*f, attr), where, "attractiveness", false);
    }
  }
  return pr;
}

}  // namespace logiplan::siting
