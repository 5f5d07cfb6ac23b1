"""The annotation drawn on a version note: vector shapes in source-frame pixel coordinates.

`(0, 0)` is the top-left pixel corner of the source frame (the original media, not the
proxy), x to the right, y down; the player scales by `display / source` size. Limits keep a
single note small: at most `MAX_SHAPES` shapes, `MAX_POINTS_PER_PEN` points in one pen
stroke, `MAX_POINTS` points in all.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shotline.types import HexColor

MAX_SHAPES = 200
MAX_POINTS_PER_PEN = 5_000
MAX_POINTS = 20_000
MAX_COORD = 100_000.0

Coord = Annotated[float, Field(ge=-MAX_COORD, le=MAX_COORD, allow_inf_nan=False)]
Size = Annotated[float, Field(ge=0, le=MAX_COORD, allow_inf_nan=False)]
Point = tuple[Coord, Coord]
StrokeWidth = Annotated[float, Field(gt=0, le=500, allow_inf_nan=False)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")

    color: HexColor = Field(description="`#RRGGBB`")
    stroke_width: StrokeWidth = 4.0


class PenShape(_Shape):
    type: Literal["pen"]
    points: Annotated[list[Point], Field(min_length=1, max_length=MAX_POINTS_PER_PEN)]


class ArrowShape(_Shape):
    type: Literal["arrow"]
    start: Point
    end: Point


class RectShape(_Shape):
    type: Literal["rect"]
    x: Coord
    y: Coord
    width: Size
    height: Size


class EllipseShape(_Shape):
    type: Literal["ellipse"]
    cx: Coord
    cy: Coord
    rx: Size
    ry: Size


class TextShape(_Shape):
    type: Literal["text"]
    x: Coord
    y: Coord
    text: Annotated[str, StringConstraints(min_length=1, max_length=1_000)]
    font_size: Annotated[float, Field(gt=0, le=2_000, allow_inf_nan=False)] = 32.0


Shape = Annotated[
    PenShape | ArrowShape | RectShape | EllipseShape | TextShape, Field(discriminator="type")
]


class Annotation(BaseModel):
    """A drawing on one frame (or a frame range) of a version."""

    model_config = ConfigDict(extra="forbid")

    shapes: Annotated[list[Shape], Field(min_length=1, max_length=MAX_SHAPES)]

    @model_validator(mode="after")
    def _total_points(self) -> Annotation:
        total = sum(len(s.points) for s in self.shapes if isinstance(s, PenShape))
        if total > MAX_POINTS:
            raise ValueError(f"at most {MAX_POINTS} points in all shapes, got {total}")
        return self
