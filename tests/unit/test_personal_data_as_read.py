"""Personal data as a reader sees it: every form issue 12 found missed is caught, at its original line
and column, near misses still pass, and no message republishes what it found.

Every string here is made up: numbers from ranges kept for drama (Ofcom 01632 960xxx, 07700 900xxx)
or failing their check digit where they can, streets and names invented.
"""

from __future__ import annotations

import pytest

from casebook.checks.echo import shown
from casebook.checks.personal_data import (
    ADDRESS, DATE_OF_BIRTH, DENIED_NAME, EMAIL, FULL_DATE, NHS_NUMBER, NI_NUMBER, PHONE, POSTCODE,
    check_personal_data, find_personal_data,
)
from casebook.model.vocabulary import load_vocabulary
from casebook.reading.frontmatter import parse_source
from conftest import FIXTURES, ROOT

DENY = ["Jayden", "Kaylee Smith"]
NBSP, THIN, NNBSP, SHY, ZWSP = "\u00a0", "\u2009", "\u202f", "\u00ad", "\u200b"

# (text, the kind it must be found as): the forms the issue lists, one a line.
AS_READ = [
    # Non-break and thin spaces, as Word inserts them.
    (f"rang 01632{NBSP}960001", PHONE),
    (f"mobile 07700{NNBSP}900123", PHONE),
    (f"lived at SW1A{NBSP}1AA", POSTCODE),
    (f"NHS number 943{NBSP}476{NBSP}5919", NHS_NUMBER),
    (f"NI AB{THIN}12{THIN}34{THIN}56{THIN}C", NI_NUMBER),
    ("rang 01632&nbsp;960001", PHONE),
    ("０１６３２ ９６０００１", PHONE),
    # A number or a date wrapped over a line break (the page shows it whole).
    ("The school rang 01632\n960001 that day.", PHONE),
    ("The school rang 0161-\n496-0000 that day.", PHONE),
    ("NHS number 943 476\n5919 was", NHS_NUMBER),
    ("seen on 12/03/\n2021 by", FULL_DATE),
    ("seen on 12 March\n2021 by", FULL_DATE),
    # Phones.
    ("0044 1632 960001", PHONE),
    ("0044 7700 900123", PHONE),
    ("01632.960.001", PHONE),
    ("01632 – 960001", PHONE),
    ("01632–960001", PHONE),
    ("01632/960001", PHONE),
    ("07700 900 123", PHONE),
    # Dates.
    ("seen on 3-Jan-2019", FULL_DATE),
    ("seen on 3 Jan 19", FULL_DATE),
    ("seen on 31.03.16", FULL_DATE),
    ("seen on 03.04.16", FULL_DATE),
    ("seen on 3/Mar/2019", FULL_DATE),
    # Dates of birth: one rule, a month and year as much as a full date.
    ("| DOB | March 2015 |", DATE_OF_BIRTH),
    ("| Date of birth | 12/03/2015 |", DATE_OF_BIRTH),
    ("born 14 March 2019", DATE_OF_BIRTH),
    ("born March 2019", DATE_OF_BIRTH),
    ("she was born in March 2019", DATE_OF_BIRTH),
    ("born on 3-Jan-2019", DATE_OF_BIRTH),
    ("born 12/03/2019", DATE_OF_BIRTH),
    ("DOB 2015", DATE_OF_BIRTH),
    # National Insurance and NHS numbers.
    ("NI number AB 12 34 56", NI_NUMBER),
    ("NI number AB123456", NI_NUMBER),
    ("NHS9434765919", NHS_NUMBER),
    # Emails.
    ("_jo.bloggs@example.org", EMAIL),
    ("zoë.smith@example.org", EMAIL),
    ("jo.bloggs@exämple.org", EMAIL),
    ("jo&#64;example.org", EMAIL),
    ("jo&#x40;example.org", EMAIL),
    ("jo＠example.org", EMAIL),
    # Names from the deny list, with invisible characters inside.
    (f"Jay{SHY}den told his teacher", DENIED_NAME),
    (f"Jay{ZWSP}den told his teacher", DENIED_NAME),
    (f"Jay&shy;den told his teacher", DENIED_NAME),
    (f"with Kaylee{NBSP}Smith", DENIED_NAME),
    # Street addresses.
    ("The family lived at 12 Acacia Avenue.", ADDRESS),
    ("Flat 3, 4 Church Road, Leeds", ADDRESS),
    ("moved to 7a Mill Lane in the spring", ADDRESS),
    ("at 23 Queen's Park Road", ADDRESS),
    ("at 5 Orchard Close", ADDRESS),
    ("at 118 Long Acre Drive", ADDRESS),
    ("at 9 Hawthorn Grove", ADDRESS),
    ("at 14 St Mary's Terrace", ADDRESS),
    ("at 2 Church Mews", ADDRESS),
    ("Apartment 12, 40 Station Square", ADDRESS),
    (f"at 12{NBSP}Acacia{NBSP}Avenue", ADDRESS),
]

# Text a review legitimately contains: none may be flagged.
NEAR_MISSES = [
    "Section 4 Road safety", "Working Together 2018", "Working Together to Safeguard Children 2018",
    "0.5 mg", "0.5 FTE", "in 2019", "born in 2019", "born at 38 weeks", "born on time",
    "paragraph 2.1.1", "paragraph 3.2.14", "10.11.12 of the report", "page 12 of 56", "pages 12-56",
    "3 High Court hearings", "2 Family Court hearings", "the Crown Court", "Key Stage 2", "the A1 road",
    "Appendix 2 Park", "5 Safe Places", "12 months", "4 in 10 children", "1 in 4", "1,234 referrals",
    "£1,000", "10.30am", "09:30", "2pm", "NHS England", "NHS 111", "call 999", "Policy 3.2",
    "version 1.2.3", "March 2021", "Spring 2020", "between 2015 and 2019", "2019-20", "2016/17",
    "12/2019", "the May 2021 meeting", "May 4", "Summer 2017", "aged 4", "Year 6", "KS2 results",
    "the M25 4th junction", "B12 vitamin", "GB123456A", "QQ123456C", "TN 12 34 56 A", "AB123456E",
    "@handle on social media", "name at example dot org", "user@localhost",
    "date of birth not recorded", "DOB unknown", "the baby was born in hospital",
    "Jaydenson", "Kaylee", "Child Q", "Family B", "Ofsted 2019", "CQC rated it Good",
    "Section 47 enquiry", "Section 17 Children Act 1989", "32/40 weeks", "from 10 to 12 March",
    "1.1. In the summer", "4 siblings", "late 2016", "in the summer of 2017", "Date of Incident: Summer 2017",
    "123 456 7890", "943 476 5918", "4010232138", "2017-2018", "12/03", "03/2021", "42 appointments",
    "the 2018 guidance", "Chapter 7 Court", "Room 101", "Level 3 Street Triage", "3 Strategy Meetings",
    "Figure 2 Road traffic", "Table 4 Lane closures", "0 to 5 years", "20 June", "June 20",
    "the 12th review", "Tier 4 services", "2 Safeguarding Partnerships", "Learning Disability Place",
    "up to 10 Hill visits", "a 24 hour clock", "the 0-19 service", "0300 is not a number here",
]


@pytest.mark.parametrize("text,kind", AS_READ)
def test_every_form_a_reader_sees_is_found(text: str, kind: str):
    found = find_personal_data(text, DENY)
    assert [f.kind for f in found] == [kind], found


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_pass(text: str):
    assert find_personal_data(text, DENY) == []


def test_a_finding_keeps_the_original_characters_and_place():
    text = "Call 01632\u00a0960001 or jo&#64;example.org."
    phone, email = find_personal_data(text)
    assert (phone.start, phone.end, phone.text) == (5, 17, "01632\u00a0960001")
    assert (email.start, email.text) == (21, "jo&#64;example.org")


GOOD = (FIXTURES / "library" / "child-c.md").read_text(encoding="utf-8")


def _problems(text: str) -> list[str]:
    vocabulary = load_vocabulary(ROOT / "vocabulary")
    vocabulary.deny_names = ["Jayden"]
    return [str(p) for p in check_personal_data(parse_source(text.encode(), "docs/reviews/x.md"), vocabulary)]


def test_a_number_wrapped_in_the_body_is_named_at_its_first_line_and_column():
    text = GOOD + "\nThe health visitor rang 01632\n960001 and left a message.\n"
    line = GOOD.count("\n") + 2
    (problem,) = _problems(text)
    assert problem.startswith(f"docs/reviews/x.md:{line}: body: remove the UK phone number (a UK phone number at column 25: '01…'")


def test_a_name_hidden_by_a_soft_hyphen_is_found_at_its_column():
    (problem,) = _problems(GOOD + "\nIn the end Jay&shy;den told his teacher.\n")
    assert f"x.md:{GOOD.count(chr(10)) + 2}: body: replace the name" in problem and "at column 12:" in problem


def test_allow_reasons_are_scanned_but_not_allow_texts():
    allow = "allow:\n  - text: 0808 800 5000\n    reason: the helpline; ask Jo on 01632 960001\n---"
    text = GOOD.replace("source: not-stated\n---", "source: not-stated\n" + allow) + "\nThe NSPCC helpline is 0808 800 5000.\n"
    (problem,) = _problems(text)
    assert ": allow[1].reason: remove the UK phone number (a UK phone number at column 37" in problem


def test_validation_messages_never_republish_personal_data(tmp_path):
    from casebook.library.collection import load_library

    reviews = tmp_path / "docs" / "reviews"
    reviews.mkdir(parents=True)
    (reviews / "x.md").write_text(GOOD.replace("nation: wales", "nation: DOB 12/03/2015").replace(
        "outcome: died", "outcome: rang 01632 960001 " + "and more " * 20), encoding="utf-8")
    library = load_library([reviews], load_vocabulary(ROOT / "vocabulary"), root=tmp_path)
    lines = [str(p) for p in library.problems]
    assert "docs/reviews/x.md:5: nation: unknown nation '[…]': use one of: england, wales, scotland, northern-ireland, not-stated" in lines
    assert not any("12/03/2015" in line or "960001" in line for line in lines), lines
    outcome = next(line for line in lines if ": outcome: unknown outcome" in line)
    assert "'rang […] and more and more and more and more and more and m…'" in outcome


def test_no_message_repeats_a_listed_name(tmp_path):
    from casebook.library.collection import load_library

    reviews = tmp_path / "docs" / "reviews"
    reviews.mkdir(parents=True)
    (reviews / "x.md").write_text(GOOD.replace("publisher: Fictional Regional Safeguarding Board",
                                               "publisher: Jayden's school #2"), encoding="utf-8")
    vocabulary = load_vocabulary(ROOT / "vocabulary")
    vocabulary.deny_names = ["Jayden"]
    lines = [str(p) for p in load_library([reviews], vocabulary, root=tmp_path).problems]
    assert "docs/reviews/x.md:6: publisher: quote the value: YAML drops '#2' as a comment; write publisher: \"[…]'s school #2\", or put the comment on its own line" in lines
    assert not any("Jayden" in line for line in lines)


def test_an_echoed_value_is_short_and_escaped():
    assert shown("a\tb\nc\u2028d\x07e") == "a\\tb\\nc\\u2028d\\x07e"
    assert len(shown("x" * 10_000)) == 60
    assert shown("Jayden's mother", deny_names=["Jayden"]) == "[…]'s mother"


def count_cases() -> tuple[tuple[int, int], tuple[int, int]]:
    """For the note on the issue: (forms found, forms), (near misses flagged, near misses)."""
    caught = sum(1 for text, kind in AS_READ if [f.kind for f in find_personal_data(text, DENY)] == [kind])
    flagged = sum(1 for text in NEAR_MISSES if find_personal_data(text, DENY))
    return (caught, len(AS_READ)), (flagged, len(NEAR_MISSES))
