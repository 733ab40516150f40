"""The logiplan Processing provider: one algorithm per logiplan command (algorithms.py)."""
import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms import ALGORITHMS, LogiplanAlgorithm
from . import cli_runner


class LogiplanProvider(QgsProcessingProvider):
    def load(self):
        cli_runner.register_settings(self.id())
        self.refreshAlgorithms()
        return True

    def unload(self):
        cli_runner.unregister_settings()

    def id(self):
        return "logiplan"

    def name(self):
        return "logiplan"

    def longName(self):  # noqa: N802
        return "logiplan — logistics planning for Hải Phòng"

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(__file__), "icon.svg"))

    def loadAlgorithms(self):  # noqa: N802
        for spec in ALGORITHMS:
            self.addAlgorithm(LogiplanAlgorithm(spec))
