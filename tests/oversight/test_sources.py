import pytest

from oversight.sources import SOURCES, cite, cited


def test_a_source_number_is_named_and_its_section_kept():
    assert cite("003 §2") == "Management oversight guidance (003) §2"
    assert cite("000 §7.1, 004 (4-weekly)") == (
        "Enfield YOS Management Oversight Policy (000) §7.1, Gateshead YOT Management Oversight Policy (004) (4-weekly)"
    )


def test_text_naming_no_source_is_unchanged_and_an_unknown_number_is_refused():
    assert cite("local choice (Oversight default)") == "local choice (Oversight default)"
    assert cite("YJB 2019 guidance") == "YJB 2019 guidance"
    with pytest.raises(ValueError, match="005"):
        cite("005 §1")


def test_cited_lists_each_source_once_in_order():
    assert cited("003, 002 example four, 003 §1") == ("003", "002")


def test_every_source_has_a_title_an_owner_and_what_it_asks():
    assert list(SOURCES) == ["000", "001", "002", "003", "004"]
    for s in SOURCES.values():
        assert s.title and s.owner and s.kind and s.asks, s.id
    assert len({s.title for s in SOURCES.values()}) == len(SOURCES), "titles must tell the sources apart"
