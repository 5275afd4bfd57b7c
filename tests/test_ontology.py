"""The CAMEO ontology data file: complete, consistent, validated on load."""

from __future__ import annotations

import pytest

from eventwire.events.ontology import OntologyError, load_ontology, parse_ontology, quad_class_of

HEADER = (
    "code\tname\tplover_type\tplover_mode\tplover_context\tgoldstein\tquad_class\tplover_from\n"
)


def test_every_code_level_is_present_with_names_and_values():
    ontology = load_ontology()
    assert len(ontology) > 300
    assert {c.code for c in ontology} >= {"04", "041", "1121", "2042"}
    assert all(entry.name for entry in ontology)


@pytest.mark.parametrize(
    ("code", "plover", "quad"),
    [("051", "SUPPORT", 1), ("190", "ASSAULT", 4), ("163", "SANCTION", 4), ("0841", "RETREAT", 2)],
)
def test_codes_carry_plover_type_and_quad_class(code, plover, quad):
    entry = load_ontology().code(code)
    assert (entry.plover_type, entry.quad_class) == (plover, quad)


def test_goldstein_values_and_modes_are_filled():
    ontology = load_ontology()
    assert ontology.code("041").plover_mode == "phone"
    assert ontology.code("190").goldstein == -10.0
    assert ontology.code("051").goldstein == 3.4


def test_public_statements_have_no_plover_type_and_appeals_are_requests():
    ontology = load_ontology()
    assert ontology.code("010").plover_type is None
    assert ontology.code("020").plover_type == "REQUEST"
    assert ontology.code("020").plover_from == "eventwire"


def test_quad_class_follows_the_gdelt_roots():
    assert [quad_class_of(c) for c in ("01", "05", "06", "08", "09", "13", "14", "20")] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]


def test_an_unknown_code_raises_a_coded_error():
    with pytest.raises(KeyError, match=r"E502"):
        load_ontology().code("999")


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("05\tPraise\tSUPPORT\t\t\t3\t1\t\n05\tPraise\tSUPPORT\t\t\t3\t1\t\n", "E502"),
        ("05\tPraise\tFRIENDSHIP\t\t\t3\t1\t\n", "E503"),
        ("05\tPraise\tSUPPORT\t\t\tmuch\t1\t\n", "E504"),
        ("05\tPraise\tSUPPORT\t\t\t3\t4\t\n", "E505"),
        ("051\tPraise\tSUPPORT\t\t\t3\t1\t\n", "E506"),
        ("05\tPraise\n", "E501"),
    ],
)
def test_bad_rows_are_refused_with_their_code(row, error):
    with pytest.raises(OntologyError, match=rf"\[{error}\]"):
        parse_ontology(HEADER + row, "bad.tsv")
