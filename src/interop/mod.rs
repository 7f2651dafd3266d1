//! Formats in and out: legacy Vietnamese encodings, spreadsheets (XLSX, XLS, ODS, CSV) and
//! the import of attendee and award lists from them. Takes and gives plain values; knows
//! nothing of HTTP.

pub mod backup;
pub mod bounds;
pub mod docx;
pub mod emblem;
pub mod encoding;
pub mod export;
pub mod lists;
pub mod scan;
pub mod sheet;
