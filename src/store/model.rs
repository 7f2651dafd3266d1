//! Rows of the database turned into the plain values of `domain::model`. Each row is taken
//! apart field by field, so a column added to an entity fails to compile here until the
//! domain value has it too (or it is named as not shown).

use crate::domain::model as m;
use entity::{agenda_item, attendee, award_decision, conference, issuer, recipient, speech};

/// `From<row>` for a domain value with the same fields; `hidden` fields stay in the store.
macro_rules! plain {
    ($row:path => $value:path { $($field:ident),* $(,)? } $(hidden $($hidden:ident),*)?) => {
        impl From<$row> for $value {
            fn from(row: $row) -> Self {
                let $row { $($field,)* $($($hidden: _,)*)? } = row;
                Self { $($field),* }
            }
        }
    };
}

plain!(conference::Model => m::Conference {
    id, title, acronym, movement, year_reviewed, held_on, host_body, venue, place_name,
    time_zone, status, key_figures, invitation, version, created_at, updated_at,
});
plain!(attendee::Model => m::Attendee {
    id, conference_id, honorific, full_name, position, organisation, category, rank,
    contact, seat, attendance, checked_in_at, version, checkin_code,
} hidden search_key);
plain!(agenda_item::Model => m::AgendaItem {
    id, conference_id, position, starts_at, duration_minutes, kind, title,
    presenter_attendee_id, presenter_text, notes, guid, version,
});
plain!(speech::Model => m::Speech {
    id, conference_id, speaker_attendee_id, speaker_name, speaker_position, kind, title,
    planned_minutes, summary, full_text, agenda_item_id, version,
});
plain!(issuer::Model => m::Issuer {
    id, conference_id, name, level, rank, place_name, certificate_heading, signer_title,
    grounds, version,
});
plain!(award_decision::Model => m::AwardDecision {
    id, conference_id, issuer_id, number, decided_on, form, title_name, reason,
    signer_title, signer_name, signer_rank, cash_individual, cash_collective, version,
});
plain!(recipient::Model => m::Recipient {
    id, conference_id, decision_id, kind, honorific, name, position, unit, reason,
    register_number, presentation_order, version,
} hidden search_key);
