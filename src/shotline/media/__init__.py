"""Media: content-addressed storage backends and media processing.

This package has no database and no HTTP code. Upload endpoints, the ``MediaFile`` model and
the processing jobs are built on top of it:

- ``shotline.media.storage``: the ``Storage`` protocol, local-disk and S3 backends.
- ``shotline.media.processing``: type detection, technical metadata, thumbnails, proxies,
  filmstrips and image-sequence detection.
- ``shotline.media.errors``: typed failures whose ``reason`` is shown to users.
"""
