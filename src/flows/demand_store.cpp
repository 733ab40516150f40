#include "flows/demand_store.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "core/error.hpp"
#include "handles/gdal.hpp"

namespace logiplan::flows {

double DemandMatrix::total() const {
  double t = 0;
  for (const auto& x : trips) t += x.trips;
  return t;
}

std::int64_t save_demand(db::Database& db, const DemandMatrix& m, bool replace) {
  db::Transaction tx(db);
  auto existing = db.prepare("SELECT id FROM demand_matrices WHERE name = ? AND vehicle_class = ?");
  existing.bind(1, m.name).bind(2, m.vehicle_class);
  if (existing.step()) {
    if (!replace) {
      throw DataError(fmt::format("demand '{}' for {} exists already (use --replace to replace it)", m.name, m.vehicle_class));
    }
    auto del = db.prepare("DELETE FROM demand_matrices WHERE id = ?");
    del.bind(1, existing.column_int(0)).step();
  }
  auto ins = db.prepare("INSERT INTO demand_matrices(name, vehicle_class, period, source, params) VALUES (?, ?, ?, ?, ?)");
  ins.bind(1, m.name).bind(2, m.vehicle_class).bind(3, m.period).bind(4, m.source).bind(5, m.params.dump()).step();
  const auto id = db.last_insert_rowid();
  // A pair given twice (a place both origin and destination of a generated matrix) adds up.
  auto trip = db.prepare(
      "INSERT INTO demand_trips(matrix_id, origin, destination, trips) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (matrix_id, origin, destination) DO UPDATE SET trips = trips + excluded.trips");
  for (const auto& t : m.trips) {
    if (t.trips <= 0) continue;
    trip.reset();
    trip.bind(1, id).bind(2, t.origin).bind(3, t.destination).bind(4, t.trips).step();
  }
  tx.commit();
  return id;
}

std::vector<DemandMatrix> list_demand(db::Database& db) {
  std::vector<DemandMatrix> out;
  auto st = db.prepare(
      "SELECT m.id, m.name, m.vehicle_class, m.period, m.source, m.params, count(t.trips), coalesce(sum(t.trips), 0) "
      "FROM demand_matrices m LEFT JOIN demand_trips t ON t.matrix_id = m.id GROUP BY m.id ORDER BY m.name, m.vehicle_class");
  while (st.step()) {
    DemandMatrix m;
    m.id = st.column_int(0), m.name = st.column_text(1), m.vehicle_class = st.column_text(2), m.period = st.column_text(3);
    m.source = st.column_text(4);
    m.params = nlohmann::json::parse(st.column_text(5), nullptr, false);
    m.params["pairs"] = st.column_int(6);
    m.params["total_trips"] = st.column_double(7);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<DemandMatrix> load_demand(db::Database& db, const std::string& name) {
  std::vector<DemandMatrix> out;
  for (auto& m : list_demand(db)) {
    if (m.name != name) continue;
    auto st = db.prepare("SELECT origin, destination, trips FROM demand_trips WHERE matrix_id = ? ORDER BY origin, destination");
    st.bind(1, m.id);
    while (st.step()) m.trips.push_back({st.column_text(0), st.column_text(1), st.column_double(2)});
    m.params.erase("pairs"), m.params.erase("total_trips");
    out.push_back(std::move(m));
  }
  if (out.empty()) {
    std::string names;
    for (const auto& m : list_demand(db)) {
      if (names.find(m.name) == std::string::npos) names += (names.empty() ? "" : ", ") + m.name;
    }
    throw DataError(fmt::format("no demand named '{}' in the project ({})", name,
                                names.empty() ? "it has none: `logiplan demand generate` or `demand import`" : "there are: " + names));
  }
  return out;
}

std::vector<Trip> read_od_table(const std::string& path) {
  auto ds = gdal::open_vector(path, {"AUTODETECT_TYPE=NO"});
  OGRLayer* layer = ds->GetLayer(0);
  if (!layer) throw DataError(fmt::format("{}: no table", path));
  const int offset = std::string(ds->GetDriver()->GetDescription()) == "CSV" ? 1 : 0;
  auto column = [&](const char* name) {
    const int i = layer->GetLayerDefn()->GetFieldIndex(name);
    if (i < 0) throw DataError(fmt::format("{}: no column '{}' (an OD table has origin, destination, trips)", path, name));
    return i;
  };
  const int o = column("origin"), d = column("destination"), t = column("trips");
  std::vector<Trip> out;
  std::map<std::pair<std::string, std::string>, GIntBig> seen;
  for (auto& f : gdal::Features(*layer, path)) {
    const GIntBig row = f->GetFID() + offset;
    const std::string origin = f->GetFieldAsString(o), destination = f->GetFieldAsString(d);
    std::string value = f->GetFieldAsString(t);
    if (origin.empty() || destination.empty()) throw DataError(fmt::format("{}: row {}: origin and destination are needed", path, row));
    if (value.find('.') == std::string::npos) std::replace(value.begin(), value.end(), ',', '.');
    char* end = nullptr;
    const double trips = std::strtod(value.c_str(), &end);
    if (value.empty() || *end || !std::isfinite(trips) || trips < 0) {
      throw DataError(fmt::format("{}: row {}: trips '{}' is not a non-negative number", path, row, f->GetFieldAsString(t)));
    }
    if (const auto [it, fresh] = seen.try_emplace({origin, destination}, row); !fresh) {
      throw DataError(fmt::format("{}: row {}: {} → {} repeats row {}", path, row, origin, destination, it->second));
    }
    out.push_back({origin, destination, trips});
  }
  if (out.empty()) throw DataError(fmt::format("{}: no rows", path));
  return out;
}

}  // namespace logiplan::flows
