"""``python -m xkld_desktop``: the same as the ``xkld-desktop`` command."""

from .cli import main

raise SystemExit(main())
