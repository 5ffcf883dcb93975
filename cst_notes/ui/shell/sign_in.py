"""The sign-in form: who you are (a practitioner of this practice, any script) and your passphrase;
Enter signs in. The same form unlocks a locked screen. A practitioner without a key yet (one migrated
from an old database) signs in with an empty passphrase and then chooses one, or none."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cst_notes.domain import keys
from cst_notes.domain.practitioner import Practitioner
from cst_notes.domain.validation import ValidationError
from cst_notes.services import Services
from cst_notes.ui.widgets.field_feedback import STYLESHEET, error_label, form_label, with_error_label

AGAIN_DIFFERS = "is not the same as the passphrase: type both again"
PASSPHRASE_MISSING = "is needed: choose one (typed twice), or tick “No passphrase”"
PASSPHRASES_DIFFER = f"Passphrase again {AGAIN_DIFFERS}."
CHOOSE_ONE = f"Passphrase {PASSPHRASE_MISSING}."


def passphrase_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class NoPassphraseChoice(QWidget):
    """A "No passphrase" check box with what it means for signatures beneath it."""

    def __init__(self, text: str = "&No passphrase", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.check.setObjectName("no_passphrase")
        self.meaning = QLabel(f"Choosing none: {keys.NO_PASSPHRASE_MEANS}.")
        self.meaning.setObjectName("no_passphrase_means")
        self.meaning.setWordWrap(True)
        self.meaning.setStyleSheet("color: #5f6368;")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.check)
        box.addWidget(self.meaning)

    def chosen(self) -> bool:
        return self.check.isChecked()


class SignInForm(QWidget):
    """Name and passphrase; ``signed_in`` carries the Practitioner once the services let them in (and,
    for one without a key, once they chose a passphrase or none)."""

    signed_in = Signal(object)  # a Practitioner

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_form")
        self.setStyleSheet(STYLESHEET)
        self._services = services
        self.heading = QLabel("Sign in")
        self.heading.setObjectName("sign_in_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.name_combo = QComboBox()
        self.name_combo.setObjectName("sign_in_name")
        self.name_combo.setEditable(True)
        self.name_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name_combo.setMinimumWidth(320)
        self.passphrase = passphrase_edit()
        self.passphrase.setObjectName("sign_in_passphrase")
        self.name_error, self.passphrase_error = error_label(), error_label()
        self.sign_in_button = QPushButton("&Sign in")
        self.sign_in_button.setObjectName("sign_in_button")
        form = QFormLayout()
        form.addRow(form_label("P&ractitioner", self.name_combo), with_error_label(self.name_combo, self.name_error))
        form.addRow(
            form_label("P&assphrase", self.passphrase), with_error_label(self.passphrase, self.passphrase_error)
        )
        form.addRow("", self.sign_in_button)
        asking = QWidget()
        asking_box = QVBoxLayout(asking)
        asking_box.setContentsMargins(0, 0, 0, 0)
        asking_box.addLayout(form)
        asking_box.addStretch(1)

        # the second step, for a practitioner without a key: choose a passphrase (twice) or none
        self.choose_intro = QLabel()
        self.choose_intro.setWordWrap(True)
        self.new_passphrase, self.new_again = passphrase_edit(), passphrase_edit()
        self.new_passphrase.setObjectName("new_passphrase")
        self.new_again.setObjectName("new_passphrase_again")
        self.choose_error = error_label()
        self.none_choice = NoPassphraseChoice()
        self.choose_button = QPushButton("&Continue")
        choose_form = QFormLayout()
        choose_form.addRow(self.choose_intro)
        choose_form.addRow(form_label("N&ew passphrase", self.new_passphrase), self.new_passphrase)
        choose_form.addRow(
            form_label("Passphrase a&gain", self.new_again), with_error_label(self.new_again, self.choose_error)
        )
        choose_form.addRow("", self.none_choice)
        choose_form.addRow("", self.choose_button)
        choosing = QWidget()
        choosing_box = QVBoxLayout(choosing)
        choosing_box.setContentsMargins(0, 0, 0, 0)
        choosing_box.addLayout(choose_form)
        choosing_box.addStretch(1)

        self.steps = QStackedWidget()
        self.steps.addWidget(asking)
        self.steps.addWidget(choosing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.steps, 1)
        self._keyless: Practitioner | None = None

        self.sign_in_button.clicked.connect(self.sign_in)
        self.passphrase.returnPressed.connect(self.sign_in)
        line = self.name_combo.lineEdit()
        assert line is not None
        line.returnPressed.connect(self._name_entered)
        self.choose_button.clicked.connect(self.choose)
        for button in (self.sign_in_button, self.choose_button):
            button.setAutoDefault(False)  # Enter in a field acts once, in the lock dialog too
        self.new_again.returnPressed.connect(self.choose)
        self.new_passphrase.returnPressed.connect(self.new_again.setFocus)
        self.none_choice.check.toggled.connect(self._none_toggled)

    # --- showing ------------------------------------------------------------------------------

    def reset(self, locked_by: str | None = None) -> None:
        """The first step, empty, with the active practitioners offered; ``locked_by``: the screen was
        locked by them (their name is filled in, the focus in the passphrase)."""
        names = [p.name for p in self._services.practitioners() if p.active]
        self.name_combo.clear()
        self.name_combo.addItems(names)
        completer = self.name_combo.completer()  # the combo's own: the name completed as it is typed
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.name_combo.setEditText(locked_by or "")
        self.passphrase.clear()
        for label in (self.name_error, self.passphrase_error, self.choose_error):
            show_error(label, "")
        self._show_step(0)
        self._keyless = None
        if locked_by:
            self.heading.setText(f"Locked by {locked_by}. Type the passphrase to continue.")
        else:
            self.heading.setText("Sign in")
        self.focus_first()

    def _show_step(self, index: int) -> None:
        """The step shown, the form as tall as it (a stack is as tall as its tallest page otherwise)."""
        for i in range(self.steps.count()):
            page = self.steps.widget(i)
            assert page is not None
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.steps.setCurrentIndex(index)
        self.steps.adjustSize()

    def focus_first(self) -> None:
        target = self.passphrase if self.name_combo.currentText() else self.name_combo
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- signing in ---------------------------------------------------------------------------

    def _name_entered(self) -> None:
        """Enter in the name: sign in (an empty passphrase is right for some), else on to the passphrase."""
        if self.passphrase.text() or not self._services.asks_passphrase(self.name_combo.currentText()):
            self.sign_in()
        else:
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def sign_in(self) -> None:
        name, passphrase = self.name_combo.currentText(), self.passphrase.text()
        self.passphrase.clear()
        show_error(self.name_error, "")
        show_error(self.passphrase_error, "")
        try:
            who = self._services.sign_in(name, passphrase)
        except ValidationError as error:
            for e in error.errors:
                label = self.name_error if e.field == "name" else self.passphrase_error
                caption = "Practitioner" if e.field == "name" else "Passphrase"
                show_error(label, f"{caption} {e.message}.")
            target = self.name_combo if error.errors[0].field == "name" else self.passphrase
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not who.key_id:
            self._ask_for_a_passphrase(who)
            return
        self.signed_in.emit(who)

    def _ask_for_a_passphrase(self, who: Practitioner) -> None:
        self._keyless = who
        self.heading.setText(f"Welcome, {who.name}")
        self.choose_intro.setText(
            "You have no signing key here yet. Choose the passphrase you will sign in and sign notes with "
            "(type it twice), or choose none."
        )
        self.new_passphrase.clear()
        self.new_again.clear()
        self.none_choice.check.setChecked(False)
        show_error(self.choose_error, "")
        self._show_step(1)
        self.new_passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _none_toggled(self, on: bool) -> None:
        for edit in (self.new_passphrase, self.new_again):
            edit.clear()
            edit.setEnabled(not on)

    def choose(self) -> None:
        who = self._keyless
        if who is None:
            return
        new, again = self.new_passphrase.text(), self.new_again.text()
        self.new_passphrase.clear()
        self.new_again.clear()
        if not self.none_choice.chosen():
            problem = CHOOSE_ONE if not new else PASSPHRASES_DIFFER if new != again else ""
            if problem:
                show_error(self.choose_error, problem)
                self.new_passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        chosen = "" if self.none_choice.chosen() else new
        self._services.set_passphrase(who.name, "", chosen)
        self._keyless = None
        self.signed_in.emit(self._services.sign_in(who.name, chosen))  # their new key, for the sitting
