"""One logiplan option as a Processing parameter, and back to command-line
arguments. Kinds:

  project   the project file (.sqlite), positional
  text      free text; with many=True a ';'-separated list, one flag per item
            (places are "id", "name" or "lon,lat", so ',' cannot separate them)
  number, integer
  enum      one of choices; a first choice of "" means "not given"
  flag      a boolean option given when true
  noflag    a boolean shown as "yes" by default, giving FLAG when false (--no-store)
  source    a vector layer: written to a temporary GeoPackage, its path passed
  file      an input file
  folder    an output folder
"""
import os

from qgis.core import (QgsFeatureRequest, QgsProcessing, QgsProcessingException, QgsProcessingParameterBoolean,
                       QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingUtils, QgsVectorFileWriter)

PROFILES = ["container_truck", "truck", "car", "motorbike", "rudimentary", "bus", "freight_multimodal"]
CRS_NAMES = ["wgs84", "vn2000-haiphong", "vn2000", "utm48n"]


class Param:
    def __init__(self, name, flag, kind, label, default=None, optional=True, choices=None, many=False,
                 extension=None, geometry=None):
        self.name, self.flag, self.kind, self.label = name, flag, kind, label
        self.default, self.optional, self.choices, self.many = default, optional, choices, many
        self.extension, self.geometry = extension, geometry

    def definition(self):
        n, label, opt = self.name, self.label, self.optional
        if self.kind == "project":
            return QgsProcessingParameterFile(n, label, extension="sqlite", optional=opt)
        if self.kind == "text":
            return QgsProcessingParameterString(n, label, defaultValue=self.default, optional=opt)
        if self.kind in ("number", "integer"):
            t = QgsProcessingParameterNumber.Double if self.kind == "number" else QgsProcessingParameterNumber.Integer
            return QgsProcessingParameterNumber(n, label, type=t, defaultValue=self.default, optional=opt)
        if self.kind == "enum":
            shown = [c if c else "(not given)" for c in self.choices]
            default = self.choices.index(self.default) if self.default in self.choices else 0
            return QgsProcessingParameterEnum(n, label, options=shown, defaultValue=default, optional=opt)
        if self.kind in ("flag", "noflag"):
            return QgsProcessingParameterBoolean(n, label, defaultValue=bool(self.default), optional=True)
        if self.kind == "source":
            types = [self.geometry] if self.geometry is not None else [QgsProcessing.TypeVectorAnyGeometry]
            return QgsProcessingParameterFeatureSource(n, label, types, optional=opt)
        if self.kind == "file":
            return QgsProcessingParameterFile(n, label, extension=self.extension or "", optional=opt)
        if self.kind == "folder":
            return QgsProcessingParameterFolderDestination(n, label, optional=opt)
        raise ValueError("unknown parameter kind %s" % self.kind)

    def arguments(self, alg, parameters, context, feedback):
        """The command-line arguments for this parameter's value ([] when not given)."""
        values = self._values(alg, parameters, context, feedback)
        if self.flag is None:
            return values
        if self.kind in ("flag", "noflag"):
            return [self.flag] if values else []
        out = []
        for v in values:
            out += [self.flag, v]
        return out

    def _values(self, alg, parameters, context, feedback):
        if self.kind == "project":
            path = alg.parameterAsFile(parameters, self.name, context)
            if not path:
                return []
            if not os.path.isfile(path):
                raise QgsProcessingException("%s: no such project file" % path)
            return [path]
        if self.kind == "text":
            text = alg.parameterAsString(parameters, self.name, context).strip()
            if not text:
                return []
            return [t.strip() for t in text.split(";") if t.strip()] if self.many else [text]
        if self.kind in ("number", "integer"):
            if parameters.get(self.name) is None:
                return []
            v = alg.parameterAsDouble(parameters, self.name, context) if self.kind == "number" else \
                alg.parameterAsInt(parameters, self.name, context)
            return [repr(v) if self.kind == "number" else str(v)]
        if self.kind == "enum":
            choice = self.choices[alg.parameterAsEnum(parameters, self.name, context)]
            return [choice] if choice else []
        if self.kind == "flag":
            return alg.parameterAsBool(parameters, self.name, context)
        if self.kind == "noflag":
            return not alg.parameterAsBool(parameters, self.name, context)
        if self.kind == "file":
            path = alg.parameterAsFile(parameters, self.name, context)
            return [path] if path else []
        if self.kind == "folder":
            return [alg.parameterAsString(parameters, self.name, context)]
        if self.kind == "source":
            return self._write_source(alg, parameters, context, feedback)
        return []

    def _write_source(self, alg, parameters, context, feedback):
        source = alg.parameterAsSource(parameters, self.name, context)
        if source is None:
            if self.optional:
                return []
            raise QgsProcessingException("%s: no layer given" % self.label)
        layer = QgsProcessingUtils.mapLayerFromString(str(parameters[self.name]), context) if isinstance(
            parameters[self.name], str) else None
        title = layer.name() if layer is not None else source.sourceName()
        if not source.sourceCrs().isValid() and not parameters.get("SRC_CRS"):
            raise QgsProcessingException(
                "%s: the layer has no coordinate reference system. Set it (Layer Properties → Source → Assigned "
                "Coordinate Reference System) or give 'Source CRS' (e.g. vn2000-haiphong, EPSG:4326). "
                "Nothing was written to the project." % title)
        path = QgsProcessingUtils.generateTempFilename("%s.gpkg" % _safe(title))
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = _safe(title)
        options.fileEncoding = "UTF-8"
        writer = QgsVectorFileWriter.create(path, source.fields(), source.wkbType(), source.sourceCrs(),
                                            context.transformContext(), options)
        if writer.hasError():
            raise QgsProcessingException("%s: cannot write a temporary copy: %s" % (title, writer.errorMessage()))
        for feature in source.getFeatures(QgsFeatureRequest()):
            if feedback and feedback.isCanceled():
                raise QgsProcessingException("cancelled; nothing was written to the project")
            writer.addFeature(feature)
        del writer
        return [path]


def _safe(name):
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name) or "layer"
