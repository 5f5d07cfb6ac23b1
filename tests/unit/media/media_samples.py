"""Real media generated at test time (no binary fixtures in the repository).

Movies carry their frame number as an 8-bit binary code: eight vertical bars, white for a 1
bit, black for a 0, so a decoded frame tells which source frame it is.
"""

from __future__ import annotations

import struct
import zlib
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt
import OpenImageIO as oiio
from PIL import Image

BITS = 8


def numbered_frame(index: int, width: int, height: int) -> npt.NDArray[np.uint8]:
    frame = np.zeros((height, width, 3), np.uint8)
    bar = width // BITS
    for bit in range(BITS):
        if index >> bit & 1:
            frame[:, bit * bar : (bit + 1) * bar, :] = 255
    return frame


def read_frame_number(rgb: npt.NDArray[np.uint8]) -> int:
    height, width = rgb.shape[:2]
    bar = width / BITS
    value = 0
    for bit in range(BITS):
        x = int(bar * bit + bar / 2)
        if rgb[height // 2, x].mean() > 127:
            value |= 1 << bit
    return value


def make_movie(
    path: Path,
    *,
    width: int = 64,
    height: int = 48,
    frames: int = 48,
    fps: Fraction = Fraction(24),
    audio: bool = True,
    container: str = "mp4",
    pix_fmt: str = "yuv420p",
    faststart: bool = False,
) -> Path:
    options = {"movflags": "+faststart"} if faststart else {}
    with av.open(str(path), "w", format=container, options=options) as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, pix_fmt
        video.options = {"preset": "ultrafast"}
        sound = out.add_stream("aac", rate=48000) if audio else None
        if sound is not None:
            sound.layout = "stereo"
        for index in range(frames):
            frame = av.VideoFrame.from_ndarray(numbered_frame(index, width, height), "rgb24")
            frame.pts = index
            out.mux(video.encode(frame))
        out.mux(video.encode())
        if sound is not None:
            total = int(frames / fps * 48000)
            for start in range(0, total, 1024):
                count = min(1024, total - start)
                t = np.arange(start, start + count) / 48000
                tone = (0.1 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
                chunk = av.AudioFrame.from_ndarray(np.stack([tone, tone]), "fltp", "stereo")
                chunk.sample_rate = 48000
                chunk.pts = start
                out.mux(sound.encode(chunk))
            out.mux(sound.encode())
    return path


def make_still(path: Path, fmt: str, width: int = 40, height: int = 30) -> Path:
    gradient = np.linspace(0, 255, width, dtype=np.uint8)
    rgb = np.stack([np.tile(gradient, (height, 1))] * 3, axis=-1)
    Image.fromarray(rgb, "RGB").save(path, format=fmt)
    return path


def make_exr(
    path: Path, values: tuple[float, float, float], width: int = 32, height: int = 16
) -> Path:
    """A half-float RGBA EXR filled with ``values`` (linear, may exceed 1.0)."""
    spec = oiio.ImageSpec(width, height, 4, "half")
    spec.attribute("compression", "zip")
    pixels = np.zeros((height, width, 4), np.float32)
    pixels[:, :, :3] = values
    pixels[:, :, 3] = 1.0
    return _write_oiio(path, spec, pixels, ".exr")


def _write_oiio(path: Path, spec: oiio.ImageSpec, pixels: np.ndarray, ext: str) -> Path:
    """Write with OpenImageIO (which picks the format by extension), then rename to ``path``."""
    buf = oiio.ImageBuf(spec)
    buf.set_pixels(oiio.ROI(), pixels)
    real = path.with_name(path.name + ext)
    assert buf.write(str(real)), oiio.geterror()
    real.rename(path)
    return path


def make_dpx(path: Path, width: int = 40, height: int = 20) -> Path:
    """A 10-bit RGB DPX with a horizontal ramp."""
    spec = oiio.ImageSpec(width, height, 3, "uint16")
    spec.attribute("oiio:BitsPerSample", 10)
    ramp = np.linspace(0.0, 1.0, width, dtype=np.float32)
    pixels = np.repeat(np.tile(ramp, (height, 1))[:, :, np.newaxis], 3, axis=2)
    return _write_oiio(path, spec, pixels, ".dpx")


def make_exr_numbered(path: Path, index: int, width: int = 64, height: int = 48) -> Path:
    """A linear EXR whose white bars are 4.0 (a highlight) and black bars 0.0."""
    spec = oiio.ImageSpec(width, height, 3, "half")
    pixels = numbered_frame(index, width, height).astype(np.float32) / 255.0 * 4.0
    return _write_oiio(path, spec, pixels, ".exr")


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares ``width x height`` pixels but holds no image data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    idat = chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b""))
    return path


def truncate(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path
