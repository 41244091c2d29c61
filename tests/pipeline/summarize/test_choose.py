"""Sentence selection: lead block plus centrality, article order, and the bullets we never pick."""

from __future__ import annotations

import json

import pytest

from bot.models import Article, Options
from bot.pipeline.summarize.choose import MAX_WORDS, sentence_count
from bot.pipeline.text import split_sentences
from bot.pipeline.text import tokens as words
from tests import paths
from tests.factories import summary_of, text

MULTILINGUAL = paths.ROOT / "benchmarks" / "data" / "summaries-multilingual"
TOPICS = ("council", "budget", "school", "bridge", "river", "mayor", "tram", "library")


def filler(i: int) -> str:
    """A distinct, ordinary news sentence (about 12 words) for building articles."""
    a, b = TOPICS[i % len(TOPICS)], TOPICS[(i * 3 + 1) % len(TOPICS)]
    return f"Officials said the {a} plan number {i} would also affect the {b} project next year."


def article(sentences: list[str], title: str = "Council approves budget") -> Article:
    """An article with three sentences a paragraph."""
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return Article(title=title, paragraphs=tuple(paragraphs))


def all_sentences(a: Article, language: str = "en") -> list[str]:
    return [s for p in a.paragraphs for s in split_sentences(p, language)]


def test_summary_keeps_article_order() -> None:
    """Lead-block and centrality picks come back in the order the article has them."""
    a = article([filler(i) for i in range(30)])
    summary = summary_of(a, "en", 7)
    order = [all_sentences(a).index(s) for s in summary]
    assert order == sorted(order)
    assert max(order) >= 5  # the fill stage went past the lead window


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8])
def test_summary_respects_count(count: int) -> None:
    """Exactly `count` sentences when the article has enough."""
    assert len(summary_of(article([filler(i) for i in range(20)]), "en", count)) == count


def test_short_article_returns_what_it_has() -> None:
    """Asking for more sentences than the article has returns all eligible ones."""
    assert len(summary_of(article([filler(i) for i in range(2)]), "en", 5)) == 2


def test_quote_already_shown_is_skipped() -> None:
    """A sentence that is only a quote the card shows is not repeated as a bullet."""
    quote = "We will rebuild every bridge in this county before the winter comes"
    sentences = [filler(0), f'"{quote}," the governor said.', *(filler(i) for i in range(1, 9))]
    quoted = f'"{quote}," the governor said.'
    assert quoted in summary_of(article(sentences), "en", 3)
    assert quoted not in summary_of(article(sentences), "en", 3, avoid=[quote])


def test_sentence_quoting_only_part_is_kept() -> None:
    """A sentence that carries news beyond a shown quote is still eligible."""
    quote = "We will rebuild every bridge"
    sentence = (
        f'The governor, who announced a two billion dollar repair fund on Monday, said "{quote}".'
    )
    sentences = [sentence, *(filler(i) for i in range(9))]
    assert sentence in summary_of(article(sentences), "en", 3, avoid=[quote])


def test_overlong_sentence_is_never_a_bullet() -> None:
    """A sentence over the word cap is skipped even in first position."""
    long = "The council " + " ".join(f"item{i}" for i in range(MAX_WORDS)) + " was approved."
    summary = summary_of(article([long, *(filler(i) for i in range(10))]), "en", 5)
    assert long not in summary
    assert all(len(words(s)) <= MAX_WORDS for s in summary)


def test_fragments_are_skipped() -> None:
    """Pieces that start in lower case or have under four words are not bullets."""
    fragments = [
        "and then it was over.",
        "Very short.",
        "Firefighters said the blaze was out by noon.",
    ]
    summary = summary_of(article([*fragments, *(filler(i) for i in range(8))]), "en", 3)
    assert fragments[0] not in summary
    assert fragments[1] not in summary
    assert fragments[2] in summary


def test_near_duplicates_are_not_both_bullets() -> None:
    """A sentence repeated almost word for word appears once."""
    first = "The city council approved a record budget of two billion dollars on Monday."
    again = "The city council approved a record budget of two billion dollars on Monday night."
    summary = summary_of(article([first, again, *(filler(i) for i in range(8))]), "en", 3)
    assert (first in summary) != (again in summary)


def test_lead_prefers_sentences_sharing_title_words() -> None:
    """Within the lead window a sentence echoing the headline beats an earlier one that does not."""
    sentences = [filler(i) for i in range(4)] + [
        "The storm flooded the harbour and closed the ferry to the islands.",
        *(filler(i) for i in range(4, 10)),
    ]
    summary = summary_of(article(sentences, title="Storm floods harbour, ferry closed"), "en", 3)
    assert sentences[4] in summary


def test_long_article_is_summarized() -> None:
    """A 10,000-word article still gets its sentences (centrality runs on a capped pool)."""
    a = article([filler(i) for i in range(900)])
    assert text(a).words > 10_000
    assert len(summary_of(a, "en", 8)) == 8


def test_unsupported_language_falls_back() -> None:
    """A language without stemmer or stop words still gets a summary."""
    text = (
        "Il consiglio comunale ha approvato il bilancio dopo una lunga discussione. "
        "La nuova scuola elementare aprirà a settembre nel quartiere nord. "
        "I lavori sul ponte della ferrovia inizieranno in primavera. "
        "Il sindaco ha promesso nuove piste ciclabili entro due anni. "
        "Le associazioni dei commercianti chiedono parcheggi gratuiti in centro. "
        "Il teatro cittadino riceverà fondi per il restauro della facciata."
    )
    summary = summary_of(Article(title="Bilancio approvato", paragraphs=(text,)), "it", 4)
    assert len(summary) == 4


@pytest.mark.parametrize("length", ["short", "medium", "long"])
def test_sentence_count_grows_with_article_length(length: str) -> None:
    """Each preset gives more sentences to longer articles, within its range."""
    counts = [
        sentence_count(text(article([filler(i) for i in range(n)])), Options(length=length))  # type: ignore[arg-type]
        for n in (5, 60, 200)
    ]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]


def test_presets_are_ordered() -> None:
    """short <= medium <= long for the same article."""
    a = article([filler(i) for i in range(60)])
    short, medium, long = (
        sentence_count(text(a), Options(length=n)) for n in ("short", "medium", "long")
    )
    assert short <= medium <= long
    assert (short, long) != (medium, medium)


def test_explicit_sentences_override_preset() -> None:
    """Options.sentences wins over the length preset."""
    assert sentence_count(text(article([filler(0)])), Options(length="long", sentences=2)) == 2


# One article per language, written for this project (benchmarks/data/summaries-multilingual):
# how many sentences it splits into, and a piece across an abbreviation that must stay in one.
LANGUAGE_CASES = {
    "ru": ("ru-tram", 13, "составит 6 мин., "),
    "uk": ("uk-library", 9, "площею 3 тис. кв. м тривала"),
    "de": ("de-bridge", 11, "seit dem 3. Oktober für Lastwagen"),
    "fr": ("fr-train", 10, "en deux ans, p. ex. sur les lignes"),
    "es": ("es-turtle", 8, "La Dra. Marta Jiménez, bióloga"),
}


def load_article(item_id: str) -> Article:
    for line in (MULTILINGUAL / "data.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == item_id:
            paragraphs = tuple(p.strip() for p in row["text"].split("\n\n"))
            return Article(title=row["title"], paragraphs=paragraphs)
    raise LookupError(item_id)


@pytest.mark.parametrize("language", LANGUAGE_CASES)
def test_article_in_each_language(language: str) -> None:
    """Sentences split correctly, and the summary is three whole article sentences, lead first."""
    item_id, count, piece = LANGUAGE_CASES[language]
    a = load_article(item_id)
    sentences = all_sentences(a, language)
    assert len(sentences) == count
    assert any(piece in s for s in sentences)
    summary = summary_of(a, language, 3)
    assert len(summary) == 3
    assert summary[0] == sentences[0]
    order = [sentences.index(s) for s in summary]
    assert order == sorted(order)


def test_headline_line_is_not_a_bullet() -> None:
    """A pasted headline (its own line, no final period) is not summarized as a sentence."""
    headline = "Council approves record budget for schools and bridges"
    a = Article(
        title=None, paragraphs=(headline, *article([filler(i) for i in range(9)]).paragraphs)
    )
    assert headline not in summary_of(a, "en", 3)


def test_text_without_punctuation_still_summarized() -> None:
    """A post made only of unpunctuated lines still yields bullets."""
    lines = tuple(
        f"Line {i} tells about the {TOPICS[i % len(TOPICS)]} plan today" for i in range(6)
    )
    assert len(summary_of(Article(title=None, paragraphs=lines), "en", 3)) == 3


def test_fill_prefers_on_topic_sentences_over_short_asides() -> None:
    """Beyond the lead block, a short sentence unrelated to the story does not win on brevity."""
    sentences = [
        "The river flooded the old town after three days of heavy rain.",
        "Firefighters evacuated two hundred residents from houses near the river bank.",
        "The mayor said the town would pay for repairs to damaged homes.",
        "Volunteers filled sandbags at the school gym through the night.",
        "Cats sleep most of the day.",
        "Residents near the river bank say the flooded town needs a flood wall before more rain.",
    ]
    summary = summary_of(Article(title="Flood", paragraphs=(" ".join(sentences),)), "en", 4)
    assert sentences[4] not in summary


def test_drop_cap_split_is_joined() -> None:
    """A drop-cap split ("H ong Kong is burning.") comes back as the article's whole first word."""
    first = "H ong Kong is burning after a night of protests across the city centre."
    sentences = [
        first,
        "Hong Kong police said the streets were quiet by morning.",
        *map(filler, range(8)),
    ]
    summary = summary_of(article(sentences, title="Hong Kong protests"), "en", 3)
    assert "Hong Kong is burning after a night of protests across the city centre." in summary
    assert not any(s.startswith("H ong") for s in summary)


def test_one_letter_word_is_not_a_drop_cap() -> None:
    """'A man ...' stays as written: 'A' is a word, and the article never writes 'Aman'."""
    first = "A man was rescued from the river by the council boat on Monday."
    summary = summary_of(article([first, *map(filler, range(8))], title="Man rescued"), "en", 3)
    assert first in summary


def test_stubs_markers_captions_and_quote_tails_are_never_bullets() -> None:
    """Teaser stubs, photo captions and the tail of a cut quotation are skipped; a list marker
    is dropped from the sentence it starts."""
    stub = "Read on to find out what the council said about the budget..."
    caption = "The council leader, pictured, said the budget was the biggest for years."
    tail = 'only ten per cent of the budget for the schools," she said.'
    tail_capital = 'Only ten per cent of the budget was for schools," the mayor said.'
    listed = "* The council approved the school budget for the next year on Monday."
    sentences = [stub, caption, tail_capital, listed, *map(filler, range(12))]
    summary = summary_of(article(sentences, title="Council approves school budget"), "en", 3)
    for bad in (stub, caption, tail, tail_capital, listed):
        assert bad not in summary
    assert listed.removeprefix("* ") in summary
    assert all(not s.startswith(("*", "\u2022")) for s in summary)


@pytest.mark.parametrize(
    "caption",
    [
        # One of each _CAPTION kind, some in capitals: each must hold a _CAPTION_HINTED word.
        "The council leader, PICTURED, said the budget was the biggest for years.",
        "A council worker (picture posed by model) checks the budget for the schools.",
        "File photo of the council chamber where the budget was approved on Monday.",
        "Photograph: the council chamber where the school budget was approved.",
        "Image: the council chamber where the school budget was approved on Monday.",
        "Credit: the council budget office and the school board, all rights kept.",
        "The council chamber where the budget was approved, Getty Images reports.",
        "The council chamber on Monday as the budget was approved (PA Wire).",
        "Click here for the full council budget and every school figure in it.",
    ],
)
def test_captions_and_credits_are_never_bullets(caption: str) -> None:
    sentences = [caption, *map(filler, range(12))]
    summary = summary_of(article(sentences, title="Council approves school budget"), "en", 3)
    assert caption not in summary


@pytest.mark.parametrize(
    "furniture",
    [
        "For daily news about the council budget, sign up for the Courier newsletter.",
        "If you buy through our affiliate links, we may earn a small commission on the budget.",
        "Our editors and experts handpick every product we feature in the council budget.",
        "Learn more at councilbudget.com or call 888-209-3989 about the new school budget.",
        # One of each other kind, some in capitals (what each must contain is checked before
        # the pattern is searched: _FURNITURE_HINTS).
        "Signing up takes a minute and brings updates about the council budget to you.",
        "SUBSCRIBE TO OUR EMAILS FOR EVERY COUNCIL BUDGET STORY THIS WEEK.",
        "Sign up now for the council budget briefing from the Courier.",
        "The views expressed here do not necessarily reflect the views of the budget office.",
        "Our code of conduct applies to every comment about the council budget.",
        "You may republish this council budget story under a Creative Commons licence.",
        "The Courier is committed to delivering accurate council budget news every day.",
        "Every council budget story meets our editorial standards before it is published.",
        "Lorem ipsum dolor sit amet, the council budget placeholder reads in full.",
        "Internet Explorer is no longer supported by the council budget site at all.",
        "Posted by admin on Monday about the council budget and the school plans.",
        "Photos courtesy of the council budget office and the school board.",
        "Visit the council budget pages at councilbudget.org for every school figure.",
        "CALL US AT 888-209-3989 ABOUT THE COUNCIL BUDGET AND THE SCHOOLS.",
        "The Courier earns commissions from some council budget providers listed here.",
        "Purchases made through links on this council budget page support our work.",
        "Figure 3: The council budget for the schools and the library in one chart.",
        "\u00a9 Jane Smith, courtesy of the council budget office and the school board.",
        "Free standard shipping on council budget orders of $50 or more this week.",
        "Get started with the council budget course today and learn every school figure.",
        "Book a demo of the council budget planner for your own school board today.",
        "Join 2,500+ councils using the budget planner for their school plans.",
        "Check out our guide to the council budget for every school figure this year.",
        "Learn more about the council budget planner and the school budget tools.",
        "Get 25% off the council budget planner for your school board this week.",
        "Julie Bausch Lent is the managing editor of the Council Budget Courier.",
        "Ready to plan the council budget for your own school board this year?",
        "NOT SURE WHICH COUNCIL BUDGET PLANNER IS RIGHT FOR YOUR SCHOOL?",
    ],
)
def test_page_furniture_sentences_are_never_bullets(furniture: str) -> None:
    """Sign-up pitches, affiliate and editorial disclosures and visit-or-call lines that reach the
    text are never bullets, even as the article's first sentence."""
    a = article([furniture, *map(filler, range(12))], title="Council approves school budget")
    assert furniture not in summary_of(a, "en", 3)


def test_news_sentences_like_furniture_stay_bullets() -> None:
    """The narrower furniture kinds leave news prose alone: a reporter named in the story, a
    question the story asks, a shipping figure, a sentence joining numbers."""
    keep = [
        "The suspect is a former reporter for the Courier, the council said on Monday.",
        "Will the council budget cover the new school roof before the winter arrives?",
        "The port said shipping through the canal fell by a third during the strike.",
        "Voters will join 20 other councils in deciding the school budget next spring.",
    ]
    a = article(keep, title="Council approves school budget")
    assert summary_of(a, "en", len(keep)) == tuple(keep)


@pytest.mark.parametrize(
    "heading",
    [
        "What Is the Council Budget and Who Pays for the Schools?",
        "Average Cost of School Meals Average Cost of Council Tax Student Loan Debt Statistics.",
        "THE COUNCIL BUDGET HAS BEEN APPROVED FOR THE SCHOOLS THIS YEAR.",
    ],
)
def test_title_case_headings_and_menus_are_never_bullets(heading: str) -> None:
    """A heading in Title Case or capitals, or a run of menu items, is no bullet even when it ends
    with a full stop or a question mark."""
    a = article([heading, *map(filler, range(12))], title="Council approves school budget")
    assert heading not in summary_of(a, "en", 3)


def test_german_is_never_judged_title_case() -> None:
    """German capitalises every noun, so the capitals test is off for German: a sentence of
    capitalised words is still a bullet beside an ordinary one."""
    german = "Stadtrat, Schulamt Und Elternbeirat Berlins Billigten Am Montag Den Haushalt."
    ordinary = "Der Haushalt sieht mehr Geld für die Schulen und die Bibliotheken der Stadt vor."
    a = article([german, ordinary], title="Stadtrat beschliesst Haushalt")
    assert summary_of(a, "de", 2) == (german, ordinary)


def test_shown_quote_comes_back_when_the_article_has_too_few_sentences() -> None:
    """Exactly K: a sentence the card quotes is a bullet again when nothing else can fill the slot."""
    quote = "We will rebuild every bridge in this county before the winter comes"
    quoted = f'"{quote}," the governor said.'
    sentences = [filler(0), quoted, filler(1)]
    assert quoted in summary_of(article(sentences), "en", 3, avoid=[quote])


def test_many_sentences_asked_come_from_the_whole_article() -> None:
    """Asked for a large share of the article, the summary takes central sentences anywhere,
    not the opening run (the condensed-article mode)."""
    asides = [
        "Rain fell on the council hall all week.",
        "Wind closed the pier by the council office on Tuesday.",
        "Fog delayed the ferries and the council boat.",
        "Snow came early to the hills above the council farm.",
        "Hail broke car windows at the council depot.",
        "The sun returned to the council park on Sunday.",
    ]
    story = [
        "The council budget gives the schools more money for teachers.",
        "Teachers said the schools budget came late but the money helps.",
        "The council said the budget for schools was the largest ever.",
        "Parents welcomed the schools budget and the council vote.",
        "The budget vote split the council but the schools won.",
        "Schools will hire teachers with the budget money this spring.",
    ]
    sentences = [*asides, *story]
    summary = summary_of(article(sentences, title="Council budget for schools"), "en", 6)
    assert len(summary) == 6
    assert sum(s in story for s in summary) >= 5


def test_long_read_bullets_cover_the_whole_piece() -> None:
    """Over 2,000 words, three bullets come from the opening, the middle and the end, not the
    opening run only."""
    a = article([filler(i) for i in range(240)])
    assert text(a).words > 2000
    order = [all_sentences(a).index(s) for s in summary_of(a, "en", 3)]
    assert order[0] < 5
    assert 80 <= order[1] < 160
    assert order[2] >= 160


def test_dateline_and_glued_caption_are_cut_from_a_bullet() -> None:
    """A wire dateline glued to the first word, and a photo caption glued without an end mark in
    front of a sentence, are not part of the bullet; "Nurse A with" is a name, not a glued caption."""
    dateline = "(CNN)They may be close to finding evidence of life on the moons of Jupiter, a scientist says."
    glued = (
        "Accused: the council leader, 58, has denied four counts of fraud in the budget"
        " A senior council officer is accused of moving school money to a private account."
    )
    name = "The officer offered to help Nurse A with her training for the council budget work."
    sentences = [dateline, glued, name, *map(filler, range(10))]
    summary = summary_of(article(sentences, title="Council fraud on the moons"), "en", 3)
    assert dateline.removeprefix("(CNN)") in summary
    assert (
        "A senior council officer is accused of moving school money to a private account."
        in summary
    )
    assert name in summary
