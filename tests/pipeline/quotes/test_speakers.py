"""Speakers: titles, parties and publications are no names; the fullest name; stand-alone quotes
keep theirs; every supported language; the article's own marks on the card."""

# typographic quote marks, Cyrillic and accented text are what is tested

from __future__ import annotations

import json
from collections import Counter

import pytest

from bot.models import Article, Options, Quote
from bot.pipeline.core import digest_text
from bot.pipeline.quotes import find_quotes
from tests import paths
from tests.factories import quotes_of, text

LANGUAGES = ("de", "fr", "es", "uk", "ru")
# The bar: a speaker on at least 90% of the quotes whose sentence names one.
SPEAKER_FLOOR = 0.9


def quotes(*paragraphs: str, language: str = "en", limit: int = 5) -> tuple[Quote, ...]:
    return quotes_of(Article(title=None, paragraphs=paragraphs), language, limit)


def speaker(*paragraphs: str, language: str = "en") -> str | None:
    found = quotes(*paragraphs, language=language)
    assert len(found) == 1, found
    return found[0].speaker


def _cases() -> list[dict[str, object]]:
    path = paths.TEST_DATA / "quotes-languages.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_language_set_has_fifteen_passages_per_language() -> None:
    """The passages of ours (hence indicative) cover every supported language at least 15 times."""
    counts = Counter(str(case["language"]) for case in _cases())
    assert all(counts[language] >= 15 for language in LANGUAGES), counts


@pytest.mark.parametrize("language", LANGUAGES)
def test_quotes_get_their_named_speaker_in_every_language(language: str) -> None:
    """In each language at least 90% of the quotes whose sentence names a speaker get that name."""
    right = total = 0
    for case in (c for c in _cases() if c["language"] == language):
        found = quotes(*case["paragraphs"], language=language)  # type: ignore[misc]
        total += max(1, len(found))  # a passage whose quote is missed counts as wrong
        right += sum(q.speaker == case["speaker"] for q in found)
    assert right >= SPEAKER_FLOOR * total, (right, total)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“Nobody saw the storm coming this early in the year,” said New Jersey Gov. Chris Christie.", "Chris Christie"),
        ("“We are not taking anything for granted this time around,” said Democratic Rep. Dina Titus.", "Dina Titus"),
        ("“The vote will be close and every district will matter,” said Del. Stacey Plaskett.", "Stacey Plaskett"),
        ("“That is not the view of the senators who were elected,” Mitch McConnell, R-Ky., said.", "Mitch McConnell"),
        ("“We can run a strong campaign without a super PAC,” Jeff Weaver, Sanders’ campaign manager, said.", "Jeff Weaver"),
        ("“Local officials should reach out to learn how to protect systems,” Sen. Cruz said.", "Cruz"),
        ("“This is just a scripted television show and we are all props,” said Virginia delegate Beau Correll.", "Beau Correll"),
        ("“We are already at war and are working to accelerate that campaign,” said Pentagon spokesman Navy Capt. Jeff Davis.", "Jeff Davis"),
        ("“Mess is the president’s diplomatic term for what happened there,” writes The Atlantic’s Jeffrey Goldberg.", "Jeffrey Goldberg"),
        ("“We cannot have people come here and deny the right to question them,” Rep. John Mica (R-Fla.) said.", "John Mica"),
        ("“Something funny was going on with the candidate last night,” said Howard Dean.", "Howard Dean"),
        ("“The deadline is not something the families can ignore,” said 9/11 survivor Ana Ortiz.", "Ana Ortiz"),
        ("“We are ready for the next round of primaries,” Gov. Jim Wells (R-Ind.), said.", "Jim Wells"),
        ("“Nobody expected the numbers to move this fast,” said Smith’s senior campaign adviser Laura Chen.", "Laura Chen"),
    ],
)  # fmt: skip
def test_titles_parties_and_appositives_are_cut_from_the_name(sentence: str, expected: str) -> None:
    """Titles and places before a name ('Gov.', 'Democratic Rep.', 'Del.') and appositives
    between a name and its verb (', R-Ky.,') leave the person's own name."""
    assert speaker("Officials spoke on Monday.", sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "“Patients in the trial did better than anyone expected,” JAMA Psychiatry reported.",
        "“The magazine has never endorsed a candidate this early,” the New Yorker said.",
        "“We will hold the line on spending every single year,” Democratic leaders said.",
        "“A spokesman will answer the questions at noon on Friday,” said a spokesman for Fox News.",
    ],
)
def test_publications_and_parties_are_never_speakers(sentence: str) -> None:
    """'Psychiatry' (of 'JAMA Psychiatry'), 'Yorker', 'Democratic', 'Fox News' are not people."""
    assert speaker("Officials spoke on Monday.", sentence) is None


def test_surname_is_given_as_the_full_name_the_article_uses() -> None:
    """'Noem said' comes back as 'Kristi Noem' when the article names her in full."""
    found = speaker(
        "South Dakota Gov. Kristi Noem signed the bill on Tuesday.",
        "“This law protects the farmers who feed the whole country,” Noem said.",
    )
    assert found == "Kristi Noem"


def test_a_quote_standing_alone_keeps_the_speaker_just_quoted() -> None:
    """A quote that is a sentence of its own after an attributed one goes on with that speaker,
    in the same paragraph and in the next one."""
    found = quotes(
        "The senators argued about the rules on Monday.",
        "“Superdelegates play a big role in who wins the nomination,” said Sen. Tom Udall of New"
        " Mexico, who wants to change the rules. “If the nominee is a disaster, they will try"
        " to stop it next time.”",
        "“I would like to hear far more from the grass roots on this question.”",
    )
    assert [q.speaker for q in found] == ["Tom Udall"] * 3


def test_a_quote_after_a_sentence_about_someone_is_theirs() -> None:
    """'Bolton distanced himself … “I’m going to support him …”': the sentence's subject speaks."""
    found = speaker(
        "John Bolton distanced himself from the movement by saying he would help if asked.  “I’m"
        " going to support him, and support him enthusiastically, because he can do the job.”"
    )
    assert found == "John Bolton"


def test_pronoun_goes_to_the_main_clause_subject_of_the_sentence_before() -> None:
    """'Hale did not sound sure when Price asked …. “…,” he said': Hale, not the later Price."""
    found = quotes(
        "Sen. Mark Hale did not sound sure when Dan Price asked whether the bill would pass.",
        "“It could go either way this week, and all of us know it,” he said.",
    )
    assert found[0].speaker == "Mark Hale"


def test_pronoun_in_a_participle_clause_is_resolved() -> None:
    """'He then defended the remark, saying, “…”' gives the person the pronoun stands for."""
    found = quotes(
        "Former Vermont governor Howard Dean was asked about the tweet on Tuesday.",
        "He then defended the remark, saying, “I don’t think this is a ridiculous idea at all.”",
    )
    assert found[0].speaker == "Howard Dean"


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("«Мост откроется для движения поездов до конца следующего года», — заявил мэр Андрей Соколов.", ("«", "»")),
        ("„Die Brücke wird noch vor dem Ende des nächsten Jahres Züge tragen“, sagte Bürgermeister Jan Roth.", ("„", "“")),
        ('"The new bridge will carry trains before the end of next year," said Mayor Anna Berg.', ('"', '"')),
    ],
)  # fmt: skip
def test_the_card_keeps_the_articles_own_quote_marks(text: str, marks: tuple[str, str]) -> None:
    """A Russian «…» stays «…» on the card, a German „…“ stays „…“; nothing becomes “…”."""
    digest = digest_text(
        f"Bridge news\n\nThe city presented the new bridge on Monday.\n\n{text}",
        None,
        Options(),
        100_000,
    )
    assert [q.marks for q in digest.quotes] == [marks]
    quote = digest.quotes[0]
    assert f"<blockquote>{marks[0]}{quote.text}{marks[1]}" in digest.card


def test_a_name_and_verb_after_a_quote_that_ends_its_sentence_are_its_attribution() -> None:
    """'“… missing.” Trump said.' and '“…!” US Senator Jeff Sessions said as …' name the speaker,
    not the person spoken of before."""
    found = quotes(
        "Hillary Clinton spoke first at the rally in Ohio on Monday.",
        "“I hope you are able to find the thirty thousand emails that are missing.” Donald Trump"
        " said at a news conference.",
        "“The great state of Alabama is proud to cast its votes for the next president!” US"
        " Senator Jeff Sessions said as he launched the process.",
    )
    assert [q.speaker for q in found] == ["Donald Trump", "Jeff Sessions"]


def test_a_pronoun_takes_the_person_of_its_gender() -> None:
    """'she said' after a sentence about a woman and a man goes to the woman, known as a woman
    from the article itself (her title, the 'her' after her name; his 'his')."""
    found = speaker(
        "State party chairwoman Nancy Worley pledged her vote to Clinton recently.",
        "Her rival Tom Baker said his campaign had gone on far too long for the state.",
        "“We really need to bring a close to this primary process and get on with it,” she said.",
    )
    assert found == "Nancy Worley"


def test_a_sentence_opening_word_is_no_first_name() -> None:
    """'Though Kaine has …' does not make 'Though' a second first name of Tim Kaine, so a later
    'Kaine told CNN' still comes back as 'Tim Kaine'."""
    found = speaker(
        "Hillary Clinton has chosen Virginia Sen. Tim Kaine as her running mate.",
        "Though Kaine has described himself as a moderate, though not in every year, he voted"
        " with the party.",
        "“I am a strong supporter of the decisions that families make on their own,” Kaine told"
        " CNN.",
    )
    assert found == "Tim Kaine"


def test_a_partial_name_takes_the_full_form_it_ends() -> None:
    """'Wasserman Schultz said' comes back as 'Debbie Wasserman Schultz'."""
    found = speaker(
        "DNC Chair Debbie Wasserman Schultz defended the agreement on Tuesday.",
        "“Both candidates have a joint fundraising agreement exactly like the earlier ones,”"
        " Wasserman Schultz said in an interview.",
    )
    assert found == "Debbie Wasserman Schultz"


def test_a_surname_takes_the_first_name_that_prevails_or_its_variants() -> None:
    """'Starr said' is Kenneth Starr where the article says Kenneth and Ken; 'Trump said' is Donald
    Trump where a title-case line once joins 'Rebuking' to the surname; but with Joe Biden and
    Hunter Biden named as often, 'Biden said' stays 'Biden'."""
    found = quotes(
        "Former independent counsel Kenneth Starr spoke at the university on Monday.",
        "Ken Starr was asked about the former president.",
        "“He has remarkable gifts, and genuine empathy for human beings,” Starr said.",
        "Conservatives Rebuking Trump gathered in the hall.",
        "Donald Trump answered in a statement. Donald Trump then held a rally.",
        "“We are going to win this state by a lot of votes,” Trump said.",
        "Joe Biden and Hunter Biden arrived in the afternoon.",
        "“We came here to listen to the workers of this town today,” Biden said.",
    )
    assert [q.speaker for q in found] == ["Kenneth Starr", "Donald Trump", "Biden"]


def test_a_first_name_goes_before_a_capitalised_word_named_as_often() -> None:
    """'Chasing Trump' (a sentence's opening word) once and 'Donald Trump' once: only Donald is
    a first name, so 'Trump said' is Donald Trump; with Joe and Hunter Biden it stays 'Biden'."""
    found = quotes(
        "Chasing Trump in the polls, the other candidates spent the week in Iowa.",
        "As Donald Trump arrived, the crowd grew.",
        "“Our country is a mess, and we have to fix it right now,” Trump said.",
    )
    assert [q.speaker for q in found] == ["Donald Trump"]


def test_a_surname_matches_across_apostrophe_spellings() -> None:
    """A straight apostrophe (said O'Neill) finds the first name of James O’Neill."""
    found = speaker(
        "The explosion went off around 8:30 p.m., according to Commissioner James O’Neill.",
        "“The exact cause of the explosion has not been determined,” said O'Neill.",
    )
    assert found == "James O’Neill"


def test_an_institution_name_with_and_is_no_speaker() -> None:
    """'David Albright of the Institute for Science and International Security wrote': the
    speaker is the person before 'of', not 'International Security'."""
    found = speaker(
        "“Tritium would enable nuclear weapons designs with a greater explosive yield,” nuclear"
        " expert David Albright of the Institute for Science and International Security wrote.",
    )
    assert found == "David Albright"


def test_she_means_the_name_an_apposition_introduces() -> None:
    """'One local woman, Karen Robison, pulled …': she is the sentence's subject, so the next
    '“…,” she told him' is hers, not the last speaker's (Young, of unknown gender)."""
    found = quotes(
        "“The leading candidate shows up to a small town like that? It is a good day,” Young said.",
        "One local woman, Karen Robison, pulled Rep. King aside after the event.",
        "“I’m so glad you don’t forget this little town of ours,” she told him.",
    )
    assert [q.speaker for q in found] == ["Young", "Karen Robison"]


@pytest.mark.parametrize(
    ("intro", "surname", "expected"),
    [
        (
            "Marty West, an education professor at Harvard, called it significant.",
            "West",
            "Marty West",
        ),
        ("Prime Minister Theresa May met the ministers on Monday.", "May", "Theresa May"),
        (
            "Michael Bloomberg is weighing a run for the presidency.",
            "Bloomberg",
            "Michael Bloomberg",
        ),
        ("The sheriff of Warren County spoke to the press on Monday.", "County", None),
    ],
)
def test_a_surname_that_is_also_a_place_or_paper(
    intro: str, surname: str, expected: str | None
) -> None:
    """'Marty West', 'Theresa May', 'Michael Bloomberg' are people ('West said' is Marty West);
    'Warren County' is not."""
    found = speaker(
        intro,
        f"“This is the first time in decades that we see a rollback of federal power,” {surname}"
        " said.",
    )
    assert found == expected


def test_an_initial_keeps_its_full_stop_on_the_card() -> None:
    """'Donald J. Trump', not 'Donald J Trump'."""
    found = speaker(
        "Donald J. Trump spoke in Ohio on Tuesday.",
        "“We are going to make this country great again, believe me,” Mr. Trump said.",
    )
    assert found == "Donald J. Trump"


def test_an_honorific_picks_which_of_two_people_a_shared_surname_means() -> None:
    """With Hillary and Bill Clinton both named, 'Mrs. Clinton said' is Hillary and 'Mr.
    Clinton' Bill; a bare 'Clinton said' stays 'Clinton' (no guess)."""
    found = quotes(
        "Hillary Clinton and Bill Clinton arrived in Des Moines on Sunday.",
        "“I am running for everyone who has been knocked down in this economy,” Mrs. Clinton said.",
        "“She has been the best change-maker I have ever known in my whole life,” said Mr."
        " Clinton, who spoke first.",
        "“We are going to keep fighting for every single vote in this state,” Clinton said.",
    )
    assert [q.speaker for q in found] == ["Hillary Clinton", "Bill Clinton", "Clinton"]


def test_she_is_the_woman_a_first_name_shows_not_the_man_named_since() -> None:
    """'she said' after 'Katie Harbath spoke … Tad Devine moderated' is Katie Harbath: the
    census first names say Katie is a woman's name and Tad a man's, when the article does not."""
    found = speaker(
        "Katie Harbath, Facebook’s global politics director, spoke at the forum on Monday.",
        "Tad Devine moderated the forum.",
        "“They have a lot of money and we have a lot of volunteers in every state,” she said.",
    )
    assert found == "Katie Harbath"


def test_a_hyphenated_role_is_no_first_name() -> None:
    """'Oscar-winner Sarandon' is a role before the surname, not a second first name of Susan
    Sarandon, so a later 'Sarandon told MSNBC' is Susan Sarandon."""
    found = speaker(
        "Actress Susan Sarandon campaigned in Iowa on Sunday.",
        "Oscar-winner Sarandon has backed the senator for a year.",
        "“That is a legitimate concern, because they are very passionate,” Sarandon told MSNBC.",
    )
    assert found == "Susan Sarandon"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hillary Clinton says Donald Trump’s flurry of late-night tweets about the former Miss Universe was “unhinged, even for him, and that is saying a lot.”", "Hillary Clinton"),
        ("Vermont Sen. Bernie Sanders sent out a fundraising call after the remarks, asking supporters to “donate $3 to our campaign now to condemn this hate.”", "Bernie Sanders"),
        ("Sen. Bernie Sanders released a statement on the deal, insisting that the United States “must stop treating Puerto Rico like a colony of its own.”", "Bernie Sanders"),
        ("Former Arkansas Gov. Mike Huckabee, for his part, is labeling the president’s actions “a blatant, belligerent abuse of power and nothing less.”", "Mike Huckabee"),
    ],
)  # fmt: skip
def test_a_reporting_verbs_word_used_as_a_noun_is_no_verb(sentence: str, expected: str) -> None:
    """'late-night tweets', 'the remarks', 'the United States' are nouns: the speaker is the
    sentence's subject, not nobody ('is labeling' is the verb of the last)."""
    assert speaker(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("John Bolton called the decision to ignore the generals “disrespectful to the men and women who are in harm’s way.”", "John Bolton"),
        ("Historian Carl Anthony describes her as “the single greatest protective force around the president in those years.”", "Carl Anthony"),
        ("“People feel that they are simply not wanted in the party,” said Latino Decisions researcher Sylvia Manzano.", "Sylvia Manzano"),
        ("“Imagine him going up against both of them on the same stage,” mused Blaze co-host Stu Burguiere.", "Stu Burguiere"),
    ],
)  # fmt: skip
def test_describing_verbs_and_unlisted_roles(sentence: str, expected: str) -> None:
    """'X called it “…”' and 'X describes her as “…”' are X's words; an organisation before a role
    noun the lists lack ('Latino Decisions researcher') is not the speaker, the name after it is."""
    assert speaker("Officials spoke on Monday.", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("“Building such a weapon would seem to be a bit of a stretch for them,” Jeffrey Lewis of the James Martin Center for Nonproliferation Studies wrote in December.", "Jeffrey Lewis"),
        ("“If they did not take part, they have nothing at all to worry about,” Sen. Chuck Schumer (D-N.Y.) said Tuesday.", "Chuck Schumer"),
        ("“They expect us to know all of this already,” Terrie Rizzo, the Democratic chair of Florida’s Palm Beach County, said of the Clintons.", "Terrie Rizzo"),
        ("George Zornick of The Nation wrote, “If you want people to know you care, you have to show it.”", "George Zornick"),
    ],
)  # fmt: skip
def test_institutions_abbreviations_and_long_appositives_around_the_name(
    sentence: str, expected: str
) -> None:
    """A person 'of' an institution, a '(D-N.Y.)' and a long appositive do not hide the speaker."""
    assert speaker("Officials spoke on Monday.", sentence) == expected


def test_a_role_noun_is_the_person_introduced_with_that_role() -> None:
    """'the Texas senator said' is Ted Cruz, introduced as 'Texas Sen. Ted Cruz', though Donald
    Trump was spoken of since."""
    found = speaker(
        "Texas Sen. Ted Cruz spoke in Iowa on Monday, a day after Donald Trump held a rally there.",
        "Trump drew a larger crowd than expected at the fairground.",
        "“I think that would be an absolute disaster for the whole party,” the Texas senator said.",
    )
    assert found == "Ted Cruz"


def test_an_unnamed_source_is_shown_as_the_article_describes_them() -> None:
    """'said a New Hampshire Democrat' is shown so, for the quote that goes on from it too (not
    handed to the person last spoken of); 'another Iowa Republican added' likewise."""
    found = quotes(
        "Hillary Clinton campaigned in Manchester on Sunday.",
        "“The gap is too wide for her to close before the vote next week,” said a New Hampshire"
        " Democrat. “She needs to exceed expectations to get a boost from the state.”",
        "“Iowa proved the polls are misleading this year,” another Iowa Republican added.",
    )
    assert {q.text[:8]: q.speaker for q in found} == {
        "The gap ": "a New Hampshire Democrat",
        "She need": "a New Hampshire Democrat",
        "Iowa pro": "an Iowa Republican",
    }


def test_an_anonymous_source_gets_no_name_nor_does_its_next_quote() -> None:
    """'said an aide' names nobody, and the quote that goes on from it is not handed to the
    person last spoken of."""
    found = quotes(
        "Hillary Clinton campaigned in Manchester on Sunday.",
        "“The gap is too wide for her to close before the vote next week,” said an aide to the"
        " campaign. “She needs to exceed expectations to get a boost from the state.”",
    )
    assert [q.speaker for q in found] == [None, None]


@pytest.mark.parametrize(
    "sentence",
    [
        "He went on to say the rival’s behaviour is “very different from somebody who simply misspoke on the stage.”",
        "On Wednesday, he seemed to know her habits, warning that she is “still in control of the race and should not overreact.”",
        "Grayson, a former party chairman, poked at the rival’s sniffing during the debate, tweeting, “Notice him sniffing all the time during the debate.”",
    ],
)  # fmt: skip
def test_the_clause_subject_speaks_through_an_infinitive_or_participle(sentence: str) -> None:
    """'He went on to say …', 'On Wednesday, he …, warning that “…”', 'X …, tweeting, “…”'."""
    assert speaker("Former chairman Alan Grayson spoke on Tuesday.", sentence) == "Alan Grayson"


def test_three_names_at_a_sentence_start_are_kept_but_not_a_role_before_two() -> None:
    """'Ruth Bader Ginsburg regrets …' keeps her three names for a later 'Ginsburg said'; an
    'Actor Clint Howard' opening a sentence is Clint Howard."""
    found = quotes(
        "Ruth Bader Ginsburg regrets her remarks about the candidate.",
        "“On reflection, my recent remarks in response to press inquiries were ill-advised,”"
        " Ginsburg said in a statement.",
        "Actor Clint Howard spoke at the rally on Friday.",
        "“He has the courage to fight and to take the flak from people,” Howard said.",
    )
    assert [q.speaker for q in found] == ["Ruth Bader Ginsburg", "Clint Howard"]


def test_the_headline_lends_its_full_names_but_no_quote_nor_antecedent() -> None:
    """'Silverman said' is Sarah Silverman when only the headline names her in full; the headline
    gives no quote and is no antecedent for a pronoun in the text."""
    article = Article(
        title="Sarah Silverman heckled at the convention: “Bernie or Bust people are ridiculous”",
        paragraphs=(
            "The comedian spoke on the first night in Philadelphia.",
            "“Hillary heard the passion of the people and she answered it,” Silverman said.",
            "“Thank God they can fix this in post-production, I am so glad,” she said.",
        ),
    )
    found = find_quotes(text(article, "en"), 5, article.title)
    assert [q.speaker for q in found] == ["Sarah Silverman", "Sarah Silverman"]
    assert quotes_of(article, "en", 5)[0].speaker == "Silverman"  # without the headline


@pytest.mark.parametrize(
    "sentence",
    [
        "Julianne Moore thanked the president for “taking action when Congress would not act at all.”",
        "Donald Trump leaned in and boomed: “We are going to win so much that you will get tired.”",
        "Thomas Massie now believes the nominee has “brought the whole party together behind one plan.”",
    ],
)
def test_a_quote_inside_a_sentence_without_a_reporting_verb_is_its_subjects(sentence: str) -> None:
    """A quote the sentence leads into with no reporting verb goes to the person the sentence is
    about: its subject, named as fully as the article allows."""
    subject = " ".join(sentence.split()[:2])
    assert speaker(sentence) == subject


def test_a_quote_inside_a_sentence_about_no_one_named_gets_no_speaker() -> None:
    """With no named subject (a thing, an institution) the embedded quote keeps no speaker."""
    found = speaker(
        "The new report calls the plan “a serious risk to the city and its schools for years.”"
    )
    assert found is None


def test_a_paragraph_opening_with_he_added_goes_on_with_the_last_speaker() -> None:
    """'He added, “…”' at a paragraph's start carries on the previous paragraph's speaker, not a
    person named in the quote there."""
    found = quotes(
        "Senator Lindsey Graham spoke to the party's donors in Las Vegas on Thursday night.",
        "Graham said, “We are losing the Hispanic vote. I believe Donald Trump is destroying the party.”",
        "He added, “We cannot win the White House without them and everybody here knows it.”",
    )
    assert [q.speaker for q in found] == ["Lindsey Graham", "Lindsey Graham"]


def test_a_word_before_a_first_name_is_not_part_of_the_name() -> None:
    """'Celebrities Julianne Moore …' at a sentence's start: a known first name second and a word
    no first name first make a two-word name, and the speaker is 'Julianne Moore'."""
    found = speaker(
        "Celebrities Julianne Moore and Kerry Washington joined the president at the White House.",
        "“This is the day we have been waiting for since the shooting,” Moore said on Tuesday.",
    )
    assert found == "Julianne Moore"


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        (
            "“Both of them scare me more than anyone else in the race,” Harry Bond, 30, of"
            " Raleigh, N.C., who was among those polled, said in a follow-up interview.",
            "Harry Bond",
        ),
        (
            "“We have had far better conventions than this one,” Texas delegate Bill Eastland,"
            " wearing a cowboy hat and “Ted Cruz” campaign pins, said as confetti fell.",
            "Bill Eastland",
        ),
        (
            "“They are clearly drawing more from her side of the ledger now,” Nate Silver, the"
            " polling guru who founded fivethirtyeight.com tweeted on Wednesday.",
            "Nate Silver",
        ),
    ],
)
def test_the_name_opening_a_long_attribution_after_the_quote_speaks(
    passage: str, expected: str
) -> None:
    """A name right after the quote speaks when a reporting verb ends its clause further on,
    past a description too long or too odd to parse (an age and a town, a quoted slogan)."""
    assert speaker(passage) == expected


def test_a_name_after_the_quote_does_not_speak_through_another_quotation() -> None:
    """'“…,” Rubio already “paid … he said …”': the verb inside the second quotation is not
    the first one's attribution, and the name after the first quote is no speaker."""
    found = quotes(
        "Marco Rubio won his Senate primary on Tuesday night by a wide margin.",
        "Hannity said that while there are “still some conservatives angry over the immigration"
        " bill,” Rubio already “paid a very heavy price on that issue and he said he made a"
        " mistake.”",
    )
    assert [q.speaker for q in found if q.text.startswith("still")] == ["Hannity"]


def test_a_word_put_before_a_full_name_inside_a_sentence_is_no_part_of_it() -> None:
    """'… Crooked Hillary Clinton …' (from a quoted tweet): an unknown word before a known first
    name and a surname does not become the speaker's first name."""
    found = quotes(
        "Donald Trump wrote on Twitter that Crooked Hillary Clinton should never be president.",
        "“She is not having a good night and everybody can see it,” Clinton said on Monday.",
    )
    assert [q.speaker for q in found] == ["Hillary Clinton"]


@pytest.mark.parametrize(
    "passage",
    [
        "“We could not work with the establishment at all after that vote,” Bozell points out.",
        "At a press conference, Bozell proclaimed, “We will not work with the establishment.”",
        "“You have not kept one promise in twenty years,” scolded Bozell on Monday night.",
        "“We will never again work with the establishment,” proclaimed Bozell in Des Moines.",
    ],
)
def test_less_common_reporting_verbs_name_the_speaker(passage: str) -> None:
    """'points out', 'proclaimed', 'scolded' report speech like 'said'."""
    assert speaker(
        "Brent Bozell spoke to the conservative leaders in Iowa on Monday.", passage
    ) == ("Brent Bozell")


def test_the_subject_after_an_opening_phrase_owns_a_quote_without_a_reporting_verb() -> None:
    """'Immediately after the attacks, Trump issued a statement, “…”': the subject after an
    opening phrase that names no one; not a name that a pronoun's clause goes on to
    ('Eight years ago, he supported Barack Obama and said, “…”' is the pronoun's)."""
    assert (
        speaker(
            "Immediately after the attacks, Donald Trump issued a statement, “Last night our nation"
            " was attacked by a radical terrorist.”"
        )
        == "Donald Trump"
    )
    found = quotes(
        "Al Sharpton would not endorse anyone in this year’s contest.",
        "Eight years ago, he supported Barack Obama over Hillary Clinton and said, “She has never"
        " done anything for us.”",
    )
    assert [q.speaker for q in found] in (["Al Sharpton"], [None])


def test_a_sentence_opening_with_he_or_she_leads_into_the_pronouns_quote() -> None:
    """'He anticipated that the biggest challenge for a President Trump would be “…”': with no
    reporting verb, the pronoun that opens the sentence speaks, and it stands for someone named
    before it (Bolton), not for a name later in its own sentence (Trump)."""
    found = quotes(
        "John Bolton said he would support the nominee in the general election.",
        "He anticipated that the biggest challenge for a President Trump would be “dealing with"
        " all the problems that the last eight years are going to leave behind.”",
    )
    assert [q.speaker for q in found] == ["John Bolton"]


def test_the_tail_of_an_institutions_name_is_no_person() -> None:
    """'… of the Institute for Science and International Security …': 'International Security'
    is no antecedent for 'he' (a run after 'for'/'of'/'on'/'and' and a capitalized word, with
    no known first name), so the pronoun goes to the person named before it."""
    found = quotes(
        "Jeffrey Lewis, a nuclear expert, doubted the claims of the North Korean government.",
        "A report by the Institute for Science and International Security agreed with him.",
        "But, he noted, “it is a mistake to rule out the aspiration by Pyongyang for good.”",
    )
    assert [q.speaker for q in found] == ["Jeffrey Lewis"]


def test_a_title_inside_a_name_run_or_a_party_label_marks_a_person() -> None:
    """'Democratic Sen. Claire McCaskill (D-Mo.) scolded him: “…,” she said': a title inside the
    run and a party label make her a person, so 'she' stands for her."""
    found = quotes(
        "Oz appeared at a hearing of the Senate subcommittee on his weight-loss advice.",
        "Democratic Sen. Claire McCaskill (D-Mo.) scolded him: “The scientific community is almost"
        " monolithic against you on these products,” she said.",
    )
    assert [q.speaker for q in found] == ["Claire McCaskill"]


def test_a_name_after_a_or_an_is_no_speaker() -> None:
    """'according to an Associated Press-GfK poll': a name used as an adjective after 'a'/'an'
    names no person."""
    found = speaker(
        "“Prices matter far more to us than where the goods were made,” according to an"
        " Associated Press-GfK poll released on Thursday."
    )
    assert found is None


@pytest.mark.parametrize(
    ("headline", "paragraph", "language", "expected"),
    [
        ("Finance Minister Anna Kowalski spoke at the forum in Gdansk on Tuesday.", "“The budget will be balanced next year and the deficit will shrink,” she said.", "en", "Anna Kowalski"),
        ("Министр финансов Антон Силуанов выступил на форуме в Петербурге.", "«Бюджет следующего года будет сбалансированным, дефицит сократится», — сказал министр.", "ru", "Антон Силуанов"),
        ("Paris Talks Highlight Threat Posed by Rising Prices.", "“The budget will be balanced next year and the deficit will shrink,” he said.", "en", None),
    ],
)  # fmt: skip
def test_a_short_post_names_its_speaker_in_the_headline(
    headline: str, paragraph: str, language: str, expected: str | None
) -> None:
    """A channel post of a headline line and one paragraph: 'he said', 'сказал министр' is the
    one person the headline names; a Title Case headline lends no such person."""
    article = Article(title=headline, paragraphs=(paragraph,))
    found = find_quotes(text(article, language), 5, headline)
    assert [q.speaker for q in found] == [expected]


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("За словами аграрія Петра Коваленка, «погода нарешті була на боці фермерів цього року».", "uk", "Петро Коваленко"),
        ("За словами міністерки Ірини Ковальової, «школи відкриються вчасно в усіх областях».", "uk", "Ірина Ковальова"),
        ("По словам Петра Навального, «мост откроют для поездов до конца следующего года».", "ru", "Петр Навальный"),
        ("По словам Марии Захаровой, «переговоры продолжатся на следующей неделе в Женеве».", "ru", "Мария Захарова"),
    ],
)  # fmt: skip
def test_a_genitive_name_is_given_in_the_nominative(
    sentence: str, language: str, expected: str
) -> None:
    """'За словами Петра Коваленка' is Петро Коваленко (Ukrainian, not the Russian 'Петр
    Коваленк'); 'По словам … Навального' is Навальный."""
    assert speaker("Новини дня.", sentence, language=language) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“Some restaurants have added a surcharge to cover the higher wages,” Fox News reported.",
            "Fox News",
        ),
        (
            "“We are very disappointed that he has decided to drop out at the last minute,” the ACU said.",
            "ACU",
        ),
        (
            "“Officials now expect to complete their work in the next few weeks,” according to CNN.",
            "CNN",
        ),
        (
            "“He argued that the scorn directed at him stems from his race,” the New York Times reported.",
            "New York Times",
        ),
        (
            "“The numbers are simply not there for the governor in this state,” according to a CNN poll.",
            None,
        ),
    ],
)
def test_a_news_outlet_named_as_the_verbs_subject_is_the_source(
    sentence: str, expected: str | None
) -> None:
    """An outlet or an organisation's acronym that says or reports the quote is its source (the
    card shows '— Fox News'); an outlet used as an adjective ('a CNN poll') is not."""
    assert speaker(sentence) == expected


def test_a_name_after_he_said_is_what_he_said() -> None:
    """'he said Ryan' makes Ryan the answer, not a speaker: the next '“…,” he said' is Trump's."""
    found = speaker(
        "Donald Trump met Paul Ryan on Thursday.",
        "Asked on Fox News who leads the party in his view, he said Ryan. “I would say Paul for the"
        " time being and maybe for a long time,” he said.",
    )
    assert found == "Donald Trump"


def test_dotted_initials_do_not_end_a_sentence() -> None:
    """'scholar A.E. Dick Howard' is inside the sentence McAuliffe opens, so the next '“…,” he
    said' is McAuliffe's, not Howard's."""
    found = speaker(
        "Anticipating blowback, Terry McAuliffe remarked that he had consulted the scholar A.E."
        " Dick Howard at the University of Virginia.",
        "“I want to be crystal clear. Some will try to demagogue this issue,” he said.",
    )
    assert found == "Terry McAuliffe"


def test_a_family_is_no_pronouns_antecedent() -> None:
    """'The Ebelings said …' names Betsy and Tom Ebeling together: the next 'she said' is Betsy
    Ebeling, not 'Ebelings'."""
    found = speaker(
        "Betsy Ebeling and her husband, Tom Ebeling, arrived on Sunday.",
        "The Ebelings said they were hoping to spend some time with her. “We came today because"
        " she is a good girl and we need her,” she said.",
    )
    assert found == "Betsy Ebeling"


def test_a_calendar_word_before_a_name_is_no_first_name() -> None:
    """'Liar of the Year Barack Obama': 'Year' is no first name, so 'Obama said' is Barack Obama."""
    found = speaker(
        "If Republicans choose not to believe the Liar of the Year Barack Obama, they are right.",
        "“The only thing close to a 200,000 figure is an announcement in September,” Obama said.",
    )
    assert found == "Barack Obama"


def test_who_declared_gives_the_name_before_it() -> None:
    """'an endorsement from Mike Lee, who declared, “…”': Lee speaks, though 'from' precedes him."""
    found = speaker(
        "On Thursday, Cruz scored his first endorsement from a Senate colleague, from Mike Lee, who"
        " declared in the debate spin room, “I’m sending the signal that it’s time to unite.”",
    )
    assert found == "Mike Lee"


def test_two_joined_roles_are_one_definite_description() -> None:
    """'the independent Vermont senator and Democratic presidential candidate told …' is the
    senator the article introduced; 'asserted' is a reporting verb."""
    found = quotes(
        "Sen. Bernie Sanders on Wednesday also called upon the U.S. to press China.",
        "“China is equally concerned about what North Korea is doing,” the independent Vermont"
        " senator and Democratic presidential candidate told ABC.",
        "“Let me make it very clear that Donald Trump is unfit to be president,” he asserted.",
    )
    assert [q.speaker for q in found] == ["Bernie Sanders", "Bernie Sanders"]


def test_two_joined_verbs_share_their_subject() -> None:
    """'she laughed and admitted “…”', '“…,” Trump paused and added': the first verb's subject."""
    found = quotes(
        "Betsy Ebeling shook her head. At the mention of email she laughed and admitted “emails"
        " have been wonderful, although that can be a curse also.”",
        "“We will win this state and then we will win the whole thing,” Trump paused and added.",
    )
    assert sorted(str(q.speaker) for q in found) == ["Betsy Ebeling", "Trump"]
