"""Outputs the reader names: a FIFO or a device is written as a stream and stays; an output makes no folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.errors import StoreError
from briefing.store.outputs import write_output
from tests.special_files import FifoReader, kind_of, null_device, visible


def test_an_output_into_a_fifo_is_a_stream_and_the_fifo_stays(tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    reader.start()
    write_output(fifo, b"x" * 300_000)  # more than a pipe holds at once
    assert reader.received() == b"x" * 300_000
    assert kind_of(fifo) == "fifo"
    assert visible(tmp_path) == ["out"] and list(tmp_path.iterdir()) == [fifo]


def test_an_output_into_a_device_writes_it_and_leaves_no_lock_or_temp_file(tmp_path: Path) -> None:
    device = null_device(tmp_path / "null")
    write_output(device, b"gone")
    assert kind_of(device) == "char"
    assert list(tmp_path.iterdir()) == [device]


def test_an_output_makes_no_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot write: No such file or directory"):
        write_output(tmp_path / "missing" / "out.json", b"{}")
    assert list(tmp_path.iterdir()) == []
