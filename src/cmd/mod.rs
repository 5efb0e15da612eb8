//! One file per subcommand: thin wrappers over the library.

pub mod allocate;
pub mod args;
pub mod build;
pub mod check;
pub mod clean;
pub mod columns;
pub mod index;
pub mod init;
pub mod rules;
pub mod shell;
pub mod strings;
pub mod summary;
pub mod watch;
