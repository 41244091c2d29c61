"""Who said a quote: read the attribution around it in its own sentence.

After the quote:  '“…,” said X.' / '“…,” X told reporters.' / '«…», — заявил X.' / '“…,” he said.'
Before the quote: 'X said: “…”' / 'X told reporters that … “…”' / 'According to X, “…”' / 'X: «…»' /
                  'По словам X, «…»' / 'Как сообщил X, «…»'.
Names come back in the fullest form the article uses; pronouns become the most recent named person.
When nothing in the sentence names a speaker the answer is None: a wrong name is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.pipeline.quotes.marks import Span
from bot.pipeline.quotes.names import (
    NOT_VERBS,
    NameBook,
    clean_name,
    gender,
    is_capitalized,
    key,
    tokens,
)
from bot.pipeline.quotes.vocabulary import (
    ACCORDING,
    ADDRESSED,
    COMPLEMENTS,
    DESCRIBING,
    FILLERS,
    HONORIFICS,
    OUTLET_WORDS,
    OUTLETS,
    PARTICIPLES,
    PARTICLES,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_NOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLES,
)

_WINDOW = 300  # characters of attribution read on each side: a long sentence, not a paragraph
# Tokens after a quote in which the reporting verb must appear: room for a long appositive
# (', who has proposed repealing the mandate over five years, said'); 12 -> 20 moved speaker
# accuracy on the quotes-dev TUNE part 0.821 -> 0.823 (16, 20, 24 alike).
_ATTRIBUTION_LOOKAHEAD = 20
_NAME_LOOKAHEAD = 8  # tokens after a verb in which the name must start ('said Kremlin spokesman X')
# Lower-case words skipped on the way to it: 'according to the agency's chief economist X' has 4;
# more is a clause ('according to a briefing document seen by The Mail'), not a role.
_ROLE_WORDS_MAX = 4
_APPOSITIVE = 14  # longest ', the Kremlin’s official spokesperson,' skipped between name and verb
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[\"“«„‘(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ])")
_STOPS = frozenset(".!?;…")
# Words between two quotes across which the second keeps the first one's speaker: enough for
# '“…,” Kremlin spokesman Dmitry Peskov told reporters on Monday. “…”', not for a new sentence
# that brings in someone else.
_INHERIT_GAP = 10
# Longest name (with its titles) that opens the sentence after a quote ending in '.', '!' or '?'
# and still names its speaker ('US Senator Jeff Sessions said').
_NAME_AFTER_QUOTE = 6
# '“…?” asked X' names the speaker; 'X asked Y' does not.
_INVERTED = frozenset(["asked", "asks"])
# Tokens of the sentence after a quote read for a reporting verb past the name that opens it.
_SENTENCE_TOKENS = 40
# Prepositions that make the following name an object, not the subject of a reporting verb.
_OBJECT_MARKERS = frozenset(
    [
        *("by", "to", "with", "from", "of", "for", "at", "about", "against", "than", "like"),
        *("с", "со", "к", "от", "у", "для", "о", "об", "про", "против"),
        *("von", "mit", "für", "par", "avec", "pour", "con", "por", "para", "від", "з", "для"),
    ]
)
# 'Как сообщил X', 'as said X': the name follows the verb.
_INTRODUCERS = frozenset(["как", "as", "wie", "comme", "como", "як"])
# Words after which no speaker's name follows in the same clause.
_NAME_STOPS = frozenset(
    [
        *("that", "what", "who", "which", "because", "if", "when", "while", "but", "and"),
        *("что", "который", "которая", "когда", "если", "но", "и", "потому", "чтобы", "как"),
        *("dass", "und", "aber", "que", "qu", "et", "mais", "y", "pero", "що", "який", "але"),
    ]
)
# Words after which a reporting verb's word is a noun ('the remarks', 'his tweets'); not 'a',
# which is also French ('a déclaré').
_DETERMINERS = frozenset(
    ["the", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "of"]
)
# Definite articles before a role noun that stands for a person already introduced.
_DEFINITE = frozenset(["the", "this", "der", "die", "le", "la", "l", "el"])
# Tokens of a participle's sentence in which its subject may start after an opening phrase
# ('On Thursday, after remaining neutral throughout the primary process, Warren … saying').
_PARTICIPLE_REACH = 20
# Longest clause whose opening subject is taken for the speaker of the verb that ends it.
_OPENER_CLAUSE = 6
# Longest opening phrase before the subject of a sentence that leads into a quote ('In the spring
# after the email scandal broke, Clinton …'): tokens up to its comma.
_OPENER_PHRASE = 12
# Pronouns that open a sentence leading into a quote with no reporting verb and speak it.
_LEADING_PRONOUNS = frozenset(["he", "she"])
# Lower-case words inside an institution's name ('the Center for Strategic and International
# Studies'), and the 'of'/'at' that joins a person to it.
_INSTITUTION_WORDS = frozenset(["of", "at", "the", "for", "and", "&", "on"])
# Lower-case words after a name that are not a role noun describing the next name.
_NOT_ROLES = (
    _NAME_STOPS
    | _OBJECT_MARKERS
    | SPEECH_VERBS
    | FILLERS
    | frozenset(
        ["in", "on", "at", "during", "after", "before", "said", "says", "and", "or", "of", "is"]
    )
)
# A colon's clause gives its subject as speaker only when short and simple: 'Opposition leader X
# called the vote a turning point:' has 10 words; 'Kaine has adopted the stance common among
# some Catholics in public office:' 13 tokens. 12 -> 16 on the quotes-dev TUNE part: speaker
# accuracy 0.832 -> 0.833 (14 and 16 alike).
_SIMPLE_CLAUSE = 16
_SUBORDINATE = _NAME_STOPS | frozenset(["after", "before", "as", "ask", "asks", "asked", "until"])
_CLAUSE_ENDS = frozenset(
    [",", ":", "—", "–", "-", "that", "что", "in", "on", "в", "на", "dass", "que", "що", "у"]
)
# Returned (with 'm'/'f' appended when known) by the pronoun branch; `speaker` resolves it.
_PRONOUN = "\x00pronoun:"
# Returned with a role noun appended ('the Texas senator said'); `attribute` resolves it to the
# person the article introduced with that role.
_ROLE = "\x00role:"
# Returned when a reporting verb attributes the quote to nobody named ('said an aide', 'a
# campaign official said'): no person is guessed for it, nor for the quotes that go on from it.
_NOBODY = "\x00nobody"
_DASHES = frozenset(",—–-")
# Words a paragraph may open with before its quote and still go on with the last speaker: the
# pronoun and its verb ('He added, “…”', 'She went on: “…”').
_PRONOUN_LEAD = 3
# A US party and state code after a name: 'Mitch McConnell, R-Ky., said'.
_PARTY = re.compile(r"^[RDI]-[A-Z][a-z]*$")
# An unnamed source the article still describes by a proper noun: 'said a New Hampshire
# Republican', 'another Iowa Democrat added'. The card shows that description ('a New Hampshire
# Republican'): it is how the article attributes the words, and a reader learns who spoke.
_INDEFINITE = frozenset(["a", "an", "one", "another"])
_MEMBERS = frozenset(["republican", "democrat", "independent", "libertarian"])
_DESCRIPTION_WORDS = 5


@dataclass(frozen=True, slots=True)
class Context:
    """What attribution may use besides the sentence: the previous quote in the same paragraph."""

    floor: int = 0  # offset where the previous quote in the paragraph ended
    previous: str | None = None  # that quote's speaker
    earlier: str | None = None  # the speaker of the last quote in the paragraph before
    anonymous: bool = False  # the previous quote in the paragraph went to nobody named


def speaker(
    paragraphs: list[str], span: Span, book: NameBook, context: Context = Context()
) -> str | None:
    """The quote's speaker, named as fully as the article allows; None if the text does not say."""
    return attribute(paragraphs, span, book, context)[0]


def attribute(
    paragraphs: list[str], span: Span, book: NameBook, context: Context = Context()
) -> tuple[str | None, bool]:
    """The quote's speaker and whether its own sentence names them (not a pronoun, not carried
    over from the quote before): a named speaker is the surer one."""
    where = (span.first, span.start)
    found = _after(paragraphs[span.last][span.end :], span.text, book)
    if found is None or found == _NOBODY:
        found = _before(_before_window(paragraphs, span, context.floor), book) or found
    if found == _NOBODY:
        return None, True
    if found is not None and found.startswith(_ROLE):
        return book.with_role(where, found[len(_ROLE) :]), False
    if found is not None and found.startswith(_PRONOUN):
        return _pronoun_speaker(found[len(_PRONOUN) :] or None, paragraphs, span, book, context)
    if found is not None:
        around = _before_window(paragraphs, span, context.floor)
        return book.by_honorific(
            found, f"{around} {paragraphs[span.last][span.end :][:_WINDOW]}"
        ), True
    between = paragraphs[span.first][context.floor : span.start]
    if context.anonymous and len(between.split()) <= _INHERIT_GAP:
        return None, True  # '“…,” said an aide. “…”': the same nobody goes on
    if context.previous is not None and len(between.split()) <= _INHERIT_GAP:
        # Newspaper convention: '“…,” Peskov said. “…”' — the next quote keeps the speaker.
        return context.previous, False
    if _stands_alone(paragraphs, span, context.floor):
        # A quote that is a sentence of its own goes on with the person just quoted or spoken
        # of: 'Bolton distanced himself … “I’m going to support him …”'.
        if context.previous is not None:
            return context.previous, False
        leads = not paragraphs[span.first][: span.start].strip()
        if leads and context.earlier is not None:
            return context.earlier, False
        return book.recent(where, None), False
    lead_in = _before_window(paragraphs, span, context.floor).lstrip()
    if lead_in[:1].isupper():
        # A quote inside a sentence with no reporting verb goes to the person the sentence is
        # about: 'Moore thanked him for “…”', 'Trump … then leaned in and boomed: “…”'. Only
        # from the sentence's start: a lead-in cut by an earlier quote ('“Scandal,” thanked
        # Obama for “…”') has lost its subject.
        words = tokens(lead_in)
        name = _subject(words, book) or _subject_after_opener(words, book)
        if name is not None:
            return book.full(name), False
        if words[0].lower() in _LEADING_PRONOUNS and words[1:2] and words[1].islower():
            # 'He anticipated that the biggest challenge would be “…”', 'She then addressed
            # the supporters again: “…”': the person the pronoun stands for.
            want = PRONOUNS[words[0].lower()]
            before = paragraphs[span.first][: span.start]
            at = span.start - len(lead_in) if before.endswith(lead_in) else span.start
            return _pronoun_speaker(want, paragraphs, span, book, context, at)
    return None, False


def _pronoun_speaker(
    want: str | None,
    paragraphs: list[str],
    span: Span,
    book: NameBook,
    context: Context,
    at: int | None = None,
) -> tuple[str | None, bool]:
    """The person a pronoun speaker ('he said') stands for: the previous quote's speaker when
    the gender fits, else the last person of that gender named before offset `at` (the quote's
    start unless the pronoun comes earlier)."""
    # The quote opens its paragraph, or only the pronoun's own clause comes first ('He
    # added, “…”'): the paragraph goes on with the speaker of the one before.
    opening = paragraphs[span.first][context.floor : span.start].split()
    leads = len(opening) <= _PRONOUN_LEAD and (not opening or opening[0].lower() in PRONOUNS)
    for carried in (context.previous, context.earlier if leads else None):
        if carried is not None and gender(tuple(carried.split())) in (None, want):
            return carried, False
    return book.recent((span.first, span.start if at is None else at), want), False


def _subject_after_opener(words: list[str], book: NameBook) -> tuple[str, ...] | None:
    """The subject after an opening phrase that names no one: 'Immediately after the attacks,
    Trump issued a statement, “…”'."""
    comma = next((i for i, w in enumerate(words[:_OPENER_PHRASE]) if w == ","), None)
    if comma is None or any(is_capitalized(w) for w in words[1:comma]):
        return None
    if comma + 1 >= len(words) or not is_capitalized(words[comma + 1]):
        return None  # 'Eight years ago, he supported Barack Obama and said, “…”'
    name = _subject(words[comma + 1 :], book)
    if name is None:
        return None
    return name if _verb_follows(words[comma + 1 :], name) else None


def _verb_follows(words: list[str], name: tuple[str, ...]) -> bool:
    """Whether a lower-case word (the verb) follows the name in the clause it opens."""
    last = name[-1]
    for i, word in enumerate(words[:-1]):
        if word == last or word.startswith(last):
            following = words[i + 1]
            return following.isalpha() and following.islower() and following not in NOT_VERBS
    return False


def _stands_alone(paragraphs: list[str], span: Span, floor: int) -> bool:
    """Whether the quote is a sentence (or paragraph) of its own, with no attribution around it."""
    before = paragraphs[span.first][max(floor, span.start - _WINDOW) : span.start].rstrip()
    opens = not before.strip(" -—–") or before[-1:] in ".!?…"
    if not opens:
        return False
    after = paragraphs[span.last][span.end :].lstrip()
    return not after or (
        span.text[-1:] in ".!?…" and not (after[0] in _DASHES or after[0].islower())
    )


def _before_window(paragraphs: list[str], span: Span, floor: int) -> str:
    """The sentence text before the opening mark; a lead-in paragraph ending in ':' counts."""
    text = _last_sentence(paragraphs[span.first][max(floor, span.start - _WINDOW) : span.start])
    if not text.strip() and span.first > 0 and paragraphs[span.first - 1].rstrip().endswith(":"):
        text = _last_sentence(paragraphs[span.first - 1][-_WINDOW:])
    return text


def _last_sentence(text: str) -> str:
    """The end of `text` from its last sentence boundary ('Mr.', 'U.S.' are not boundaries)."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
        if len(word) > 3 and "." not in word:
            start = match.end()
    return text[start:]


def _after(text: str, quote: str, book: NameBook) -> str | None:
    """Attribution that follows the quote in the same sentence ('“…,” he said.')."""
    text = text[:_WINDOW]
    stripped = text.lstrip()
    if not stripped:
        return None
    continues = stripped[0] in _DASHES or stripped[0].islower() or quote[-1:] not in ".!?…"
    if not continues:
        # '“… done.” Next sentence' — what follows is not this quote's attribution, unless it
        # is only a name and a reporting verb ('“… missing.” Trump said.', '“…!” Sen. X said as')
        return _name_then_verb(_clause(tokens(stripped)), book)
    words = _clause(tokens(stripped))
    while words and words[0] in _DASHES:
        words = words[1:]
    found = _attribution(words, book, quote_first=False)
    if found is None or found == _NOBODY:
        return _opening_name(_sentence(tokens(stripped)), book) or found
    return found


def _opening_name(words: list[str], book: NameBook) -> str | None:
    """The name that opens the words after a quote when a reporting verb ends their clause
    further on, past a description too long or too odd to parse: '“…,” Harry Bond, 30, of
    Raleigh, N.C., who was among those polled, said', '“…” Texas delegate Bill Eastland,
    wearing “Ted Cruz” campaign pins, said'."""
    name = _subject(words, book)
    if name is None:
        return None
    lowered = [w.lower() for w in words]
    if not any(w in SPEECH_VERBS and _is_verb(words, lowered, i) for i, w in enumerate(lowered)):
        return None
    return book.full(name)


def _sentence(words: list[str]) -> list[str]:
    """Tokens up to the end of the sentence, without the words of quotations inside it: in
    '“…,” Rubio already “paid … and he said he made a mistake.”' nobody says the first quote."""
    out: list[str] = []
    inside = False
    for i, word in enumerate(words[:_SENTENCE_TOKENS]):
        if _ends_sentence(words, i):
            break
        if word in '“”«»„"':
            inside = word in "“«„" or (word == '"' and not inside)
        elif not inside:
            out.append(word)
    return out


def _name_then_verb(words: list[str], book: NameBook) -> str | None:
    """The speaker of a sentence that opens with a name and its reporting verb, after a quote
    that ended its own sentence: 'US Senator Jeff Sessions said as he launched the process.'"""
    lowered = [w.lower() for w in words]
    for verb in range(1, min(len(words), _NAME_AFTER_QUOTE + 1)):
        if lowered[verb] in SPEECH_VERBS:
            break
        if not (
            words[verb - 1][:1].isupper() or words[verb - 1] == "." or lowered[verb - 1] in FILLERS
        ):
            return None
    else:
        return None
    if lowered[verb] in PRONOUNS or lowered[verb] not in SPEECH_VERBS:
        return None
    name = _run_before(words, verb, book)
    if name is None or (len(name) == 1 and not book.knows(name)):
        return None
    return book.full(name)


def _before(text: str, book: NameBook) -> str | None:
    """Attribution that leads into the quote ('X said: “…”', 'По словам X, «…»')."""
    words = tokens(text)
    found = _attribution(words, book, quote_first=True)
    if found in (None, _NOBODY) and len(words) >= 2 and words[-1] == ":":
        # 'X: «…»', or a clause whose subject introduces the quote ('X called it a turning point:')
        name = _run_before(words, len(words) - 1) or _clause_subject(words, book)
        if name is not None and (len(name) > 1 or book.knows(name)):
            return book.full(name)
    return found


def _clause_subject(words: list[str], book: NameBook) -> tuple[str, ...] | None:
    """The subject of the simple clause that ends in the colon ('X was frank:'), if it is one.

    A clause with a subordinate part ('X … when she heard a boy ask his mum:') may hand the
    quote to someone else, so it gives no subject."""
    starts = [0] + [i + 1 for i, word in enumerate(words) if word == ","]
    for start in (s for s in starts if len(words) - s <= _SIMPLE_CLAUSE):
        clause = words[start:]
        if any(w.lower() in _SUBORDINATE for w in clause):
            continue
        name = _subject(clause, book)
        if name is not None:
            return name
    return None


def _subject(words: list[str], book: NameBook) -> tuple[str, ...] | None:
    """The name opening a clause, after at most a few role words ('Opposition leader X ...').

    A lone capitalized word counts only when the article names that person in full elsewhere:
    a sentence's first word is capitalized whatever it is."""
    i = 0
    while i < min(len(words), 4):
        if is_capitalized(words[i]):
            end = i
            while end < len(words) and (_namelike(words[end]) or _joins(words, end)):
                end += 1
            name = clean_name(words[i:end], words[i - 1] if i else "") or _surname(
                words[i:end], book
            )
            if name is not None and (len(name) > 1 or book.knows(name)):
                return name
            i = end
        elif words[i][:1].isalpha():
            i += 1
        else:
            return None
    return None


def _clause(words: list[str]) -> list[str]:
    """Tokens up to the end of the sentence or the next quotation."""
    for i, word in enumerate(words):
        if word == "." and i > 0 and _abbreviation(words[i - 1]):
            continue  # 'said Mr. Peskov', 'said J. K. Rowling'
        if word in _STOPS or word in '“”«»„"' or i >= 40:
            return words[:i]
    return words


def _ends_sentence(words: list[str], i: int) -> bool:
    """Whether token `i` ends the sentence: an end mark, not an abbreviation's full stop ('Mr.')."""
    return words[i] in _STOPS and not (words[i] == "." and i > 0 and _abbreviation(words[i - 1]))


def _abbreviation(word: str) -> bool:
    return (
        (len(word) == 1 and word.isupper())
        or ("." in word and word[:1].isupper() and len(word) <= 6)  # 'D-N.Y' in '(D-N.Y.)', 'U.S'
        or word.lower() in HONORIFICS | TITLES
        or bool(_PARTY.match(word))
    )


def _attribution(words: list[str], book: NameBook, quote_first: bool) -> str | None:
    """The speaker named by a reporting verb or 'according to' in a clause."""
    lowered = [w.lower() for w in words]
    according = _according(lowered)
    if according is not None:
        name = _run_after(words, according, book)
        if name is None:
            end = according
            while end < len(words) and _org_word(words[end]):
                end += 1
            if end > according:
                found = _organisation(words, lowered, end - 1, according)
                if found is not None:
                    return found  # 'according to CNN'
        if name is not None:
            genitive = lowered[according - 1] in ("словам", "мнению", "словами", "думку")
            return book.full(name, genitive=genitive)
    span = range(min(len(words), _ATTRIBUTION_LOOKAHEAD)) if not quote_first else range(len(words))
    verbs = [i for i in span if lowered[i] in SPEECH_VERBS and _is_verb(words, lowered, i)]
    if not verbs:
        found = _participle(words, lowered, book)
        if found is None and quote_first:
            found = _describing(words, lowered, book)
        return found
    verb = verbs[0] if not quote_first else verbs[-1]
    return _around_verb(words, lowered, verb, book, quote_first)


def _is_verb(words: list[str], lowered: list[str], i: int) -> bool:
    """Whether a reporting verb's word is used as a verb: not capitalized inside a sentence
    ('the United States'), not a noun after a determiner, a possessive or a compound adjective
    ('a flurry of late-night tweets', 'his remarks', 'Trump’s comments')."""
    if i == 0:
        return True
    if words[i] != lowered[i]:
        return False
    before = words[i - 1]
    return not (
        before.lower() in _DETERMINERS
        or _possessive(before)
        or ("-" in before and before.islower())
    )


def _describing(words: list[str], lowered: list[str], book: NameBook) -> str | None:
    """'X called it “…”', 'X describes her as “…”': the subject just before the verb."""
    verbs = [i for i, w in enumerate(lowered) if w in DESCRIBING]
    if not verbs:
        return None
    subject = _subject_index(lowered, verbs[-1])
    if subject is not None and lowered[subject] in PRONOUNS:
        return _pronoun(_gender(lowered[verbs[-1]], lowered[subject]))
    name = _run_before(words, verbs[-1], book)
    if name is None or (len(name) == 1 and not book.knows(name)):
        return None
    return book.full(name)


def _according(lowered: list[str]) -> int | None:
    """Index of the first word after 'according to' / 'по словам' / 'as … put', if present."""
    for i in range(len(lowered) - 1):
        for first, second in ACCORDING:
            if not second and lowered[i] == first:
                return i + 1  # 'selon X', 'según X', 'laut X'
            if lowered[i] == first and lowered[i + 1] == second:
                return i + 2
            if first == "as" and lowered[i] == "as" and second in lowered[i + 2 : i + 6]:
                return i + 1
    return None


def _pronoun(want: str | None) -> str:
    """A pronoun speaker, as a marker `speaker` resolves (it knows the previous quote's speaker)."""
    return _PRONOUN + (want or "")


def _around_verb(
    words: list[str],
    lowered: list[str],
    verb: int,
    book: NameBook,
    quote_first: bool,
) -> str | None:
    """The name or pronoun before the verb ('X said', 'он сказал') or after it ('said X')."""
    after = lowered[verb + 1] if verb + 1 < len(words) else ""
    if lowered[verb] in PRONOUNS:
        return _pronoun(PRONOUNS[lowered[verb]])  # 'a-t-il déclaré', 'dit-elle'
    if after in PRONOUNS:
        return _pronoun(_gender(lowered[verb], after))
    subject = _subject_index(lowered, verb)
    if (
        subject is not None
        and lowered[subject] == "who"
        and subject > 1
        and words[subject - 1] == ","
    ):
        start = _name_start(words, subject - 1)  # 'from Mike Lee, who declared, “…”'
        name = clean_name(words[start : subject - 1], words[start - 1] if start else "")
        if name is not None and (len(name) > 1 or book.knows(name)):
            return book.full(name)
    if subject is not None:
        if lowered[subject] in PRONOUNS:
            return _pronoun(_gender(lowered[verb], lowered[subject]))
        name = _run_before(words, verb, book)
        if name is not None:
            return book.full(name)
        described = _description_before(words, lowered, subject) or _organisation(
            words, lowered, subject
        )
        if described is not None:
            return described  # '“…,” another New Hampshire Republican added', 'Fox News said'
        if lowered[subject] in ROLE_NOUNS and _definite(lowered, subject):
            return _ROLE + lowered[subject]  # 'the Texas senator said'
        if quote_first:
            found = _clause_opener(words, lowered, verb, book)
            if found is not None:
                return found  # 'He went on to say …', 'Cruz then moved to tell them …'
        if words[subject][:1].isalnum() and lowered[subject] not in _INTRODUCERS:
            # The subject is no name ('his son wrote on Facebook'): nobody named. Before a quote
            # the clause may be about something else ('the memo said … Bolton: “…”'), so the
            # quote may still go on with the speaker before it.
            return _NOBODY if not quote_first else None
    inverted = verb == 0 and not quote_first and lowered[verb] in _INVERTED
    if lowered[verb] not in ADDRESSED or inverted:  # 'told X' names the listener
        name = _run_after(words, verb + 1, book, closing=quote_first)
        if name is not None:
            return book.full(name)
    if not quote_first and verb == 0 and lowered[1:2] and lowered[1] in _INDEFINITE:
        # '“…,” said a New Hampshire Democrat': described, else nobody ('said an aide').
        return _description(words, lowered, 1) or _NOBODY
    if not quote_first and all(w in FILLERS for w in lowered[:verb]):
        role = _role_after(lowered, verb)
        if role is not None:
            return _ROLE + role  # '“…,” said the senator', '«…», — сказал министр'
    return None


def _description(words: list[str], lowered: list[str], start: int) -> str | None:
    """'a New Hampshire Republican' from the indefinite article at `start`: capitalised words
    that end in a party member's noun and end the phrase; None for anything else."""
    end = start + 1
    while end < len(words) and end - start <= _DESCRIPTION_WORDS and is_capitalized(words[end]):
        end += 1
    run = words[start + 1 : end]
    if not run or lowered[end - 1] not in _MEMBERS or (end < len(words) and words[end][:1] == "("):
        return None
    article = "an" if run[0][:1] in "AEIOU" else "a"
    return " ".join([article, *run])


def _organisation(
    words: list[str], lowered: list[str], last: int, first: int | None = None
) -> str | None:
    """The news outlet or organisation whose name ends at `last` and is the verb's subject ('Fox
    News reported', 'the ACU said in a statement', 'according to CNN'): a known outlet, a name
    ending in an outlet's word ('… Times', '… News') or an acronym, opening its clause (after
    'the', a comma or nothing). Shown without the article ('New York Times')."""
    start = last
    while start > (first if first is not None else 0) and _org_word(words[start - 1]):
        start -= 1
    run = words[start : last + 1]
    if not run or not all(_org_word(w) for w in run):
        return None
    head = run[-1].lower()
    acronym = len(run) == 1 and run[0].isupper() and run[0].isalpha() and 2 <= len(run[0]) <= 5
    if not (acronym or head in OUTLET_WORDS or (len(run) == 1 and head in OUTLETS)):
        return None
    opener = lowered[start - 1] if start > 0 else ""
    if first is None and opener not in ("", "the", ",", ".", "“", '"', "”"):
        return None
    return " ".join(run[1:] if run[0].lower() == "the" else run) or None


def _description_before(words: list[str], lowered: list[str], last: int) -> str | None:
    """The description that ends at `last` ('another New Hampshire Republican' before 'added')."""
    if lowered[last] not in _MEMBERS:
        return None
    start = last
    while start > 0 and last - start < _DESCRIPTION_WORDS and is_capitalized(words[start]):
        start -= 1
    if lowered[start] not in _INDEFINITE:
        return None
    return _description(words, lowered, start)


def _clause_opener(words: list[str], lowered: list[str], verb: int, book: NameBook) -> str | None:
    """The pronoun or name that opens a short clause ending in the verb ('He went on to say',
    'On Wednesday, he seemed to indicate … warning'): that clause's subject speaks."""
    start = max((i + 1 for i in range(verb) if words[i] in ",;:"), default=0)
    clause = lowered[start:verb]
    if not clause or len(clause) > _OPENER_CLAUSE or any(w in _NAME_STOPS for w in clause):
        return None
    if clause[0] in PRONOUNS:
        return _pronoun(PRONOUNS[clause[0]])
    name = _subject(words[start:verb], book)
    return book.full(name) if name is not None else None


def _role_after(lowered: list[str], verb: int) -> str | None:
    """The role noun that ends a short 'said the senator' / 'сказал министр' clause, if any."""
    rest = lowered[verb + 1 : verb + 5]
    for i, word in enumerate(rest):
        if word in ROLE_NOUNS and (i + 1 == len(rest) or rest[i + 1] in _CLAUSE_ENDS | _STOPS):
            articled = i == 0 or rest[0] in _DEFINITE
            return word if articled and not any(w in _NAME_STOPS for w in rest[:i]) else None
    return None


def _definite(lowered: list[str], noun: int) -> bool:
    """Whether a role noun is a definite description ('the Texas senator', 'the former
    secretary of state'), which means someone the article has introduced."""
    before = lowered[max(0, noun - 4) : noun]
    if "and" in before:  # 'the independent Vermont senator and Democratic presidential candidate'
        before = lowered[max(0, noun - 8) : noun]
    return any(w in _DEFINITE for w in before)


def _participle(words: list[str], lowered: list[str], book: NameBook) -> str | None:
    """'X rejected it, saying “…”': the clause's subject, when the clause starts with a name."""
    if not any(w in PARTICIPLES for w in lowered):
        return None
    if lowered and lowered[0] in PRONOUNS:
        return _pronoun(PRONOUNS[lowered[0]])  # 'He then defended the remark, saying, “…”'
    opener = lowered.index(",") + 1 if "," in lowered[:_OPENER_CLAUSE] else 0
    if opener and opener < len(lowered) and lowered[opener] in PRONOUNS:
        return _pronoun(PRONOUNS[lowered[opener]])  # 'On Wednesday, he …, warning that “…”'
    name = _subject(words, book)
    for comma in (i for i, w in enumerate(words[:_PARTICIPLE_REACH]) if w == ","):
        if name is not None:
            break
        name = _subject(words[comma + 1 :], book)  # 'In a press conference, Trump …, calling'
    return book.full(name) if name is not None else None


def _gender(verb: str, pronoun: str) -> str | None:
    if verb.endswith("ла"):
        return "f"
    return PRONOUNS.get(pronoun)


def _subject_index(lowered: list[str], verb: int) -> int | None:
    """Index of the word the verb's subject ends on, skipping 'also', 'has' and the like."""
    i = verb - 1
    if i > 0 and lowered[i] == "," and lowered[i - 1] == ")":
        i -= 1  # 'Gov. John Kasich (R-OH), said'
    if (
        i >= 2
        and lowered[i] == "and"
        and lowered[i - 1].endswith("ed")
        and lowered[i - 1].isalpha()
    ):
        i -= 2  # 'she laughed and admitted', 'Trump paused and added': the first verb's subject
    while i >= 0 and (lowered[i] in FILLERS or lowered[i] == ")"):
        if lowered[i] == ")":  # 'Rep. John Mica (R-Fla.) said'
            opening = next((j for j in range(i - 1, max(-1, i - 8), -1) if lowered[j] == "("), None)
            if opening is None:
                break
            i = opening
        i -= 1
    return i if i >= 0 else None


def _run_before(words: list[str], end: int, book: NameBook | None = None) -> tuple[str, ...] | None:
    """The name ending just before `end` (skipping fillers and one appositive between commas)."""
    lowered = [w.lower() for w in words]
    i = _subject_index(lowered, end)
    if i is None:
        return None
    if words[i] == ",":
        opening = _appositive_start(words, i)
        if opening is None:
            return _named_appositive(words, i)
        i = opening - 1
    start = _name_start(words, i + 1)
    if start > 0 and words[start - 1].lower() in _OBJECT_MARKERS:
        # 'The memo, edited by X, …, says': X is not who speaks; but in 'Jeffrey Lewis of the
        # James Martin Center for Nonproliferation Studies wrote' the person comes before 'of'.
        return _name_of_institution(words, start)
    if start > 1 and words[start - 1].lower() in ("and", "&"):
        # 'David Albright of the Institute for Science and International Security wrote': the
        # run after 'and' ends an institution's name when a person comes before its 'of'.
        person = _name_of_institution(words, start)
        if person is not None:
            return person
    before = words[start - 1] if start > 0 else ""
    if start > i:
        return None
    name = clean_name(words[start : i + 1], before)
    return name if name is not None or book is None else _surname(words[start : i + 1], book)


def _surname(run: list[str], book: NameBook) -> tuple[str, ...] | None:
    """A lone title word that is the surname of someone the article names in full ('Dean' for
    Howard Dean, 'King'): `clean_name` alone takes it for a title."""
    if len(run) != 1 or not is_capitalized(run[0]):
        return None
    name = (run[0],)
    return name if book.knows(name) and book.people[key(run[0])].forms else None


def _name_of_institution(words: list[str], start: int) -> tuple[str, ...] | None:
    """The full name before 'of'/'at' and an institution's name that ends at the verb."""
    i = start - 1
    while i > 0 and (_namelike(words[i]) or words[i].lower() in _INSTITUTION_WORDS):
        if words[i].lower() in ("of", "at") and _namelike(words[i - 1]):
            end = i
            first = _name_start(words, end)
            name = clean_name(words[first:end], words[first - 1] if first else "")
            return name if name is not None and len(name) > 1 else None
        i -= 1
    return None


def _named_appositive(words: list[str], comma: int) -> tuple[str, ...] | None:
    """The name set off by commas after a description, just before the verb: 'the presumptive
    GOP presidential nominee, Donald Trump, tweeted'."""
    start = _name_start(words, comma)
    if start == comma or start < 2 or words[start - 1] != ",":
        return None
    if not (words[start - 2].isalpha() and words[start - 2].islower()):
        return None
    name = clean_name(words[start:comma], ",")
    return name if name is not None and len(name) > 1 else None


def _name_start(words: list[str], end: int) -> int:
    """Where the name that ends just before `end` starts (`end` when no name ends there)."""
    start = end
    while start > 0 and (_namelike(words[start - 1]) or _joins(words, start - 1)):
        start -= 1
    return start


def _joins(words: list[str], i: int) -> bool:
    """A full stop or initial inside a name ('J. K. Rowling', 'Mr. Peskov'), or a particle
    between two of its words ('Luis de la Fuente')."""
    if words[i] in PARTICLES:
        j = i
        while j < len(words) and words[j] in PARTICLES:
            j += 1
        return (
            i > 0
            and j < len(words)
            and is_capitalized(words[j])
            and (is_capitalized(words[i - 1]) or words[i - 1] in PARTICLES)
        )
    if words[i] != "." or i == 0 or not words[i - 1][:1].isupper():
        return False
    return len(words[i - 1]) <= 3 or words[i - 1].lower() in TITLES  # 'Navy Capt. Jeff Davis'


def _appositive_start(words: list[str], comma: int) -> int | None:
    """Index of the comma that opens the appositive closed at `comma`, if one is near."""
    for i in range(comma - 1, max(-1, comma - _APPOSITIVE), -1):
        if words[i] == ",":
            if i + 1 >= comma:
                return None
            inner = words[i + 1 : comma]
            # ', the Kremlin’s spokesperson,' / ', Sanders’ campaign manager,' / ', R-Ky.,'
            described = any(w[:1].islower() for w in inner) or bool(_PARTY.match(inner[0]))
            return i if not is_capitalized(words[i + 1]) or described else None
        if _ends_sentence(words, i):
            return None
    return None


def _run_after(
    words: list[str], start: int, book: NameBook, closing: bool = False
) -> tuple[str, ...] | None:
    """The first name after `start`, skipping roles and titles ('said Kremlin spokesman X').

    With `closing`, the name must end the clause ('said X:', 'заявил X, что'), so that in
    'Peskov said Putin would “…”' Putin is not taken for the speaker.
    """
    i = start
    limit = min(len(words), start + _NAME_LOOKAHEAD)
    skipped = 0
    while i < limit and skipped <= _ROLE_WORDS_MAX:
        word = words[i]
        if is_capitalized(word):
            end = i
            while end < len(words) and (_namelike(words[end]) or _joins(words, end)):
                end += 1
            name = clean_name(words[i:end], words[i - 1] if i else "")
            complement = i > start and words[i - 1].lower() in COMPLEMENTS
            if complement and name is not None and len(name) == 1 and not book.knows(name):
                name = None  # 'la ministre du Travail, X', 'a spokesman for Aena'
            if name is not None and (_modifier(words, end) or _possessive(words[end - 1])):
                name = None  # 'said Virginia delegate Beau Correll', 'Clinton’s aide X'
            if name is not None and i > start and words[i - 1].lower() in ("a", "an"):
                name = None  # 'according to an Associated Press-GfK poll': a name as adjective
            if name is not None and _whole(name, words, end, book):
                return name if not closing or _ends_clause(words, end) else None
            i = end
        elif (word[:1].isalnum() and word.lower() not in _NAME_STOPS) or word in ("’", "'", "/"):
            skipped += word[:1].islower()
            i += 1  # roles and descriptions: 'said union leader X', 'заявил глава МИД России X'
        elif word == "," and skipped and i + 1 < limit and is_capitalized(words[i + 1]):
            i += 1  # 'afirmó la alcaldesa, María José Catalá'
        else:
            return None
    return None


def _modifier(words: list[str], end: int) -> bool:
    """Whether the name ending at `end` only describes the next one: a role and a name follow
    ('Virginia delegate Beau Correll', 'Clinton spokesman Brian Fallon')."""
    i = end
    while i < min(len(words), end + 3) and words[i].islower() and words[i] in PERSON_ROLES:
        i += 1
    if end < i < len(words) and is_capitalized(words[i]):
        return True
    # A role noun the lists lack, before a full name: 'Latino Decisions researcher Sylvia
    # Manzano', 'Blaze co-host Stu Burguiere'.
    i = end
    while i < min(len(words), end + 2) and words[i].islower() and words[i] not in _NOT_ROLES:
        i += 1
    return end < i < len(words) - 1 and is_capitalized(words[i]) and is_capitalized(words[i + 1])


def _possessive(word: str) -> bool:
    """A possessive ('Clinton’s', 'Sanders’'): the name only says whose the next person is."""
    return word.endswith(("’s", "'s", "s’", "s'"))


def _ends_clause(words: list[str], end: int) -> bool:
    """Whether the clause ends after a name at `end` (roles like 'журналистам' may intervene)."""
    i = end
    while (
        i < len(words) and words[i].lower() in ROLE_WORDS and words[i].lower() not in ("in", "on")
    ):
        i += 1
    return i >= len(words) or words[i].lower() in _CLAUSE_ENDS


def _whole(name: tuple[str, ...], words: list[str], end: int, book: NameBook) -> bool:
    """Whether a name run is the speaker's whole name, not a word before it ('Labour MP X')."""
    if len(name) > 1 or book.knows(name) or end >= len(words):
        return True
    return not words[end][:1].isupper()


def _org_word(word: str) -> bool:
    """A word of an organisation's name: a name's word or an acronym ('CNN', 'ACU')."""
    return _namelike(word) or (word.isupper() and word.isalpha())


def _namelike(word: str) -> bool:
    """A word that can be part of a name: capitalized, or an initial ('Derek E Mix')."""
    return is_capitalized(word) or (len(word) == 1 and word.isupper())
