"""logiplan's QGIS plugin: a Processing provider over the logiplan command-line tool."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import LogiplanPlugin
    return LogiplanPlugin(iface)
