"""Near-duplicate detection with MinHash over word shingles, banded for lookup in the ledger.

Exact re-ingests are caught by the content hash; this catches syndicated copies and light edits
(another outlet's headline, a trimmed paragraph) so they are linked rather than silently dropped.
The band keys are stored in the database, so detection works across runs and processes.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded by the writers only: reading the ledger never imports numpy or datasketch
    import numpy as np

NUM_PERM = 128
BANDS, ROWS = 32, 4  # (1/32)**(1/4) ~= 0.42: candidates are cheap, the verified threshold decides
THRESHOLD = 0.7
SHINGLE = 5
_WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    import numpy as np
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    return [f"{b}:{hash_band(sig[b * ROWS:(b + 1) * ROWS])}" for b in range(BANDS)]


def hash_band(rows: np.ndarray) -> str:
    return hashlib.blake2b(rows.astype("<u8").tobytes(), digest_size=8).hexdigest()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float((a == b).mean())


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(data, dtype="<u8")
