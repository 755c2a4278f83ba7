"""The ``-o FILE`` and ``--force`` options of ``export`` and ``extract``; their rule is ``briefing.export_files``."""

from __future__ import annotations

import argparse
from pathlib import Path

OUTPUT_HELP = (
    "write to FILE instead of stdout: atomically (a temp file beside it, then a rename), through a symlink "
    "onto its target, which the link keeps pointing at; a FIFO or a character device (/dev/null, a terminal) "
    "is written as a stream; a socket, a block device or a folder is refused, and so is any file of your "
    "library or data dir, and a symlink someone else planted in a shared folder such as /tmp"
)
FORCE_HELP = (
    "replace FILE if it is an existing file, or write through FILE if it is a symlink to no file yet "
    "(a FIFO or a device needs no --force)"
)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=OUTPUT_HELP)
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)


