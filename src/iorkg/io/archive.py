"""Checks shared by the readers of zip archives (REFI-QDA projects, .xlsx workbooks): member
names that would lead outside the archive, and members that are symbolic links."""

from __future__ import annotations

import re
import zipfile


def unsafe_member_name(name: str) -> str | None:
    """What makes a member name unsafe to follow (an absolute path, a step out with '..', a NUL
    character), in words for a message; None for a name that stays inside the archive."""
    unified = name.replace("\\", "/")
    if unified.startswith("/") or re.match(r"^[A-Za-z]:", unified):
        return "an absolute path"
    if any(part == ".." for part in unified.split("/")):
        return "a parent-folder step (..) that climbs out"
    if "\x00" in unified:
        return "a NUL character"
    return None


def is_symlink(info: zipfile.ZipInfo) -> bool:
    """Whether the member is stored as a symbolic link (its Unix mode says so)."""
    return ((info.external_attr >> 16) & 0o170000) == 0o120000
