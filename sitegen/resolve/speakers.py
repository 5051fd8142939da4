"""Speakers the parse left unknown, found across the dossier."""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from sitegen.model import Quote
from sitegen.rules import rule
from sitegen.text import fold


def fill_speakers_from_same_words(quotes: list[Quote]) -> None:
    """The speakers the parse left unknown, from the dossier: the same words quoted
    with a speaker, then the other quotes of the same unresolved subject."""
    same_words_elsewhere(quotes)
    shared_subject(quotes)


@rule("quotes.same_words_elsewhere", off=None)
def same_words_elsewhere(quotes: list[Quote]) -> None:
    """A quote whose speaker could not be found takes the speaker of the same words quoted with one.

    French news quotes the same sentence in a headline without a speaker, or in several
    articles: in the same article first, then in another. Joint and anonymous quotes
    keep no speaker."""
    folded = {id(q): fold(q.text) for q in quotes}
    # the known quotes by their words (a text quoted by many articles is one entry):
    # text -> speaker -> the sources that give the text to that speaker
    said: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for q in quotes:
        if q.speaker_id:
            said[folded[id(q)]][q.speaker_id].add(q.sentence.source)
    # Blocking, so that thousands of quotes are not compared pairwise: when one text
    # holds the other, the shorter one's words are all words of the longer one. So a
    # shorter known text is found through its rarest word, a longer one through the
    # quote's own rarest word.
    frequency: Counter[str] = Counter(w for q in quotes for w in set(folded[id(q)].split()))
    with_word: dict[str, list[str]] = defaultdict(list)
    by_rarest: dict[str, list[str]] = defaultdict(list)
    for text in said:
        words = set(text.split())
        for w in words:
            with_word[w].append(text)
        if words:
            by_rarest[min(words, key=lambda w: (frequency[w], w))].append(text)

    @lru_cache(maxsize=None)
    def same_words(words: str) -> tuple[str, ...]:
        """The known texts that hold these words or that these words hold, of similar length."""
        own = set(words.split())
        candidates = {t for w in own for t in by_rarest.get(w, ())}
        candidates.update(with_word.get(min(own, key=lambda w: (frequency[w], w)), ()))
        return tuple(t for t in candidates
                     if (t in words or words in t) and min(len(t), len(words)) >= 0.5 * max(len(t), len(words)))

    for q in quotes:
        if q.speaker_id or q.status not in ("unknown", "named"):   # "named": a role no one is bound to
            continue
        words = folded[id(q)]
        if len(words) < 6:
            continue
        here, elsewhere = set(), set()
        for text in same_words(words):
            for speaker, sources in said[text].items():
                if q.sentence.source in sources:
                    here.add(speaker)
                if len(sources) > 1 or q.sentence.source not in sources:
                    elsewhere.add(speaker)
        for speakers in (here, elsewhere):
            if len(speakers) == 1:
                q.speaker_id = speakers.pop()
                break


@rule("quotes.shared_subject", off=None)
def shared_subject(quotes: list[Quote]) -> None:
    """Quotes of one unresolved role phrase share the speaker one of them found.

    « », a déclaré la ministre, then « », a-t-elle ajouté: the two quotes have one
    subject; when the words of one were found elsewhere, the other is the same person's."""
    by_subject: dict[int, set[str]] = defaultdict(set)
    for q in quotes:
        if q.speaker is not None and q.speaker_id and q.speaker.label == "role":
            by_subject[id(q.speaker)].add(q.speaker_id)
    for q in quotes:
        if q.speaker is not None and not q.speaker_id and len(by_subject.get(id(q.speaker), ())) == 1:
            q.speaker_id = next(iter(by_subject[id(q.speaker)]))
