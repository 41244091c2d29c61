"""Tests for bot.pipeline.headline: which lines may be the headline and how they are described."""

from __future__ import annotations

import pytest

from bot.pipeline.clean import clean
from bot.pipeline.clean import headline as hl
from bot.pipeline.clean import lines as ln
from bot.pipeline.clean.headline import eligible


def _lines(*texts: str) -> list[ln.Line]:
    """Lines as split_lines gives them, one per text."""
    return ln.split_lines("\n".join(texts))


def test_echo_finds_a_breadcrumb_but_not_a_word_for_word_repeat() -> None:
    """A headline repeated inside a breadcrumb echoes; two identical share buttons do not."""
    lines = _lines(
        "Home > Science > Mars rover finds ancient lake bed",
        "Mars rover finds ancient lake bed",
        "Share this with Facebook",
        "Share this with Facebook",
    )
    near = hl.span_words(lines, range(len(lines)))
    assert hl.echo(1, near) == 1.0
    assert hl.echo(2, near) == 0.0


def test_two_sentence_line_inside_the_run_is_no_candidate() -> None:
    """Inside the kept run a line of two sentences is article text; above the lede it may still
    be a headline (some headlines end with 'Why…')."""
    lines = _lines(
        "Stock Is Falling After Its Earnings. Here Is Why",
        "The company reported weaker sales on Tuesday and cut its outlook for the year.",
        "Also, we hope you enjoy it! Here is what he said",
        "Shares fell by nine percent in early trading after the report was published today, and "
        "analysts said the outlook for the rest of the year now looks a good deal weaker.",
    )
    found = hl.candidates(lines, [1, 2, 3])
    assert 0 in found
    assert 2 not in found


@pytest.mark.parametrize(
    "line",
    [
        "Copyright © 2019, Los Angeles Times | Terms of Service | Privacy Policy",
        "Something went wrong with the connection!",
        "U.S. news",
        "BLOG > Weight Loss > Weight Loss Tips",
        "Home / Home Renovations / Home Renovation Loan",
        "You are here: Marketing Hub » Social Media",
        "| Resources | Blog | Packing Tips Guide",
        "What are you looking for?",
        "4 min read",
        "Forgot your password?",
        "2. Make a Plan for Saving",
        "Privacy Policy",
        "Sign up for our newsletter",
        "Watch the full video here",
        "Photo: Jane Doe for the Port Avery Times",
        "Image via Jane Doe",
        "Jane Doe/AFP via Harbour Press",
        "Visit us at portavery.com today",
    ],
)
def test_furniture_lines_are_never_headline_candidates(line: str) -> None:
    """Legal lines, error, search-box and reading-time messages, section names, breadcrumbs and
    numbered section headings are no headline."""
    assert not eligible(line)


def test_a_real_headline_stays_eligible() -> None:
    """Headlines that mention news, a slash or a question stay candidates."""
    for line in (
        "Harbour town votes to rebuild its flooded sea wall",
        "Why the 24/7 news cycle wears readers out",
        "What will the council do about the flooded sea wall?",
        "10 best harbour towns to visit this winter",
        # Words of buttons and credits inside a longer title, a product name, a number sign.
        "How Video Is Changing Local News",
        "4 Best Book Subscriptions, Tested by Bibliophiles",
        "Digital Photo Frame App Makes Old Hardware Useful Again",
        "Raw HTTP Message Logging for .NET HttpClient",
        "rustc_codegen_gcc: Progress Report #39",
        "Low-Cost/Sliding-Scale or No-Cost Mental Health Providers",
        "Fix It Friday: We Help 4 Readers (Including One Trick That 9/10 Works)",
    ):
        assert eligible(line), line


def test_headline_below_a_long_kept_menu_is_a_candidate() -> None:
    """The classifier may keep a long menu with the article: the title line under it, 14 lines
    into the kept run, is still a headline candidate (and menu entries stay out)."""
    menu = [
        "Buy an EV",
        "EVs for sale",
        "Learn about EVs",
        "Articles",
        "Charging",
        "Sell or trade",
        "How it works",
        "Financing",
        "Get pre-qualified",
        "Contact us",
        "Our showrooms",
        "Guides and reviews",
        "Electric trucks",
        "Charging at home",
    ]
    body = [
        f"Paragraph {i} explains that a fully electric car needs no petrol at all, that charging "
        "at home overnight costs far less than filling a tank, and that range keeps growing."
        for i in range(4)
    ]
    lines = _lines(*menu, "Full EV Cars: A 2025 Guide to Fully Electric Vehicles", *body)
    found = hl.candidates(lines, list(range(len(lines))))
    assert len(menu) in found
    assert 3 not in found  # 'Articles': one word


def test_pasted_headline_above_a_menu_and_legal_line_is_the_title() -> None:
    """A paste whose top lines are a legal line and a breadcrumb gets its real title line."""
    body = " ".join(
        f"Paragraph {i} says the council of Port Avery met on Monday and the mayor told "
        "residents that the new sea wall would be finished before the winter storms came."
        for i in range(8)
    )
    text = (
        "Copyright © 2019, Port Avery Times | Terms of Service | Privacy Policy\n"
        "News > Local > Harbour\n\n"
        "Harbour town votes to rebuild its flooded sea wall\n\n" + body
    )
    assert clean(text).title == "Harbour town votes to rebuild its flooded sea wall"


def test_a_sentence_ending_in_a_quote_mark_is_no_headline() -> None:
    """Short news paragraphs under a headline line: the one ending '… in July.”' is a sentence
    like the others, so the headline stays the first line and no paragraph above it is lost."""
    text = (
        "Rep. Carver to back Lindqvist for governor.\n\n"
        "Rep. Anna Carver is supporting Sen. Erik Lindqvist for governor, giving him his first "
        "endorsement from the state's delegation.\n\n"
        "Carver said on Friday to the local radio station that she planned to vote for him in "
        "the state's March primary.\n\n"
        "Carver added that “as a delegate, I'll follow through and vote for him when we get to "
        "the convention in July.”\n\n"
        "Carver's support pushes back on the idea that the party's other candidate has a hold on "
        "every senior member of the state delegation."
    )
    article = clean(text)
    assert article.title == "Rep. Carver to back Lindqvist for governor."
    assert len(article.paragraphs) == 4


def test_a_title_case_headline_ending_in_a_quote_stays_eligible() -> None:
    """'Kasich: ‘We Are Going To Go All The Way To Cleveland And Win The Nomination.’' is Title
    Case: a headline, however long, not a sentence."""
    assert eligible(
        "Kasich: ‘We Are Going To Go All The Way To Cleveland And Win The Whole Nomination There.’"
    )


def test_no_headline_after_the_article_has_begun() -> None:
    """A short sentence below full sentences of the article ('Now, Carver has responded to the
    rant.') is no headline candidate; the title line above them is."""
    lines = _lines(
        "Carver Just Gave A Powerful Three-Word Answer To Her Rival’s Stunning Tirade.",
        "Her rival unleashed a harsh attack on Anna Carver last night, comparing her record to a "
        "disaster.",
        "Now, Carver has responded to the rant.",
        "Her campaign manager, Tom Reed, said: “When I spoke with her about this yesterday, she "
        "told me that she would pray for him, because she really likes him.”",
    )
    assert hl.candidates(lines, [0, 1, 2, 3]) == [0]
