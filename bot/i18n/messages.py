"""Every text the bot shows a person, in English, marked for extraction into the catalogue.

The English text is the gettext msgid: `N_` marks one message, `NP_` a message with plural forms
(whatever number it speaks of). Placeholders are `str.format` fields (`{minutes}`; a literal brace
is doubled); a translation keeps each placeholder and each HTML tag of its msgid. `scripts/i18n.sh` extracts these into
`locale/gistbot.pot`, merges them into every language's .po file and compiles the .mo files.
Texts that carry HTML are sent in Telegram's HTML parse mode; the others are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Message:
    """One catalogue entry; its msgid is the English text."""

    msgid: str


@dataclass(frozen=True, slots=True)
class Plural:
    """One catalogue entry with plural forms, chosen by a number."""

    singular: str
    plural: str


def N_(msgid: str) -> Message:
    """Mark `msgid` for extraction."""
    return Message(msgid)


def NP_(singular: str, plural: str) -> Plural:
    """Mark a message with plural forms for extraction."""
    return Plural(singular, plural)


# --- /start, /help, /tldr (handlers/commands.py) -------------------------------------------------

START = N_(
    "Hi! I turn articles into short cards: the headline, key quotes with who said them, "
    "and a few sentences that carry the story.\n\n"
    "Send me a link, forward a post, paste an article's text or send a .txt/.html file. "
    "/help has more."
)
# TRANSLATORS: Telegram HTML. Keep the tags; /tldr and /settings are commands, not words.
HELP = N_(
    "<b>What I do</b>\n"
    "• Private chat: every link, forwarded post, long text (60+ words) or .txt/.html file "
    "gets a card.\n"
    "• Groups: <code>/tldr</code> with a link, as a reply to a message, or alone (the last "
    "link seen here); mentioning me works the same. In <i>auto mode</i> I answer every "
    "article link and long forward by myself. I only see ordinary group messages when I'm an "
    "admin or my privacy mode is off; that is how a group opts in. Each link gets one card "
    "per day; repeats point to it.\n"
    "• Channels: make me an admin and I reply to each post with a link with a silent card.\n\n"
    "/settings: summary length, quotes, auto mode, language, minimum article length and "
    "domains to skip (admins only in groups and channels)."
)
# TRANSLATORS: Telegram HTML, /help's last paragraph; <code>/tldr</code> is a command.
HELP_PRIVACY = N_(
    "<code>/tldr</code> alone only finds links I have seen: in a group where I'm not an admin "
    "and my privacy mode is on, I see none, so reply <code>/tldr</code> to the message with the "
    "link (or add the link) instead."
)
NOTHING = N_(
    "Send /tldr with a link, or reply /tldr to a message with a link or an article's text."
)

# --- the bot's command menu (handlers/__init__.py COMMANDS; published per language) -------------

COMMAND_START = N_("What this bot does")
COMMAND_HELP = N_("Where it works and how")
COMMAND_TLDR = N_("Summarize a link, the replied message, or the last link here")
COMMAND_SETTINGS = N_("Summary length, quotes, auto mode, language")
COMMAND_FEED = N_("Post a card for every new item of an RSS/Atom feed")

# --- private chats (handlers/messages.py) --------------------------------------------------------

HINT = NP_(
    "Send me a link, forward a post, or paste the text of an article "
    "(at least {words} word) and I'll summarize it.",
    "Send me a link, forward a post, or paste the text of an article "
    "(at least {words} words) and I'll summarize it.",
)
DOWNLOAD_FAILED = N_("I couldn't download that file from Telegram. Please send it again.")

# --- replies, repeats, Retry (handlers/replies.py, handlers/retry.py, handlers/errors.py) --------

GENERIC_SORRY = N_("Sorry, something went wrong on my side while summarizing that.")
# TRANSLATORS: a reply threaded to the earlier card in a group without message links.
REPEAT_HERE = N_("☝️ I summarized this link here already.")
# TRANSLATORS: Telegram HTML; {href} is the link to the earlier card.
REPEAT_LINK = N_('I summarized this link already: <a href="{href}">see the earlier card</a>.')
RETRY_BUTTON = N_("🔄 Retry")
BUTTON_EXPIRED = N_("This button no longer works. Please send the link or text again.")
# TRANSLATORS: a short pop-up after the Retry button is pressed.
TRYING_AGAIN = N_("Trying again…")
# TRANSLATORS: Telegram HTML, after the cards for the first {cap} links of one message; {skipped}
# lists the links left out (already escaped, keep it as it is).
LINKS_SKIPPED = NP_(
    "I summarize at most {cap} link per message, so I skipped: {skipped}. "
    "Send them in another message.",
    "I summarize at most {cap} links per message, so I skipped: {skipped}. "
    "Send them in another message.",
)

# --- inline mode and guest mode (handlers/inline.py, handlers/guests.py) -------------------------

# TRANSLATORS: an inline result's title and message when the page takes too long to read.
INLINE_SLOW = N_(
    "Still reading that page. Type the same query again in a few seconds for its card."
)

# --- /settings (handlers/settings.py) ------------------------------------------------------------

ADMINS_ONLY = N_("Only admins can change this chat's settings.")
# TRANSLATORS: a short pop-up after a settings button is pressed.
SAVED = N_("Saved")
SETTINGS_TITLE = N_("<b>Settings for this chat</b>")
# TRANSLATORS: {length} is a summary length (short, medium, long), {quotes} on or off, {language}
# a language name or "detect".
SETTINGS_SUMMARY = N_("Summary length: {length} · quotes: {quotes} · language: {language}")
# TRANSLATORS: {auto} is on or off.
SETTINGS_AUTO = NP_(
    "Auto mode: {auto} · minimum article length: {words} word",
    "Auto mode: {auto} · minimum article length: {words} words",
)
# TRANSLATORS: {domains} is a comma-separated list of domains, or "none".
SETTINGS_SKIPPED = N_("Domains auto mode skips: {domains}")
# TRANSLATORS: Telegram HTML; the commands inside <code> stay as they are.
SETTINGS_ADMIN_HINT = N_(
    "Admins: tap to change. <code>/settings skip example.com</code> adds a domain to skip, "
    "<code>/settings unskip example.com</code> removes it."
)
# TRANSLATORS: a button; {state} is on or off.
BUTTON_QUOTES = N_("Quotes: {state}")
# TRANSLATORS: a button; {language} is a language name or "detect".
BUTTON_LANGUAGE = N_("Language: {language}")
# TRANSLATORS: a button; {state} is on or off.
BUTTON_AUTO = N_("Auto mode: {state}")
# TRANSLATORS: a button, keep it short.
BUTTON_MIN_LENGTH = NP_("Min length: {words} word", "Min length: {words} words")
# TRANSLATORS: the state of a setting.
ON = N_("on")
# TRANSLATORS: the state of a setting.
OFF = N_("off")
# TRANSLATORS: the language setting when the bot detects each article's language itself.
DETECT = N_("detect")
# TRANSLATORS: an empty list of domains.
NONE = N_("none")
# TRANSLATORS: summary lengths.
LENGTH_NAMES = {
    "short": N_("short"),
    "medium": N_("medium"),
    "long": N_("long"),
}

# --- the card (bot/pipeline/render.py): in the article's language --------------------------------

# TRANSLATORS: the card's headline when the article has none.
SUMMARY_TITLE = N_("Summary")
# TRANSLATORS: reading time of the whole article, in the card's meta line.
MIN_READ = NP_("{minutes} min read", "{minutes} min read")
# TRANSLATORS: the share of the article's words the summary leaves out.
REDUCED = NP_("Original reduced by {percent}%", "Original reduced by {percent}%")
TRUNCATED = N_("The text was very long: this card covers its beginning only.")
# TRANSLATORS: language names, shown on cards and in /settings.
LANGUAGE_NAMES = {
    "en": N_("English"),
    "ru": N_("Russian"),
    "uk": N_("Ukrainian"),
    "de": N_("German"),
    "fr": N_("French"),
    "es": N_("Spanish"),
}

# --- errors (bot/errors.py, bot/pipeline/core.py) ------------------------------------------------

ERROR_GENERIC = N_("Sorry, I couldn't summarize that.")
ERROR_INPUT = N_("I need a link or the text of an article to summarize.")
ERROR_FETCH = N_("I couldn't open that link.")
ERROR_BLOCKED = N_("I can't open that link: I only fetch public http(s) web pages.")
ERROR_UNREACHABLE = N_("I couldn't reach that site.")
ERROR_HTTP = N_("That page answered with an error.")
# TRANSLATORS: {status} is an HTTP status code such as 404.
ERROR_HTTP_STATUS = N_("That page answered with error {status}.")
ERROR_TIMEOUT = N_("That page took too long to load.")
ERROR_TOO_LARGE = N_("That page is too large for me to read.")
ERROR_NOT_ARTICLE = N_("That link is not an article (it looks like a file, an image or a video).")
ERROR_REDIRECT = N_("That link redirects too many times.")
ERROR_EXTRACTION = N_("I couldn't find any article text there.")
ERROR_NO_SENTENCES = N_("I couldn't find any sentences to summarize there.")
ERROR_PAGE_LIST = N_("This page looks like a list of links, not an article.")
ERROR_PAGE_SHOP = N_("This page looks like a shop page, not an article.")
ERROR_PAGE_NO_PROSE = N_(
    "This page doesn't look like an article: it has too little running text to summarize."
)
ERROR_NOT_FEED = N_(
    "I couldn't find a feed there: send the address of an RSS or Atom feed, or of a site's page "
    "that links one."
)
ERROR_NOT_TEXT = N_("That doesn't look like text: it seems to be a binary file, not an article.")
ERROR_TOO_COMPLEX = N_("That page is too large or complex for me to read.")
ERROR_JOB_TIMEOUT = N_("That one took too long to read: it is too large or complex for me.")
ERROR_WORKER_CRASHED = N_("Something broke while I was reading that one. Please try again later.")
ERROR_BUSY = N_("I'm busy right now; please try again in a minute.")
ERROR_RATE_LIMITED = N_("You're sending a lot at once; please wait a minute and try again.")

# --- /feed (handlers/feeds.py, bot/feeds) -----------------------------------------------------------

# TRANSLATORS: Telegram HTML, appended to /help. Keep the tags and the commands as they are.
HELP_FEEDS = N_(
    "• Feeds: <code>/feed add URL</code> posts a card for every new item of an RSS or Atom feed "
    "(or of the feed a site's page links). For a channel, send it to me in private as "
    "<code>/feed add @channel URL</code>. <code>/feed</code> lists the rest."
)
# TRANSLATORS: Telegram HTML. Keep the tags and the commands; N is a number from /feed list.
FEED_USAGE = N_(
    "<b>Feeds</b>: a card for every new item of an RSS or Atom feed.\n"
    "<code>/feed add URL</code>: subscribe (a feed, or a site's page that links one)\n"
    "<code>/feed list</code>: this chat's feeds, numbered\n"
    "<code>/feed remove N</code>: unsubscribe\n"
    "<code>/feed pause</code> / <code>/feed resume</code>: stop and restart posting (all, or N)\n"
    "<code>/feed filter N +word -word</code>: only items with a +word, none with a -word; "
    "<code>/feed filter N off</code> clears it\n"
    "<code>/feed digest N on</code>: one message a period with the new headlines instead of a "
    "card each (<code>off</code>: cards again)\n\n"
    "In a channel: post the command in the channel, or send it to me in private naming the "
    "channel, e.g. <code>/feed add @mychannel URL</code>. Only admins change a group's or "
    "channel's feeds."
)
# TRANSLATORS: Telegram HTML; {title} is the feed's name.
FEED_ADDED = N_(
    "Subscribed to <b>{title}</b>. Its new items will be posted here from now on; items it "
    "already listed are not."
)
FEED_ALREADY = N_("This chat already follows <b>{title}</b>.")
FEED_LIST_EMPTY = N_("No feeds here yet: add one with <code>/feed add URL</code>.")
FEED_LIST_TITLE = N_("<b>Feeds of this chat</b>")
# TRANSLATORS: one word after a feed in /feed list.
FEED_STATE_PAUSED = N_("paused")
# TRANSLATORS: after a feed in /feed list: it failed for so long that it is no longer checked.
FEED_STATE_DISABLED = N_("not checked: it kept failing")
# TRANSLATORS: after a feed in /feed list; {words} are the filter words, e.g. "+rust -ads".
FEED_FILTER_SHOWN = N_("filter: {words}")
FEED_REMOVED = N_("Unsubscribed from <b>{title}</b>.")
FEED_NO_SUCH = N_("There is no feed number {number} here: see <code>/feed list</code>.")
FEED_PAUSED = N_("Paused: no new items are posted until <code>/feed resume</code>.")
FEED_RESUMED = N_("Resumed: new items will be posted again.")
FEED_FILTER_SAVED = N_("Filter for <b>{title}</b>: {words}")
FEED_FILTER_CLEARED = N_("No filter for <b>{title}</b>: every new item is posted.")
FEED_FILTER_BAD = N_(
    "Give words to include (+word) or leave out (-word), e.g. "
    "<code>/feed filter 1 +rust -ads</code>; <code>/feed filter 1 off</code> clears it."
)
FEED_TOO_MANY = N_("This chat follows {limit} feeds, the most it can; remove one first.")
FEED_NOT_ADMIN_THERE = N_(
    "I can only change the feeds of a channel or group where you are an administrator and I "
    "can post."
)
FEED_ADMINS_ONLY = N_("Only admins can change this chat's feeds.")
# TRANSLATORS: Telegram HTML; {title} is the feed's name, {url} its address.
FEED_DISABLED = N_(
    "The feed <b>{title}</b> has failed for a long time, so I stopped checking it. When it works "
    "again, add it again with <code>/feed add {url}</code>."
)
# TRANSLATORS: Telegram HTML; {title} is the feed's name, {hours} a number of hours.
FEED_DIGEST_ON = N_(
    "<b>{title}</b> comes as a digest now: one message every {hours} h with the new items' "
    "headlines."
)
FEED_DIGEST_OFF = N_("<b>{title}</b>: a card for every new item again.")
FEED_DIGEST_BAD = N_(
    "Say <code>/feed digest N on</code> or <code>/feed digest N off</code> (N from "
    "<code>/feed list</code>)."
)
# TRANSLATORS: Telegram HTML, the first line of a digest; {count} is a number.
FEED_DIGEST_TITLE = N_("<b>{title}</b> · new items: {count}")
# TRANSLATORS: the last line of a digest that lists only the newest items; {count} is a number.
FEED_DIGEST_MORE = N_("…and more: {count}")
# TRANSLATORS: one word after a feed in /feed list.
FEED_STATE_DIGEST = N_("digest")
