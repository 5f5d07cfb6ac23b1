"""Shotline: production tracking, review and asset management for studios."""

__version__ = "0.1.0"
