#!/usr/bin/env python3
"""Generate the footprint-sized example scenario (deterministic).

Writes scenario.toml, people.csv and vacancies.csv next to this script. The footprint and its
employers are invented; the shapes are taken from published NHS figures (see
docs/scenario-format.md and the project's domain notes):

- Kingsmoor integrated care system (7 employers: two acute trusts, a mental health trust, a
  community trust, an ambulance trust, the ICB and a commissioning support unit) and, in the
  same region, the neighbouring Elderfield footprint (an acute and a community trust).
- The 2025 reset: the ICB halves its running costs and the CSU closes, so most people at risk
  work there; trusts trim corporate posts (3-11% of their workforce, mostly non-clinical).
- People at risk sit mostly in bands 4 to 8d (corporate and management roles); vacancies lean
  to lower bands and include clinical posts that need a registration.
- Skills are drawn by job family; about one vacancy in four lets one essential skill be trained.

Run `python3 generate.py` (Python 3.8 or later, standard library only). The same seed always
writes the same files; the committed files are its output.
"""

import csv
import datetime as dt
import os
import random

SEED = 20251001
ROUND_DATE = dt.date(2025, 10, 1)
HERE = os.path.dirname(os.path.abspath(__file__))

# Full-time annual pay points, 2025/26 (configs/pay/afc-2025-26.toml).
PAY_POINTS = {
    "2": [24465], "3": [24937, 26598], "4": [27485, 30162], "5": [31049, 33487, 37796],
    "6": [38682, 40823, 46580], "7": [47810, 50273, 54710], "8a": [55690, 62682],
    "8b": [64455, 74896], "8c": [76965, 88682], "8d": [91342, 105337], "9": [109179, 125637],
}

FOOTPRINTS = [
    ("kingsmoor", "Kingsmoor Integrated Care System"),
    ("elderfield", "Elderfield Integrated Care System"),
]

# id, name, kind, footprint, people at risk, vacancies, sites (id, name, latitude, longitude)
EMPLOYERS = [
    ("RKU", "Kingsmoor University Hospitals NHS Trust", "acute", "kingsmoor", 40, 70, [
        ("KU-CITY", "Kingsmoor City Hospital", 52.9541, -1.1550),
        ("KU-QUEEN", "Queen's Road Hospital", 52.9372, -1.1862),
        ("KU-TREAS", "Treasury House (corporate offices)", 52.9525, -1.1480)]),
    ("RHS", "Hollinbridge and Stanmere Hospitals NHS Foundation Trust", "acute", "kingsmoor", 25, 55, [
        ("HS-HOLL", "Hollinbridge General Hospital", 53.1310, -1.2010),
        ("HS-STAN", "Stanmere Community Hospital", 53.0422, -1.3405)]),
    ("RKH", "Kingsmoor Healthcare NHS Foundation Trust", "mental-health", "kingsmoor", 25, 40, [
        ("KH-HIGH", "Highbury Mental Health Unit", 52.9900, -1.1700),
        ("KH-WOOD", "Woodside Centre", 52.9120, -1.2300)]),
    ("RKC", "Kingsmoor Community Services NHS Trust", "community", "kingsmoor", 20, 35, [
        ("KC-MILL", "Mill Lane Health Centre", 52.9700, -1.0600),
        ("KC-ASH", "Ashby Vale Clinic", 52.8800, -1.3100)]),
    ("RES", "East Shires Ambulance Service NHS Trust", "ambulance", "kingsmoor", 15, 20, [
        ("ES-HQ", "East Shires Ambulance HQ", 53.0050, -1.1200),
        ("ES-EOC", "Emergency Operations Centre", 52.9300, -1.0900)]),
    ("QKM", "NHS Kingsmoor Integrated Care Board", "icb", "kingsmoor", 115, 8, [
        ("QK-CORN", "Cornhill House (ICB)", 52.9510, -1.1430),
        ("QK-HOLL", "Hollinbridge Locality Office", 53.1280, -1.1950)]),
    ("KCSU", "Shires Commissioning Support Unit", "csu", "kingsmoor", 85, 4, [
        ("CS-ARN", "Arnold Park (CSU)", 53.0000, -1.1300)]),
    ("REA", "Elderfield Hospitals NHS Trust", "acute", "elderfield", 15, 50, [
        ("EA-GEN", "Elderfield General Hospital", 52.6360, -1.1330),
        ("EA-WEST", "Westcote Hospital", 52.6100, -1.2800)]),
    ("REC", "Elderfield Community Health NHS Trust", "community", "elderfield", 10, 25, [
        ("EC-BRK", "Brookfield Health Centre", 52.6600, -1.0800)]),
]

# Explicit journeys that differ from a straight-line estimate (a river, a ring road).
TRAVEL_TIMES = [
    ("KU-CITY", "KU-TREAS", 5), ("KU-CITY", "QK-CORN", 10), ("KU-CITY", "KH-HIGH", 20),
    ("QK-CORN", "CS-ARN", 25), ("HS-HOLL", "QK-HOLL", 5), ("KU-CITY", "HS-HOLL", 45),
    ("KC-ASH", "KH-WOOD", 30), ("KU-CITY", "EA-GEN", 55), ("QK-CORN", "EA-GEN", 60),
]

# job family -> (skills, registration, typical role titles)
FAMILIES = {
    "finance": (["financial-accounting", "management-accounting", "budgeting", "payroll", "financial-systems"], None,
                ["Finance officer", "Management accountant", "Finance business partner", "Payroll officer", "Head of finance"]),
    "procurement": (["procurement", "contract-management", "supplier-management"], None,
                    ["Procurement officer", "Category manager", "Head of procurement"]),
    "commissioning": (["commissioning", "contract-management", "population-health", "stakeholder-engagement"], None,
                      ["Commissioning officer", "Commissioning manager", "Head of commissioning"]),
    "data-analytics": (["data-analysis", "sql", "python", "data-visualisation", "information-governance"], None,
                       ["Information analyst", "Senior data analyst", "BI developer", "Head of analytics"]),
    "admin-clerical": (["diary-management", "minute-taking", "document-management", "customer-service"], None,
                       ["Administrator", "Team secretary", "Executive assistant", "Office manager"]),
    "workforce": (["hr-casework", "recruitment", "workforce-planning", "learning-development", "esr"], None,
                  ["HR adviser", "Recruitment officer", "Workforce planner", "HR business partner"]),
    "project-management": (["project-management", "change-management", "programme-management"], None,
                           ["Project support officer", "Project manager", "Programme manager"]),
    "communications": (["communications", "digital-content", "media-relations"], None,
                       ["Communications officer", "Engagement lead", "Head of communications"]),
    "it": (["it-support", "network-administration", "cyber-security", "ehr-systems"], None,
           ["IT support analyst", "Network engineer", "Digital lead"]),
    "health-records": (["medical-records", "clinical-coding"], None,
                       ["Medical records officer", "Clinical coder", "Records manager"]),
    "quality-governance": (["clinical-governance", "risk-management", "complaints-handling"], None,
                           ["Governance officer", "Risk manager", "Head of quality"]),
    "senior-management": (["board-governance", "strategy", "leadership"], None,
                          ["Associate director", "Deputy director", "Director"]),
    "nursing": (["nursing-care", "safeguarding", "medicines-management"], "NMC",
                ["Staff nurse", "Community nurse", "Ward sister"]),
    "allied-health": (["physiotherapy", "occupational-therapy", "paramedic-practice"], "HCPC",
                      ["Physiotherapist", "Occupational therapist", "Paramedic"]),
    "healthcare-support": (["patient-care", "phlebotomy"], None,
                           ["Healthcare assistant", "Phlebotomist", "Support worker"]),
    "estates": (["estates-management", "facilities"], None,
                ["Facilities officer", "Estates manager"]),
}

# Where people at risk work, by kind of employer (family weights).
AT_RISK_FAMILIES = {
    "icb": {"commissioning": 30, "finance": 14, "data-analytics": 14, "admin-clerical": 12, "project-management": 10,
            "quality-governance": 6, "workforce": 5, "communications": 4, "senior-management": 5},
    "csu": {"data-analytics": 25, "it": 18, "commissioning": 15, "finance": 12, "procurement": 8, "workforce": 8,
            "admin-clerical": 8, "project-management": 6},
    "trust": {"admin-clerical": 22, "finance": 12, "workforce": 10, "project-management": 8, "data-analytics": 8,
              "health-records": 10, "quality-governance": 6, "communications": 4, "it": 6, "estates": 4,
              "senior-management": 3, "nursing": 5, "procurement": 2},
}
VACANCY_FAMILIES = {
    "icb": {"commissioning": 3, "finance": 2, "data-analytics": 2, "admin-clerical": 1},
    "csu": {"data-analytics": 2, "it": 2},
    "trust": {"nursing": 18, "healthcare-support": 14, "admin-clerical": 16, "allied-health": 7, "finance": 6,
              "health-records": 8, "workforce": 5, "data-analytics": 5, "it": 5, "estates": 4, "project-management": 4,
              "quality-governance": 3, "procurement": 2, "communications": 2, "commissioning": 1},
}
AT_RISK_BANDS = {"3": 4, "4": 14, "5": 16, "6": 17, "7": 17, "8a": 13, "8b": 8, "8c": 5, "8d": 4, "9": 1}
BAND_ORDER = ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]
VACANCY_BANDS = {"2": 12, "3": 18, "4": 17, "5": 19, "6": 15, "7": 10, "8a": 5, "8b": 2, "8c": 1, "8d": 1}
ETHNICITY = {"White": 68, "Asian or Asian British": 13, "Black or Black British": 8, "Mixed": 3,
             "Other ethnic group": 2, "Not stated": 6}


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def family_group(kind):
    return kind if kind in ("icb", "csu") else "trust"


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_band(age):
    for low, high in ((16, 24), (25, 34), (35, 44), (45, 54), (55, 64)):
        if low <= age <= high:
            return f"{low}-{high}"
    return "65+"


def title_for(rng, titles, band, family):
    """A title of about the right seniority: titles are listed junior first."""
    if family == "senior-management":
        return titles[min(len(titles) - 1, ["8c", "8d", "9"].index(band))]
    rank = BAND_ORDER.index(band) / (len(BAND_ORDER) - 1)
    centre = rank * (len(titles) - 1)
    index = min(len(titles) - 1, max(0, round(centre + rng.uniform(-0.6, 0.6))))
    return titles[index]


def cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def make_person(rng, number, employer, vacancy_ids_by_family):
    emp_id, _, kind, _, _, _, sites = employer
    family = weighted(rng, AT_RISK_FAMILIES[family_group(kind)])
    skills, registration, titles = FAMILIES[family]
    band = weighted(rng, AT_RISK_BANDS)
    if family in ("admin-clerical", "health-records") and band not in ("3", "4", "5", "6"):
        band = rng.choice(["3", "4", "5", "6"])
    if family == "senior-management":
        band = rng.choices(["8c", "8d", "9"], weights=[5, 3, 2])[0]
    age = rng.randint(23, 64)
    birth = ROUND_DATE - dt.timedelta(days=365 * age + rng.randint(0, 364))
    earliest_start = add_years(birth, 18)
    span = max((ROUND_DATE - earliest_start).days - 180, 30)
    start = earliest_start + dt.timedelta(days=rng.randint(0, span))
    held = rng.sample(skills, k=min(len(skills), rng.randint(2, 3)))
    if rng.random() < 0.25:
        extra = rng.choice(["project-management", "data-analysis", "minute-taking", "stakeholder-engagement"])
        if extra not in held:
            held.append(extra)
    points = PAY_POINTS[band]
    pay_point = rng.randint(1, len(points))
    salary = None
    if rng.random() < 0.1:
        salary, pay_point = rng.randint(points[0], points[-1]), None
    wte = 1.0 if rng.random() < 0.8 else rng.choice([0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    priority, since, child = None, None, None
    roll = rng.random()
    if roll < 0.025 and 25 <= age <= 44:
        priority = "maternity"
        child = ROUND_DATE - dt.timedelta(days=rng.randint(20, 330))
        since = child - dt.timedelta(days=rng.randint(0, 20))
    elif roll < 0.035 and 25 <= age <= 44:
        priority = "pregnancy"
        since = ROUND_DATE - dt.timedelta(days=rng.randint(10, 120))
        child = ROUND_DATE + dt.timedelta(days=rng.randint(60, 200))
    elif roll < 0.04 and 28 <= age <= 50:
        priority = rng.choice(["adoption", "shared-parental"])
        child = ROUND_DATE - dt.timedelta(days=rng.randint(30, 300))
        since = child
    senior = band in ("8b", "8c", "8d", "9")
    volunteered = rng.random() < (0.18 if (age >= 55 or senior) else 0.05)
    family_vacancies = vacancy_ids_by_family.get(family, [])
    ranked = []
    if family_vacancies and rng.random() < 0.3:
        ranked = rng.sample(family_vacancies, k=min(len(family_vacancies), rng.randint(1, 3)))
    sex = rng.choices(["female", "male", None], weights=[74, 23, 3])[0]
    return {
        "id": f"P{number:04d}",
        "employer": emp_id,
        "site": rng.choice(sites)[0],
        "band": band,
        "pay_point": pay_point,
        "salary": salary,
        "wte": wte,
        "job_family": family,
        "role": title_for(rng, titles, band, family),
        "skills": held,
        "registrations": [registration] if registration and rng.random() < 0.9 else [],
        "contract": "fixed-term" if rng.random() < 0.06 else "permanent",
        "nhs_service_start": start.isoformat(),
        "date_of_birth": birth.isoformat(),
        "priority": priority,
        "priority_since": since.isoformat() if since else None,
        "child_date": child.isoformat() if child else None,
        "reasonable_adjustment": rng.random() < 0.04,
        "pension_member": rng.random() < 0.9,
        "volunteered_vr": volunteered,
        "commute_minutes": rng.randint(10, 60) if rng.random() < 0.5 else None,
        "sex": sex,
        "ethnicity": weighted(rng, ETHNICITY) if rng.random() < 0.95 else None,
        "disability": rng.choices(["no", "yes", "prefer not to say"], weights=[85, 7, 8])[0],
        "age_band": age_band(age),
        "ranked_vacancies": ranked,
        "max_travel_minutes": rng.choice([30, 45, 60]) if rng.random() < 0.2 else None,
    }


def make_vacancy(rng, number, employer, family):
    emp_id, _, kind, _, _, _, sites = employer
    skills, registration, titles = FAMILIES[family]
    band = weighted(rng, VACANCY_BANDS)
    if family in ("healthcare-support",):
        band = rng.choice(["2", "3", "4"])
    if family in ("nursing", "allied-health"):
        band = rng.choice(["5", "5", "6", "6", "7"])
    if family == "commissioning" and band in ("2", "3"):
        band = "5"
    essential = rng.sample(skills, k=min(len(skills), rng.randint(1, 2)))
    others = [s for s in skills if s not in essential]
    desirable = rng.sample(others, k=min(len(others), rng.randint(0, 2)))
    trainable = []
    if rng.random() < 0.25 and not registration:
        trainable = [f"{rng.choice(essential)}:{rng.choice([4, 6, 8, 12, 16])}"]
    low_band = band in ("2", "3", "4")
    posts = rng.choice([1, 1, 2, 2, 3, 4, 6]) if low_band else rng.choice([1, 1, 1, 1, 2, 3])
    return {
        "id": f"V{number:04d}",
        "title": title_for(rng, titles, band, family),
        "employer": emp_id,
        "site": rng.choice(sites)[0],
        "band": band,
        "wte": 1.0 if rng.random() < 0.85 else rng.choice([0.5, 0.6, 0.8]),
        "job_family": family,
        "essential_skills": essential,
        "trainable_skills": trainable,
        "desirable_skills": desirable,
        "registration": registration,
        "posts": posts,
        "contract": "fixed-term" if rng.random() < 0.1 else "permanent",
        "ring_fenced": rng.random() < 0.85,
        "advertised_order": number,
    }


def write_csv(name, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(rows[0]))
        for row in rows:
            writer.writerow([cell(v) for v in row.values()])


def write_scenario(skills):
    lines = [
        "# A footprint-sized example: Kingsmoor integrated care system and its neighbour Elderfield.",
        "#",
        "# Generated by generate.py (deterministic; see its docstring for the shapes it follows).",
        "# People at risk and vacancies are in CSV files, as HR teams keep them; everything else is",
        "# inline. Edit generate.py rather than the files, then run it again.",
        "",
        'name = "kingsmoor-footprint"',
        f"round_date = {ROUND_DATE.isoformat()}",
        f"seed = {SEED}",
        'pay_scale = "../../pay/afc-2025-26.toml"',
        'policy = "../../policies/footprint-ring-fence.toml"',
        'people_csv = "people.csv"',
        'vacancies_csv = "vacancies.csv"',
        "",
        "[[regions]]",
        'id = "midlands"',
        'name = "Midlands"',
    ]
    for fid, fname in FOOTPRINTS:
        lines += ["", "[[footprints]]", f'id = "{fid}"', f'name = "{fname}"', 'region = "midlands"']
    for emp_id, name, kind, footprint, *_ in EMPLOYERS:
        lines += ["", "[[employers]]", f'id = "{emp_id}"', f'name = "{name}"', f'kind = "{kind}"',
                  f'footprint = "{footprint}"']
    for employer in EMPLOYERS:
        for sid, sname, lat, lon in employer[6]:
            lines += ["", "[[sites]]", f'id = "{sid}"', f'name = "{sname}"', f"latitude = {lat:.4f}",
                      f"longitude = {lon:.4f}"]
    lines += ["", "# Journeys measured on the ground; other pairs are estimated from coordinates."]
    for a, b, minutes in TRAVEL_TIMES:
        lines += ["", "[[travel_times]]", f'from = "{a}"', f'to = "{b}"', f"minutes = {minutes}"]
    for skill in skills:
        lines += ["", "[[skills]]", f'id = "{skill}"', f'name = "{skill.replace("-", " ").capitalize()}"']
    with open(os.path.join(HERE, "scenario.toml"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def main():
    rng = random.Random(SEED)
    vacancies = []
    for employer in EMPLOYERS:
        families = VACANCY_FAMILIES[family_group(employer[2])]
        for _ in range(employer[5]):
            vacancies.append(make_vacancy(rng, len(vacancies) + 1, employer, weighted(rng, families)))
    by_family = {}
    for vacancy in vacancies:
        by_family.setdefault(vacancy["job_family"], []).append(vacancy["id"])
    people = []
    for employer in EMPLOYERS:
        for _ in range(employer[4]):
            people.append(make_person(rng, len(people) + 1, employer, by_family))
    skills = sorted({s for f in FAMILIES.values() for s in f[0]} | {"stakeholder-engagement", "minute-taking"})
    write_scenario(skills)
    write_csv("people.csv", people)
    write_csv("vacancies.csv", vacancies)
    posts = sum(v["posts"] for v in vacancies)
    print(f"{len(people)} people at risk, {len(vacancies)} vacancies, {posts} posts")


if __name__ == "__main__":
    main()
