//! sea-orm entities of hoinghi: columns and relations only. Vocabularies (kinds, levels,
//! forms) are stored as snake_case strings and checked by the application.

pub mod agenda_item;
pub mod api_token;
pub mod app_user;
pub mod attendee;
pub mod audit_event;
pub mod award_decision;
pub mod ceremony_screen;
pub mod certificate_background;
pub mod certificate_layout;
pub mod conference;
pub mod issuer;
pub mod issuer_emblem;
pub mod membership;
pub mod print_job;
pub mod printer;
pub mod recipient;
pub mod session;
pub mod speech;
pub mod verification;
