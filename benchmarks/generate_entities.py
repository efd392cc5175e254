"""Write a synthetic OpenSanctions `entities.ftm.json` of N targets, shaped like the real file.

    python benchmarks/generate_entities.py OUT.ftm.json [--targets 1000000] [--seed 1]

Each target line (Person, Organization, Company, LegalEntity, Vessel, Airplane) carries names,
aliases, countries, identifiers, topics, program keys, referents and the datasets of the lists
that hold it; each listing has its own `Sanction` line (program, dates, source URL, a reason
text), and there are Address and Identification lines as in a collection export. About a third
of the targets are not tied to Russia, and some are listed only outside the G7. Lines are in
no particular order, as in the real file (sorted by id, which mixes targets and sanctions).
About 1.4 KB per target: 1 million targets make about 1.4 GB. Nothing here is real data.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import orjson

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


def _target(number: int, rng: random.Random) -> tuple[dict[str, object], list[dict[str, object]]]:
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


def _line(
    entity_id: str, caption: str, schema: str, props: dict[str, list[str]]
) -> dict[str, object]:
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


def _extras(rng: random.Random, number: int) -> list[dict[str, object]]:
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


def generate(path: Path, targets: int, seed: int) -> int:
    """Write the file; returns its size in bytes."""
    rng = random.Random(seed)
    option = orjson.OPT_APPEND_NEWLINE
    buffer: list[bytes] = []
    with path.open("wb") as handle:
        for number in range(targets):
            target, sanctions = _target(number, rng)
            lines = [target, *sanctions, *_extras(rng, number)]
            buffer.extend(orjson.dumps(line, option=option) for line in lines)
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
    args = parser.parse_args()
    size = generate(args.out, args.targets, args.seed)
    print(f"{args.out}: {args.targets} targets, {size / 1e9:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
