"""Why a file could not be ingested.

IngestError
 ├── EmptyFileError          zero bytes
 ├── UnsupportedFileError    content is not a type we read (sniffed, not the extension)
 ├── EncryptedFileError      password-protected, no password available
 ├── CorruptFileError        damaged, truncated or unparseable
 └── LimitExceededError      pages, bytes or decompressed size over the configured cap
"""


class IngestError(Exception):
    """A file that cannot be ingested; the message is the reason shown to the user."""

    kind = "error"


class EmptyFileError(IngestError):
    kind = "empty"


class UnsupportedFileError(IngestError):
    kind = "unsupported"


class EncryptedFileError(IngestError):
    kind = "encrypted"


class CorruptFileError(IngestError):
    kind = "corrupt"


class LimitExceededError(IngestError):
    kind = "limit"
