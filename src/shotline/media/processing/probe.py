"""Technical metadata of movies (PyAV) and stills (Pillow; OpenImageIO for TIFF/EXR/DPX).

Invariants:
- ``probe`` never decodes more than one frame of a movie; it reads headers, counts packets
  when the container does not state a frame count, and decodes the first frame to prove the
  codec is usable.
- The pixel cap applies to movies and stills alike (``MediaRejected``).
- ``fps`` is an exact fraction string ("24000/1001"); ``fps_float`` is for display only.
- A file that cannot be read raises ``CorruptMedia``; a readable file of a kind Shotline does
  not process raises ``UnsupportedMedia``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import av
import av.error
from av.video.reformatter import ColorPrimaries, Colorspace, ColorTrc
from PIL import Image
from pydantic import BaseModel, ConfigDict

from shotline.media import mime
from shotline.media.errors import CorruptMedia, UnsupportedMedia
from shotline.media.processing.images import (
    check_image_header,
    check_pixels,
    image_spec,
    is_scene_linear,
)

_PILLOW_BITS = {"1": 1, "I;16": 16, "I;16B": 16, "I;16L": 16, "I;16N": 16, "I": 32, "F": 32}


class TechnicalMetadata(BaseModel):
    """What Shotline knows about a media file's pictures and sound."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["movie", "image"]
    mime: str
    width: int
    height: int
    pixel_aspect: float = 1.0
    duration_seconds: float | None = None
    fps: str | None = None
    fps_float: float | None = None
    frame_count: int = 1
    codec: str | None = None
    pixel_format: str | None = None
    bit_depth: int | None = None
    channels: list[str] = []
    has_audio: bool = False
    audio_codec: str | None = None
    audio_sample_rate: int | None = None
    audio_channels: int | None = None
    colour_space: str | None = None
    colour_primaries: str | None = None
    transfer: str | None = None
    timecode: str | None = None


def fraction_string(rate: Fraction) -> str:
    """``24`` for whole rates, ``24000/1001`` otherwise."""
    return str(rate.numerator) if rate.denominator == 1 else f"{rate.numerator}/{rate.denominator}"


def _enum_name(enum: Any, value: int) -> str | None:
    try:
        name = str(enum(value).name).lower()
    except ValueError:
        return None
    return None if name in {"unspecified", "reserved", "reserved0"} else name


def open_movie(path: Path) -> Any:
    """Open a movie for reading, mapping PyAV failures to ``CorruptMedia``."""
    try:
        return av.open(str(path), metadata_errors="replace")
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        raise CorruptMedia("the movie could not be read: the file is damaged or truncated") from exc


def movie_rate(stream: Any) -> Fraction:
    """The frame rate of a video stream, or ``UnsupportedMedia`` when it has none."""
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        if rate:
            return Fraction(rate)
    raise UnsupportedMedia("the movie has no frame rate")


def count_video_packets(path: Path) -> int:
    """Frames in the first video stream, counted from packets (no decoding)."""
    with open_movie(path) as container:
        stream = container.streams.video[0]
        try:
            return sum(1 for packet in container.demux(stream) if packet.size)
        except av.error.FFmpegError as exc:
            raise CorruptMedia("the movie is damaged: its packets could not be read") from exc


def _timecode(container: Any) -> str | None:
    for source in (container.metadata, *(s.metadata for s in container.streams)):
        value = source.get("timecode")
        if value:
            return str(value)
    return None


def _probe_movie(path: Path, mime_type: str) -> TechnicalMetadata:
    with open_movie(path) as container:
        if not container.streams.video:
            raise UnsupportedMedia("the file has no video track")
        stream = container.streams.video[0]
        context = stream.codec_context
        if context is None:
            raise UnsupportedMedia("the movie's video codec is not supported")
        check_pixels(context.width, context.height)
        rate = movie_rate(stream)
        try:
            first = next(iter(container.decode(stream)), None)
        except av.error.FFmpegError as exc:
            raise CorruptMedia("the movie is damaged: its first frame cannot be decoded") from exc
        if first is None:
            raise CorruptMedia("the movie has no decodable frame")
        if stream.duration and stream.time_base:
            duration = float(stream.duration * stream.time_base)
        elif container.duration:
            duration = container.duration / av.time_base
        else:
            duration = None
        frames = stream.frames
        audio = container.streams.audio[0] if container.streams.audio else None
        fmt = context.format
        sar = stream.sample_aspect_ratio
        meta = TechnicalMetadata(
            kind="movie",
            mime=mime_type,
            width=context.width,
            height=context.height,
            pixel_aspect=float(sar) if sar else 1.0,
            fps=fraction_string(rate),
            fps_float=round(float(rate), 6),
            frame_count=frames,
            duration_seconds=duration,
            codec=context.name,
            pixel_format=fmt.name if fmt is not None else None,
            bit_depth=max((c.bits for c in fmt.components), default=None) if fmt else None,
            has_audio=audio is not None,
            audio_codec=audio.codec_context.name if audio is not None else None,
            audio_sample_rate=audio.rate if audio is not None else None,
            audio_channels=audio.channels if audio is not None else None,
            colour_space=_enum_name(Colorspace, context.colorspace),
            colour_primaries=_enum_name(ColorPrimaries, context.color_primaries),
            transfer=_enum_name(ColorTrc, context.color_trc),
            timecode=_timecode(container),
        )
    if not frames:
        count = count_video_packets(path)
        duration = meta.duration_seconds or count / float(rate)
        meta = meta.model_copy(update={"frame_count": count, "duration_seconds": duration})
    return meta


def _probe_pillow(path: Path, mime_type: str) -> TechnicalMetadata:
    check_image_header(path, mime_type)
    try:
        with Image.open(path) as image:
            frames = int(getattr(image, "n_frames", 1))
            duration_ms = image.info.get("duration") if frames > 1 else None
            return TechnicalMetadata(
                kind="image",
                mime=mime_type,
                width=image.width,
                height=image.height,
                frame_count=frames,
                duration_seconds=(duration_ms * frames / 1000.0) if duration_ms else None,
                codec=(image.format or "").lower() or None,
                pixel_format=image.mode,
                bit_depth=_PILLOW_BITS.get(image.mode, 8),
                channels=list(image.getbands()),
                colour_space="icc" if image.info.get("icc_profile") else "srgb",
            )
    except (OSError, SyntaxError, ValueError) as exc:
        raise CorruptMedia("the image could not be read: the file is damaged or truncated") from exc


def _probe_oiio(path: Path, mime_type: str) -> TechnicalMetadata:
    spec = image_spec(path)
    colour_space = str(spec.get_string_attribute("oiio:ColorSpace")) or None
    if colour_space is None and is_scene_linear(spec):
        colour_space = "scene_linear"
    timecode = spec.getattribute("smpte:TimeCode")
    return TechnicalMetadata(
        kind="image",
        mime=mime_type,
        width=spec.width,
        height=spec.height,
        pixel_aspect=float(spec.get_float_attribute("PixelAspectRatio", 1.0)),
        codec=str(spec.get_string_attribute("compression")) or None,
        pixel_format=str(spec.format),
        bit_depth=int(spec.get_int_attribute("oiio:BitsPerSample", spec.format.size() * 8)),
        channels=[str(name) for name in spec.channelnames],
        colour_space=colour_space,
        transfer="linear" if is_scene_linear(spec) else None,
        timecode=timecode if isinstance(timecode, str) and timecode else None,
    )


def probe(path: Path, mime_type: str) -> TechnicalMetadata:
    """Technical metadata of the file at ``path`` whose detected type is ``mime_type``."""
    if mime_type in mime.MOVIE_TYPES:
        return _probe_movie(path, mime_type)
    if mime_type in mime.PILLOW_IMAGE_TYPES:
        return _probe_pillow(path, mime_type)
    if mime_type in mime.OIIO_IMAGE_TYPES:
        return _probe_oiio(path, mime_type)
    raise UnsupportedMedia(f"files of type {mime_type} have no technical metadata")
