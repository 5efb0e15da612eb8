//! The people running the session: trained facilitators (GSG 24), a deputy (GSG 22), and a
//! Welsh speaker when claimants wish to use Welsh (the Welsh Language Standards on meetings).

use crate::diag::{Diagnostic, Level, Rule};
use crate::l10n::{Lang, dates};
use crate::model::session::Role;
use crate::rules::concern::{Concern, Input, Report};

pub static FACILITATOR_TRAINING: Rule = Rule {
    code: "GS004",
    name: "facilitator-training",
    level: Level::Error,
    must: true,
    source: Some("GSG 24"),
    summary: "staff running the session must have completed the facilitator and presentation courses",
};

pub static NO_DEPUTY: Rule = Rule {
    code: "GS005",
    name: "no-deputy",
    level: Level::Warning,
    must: false,
    source: Some("GSG 22"),
    summary: "backup plans need deputies: name a deputy facilitator",
};

pub static NO_WELSH_SPEAKER: Rule = Rule {
    code: "GS020",
    name: "no-welsh-speaker",
    level: Level::Warning,
    must: false,
    source: Some("Welsh standards (meetings)"),
    summary: "claimants who wish to use Welsh at the session (Welsh letters, `welsh_at_session`, or Welsh as their interpreter language) need a Welsh-speaking facilitator (`welsh_speaker: true`) or simultaneous interpretation",
};

pub const CONCERN: Concern = Concern {
    rules: &[&FACILITATOR_TRAINING, &NO_DEPUTY, &NO_WELSH_SPEAKER],
    check,
};

fn check(input: &Input, report: &mut Report) {
    for s in &input.sessions {
        let session = s.session;
        if session.facilitators.is_empty() {
            report.push(
                Diagnostic::new(&FACILITATOR_TRAINING, "the session has no facilitators")
                    .at_key(&session.data, "facilitators")
                    .help("list the facilitators with `name`, `role` and the dates of their two courses")
                    .session(&session.id),
            );
        }
        for (i, (f, courses)) in session
            .facilitators
            .iter()
            .zip(&session.facilitator_courses)
            .enumerate()
        {
            for (key, course, date) in [
                ("facilitator_course", "facilitator course", courses.0),
                ("presentation_course", "presentation course", courses.1),
            ] {
                let path = format!("facilitators.{i}.{key}");
                let problem = match date {
                    None => Some((format!("{} has no {course} date", f.name), format!("add `{key}:` with the date {} completed it", f.name))),
                    Some(d) if d > session.date() => Some((
                        format!("{} completes the {course} on {}, after the session", f.name, dates::date(Lang::En, d)),
                        "a facilitator must be trained before the session: choose another facilitator or move the session".to_string(),
                    )),
                    Some(_) => None,
                };
                if let Some((message, help)) = problem {
                    let at = if date.is_some() {
                        path
                    } else {
                        format!("facilitators.{i}.name")
                    };
                    report.push(
                        Diagnostic::new(&FACILITATOR_TRAINING, message)
                            .at_key(&session.data, &at)
                            .help(help)
                            .session(&session.id),
                    );
                }
            }
        }
        let welsh = s
            .claimants
            .map_or(0, |l| l.invited().filter(|c| c.wishes_welsh()).count());
        if welsh > 0 && !session.facilitators.iter().any(|f| f.welsh_speaker) {
            report.push(
                Diagnostic::new(
                    &NO_WELSH_SPEAKER,
                    format!(
                        "{welsh} invited claimant{} wish{} to use Welsh at the session (chose Welsh letters or said so), and no facilitator speaks Welsh",
                        if welsh == 1 { "" } else { "s" },
                        if welsh == 1 { "es" } else { "" }
                    ),
                )
                .at_key(&session.data, "facilitators")
                .help("add `welsh_speaker: true` to a facilitator who speaks Welsh, or arrange simultaneous interpretation")
                .session(&session.id),
            );
        }
        if !session.facilitators.iter().any(|f| f.role == Role::Deputy) {
            report.push(
                Diagnostic::new(&NO_DEPUTY, "no deputy facilitator is named")
                    .at_key(&session.data, "facilitators")
                    .help("add a facilitator with `role: deputy` who can run the session if the lead cannot")
                    .session(&session.id),
            );
        }
    }
}
