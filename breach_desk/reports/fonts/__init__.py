"""Fonts embedded in the PDFs (package data, read with importlib.resources); see the licences."""
