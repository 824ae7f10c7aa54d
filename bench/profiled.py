"""The app under pyinstrument, for finding where a figure's time goes under gunicorn:

    BENCH_PROFILE=/tmp/profile.txt gunicorn -w 1 bench.profiled:app

Every ``BENCH_PROFILE_EVERY`` requests (default 2,000) the worker writes the profile of the
requests so far (wall time in the app, gunicorn's own time excluded) to ``BENCH_PROFILE``.
"""
import os

from pyinstrument import Profiler

from wsgi import app as _app

_path = os.environ.get("BENCH_PROFILE", "profile.txt")
_every = int(os.environ.get("BENCH_PROFILE_EVERY", "2000"))
_profiler = Profiler(interval=float(os.environ.get("BENCH_PROFILE_INTERVAL", "0.0005")))
_served = 0


def app(environ, start_response):
    global _served
    _profiler.start()
    try:
        return list(_app(environ, start_response))
    finally:
        _profiler.stop()
        _served += 1
        if _served % _every == 0:
            with open(_path, "w") as out:
                out.write(_profiler.output_text(unicode=True, show_all=False))
