"""Which funding programmes a city could apply to, and why. Pure: no Streamlit.

`match_funding(programmes, city)` checks each programme's encoded rules against the city's facts:
region, country, income group, city size, sectors, and whether the call is closed. A rule the city fails
makes it "not eligible"; a rule we cannot check (no income group for the country, no population, no
sector figures) makes it "maybe"; otherwise "eligible". Every verdict lists the reasons checked and
what is unknown, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

ELIGIBLE, MAYBE, NOT_ELIGIBLE = "eligible", "maybe", "not eligible"
VERDICT_ORDER = {ELIGIBLE: 0, MAYBE: 1, NOT_ELIGIBLE: 2}


@dataclass
class CityFacts:
    name: str
    iso3: str
    country: str
    region_ids: list[str]
    region_names: list[str]
    income_group: str | None
    population: int | None
    largest_sectors: list[str] = field(default_factory=list)  # empty: no sector breakdown known


def listed(value) -> list:
    """A list-valued cell: None / NaN / empty -> []."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return []
    return list(value)


def check_programme(p: dict, city: CityFacts) -> tuple[str, list[str], list[str], list[str]]:
    """(verdict, reasons met, reasons failed, unknowns) for one programme row."""
    met, failed, unknown = [], [], []
    regions = listed(p.get("region_ids"))
    if not regions:
        met.append("no regional limit")
    elif set(regions) & set(city.region_ids):
        met.append(f"region ok ({', '.join(listed(p.get('region_names')) or regions)})")
    else:
        failed.append(f"only for {', '.join(listed(p.get('region_names')) or regions)}")
    countries = listed(p.get("country_iso3s"))
    if countries:
        if city.iso3 in countries:
            met.append(f"{city.country} is eligible")
        else:
            failed.append(f"{city.country} is not among its {len(countries)} eligible countries")
    incomes = listed(p.get("income_groups"))
    if incomes:
        if city.income_group is None:
            unknown.append(f"the World Bank gives no income group for {city.country}")
        elif city.income_group in incomes:
            met.append(f"income group ok ({city.income_group})")
        else:
            failed.append(f"only for {', '.join(incomes)} countries; {city.country} is {city.income_group}")
    low, high = p.get("min_population"), p.get("max_population")
    low = None if low is None or pd.isna(low) else int(low)
    high = None if high is None or pd.isna(high) else int(high)
    if low is not None or high is not None:
        if city.population is None:
            unknown.append("the city's population is not known")
        elif (low is not None and city.population < low) or (high is not None and city.population > high):
            upper = "∞" if high is None else f"{high:,}"
            failed.append(f"size limit {low or 0:,}–{upper} people; {city.name} has {city.population:,}")
        else:
            met.append("size ok")
    sectors = listed(p.get("sectors"))
    if not sectors:
        met.append("any sector")
    elif not city.largest_sectors:
        unknown.append(f"funds {', '.join(sectors)}; the city's sector figures are not known")
    elif set(sectors) & set(city.largest_sectors):
        met.append(f"funds its largest sectors ({', '.join(sorted(set(sectors) & set(city.largest_sectors)))})")
    else:
        unknown.append(f"funds {', '.join(sectors)}, not its largest sectors")
    status = p.get("status")
    if status == "closed":
        failed.append(f"closed when last checked ({p.get('last_checked')})")
    elif status is None or status == "unknown" or pd.isna(status):  # a blank cell reads NaN in a frame
        unknown.append("whether it is open now")
    verdict = NOT_ELIGIBLE if failed else MAYBE if unknown else ELIGIBLE
    return verdict, met, failed, unknown


def match_funding(programmes: pd.DataFrame, city: CityFacts) -> pd.DataFrame:
    """The programmes with a verdict and its reasons, eligible first (stable: then by name)."""
    rows = []
    for p in programmes.to_dict("records"):
        verdict, met, failed, unknown = check_programme(p, city)
        rows.append({**p, "verdict": verdict, "met": "; ".join(met), "failed": "; ".join(failed),
                     "unknown": "; ".join(unknown)})  # fmt: skip
    out = pd.DataFrame(rows, columns=[*programmes.columns, "verdict", "met", "failed", "unknown"])
    if out.empty:
        return out
    out["_order"] = out["verdict"].map(VERDICT_ORDER)
    return out.sort_values(["_order", "name"], kind="stable", ignore_index=True).drop(columns="_order")


def ticket_text(row: dict) -> str:
    lo, hi, cur = row.get("ticket_min"), row.get("ticket_max"), row.get("currency") or ""
    lo = None if lo is None or pd.isna(lo) else lo
    hi = None if hi is None or pd.isna(hi) else hi
    if lo is None and hi is None:
        return "not stated"
    if lo is not None and hi is not None:
        return f"{cur} {lo:,.0f}–{hi:,.0f}".strip()
    return f"{cur} {'from ' + format(lo, ',.0f') if lo is not None else 'up to ' + format(hi, ',.0f')}".strip()


RECURRING = ("yearly", "periodic")
RECURRING_NOTE = "recurring call: check for the next one"


def status_age(last_checked, today: date) -> str:
    """How old a status is, in words: 'checked today', 'checked 4 days ago', 'checked 13 months ago'.

    Under a month it counts days; from one calendar month on it counts whole calendar months (31 January to
    28 February is 28 days; 15 March to 15 April is 1 month; 30 November to the next 30 November is 12 months).
    """
    if last_checked is None or pd.isna(last_checked):
        return "never checked"
    checked = pd.Timestamp(last_checked).date()
    if checked > today:
        return f"checked {checked.isoformat()}, after today"
    months = (today.year - checked.year) * 12 + today.month - checked.month - (today.day < checked.day)
    if months >= 1:
        return f"checked {months} month{'s' if months > 1 else ''} ago"
    days = (today - checked).days
    return "checked today" if days == 0 else f"checked {days} day{'s' if days > 1 else ''} ago"


def status_note(status, recurrence) -> str:
    """The note beside a status: a programme that calls yearly or periodically, not open now, will call again."""
    if recurrence in RECURRING and status in ("closed", "unknown", "upcoming"):
        return RECURRING_NOTE
    return ""


# The ticket's raw columns: a download carries them as numbers; the page shows "Ticket" ("EUR up to 1,000,000").
TICKET_DATA = {"ticket_min": "Ticket from", "ticket_max": "Ticket up to", "currency": "Currency"}


def funding_table(frame: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """What the Funding page shows and downloads; `today` dates the status ages (default: the system date).
    The page shows every column but those of TICKET_DATA; the download every column but "Ticket"."""
    today = today or date.today()
    recurrence = frame["recurrence"] if "recurrence" in frame else pd.Series(None, index=frame.index, dtype=object)
    table = pd.DataFrame(
        {
            "Programme": frame["name"],
            "Provider": frame["provider"],
            "Instrument": frame["instrument"],
            "Scope": frame["scope"],
            "Regions": frame["region_names"].map(lambda v: ", ".join(listed(v)) or "any"),
            "Income groups": frame["income_groups"].map(lambda v: ", ".join(listed(v)) or "any"),
            "Sectors": frame["sectors"].map(lambda v: ", ".join(listed(v)) or "any"),
            "Ticket": [ticket_text(r) for r in frame.to_dict("records")],
            "Status": frame["status"],
            "Status checked": frame["last_checked"].map(lambda v: status_age(v, today)),
            "Note": [status_note(st, rec) for st, rec in zip(frame["status"], recurrence, strict=True)],
            "Last checked": frame["last_checked"],
            "Source": frame["url"],
        }
    )
    for col, label in TICKET_DATA.items():  # the ticket as numbers, for downloads (the page shows "Ticket")
        table[label] = frame[col] if col in frame else None
    if "verdict" in frame:  # for a city: the verdict and its reasons come first
        labels = {"verdict": "For this city", "failed": "Not met", "unknown": "Unknown", "met": "Checked and met"}
        for i, (col, label) in enumerate(labels.items(), start=1):
            table.insert(i, label, frame[col])
    return table


def city_facts_from(profile: dict, shares: pd.DataFrame) -> CityFacts:
    """CityFacts from a queries/city_profiles.sql row and queries/city_sector_shares.sql rows."""
    names = [profile.get(k) for k in ("region", "subregion", "intermediate_region")]
    population = profile.get("population")
    return CityFacts(
        name=profile["city"],
        iso3=profile["iso3"],
        country=profile["country"],
        region_ids=listed(profile.get("region_ids")),
        region_names=[n for n in names if n and not pd.isna(n)],
        income_group=None if pd.isna(profile.get("income_group")) else profile.get("income_group"),
        population=None if population is None or pd.isna(population) else int(population),
        largest_sectors=list(shares["sector"].head(2)) if len(shares) else [],
    )
