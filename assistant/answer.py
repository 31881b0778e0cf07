"""The offline answerer: pick the sentences of the top passages that best answer the question, cite each."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.analysis import detect_language
from assistant.citations import fold, make_citations
from assistant.concepts import last_question_start, source_spans
from assistant.compose import (
    asked_type,
    asked_unit,
    asking_clause,
    asks_several,
    question_parts,
    given_numbers,
    holds,
    introduces_list,
    labels_number,
    list_lines,
)
from assistant.disagree import disagreeing, stated
from assistant.footnotes import marker, markers_in
from assistant.lexical import LexicalIndex
from assistant.models import Answer, Citation, Passage
from assistant.sentences import (
    Candidate,
    Fact,
    bounds_of,
    chunk_terms_of,
    carried_labels,
    column_labels,
    ends_on_label,
    is_fragment,
    names_it,
    quotable,
    refers_back,
    units_of,
    names_all,
    intro_of,
    next_unit,
    score_sentences,
)
from assistant.support import Anchor, anchors, missing_concepts, question_concepts
from assistant.timebound import TOPICS, asks_terms, newest_year, unsettled
from assistant.wording import TEXTS
from ingest.models import Chunk
from ingest.segment import table_row

# Kinds of fact a sentence can be checked for; names of things ("what is stage 2 called?") cannot.
_CHECKED_KINDS = ("number", "when", "person", "contact")
# How much of the question's plain words (the role: "lederen av styringsgruppa") the best sentence naming a person
# must cover, as a share of what the best sentence covers (dev: 0.7 and 0.9 alike, no answer lost).
PERSON_ROLE_SHARE = 0.7
# A sentence giving a rival figure must match the question about as well as the typed check asks of an answer
# (a different wording of the same fact covers fewer question words: "registrerte 113" for "deltok").
_RIVAL_SHARE = 0.55
_RIVAL_FLOOR = 0.4
# What a figure counts must be a word of the question that most passages lack (idf): "bedrifter" stands next to
# every figure in these documents, "kursavgift" or "masteroppgaver" says which figure it is.
_DISTINCT = 1.0
_TIMED_SENTENCES = 3
# A sentence is quoted when it scores this share of the best one. An answer to "why", "how" or "which" is spread
# over sentences that share fewer of the question's words than the one restating it (measured on dev: 0.4 finds
# the reason or the list behind the restatement); a figure, a date or a person is stated in one sentence, and
# more loosely matching sentences would only set other figures beside it.
_KEEP = {"checked": 0.6, "open": 0.4}
# A sentence holding the asked kind of fact is left out when its subject coverage is under this share of the best
# such sentence's: its figure is about something else.
_OFF_SUBJECT = 0.5


def _asked_fact(question: str, asked: str, lexical: LexicalIndex, kind: str | None) -> Fact:
    """What a sentence must state to answer: the asked kind and unit, not the numbers the question gives, about
    the names the user asked about."""
    # "According to the Interreg Europe article, ...": the names that say where to look name a document, not what
    # the fact is about; the figure need not be stated beside them.
    spans = source_spans(asked)
    cuts = [0, *(i for span in spans for i in span), len(asked)]
    named = set(re.findall(r"\w+", " ".join(asked[a:b] for a, b in spans)))
    rest = set(re.findall(r"\w+", " ".join(asked[a:b] for a, b in zip(cuts[::2], cuts[1::2]))))
    found = [a for a in anchors(asked, lexical) if not (a.word in named and a.word not in rest)]
    # "We're a 6-person machine shop near Orkanger. What would it cost us?": where the asker is says who asks, not what
    # the figure is about.
    if asker := _ABOUT_ASKER.match(asked[: last_question_start(asked)]):
        found = [a for a in found if _word(a).search(asked[asker.end():])]
    some: tuple[tuple[Anchor, ...], ...] = ()
    clause = asking_clause(asked, kind)
    if clause is None and (proper := last_question_start(asked)) and "?" not in asked[:proper]:
        # "The NTNU students tested a camera at Minera Skifer. How much extra product ...?": a preamble sets the
        # scene, and the question proper is its part.
        clause = (proper, len(asked))
    if found and clause is not None:
        # The figure is asked about the names in its own part of the question, or about one of the others.
        own = [a for a in found if _word(a).search(asked[clause[0]:clause[1]])]
        if own:
            found = own
        else:
            some = _names(asked, found)
    if kind == "number":
        # "How much did they pay in 2024?": a figure for another year is not the answer, so the year is a name the
        # figure must be stated with (in its sentence, heading or section).
        found += [Anchor(y, (y,)) for y in dict.fromkeys(re.findall(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,])", asked))]
    return Fact(kind, asked_unit(asked), given_numbers(f"{question} {asked}"), tuple(found),
                bounds_of(asked) if kind == "number" else frozenset(), some)


# A first sentence about the asker ("We're a ...", "Jeg driver ..."), before the question proper.
_ABOUT_ASKER = re.compile(r"\s*(?:we|we're|we've|i|i'm|i've|our|my|vi|jeg|vår|vårt|min|mitt)\b[^.?!]*[.!]",
                          re.IGNORECASE)


def _word(anchor: Anchor) -> re.Pattern[str]:
    """The anchor's word as the question writes it, standing alone ("NTNU" in "NTNU-studentene")."""
    return re.compile(rf"(?<!\w){re.escape(anchor.word)}(?!\w)")


def _names(question: str, found: list[Anchor]) -> tuple[tuple[Anchor, ...], ...]:
    """The anchors grouped into the names they spell: words standing next to each other in the question
    ("European Digital Innovation Hub") are one name."""
    at = sorted(((m.start(), m.end(), a) for a in found if (m := _word(a).search(question))), key=lambda t: t[:2])
    names: list[list[Anchor]] = []
    end = -1
    for start, stop, anchor in at:
        if names and not question[end:start].strip(" -"):
            names[-1].append(anchor)
        else:
            names.append([anchor])
        end = stop
    placed = {a for _, _, a in at}
    return tuple(tuple(n) for n in names) + tuple((a,) for a in found if a not in placed)


class ExtractiveAnswerer:
    def __init__(self, *, max_sentences: int = 4, passages: int = 5, threshold: float = 0.3,
                 typed_threshold: float = 0.0, follow_on: bool = True, sentence_weight: float = 0.0) -> None:
        self.follow_on = follow_on
        self.max_sentences = max_sentences
        self.passages = passages
        self.threshold = threshold
        self.typed_threshold = typed_threshold
        self.sentence_weight = sentence_weight

    def rank(self, question: str, passages: list[Passage], *, lexical: LexicalIndex, footnotes=None,
             before=None) -> list[Passage]:
        """The passages reordered by their score plus `sentence_weight` times the score of their best sentence
        for the question: a passage that states the answer in one sentence beats one whose words for the
        question's concepts are spread over unrelated sentences. `before(chunk)` is the chunk before it."""
        if not self.sentence_weight or len(passages) < 2:
            return passages
        fact = _asked_fact(question, question, lexical, asked_type(question))
        best: dict[str, float] = {}
        for c in score_sentences(question, passages, lexical, fact, footnotes=footnotes, before=before):
            best[c.passage.chunk.id] = max(best.get(c.passage.chunk.id, 0.0), c.score)
        ranked = [replace(p, score=p.score + self.sentence_weight * best.get(p.chunk.id, 0.0)) for p in passages]
        return sorted(ranked, key=lambda p: -p.score)

    def answer(self, question: str, passages: list[Passage], *, pages_of, lexical: LexicalIndex,
               asked: str | None = None, neighbours=None, footnotes=None, footnote=None) -> Answer:
        """`question` is the standalone query; `asked` the user's own words (language, asked fact; default
        the query). `pages_of(doc_id)` gives a document's stored page texts (quotes are checked against
        them); `neighbours(chunk)` the chunks before and after it, where a list or a table (its column labels) may
        continue; `footnotes(chunk)` the
        words each footnote marker in it follows in the main text; `footnote(chunk, marker)` where the footnote a
        marker in the chunk points to stands (its chunk, start and end)."""
        asked = asked or question
        lang = detect_language(asked)
        texts = TEXTS.get(lang, TEXTS["en"])
        kind = asked_type(asked)
        missing = missing_concepts(question_concepts(asked, lexical))
        timebound = unsettled(asked, kind=kind, missing=[c.word for c in missing])
        if missing and timebound is None:
            words = ", ".join(f"«{c.word}»" for c in missing)
            return self._abstain(question, passages, texts, note=texts["missing"].format(words=words))
        timed = ""
        if timebound is not None:
            # Time-bound questions are never answered outright; what the documents say about the programme as it
            # ran is still shown when it answers the rest of the question.
            topic, year = timebound
            newest = newest_year([p.chunk.date for p in passages])
            timed = texts["unsettled"].format(what=TOPICS[lang if lang in TOPICS else "en"][topic].format(year=year),
                                              newest=texts["newest"].format(year=newest) if newest else "")
            if kind in ("number", "when") or topic in ("rate", "deadline"):
                # A past figure or date beside "this year's" question is too easily read as the answer: a wrong
                # grant figure is worse than none, so these get the statement and the closest sources only.
                return self._abstain(question, passages, texts, note=timed, lead=False)
        fact = _asked_fact(question, asked, lexical, kind)
        previous_of = (lambda chunk: neighbours(chunk)[0]) if neighbours is not None else None
        candidates = score_sentences(question, passages[: self.passages], lexical, fact, asked=asked,
                                     footnotes=footnotes, before=previous_of)
        best = max((c.score for c in candidates), default=0.0)
        if best < self.threshold:
            return self._abstain(question, passages, texts, note=timed)
        if kind in _CHECKED_KINDS and self.typed_threshold:
            # The passages talk about the subject; the asked figure, date or name must be stated about it too,
            # in a sentence that matches the question nearly as well as the best one does.
            share = self.typed_threshold / 2 if asks_several(asked) else self.typed_threshold
            covered, typed_best = _best(candidates, "coverage")
            # ... and about the question's subject: "Costs: 50-60 000 EUR" matches "what did the film cost?"
            # through "cost" alone.
            # In a follow-up the subject was named in an earlier turn, and a section holds it as often as a sentence
            # does ("Hva var det regnet med at det ville koste?" after "Hva går tiltak 2 ut på?": "Costs: 50-60 000
            # EUR" under "ACTION 2"): there the sentence with its heading and section is about it.
            about, typed_about = _best(candidates, "placed" if asked != question else "subject")
            # ... and about what is counted or dated ("økte omsetningen"), not only about the company it names.
            measure, typed_measure = _best(candidates, "measure")
            # ... and for a person, about the role asked for: "Dagfinn Dybvik, Innovasjonsleder NTNU" names a leader,
            # not the leader of the steering group.
            role = kind == "person" and typed_measure < PERSON_ROLE_SHARE * measure
            if (typed_best < share * covered or typed_about < share * about or (measure > 0 and typed_measure == 0)
                    or role):
                return self._abstain(question, passages, texts, note=timed or texts["unstated"][kind])
        citations: list[Citation] = []
        lines: list[str] = []
        seen: set[str] = set()

        def cite(chunk: Chunk, start: int, end: int, score: float) -> Citation | None:
            # A sentence a page break cuts gets one citation per page, on one line.
            parts = make_citations(len(citations) + 1, chunk, start, end, pages_of(chunk.doc_id), score=score)
            if parts and fold(parts[0].quote).lower() not in seen and not _repeats(parts, citations):
                seen.update(fold(c.quote).lower() for c in parts)
                citations.extend(parts)
                lines.append("- " + " ".join(c.quote for c in parts) + " " + "".join(f"[{c.n}]" for c in parts))
                return parts[0]
            return None

        rivals = dict(self._rivals(candidates, asked, lexical, fact)) if kind == "number" else {}
        if timed and kind in _CHECKED_KINDS:
            # Beside a time-bound question only sentences that state the asked kind of fact are relevant.
            covered = max(c.coverage for c in candidates)
            candidates = [c for c in candidates if c.typed and c.coverage >= self.typed_threshold * covered]
            best = max((c.score for c in candidates), default=0.0)
        checked = kind in _CHECKED_KINDS
        if checked:
            # A figure, date or name stated about another fund, company or programme than the one asked about
            # reads as the answer and is not: such sentences are left out (a wrong grant figure is worse than none).
            candidates = [c for c in candidates if not c.stray]
            # ... and so are those whose subject is far off the best-matching one's: "en robot ... til en kostnad på
            # omtrent 5000 kr" matches "what did the film cost to produce?" through "cost" and "produksjon" only.
            placed = max((c.placed for c in candidates if c.typed), default=0.0)
            candidates = [c for c in candidates if not (c.typed and c.placed < _OFF_SUBJECT * placed)]
        chosen = self._choose(candidates, best, keep=_KEEP["checked" if checked else "open"])
        if timed:
            chosen = sorted(chosen, key=lambda c: -c.score)[:_TIMED_SENTENCES]  # context, kept short
        else:
            chosen += self._parts(question, asked, passages, lexical, footnotes, chosen, previous_of)
        chosen = _best_first({(c.passage.chunk.id, c.start): c for c in [*chosen, *rivals]}.values())
        # The best sentence holding the asked figure, date or person is the one whose successor may finish it; an
        # open question's answer is spread wider, so the two best sentences each bring theirs.
        tops = sorted(chosen, key=lambda c: (c.typed if checked else False, c.score), reverse=True)
        tops = tops[: 1 if checked else 2]
        differ: list[str] = []
        for cand in chosen:
            chunk = cand.passage.chunk
            if cand in tops and self.follow_on:
                for before in _antecedents(chunk.text, cand.start, cand.end):
                    if checked and _stray(chunk, chunk.text[before[0] : before[1]], fact):
                        continue  # "Thams fikk 300 000 kr. I tillegg fikk Proneo ...": not for a question on Proneo
                    cite(chunk, *before, cand.score)
            span, units = (cand.start, cand.end), units_of(chunk.text)
            at = units.index(span) if span in units else None
            if at is not None and (labels := column_labels(chunk.text, units, at)):
                cite(chunk, *labels, cand.score)  # "Deltakere* Bedrifter*" says what a row's "18 14" count
            elif at is not None and previous_of and (
                    carried := carried_labels(chunk, units, at, lambda chunk=chunk: previous_of(chunk))):
                cite(*carried, cand.score)  # ... from the chunk before, where the table began
            elif at is not None and (introducing := intro_of(chunk.text, units, at)):
                cite(chunk, *introducing, cand.score)  # "Støtten ... vil da utgjøre:" says what the line is
            first = cite(chunk, cand.start, cand.end, cand.score)
            if first is not None and footnote is not None:
                # "92% av bedriftene i Trøndelag¹ har under 10 ansatte": the footnote qualifies the figure ("¹
                # Primærnæringer er ikke inkludert"), so it is quoted with it.
                for mark in markers_in(chunk.text[cand.start : cand.end]):
                    if found := footnote(chunk, mark):
                        cite(*found, cand.score)
            if first is not None and cand in rivals:
                differ.append(f"{rivals[cand]} [{first.n}] ({_short(chunk.title)}, {texts['page']} {first.page})")
            if introduces_list(chunk.text[cand.start : cand.end]):
                for item_chunk, s, e in _list_items(chunk, cand.start, cand.end, neighbours):
                    cite(item_chunk, s, e, cand.score)
            elif self.follow_on and not table_row(chunk.text[cand.start : cand.end]):
                # A best sentence's successor often finishes the thought (the names, the reason, the figure); so
                # does the unit after one ending on "Trinn 2.", where the stage's name may have been cut off
                # ("... av Trinn 2. Videregående var at ..."), and after any quoted sentence the one that points
                # back to it ("Derfor måtte bedriftene betale en kursavgift") or names what it describes («Green Flyway»).
                # A table row's successor is another row.
                after = _follow_on(chunk, cand.start, cand.end, neighbours)
                following = after[0].text[after[1] : after[2]] if after else ""
                if after and (cand in tops or ends_on_label(chunk.text[cand.start : cand.end])
                              or refers_back(following) or names_it(following)):
                    cite(*after, cand.score)
        if not citations:
            return self._abstain(question, passages, texts, note=timed)
        if timed:
            return Answer(text="\n".join([timed, texts["as_ran"], *lines]), citations=citations, abstained=True,
                          query=question, passages=passages)
        head = [texts["lead"]]
        if len(differ) >= 2:
            head.append(texts["differ"].format(figures="; ".join(differ)))
        tail = [terms_note(asked, lang, citations, passages)] if asks_terms(asked) else []
        return Answer(text="\n".join([*head, *lines, *tail]), citations=citations, abstained=False,
                      query=question, passages=passages)

    def _abstain(self, question: str, passages: list[Passage], texts: dict, *, note: str = "",
                 lead: bool = True) -> Answer:
        related: list[str] = []
        for p in passages[:3]:
            c = p.chunk
            where = f"{c.title}, {texts['page']} {c.page_start}" + (f" ({c.section})" if c.section else "")
            if where not in related:
                related.append(where)
        text = " ".join(t for t in (texts["none"] if lead else "", note) if t)
        if related:
            text += " " + texts["closest"] + " " + "; ".join(related[:2]) + "."
        return Answer(text=text, citations=[], abstained=True, query=question, passages=passages)

    def _rivals(self, candidates: list[Candidate], asked: str, lexical: LexicalIndex,
                fact: Fact) -> list[tuple[Candidate, str]]:
        """The sentences that give different figures for the asked thing, each with its figure; empty
        when the sentences that answer the question best agree or state no comparable figure."""
        typed = [c for c in candidates if c.typed]
        if not typed:
            return []
        floor = max(_RIVAL_FLOOR, _RIVAL_SHARE * max(c.coverage for c in typed))
        # The names and labels the user's own question gives (Trinn 1, Thams Innovasjon) must be in the sentence
        # itself: a figure for another stage or company is not a rival, however well its section matches. What
        # the figure counts must be a word of the question, not just one of those names.
        concepts = question_concepts(asked, lexical)
        # A word that labels a number ("stage" in "stage 2/3") says which stage, not what the figure counts.
        words = frozenset().union(*(c.terms for c in concepts
                                    if c.kind == "word" and c.weight >= _DISTINCT and not labels_number(c.word)))
        names = [c.terms for c in concepts if c.kind in ("name", "number") and c.known]
        pool, statements, seen = [], [], set()
        for cand in sorted(typed, key=lambda c: -c.score):
            if cand.coverage < floor:
                continue
            chunk = cand.passage.chunk
            text = fold(chunk.text[cand.start : cand.end])
            terms = chunk_terms_of(text, chunk.language)
            # A table row gives a breakdown (per year, per participant), not the figure a sentence states.
            if text.lower() in seen or " | " in text or not all(n & terms for n in names):
                continue
            seen.add(text.lower())
            pool.append(cand)
            statements.append(stated(text, unit=fact.unit, given=fact.given, asked=words,
                                     terms_of=lambda t, lang=chunk.language: chunk_terms_of(t, lang)))
        return [(pool[i], statements[i].figure) for i in disagreeing(statements)]

    def _parts(self, question: str, asked: str, passages: list[Passage], lexical: LexicalIndex, footnotes,
               chosen: list[Candidate], before=None) -> list[Candidate]:
        """For a question asking several things ("What is CaseSys, and why was it built?"), the best sentence for each
        part the chosen ones do not answer already: the sentences matching the whole question best often answer
        only its first part. A part is scored as a follow-up is, with the whole question for what it speaks of."""
        out: list[Candidate] = []
        have = {(c.passage.chunk.id, c.start) for c in chosen}
        wholes: dict[str | None, Fact] = {}
        for part in question_parts(asked)[:_MAX_PARTS]:
            kind = asked_type(part)
            fact = _asked_fact(question, part, lexical, kind)
            checked = kind in _CHECKED_KINDS
            if checked:
                # The figure, date or name a part asks for is stated about the names of the whole question ("Hvilket
                # tema hadde Proneo, og hvor mange bedrifter var med?" asks the count for Proneo).
                if kind not in wholes:
                    wholes[kind] = _asked_fact(question, asked, lexical, kind)
                if wholes[kind].anchors:
                    fact = replace(fact, anchors=wholes[kind].anchors, some=wholes[kind].some)
            found = [c for c in score_sentences(question, passages[: self.passages], lexical, fact, asked=part,
                                                footnotes=footnotes, before=before)
                     if not c.stray and (c.typed or not checked)]  # "who was in charge?": a sentence naming one
            top = max(found, key=lambda c: c.score, default=None)
            # A part a chosen sentence answers nearly as well is answered already.
            answered = max((c.score for c in found if (c.passage.chunk.id, c.start) in have), default=0.0)
            if top is not None and top.score >= max(self.threshold, answered / _PART_ANSWERED):
                have.add((top.passage.chunk.id, top.start))
                out.append(top)
        return out

    def _choose(self, candidates: list[Candidate], best: float, *, keep: float) -> list[Candidate]:
        picked: list[Candidate] = []
        seen: list[str] = []
        for cand in sorted(candidates, key=lambda c: -c.score):
            if len(picked) >= self.max_sentences or cand.score < max(self.threshold, keep * best):
                break
            text = fold(cand.passage.chunk.text[cand.start : cand.end]).lower()
            if any(text in s or s in text for s in seen):
                continue
            seen.append(text)
            picked.append(cand)
        return sorted(picked, key=lambda c: (c.passage_rank, c.start))


# A part of a question asking several things is answered already when a chosen sentence scores this share of the
# part's best sentence for it.
_PART_ANSWERED = 0.8
_MAX_PARTS = 4  # a question of many parts is answered for its first few (each part is one more scoring pass)


# A sentence the documents repeat with a word or two changed (a summary restating the body: "Det er, så vidt INAM kan
# se, kun ..." and "Det er også, så vidt INAM kan se, kun ...") is quoted once: this share of its words or more.
_SAME_WORDS = 0.85


def _repeats(parts: list[Citation], citations: list[Citation]) -> bool:
    """Whether the quote nearly repeats one already cited: the same figures, and words sharing _SAME_WORDS of their
    union. Sentences that differ in a figure ("113 bedrifter" and "116 bedrifter") are both quoted: the sources
    disagree."""
    words = set(re.findall(r"\w+", fold(" ".join(c.quote for c in parts)).lower()))
    if len(words) < 6:
        return False  # short lines ("Kursavgift: 10 000 kr") differ by the one word that matters
    numbers = {w for w in words if w[0].isdigit()}
    for c in citations:
        other = set(re.findall(r"\w+", fold(c.quote).lower()))
        if numbers == {w for w in other if w[0].isdigit()} and len(words & other) >= _SAME_WORDS * len(words | other):
            return True
    return False


def _stray(chunk: Chunk, sentence: str, fact: Fact) -> bool:
    """Whether the sentence states a fact of the asked kind about other names than the question gives."""
    return (bool(fact.anchors) and holds(sentence, fact.kind, unit=fact.unit, given=fact.given)
            and not names_all(fact, f"{chunk.title} {chunk.section} {sentence}"))


def _best(candidates: list[Candidate], field: str) -> tuple[float, float]:
    """The best value of a candidate field, over all candidates and over those holding the asked fact."""
    values = [(getattr(c, field), c.typed) for c in candidates]
    return max(v for v, _ in values), max((v for v, typed in values if typed), default=0.0)


def _best_first(chosen) -> list[Candidate]:
    """The passages in the order of their best sentence, each passage's sentences in reading order: the answer
    opens on what matches the question best, and a passage's sentences still read as written."""
    chosen = list(chosen)
    best: dict[str, float] = {}
    for c in chosen:
        best[c.passage.chunk.id] = max(best.get(c.passage.chunk.id, 0.0), c.score)
    return sorted(chosen, key=lambda c: (-best[c.passage.chunk.id], c.passage_rank, c.start))


def terms_note(question: str, lang: str, citations: list[Citation], passages: list[Passage]) -> str:
    """The note under an answer on a fund's terms: the documents describe them as they were, and do not settle
    current deadlines, rates or conditions; the closest source is the first one quoted."""
    texts = TEXTS.get(lang, TEXTS["en"])
    first = citations[0]
    newest = newest_year([p.chunk.date for p in passages])
    return texts["terms"].format(newest=texts["terms_newest"].format(year=newest) if newest else "",
                                 where=f"{_short(first.title)}, {texts['page']} {first.page}")


def _short(title: str) -> str:
    return title.split(" – ")[0].strip()


def _follow_on(chunk: Chunk, start: int, end: int, neighbours) -> tuple[Chunk, int, int] | None:
    """The unit after chunk.text[start:end], read in the next chunk when the sentence ends this one."""
    if chunk.text[end:].strip() or neighbours is None:
        after = next_unit(chunk.text, end)
        return (chunk, *after) if after else None
    following = neighbours(chunk)[1]
    at = following.text.find(chunk.text[start:end]) if following is not None else -1
    if at < 0:
        return None
    after = next_unit(following.text, at + end - start)
    return (following, *after) if after else None


def _antecedents(text: str, start: int, end: int, *, limit: int = 2) -> list[tuple[int, int]]:
    """The sentences before text[start:end] in its paragraph that it points back to ("Gjennomføringen tok derfor
    lenger tid", "This meant ..."), in reading order: the reason or the thing it speaks of is stated there. A
    sentence found that points back itself ("Dette var utfordrende") brings its own, up to `limit` in all."""
    out: list[tuple[int, int]] = []
    if marker(text[start:end]):
        return out  # a footnote points back to the sentence its marker stands in, not to the one before it
    spans = [(a, b) for a, b in units_of(text) if b <= start]
    while spans and len(out) < limit and refers_back(text[start:end]):
        a, b = spans.pop()
        if ("\n\n" in text[b:start] or not quotable(text[a:b]) or is_fragment(text[a:b])
                or marker(text[a:b])):
            break
        out.insert(0, (a, b))
        start, end = a, b
    return out


def _list_items(chunk: Chunk, start: int, end: int, neighbours) -> list[tuple[Chunk, int, int]]:
    """The list lines after the sentence chunk.text[start:end] ending in ":", read on into the next chunk when the
    list runs past this one (the chunks overlap, so repeated lines are dropped by the caller)."""
    spans, open_ended = list_lines(chunk.text, end)
    items = [(chunk, s, e) for s, e in spans]
    if open_ended and neighbours is not None:
        following = neighbours(chunk)[1]
        if following is not None:
            # Read on after the last line this chunk has of the list (or its opening sentence) where the next
            # chunk repeats it.
            begin = 0
            for s, e in [*spans[::-1], (start, end)]:
                at = following.text.find(chunk.text[s:e])
                if at >= 0:
                    begin = at + e - s
                    break
            more, _ = list_lines(following.text, begin, limit=max(1, 12 - len(items)))
            tail = {fold(chunk.text[s:e]) for s, e in spans}
            items += [(following, s, e) for s, e in more if fold(following.text[s:e]) not in tail]
    return items
