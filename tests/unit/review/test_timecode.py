"""SMPTE timecode: known labels, and frame → timecode → frame round trips at every rate."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shotline.review.timecode import (
    frame_seek_seconds,
    frame_to_timecode,
    frames_per_day,
    is_drop_frame,
    parse_rate,
    seconds_to_frame,
    timecode_to_frame,
)

pytestmark = pytest.mark.unit

RATES = [
    Fraction(24000, 1001),
    Fraction(24),
    Fraction(25),
    Fraction(30000, 1001),
    Fraction(30),
    Fraction(48),
    Fraction(50),
    Fraction(60000, 1001),
    Fraction(60),
]


@pytest.mark.parametrize(
    ("rate", "frame", "label"),
    [
        (Fraction(24), 0, "00:00:00:00"),
        (Fraction(24), 86_399, "00:59:59:23"),
        (Fraction(25), 90_000, "01:00:00:00"),
        (Fraction(24000, 1001), 86_400, "01:00:00:00"),
        (Fraction(30000, 1001), 1799, "00:00:59;29"),
        (Fraction(30000, 1001), 1800, "00:01:00;02"),
        (Fraction(30000, 1001), 17_982, "00:10:00;00"),
        (Fraction(30000, 1001), 107_892, "01:00:00;00"),
        (Fraction(60000, 1001), 3600, "00:01:00;04"),
        (Fraction(60000, 1001), 215_784, "01:00:00;00"),
    ],
)
def test_known_labels(rate: Fraction, frame: int, label: str) -> None:
    assert frame_to_timecode(frame, rate) == label
    assert timecode_to_frame(label, rate) == frame


@pytest.mark.parametrize("rate", RATES)
def test_every_frame_of_the_first_eleven_minutes_round_trips(rate: Fraction) -> None:
    labels = set()
    for frame in range(0, int(rate * 660), 1 if is_drop_frame(rate) else 7):
        label = frame_to_timecode(frame, rate)
        assert timecode_to_frame(label, rate) == frame
        labels.add(label)
    assert len(labels) == len(range(0, int(rate * 660), 1 if is_drop_frame(rate) else 7))


@settings(max_examples=300, deadline=None)
@given(rate=st.sampled_from(RATES), data=st.data())
def test_round_trip_anywhere_in_the_day(rate: Fraction, data: st.DataObject) -> None:
    frame = data.draw(st.integers(0, frames_per_day(rate, is_drop_frame(rate)) - 1))
    assert timecode_to_frame(frame_to_timecode(frame, rate), rate) == frame
    assert seconds_to_frame(frame_seek_seconds(frame, rate), rate) == frame


def test_skipped_drop_frame_labels_and_rate_parsing() -> None:
    with pytest.raises(ValueError, match="skipped"):
        timecode_to_frame("00:01:00;00", Fraction(30000, 1001))
    assert parse_rate(23.976) == Fraction(24000, 1001)
    assert parse_rate(29.97) == Fraction(30000, 1001)
    assert parse_rate("25") == Fraction(25)
