"""Property tests on generated, unseen listings (tests/generators.py): every shape, language,
code style and noise gives exactly the listed codes and messages, by both paths."""

from __future__ import annotations

import errcat
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from tests.generators import LANGUAGES, SHAPES, STYLES, Listing, listings, noise_pages

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def assert_exact(doc: Listing, cat: errcat.Catalog) -> None:
    """Recall and precision 1 on codes, and every listed message under its code."""
    where = (doc.shape, doc.language, doc.style)
    assert sorted(e.code for e in cat) == sorted(doc.codes), where
    for code, message in doc.entries:
        (entry,) = cat.lookup(code)
        assert message in entry.messages, (where, code, entry.messages)


@pytest.mark.parametrize("shape", SHAPES)
@SETTINGS
@given(data=st.data())
def test_every_shape_is_read_exactly(shape, data):
    doc = data.draw(listings(shape=shape, big=False, html=False))
    assert_exact(doc, errcat.extract(doc.text))


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@SETTINGS
@given(data=st.data())
def test_every_language_is_read_exactly(language, data):
    doc = data.draw(listings(language=language, big=False, html=False))
    assert_exact(doc, errcat.extract(doc.text))


@settings(SETTINGS, max_examples=60)
@given(doc=listings(big=True))
def test_inside_a_whole_api_page_both_paths_agree_and_are_exact(doc):
    fast = errcat.extract(doc.text)
    assert fast == errcat.extract(doc.text, fast=False)
    assert_exact(doc, fast)


@pytest.mark.parametrize("style", STYLES)
def test_the_generator_covers_every_style(style):
    # find() searches until a listing of this style turns up (or gives up: the test fails), so
    # a style the generator can no longer draw is caught without depending on one random run.
    doc = find(
        listings(big=False),
        lambda d: d.style == style,
        settings=settings(max_examples=2000, database=None),
    )
    assert doc.style == style


@settings(SETTINGS, max_examples=30)
@given(page=noise_pages())
def test_noise_alone_gives_no_code(page):
    assert len(errcat.extract(page)) == 0
    assert len(errcat.extract(page, fast=False)) == 0


@SETTINGS
@given(doc=listings(html=True))
def test_as_built_html_pages_both_paths_agree_and_are_exact(doc):
    fast = errcat.extract(doc.text)
    assert fast == errcat.extract(doc.text, fast=False)
    assert_exact(doc, fast)
