//! sea-orm entities of hoinghi: columns and relations only. Vocabularies (kinds, levels,
//! forms) are stored as snake_case strings and checked by the application.

pub mod agenda_item;
pub mod attendee;
pub mod award_decision;
pub mod conference;
pub mod issuer;
pub mod recipient;
pub mod speech;
