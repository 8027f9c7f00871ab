"""The Qt layer: main window, panes, dialogs, background tasks. Only this package imports Qt.

Modules here import services, domain and config — never the store, SQLAlchemy or SQLModel —
and import services lazily (inside functions), so the first window shows before the ~0.5 s
that ``import sqlmodel`` costs.
"""
