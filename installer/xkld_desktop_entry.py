"""What the bundled executables run: the ``xkld-desktop`` command (window without arguments)."""

from xkld_desktop.cli import main

raise SystemExit(main())
