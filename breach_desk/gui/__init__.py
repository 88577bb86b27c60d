"""The desktop app: the only package that imports PySide6.

PySide6 6.12.0 is excluded in pyproject.toml: under Python 3.11 it drops a reference to None on
every void Qt call and the interpreter aborts after a few thousand calls
(tests/gui/test_qt_binding.py guards against a release with that defect coming back).
"""
