"""Opening an encrypted practice: the practitioner's name and their own passphrase, asked once.

The passphrase unlocks their copy of the database key (``services.unlock``) and then signs them
in, so nobody is asked twice and nobody shares a master password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class UnlockDialog(QDialog):
    """Name and passphrase; a problem from the last try is shown under the field it is about."""

    def __init__(
        self, path: Path, problem: tuple[str, str] | None = None, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open encrypted practice")
        self.setObjectName("unlock_dialog")
        intro = QLabel(
            f"{path.name} is encrypted. Sign in with your name and your own passphrase: "
            "it unlocks the database and signs you in."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.name.setObjectName("unlock_name")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("unlock_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.problems = {"name": QLabel(), "passphrase": QLabel()}
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("", self.problems["name"])
        form.addRow("Passphrase", self.passphrase)
        form.addRow("", self.problems["passphrase"])
        for field, label in self.problems.items():
            label.setObjectName(f"unlock_{field}_problem")
            label.setStyleSheet("color: #b00020")
            label.setWordWrap(True)
            label.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        focus = self.passphrase if name else self.name
        if problem is not None:
            field, message = problem
            shown = self.problems.get(field, self.problems["passphrase"])
            shown.setText(message)
            shown.setVisible(True)
            focus = self.name if field == "name" else self.passphrase
        focus.setFocus()

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.passphrase.text()
