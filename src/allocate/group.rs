//! The grouping stage (next-capabilities 1.7.4, step 4): the fixed charges a flow cannot
//! express, decided by a small mixed-integer programme per group of offices in `good_lp` with
//! the pure-Rust `microlp`. Off unless the project asks for it:
//!
//! - `interpreter_booking` (AL-G01, GSG 29, 40): a booking for a language at a session costs
//!   its points once, shared by everyone placed there who needs it, so the same language is
//!   put at the same session when that is worth a claimant's preference.
//! - `close_below_target` (AL-G02, GSG 32): a session runs with at least its target of twice
//!   the optimum, or closes.
//!
//! It decides only the bookings and the closures; the seats are then assigned by the flow with
//! them fixed, which is exact (what remains is a transportation problem) and keeps the
//! tie-break and the stability of a plain run.

use std::time::Duration;

use good_lp::{
    Expression, ProblemVariables, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithTimeLimit, microlp, variable,
};

use super::solve;

/// What the stage is asked to decide for one group of offices.
pub struct Input<'p> {
    pub problem: &'p solve::Problem,
    /// For each person, for each of their arcs (in order), the language to book for them
    /// there: an index into `languages`; `None` when they need no booking there.
    pub needs: Vec<Vec<Option<usize>>>,
    pub languages: Vec<String>,
    /// The points of one booking, when bookings are decided.
    pub booking: Option<u32>,
    /// Each session's target, when closures are decided; `None` for a session that stays
    /// whatever happens (a claimant is pinned to it).
    pub targets: Option<Vec<Option<u32>>>,
    /// The flow's assignment, to start from.
    pub start: &'p [Option<usize>],
    pub time_limit: Duration,
}

/// The stage's decision for one group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// (session, language) pairs to book.
    pub bookings: Vec<(usize, usize)>,
    /// Sessions to close.
    pub closed: Vec<usize>,
    /// The time limit stopped the search: the best decision found, perhaps not the best.
    pub stopped: bool,
}

/// The points of the decision's assignment as the programme counts them: the claimants'
/// points and the bookings'. For tests and the cross-check.
pub fn objective(input: &Input, chosen: &[Option<usize>], bookings: usize) -> u64 {
    input.problem.objective(chosen) + bookings as u64 * u64::from(input.booking.unwrap_or(0))
}

/// Decide the bookings and closures of one group. `Err` when the solver fails (reported, and
/// the group keeps the plain flow's result).
pub fn decide(input: &Input) -> Result<Decision, String> {
    let problem = input.problem;
    let m = problem.sessions.len();
    let mut vars = ProblemVariables::new();
    let mut objective = Expression::with_capacity(problem.people.len() * 8);
    let mut start: Vec<(Variable, f64)> = Vec::new();
    // x: a person in a session; u: a person not placed.
    let mut in_session: Vec<Expression> = (0..m).map(|_| Expression::from(0.0)).collect();
    let mut rows: Vec<Expression> = Vec::with_capacity(problem.people.len());
    let mut links: Vec<(Variable, usize, usize, bool)> = Vec::new(); // (x, session, language, in the start)
    for (p, person) in problem.people.iter().enumerate() {
        let mut row = Expression::from(0.0);
        for (k, arc) in person.arcs.iter().enumerate() {
            let points = problem.points_of(p, Some(arc.session)).unwrap_or(0);
            let x = vars.add(variable().min(0).max(1));
            objective.add_mul(f64::from(points), x);
            row.add_mul(1.0, x);
            in_session[arc.session].add_mul(1.0, x);
            let on = input.start.get(p).copied().flatten() == Some(arc.session);
            if let Some(language) = input.needs.get(p).and_then(|n| n.get(k)).copied().flatten() {
                links.push((x, arc.session, language, on));
            }
            start.push((x, if on { 1.0 } else { 0.0 }));
        }
        let u = vars.add(variable().min(0).max(1));
        objective.add_mul(f64::from(problem.points_of(p, None).unwrap_or(0)), u);
        row.add_mul(1.0, u);
        let unplaced = input.start.get(p).copied().flatten().is_none();
        start.push((u, if unplaced { 1.0 } else { 0.0 }));
        rows.push(row);
    }
    // y: a booking for a language at a session, wherever someone needs one there.
    let mut bookings: Vec<((usize, usize), Variable)> = Vec::new();
    if let Some(points) = input.booking {
        let mut pairs: Vec<(usize, usize)> = links.iter().map(|(_, s, l, _)| (*s, *l)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        for pair in pairs {
            let y = vars.add(variable().binary());
            objective.add_mul(f64::from(points), y);
            // The flow's assignment is a solution with a booking wherever it placed someone
            // who needs one.
            let wanted = links.iter().any(|(_, s, l, on)| *on && (*s, *l) == pair);
            start.push((y, if wanted { 1.0 } else { 0.0 }));
            bookings.push((pair, y));
        }
    }
    // o: a session open, when closures are decided.
    let mut open: Vec<(usize, Variable, u32)> = Vec::new();
    if let Some(targets) = &input.targets {
        for (s, target) in targets.iter().enumerate() {
            if let Some(target) = target.filter(|t| *t > 0) {
                let o = vars.add(variable().binary());
                open.push((s, o, target));
            }
        }
    }
    let mut model = vars
        .minimise(objective)
        .using(microlp)
        .with_time_limit(input.time_limit.as_secs_f64());
    for row in rows {
        model.add_constraint(row.eq(1.0));
    }
    for (s, total) in in_session.iter().enumerate() {
        let seats = f64::from(problem.seats[s]);
        match open.iter().find(|(o, _, _)| *o == s) {
            Some((_, o, target)) => {
                // Open: between the target and the seats; closed: nobody.
                model.add_constraint(total.clone().leq(seats * *o));
                model.add_constraint(total.clone().geq(f64::from(*target) * *o));
            }
            None => {
                model.add_constraint(total.clone().leq(seats));
            }
        }
    }
    for (x, s, l, _) in &links {
        if let Ok(b) = bookings.binary_search_by(|(pair, _)| pair.cmp(&(*s, *l))) {
            let y = &bookings[b].1;
            model.add_constraint(Expression::from(*x).leq(*y));
        }
    }
    // A start that breaks a target is no start: microlp ignores an infeasible one.
    let model = model.with_initial_solution(start);
    let solution = model.solve().map_err(|e| e.to_string())?;
    let stopped = !matches!(solution.status(), SolutionStatus::Optimal);
    let mut decision = Decision {
        stopped,
        ..Decision::default()
    };
    for (pair, y) in &bookings {
        if solution.value(*y) > 0.5 {
            decision.bookings.push(*pair);
        }
    }
    for (s, o, _) in &open {
        if solution.value(*o) < 0.5 {
            decision.closed.push(*s);
        }
    }
    Ok(decision)
}
