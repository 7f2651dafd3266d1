//! hoinghi: plan a year-end review conference (hội nghị tổng kết) and print its papers.

pub mod domain;
pub mod print;
#[doc(hidden)]
pub mod test_support;
