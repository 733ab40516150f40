#include "qgis/context_layers.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "crs/named_crs.hpp"
#include "handles/gdal.hpp"

namespace logiplan::qgis {

namespace {

std::string field_of(OGRFeature& f, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    const int i = f.GetFieldIndex(n);
    if (i >= 0 && f.IsFieldSetAndNotNull(i)) return f.GetFieldAsString(i);
  }
  return "";
}

OGRLayer* create_layer(GDALDataset& ds, const char* name, OGRwkbGeometryType type,
                       std::initializer_list<const char*> fields) {
  OGRSpatialReference wgs84 = crs::wgs84();
  OGRLayer* layer = ds.CreateLayer(name, &wgs84, type, nullptr);
  if (!layer) throw DataError(fmt::format("{}: cannot create layer {}: {}", ds.GetDescription(), name, gdal::last_error()));
  for (const char* n : fields) {
    OGRFieldDefn f(n, OFTString);
    layer->CreateField(&f);
  }
  return layer;
}

std::string attribution_of(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  if (name.find("geoBoundaries") != std::string::npos) {
    return "Administrative boundaries courtesy of geoBoundaries.org (public domain; ADM1, pre-2025 provinces)";
  }
  return name;
}

}  // namespace

ContextReport write_context_layers(GDALDataset& gpkg, const std::filesystem::path& file, const std::array<double, 4>& frame) {
  gdal::ensure_registered();
  gdal::DatasetPtr src(GDALDataset::Open(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!src) throw DataError(fmt::format("{}: not a vector data source GDAL can read: {}", file.string(), gdal::last_error()));
  OGRLayer* in = src->GetLayer(0);
  if (!in) throw DataError(fmt::format("{}: no layer", file.string()));
  const OGRSpatialReference* srs = in->GetSpatialRef();
  if (!srs) throw DataError(fmt::format("{}: the layer has no CRS; give a file with one (GeoJSON is WGS84)", file.string()));
  const OGRSpatialReference wgs84 = crs::wgs84();
  auto to_wgs84 = gdal::make_transformation(*srs, wgs84);

  OGRPolygon box;
  {
    OGRLinearRing ring;
    ring.addPoint(frame[0], frame[1]);
    ring.addPoint(frame[2], frame[1]);
    ring.addPoint(frame[2], frame[3]);
    ring.addPoint(frame[0], frame[3]);
    ring.addPoint(frame[0], frame[1]);
    box.addRing(&ring);
  }
  ContextReport report;
  report.attribution = attribution_of(file);
  OGRLayer* provinces = create_layer(gpkg, "provinces", wkbMultiPolygon, {"name", "iso"});
  OGRMultiPolygon land;  // every province, for the coastline
  if (provinces->StartTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write provinces", gpkg.GetDescription()));
  for (auto& f : *in) {
    OGRGeometry* g = f->GetGeometryRef();
    if (!g || g->IsEmpty()) continue;
    gdal::GeometryPtr geom(g->clone());
    if (geom->transform(to_wgs84.get()) != OGRERR_NONE) {
      throw DataError(fmt::format("{}: feature {}: cannot transform to WGS84", file.string(), f->GetFID()));
    }
    if (!geom->IsValid()) geom.reset(geom->MakeValid());
    if (!geom) throw DataError(fmt::format("{}: feature {}: invalid polygon GEOS cannot repair", file.string(), f->GetFID()));
    const auto flat = wkbFlatten(geom->getGeometryType());
    if (flat != wkbPolygon && flat != wkbMultiPolygon) {
      throw DataError(fmt::format("{}: feature {}: a {}, not a polygon: give a province (polygon) layer", file.string(),
                                  f->GetFID(), geom->getGeometryName()));
    }
    gdal::GeometryPtr multi(OGRGeometryFactory::forceToMultiPolygon(geom->clone()));
    for (auto* part : *multi->toMultiPolygon()) land.addGeometry(part);
    if (!geom->Intersects(&box)) continue;
    gdal::GeometryPtr clipped(geom->Intersection(&box));
    if (!clipped || clipped->IsEmpty()) continue;
    clipped.reset(OGRGeometryFactory::forceToMultiPolygon(clipped.release()));
    OGRFeature out(provinces->GetLayerDefn());
    out.SetField("name", field_of(*f, {"shapeName", "name", "ten", "NAME_1"}).c_str());
    out.SetField("iso", field_of(*f, {"shapeISO", "iso", "ISO"}).c_str());
    out.SetGeometry(clipped.get());
    if (provinces->CreateFeature(&out) != OGRERR_NONE) {
      throw DataError(fmt::format("{}: cannot write provinces: {}", gpkg.GetDescription(), gdal::last_error()));
    }
    ++report.provinces;
  }
  if (provinces->CommitTransaction() != OGRERR_NONE) throw DataError(fmt::format("{}: cannot write provinces", gpkg.GetDescription()));
  if (report.provinces == 0) {
    throw DataError(fmt::format("{}: no polygon falls in the map frame {:.2f},{:.2f} – {:.2f},{:.2f} (lon,lat): not a layer of "
                                "Viet Nam's provinces?", file.string(), frame[0], frame[1], frame[2], frame[3]));
  }
  // The coast: the outer boundary of the union of all provinces, then clipped.
  gdal::GeometryPtr all(land.UnionCascaded());
  if (!all) throw DataError(fmt::format("{}: cannot merge the provinces: {}", file.string(), gdal::last_error()));
  gdal::GeometryPtr coast(all->Boundary());
  if (coast) coast.reset(coast->Intersection(&box));
  OGRLayer* coastline = create_layer(gpkg, "coastline", wkbMultiLineString, {"kind"});
  if (coast && !coast->IsEmpty()) {
    coast.reset(OGRGeometryFactory::forceToMultiLineString(coast.release()));
    report.coastline_parts = coast->toMultiLineString()->getNumGeometries();
    OGRFeature out(coastline->GetLayerDefn());
    out.SetField("kind", "coast");
    out.SetGeometry(coast.get());
    if (coastline->CreateFeature(&out) != OGRERR_NONE) {
      throw DataError(fmt::format("{}: cannot write coastline: {}", gpkg.GetDescription(), gdal::last_error()));
    }
  }
  return report;
}

}  // namespace logiplan::qgis
