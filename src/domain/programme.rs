//! The programme as the printouts and the API read it: each agenda item with its presenter,
//! speeches and, at the award ceremony, the decisions in ceremony order.

use serde::Serialize;
use utoipa::ToSchema;

use super::ceremony::CeremonyKey;
use super::model::{AgendaItem, Attendee, AwardDecision, Conference, Issuer, Recipient, Speech};

/// An award decision with its issuer and recipients, as announced at the ceremony.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CeremonyDecision {
    pub decision: AwardDecision,
    pub issuer: Issuer,
    /// In presentation order.
    pub recipients: Vec<Recipient>,
}

impl CeremonyDecision {
    pub fn key(&self) -> CeremonyKey {
        CeremonyKey::new(
            &self.issuer.level,
            self.issuer.rank,
            self.issuer.id,
            &self.decision.form,
            self.decision.id,
        )
    }
}

/// One agenda item with what happens in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeItem {
    pub item: AgendaItem,
    pub presenter: Option<Attendee>,
    pub speeches: Vec<Speech>,
    /// At the award ceremony item: the decisions in ceremony order.
    pub decisions: Vec<CeremonyDecision>,
}

/// The whole programme of a conference.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Programme {
    pub conference: Conference,
    pub agenda: Vec<ProgrammeItem>,
}
