//! The few words the spoken forms need, in both languages. They are part of the forms'
//! rules (not interface text), so they live here rather than in the Fluent locales.

/// Digit names for saying a string digit by digit (years, codes, phone numbers).
/// Zero is `〇`, the digit form GB/T 15835 uses for years (二〇二六年); espeak-ng reads
/// `〇` and `零` alike (`l'i35N`). One is `一`, not the telephone `幺`: it is what the
/// citizen reads on the printout, and espeak-ng keeps it level-toned in a run (`j'i55`).
pub const ZH_DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
/// Zero inside a cardinal number (一千零五, 一元零五分).
pub const ZH_ZERO: &str = "零";
/// Two directly before a measure word or as the first digit before 千/万/亿 (两元, 两千).
pub const ZH_TWO_QUANTITY: &str = "两";
/// Place units within a four-digit section: ones, tens, hundreds, thousands.
pub const ZH_PLACES: [&str; 4] = ["", "十", "百", "千"];
/// Ten thousand and a hundred million; larger numbers count 亿 (一万二千三百四十五亿).
pub const ZH_WAN: &str = "万";
pub const ZH_YI: &str = "亿";
/// Minus before a negative amount.
pub const ZH_NEGATIVE: &str = "负";
/// Money units: yuan, jiao (a tenth), fen (a hundredth).
pub const ZH_YUAN: &str = "元";
pub const ZH_JIAO: &str = "角";
pub const ZH_FEN: &str = "分";
/// Date units.
pub const ZH_YEAR: &str = "年";
pub const ZH_MONTH: &str = "月";
pub const ZH_DAY: &str = "日";
/// Before a year before the common era.
pub const ZH_BCE: &str = "公元前";
/// After a count of working days.
pub const ZH_WORKING_DAYS: &str = "个工作日";
/// Between the groups of a code or number: espeak-ng ends a clause at `，` (the `-x` output
/// starts a new line) and pauses about 0.16 s; a space gives no pause at all.
pub const ZH_GROUP_PAUSE: &str = "，";

/// Between the groups of a code or number: a clause break with a pause of about 0.3 s.
pub const EN_GROUP_PAUSE: &str = ", ";
pub const EN_NEGATIVE: &str = "minus ";
pub const EN_YUAN: &str = "yuan";
pub const EN_BCE: &str = "BC";
pub const EN_WORKING_DAY: &str = "working day";
pub const EN_WORKING_DAYS: &str = "working days";
/// espeak-ng's English voice reads a lone `A` followed by another word as the article
/// (`a#`); a trailing hyphen makes it say the letter (`'eI`) without a pause.
pub const EN_LETTER_A_BEFORE_MORE: &str = "A-";
pub const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Ordinal words 1–19 (index 0 unused): the English voice reads "December 15" as
/// "December fifteen", so days are written as words.
pub const EN_ORDINALS: [&str; 20] = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
/// Tens for days 20–31: the round ordinal, and the prefix before a ones ordinal.
pub const EN_TENS_ORDINAL: [&str; 2] = ["twentieth", "thirtieth"];
pub const EN_TENS_PREFIX: [&str; 2] = ["twenty-", "thirty-"];
