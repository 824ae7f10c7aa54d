"""libical's own check of iTIP restrictions (``icalrestriction_check``), through ctypes.

libical (Debian's ``libical3``) is what Evolution and many servers use to read iCalendar; its
restriction table is RFC 5546's. The check marks each violation with an X-LIC-ERROR property,
which :func:`restriction_errors` returns. Without the library, :data:`AVAILABLE` is False.
"""
import ctypes
import ctypes.util

_name = ctypes.util.find_library("ical") or "libical.so.3"
try:
    _lib = ctypes.CDLL(_name)
except OSError:
    _lib = None
AVAILABLE = _lib is not None
MISSING = "libical is not installed (apt-get install libical3)"

if _lib is not None:
    _lib.icalparser_parse_string.restype = ctypes.c_void_p
    _lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
    _lib.icalrestriction_check.restype = ctypes.c_int
    _lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
    _lib.icalcomponent_as_ical_string_r.restype = ctypes.c_void_p
    _lib.icalcomponent_as_ical_string_r.argtypes = [ctypes.c_void_p]
    _lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
    _lib.icalmemory_free_buffer.argtypes = [ctypes.c_void_p]


def restriction_errors(body: bytes) -> list[str]:
    """The X-LIC-ERROR lines libical adds to *body* when checking it ([] when it passes)."""
    component = _lib.icalparser_parse_string(body)
    assert component, "libical could not parse the file"
    try:
        valid = _lib.icalrestriction_check(component)
        pointer = _lib.icalcomponent_as_ical_string_r(component)
        text = ctypes.string_at(pointer).decode("utf-8")
        _lib.icalmemory_free_buffer(pointer)
    finally:
        _lib.icalcomponent_free(component)
    unfolded = text.replace("\r\n ", "").replace("\n ", "")
    errors = [line for line in unfolded.splitlines() if line.startswith("X-LIC-ERROR")]
    assert bool(valid) == (not errors), (valid, errors)
    return errors
