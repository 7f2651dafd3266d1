//! The award summary: how many collectives and individuals each issuer honoured with each
//! form, and the sentence a report prints about it, e.g. "UBND tỉnh Ninh Bình tặng danh hiệu
//! Đơn vị quyết thắng cho 1 tập thể, tặng Bằng khen cho 2 tập thể và 1 cá nhân."

use serde::Serialize;
use utoipa::ToSchema;

use super::ceremony::CeremonyKey;
use super::kinds::AwardForm;

/// Recipients of one issuer and one form (and title), counted by kind.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AwardCount {
    pub issuer_id: i32,
    pub issuer: String,
    /// Form code: `bang_khen`, `giay_khen`, `title` …
    pub form: String,
    pub title_name: Option<String>,
    pub collectives: u32,
    pub individuals: u32,
    #[serde(skip)]
    #[schema(ignore)]
    pub key: CeremonyKey,
}

/// What the award is called in running text: "Bằng khen", "danh hiệu Đơn vị quyết thắng".
pub fn award_phrase(form: &str, title_name: Option<&str>) -> String {
    match (AwardForm::from_code(form), title_name) {
        (Some(AwardForm::Title), Some(t)) => format!("danh hiệu {t}"),
        (Some(AwardForm::Title), None) => "danh hiệu".to_string(),
        (Some(AwardForm::Medal | AwardForm::Decoration), Some(t)) => t.to_string(),
        (Some(f), _) => f.label().to_string(),
        (None, _) => form.to_string(),
    }
}

/// "2 tập thể và 1 cá nhân", "1 tập thể", "5 cá nhân".
pub fn recipients_phrase(collectives: u32, individuals: u32) -> String {
    match (collectives, individuals) {
        (c, 0) => format!("{c} tập thể"),
        (0, i) => format!("{i} cá nhân"),
        (c, i) => format!("{c} tập thể và {i} cá nhân"),
    }
}

/// Sort counts into ceremony order and merge rows of the same issuer, form and title.
pub fn in_ceremony_order(mut counts: Vec<AwardCount>) -> Vec<AwardCount> {
    counts.sort_by(|a, b| {
        (
            a.key.level,
            a.key.issuer_rank,
            a.issuer_id,
            a.key.form,
            &a.title_name,
        )
            .cmp(&(
                b.key.level,
                b.key.issuer_rank,
                b.issuer_id,
                b.key.form,
                &b.title_name,
            ))
    });
    let mut merged: Vec<AwardCount> = Vec::with_capacity(counts.len());
    for c in counts {
        match merged.last_mut() {
            Some(last)
                if last.issuer_id == c.issuer_id
                    && last.form == c.form
                    && last.title_name == c.title_name =>
            {
                last.collectives += c.collectives;
                last.individuals += c.individuals;
            }
            _ => merged.push(c),
        }
    }
    merged
}

/// One sentence per issuer, in ceremony order (`counts` as `in_ceremony_order` returns them).
pub fn summary_text(counts: &[AwardCount]) -> String {
    let mut sentences = Vec::new();
    for group in counts.chunk_by(|a, b| a.issuer_id == b.issuer_id) {
        let clauses: Vec<String> = group
            .iter()
            .filter(|c| c.collectives + c.individuals > 0)
            .map(|c| {
                format!(
                    "tặng {} cho {}",
                    award_phrase(&c.form, c.title_name.as_deref()),
                    recipients_phrase(c.collectives, c.individuals)
                )
            })
            .collect();
        if !clauses.is_empty() {
            sentences.push(format!("{} {}.", group[0].issuer, clauses.join(", ")));
        }
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(
        issuer_id: i32,
        issuer: &str,
        level: &str,
        form: &str,
        title: Option<&str>,
        c: u32,
        i: u32,
    ) -> AwardCount {
        AwardCount {
            issuer_id,
            issuer: issuer.into(),
            form: form.into(),
            title_name: title.map(Into::into),
            collectives: c,
            individuals: i,
            key: CeremonyKey::new(level, issuer_id, issuer_id, form, 0),
        }
    }

    #[test]
    fn the_seed_sentence() {
        let counts = in_ceremony_order(vec![
            count(4, "UBND huyện Kim Sơn", "district", "giay_khen", None, 3, 5),
            count(
                2,
                "UBND tỉnh Ninh Bình",
                "province",
                "bang_khen",
                None,
                2,
                0,
            ),
            count(
                2,
                "UBND tỉnh Ninh Bình",
                "province",
                "bang_khen",
                None,
                0,
                1,
            ),
            count(
                2,
                "UBND tỉnh Ninh Bình",
                "province",
                "title",
                Some("Đơn vị quyết thắng"),
                1,
                0,
            ),
            count(1, "Bộ Công an", "central", "bang_khen", None, 1, 0),
        ]);
        assert_eq!(
            summary_text(&counts),
            "Bộ Công an tặng Bằng khen cho 1 tập thể. \
             UBND tỉnh Ninh Bình tặng danh hiệu Đơn vị quyết thắng cho 1 tập thể, tặng Bằng khen cho 2 tập thể và 1 cá nhân. \
             UBND huyện Kim Sơn tặng Giấy khen cho 3 tập thể và 5 cá nhân."
        );
    }
}

/// A lone recipient of an issuer, named in a report instead of counted.
pub struct Named<'a> {
    pub issuer_id: i32,
    pub name: &'a str,
    pub reason: Option<&'a str>,
}

/// The paragraph a press report prints about the awards, as the seed does: "Tại hội nghị,
/// Bộ Công an tặng Bằng khen cho Cán bộ và nhân dân Thị trấn Phát Diệm vì đã có thành tích
/// xuất sắc … UBND tỉnh Ninh Bình tặng danh hiệu … cho 1 tập thể, …". An issuer with a single
/// recipient names it; the others are counted.
pub fn report_text(counts: &[AwardCount], lone: &[Named<'_>]) -> String {
    let mut sentences = Vec::new();
    for group in counts.chunk_by(|a, b| a.issuer_id == b.issuer_id) {
        let issuer = &group[0].issuer;
        let total: u32 = group.iter().map(|c| c.collectives + c.individuals).sum();
        match lone.iter().find(|n| n.issuer_id == group[0].issuer_id) {
            Some(n) if total == 1 => {
                let award = award_phrase(&group[0].form, group[0].title_name.as_deref());
                let reason = n
                    .reason
                    .map(lower_first)
                    .map(|r| format!(" vì {}", r.trim_end_matches('.')))
                    .unwrap_or_default();
                sentences.push(format!("{issuer} tặng {award} cho {}{reason}.", n.name));
            }
            _ => sentences.push(summary_text(group)),
        }
    }
    if sentences.is_empty() {
        return String::new();
    }
    format!("Tại hội nghị, {}", sentences.join(" "))
}

/// "Đã có thành tích" → "đã có thành tích", for a reason that follows "vì".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
