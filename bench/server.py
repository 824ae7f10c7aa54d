"""Run the app the way production does (gunicorn, optionally the mail worker) on a free port.

Used by the benchmarks and by the browser tests.
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """gunicorn serving *wsgi_app* with settings given as CAMPAIGN_* environment variables."""

    def __init__(self, workdir: Path, env: dict, wsgi_app: str = "wsgi:app", workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = Path(workdir)
        self.wsgi_app = wsgi_app
        self.workers = workers
        self.env = {**os.environ, "CAMPAIGN_BASE_URL": self.url, **env}
        self.processes = []

    def flask(self, *args) -> str:
        """Run ``flask --app wsgi …`` against this server's database; return its output."""
        result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args],
                                cwd=ROOT, env=self.env, capture_output=True, text=True,
                                timeout=600)
        if result.returncode:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stderr[-2000:]}")
        return result.stdout

    def spawn(self, name: str, command: list[str]) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "w")
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                   stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def start(self, worker: bool = False, worker_args=("--interval", "0.5")):
        self.spawn("gunicorn", [sys.executable, "-m", "gunicorn", "-w", str(self.workers),
                                "-b", f"127.0.0.1:{self.port}", "--log-level", "warning",
                                self.wsgi_app])
        if worker:
            self.spawn("worker", [sys.executable, "-m", "flask", "--app", "wsgi", "campaign",
                                  "worker", *worker_args])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the app did not start: " + (self.workdir / "gunicorn.log").read_text())

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes = []
