//! sessionpack: the paperwork of Jobcentre Plus group information sessions, as accessible PDFs.
//!
//! The pipeline runs in one direction (see `pipeline`):
//! `project` (load) -> `rules` (validate) -> `plan` -> `render` -> `compile` -> `pack` ->
//! `overview`.
//! Below every stage sit the types they share: `diag`, `codes`, `l10n`, `envelope`, `out`, `stop`,
//! `fs`, `typst`, `watch`, then `model` and `config`. No module imports one above it.

// A `Diagnostic` is the error value of parsers: it is meant to be rich, not small.
#![allow(clippy::result_large_err)]

pub mod allocate;
pub mod codes;
pub mod compile;
pub mod config;
pub mod diag;
pub mod envelope;
pub mod fs;
#[cfg(test)]
mod fuzz;
pub mod guidance;
pub mod init;
pub mod l10n;
pub mod memory;
pub mod model;
pub mod out;
pub mod overview;
pub mod pack;
pub mod pipeline;
pub mod plan;
pub mod process;
pub mod project;
pub mod render;
pub mod rules;
pub mod stop;
pub mod translate;
pub mod typst;
pub mod watch;
