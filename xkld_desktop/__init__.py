"""XKLĐ Desktop — records of workers going abroad on fixed-term contracts, kept at the commune."""

__version__ = "0.1.0"
APP_NAME = "XKLĐ Desktop"
APP_ID = "xkld-desktop"
ORG_NAME = "XKLD"
