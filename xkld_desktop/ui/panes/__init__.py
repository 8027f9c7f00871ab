"""The pages of the main window, one class per module, all built on :class:`~.base.Pane`."""
