"""Person names in an article: spot them, strip titles, map short or inflected forms to full names.

'Kremlin spokesman Dmitry Peskov' -> ('Dmitry', 'Peskov'); a later 'Peskov' -> 'Dmitry Peskov';
Russian 'Пескова' (genitive) -> 'Дмитрий Песков' when the article names him in full somewhere.
"""

# Russian endings and typographic apostrophes are data here
from __future__ import annotations

import bisect
import functools
import importlib.resources
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.pipeline.quotes.vocabulary import (
    ADDRESSED,
    COMPLEMENTS,
    GERMAN_ROLE_ENDINGS,
    HONORIFICS,
    NOT_NAMES,
    PARTICLES,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_ABBREVIATIONS,
    ROLE_NOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    SURNAMES_TOO,
    TITLES,
)
from bot.pipeline.text.words import WORD, is_title_case

# Words with inner hyphens/apostrophes/dots (Jean-Pierre, O'Brien, U.S); punctuation mark by mark.
# Separators are not word characters, so the pattern cannot backtrack catastrophically.
TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_UKRAINIAN = re.compile(r"[іїєґ]", re.IGNORECASE)
# Russian case endings, longest first: stripping them gives one key for Песков/Пескова/Песковым.
_RU_ENDINGS = (
    "ого", "его", "ому", "ему", "ыми", "ими", "ием", "ией", "ой", "ей", "ый", "ий", "ая", "яя",
    "ую", "юю", "ым", "им", "ом", "ем", "ия", "ии", "ию", "ея", "ею",
    "а", "я", "у", "ю", "е", "ы", "и",
)  # fmt: skip
# Mentions looked back over for a pronoun: a few paragraphs of news text.
_PRONOUN_REACH = 12
# How many times more often one first name must go with a surname than any other for the bare
# surname to stand for it: the 'clear majority' `_Person.gender` also asks of its evidence.
_PREVAILS = 2
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")


def tokens(text: str) -> list[str]:
    """Words and punctuation marks of a short window of text."""
    return TOKEN.findall(text)


def is_capitalized(token: str) -> bool:
    """An upper-case first letter and a lower-case letter after it ('Smith', 'McCain'; not 'NATO')."""
    # Given a cased first letter, `not isupper()` means some letter is not upper case.
    return token[:1].isupper() and not token.isupper()


def _is_initial(token: str) -> bool:
    return len(token) == 1 and token.isupper()


def _bare(token: str) -> str:
    """A token without a possessive ending ("Kremlin’s" -> "Kremlin")."""
    for suffix in ("’s", "'s"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


# Title words that describe a role without being one: 'Former Vermont' is no person.
_DESCRIPTORS = frozenset(
    [
        "former",
        "acting",
        "then",
        "senior",
        "top",
        "national",
        "security",
        "state",
        "vice",
        "u.s",
        "us",
        "uk",
        "un",
        "u.n",
        "eu",
        "nato",
    ]
)
# After these a name run may start with a place ('a delegate from Colorado Kendal Unruh').
_PREPOSITIONS = frozenset(["from", "in", "at", "by", "with", "to", "on", "about", "against"])
# Function words that open a sentence ('And Patrick says'): cut, but no sign of an institution.
_FUNCTION = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "they",
        "he",
        "she",
        "i",
        "you",
        "our",
        "their",
        "his",
        "her",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "after",
        "before",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "of",
        "to",
        "with",
        "as",
        "meanwhile",
        "however",
        "still",
        "later",
        "earlier",
        "then",
        "there",
        "here",
        "what",
        "who",
        "why",
        "how",
        # Sentence openers seen joined to a surname in quotes-dev TUNE articles ('Though Kaine
        # has described himself …' made 'Though' a first name of Tim Kaine).
        *("though", "although", "because", "since", "unless", "whether", "where", "once"),
        *("now", "also", "even", "only", "just", "like", "unlike", "despite", "during", "under"),
        *("over", "without", "among", "between", "through", "both", "all", "every", "each"),
        *("many", "most", "some", "several", "says", "said", "asked", "according", "instead"),
        *("indeed", "yes", "no", "not", "thanks", "dear", "sorry", "well", "perhaps", "maybe"),
    ]
)
_CONTRACTIONS = frozenset(
    [
        *("i'm", "i've", "i'd", "i'll", "we're", "we'll", "we've", "it's", "that's", "there's"),
        *("he's", "she's", "they're", "you're", "let's", "don't", "can't", "won't", "isn't"),
    ]
)
# Month names that are also first names.
_GIVEN = frozenset(["jan", "may", "june", "april", "august"])


def clean_name(run: list[str], before: str = "", whole: bool = False) -> tuple[str, ...] | None:
    """The person's name in a run of capitalized words, titles and places stripped (None: none).

    Everything up to the last title or institution word goes ('New Jersey Gov. Chris Christie',
    'Democratic Rep. Dina Titus'). A single word left after an institution, acronym or party
    ('JAMA Psychiatry', 'New Yorker') is no name; after a title ('Sen. Cruz') it is. `before` is
    the token before the run: three names are kept whole only after a comma, a reporting verb or
    a lower-case role ('afirmó la alcaldesa, María José Catalá'), where nothing of the sentence
    (a place, a role noun at its start) can have joined them."""
    kept = [w for w in run if w != "."]
    if any(w.lower().replace("’", "'") in _CONTRACTIONS for w in kept):
        return None  # 'I’m', 'We’ll': a quoted sentence's first word, not a name
    owners = [i for i, w in enumerate(kept[:-1]) if w != _bare(w)]
    words = [_bare(w) for w in kept]
    cut, titled = (owners[-1] + 1, True) if owners else (0, False)  # 'The Atlantic’s Jeffrey G.'

    for i, word in enumerate(words):
        if i < cut:
            continue
        lowered = word.lower()
        if i == cut and lowered in _FUNCTION and i < len(words) - 1:
            cut = i + 1  # 'Though Kaine has said', 'Although Klein': a sentence's first word
            continue
        if i == len(words) - 1 and i > 0 and cut <= i - 1 and lowered in TITLES:
            break  # a title word ends a name as its surname: 'Howard Dean', 'Martin Luther King'
        if word in PARTICLES:
            continue  # 'del' in 'Rubén del Campo' (a title only capitalized: 'Del. Plaskett')
        # 'Oscar-winner Sarandon', 'Texas-based': a compound role, not a first name.
        title = lowered in TITLES or _german_role(lowered) or _compound_role(word)
        if lowered in _GIVEN and i + 1 < len(words):
            continue  # 'Jan Schenk', 'April Ryan': a month is a first name before a surname
        if lowered in SURNAMES_TOO and not title and _surname_after_first_name(words, i, cut):
            continue  # 'Marty West', 'Don Guardian', 'Kerry Washington': a surname, not a place
        if title or lowered in NOT_NAMES or (word.isupper() and not _is_initial(word)):
            if lowered in _FUNCTION:
                cut, titled = i + 1, titled  # 'And Patrick says': a sentence's first word
                continue
            cut, titled = i + 1, title and lowered not in _DESCRIPTORS
    stripped = cut > 0 and not all(w.lower() in _FUNCTION for w in words[:cut])
    words = words[cut:]
    if not words or (stripped and not titled and len(words) == 1):
        return None
    while words and words[0] in PARTICLES:
        words.pop(0)
    while words and words[-1] in PARTICLES:
        words.pop()
    if not words or not all(is_capitalized(w) or _is_initial(w) or w in PARTICLES for w in words):
        return None
    if _is_initial(words[-1]):
        return None
    return _trim(words, bounded=whole or titled or (not stripped and _bounds(before)))


def _surname_after_first_name(words: list[str], i: int, cut: int) -> bool:
    """Whether the run's last word follows a common first name that is itself no place, party or
    title ('Marty West', 'Michael Bloomberg'; not 'Washington West')."""
    if i != len(words) - 1 or i <= cut:
        return False
    first = words[i - 1].lower()
    return first in _census_shares() and first not in NOT_NAMES | TITLES | _FUNCTION


def _prevailing(forms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The forms of the one person a surname stands for when its first names differ only as
    variants ('Ken'/'Kenneth', 'B.'/'Bernie'), one of them clearly prevails (Donald Trump named
    five times, 'Conservatives Rebuking Trump' once) or only one is a first name at all ('Donald
    Trump' against a sentence's 'Chasing Trump'); [] when two people share it in earnest."""
    groups: list[list[tuple[str, ...]]] = []
    for form in forms:
        for group in groups:
            if _variants(key(group[0][0]), key(form[0])):
                group.append(form)
                break
        else:
            groups.append([form])
    groups.sort(key=len, reverse=True)
    if len(groups) == 1 or len(groups[0]) >= _PREVAILS * len(groups[1]):
        return groups[0]
    named = [g for g in groups if key(g[0][0]) in _census_shares()]
    return named[0] if len(named) == 1 else []


def _of_first(
    forms: list[tuple[str, ...]], person: _Person, cue: str | None
) -> list[tuple[str, ...]]:
    """The forms of the first name an honorific's gender picks ('Mrs. Clinton'), if one."""
    first = person.first_name_of(cue) if cue is not None else None
    return [f for f in forms if key(f[0]) == first] if first is not None else []


def _variants(first: str, other: str) -> bool:
    """Whether two first names can be one person's: an initial and its name, a short form."""
    short, long = sorted((first.rstrip("."), other.rstrip(".")), key=len)
    return long.startswith(short) and (len(short) == 1 or len(short) >= 3)


def _compound_role(word: str) -> bool:
    """A hyphenated word with a lower-case part ('Oscar-winner', 'Iowa-born'), unlike a name
    ('Jean-Pierre', 'Ocasio-Cortez')."""
    return "-" in word and any(part[:1].islower() for part in word.split("-")[1:])


def _shown(name: Sequence[str]) -> str:
    """A name as the card shows it: initials keep their full stop ('Donald J. Trump')."""
    return " ".join(f"{w}." if _is_initial(w) else w for w in name)


def _ends_with(form: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether `form` ends with the words of `name` ('Debbie Wasserman Schultz', 'Wasserman Schultz')."""
    return [key(w) for w in form[-len(name) :]] == [key(w) for w in name]


def _bounds(before: str) -> bool:
    """Whether a name run after this token starts at the name's own first word."""
    lowered = before.lower()
    if before == "," or lowered in SPEECH_VERBS:
        return True
    return before.isalpha() and before.islower() and lowered not in COMPLEMENTS | _PREPOSITIONS


def _german_role(lowered: str) -> bool:
    """'oberbürgermeister', 'polizeisprecherin': a German role noun, capitalized like a name."""
    if not lowered.endswith(GERMAN_ROLE_ENDINGS):  # most words: one C call, no loop
        return False
    return any(lowered.endswith(e) and len(lowered) > len(e) + 2 for e in GERMAN_ROLE_ENDINGS)


def _trim(words: list[str], bounded: bool = False) -> tuple[str, ...]:
    """At most first, middle (patronymic or initial) and last name; a longer run keeps its end.
    A bounded run keeps three names ('María José Catalá'); particles come along ('Luis de la
    Fuente')."""
    named = [i for i, w in enumerate(words) if w not in PARTICLES]
    keep = 3 if bounded or (len(named) >= 3 and _middle(words[named[-2]])) else 2
    return tuple(words[named[-keep] :]) if len(named) > keep else tuple(words)


def _middle(word: str) -> bool:
    return bool(_PATRONYMIC.search(word)) or _is_initial(word)


def key(word: str) -> str:
    """A case-insensitive key shared by the inflected forms of one surname (and its spellings
    with a straight or a curly apostrophe: "O'Neill", 'O’Neill')."""
    word = _bare(word).lower().replace("ё", "е").replace("’", "'")
    if _CYRILLIC.search(word):
        for ending in _RU_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                return word[: -len(ending)]
    return word


def nominative(word: str, ukrainian: bool = False) -> str:
    """Best-effort genitive -> nominative for a Russian name ('Дмитрия' -> 'Дмитрий',
    'Навального' -> 'Навальный'), or with `ukrainian` a Ukrainian one ('Петра Коваленка' ->
    'Петро Коваленко', 'Ірини' -> 'Ірина'). Rules, not pymorphy3: its Ukrainian dictionary is
    GPLv3 (this project is MIT), and its Russian one costs each worker 28 MB for the few name
    classes these rules miss."""
    if not _CYRILLIC.search(word):
        return word
    lowered = word.lower()
    if ukrainian:
        if lowered in _UK_FIRST_NAMES:
            return _UK_FIRST_NAMES[lowered]
        for old, new in _UK_RULES:
            if lowered.endswith(old):
                return word[: -len(old)] + new
    if lowered in _FLEETING:  # a vowel that drops out: Павел -> Павла, Лев -> Льва
        return _FLEETING[lowered]
    for old, new in _RU_RULES:
        if word.endswith(old):
            return word[: -len(old)] + new
    if word.endswith("и") and word[-2:-1] in "гкхжшчщ":
        return word[:-1] + "а"
    if word.endswith("а") and word[-2:-1] not in "аеёиоуыэюяь":
        return word[:-1]
    if word.endswith("я") and word[-2:-1] not in "аеёиоуыэюяь":
        return word[:-1] + "ь"  # Игоря -> Игорь
    return word


_RU_RULES = (
    ("ского", "ский"), ("цкого", "цкий"), ("кого", "кий"), ("гого", "гий"), ("хого", "хий"),
    ("жего", "жий"), ("шего", "ший"), ("чего", "чий"), ("щего", "щий"), ("ого", "ый"),
    ("ской", "ская"), ("цкой", "цкая"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"),
    ("ова", "ов"), ("ева", "ев"), ("ина", "ин"), ("ына", "ын"),
    ("ии", "ия"), ("ия", "ий"), ("ея", "ей"), ("ьи", "ья"), ("ы", "а"),
)  # fmt: skip
# Ukrainian genitives the Russian rules would get wrong, tried first in Ukrainian text.
_UK_RULES = (
    ("ського", "ський"), ("цького", "цький"), ("ської", "ська"), ("цької", "цька"),
    ("енка", "енко"), ("ової", "ова"), ("евої", "ева"), ("євої", "єва"), ("іної", "іна"),
    ("ії", "ія"), ("ія", "ій"), ("ини", "ина"), ("ени", "ена"), ("ани", "ана"), ("оли", "ола"),
    ("ьки", "ька"), ("ли", "ла"), ("ри", "ра"), ("ти", "та"), ("ни", "на"),
)  # fmt: skip
# First names whose vowel drops out in the other cases, which the ending rules cannot restore.
_FLEETING = {"павла": "Павел", "льва": "Лев", "любови": "Любовь"}
# Ukrainian first names in -о (Петро -> Петра), which read as Russian ones in -а would lose it.
_UK_FIRST_NAMES = {
    "петра": "Петро", "павла": "Павло", "дмитра": "Дмитро", "михайла": "Михайло",
    "данила": "Данило", "гаврила": "Гаврило", "марка": "Марко", "левка": "Левко",
    "ігоря": "Ігор",
}  # fmt: skip


def gender(name: tuple[str, ...]) -> str | None:
    """'f'/'m' for a Russian nominative surname, None when the form does not tell."""
    last = name[-1].lower()
    if not _CYRILLIC.search(last):
        return None
    return "f" if last.endswith(("а", "ая", "я")) else "m"


@dataclass(slots=True)
class _Person:
    forms: list[tuple[str, ...]] = field(default_factory=list)
    firsts: set[str] = field(default_factory=set)  # keys of first names seen with this surname
    nominative: tuple[str, ...] | None = None
    speakers: set[str] = field(default_factory=set)  # keys of first names seen speaking
    confirmed: bool = False
    single: tuple[str, ...] | None = None  # a one-word name a title or verb marks as a person
    cues: list[str] = field(default_factory=list)  # 'm'/'f' evidence from the mentions
    roles: set[str] = field(default_factory=set)  # role nouns the article introduces them with

    def gender(self, form: tuple[str, ...]) -> str | None:
        """'m'/'f' from a Russian surname's form, else from its first name (census lists), else
        from what the article says around the surname (Mr./Ms., 'spokeswoman', the 'he'/'she'
        that follows): the clear majority, or None. The first name goes before the article's
        evidence, which a surname shared by a couple mixes."""
        told = gender(form)
        if told is None and len(form) > 1:
            told = first_name_gender(form[0])
        return told if told is not None else _majority(self.cues)

    def first_name_of(self, cue: str) -> str | None:
        """The key of the one first name of this surname that is of gender `cue` ('Mrs.
        Clinton' where the article names Hillary and Bill); else of the one of unknown gender."""
        told = {first: first_name_gender(first) for first in self.firsts}
        for keep in ((cue,), (cue, None)):
            matching = [first for first, gender in told.items() if gender in keep]
            if len(matching) == 1:
                return matching[0]
        return None


# A first name is taken for a man's or a woman's when it is this many times more common (as a
# share of each sex) among one than the other in the 1990 US Census lists ('Chris' 8x, 'Jan' 1x).
_FIRST_NAME_RATIO = 4


@functools.cache
def _census_shares() -> dict[str, dict[str, float]]:
    """Each first name of the US Census lists the `names` package ships (1,219 male, 4,275
    female) with its share of each sex, read once per process (about 2 ms)."""
    shares: dict[str, dict[str, float]] = {}
    for sex, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (importlib.resources.files("names") / file).read_text("ascii").splitlines():
            name, share, *_ = line.split()
            shares.setdefault(name.lower(), {})[sex] = float(share) or 0.0005
    return shares


@functools.cache
def _first_names() -> dict[str, str]:
    """'m'/'f' for the census first names clearly of one sex."""
    told: dict[str, str] = {}
    for name, of in _census_shares().items():
        male, female = of.get("m", 0.0), of.get("f", 0.0)
        if male >= _FIRST_NAME_RATIO * female:
            told[name] = "m"
        elif female >= _FIRST_NAME_RATIO * male:
            told[name] = "f"
    return told


def first_name_gender(first: str) -> str | None:
    """'m'/'f' for a common English first name ('Hillary', 'Bill'), None when unknown or shared."""
    return _first_names().get(key(first))


def _majority(cues: list[str]) -> str | None:
    """'m'/'f' when that evidence is the clear majority (more than twice the other), else None."""
    male, female = cues.count("m"), cues.count("f")
    if male > 2 * female:
        return "m"
    if female > 2 * male:
        return "f"
    return None


@dataclass(slots=True)
class NameBook:
    """Names the article mentions, keyed by surname, with where each mention sits."""

    people: dict[str, _Person] = field(default_factory=dict)
    # ((paragraph, offset), surname key, opens its sentence, sentence number, the name as there
    # given), in reading order
    mentions: list[tuple[tuple[int, int], str, bool, int, tuple[str, ...]]] = field(
        default_factory=list
    )
    sentences: list[list[int]] = field(default_factory=list)  # sentence starts per paragraph
    # (surname key, name) of the people the headline names: pronoun antecedents of last resort
    headline: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    ukrainian: bool = False  # the text has letters only Ukrainian uses (і, ї, є, ґ)

    def knows(self, name: tuple[str, ...]) -> bool:
        """Whether the article names this person in full, or with a title ('President Trump')."""
        person = self.people.get(key(name[-1]))
        return person is not None and bool(person.forms or person.single)

    def add(
        self, name: tuple[str, ...], where: tuple[int, int], mention: Mention, quoted: bool
    ) -> None:
        """Record a mention of a person. Only confirmed persons mentioned outside quotations
        become pronoun antecedents (in '“I met Putin,” he said', he is not Putin)."""
        person = self.people.setdefault(key(name[-1]), _Person())
        person.confirmed = person.confirmed or mention.person or mention.speaking
        if mention.cue is not None:
            person.cues.append(mention.cue)
        person.roles.update(mention.roles)
        if len(name) > 1 and any(len(f) > len(name) and _ends_with(f, name) for f in person.forms):
            pass  # 'Wasserman Schultz' after 'Debbie Wasserman Schultz': no new first name
        elif len(name) > 1:
            person.forms.append(name)
            person.firsts.add(key(name[0]))
            if mention.speaking:
                person.speakers.add(key(name[0]))
            if mention.speaking and person.nominative is None:
                person.nominative = name
        elif person.single is None and (mention.person or mention.speaking):
            person.single = name
        if not quoted:
            strong = mention.subject or mention.speaking  # a sentence's subject, or a speaker
            self.mentions.append((where, key(name[-1]), strong, mention.sentence, name))

    def full(self, name: tuple[str, ...], genitive: bool = False, cue: str | None = None) -> str:
        """The fullest unambiguous form of a name used in the article: a partial name ('Wasserman
        Schultz') takes the full form it ends ('Debbie Wasserman Schultz'); a surname two people
        share stays a surname. (Giving it the form mentioned nearest before the quote was tried
        on the quotes-dev TUNE part: 'Clinton' then became Hillary where Bill spoke, and speaker
        accuracy fell 0.796 -> 0.793.)"""
        person = self.people.get(key(name[-1]))
        shown = tuple(nominative(w, self.ukrainian) for w in name) if genitive else name
        if person is None or not person.forms:
            return _shown(shown)
        forms = person.forms
        if len(name) > 1:
            ends = [f for f in forms if len(f) > len(name) and _ends_with(f, name)]
            if ends:
                return _shown(ends[0])
            first = key(name[0])
            forms = [f for f in forms if key(f[0]) == first]
            if not forms:
                return _shown(shown)  # a different person with the same surname
        elif len(person.firsts) > 1:
            if len(person.speakers) == 1 and person.nominative is not None:
                forms = [person.nominative]  # only Clint Howard speaks, Ron Howard is spoken of
            else:
                forms = _prevailing(forms) or _of_first(forms, person, cue)
                if not forms:
                    return _shown(shown)  # 'Biden' with Joe and Hunter in the text: do not guess
        # The nominative a reporting verb saw, else the form used most often (first on a tie).
        best = person.nominative if person.nominative in forms else None
        if best is None:
            best = max(forms, key=forms.count)
        if person.nominative is None and _CYRILLIC.search(best[-1]):
            best = tuple(nominative(w, self.ukrainian) for w in best) if genitive else best
        return _shown(best)

    def by_honorific(self, found: str, text: str) -> str:
        """A bare surname two people share, named by the honorific `text` gives it: 'Mrs.
        Clinton said' is Hillary Clinton where the article shows her as 'she' and Bill as 'he'."""
        person = self.people.get(key(found)) if " " not in found else None
        if person is None or len(person.firsts) < 2:
            return found
        match = re.search(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+{re.escape(found)}\b", text)
        if match is None:
            return found
        return self.full((found,), cue=_HONORIFIC_GENDER[match.group(1).lower()])

    def recent(self, where: tuple[int, int], want: str | None) -> str | None:
        """The person a pronoun in the sentence at `where` most likely means (of gender `want`
        when known): in that sentence its subject, else its latest person ('coined by Churchill,
        when he said'); before it, the latest sentence subject, else the latest person."""
        index = bisect.bisect_left(self.mentions, (where, "", False, -1))
        sentence = self.sentence_of(where)
        recent = list(reversed(self.mentions[max(0, index - _PRONOUN_REACH) : index]))
        here = [m for m in recent if (m[0][0], m[3]) == sentence]
        # Before it: the latest sentence with a subject, and there the first subject, the main
        # clause's ('Ryan did not exude confidence when Tapper asked … “…,” he said').
        subjects = sorted((m for m in recent if m[2]), key=lambda m: (-m[0][0], -m[3], m[0][1]))
        for pool in ([m for m in here if m[2]], here, subjects, recent):
            for mention in pool:
                form = self._form(mention[1], mention[4], want)
                if form is not None:
                    return form
        return self._from_headline(want)

    def _from_headline(self, want: str | None, role: str | None = None) -> str | None:
        """The one person the headline names, when the text before the quote names nobody who
        fits: a short post 'Minister Anton Siluanov spoke at the forum.' over '“…,” he said'."""
        forms = {
            form
            for surname, name in self.headline
            if role is None or role in self.people[surname].roles
            if (form := self._form(surname, name, want)) is not None
        }
        return forms.pop() if len(forms) == 1 else None

    def with_role(self, where: tuple[int, int], role: str) -> str | None:
        """The person 'the senator' (`role`) at `where` means: the latest one mentioned before it
        whom the article introduced with that role; else the likeliest antecedent, as for 'he'."""
        index = bisect.bisect_left(self.mentions, (where, "", False, -1))
        for mention in reversed(self.mentions[:index]):
            if role in self.people[mention[1]].roles:
                form = self._form(mention[1], mention[4], None)
                if form is not None:
                    return form
        return self._from_headline(None, role) or self.recent(where, None)

    def _form(self, surname: str, name: tuple[str, ...], want: str | None) -> str | None:
        """How a pronoun's antecedent is named: the fullest form of the name as mentioned there
        ('Clinton' where Hillary and Bill are both named stays 'Clinton' unless `want`, the
        pronoun's gender, picks one), if that person's gender does not contradict `want`."""
        person = self.people[surname]
        if not person.confirmed or not (person.forms or person.single):
            return None
        shown = self.full(name, cue=want)
        if want is not None and person.gender(tuple(shown.split())) not in (None, want):
            return None
        return shown

    def sentence_of(self, where: tuple[int, int]) -> tuple[int, int]:
        """(paragraph, sentence number) of a position."""
        starts = self.sentences[where[0]] if where[0] < len(self.sentences) else []
        return where[0], bisect.bisect_right(starts, where[1]) - 1


def build_book(
    paragraphs: list[str],
    quoted: Sequence[Sequence[tuple[int, int]]] = (),
    headline: str | None = None,
) -> NameBook:
    """Every person-like name run in the paragraphs, in reading order.

    `quoted[i]` lists the (start, end) offsets of quotations in paragraph i, in order. The
    headline, when given, is read first (as paragraph -1): it often has the only full name
    ('Sarah Silverman heckled …' over an article that says 'Silverman')."""
    book = NameBook(ukrainian=any(_UKRAINIAN.search(p) for p in paragraphs))
    found: list[tuple[int, Mention, tuple[str, ...]]] = []
    lower: set[str] = set()  # the article's lower-case words
    sure: set[tuple[str, str]] = set()  # (first, surname) seen where a first word cannot be
    texts = [(-1, headline)] if headline else []
    # In a Title Case headline every word looks like a name ('… Highlight Threat Posed by NRA').
    title_case = headline is not None and is_title_case(WORD.findall(headline))
    for index, text in [*texts, *enumerate(paragraphs)]:
        mentions, starts = _runs(text, lower)
        if index >= 0:
            book.sentences.append(starts)
        for mention in mentions:
            name = mention.name
            if mention.tail and not any(key(word) in _first_names() for word in name):
                continue  # 'the Center for Nonproliferation Studies': an institution's name
            found.append((index, mention, name))
            if len(name) > 1 and not (mention.initial and name[0] == _bare(mention.words[0])):
                sure.add((key(name[0]), key(name[-1])))
    inside = _Inside(())
    surnames = {key(name[-1]) for _, _, name in found if len(name) > 1}
    for index, mention, name in found:
        before = mention.words[-2] if len(mention.words) > 1 else mention.before
        if len(name) == 1 and _family(name[0], before, surnames):
            continue  # 'The Ebelings said' (Betsy and Tom Ebeling): a family, no one speaker
        if len(name) == 2 and len(mention.words) > 2 and not mention.before.isalpha():
            whole = clean_name(mention.words, mention.before, whole=True)
            if whole is not None and len(whole) == 3 and _leads_name(whole, lower):
                name = whole  # 'Ruth Bader Ginsburg regrets …', 'Republican Christine Todd Whitman'
        if mention.offset == 0 or inside.paragraph != index:
            inside = _Inside(quoted[index] if 0 <= index < len(quoted) else (), index)
        if len(name) == 3 and _before_first_name(name):
            name = name[1:]  # 'Crooked Hillary Clinton' (a tweet's), 'Celebrities Julianne Moore'
        if len(name) > 1 and name[0].lower() in lower and (key(name[0]), key(name[-1])) not in sure:
            # 'Stated Stone', 'Another Slaughter': a sentence's first word, used in lower case
            # elsewhere and never before this surname inside a sentence, is no first name.
            name = name[1:]
        if len(name) > 1 or key(name[0]) in book.people or mention.person or mention.speaking:
            # A headline lends full names, not pronoun antecedents (it is no sentence of the text).
            book.add(name, (index, mention.offset), mention, index < 0 or inside(mention.offset))
            if index < 0 and not title_case:
                book.headline.append((key(name[-1]), name))
    return book


# Sentence openers of the other languages that precede a name ('Selon Julien Moreau, …').
_OPENERS = frozenset(["selon", "según", "laut", "pour", "para", "für", "wie", "comme", "como"])


# Titles long enough to end a compound role noun ('Umwelt|senatorin').
_LONG_TITLES = tuple(t for t in TITLES if len(t) >= 6)


def _family(word: str, before: str, surnames: set[str]) -> bool:
    """'the Ebelings', 'the Clintons': the plural of a surname the article gives with a first
    name."""
    if before.lower() != "the" or not word.endswith("s"):
        return False
    return key(word[:-1]) in surnames or (word.endswith("es") and key(word[:-2]) in surnames)


def _leads_name(whole: tuple[str, ...], lower: set[str]) -> bool:
    """Whether three capitalized words are one name: the first can be a first name, and is not
    a word put before one."""
    return not _before_first_name(whole) and _first_name_like(whole[0], lower)


def _before_first_name(name: tuple[str, ...]) -> bool:
    """Whether the first of three words is one put before a first name ('Celebrities Julianne
    Moore', 'Crooked Hillary Clinton'): a known first name second and an unknown word first."""
    names = _first_names()
    return key(name[1]) in names and key(name[0]) not in names


def _first_name_like(word: str, lower: set[str]) -> bool:
    """Whether the first of three capitalized words can be a first name: the article never uses
    it in lower case, it is no title or role ('Actor Clint Howard', 'Staff Katie Walsh' go), no
    compound ('Editor-in-Chief', 'Texas-based') and no opening word ('Selon')."""
    lowered = word.lower()
    return (
        lowered not in lower
        and "-" not in word
        and lowered not in TITLES | _FUNCTION | _OPENERS
        and not _german_role(lowered)
        and not lowered.endswith(_LONG_TITLES)  # 'Umweltsenatorin', 'Vizepräsident'
        and not _CYRILLIC.search(word)  # Russian three names go by the patronymic rule
    )


class _Inside:
    """Whether increasing offsets fall inside sorted (start, end) ranges: one pass, no search."""

    def __init__(self, ranges: Sequence[tuple[int, int]], paragraph: int = -1) -> None:
        self.ranges = ranges
        self.paragraph = paragraph
        self.next = 0

    def __call__(self, offset: int) -> bool:
        while self.next < len(self.ranges) and self.ranges[self.next][1] <= offset:
            self.next += 1
        return self.next < len(self.ranges) and self.ranges[self.next][0] <= offset


@dataclass(frozen=True, slots=True)
class Mention:
    """A run of capitalized words and what its neighbours say about it."""

    offset: int
    words: list[str]
    speaking: bool  # next to a reporting verb: a subject, so in the nominative
    person: bool  # a title, role, appositive or following verb says it is a person
    subject: bool  # opens its sentence (the likeliest antecedent of a later 'he'/'она')
    sentence: int  # number of its sentence in the paragraph
    before: str = ""  # the token before the run
    cue: str | None = None  # 'm'/'f' from an honorific, a gendered role or the next pronoun
    initial: bool = False  # its first word is its sentence's first word
    roles: frozenset[str] = frozenset()  # role nouns next to it ('Texas Sen.', ', a spokesman')
    name: tuple[str, ...] = ()  # the person's name in it: `clean_name(words, before)`
    tail: bool = False  # it follows 'for', 'of', 'on', 'and' after a capitalized word


def _runs(text: str, lower: set[str] | None = None) -> tuple[list[Mention], list[int]]:
    """Runs of capitalized words in a paragraph, in order, and where its sentences start; the
    paragraph's lower-case words are added to `lower`."""
    found: list[Mention] = []
    starts = [0]
    words = [(m.start(), m.group()) for m in TOKEN.finditer(text)]
    if lower is not None:
        lower.update(filter(str.islower, (w for _, w in words)))
    opening = True  # no ordinary lower-case word yet in this sentence
    i = 0
    while i < len(words):
        word = words[i][1]
        if word in ".!?…" and not _after_initials(words, i):
            opening = True
            starts.append(words[i][0] + 1)
        # is_capitalized(word) or _is_initial(word), inlined: this loop sees every word.
        if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
            if opening and word[:1].isalpha() and word.lower() not in PERSON_ROLES:
                opening = False
            i += 1
            continue
        j = i + 1
        while j < len(words) and _continues(words[j][1], words[j - 1][1]):
            j += 1
        run = [w for _, w in words[i:j]]
        previous = words[i - 1][1] if i > 0 else ""
        name = clean_name(run, previous)
        if name is None:  # no person in it ('The', 'I’m', 'New Yorker'): nothing more to read
            i = j
            continue
        before = previous.lower()
        after = [w for _, w in words[j : j + 2]]
        # 'said X' and 'X said' mark a speaker; 'told X' marks a listener (often a newspaper).
        # After 'he said' the name is what he said ('he said Ryan'), not a speaker.
        subject_first = i > 1 and words[i - 2][1].lower() in PRONOUNS
        speaking = (before in SPEECH_VERBS and before not in ADDRESSED and not subject_first) or (
            bool(after) and after[0].lower() in SPEECH_VERBS
        )
        person = _person_like(run, before, after)
        cue = _cue(run, words[max(0, i - 2) : i], words[j : j + _CUE_REACH])
        initial = i == 0 or previous in _SENTENCE_OPENERS
        # After an opening phrase the subject is a name a verb follows ('In an interview over
        # the weekend, Clinton laughed off the ad'), or an apposition's name ('One local woman,
        # Karen Robison, pulled Rep. King aside'): not after a preposition, not an object.
        verb = after[1] if after[:1] == [","] and len(after) > 1 else after[0] if after else ""
        acts = previous == "," and verb.isalpha() and verb.islower() and verb not in NOT_VERBS
        roles = _roles(run, words[max(0, i - 3) : i], words[j : j + _APPOSITION_REACH])
        found.append(
            Mention(
                words[i][0],
                run,
                speaking,
                person,
                opening or acts,
                len(starts) - 1,
                previous,
                cue,
                initial,
                roles,
                name,
                before in _INSTITUTION_LINKS and i > 1 and is_capitalized(words[i - 2][1]),
            )
        )
        i = j
    return found, starts


_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")


def _after_initials(words: list[tuple[int, str]], i: int) -> bool:
    """Whether the full stop at `i` ends dotted initials before a name ('scholar A.E. Dick
    Howard'), not a sentence."""
    return (
        words[i][1] == "."
        and 0 < i < len(words) - 1
        and bool(_INITIALS.fullmatch(words[i - 1][1]))
        and is_capitalized(words[i + 1][1])
    )


# Lower-case words after a name that show it is no clause's subject.
NOT_VERBS = frozenset(["and", "or", "of", "for", "in", "on", "at", "to", "with", "from", "by"])
# Words that join the parts of an institution's name ('Institute for Science and International
# Security', 'Subcommittee on Consumer Protection'): a run after one of them and a capitalized word
# is the name's tail, a person only if it holds a known first name ('Secretary of State John Kerry').
_INSTITUTION_LINKS = frozenset(["for", "of", "on", "and", "&"])
# Tokens after which a word opens a sentence (or a quotation).
_SENTENCE_OPENERS = frozenset('.!?…“"«„‘(—–-:')
# Tokens after a name in which the pronoun that refers back to it is looked for ('Groberg, 33,
# opened up to Decode DC about his decision'): about a clause.
_CUE_REACH = 14
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "herr": "m", "frau": "f"}
_PRONOUN_GENDER = {
    **dict.fromkeys(["he", "his", "him", "himself"], "m"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "f"),
}


# Tokens after a name read for the role an appositive gives it (', a spokesman for the group,').
_APPOSITION_REACH = 8


def _roles(
    run: list[str], before: list[tuple[int, str]], after: list[tuple[int, str]]
) -> frozenset[str]:
    """The role nouns that introduce a name: its titles ('Sen.' -> senator), the lower-case
    words before it ('Texas senator X', 'spokesman X') and an appositive after it (', the
    party's nominee,')."""
    found = {ROLE_ABBREVIATIONS.get(w.lower(), w.lower()) for w in run}
    found.update(w.lower() for _, w in before)
    if after and after[0][1] == ",":
        for _, word in after[1:]:
            if word in ",.;:":
                break
            found.add(word.lower())
    return frozenset(found & ROLE_NOUNS)


_ROLES_AND_TITLES = ROLE_WORDS | TITLES


def _cue(run: list[str], before: list[tuple[int, str]], after: list[tuple[int, str]]) -> str | None:
    """The gender the text gives a name run: its honorific or gendered role ('Mr. Ryan',
    'spokeswoman Hope Hicks'), else the first English he/she/his/her after it, when no other
    capitalized word (someone else) comes first. Evidence, not proof: `_Person.gender` votes."""
    for word in [w.lower() for w in run] + [w.lower() for _, w in before]:
        if word in _HONORIFIC_GENDER:
            return _HONORIFIC_GENDER[word]
        if word.endswith("woman") or word in ("actress", "wife", "mother", "daughter"):
            return "f"
        if word.endswith("man") and word in _ROLES_AND_TITLES:
            return "m"
    for _, word in after:
        lowered = word.lower()
        if lowered in _PRONOUN_GENDER:
            return _PRONOUN_GENDER[lowered]
        if is_capitalized(word) or word in '“”«»"':
            return None
    return None


# A US party label after a name: '(D-Mo.)', '(R-Texas)'.
_PARTY_LABEL = re.compile(r"^[RDI]-[A-Z]")


def _person_like(run: list[str], before: str, after: list[str]) -> bool:
    """Evidence that a name run is a person: a title or role ('Democratic Sen. Claire
    McCaskill'), a party label ('(D-Mo.)'), an appositive, a verb after it."""
    if any(w.lower() in TITLES for w in run[:-1]) or before in PERSON_ROLES:
        return True
    if len(after) > 1 and after[0] == "(" and _PARTY_LABEL.match(after[1]):
        return True
    while run and run[0].lower() in _FUNCTION:
        run = run[1:]  # 'In Seattle, marchers …' is no appositive to a person
    if len(run) > 2 and _PATRONYMIC.search(run[-2]):
        return True
    return len(run) > 1 and bool(after) and (after[0] == "," or after[0][:1].islower())


def _continues(token: str, previous: str) -> bool:
    """Whether `token` extends a name run ('J. Smith', 'Mr. Peskov'; not a name's full stop)."""
    if token == ".":
        return _is_initial(previous) or previous.lower() in HONORIFICS or previous.lower() in TITLES
    if token in PARTICLES:
        return is_capitalized(previous) or previous in PARTICLES
    return is_capitalized(token) or _is_initial(token) or previous == "." or previous in PARTICLES
