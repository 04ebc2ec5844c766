"""Characters that change how text reads without being seen, defined once for every stage.

Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), zero-width spaces,
joiners and marks (U+200B-U+200F), word joiner and invisible operators (U+2060-U+2064), the
BOM / zero-width no-break space (U+FEFF), the Arabic letter mark (U+061C), the Mongolian vowel
separator (U+180E) and the soft hyphen (U+00AD). Standard library only: the runtime (the
terminal sanitiser included) imports it.

>>> import re
>>> re.findall(f"[{HIDING}]", "99\\u200b0010 \\u202eabc")
['\\u200b', '\\u202e']
"""

from __future__ import annotations

HIDING = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
