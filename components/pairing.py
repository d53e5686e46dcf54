"""City2City pairing suggestions: partners in other world regions, alike on the peer features and strong where the
other is weak. Pure: no Streamlit, no store.

Suitability of a pair (i, j), between 0 and 1, only when i and j lie in different UN regions (both known):
  0.5 x similarity + 0.5 x complementarity
- similarity: the peer finder's features (components/peers.py) without region, with its weights: size, income
  group, per-capita emissions, sector mix, net-zero year; a feature unknown for either city counts 0.5;
- complementarity: what each can offer the other, 3 points each way, out of 6: a practice in the store in the
  other's largest sector, a target where the other has none, a reported inventory where the other has none.

For a network, the proposed pairs maximise total suitability with each city in at most MAX_PAIRS pairs (as
City2City does): a maximum-weight b-matching, solved exactly as a small integer programme by HiGHS (scipy's
`milp`): one 0/1 variable per candidate pair, one constraint per city (its pairs <= its room). Pinned pairs are
fixed first and count towards a city's pairs; excluded pairs are never candidates. Each city's candidates are
its CANDIDATES best partners, which keeps a 300-city network within its time budget; with fewer cities every
pair is a candidate. Should the solver stop at its time limit before proving the optimum, the better of its
best solution and the greedy one (heaviest pair first) is kept, and the proposal says so.

Why not networkx's maximum-weight matching run twice: measured on a 300-city network (10 candidates each), its
pure-Python blossom algorithm took 2.5-4 s for the two rounds, against 30-250 ms for the exact b-matching here,
and two rounds of matching are not optimal for "at most two pairs" anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from components.funding import INCOME_GROUP_LABELS, SECTOR_LABELS, label
from components.i18n import _, fmt_percent
from components.peers import DEFAULT_WEIGHTS, INCOME_RANK, SHARE_COLUMNS, UNKNOWN

MAX_PAIRS = 2
CANDIDATES = 10
SOLVER_SECONDS = 0.1  # HiGHS stops here with its best solution so far (then compared with the greedy one)
MIP_GAP = 1e-3  # "optimal" = within 0.1 % of the best possible total
SIMILARITY_FEATURES = ["size", "income", "per_capita", "sector_mix", "ambition"]
SECTOR_NAMES = [c.removeprefix("share_") for c in SHARE_COLUMNS]


def _floats(column: pd.Series) -> np.ndarray:
    return np.array(column.astype("float64").to_numpy(dtype=float, na_value=np.nan), dtype=float, copy=True)


def pair_frame(features: pd.DataFrame, strengths: pd.DataFrame, city_ids: list[int]) -> pd.DataFrame:
    """The peer features (queries/peer_features.sql) of `city_ids`, in that order, with their strengths
    (queries/city_strengths.sql) and largest sector; ids the store does not know are dropped."""
    ids = np.array([int(i) for i in dict.fromkeys(city_ids)], dtype=np.int64)
    base = features.iloc[_positions(features["city_id"].to_numpy(), ids)].reset_index(drop=True)
    found = base["city_id"].to_numpy()
    strong = strengths.iloc[_positions(strengths["city_id"].to_numpy(), found)]
    where = dict(zip(strong["city_id"].to_numpy(), range(len(strong)), strict=True))
    rows = [where.get(c) for c in found]
    sectors, target, inventory = (strong[c].to_numpy(dtype=object) for c in ("practice_sectors", "has_target",
                                                                               "has_inventory"))  # fmt: skip
    base["practice_sectors"] = [list(sectors[r]) if r is not None and sectors[r] is not None else [] for r in rows]
    base["has_target"] = np.array([r is not None and bool(target[r]) for r in rows], dtype=bool)
    base["has_inventory"] = np.array([r is not None and bool(inventory[r]) for r in rows], dtype=bool)
    shares = base[SHARE_COLUMNS].to_numpy(dtype=float, na_value=np.nan)
    has_shares = ~np.isnan(shares).all(axis=1)
    largest = np.argmax(np.nan_to_num(shares, nan=-1.0), axis=1)
    base["largest_sector"] = [SECTOR_NAMES[k] if ok else None for k, ok in zip(largest, has_shares, strict=True)]
    return base


def _positions(sorted_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Row positions of `wanted` ids in a column of ids sorted ascending (the queries' order); absent ids dropped."""
    if not len(sorted_ids) or not len(wanted):
        return np.array([], dtype=int)
    at = np.clip(np.searchsorted(sorted_ids, wanted), 0, len(sorted_ids) - 1)
    return at[sorted_ids[at] == wanted]


def similarity_matrix(cities: pd.DataFrame) -> np.ndarray:
    """Pairwise similarity on the peer features without region (components/peers.py's rules), n x n."""
    with np.errstate(invalid="ignore", divide="ignore"):
        pop = _floats(cities["population"])
        pop[pop <= 0] = np.nan
        sims = {"size": np.clip(1 - np.abs(np.log10(pop[:, None] / pop[None, :])), 0, None)}
        rank = _floats(cities["income_group"].map(INCOME_RANK))
        sims["income"] = np.clip(1 - 0.5 * np.abs(rank[:, None] - rank[None, :]), 0, None)
        pc = _floats(cities["per_capita_tco2e"])
        pc[pc <= 0] = np.nan
        sims["per_capita"] = np.clip(1 - np.abs(np.log(pc[:, None] / pc[None, :])) / np.log(4), 0, None)
        shares = cities[SHARE_COLUMNS].to_numpy(dtype=float, na_value=np.nan)
        known = ~np.isnan(shares).all(axis=1)
        a = np.nan_to_num(shares)
        norms = np.linalg.norm(a, axis=1)
        cos = (a @ a.T) / np.where(norms[:, None] * norms[None, :] > 0, norms[:, None] * norms[None, :], 1)
        cos[~(known[:, None] & known[None, :])] = np.nan
        sims["sector_mix"] = cos
        nz = _floats(cities["net_zero_year"])
        sims["ambition"] = np.clip(1 - np.abs(nz[:, None] - nz[None, :]) / 20, 0, None)
    total = sum(DEFAULT_WEIGHTS[f] for f in SIMILARITY_FEATURES)
    return sum(np.where(np.isnan(sims[f]), UNKNOWN, sims[f]) * DEFAULT_WEIGHTS[f] for f in SIMILARITY_FEATURES) / total


def offers(cities: pd.DataFrame) -> np.ndarray:
    """offers[i, j]: how many of the 3 strengths city i brings where city j is weak (0-3)."""
    column = {s: k for k, s in enumerate(SECTOR_NAMES)}
    has = np.zeros((len(cities), len(SECTOR_NAMES)))
    for i, sectors in enumerate(cities["practice_sectors"]):
        has[i, [column[s] for s in sectors if s in column]] = 1
    largest = np.zeros_like(has)
    for j, sector in enumerate(cities["largest_sector"]):
        if sector in column:
            largest[j, column[sector]] = 1
    practice = has @ largest.T  # 1 where i has a practice in j's largest sector
    target = cities["has_target"].to_numpy(dtype=bool)
    inventory = cities["has_inventory"].to_numpy(dtype=bool)
    return practice + (target[:, None] & ~target[None, :]) + (inventory[:, None] & ~inventory[None, :])


def suitability_matrix(cities: pd.DataFrame, similarity: np.ndarray | None = None) -> np.ndarray:
    """Suitability of every pair (0-1); 0 on the diagonal, within a region and where a region is unknown."""
    offer = offers(cities)
    similarity = similarity_matrix(cities) if similarity is None else similarity
    suit = 0.5 * similarity + 0.5 * (offer + offer.T) / 6
    region = cities["region"].to_numpy(dtype=object)
    known = np.array([isinstance(r, str) for r in region])
    cross = (region[:, None] != region[None, :]) & known[:, None] & known[None, :]
    return np.where(cross, suit, 0.0)


REASON_FIELDS = ["city", "region", "income_group", "largest_sector", "practice_sectors", "has_target", "has_inventory"]


def reason_records(cities: pd.DataFrame) -> list[dict]:
    """What pair_reasons reads, as plain dicts (a pandas row lookup per pair cost ~1 ms)."""
    columns = [cities[c].to_numpy(dtype=object) for c in REASON_FIELDS]
    return [dict(zip(REASON_FIELDS, values, strict=True)) for values in zip(*columns, strict=True)]


def pair_reasons(records: list[dict], i: int, j: int, sim: float) -> str:
    """Why i and j make a pair, in words (the current language): the regions they cross, how alike they are,
    what each offers."""
    a, b = records[i], records[j]
    alike = fmt_percent(round(sim * 100) / 100)  # rounded as f"{sim:.0%}" rounds
    out = [
        _("{region} and {other_region}").format(region=a["region"], other_region=b["region"]),
        _("alike {percent} on size, income, emissions, sector mix, net zero").format(percent=alike),
    ]
    if isinstance(a["income_group"], str) and a["income_group"] == b["income_group"]:
        out.append(_("both {income_group}").format(income_group=label(INCOME_GROUP_LABELS, a["income_group"])))
    for x, y in ((a, b), (b, a)):
        if y["largest_sector"] and y["largest_sector"] in x["practice_sectors"]:
            out.append(
                _("{city} has a practice in {sector}, {partner}'s largest sector").format(
                    city=x["city"], sector=label(SECTOR_LABELS, y["largest_sector"]), partner=y["city"]
                )
            )
        if x["has_target"] and not y["has_target"]:
            out.append(_("{city} has a target, {partner} none in the store").format(city=x["city"], partner=y["city"]))
        if x["has_inventory"] and not y["has_inventory"]:
            out.append(
                _("{city} reported an inventory, {partner} none in the store").format(city=x["city"], partner=y["city"])
            )
    return "; ".join(out)


def partners_for(cities: pd.DataFrame, city_id: int, limit: int = 10) -> pd.DataFrame:
    """The best partners of one city among `cities` (a pair_frame), in other world regions, best first."""
    ids = cities["city_id"].to_numpy()
    position = np.flatnonzero(ids == city_id)
    if not len(position):
        raise KeyError(f"no city {city_id}")
    i = int(position[0])
    similarity = similarity_matrix(cities)
    suit = suitability_matrix(cities, similarity)[i]
    sim = similarity[i]
    records = reason_records(cities)
    order = [j for j in np.lexsort((ids, -suit)) if j != i and suit[j] > 0][:limit]
    return pd.DataFrame(
        {
            "partner": cities["city"].to_numpy()[order],
            "country": cities["country"].to_numpy()[order],
            "region": cities["region"].to_numpy()[order],
            "suitability": np.round(suit[order], 3),
            "reasons": [pair_reasons(records, i, j, sim[j]) for j in order],
            "city_id": ids[order],
        }
    )


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (min(int(a), int(b)), max(int(a), int(b)))


@dataclass
class Proposal:
    pairs: pd.DataFrame
    weight: float
    dropped_pins: list[str] = field(default_factory=list)  # why a pin could not be kept
    proven: bool = True  # False: the solver stopped at its time limit (the better of its best and greedy kept)


def candidate_edges(suit: np.ndarray, candidates: int = CANDIDATES) -> dict[tuple[int, int], float]:
    """Positive pairs among each city's `candidates` best partners (positions in the frame), by key (i < j)."""
    n = len(suit)
    k = min(candidates, n - 1)
    if k <= 0:
        return {}
    best = np.argpartition(-suit, k - 1, axis=1)[:, :k] if k < n - 1 else np.tile(np.arange(n), (n, 1))
    i = np.repeat(np.arange(n), best.shape[1])
    j = best.ravel()
    keep = (i != j) & (suit[i, j] > 0)
    lo, hi = np.minimum(i[keep], j[keep]), np.maximum(i[keep], j[keep])
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0)
    return {(int(a), int(b)): float(suit[a, b]) for a, b in pairs}


def solve_pairs(
    edges: dict[tuple[int, int], float],
    n: int,
    pinned: list[tuple[int, int]] | None = None,
    max_pairs: int = MAX_PAIRS,
    seconds: float = SOLVER_SECONDS,
) -> tuple[list[tuple[int, int]], bool]:
    """Pairs (positions, i < j) of maximum total weight with each node in at most `max_pairs` pairs, the pinned
    pairs included; and whether the optimum was proven (else the better of the solver's best and greedy)."""
    room = np.full(n, max_pairs)
    chosen = [pair_key(i, j) for i, j in pinned or []]
    for i, j in chosen:
        room[i] -= 1
        room[j] -= 1
    free = {k: w for k, w in edges.items() if k not in set(chosen) and room[k[0]] > 0 and room[k[1]] > 0 and w > 0}
    if not free:
        return chosen, True
    keys = list(free)
    weights = np.array([free[k] for k in keys])
    rows = np.array([k[0] for k in keys] + [k[1] for k in keys])
    columns = np.concatenate([np.arange(len(keys))] * 2)
    incidence = coo_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, len(keys))).tocsr()
    result = milp(
        -weights,
        constraints=LinearConstraint(incidence, -np.inf, room),
        integrality=np.ones(len(keys)),
        bounds=Bounds(0, 1),
        options={"time_limit": seconds, "mip_rel_gap": MIP_GAP},
    )
    solved = [] if result.x is None else [k for k, x in zip(keys, result.x, strict=True) if x > 0.5]
    proven = result.status == 0
    if not proven:
        greedy = greedy_pairs(free, n, room)
        if sum(free[k] for k in greedy) > sum(free[k] for k in solved):
            solved = greedy
    return chosen + solved, proven


def greedy_pairs(
    edges: dict[tuple[int, int], float], n: int, room: int | np.ndarray = MAX_PAIRS
) -> list[tuple[int, int]]:
    """The baseline: heaviest pair first while both cities have room (`room`: pairs each may still take)."""
    room = np.array(np.broadcast_to(room, (n,)), dtype=int)
    chosen = []
    for (i, j), _w in sorted(edges.items(), key=lambda e: (-e[1], e[0])):
        if room[i] > 0 and room[j] > 0:
            chosen.append((i, j))
            room[i] -= 1
            room[j] -= 1
    return chosen


def propose_pairs(
    cities: pd.DataFrame,
    pins: list[tuple[int, int]] | None = None,
    excludes: list[tuple[int, int]] | None = None,
    candidates: int = CANDIDATES,
    seconds: float = SOLVER_SECONDS,
) -> Proposal:
    """Proposed City2City pairs for the cities of a network (a pair_frame), with pins kept and exclusions honoured.
    pins / excludes are GeoNames id pairs."""
    ids = [int(i) for i in cities["city_id"]]
    position = {cid: k for k, cid in enumerate(ids)}
    region = cities["region"].to_numpy(dtype=object)
    sim = similarity_matrix(cities)
    suit = suitability_matrix(cities, sim)
    records = reason_records(cities)
    excluded = {pair_key(*p) for p in excludes or []}
    dropped, pinned, room = [], [], dict.fromkeys(ids, MAX_PAIRS)
    names = dict(zip(ids, cities["city"], strict=True))
    country = cities["country"].to_numpy(dtype=object)
    for a, b in dict.fromkeys(pair_key(*p) for p in pins or []):
        pair = f"{names.get(a, a)} – {names.get(b, b)}"
        if a not in position or b not in position:
            dropped.append(_("{pair}: not both in this network").format(pair=pair))
        elif not isinstance(region[position[a]], str) or region[position[a]] == region[position[b]]:
            dropped.append(_("{pair}: not across world regions").format(pair=pair))
        elif (a, b) in excluded:
            dropped.append(_("{pair}: also excluded").format(pair=pair))
        elif room[a] == 0 or room[b] == 0:
            dropped.append(_("{pair}: a city would be in more than {n} pairs").format(pair=pair, n=MAX_PAIRS))
        else:
            pinned.append((position[a], position[b]))
            room[a] -= 1
            room[b] -= 1
    edges = {
        (i, j): w for (i, j), w in candidate_edges(suit, candidates).items() if pair_key(ids[i], ids[j]) not in excluded
    }
    chosen, proven = solve_pairs(edges, len(ids), pinned, seconds=seconds)
    pinned_keys = {pair_key(i, j) for i, j in pinned}
    rows = []
    for i, j in chosen:
        i, j = sorted((i, j), key=lambda k: ids[k])
        rows.append(
            {
                "city_a": names[ids[i]], "country_a": country[i], "region_a": region[i],
                "city_b": names[ids[j]], "country_b": country[j], "region_b": region[j],
                "suitability": round(float(suit[i, j]), 3), "pinned": pair_key(i, j) in pinned_keys,
                "reasons": pair_reasons(records, i, j, sim[i, j]), "city_id_a": ids[i], "city_id_b": ids[j],
            }
        )  # fmt: skip
    frame = pd.DataFrame(rows, columns=[
        "city_a", "country_a", "region_a", "city_b", "country_b", "region_b", "suitability", "pinned", "reasons",
        "city_id_a", "city_id_b"])  # fmt: skip
    frame = frame.sort_values(["pinned", "suitability", "city_id_a"], ascending=[False, False, True], ignore_index=True)
    return Proposal(frame, float(frame["suitability"].sum()), dropped, proven)


def city_labels(cities: pd.DataFrame) -> dict[int, str]:
    """A name per city that tells it apart within the frame: its name, else 'name (country)', else with its id."""
    names = list(cities["city"])
    labels = {}
    for cid, name, country in zip(cities["city_id"], names, cities["country"], strict=True):
        label = name if names.count(name) == 1 else f"{name} ({country})"
        labels[int(cid)] = label
    seen = list(labels.values())
    return {cid: (lab if seen.count(lab) == 1 else f"{lab} [{cid}]") for cid, lab in labels.items()}


PAIR_SEPARATOR = " – "


def pair_label(labels: dict[int, str], key: tuple[int, int]) -> str:
    """'Lisbon – Miami': how a pair shows in the pin and exclude lists and in the URL (?pin=Lisbon+–+Miami)."""
    return PAIR_SEPARATOR.join(labels.get(int(c), str(c)) for c in key)


def parse_pair_label(labels: dict[int, str], text: str) -> tuple[int, int] | None:
    """The pair a label names (either order), or None when it names no two cities of the frame."""
    ids = {label: cid for cid, label in labels.items()}
    parts = str(text).split(PAIR_SEPARATOR)
    if len(parts) != 2 or parts[0] not in ids or parts[1] not in ids or parts[0] == parts[1]:
        return None
    return pair_key(ids[parts[0]], ids[parts[1]])


def pair_options(
    cities: pd.DataFrame, proposal: Proposal, extra: list[str] | None = None, per_city: int = 3
) -> dict[str, tuple[int, int]]:
    """What staff can pin or exclude, label -> pair: the proposed pairs, each city's `per_city` best partners,
    and any pair already in the URL (`extra` labels, kept when they name two cities of the frame)."""
    labels = city_labels(cities)
    ids = cities["city_id"].to_numpy()
    keys = [pair_key(a, b) for a, b in zip(proposal.pairs["city_id_a"], proposal.pairs["city_id_b"], strict=True)]
    keys += [pair_key(ids[i], ids[j]) for i, j in candidate_edges(suitability_matrix(cities), per_city)]
    keys += [p for p in (parse_pair_label(labels, t) for t in extra or []) if p]
    return {pair_label(labels, k): k for k in dict.fromkeys(keys)}
