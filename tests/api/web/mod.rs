//! The web workspace through a real browser: headless Chromium driven over WebDriver
//! (`browser::Browser`), against the application served on a real socket. Without
//! `chromedriver` and `chromium` these tests say SKIPPED and pass, unless
//! HOINGHI_REQUIRE_ALL=1.

pub mod browser;
mod checkin_code;
mod designer;
mod journey;
mod print_batch;
mod screen;
