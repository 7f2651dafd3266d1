//! hoinghi: plan a year-end review conference (hội nghị tổng kết) and print its papers.

pub mod domain;
pub mod error;
pub mod print;
pub mod store;
