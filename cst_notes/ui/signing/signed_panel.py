"""A signed session: who signed it and when, its dated addenda, and the dialogs to sign and to add one.

The dialogs are opened with ``open()`` (never ``exec()``), so the window stays alive and tests can
fill them in.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain.session import Session
from cst_notes.domain.signing import AUTHORSHIP, CORRECTION, Addendum, signature_words, signer_name_errors, signer_shown
from cst_notes.domain.validation import LONG_TEXT_MAX, NAME_MAX
from cst_notes.services import Services
from cst_notes.ui.forms.draft_keeper import DraftDialog
from cst_notes.ui.widgets.field_feedback import error_label, form_label
from cst_notes.ui.widgets.formatting import local_time_text
from cst_notes.ui.widgets.icons import LOCK, icon_label

BANNER_COLOUR = "#1b5e20"
BANNER_STYLE = "QWidget#signed_banner_box { background: #e8f5e9; border-radius: 4px; }"
BANNER_TEXT_STYLE = f"color: {BANNER_COLOUR}; font-weight: bold;"
PASSPHRASE_TIP = "The passphrase of the practitioner named above: it unlocks their signing key. It is not kept."
SIGN_WARNING = (
    "Signing locks this note: from then on it can never be changed. Corrections are added as dated, signed addenda."
)


Written = Callable[[str], str]  # a signer's stored name -> "Anita Bose, RCST" (with their credentials)


def signed_text(session: Session, written: Written = signer_shown) -> str:
    """The signature's meaning, the signer's name and credentials, the date and time, and how it was made."""
    when = local_time_text(session.signed_at) if session.signed_at else "?"
    words = signature_words(AUTHORSHIP, session.signed_by, written(session.signed_by), when, session.signature_scheme)
    return f"{words} — locked; corrections are added as addenda."


def addenda_html(session: Session, written: Written = signer_shown) -> str:
    """One paragraph per addendum: its meaning, who (with credentials), when, how signed, and the text."""
    if not session.addenda:
        return "<div style='color:#757575'><i>No addenda.</i></div>"

    def said(a: Addendum) -> str:
        when = local_time_text(a.created_at)
        return html.escape(signature_words(CORRECTION, a.author, written(a.author), when, a.signature_scheme))

    items = "".join(
        f"<div style='margin-top:3px'><b>{said(a)}:</b> {html.escape(a.text).replace(chr(10), '<br>')}</div>"
        for a in session.addenda
    )
    return f"<div><b>Addenda ({len(session.addenda)})</b></div>{items}"


class SignedPanel(QWidget):
    """Shown above a signed session's tabs; hidden for a draft."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("signed_panel")
        self.lock = icon_label(LOCK, BANNER_COLOUR)  # drawn: the bundled fonts have no lock sign
        self.banner = QLabel()
        self.banner.setObjectName("signed_banner")
        self.banner.setStyleSheet(BANNER_TEXT_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        banner_box = QWidget()
        banner_box.setObjectName("signed_banner_box")
        banner_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        banner_box.setStyleSheet(BANNER_STYLE)
        banner_row = QHBoxLayout(banner_box)
        banner_row.setContentsMargins(10, 6, 10, 6)
        banner_row.addWidget(self.lock, 0, Qt.AlignmentFlag.AlignTop)
        banner_row.addWidget(self.banner, 1)
        self.add_button = QPushButton("Add adde&ndum…")
        self.add_button.setObjectName("add_addendum")
        self.addenda = QTextBrowser()
        self.addenda.setObjectName("addenda")
        self.addenda.setOpenLinks(False)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(banner_box, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.addenda)
        self.setVisible(False)

    def show_session(self, session: Session, written: Written = signer_shown) -> None:
        """``written``: how a signer is printed (their name with their own credentials)."""
        self.setVisible(session.is_signed)
        if session.is_signed:
            self.banner.setText(signed_text(session, written))
            self.addenda.setHtml(addenda_html(session, written))
            lines = 1 + sum(1 + a.text.count("\n") + len(a.text) // 140 for a in session.addenda)
            self.addenda.setFixedHeight(self.fontMetrics().lineSpacing() * min(lines, 6) + 16)


def signed_in_name(services: Services) -> str:
    """Who signs in the Sign and Addendum dialogs: the signed-in practitioner ("" when no one is,
    in a practice without practitioners: the name is typed)."""
    who = services.signed_in
    return who.name if who is not None and not services.is_locked else ""


class _NoteDialog(DraftDialog):
    """A small dialog with a name field (and maybe a text); OK stays off until what is needed is given.

    ``signers``: the practice's practitioners who sign, offered as the name is typed;
    ``asks_passphrase``: whether a name signs with a key sealed by a passphrase (then the passphrase
    field shows, after the name)."""

    def __init__(
        self,
        title: str,
        intro: str,
        action: str,
        name: str,
        *,
        with_text: bool,
        parent: Any,
        signers: Sequence[str] = (),
        asks_passphrase: Callable[[str], bool] | None = None,
        signed_in: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setVisible(with_text)
        self.name_edit = QLineEdit(signed_in or name)
        self.name_edit.setObjectName("signer")
        self.name_edit.setMaxLength(NAME_MAX)
        if signed_in:  # one signs as oneself: only the passphrase is asked
            self.name_edit.setReadOnly(True)
            self.name_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.name_edit.setToolTip(f"You are signed in as {signed_in}: you sign as yourself")
        elif signers:
            completer = QCompleter(list(signers), self.name_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.name_edit.setCompleter(completer)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setToolTip(PASSPHRASE_TIP)
        self.passphrase_message = error_label()
        self.passphrase_message.setObjectName("passphrase_message")
        self.message = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        if with_text:
            self.form.addRow("&Text", self.text_edit)
        self.name_label = "Author" if with_text else "Signed by"
        self.form.addRow("A&uthor" if with_text else "Signed &by", self.name_edit)  # Alt+A adds the addendum
        self.form.addRow(form_label("&Passphrase", self.passphrase_edit), self.passphrase_edit)
        self.form.addRow("", self.passphrase_message)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._with_text = with_text
        self._asks_passphrase = asks_passphrase
        self.submit: Callable[[_NoteDialog], str] | None = None
        self.text_edit.textChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self.passphrase_edit.textChanged.connect(self._update)
        self._update()
        if with_text:
            self.text_edit.setFocus()
        else:
            (self.passphrase_edit if signed_in and self.asks_passphrase() else self.name_edit).setFocus()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def text(self) -> str:
        """The text exactly as typed: its indentation and line breaks are part of the record."""
        return self.text_edit.toPlainText()

    def passphrase(self) -> str | None:
        """What is typed as the passphrase; None when the name signs without one."""
        return self.passphrase_edit.text() if self.asks_passphrase() else None

    def asks_passphrase(self) -> bool:
        return self.form.isRowVisible(self.passphrase_edit)

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def show_passphrase_message(self, message: str) -> None:
        self.passphrase_message.setText(message)
        self.form.setRowVisible(self.passphrase_message, bool(message))

    def _update(self) -> None:
        needs = self._asks_passphrase is not None and bool(self.name()) and self._asks_passphrase(self.name())
        self.form.setRowVisible(self.passphrase_edit, needs)
        if not needs or self.passphrase_edit.text():
            self.show_passphrase_message("")
        too_long = len(self.text()) > LONG_TEXT_MAX
        missing = not self.name() or (self._with_text and not self.text().strip())
        # the domain's rule for a signer's name, said as the services would say it
        bad_name = [f"{self.name_label} {e.message}." for e in signer_name_errors("name", self.name())] * (not missing)
        no_passphrase = needs and not self.passphrase_edit.text()
        self.ok_button.setEnabled(not missing and not no_passphrase and not too_long and not bad_name)
        long_text = f"The text is too long ({len(self.text())} characters; at most {LONG_TEXT_MAX})."
        self.show_message(" ".join([long_text] * too_long + bad_name))

    def accept(self) -> None:
        """Calls ``submit`` first (if set): a message back means it failed, and the dialog stays open.
        The passphrase is cleared after the call, whatever came of it: it is not kept."""
        if not self.ok_button.isEnabled():
            return
        try:
            problem = self.submit(self) if self.submit is not None else ""
        finally:
            self.passphrase_edit.clear()
        if problem:
            about_passphrase = problem.lower().startswith("passphrase")
            if about_passphrase and self.asks_passphrase():
                self.show_passphrase_message(_said_of_passphrase(problem))
                self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.show_message(problem)
            return
        super().accept()


def _said_of_passphrase(problem: str) -> str:
    """A problem with the passphrase as a sentence ("passphrase: is not …" becomes "Passphrase is not ….")."""
    rest = problem[len("passphrase") :].lstrip(": ").rstrip(".")
    return f"Passphrase {rest}."


class SignDialog(_NoteDialog):
    def __init__(
        self,
        therapist: str,
        parent: Any = None,
        *,
        what: str = "session",
        signers: Sequence[str] = (),
        asks_passphrase: Callable[[str], bool] | None = None,
        signed_in: str = "",
    ) -> None:
        title = f"Sign the {what}"
        super().__init__(
            title,
            SIGN_WARNING,
            "&Sign",
            therapist,
            with_text=False,
            parent=parent,
            signers=signers,
            asks_passphrase=asks_passphrase,
            signed_in=signed_in,
        )
        self.setObjectName("sign_dialog")


class AddendumDialog(_NoteDialog):
    def __init__(
        self,
        author: str,
        parent: Any = None,
        *,
        signers: Sequence[str] = (),
        asks_passphrase: Callable[[str], bool] | None = None,
        signed_in: str = "",
    ) -> None:
        intro = "An addendum is dated and signed; it is kept with the note and never changed."
        super().__init__(
            "Add an addendum",
            intro,
            "&Add addendum",
            author,
            with_text=True,
            parent=parent,
            signers=signers,
            asks_passphrase=asks_passphrase,
            signed_in=signed_in,
        )
        self.setObjectName("addendum_dialog")

    # --- its draft (an addendum can be a paragraph) ---------------------------------------------

    def content(self) -> dict[str, Any]:
        return {"text": self.text_edit.toPlainText(), "author": self.name_edit.text()}

    def set_content(self, content: dict[str, Any]) -> None:
        self.text_edit.setPlainText(str(content.get("text") or ""))
        if not self.name_edit.isReadOnly():  # the signed-in practitioner stays the author
            self.name_edit.setText(str(content.get("author") or self.name_edit.text()))
        self.text_edit.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on where it stopped

    def draft_fields(self) -> Sequence[QWidget]:
        return (self.text_edit, self.name_edit)
