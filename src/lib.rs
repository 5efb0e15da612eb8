//! sessionpack: the paperwork of Jobcentre Plus group information sessions, as accessible PDFs.
//!
//! The pipeline runs in one direction (see `pipeline`):
//! `project` (load) -> `rules` (validate) -> `plan` -> `render` -> `compile` -> `pack`.

// A `Diagnostic` is the error value of parsers: it is meant to be rich, not small.
#![allow(clippy::result_large_err)]

pub mod compile;
pub mod diag;
pub mod init;
pub mod model;
pub mod pack;
pub mod pipeline;
pub mod plan;
pub mod project;
pub mod render;
pub mod rules;
pub mod typst;
