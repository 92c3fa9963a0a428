"""An application's file as a download, for whoever the calling view has let read it."""

import io

from django.http import FileResponse


def download(attachment, filename=None, content=None) -> FileResponse:
    """The stored file, or `content` in its place (a copy without its metadata), under
    `filename` or the name it was uploaded with."""
    return FileResponse(
        attachment.file.open("rb") if content is None else io.BytesIO(content),
        as_attachment=True,
        filename=filename or attachment.original_name,
        content_type=attachment.content_type,
    )
