//! The typed project: offices, sessions and claimant lists, parsed with their locations.
//! Parsing reports format problems (bad YAML, bad cells); the guidance rules live in `rules/`.

/// The largest claimant list, workbook or template file read.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

pub mod address;
pub mod cell;
pub mod claimant;
pub mod eligibility;
pub mod office;
pub mod privacy;
pub mod session;
pub mod table;
pub mod texts;
pub mod values;
pub mod workbook;
pub mod yaml;

pub use claimant::{AccessNeed, Claimant, ClaimantList, Decision, NotInvitedReason, PrintFormat};
pub use office::Office;
pub use session::Session;
pub use texts::{AddressLines, Texts};
