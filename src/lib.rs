//! hoinghi: plan a year-end review conference (hội nghị tổng kết) and print its programme,
//! lists and award certificates.

pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod http;
pub mod i18n;
pub mod interop;
pub mod print;
pub mod server;
pub mod service;
pub mod store;
#[doc(hidden)]
pub mod test_support;
pub mod web;
