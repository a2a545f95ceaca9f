"""Plan > RAG rule…: the thresholds of the plan's calculated RAG and its workstream roll-up.

Saving hands the rule to a callback (the action group writes it through the service, in
one audited transaction); a rule the service refuses shows its message here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from tracker.rag_rule import DEFAULT_RULE, ROLL_UP_LABELS, ROLL_UPS, RagRule

# Field, label (with its Alt+letter), suffix and upper bound.
_THRESHOLDS = (
    ("red_days_late", "&Red when more than", " days past due", 3650),
    ("red_points_behind", "Red when more than", " points behind", 100),
    ("amber_points_behind", "&Amber from", " points behind", 100),
    ("amber_due_within_days", "Amber when due &within", " days", 3650),
    ("amber_percent_below", "… and under", " % complete", 100),
)


class RagRuleDialog(QDialog):
    def __init__(
        self,
        plan_name: str,
        rule: RagRule,
        save: Callable[[RagRule], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ragRuleDialog")
        self.setWindowTitle(f"RAG rule: {plan_name}")
        self._save = save
        layout = QFormLayout(self)
        intro = QLabel(
            "The calculated RAG sits beside the RAG leads declare. It is worked out from each "
            "action's dates and % complete; progress is expected on a straight line from the "
            "start date to the (revised) due date.",
            self,
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.spins: dict[str, QSpinBox] = {}
        for name, label, suffix, top in _THRESHOLDS:
            spin = QSpinBox(self)
            spin.setObjectName(f"rule_{name}")
            spin.setRange(0, top)
            spin.setSuffix(suffix)
            spin.setValue(getattr(rule, name))
            spin.setAccessibleName(label.replace("&", "") + suffix)
            self.spins[name] = spin
            layout.addRow(label, spin)
        self.roll_up = QComboBox(self)
        self.roll_up.setObjectName("rule_roll_up")
        self.roll_up.setAccessibleName("Workstream roll-up")
        for key in ROLL_UPS:
            self.roll_up.addItem(ROLL_UP_LABELS[key].capitalize(), key)
        self.roll_up.setCurrentIndex(max(self.roll_up.findData(rule.roll_up), 0))
        layout.addRow("Workstream r&oll-up", self.roll_up)
        self.summary = QLabel(self)
        self.summary.setObjectName("ragRuleSummary")
        self.summary.setWordWrap(True)
        layout.addRow(self.summary)
        self.error = QLabel(self)
        self.error.setObjectName("ragRuleError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9b1c1c;")
        self.error.hide()
        layout.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(lambda: self.show_rule(DEFAULT_RULE))
        layout.addRow(self.buttons)
        for spin in self.spins.values():
            spin.valueChanged.connect(lambda _v: self._describe())
        self.roll_up.currentIndexChanged.connect(lambda _i: self._describe())
        self._describe()
        self.resize(520, self.sizeHint().height())

    def rule(self) -> RagRule:
        values = {name: spin.value() for name, spin in self.spins.items()}
        return RagRule(**values, roll_up=self.roll_up.currentData())

    def show_rule(self, rule: RagRule) -> None:
        for field in fields(RagRule):
            if field.name in self.spins:
                self.spins[field.name].setValue(getattr(rule, field.name))
        self.roll_up.setCurrentIndex(max(self.roll_up.findData(rule.roll_up), 0))

    def _describe(self) -> None:
        rule = self.rule()
        problems = rule.problems()
        self.summary.setText(rule.describe() if not problems else "")
        self.error.setText("; ".join(problems).capitalize() + "." if problems else "")
        self.error.setVisible(bool(problems))

    def accept(self) -> None:
        error = self._save(self.rule())
        if error:
            self.error.setText(error)
            self.error.show()
            return
        super().accept()
