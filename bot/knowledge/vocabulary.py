"""The closed lists the validator checks against, and their display names.

One source of truth for hadith collections, gradings, initiative kinds, country codes
and length limits, shared by the loader (to reject unknown values) and the renderer
(to print names a reader recognises).
"""

from __future__ import annotations

ANSWER_MAX_CHARS = 3_500  # one Telegram message (4,096) with room for the draft marker
COUNTER_MESSAGE_MAX_CHARS = 600
MIN_PHRASINGS_PER_LANG = 3

# collection slug -> (English name, Arabic name)
HADITH_COLLECTIONS: dict[str, tuple[str, str]] = {
    "bukhari": ("Sahih al-Bukhari", "صحيح البخاري"),
    "muslim": ("Sahih Muslim", "صحيح مسلم"),
    "abu-dawud": ("Sunan Abi Dawud", "سنن أبي داود"),
    "tirmidhi": ("Jami' al-Tirmidhi", "جامع الترمذي"),
    "nasai": ("Sunan al-Nasa'i", "سنن النسائي"),
    "ibn-majah": ("Sunan Ibn Majah", "سنن ابن ماجه"),
    "ahmad": ("Musnad Ahmad", "مسند أحمد"),
    "malik": ("Muwatta Malik", "موطأ مالك"),
    "darimi": ("Sunan al-Darimi", "سنن الدارمي"),
    "bayhaqi": ("al-Sunan al-Kubra of al-Bayhaqi", "السنن الكبرى للبيهقي"),
    "tabarani": ("al-Mu'jam al-Kabir of al-Tabarani", "المعجم الكبير للطبراني"),
    "hakim": ("al-Mustadrak of al-Hakim", "المستدرك على الصحيحين للحاكم"),
    "ibn-hibban": ("Sahih Ibn Hibban", "صحيح ابن حبان"),
}

# grade slug -> (English, Arabic)
HADITH_GRADES: dict[str, tuple[str, str]] = {
    "sahih": ("sahih", "صحيح"),
    "hasan": ("hasan", "حسن"),
    "daif": ("da'if, weak", "ضعيف"),
    "sahih-li-ghayrihi": ("sahih li-ghayrihi", "صحيح لغيره"),
    "hasan-li-ghayrihi": ("hasan li-ghayrihi", "حسن لغيره"),
}

INITIATIVE_KINDS = ("counselling", "youth_programme", "exit_rehabilitation", "helpline", "resource")

# ISO 3166-1 alpha-2 (officially assigned codes); "*" means international.
_ISO_3166_ALPHA_2 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
"""
COUNTRY_CODES = frozenset(_ISO_3166_ALPHA_2.split())
INTERNATIONAL = "*"

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_digits(text: object) -> str:
    """Write Western digits as Arabic-Indic ones, as Arabic citations customarily do."""
    return str(text).translate(_ARABIC_INDIC)
