//! The organisers' rules in plain Rust: vocabularies, the order of the award ceremony, the
//! award summary sentence and Vietnamese text. Nothing here knows of HTTP or the database.

pub mod access;
pub mod cash;
pub mod ceremony;
pub mod checkin_code;
pub mod checks;
pub mod code;
pub mod input;
pub mod issuers;
pub mod kinds;
pub mod model;
pub mod programme;
pub mod summary;
pub mod text;
pub mod titles;
pub mod validate;
pub mod verification;
pub mod words;
