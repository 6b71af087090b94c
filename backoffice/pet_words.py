"""How a pet is described, in the five languages: colours and breeds as codes, and the words of
free text (distinguishing marks, collar, breed) made comparable across reports.

The colour codes are the lost and found forms' choices (``vocabulary.Colour``). Matching
(``backoffice.matching``) reads a colour picked from the list and one typed in any language
("gray", "grey", "gris", "灰色", "xám", "رمادي") as one code, so a lost report written in Spanish
and a found report written in English agree on "gris" and "grey"; and "mancha blanca en el
pecho" and "white patch on chest" share their words.

Text is read in three steps: folded as the search engine folds it (``search.analysis.fold``:
case, accents and Vietnamese tone marks, Arabic letter forms), the vocabulary's phrases replaced
by their codes (longest first: "nâu nhạt" is tan, not brown), and the other words kept,
without stop words, each reduced to one form (plural endings of Latin-script words and Arabic
affixes, by the Snowball stemmers), whatever the language of the report.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from search.analysis import STOP_WORDS, allowed_edits, edit_distance, fold, words

# Raised whenever the vocabularies or the reading change, so that words kept with a report
# (``PetReport.match_terms``) are read again rather than compared with words read differently.
TERMS_VERSION = 1

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# "the", "and the", "with the"...: tried off an Arabic word the vocabulary does not know as it is.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ف")


def _es(*adjectives: str) -> list[str]:
    """A Spanish adjective in its four forms ("negro": negro, negra, negros, negras); one that
    does not end in -o in its two ("gris", "grises")."""
    forms = []
    for word in adjectives:
        if word.endswith("o"):
            stem = word[:-1]
            forms += [word, stem + "a", stem + "os", stem + "as"]
        elif word[-1] in "aeiouáéíóú":
            forms += [word, word + "s"]
        else:
            forms += [word, word + "es"]
    return forms


# Each colour code's words and phrases (the codes of ``vocabulary.Colour``, the forms' choices):
# English, Spanish, Chinese, Vietnamese, Arabic, with the feminine and plural forms people type.
# A word may stand for several codes ("tuxedo" is black and white): those keys hold spaces.
COLOUR_WORDS: dict[str, list[str]] = {
    "black": [
        "black", "blackish", "jet black", *_es("negro", "azabache"),
        "黑", "黑色", "乌黑",
        "đen", "mực", "đen tuyền",
        "أسود", "سوداء",
    ],
    "white": [
        "white", "whitish", "snow white", *_es("blanco", "albino"),
        "白", "白色", "雪白",
        "trắng", "trắng muốt",
        "أبيض", "بيضاء",
    ],
    "grey": [
        "grey", "gray", "greyish", "grayish", "silver", "slate", "salt and pepper",
        *_es("gris", "plateado", "ceniza", "cenizo"), "sal y pimienta",
        "灰", "灰色", "银色", "银灰",
        "xám", "xám ghi", "màu ghi", "bạc", "màu tro",
        "رمادي", "رمادية", "رصاصي", "رصاصية", "فضي", "فضية",
        # A "blue" cat or dog is grey.
        "blue", "blue grey", *_es("azul", "azulado"),
        "蓝", "蓝色", "蓝灰",
        "xanh dương", "xanh lam", "xanh nước biển",
        "أزرق", "زرقاء",
    ],
    "brown": [
        "brown", "brownish", "chocolate", "liver", "sable", "dark brown",
        *_es("marrón", "café", "castaño", "chocolate", "pardo"),
        "棕", "棕色", "褐色", "咖啡色", "巧克力色", "深棕",
        "nâu", "sô cô la", "socola",
        "بني", "بنية", "شوكولاتة", "شوكولاتي",
    ],
    "tan": [
        "tan", "fawn", "light brown", "caramel", "beige brown",
        *_es("canela", "leonado", "caramelo", "bayo"), "marrón claro", "café claro",
        "黄褐色", "浅棕色", "浅棕", "驼色", "鹿色",
        "nâu nhạt", "nâu vàng", "màu bò", "vàng bò",
        "بني فاتح", "جملي", "عسلي",
    ],
    "ginger": [
        "red", "reddish", "ginger", "orange", "rust", "copper", "apricot",
        *_es("rojo", "rojizo", "pelirrojo", "naranja", "anaranjado", "cobrizo"),
        "红", "红色", "橘", "橘色", "橘黄", "橙", "橙色", "姜黄色", "棕红色",
        "màu đỏ", "lông đỏ", "nâu đỏ", "vàng đỏ", "cam", "vàng cam", "màu gạch",
        "أحمر", "حمراء", "برتقالي", "برتقالية",
    ],
    "cream": [
        "cream", "beige", "buff", "off white", "ivory",
        *_es("crema", "beis", "beige"),
        "奶油色", "米色", "米白", "米黄",
        "kem", "màu kem", "màu be", "màu ngà",
        "كريمي", "كريمية", "بيج",
    ],
    "golden": [
        "golden", "gold", "yellow", *_es("dorado", "amarillo"), "oro",
        "金色", "金黄", "金黄色", "黄", "黄色",
        "vàng", "vàng kim", "vàng óng", "vàng nhạt",
        "ذهبي", "ذهبية", "أشقر", "شقراء", "أصفر", "صفراء",
    ],
    "brindle": [
        "brindle", "brindled", *_es("atigrado", "barcino"),
        "斑纹", "虎纹",
        "vằn vện", "chó vện", "lông vện",
        "مخطط بني", "بريندل",
    ],
    "tabby": [
        "tabby", "striped", "stripes", "mackerel", *_es("rayado"),
        "虎斑", "狸花", "条纹",
        "mướp", "mèo mướp", "sọc", "sọc vằn", "lông vằn", "mèo vằn",
        "مخطط", "مخططة", "تابي",
    ],
    "tortoiseshell": [
        "tortoiseshell", "tortie", "torti", *_es("carey"), "concha de tortuga",
        "玳瑁", "玳瑁色",
        "đồi mồi", "mai rùa",
        "سلحفائي", "سلحفائية", "صدفي",
    ],
    "calico": [
        "calico", *_es("calicó", "calico"),
        "三花",
        "tam thể",
        "كاليكو",
    ],
    "black white tan": [
        "tricolour", "tricolor", "tri colour", "tri color", "three colour", "three color",
        *_es("tricolor"),
        "三色",
        "ba màu",
        "ثلاثي الألوان", "ثلاثية الألوان",
    ],
    "spotted": [
        "spotted", "speckled", "dotted", "piebald", "patched",
        *_es("manchado", "moteado", "pintado"),
        "斑点", "花斑",
        "đốm", "lốm đốm", "khoang",
        "مرقط", "مرقطة", "منقط", "منقطة", "مبقع", "مبقعة",
        "merle", "dapple", "blue merle", *_es("mirlo"),
        "陨石色", "大理石色",
        "vân đá",
        "ميرل",
    ],
    "black white": ["tuxedo", "esmoquin", "奶牛猫", "bò sữa", "توكسيدو"],
}  # fmt: skip

# Breeds people name often, in the five languages (and the short forms they type), as codes:
# "lab", "labrador", "拉布拉多" and "chó lạp" are one breed.
BREED_WORDS: dict[str, list[str]] = {
    "labrador": ["labrador", "lab", "labrador retriever", "拉布拉多", "lạp", "لابرادور"],
    "golden_retriever": [
        "golden retriever", "golden", "goldie", "golden retriever", "金毛", "黄金猎犬",
        "chó golden", "جولدن", "غولدن",
    ],
    "german_shepherd": [
        "german shepherd", "alsatian", "gsd", "pastor alemán", "pastor aleman", "德国牧羊犬",
        "德牧", "béc giê", "becgie", "chó becgie", "berger", "الراعي الألماني", "جيرمن شيبرد",
    ],
    "pit_bull": [
        "pit bull", "pitbull", "pittie", "pit", "staffy", "american staffordshire", "比特犬",
        "斗牛梗", "pit bull", "بيتبول", "بيت بول",
    ],
    "chihuahua": ["chihuahua", "chihuaha", "chiwawa", "吉娃娃", "chihuahua", "شيواوا"],
    "husky": ["husky", "siberian husky", "huskie", "哈士奇", "husky", "هاسكي"],
    "poodle": [
        "poodle", "caniche", "toy poodle", "贵宾", "贵宾犬", "泰迪", "chó poodle", "بودل",
    ],
    "beagle": ["beagle", "比格", "比格犬", "بيجل"],
    "dachshund": [
        "dachshund", "sausage dog", "wiener dog", "doxie", "salchicha", "perro salchicha",
        "腊肠犬", "腊肠", "chó lạp xưởng", "داشهند",
    ],
    "shih_tzu": ["shih tzu", "shihtzu", "shih-tzu", "西施犬", "西施", "شيتزو"],
    "yorkshire_terrier": ["yorkshire terrier", "yorkie", "yorkshire", "约克夏", "يوركشاير"],
    "bulldog": ["bulldog", "bull dog", "buldog", "斗牛犬", "chó mặt xệ", "بولدوج"],
    "boxer": ["boxer", "bóxer", "拳师犬", "بوكسر"],
    "rottweiler": ["rottweiler", "rottie", "罗威纳", "罗威纳犬", "chó rốt", "روت وايلر", "روتوايلر"],
    "border_collie": ["border collie", "collie", "边境牧羊犬", "边牧", "بوردر كولي"],
    "australian_shepherd": [
        "australian shepherd", "aussie", "pastor australiano", "澳洲牧羊犬", "الراعي الأسترالي",
    ],
    "corgi": ["corgi", "welsh corgi", "柯基", "柯基犬", "كورجي"],
    "pomeranian": ["pomeranian", "pom", "pomerania", "博美", "博美犬", "phốc sóc", "بوميرانيان"],
    "schnauzer": ["schnauzer", "雪纳瑞", "شناوزر"],
    "maltese": ["maltese", "maltés", "bichón maltés", "马尔济斯", "مالتيز"],
    "siamese": ["siamese", "siamés", "siames", "暹罗", "暹罗猫", "mèo xiêm", "xiêm", "سيامي"],
    "persian": ["persian", "persa", "波斯猫", "波斯", "mèo ba tư", "ba tư", "شيرازي", "فارسي"],
    "maine_coon": ["maine coon", "缅因猫", "缅因", "mèo maine coon", "ماين كون"],
    "domestic_shorthair": [
        "domestic shorthair", "domestic short hair", "dsh", "short hair", "shorthair",
        "pelo corto", "común europeo", "家猫", "中华田园猫", "mèo ta", "mèo lông ngắn",
        "قط بلدي", "شعر قصير",
    ],
    "domestic_longhair": [
        "domestic longhair", "domestic long hair", "dlh", "long hair", "longhair", "pelo largo",
        "长毛", "mèo lông dài", "شعر طويل",
    ],
}  # fmt: skip

# The parts of a pet and the marks people describe, in the five languages, so that "mancha
# blanca en el pecho" and "white patch on chest" share their words ("mark:patch", "mark:chest").
MARK_WORDS: dict[str, list[str]] = {
    "ear": ["ear", "ears", "eared", "oreja", "orejas", "oído", "耳", "耳朵", "tai", "أذن", "آذان"],
    "eye": ["eye", "eyes", "eyed", "ojo", "ojos", "眼", "眼睛", "mắt", "عين", "عيون", "عينين"],
    "tail": ["tail", "cola", "rabo", "尾", "尾巴", "đuôi", "ذيل"],
    "chest": ["chest", "breast", "pecho", "胸", "胸口", "胸前", "ngực", "صدر"],
    "leg": [
        "leg", "legs", "paw", "paws", "foot", "feet", "sock", "socks", "pata", "patas", "pierna",
        "calcetines", "腿", "爪", "爪子", "脚", "chân", "bàn chân", "قدم", "ساق", "مخلب", "كف",
    ],
    "nose": ["nose", "nariz", "hocico", "鼻", "鼻子", "mũi", "أنف"],
    "face": ["face", "cara", "rostro", "脸", "面部", "khuôn mặt", "وجه"],
    "muzzle": ["muzzle", "snout", "嘴", "嘴巴", "فم"],
    "neck": ["neck", "throat", "cuello", "garganta", "脖子", "颈", "喉咙", "cổ", "họng", "رقبة"],
    "scar": ["scar", "scars", "cicatriz", "cicatrices", "疤", "伤疤", "sẹo", "ندبة", "ندوب"],
    "patch": [
        "patch", "patches", "spot", "mark", "marking", "markings", "blaze", "mancha", "manchas",
        "斑", "斑块", "白斑", "mảng", "بقعة", "بقع", "علامة",
    ],
    "notch": ["notch", "notched", "nick", "muesca", "缺口", "豁口", "khuyết", "sứt", "شق", "قطع"],
    "limp": [
        "limp", "limps", "limping", "cojea", "cojo", "coja", "cojera", "瘸", "跛", "khập khiễng",
        "đi khập khiễng", "يعرج", "عرج",
    ],
    "blind": ["blind", "cloudy", "ciego", "ciega", "nublado", "nublados", "瞎", "失明", "mù",
              "đục", "أعمى", "عمياء"],
    "missing": ["missing", "docked", "stump", "cortado", "amputado", "短", "断", "مبتور"],
    "missing tail": ["cụt đuôi", "đuôi cụt", "bobtail", "rabón", "短尾"],
    "tooth": ["tooth", "teeth", "diente", "dientes", "牙", "牙齿", "răng", "سن", "أسنان"],
    "fluffy": ["fluffy", "long haired", "peludo", "esponjoso", "毛茸茸", "lông xù", "كثيف الفرو"],
    "tuft": ["tuft", "tufts", "tufted", "penacho", "mechones", "簇毛", "chùm lông", "خصلة"],
    "collar": ["collar", "collares", "项圈", "vòng cổ", "طوق", "قلادة"],
    "tag": ["tag", "tags", "placa", "chapa", "牌", "名牌", "狗牌", "thẻ tên", "بطاقة", "قلادة اسم"],
    "harness": ["harness", "arnés", "胸背带", "背带", "yếm", "dây yếm", "حزام", "طقم"],
}  # fmt: skip

# Words that say nothing about which pet this is, in the five languages: the kind of animal,
# "mixed", "unknown", "I don't know"; on top of the search engine's stop words.
NOTHING_WORDS = {
    fold(word)
    for word in """
    dog dogs cat cats pet puppy kitten animal breed mix mixed mutt unknown unsure none not sure
    idk n/a na very has have had with without left right one two some little maybe probably
    perro perra gato gata mascota cachorro gatito raza mezcla mestizo mestiza cruce no sé se sabe
    desconocido desconocida ninguno ninguna tiene tenía muy
    chó mèo con lai giống không biết rõ có một
    كلب كلبة قط قطة حيوان هجين مختلط غير معروف لا اعرف أعرف يوجد لديه لها
    """.split()
}
# Chinese is written without spaces: these are taken out of the text before it is read.
_NOTHING_CJK = ("不知道", "不详", "未知", "混血", "串串", "宠物", "小狗", "小猫", "狗", "猫", "有")
_STOP = {fold(word) for word in set().union(*STOP_WORDS.values())}


@dataclass(frozen=True)
class _Phrases:
    """A vocabulary ready to read text: spaced-script phrases by their first word, longest
    first; Chinese phrases (written without spaces), longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]
    cjk: list[tuple[str, tuple[str, ...]]]


def _phrases(*vocabularies: tuple[str, dict[str, list[str]]]) -> _Phrases:
    """Ready to read: each vocabulary's codes written with its prefix ("colour:grey")."""
    by_first: dict[str, list] = {}
    cjk: list = []
    for prefix, vocabulary in vocabularies:
        for code, phrases in vocabulary.items():
            codes = tuple(prefix + one for one in code.split())
            for phrase in phrases:
                folded = fold(phrase)
                if _CJK.search(folded):
                    cjk.append((folded, codes))
                    continue
                tokens = tuple(re.findall(r"[^\W_]+", folded))
                if tokens:
                    by_first.setdefault(tokens[0], []).append((tokens, codes))
    for entries in by_first.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    cjk.sort(key=lambda entry: -len(entry[0]))
    return _Phrases(by_first, cjk)


_COLOURS = _phrases(("", COLOUR_WORDS))
_BREEDS = _phrases(("breed:", BREED_WORDS))
_DESCRIPTIONS = _phrases(("colour:", COLOUR_WORDS), ("mark:", MARK_WORDS))
_EN = snowballstemmer.stemmer("english")
_AR = snowballstemmer.stemmer("arabic")


@lru_cache(maxsize=20_000)
def word_form(word: str) -> str:
    """One form of a folded word, whatever the report's language: Latin-script words without
    their plural and verb endings ("patches", "patch"; "orejas", "oreja"), Arabic words without
    their affixes; Chinese pairs and digits as they are."""
    if word.isdigit() or _CJK.search(word):
        return word
    if _ARABIC_SCRIPT.search(word):
        return _AR.stemWord(word)
    return _EN.stemWord(word) if len(word) > 3 else word


def _arabic_bare(token: str, known) -> str | None:
    """An Arabic word the vocabulary knows once a prefix is off ("والأبيض": "ابيض")."""
    for prefix in _ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) > len(prefix) + 2:
            bare = token[len(prefix) :]
            if bare in known:
                return bare
    return None


def _read(text: str, phrases: _Phrases) -> tuple[set[str], list[str]]:
    """The codes a text names, and its other words (folded, Chinese as pairs)."""
    folded = fold(text or "")
    codes: set[str] = set()
    for phrase, phrase_codes in phrases.cjk:
        if phrase in folded:
            codes.update(phrase_codes)
            folded = folded.replace(phrase, " ")
    tokens = words(folded)
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        candidates = phrases.by_first.get(token) or phrases.by_first.get(word_form(token))
        if candidates is None and _ARABIC_SCRIPT.search(token):
            bare = _arabic_bare(token, phrases.by_first)
            candidates = phrases.by_first.get(bare) if bare else None
        for phrase, phrase_codes in candidates or ():
            following = tokens[i + 1 : i + len(phrase)]
            if tuple(following) == phrase[1:]:
                codes.update(phrase_codes)
                i += len(phrase)
                break
        else:
            rest.append(token)
            i += 1
    return codes, rest


def colours_read(text: str) -> set[str]:
    """The colour codes a text names ("gris y blanco" -> {"grey", "white"})."""
    return _read(text, _COLOURS)[0]


COLOUR_CODES = frozenset(code for key in COLOUR_WORDS for code in key.split())


def colours_of(values) -> frozenset[str]:
    """Colour codes from what a report holds: codes chosen from ``vocabulary.Colour``, or words
    typed."""
    codes: set[str] = set()
    for value in values or ():
        value = str(value or "").strip()
        if value in COLOUR_CODES:
            codes.add(value)
        elif value:
            codes |= colours_read(value)
    return frozenset(codes)


def _meaningful(tokens: list[str]) -> list[str]:
    return [
        word_form(token)
        for token in tokens
        if token not in NOTHING_WORDS
        and token not in _STOP
        and (len(token) > 1 or token.isdigit() or _CJK.search(token))
    ]


def _without_nothing_cjk(text: str) -> str:
    for phrase in _NOTHING_CJK:
        text = text.replace(phrase, " ")
    return text


@lru_cache(maxsize=1)
def _breed_single_words() -> dict[str, str]:
    return {
        tokens[0]: codes[0]
        for entries in _BREEDS.by_first.values()
        for tokens, codes in entries
        if len(tokens) == 1 and len(tokens[0]) >= 5
    }


def _breed_mistyped(word: str) -> str | None:
    """The breed a mistyped word names ("chihuaua", "rotweiler"), as the search engine allows
    typos (one edit from 4 letters, two from 8; the first letter kept)."""
    limit = allowed_edits(word)
    if not limit:
        return None
    for known, code in _breed_single_words().items():
        if known[0] == word[0] and edit_distance(word, known, limit) <= limit:
            return code
    return None


@lru_cache(maxsize=20_000)
def breed_terms(text: str) -> frozenset[str]:
    """What a breed as typed says: the breeds named, as ``breed:<code>``, and the other words
    ("black lab mix" -> {"breed:labrador", "black"}); "unknown", "mixed" and the like say
    nothing."""
    codes, rest = _read(_without_nothing_cjk(fold(text or "")), _BREEDS)
    words_left = []
    for word in rest:
        code = _breed_mistyped(word) if not _CJK.search(word) else None
        if code:
            codes.add(code)
        else:
            words_left.append(word)
    return frozenset(codes | set(_meaningful(words_left)))


@lru_cache(maxsize=20_000)
def description_terms(text: str) -> frozenset[str]:
    """The words of a free description (marks, collar and tag) that can be compared: colours and
    marks as their codes, ``colour:<code>`` and ``mark:<code>`` ("mancha blanca" and "white
    patch" are {"colour:white", "mark:patch"}), the other words in one form, stop words out."""
    codes, rest = _read(_without_nothing_cjk(fold(text or "")), _DESCRIPTIONS)
    return frozenset(codes | set(_meaningful(rest)))
