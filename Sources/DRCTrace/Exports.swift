// DRCTrace re-exports the SHA-256 it checks input data with, so its users see one `SHA256`.

@_exported import DRCHash
