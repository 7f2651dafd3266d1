//! Integration tests through the real router and a real database: SQLite by default, or
//! PostgreSQL when HOINGHI_TEST_DATABASE_URL names a server (each test gets its own database).

mod helpers;

mod access;
mod agenda;
mod awards;
mod browser;
mod certificates;
mod cli;
mod conferences;
mod corpus;
mod designer;
mod emblems;
mod errors;
mod hostile;
mod instances;
mod interop;
mod invitations;
mod layouts;
mod openapi;
mod papers;
mod payments;
mod people;
mod programme;
mod public;
mod readiness;
mod repeats;
mod scale;
mod screen;
mod slow_clients;
mod verify;
mod web;
mod web_pages;
mod web_people;
mod web_print;
mod web_records;
mod web_trust;
mod web_work;
