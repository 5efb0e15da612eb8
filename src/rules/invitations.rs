//! How many are invited (GSG 32): optimum 10 attendees, at most 20 invitations, and assume half
//! of those invited do not come.

use crate::diag::{Diagnostic, Level, Rule};
use crate::rules::concern::{Concern, Input, Report};

pub static TOO_MANY_INVITATIONS: Rule = Rule {
    code: "GS001",
    name: "too-many-invitations",
    level: Level::Error,
    must: false,
    source: Some("GSG 32"),
    summary: "a session may have at most `max_invites` (20) invitations",
};

pub static TOO_FEW_INVITATIONS: Rule = Rule {
    code: "GS002",
    name: "too-few-invitations",
    level: Level::Warning,
    must: false,
    source: Some("GSG 32"),
    summary: "invite at least twice the optimum number of attendees: about half of those invited do not come",
};

pub const CONCERN: Concern = Concern {
    rules: &[&TOO_MANY_INVITATIONS, &TOO_FEW_INVITATIONS],
    check,
};

fn check(input: &Input, report: &mut Report) {
    for s in &input.sessions {
        let session = s.session;
        // A list whose rows could not be read says nothing about how many are invited.
        let Some(list) = s.claimants.filter(|l| l.complete) else {
            continue;
        };
        let invited = list.invited().count();
        if invited > session.max_invites as usize {
            report.push(
                Diagnostic::new(
                    &TOO_MANY_INVITATIONS,
                    format!(
                        "{invited} claimants are invited; the most for this session is {}",
                        session.max_invites
                    ),
                )
                .at_key(&session.data, "max_invites")
                .help(format!(
                    "move {} claimants to another session",
                    invited - session.max_invites as usize
                ))
                .session(&session.id),
            );
        }
        let wanted = 2 * session.optimum_attendees as usize;
        if invited < wanted {
            report.push(
                Diagnostic::new(
                    &TOO_FEW_INVITATIONS,
                    format!(
                        "{invited} claimants are invited; at 50% drop-out expect about {} attendees, below the optimum of {}",
                        invited / 2,
                        session.optimum_attendees
                    ),
                )
                .at_key(&session.data, "optimum_attendees")
                .help(format!("invite at least {wanted}, or set a lower `optimum_attendees`"))
                .session(&session.id),
            );
        }
    }
}
