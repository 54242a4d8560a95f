"""The upload check Nabolagspotten's attachments and photos go through, now in
`core.uploads` so the benefits register's evidence files (a floor beside this one) get the
same checks. Imported from here as before."""

from core.uploads import (  # noqa: F401
    ACCEPT,
    EXTENSIONS,
    JPEG,
    PDF,
    PNG,
    check_upload,
    clean_name,
    max_upload_bytes,
)
