"""Load from a separate process: wrk (Debian's package), driven with Lua for POSTs."""
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.report import Figure

DURATION = 5
THREADS = 2
CONNECTIONS = 16

POST_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
%(headers)s
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local body = string.format(%(body)s, tid, counter)
  return wrk.format(nil, nil, nil, body)
end
"""


def available() -> bool:
    return shutil.which("wrk") is not None


def run(url: str, *, script: str | None = None, headers: dict | None = None,
        duration: int = DURATION) -> dict:
    """Requests per second and non-2xx/3xx count for *url* under steady load."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    with tempfile.TemporaryDirectory() as folder:
        if script:
            path = Path(folder) / "load.lua"
            path.write_text(script)
            command += ["-s", str(path)]
        output = subprocess.run(command + [url], capture_output=True, text=True,
                                check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rate": rate, "errors": int(errors.group(1)) if errors else 0, "output": output}


def post_script(body_format: str, headers: dict | None = None) -> str:
    """A Lua script POSTing *body_format* % (thread id, counter): unique values per request."""
    lines = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in (headers or {}).items())
    return POST_SCRIPT % {"headers": lines, "body": json.dumps(body_format)}


def figure(engine: str, name: str, url: str, ceiling, goal, note: str = "",
           **options) -> Figure:
    """One wrk run as a figure in req/s against the named *ceiling*; any answer other than
    2xx/3xx is noted (and is a bug)."""
    result = run(url, **options)
    if result["errors"]:
        note = "; ".join(filter(None, [note, f"{result['errors']} non-2xx/3xx answers"]))
    return Figure(engine, name, result["rate"], ceiling, "req/s", goal, note)
