"""The tests, a package so that `tests.helpers` is imported like any module."""
