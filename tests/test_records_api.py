"""engagelint.lint_records: posts that are not files, findings keyed by record id."""

from __future__ import annotations

import pickle

import engagelint
from engagelint import Record, lint_records

NOW = "2026-12-01T12:00"
WORKSHOP = "Our spring workshop on bike repair opens on Saturday in Lille, book your seat now"


def _codes(result, record_id):
    return sorted(v.code for v in result.violations if v.path == record_id)


def test_findings_are_keyed_by_record_id_with_positions_on_the_record_text():
    result = lint_records(
        [{"id": "crm-42", "text": "Hello [NAME], see you at the workshop on Saturday!"}], now=NOW
    )
    (v,) = [v for v in result.violations if v.code == "EL401"]
    assert (v.path, v.line, v.column, v.end_column) == ("crm-42", 1, 7, 13)
    assert v.text == "[NAME]"
    assert result.files == 1 and result.posts == 1


def test_dicts_and_records_give_the_same_findings():
    as_dict = {"id": "a", "text": "Bonjour {prenom}, notre atelier ouvre samedi à Lille !", "platform": "twitter",
               "lang": "fr", "schedule": "2030-05-12T09:00"}  # fmt: skip
    as_record = Record("a", as_dict["text"], platform="twitter", lang="fr", schedule="2030-05-12T09:00")
    assert lint_records([as_dict], now=NOW).violations == lint_records([as_record], now=NOW).violations


def test_record_metadata_is_read_like_front_matter():
    past = lint_records(
        [{"id": "late", "text": WORKSHOP, "platform": "x", "schedule": "2026-11-30T09:00"}], now=NOW
    )
    assert "EL404" in _codes(past, "late")  # scheduled before the run's clock
    bad = lint_records([{"id": "odd", "text": WORKSHOP, "platform": "myspace"}], now=NOW)
    (v,) = [v for v in bad.violations if v.code == "EL002"]
    assert v.path == "odd" and "myspace" in v.message


def test_the_clock_is_the_one_given():
    record = [{"id": "r", "text": WORKSHOP, "platform": "x", "schedule": "2027-01-10T09:00"}]
    assert "EL404" not in _codes(lint_records(record, now="2027-01-01"), "r")
    assert "EL404" in _codes(lint_records(record, now="2027-02-01"), "r")


def test_corpus_rules_judge_the_records_together_in_the_order_given():
    records = [
        {"id": "first", "text": WORKSHOP, "platform": "x"},
        {"id": "copy", "text": WORKSHOP.upper(), "platform": "x"},
        {"id": "other-network", "text": WORKSHOP, "platform": "linkedin"},
    ]
    result = lint_records(records, now=NOW)
    (dup,) = [v for v in result.violations if v.code == "EL701"]
    assert dup.path == "copy" and "duplicate of first:1" in dup.message
    # the same text for another network is a cross-post, not a duplicate
    assert "EL701" not in _codes(result, "other-network")
    assert "EL407" in _codes(result, "other-network")


def test_blank_records_and_missing_ids_do_not_crash():
    result = lint_records(
        [{"text": "   "}, {"text": "Thanks to everyone who came, see you in June!"}], now=NOW
    )
    assert result.files == 2 and result.posts == 1
    assert all(v.path == "1" for v in result.violations)


def test_a_call_does_not_see_the_posts_of_an_earlier_call():
    first = lint_records([{"id": "a", "text": WORKSHOP, "platform": "x"}], now=NOW)
    second = lint_records([{"id": "b", "text": WORKSHOP, "platform": "x"}], now=NOW)
    assert "EL701" not in [v.code for v in first.violations + second.violations]


def test_records_and_results_are_picklable():
    record = Record("p1", WORKSHOP, platform=("x", "linkedin"), goals=("awareness",))
    assert pickle.loads(pickle.dumps(record)) == record
    result = lint_records([record], now=NOW)
    assert pickle.loads(pickle.dumps(result)).violations == result.violations
    assert engagelint.lint_records is lint_records
