//! Unit tests of `validate` (a file of their own: the rules file stays short).

use super::*;
use time::macros::date;

const TODAY: Date = date!(2025 - 06 - 15);

#[test]
fn hand_computed_check_digit() {
    // 11010519491231002X, computed by hand:
    // digits  1 1  0 1 0 5 1 9 4 9 1 2  3 1 0 0 2
    // weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167
    // 167 mod 11 = 2 -> "10X98765432"[2] = 'X'
    assert_eq!(167 % 11, 2);
    assert_eq!(id_check_char("11010519491231002"), Some('X'));
    let id = IdNumber::parse("11010519491231002X", TODAY).unwrap();
    assert_eq!(id.as_str(), "11010519491231002X");
    assert_eq!(id.birth_date(), date!(1949 - 12 - 31));
    assert_eq!(id.region_code(), "110105");
    assert!(!id.is_male()); // 17th digit 2 is even
    assert_eq!(id.age_on(TODAY), 75);
    assert_eq!(id.to_string(), "11010519491231002X");
}

#[test]
fn independent_check_digit_computation() {
    // Independent reference: the standard formula 12 - (sum mod 11), mod 11,
    // with 10 rendered as 'X'.
    fn reference(first17: &str) -> char {
        let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = first17.chars().zip(w).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
        match (12 - sum % 11) % 11 {
            10 => 'X',
            n => char::from_digit(n, 10).unwrap(),
        }
    }
    for first17 in [
        "11010519491231002",
        "44030419900101123",
        "32010619850615345",
        "81000019991231001",
        "83000020000229002",
        "65010220101010999",
    ] {
        assert_eq!(id_check_char(first17), Some(reference(first17)), "{first17}");
    }
}

#[test]
fn id_check_char_rejects_bad_input() {
    assert_eq!(id_check_char(""), None);
    assert_eq!(id_check_char("1101051949123100"), None);
    assert_eq!(id_check_char("110105194912310021"), None);
    assert_eq!(id_check_char("1101051949123100a"), None);
    assert_eq!(id_check_char("１１０１０５１９４９１２３１００２"), None);
}

#[test]
fn lower_case_x_normalised_and_trimmed() {
    let id = IdNumber::parse("  11010519491231002x\n", TODAY).unwrap();
    assert_eq!(id.as_str(), "11010519491231002X");
}

#[test]
fn demo_ids_are_valid() {
    let id = demo_id("440304", "19900101", "123");
    assert_eq!(id.len(), 18);
    let parsed = IdNumber::parse(&id, TODAY).unwrap();
    assert!(parsed.is_male()); // 3 is odd
    assert_eq!(parsed.birth_date(), date!(1990 - 01 - 01));
    assert_eq!(demo_id("110105", "19491231", "002"), "11010519491231002X");
    // Malformed parts are returned unchanged.
    assert_eq!(demo_id("11010", "1949", "1"), "1101019491");
}

#[test]
fn id_problems_each_reachable() {
    let p = |s: &str| IdNumber::parse(s, TODAY).unwrap_err();
    assert_eq!(p(""), Problem::Missing);
    assert_eq!(p("   "), Problem::Missing);
    assert_eq!(p("11010519491231002"), Problem::WrongLength);
    assert_eq!(p("11010519491231002X1"), Problem::WrongLength);
    assert_eq!(p("1101051949123100X2"), Problem::NotDigits);
    assert_eq!(p("11010519491231002Y"), Problem::NotDigits);
    assert_eq!(p("1101051949123100２X"), Problem::NotDigits);
    assert_eq!(p("11010519491231002张"), Problem::NotDigits);
    // Region: 00, 16, 99 prefixes and 000000.
    assert_eq!(p(&demo_id("000000", "19491231", "002")), Problem::BadRegion);
    assert_eq!(p(&demo_id("160101", "19491231", "002")), Problem::BadRegion);
    assert_eq!(p(&demo_id("990101", "19491231", "002")), Problem::BadRegion);
    // Birth date problems.
    assert_eq!(p(&demo_id("110105", "19491332", "002")), Problem::BadBirthDate);
    assert_eq!(p(&demo_id("110105", "18991231", "002")), Problem::BadBirthDate);
    assert_eq!(p(&demo_id("110105", "20250616", "002")), Problem::BadBirthDate);
    // Check digit.
    assert_eq!(p("110105194912310021"), Problem::BadCheckDigit);
}

#[test]
fn id_check_order() {
    // Bad region and bad check digit: region is reported first.
    assert_eq!(IdNumber::parse("990105194912310021", TODAY), Err(Problem::BadRegion));
    // Bad birth date and bad check digit: birth date first.
    assert_eq!(IdNumber::parse("110105194913310021", TODAY), Err(Problem::BadBirthDate));
}

#[test]
fn residence_permit_prefixes_valid_in_ids() {
    for r in ["810000", "820000", "830000", "710101", "650102", "540101"] {
        let id = demo_id(r, "19991231", "001");
        assert!(IdNumber::parse(&id, TODAY).is_ok(), "{id}");
    }
}

#[test]
fn feb_29_leap_and_non_leap() {
    let leap = demo_id("110105", "20000229", "002");
    let id = IdNumber::parse(&leap, TODAY).unwrap();
    assert_eq!(id.birth_date(), date!(2000 - 02 - 29));
    // Completes a year on 1 March in non-leap years.
    assert_eq!(id.age_on(date!(2001 - 02 - 28)), 0);
    assert_eq!(id.age_on(date!(2001 - 03 - 01)), 1);
    assert_eq!(id.age_on(date!(2004 - 02 - 28)), 3);
    assert_eq!(id.age_on(date!(2004 - 02 - 29)), 4);
    assert_eq!(id.age_on(date!(1999 - 01 - 01)), 0);

    let non_leap = demo_id("110105", "19000229", "002"); // 1900 is not a leap year
    assert_eq!(IdNumber::parse(&non_leap, TODAY), Err(Problem::BadBirthDate));
    let non_leap = demo_id("110105", "20230229", "002");
    assert_eq!(IdNumber::parse(&non_leap, TODAY), Err(Problem::BadBirthDate));
}

#[test]
fn birth_today_ok_tomorrow_not() {
    let today = demo_id("110105", "20250615", "002");
    let id = IdNumber::parse(&today, TODAY).unwrap();
    assert_eq!(id.age_on(TODAY), 0);
    let tomorrow = demo_id("110105", "20250616", "002");
    assert_eq!(IdNumber::parse(&tomorrow, TODAY), Err(Problem::BadBirthDate));
    let year_1900 = demo_id("110105", "19000101", "002");
    assert!(IdNumber::parse(&year_1900, TODAY).is_ok());
}

#[test]
fn age_completed_years() {
    let id = IdNumber::parse(&demo_id("320106", "19850615", "345"), TODAY).unwrap();
    assert!(id.is_male()); // 17th digit 5 is odd
    assert_eq!(id.age_on(date!(2025 - 06 - 14)), 39);
    assert_eq!(id.age_on(date!(2025 - 06 - 15)), 40);
    let f = IdNumber::parse(&demo_id("320106", "19850615", "344"), TODAY).unwrap();
    assert!(!f.is_male());
}

#[test]
fn luhn() {
    assert!(luhn_ok("4111111111111111"));
    assert!(!luhn_ok("4111111111111112"));
    // 6222020200112233445 by hand, doubling every second digit from the right:
    // 5 + 8 + 4 + 6 + 3 + 4 + 2 + 2 + 1 + 0 + 0 + 4 + 0 + 4 + 0 + 4 + 2 + 4 + 6 = 59 -> invalid;
    // without the check digit the sum is 54, so the valid check digit is 6.
    assert!(!luhn_ok("6222020200112233445"));
    assert!(luhn_ok("6222020200112233446"));
    assert!(luhn_ok("79927398713"));
    assert!(luhn_ok("0"));
    assert!(!luhn_ok(""));
    assert!(!luhn_ok("4111 1111 1111 1111"));
    assert!(!luhn_ok("411111111111111a"));
}

#[test]
fn bank_accounts() {
    assert_eq!(bank_account("4111 1111 1111 1111").unwrap(), "4111111111111111");
    assert_eq!(bank_account("6222020200112233446").unwrap(), "6222020200112233446");
    assert_eq!(bank_account(""), Err(Problem::Missing));
    assert_eq!(bank_account("  "), Err(Problem::Missing));
    assert_eq!(bank_account("4111-1111-1111-1111"), Err(Problem::NotDigits));
    assert_eq!(bank_account("79927398713"), Err(Problem::WrongLength));
    assert_eq!(bank_account("62220202001122334461"), Err(Problem::WrongLength));
    assert_eq!(bank_account("6222020200112233445"), Err(Problem::BadLuhn));
}

#[test]
fn phones() {
    assert_eq!(phone("13800138000").unwrap(), "13800138000");
    assert_eq!(phone(" 138-0013-8000 ").unwrap(), "13800138000");
    assert_eq!(phone("199 1234 5678").unwrap(), "19912345678");
    assert_eq!(phone(""), Err(Problem::Missing));
    assert_eq!(phone(" - "), Err(Problem::Missing));
    assert_eq!(phone("1380013800a"), Err(Problem::NotDigits));
    assert_eq!(phone("+8613800138000"), Err(Problem::NotDigits));
    assert_eq!(phone("12800138000"), Err(Problem::BadPhone));
    assert_eq!(phone("23800138000"), Err(Problem::BadPhone));
    assert_eq!(phone("1380013800"), Err(Problem::BadPhone));
    assert_eq!(phone("138001380001"), Err(Problem::BadPhone));
}

#[test]
fn regions() {
    assert_eq!(region("110105").unwrap(), "110105");
    assert_eq!(region(" 820000 ").unwrap(), "820000");
    for ok in ["150000", "210000", "230000", "370000", "460000", "500000"] {
        assert!(region(ok).is_ok(), "{ok}");
    }
    for ok in ["540000", "610000", "650000", "710000", "810000"] {
        assert!(region(ok).is_ok(), "{ok}");
    }
    for bad in ["000000", "100000", "160000", "240000", "470000", "550000"] {
        assert_eq!(region(bad), Err(Problem::BadRegion), "{bad}");
    }
    for bad in ["660000", "720000", "830000", "900000"] {
        assert_eq!(region(bad), Err(Problem::BadRegion), "{bad}");
    }
    assert_eq!(region(""), Err(Problem::Missing));
    assert_eq!(region("11010"), Err(Problem::WrongLength));
    assert_eq!(region("1101055"), Err(Problem::WrongLength));
    assert_eq!(region("11o105"), Err(Problem::NotDigits));
}

#[test]
fn dates() {
    assert_eq!(date("2024-02-29").unwrap(), date!(2024 - 02 - 29));
    assert_eq!(date(" 1999-12-31 ").unwrap(), date!(1999 - 12 - 31));
    assert_eq!(date(""), Err(Problem::Missing));
    assert_eq!(date("2023-02-29"), Err(Problem::BadDate));
    assert_eq!(date("2024-13-01"), Err(Problem::BadDate));
    assert_eq!(date("2024-00-10"), Err(Problem::BadDate));
    assert_eq!(date("2024-04-31"), Err(Problem::BadDate));
    assert_eq!(date("2024-4-1"), Err(Problem::BadDate));
    assert_eq!(date("2024/04/01"), Err(Problem::BadDate));
    assert_eq!(date("20240401"), Err(Problem::BadDate));
    assert_eq!(date("+024-04-01"), Err(Problem::BadDate));
    assert_eq!(date("２０２４-04-01"), Err(Problem::BadDate));
}

#[test]
fn dates_in_range() {
    let lo = Some(date!(2000 - 01 - 01));
    let hi = Some(TODAY);
    assert_eq!(date_in_range("2025-06-15", lo, hi).unwrap(), date!(2025 - 06 - 15));
    assert_eq!(date_in_range("2025-06-16", lo, hi), Err(Problem::FutureDate));
    assert_eq!(date_in_range("1999-12-31", lo, hi), Err(Problem::PastDate));
    assert_eq!(date_in_range("1999-02-30", lo, hi), Err(Problem::BadDate));
    assert!(date_in_range("1000-01-01", None, None).is_ok());
}

#[test]
fn numbers() {
    assert_eq!(number("42", None, None), Ok(42));
    assert_eq!(number(" -7 ", Some(-10), Some(10)), Ok(-7));
    assert_eq!(number("+5", Some(5), Some(5)), Ok(5));
    assert_eq!(number("", None, None), Err(Problem::Missing));
    assert_eq!(number("4.2", None, None), Err(Problem::NotANumber));
    assert_eq!(number("abc", None, None), Err(Problem::NotANumber));
    assert_eq!(number("1 000", None, None), Err(Problem::NotANumber));
    assert_eq!(number("0", Some(1), None), Err(Problem::TooSmall));
    assert_eq!(number("11", None, Some(10)), Err(Problem::TooLarge));
    assert_eq!(number("99999999999999999999", None, None), Err(Problem::TooLarge));
    assert_eq!(number("-99999999999999999999", None, None), Err(Problem::TooSmall));
}

#[test]
fn texts_choices_confirmations() {
    assert_eq!(text("  王小明  ", 4).unwrap(), "王小明");
    assert_eq!(text("𠮷野家", 3).unwrap(), "𠮷野家");
    assert_eq!(text("𠮷野家!", 3), Err(Problem::TooLong));
    assert_eq!(text("  ", 3), Err(Problem::Missing));
    assert_eq!(choice("b", &["a", "b"]).unwrap(), "b");
    assert_eq!(choice("c", &["a", "b"]), Err(Problem::NotAChoice));
    assert_eq!(choice("", &["a", "b"]), Err(Problem::Missing));
    assert_eq!(confirmed(true), Ok(()));
    assert_eq!(confirmed(false), Err(Problem::NotConfirmed));
}

#[test]
fn problem_codes_and_message_ids() {
    assert_eq!(Problem::BadCheckDigit.code(), "bad_check_digit");
    assert_eq!(Problem::BadCheckDigit.message_id(), "problem-bad-check-digit");
    assert_eq!(Problem::NotANumber.code(), "not_a_number");
    assert_eq!(Problem::NotAChoice.message_id(), "problem-not-a-choice");
    let mut codes = std::collections::HashSet::new();
    for p in Problem::ALL {
        // The message id is the kebab-case form of the code.
        let kebab = format!("problem-{}", p.code().replace('_', "-"));
        assert_eq!(p.message_id(), kebab);
        // The code is the snake_case form of the variant name.
        let debug = format!("{p:?}");
        let mut snake = String::new();
        for (i, c) in debug.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            } else {
                snake.push(c);
            }
        }
        assert_eq!(p.code(), snake);
        assert!(codes.insert(p.code()));
        assert!(!p.to_string().is_empty());
    }
    assert_eq!(codes.len(), Problem::ALL.len());
}
