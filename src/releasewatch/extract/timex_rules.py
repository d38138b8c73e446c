"""The date finder's rule table: one pattern per form, its resolver, rank and trigger kinds, and
the trigger words that open the windows a pattern reads (see timex.py).

Order is priority on equal spans. Each rule: regex, resolver, rank (specificity: higher wins an
overlap of the same length), the trigger kinds around which it runs, and its gate: words one of
which every match holds, or a regex every match satisfies (lower-cased); a window without is not read.
"""

from __future__ import annotations

import re

from .fastre import WordList, capitalised_or_not, caseless_words, first_letter_groups
from .timex_gatherings import NAMES as GATHERING_NAMES
from .timex_gatherings import r_gathering
from .timex_holidays import NAMES as HOLIDAY_NAMES
from .timex_lexicon import (
    DAY,
    MONTH,
    MONTHS,
    NUMBER,
    ORDINAL_DAY,
    REL_YEAR,
    SEASON,
    WEEKDAY,
    WEEKDAY_ABBR,
    WEEKDAY_LEAD,
    WEEKDAYS,
    YEAR,
    YEAR_CUE_WORDS,
    YEAR_WIDE,
    YEARISH,
    grouped,
)
from .timex_ranges import Resolver
from .timex_resolve import (
    r_century,
    r_coming,
    r_day_word,
    r_decade,
    r_dotted,
    r_earlier_this,
    r_end_of_month,
    r_fiscal_quarter,
    r_fiscal_year,
    r_half,
    r_iso,
    r_last_night,
    r_later_this_year,
    r_month_alone,
    r_month_day,
    r_month_year,
    r_now,
    r_part_of_today,
    r_part_year,
    r_quarter,
    r_rel_quarter,
    r_rel_unit,
    r_rel_year,
    r_season,
    r_spelled_decade,
    r_spelled_year,
    r_us,
    r_weekday,
    r_year,
    r_years_ago,
)
from .timex_resolve_rel import (
    r_away,
    r_between_days,
    r_day_of_month,
    r_day_span,
    r_end_of_year,
    r_holidays,
    r_named_holiday,
    r_nth_in_month,
    r_offset,
    r_offset_anchor,
    r_the_weekend,
    r_weekday_day,
)

_B = r"(?<![\w$£€/.-])"  # not glued to a word, a currency sign, a path or a version
_E = r"(?![\w/]|-year|\.\d|\s*(?:million|billion|bn|m\b|%|percent|people|copies|units|fans|screens))"
_YEAR2 = rf"(?:{YEAR_WIDE}|['’]\d\d(?![\w']))"  # 2024, 1943, '87
_YEAR2ISH = rf"(?:{YEAR_WIDE}|{YEARISH}|['’]\d\d(?![\w']))"
_ORDDAY = rf"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)|{ORDINAL_DAY})"  # 19th, nineteenth
_DAYW = rf"(?:{DAY}|{ORDINAL_DAY})"
_PART = (r"early|late|mid|middle|the middle of|the beginning of|the start of|the end of|end of|the tail end of|"
         r"the very end of|the very beginning of|the first months of|the early months of|"
         r"the opening months of|the early part of|the first part of|the final months of|the last few months of|"
         r"the closing months of|the back half of|the front half of|the latter part of|"
         r"the latter half of|the dawn of|the close of|the first few months of")
_PART = grouped([f for p in _PART.split("|") for f in (p, p[0].upper() + p[1:])])
_MONTH_PART = r"early|late|mid|the beginning of|the start of|the middle of|the end of|the tail end of|the close of"
_MONTH_PART = first_letter_groups(_MONTH_PART) or _MONTH_PART  # by first letter: the same matches, one branch tried
# "This June", "in June", "until June": a month's lead, capitalised or not ("[Tt]his|[Nn]ext|..."), by first letter
_MONTH_LEAD = capitalised_or_not(("this", "next", "last", "in", "by", "until", "since", "from", "before", "after",
                                  "through", "during", "between", "and", "or", "to", "early", "late", "mid", "til",
                                  "till", "as soon as", "as early as", "as late as"))
_MD_TAIL = (r"(?![\w:]|\s*(?:%|million|billion|p\.?m\.?|a\.?m\.?)|"
            r"\s+(?:miles?|km|kilomet|times|blocks|hours|minutes|people|fans))")
_NTH = r"first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th"
# Gates: a regex every match needs somewhere in its window (lower-cased); a window without one is not read.
# Each starts with a literal or a character class, so the engine skips to it in C ("19 nov", "second of june").
_DAY_THEN_MONTH = r"[0-9tdh],?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_PART_WORDS = ("early", "late", "mid", "beginning", "start", "end", "months", "part", "half", "latter", "dawn", "close")
_NUMERIC_DATE = r"\d[-/.]\d"  # one gate for the ISO, US and dotted forms
_DAY_JOIN_DAY = r"\d(?:st|nd|rd|th)?\s*(?:-|–|to|through|until|till|and)\s*(?:the\s+)?\d"
_REL_MONTH = r"(?:this|next|last|the following|the next)\s+month"
_HOLIDAY = "|".join(
    re.sub(r"['’]", "['’]?", re.escape(name)).replace(r"\ ", r"\s+") for name in HOLIDAY_NAMES)
_GATHERING = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in GATHERING_NAMES)
_QUARTER_TAIL = r"(?![\w])(?!\s+(?:earnings|results|report|call|profit|revenue|sales|loss|numbers|dividend))"

_PATTERNS: list[tuple[str, Resolver, int, str, str | tuple[str, ...]]] = [
    (rf"{_B}(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01])(?!(?!T\d)[\w:])|(?![\w/-]|\.\d))",
     r_iso, 9, "D", _NUMERIC_DATE),
    (rf"{_B}(?P<m>0?[1-9]|1[0-2])(?:/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>{YEAR}|\d\d)(?![\w/])|"
     rf"-(?P<dd>0?[1-9]|[12]\d|3[01])-(?P<yy>{YEAR})(?![\w/-]))", r_us, 9, "D", _NUMERIC_DATE),
    (rf"{_B}(?<!\d\.)(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{YEAR})(?![\w]|\.\d)", r_dotted, 9, "D", _NUMERIC_DATE),
    # Month and day; with "this"/"next"/"last" before them, and with a weekday, in rules of their own so
    # that the common form tries no optional lead at every word of a window.
    (rf"(?<![\w])(?P<mon>{MONTH})(?:\s+|(?<=\.)(?=\d))(?P<day>{_DAYW})(?:,?\s+(?P<y>{_YEAR2})|\s+(?:of\s+)?(?P<ry>this|next|last)\s+year(?!['’]s))?"
     rf"(?:,?\s+(?P<wd2>{WEEKDAY}))?"
     rf"(?P<lead>)(?P<wd>){_MD_TAIL}", r_month_day, 8, "Mm", ()),
    (rf"(?<![\w])(?P<lead>[Tt]his|[Nn]ext|[Ll]ast)\s+(?:(?P<wd>{WEEKDAY_LEAD}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{_DAYW})"
     rf"(?:,?\s+(?P<y>{_YEAR2}))?(?P<wd2>){_MD_TAIL}", r_month_day, 8, "Mm", ("this", "next", "last")),
    (rf"(?<![\w])(?P<wd>{WEEKDAY_LEAD}),?\s+(?P<mon>{MONTH})\s+(?P<day>{_DAYW})(?:,?\s+(?P<y>{_YEAR2}))?"
     rf"(?P<lead>)(?P<wd2>){_MD_TAIL}", r_month_day, 8, "KA", ()),
    (rf"(?<![\w])(?<!\d[.,])(?:the\s+)?(?P<day>{DAY}|{ORDINAL_DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
     rf"(?:,?\s+(?P<y>{_YEAR2}))?(?P<lead>)(?P<wd>)(?P<wd2>)(?![\w])", r_month_day, 8, "Mm", _DAY_THEN_MONTH),
    (rf"(?<![\w])(?P<wd>{WEEKDAY_LEAD}),?\s+(?:the\s+)?(?P<day>{DAY}|{ORDINAL_DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
     rf"(?:,?\s+(?P<y>{_YEAR2}))?(?P<lead>)(?P<wd2>)(?![\w])", r_month_day, 8, "KA", ()),
    (rf"(?<![\w])(?P<mon>{MONTH})(?:\s+of|,)?\s+(?P<y>{_YEAR2ISH})(?![\w])", r_month_year, 7, "Mm",
     r"[0-9y'’][0-9e][0-9a]"),  # 2024, year, '87
    (rf"(?<![\w])(?:(?P<lead>{_MONTH_LEAD})\s+)?"
     rf"(?P<part>(?:{_MONTH_PART})(?:-|\s+))?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}))?(?![\w])", r_month_alone, 5, "Mm", ()),
    (rf"(?<![\w])(?P<part>{_PART})(?:-|\s+|-\s*)(?:of\s+)?(?P<y>{YEAR})(?![\w])", r_part_year, 7, "D", _PART_WORDS),
    (rf"(?<![\w])(?P<part>{_PART})(?:-|\s+|-\s*)(?:of\s+)?(?P<y>{REL_YEAR})(?![\w])", r_part_year, 7, "U", _PART_WORDS),
    (r"(?<![\w])later\s+this\s+(?P<unit>year|month|week)(?![\w])", r_later_this_year, 7, "U", ("later",)),
    (r"(?<![\w])earlier\s+this\s+(?P<unit>year|month|week)(?![\w])", r_earlier_this, 7, "U", ("earlier",)),
    (rf"(?<![\w])(?:(?P<lead>[Tt]his|[Nn]ext|[Ll]ast|[Tt]his coming|the coming|the)\s+)?(?P<season>{SEASON})"
     rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR2ISH})|\s+of\s+(?P<yy>\d\d)(?![\w]))?(?![\w])", r_season, 6, "S", ()),
    (rf"(?<![\w])(?:(?P<ry>this|next|last)\s+year['’]s\s+)?(?<!fiscal )(?<!financial )(?<!FY)(?:Q(?P<q>[1-4])|(?P<y2>{YEAR})\s*-?\s*Q(?P<q2>[1-4])|"
     rf"(?:(?:[Tt]he|[Ii]n|[Aa]|[Ii]ts|[Oo]f)\s+)?(?:(?P<y3>{YEAR})\s+)?(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th|(?:last|final)(?=\s+quarter\s+of\s+(?:\d{{4}}|this|next)\b))\s+quarter)"
     rf"(?:\s+(?:of\s+)?(?P<y>{YEARISH}))?{_QUARTER_TAIL}", r_quarter, 7, "QD", ("q", "quarter")),
    (rf"(?<![\w])(?:the\s+)?(?P<which>this|current|next|coming|following|last|previous|past)\s+quarter"
     rf"(?!\s+of\s+(?:\d{{4}}|this|next)\b){_QUARTER_TAIL}",
     r_rel_quarter, 6, "Q", ()),
    # "FY2024-25", "fiscal year 2024-2025", "FY23": April to March; "its fiscal third quarter": October to December
    (rf"(?<![\w])(?:FY|[Ff]iscal(?:\s+[Yy]ear)?)\s*(?P<y>{YEAR}|\d\d)(?:\s*[-–/]\s*(?P<y2>\d\d(?:\d\d)?))?(?![\w])"
     rf"{_QUARTER_TAIL}", r_fiscal_year, 8, "Z", ()),
    (rf"(?<![\w])(?:[Ff]iscal|[Ff]inancial)\s+(?:[Yy]ear\s+)?(?:(?P<qo>first|second|third|fourth)\s+quarter|Q(?P<q>[1-4]))"
     rf"(?:\s+(?:of\s+)?(?:FY\s*|fiscal\s+)?(?P<y>{YEAR}|(?<=FY)\d\d|(?<=FY\s)\d\d))?{_QUARTER_TAIL}", r_fiscal_quarter, 8, "Z", ()),
    (rf"(?<![\w])(?:H(?P<h>[12])|the\s+(?P<ho>first|second)\s+half)(?:\s+(?:of\s+)?(?P<y>{YEARISH}))?(?![\w])",
     r_half, 7, "H", ()),
    (r"(?<![\w])(?:(?:the\s+)?(?:(?P<part>early|mid|late)(?:-|\s+))?(?P<d>(?:19|20)\d0)s|"
     r"(?:the\s+(?:(?P<part2>early|mid|late)(?:-|\s+))?['’]?|['’])(?P<d2>[0-9]0)s)(?P<w>)(?![\w])", r_decade, 3, "D", ("0s",)),
    (r"(?<![\w])the\s+(?:(?P<part>early|mid|late)(?:-|\s+))?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|"
     r"eighties|nineties)(?P<d>)(?P<d2>)(?P<part2>)(?![\w])", r_decade, 3, "C", ("ties",)),
    (r"(?<![\w])(?P<which>(?i:this upcoming|this coming|this|next|last|past|upcoming|coming|previous|following))\s+"
     r"(?P<unit>week|weekend|month|year)(?![\w])", r_rel_unit, 6, "U",
     ("this", "next", "last", "past", "coming", "previous", "following")),
    (r"(?<![\w])the\s+weekend(?![\w])(?!\s+(?:of|before|after|box))",
     r_the_weekend, 5, "U", ("weekend",)),
    (r"(?<![\w])(?:in\s+)?the\s+(?:coming|next few|next couple of|next several|upcoming)\s+(?P<unit>days|weeks|months)"
     r"(?![\w])", r_coming, 6, "U", ("coming", "next")),
    (rf"(?<![\w])(?:(?P<lead>this|next|last)\s+)?(?:the\s+)?(?:holidays|holiday\s+season)(?:\s+(?:of\s+)?"
     rf"(?P<y>{YEAR}))?(?![\w])", r_holidays, 6, "L", ()),
    (r"(?<![\w])(?:the\s+)?end\s+of\s+(?:the|(?P<which>this|next))\s+year(?![\w])", r_end_of_year, 6, "U", ("end",)),
    # "Gamescom 2024", "the 2024 Game Awards": the edition's span (timex_gatherings.py)
    (rf"(?<![\w])(?:(?P<y>{YEAR})\s+(?P<name>(?i:{_GATHERING}))|(?P<name2>(?i:{_GATHERING}))\s+(?:in\s+)?(?P<y2>{YEAR}))(?![\w])",
     r_gathering, 7, "D", ()),
    (rf"(?<![\w])(?:(?P<lead>[Nn]ext|[Ll]ast|[Tt]his)\s+)?(?P<name>(?i:the\s+)?(?i:{_HOLIDAY}))(?P<weekend>\s+weekend)?"
     rf"(?:,?\s+(?P<y>{_YEAR2})|\s+(?:of\s+)?(?P<ry>this|next|last)\s+year(?!['’]s))?(?![\w'’])(?!\s+(?i:eggs?|special|sweater|card|movie|film|episode|album|song|turkeys?|dinner|parade|candy|costumes?|"
     rf"decorations?|tree|music|jumper|ornaments?))", r_named_holiday, 6, "F", ()),
    (rf"(?<![\w])(?P<y>{YEAR})(?=\s*(?:or|-|–)\s*{YEAR}(?![\w]))", r_year, 2, "D", ("or", "-", "–")),
    (r"(?<![\w])(?:(?:[Tt]he\s+)?(?:day|Day)\s+(?P<around>after|before)\s+)?(?P<w>[Tt]oday|[Tt]onight|[Tt]omorrow|[Yy]esterday|"
     r"TODAY|TOMORROW|YESTERDAY)(?![\w])", r_day_word, 4, "W", ()),
    (r"(?<![\w])(?:[Tt]his|THIS)\s+(?:morning|afternoon|evening|MORNING|AFTERNOON|EVENING)(?![\w])", r_part_of_today, 4, "W", ()),
    # "last night": the evening before the reference day; "a few hours ago": the reference day itself
    (r"(?<![\w])(?:[Ll]ast|LAST)\s+(?:night|NIGHT)(?![\w])", r_last_night, 4, "W", ()),
    (rf"(?<![\w])(?:(?:just|only|about|some)\s+)?(?:a\s+few|a\s+couple\s+of|several|an?|\d{{1,2}}|{NUMBER})\s+hours?\s+ago(?![\w])",
     r_part_of_today, 4, "U", ("ago",)),
    (r"(?<![\w])(?:right now|just now|[Nn]ow|[Cc]urrently|at the moment|at present)(?![\w])", r_now, 1, "N", ()),
    (rf"(?<![\w])(?:the\s+)?(?P<c>1\d|2[01]|[1-9]|{ORDINAL_DAY})(?:st|nd|rd|th)?\s+[Cc]entury(?![\w])", r_century, 3, "C", ()),
    # "2024's Twisters": a year in the possessive before a name dates that work
    (rf"(?<![\w$])(?P<y>{YEAR})(?=['’]s\s+[A-Z“\"‘])", r_year, 2, "D", ()),
    # "at the 2021 Berlin festival": the year of a named event the sentence places something at
    (rf"(?={YEAR})(?:(?<=\b[Aa]t\sthe\s)|(?<=\b[Dd]uring\sthe\s))(?P<y>{YEAR})(?=\s+[A-Z])", r_year, 2, "D", ()),
    (rf"(?={YEAR})(?:(?<=\b[Tt]he\s)|(?<=\b[Aa]\s)|(?<=\b[Aa]n\s)|(?<=\bhis\s)|(?<=\bher\s)|(?<=\bits\s)|(?<=\btheir\s)|"
     rf"(?<='s\s)|(?<=’s\s))(?P<y>{YEAR})(?=\s+[a-z])", r_year, 2, "D", ()),
    (rf"(?<![\w])(?:(?P<lead>next|last|this|this coming|the coming|the following|following|coming)\s+)?"
     rf"(?P<wd>{WEEKDAY})(?:\s+(?P<tail>last|next|this)\s+week)?(?![\w])", r_weekday, 3, "K", ()),
    (rf"(?<![\w])(?:(?P<lead>next|last|this)\s+)?(?P<wd>(?:{'|'.join(w.capitalize() for w in WEEKDAY_ABBR)})\.?)(?P<tail>)"
     rf"(?![\w])", r_weekday, 2, "A", ()),
    # ("On Wednesday, the first trailer dropped": an ordinal before a noun is no day of the month)
    (rf"(?<![\w])(?P<wd>{WEEKDAY}),?\s+(?:the\s+(?P<day>{_ORDDAY})(?!\s+(?!(?:at|of|in|on|and|from|to|through|until)\b)[A-Za-z])|(?P<dayn>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)|\d\d?(?=,|\s*$)))(?![\w])(?!\s+(?:of\s+)?{MONTH})",
     r_weekday_day, 7, "K", ()),
    (rf"(?<![\w])(?:the\s+)?(?P<day>{_ORDDAY})\s+of\s+(?P<rel>this|next|last|the following)\s+month(?![\w])",
     r_day_of_month, 7, "U", r"[tdh]\s+of\s+\w+(?:\s+\w+)?\s+month"),
    (rf"(?<![\w])(?:the\s+)?(?P<nth>{_NTH})\s+(?P<what>{WEEKDAY}|weekend|week)\s+(?:of|in)\s+"
     rf"(?:(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?|(?P<rel>this|next|last)\s+month)(?![\w])", r_nth_in_month, 7, "Mm",
     ("first", "second", "third", "fourth", "fifth", "last", "1st", "2nd", "3rd", "4th", "5th")),
    (rf"(?<![\w])(?:(?P<lead>from|between)\s+(?:the\s+)?)?(?P<d1>{DAY})\s*(?P<join>-|–|to|through|until|till|and)\s*(?:the\s+)?"
     rf"(?P<d2>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{_YEAR2}))?(?![\w])", r_day_span, 8, "Mm", _DAY_JOIN_DAY),
    (rf"(?<![\w])(?:(?P<lead>from|between)\s+)?(?P<mon>{MONTH})\s+(?P<d1>{DAY})\s*(?P<join>-|–|to|through|until|till|and)\s*"
     rf"(?:the\s+)?(?P<d2>{DAY})(?:,?\s+(?P<y>{_YEAR2}))?(?![\w:])", r_day_span, 8, "Mm", _DAY_JOIN_DAY),
    (rf"(?<![\w])(?:between|from)\s+the\s+(?P<d1>{_ORDDAY})\s+(?:and|to|through)\s+the\s+(?P<d2>{_ORDDAY})(?![\w])"
     rf"(?!\s+(?:of\s+)?(?:{MONTH}|centur))", r_between_days, 7, "O", ("between", "from")),
    (rf"(?<![\w])(?:(?:about|some|nearly|almost|roughly|just|only)\s+)?(?P<n>\d{{1,2}}|{NUMBER})\s+years?\s+ago(?![\w])",
     r_years_ago, 4, "U", ("ago",)),
    (rf"(?<![\w])(?:(?:about|some|nearly|almost|roughly|just|only)\s+)?(?P<n>\d{{1,3}}|{NUMBER})\s+(?P<unit>days|weeks?|months?)\s+"
     rf"(?P<dir>ago)(?![\w])", r_offset, 4, "U", ("ago",)),
    # "just a few days away", "3-4 years away", "at least five years out": a date counted from now
    (rf"(?<![\w])(?:(?P<least>at\s+least|at\s+the\s+very\s+least)\s+|(?:just|only|still|about|roughly|some|now)\s+)?"
     rf"(?P<n>\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?|a\s+few|a\s+couple\s+of|an?|(?:{NUMBER})(?:\s+(?:or|to)\s+(?:{NUMBER}))?)\s+"
     rf"(?P<unit>days?|weeks?|months?|years?)\s+(?:away|out)(?![\w])(?!\s+from\b)", r_away, 4, "U", ("away", "out")),
    (rf"(?<![\w])(?:(?:about|some|nearly|almost|roughly|just|only)\s+)?(?P<n>\d{{1,3}}|{NUMBER})\s+(?P<unit>days|weeks?|months?)\s+"
     rf"(?P<dir>from\s+now|from\s+today|hence)(?![\w])", r_offset, 4, "U", ("now", "today", "hence")),
    (rf"(?<![\w])(?<!within )in\s+(?:(?:about|some|nearly|just|only|another)\s+)?(?P<n>\d{{1,2}}|{NUMBER})\s+"
     rf"(?P<unit>days|weeks?|months?)(?P<dir>)(?![\w])(?!\s+(?:time|of|after|before|since|running|straight))",
     r_offset, 4, "U", rf"in\s+(?:\w+\s+)?(?:\d|{NUMBER})\S*\s+(?:days|weeks?|months?)"),
    (rf"(?<![\w])(?P<n>\d{{1,2}}|{NUMBER})\s+(?P<unit>days?|weeks?)\s+(?P<dir>from|after|before)\s+"
     rf"(?P<anchor>(?:next\s+)?{WEEKDAY}|today|tomorrow|yesterday)(?![\w])", r_offset_anchor, 6, "U",
     ("from", "after", "before")),
    (rf"(?<![\w])(?:{caseless_words(YEAR_CUE_WORDS)})\s+(?P<y>{YEAR}){_E}", r_year, 2, "D", ()),  # (?i:YEAR_CUE)
    (rf"(?<![\w$])(?P<y>{YEAR})(?=\s+(?:release|launch|debut|premiere|slate|date|"
     rf"window|rollout|arrival|bow|opening|return)\b)", r_year, 2, "D",
     ("release", "launch", "debut", "premiere", "slate", "date", "window", "rollout", "arrival", "bow", "opening", "return")),
    (r"(?<![\w])(?:this|next|last)\s+year(?![\w])", r_rel_year, 4, "U", ("year",)),
    (rf"(?:^|(?<=\n))[ \t]*(?P<y>{YEAR})[ \t]*(?=\r?\n|\Z)", r_year, 2, "y", ()),
    (r"(?<![\w-])(?:(?P<hundreds>nineteen|eighteen|twenty)[\s-]+(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|"
     r"eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
     r"fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))|"
     r"two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?P<rest2>(?:twenty|thirty)(?:[\s-]+(?:one|two|three|four|five|six|seven|"
     r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
     r"sixteen|seventeen|eighteen|nineteen))?)(?![\w-])(?!\s+(?:people|fans|copies|dollars|times|years|of\b))",
     r_spelled_year, 3, "Y", ()),
    (r"(?<![\w])the\s+(?:(?P<part>early|mid|late)(?:-|\s+))?(?P<hundreds>nineteen|eighteen)[\s-]+"
     r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![\w])", r_spelled_decade, 4, "Y", ()),
    (r"(?<![\w])(?:the\s+)?end\s+of\s+(?:the|(?P<which>this|next))\s+month(?![\w])", r_end_of_month, 6, "U", ("end",)),
]

Gate = re.Pattern[str] | frozenset[str] | None
# Kinds read by three or more rules with gate words: their windows are scanned once for all the words.
_SHARED = {k for k in {r[3] for r in _PATTERNS} if sum(r[3] == k and isinstance(r[4], tuple) and r[4] != () for r in _PATTERNS) > 2}


def _gate(needs: str | tuple[str, ...], kinds: str) -> Gate:
    if isinstance(needs, str):
        return re.compile(needs)  # compiled once per string: rules sharing a gate share its object
    if not needs:
        return None
    return frozenset(needs) if kinds in _SHARED else re.compile("|".join(map(re.escape, needs)))


COMPILED = [(re.compile(p), fn, rank, kinds, _gate(needs, kinds)) for p, fn, rank, kinds, needs in _PATTERNS]


def _word_scanner(words: set[str]) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One pattern for all the gate words of the rules that read the same windows, and for each word
    the gate words it contains ("weekend" holds "end"), since a match hides what it overlaps."""
    ordered = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    # grouped by first letter (the same matches): the engine tries one branch per position (speed only)
    return re.compile(first_letter_groups(ordered) or ordered), {w: frozenset(v for v in words if v in w) for w in words}


# The gate words of each set of trigger kinds: a window is scanned once for all of them.
WORD_SCANNERS = {
    kinds: _word_scanner({w for _, _, _, k, gate in COMPILED if k == kinds and isinstance(gate, frozenset) for w in gate})
    for kinds in {k for _, _, _, k, gate in COMPILED if isinstance(gate, frozenset)}}


# Every date expression contains a trigger word of its kind; a pattern only runs around triggers of
# the kinds it needs (a season pattern never reads a window that holds only a number). The trigger
# pattern matches these stems (lower-cased), so a match's text is its own key in KIND_OF.
# Lower-case kinds: "m" is a month written in lower case (checked as a whole word), "A" a weekday's
# abbreviation (a whole word, capitalised), "O" a day's ordinal number ("3rd"), "Z" a fiscal year.
_TRIGGER_STEMS = {
    "M": ("jan", "feb", "mar", "may", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    "S": ("spring", "summer", "fall", "autumn", "winter"), "W": ("today", "tonight", "tomorrow", "yesterday", "this morning", "this afternoon", "this evening", "last night"),
    "N": ("now", "currently", "present", "moment"), "U": ("week", "month", "year", "days", "hours"), "L": ("holiday",),
    "K": tuple(WEEKDAYS), "Q": ("quarter", "q1", "q2", "q3", "q4"), "H": ("half", "h1", "h2"), "Z": ("fy", "fiscal", "financial"),
    "Y": ("nineteen", "eighteen", "twenty", "two thousand", "two-thousand"),
    "C": ("centur", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
    "F": ("christmas", "xmas", "new year", "halloween", "valentine", "st. valentine", "independence", "fourth of july",
          "4th of july", "thanksgiving", "memorial", "labor day", "labour day", "martin luther", "mlk", "presidents",
          "president's", "black friday", "cyber monday", "easter", "good friday", "holy saturday", "boxing day",
          "bank holiday", "golden week", "diwali", "deepavali", "chinese new", "lunar new", "veterans day",
          "juneteenth", "mother", "father", "columbus day", "st. patrick", "st patrick", "the fourth of"),
}
_WHOLE_WORD_STEMS = {"A": tuple(WEEKDAY_ABBR)}
KIND_OF = {stem: kind for kind, stems in (*_TRIGGER_STEMS.items(), *_WHOLE_WORD_STEMS.items()) for stem in stems}
# Numbers: a date pattern needs a year (19xx to 21xx: ISO dates, decades, years) or a number before
# a slash (6/7/2024); days and other numbers are read only inside a month's window. A day's ordinal
# ("the 3rd") and a two-digit decade ("the 90s") are their own triggers.
_NUMBER_TRIGGERS = ([rf"{c}[0-9][0-9](?![0-9])" for c in ("19", "20", "21")] + [f"{d}[0-9]*(?=/)" for d in "0123456789"]
                    + [rf"{d}(?:0s|[0-9]?(?:st|nd|rd|th))\b" for d in "123456789"] + [r"0s\b"])
# Longest first, so "monday" is not read as "mon...", and "q1"/"h1" and the abbreviations only as whole words.
TRIGGER = WordList(_NUMBER_TRIGGERS + [
    re.escape(stem) + (r"\b" if (stem[0] in "qh" and stem[1:].isdigit()) or KIND_OF[stem] == "A" else "")
    for stem in sorted(KIND_OF, key=len, reverse=True)])
# The longest lead ("in the next couple of ", "the fourth Wednesday of ") and tail a pattern needs.
BEFORE, AFTER = 36, 40
MONTH_WORDS = frozenset(MONTHS)
