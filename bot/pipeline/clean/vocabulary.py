"""The cleaner's word lists and patterns, in one place: furniture words (buttons, menus, sharing,
sign-up, legal lines), credits and captions, appeals, bylines, dates, comments, what follows an
article. The line features, the furniture rules and the headline picker all read them from here;
the line model was trained on features computed with exactly these patterns.
"""

from __future__ import annotations

import re

URLISH = re.compile(r"https?://|www\.|\S@\S|(?:^|\s)[@#]\w|\.(?:com|org|net|ru)\b", re.IGNORECASE)
SEPARATORS = re.compile(r"[|•·»›/]")
TIMESTAMP = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:am|pm)\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b(?:назад|вчера|сегодня)\b",
    re.IGNORECASE,
)
# Reader comments under an article: "7. MortimerInMiami says:", "Reply", "Like", "Report".
COMMENT = re.compile(
    r"\bsays:|\bwrote:|^(?:reply|like|report|flag|share|ответить|пожаловаться)\b|\breplies\b|"
    r"\b(?:log in|sign in) to (?:reply|comment)|\bcomments?\b|комментари\w*",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)",
    re.IGNORECASE,
)
# Words of page furniture: buttons, menus, sharing, sign-up, legal lines, media credits.
CTA = re.compile(
    r"\b(?:subscri\w*|newsletters?|sign\s?(?:up|in)|log\s?(?:in|out)|register|cookies?|advertis\w*|"
    r"sponsored|share|tweet|follow|click|download|comments?|reply|replies|privacy|terms|rights|"
    r"reserved|copyright|menu|search|related|trending|popular|read\s+more|see\s+more|watch|"
    r"credit|getty|shutterstock|photo|image|video|skip|loading|remind|continue|preview|"
    r"подпис\w*|рассылк\w*|реклам\w*|подел\w*|комментар\w*|читайте|читать|войти|вход|"
    r"регистрац\w*|фото|видео|конфиденциальн\w*|защищены|меню|поиск|подробнее|"
    r"abonn\w*|anmelden|teilen|werbung|suscri\w*|compartir|partager|publicidad)\b|©|\(c\)",
    re.IGNORECASE,
)
# Words of donation and membership appeals ("Dear readers, ... please support us").
APPEAL = re.compile(
    r"\b(?:support\w*|donat\w*|contribut\w*|journalism|independent|readers?|help|monthly|annual|"
    r"fund\w*|members?|membership|patreon|ad-free|ads|paywall|subscribers?|premium|"
    r"поддерж\w*|пожертвова\w*|донат\w*|помо[чгщ]\w*|журналист\w*|независим\w*|читател\w*|"
    r"ежемесячн\w*|подписчик\w*|спонсор\w*|"
    r"unterstütz\w*|spende\w*|soutien\w*|soutenir|don|apoy\w*|donaci\w*)\b",
    re.IGNORECASE,
)
APPEAL_HEAD = re.compile(
    r"^(?:a\s+)?(?:message|note|letter)\s+from\b|^dear\s+(?:readers?|friends|subscribers)\b|"
    r"^(?:уважаемые|дорогие)\s+(?:читатели|друзья|подписчики)\b|^support\s+(?:us|our)\b|"
    r"^поддерж\w*\s+(?:нас|наш)|^liebe\s+leser|^chers\s+lecteurs|^queridos\s+lectores",
    re.IGNORECASE,
)
PERSON12 = frozenset(
    [
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "я",
        "мне",
        "меня",
        "мой",
        "моя",
        "мы",
        "нас",
        "нам",
        "наш",
        "наша",
        "наше",
        "наши",
        "вы",
        "вас",
        "вам",
        "ваш",
        "ваша",
        "ваше",
        "ваши",
        "ты",
        "тебя",
        "тебе",
        "твой",
        "wir",
        "uns",
        "unser",
        "ihr",
        "euch",
        "sie",
        "nous",
        "notre",
        "nos",
        "vous",
        "votre",
        "vos",
        "nosotros",
        "nuestro",
        "nuestra",
        "usted",
        "ustedes",
    ]
)

# Bylines and credits under headlines (the headline picker never takes them).
BYLINE = re.compile(r"^(?:by|от|автор|von|par|por)\s|^(?:author|автор)\s*:", re.IGNORECASE)
# A credit anywhere in the line: agency words, "(Photo: Jane Doe/Reuters)", "Jane Doe/AFP".
CREDIT = re.compile(
    r"\b(?:credits?|getty|shutterstock|afp|press\s+service|иллюстрация)\b"
    r"|\([^()]*[^\W\d]/[^\W\d][^()]*\)$|(?-i:\w/[A-Z]{2,}\b)",
    re.IGNORECASE,
)
# Picture words: a credit when they open the line ("Photo: …") or the line is short ("Image via
# Jane Doe"); a headline may hold them ("Digital Photo Frame App Makes Old Hardware Useful Again").
PICTURE = re.compile(r"\b(?:photos?|images?|фото)\b", re.IGNORECASE)

# Asking the reader for money or a sign-up.
ASK = re.compile(
    r"\b(?:support\w*|donat\w*|contribut\w*|subscri\w*|sign\s+up|newsletter|ad-free|paywall|"
    r"поддерж\w*|пожертвова\w*|донат\w*|подпис\w*|рассылк\w*)\b",
    re.IGNORECASE,
)
# Addressing the reader or speaking as the publisher.
READER = re.compile(
    r"\b(?:you|your|us|our|we|вы|вас|вам|ваш\w*|нас|нам|наш\w*|мы)\b|^(?:dear|уважаем|дорог)",
    re.IGNORECASE,
)
# A photo caption's credit: "Photo: Name", "(Name/AP)", "Getty Images", "Фото: ...".
CAPTION = re.compile(
    r"\b(?:photo|photograph|image|picture|illustration|credit|фото|иллюстрация|изображение)\s*:"
    r"|\((?:[^()]*/)?(?:ap|afp|reuters|epa|getty images|tass|ria novosti|ap photo)\)\s*$"
    r"|\bgetty images\b|\bshutterstock\b|^(?:photo|фото)\s+(?:by|from)\b",
    re.IGNORECASE,
)
# "7. MortimerInMiami says:", "Ivan Petrov пишет:" — a commenter's name line.
SAYS = re.compile(r"^.{1,60}\b(?:says|said|wrote|пишет|написал\w*|schreibt|dit|dice)\s*:\s*$", re.I)
COMMENTS_HEAD = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|комментари\w*|обсуждение)\b", re.I
)

# What follows an article: a comment form and its legal text, the author's bio, the publisher's
# "About" paragraph, a heading over related stories. Generic tells, none taken from a single page,
# though written after seeing dev pages end in such furniture (the CJK "related articles" headings
# after a Japanese one).
TAIL = re.compile(
    r"\b(?:leave a (?:reply|comment)|your email address will not be published|required fields|"
    r"save my name|by submitting this form|post (?:a )?comment|"
    r"(?:is|was) an? (?:\w+ )?(?:reporter|writer|journalist|editor|correspondent|columnist)\b|"
    r"has (?:written|reported) for|has been (?:reporting|writing|covering)|"
    r"joined [\w ]{2,40} in (?:19|20)\d\d|follow (?:him|her|them) on|"
    r"is headquartered in|forward-looking statements|media contacts?\b|"
    r"оставить комментарий|ваш e-?mail не будет опубликован|обязательные поля)|"
    r"^(?:about (?:the )?(?:author|us|[A-Z]\w+)$|more (?:from|stories|articles|on)\b|"
    r"related (?:content|stories|articles|posts|coverage)|you (?:may|might) also like|"
    r"elsewhere on\b|recommended(?: for you)?$|читайте также|похожие (?:статьи|новости)|"
    r"関連記事|関連する記事|おすすめ記事|관련\s?기사|相关文章|相關文章|相关阅读)",
    re.IGNORECASE,
)

# A list item: a short line starting with a number or a date ("June 9 -- Arena, City", "3. Step").
NUMBERED = re.compile(
    r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.IGNORECASE
)

# Lines that are never a paste's headline (issue 11's examples, in general form).
# Breadcrumbs: "BLOG > Weight Loss > Tips", "Home / Renovations / Loans", "You are here: ...",
# a row opening with a separator ("| Resources | Blog").
BREADCRUMB = re.compile(
    r"^(?:you are here|вы здесь)\s*:|^\s*[|»›>/]|"
    r"^(?:[^|»›>/]{1,40}\s(?:>|»|›|/|\|)\s){2,}|^home\s*(?:>|»|›|/|\|)",
    re.IGNORECASE,
)
# Legal and copyright lines: "Copyright © 2019, Los Angeles Times | Terms of Service".
LEGAL = re.compile(
    r"©|\bcopyright\b|\ball rights reserved\b|\bterms of (?:service|use)\b|\bprivacy policy\b|"
    r"\bcookie (?:policy|settings)\b|\bвсе права защищены\b",
    re.IGNORECASE,
)
# A page's error, loading and search-box messages.
UI_MESSAGE = re.compile(
    r"\bsomething went wrong\b|\b(?:please )?try again\b|\berror\b.{0,30}\b(?:occurred|loading)\b|"
    r"\benable javascript\b|\bjavascript is (?:disabled|required)\b|\bbrowser (?:is )?not supported\b|"
    r"\bwhat are you looking for\b|\bno results found\b|\bloading\.\.\.|\bpage not found\b|"
    r"\bsign (?:in|out)\b|\blog ?(?:in|out)\b|\b\d+ min(?:ute)?s? read\b|\btop of page\b|"
    r"\bforgot (?:your )?password\b|\bskip to (?:main )?content\b",
    re.IGNORECASE,
)
# Section names: a short line ending in one of these ("U.S. news", "World", "Health & Science").
SECTION = re.compile(
    r"^(?:\S+\s+){0,2}(?:news|sports?|politics|business|opinions?|world|culture|tech(?:nology)?|"
    r"science|health|entertainment|lifestyle|travel|weather|videos?|blogs?|latest|local|"
    r"national|international|markets?|economy|features?|podcasts?|newsletters?)$",
    re.IGNORECASE,
)
# Lines of page widgets that read like short prose: newsletter pitches ("The news and stories that
# matter, delivered weekday mornings."), comment counters and buttons, related-story labels.
WIDGET = re.compile(
    r"\bdelivered (?:to your inbox|(?:every )?(?:weekday )?(?:mornings?|evenings?|daily|weekly))\b|"
    r"\b(?:sign up|subscribe) (?:for|to) (?:our|the) (?:\w+ )?newsletter\b|"
    r"^(?:get|join) (?:our|the) (?:\w+ )?newsletter\b|"
    r"^(?:\d+\s+)?comments?\s*(?:\(\d+\))?$|^(?:view|show|load|hide|read) (?:all )?(?:\d+ )?comments\b|"
    r"^join the conversation\b|^(?:related|read more|more from|recommended|you may also like|"
    r"most popular|trending now)\s*(?::|$)",
    re.IGNORECASE,
)

# Words a full stop follows without ending the sentence ('Dr. Ben Carson said …'): titles and
# the common abbreviations before a name or number, in the languages the bot reads.
ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gov", "sen", "rep", "gen", "col", "lt",
    "sgt", "capt", "rev", "mt", "vs", "hr", "fr", "dir", "ing", "sra", "srta", "dra", "mme",
    "mlle", "mgr", "ул", "проф",
])  # fmt: skip
