"""What a contributor most likely meant by a value the schema refuses: the validator's suggestions."""
from __future__ import annotations

from typing import Optional

from ..core.errors import closest
from ..core.text import typed_key
from . import schema as s


def enum_suggestion(text: str, ftype: s.Enum) -> Optional[str]:
    """The value a contributor meant by a word outside a closed list: the value whose French
    label or other word (schema.Enum.also) it is, accents and case aside; else the one label
    it begins (« entretien » for « entretien téléphonique »); else the closest value or label."""
    words = {typed_key(label): value for value, label in ftype.values.items()}
    words.update({typed_key(word): value for word, value in ftype.also.items()})
    folded = typed_key(text)
    if folded in words:
        return words[folded]
    starts = {value for word, value in words.items() if word.split()[0] == folded}
    if len(starts) == 1:
        return starts.pop()
    near = closest(folded, [*ftype.values, *words])
    return words.get(near, near) if near else None
