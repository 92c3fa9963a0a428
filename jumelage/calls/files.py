"""An application's file as a download, for whoever the calling view has let read it."""

from django.http import FileResponse


def download(attachment, filename=None) -> FileResponse:
    """The stored file under `filename`, or the name it was uploaded with."""
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=filename or attachment.original_name,
        content_type=attachment.content_type,
    )
