"""What the fuzzers share: hostile values for parameters and form fields, and a client wrapper that
counts requests and answers of 500 or more (printed at the end of the run by ``tests/conftest.py``,
and by ``bench/fuzz.py``, which runs the fuzzers with many more examples).

The number of examples comes from the Hypothesis profile: ``portal`` (a few dozen per test, for CI)
unless ``--hypothesis-profile=fuzz`` asks for more (see ``tests/conftest.py``).
"""

from collections import Counter
from urllib.parse import urlencode

from hypothesis import strategies as st

COUNTS: Counter = Counter()
FAILURES: list[str] = []

DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９९५८१४²³¹①"
EDGES = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "²",
    "٣",
    "NaN",
    "inf",
    "-Infinity",
    "1e309",
    "1_000",
    "0x10",
    "99999999999999999999",
    "922337203685477580",
    str(2**63),
    str(2**63 - 1),
    "9" * 5000,
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "2026-02-30",
    "\x00",
    "a\x00b",
    "../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    "PS-2026-000001",
    "PS-٢٠٢٦-١",
    "٩٥٨١٤",
    "۹۵۸۱۴",
    "95814",
    "95814-1234",
    "00000",
    "x" * 3000,
    "\u202e\u200f",
    "🐶" * 20,
]


def hostile() -> st.SearchStrategy[str]:
    """Any text, digits of many scripts, huge and negative numbers, dates past the calendar."""
    return st.one_of(
        st.text(max_size=40),
        st.text(alphabet=DIGITS, min_size=1, max_size=25),
        st.integers(min_value=-(10**25), max_value=10**25).map(str),
        st.sampled_from(EDGES),
        st.dates().map(str),
        st.datetimes().map(lambda moment: moment.isoformat()),
    )


def value_for(choices=()) -> st.SearchStrategy[str]:
    """A hostile value, or one of ``choices`` (so the valid paths are walked too)."""
    if not choices:
        return hostile()
    return st.one_of(st.sampled_from(list(choices)), hostile())


def params(fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy[dict]:
    """Some of ``fields`` (any may be missing), each one value or several."""
    return st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(strategy, st.lists(strategy, min_size=2, max_size=3))
            for name, strategy in fields.items()
        },
    )


def request(client, method: str, path: str, data=None, **extra) -> int:
    """``client.get``/``post``; an exception that escapes the view counts as a 500."""
    COUNTS["requests"] += 1
    try:
        if method == "get":
            query = urlencode(data or {}, doseq=True)
            response = client.get(f"{path}?{query}" if query else path, **extra)
        else:
            response = client.post(path, data or {}, **extra)
        status = response.status_code
    except Exception as exc:  # noqa: BLE001 (what a visitor would get: a 500)
        status = 500
        COUNTS["5xx"] += 1
        FAILURES.append(f"{method.upper()} {path} {data!r}: {type(exc).__name__}: {exc}")
        raise
    if status >= 500:
        COUNTS["5xx"] += 1
        FAILURES.append(f"{method.upper()} {path} {data!r}: {status}")
    else:
        COUNTS[f"{status // 100}xx"] += 1
    return status
