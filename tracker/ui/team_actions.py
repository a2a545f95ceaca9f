"""File > Connect to team database…: open the team's PostgreSQL database in the window.

The address (server, port, database, user) is remembered for next time, never the
password.
"""

from __future__ import annotations

from tracker.ui.action_group import ActionGroup, main_action
from tracker.ui.dialogs.connect_team_dialog import DEFAULT_PORT, ConnectTeamDialog, TeamAddress
from tracker.ui.main_actions import Availability, MainAction
from tracker.ui.session import WhenEmpty

_LAST_ADDRESS = "team/lastAddress"  # host, port, database, user


class TeamActions(ActionGroup):
    @main_action(
        MainAction.CONNECT_TEAM_DATABASE,
        "Connect to &team database…",
        tip="Open the plan your team shares on a PostgreSQL server",
        available=Availability.IDLE,
    )
    def connect_team_database(self) -> None:
        context = self.context
        address = ConnectTeamDialog.ask(self._last_address(), context.parent)
        if address is None:
            return
        store = context.settings.store
        store.setValue(
            _LAST_ADDRESS, [address.host, str(address.port), address.database, address.user]
        )
        context.open_database(address.url(), WhenEmpty.OFFER)

    def _last_address(self) -> TeamAddress | None:
        value = self.context.settings.store.value(_LAST_ADDRESS)
        if not isinstance(value, list) or len(value) != 4:
            return None
        host, port, database, user = (str(v) for v in value)
        return TeamAddress(host, int(port) if port.isdigit() else DEFAULT_PORT, database, user)
