"""What a signature means, on screen (21 CFR 11.50): the signed panel and the intake page show the
signer's printed name with their own credentials, the date and time, the meaning, and how it was made."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from cst_notes.domain import keys
from cst_notes.domain.intake import Intake
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.session import Session
from cst_notes.domain.settings import ClinicSettings
from cst_notes.services import Services
from cst_notes.ui.intake.intake_tab import IntakeTab
from cst_notes.ui.session.sessions_tab import SessionsTab
from cst_notes.ui.widgets.formatting import local_time_text
from tests.ui.conftest import SUMITA
from tests.ui.session.test_session_editor import local, open_editor

MEERA, PASSPHRASE = "মীরা সেন", "নদীর ধারে সকাল ৭টা"


@pytest.fixture
def keyed(services: Services, clinic: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(keys, "SCRYPT_N", 2**10)
    services.save_settings(ClinicSettings(therapist_name="Rahul Mehta", credentials="CST-T"))
    services.add_practitioner(Practitioner(MEERA, credentials="RCST, BCST"), PASSPHRASE)
    services.sign_in(MEERA, PASSPHRASE)  # a passphrase: the practice asks who acts
    session = Session(local(1, 10).astimezone(dt.UTC), therapist=MEERA, subjective="Neck pain", pain_before=6)
    sid = services.add_session(clinic[SUMITA], session).session_id
    services.sign_session(sid, MEERA, passphrase=PASSPHRASE)
    services.add_session_addendum(sid, "Called: better.", MEERA, passphrase=PASSPHRASE)
    return sid


def test_the_signed_panel_shows_meaning_name_credentials_time_and_key(
    qtbot: QtBot, services: Services, clinic: dict[str, int], keyed: int
) -> None:
    stored = services.session(keyed)
    assert stored.signed_at is not None
    editor = open_editor(qtbot, services, clinic[SUMITA], keyed)
    signed = local_time_text(stored.signed_at)
    assert editor.signed_panel.banner.text() == (
        f"Signed (author) by মীরা সেন, RCST, BCST · {signed} · signed with মীরা সেন's key"
        " — locked; corrections are added as addenda."
    )
    added = local_time_text(stored.addenda[0].created_at)
    assert (
        f"Addendum (correction) by মীরা সেন, RCST, BCST · {added} · signed with মীরা সেন's key: Called: better."
        in editor.signed_panel.addenda.toPlainText()
    )


def test_a_signature_from_before_keys_says_the_name_was_typed(
    qtbot: QtBot, services: Services, clinic: dict[str, int]
) -> None:
    services.save_settings(ClinicSettings(therapist_name="Rahul Mehta", credentials="CST-T"))
    session = Session(local(1, 10).astimezone(dt.UTC), therapist="Rahul Mehta", subjective="Neck pain")
    sid = services.add_session(clinic[SUMITA], session).session_id
    services.sign_session(sid, "Rahul Mehta")
    editor = open_editor(qtbot, services, clinic[SUMITA], sid)
    assert editor.signed_panel.banner.text().startswith("Signed (author) by Rahul Mehta, CST-T · ")
    assert " · signed before keyed signing (name typed, no key) — locked" in editor.signed_panel.banner.text()


def test_the_intake_page_shows_the_signature_meaning_with_credentials(
    qtbot: QtBot, services: Services, clinic: dict[str, int], keyed: int
) -> None:
    pid = clinic[SUMITA]
    if services.intake(pid) is None:
        services.save_intake(pid, Intake(dt.date(2026, 1, 5), complaint="Headaches"))
    services.sign_intake(pid, MEERA, passphrase=PASSPHRASE)
    intake = services.intake(pid)
    assert intake is not None
    assert intake.signed_at is not None
    tab = IntakeTab(services, services.today)
    qtbot.addWidget(tab)
    tab.show_record(services.patient(pid), intake)
    signed = local_time_text(intake.signed_at)
    assert f"Signed (author) by মীরা সেন, RCST, BCST · {signed} · signed with মীরা সেন's key." in tab.view.toPlainText()


def test_the_session_list_names_the_signature_in_its_tip(
    qtbot: QtBot, services: Services, clinic: dict[str, int], keyed: int
) -> None:
    tab = SessionsTab(services)
    qtbot.addWidget(tab)
    tab.show()  # its list is filled while it shows
    stored = services.session(keyed)
    assert stored.signed_at is not None
    tab.show_record(clinic[SUMITA], "Sumita", None, [stored])
    item = tab.list.topLevelItem(0)
    assert item is not None
    tip = item.toolTip(4)
    assert (
        tip
        == f"Signed (author) by মীরা সেন, RCST, BCST · {local_time_text(stored.signed_at)} · signed with মীরা সেন's key"
    )
