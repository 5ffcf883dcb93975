"""The first run's short set-up: the practice (name, address, phone, how dates are written) and its
first practitioner, the owner (name, credentials, a passphrase typed twice or none). Set up saves the
settings, adds the owner and signs them in; Skip leaves everything as it was (a solo therapist may
work without practitioners, as before: the set-up is offered again while the database is still new)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import vocabulary as V
from cst_notes.domain.practitioner import Practitioner, practitioner_errors
from cst_notes.domain.settings import settings_errors
from cst_notes.domain.validation import NAME_MAX, FieldError
from cst_notes.services import Services
from cst_notes.ui.shell.sign_in import AGAIN_DIFFERS, PASSPHRASE_MISSING, NoPassphraseChoice, passphrase_edit
from cst_notes.ui.widgets.code_combo import CodeComboBox
from cst_notes.ui.widgets.field_feedback import STYLESHEET, FieldFeedback, error_label, form_label, with_error_label


class FirstRunPage(QWidget):
    """``done`` carries the owner (signed in); ``skipped`` when the user goes on without set-up."""

    done = Signal(object)  # the owner, a Practitioner
    skipped = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.setStyleSheet(STYLESHEET)
        self._services = services
        heading = QLabel("Welcome to CST Notes")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        heading.setFont(font)
        intro = QLabel(
            "A new practice: say who it is, and who owns it. The owner manages the settings, the "
            "practitioners and the backups. You can change all of this later (File ▸ Clinic settings, "
            "File ▸ Practitioners)."
        )
        intro.setWordWrap(True)
        self.general = error_label()
        self.feedback = FieldFeedback(self.general)

        self.practice_name, self.phone = QLineEdit(), QLineEdit()
        self.practice_name.setObjectName("practice_name")
        for edit in (self.practice_name, self.phone):
            edit.setMaxLength(NAME_MAX)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.date_order = CodeComboBox(V.DATE_ORDERS)
        self.date_order.setToolTip("How a date like 03/04/2020 is read when typed; 2020-04-03 is always understood")
        practice = QGroupBox("The practice")
        practice_form = QFormLayout(practice)
        self._row(practice_form, "clinic_name", "Practice na&me", self.practice_name)
        self._row(practice_form, "address", "&Address", self.address)
        self._row(practice_form, "phone", "Ph&one", self.phone)
        self._row(practice_form, "date_order", "&Dates are written", self.date_order)

        self.owner_name, self.credentials = QLineEdit(), QLineEdit()
        self.owner_name.setObjectName("owner_name")
        for edit in (self.owner_name, self.credentials):
            edit.setMaxLength(NAME_MAX)
        self.passphrase, self.again = passphrase_edit(), passphrase_edit()
        self.passphrase.setObjectName("owner_passphrase")
        self.again.setObjectName("owner_passphrase_again")
        self.none_choice = NoPassphraseChoice()
        self.none_choice.check.toggled.connect(self._none_toggled)
        owner = QGroupBox("The owner (you)")
        owner_form = QFormLayout(owner)
        self._row(owner_form, "name", "&Your name", self.owner_name)
        self._row(owner_form, "credentials", "&Credentials", self.credentials)
        self._row(owner_form, "passphrase", "Passphras&e", self.passphrase)
        self._row(owner_form, "again", "Passphrase a&gain", self.again)
        owner_form.addRow("", self.none_choice)

        self.set_up_button = QPushButton("&Set up")
        self.set_up_button.setObjectName("set_up")
        self.set_up_button.setDefault(True)
        self.skip_button = QPushButton("S&kip: no practitioners for now")
        self.skip_button.setToolTip("Work as before, without signing in; the set-up is offered again next time")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.set_up_button)
        column = QWidget()
        column.setMaximumWidth(640)
        box = QVBoxLayout(column)
        box.addWidget(heading)
        box.addWidget(intro)
        box.addWidget(practice)
        box.addWidget(owner)
        box.addWidget(self.general)
        box.addLayout(buttons)
        box.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)

        self.set_up_button.clicked.connect(self.set_up)
        self.skip_button.clicked.connect(self.skipped.emit)
        for edit in (self.practice_name, self.phone, self.owner_name, self.credentials, self.passphrase, self.again):
            edit.returnPressed.connect(self.set_up)

    def _row(self, form: QFormLayout, field: str, caption: str, widget: QWidget) -> None:
        label = error_label()
        self.feedback.add(field, caption.replace("&", ""), widget, label)
        form.addRow(form_label(caption, widget), with_error_label(widget, label))

    def start(self) -> None:
        self.date_order.set_code(self._services.settings().date_order)
        self.practice_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _none_toggled(self, on: bool) -> None:
        for edit in (self.passphrase, self.again):
            edit.clear()
            edit.setEnabled(not on)

    def set_up(self) -> None:
        """Checks everything first, then saves the settings, adds the owner and signs them in; a
        problem is shown beside its field and nothing is saved."""
        passphrase, again = self.passphrase.text(), self.again.text()
        self.passphrase.clear()
        self.again.clear()
        name = self.owner_name.text().strip()
        settings = replace(
            self._services.settings(),
            clinic_name=self.practice_name.text().strip(),
            address=self.address.toPlainText().strip(),
            phone=self.phone.text().strip(),
            date_order=self.date_order.code(),
            therapist_name=name,
            credentials=self.credentials.text().strip(),
        )
        owner = Practitioner(name, "owner", self.credentials.text().strip())
        errors = [e for e in settings_errors(settings) if e.field not in ("therapist_name", "credentials")]
        errors += practitioner_errors(owner)
        if not self.none_choice.chosen():
            if not passphrase:
                errors.append(FieldError("passphrase", PASSPHRASE_MISSING))
            elif passphrase != again:
                errors.append(FieldError("again", AGAIN_DIFFERS))
        if errors:
            first = self.feedback.show(errors)
            if first is self.again:
                first = self.passphrase  # both are typed again
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.feedback.clear()
        chosen = "" if self.none_choice.chosen() else passphrase
        self._services.save_settings(settings)
        self._services.add_practitioner(owner, chosen)
        self.done.emit(self._services.sign_in(name, chosen))
