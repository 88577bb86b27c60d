"""Breach Desk: assess personal-data breaches, keep the register, track the recommendations."""

__version__ = "0.1.0"
