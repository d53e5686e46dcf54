"""Member lists that staff keep: `python -m data import members FILE --network ID [--replace] [--dry-run]`.

One row per member city (CSV or XLSX, first sheet). Columns (header names as below, order free, blank = unknown):

| column | what |
|---|---|
| city | the city's name (required unless geonames_id is given) |
| country | country name or ISO3 code (required) |
| latitude, longitude | optional, to tell namesakes apart (both or neither) |
| geonames_id | optional: the GeoNames id; then city and country are only checked against it |
| source | required: the page (http/https address) or document reference that says the city is a member |
| joined | year (2023) or date (2023-11-14) the city joined |
| cohort | the cohort as the network names it (COP27, COP28, ...) |
| note | free remark |

The contract of the other importers (base.py): every row is validated and reported (line, column, problem);
each row is matched to one GeoNames city (matching.py) and an ambiguous name is refused with its candidates
listed, never guessed; nothing is written unless the file as a whole is readable; the write is atomic (a copy
renamed into place); importing the same file twice changes nothing. Without --replace the list adds members
(and updates the rows of members already listed); with --replace it becomes the network's whole list and the
report names who leaves. A network not yet in the store is declared with --network-name and --network-url.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pandas as pd

from components.i18n import _, fmt_int, pgettext
from data.importers.base import (
    INVALID,
    MAX_TEXT,
    ImportRefused,
    ImportReport,
    RowChecker,
    duplicated_columns,
    identifier,
    number,
    report_labels,
    text,
)
from data.importers.matching import CityMatcher, country_iso3, name_variants
from data.importers.messages import N_, Message, local, render
from data.importers.template import read as read_table

FORMAT = "members"
DESCRIPTION = "Member list kept by network staff"
COLUMNS = ["city", "country", "latitude", "longitude", "geonames_id", "source", "joined", "cohort", "note"]
REQUIRED = ["country", "source"]  # and city or geonames_id
NETWORK_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
NOT_A_CITY = re.compile(r"\b(county|district|province|region|oblast|prefecture|metropolitan area|state of)\b", re.I)
DATE = re.compile(r"^(\d{4})(-\d{1,2}(-\d{1,2})?)?$|^\d{1,2}[./]\d{1,2}[./](\d{4})$")
MAX_CANDIDATES = 5


def example_frame() -> pd.DataFrame:
    """The template the Data page offers: the columns and one example row (Lappeenranta, a UTM city)."""
    row = {
        "city": "Lappeenranta", "country": "Finland", "latitude": "", "longitude": "", "geonames_id": "",
        "source": "https://mission-innovation.net/missions/urban-transitions-mission", "joined": "2023",
        "cohort": "COP27", "note": "example row: replace with your list",
    }  # fmt: skip
    return pd.DataFrame([row], columns=COLUMNS)


@dataclass
class Member:
    line: int
    city_id: int
    member_name: str
    source: str  # the URL or document reference as given
    joined_year: int | None
    cohort: str | None
    note: str | None


@dataclass
class MembersReport(ImportReport):
    network_id: str = ""
    replace: bool = False
    joining: list = field(default_factory=list)  # (city_id, name) new to the network
    updated: list = field(default_factory=list)  # (city_id, name) listed already, some field changes
    unchanged: int = 0
    leaving: list = field(default_factory=list)  # (city_id, name) in the network, not in the file (--replace)
    declared: bool = False  # the network is new

    def summary(self) -> str:
        """The report as the command line prints it (English there), in the current language on a page."""
        heads = {
            (True, True): N_("members (replace) for network {network} (new network): {file}"),
            (True, False): N_("members (replace) for network {network}: {file}"),
            (False, True): N_("members (add) for network {network} (new network): {file}"),
            (False, False): N_("members (add) for network {network}: {file}"),
        }
        labels = report_labels() | {
            "members": pgettext("import report", "members"),
            "leaving": pgettext("import report", "leaving"),
        }
        w = max(15, *(len(label) + 2 for label in labels.values()))

        def line(key: str, n: int, detail: str = "") -> str:
            return f"  {labels[key]:<{w}}{fmt_int(n):>7}" + (f"  {detail}" if detail else "")

        changes = _("({joining} joining, {updated} updated, {unchanged} unchanged)").format(
            joining=fmt_int(len(self.joining)), updated=fmt_int(len(self.updated)), unchanged=fmt_int(self.unchanged)
        )
        lines = [
            render(heads[(self.replace, self.declared)], network=self.network_id, file=self.file),
            line("read", self.rows_read),
            line("members", self.rows_imported, changes),
        ]
        for reason, n in self.skipped.most_common():
            lines.append(line("skipped", n, local(reason)))
        if self.replace:
            lines.append(line("leaving", len(self.leaving), _("(in the network, not in this list)")))
            leaves = _("    leaves: {name} (GeoNames {id})")
            lines += [leaves.format(name=name, id=cid) for cid, name in self.leaving[:50]]
        joins = _("    joins: {name} (GeoNames {id})")
        lines += [joins.format(name=name, id=cid) for cid, name in self.joining[:50]]
        return "\n".join(lines)


def parse_year(value) -> int | None:
    """'2023', '2023-11-14', '14/11/2023' or a spreadsheet's 2023.0 -> 2023; blank -> None."""
    s = text(value)
    if not s:
        return None
    s = s.split(" ")[0].split("T")[0]
    if re.fullmatch(r"\d{4}\.0+", s):
        s = s.split(".")[0]
    m = DATE.match(s)
    if not m:
        raise ValueError(
            Message(N_("joined must be a year or a date (2023, 2023-11-14), not {value}"), value=repr(s[:30]))
        )
    year = int(m.group(1) or m.group(4))
    if not 1990 <= year <= dt.date.today().year + 1:
        raise ValueError(Message(N_("joined year {year} is not plausible (1990 to next year)"), year=year))
    return year


def parse_source(value) -> str:
    """An http(s) address with a host, or a document reference of 3+ characters; required."""
    s = text(value)
    if not s:
        raise ValueError(Message(N_("a source is required: the page or document that says the city is a member")))
    if re.match(r"^[a-z][a-z0-9+.-]*:", s, re.I) and not s.lower().startswith(("http://", "https://")):
        if not re.match(r"^[a-z]{2,10}:\s", s, re.I):  # "Email: ..." is a reference; "javascript:..." is not
            raise ValueError(Message(N_("a source address must be http or https, not {value}"), value=repr(s[:40])))
    if s.lower().startswith(("http://", "https://")):
        parts = urlsplit(s)
        if not parts.netloc or any(c.isspace() for c in s):
            raise ValueError(Message(N_("not a web address: {value}"), value=repr(s[:60])))
    elif len(s) < 3:
        raise ValueError(Message(N_("source {value} is too short to find the document again"), value=repr(s)))
    return s[:1000]


def source_id_for(source: str) -> str:
    """The same id the build gives a web page (web-<sha1 8>), and doc-<sha1 8> for a document reference."""
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
    return f"web-{digest}" if source.lower().startswith(("http://", "https://")) else f"doc-{digest}"


def candidates(matcher: CityMatcher, name: str, iso3: str) -> list[int]:
    """The GeoNames cities a name could mean in a country (own names, else alternate names), biggest first."""
    found: set[int] = set()
    for index in (matcher.own_names, matcher.index):
        for variant in name_variants(name):
            found |= index.get((iso3, variant), set())
        if found:
            break
    return sorted(found, key=lambda c: (-matcher.cities[c][6], c))


def describe(matcher: CityMatcher, city_id: int) -> str:
    cid, name, iso3, lat, lon, admin1, population = matcher.cities[city_id]
    return f"{name} ({iso3}-{admin1 or '?'}, GeoNames {cid}, {population:,} people, {lat:.2f},{lon:.2f})"


def parse(path: Path, matcher: CityMatcher, report: MembersReport) -> list[Member]:
    frame = read_table(path)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if frame.columns.duplicated().any():
        raise ImportRefused(duplicated_columns(sorted(set(frame.columns[frame.columns.duplicated()]))))
    missing = [c for c in REQUIRED if c not in frame.columns]
    if not missing and "city" not in frame.columns and "geonames_id" not in frame.columns:
        missing = ["city (or geonames_id)"]
    if missing:
        raise ImportRefused(
            Message(N_("unknown layout for a member list: missing columns {missing}; expected columns {expected}"),
                    missing=str(missing), expected=str(COLUMNS))
        )  # fmt: skip
    report.layout = "member list v1"
    for c in COLUMNS:
        if c not in frame.columns:
            frame[c] = ""
    report.rows_read = len(frame)
    members: list[Member] = []
    seen: dict[int, int] = {}
    for i, raw in enumerate(frame.to_dict("records")):
        line = i + 2
        check = RowChecker(report, line)
        if not any(text(raw[c]) for c in COLUMNS):
            check.fail(Message(N_("blank row")))
            continue
        name, country = text(raw["city"])[:300], text(raw["country"])[:100]
        gid = check.get(identifier, raw["geonames_id"], "geonames_id")
        lat = check.get(number, raw["latitude"], "latitude")
        lon = check.get(number, raw["longitude"], "longitude")
        source = check.get(parse_source, raw["source"], "source")
        joined = check.get(parse_year, raw["joined"], "joined")
        if check.failed:
            continue
        if (lat is None) != (lon is None):
            check.fail(
                Message(N_("incomplete coordinates")),
                "latitude",
                Message(N_("give both latitude and longitude, or neither")),
            )
            continue
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            check.fail(
                INVALID,
                "latitude",
                Message(N_("coordinates {coordinates} are off the globe"), coordinates=f"{lat:g},{lon:g}"),
            )
            continue
        iso3 = country_iso3(country) if country else None
        if not iso3:
            check.fail(
                Message(N_("unknown country")),
                "country",
                Message(N_("country {country} not recognised; use an ISO3 code"), country=repr(country[:60])),
            )
            continue
        city_id = resolve(matcher, report, check, line, name, iso3, gid, lat, lon)
        if city_id is None:
            continue
        if city_id in seen:
            check.fail(
                Message(N_("duplicate member")), "city", Message(N_("same city as line {line}"), line=seen[city_id])
            )
            continue
        seen[city_id] = line
        report.matched_cities.add(city_id)
        members.append(
            Member(line, city_id, name or matcher.cities[city_id][1], source, joined,
                   text(raw["cohort"])[:100] or None, text(raw["note"])[:MAX_TEXT] or None)
        )  # fmt: skip
    report.rows_imported = len(members)
    return members


def resolve(matcher, report, check, line, name, iso3, gid, lat, lon) -> int | None:
    """One GeoNames city for the row, or None with the row reported (unmatched rows list their candidates)."""
    if gid is not None:
        if gid not in matcher.cities:
            check.fail(
                Message(N_("unknown geonames_id")),
                "geonames_id",
                Message(N_("no city with GeoNames id {id} in the store (cities of 15,000+ people)"), id=gid),
            )
            return None
        if matcher.cities[gid][2] != iso3:
            check.fail(
                Message(N_("country does not match")),
                "country",
                Message(
                    N_("GeoNames {id} is {city}, not in {country}"), id=gid, city=describe(matcher, gid), country=iso3
                ),
            )
            return None
        return gid
    if not name:
        check.fail(Message(N_("no city")), "city", Message(N_("give the city's name or its geonames_id")))
        return None
    match = matcher.match(name, iso3, lat, lon)
    if match.city_id is not None:
        return match.city_id
    found = candidates(matcher, name, iso3)
    if found:
        listed = "; ".join(describe(matcher, c) for c in found[:MAX_CANDIDATES])
        if len(found) > MAX_CANDIDATES:
            reason = Message(N_("{reason}: candidates {candidates} and {more} more. Add latitude/longitude, a ', XX' "
                                "state suffix or the geonames_id"), reason=match.reason, candidates=listed,
                             more=len(found) - MAX_CANDIDATES)  # fmt: skip
        else:
            reason = Message(N_("{reason}: candidates {candidates}. Add latitude/longitude, a ', XX' state suffix or "
                                "the geonames_id"), reason=match.reason, candidates=listed)  # fmt: skip
    elif NOT_A_CITY.search(name):
        reason = Message(
            N_(
                "{name} names a county or region, not a city: give the city at its centre (and say so in "
                "note) or its geonames_id"
            ),
            name=repr(name),
        )
    else:
        reason = Message(N_("{reason} (the store holds GeoNames cities of 15,000+ people: a smaller town cannot be "
                            "matched; check the spelling or give the geonames_id)"), reason=match.reason)  # fmt: skip
    report.not_matched(line, name, iso3, reason, "city")
    return None


# ---- commit --------------------------------------------------------------------------------------------


@dataclass
class NetworkDeclaration:
    network_id: str
    name: str | None = None
    url: str | None = None
    short_name: str | None = None


def run_members_import(
    path: Path,
    store: Path,
    network: NetworkDeclaration,
    replace: bool = False,
    dry_run: bool = False,
    progress=None,
) -> MembersReport:
    """Import one member list into the store (see the module docstring). Raises ImportRefused for a list
    refused as a whole: an unknown network without a name and URL, an unreadable file."""
    from data.importers import LazyMatcher, open_store, reading, safe_url

    say = progress or (lambda f, m: None)
    started = time.perf_counter()
    path, store = Path(path), Path(store)
    network_id = (network.network_id or "").strip()
    if not NETWORK_ID.match(network_id):
        raise ImportRefused(
            Message(N_("--network must be a short id of lower-case letters, digits and _, not {network}"),
                    network=repr(network_id[:40]))
        )  # fmt: skip
    report = MembersReport(format=FORMAT, file=path.name, network_id=network_id, replace=replace)
    reading.check_regular(path)
    with open_store(store) as con:
        row = con.execute("SELECT is_reference FROM networks WHERE network_id = ?", [network_id]).fetchone()
        if row is None:
            if not (network.name and network.url):
                known = [r[0] for r in con.execute("SELECT network_id FROM networks ORDER BY 1").fetchall()]
                raise ImportRefused(
                    Message(
                        N_(
                            "no network {network} in the store (known: {known}); to declare a new "
                            "one give its name and URL (--network-name, --network-url)"
                        ),
                        network=repr(network_id),
                        known=", ".join(known),
                    )
                )
            safe_url(network.url)
            clash = con.execute(
                "SELECT network_id FROM networks WHERE name = ? OR short_name = ?",
                [network.name.strip(), (network.short_name or network.name).strip()],
            ).fetchone()
            if clash:
                raise ImportRefused(
                    Message(N_("network {network} already has that name; import into it with --network {id}"),
                            network=repr(clash[0]), id=clash[0])
                )  # fmt: skip
            report.declared = True
        elif row[0]:
            raise ImportRefused(
                Message(
                    N_("{network} is a reference list made at build from its dataset, not a member list"),
                    network=repr(network_id),
                )
            )
        current = dict(con.execute(
            "SELECT city_id, member_name FROM memberships WHERE network_id = ?", [network_id]).fetchall())  # fmt: skip
        current_rows = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT city_id, member_name, source_id, joined_year, cohort, note FROM memberships "
                "WHERE network_id = ?",
                [network_id],
            ).fetchall()
        }
        matcher = LazyMatcher(con, FORMAT, store)
        say(0.1, render(N_("Reading {name}"), name=reading.shown_name(path.name)))
        with reading.private_copy(path) as (copy, sha), reading.collecting_notes() as notes:
            say(0.3, render(N_("Checking and matching rows")))
            with reading.time_limit(reading.IMPORT_SECONDS, "checking the file"):
                members = parse_members_file(copy, matcher, report)
        report.notes = notes
    for m in members:
        if m.city_id not in current:
            report.joining.append((m.city_id, m.member_name))
        elif current_rows.get(m.city_id) != (m.member_name, source_id_for(m.source), m.joined_year, m.cohort, m.note):
            report.updated.append((m.city_id, m.member_name))
        else:
            report.unchanged += 1
    if replace:
        listed = {m.city_id for m in members}
        report.leaving = sorted(((cid, name) for cid, name in current.items() if cid not in listed),
                                key=lambda x: x[1])  # fmt: skip
    if replace and not members and current:
        raise ImportRefused(
            Message(N_("no row of the list could be used, and --replace would empty the network; nothing written"))
        )
    changes = report.joining or report.updated or report.leaving or report.declared
    if not dry_run and members and changes:
        say(0.7, render(N_("Writing to the store")))
        commit_members(store, network, report, members, sha)
        report.committed = True
    report.seconds = time.perf_counter() - started
    say(1.0, render(N_("Done")))
    return report


def _source_fields(source: str) -> tuple[str | None, str]:
    """(url, title) of the sources row a member's source becomes."""
    if source.lower().startswith(("http://", "https://")):
        return source, source
    return None, source


def parse_members_file(copy: Path, matcher, report: MembersReport) -> list[Member]:
    """parse, with what a hostile file can make a reader raise turned into a one-line refusal (as parse_file)."""
    from data.importers import too_much_memory, unreadable

    try:
        return parse(copy, matcher, report)
    except ImportRefused:
        raise
    except MemoryError:
        raise ImportRefused(too_much_memory()) from None
    except (ValueError, KeyError, IndexError, TypeError, UnicodeError, OverflowError) as e:
        raise ImportRefused(unreadable(e)) from None


def commit_members(store: Path, network: NetworkDeclaration, report: MembersReport, members: list[Member],
                   sha: str) -> None:  # fmt: skip
    """Write the list to a copy of the store in one transaction and rename it into place (as importers.commit)."""
    from data.importers import check_writable, reading, store_lock
    from data.store import discard, publish

    check_writable(store)
    with store_lock(store):
        check_writable(store)
        tmp = store.with_name(f".{store.name}.{os.getpid()}.importing")
        try:
            for stale in store.parent.glob(f".{store.name}.*.importing*"):
                stale.unlink(missing_ok=True)
            shutil.copyfile(store, tmp)
            shutil.copymode(store, tmp)
            with duckdb.connect(str(tmp)) as con:
                con.begin()
                write_members(con, network, report, members, sha)
                con.commit()
                con.execute("CHECKPOINT")
            publish(tmp, store)
        except OSError as e:
            raise ImportRefused(reading.commit_error(e, store)) from None
        except duckdb.Error as e:
            raise ImportRefused(
                Message(N_("the store could not be written ({error}); nothing written"),
                        error=str(e).splitlines()[0][:160])
            ) from None  # fmt: skip
        finally:
            discard(tmp)


def write_members(con, network: NetworkDeclaration, report: MembersReport, members: list[Member], sha: str) -> None:
    today = dt.date.today()
    if report.declared:
        url = network.url.strip()
        sid = source_id_for(url)
        con.execute(
            "INSERT INTO sources (source_id, title, publisher, url, licence, accessed, citation) VALUES "
            "(?, ?, ?, ?, 'Facts cited; no text reproduced', ?, ?) ON CONFLICT DO NOTHING",
            [sid, network.name.strip()[:300], "declared by network staff", url, today,
             f"{network.name.strip()[:300]} ({url}), declared in UTMC Explorer on {today}"],
        )  # fmt: skip
        con.execute(
            "INSERT INTO networks (network_id, name, short_name, description, url, source_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [report.network_id, network.name.strip()[:300], (network.short_name or network.name).strip()[:80],
             f"Declared by network staff with their member list ({report.file}, sha256 {sha[:12]}).", url, sid],
        )  # fmt: skip
    for source in sorted({m.source for m in members}):
        url, title = _source_fields(source)
        con.execute(
            "INSERT INTO sources (source_id, title, publisher, url, licence, accessed, citation) VALUES "
            "(?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [source_id_for(source), title[:300], "member list kept by network staff", url,
             "Facts cited; no text reproduced", today,
             f"Membership of {report.network_id} as stated in {title[:300]} (member list {report.file}, "
             f"sha256 {sha[:12]}, imported {today})"],
        )  # fmt: skip
    if report.replace:
        con.execute("DELETE FROM memberships WHERE network_id = ?", [report.network_id])
    frame = pd.DataFrame(
        {
            "network_id": report.network_id,
            "city_id": [m.city_id for m in members],
            "member_name": [m.member_name for m in members],
            "note": [m.note for m in members],
            "source_id": [source_id_for(m.source) for m in members],
            "joined_year": pd.array([m.joined_year for m in members], dtype="Int64"),
            "cohort": [m.cohort for m in members],
        }
    )
    con.register("new_members", frame)
    con.execute(
        "INSERT INTO memberships BY NAME SELECT * FROM new_members ON CONFLICT (network_id, city_id) DO UPDATE SET "
        "member_name = excluded.member_name, note = excluded.note, source_id = excluded.source_id, "
        "joined_year = excluded.joined_year, cohort = excluded.cohort"
    )
    con.unregister("new_members")
