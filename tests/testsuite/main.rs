//! The test suite: the real `sessionpack` binary on copies of the example project (and
//! variations of it), with the real typst, asserting what a user would check: the text inside
//! the PDFs, the files written, the messages, their locations and the exit status.

mod architecture;
mod cli;
mod engine;
mod errors;
mod harness;
mod hostile;
mod letters;
mod office_data;
mod pack;
mod preview;
mod rules;
mod welsh;
