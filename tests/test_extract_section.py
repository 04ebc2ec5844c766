"""The reading position: what it answers must follow every heading and title change."""

from __future__ import annotations

import pytest
from errcat.extract.blocks import Block
from errcat.extract.read.section import ExtractOptions, Section


def answers(section: Section) -> tuple[str, bool, bool, bool]:
    return section.surface, section.error_context, section.within_errors, section.pinned_out


def test_answers_follow_headings():
    section = Section()
    section.enter_heading(1, "Exchange API")
    assert answers(section) == ("rest", False, False, False)
    section.enter_heading(2, "WebSocket Error Codes")
    assert answers(section) == ("websocket", True, True, False)
    section.enter_heading(3, "Order errors")
    assert answers(section) == ("websocket", True, True, False)  # still under the outer heading
    section.enter_heading(3, "Limits")
    assert answers(section) == ("websocket", False, True, False)  # only the innermost is context
    section.enter_heading(2, "Market data")  # closes both the level-2 and level-3 headings
    assert section.headings == ((1, "Exchange API"), (2, "Market data"))
    assert answers(section) == ("rest", False, False, False)


def test_answers_follow_title_lines_and_table_titles():
    section = Section()
    section.enter_heading(2, "Reference")
    assert section.error_context is False
    section.observe(Block("paragraph", text="Some introduction.\nWebSocket API Error Code"))
    assert section.title == "WebSocket API Error Code"
    assert (section.surface, section.error_context, section.within_errors) == (
        "websocket",
        True,
        True,
    )
    section.set_title("Trading (4010xx)")  # a title row inside a table
    assert (section.group, section.surface, section.error_context) == (
        "Trading (4010xx)",
        "rest",
        False,
    )
    section.title = None
    assert section.group is None
    assert section.heading == "Reference"


def test_pins_follow_the_position():
    section = Section(ExtractOptions(sections=("^CxlRejReason",)))
    section.enter_heading(2, "Order types")
    assert section.pinned_out is True
    section.enter_heading(3, "CxlRejReason values")
    assert section.pinned_out is False
    section.enter_heading(2, "Something else")
    assert section.pinned_out is True


def test_custom_websocket_pattern():
    section = Section(ExtractOptions(websocket_pattern=r"\bstream\b"))
    section.enter_heading(2, "Stream errors")
    assert section.surface == "websocket"
    section.enter_heading(2, "WebSocket errors")  # the default pattern no longer applies
    assert section.surface == "rest"


def test_invisible_characters_leave_heading_titles():
    section = Section()
    section.enter_heading(2, "Error\u200b Codes\ufeff")
    assert section.title == "Error Codes"
    assert section.error_context is True


def test_a_heading_anchor_names_the_surface():
    section = Section()
    section.enter_heading(2, "Public 🔗", ("errors-rest-public",))
    assert section.surface == "rest"
    section.enter_heading(2, "Public 🔗", ("errors-websocket-public",))
    assert section.surface == "websocket"
    section.enter_heading(3, "General")  # the enclosing heading's anchor still counts
    assert section.surface == "websocket"
    section.enter_heading(2, "Account", ("errors_ws.account",))
    assert section.surface == "websocket"
    section.enter_heading(2, "News", ("news",))  # "ws" inside a word is no WebSocket
    assert section.surface == "rest"


def test_streams_are_websocket_by_default():
    # a "Streaming API" section's codes were filed as rest
    for title, surface in (
        ("Streaming API", "websocket"),
        ("Market streams", "websocket"),
        ("WSS errors", "websocket"),
        ("User data stream endpoints", "rest"),  # the REST endpoints that open a stream
        ("Upstream errors", "rest"),
    ):
        section = Section()
        section.enter_heading(2, title)
        assert section.surface == surface, title


@pytest.mark.parametrize(
    ("path", "surface"),
    [
        # the innermost title that names one surface decides (an invented Confluence page)
        (["Error codes (REST and WebSocket)", "REST API"], "rest"),
        (["Error codes (REST and WebSocket)", "WebSocket gateway"], "websocket"),
        (["WebSocket API", "REST fallback errors"], "rest"),
        (["Error codes (REST and WebSocket)"], "rest"),  # both: neither
        (["WebSocket API", "The rest of the codes"], "websocket"),  # "the rest of" is no REST
        (["Streams", "Errors"], "websocket"),
    ],
)
def test_the_innermost_title_naming_a_surface_decides(path, surface):
    section = Section()
    for level, title in enumerate(path, start=1):
        section.enter_heading(level, title)
    assert section.surface == surface
