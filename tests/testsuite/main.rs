//! The test suite: the real `sessionpack` binary on copies of the example project (and
//! variations of it), with the real typst, asserting what a user would check: the text inside
//! the PDFs, the files written, the messages, their locations and the exit status.

// Tests and benchmarks stop at the first surprise: unwrap, expect and panic are how.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod allocate;
mod architecture;
mod browser;
#[cfg(unix)]
mod ci;
mod cli;
mod distrust;
mod documents;
mod engine;
mod errors;
mod harness;
mod hostile;
#[cfg(target_os = "linux")]
mod install;
mod letters;
mod office_data;
mod overview;
mod pack;
mod preview;
mod rules;
mod welsh;
