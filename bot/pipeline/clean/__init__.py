"""Clean: pasted or forwarded page text -> the article's headline and paragraphs, page furniture
(menus, banners, appeals, captions, comments) left out.

    clean(text, origin) -> Article
"""

from bot.pipeline.clean.article import clean

__all__ = ["clean"]
