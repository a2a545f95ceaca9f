"""Welcome: one dialog for a first start, instead of a name prompt and an import offer
stacked on top of each other.

It asks the user's name (which signs their updates and picks out "My actions") when none
is set yet, and, when the database holds no plan, how to begin: load the 2018 plan that
comes with the tracker, import a plan from a workbook, or start empty. Either part is left
out when it is not needed.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tracker.ui.settings import Settings


class StartWith(Enum):
    """How to begin with an empty database."""

    ORIGINAL_PLAN = "Load the original 2018 action plan that comes with the tracker"
    IMPORT_PLAN = "Import an action plan from a workbook (Excel or LibreOffice)…"
    EMPTY = "Start with an empty database"
    AS_IS = ""  # the database already holds a plan: nothing to choose


class WelcomeDialog(QDialog):
    """``chosen(StartWith)`` when the person presses Start (the name is saved by then)."""

    chosen = Signal(object)

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        ask_name: bool,
        offer_plan: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.settings = settings
        self.ask_name = ask_name
        self.offer_plan = offer_plan
        self.setWindowTitle("Welcome" if ask_name else "An empty database")
        layout = QVBoxLayout(self)
        if ask_name:
            intro = QLabel(
                "<b>Welcome to the action-plan tracker.</b> Your name signs the progress "
                "updates you record and picks out your actions for “My actions”. Write it "
                "as it appears in the plan's Lead column.",
                self,
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        self.name = QLineEdit(settings.user_name, self)
        self.name.setObjectName("userName")
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Pip Mayo")
        name_row = QFormLayout()
        name_row.addRow("Your &name", self.name)
        layout.addLayout(name_row)
        self.name.setVisible(ask_name)
        name_row.labelForField(self.name).setVisible(ask_name)

        self.choices = QButtonGroup(self)
        self.plan_box = QGroupBox(
            "This database holds no plan yet. Start with:" if offer_plan else "", self
        )
        self.plan_box.setObjectName("startWith")
        box_layout = QVBoxLayout(self.plan_box)
        self.options: dict[StartWith, QRadioButton] = {}
        for choice in (StartWith.ORIGINAL_PLAN, StartWith.IMPORT_PLAN, StartWith.EMPTY):
            button = QRadioButton(choice.value, self.plan_box)
            button.setObjectName(f"startWith{choice.name.title().replace('_', '')}")
            self.choices.addButton(button)
            box_layout.addWidget(button)
            self.options[choice] = button
        self.options[StartWith.ORIGINAL_PLAN].setChecked(True)
        self.plan_box.setVisible(offer_plan)
        layout.addWidget(self.plan_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.start = self.buttons.addButton("&Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("welcomeStart")
        self.start.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        # Settle the layout's minimum size now, before the dialog has a window of its own:
        # set later, it is a size hint the window system is told of (and which Qt's
        # offscreen platform, used on servers, reports on stderr that it cannot take).
        layout.activate()
        self.resize(480, self.sizeHint().height())

    def choice(self) -> StartWith:
        if not self.offer_plan:
            return StartWith.AS_IS
        return next(c for c, button in self.options.items() if button.isChecked())

    def _check(self) -> None:
        self.start.setEnabled(not self.ask_name or bool(self.name.text().strip()))

    def accept(self) -> None:
        if self.ask_name:
            if not self.name.text().strip():
                return
            self.settings.user_name = self.name.text()
        super().accept()
        self.chosen.emit(self.choice())
