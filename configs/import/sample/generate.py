#!/usr/bin/env python3
"""Writes the invented sample extracts of configs/import/sample.

Everything here is invented: the Westmoor footprint, its employers, its postcodes (the WZ
postcode area does not exist), their coordinates (points in the Midlands of England), every
person and every advert. The files are messy on purpose, the way real extracts are: a UTF-8
byte order mark, dates ISO and day-first (and a few as 03-OCT-2025), blank cells, codes in upper
and lower case, stray spaces and blank rows at the end.

Run from this directory: python3 generate.py (the same seed writes the same files).
"""

import csv
import io
import random

rng = random.Random(2025)

EMPLOYERS = [
    ("Westmoor Hospitals NHS Foundation Trust", "WESTMOOR HOSPITALS NHS FT"),
    ("Westmoor Partnership NHS Trust", "westmoor partnership nhs trust"),
    ("Westmoor Community Health NHS Trust", "Westmoor Community Health NHS Trust"),
    ("NHS Westmoor Integrated Care Board", "NHS WESTMOOR ICB"),
]
OUTSIDE = ["Eastfold Hospitals NHS Trust", "Northbridge Ambulance Service NHS Trust"]

# (postcode, latitude, longitude): the lookup. WZ7 is listed as a district only.
POSTCODES = [
    ("WZ1 1AA", 52.6102, -1.9731), ("WZ1 2BD", 52.6155, -1.9650), ("WZ2 4HQ", 52.5878, -2.0412),
    ("WZ3 9LT", 52.6590, -1.9024), ("WZ4 6EP", 52.5521, -1.8833), ("WZ5 3RS", 52.7031, -2.1150),
    ("WZ6 8NX", 52.6402, -2.0885), ("WZ7", 52.7450, -1.8420), ("WZ8 1GF", 52.5702, -1.9950),
]
SITES_BY_EMPLOYER = {
    0: ["WZ1 1AA", "WZ1 2BD", "WZ2 4HQ"],
    1: ["WZ3 9LT", "WZ6 8NX"],
    2: ["WZ4 6EP", "WZ7 3DU", "WZ8 1GF"],
    3: ["WZ5 3RS", "wz11aa"],
}

# (staff group, area of work, occupation code, job role, title, bands)
ROLES = [
    ("Administrative and Clerical", "Finance", "B0A", "Accountant", "Finance officer", ["4", "5", "6", "7"]),
    ("Administrative and Clerical", "Payroll", "B0B", "Payroll Officer", "Payroll officer", ["3", "4", "5"]),
    ("Administrative and Clerical", "Human Resources", "G0C", "HR Advisor", "HR adviser", ["5", "6", "7"]),
    ("Administrative and Clerical", "Information Technology", "B0H", "IT Technician", "IT support analyst", ["4", "5", "6"]),
    ("Administrative and Clerical", "Health Records", "G1F", "Medical Records Clerk", "Medical records officer", ["2", "3", "4"]),
    ("Administrative and Clerical", "Clinical Coding", "G1F", "Clinical Coder", "Clinical coder", ["3", "4", "5"]),
    ("Administrative and Clerical", "Administration", "G2A", "Admin Assistant", "Administrator", ["2", "3", "4"]),
    ("Administrative and Clerical", "Business Intelligence", "B0G", "Information Analyst", "BI analyst", ["5", "6", "7", "8a"]),
    ("Administrative and Clerical", "Commissioning", "G0A", "Commissioning Manager", "Commissioning manager", ["7", "8a", "8b"]),
    ("Administrative and Clerical", "Procurement", "B0E", "Buyer", "Procurement officer", ["4", "5", "6"]),
    ("Nursing and Midwifery Registered", "Adult Nursing", "N0C", "Staff Nurse", "Staff nurse", ["5", "6"]),
    ("Nursing and Midwifery Registered", "Community Nursing", "N1H", "District Nurse", "District nurse", ["6", "7"]),
    ("Allied Health Professionals", "Physiotherapy", "S0B", "Physiotherapist", "Physiotherapist", ["5", "6", "7"]),
]
PAY_POINTS = {"2": 1, "3": 2, "4": 2, "5": 3, "6": 3, "7": 3, "8a": 2, "8b": 2}
SALARY_RANGE = {"2": (24465, 24465), "3": (24937, 26598), "4": (27485, 30162), "5": (31049, 37796),
                "6": (38682, 46580), "7": (47810, 54710), "8a": (55690, 62682), "8b": (64455, 74896)}


def band_text(band):
    return rng.choice([f"Band {band}", f"BAND {band.upper()}", band, f"Agenda for Change Band {band}", f" band {band} "])


def case(text):
    return rng.choice([text, text, text.upper(), text.lower()])


def date_text(year, month, day):
    style = rng.random()
    if style < 0.5:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if style < 0.92:
        return f"{day:02d}/{month:02d}/{year:04d}"
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    return f"{day:02d}-{months[month - 1]}-{year:04d}"


def write(name, header, rows, blank_tail=0):
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(header)
    out.writerows(rows)
    for _ in range(blank_tail):
        out.writerow([""] * len(header))
    with open(name, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buffer.getvalue())


def staff():
    header = ["Assignment Number", "Full Name", "Organisation", "Position Title", "Occupation Code",
              "Staff Group", "Job Role", "Area of Work", "Grade", "Pay Point", "Annual Salary", "FTE",
              "Contracted Hours", "NHS Continuous Service Start Date", "Date of Birth", "Pension Scheme",
              "Work Location", "Work Location Postcode", "Gender", "Ethnic Origin", "Disability",
              "Religious Belief", "Sexual Orientation", "Assignment Category", "Leave Status",
              "Leave Start Date", "Child Birth or Placement Date", "Home Postcode"]
    rows, at_risk = [], []
    for n in range(1, 321):
        employer = rng.choices(range(4), weights=[40, 20, 15, 25])[0]
        role = rng.choice(ROLES[:10] if employer == 3 else ROLES)
        group, area, occupation, job_role, title, bands = role
        band = rng.choice(bands)
        born_year = rng.randint(1962, 2002)
        start_year = rng.randint(max(born_year + 18, 1985), 2024)
        hours = rng.choice([37.5, 37.5, 37.5, 30, 22.5])
        fte = f"{hours / 37.5:.2f}"
        pay_point, salary = "", ""
        if rng.random() < 0.7:
            pay_point = str(rng.randint(1, PAY_POINTS[band]))
        else:
            low, high = SALARY_RANGE[band]
            salary = rng.choice([str(rng.randint(low, high)), f"£{rng.randint(low, high):,}"])
        if rng.random() < 0.25:
            fte = ""  # blank: contracted hours are read instead
        leave, leave_start, child = rng.choice(["Active Assignment"] * 8 + ["", "Long Term Sick"]), "", ""
        if rng.random() < 0.04:
            leave = rng.choice(["Maternity Leave", "MATERNITY LEAVE", "Adoption Leave"])
            leave_start = date_text(2025, rng.randint(3, 8), rng.randint(1, 28))
            child = date_text(2025, rng.randint(3, 8), rng.randint(1, 28))
        postcode = rng.choice(SITES_BY_EMPLOYER[employer])
        location = ""
        if employer == 3 and rng.random() < 0.5:
            # A work location the mapping lists under [[sites]], with or without a postcode.
            location = rng.choice(["Westmoor House", "WESTMOOR HOUSE"])
            postcode = rng.choice([postcode, ""])
        rows.append([
            f"{10000000 + n * 37:08d}-{rng.randint(1, 2)}",
            f"Sample Person {n:03d}",
            EMPLOYERS[employer][rng.randint(0, 1)],
            rng.choice([title, title, ""]),
            case(occupation),
            case(group),
            job_role,
            case(area),
            band_text(band),
            pay_point,
            salary,
            fte,
            f"{hours:g}",
            date_text(start_year, rng.randint(1, 12), rng.randint(1, 28)),
            date_text(born_year, rng.randint(1, 12), rng.randint(1, 28)),
            rng.choice(["NHS Pension Scheme 2015", "1995 Section", "2008 Section", "Opted Out", "nhs pension scheme 2015"]),
            location,
            postcode if rng.random() < 0.8 else postcode.lower().replace(" ", ""),
            rng.choice(["Female", "Female", "Male", "", "female"]),
            rng.choice(["White - British", "Asian or Asian British - Indian", "Black or Black British - African", "Mixed - White & Asian", "Not stated", ""]),
            rng.choice(["No", "No", "No", "Yes", "Not Declared", ""]),
            rng.choice(["Christianity", "Atheism", "Islam", "I do not wish to disclose my religion/belief", ""]),
            rng.choice(["Heterosexual or Straight", "Gay or Lesbian", "Bisexual", "Not stated", ""]),
            rng.choice(["Permanent", "Permanent", "Permanent", "PERMANENT", "Fixed Term Temp"]),
            leave,
            leave_start,
            child,
            f"WZ{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGH')}{rng.choice('JLNPQRST')}",
        ])
        # Mostly corporate and ICB staff are at risk.
        if (employer == 3 and rng.random() < 0.85) or (group == "Administrative and Clerical" and rng.random() < 0.45):
            at_risk.append(rows[-1][0])
    write("esr-staff-in-post.csv", header, rows, blank_tail=2)
    with open("at-risk.csv", "w", encoding="utf-8", newline="") as f:
        f.write("Assignment Number\n")
        for id in at_risk:
            f.write(f"{id}\n")


def vacancies():
    header = ["Vacancy ID", "Vacancy Ref Number", "Organisation Name", "Job Title", "Staff Group",
              "Area of Work", "Salary", "Working Pattern", "Pay Band/Scale", "Published Date",
              "Advert Closed Date", "Job Type", "Fixed Term Contract Length", "Post Code", "Region"]
    rows = []
    for n in range(1, 261):
        kind = rng.random()
        if kind < 0.12:
            organisation = rng.choice(OUTSIDE)
            postcode = "ZZ1 1ZZ"
        else:
            employer = rng.choices(range(4), weights=[45, 25, 20, 10])[0]
            organisation = EMPLOYERS[employer][rng.randint(0, 1)]
            postcode = rng.choice(SITES_BY_EMPLOYER[employer])
        group, area, _, _, title, bands = rng.choice(ROLES)
        band = rng.choice(bands)
        scale = band_text(band)
        if rng.random() < 0.05:
            group, area, title, scale = "Medical and Dental", "Acute Medicine", "Consultant physician", "Consultant"
        if rng.random() < 0.03:
            area = "Estates Projects"  # no rule names it: listed in the report
        job_type = rng.choice(["Permanent"] * 7 + ["Fixed-term", "FIXED-TERM", "Bank"])
        published = (2025, rng.randint(6, 9), rng.randint(1, 28))
        closed_month = rng.choice([9, 10, 10, 11, 11]) if rng.random() < 0.9 else 8
        rows.append([
            f"{9100000 + n * 13}",
            f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-WZ",
            organisation,
            title,
            case(group),
            case(area),
            "Depending on experience" if rng.random() < 0.2 else f"£{rng.randint(24, 75)},000 a year",
            rng.choice(["Full time", "Full time", "FULL TIME", "Part time", "Full time, Flexible working", "Job share"]),
            scale,
            date_text(*published),
            date_text(2025, closed_month, rng.randint(1, 28)),
            job_type,
            "12 months" if job_type.lower() == "fixed-term" else "",
            postcode if rng.random() < 0.85 else postcode.lower(),
            "Midlands",
        ])
    write("nhs-jobs-vacancies.csv", header, rows, blank_tail=1)


def postcodes():
    with open("postcodes.csv", "w", encoding="utf-8", newline="") as f:
        f.write("postcode,latitude,longitude\n")
        for code, lat, lon in POSTCODES:
            f.write(f"{code},{lat},{lon}\n")


staff()
vacancies()
postcodes()
