"""Demo content for the campaign manager, read from the TOML files in ``campaign/demo/data/``.

The texts are drawn from the 2017 Open Dialog Foundation campaign seed documents ("Stop
torture in Kazakhstan: Save political prisoners"): the invitation to a protest in Brussels
(English, Russian and Polish versions) and two campaign updates (MEPs' letters and written
questions; the PACE written declaration). Where the seeds have no Russian or Polish version
the texts were translated for the demo. Names of people are kept as the seeds spell them.

Plain data only (the app does not read the seed documents): dates are ISO strings, times
"HH:MM" local to Europe/Brussels, long texts Markdown. Each file's header says how to edit it.

The module's constants (``content.CAMPAIGN``, ``KEY_DATES``, ``EVENT``, ``PETITION``,
``UPDATES``, ``KEY_DATE_REMINDERS``) are read on first use and then kept: the domains' demo
modules are imported when the app starts, and a slip in a data file should break only
``flask campaign demo``, not the app.
"""
import tomllib
from importlib import resources

#: Constant -> (its file in data/, the file's array of tables, or None for the whole file).
SOURCES = {
    "CAMPAIGN": ("campaign.toml", None),
    "KEY_DATES": ("key_dates.toml", "key_date"),
    "EVENT": ("event.toml", None),
    "PETITION": ("petition.toml", None),
    "UPDATES": ("updates.toml", "update"),
    "KEY_DATE_REMINDERS": ("reminders.toml", "reminder"),
}
#: What a key date may leave out (TOML has no null).
KEY_DATE_DEFAULTS = {"time": None, "yearly": False, "link": None}


def read(filename: str) -> dict:
    """One data file, parsed; a syntax error names the file."""
    path = resources.files(__package__).joinpath("data").joinpath(filename)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"campaign/demo/data/{filename}: {error}") from error


def __getattr__(name: str):
    if name not in SOURCES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    filename, array = SOURCES[name]
    value = read(filename)
    if array:
        value = value[array]
    if name == "KEY_DATES":
        value = [KEY_DATE_DEFAULTS | item for item in value]
    globals()[name] = value  # kept: later reads do not come here
    return value
