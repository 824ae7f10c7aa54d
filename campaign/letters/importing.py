"""Reading a targets CSV: one row per representative, each checked, errors by line and field.

Columns (a header row, any order, case-insensitive): name, country, group, email, languages,
constituency. country is an ISO code (BE) or, for convenience, an English country name;
languages are codes separated by commas or spaces ("fr nl en"). Nothing is written here:
:func:`read` returns the rows and the errors for the preview.
"""
import csv
import io
from dataclasses import dataclass, field

from email_validator import EmailNotValidError
from flask_babel import lazy_gettext as _l

from campaign.core import addresses
from campaign.core.countries import country_choices, is_country

COLUMNS = ("name", "country", "group", "email", "languages", "constituency")
REQUIRED = ("name", "country", "email")
MAX_ROWS = 5000
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass
class Row:
    line: int
    name: str
    country: str
    group: str | None
    email: str
    languages: str | None
    constituency: str | None


@dataclass
class Problem:
    line: int
    field: str
    message: str


@dataclass
class Reading:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without a BOM, as spreadsheets save it); None when it is not text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read(text: str) -> Reading:
    """Check every row of *text*; the preview shows the rows and each problem."""
    reading = Reading()
    text = text.removeprefix("\ufeff")
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    records = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(records, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        reading.problems.append(Problem(1, ", ".join(missing), str(_l(
            "The first line must name the columns; missing: %(columns)s.",
            columns=", ".join(missing)))))
        return reading
    seen = {}
    for line, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(reading.rows) + len(reading.problems) >= MAX_ROWS:
            reading.problems.append(Problem(line, "", str(_l(
                "At most %(max)d targets per file.", max=MAX_ROWS))))
            break
        values = {name: (record[i].strip() if i < len(record) else "")
                  for i, name in enumerate(header) if name in COLUMNS}
        row, problems = _check(line, values)
        if row is not None and row.email in seen:
            problems.append(Problem(line, "email", str(_l(
                "This address is already on line %(line)d.", line=seen[row.email]))))
        reading.problems.extend(problems)
        if row is not None and not problems:
            seen[row.email] = line
            reading.rows.append(row)
    return reading


def _check(line: int, values: dict) -> tuple[Row | None, list[Problem]]:
    problems = []

    def problem(column, message):
        problems.append(Problem(line, column, str(message)))

    for column in REQUIRED:
        if not values.get(column):
            problem(column, _l("Required."))
    for column, value in values.items():
        if value.startswith(FORMULA_STARTS):
            problem(column, _l("This cannot start with = + - or @."))
        elif len(value) > 200:
            problem(column, _l("Too long (at most 200 characters)."))
    country = _country_code(values.get("country", ""))
    if values.get("country") and country is None:
        problem("country", _l("Unknown country; use a code such as BE or PL."))
    email = values.get("email", "")
    if email:
        try:
            email = addresses.validated(email)
        except EmailNotValidError:
            problem("email", _l("Not a valid e-mail address."))
    languages = " ".join(values.get("languages", "").replace(",", " ").split()).lower()
    if any(len(code) not in (2, 3) or not code.isalpha() for code in languages.split()):
        problem("languages", _l("Use language codes such as fr, nl, en."))
    if problems:
        return None, problems
    return Row(line, values["name"], country, values.get("group") or None, email,
               ",".join(languages.split()) or None, values.get("constituency") or None), []


def _country_code(value: str) -> str | None:
    code = value.strip().upper()
    if is_country(code):
        return code
    by_name = {name.casefold(): code for code, name in country_choices("en")}
    return by_name.get(value.strip().casefold())
