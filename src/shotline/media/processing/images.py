"""Reading stills (JPEG, PNG, WebP, GIF, TIFF, EXR, DPX) for display.

Invariants:
- The pixel cap (``PIXEL_CAP``, 400 megapixels) is checked from the header, before any pixel
  is decoded; a bigger image raises ``MediaRejected``.
- ``read_display_rgb`` returns display-referred sRGB as ``uint8`` H x W x 3. Scene-linear
  sources (float EXR/TIFF) get the sRGB transfer after clamping to [0, 1]: NaN and negative
  values become 0, values above 1 (highlights) become white, never wrap into garbage.
- Errors are ``CorruptMedia`` / ``UnsupportedMedia`` / ``MediaRejected`` with reasons that
  name no file-system path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import OpenImageIO as oiio
from PIL import Image, ImageOps

from shotline.media import mime
from shotline.media.errors import CorruptMedia, MediaRejected, UnsupportedMedia

PIXEL_CAP = 400_000_000
"""Largest image (width x height) Shotline decodes (SECURITY.md)."""

# Pillow's own decompression-bomb guard, aligned with Shotline's cap. Images reach Pillow only
# after ``check_pixels`` has passed, so it never warns about an accepted image.
Image.MAX_IMAGE_PIXELS = PIXEL_CAP

_OVER_CAP = f"the image is larger than the limit of {PIXEL_CAP // 1_000_000} megapixels"

RGB8 = npt.NDArray[np.uint8]
FloatImage = npt.NDArray[np.float32]

_FLOAT_TYPES = (oiio.HALF, oiio.FLOAT, oiio.DOUBLE)
_HIGH_DEPTH_PILLOW_MODES = frozenset({"I", "F", "I;16", "I;16B", "I;16L", "I;16N"})


def check_pixels(width: int, height: int) -> None:
    """Raise ``MediaRejected`` unless ``width x height`` is a sane size under the cap."""
    if width <= 0 or height <= 0:
        raise CorruptMedia(f"the image has an invalid size ({width}x{height})")
    if width * height > PIXEL_CAP:
        raise MediaRejected(
            f"the image is {width}x{height} pixels, more than the limit of "
            f"{PIXEL_CAP // 1_000_000} megapixels"
        )


def image_spec(path: Path) -> Any:
    """The OpenImageIO header (``ImageSpec``) of a still, after the pixel-cap check."""
    inp = oiio.ImageInput.open(str(path))
    if inp is None:
        oiio.geterror()  # clear the thread's error; it names the path
        raise CorruptMedia("the image could not be read: the file is damaged or truncated")
    try:
        spec = inp.spec()
    finally:
        inp.close()
    check_pixels(spec.width, spec.height)
    return spec


def check_image_header(path: Path, mime_type: str) -> None:
    """Apply the pixel cap from the header of any still, before Pillow decodes it.

    OpenImageIO reads the header; for Pillow's formats, a header OpenImageIO refuses is read by
    Pillow instead (its bomb guard is aligned with the cap).
    """
    try:
        image_spec(path)
    except CorruptMedia:
        if mime_type not in mime.PILLOW_IMAGE_TYPES:
            raise
        try:
            with Image.open(path) as image:
                check_pixels(*image.size)
        except Image.DecompressionBombError as exc:
            raise MediaRejected(_OVER_CAP) from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise CorruptMedia("the image could not be read: the file is damaged") from exc


def is_scene_linear(spec: Any) -> bool:
    """Whether pixels are scene-linear (float data not tagged with a display encoding)."""
    colour_space = str(spec.get_string_attribute("oiio:ColorSpace")).lower()
    if "lin" in colour_space or "acescg" in colour_space:
        return True
    if any(tag in colour_space for tag in ("srgb", "gamma", "log", "rec709", "rec1886")):
        return False
    return spec.format.basetype in _FLOAT_TYPES


def linear_to_srgb(values: FloatImage) -> FloatImage:
    """The sRGB transfer function of linear values, clamped to [0, 1] first."""
    clean = np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=0.0)
    clipped = np.clip(clean, 0.0, 1.0)
    low = clipped * 12.92
    high = 1.055 * np.power(clipped, 1.0 / 2.4) - 0.055
    return np.where(clipped <= 0.0031308, low, high).astype(np.float32)


def to_uint8(values: FloatImage) -> RGB8:
    """Quantise display values in [0, 1] to 8 bits (NaN and out-of-range values clamped)."""
    clean = np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=0.0)
    return np.asarray(np.rint(np.clip(clean, 0.0, 1.0) * 255.0), dtype=np.uint8)


def _pick_rgb(pixels: FloatImage, names: list[str]) -> FloatImage:
    """Three display channels: R, G, B by name; else luminance; else the first channels."""
    upper = [name.upper() for name in names]
    if all(c in upper for c in "RGB"):
        return np.stack([pixels[:, :, upper.index(c)] for c in "RGB"], axis=-1)
    for grey in ("Y", "L", "Z"):
        if grey in upper:
            return np.repeat(pixels[:, :, upper.index(grey) : upper.index(grey) + 1], 3, axis=2)
    if pixels.shape[2] >= 3:
        return pixels[:, :, :3]
    return np.repeat(pixels[:, :, :1], 3, axis=2)


def _read_oiio(path: Path) -> RGB8:
    spec = image_spec(path)
    inp = oiio.ImageInput.open(str(path))
    if inp is None:
        oiio.geterror()
        raise CorruptMedia("the image could not be read: the file is damaged or truncated")
    try:
        pixels = inp.read_image(0, 0, 0, spec.nchannels, "float")
        failed = pixels is None or bool(inp.has_error)
        inp.geterror()
    finally:
        inp.close()
    if failed:
        raise CorruptMedia("the image could not be decoded: the file is damaged or truncated")
    array = np.asarray(pixels, dtype=np.float32)
    if array.ndim == 2:
        array = array[:, :, np.newaxis]
    rgb = _pick_rgb(array, list(spec.channelnames))
    if is_scene_linear(spec):
        rgb = linear_to_srgb(rgb)
    return to_uint8(rgb)


def _read_pillow(path: Path) -> RGB8 | None:
    """Decoded RGB, or ``None`` when the mode needs OpenImageIO (16-bit and float greys)."""
    try:
        with Image.open(path) as image:
            check_pixels(*image.size)
            if image.mode in _HIGH_DEPTH_PILLOW_MODES:
                return None
            image.seek(0)
            upright = ImageOps.exif_transpose(image)
            if upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info:
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (0, 0, 0))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                return np.asarray(flat, dtype=np.uint8)
            return np.asarray(upright.convert("RGB"), dtype=np.uint8)
    except (MediaRejected, CorruptMedia):
        raise
    except Image.DecompressionBombError as exc:
        raise MediaRejected(_OVER_CAP) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptMedia(
            "the image could not be decoded: the file is damaged or truncated"
        ) from exc


def read_display_rgb(path: Path, mime_type: str) -> RGB8:
    """Decode a still to display-referred 8-bit sRGB (H x W x 3)."""
    if mime_type in mime.PILLOW_IMAGE_TYPES:
        check_image_header(path, mime_type)
        rgb = _read_pillow(path)
        return rgb if rgb is not None else _read_oiio(path)
    if mime_type in mime.OIIO_IMAGE_TYPES:
        return _read_oiio(path)
    raise UnsupportedMedia(f"images of type {mime_type} cannot be previewed")
