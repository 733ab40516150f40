"""Runs the logiplan program: finds it, passes progress and cancel between it and
Processing, turns its errors into QgsProcessingException.

logiplan writes "progress PERCENT MESSAGE" lines on stderr with --progress-lines;
its errors are "logiplan: ..." lines on stderr and a non-zero exit. A failed or
cancelled (terminated) command leaves the project file as it was: every write is
one SQLite transaction.
"""
import os
import queue
import shlex
import shutil
import subprocess
import threading

from qgis.core import QgsProcessingException

SETTING = "LOGIPLAN_BINARY"
EXIT_MEANING = {1: "data error", 2: "bad arguments", 3: "internal error", 4: "project busy (locked by another program)"}


def _config():
    try:
        from processing.core.ProcessingConfig import ProcessingConfig, Setting
        return ProcessingConfig, Setting
    except ImportError:  # Processing not loaded (a script using the provider alone)
        return None, None


def register_settings(group):
    config, setting = _config()
    if config is None:
        return
    config.addSetting(setting(group, SETTING, "logiplan executable (empty: LOGIPLAN_BIN, then PATH)", "",
                              valuetype=setting.FILE))
    config.readSettings()


def unregister_settings():
    config, _ = _config()
    if config is not None:
        config.removeSetting(SETTING)


def find_binary():
    """The logiplan program: the provider setting, else $LOGIPLAN_BIN, else `logiplan` on PATH."""
    config, _ = _config()
    tried = []
    for origin, path in (("the provider setting '%s'" % SETTING, config.getSetting(SETTING) if config else None),
                         ("LOGIPLAN_BIN", os.environ.get("LOGIPLAN_BIN"))):
        if path:
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
            tried.append("%s is %s, which is not an executable file" % (origin, path))
    found = shutil.which("logiplan")
    if found:
        return found
    raise QgsProcessingException(
        "logiplan binary not found: %s. Build it (README: scripts/build.sh) and set its path in Settings → Options → "
        "Processing → Providers → logiplan, or in the LOGIPLAN_BIN environment variable, or put it on PATH."
        % ("; ".join(tried) if tried else "no setting, no LOGIPLAN_BIN, no logiplan on PATH"))


def _pump(stream, tag, out):
    for line in iter(stream.readline, ""):
        out.put((tag, line.rstrip("\n")))
    out.put((tag, None))


def run(args, feedback=None, progress_span=(0.0, 100.0)):
    """Runs `logiplan ARGS`; returns its stdout. Progress goes to feedback within
    progress_span (percent); cancelling terminates the program and raises."""
    exe = find_binary()
    cmd = [exe, "--progress-lines"] + [str(a) for a in args]
    if feedback:
        feedback.pushCommandInfo(" ".join(shlex.quote(c) for c in cmd))
    env = dict(os.environ, LC_ALL=os.environ.get("LC_ALL", "C.UTF-8"))
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                encoding="utf-8", errors="replace", env=env)
    except OSError as e:
        raise QgsProcessingException("cannot start %s: %s" % (exe, e))
    lines = queue.Queue()
    for stream, tag in ((proc.stdout, "out"), (proc.stderr, "err")):
        threading.Thread(target=_pump, args=(stream, tag, lines), daemon=True).start()
    stdout, errors, open_streams = [], [], 2
    lo, hi = progress_span
    while open_streams:
        if feedback and feedback.isCanceled():
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
            raise QgsProcessingException("logiplan %s: cancelled; the project file is as it was before the run" % args[0])
        try:
            tag, line = lines.get(timeout=0.05)
        except queue.Empty:
            continue
        if line is None:
            open_streams -= 1
        elif tag == "out":
            stdout.append(line)
        elif line.startswith("progress "):
            parts = line.split(" ", 2)
            if feedback:
                try:
                    feedback.setProgress(lo + (hi - lo) * float(parts[1]) / 100.0)
                except ValueError:
                    pass
                if len(parts) > 2 and parts[2]:
                    feedback.setProgressText(parts[2])
        else:
            errors.append(line)
            if feedback:
                feedback.pushConsoleInfo(line)
    rc = proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    if rc != 0:
        message = "\n".join(l for l in errors if l.strip()) or "no message"
        raise QgsProcessingException("logiplan %s failed (exit %d, %s):\n%s"
                                     % (args[0], rc, EXIT_MEANING.get(rc, "killed or crashed"), message))
    return "\n".join(stdout)


_help_cache = {}


def help_text(command):
    """`logiplan COMMAND --help`, or "" when the program cannot be found."""
    key = tuple(command)
    if key not in _help_cache:
        try:
            out = subprocess.run([find_binary()] + list(command) + ["--help"], capture_output=True, encoding="utf-8",
                                 errors="replace", timeout=20)
            _help_cache[key] = out.stdout
        except (QgsProcessingException, OSError, subprocess.SubprocessError):
            return ""
    return _help_cache[key]


