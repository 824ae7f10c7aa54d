"""Visitors for the drills: plain HTTP from threads of the test process, one cookie jar each."""
import http.client
import random
import re
import threading
import time
from urllib.parse import urlencode, urlsplit

#: A form's token field: the session's (csrf_token) or a public form's (form_token).
_TOKEN = re.compile(r'name="(csrf_token|form_token)"[^>]*value="([^"]+)"')


class Visitor:
    """One browser: its own address (X-Forwarded-For), session cookie and form tokens; like a
    browser it names the page's origin when it posts."""

    def __init__(self, base_url: str, ip: str | None = None, timeout: float = 60):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.ip = ip or random_ip()
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, ip: str | None = None,
                headers: dict | None = None):
        """(status, body text, headers) of one request."""
        headers = {"X-Forwarded-For": ip or self.ip, **(headers or {})}
        if method == "POST":
            headers.setdefault("Origin", f"http://{self.host}:{self.port}")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, text, response.headers
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def form_token(self, path: str) -> dict:
        """Open the page holding a form; its token field ({name: value}) to post with."""
        status, body, _ = self.get(path)
        assert status == 200, (status, body[:500])
        return dict([_TOKEN.search(body).groups()])


def random_ip() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def run_for(seconds: float, count: int, task) -> list:
    """Run *task(number, deadline)* in *count* threads until the deadline; their results."""
    deadline = time.monotonic() + seconds
    results = [None] * count
    errors = []

    def work(number):
        try:
            results[number] = task(number, deadline)
        except Exception as error:  # reported by the test, with the thread's number
            errors.append((number, repr(error)))
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 300)
    assert not errors, errors[:5]
    return results
