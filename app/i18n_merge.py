"""Merge the pending translation fragments into the catalogs (`make translations-merge`).

Engineers who add UI strings do not edit `messages.po` (one file, many hands); each writes the
English of their strings into a fragment, `app/translations/<locale>/pending/<name>.po`, a valid
PO file of `msgid "中文"` / `msgstr "English"` pairs. After extraction (`pybabel update`), this
module folds the fragments into `app/translations/<locale>/LC_MESSAGES/messages.po`:

- a fragment's msgstr fills a msgstr the catalog has empty (or only fuzzy), or adds the message
  when the catalog lacks it (the next `pybabel update` marks it obsolete if no source uses it);
- a translation already in the catalog is never overwritten: a fragment that says otherwise is a
  conflict, printed, and its file is kept for a person to decide;
- a fragment whose entries were all merged (filled, added or already identical) is deleted.

`merged_catalog()` is the same merge in memory, which the tests use to ask whether every message
the source uses has its translation before the fragments are folded in.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


@dataclass
class MergeResult:
    """What one merge did, per catalog."""

    filled: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    # (fragment file, message id, the catalog's string, the fragment's string)
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    merged_files: list[Path] = field(default_factory=list)  # every entry merged
    kept_files: list[Path] = field(default_factory=list)  # at least one conflict


def _label(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _has_string(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    if isinstance(message.string, str):
        return bool(message.string)
    strings = message.string or ()
    return bool(strings) and all(strings)


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def merge_into(catalog: Catalog, fragments: Iterable[Path]) -> MergeResult:
    """Fold each fragment into `catalog` (in memory); the result says what happened."""
    result = MergeResult()
    for path in sorted(fragments):
        fragment = read_catalog(path)
        clean = True
        for message in fragment:
            if not message.id or not _has_string(message):
                continue
            ours = catalog.get(_label(message), message.context)
            if ours is None:
                catalog.add(
                    message.id,
                    message.string,
                    locations=message.locations,
                    flags=message.flags - {"fuzzy"},
                    auto_comments=message.auto_comments,
                    user_comments=message.user_comments,
                    context=message.context,
                )
                result.added.append(_label(message))
            elif not _has_string(ours):
                ours.string = message.string
                ours.flags.discard("fuzzy")
                ours.previous_id = []
                result.filled.append(_label(message))
            elif ours.string != message.string:
                result.conflicts.append(
                    (path.name, _label(message), str(ours.string), str(message.string))
                )
                clean = False
        (result.merged_files if clean else result.kept_files).append(path)
    return result


def fragments_of(locale_dir: Path) -> list[Path]:
    return sorted((locale_dir / "pending").glob("*.po"))


def merged_catalog(locale: str, translations: Path = TRANSLATIONS) -> Catalog:
    """The catalog of `locale` as it will be once its pending fragments are merged."""
    locale_dir = translations / locale
    catalog = read_catalog(locale_dir / "LC_MESSAGES" / "messages.po")
    merge_into(catalog, fragments_of(locale_dir))
    return catalog


def merge_locale(
    locale_dir: Path, *, delete: bool = True, only: list[str] | None = None
) -> MergeResult:
    """Merge `locale_dir/pending/*.po` (or only the fragments named in `only`) into its
    messages.po on disk; delete the merged fragments."""
    po_path = locale_dir / "LC_MESSAGES" / "messages.po"
    catalog = read_catalog(po_path)
    fragments = [f for f in fragments_of(locale_dir) if only is None or f.name in only]
    result = merge_into(catalog, fragments)
    if result.filled or result.added:
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=76)
    if delete:
        for path in result.merged_files:
            path.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--translations", type=Path, default=TRANSLATIONS)
    parser.add_argument("--keep", action="store_true", help="keep the merged fragments")
    parser.add_argument(
        "fragments", nargs="*", help="merge only these fragments (file names, e.g. issue-20.po)"
    )
    args = parser.parse_args(argv)
    status = 0
    for locale_dir in sorted(p for p in args.translations.iterdir() if (p / "pending").is_dir()):
        result = merge_locale(locale_dir, delete=not args.keep, only=args.fragments or None)
        print(
            f"{locale_dir.name}: {len(result.filled)} filled, {len(result.added)} added, "
            f"{len(result.merged_files)} fragment(s) merged"
            + ("" if args.keep else " and deleted")
            + f", {len(result.conflicts)} conflict(s)"
        )
        for name, msgid, ours, theirs in result.conflicts:
            print(f"  conflict in {name}: {msgid!r}: catalog {ours!r}, fragment {theirs!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
