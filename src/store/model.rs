//! Rows of the database turned into the plain values of `domain::model`.

use crate::domain::model as m;
use entity::{agenda_item, attendee, award_decision, conference, issuer, recipient, speech};

impl From<conference::Model> for m::Conference {
    fn from(r: conference::Model) -> Self {
        let conference::Model {
            id,
            title,
            acronym,
            movement,
            year_reviewed,
            held_on,
            host_body,
            venue,
            place_name,
            time_zone,
            status,
            key_figures,
            version,
            created_at,
            updated_at,
        } = r;
        Self {
            id,
            title,
            acronym,
            movement,
            year_reviewed,
            held_on,
            host_body,
            venue,
            place_name,
            time_zone,
            status,
            key_figures,
            version,
            created_at,
            updated_at,
        }
    }
}

impl From<attendee::Model> for m::Attendee {
    fn from(r: attendee::Model) -> Self {
        let attendee::Model {
            id,
            conference_id,
            honorific,
            full_name,
            position,
            organisation,
            category,
            rank,
            contact,
            seat,
            attendance,
            checked_in_at,
            version,
            search_key: _,
        } = r;
        Self {
            id,
            conference_id,
            honorific,
            full_name,
            position,
            organisation,
            category,
            rank,
            contact,
            seat,
            attendance,
            checked_in_at,
            version,
        }
    }
}

impl From<agenda_item::Model> for m::AgendaItem {
    fn from(r: agenda_item::Model) -> Self {
        let agenda_item::Model {
            id,
            conference_id,
            position,
            starts_at,
            duration_minutes,
            kind,
            title,
            presenter_attendee_id,
            presenter_text,
            notes,
            guid,
            version,
        } = r;
        Self {
            id,
            conference_id,
            position,
            starts_at,
            duration_minutes,
            kind,
            title,
            presenter_attendee_id,
            presenter_text,
            notes,
            guid,
            version,
        }
    }
}

impl From<speech::Model> for m::Speech {
    fn from(r: speech::Model) -> Self {
        let speech::Model {
            id,
            conference_id,
            speaker_attendee_id,
            speaker_name,
            speaker_position,
            kind,
            title,
            planned_minutes,
            summary,
            full_text,
            agenda_item_id,
            version,
        } = r;
        Self {
            id,
            conference_id,
            speaker_attendee_id,
            speaker_name,
            speaker_position,
            kind,
            title,
            planned_minutes,
            summary,
            full_text,
            agenda_item_id,
            version,
        }
    }
}

impl From<issuer::Model> for m::Issuer {
    fn from(r: issuer::Model) -> Self {
        let issuer::Model {
            id,
            conference_id,
            name,
            level,
            rank,
            place_name,
            certificate_heading,
            signer_title,
            version,
        } = r;
        Self {
            id,
            conference_id,
            name,
            level,
            rank,
            place_name,
            certificate_heading,
            signer_title,
            version,
        }
    }
}

impl From<award_decision::Model> for m::AwardDecision {
    fn from(r: award_decision::Model) -> Self {
        let award_decision::Model {
            id,
            conference_id,
            issuer_id,
            number,
            decided_on,
            form,
            title_name,
            reason,
            signer_title,
            signer_name,
            version,
        } = r;
        Self {
            id,
            conference_id,
            issuer_id,
            number,
            decided_on,
            form,
            title_name,
            reason,
            signer_title,
            signer_name,
            version,
        }
    }
}

impl From<recipient::Model> for m::Recipient {
    fn from(r: recipient::Model) -> Self {
        let recipient::Model {
            id,
            conference_id,
            decision_id,
            kind,
            honorific,
            name,
            position,
            unit,
            reason,
            register_number,
            presentation_order,
            version,
            search_key: _,
        } = r;
        Self {
            id,
            conference_id,
            decision_id,
            kind,
            honorific,
            name,
            position,
            unit,
            reason,
            register_number,
            presentation_order,
            version,
        }
    }
}
