"""Web-playable proxies: H.264 (libx264, yuv420p, BT.709) + AAC in MP4 with fast start.

Invariants:
- Frame-accurate: proxy frame ``N`` is source frame ``N``. Every decoded source frame is
  encoded once, with ``pts = N`` in a ``1/fps`` time base at the source's exact frame rate
  (a ``Fraction``, e.g. 24000/1001); nothing is dropped or duplicated.
- If the source states a frame count and fewer frames decode, the proxy fails with
  ``CorruptMedia`` instead of silently being short.
- Width and height are even, at most ``max_width`` wide, never upscaled; non-square source
  pixels are made square.
- ``movflags=+faststart``: the ``moov`` atom precedes ``mdat`` so browsers play at once.
- Audio is re-encoded to AAC stereo 48 kHz when the source has it; no audio track is fine.
- Image sequences: each frame is read as display sRGB (OpenImageIO for EXR/DPX/TIFF, linear
  values clamped then sRGB-encoded), missing frames (``None``) repeat the previous frame so
  that numbering still matches ``first + N``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import av.error
from av.video.reformatter import ColorPrimaries, ColorRange, Colorspace, ColorTrc

from shotline.media import mime
from shotline.media.errors import CorruptMedia, UnsupportedMedia
from shotline.media.processing.detect import detect_mime
from shotline.media.processing.images import RGB8, check_pixels, read_display_rgb
from shotline.media.processing.movies import display_size, video_stream
from shotline.media.processing.probe import fraction_string, movie_rate, open_movie
from shotline.media.processing.renditions import Rendition, even_size

X264_OPTIONS = {"preset": "veryfast", "crf": "20", "profile": "high"}
AUDIO_RATE = 48_000


def _open_output(
    out_path: Path, rate: Fraction, width: int, height: int, x264: dict[str, str] | None = None
) -> tuple[Any, Any]:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    output = av.open(str(out_path), "w", format="mp4", options={"movflags": "+faststart"})
    video = output.add_stream("libx264", rate=rate)
    video.width, video.height, video.pix_fmt = width, height, "yuv420p"
    video.time_base = 1 / rate
    video.options = dict(x264 or X264_OPTIONS)
    context = video.codec_context
    context.gop_size = max(1, round(rate))
    context.colorspace = Colorspace.ITU709
    context.color_primaries = ColorPrimaries.BT709
    context.color_trc = ColorTrc.BT709
    context.color_range = ColorRange.MPEG
    return output, video


def _to_yuv(frame: Any, width: int, height: int) -> Any:
    source_space = frame.colorspace if frame.colorspace != 2 else Colorspace.ITU709  # 2: unset
    return frame.reformat(
        width,
        height,
        "yuv420p",
        src_colorspace=None if frame.format.is_rgb else source_space,
        dst_colorspace=Colorspace.ITU709,
        dst_color_range=ColorRange.MPEG,
        interpolation="AREA",
    )


class _VideoSink:
    """Encodes frames with consecutive pts into the proxy's video stream."""

    def __init__(self, output: Any, stream: Any, rate: Fraction, width: int, height: int) -> None:
        self.output, self.stream = output, stream
        self.time_base = 1 / rate  # fixed: the muxer changes the stream's own time base
        self.width, self.height = width, height
        self.count = 0

    def write(self, frame: Any) -> None:
        picture = _to_yuv(frame, self.width, self.height)
        picture.pts = self.count
        picture.time_base = self.time_base
        self.output.mux(self.stream.encode(picture))
        self.count += 1

    def close(self) -> None:
        self.output.mux(self.stream.encode(None))


Picture = Callable[[Any, int, int], Any]
"""Makes the frame to encode from a decoded frame and the output's width and height."""


def make_proxy(src: Path, mime_type: str, out_path: Path, *, max_width: int = 1920) -> Rendition:
    """Encode a movie to a frame-accurate H.264/AAC MP4 at ``out_path``."""
    return transcode_movie(src, mime_type, out_path, max_width=max_width)


def transcode_movie(
    src: Path,
    mime_type: str,
    out_path: Path,
    *,
    max_width: int,
    x264: dict[str, str] | None = None,
    picture: Picture | None = None,
) -> Rendition:
    """Encode every frame of a movie (changed by ``picture`` when given) to an H.264/AAC MP4
    with the invariants of proxies."""
    if mime_type not in mime.MOVIE_TYPES:
        raise UnsupportedMedia(f"proxies are made from movies, not {mime_type}")
    with open_movie(src) as source:
        vin = video_stream(source)
        vin.thread_type = "AUTO"
        rate = movie_rate(vin)
        check_pixels(vin.codec_context.width, vin.codec_context.height)
        width, height = even_size(*display_size(vin), max_width)
        ain = source.streams.audio[0] if source.streams.audio else None
        expected = int(vin.frames or 0)
        start = Fraction(vin.start_time or 0) * Fraction(vin.time_base)
        output, vout = _open_output(out_path, rate, width, height, x264)
        try:
            with output:
                sink = _VideoSink(output, vout, rate, width, height)
                aout = None
                if ain is not None:
                    aout = output.add_stream("aac", rate=AUDIO_RATE)
                    aout.layout = "stereo"
                streams = [vin] if ain is None else [vin, ain]
                for packet in source.demux(*streams):
                    for frame in packet.decode():
                        if packet.stream is vin:
                            sink.write(frame if picture is None else picture(frame, width, height))
                        elif aout is not None:
                            _write_audio(output, aout, frame, start)
                sink.close()
                if aout is not None:
                    output.mux(aout.encode(None))
        except av.error.FFmpegError as exc:
            out_path.unlink(missing_ok=True)
            raise CorruptMedia("the movie is damaged: it could not be decoded to the end") from exc
        if expected and sink.count < expected:
            out_path.unlink(missing_ok=True)
            raise CorruptMedia(
                f"the movie is truncated or damaged: {sink.count} of {expected} frames decode"
            )
        if sink.count == 0:
            out_path.unlink(missing_ok=True)
            raise CorruptMedia("the movie has no decodable frame")
    return Rendition(
        "proxy",
        out_path,
        mime.MP4,
        width,
        height,
        frame_count=sink.count,
        fps=fraction_string(rate),
    )


def _write_audio(output: Any, stream: Any, frame: Any, video_start: Fraction) -> None:
    """Encode one audio frame, shifted so that audio stays in sync with video frame 0."""
    if frame.pts is None or frame.time_base is None:
        return
    shift = int(video_start / Fraction(frame.time_base))
    if frame.pts - shift < 0:
        return
    frame.pts -= shift
    output.mux(stream.encode(frame))


def make_sequence_proxy(
    frames: Sequence[Path | None],
    out_path: Path,
    *,
    fps: Fraction | int | str = 24,
    max_width: int = 1920,
) -> Rendition:
    """Encode an image sequence (one path per frame, ``None`` for a missing frame) to MP4."""
    rate = Fraction(fps)
    if rate <= 0:
        raise ValueError("fps must be positive")
    present = [path for path in frames if path is not None]
    if not present:
        raise UnsupportedMedia("the image sequence has no frames")
    first = _read_frame(present[0])
    source_h, source_w = first.shape[:2]
    width, height = even_size(source_w, source_h, max_width)
    output, vout = _open_output(out_path, rate, width, height)
    try:
        with output:
            sink = _VideoSink(output, vout, rate, width, height)
            previous: RGB8 | None = None
            for number, path in enumerate(frames):
                if path is None:
                    rgb = previous if previous is not None else first * 0
                else:
                    rgb = first if path == present[0] else _read_frame(path)
                    if rgb.shape != first.shape:
                        raise UnsupportedMedia(
                            f"frame {number + 1} of the sequence is {rgb.shape[1]}x"
                            f"{rgb.shape[0]}, the first frame is {source_w}x{source_h}"
                        )
                sink.write(av.VideoFrame.from_ndarray(rgb, format="rgb24"))
                previous = rgb
            sink.close()
    except BaseException:
        out_path.unlink(missing_ok=True)
        raise
    return Rendition(
        "proxy",
        out_path,
        mime.MP4,
        width,
        height,
        frame_count=sink.count,
        fps=fraction_string(rate),
    )


def _read_frame(path: Path) -> RGB8:
    kind = detect_mime(path)
    if kind not in mime.IMAGE_TYPES:
        raise UnsupportedMedia(f"a frame of the sequence is not an image ({kind})")
    return read_display_rgb(path, kind)
