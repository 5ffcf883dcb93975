"""Qt's ICU data, trimmed to what Qt loads from it (issue 19: the bundle under 150 MB).

PySide6 ships ICU's whole data package (32 MB: every locale's names, currencies, units, time-zone
names, 200 character-set converters, break-iterator dictionaries, transliterators) in
``libicudata.so.NN``, one read-only symbol ``icudtNN_dat``. Qt 6 does its own line breaking, text
boundaries, shaping (its own HarfBuzz), normalisation and UTF-8, and its locales come from its own
CLDR tables: what it asks ICU's data for is collation (``QCollator``, which its file dialog sorts
file names with, in the user's locale), and time-zone display names in a long date format (this app
shows none). Traced by starting Qt with ``ICU_DATA`` set to an empty folder: ICU first looks for
each item as a file there, so ``strace -e trace=stat,openat`` lists every item asked for.

Kept: every locale's collation (``coll/``); each tree's root, pool and index bundles, so that a
lookup in a left-out locale falls back to root's data instead of failing; and the root items that are
not a locale (likely subtags, supplemental data, normalisation, stringprep; 1.6 MB). Left out: the
locale bundles (names of languages, regions, currencies, units, time zones; number spell-out),
the character-set converters, break-iterator rules and dictionaries, transliterators, and the
Unicode character names.

The package is ICU's "common data" format: a header, a table of contents (item count, then for
each item the offsets of its name and its data, sorted by name: ICU searches it by bisection),
the names, then each item's data aligned to 16 bytes (padded with 0xAA). The trimmed package is put in a new
``libicudata.so.NN`` exporting the same symbol, made with binutils' ``as`` and ``ld`` (binutils is
already needed by ``make dist`` for ``strip``)::

    python bundle/icu_data.py SOURCE.so OUT.so
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ALIGN = 16
FILL = b"\xaa"  # what ICU's own packager pads with
ELF_MAGIC = b"\x7fELF"
SHT_DYNSYM = 11
DATA_SYMBOL = re.compile(r"^icudt\d+_dat$")
# A locale bundle's name: language, then optionally script, region and variants (en, sr_Latn_RS,
# es_419, ca_ES_VALENCIA). The root items that are not locales are named in camelCase or have another
# extension (likelySubtags.res, nfkc.nrm).
LOCALE_BUNDLE = re.compile(r"^[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?(?:_[A-Z0-9]+)*\.res$")
KEPT_TREES = {"coll"}  # every locale's collation data
TREE_BASE = {"root.res", "pool.res", "res_index.res"}  # what a tree falls back to
LEFT_OUT_TREES = {"translit"}  # its root alone is 1 MB of transliteration rules
LEFT_OUT_ROOT = {"unames.icu"}  # the Unicode character names (u_charName)


@dataclass(frozen=True)
class Package:
    """An ICU common-data package: its header (as read) and its items, in table-of-contents order."""

    header: bytes
    items: list[tuple[str, bytes]]


def wanted(name: str) -> bool:
    """Whether the bundle keeps the item named ``name`` (``icudt73l/coll/de.res``)."""
    parts = name.split("/")[1:]
    if len(parts) == 2:
        tree, item = parts
        if tree in KEPT_TREES:
            return True
        return tree not in LEFT_OUT_TREES and item in TREE_BASE
    (item,) = parts
    if item in TREE_BASE:
        return True
    return not (LOCALE_BUNDLE.match(item) or item.endswith(".cnv") or item in LEFT_OUT_ROOT)


def data_symbol(library: bytes) -> tuple[str, bytes]:
    """The name and bytes of the ``icudtNN_dat`` symbol of a 64-bit little-endian ELF library."""
    if library[:4] != ELF_MAGIC or library[4] != 2 or library[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    section_offset = struct.unpack_from("<Q", library, 0x28)[0]
    entry_size, count = struct.unpack_from("<HH", library, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", library, section_offset + i * entry_size) for i in range(count)]
    for section in sections:
        if section[1] != SHT_DYNSYM:
            continue
        strings = sections[section[6]][4]
        for at in range(section[4], section[4] + section[5], 24):
            name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", library, at)
            name = library[strings + name_at : library.index(b"\0", strings + name_at)].decode("ascii")
            if DATA_SYMBOL.match(name):
                home = sections[index]
                start = home[4] + value - home[3]
                return name, library[start : start + size]
    raise ValueError("no icudtNN_dat symbol: not ICU's data library")


def read_package(data: bytes) -> Package:
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", data, header_size)[0]
    toc = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    starts = [header_size + offset for _, offset in toc] + [len(data)]
    items = []
    for i, (name_offset, _) in enumerate(toc):
        name_at = header_size + name_offset
        name = data[name_at : data.index(b"\0", name_at)].decode("ascii")
        items.append((name, data[starts[i] : starts[i + 1]]))
    return Package(data[:header_size], items)


def _padded(blob: bytes) -> bytes:
    return blob + FILL * (-len(blob) % ALIGN)


def write_package(package: Package) -> bytes:
    """The package's bytes: its header, table of contents, names, then the items' data (aligned)."""
    items = package.items
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = len(_padded(package.header + b"\0" * toc_size + names)) - len(package.header)
    toc, name_offsets, data_offsets = [struct.pack("<I", len(items))], [], []
    at_name, at_data = toc_size, data_start
    for name, blob in items:
        name_offsets.append(at_name)
        data_offsets.append(at_data)
        at_name += len(name) + 1
        at_data += len(_padded(blob))
    toc += [struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True)]
    head = _padded(package.header + b"".join(toc) + names)
    return head + b"".join(_padded(blob) for _, blob in items)


def trimmed(package: Package) -> Package:
    return Package(package.header, [(name, blob) for name, blob in package.items if wanted(name)])


def build_library(data: bytes, symbol: str, soname: str, out: Path) -> None:
    """A shared library holding ``data`` as the read-only symbol ``symbol`` (with binutils)."""
    tools = {tool: shutil.which(tool) for tool in ("as", "ld")}
    missing = [tool for tool, path in tools.items() if path is None]
    if missing:
        raise RuntimeError(f"{' and '.join(missing)} not found: install binutils (make dist-system-deps)")
    with tempfile.TemporaryDirectory(prefix="cst-icu-") as folder:
        work = Path(folder)
        (work / "data.bin").write_bytes(data)
        (work / "data.s").write_text(
            f"\t.section .rodata\n\t.balign {ALIGN}\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f'\t.size {symbol}, {len(data)}\n{symbol}:\n\t.incbin "data.bin"\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run([str(tools["as"]), "--64", "-o", "data.o", "data.s"], cwd=work, check=True)
        subprocess.run(
            [str(tools["ld"]), "-shared", "-soname", soname, "-z", "noexecstack", "-o", str(out.resolve()), "data.o"],
            cwd=work,
            check=True,
        )


def trim_library(source: Path, out: Path) -> tuple[int, int]:
    """Write the trimmed copy of ICU's data library ``source`` to ``out``; the two packages' sizes."""
    symbol, data = data_symbol(source.read_bytes())
    package = read_package(data)
    smaller = write_package(trimmed(package))
    out.parent.mkdir(parents=True, exist_ok=True)
    build_library(smaller, symbol, source.name, out)
    if data_symbol(out.read_bytes()) != (symbol, smaller):
        raise RuntimeError(f"{out}: the data read back differs from the data written")
    return len(data), len(smaller)


if __name__ == "__main__":
    before, after = trim_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
