"""Thumbnails and filmstrips from generated movies, stills and EXRs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from media_samples import (
    make_dpx,
    make_exr,
    make_movie,
    make_still,
    png_header_only,
    read_frame_number,
    truncate,
)
from PIL import Image

from shotline.media import mime
from shotline.media.errors import CorruptMedia, MediaRejected, UnsupportedMedia
from shotline.media.processing.images import linear_to_srgb, read_display_rgb, to_uint8
from shotline.media.processing.renditions import Rendition
from shotline.media.processing.thumbnails import filmstrip_frames, make_filmstrip, make_thumbnails

pytestmark = pytest.mark.unit


def sizes(renditions: list[Rendition]) -> list[tuple[str, int, int]]:
    result = []
    for r in renditions:
        with Image.open(r.path) as image:
            assert image.format == "JPEG"
            assert image.size == (r.width, r.height)
        result.append((r.kind, r.width, r.height))
    return result


def test_still_thumbnails(tmp_path: Path) -> None:
    src = make_still(tmp_path / "wide.png", "PNG", width=800, height=450)
    renditions = make_thumbnails(src, mime.PNG, tmp_path / "out")
    assert sizes(renditions) == [
        ("thumbnail_small", 150, 84),
        ("thumbnail_medium", 300, 169),
        ("thumbnail_large", 600, 338),
    ]
    assert [r.path.name for r in renditions] == [
        "thumb_small.jpg",
        "thumb_medium.jpg",
        "thumb_large.jpg",
    ]


def test_small_still_is_not_upscaled(tmp_path: Path) -> None:
    src = make_still(tmp_path / "s.jpg", "JPEG", width=40, height=30)
    assert [(w, h) for _, w, h in sizes(make_thumbnails(src, mime.JPEG, tmp_path))] == [
        (40, 30)
    ] * 3


def test_movie_thumbnail_is_the_middle_frame(tmp_path: Path) -> None:
    src = make_movie(tmp_path / "m.mp4", width=320, height=240, frames=48, audio=False)
    renditions = make_thumbnails(src, mime.MP4, tmp_path / "t")
    assert sizes(renditions) == [
        ("thumbnail_small", 150, 113),
        ("thumbnail_medium", 300, 225),
        ("thumbnail_large", 320, 240),
    ]
    with Image.open(renditions[-1].path) as image:
        assert read_frame_number(np.asarray(image.convert("RGB"))) == 24


def test_exr_thumbnail_is_tone_mapped(tmp_path: Path) -> None:
    src = make_exr(tmp_path / "e.exr", (4.0, 0.18, -1.0))
    (small, _, _) = make_thumbnails(src, mime.EXR, tmp_path / "t")
    with Image.open(small.path) as image:
        red, green, blue = np.asarray(image.convert("RGB"))[8, 16].astype(int)
    assert red >= 250  # highlight clamps to white
    assert abs(green - 118) <= 4  # sRGB(0.18) = 0.461
    assert blue <= 5  # negative clamps to black


def test_srgb_transform_exact() -> None:
    values = np.array(
        [[[np.nan, -1.0, 0.0], [0.0031308, 0.18, 1.0], [4.0, np.inf, 0.5]]], np.float32
    )
    assert to_uint8(linear_to_srgb(values)).tolist() == [
        [[0, 0, 0], [10, 118, 255], [255, 255, 188]]
    ]


def test_dpx_reads_as_display(tmp_path: Path) -> None:
    rgb = read_display_rgb(make_dpx(tmp_path / "d.dpx"), mime.DPX)
    assert rgb.shape == (20, 40, 3)
    assert rgb[0, 0].tolist() == [0, 0, 0]
    assert rgb[0, -1].tolist() == [255, 255, 255]


def test_truncated_png_is_corrupt(tmp_path: Path) -> None:
    src = truncate(make_still(tmp_path / "t.png", "PNG", width=300, height=200), 0.5)
    with pytest.raises(CorruptMedia, match="damaged or truncated"):
        make_thumbnails(src, mime.PNG, tmp_path / "t")


def test_pixel_bomb_is_rejected(tmp_path: Path) -> None:
    src = png_header_only(tmp_path / "bomb.png", 50_000, 50_000)
    with pytest.raises(MediaRejected, match="400 megapixels"):
        make_thumbnails(src, mime.PNG, tmp_path / "t")


def test_filmstrip_tiles_show_the_right_frames(tmp_path: Path) -> None:
    src = make_movie(tmp_path / "m.mp4", frames=48, audio=False)
    out = tmp_path / "strip.jpg"
    rendition = make_filmstrip(src, mime.MP4, out, frames=6, tile_width=80)
    assert (rendition.kind, rendition.width, rendition.height) == ("filmstrip", 480, 60)
    assert (rendition.tiles, rendition.frame_count) == (6, 48)
    expected = filmstrip_frames(48, 6)
    assert expected == [4, 12, 20, 28, 36, 44]
    with Image.open(out) as image:
        strip = np.asarray(image.convert("RGB"))
    tiles = [strip[:, i * 80 : (i + 1) * 80] for i in range(6)]
    assert [read_frame_number(tile) for tile in tiles] == expected


def test_filmstrip_of_short_movie_and_defaults(tmp_path: Path) -> None:
    src = make_movie(tmp_path / "m.mp4", frames=5, audio=True)
    rendition = make_filmstrip(src, mime.MP4, tmp_path / "s.jpg")
    assert (rendition.tiles, rendition.width, rendition.height) == (5, 800, 120)
    assert filmstrip_frames(5, 20) == [0, 1, 2, 3, 4]


def test_filmstrip_refuses_stills(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedMedia):
        make_filmstrip(tmp_path / "x.png", mime.PNG, tmp_path / "s.jpg")


@pytest.mark.parametrize(
    ("channels", "expected"),
    [
        (("Y",), [188, 188, 188]),  # luminance only: grey
        (("Z",), [188, 188, 188]),  # a depth pass: shown as grey
        (("B", "G", "R"), [0, 188, 255]),  # channels picked by name, not position
        (("U", "V"), [188, 188, 188]),  # unknown names: first channel as grey
    ],
)
def test_exr_with_odd_channels(
    tmp_path: Path, channels: tuple[str, ...], expected: list[int]
) -> None:
    import OpenImageIO as oiio

    spec = oiio.ImageSpec(8, 4, len(channels), "float")
    spec.channelnames = channels
    values = {"Y": 0.5, "Z": 0.5, "U": 0.5, "V": 0.9, "R": 0.0, "G": 0.5, "B": 2.0}
    pixels = np.zeros((4, 8, len(channels)), np.float32)
    for index, name in enumerate(channels):
        pixels[:, :, index] = values[name]
    buf = oiio.ImageBuf(spec)
    buf.set_pixels(oiio.ROI(), pixels)
    assert buf.write(str(tmp_path / "odd.exr"))
    rgb = read_display_rgb(tmp_path / "odd.exr", mime.EXR)
    assert rgb[0, 0].tolist() == expected
    assert len(make_thumbnails(tmp_path / "odd.exr", mime.EXR, tmp_path / "t")) == 3
