"""The packaged app's program: the ``tracker`` command, or the workbook reader's child.

A frozen app has no Python to run ``calamine_child.py`` with, so the import starts this
same program again with :data:`~tracker.importing.calamine_child.CHILD_FLAG` first; that
start imports only the reader (not Qt, not the database layer) and so stays quick.
"""

import sys

from tracker.importing.calamine_child import CHILD_FLAG

if len(sys.argv) > 1 and sys.argv[1] == CHILD_FLAG:
    from tracker.importing import calamine_child

    sys.exit(calamine_child.main(sys.argv[2:]))

from tracker.cli import main  # only once we know this is not the child

sys.exit(main())
