//! Every citizen-facing wording the portal builds itself, in zh-CN and en-US.
//! (The catalogue's own wording is seed data.) Chinese literals live only here.

use time::Date;

use crate::core::model::Text;

fn pair(zh: String, en: String) -> Text {
    Text::from_pairs([("zh-CN", zh.as_str()), ("en-US", en.as_str())])
}

/// `2026年12月15日`.
pub fn zh_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
}

/// `15 December 2026`.
pub fn en_date(d: Date) -> String {
    format!("{} {} {}", d.day(), d.month(), d.year())
}

pub fn pension_check_due(due: Date, overdue: bool) -> Text {
    let (zh, en) = (zh_date(due), en_date(due));
    if overdue {
        pair(
            format!("您的养老金资格认证已经在{zh}到期了，今天就可以在这里办，几分钟就好。"),
            format!(
                "Your yearly pension check was due on {en}. You can do it here today; it takes a few minutes."
            ),
        )
    } else {
        pair(
            format!("您的养老金资格认证要在{zh}前办，今天就可以在这里办，几分钟就好。"),
            format!(
                "Your yearly pension check is due by {en}. You can do it here today; it takes a few minutes."
            ),
        )
    }
}

pub fn supplement_needed(matter: &Text, case_no: &str, note: Option<&Text>) -> Text {
    let (zh_note, en_note) = match note {
        Some(n) => (n.get("zh-CN").to_owned(), n.get("en-US").to_owned()),
        None => (
            "请到窗口问一下还差什么材料。".to_owned(),
            "Please ask at a window what is still missing.".to_owned(),
        ),
    };
    pair(
        format!("您办的“{}”（办件编号{case_no}）还要补交材料。{zh_note}", matter.get("zh-CN")),
        format!("Your case “{}” ({case_no}) needs more documents. {en_note}", matter.get("en-US")),
    )
}

pub fn newly_eligible_allowance(age: u32) -> Text {
    pair(
        format!("您今年{age}岁了，可以申领高龄津贴，每个月发到您的卡上。现在就可以申请。"),
        format!(
            "You are {age} now and can receive the old-age allowance every month. You can apply right now."
        ),
    )
}

pub fn verification_passed(next_due: Date) -> Text {
    pair(
        format!("认证通过了，养老金照常发放。下次认证请在{}前办理。", zh_date(next_due)),
        format!(
            "The check is passed and your pension is paid as usual. Your next check is due by {}.",
            en_date(next_due)
        ),
    )
}

pub fn verification_timeline_note() -> Text {
    pair("自助终端认证通过".to_owned(), "Check passed at the self-service kiosk".to_owned())
}

pub fn submitted_timeline_note() -> Text {
    pair("自助终端提交".to_owned(), "Submitted at the self-service kiosk".to_owned())
}

// Record print (参保缴费证明).

pub fn record_title() -> Text {
    pair("社会保险参保缴费证明".to_owned(), "Social insurance contribution record".to_owned())
}

pub fn record_summary(rows: usize, start: i64, end: i64) -> Text {
    if rows == 0 {
        pair(
            format!("{start}年到{end}年没有查到缴费记录。"),
            format!("No contributions were found from {start} to {end}."),
        )
    } else {
        pair(
            format!("{start}年到{end}年，一共查到{rows}条缴费记录。"),
            format!("{rows} contribution records were found from {start} to {end}."),
        )
    }
}

pub fn record_columns() -> [(&'static str, Text); 5] {
    [
        ("year", pair("年度".into(), "Year".into())),
        ("type", pair("险种".into(), "Insurance".into())),
        ("months", pair("缴费月数".into(), "Months paid".into())),
        ("base", pair("缴费基数（元）".into(), "Base (CNY)".into())),
        ("employer", pair("参保单位".into(), "Employer".into())),
    ]
}

pub fn record_line(year: i64, insurance: &str, months: i64, base: &str, employer: &str) -> Text {
    pair(
        format!("{year}年  {insurance}  缴费{months}个月  基数{base}元  {employer}"),
        format!("{year}  {insurance}  {months} months  base {base} CNY  {employer}"),
    )
}

pub fn record_range_line(insurance: &Text, start: i64, end: i64) -> Text {
    pair(
        format!("险种：{}    年度：{start}年至{end}年", insurance.get("zh-CN")),
        format!("Insurance: {}    Years: {start} to {end}", insurance.get("en-US")),
    )
}

// Pension payments (养老金发放).

pub fn payments_title() -> Text {
    pair("养老金发放记录".to_owned(), "Pension payments".to_owned())
}

pub fn payments_summary(months: i64, count: usize, total: &str, latest: Option<(&str, &str)>) -> Text {
    match latest {
        Some((month, amount)) if count > 0 => pair(
            format!("最近{months}个月发了{count}次养老金，一共{total}元。最近一次是{month}，{amount}元。"),
            format!(
                "In the last {months} months your pension was paid {count} times, {total} CNY in all. The latest, for {month}, was {amount} CNY."
            ),
        ),
        _ => pair(
            format!("最近{months}个月没有查到养老金发放记录。"),
            format!("No pension payments were found in the last {months} months."),
        ),
    }
}

pub fn payments_columns() -> [(&'static str, Text); 3] {
    [
        ("month", pair("月份".into(), "Month".into())),
        ("amount", pair("金额（元）".into(), "Amount (CNY)".into())),
        ("bank", pair("发放银行".into(), "Bank".into())),
    ]
}

pub fn payment_line(month: &str, amount: &str, bank_zh: &str, bank_en: &str, last4: &str) -> Text {
    pair(
        format!("{month}  {amount}元  {bank_zh}（尾号{last4}）"),
        format!("{month}  {amount} CNY  {bank_en} (ending {last4})"),
    )
}

/// The bank as shown in a row: name and last four digits only.
pub fn bank_cell(bank_zh: &str, last4: &str) -> String {
    format!("{bank_zh}（尾号{last4}）")
}

// Lines every printed document starts with.

pub fn document_person_lines(name_masked: &str, id_masked: &str, issued: Date) -> Vec<Text> {
    vec![
        pair(format!("姓名：{name_masked}"), format!("Name: {name_masked}")),
        pair(format!("公民身份号码：{id_masked}"), format!("ID number: {id_masked}")),
        pair(format!("打印日期：{}", zh_date(issued)), format!("Printed on: {}", en_date(issued))),
    ]
}

pub fn document_verification_line(code: &str) -> Text {
    pair(
        format!("验证码：{code}（可在政务服务网核验本证明真伪）"),
        format!("Verification code: {code} (check this document on the government service portal)"),
    )
}
