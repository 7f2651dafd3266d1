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

/// What anyone may read of a published programme: what the printed programme, the roster
/// and the certificates show (titles, times, presenters' names and positions, decisions
/// and their recipients), and nothing an organiser keeps for themselves (a delegate's
/// contact, seat and attendance, an item's notes, a speech's full text). Decided here, in
/// one place, for every public answer that carries the programme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicProgramme {
    pub conference: Conference,
    pub agenda: Vec<PublicItem>,
}

/// An agenda item as the public sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicItem {
    pub position: i32,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub duration_minutes: i32,
    pub kind: String,
    pub title: String,
    /// The presenter among the delegates, by name and position.
    pub presenter: Option<PublicPerson>,
    /// A presenter who is not a delegate ("Ban Tổ chức").
    pub presenter_text: Option<String>,
    pub speeches: Vec<PublicSpeech>,
    /// At the award ceremony item: the decisions in ceremony order.
    pub decisions: Vec<PublicDecision>,
}

/// A delegate named in the programme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicPerson {
    pub honorific: Option<String>,
    pub full_name: String,
    pub position: Option<String>,
    pub organisation: Option<String>,
}

/// A speech by its title and speaker; its full text stays with the organisers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicSpeech {
    pub kind: String,
    pub title: String,
    pub speaker_name: Option<String>,
    pub speaker_position: Option<String>,
    pub planned_minutes: Option<i32>,
    pub summary: Option<String>,
}

/// An award decision as the roster prints it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicDecision {
    pub number: String,
    pub decided_on: chrono::NaiveDate,
    pub form: String,
    pub title_name: Option<String>,
    pub issuer: String,
    pub signer_title: String,
    pub signer_name: String,
    /// In presentation order.
    pub recipients: Vec<PublicRecipient>,
}

/// A recipient as the roster and the certificate print them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicRecipient {
    pub kind: String,
    pub honorific: Option<String>,
    pub name: String,
    pub position: Option<String>,
    pub unit: Option<String>,
    pub reason: Option<String>,
    pub register_number: Option<String>,
}

impl From<Programme> for PublicProgramme {
    fn from(p: Programme) -> Self {
        PublicProgramme {
            conference: p.conference,
            agenda: p.agenda.into_iter().map(PublicItem::from).collect(),
        }
    }
}

impl From<ProgrammeItem> for PublicItem {
    fn from(p: ProgrammeItem) -> Self {
        PublicItem {
            position: p.item.position,
            starts_at: p.item.starts_at,
            duration_minutes: p.item.duration_minutes,
            kind: p.item.kind,
            title: p.item.title,
            presenter: p.presenter.map(|a| PublicPerson {
                honorific: a.honorific,
                full_name: a.full_name,
                position: a.position,
                organisation: a.organisation,
            }),
            presenter_text: p.item.presenter_text,
            speeches: p
                .speeches
                .into_iter()
                .map(|s| PublicSpeech {
                    kind: s.kind,
                    title: s.title,
                    speaker_name: s.speaker_name,
                    speaker_position: s.speaker_position,
                    planned_minutes: s.planned_minutes,
                    summary: s.summary,
                })
                .collect(),
            decisions: p.decisions.into_iter().map(PublicDecision::from).collect(),
        }
    }
}

impl From<CeremonyDecision> for PublicDecision {
    fn from(d: CeremonyDecision) -> Self {
        let reason = d.decision.reason;
        PublicDecision {
            number: d.decision.number,
            decided_on: d.decision.decided_on,
            form: d.decision.form,
            title_name: d.decision.title_name,
            issuer: d.issuer.name,
            signer_title: d.decision.signer_title,
            signer_name: d.decision.signer_name,
            recipients: d
                .recipients
                .into_iter()
                .map(|r| PublicRecipient {
                    kind: r.kind,
                    honorific: r.honorific,
                    name: r.name,
                    position: r.position,
                    unit: r.unit,
                    // As printed: the decision's reason for those who have none of their own.
                    reason: r.reason.or_else(|| reason.clone()),
                    register_number: r.register_number,
                })
                .collect(),
        }
    }
}
