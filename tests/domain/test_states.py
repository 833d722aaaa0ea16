"""States and roles are enums that stay the stored strings, each with a label in both languages."""

import json
from enum import StrEnum

import pytest

from ewarong_desktop.domain import states
from ewarong_desktop.domain.states import BundleKind, FundKind, Role, Status

ENUMS = [e for e in vars(states).values() if isinstance(e, type) and issubclass(e, StrEnum)]


def test_every_enum_of_the_module_is_checked():
    assert set(ENUMS) >= {Status, Role, BundleKind, FundKind}


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_an_indonesian_and_an_english_label(enum):
    for member in enum:
        indonesian, english = member.label("id"), member.label("en")
        assert indonesian.strip() and english.strip(), member
        assert member.label() == indonesian  # Indonesian unless English is asked for


def test_members_are_the_strings_the_store_and_the_bundles_hold():
    # BUNDLE_SPEC: status `completed` or `voided`, kind `incremental` or `full`.
    assert [s.value for s in Status] == ["completed", "voided"]
    assert {k.value for k in BundleKind} == {"full", "incremental"}
    assert {k.value for k in FundKind} == {"tranche", "use"}
    assert Role("admin") is Role.ADMIN and Status("voided") is Status.VOIDED
    assert json.dumps({"status": Status.VOIDED}) == '{"status": "voided"}'
    assert f"{Status.COMPLETED}" == "completed"


def test_people_read_labels_not_the_raw_words():
    assert Status.VOIDED.label() == "batal" and Status.VOIDED.label("en") == "voided"
    assert BundleKind.FULL.label() == "lengkap"
    assert Role.READER.label("en") == "read only"
    assert states.STORED_ROLES == (Role.OPERATOR, Role.ADMIN)
