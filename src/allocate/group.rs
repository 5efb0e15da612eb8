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
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithMipGap, WithTimeLimit, microlp, variable,
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    /// The programme's objective: the claimants' points and the bookings'.
    pub objective: f64,
    /// (session, language) pairs to book.
    pub bookings: Vec<(usize, usize)>,
    /// Sessions to close.
    pub closed: Vec<usize>,
    /// Sessions that stay open only with their target: the flow fills them to it first.
    pub kept: Vec<usize>,
    /// The time limit stopped the search: the best decision found, perhaps not the best.
    pub stopped: bool,
}

/// Decide the bookings and closures of one group. `Err` when the solver fails (reported, and
/// the group keeps the plain flow's result).
pub fn decide(input: &Input) -> Result<Decision, String> {
    let problem = input.problem;
    let m = problem.sessions.len();
    let mut vars = ProblemVariables::new();
    let mut objective = Expression::with_capacity(problem.people.len() * 8);
    let mut start: Vec<(Variable, f64)> = Vec::new();
    // Claimants who need no booking and whose points are the same everywhere are one kind:
    // how many of them go where is all the programme decides of them, so it holds one
    // variable a session for the kind, not one a claimant (the same optimum, a smaller
    // programme). Those who need a booking stay one by one: x <= y, claimant by claimant,
    // is what makes the programme's bound strong.
    let mut kinds: Vec<Vec<usize>> = Vec::new();
    let mut kind_of: std::collections::HashMap<(Vec<(usize, u32)>, u32), usize> =
        std::collections::HashMap::new();
    for (p, person) in problem.people.iter().enumerate() {
        let needs_booking = (input.needs.get(p).into_iter().flatten()).any(Option::is_some);
        if needs_booking {
            kinds.push(vec![p]);
            continue;
        }
        let arcs: Vec<(usize, u32)> = (person.arcs.iter())
            .map(|a| {
                (
                    a.session,
                    problem.points_of(p, Some(a.session)).unwrap_or(0),
                )
            })
            .collect();
        let key = (arcs, problem.points_of(p, None).unwrap_or(0));
        match kind_of.get(&key) {
            Some(&k) => kinds[k].push(p),
            None => {
                kind_of.insert(key, kinds.len());
                kinds.push(vec![p]);
            }
        }
    }
    // x: claimants of a kind in a session; u: claimants of a kind not placed.
    let mut in_session: Vec<Expression> = (0..m).map(|_| Expression::from(0.0)).collect();
    let mut rows: Vec<(Expression, f64)> = Vec::with_capacity(kinds.len());
    let mut links: Vec<(Variable, usize, usize, bool)> = Vec::new(); // (x, session, language, in the start)
    for members in &kinds {
        let p = members[0];
        let size = members.len() as f64;
        let at = |s: Option<usize>| {
            (members.iter())
                .filter(|q| input.start.get(**q).copied().flatten() == s)
                .count() as f64
        };
        let mut row = Expression::from(0.0);
        for (k, arc) in problem.people[p].arcs.iter().enumerate() {
            let points = problem.points_of(p, Some(arc.session)).unwrap_or(0);
            let x = vars.add(variable().min(0).max(size));
            objective.add_mul(f64::from(points), x);
            row.add_mul(1.0, x);
            in_session[arc.session].add_mul(1.0, x);
            let on = at(Some(arc.session));
            if let Some(language) = input.needs.get(p).and_then(|n| n.get(k)).copied().flatten() {
                links.push((x, arc.session, language, on > 0.5));
            }
            start.push((x, on));
        }
        let u = vars.add(variable().min(0).max(size));
        objective.add_mul(f64::from(problem.points_of(p, None).unwrap_or(0)), u);
        row.add_mul(1.0, u);
        start.push((u, at(None)));
        rows.push((row, size));
    }
    // y: a booking for a language at a session, wherever someone needs one there.
    let mut bookings: Vec<((usize, usize), Variable)> = Vec::new();
    let mut started: Vec<(usize, usize)> = Vec::new(); // the start's bookings
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
            if wanted {
                started.push(pair);
            }
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
    let objective_again = objective.clone();
    let mut model = vars
        .minimise(objective)
        .using(microlp)
        .with_time_limit(input.time_limit.as_secs_f64());
    for (row, size) in rows {
        model.add_constraint(row.eq(size));
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
    // Every coefficient is a whole number of points, so the objective of any solution is
    // whole: an incumbent less than one point above the bound is optimal. As a relative gap,
    // that is below one point in the largest objective an incumbent can have: the start's
    // when it is a solution (no target broken), otherwise every claimant's worst and every
    // booking.
    let worst = start_value(input).unwrap_or_else(|| {
        let people = (0..problem.people.len()).map(|p| u64::from(problem.worst(p)));
        people.sum::<u64>() + bookings.len() as u64 * u64::from(input.booking.unwrap_or(0))
    });
    let gap = 0.999 / (worst.max(1) as f64);
    // A start that breaks a target is no start: microlp ignores an infeasible one.
    let model = model
        .with_initial_solution(start)
        .with_mip_gap(gap as f32)
        .map_err(|e| e.to_string())?;
    let solution = match model.solve() {
        Ok(solution) => solution,
        // Out of time before any solution (the start broke a target, or there was no time
        // to take it): the start's bookings, no session closed, and said. (good_lp's microlp
        // gives `Other` for this alone; infeasible and unbounded have their own.)
        Err(ResolutionError::Other(_)) => {
            return Ok(Decision {
                objective: problem.objective(input.start) as f64
                    + (started.len() as f64) * f64::from(input.booking.unwrap_or(0)),
                bookings: started,
                stopped: true,
                ..Decision::default()
            });
        }
        Err(e) => return Err(e.to_string()),
    };
    let stopped = !matches!(
        solution.status(),
        SolutionStatus::Optimal | SolutionStatus::GapLimit
    );
    let mut decision = Decision {
        objective: solution.eval(&objective_again),
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
        } else {
            decision.kept.push(*s);
        }
    }
    Ok(decision)
}

/// The objective of the start, when it is a solution of the programme: every session with a
/// target either empty or at its target.
fn start_value(input: &Input) -> Option<u64> {
    let problem = input.problem;
    let mut count = vec![0u32; problem.sessions.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (p, at) in input.start.iter().enumerate() {
        let Some(s) = *at else { continue };
        count[s] += 1;
        let k = problem.people[p].arcs.iter().position(|a| a.session == s)?;
        if let Some(l) = input.needs.get(p).and_then(|n| n.get(k)).copied().flatten() {
            pairs.push((s, l));
        }
    }
    if let Some(targets) = &input.targets {
        let broken = (targets.iter().zip(&count)).any(|(t, c)| t.is_some_and(|t| *c > 0 && *c < t));
        if broken {
            return None;
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let bookings = if input.booking.is_some() {
        pairs.len()
    } else {
        0
    };
    Some(problem.objective(input.start) + bookings as u64 * u64::from(input.booking.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocate::solve::tests::{Rng, every_assignment};
    use crate::allocate::solve::{Arc, Person, Problem};

    /// A random office: `n` claimants, `m` sessions, the points of the real weights.
    fn office(rng: &mut Rng, n: usize, m: usize, seats: u64) -> Problem {
        let mut people = Vec::new();
        for i in 0..n {
            let mut arcs = Vec::new();
            for session in 0..m {
                if rng.below(5) != 0 {
                    let points = [0, 2, 4, 10, 60, 100, 102, 150, 160][rng.below(9) as usize];
                    arcs.push(Arc { session, points });
                }
            }
            let baseline = (rng.below(4) == 0).then(|| rng.below(m as u64) as usize);
            people.push(Person {
                reference: format!("C{i:05}"),
                arcs,
                baseline,
            });
        }
        Problem {
            people,
            sessions: (0..m).map(|s| format!("s-{s:02}")).collect(),
            seats: (0..m).map(|_| rng.below(seats + 1) as u32).collect(),
            move_points: 500,
            floors: vec![0; m],
        }
    }

    fn input<'p>(problem: &'p Problem, start: &'p [Option<usize>]) -> Input<'p> {
        Input {
            problem,
            needs: problem
                .people
                .iter()
                .map(|p| vec![None; p.arcs.len()])
                .collect(),
            languages: Vec::new(),
            booking: None,
            targets: None,
            start,
            time_limit: Duration::from_secs(60),
        }
    }

    /// The LP cross-check (1.7.7, 3): without bookings or closures the programme is the
    /// flow's problem as a linear programme, and its optimum equals the flow's points exactly.
    #[test]
    fn the_linear_programme_agrees_with_the_flow() {
        let offices = if cfg!(debug_assertions) { 3 } else { 50 };
        let mut rng = Rng(0x1bc0_ffee);
        for _ in 0..offices {
            let problem = office(&mut rng, 500, 25, 24);
            let flow = problem.solve();
            let lp = decide(&input(&problem, &flow)).unwrap();
            assert!(!lp.stopped);
            assert_eq!(lp.objective.round() as u64, problem.objective(&flow));
            assert!((lp.objective - lp.objective.round()).abs() < 1e-6);
        }
    }

    /// A search stopped by its time limit says so (AL005), and keeps a decision: at worst the
    /// start's, a booking wherever the flow put someone who needs one.
    #[test]
    fn a_search_out_of_time_says_so_and_keeps_the_start() {
        let mut rng = Rng(0x7105_e0f5);
        let problem = office(&mut rng, 300, 20, 20);
        let start = problem.solve();
        let needs: Vec<Vec<Option<usize>>> = (problem.people.iter().enumerate())
            .map(|(i, p)| vec![(i % 5 == 0).then_some(0); p.arcs.len()])
            .collect();
        let stage = Input {
            needs,
            languages: vec!["pl".into()],
            booking: Some(150),
            time_limit: Duration::ZERO,
            ..input(&problem, &start)
        };
        let decision = decide(&stage).unwrap();
        assert!(decision.stopped, "{decision:?}");
        let mut started: Vec<(usize, usize)> = (start.iter().enumerate())
            .filter_map(|(i, s)| s.filter(|_| i % 5 == 0).map(|s| (s, 0)))
            .collect();
        started.sort_unstable();
        started.dedup();
        assert_eq!(decision.bookings, started);
        assert!(decision.closed.is_empty() && decision.kept.is_empty());
    }

    /// The grouping stage against every assignment of small random offices: bookings and
    /// closures decided by the programme, then the flow with them fixed, reach the best
    /// objective there is (claimants' points, and a booking's for each language at each
    /// session), and every session that runs reaches its target.
    #[test]
    fn the_grouping_stage_then_the_flow_is_the_best_of_every_assignment() {
        let mut rng = Rng(0x9e0_0b00c);
        for round in 0..300 {
            let n = 1 + rng.below(6) as usize;
            let m = 1 + rng.below(3) as usize;
            let mut problem = office(&mut rng, n, m, 4);
            if round % 3 == 0 {
                // Claimants alike in everything: one kind in the programme.
                let first = problem.people[0].clone();
                for person in problem.people.iter_mut().skip(1) {
                    person.arcs = first.arcs.clone();
                    person.baseline = first.baseline;
                }
            }
            let problem = problem;
            // Each claimant needs one of two languages, or none; a session may have one listed.
            let speaks: Vec<Option<usize>> = (0..n)
                .map(|_| [None, None, Some(0), Some(1)][rng.below(4) as usize])
                .collect();
            let listed: Vec<Option<usize>> = (0..m)
                .map(|_| [None, None, Some(0)][rng.below(3) as usize])
                .collect();
            let needs: Vec<Vec<Option<usize>>> = (problem.people.iter().zip(&speaks))
                .map(|(p, l)| {
                    p.arcs
                        .iter()
                        .map(|a| l.filter(|l| listed[a.session] != Some(*l)))
                        .collect()
                })
                .collect();
            let booking = [0, 30, 150, 400][rng.below(4) as usize];
            let close = round % 2 == 0;
            let targets: Vec<Option<u32>> = (0..m).map(|_| Some(1 + rng.below(3) as u32)).collect();
            let start = problem.solve();
            let stage = Input {
                needs: needs.clone(),
                languages: vec!["pl".into(), "ar".into()],
                booking: Some(booking),
                targets: close.then(|| targets.clone()),
                ..input(&problem, &start)
            };
            let decision = decide(&stage).unwrap();
            // The cost of an assignment to the programme, `None` when it breaks a target.
            let need_at = |i: usize, s: usize| {
                let k = problem.people[i].arcs.iter().position(|a| a.session == s)?;
                needs[i][k]
            };
            let value = |chosen: &[Option<usize>]| -> Option<u64> {
                let mut pairs: Vec<(usize, usize)> = (0..n)
                    .filter_map(|i| chosen[i].and_then(|s| Some((s, need_at(i, s)?))))
                    .collect();
                pairs.sort_unstable();
                pairs.dedup();
                for (s, target) in targets.iter().enumerate() {
                    let count = chosen.iter().filter(|c| **c == Some(s)).count() as u32;
                    if count > problem.seats[s]
                        || (close && count > 0 && count < target.unwrap_or(0))
                    {
                        return None;
                    }
                }
                Some(problem.objective(chosen) + pairs.len() as u64 * u64::from(booking))
            };
            let best = (every_assignment(&problem))
                .filter_map(|chosen| value(&chosen))
                .min()
                .unwrap_or(u64::MAX);
            // The flow again, as `allocate` runs it: closed sessions and unbooked languages
            // gone, the open sessions filled to their target.
            let mut fixed = problem.clone();
            for (i, person) in fixed.people.iter_mut().enumerate() {
                let arcs = std::mem::take(&mut person.arcs);
                person.arcs = (arcs.into_iter().enumerate())
                    .filter(|(k, a)| {
                        !decision.closed.contains(&a.session)
                            && needs[i][*k]
                                .is_none_or(|l| decision.bookings.contains(&(a.session, l)))
                    })
                    .map(|(_, a)| a)
                    .collect();
            }
            fixed.floors = (0..m)
                .map(|s| match decision.kept.contains(&s) {
                    true => targets[s].unwrap_or(0),
                    false => 0,
                })
                .collect();
            let chosen = fixed.solve();
            assert_eq!(
                value(&chosen),
                Some(best),
                "round {round}: {fixed:?} {decision:?}"
            );
            assert!(
                (decision.objective - best as f64).abs() < 1e-6,
                "round {round}"
            );
        }
    }
}
