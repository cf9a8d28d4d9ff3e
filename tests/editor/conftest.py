"""The browser tests' fixtures (tests/editor/browser.py): the dataset, the editor serving it, the page."""

from tests.editor.browser import dataset, editor, page  # noqa: F401  (fixtures, found here by pytest)
