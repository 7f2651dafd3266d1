//! The order in which awards are presented: highest issuer level first, then the issuer's
//! rank, then the form of award from the highest, then the decision, then presentation order.

use super::kinds::{AwardForm, IssuerLevel};

/// What ordering needs to know of a decision and its issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CeremonyKey {
    pub level: Option<IssuerLevel>,
    pub issuer_rank: i32,
    pub issuer_id: i32,
    pub form: Option<AwardForm>,
    pub decision_id: i32,
}

impl CeremonyKey {
    pub fn new(level: &str, issuer_rank: i32, issuer_id: i32, form: &str, decision_id: i32) -> Self {
        CeremonyKey {
            level: IssuerLevel::from_code(level),
            issuer_rank,
            issuer_id,
            form: AwardForm::from_code(form),
            decision_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_level_comes_first_then_form() {
        let ministry = CeremonyKey::new("central", 1, 9, "bang_khen", 5);
        let province_title = CeremonyKey::new("province", 2, 3, "title", 7);
        let province_merit = CeremonyKey::new("province", 2, 3, "bang_khen", 6);
        let district = CeremonyKey::new("district", 4, 1, "giay_khen", 1);
        let mut keys = vec![district, province_merit, ministry, province_title];
        keys.sort();
        assert_eq!(keys, vec![ministry, province_title, province_merit, district]);
    }
}
