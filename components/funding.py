"""Which funding programmes a city could apply to, and why. Pure: no Streamlit.

`match_funding(programmes, city)` checks each programme's encoded rules against the city's facts:
region, country, income group, city size, sectors, and whether the call is closed. A rule the city fails
makes it "not eligible"; a rule we cannot check (no income group for the country, no population, no
sector figures) makes it "maybe"; otherwise "eligible". Every verdict lists the reasons checked and
what is unknown, in words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from components.i18n import DEFAULT, N_, _, fmt_int, language, ngettext, pgettext, region_name

ELIGIBLE, MAYBE, NOT_ELIGIBLE = "eligible", "maybe", "not eligible"
VERDICT_ORDER = {ELIGIBLE: 0, MAYBE: 1, NOT_ELIGIBLE: 2}

# Words of the catalogue's fixed vocabularies as shown (values stay as stored; unknown values are shown as they are).
VERDICT_LABELS = {ELIGIBLE: N_("eligible"), MAYBE: N_("maybe"), NOT_ELIGIBLE: N_("not eligible")}
STATUS_LABELS = {"open": N_("open"), "closed": N_("closed"), "unknown": N_("unknown"), "upcoming": N_("upcoming")}
SECTOR_LABELS = {
    "energy": N_("energy"), "buildings": N_("buildings"), "transport": N_("transport"), "waste": N_("waste"),
    "industry": N_("industry"), "afolu": N_("afolu"), "cross-cutting": N_("cross-cutting"), "other": N_("other"),
}  # fmt: skip
INSTRUMENT_LABELS = {
    "grant": N_("grant"), "loan": N_("loan"), "guarantee": N_("guarantee"),
    "technical assistance": N_("technical assistance"), "project preparation": N_("project preparation"),
    "equity": N_("equity"), "other": N_("other"),
}  # fmt: skip
SCOPE_LABELS = {"international": N_("international"), "regional": N_("regional"), "national": N_("national")}
INCOME_GROUP_LABELS = {
    "Low income": N_("Low income"), "Lower middle income": N_("Lower middle income"),
    "Upper middle income": N_("Upper middle income"), "High income": N_("High income"),
}  # fmt: skip


def label(labels: dict[str, str], value) -> str:
    """A stored value of a fixed vocabulary in the current language (`labels`: one of the dicts above); a value
    the vocabulary does not know, or a missing one, is shown as it is."""
    return _(labels[value]) if isinstance(value, str) and value in labels else value


def labels_text(labels: dict[str, str], values) -> str:
    """Several values of a vocabulary, translated and joined with commas."""
    return ", ".join(label(labels, v) for v in values)


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
        met.append(_("no regional limit"))
    elif set(regions) & set(city.region_ids):
        met.append(_("region ok ({regions})").format(regions=programme_regions(p)))
    else:
        failed.append(_("only for {regions}").format(regions=programme_regions(p)))
    countries = listed(p.get("country_iso3s"))
    if countries:
        if city.iso3 in countries:
            met.append(_("{country} is eligible").format(country=city.country))
        else:
            failed.append(
                ngettext(
                    "{country} is not among its {n} eligible countries",
                    "{country} is not among its {n} eligible countries",
                    len(countries),
                ).format(country=city.country, n=fmt_int(len(countries)))
            )
    incomes = listed(p.get("income_groups"))
    if incomes:
        income = label(INCOME_GROUP_LABELS, city.income_group)
        if city.income_group is None:
            unknown.append(_("the World Bank gives no income group for {country}").format(country=city.country))
        elif city.income_group in incomes:
            met.append(_("income group ok ({income_group})").format(income_group=income))
        else:
            failed.append(
                _("only for {income_groups} countries; {country} is {income_group}").format(
                    income_groups=labels_text(INCOME_GROUP_LABELS, incomes), country=city.country, income_group=income
                )
            )
    low, high = p.get("min_population"), p.get("max_population")
    low = None if low is None or pd.isna(low) else int(low)
    high = None if high is None or pd.isna(high) else int(high)
    if low is not None or high is not None:
        if city.population is None:
            unknown.append(_("the city's population is not known"))
        elif (low is not None and city.population < low) or (high is not None and city.population > high):
            upper = "∞" if high is None else fmt_int(high)
            failed.append(
                _("size limit {low}–{high} people; {city} has {population}").format(
                    low=fmt_int(low or 0), high=upper, city=city.name, population=fmt_int(city.population)
                )
            )
        else:
            met.append(_("size ok"))
    sectors = listed(p.get("sectors"))
    if not sectors:
        met.append(_("any sector"))
    elif not city.largest_sectors:
        unknown.append(
            _("funds {sectors}; the city's sector figures are not known").format(
                sectors=labels_text(SECTOR_LABELS, sectors)
            )
        )
    elif set(sectors) & set(city.largest_sectors):
        largest = sorted(set(sectors) & set(city.largest_sectors))
        met.append(_("funds its largest sectors ({sectors})").format(sectors=labels_text(SECTOR_LABELS, largest)))
    else:
        unknown.append(
            _("funds {sectors}, not its largest sectors").format(sectors=labels_text(SECTOR_LABELS, sectors))
        )
    status = p.get("status")
    if status == "closed":
        failed.append(_("closed when last checked ({date})").format(date=p.get("last_checked")))
    elif status is None or status == "unknown" or pd.isna(status):  # a blank cell reads NaN in a frame
        unknown.append(_("whether it is open now"))
    verdict = NOT_ELIGIBLE if failed else MAYBE if unknown else ELIGIBLE
    return verdict, met, failed, unknown


def programme_regions(p: dict) -> str:
    """The regions a programme is limited to, by name in the current language (CLDR names from the M49 ids; the
    store's names in English and where CLDR has none)."""
    ids, names = listed(p.get("region_ids")), listed(p.get("region_names"))
    if language() == DEFAULT or not ids:
        return ", ".join(names or ids)
    names = [region_name(i) for i in ids]  # the store's names come sorted, not one per id: sort the CLDR ones
    return ", ".join(sorted(names, key=lambda n: unicodedata.normalize("NFKD", n).casefold()))  # "África" under A


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
        return _("not stated")
    if lo is not None and hi is not None:
        return f"{cur} {fmt_int(lo)}–{fmt_int(hi)}".strip()
    if lo is not None:
        return _("{currency} from {amount}").format(currency=cur, amount=fmt_int(lo)).strip()
    return _("{currency} up to {amount}").format(currency=cur, amount=fmt_int(hi)).strip()


RECURRING = ("yearly", "periodic")
RECURRING_NOTE = N_("recurring call: check for the next one")


def status_age(last_checked, today: date) -> str:
    """How old a status is, in words: 'checked today', 'checked 4 days ago', 'checked 13 months ago'.

    Under a month it counts days; from one calendar month on it counts whole calendar months (31 January to
    28 February is 28 days; 15 March to 15 April is 1 month; 30 November to the next 30 November is 12 months).
    """
    if last_checked is None or pd.isna(last_checked):
        return _("never checked")
    checked = pd.Timestamp(last_checked).date()
    if checked > today:
        return _("checked {date}, after today").format(date=checked.isoformat())
    months = (today.year - checked.year) * 12 + today.month - checked.month - (today.day < checked.day)
    if months >= 1:
        return ngettext("checked {n} month ago", "checked {n} months ago", months).format(n=fmt_int(months))
    days = (today - checked).days
    if days == 0:
        return _("checked today")
    return ngettext("checked {n} day ago", "checked {n} days ago", days).format(n=fmt_int(days))


def status_note(status, recurrence) -> str:
    """The note beside a status: a programme that calls yearly or periodically, not open now, will call again."""
    if recurrence in RECURRING and status in ("closed", "unknown", "upcoming"):
        return _(RECURRING_NOTE)
    return ""


# The ticket's raw columns: a download carries them as numbers; the page shows "Ticket" ("EUR up to 1,000,000").
TICKET_DATA = {"ticket_min": N_("Ticket from"), "ticket_max": N_("Ticket up to"), "currency": N_("Currency")}


def ticket_columns() -> list[str]:
    """The headers of TICKET_DATA's columns in the current language (the page leaves them out)."""
    return [_(v) for v in TICKET_DATA.values()]


def funding_table(frame: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """What the Funding page shows and downloads; `today` dates the status ages (default: the system date).
    The page shows every column but those of TICKET_DATA; the download every column but "Ticket". Headers and
    the vocabularies' words (instrument, scope, sectors, status, verdict) are in the current language."""
    today = today or date.today()
    recurrence = frame["recurrence"] if "recurrence" in frame else pd.Series(None, index=frame.index, dtype=object)
    records = frame.to_dict("records")
    any_region, any_income, any_sector = (
        pgettext("regions", "any"), pgettext("income groups", "any"), pgettext("sectors", "any")
    )  # fmt: skip
    table = pd.DataFrame(
        {
            _("Programme"): frame["name"],
            _("Provider"): frame["provider"],
            _("Instrument"): frame["instrument"].map(lambda v: label(INSTRUMENT_LABELS, v)),
            _("Scope"): frame["scope"].map(lambda v: label(SCOPE_LABELS, v)),
            _("Regions"): [programme_regions(r) if listed(r.get("region_names")) else any_region for r in records],
            _("Income groups"): frame["income_groups"].map(
                lambda v: labels_text(INCOME_GROUP_LABELS, listed(v)) or any_income
            ),
            _("Sectors"): frame["sectors"].map(lambda v: labels_text(SECTOR_LABELS, listed(v)) or any_sector),
            _("Ticket"): [ticket_text(r) for r in records],
            _("Status"): frame["status"].map(lambda v: label(STATUS_LABELS, v)),
            _("Status checked"): frame["last_checked"].map(lambda v: status_age(v, today)),
            _("Note"): [status_note(st, rec) for st, rec in zip(frame["status"], recurrence, strict=True)],
            _("Last checked"): frame["last_checked"],
            _("Source"): frame["url"],
        },
        index=frame.index,
    )
    for col, header in TICKET_DATA.items():  # the ticket as numbers, for downloads (the page shows "Ticket")
        table[_(header)] = frame[col] if col in frame else None
    if "verdict" in frame:  # for a city: the verdict and its reasons come first
        headers = {"verdict": _("For this city"), "failed": _("Not met"), "unknown": _("Unknown"),
                   "met": _("Checked and met")}  # fmt: skip
        for i, (col, header) in enumerate(headers.items(), start=1):
            values = frame[col].map(lambda v: label(VERDICT_LABELS, v)) if col == "verdict" else frame[col]
            table.insert(i, header, values)
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
