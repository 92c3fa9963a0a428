"""Affinity between applications and reviewers from their texts alone, in any language.

Character n-grams taken inside words need no tokenizer and no stemmer, so one method serves
zh-Hant (where a "word" is a whole run of characters between spaces and its 2–4-character
n-grams are its words), French (where "énergie" and "énergétique" share n-grams) and English
alike. Written with SciPy sparse matrices; it gives the same matrix as scikit-learn's
`TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)`, without that
dependency.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence

import numpy as np
import scipy.sparse as sp

NGRAMS = (2, 4)


def text_affinity(
    application_texts: Sequence[str], reviewer_texts: Sequence[str], ngrams=NGRAMS
) -> np.ndarray:
    """The (applications × reviewers) matrix of cosine similarities, in [0, 1], between
    TF-IDF vectors of character n-grams (lengths `ngrams`, inclusive).

    Texts are NFKC-normalised (full-width forms fold to their usual ones) and lower-cased.
    Term frequencies are sublinear (1 + log tf) so a long reviewer profile that repeats a
    word does not drown the rest; inverse document frequencies are smoothed,
    log((1 + n) / (1 + df)) + 1, over all texts of both sides, so n-grams every text
    shares (" de", "的") weigh little. An empty text has similarity 0 with everything."""
    counts = _counts([*application_texts, *reviewer_texts], ngrams)
    weights = _tfidf(counts)
    n_apps = len(application_texts)
    return (weights[:n_apps] @ weights[n_apps:].T).toarray()


def _counts(texts: Sequence[str], ngrams) -> sp.csr_array:
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, text in enumerate(texts):
        for gram, count in Counter(_ngrams(text, ngrams)).items():
            rows.append(row)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
            values.append(count)
    shape = (len(texts), len(vocabulary))
    return sp.csr_array((np.array(values, dtype=float), (rows, cols)), shape=shape)


def _ngrams(text: str, ngrams) -> Iterator[str]:
    """Character n-grams inside each space-padded word; a word shorter than n yields
    itself once (scikit-learn's "char_wb")."""
    shortest, longest = ngrams
    for word in unicodedata.normalize("NFKC", text).lower().split():
        padded = f" {word} "
        for n in range(shortest, longest + 1):
            if len(padded) <= n:
                yield padded
                break
            for start in range(len(padded) - n + 1):
                yield padded[start : start + n]


def _tfidf(counts: sp.csr_array) -> sp.csr_array:
    n_texts = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + n_texts) / (1 + document_frequency)) + 1
    weights = counts.copy()
    weights.data = (1 + np.log(weights.data)) * idf[weights.indices]
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1))).ravel()
    return sp.csr_array(sp.diags(1 / np.where(norms > 0, norms, 1)) @ weights)
