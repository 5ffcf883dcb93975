"""Who is at the keyboard: the main window's pages (the work, the sign-in form, the first run's
set-up, the locked page), locking the screen (on Ctrl+L or after the idle time) and signing out.

While nobody is signed in, or the screen is locked, no patient's name or note shows anywhere: the
main window shows a page without them, every other window of the app (a session editor, a dialog)
has its content hidden and its title replaced, and the lock dialog asks for the passphrase. Unlocking
puts every window back as it was, its unsaved text still in it, the focus where it was."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cst_notes import APP_NAME
from cst_notes.domain import vocabulary as V
from cst_notes.domain.practitioner import Practitioner
from cst_notes.services import Services
from cst_notes.ui.shell.idle_timer import IdleTimer
from cst_notes.ui.shell.sign_in import SignInForm
from cst_notes.ui.widgets.keys import key_action, sequence

if TYPE_CHECKING:  # imported when first needed: the forms' draft keepers, the set-up of a new practice
    from cst_notes.ui.forms.draft_keeper import DraftKeeper
    from cst_notes.ui.shell.first_run import FirstRunPage

LOCKED_TITLE = "Locked"  # Qt adds " — CST Notes" (the application display name)
MINUTE_MS = 60_000


class Page(IntEnum):
    WORK = 0
    SIGN_IN = 1
    FIRST_RUN = 2
    LOCKED = 3


def centred(widget: QWidget) -> QWidget:
    """``widget`` in the middle of a page."""
    page = QWidget()
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    column = QVBoxLayout(page)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(2)
    return page


class LockDialog(QDialog):
    """The sign-in form over every window of the app; Esc and the close button do not take it away."""

    def __init__(self, services: Services, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lock_dialog")
        self.setWindowTitle(LOCKED_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.form = SignInForm(services)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # as tall as the form, no taller
        self._leaving = False

    def reject(self) -> None:
        """Esc: the screen stays locked."""

    def leave(self) -> None:
        self._leaving = True
        self.hide()
        self._leaving = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            event.ignore()


class Covered(QObject):
    """A window whose content is hidden while the screen is locked: its title, and the children hidden.
    It does not close meanwhile (closing asks about unsaved changes, naming what they are)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)
        self.title = window.windowTitle()
        self.hidden = [
            c
            for c in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if c.isVisible() and not c.isWindow()
        ]
        for child in self.hidden:
            child.hide()
        self.notice = QLabel(f"Locked. Sign in again in the {APP_NAME} window.", window)
        self.notice.setObjectName("locked_notice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setGeometry(window.rect())
        self.notice.show()
        window.setWindowTitle(LOCKED_TITLE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return False

    def abandon(self) -> None:
        """Close the window without asking (another practitioner took over the screen): its unsaved
        content stays as a draft, written when the screen locked, for its author to take up again."""
        if not shiboken6.isValid(self.window):
            return
        self.window.removeEventFilter(self)
        from cst_notes.ui.forms.draft_keeper import DraftKeeper

        for keeper in self.window.findChildren(DraftKeeper):
            keeper.timer.stop()
        self.window.hide()
        self.window.deleteLater()

    def uncover(self) -> None:
        if not shiboken6.isValid(self.window):
            return
        self.window.removeEventFilter(self)
        self.notice.deleteLater()
        for child in self.hidden:
            if shiboken6.isValid(child):
                child.show()
        self.window.setWindowTitle(self.title)


class Sitting(QObject):
    """Owns the main window's central pages and the File menu's Lock screen and Sign out actions.
    ``entered`` is emitted when the work shows again (after a sign-in, an unlock, the set-up)."""

    entered = Signal()

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        work: QWidget,
        *,
        work_status: QWidget | None = None,
        can_leave: Callable[[], bool],
        idle_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._services = services
        self._can_leave = can_leave
        self._work_status = work_status  # the status bar's text about the records, shown with the work
        self.locked_label = QLabel()
        self.locked_label.setObjectName("locked_page")
        self.locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self._pages: dict[Page, QWidget] = {Page.WORK: work, Page.LOCKED: self.locked_label}
        self.pages.addWidget(work)
        self.pages.addWidget(self.locked_label)
        self._sign_in_form: SignInForm | None = None  # made when first needed: most starts need neither
        self._first_run: FirstRunPage | None = None
        window.setCentralWidget(self.pages)
        self.who_label = QLabel()
        self.who_label.setObjectName("signed_in_label")
        window.statusBar().addPermanentWidget(self.who_label)
        self.lock_dialog: LockDialog | None = None
        self._covered: list[Covered] = []
        self._focus: QWidget | None = None
        self._locked_by = ""  # who locked the screen: their windows come back only to them
        self._switched_off: list[QAction] = []
        self.lock_action = QAction("&Lock screen", window)
        key_action(self.lock_action, "lock")
        # in every window of the app (a session editor is a window of its own), not only this one
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(lambda _checked=False: self.lock())
        self.sign_out_action = QAction("Si&gn out / switch practitioner…", window)
        self.sign_out_action.triggered.connect(lambda _checked=False: self.sign_out())
        for action in (self.lock_action, self.sign_out_action):
            window.addAction(action)
        self._idle_ms = idle_ms  # tests give a few milliseconds; else the clinic settings' minutes
        self.idle = IdleTimer(self._idle_interval(), self)
        self.idle.idle.connect(self.lock)

    # --- which page ---------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        current = self.pages.currentWidget()
        return next(page for page, widget in self._pages.items() if widget is current)

    @property
    def sign_in_form(self) -> SignInForm:
        if self._sign_in_form is None:
            self._sign_in_form = SignInForm(self._services)
            self._sign_in_form.signed_in.connect(self._signed_in)
            self._add_page(Page.SIGN_IN, centred(self._sign_in_form))
        return self._sign_in_form

    @property
    def first_run(self) -> FirstRunPage:
        if self._first_run is None:
            from cst_notes.ui.shell.first_run import FirstRunPage

            self._first_run = FirstRunPage(self._services)
            self._first_run.done.connect(self._signed_in)
            self._first_run.skipped.connect(self._enter)
            self._add_page(Page.FIRST_RUN, self._first_run)
        return self._first_run

    def _add_page(self, page: Page, widget: QWidget) -> None:
        self._pages[page] = widget
        self.pages.addWidget(widget)

    def _show_page(self, page: Page) -> None:
        if page not in self._pages:  # made on first use
            made = self.sign_in_form if page == Page.SIGN_IN else self.first_run
            assert made is not None
        self.pages.setCurrentWidget(self._pages[page])

    def begin(self, *, offer_set_up: bool = False) -> None:
        """The first page: with ``offer_set_up``, the set-up for a new practice (``first_run``); the
        sign-in form when the practice asks who you are; else the work (a solo practitioner without a
        passphrase is signed in at once)."""
        services = self._services
        if services.signed_in is not None and not services.is_locked:
            self._enter()
        elif offer_set_up and services.first_run():
            self._leave_work(Page.FIRST_RUN)
            self.first_run.start()
        elif services.sign_in_needed():
            self._show_sign_in()
        else:
            solo = [p for p in services.practitioners() if p.active]
            if solo:
                services.sign_in(solo[0].name, "")
            self._enter()

    def _show_sign_in(self) -> None:
        self._leave_work(Page.SIGN_IN)
        self.sign_in_form.reset()

    def _leave_work(self, page: Page) -> None:
        """Another page than the work: the window's commands (but Quit and About) do nothing."""
        self.idle.stop()
        if self.page == Page.WORK:
            keep = {a for a in self.window.actions() if a.shortcut() == sequence("quit")}
            self._switched_off = [a for a in self.window.actions() if a.isEnabled() and a not in keep]
            for action in self._switched_off:
                action.setEnabled(False)
        self._show_page(page)
        self.window.statusBar().clearMessage()
        if self._work_status is not None:
            self._work_status.hide()
        self._show_who()

    def _enter(self) -> None:
        came_back = self.page != Page.WORK
        if came_back:
            for action in self._switched_off:
                action.setEnabled(True)
            self._switched_off = []
            self._show_page(Page.WORK)
            if self._work_status is not None:
                self._work_status.show()
        self._show_who()
        if self._services.signed_in is not None:
            self.idle.start()
        if came_back:
            self.entered.emit()

    def _show_who(self) -> None:
        who = self._services.signed_in
        signed_in = who is not None
        self.lock_action.setEnabled(signed_in and self.page == Page.WORK)
        self.sign_out_action.setEnabled(signed_in and self.page == Page.WORK)
        if who is None:
            self.who_label.setText("")
        elif self._services.is_locked:
            self.who_label.setText(f"Locked by {who.name}")
        else:
            self.who_label.setText(f"Signed in: {who.name} ({V.ROLES.label(who.role)})")

    def _signed_in(self, _who: Practitioner) -> None:
        self._enter()

    # --- locking ------------------------------------------------------------------------------

    def lock(self) -> None:
        """Wipe the key, hide every patient, and ask for the passphrase (nothing when no one is signed in)."""
        who = self._services.signed_in
        if who is None or self._services.is_locked or self.page != Page.WORK or not self.window.isVisible():
            return
        for keeper in _draft_keepers():  # what was typed a moment ago is kept before the key goes
            keeper.write_now()
        self._services.lock()
        self._locked_by = who.name
        self._focus = QApplication.focusWidget()
        for _ in range(8):  # an open menu or a completer's list, and the menu it came from
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self._covered = [
            Covered(w)
            for w in QApplication.topLevelWidgets()
            if w is not self.window and w is not self.lock_dialog and w.isVisible() and not _is_popup(w)
        ]
        self.locked_label.setText(f"Locked by {who.name}.")
        self._leave_work(Page.LOCKED)
        if self.lock_dialog is None:
            self.lock_dialog = LockDialog(self._services, self.window)
            self.lock_dialog.form.signed_in.connect(self._unlocked)
        self.lock_dialog.form.reset(locked_by=who.name)
        self.lock_dialog.show()
        self.lock_dialog.raise_()
        self.lock_dialog.activateWindow()
        self.lock_dialog.form.focus_first()

    def _unlocked(self, who: Practitioner) -> None:
        assert self.lock_dialog is not None
        self.lock_dialog.leave()
        taken_over = who.name != self._locked_by
        for covered in self._covered:
            if taken_over:  # the owner took over: the other's windows close, their drafts kept for them
                covered.abandon()
            else:
                covered.uncover()
        self._covered = []
        self._enter()
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- signing out --------------------------------------------------------------------------

    def sign_out(self) -> bool:
        """Close the chart and every other window (asking about unsaved changes), then sign out; False
        if the user chose to stay."""
        if self._services.signed_in is None or not self._can_leave():
            return False
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not _is_popup(w)]
        for w in others:
            if w is not self.window and w is not self.lock_dialog and not w.close():
                return False
        self._services.sign_out()
        self._show_sign_in()
        return True

    def _idle_interval(self) -> int:
        if self._idle_ms is not None:
            return self._idle_ms
        return self._services.settings().idle_lock_minutes * MINUTE_MS

    def settings_changed(self) -> None:
        """The clinic settings were saved: the idle time may have changed."""
        self.idle.set_interval(self._idle_interval())


def _draft_keepers() -> list[DraftKeeper]:
    """The forms' draft keepers, in every window of the app, with an edit not yet written."""
    from cst_notes.ui.forms.draft_keeper import DraftKeeper

    return [k for w in QApplication.topLevelWidgets() for k in w.findChildren(DraftKeeper) if k.timer.isActive()]


def _is_popup(widget: QWidget) -> bool:
    return widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)
