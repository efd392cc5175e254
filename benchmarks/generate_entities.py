"""Write a synthetic OpenSanctions `entities.ftm.json` of N targets, shaped like the real file.

    python benchmarks/generate_entities.py OUT.ftm.json [--targets 1000000] [--seed 1]
    python benchmarks/generate_entities.py OUT.ftm.json --shape dense    # the first generator

``--shape real`` (the default) follows the proportions of the `sanctions` collection that the
research note gives (2024-06-13: 246,147 entities, 66,127 targets, its target schemata and the
targets of each G7 list), with what the note does not give assumed and said so here:

- 3.7 entities per target: each listing has its own `Sanction` line (1.6 per target: the G7
  lists, Switzerland, Australia, Ukraine, the UN and smaller lists), and Address,
  Identification, link (Ownership, Directorship, Family, UnknownLink) and related-party lines;
- target schemata as in the note: 60 % Person, 26 % Organization, 6 % LegalEntity, 3 %
  Company, 2 % Security, 1.3 % Vessel, 0.7 % CryptoWallet, 0.6 % Airplane;
- each G7 list holds its share of the note's targets (the US SDN list 23 %, each UK list, the
  EU, France and Canada 6-7 %, Japan 3.8 %);
- most targets are not Russia-linked (assumed: 30 % are, a fifth of those designated by most
  of the G7, the rest by one or two lists, often only Ukraine's); 3 % are Russia's own
  counter-sanctions (topic `sanction.counter`); some vessels are tied to Russia only by the
  programme that designates them; Sanction lines carry the list's source URL, and dates as each
  list gives them (ordinary OFAC designations none, Canada a listing date only);
- a few Japanese records are not merged into the peers' cluster (possible matches).

About 1.5 KB per target. ``--shape dense`` is the first generator, kept to compare with the
first figures: 2.6 entities per target, 68 % of targets Russia-linked, lists drawn
independently, and 56 % of all targets gap rows for `entities JP --vs G7` (about 1.4 KB per
target). Lines are in no particular order, as in the real file (sorted by id, which mixes
targets and sanctions). Nothing here is real data.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import orjson

Line = dict[str, object]

# ---------------------------------------------------------------------- the dense shape (first)

# Lists with the share of Russia-linked targets each holds, its program text, key and ID prefix.
LISTS = (
    ("us_ofac_sdn", 0.35, "RUSSIA-EO14024", "US-RUSHAR", "ofac", "us"),
    ("us_ofac_cons", 0.02, "UKRAINE-EO13662", "US-UKRRUS-REL", "ofac", "us"),
    ("gb_fcdo_sanctions", 0.20, "Russia", "GB-RUS", "gb-fcdo", "gb"),
    ("eu_fsf", 0.15, "RUS", "EU-RUS", "eu-fsf", "eu"),
    ("fr_tresor_gels_avoir", 0.12, "Règlement (UE) 269/2014", "EU-UKR", "fr-ga", "fr"),
    ("ca_dfatd_sema_sanctions", 0.10, "Russia / Russie", "CA-SEMA", "ca-sema", "ca"),
    (
        "jp_mof_sanctions",
        0.06,
        "資産凍結等の措置の対象となるロシア連邦の団体及び個人",
        "",
        "ja-mof",
        "jp",
    ),
    ("ch_seco_sanctions", 0.08, "Ukraine", "", "ch-seco", "ch"),
    ("au_dfat_sanctions", 0.04, "Russia", "", "au-dfat", "au"),
    ("ua_nsdc_sanctions", 0.06, "NSDC", "", "ua-nsdc", "ua"),
)
OTHER_LISTS = (("un_sc_sanctions", "IRQ"), ("us_ofac_sdn", "IRAN"), ("eu_fsf", "IRN"))
SCHEMATA = (
    ("Person", 0.55),
    ("Organization", 0.15),
    ("Company", 0.12),
    ("LegalEntity", 0.08),
    ("Vessel", 0.07),
    ("Airplane", 0.03),
)
WORDS = (
    "Neft Gaz Trans Bank Invest Stroi Prom Tech Servis Energo Aero Flot Metal Agro Kapital "
    "Resurs Import Eksport Logistik Soyuz Sever Yug Vostok Zapad Ural Sibir Volga Baltika"
).split()
FIRST = "Alexei Boris Dmitri Elena Fyodor Galina Igor Irina Kirill Larisa Maxim Natalia".split()
LAST = "Ivanov Petrov Sidorov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov".split()
REASON = (
    "Involved in destabilising Ukraine and undermining its territorial integrity, sovereignty "
    "and independence; provides financial or material support to the Government of Russia."
)


def _hash(rng: random.Random) -> str:
    return f"{rng.getrandbits(160):040x}"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2014, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _dense_target(number: int, rng: random.Random) -> tuple[Line, list[Line]]:
    schema = rng.choices([s for s, _ in SCHEMATA], [w for _, w in SCHEMATA])[0]
    russian = rng.random() < 0.68
    if schema == "Person":
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
        props: dict[str, list[str]] = {
            "name": [name, f"{name.split()[1].upper()} {number}, {name.split()[0]}"],
            "firstName": [name.split()[0]],
            "lastName": [name.split()[1]],
            "birthDate": [_date(rng)[:4] + "-0" + str(rng.randint(1, 9)) + "-15"],
            "nationality": ["ru" if russian else rng.choice(["ir", "by", "sy", "kp"])],
            "position": ["Member of the State Duma of the Federal Assembly"],
            "gender": [rng.choice(["male", "female"])],
        }
    else:
        name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {number} OOO"
        props = {
            "name": [name, f'OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU "{name.upper()}"'],
            "alias": [f"{name.split()[0]} {number}"],
            "country": ["ru" if russian else rng.choice(["ir", "by", "ae", "cn"])],
        }
        if schema == "Vessel":
            props["imoNumber"] = [f"IMO{9000000 + number % 999999}"]
            props["flag"] = [rng.choice(["ru", "pa", "lr", "cm"])]
        elif schema != "Airplane":
            props["innCode"] = [f"{7700000000 + number}"]
            props["ogrnCode"] = [f"{1027700000000 + number}"]
            props["address"] = [f"{rng.randint(1, 99)} Ulitsa {rng.choice(WORDS)}, Moskva"]
    props["topics"] = ["sanction"] if rng.random() < 0.97 else ["sanction.linked"]
    props["notes"] = [REASON[: rng.randint(40, len(REASON))]]
    canonical = f"NK-{_hash(rng)[:22]}" if rng.random() < 0.8 else f"Q{number + 100000}"
    datasets, sanctions, keys, referents = [], [], [], []
    for dataset, share, program, key, prefix, country in LISTS:
        if rng.random() >= (share if russian else share / 6):
            continue
        datasets.append(dataset)
        source_id = f"{prefix}-{_hash(rng)[:12]}"
        referents.append(source_id)
        if key:
            keys.append(key)
        sanction_props: dict[str, list[str]] = {
            "entity": [canonical if rng.random() < 0.98 else source_id],
            "country": [country],
            "authority": [f"{country.upper()} sanctions authority"],
            "program": [program],
            "reason": [REASON[: rng.randint(20, 80)]],
            "sourceUrl": [f"https://sanctions.example/{country}/{number}"],
        }
        if key:
            sanction_props["programId"] = [key]
        if rng.random() < 0.85:
            sanction_props["startDate"] = [_date(rng)]
        if rng.random() < 0.3:
            sanction_props["listingDate"] = [_date(rng)]
        sanctions.append(_line(f"{prefix}-{_hash(rng)}", program, "Sanction", sanction_props))
        sanctions[-1]["datasets"] = [dataset]
    if not datasets:
        dataset, program = rng.choice(OTHER_LISTS)
        datasets.append(dataset)
        referents.append(f"{dataset[:5]}-{_hash(rng)[:12]}")
        sanctions.append(
            {
                **_line(f"x-{_hash(rng)}", program, "Sanction", {"entity": [canonical]}),
                "datasets": [dataset],
            }
        )
    if keys:
        props["programId"] = sorted(set(keys))
    line = _line(canonical, name, schema, props)
    line["referents"] = sorted(referents)
    line["datasets"] = sorted(datasets)
    line["target"] = True
    return line, sanctions


def _line(entity_id: str, caption: str, schema: str, props: dict[str, list[str]]) -> Line:
    return {
        "id": entity_id,
        "caption": caption,
        "schema": schema,
        "referents": [],
        "datasets": [],
        "first_seen": "2022-02-25T18:07:02",
        "last_seen": "2026-08-21T06:10:14",
        "last_change": "2025-08-19T14:02:51",
        "properties": props,
        "target": False,
    }


def _dense_extras(rng: random.Random, number: int) -> list[Line]:
    """Address and Identification lines: not targets, but a large share of the real file."""
    lines = []
    if rng.random() < 0.25:
        lines.append(
            {
                **_line(
                    f"addr-{_hash(rng)}",
                    "Moskva",
                    "Address",
                    {"full": [f"{number} Prospekt Mira, Moskva"], "country": ["ru"]},
                ),
                "datasets": ["us_ofac_sdn"],
            }
        )
    return lines


def _dense_lines(number: int, rng: random.Random) -> list[Line]:
    target, sanctions = _dense_target(number, rng)
    return [target, *sanctions, *_dense_extras(rng, number)]


# ---------------------------------------------------------------------- the real shape (default)

# The note's target schemata (2024-06), as shares of the 66,127 targets.
REAL_SCHEMATA = (
    ("Person", 39489),
    ("Organization", 17330),
    ("LegalEntity", 3946),
    ("Company", 2267),
    ("Security", 1393),
    ("Vessel", 875),
    ("CryptoWallet", 453),
    ("Airplane", 374),
)
RUSSIA_SHARE = 0.30
"""Targets tied to Russia (assumed: "most targets are not Russia-linked")."""
CORE_SHARE = 0.20
"""Of those, the ones most of the G7 designate (banks, oligarchs, officials)."""
COUNTER_SHARE = 0.03
"""Targets of Russia's own counter-sanctions (topic sanction.counter: never a gap)."""
UNMERGED_SHARE = 0.02
"""Russia-linked gap candidates with a separate, unmerged Japanese record."""


class Source:
    """A list of the real shape: who it holds and what its Sanction lines say."""

    def __init__(
        self,
        dataset: str,
        prefix: str,
        country: str,
        shares: tuple[float, float, float],
        russia: tuple[str, str],
        other: tuple[str, str],
        dates: tuple[float, float] = (1.0, 0.0),
    ) -> None:
        self.dataset, self.prefix, self.country = dataset, prefix, country
        self.shares = shares
        """Chance to hold a core Russia-linked target, another Russia-linked one, any other."""
        self.russia, self.other = russia, other
        """(program text, program key) for Russia designations and for the others."""
        self.dates = dates
        """Chance that a Sanction line has a start date, and a listing date."""
        self.url = f"https://sanctions.example/{dataset}/"


# The G7 lists' shares follow the note's targets per list (of 66,127): OFAC SDN 15,324, each
# UK list about 4,400, EU 4,780, France 4,873, Canada 4,267, Japan 2,526.
US = Source(
    "us_ofac_sdn",
    "ofac",
    "us",
    (0.70, 0.10, 0.236),
    ("RUSSIA-EO14024", "US-RUSHAR"),
    ("SDGT", "US-SDGT"),
    (0.05, 0.05),
)
US_CONS = Source(
    "us_ofac_cons",
    "ofac",
    "us",
    (0.03, 0.005, 0.0067),
    ("UKRAINE-EO13662", "US-UKRRUS-REL"),
    ("CMIC-EO13959", ""),
    (0.9, 0.9),
)
GB = Source(
    "gb_fcdo_sanctions",
    "gb-fcdo",
    "gb",
    (0.40, 0.025, 0.053),
    ("Russia", "GB-RUS"),
    ("Global Human Rights", ""),
)
GB_HMT = Source(
    "gb_hmt_sanctions",
    "gb-hmt",
    "gb",
    (0.95, 0.95, 0.95),
    ("Russia", "GB-RUS"),
    ("Global Human Rights", ""),
)
EU = Source(
    "eu_fsf", "eu-fsf", "eu", (0.40, 0.031, 0.058), ("RUS", "EU-RUS"), ("IRN", "EU-IRN"), (1.0, 1.0)
)
FR = Source(
    "fr_tresor_gels_avoir",
    "fr-ga",
    "fr",
    (0.95, 0.95, 0.95),
    ("Règlement (UE) 269/2014", "EU-UKR"),
    ("Code monétaire et financier", ""),
    (0.0, 0.0),
)
CA = Source(
    "ca_dfatd_sema_sanctions",
    "ca-sema",
    "ca",
    (0.50, 0.0625, 0.027),
    ("Russia / Russie", ""),
    ("Iran / Iran", ""),
    (0.0, 1.0),
)
JP = Source(
    "jp_mof_sanctions",
    "ja-mof",
    "jp",
    (0.25, 0.019, 0.026),
    ("資産凍結等の措置の対象となるロシア連邦の団体及び個人", ""),
    ("資産凍結等の措置の対象となるイランの団体及び個人", ""),
    (1.0, 1.0),
)
OTHERS = (
    Source("ua_nsdc_sanctions", "ua-nsdc", "ua", (0.5, 0.45, 0.01), ("NSDC", ""), ("NSDC", "")),
    Source("ch_seco_sanctions", "ch-seco", "ch", (0.8, 0.08, 0.06), ("Ukraine", ""), ("Iran", "")),
    Source("au_dfat_sanctions", "au-dfat", "au", (0.6, 0.05, 0.05), ("Russia", ""), ("Iran", "")),
    Source("un_sc_sanctions", "unsc", "un", (0.0, 0.0, 0.03), ("", ""), ("1267", "")),
)
SMALL = tuple(
    Source(
        dataset,
        dataset.replace("_", "-"),
        dataset[:2],
        (0.0, 0.0, 0.0),
        ("", ""),
        ("Sanctions", ""),
    )
    for dataset in (
        "be_fod_sanctions",
        "pl_mswia_sanctions",
        "ua_war_sanctions",
        "kz_afmrk_sanctions",
        "qa_nctc_sanctions",
        "za_fic_sanctions",
        "mc_fund_freezes",
        "il_mod_crypto",
    )
)
COUNTER = Source(
    "ru_mfa_sanctions", "ru-mfa", "ru", (0.0, 0.0, 0.0), ("", ""), ("Counter-sanctions", "")
)
FIRST_RU = "Алексей Борис Дмитрий Елена Фёдор Галина Игорь Ирина Кирилл Лариса Максим Наталья"
LAST_RU = "Иванов Петров Сидоров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков"


def _stamp(rng: random.Random) -> str:
    return f"{_date(rng)}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"


def _lists_of(rng: random.Random, russian: bool, core: bool) -> list[tuple[Source, bool]]:
    """The lists that hold a target, each with whether it designates under a Russia programme."""
    tier = 0 if core else 1 if russian else 2
    chosen: list[tuple[Source, bool]] = []

    def draw(entry: Source, share: float | None = None) -> bool:
        if rng.random() < (entry.shares[tier] if share is None else share):
            # Some non-Russian entities are designated under Russia programmes (suppliers).
            chosen.append((entry, russian or rng.random() < 0.05))
            return True
        return False

    draw(US)
    draw(US_CONS)
    if draw(GB):
        draw(GB_HMT)
    if draw(EU):
        draw(FR)
    else:
        draw(FR, 0.01)
    draw(CA)
    draw(JP)
    for entry in OTHERS:
        draw(entry)
    if not chosen or rng.random() < 0.08:
        chosen.append((rng.choice(SMALL), False))
        if rng.random() < 0.2:
            chosen.append((rng.choice(SMALL), False))
    return list({entry.dataset: (entry, russia) for entry, russia in chosen}.values())


def _person(number: int, rng: random.Random, russian: bool) -> tuple[str, dict[str, list[str]]]:
    first, last = rng.randrange(12), rng.randrange(10)
    name = f"{FIRST[first]} {LAST[last]} {number}"
    props = {
        "name": [name],
        "alias": [f"{LAST[last].upper()} {number}, {FIRST[first]}"],
        "firstName": [FIRST[first]],
        "lastName": [LAST[last]],
        "birthDate": [f"{rng.randint(1940, 1995)}-{_date(rng)[5:]}"],
        "nationality": ["ru" if russian else rng.choice(["ir", "sy", "kp", "iq", "af", "by"])],
        "gender": [rng.choice(["male", "female"])],
    }
    if russian:
        props["name"].append(f"{FIRST_RU.split()[first]} {LAST_RU.split()[last]} {number}")
    if rng.random() < 0.5:
        props["position"] = ["Member of the State Duma of the Federal Assembly"]
    if rng.random() < 0.3:
        props["birthPlace"] = [rng.choice(["Moskva", "Leningrad", "Tehran", "Damascus"])]
    return name, props


def _organisation(
    number: int, rng: random.Random, schema: str, russian: bool
) -> tuple[str, dict[str, list[str]]]:
    if schema == "Vessel":
        name = f"{rng.choice(WORDS).upper()} {number}"
        props = {
            "name": [name],
            "imoNumber": [f"IMO{9000000 + number % 999999}"],
            "flag": [rng.choice(["ru", "pa", "lr", "cm", "ga"])],
            "type": [rng.choice(["Crude Oil Tanker", "Products Tanker", "General Cargo"])],
        }
        if russian and rng.random() < 0.4:  # the others are tied by the Russia programme only
            props["country"] = ["ru"]
        return name, props
    if schema == "Airplane":
        name = f"RA-{number:06d}"
        props = {"name": [name], "registrationNumber": [name], "type": ["Sukhoi Superjet 100"]}
        if russian:
            props["country"] = ["ru"]
        return name, props
    if schema == "CryptoWallet":
        key = f"bc1q{number:034x}"
        return key, {"publicKey": [key], "currency": ["XBT"]}
    country = "ru" if russian else rng.choice(["ir", "cn", "ae", "sy", "kp", "tr"])
    name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {number} OOO"
    props = {"name": [name], "alias": [f"{name.split()[0]} {number}"], "country": [country]}
    if schema == "Security":
        props["isin"] = [f"RU{number:010d}"]
        return name, props
    if russian:
        props["name"].append(f'OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU "{name.upper()}"')
        props["innCode"] = [f"{7700000000 + number}"]
        props["ogrnCode"] = [f"{1027700000000 + number}"]
        if rng.random() < 0.05:
            props["swiftBic"] = [f"B{number:07d}".replace("0", "X")[:8]]
    else:
        props["registrationNumber"] = [f"{country.upper()}{number:09d}"]
    if rng.random() < 0.5:
        props["jurisdiction"] = [country]
    return name, props


def _sanction(
    entry: Source, russia: bool, entity: str, number: int, rng: random.Random
) -> tuple[Line, str]:
    """A list's Sanction line for a target, and its program key (if any)."""
    program, key = entry.russia if russia and entry.russia[0] else entry.other
    props: dict[str, list[str]] = {
        "entity": [entity],
        "country": [entry.country],
        "authority": [f"{entry.country.upper()} sanctions authority"],
        "sourceUrl": [entry.url],
        "program": [program],
        "authorityId": [f"{entry.prefix.upper()}{number}"],
    }
    if key:
        props["programId"] = [key]
    if rng.random() < 0.6:
        props["reason"] = [REASON[: rng.randint(40, len(REASON))]]
    if rng.random() < entry.dates[0]:
        props["startDate"] = [_date(rng)]
    if rng.random() < entry.dates[1]:
        props["listingDate"] = [_date(rng)]
    line = _line(f"{entry.prefix}-{_hash(rng)}", program, "Sanction", props)
    line["datasets"] = [entry.dataset]
    line["first_seen"] = line["last_change"] = _stamp(rng)
    return line, key


def _around(
    entity: str, schema: str, props: dict[str, list[str]], number: int, rng: random.Random
) -> list[Line]:
    """The non-target lines about a target: addresses, identifications, links, related parties."""
    lines: list[Line] = []
    if rng.random() < 0.5:
        address = f"addr-{_hash(rng)}"
        full = f"{rng.randint(1, 99)} Ulitsa {rng.choice(WORDS)}, Moskva, {100000 + number % 99999}"
        lines.append(
            _line(address, full, "Address", {"full": [full], "city": ["Moskva"], "country": ["ru"]})
        )
        props["addressEntity"] = [address]
    if rng.random() < 0.3:
        number_text = f"{rng.randint(10, 99)} {rng.randint(1000000, 9999999)}"
        kind = "Passport" if schema == "Person" else "Identification"
        lines.append(
            _line(
                f"id-{_hash(rng)}",
                number_text,
                kind,
                {"holder": [entity], "number": [number_text], "country": ["ru"]},
            )
        )
    if rng.random() < 0.25:
        kind, first, second = rng.choice(
            [
                ("Ownership", "owner", "asset"),
                ("Directorship", "director", "organization"),
                ("Family", "person", "relative"),
                ("UnknownLink", "subject", "object"),
            ]
        )
        lines.append(
            _line(
                f"link-{_hash(rng)}",
                kind,
                kind,
                {first: [entity], second: [f"NK-{_hash(rng)[:22]}"], "role": ["Shareholder"]},
            )
        )
    if rng.random() < 0.07:  # a related party with the list's dataset but no sanction topic
        name = f"{rng.choice(WORDS)} Holding {number} Ltd"
        lines.append(
            _line(f"NK-{_hash(rng)[:22]}", name, "Company", {"name": [name], "country": ["ru"]})
        )
    return lines


def _real_lines(number: int, rng: random.Random) -> list[Line]:
    schema = rng.choices([s for s, _ in REAL_SCHEMATA], [n for _, n in REAL_SCHEMATA])[0]
    counter = schema == "Person" and rng.random() < COUNTER_SHARE / 0.6
    russian = not counter and rng.random() < RUSSIA_SHARE
    core = russian and rng.random() < CORE_SHARE
    if schema == "Person":
        name, props = _person(number, rng, russian)
    else:
        name, props = _organisation(number, rng, schema, russian)
    if counter:
        props["nationality"] = [rng.choice(["us", "gb", "ca", "au"])]
        props["topics"] = ["sanction.counter"]
        lists = [(COUNTER, False)]
    else:
        props["topics"] = ["sanction"] if rng.random() < 0.97 else ["sanction.linked"]
        lists = _lists_of(rng, russian, core)
    if rng.random() < 0.4:
        props["notes"] = [REASON[: rng.randint(40, len(REASON))]]
    sources = [f"{entry.prefix}-{_hash(rng)[:12]}" for entry, _ in lists]
    merged = len(lists) > 1 or rng.random() < 0.4
    canonical = (
        (f"NK-{_hash(rng)[:22]}" if rng.random() < 0.9 else f"Q{number + 100000}")
        if merged
        else sources[0]
    )
    lines: list[Line] = []
    keys = set()
    for (entry, russia), source in zip(lists, sources, strict=True):
        refer = canonical if rng.random() < 0.98 else source
        sanction, key = _sanction(entry, russia, refer, number, rng)
        lines.append(sanction)
        if key:
            keys.add(key)
    if keys:
        props["programId"] = sorted(keys)
    target = _line(canonical, name, schema, props)
    target["referents"] = sorted(sources) if merged else []
    target["datasets"] = sorted(entry.dataset for entry, _ in lists)
    target["target"] = True
    target["first_seen"] = _stamp(rng)
    lines.append(target)
    around = _around(canonical, schema, props, number, rng)
    for line in around:
        line["datasets"] = [lists[0][0].dataset]
    held = {entry.dataset for entry, _ in lists}
    if russian and JP.dataset not in held and rng.random() < UNMERGED_SHARE:
        around += _unmerged(name, schema, props, number, rng)
    return lines + around


def _unmerged(
    caption: str, schema: str, props: dict[str, list[str]], number: int, rng: random.Random
) -> list[Line]:
    """Japan's own record of a target, not merged into the peers' cluster."""
    own = f"ja-mof-{_hash(rng)}"
    kept = ("name", "birthDate", "innCode", "imoNumber", "country", "nationality", "topics")
    line = _line(own, caption, schema, {k: v for k, v in props.items() if k in kept})
    line["datasets"] = [JP.dataset]
    line["target"] = True
    sanction, _ = _sanction(JP, True, own, number, rng)
    return [line, sanction]


# ---------------------------------------------------------------------- writing


SHAPES: dict[str, Callable[[int, random.Random], list[Line]]] = {
    "real": _real_lines,
    "dense": _dense_lines,
}


def generate(path: Path, targets: int, seed: int, shape: str = "real") -> int:
    """Write the file; returns its size in bytes."""
    rng = random.Random(seed)
    make = SHAPES[shape]
    option = orjson.OPT_APPEND_NEWLINE
    buffer: list[bytes] = []
    with path.open("wb") as handle:
        for number in range(targets):
            buffer.extend(orjson.dumps(line, option=option) for line in make(number, rng))
            if len(buffer) > 20_000:
                rng.shuffle(buffer)
                handle.write(b"".join(buffer))
                buffer.clear()
        rng.shuffle(buffer)
        handle.write(b"".join(buffer))
    return path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--targets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="real")
    args = parser.parse_args()
    size = generate(args.out, args.targets, args.seed, args.shape)
    print(f"{args.out}: {args.targets} targets ({args.shape} shape), {size / 1e9:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
