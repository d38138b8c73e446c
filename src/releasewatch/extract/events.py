"""Cue lexicons: which event a phrase speaks of, how sure it is, who it cites."""

from __future__ import annotations

import re
from typing import NamedTuple

from .fastre import Folded, WordList, first_letter_groups, occurrences

# A date right after a verb: "landing 15 September", "streaming April 22", "returns June 27".
_DATE_AHEAD = (r"(?=\s+(?:on\s+|in\s+|this\s+|next\s+|from\s+)?(?:a\s+|an\s+|the\s+|its\s+)?(?:\d|(?:jan|feb|mar|apr|"
               r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|"
               r"tonight|today|later|early|late|spring|summer|fall|autumn|winter|20\d\d|christmas|thanksgiving|"
               r"halloween|easter|memorial|labor|new\s+year|valentine|holiday))")
# Where a release lands: "hits PS5", "will be on Netflix", "comes to Blu-ray".
_PLATFORMS = (r"(?:ps5|ps4|playstation(?:\s+[45])?|xbox(?:\s+series\s+x(?:/s|\|s)?)?|(?:nintendo\s+)?switch(?:\s+2)?|pc|steam|"
              r"consoles|digital|vod|blu-ray|dvd|4k|netflix|hulu|max|hbo(?:\s+max)?|disney\+?|prime\s+video|apple\s+tv\+?|"
              r"peacock|paramount\+?|streaming|theaters|theatres|cinemas|imax)")
# Adverbs that may stand between a release verb and its date: "opens domestically this week".
_HOW = r"(?:worldwide|globally|internationally|domestically|exclusively|digitally|theatrically|simultaneously)"

# Each event's cues; a sentence's cue nearest to a date decides the event of that date.
_EVENT_CUES: list[tuple[str, str]] = [
    ("production_end", r"(?:principal\s+photography|filming|shooting|production)\s+on\s+(?:[\w:'’-]+\s+){1,6}?"
                       r"(?:is\s+|was\s+|will\s+)?(?:set\s+to\s+|expected\s+to\s+|scheduled\s+to\s+)?"
                       r"(?:wrap|wrapped|wraps|end|ended|ends|finish|finished|conclude|concluded)\b|"
                       r"wrap(?:s|ped|ping)?(?:\s+(?:filming|production|shooting|photography))?|"
                       r"(?:completed|completes|finished|finishes|concluded|concludes|ended|ends|wrapping)\s+"
                       r"(?:principal\s+photography|filming|shooting|production)|"
                       r"(?:filming|shooting|production|photography)\s+(?:wrapped|ended|concluded|finished|"
                       r"is\s+complete|was\s+complete|came\s+to\s+an\s+end)|"
                       # "filming has now been completed", "finalized filming", "began in May and concluded in June"
                       r"(?:filming|shooting|production|photography)\s+(?:has|had|have)\s+(?:now\s+|officially\s+|finally\s+)?"
                       r"been\s+(?:completed|finished|wrapped)|finali[sz](?:ed|es)\s+(?:filming|shooting|production)|"
                       r"(?:and|before)\s+(?:concluded|finished|ended|completed|wrapped)\s+(?:in|on)|"
                       r"last\s+day\s+of\s+(?:filming|shooting|production)"),
    ("production_start", r"(?:principal\s+photography|filming|shooting|production)\s+on\s+(?:[\w:'’-]+\s+){1,6}?"
                         r"(?:is\s+|was\s+|will\s+)?(?:set\s+to\s+|expected\s+to\s+|scheduled\s+to\s+)?"
                         r"(?:begin|began|begins|start|started|starts|kick|kicked|commence|commenced|got\s+underway|"
                         r"roll)\w*|shoots?(?=\s+(?:from|in|on|this|next|through))|"
                         r"(?:principal\s+photography|filming|shooting|production|cameras?|shoot)\s+"
                         r"(?:(?:for|on|of)\s+(?:[\w:'’-]+\s+){1,4}?)?"
                         r"(?:is\s+|was\s+|will\s+|has\s+|had\s+|would\s+|could\s+|should\s+|might\s+|may\s+)?"
                         r"(?:now\s+|still\s+|finally\s+|officially\s+)?(?:set\s+to\s+|expected\s+to\s+|scheduled\s+to\s+|"
                         r"slated\s+to\s+|due\s+to\s+|going\s+to\s+)?(?:start|begin|kick|get|commence|roll|"
                         r"underway|got\s+underway|began|started|kicked|commenced|rolled|starts|begins|kicks|"
                         r"commences|rolls|starting|beginning|resum)\w*|"
                         # "been shooting since late August", "slated to enter production in March"
                         r"(?:been|began|started|begin|start)\s+(?:filming|shooting)|(?:filming|shooting)\s+since|"
                         r"(?:enter(?:s|ed|ing)?|go(?:es)?\s+into|went\s+into|going\s+into)\s+production|"
                         r"first\s+(?:official\s+)?day\s+of\s+(?:filming|shooting|production)|"
                         r"(?:shot|filmed)\s+(?:the\s+(?:movie|film|series|show|season|game)|it)\s+(?:in|on|from|during)|"
                         r"(?:start|begin|kick\s+off|commence|started|began|starts|begins|starting|beginning|"
                         r"kicked\s+off|kicks\s+off|commenced|commences|resume[sd]?|resuming)\s+"
                         r"(?:principal\s+photography|filming|shooting|production|the\s+shoot|cameras)|"
                         r"(?:go(?:es)?|went|going)\s+(?:before|in\s+front\s+of)\s+(?:the\s+)?cameras|"
                         r"(?:will|to|would)\s+(?:film|shoot)|(?:filming|shooting)\s+(?:from|in|on|this|next|"
                         r"through|until)|(?:is|are|was|were)\s+(?:filming|shooting)|(?:shot|filmed)\s+(?:in|on|"
                         r"from|during)|cameras\s+(?:roll|rolling)|begin\s+shooting|film\s+(?:in|from)"),
    ("trailer", r"(?:releas|drop|unveil|debut|launch|shar|reveal|post)\w*\s+(?:the\s+|a\s+|its\s+)?"
                r"(?:first\s+|new\s+|official\s+|final\s+|second\s+|teaser\s+|full\s+)?(?:trailer|teaser)s?|"
                r"(?:first|new|official|final|second|teaser|full)\s+(?:trailer|teaser)s?|(?:trailer|teaser)s?|"
                r"first\s+look\s+footage|(?:first|new|latest)\s+(?:official\s+|major\s+|brief\s+)?(?:look|footage|"
                r"preview|glimpse)|(?:showed|shown|screened|played|revealed|unveiled)\s+(?:the\s+)?(?:first\s+|new\s+)?footage|"
                r"footage\s+(?:was\s+|were\s+)?(?:shown|screened|played|revealed|debuted)|"
                r"(?:gameplay|story|cinematic|world|first|official|full)\s+(?:reveal|showcase|demo|walkthrough|deep\s+dive)|"
                r"reveal\s+trailer|gameplay\s+(?:video|footage)|(?:was|were|been|is|will\s+be|got)\s+(?:officially\s+|first\s+|"
                r"finally\s+)?(?:revealed|unveiled|shown(?:\s+off)?|showcased)\s+(?:at|during)|"
                # "announced a brand new Fable at tonight's Xbox Games Showcase": a reveal at a show
                r"(?:announced|unveiled|revealed)(?=\s+(?:[\w'’-]+\s+){0,5}?(?:at|during)\s+(?:the\s+|this\s+year['’]s\s+|"
                r"tonight['’]s\s+|today['’]s\s+|last\s+night['’]s\s+)?(?:[\w'’-]+\s+){0,3}?(?:showcase|direct|state\s+of\s+play|"
                r"game\s+awards|gamescom|game\s+fest|e3|presentation|panel|opening\s+night\s+live))"),
    ("premiere", r"world\s+premiere|red[- ]carpet|(?:red[- ]carpet|festival|gala|european|international|us|u\.s\.)\s+premiere|"
                 r"premiere[sd]?\s+(?:at|in\s+(?:competition|cannes|venice|berlin|toronto|london|los\s+angeles|"
                 r"new\s+york))|premiering\s+at|(?:will|to)\s+premiere\s+at|premiere\s+(?:is|will|was)|"
                 r"premiere\s+on|(?:play|screen)(?:s|ed|ing)?(?=\s+(?:at|during)\s+(?:this\s+year['’]s\s+|the\s+)?"
                 r"(?:\d{4}\s+)?(?:[\w'’-]+\s+){0,3}?(?:festival|fest|cannes|venice|berlin|toronto|sundance|tiff))|"
                 r"at\s+(?:the\s+|this\s+year['’]s\s+)?(?:\d{4}\s+)?(?:cannes|venice|berlin|toronto|sundance|tribeca|sxsw|"
                 r"telluride)\b|premiere\b|"
                 r"screened\s+(?:in|during|at)|debut(?:s|ed|ing)?(?=\s+(?:[\w'’-]+\s+){0,3}?at\s+(?:the\s+)?"
                 r"(?:\d{4}\s+)?(?:[\w'’-]+\s+){0,3}?(?:festival|fest|cannes|venice|sundance|tiff|berlinale|tribeca|sxsw))|(?:open|opens|opening|close|closes|closing)\s+(?:the\s+|this\s+year['’]s\s+)?"
                 r"(?:\d{4}\s+)?(?:[\w'’-]+\s+){0,4}?(?:festival|fest)\b"),
    ("release", r"releas(?:e|es|ed|ing)|re-releas\w+|release\s+date|in\s+(?:theaters|theatres|cinemas)|"
                r"(?:hit|hits|hitting|hitting)\s+(?:theaters|theatres|cinemas|screens|shelves|stores|consoles|"
                r"steam|netflix|streaming)|(?:open|opens|opened|opening)\s+(?:in|on|nationwide|wide|"
                r"everywhere|theatrically)|debut(?:s|ed|ing)?|launch(?:es|ed|ing)?|arriv(?:e|es|ed|ing)|"
                r"(?:is|are|be|will\s+be|comes?)\s+out|o(?<!broke\so)(?<!broken\so)(?<!sold\so)(?<!pulled\so)ut\s+(?:on|now)|"
                r"reach(?:es|ed|ing)?\s+(?:theaters|theatres|cinemas|screens)|now\s+(?:out|available|streaming|"
                r"playing|showing)|(?:dated|slated|scheduled|set|penciled|pencilled|pegged|aimed|targeted|"
                r"eyeing|eyed)\s+(?:for|to)|(?:lands?|landing|drops?|dropping|coming)\s+(?:in|on|to)\b|"
                r"premieres?\s+on\s+(?:netflix|prime|disney|hulu|max|hbo|peacock|apple|paramount|"
                r"the\s+streamer|streaming)|theatrical\s+(?:run|debut|bow)|bows?\s+(?:in|on)|"
                r"(?:new|the)\s+date|mov(?:e|ed|es|ing)\s+(?:up|back|forward)|"
                rf"mov(?:e|ed|es|ing)\s+(?:to|from){_DATE_AHEAD}|pushed\s+(?:back|to|from)|delay(?:s|ed)?|"
                r"(?:slip|shift|bump)\w*\s+(?:back\s+)?(?:to|into)|"
                r"(?:set|sets|dated|dates|slated|scheduled|pegged|moved|moves|pushed|pushes|delayed|bumped)\s+"
                r"(?:[\w:'’#-]+\s+){1,6}?(?:up\s+|back\s+)?(?:for|to|until)\b|"
                r"target(?:s|ing|ed)?|aiming\s+for|expected\s+(?:in|on|by|for|to\s+(?:arrive|land|open|debut))|"
                r"(?:is|are|was|been|finally|officially)\s+dated|stream(?:s|ing)?\s+(?:on|in|from)|"
                r"streams?\s+(?=[a-z][a-z]+\.?\s+\d)|follow(?:s|ed)?\s+(?:in|on)|"
                r"(?:opens?|opened)\s+(?:it\s+|the\s+film\s+|the\s+movie\s+)?(?:wide\s+)?(?:by|until|in|on)\b|"
                r"(?:opens|opened)\s+(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)|"
                r"postpon(?:e|es|ed)|rescheduled|(?:opening|release)\s+(?:day|weekend|window)|"
                # A series or streaming film "premieres June 13" (festival premieres are matched first),
                # "returns June 27", "available on Max on Sunday", "starting Thursday, June 27"
                r"premier(?:es|ed|ing)|(?:returns?|returning)(?=\s+(?:on\s+|in\s+|this\s+|next\s+)?(?:\d|"
                r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:mon|tues|wednes|thurs|fri|satur|"
                r"sun)day|tomorrow|tonight|later|early|late|spring|summer|fall|autumn|winter|20\d\d))|"
                r"available\s+(?:on|to\s+(?:stream|play|buy|watch)|from|in)|(?:starting|beginning)(?=\s+(?:on\s+)?"
                r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
                r"\.?\s+\d))|(?:hit|hits|hitting)\s+the\s+(?:theaters|theatres|cinemas|screens|shelves|stores|big\s+screen)|"
                # "swings into theaters", "heading to theaters", "make their return to theaters"
                r"into\s+(?:theaters|theatres|cinemas|the\s+big\s+screen)|to\s+(?:theaters|theatres|cinemas|the\s+big\s+screen)|head(?:s|ed|ing)?\s+to\b|"
                r"due\s+(?:out|in|on|for|to\s+(?:arrive|open|release|launch|hit|land|premiere|debut|air|return))\b|"
                r"(?:will|to|would|set\s+to|going\s+to)\s+(?:now\s+)?(?:return|air|premiere)\b|the\s+return\s+of|"
                r"air(?:s|ed|ing)?\s+(?:on|in)\b|coming\s+out|"
                # "keeps its March 6 date", "holds the June slot", "stays on June 6"
                r"(?:keeps?|kept|holds?|held|retains?|retained)(?=\s+(?:its\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,3}?"
                r"(?:date|slot|release|window|spot)\b)|"
                rf"(?:keeps?|kept|holds?|held|retains?|stays?|stayed|remains?|remained)(?:\s+(?:on|at|set\s+for|dated\s+for|"
                rf"slated\s+for|in))?{_DATE_AHEAD}|"
                rf"(?:bows?|coming|due|airs|kicks\s+off|kicking\s+off){_DATE_AHEAD}|"
                rf"(?:is|are|be|comes?|coming)\s+back{_DATE_AHEAD}|return(?:s|ing)?\s+for\s+(?:its|a|the|their)\s+|"
                # the audience's side: "we could see it back in January", "watch the reboot next summer"
                r"(?:see|seeing|watch|watching)\s+(?:it|them|the\s+(?:show|series|film|movie|sequel|reboot|season|game)|"
                r"the\s+[\w-]+\s+season|[\w'’-]+\s+season)(?:\s+back)?\b|(?:audiences|fans|viewers|moviegoers|gamers|players)\s+"
                r"(?:will|can|could|would|should|get\s+to)\s+(?:see|watch|play)\b|appear\w*\s+on\s+(?:screens|tv|television)|"
                r"(?:is|are|be|comes?)\s+back\s+with\b|"
                r"(?:goes|go|going|went)\s+(?:live|wide)|(?:dropped|landed|came)\s+(?:in|on|to)\b|be\s+on\s+the\s+air|"
                r"return(?:s|ing|ed)?\s+for\s+(?:its\s+|a\s+|the\s+|their\s+)?(?:[\w-]+\s+)?season|slot\b|berth\b|opening(?!\s+(?:scene|sequence|credits|shot|line|act|number|song|"
                r"titles|minutes|chapter|level|mission|hours))|expand(?:s|ed|ing)?\s+(?:nationwide|wide|to)|playable|"
                r"unlock(?:s|ed)?\s+(?:on|in)|can\s+be\s+played|(?:penciled|pencilled)\s+in\s+for|"
                r"(?:planned|earmarked|booked)\s+for|pushed\s+into|"
                rf"(?:hits?|hitting|will\s+be\s+on|comes?\s+to|came\s+to|heads?\s+to)\s+{_PLATFORMS}\b|"
                r"(?:claim|claims|claimed|take|takes|took|grab|grabs|grabbed|nab|nabs|nabbed|snag|snags|snagged)\s+"
                r"(?:the|a|an|its)(?=\s+(?:[\w,.-]+\s+){0,3}?(?:slot|date|spot)\b)|"
                r"return(?:s|ing)?\s+to\s+(?:netflix|hulu|max|hbo|disney|prime|apple|paramount|peacock|theaters|"
                r"theatres|cinemas|screens|tv|television|the\s+streamer|streaming)|"
                rf"ship(?:s|ping)?(?:\s+(?:on|in|this|next|later|early|late|by)\b|{_DATE_AHEAD})|(?:will|to)\s+ship\b|"
                rf"(?:lands?|landing|drops?|dropping|streaming|streams|launching|arriving|debuting){_DATE_AHEAD}|"
                rf"(?:open|opens|opened|opening|drop|drops|dropped|premiere|premieres|launch|launches|release|releases|"
                rf"released|debut|debuts|arrive|arrives)\s+{_HOW}|"
                # "moved Aquaman up five days to", "push the film back a year to", "moving to Christmas"
                r"(?:move|moved|moves|moving|push|pushed|pushes|pushing|delay|delayed|delaying|bump|bumped|shift|shifted|"
                r"shifting)\s+(?:[\w:'’#-]+\s+){0,6}?(?:up|back|forward)\s+(?:by\s+)?(?:(?:a|an|one|two|three|four|five|six|"
                r"seven|eight|nine|ten|\d+|several|a\s+few)\s+)?(?:days?|weeks?|months?|years?)\s+(?:to|until|into)\b|"
                rf"(?:move|moving|push|pushing|delay|delaying|bump|shift|shifting)\s+(?:[\w:'’#-]+\s+){{0,6}}?(?:to|until|into)"
                rf"{_DATE_AHEAD}"),
]
EVENT_CUES = [(event, Folded.words(pattern, r"\b")) for event, pattern in _EVENT_CUES]
# Every event cue contains one of these stems: sentences without any cannot hold a claim.
CUE_HINT = WordList(["releas", "re-releas", "theat", "cinema", "open", "debut", "launch", "arriv", r"out\b", "reach",
                    "dat", "slat", "schedul", r"set\b", r"sets\b", "pencil", "peg", "aim", "target", "eye", "land",
                    "drop", r"com(?:e|es|ing)\b", "premier", r"bows?\b", "mov", "push", "delay", "slip", "shift",
                    "bump", "expect", "stream", "follow", "film", "shoot", "shot", "product", "photograph",
                    "camera", "wrap", "complet", "finish", "conclud", "end", "trailer", "teaser", "footage", "hit",
                    "return", "availab", "starting", "beginning", "due", "air", "head", "look", "preview",
                    "glimpse", "screen", "play", "resum", "enter", "ship", "bow", "kick", "back", "live", "sale", "wide", "expand",
                    "unlock", "pencil", "plan", "earmark", "book", "claim", "take", "took", "grab", "nab", "snag", "reveal",
                    "showcas", "demo", "walkthrough", "dive", "unveil", "shown", "festival", "fest", "netflix", "hulu", "disney",
                    "prime", "peacock", "paramount", "digital", "blu", "dvd", "vod", "steam", "ps5", "ps4", "xbox",
                    "switch", "console", "imax", "carpet", "finali", "slot", "berth", "air", "see", "watch", "appear", "cannes",
                    "venice", "berlin", "toronto", "sundance", "tribeca", "sxsw", "telluride", "announced", "keep", "kept", "hold", "held", "retain", "stay",
                    "remain"])
# A cheap test before each event's big pattern: most sentences mention no filming, trailer or premiere.
_EVENT_HINTS = {
    "production_end": Folded(r"wrap|complet|finish|conclud|ended|ends|end\b|came"),
    "production_start": Folded(r"film|shoot|shot|product|photograph|camera"),
    "trailer": Folded(r"trailer|teaser|footage|look|preview|glimpse|reveal|showcase|demo|walkthrough|dive|gameplay|unveil|"
                      r"shown|announced"),
    "premiere": Folded(r"premier|screen|play|festival|fest\b|cannes|venice|sundance|tiff|berlinale|tribeca|sxsw|berlin|"
                       r"toronto|telluride|carpet"),
}
_ANY_EVENT_HINT = Folded("|".join(hint.pattern for hint in _EVENT_HINTS.values()))

NEGATION = Folded.words(
    r"no\s+(?:official\s+|confirmed\s+|firm\s+|set\s+|exact\s+|specific\s+)?(?:release\s+)?date|"
    r"(?:has|have|had)(?:\s+not|n't)\s+(?:yet\s+)?(?:been\s+)?(?:dated|set\s+a\s+(?:release\s+)?date|"
    r"given\s+(?:a|an)\s+(?:official\s+)?(?:release\s+)?date|announced\s+(?:a|its|an)\s+(?:official\s+)?"
    r"(?:release\s+)?date|received\s+(?:a|an)\s+(?:official\s+)?(?:release\s+)?date)|"
    r"(?:is|are)(?:\s+not|n't)\s+(?:yet\s+)?dated|yet\s+to\s+(?:be\s+dated|(?:receive|get|set|announce|be\s+given)"
    r"\s+(?:a|an|its)\s+(?:official\s+)?(?:release\s+)?date)|without\s+a\s+(?:release\s+)?date|"
    r"undated|(?:not|no)\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+)?(?:dated|scheduled)|"
    r"no\s+word\s+(?:yet\s+)?on\s+(?:a|when|the)\s+release|"
    # "doesn't currently have a release date", "still does not have a firm release date"
    r"(?:does|do|did)(?:\s+not|n['’]t)\s+(?:currently\s+|yet\s+|still\s+)?have\s+(?:a|an|any)\s+(?:official\s+|"
    r"firm\s+|exact\s+|concrete\s+|set\s+|confirmed\s+|specific\s+|new\s+)*(?:release\s+|premiere\s+|launch\s+)?"
    r"(?:date|window)|"
    r"no\s+(?:official\s+|confirmed\s+|firm\s+|set\s+|exact\s+|specific\s+|concrete\s+|new\s+)+(?:release\s+|"
    r"premiere\s+|launch\s+)?(?:date|window)|no\s+(?:premiere|launch)\s+(?:date|window)|"
    r"lack\s+of\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:release\s+)?date|"
    r"(?:has|have)(?:\s+not|n['’]t)\s+(?:yet\s+)?(?:got|gotten|received|been\s+given)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:release\s+)?date|"
    # "indefinitely delayed", "pulled from the schedule indefinitely"
    r"indefinitely\s+(?:delayed|postponed|shelved|on\s+hold)|(?:delayed|postponed|shelved|delaying\s+(?:[\w-]+\s+){0,4}?)"
    r"\s*indefinitely|"
    # "nobody can say yet when it comes out", "the studio couldn't confirm when"
    r"(?:don['’]t|do\s+not|doesn['’]t|does\s+not|couldn['’]t|could\s+not|can['’]t|cannot)\s+(?:yet\s+)?(?:know|confirm|"
    r"say|tell\s+us|share|reveal)(?:\s+(?:exactly|precisely|yet|for\s+sure))?\s+when|"
    r"(?:don['’]t|do\s+not|doesn['’]t|does\s+not)\s+have\s+(?:a|an)\s+(?:concrete\s+|clear\s+)?answer\s+for\s+when|"
    r"(?:couldn['’]t|could\s+not|didn['’]t|did\s+not|won['’]t)\s+give\s+(?:us\s+)?(?:a|an|any)\s+(?:new\s+|firm\s+|"
    r"release\s+)*date|"
    # "a premiere date ... will be announced later"
    r"(?:release|premiere|launch)\s+date\s+(?:for\s+[^.;]{1,60}?\s+)?will\s+be\s+(?:announced|revealed|shared|"
    r"confirmed)\s+(?:later|soon|at\s+a\s+later\s+date|in\s+the\s+future)|"
    # "its release date has not been revealed", "the date is still TBA", "the release date remains unknown"
    r"(?:release|premiere|launch|debut)\s+(?:date|window)\s+(?:for\s+[^.;]{1,60}?\s+)?(?:(?:has|have|had)(?:\s+not|n['’]t)"
    r"\s+(?:yet\s+)?been|(?:is|are)(?:\s+still)?(?:\s+not|n['’]t|\s+yet\s+to\s+be|\s+to\s+be)|(?:has|have)\s+yet\s+to\s+be|"
    r"remains?\s+to\s+be)\s+(?:yet\s+)?(?:officially\s+)?(?:revealed|announced|confirmed|set|shared|disclosed|determined|"
    r"decided|known)|(?:release|premiere|launch|debut)\s+(?:date|window)\s+(?:for\s+[^.;]{1,60}?\s+)?(?:is|are|remains?)"
    r"(?:\s+still)?\s+(?:unknown|unclear|a\s+mystery|tba|tbd|under\s+wraps)|"
    r"(?:release|premiere|launch)\s+date\s+(?:of\s+|is\s+|:\s*)?(?:tba|tbd|to\s+be\s+(?:announced|confirmed|determined))\b|"
    # "it is unclear when", "Universal hasn't announced when", "no word on when"
    r"(?:unclear|unknown|not\s+known|not\s+clear|a\s+mystery)\s+(?:as\s+to\s+)?(?:exactly\s+)?when|"
    r"(?:has|have|had|did|does|do|would|will)(?:\s+not|n['’]t)\s+(?:yet\s+)?(?:announced?|said|say|confirmed?|revealed?|"
    r"shared?|specified|specify|disclosed?)\s+(?:exactly\s+)?when|(?:has|have)\s+yet\s+to\s+(?:announce|say|confirm|reveal|"
    r"share|specify)\s+(?:exactly\s+)?when|no\s+(?:official\s+)?(?:word|indication|news)\s+(?:yet\s+)?(?:on|of|as\s+to|about)"
    r"\s+(?:exactly\s+)?when|"
    r"(?:pulled|removed|taken)\s+(?:off|from)\s+(?:the\s+|its\s+)?(?:release\s+)?(?:calendar|schedule|slate)",
)
# Every negation holds one of these words and lies within this many characters of it: it is looked
# for only there, not over the whole text.
_NEGATION_ENDS = ("dat", "schedul", "releas", "window", "indefinite", "when", "calendar", "slate")
_NEGATION_REACH = 100
_NEGATION_AFTER = 70  # "release date ... will be announced later" ends after its anchor


# "when" anchors a negation only after one of the verbs that the negations with "when" use.
_WHEN_AFTER = re.compile("know|confirm|say|said|tell|share|reveal|answer|clear|mystery|word|indication|news|announc|"
                         "specif|disclos")


def find_negations(text: str, lowered: str) -> list[re.Match[str]]:
    """NEGATION's matches in `text` (`lowered` is text.lower())."""
    if len(lowered) != len(text):
        return list(NEGATION.finditer(text, lowered))
    anchors = [at for word in _NEGATION_ENDS for at in occurrences(lowered, word)
               if word != "when" or _WHEN_AFTER.search(lowered, max(0, at - 30), at)]
    windows: list[tuple[int, int]] = []
    for a in sorted(anchors):
        lo, hi = max(0, a - _NEGATION_REACH), a + _NEGATION_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return [m for lo, hi in windows for m in NEGATION.finditer(text, lowered, lo, min(hi, len(text)))]


_SPECULATIVE = Folded.words(
    r"could|might|likely|unlikely|expected|expects?|expecting|possibl[ey]|possibility|potentially|"
    r"rumou?r(?:s|ed)?|speculat\w+|we\s+think|our\s+guess|guess|probably|aiming|aims?\s+(?:for|to)|tipped|"
    r"hopefully|hope[sd]?|hoping|should|would|tentative(?:ly)?|eyeing|targeting|if\s+all\s+goes|perhaps|maybe|"
    r"predict\w*|anticipat(?:ed|e|es|ing)\s+(?:to|for|in|on|that)|estimated?|projected|assume|suggests?|seems?|could\s+slip|in\s+the\s+works|"
    r"penciled|pencilled|whispers?|chatter|buzz",
    r"\b",
)
_MAY = re.compile(r"\bmay\b")  # the verb only: "May" is the month
REPORTED = Folded.words(
    r"per|according\s+to|reports?|reported(?:ly)?|sources?\s+(?:say|said|tell|told|close)|insiders?|"
    r"has\s+learned|learned|exclusively|exclusive|told|tells|understands?|confirmed\s+to|scoop\w*|"
    r"first\s+reported|as\s+reported|says|said",
    r"\b",
)
_STUDIOS = (r"Lionsgate|Summit|Warner\s+Bros\.?|Warner|Disney|Marvel\s+Studios|Marvel|Pixar|Lucasfilm|Sony(?:\s+Pictures)?|"
            r"Universal|Paramount|A24|Netflix|Amazon(?:\s+MGM)?|MGM|Apple|Focus\s+Features|Searchlight|Neon|"
            r"Legendary|Blumhouse|DreamWorks|Illumination|Nintendo|Ubisoft|Electronic\s+Arts|EA|Activision|"
            r"Bethesda|Xbox|PlayStation|Sony\s+Interactive|Capcom|Square\s+Enix|Rockstar(?:\s+Games)?|"
            r"Take-Two|Bandai\s+Namco|Sega|FromSoftware|CD\s+Projekt|Kojima\s+Productions|"
            r"the\s+studio|the\s+distributor|the\s+publisher|the\s+developer|the\s+network|the\s+streamer")
# Words that state a date as settled ("officially", "opened in", "was moved"); and a studio's own act.
_OFFICIAL = (
    r"officially|official\s+(?:release\s+)?date\s+(?:is|of|for)|"
    r"(?:is|are)\s+(?:out|available)\s+now|now\s+(?:in\s+(?:theaters|theatres|cinemas)|playing|available|"
    r"streaming|out)|in\s+(?:theaters|theatres|cinemas)\s+now|opened\s+(?:in|on)|h(?<!to\sh)it\s+(?:theaters|theatres)|"
    r"premiered|was\s+released|were\s+released|debuted|began\s+(?:filming|shooting|production|principal)|"
    r"started\s+(?:filming|shooting|production|principal)|wrapped|(?:filming|production|shooting)\s+"
    r"(?:began|started|wrapped|kicked\s+off|got\s+underway)|release\s+date\s+(?:is|was)\s+(?:set|confirmed)|"
    r"(?:has|have)\s+been\s+(?:dated|set|moved|pushed|delayed|scheduled)|"
    r"(?:was|were)\s+(?:moved|pushed|delayed|dated|rescheduled|postponed)|(?:D|d)ated\s+for|"
    r"(?:is|are)\s+out\s+(?:today|now)|(?:finished|completed)\s+(?:filming|shooting|production)|"
    r"announced\s+(?:that|a|its|the)|confirmed\s+(?:that|a|its|the)"
)
# A studio's own act: "Lionsgate has set ...", "Sony moved ..." (case-sensitive: names).
_BY_STUDIO = re.compile(
    rf"\b(?:{first_letter_groups(_STUDIOS)})(?:\s+has|\s+have|\s+had|\s+will)?"
    r"\s+(?:officially\s+)?(?:set|sets|dated|dates|announced|announces|confirmed|confirms|revealed|reveals|"
    r"moved|moves|pushed|pushes|delayed|delays|shifted|shifts|scheduled|schedules|slated|slates|"
    r"bumped|bumps|unveiled|unveils|released|releases|dropped|drops|debuted|debuts|will\s+release)\b")
# "Lionsgate said Monday that ...", "a Netflix spokesperson told Variety", "said Sony's CEO": the
# studio's own word, which makes a date official even though it is attributed.
_STUDIO_SPEAKER = re.compile(
    rf"\b(?:{first_letter_groups(_STUDIOS)})(?:['’]s)?(?:\s+(?:spokes(?:person|man|woman)|CEO|chief|president|"
    r"chairman|chairwoman|executive|boss|head|co-chairs?|rep(?:resentative)?)\b[\w\s,]{0,30}?)?"
    r"\s+(?:has\s+|have\s+)?(?:said|says|told|tells|confirmed|confirms|announced|announces|stated|states)\b|"
    rf"\b(?:said|says|confirmed|announced)\s+(?:a\s+|an\s+)?(?:{first_letter_groups(_STUDIOS)})\b")


def said_by_studio(sentence: str) -> bool:
    """Whether the sentence's attribution is to the studio, publisher or one of its executives."""
    return _STUDIO_SPEAKER.search(sentence) is not None


_OFFICIAL_WORDS = re.compile(rf"\b(?:{first_letter_groups(_OFFICIAL) or _OFFICIAL})\b")


def is_official(clause: str) -> bool:
    """Whether the clause states the date as settled (a studio's act, "officially", "opened in", ...)."""
    return bool(_OFFICIAL_WORDS.search(clause) or _BY_STUDIO.search(clause))
_NAME = r"[A-Z][\w.&'’+-]*(?:\s+(?:[A-Z][\w.&'’+-]*|of|the|and|&))*?(?:\s+[A-Z][\w.&'’+-]*)?"
CITATION = [
    re.compile(rf"\bper\s+(?P<who>{_NAME})(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"\baccording\s+to\s+(?:a\s+(?:new\s+)?report\s+(?:from|by|in)\s+|sources\s+at\s+|)(?P<who>{_NAME})"
               rf"(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"\bas\s+(?:first\s+)?reported\s+by\s+(?P<who>{_NAME})(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"\b(?:told|tells)\s+(?P<who>{_NAME})(?=[\s,.;:)\]!?]|$)"),
    re.compile(rf"(?P<who>{_NAME})\s+(?:reports|reported|has\s+learned|first\s+reported|is\s+reporting|"
               rf"exclusively\s+reported|revealed\s+exclusively)\b"),
]
_NOT_OUTLETS = {"It", "He", "She", "They", "We", "I", "The", "This", "That", "Sources", "Insiders", "A", "An"}
_PLATFORMS = (r"Netflix|Prime\s+Video|Amazon\s+Prime\s+Video|Disney\+|Hulu|Max|HBO\s+Max|Peacock|Apple\s+TV\+|"
              r"Paramount\+|PVOD|digital|Digital|Blu-ray|DVD|4K|PS5|PlayStation\s+5|PS4|PlayStation\s+4|"
              r"Xbox\s+Series\s+X\|S|Xbox\s+Series\s+X|Xbox\s+One|Xbox|Nintendo\s+Switch\s+2|Nintendo\s+Switch|"
              r"Switch\s+2|Switch|PC|Steam|Epic\s+Games\s+Store|mobile|iOS|Android|VOD|streaming")
PLATFORM = re.compile(rf"\b(?:on|via|to|for)\s+(?P<q>{_PLATFORMS})(?![\w+])")
_REGIONS = ("U.S.", "US", "United States", "UK", "U.K.", "United Kingdom", "Canada", "Australia", "Japan", "Europe",
            "North America", "China", "France", "Germany", "India", "Korea", "Mexico", "Brazil", "Italy", "Spain")
REGION_NAMES = frozenset(r.replace(".", "").lower() for r in _REGIONS)  # as qualifiers are stored
_REGION_ALTERNATIVES = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in _REGIONS)
REGION = re.compile(r"\b(?:in\s+(?:the\s+)?|(?=\w+\s+(?:release|theaters|theatres|cinemas)))"
                    rf"(?P<q>{_REGION_ALTERNATIVES})(?!\w)")
MOVE = Folded.words(r"mov(?:e|es|ed|ing)|push(?:es|ed|ing)?|delay(?:s|ed|ing)?|shift(?:s|ed|ing)?|"
                  r"bump(?:s|ed|ing)?|slid|slides|slipp?(?:ed|s)?|postpon(?:e|es|ed|ing)|reschedul(?:e|es|ed|ing)|"
                  r"pull(?:s|ed)?\s+(?:up|forward)|brought\s+forward|advanc(?:e|es|ed)|chang(?:e|es|ed)|"
                  r"(?:new|updated)\s+(?:release\s+)?date", r"\b")


class Cue(NamedTuple):
    event: str
    start: int
    end: int


def event_cues(sentence: str, lowered: str | None = None) -> list[Cue]:
    """Every event cue in a sentence, earliest first; overlapping cues keep the first-listed event.
    `lowered` is sentence.lower(), if the caller has it."""
    lowered = sentence.lower() if lowered is None else lowered
    fast = len(lowered) == len(sentence)  # pick each Folded pattern's variant once, not per call
    subject = lowered if fast else sentence
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    any_hint = (_ANY_EVENT_HINT.fast if fast else _ANY_EVENT_HINT.slow).search(subject) is not None
    for event, folded in EVENT_CUES:
        hint = _EVENT_HINTS.get(event)
        if hint is not None and not (any_hint and (hint.fast if fast else hint.slow).search(subject)):
            continue
        for m in (folded.fast if fast else folded.slow).finditer(subject):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            found.append(Cue(event, start, end))
            taken.append((start, end))
    found = [c for c in found if not _not_this_event(lowered, c)]
    return _verbs_of_their_subject(sentence, lowered, sorted(found, key=lambda c: c.start))


# "pre-production began", "released a video explaining ...", "pre-orders going live": the cue's words,
# but not the title's filming or release.
_PRE_POST = re.compile(r"(?:pre|post)-$")
_RELEASED_OBJECT = re.compile(r"\s+(?:a|an|the|its|their|new|some)\s+(?:new\s+|short\s+|brief\s+|official\s+)?(?:video|statement|"
                              r"update|image|images|photo|photos|poster|posters|still|stills|clip|details|information|list|report|"
                              r"letter|note|song|single|album|soundtrack|book|comic|podcast|survey|patch|demo|beta)\b")
_NOT_RELEASE_BEFORE = re.compile(r"\b(?:pre-?orders?|pre-?loads?|pre-?downloads?|beta|demo|playtest|alpha|tickets?|"
                                 r"soundtrack|album|single|book|novel|comic)\s+(?:[\w'’-]+\s+){0,5}?$")


def _not_this_event(lowered: str, cue: Cue) -> bool:
    if cue.event in ("production_start", "production_end") and _PRE_POST.search(lowered, max(0, cue.start - 5), cue.start):
        return True
    if cue.event != "release":
        return False
    word = lowered[cue.start:cue.end]
    if word.startswith("releas") and _RELEASED_OBJECT.match(lowered, cue.end):
        return True
    return _NOT_RELEASE_BEFORE.search(lowered, max(0, cue.start - 40), cue.start) is not None


# "The trailer drops on June 3", "the world premiere is set for May 14": a release verb whose subject
# is a trailer or a premiere speaks of that event.
_SUBJECT_GAP = Folded(r",?(?:\s+(?:for|of)\s+[^,;.()]{1,40}?)?(?:\s+(?:is|was|will|has|have|had|be|been|now|"
                          r"officially|finally|just|also|set\s+to|expected\s+to|scheduled\s+to|due\s+to|going\s+to|to)"
                          r")*\s+")


# "Universal released the first Mercy Street teaser": the verb's object is the trailer.
_OBJECT_GAP = Folded(r"\s+(?:the|a|an|its|their)\s+(?:[\w'’:&-]+\s+){0,5}")
_SHOWING_VERB = Folded(r"(?:releas|drop|unveil|debut|launch|shar|reveal|post)")


def _verbs_of_their_subject(sentence: str, lowered: str, cues: list[Cue]) -> list[Cue]:
    out: list[Cue] = []
    for i, cue in enumerate(cues):
        prev = out[-1] if out else None
        nxt = cues[i + 1] if i + 1 < len(cues) else None
        if (cue.event == "release" and prev is not None and prev.event in ("trailer", "premiere")
                and _SUBJECT_GAP.fullmatch(sentence, lowered, prev.end, cue.start)):
            cue = Cue(prev.event, cue.start, cue.end)
        elif (cue.event == "release" and nxt is not None and nxt.event == "trailer"
              and _SHOWING_VERB.match(sentence, lowered, cue.start)
              and _OBJECT_GAP.fullmatch(sentence, lowered, cue.end, nxt.start)):
            cue = Cue("trailer", cue.start, cue.end)
        out.append(cue)
    return out


# "told us filming would begin": reported speech shifts "will" to "would"; that is no hedge.
_REPORTED_SPEECH_BEFORE = re.compile(r"\b(?:said|told|announced|confirmed|revealed|stated|insisted|promised)\b"
                                     r"[^.;!?]{0,50}$")


def is_speculative(clause: str) -> bool:
    lowered = clause.lower()
    for m in _SPECULATIVE.finditer(clause, lowered):
        if not (m.group().startswith("would") and _REPORTED_SPEECH_BEFORE.search(lowered, 0, m.start())):
            return True
    return _MAY.search(clause) is not None


# A word every CITATION pattern contains: most sentences have none, and skip the five patterns.
_CITATION_HINT = re.compile(r"per\s|according|reported|told|tells|reports|learned|reporting|exclusively")


def cited_outlet(sentence: str) -> str | None:
    if not _CITATION_HINT.search(sentence):
        return None
    for pattern in CITATION:
        m = pattern.search(sentence)
        if m:
            who = m.group("who").strip(" .,'’")
            who = re.sub(r"[’']s$", "", who)
            if who and who.split()[0] not in _NOT_OUTLETS:
                return who
    return None


# The names alone, which start with a literal: most clauses name none, and skip the longer patterns.
_PLATFORM_NAME = re.compile(_PLATFORMS)
_REGION_NAME = re.compile(_REGION_ALTERNATIVES)


def qualifier_of(clause: str) -> str | None:
    m = PLATFORM.search(clause) if _PLATFORM_NAME.search(clause) else None
    if m:
        return " ".join(m.group("q").split())
    m = REGION.search(clause) if _REGION_NAME.search(clause) else None
    if m:
        return m.group("q").replace(".", "")
    return None
