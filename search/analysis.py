"""How the database engine reads text: the same steps for what is indexed and what is typed.

1. **Fold**: Unicode compatibility forms (full-width letters and digits), lower case, no accents
   or tone marks ("thú y" and "thu y" are one word; "đ" is "d"), Arabic normalised as
   Elasticsearch's ``arabic_normalization`` does (hamza forms of alef, teh marbuta, alef maksura,
   tatweel and harakat removed).
2. **Split** into words; runs of Chinese (and Japanese, Korean) characters, written without
   spaces, become overlapping pairs of characters ("宠物食品" -> "宠物 物食 食品"), as
   Elasticsearch's ``cjk_bigram`` does.
3. **Stop words** out, then **stem** with the Snowball stemmer of the language (English, Spanish,
   Arabic: "spaying" -> "spay", "veterinarios" -> "veterinari"); Vietnamese and Chinese words
   are not inflected and stay as they are.

The Elasticsearch engine, when written, is to do the same with its own analyzers.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STEMMERS = {"en": "english", "es": "spanish", "ar": "arabic"}
# Languages whose one-letter words carry no meaning ("t" of "can't"); in Vietnamese "y" of "thú y"
# does, and a Chinese character alone is a word.
SHORT_WORDS_DROPPED = {"en", "es"}

# Short lists: the words that carry no need. "no", "not" and "sin" stay (they change a need).
STOP_WORDS = {
    "en": set(
        "a an and are as at be by can could do for from get has have help i i'm im in is it its "
        "me my of on or our please the their them there they this to us was we what where who "
        "will with you your near need needs want looking find because but so if when how just "
        "also am been into than then while".split()
    ),
    "es": set(
        "a al de del el en es esta este la las lo los mi mis para por que se su sus un una y o "
        "yo me necesito busco ayuda donde cerca con".split()
    ),
    # Vietnamese is folded before this test: "cho" (for) is also "chó" (dog), so it stays.
    "vi": set("của và là tôi toi cua va la được duoc những nhung các cac".split()),
    "ar": set("في من على الى إلى عن مع او أو و ما هل انا أنا".split()),
    "zh-hans": set("的 了 和 是 我 在 有 吗 呢 请".split()),
}

_ARABIC_KEYS = ("أ", "إ", "آ", "ٱ", "ة", "ى", "ـ", "ؤ", "ئ")
_ARABIC = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None, "ؤ": "و", "ئ": "ي"}
)
_ARABIC_FOLDED = re.compile("[" + "".join(_ARABIC_KEYS) + "]")
_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def fold(text: str) -> str:
    text = text or ""
    if text.isascii():  # most of what is indexed: the steps below would change nothing else
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("đ", "d")
    if _ARABIC_FOLDED.search(text):
        text = text.translate(_ARABIC)
    decomposed = _combining_marks().sub("", unicodedata.normalize("NFD", text))
    if not decomposed.isascii() and max(decomposed) > "\uffff":  # beyond the table's plane
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", decomposed)


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern:
    """Accents, tone marks and harakat (the combining characters of the first plane), as a
    pattern of their ranges to remove: five times faster than ``str.translate`` with a table
    of them, which a rebuild spent most of its folding time in."""
    ranges: list[list[int]] = []
    for n in range(0x10000):
        if unicodedata.combining(chr(n)):
            if ranges and ranges[-1][1] == n - 1:
                ranges[-1][1] = n
            else:
                ranges.append([n, n])
    return re.compile(
        "["
        + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
        + "]+"
    )


def _split_cjk(word: str) -> list[str]:
    """A word with Chinese characters: Latin parts whole, Chinese runs as overlapping pairs."""
    parts, run, out = [], [], []
    for char in word:
        if _CJK.match(char):
            if out:
                parts.append("".join(out))
                out = []
            run.append(char)
        else:
            if run:
                parts.extend(_bigrams(run))
                run = []
            out.append(char)
    if run:
        parts.extend(_bigrams(run))
    if out:
        parts.append("".join(out))
    return parts


def _bigrams(chars: list[str]) -> list[str]:
    if len(chars) == 1:
        return chars
    return ["".join(chars[i : i + 2]) for i in range(len(chars) - 1)]


def words(text: str) -> list[str]:
    """The folded words of a text, Chinese runs as pairs (steps 1 and 2)."""
    folded = fold(text or "")
    if folded.isascii():  # no Chinese in it
        return _WORD.findall(folded)
    out = []
    for word in _WORD.findall(folded):
        out.extend(_split_cjk(word) if _CJK.search(word) else [word])
    return out


@lru_cache(maxsize=8)
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    if stemmer is None or _CJK.search(word) or word.isdigit():
        return word
    return stemmer.stemWord(word)


def is_stop_word(word: str, language: str) -> bool:
    return word in STOP_WORDS.get(language, ())


def terms(text: str, language: str, *, stop_words: bool = True) -> list[str]:
    """The terms a text is indexed and searched by, in order (steps 1 to 3)."""
    stops = STOP_WORDS.get(language, ()) if stop_words else ()
    short_kept = language not in SHORT_WORDS_DROPPED
    return [
        stem(word, language)
        for word in words(text)
        if word not in stops and (len(word) > 1 or short_kept or word.isdigit())
    ]


def word_spans(text: str):
    """(start, end, word) of each word of the original text, for highlighting: the word folded
    but not stemmed. Chinese runs give one span per character pair."""
    for match in _WORD.finditer(text or ""):
        original = match.group()
        if _CJK.search(original):
            chars = list(original)
            if len(chars) == 1:
                yield match.start(), match.end(), fold(original)
                continue
            for i in range(len(chars) - 1):
                start = match.start() + i
                yield start, start + 2, fold(original[i : i + 2])
        else:
            yield match.start(), match.end(), fold(original)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (a swap of two letters counts once) up to ``limit``; any
    larger distance is returned as ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def allowed_edits(word: str) -> int:
    """Elasticsearch's ``fuzziness: AUTO:4,8``: none below 4 letters, one up to 7, then two."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2
