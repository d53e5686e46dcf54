"""Name folding shared by the build and the importers' city matching."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                          "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d"})  # fmt: skip
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold_name(name: str) -> str:
    """'São Paulo' -> 'sao paulo', 'Kraków' -> 'krakow', 'Tel Aviv–Yafo' -> 'tel aviv yafo'."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", text).strip()
