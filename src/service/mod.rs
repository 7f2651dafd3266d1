//! The use cases, one home each, called alike by the JSON API, the command line and the web
//! pages: each loads what it needs from `store`, runs CPU-heavy work off the async runtime,
//! writes, and records the audit event. Front doors only parse, call and answer.

pub mod access;
pub mod account;
pub mod backup;
pub mod checkin;
pub mod dashboard;
pub mod designer;
pub mod emblems;
pub mod export;
pub mod import;
pub mod layouts;
pub mod members;
pub mod payments;
pub mod print;
pub mod print_job;
pub mod readiness;
pub mod screen;
pub mod throttle;
pub mod uploads;
pub mod verification;
pub mod work;
