"""``webpub strip-metadata FILE``: remove location data from a JPEG or PNG, losslessly.

The picture itself is never re-encoded: the EXIF GPS directory is wiped and its
pointer removed (same segment size), segments or chunks that carry location (XMP,
IPTC, PNG text profiles) are dropped, and every other byte is copied as it was.
The file is replaced atomically, and only when something was removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from webpub.fileio import write_atomically
from webpub.files.image import strip_location
from webpub.core.results import UsageError
from webpub.messages import t


def add_arguments(parser) -> None:
    parser.description = t("files.strip_description")
    parser.add_argument("file", metavar=t("files.strip_file_metavar"), help=t("files.strip_file_help"))
    parser.add_argument("--dry-run", action="store_true", help=t("files.strip_dry_run_help"))


def run(args) -> int:
    path = Path(args.file)
    if not path.is_file() or path.is_symlink():
        raise UsageError(t("files.strip_not_found", file=args.file))
    data = path.read_bytes()
    try:
        new, removed = strip_location(data)
    except ValueError:
        raise UsageError(t("files.strip_unsupported", file=args.file)) from None
    if not removed:
        print(t("files.strip_nothing", file=args.file))
        return 0
    line = "files.strip_will_remove" if args.dry_run else "files.strip_removed"
    for item in removed:
        print(t(line, file=args.file, item=item))
    if args.dry_run:
        print(t("files.strip_dry_run_done", file=args.file))
        return 0
    write_atomically(path, new)
    print(t("files.strip_done", file=args.file, before=len(data), after=len(new)))
    return 0


    sys.stdout.flush()
