#!/usr/bin/env python3
"""Benchmark corpus for reportsite: N fictional OPCC documents, deterministic.

    gen_corpus.py --n 1000 --out /tmp/bench/reportsite-1000 [--templates Templates]
    gen_corpus.py --n 1000 --out /tmp/bench/hugo-1000  --format hugo
    gen_corpus.py --n 1000 --out /tmp/bench/plain-1000 --format plain

Document i is a meeting when i % 5 is 0 or 1, a board paper when it is 2 or
3 and an inspection response when it is 4 (40/40/20). Each document comes
from its own random generator seeded with (seed, i) and from what the
documents before it were (the ones it links to or updates), never from the
ones after it, so:

- the same --n and --seed give byte-identical files;
- the first 1,000 documents of --n 10000 are the --n 1000 corpus.

Average sizes with front matter are about 7.8 KB (meetings), 17.0 KB (board
papers) and 10.7 KB (responses), like /work/shared/bench/gen_corpus.py (7.8,
16.9, 10.7). The front matter is larger than that generator's, so the bodies
are smaller: all.md is 105.5 MB for 10,000 documents (117 MB there).

Formats (the same documents in each, so the comparison is like for like):

  reportsite  a site folder: Content/site.yml, Content/pages/{about,
              accessibility}.md, Content/{meetings,reports,responses}/*.md
              with valid reportsite front matter; --templates DIR copies a
              Templates/ folder in (the benchmark uses the repository's own)
  hugo        a minimal Hugo site: config.toml, layouts/, content/<kind>/*.md
              (the same front matter and bodies)
  plain       <kind>/*.md bodies only, and all.md, every body concatenated
              with a blank line between documents (for the cmark-gfm CLI)

Every name, organisation and figure is invented. The output folder is
replaced; a non-empty folder is only removed when it holds this generator's
stamp file (.bench-stamp), unless --force is given.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import shutil
import statistics
import sys

KINDS = ("meetings", "reports", "responses")
KIND_OF = {0: "meetings", 1: "meetings", 2: "reports", 3: "reports", 4: "responses"}
STAMP = ".bench-stamp"

# ---------------------------------------------------------------------------
# invented world: the county of Harrowdale and its neighbour, Fenmoor
# ---------------------------------------------------------------------------

ORGANISATIONS = [
    ("harrowdale-pcc", "Police and Crime Commissioner for Harrowdale (fictional)"),
    ("harrowdale-opcc", "Office of the Harrowdale Police and Crime Commissioner (fictional)"),
    ("harrowdale-police", "Harrowdale Police (fictional)"),
    ("fenmoor-pfcc", "Police, Fire and Crime Commissioner for Fenmoor (fictional)"),
    ("fenmoor-constabulary", "Fenmoor Constabulary (fictional)"),
]
ORGS_BY_KIND = {
    "meetings": ["harrowdale-pcc", "harrowdale-opcc", "fenmoor-pfcc"],
    "reports": ["harrowdale-police", "harrowdale-opcc", "fenmoor-constabulary", "harrowdale-pcc"],
    "responses": ["harrowdale-pcc", "fenmoor-pfcc"],
}
FORCE_OF = {
    "harrowdale-pcc": "Harrowdale Police", "harrowdale-opcc": "Harrowdale Police",
    "harrowdale-police": "Harrowdale Police", "fenmoor-pfcc": "Fenmoor Constabulary",
    "fenmoor-constabulary": "Fenmoor Constabulary",
}
COUNTY_OF = {
    "harrowdale-pcc": "Harrowdale", "harrowdale-opcc": "Harrowdale", "harrowdale-police": "Harrowdale",
    "fenmoor-pfcc": "Fenmoor", "fenmoor-constabulary": "Fenmoor",
}

GIVEN = ["Alys", "Bronwen", "Callum", "Dev", "Eleri", "Farah", "Gideon", "Hollie",
         "Idris", "Jasmin", "Kofi", "Lorna", "Marek", "Niamh", "Oluwaseun", "Petra",
         "Quentin", "Rhiannon", "Sunil", "Tamsin", "Ulrika", "Vikram", "Wren", "Yusuf"]
FAMILY = ["Ashdown", "Brearley", "Cottam", "Dunmore", "Eastwood", "Fairclough",
          "Gilchrist", "Haworth", "Ingleby", "Jarrold", "Kershaw", "Lindqvist",
          "Mabbott", "Nwosu", "Oyelaran", "Pendlebury", "Quarmby", "Rushworth",
          "Satterthwaite", "Tregarthen", "Underhill", "Varley", "Whitlock", "Yardley"]
OPCC_ROLES = ["Deputy Police and Crime Commissioner", "Chief Executive, OPCC",
              "Chief Finance Officer, OPCC", "Head of Scrutiny, OPCC",
              "Policy and Assurance Officer, OPCC", "Victims Commissioning Lead, OPCC"]
FORCE_ROLES = ["Chief Constable", "Deputy Chief Constable",
               "Assistant Chief Constable, Local Policing",
               "Assistant Chief Constable, Crime and Safeguarding",
               "Director of Finance and Resources", "Detective Chief Superintendent, Public Protection",
               "Chief Superintendent, Operations", "Head of Force Control Room",
               "Head of Professional Standards", "Superintendent, Custody and Criminal Justice"]
VENUES = ["Harrowdale Police Headquarters, Meeting Room 4", "OPCC Offices, Ellerby",
          "Stanmoor Police Station, Briefing Room", "Microsoft Teams",
          "Raventhorpe Civic Centre, Committee Room 1", "Fenmoor Fire and Police Hub"]
AREAS = ["Ellerby", "Stanmoor", "Wyke St Mary", "Coldharbour", "Fennick", "Raventhorpe",
         "Aldwick Cross", "Brindle", "Oakhurst", "Harrow Bridge", "the Fenmoor coast"]

# Topics: the first word list is what front matter names; the phrase is how
# the text talks about it. Custody, child protection and MASH are drawn more
# often (the search benchmark queries them), and the sentences, questions and
# measures that name them appear only in documents on those topics.
TOPICS = [
    ("custody", "the custody suites"),
    ("child protection", "child protection"),
    ("MASH", "the multi-agency safeguarding hub (MASH)"),
    ("domestic abuse", "the response to domestic abuse"),
    ("missing children", "missing children enquiries"),
    ("stop and search", "stop and search"),
    ("neighbourhood policing", "neighbourhood policing"),
    ("rural crime", "rural and wildlife crime"),
    ("road safety", "road safety and the fatal four"),
    ("contact management", "999 and 101 call handling"),
    ("use of force", "the use of force"),
    ("hate crime", "hate crime"),
    ("serious violence", "the serious violence duty"),
    ("online child abuse", "online child abuse investigations"),
    ("victim care", "the victims’ hub"),
    ("police complaints", "police complaints and reviews"),
    ("estates", "the estates programme"),
    ("workforce", "recruitment and retention"),
    ("digital forensics", "the digital forensics backlog"),
    ("mental health", "the Right Care, Right Person approach"),
    ("youth diversion", "youth diversion schemes"),
    ("anti-social behaviour", "anti-social behaviour"),
]
COMMON_TOPICS = [0, 1, 2]  # drawn more often

PARTNERS = ["the county council’s children’s services", "the integrated care board",
            "Harrowdale Fire and Rescue Service", "the Crown Prosecution Service",
            "the youth justice service", "the local safeguarding children partnership",
            "the community safety partnerships", "Harrowdale Women’s Aid",
            "the probation service", "the ambulance trust", "district housing teams"]
STAFF = ["response officers", "neighbourhood officers", "PCSOs", "call handlers",
         "detective constables", "detention officers", "public protection staff",
         "special constables", "digital media investigators"]
MEASURES = ["999 calls answered in 10 seconds", "101 calls abandoned",
            "emergency attendance within target", "domestic abuse arrest rate",
            "positive outcomes for rape offences", "detainees under 18 held overnight",
            "repeat missing episodes",
            "stop and search positive outcome rate", "complaints logged within 2 days",
            "victim satisfaction with follow-up", "devices awaiting examination",
            "officer sickness (days per officer)", "neighbourhood officer abstraction rate",
            "referrals answered within a day"]
# Measures that name a searched topic appear only in documents on that topic.
TOPIC_MEASURES = {0: "custody reviews on time", 1: "child protection strategy discussions held",
                  2: "MASH referrals completed in 24 hours"}
SCHEMES = ["Operation Lantern", "Safer Nights", "Project Keystone", "Operation Tideway",
           "Hidden Harm", "Streetwise", "Operation Fieldgate", "Ask Once"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
BOARDS = ["Police and Crime Panel", "Joint Audit and Standards Committee",
          "Accountability and Performance Board", "Estates and Resources Board",
          "Ethics and Integrity Panel"]
ORIGINATORS = ["Chief Constable", "Deputy Chief Constable", "Chief Executive, OPCC",
               "Chief Finance Officer, OPCC", "Assistant Chief Constable, Crime and Safeguarding"]
INSPECTIONS = ["PEEL {y}: an inspection of {force}",
               "An inspection of {force}’s custody arrangements",
               "A joint targeted area inspection of child protection in {county}",
               "National child protection inspection: {force}",
               "An inspection of how {force} responds to missing children",
               "Vetting, misconduct and misogyny: {force}",
               "An inspection of the police response to domestic abuse in {county}"]
FOLLOW_WORK = ["a dip sample of cases by the OPCC scrutiny panel",
               "a refreshed training package for first-line supervisors",
               "a new performance indicator reported to the Commissioner each quarter",
               "a joint audit with partners in the spring",
               "a review of the supervision framework",
               "an improvement plan owned by an assistant chief constable",
               "changes to the recording system so that gaps are flagged automatically"]


def person(r):
    return f"{r.choice(GIVEN)} {r.choice(FAMILY)}"


def pct(r):
    return f"{r.randint(2, 98)}.{r.randint(0, 9)}"


def count(r, lo=20, hi=9000):
    return f"{r.randint(lo, hi):,}"


def money(r):
    return f"£{r.randint(1, 60)}.{r.randint(0, 9)}m" if r.random() < 0.6 else f"£{r.randint(15, 990)},000"


def fin_year(r, y):
    return f"{y}/{(y + 1) % 100:02d}"


def quarter(r, y):
    return r.choice([f"the first quarter of {fin_year(r, y)}", f"{r.choice(MONTHS)} {y}",
                     f"the twelve months to {r.choice(MONTHS)} {y}", fin_year(r, y)])


class Writer:
    """Sentences for one document: its year and main topics bias the text."""

    def __init__(self, r, year, topics, force, county):
        self.r, self.year, self.topics, self.force, self.county = r, year, topics, force, county
        self.measures = MEASURES + [TOPIC_MEASURES[t] for t in topics if t in TOPIC_MEASURES]

    def topic(self):
        r = self.r
        return TOPICS[r.choice(self.topics)][1] if r.random() < 0.97 else r.choice(TOPICS)[1]

    def when(self):
        return quarter(self.r, self.year - self.r.randint(0, 1))

    def claim(self):
        r, t = self.r, self.topic
        k = r.randrange(16)
        # Custody, MASH and child protection claims only in documents about them,
        # so the search benchmark's queries match some documents, not all.
        if k in (3, 12) and 0 not in self.topics:
            k = 1
        elif k == 4 and 2 not in self.topics:
            k = 5
        elif k == 8 and 1 not in self.topics:
            k = 14
        if k == 0:
            return f"the {r.choice(self.measures)} stood at {pct(r)}% in {self.when()}, against {pct(r)}% a year earlier"
        if k == 1:
            return f"{t()} in {r.choice(AREAS)} had been reorganised and the change would be evaluated after six months"
        if k == 2:
            return f"{count(r, 15, 400)} more {r.choice(STAFF)} had been trained in {t()} since {r.choice(MONTHS)}"
        if k == 3:
            return f"children held in custody overnight had fallen to {r.randint(2, 40)} in {self.when()}, and each case was reviewed by an inspector"
        if k == 4:
            return f"the MASH had received {count(r, 900, 24000)} contacts in {self.when()}, {pct(r)}% of them from the police"
        if k == 5:
            return f"{r.choice(PARTNERS)} had agreed to share information on {t()} through a single referral route"
        if k == 6:
            return f"{r.choice(SCHEMES)} had led to {r.randint(12, 480)} arrests and the recovery of {r.randint(3, 90)} weapons"
        if k == 7:
            return f"{money(r)} had been set aside in the {fin_year(r, self.year)} budget for {t()}"
        if k == 8:
            return f"child protection strategy discussions were now held within {r.choice(['four', 'eight', 'twenty-four'])} hours in {pct(r)}% of cases"
        if k == 9:
            return f"the backlog in {t()} had been reduced to {count(r, 40, 2500)} items, the lowest since {self.year - r.randint(2, 5)}"
        if k == 10:
            return f"{self.force} was {r.randint(3, 40)} of 43 forces for the {r.choice(self.measures)}"
        if k == 11:
            return f"a review of {t()} by the Commissioner’s scrutiny panel had found {r.choice(['good', 'mixed', 'limited', 'consistent'])} evidence of improvement"
        if k == 12:
            return f"the custody suite at {r.choice(AREAS)} would close for {r.randint(3, 14)} weeks of refurbishment, with detainees taken to {r.choice(AREAS)}"
        if k == 13:
            return f"vacancies among {r.choice(STAFF)} had {r.choice(['risen', 'fallen'])} to {r.randint(4, 120)}, which affected {t()}"
        if k == 14:
            return f"victims of {r.choice(['stalking', 'domestic abuse', 'burglary', 'fraud', 'hate crime', 'rape'])} were contacted within {r.randint(1, 5)} days in {pct(r)}% of cases"
        return f"the audit of {t()} in {self.when()} gave {r.choice(['substantial', 'reasonable', 'limited'])} assurance"

    SUBJECTS = ["The Chief Constable", "The Deputy Chief Constable", "The force",
                "The Assistant Chief Constable", "The head of public protection",
                "The Director of Finance", "The criminal justice lead", "The Commissioner’s office"]
    VERBS = ["said that", "confirmed that", "reported that", "explained that",
             "accepted that", "told the Commissioner that", "noted that"]
    ASIDES = ["The Commissioner asked for the figures to be broken down by district.",
              "The Commissioner welcomed the progress but said residents had not yet noticed a difference.",
              "The Deputy Commissioner asked how the change would be sustained once the extra funding ended.",
              "It was agreed that the OPCC would test this through its dip-sampling programme.",
              "The Chief Constable accepted that rural areas still received a slower service.",
              "Members asked for a fuller explanation at the next meeting.",
              "Partners would be invited to the next assurance meeting."]

    def sentence(self):
        r = self.r
        x = r.random()
        if x < 0.68:
            return f"{r.choice(self.SUBJECTS)} {r.choice(self.VERBS)} {self.claim()}."
        if x < 0.86:
            return f"It was {r.choice(['noted', 'reported', 'agreed', 'confirmed'])} that {self.claim()}."
        return r.choice(self.ASIDES)

    def paragraph(self, lo, hi):
        parts = [self.sentence() for _ in range(self.r.randint(lo, hi))]
        if self.r.random() < 0.12 and len(parts) > 1:
            j = self.r.randrange(1, len(parts))  # never the first: numbered paragraphs start with text
            parts[j] = f"*{parts[j]}*"
        return " ".join(parts)

    def bullet(self):
        r = self.r
        k = r.randrange(5)
        if k == 0:
            return f"{r.choice(self.measures).capitalize()}: {pct(r)}% in {self.when()}"
        if k == 1:
            return f"work with {r.choice(PARTNERS)} on {self.topic()}"
        if k == 2:
            return f"{money(r)} for {self.topic()} in {fin_year(r, self.year)}"
        if k == 3:
            return f"{r.choice(SCHEMES)} extended to {r.choice(AREAS)}"
        return f"a report on {self.topic()} due in {r.choice(MONTHS)} {self.year + 1}"

    def bullets(self, lo, hi):
        return "\n".join("- " + self.bullet() for _ in range(self.r.randint(lo, hi)))


# ---------------------------------------------------------------------------
# dates and YAML
# ---------------------------------------------------------------------------

EPOCH = datetime.date(2015, 1, 5)
SPAN = (datetime.date(2025, 12, 19) - EPOCH).days


def long_date(d):
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def y(text):
    """A double-quoted YAML scalar (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def yperson(key, p, indent=""):
    return [f"{indent}{key}:", f"{indent}  name: {y(p[0])}", f"{indent}  role: {y(p[1])}"]


def slugify(text):
    out, hyphen = [], False
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            if hyphen and out:
                out.append("-")
            out.append(ch)
            hyphen = False
        else:
            hyphen = True
    return "".join(out)


# ---------------------------------------------------------------------------
# documents
# ---------------------------------------------------------------------------

class Doc:
    """One generated document, and what later documents may link to or update."""

    def __init__(self, kind, slug, date, title, fm, body):
        self.kind, self.slug, self.date, self.title = kind, slug, date, title
        self.fm, self.body = fm, body
        self.anchors = []          # fragments that exist on its page
        self.recommendations = []  # response: numbers
        self.actions = []          # meeting: ids

    @property
    def path(self):
        return f"{self.kind}/{self.slug}.md"

    def text(self):
        return "---\n" + "\n".join(self.fm) + "\n---\n\n" + self.body


def pick_topics(r):
    first = r.choice(COMMON_TOPICS) if r.random() < 0.45 else r.randrange(len(TOPICS))
    rest = r.sample([t for t in range(len(TOPICS)) if t != first], r.randint(1, 3))
    return [first] + rest


def common(r, kind, i, earlier, title_fn, category):
    date = EPOCH + datetime.timedelta(days=r.randrange(SPAN))
    org = r.choice(ORGS_BY_KIND[kind])
    topics = pick_topics(r)
    w = Writer(r, date.year, topics, FORCE_OF[org], COUNTY_OF[org])
    title = title_fn(r, w, date)
    slug = f"{date.isoformat()}-{slugify(TOPICS[topics[0]][0])}-{kind[:-1]}-{i:05d}"
    summary = f"{w.sentence()} {w.sentence()}"
    fm = [f"title: {y(title)}", f"date: {date.isoformat()}", f"organisation: {org}",
          f"summary: {y(summary)}",
          "topics: [" + ", ".join(y(TOPICS[t][0]) for t in topics) + "]",
          f"category: {category}"]
    return date, org, w, title, slug, fm


def updates(r, date, earlier):
    """Now and then a later document says how an earlier recommendation or action is going."""
    if not earlier or r.random() >= 0.18:
        return []
    lines = []
    seen = set()
    for _ in range(r.randint(1, 2)):
        for _attempt in range(12):
            t = earlier[r.randrange(len(earlier))]
            if t.date < date and (t.recommendations or t.actions):
                break
        else:
            continue
        if t.recommendations:
            n = r.choice(t.recommendations)
            key = (t.path, n)
            if key in seen:
                continue
            seen.add(key)
            lines += [f"  - recommendation: {t.path}#{n}",
                      f"    status: {r.choice(['in-progress', 'in-progress', 'complete'])}",
                      f"    note: {y('Reported on ' + long_date(date) + ': ' + r.choice(FOLLOW_WORK) + ' is under way.')}"]
        else:
            a = r.choice(t.actions)
            key = (t.path, a)
            if key in seen:
                continue
            seen.add(key)
            lines += [f"  - action: {t.path}#{a}",
                      f"    status: {r.choice(['in-progress', 'complete'])}"]
    return ["updates:"] + lines if lines else []


def link_to(r, earlier, text_prefix):
    """A Markdown link to an anchor of an earlier document, by its path under Content/."""
    if not earlier:
        return None
    t = earlier[r.randrange(len(earlier))]
    fragment = r.choice(t.anchors) if t.anchors else None
    target = t.path + ("#" + fragment if fragment else "")
    return f"{text_prefix} [{t.title}]({target})"


TOPIC_QUESTIONS = {
    0: "How are children kept safe when they are brought into custody?",
    1: "How does the force decide when a child protection strategy discussion is needed?",
    2: "How does the MASH decide which referrals to pass to children’s services?",
}
QUESTIONS = [
    "What assurance can the force give that {t} is working as intended?",
    "Why has the {m} changed since the last meeting?",
    "What is being done about {t} in {a}?",
    "How does the force know whether victims are kept informed?",
    "What will {s} deliver in {a} over the next year?",
    "Is the force on course to meet the target for the {m}?",
    "How is the force working with {p} on {t}?",
    "What has been learned from the review of {t}?",
    "What are the main risks to {t}, and who owns them?",
    "How will the extra money for {t} be spent?",
]


def meeting(r, i, earlier):
    def title_fn(r, w, d):
        return f"Assurance meeting on {TOPICS[w.topics[0]][1]}, {long_date(d)}"
    date, org, w, title, slug, fm = common(r, "meetings", i, earlier, title_fn, "decisions")
    force = FORCE_OF[org]
    chair = (person(r), "Police and Crime Commissioner" if org != "fenmoor-pfcc"
             else "Police, Fire and Crime Commissioner")
    note_taker = (person(r), "Policy and Assurance Officer, OPCC")
    fm += yperson("chair", chair) + yperson("note_taker", note_taker)
    fm.append(f"venue: {y(r.choice(VENUES))}")
    fm.append("attendees:")
    fm += [f"  - name: {y(chair[0])}", f"    role: {y(chair[1])}"]
    for role in r.sample(OPCC_ROLES, r.randint(1, 2)) + r.sample(FORCE_ROLES, r.randint(3, 5)):
        fm += [f"  - name: {y(person(r))}", f"    role: {y(role)}"]
    fm.append(f"purpose: {y('To hold the Chief Constable of ' + force + ' to account for ' + TOPICS[w.topics[0]][1] + '. ' + w.sentence())}")
    fm.append(f"verdict: {r.choice(['assured', 'partly-assured', 'partly-assured', 'not-assured'])}")
    actions = []
    n_actions = r.randint(1, 3)
    fm.append("actions:")
    for k in range(1, n_actions + 1):
        due = date + datetime.timedelta(days=r.randint(28, 150))
        actions.append(f"A{k}")
        fm += [f"  - id: A{k}",
               f"    action: {y('Report back on ' + w.topic() + ' with figures for ' + r.choice(AREAS) + '.')}",
               f"    owner: {y(r.choice(FORCE_ROLES))}",
               f"    due: {due.isoformat()}",
               f"    status: {r.choice(['open', 'open', 'in-progress', 'complete'])}"]
    fm += updates(r, date, earlier)

    parts = [f"Notes of the assurance meeting held on {long_date(date)}. "
             f"Apologies were received from {person(r)}. {w.paragraph(1, 2)}"]
    n_questions = r.randint(7, 10)
    for q in range(1, n_questions + 1):
        special = [TOPIC_QUESTIONS[t] for t in w.topics if t in TOPIC_QUESTIONS]
        if special and r.random() < 0.15:
            parts.append("## " + r.choice(special))
        else:
            parts.append("## " + r.choice(QUESTIONS).format(
                t=w.topic(), m=r.choice(w.measures), a=r.choice(AREAS), s=r.choice(SCHEMES),
                p=r.choice(PARTNERS)))
        for _ in range(r.randint(1, 2)):
            parts.append(w.paragraph(2, 4))
        if r.random() < 0.2:
            parts.append(w.bullets(2, 4))
        if r.random() < 0.12:
            parts.append("> [!POST-MEETING]\n> " + w.sentence())
        if r.random() < 0.08:
            link = link_to(r, earlier, "This was discussed in")
            if link:
                parts.append(link + ".")
    doc = Doc("meetings", slug, date, title, fm, "\n\n".join(parts) + "\n")
    doc.anchors = [f"question-{q}" for q in range(1, n_questions + 1)]
    doc.actions = actions
    return doc


SECTIONS = ["Purpose of the paper", "Recommendation", "Background", "Current position",
            "Performance", "Partnership working", "Financial implications",
            "Risks and mitigation", "Equality and human rights", "Next steps"]


def table_performance(r, w):
    rows = ["| Measure | Period | This year | Last year | Direction |",
            "| --- | --- | ---: | ---: | :---: |"]
    for m in r.sample(w.measures, r.randint(6, 9)):
        rows.append(f"| {m.capitalize()} | {w.when()} | {pct(r)}% | {pct(r)}% | "
                    f"{r.choice(['better', 'worse', 'no change'])} |")
    return "\n".join(rows)


def table_money(r):
    rows = ["| Budget line | Budget | Forecast outturn | Variance |",
            "| --- | ---: | ---: | ---: |"]
    for line in r.sample(["Officer pay", "Staff pay", "PCSO pay", "Overtime", "Detention contract",
                          "Premises", "Vehicles and fuel", "IT and digital", "Commissioned services",
                          "Specific grants", "Capital financing"], r.randint(5, 8)):
        rows.append(f"| {line} | {money(r)} | {money(r)} | {money(r)} |")
    return "\n".join(rows)


def report(r, i, earlier):
    def title_fn(r, w, d):
        return r.choice(["Update on ", "Scrutiny of ", "Annual report on ", "Review of ",
                         "Performance report: "]) + TOPICS[w.topics[0]][1]
    date, org, w, title, slug, fm = common(r, "reports", i, earlier, title_fn,
                                            r.choice(["performance", "decisions", "income-and-expenditure"]))
    board = r.choice(BOARDS)
    paper = f"{''.join(p[0] for p in board.split() if p[0].isupper())}{date.year % 100:02d}/{r.randint(1, 99):02d}"
    fm += [f"board: {y(board)}", f"paper_number: {y(paper)}", f"agenda_item: {y(str(r.randint(3, 16)))}",
           f"originator: {y(r.choice(ORIGINATORS))}",
           f"subject: {y(title + ' (' + w.when() + ')')}",
           f"protective_marking: {r.choice(['not-protectively-marked', 'official'])}",
           "recommendations:"]
    for _ in range(r.randint(1, 3)):
        fm.append(f"  - {y('The ' + board + ' is asked to ' + r.choice(['note', 'approve', 'comment on']) + ' ' + r.choice(['the progress on ', 'the proposed approach to ', 'the risks to ']) + w.topic() + '.')}")
    fm.append(f"financial_implications: {y(r.choice(['None beyond the approved budget.', 'Set out in section 7.', money(r) + ' from reserves, subject to approval.']))}")
    fm += yperson("contact_officer", (person(r), r.choice(FORCE_ROLES + OPCC_ROLES)))
    fm.append("checklist:")
    for question in r.sample(["Has legal advice been taken?", "Has the Chief Finance Officer been consulted?",
                              "Have equality implications been considered?",
                              "Have human resources implications been considered?",
                              "Does the paper support the Police and Crime Plan?",
                              "Has communications advice been taken?"], r.randint(3, 6)):
        fm += [f"  - question: {y(question)}", f"    answer: {y(r.choice(['yes', 'yes', 'no']))}"]
        if r.random() < 0.5:
            fm.append(f"    comment: {y(r.choice(['None identified.', 'See section 9.', 'Advice taken in ' + r.choice(MONTHS) + '.']))}")
    fm += updates(r, date, earlier)

    n_links = r.randint(2, 4) if earlier else 0
    link_slots = set(r.sample(range(3, 10), n_links))  # sections that get a link
    anchors = []
    parts = [f"**Paper {paper}** to the {board}, {long_date(date)}."]
    n_tables = 0
    for n, name in enumerate(SECTIONS, 1):
        parts.append(f"## {n}. {name}")
        anchors.append(f"section-{n}")
        if name == "Recommendation":
            parts.append(f"{n}.1 The {board} is asked to note this paper and the progress on {w.topic()}.")
            anchors.append(f"section-{n}-1")
            continue
        paras = r.randint(2, 4) if name not in ("Purpose of the paper", "Equality and human rights") else 1
        for k in range(1, paras + 1):
            p = w.paragraph(3, 6)
            if k == paras and n in link_slots:
                link = link_to(r, earlier, "See")
                if link:
                    p += f" {link}."
            parts.append(f"{n}.{k} {p}")
            anchors.append(f"section-{n}-{k}")
        if name == "Performance":
            parts.append(f"Table: {r.choice(['Key measures', 'Performance measures', 'Headline figures'])} for {w.when()}")
            parts.append(table_performance(r, w))
            n_tables += 1
            if r.random() < 0.35:
                parts.append(f"Table: Further measures on {w.topic()}")
                parts.append(table_performance(r, w))
        if name == "Financial implications" and (r.random() < 0.6 or n_tables < 2):
            parts.append(f"Table: Revenue budget and forecast outturn, {fin_year(r, date.year)}")
            parts.append(table_money(r))
        if name in ("Risks and mitigation", "Next steps") or r.random() < 0.15:
            parts.append(w.bullets(3, 5))
    doc = Doc("reports", slug, date, title, fm, "\n\n".join(parts) + "\n")
    doc.anchors = anchors
    return doc


RECOMMENDATIONS = [
    "By {m} {y}, {f} should make sure that {t} is supervised effectively.",
    "With immediate effect, {f} should record the voice of the child in its work on {t}.",
    "By {m} {y}, {f} should work with {p} so that referrals about {t} are assessed within 24 hours.",
    "By {m} {y}, {f} should review its approach to {t} and act on what it finds.",
    "By {m} {y}, {f} should make sure it has enough trained {s} to meet the demand from {t}.",
    "{f} should immediately improve how it shares information on {t} with {p}.",
]


def response(r, i, earlier):
    def title_fn(r, w, d):
        return "Response to the HMICFRS report: " + r.choice(INSPECTIONS).format(
            y=d.year - 1, force=w.force, county=w.county)
    date, org, w, title, slug, fm = common(r, "responses", i, earlier, title_fn, "inspections")
    inspection = title[len("Response to the HMICFRS report: "):]
    published = date - datetime.timedelta(days=r.randint(12, 54))   # inside the 56 days of s55
    field_start = published - datetime.timedelta(days=r.randint(90, 200))
    field_end = field_start + datetime.timedelta(days=r.randint(5, 14))
    commissioner = (person(r), "Police and Crime Commissioner" if org == "harrowdale-pcc"
                    else "Police, Fire and Crime Commissioner for Fenmoor")
    fm += ["inspectorate: HMICFRS", f"inspection: {y(inspection)}",
           "fieldwork:", f"  start: {field_start.isoformat()}", f"  end: {field_end.isoformat()}",
           f"report_published: {published.isoformat()}"]
    fm += yperson("addressee", ("Rt Hon Jo Example MP (fictional)", "Home Secretary"))
    fm += yperson("signed_by", commissioner)
    fm += ["copied_to:", "  - HMICFRS", f"  - {y('Chief Constable, ' + w.force)}"]
    fm.append("recommendations:")
    n_recs = r.randint(6, 9)
    for k in range(1, n_recs + 1):
        text = r.choice(RECOMMENDATIONS).format(
            m=r.choice(MONTHS), y=date.year + 1, f=w.force, t=w.topic(), p=r.choice(PARTNERS),
            s=r.choice(STAFF))
        immediate = "immediately" in text or "immediate effect" in text
        fm += [f"  - number: {k}",
               f"    timescale: {'immediately' if immediate else 'within six months'}",
               f"    text: {y(text)}"]
        if r.random() < 0.3:
            fm.append(f"    status: {r.choice(['in-progress', 'complete'])}")
    fm += updates(r, date, earlier)

    parts = ["Dear Home Secretary",
             f"This is my response, under section 55 of the Police Act 1996, to the HMICFRS report "
             f"“{inspection}”, published on {long_date(published)}. The inspectors were in "
             f"{w.county} from {long_date(field_start)} to {long_date(field_end)}.",
             w.paragraph(3, 5), w.paragraph(2, 4)]
    if earlier and r.random() < 0.5:
        parts.append(link_to(r, earlier, "My office examined this area in") + ".")
    for k in range(1, n_recs + 1):
        parts.append(f"## Recommendation {k}")
        parts.append(w.paragraph(3, 5))
        if r.random() < 0.4:
            parts.append(w.paragraph(2, 3))
        parts.append("### Further work")
        parts.append(f"The force has committed to {r.choice(FOLLOW_WORK)}. " + w.sentence())
        if r.random() < 0.5:
            parts.append(w.bullets(2, 3))
    parts.append("## Monitoring progress")
    parts.append("I will follow progress on every recommendation through my assurance meetings "
                 f"with the Chief Constable and publish updates on this site.\n\n"
                 f"{commissioner[0]}, {commissioner[1]}")
    doc = Doc("responses", slug, date, title, fm, "\n\n".join(parts) + "\n")
    doc.anchors = [f"recommendation-{k}" for k in range(1, n_recs + 1)]
    doc.recommendations = list(range(1, n_recs + 1))
    return doc


MAKERS = {"meetings": meeting, "reports": report, "responses": response}


def documents(n, seed):
    """Yields the documents in order; each sees only the ones before it."""
    earlier = []
    for i in range(n):
        r = random.Random(f"reportsite-bench/{seed}/{i}")
        doc = MAKERS[KIND_OF[i % 5]](r, i, earlier)
        earlier.append(doc)
        yield doc


# ---------------------------------------------------------------------------
# site scaffolding
# ---------------------------------------------------------------------------

SITE_YML = """title: Harrowdale and Fenmoor accountability papers (benchmark corpus)
description: >-
  A generated archive of fictional assurance meeting notes, board papers and
  inspection responses, used to measure reportsite's build time.
base_url: https://bench.example.org/
language: en-GB
organisations:
""" + "".join(f"  - id: {i}\n    name: {y(n)}\n" for i, n in ORGANISATIONS) + """navigation:
  - title: Meetings
    url: /meetings/
  - title: Board papers
    url: /reports/
  - title: Inspection responses
    url: /responses/
  - title: Recommendations
    url: /recommendations/
  - title: About
    url: /about/
footer_links:
  - title: About this site
    url: /about/
  - title: Actions tracker
    url: /actions/
  - title: Publication scheme
    url: /publication-scheme/
contact:
  email: transparency@bench.example.org
accessibility_statement: /accessibility/
"""

ABOUT_MD = """---
title: About this site
summary: A generated benchmark corpus; every organisation, person and figure is invented.
category: who-we-are
---

This site is generated by reportsite's benchmark (`Tests/bench/gen_corpus.py`).
Harrowdale, Fenmoor, their forces and their commissioners do not exist.

## What it contains

- assurance meeting notes, with the questions put to the Chief Constable;
- papers to boards and panels, with numbered sections and tables;
- responses to inspection reports, with each recommendation.

Read the [accessibility statement](/accessibility/).
"""

ACCESSIBILITY_MD = """---
title: Accessibility statement
summary: How accessible this benchmark site is.
---

This statement applies to a generated benchmark site. It uses the same
templates as every reportsite site, so it is as accessible as they are.

## How we tested it

The templates are checked with axe-core and the Nu HTML Checker by
reportsite's quality gate.

## Contact

This site is fictional; nobody reads transparency@bench.example.org.
"""

SECTION_TITLES = {"meetings": "Assurance meetings", "reports": "Board papers",
                  "responses": "Inspection responses"}
HUGO_CONFIG = """baseURL = "https://bench.example.org/"
languageCode = "en-gb"
title = "Harrowdale and Fenmoor accountability papers (benchmark corpus)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
HUGO_NAV = ('<nav><a href="/">Home</a> <a href="/meetings/">Meetings</a> '
            '<a href="/reports/">Board papers</a> <a href="/responses/">Inspection responses</a></nav>')


def hugo_page(main):
    return ('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            '<title>{{ .Title }} | {{ .Site.Title }}</title>\n</head>\n<body>\n'
            f'<header><p>{{{{ .Site.Title }}}}</p>{HUGO_NAV}</header>\n<main>\n{main}</main>\n'
            '<footer><p>A fictional benchmark site.</p></footer>\n</body>\n</html>\n')


HUGO_LAYOUTS = {
    "layouts/_default/single.html": hugo_page(
        '<h1>{{ .Title }}</h1>\n<p>{{ .Params.summary }}</p>\n'
        '<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>\n'
        '{{ .Content }}\n'),
    "layouts/_default/list.html": hugo_page(
        '<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
        '<time>{{ .Date.Format "2006-01-02" }}</time></li>\n{{ end }}</ul>\n'),
    "layouts/index.html": hugo_page(
        '<h1>{{ .Site.Title }}</h1>\n<ul>\n{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">'
        '{{ .Title }}</a> ({{ len .Pages }} documents)</li>\n{{ end }}</ul>\n'),
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def scaffold(out, fmt, templates):
    if fmt == "reportsite":
        write(os.path.join(out, "Content", "site.yml"), SITE_YML)
        write(os.path.join(out, "Content", "pages", "about.md"), ABOUT_MD)
        write(os.path.join(out, "Content", "pages", "accessibility.md"), ACCESSIBILITY_MD)
        if templates:
            shutil.copytree(templates, os.path.join(out, "Templates"))
    elif fmt == "hugo":
        write(os.path.join(out, "config.toml"), HUGO_CONFIG)
        for path, text in HUGO_LAYOUTS.items():
            write(os.path.join(out, path), text)
        for kind, title in SECTION_TITLES.items():
            write(os.path.join(out, "content", kind, "_index.md"), f"---\ntitle: {y(title)}\n---\n")


def generator_digest():
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def stamp_text(n, seed, fmt):
    return json.dumps({"n": n, "seed": seed, "format": fmt, "generator": generator_digest()},
                      sort_keys=True) + "\n"


def prepare(out, force):
    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, STAMP)) and not force:
            sys.exit(f"gen_corpus: {out} is not empty and holds no {STAMP}; pass --force to replace it")
        shutil.rmtree(out)
    os.makedirs(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of documents")
    ap.add_argument("--out", help="output folder (replaced); required unless --stamp")
    ap.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    ap.add_argument("--format", choices=["reportsite", "hugo", "plain"], default="reportsite")
    ap.add_argument("--templates", help="reportsite format: copy this Templates/ folder into the site")
    ap.add_argument("--force", action="store_true", help="replace a non-empty folder without a stamp")
    ap.add_argument("--stamp", action="store_true",
                    help="print the stamp the corpus would carry, write nothing")
    a = ap.parse_args(argv)
    if a.stamp:
        sys.stdout.write(stamp_text(a.n, a.seed, a.format))
        return 0
    if not a.out:
        ap.error("--out is required")

    prepare(a.out, a.force)
    scaffold(a.out, a.format, a.templates)
    sizes = {k: [] for k in KINDS}
    body_bytes = 0
    links = 0
    concat = open(os.path.join(a.out, "all.md"), "w", encoding="utf-8", newline="\n") \
        if a.format == "plain" else None
    for i, doc in enumerate(documents(a.n, a.seed)):
        full = doc.text()
        if a.format == "reportsite":
            write(os.path.join(a.out, "Content", doc.kind, doc.slug + ".md"), full)
        elif a.format == "hugo":
            write(os.path.join(a.out, "content", doc.kind, doc.slug + ".md"), full)
        else:
            write(os.path.join(a.out, doc.kind, doc.slug + ".md"), doc.body)
            if i:
                concat.write("\n")
            concat.write(doc.body)
        sizes[doc.kind].append(len(full.encode("utf-8")))
        body_bytes += len(doc.body.encode("utf-8"))
        links += doc.body.count(".md#") + doc.body.count(".md)")
    if concat:
        concat.close()
    write(os.path.join(a.out, STAMP), stamp_text(a.n, a.seed, a.format))

    total = sum(sum(v) for v in sizes.values())
    print(f"wrote {a.n} documents ({a.format}, seed {a.seed}) to {a.out}")
    for k, v in sizes.items():
        if v:
            print(f"  {k:10s} {len(v):6d}  mean {statistics.mean(v) / 1024:5.1f} KB  "
                  f"median {statistics.median(v) / 1024:5.1f} KB  min {min(v) / 1024:5.1f}  max {max(v) / 1024:5.1f}")
    print(f"  with front matter {total:,} bytes; bodies only {body_bytes:,} bytes; "
          f"{links} links between documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
