//! The cash award (tiền thưởng) that comes with a form: a coefficient of the base salary
//! (mức lương cơ sở) in force on the decision's date, rounded **up** to the next 10,000 đồng
//! ("được làm tròn số lên hàng chục nghìn đồng"). The coefficients, the decrees they come
//! from and the base salaries are data (`assets/awards/cash.toml`), each rate with its
//! article; a decision may override the amount (an issuer gives more from its own fund, or
//! none).

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::kinds::{AwardForm, IssuerLevel, RecipientKind};
use super::programme::CeremonyDecision;
use super::text::fold;

/// The amounts are rounded up to a multiple of this.
pub const ROUNDING: i64 = 10_000;
/// The largest amount a decision may set (a Huân chương Sao vàng to a collective at a
/// base salary ten times today's is far below it).
pub const MAX_AMOUNT: i64 = 100_000_000_000;

const DATA: &str = include_str!("../../assets/awards/cash.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    base_salary: Vec<BaseSalary>,
    decree: Vec<Decree>,
    rate: Vec<RateRow>,
}

/// A base salary and the day it took effect.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BaseSalary {
    pub from: NaiveDate,
    pub amount: i64,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Decree {
    code: String,
    /// The day it was signed, as the grounds of a decision cite it.
    dated: Option<NaiveDate>,
    from: NaiveDate,
    rounding: String,
}

/// A decree of the table, as a decision's grounds cite it.
#[derive(Debug, Clone, Copy)]
pub struct DecreeRef {
    pub code: &'static str,
    pub dated: Option<NaiveDate>,
}

/// The decree on emulation and commendation in force on `day`, among those held.
pub fn decree_on(day: NaiveDate) -> Option<DecreeRef> {
    let d = table().decrees.iter().rev().find(|d| d.from <= day)?;
    Some(DecreeRef {
        code: &d.code,
        dated: d.dated,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateRow {
    decree: String,
    form: String,
    #[serde(default)]
    levels: Vec<String>,
    #[serde(default)]
    issuer: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
    individual: Option<f64>,
    collective: Option<f64>,
    article: String,
    #[serde(default = "yes")]
    checked: bool,
}

fn yes() -> bool {
    true
}

/// The rates as read and checked once.
struct Table {
    salaries: Vec<BaseSalary>,
    decrees: Vec<Decree>,
    rates: Vec<Rate>,
}

struct Rate {
    decree: usize,
    form: AwardForm,
    levels: Vec<IssuerLevel>,
    issuer: Vec<String>,
    titles: Vec<String>,
    /// Hundredths: 0.15 × is 15.
    individual: Option<i64>,
    collective: Option<i64>,
    article: String,
    checked: bool,
}

/// A coefficient in hundredths, which every rate of the law is a whole number of.
fn hundredths(x: f64, what: &str) -> Result<i64, String> {
    let h = (x * 100.0).round();
    if (h - x * 100.0).abs() > 1e-6 || !(0.0..=100_000.0).contains(&h) {
        return Err(format!("{what}: {x} is not a coefficient in hundredths"));
    }
    Ok(h as i64)
}

fn read(text: &str) -> Result<Table, String> {
    let data: Data = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut salaries = data.base_salary;
    salaries.sort_by_key(|s| s.from);
    let mut decrees = data.decree;
    decrees.sort_by_key(|d| d.from);
    let mut rates = Vec::new();
    for (i, r) in data.rate.into_iter().enumerate() {
        let what = format!("rate {} ({} {})", i + 1, r.decree, r.form);
        let decree = decrees
            .iter()
            .position(|d| d.code == r.decree)
            .ok_or_else(|| format!("{what}: no decree {}", r.decree))?;
        let form = AwardForm::from_code(&r.form).ok_or_else(|| format!("{what}: no form"))?;
        let levels = r
            .levels
            .iter()
            .map(|l| IssuerLevel::from_code(l).ok_or_else(|| format!("{what}: level {l}")))
            .collect::<Result<_, _>>()?;
        if r.individual.is_none() && r.collective.is_none() {
            return Err(format!("{what}: neither individual nor collective"));
        }
        rates.push(Rate {
            decree,
            form,
            levels,
            issuer: r.issuer.iter().map(|w| fold(w)).collect(),
            titles: r.titles.iter().map(|w| fold(w)).collect(),
            individual: r.individual.map(|x| hundredths(x, &what)).transpose()?,
            collective: r.collective.map(|x| hundredths(x, &what)).transpose()?,
            article: r.article,
            checked: r.checked,
        });
    }
    Ok(Table {
        salaries,
        decrees,
        rates,
    })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| read(DATA).expect("assets/awards/cash.toml is valid (tested)"))
}

/// Every base salary, oldest first.
pub fn base_salaries() -> &'static [BaseSalary] {
    &table().salaries
}

/// The base salary in force on `day`.
pub fn base_salary_on(day: NaiveDate) -> Option<&'static BaseSalary> {
    table().salaries.iter().rev().find(|s| s.from <= day)
}

/// `coefficient` (in hundredths) × `base`, rounded up to the next [`ROUNDING`].
pub fn rounded_up(coefficient: i64, base: i64) -> i64 {
    let exact = coefficient * base; // in hundredths of a đồng
    let step = ROUNDING * 100;
    (exact + step - 1).div_euclid(step) * ROUNDING
}

/// What an award is worth, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Cash {
    /// In đồng.
    pub amount: i64,
    /// Where the amount comes from.
    pub basis: Basis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// The decree's coefficient × the base salary of the decision's date.
    Decree {
        decree: String,
        article: String,
        /// Hundredths of the base salary (0.3 × is 30).
        coefficient: i64,
        base_salary: i64,
        /// The article's number read in the decree's own text (see the data's `checked`).
        checked: bool,
    },
    /// Set on the decision.
    Decision,
}

/// What is known of an award to price it.
pub struct Award<'a> {
    pub form: &'a str,
    pub title_name: Option<&'a str>,
    pub issuer_name: &'a str,
    pub issuer_level: &'a str,
    pub decided_on: NaiveDate,
}

/// The cash award of one recipient of `kind` by the decree in force on the decision's
/// date; None when no rate applies (a decision before the decrees held, a form without
/// cash, a title of the other kind of recipient).
pub fn by_decree(award: &Award<'_>, kind: RecipientKind) -> Option<Cash> {
    let t = table();
    let decree = t.decrees.iter().rposition(|d| d.from <= award.decided_on)?;
    let base = base_salary_on(award.decided_on)?;
    let form = AwardForm::from_code(award.form)?;
    let level = IssuerLevel::from_code(award.issuer_level);
    let issuer = fold(award.issuer_name);
    let title = award.title_name.map(fold).unwrap_or_default();
    let starts = |prefix: &String| title == *prefix || title.starts_with(&format!("{prefix} "));
    let rate = t.rates.iter().find(|r| {
        r.decree == decree
            && r.form == form
            && (r.levels.is_empty() || level.is_some_and(|l| r.levels.contains(&l)))
            && (r.issuer.is_empty() || r.issuer.iter().any(|w| issuer.contains(w.as_str())))
            && (r.titles.is_empty() || r.titles.iter().any(starts))
    })?;
    let coefficient = match kind {
        RecipientKind::Individual => rate.individual,
        RecipientKind::Collective => rate.collective,
    }?;
    Some(Cash {
        amount: rounded_up(coefficient, base.amount),
        basis: Basis::Decree {
            decree: t.decrees[decree].code.clone(),
            article: format!("{}; làm tròn: {}", rate.article, t.decrees[decree].rounding),
            coefficient,
            base_salary: base.amount,
            checked: rate.checked,
        },
    })
}

/// The cash award of one recipient: the decision's own amount for its kind when it sets
/// one (0: none), else the decree's.
pub fn of(award: &Award<'_>, kind: RecipientKind, set: Option<i64>) -> Option<Cash> {
    match set {
        Some(amount) => Some(Cash {
            amount,
            basis: Basis::Decision,
        }),
        None => by_decree(award, kind),
    }
}

/// What the decision's issuer pays each individual and each collective (the same for
/// every recipient of a kind); None where no amount applies.
fn per_kind(d: &CeremonyDecision) -> [Option<Cash>; 2] {
    let award = Award {
        form: &d.decision.form,
        title_name: d.decision.title_name.as_deref(),
        issuer_name: &d.issuer.name,
        issuer_level: &d.issuer.level,
        decided_on: d.decision.decided_on,
    };
    [
        (RecipientKind::Individual, d.decision.cash_individual),
        (RecipientKind::Collective, d.decision.cash_collective),
    ]
    .map(|(kind, set)| of(&award, kind, set).filter(|c| c.amount > 0))
}

/// What the decision's issuer pays each of its recipients, in their order; None where no
/// amount applies.
pub fn of_decision(d: &CeremonyDecision) -> Vec<Option<Cash>> {
    let [individual, collective] = per_kind(d);
    d.recipients
        .iter()
        .map(|r| match RecipientKind::from_code(&r.kind)? {
            RecipientKind::Individual => individual.clone(),
            RecipientKind::Collective => collective.clone(),
        })
        .collect()
}

/// What one issuer pays in all: its decisions' amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct IssuerTotal {
    pub issuer_id: i32,
    pub issuer: String,
    /// Recipients who are paid.
    pub paid: usize,
    /// Recipients for whom no amount applies (no rate, or the decision's 0).
    pub unpaid: usize,
    /// In đồng.
    pub amount: i64,
}

/// Each issuer's total, in ceremony order (`ceremony` is).
pub fn by_issuer(ceremony: &[CeremonyDecision]) -> Vec<IssuerTotal> {
    let counted: Vec<Counted<'_>> = ceremony.iter().map(Counted::of).collect();
    by_issuer_counted(&counted)
}

/// A decision with how many collectives and individuals it names, counted where they are
/// (in the database, for a page that does not load ten thousand recipients).
pub struct Counted<'a> {
    pub decision: &'a CeremonyDecision,
    pub collectives: u32,
    pub individuals: u32,
}

impl<'a> Counted<'a> {
    /// Counted from the decision's own recipients.
    pub fn of(d: &'a CeremonyDecision) -> Counted<'a> {
        let collectives = d
            .recipients
            .iter()
            .filter(|r| r.kind == RecipientKind::Collective.code())
            .count() as u32;
        Counted {
            decision: d,
            collectives,
            individuals: d.recipients.len() as u32 - collectives,
        }
    }
}

/// What each issuer pays, in ceremony order, from the decisions' counts.
pub fn by_issuer_counted(ceremony: &[Counted<'_>]) -> Vec<IssuerTotal> {
    let mut totals: Vec<IssuerTotal> = Vec::new();
    for c in ceremony {
        let d = c.decision;
        let i = match totals.iter().position(|t| t.issuer_id == d.issuer.id) {
            Some(i) => i,
            None => {
                totals.push(IssuerTotal {
                    issuer_id: d.issuer.id,
                    issuer: d.issuer.name.clone(),
                    paid: 0,
                    unpaid: 0,
                    amount: 0,
                });
                totals.len() - 1
            }
        };
        let [individual, collective] = per_kind(d);
        for (cash, n) in [(individual, c.individuals), (collective, c.collectives)] {
            match cash {
                Some(cash) => {
                    totals[i].paid += n as usize;
                    totals[i].amount += cash.amount * i64::from(n);
                }
                None => totals[i].unpaid += n as usize,
            }
        }
    }
    totals
}

/// An amount in words as a payment list writes it: "Hai triệu bảy trăm tám mươi nghìn đồng
/// chẵn".
pub fn words(amount: i64) -> String {
    super::words::dong(amount.max(0).unsigned_abs())
}

/// A coefficient in hundredths as Vietnamese writes it: 30 → "0,3", 150 → "1,5", 100 → "1".
pub fn coefficient_words(hundredths: i64) -> String {
    let (whole, part) = (hundredths / 100, hundredths % 100);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole},{}", p / 10),
        p => format!("{whole},{p:02}"),
    }
}

/// "1.234.000": đồng grouped by dots, as Vietnamese documents write amounts.
pub fn grouped(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        super::text::thousands(&amount.unsigned_abs().to_string(), '.')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn award<'a>(
        form: &'a str,
        title: Option<&'a str>,
        issuer: &'a str,
        level: &'a str,
    ) -> Award<'a> {
        Award {
            form,
            title_name: title,
            issuer_name: issuer,
            issuer_level: level,
            decided_on: day("2019-03-05"),
        }
    }

    fn coefficient(a: &Award<'_>, kind: RecipientKind) -> Option<i64> {
        match by_decree(a, kind)?.basis {
            Basis::Decree { coefficient, .. } => Some(coefficient),
            Basis::Decision => None,
        }
    }

    #[test]
    fn the_data_reads_and_every_decree_has_rates() {
        let t = read(DATA).unwrap();
        assert!(t.salaries.windows(2).all(|w| w[0].from < w[1].from));
        for (i, d) in t.decrees.iter().enumerate() {
            assert!(t.rates.iter().any(|r| r.decree == i), "{}", d.code);
        }
        assert!(
            read("[[base_salary]]\nfrom = \"2018-07-01\"\namount = 1\nsource = \"x\"\nbogus = 1\n")
                .is_err()
        );
    }

    #[test]
    fn base_salaries_by_date() {
        let on = |d| base_salary_on(day(d)).unwrap().amount;
        assert_eq!(on("2018-07-01"), 1_390_000);
        assert_eq!(on("2019-06-30"), 1_390_000);
        assert_eq!(on("2019-07-01"), 1_490_000);
        assert_eq!(on("2023-06-30"), 1_490_000);
        assert_eq!(on("2023-07-01"), 1_800_000);
        assert_eq!(on("2024-07-01"), 2_340_000);
        assert!(base_salary_on(day("2010-01-01")).is_none());
    }

    /// The points of Decree 91/2017 the issue names.
    #[test]
    fn decree_91_coefficients() {
        use RecipientKind::{Collective, Individual};
        let c = |form, title, issuer, level, kind| {
            coefficient(&award(form, title, issuer, level), kind)
        };
        assert_eq!(
            c("bang_khen", None, "Bộ Công an", "central", Individual),
            Some(100)
        );
        assert_eq!(
            c(
                "bang_khen",
                None,
                "UBND tỉnh Ninh Bình",
                "province",
                Individual
            ),
            Some(100)
        );
        assert_eq!(
            c("bang_khen", None, "Bộ Công an", "central", Collective),
            Some(200)
        );
        assert_eq!(
            c(
                "bang_khen",
                None,
                "Thủ tướng Chính phủ",
                "central",
                Individual
            ),
            Some(350)
        );
        assert_eq!(
            c(
                "giay_khen",
                None,
                "UBND huyện Kim Sơn",
                "district",
                Individual
            ),
            Some(30)
        );
        assert_eq!(
            c(
                "giay_khen",
                None,
                "Công an tỉnh Ninh Bình",
                "province",
                Collective
            ),
            Some(60)
        );
        assert_eq!(
            c(
                "giay_khen",
                None,
                "UBND xã Kim Chính",
                "commune",
                Individual
            ),
            Some(15)
        );
        assert_eq!(
            c(
                "giay_khen",
                None,
                "UBND xã Kim Chính",
                "commune",
                Collective
            ),
            Some(30)
        );
        let title = |name, kind| c("title", Some(name), "UBND tỉnh Ninh Bình", "province", kind);
        assert_eq!(title("Chiến sĩ thi đua cơ sở", Individual), Some(100));
        assert_eq!(title("Chiến sĩ thi đua cấp tỉnh", Individual), Some(300));
        assert_eq!(title("Lao động tiên tiến", Individual), Some(30));
        assert_eq!(title("Chiến sĩ tiên tiến", Individual), Some(30));
        assert_eq!(title("Tập thể lao động xuất sắc", Collective), Some(150));
        assert_eq!(title("Đơn vị quyết thắng", Collective), Some(150));
        assert_eq!(title("Tập thể lao động tiên tiến", Collective), Some(80));
        assert_eq!(title("Đơn vị tiên tiến", Collective), Some(80));
        assert_eq!(
            title("Cờ thi đua của Ủy ban nhân dân tỉnh", Collective),
            Some(800)
        );
        // A collective's title is not given to a person, nor the other way round.
        assert_eq!(title("Đơn vị quyết thắng", Individual), None);
        assert_eq!(title("Lao động tiên tiến", Collective), None);
        assert_eq!(
            title("Giải thưởng không có trong nghị định", Individual),
            None
        );
    }

    /// The seed's 2019 conference, as the issue computes it.
    #[test]
    fn rounded_up_to_the_next_ten_thousand() {
        assert_eq!(rounded_up(200, 1_390_000), 2_780_000);
        assert_eq!(rounded_up(150, 1_390_000), 2_090_000);
        assert_eq!(rounded_up(30, 1_390_000), 420_000);
        assert_eq!(rounded_up(80, 1_390_000), 1_120_000);
        assert_eq!(rounded_up(15, 1_490_000), 230_000);
        assert_eq!(rounded_up(100, 1_800_000), 1_800_000);
        assert_eq!(rounded_up(0, 1_800_000), 0);
        let seed = |form, title, kind| {
            by_decree(&award(form, title, "UBND tỉnh Ninh Bình", "province"), kind)
                .unwrap()
                .amount
        };
        assert_eq!(
            seed("bang_khen", None, RecipientKind::Collective),
            2_780_000
        );
        assert_eq!(
            seed(
                "title",
                Some("Đơn vị quyết thắng"),
                RecipientKind::Collective
            ),
            2_090_000
        );
        assert_eq!(seed("giay_khen", None, RecipientKind::Individual), 420_000);
    }

    #[test]
    fn the_decree_in_force_on_the_decisions_date() {
        let on = |date: &str, issuer: &str, level: &str, form: &str| {
            let a = Award {
                decided_on: day(date),
                ..award(form, None, issuer, level)
            };
            by_decree(&a, RecipientKind::Individual)
        };
        let decree = |cash: Option<Cash>| match cash.map(|c| c.basis) {
            Some(Basis::Decree { decree, .. }) => decree,
            other => format!("{other:?}"),
        };
        assert_eq!(
            decree(on("2023-12-31", "UBND tỉnh", "province", "bang_khen")),
            "91/2017/NĐ-CP"
        );
        assert_eq!(
            decree(on("2024-01-01", "UBND tỉnh", "province", "bang_khen")),
            "98/2023/NĐ-CP"
        );
        assert_eq!(
            decree(on("2025-07-01", "UBND tỉnh", "province", "bang_khen")),
            "152/2025/NĐ-CP"
        );
        // 2025-07-01: Bằng khen of a province 1.5 × 2,340,000; a commune's Giấy khen 0.3 ×.
        assert_eq!(
            on("2025-07-01", "UBND tỉnh", "province", "bang_khen")
                .unwrap()
                .amount,
            3_510_000
        );
        assert_eq!(
            on("2025-07-01", "UBND xã", "commune", "giay_khen")
                .unwrap()
                .amount,
            710_000
        );
        assert!(on("2017-09-30", "UBND tỉnh", "province", "bang_khen").is_none());
    }

    #[test]
    fn a_decisions_amount_replaces_the_decrees() {
        let a = award("giay_khen", None, "UBND huyện Kim Sơn", "district");
        assert_eq!(
            of(&a, RecipientKind::Individual, Some(0)).unwrap().amount,
            0
        );
        assert_eq!(
            of(&a, RecipientKind::Individual, Some(500_000))
                .unwrap()
                .basis,
            Basis::Decision
        );
        assert_eq!(
            of(&a, RecipientKind::Individual, None).unwrap().amount,
            420_000
        );
    }

    #[test]
    fn coefficients_with_a_decimal_comma() {
        assert_eq!(
            [30, 150, 100, 15, 800].map(coefficient_words),
            ["0,3", "1,5", "1", "0,15", "8"]
        );
    }

    #[test]
    fn amounts_are_grouped_by_dots() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(420_000), "420.000");
        assert_eq!(grouped(2_780_000), "2.780.000");
        assert_eq!(grouped(100), "100");
        assert_eq!(grouped(1_000), "1.000");
    }

    proptest::proptest! {
        /// Never below coefficient × base salary, never 10,000 đ or more above it, and a
        /// whole number of 10,000 đ.
        #[test]
        fn amounts_round_up_within_ten_thousand(coefficient in 0i64..=5_000, base in 0i64..=20_000_000) {
            let amount = rounded_up(coefficient, base);
            let exact = coefficient * base; // hundredths of a đồng
            proptest::prop_assert!(amount * 100 >= exact);
            proptest::prop_assert!(amount * 100 - exact < ROUNDING * 100);
            proptest::prop_assert_eq!(amount % ROUNDING, 0);
        }
    }
}
