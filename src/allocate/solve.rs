//! The choice: a minimum-cost flow per group of offices (next-capabilities 1.2, 1.7.4), exact
//! and in integers. Source -> claimant (1 seat), claimant -> session (the pair's points),
//! claimant -> sink (not placed: 10,000 points), session -> sink (its free seats). The cost of
//! an arc is `points * S + tiebreak`, with the tie-break below one point in total, so the
//! optimum is unique and the same bytes come out whatever the row order or the threads.

use ac_library::MinCostFlowGraph;
use sha2::{Digest, Sha256};

use crate::config::Weights;

/// A session a claimant may be placed in, and what it costs in points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    pub session: usize,
    pub points: u32,
}

/// One claimant of the problem: their reference (for the tie-break), the sessions no hard
/// rule forbids them, and the session of the last allocation, if any.
#[derive(Debug, Clone)]
pub struct Person {
    pub reference: String,
    pub arcs: Vec<Arc>,
    pub baseline: Option<usize>,
}

/// One group of offices: its claimants and sessions, sorted, with each session's free seats.
#[derive(Debug, Clone)]
pub struct Problem {
    pub people: Vec<Person>,
    pub sessions: Vec<String>,
    pub seats: Vec<u32>,
    /// The points of moving a claimant away from their baseline session (AL-M01).
    pub move_points: u32,
    /// The fewest claimants each session must receive, when it can (the grouping stage keeps
    /// a session open only with its target, AL-G02); all 0 otherwise.
    pub floors: Vec<u32>,
}

/// The tie-break of a pair: below 1,024, from SHA-256 (stable across platforms and releases,
/// as `std`'s hashers are not).
pub fn tiebreak(reference: &str, session: &str) -> i64 {
    let mut hash = Sha256::new();
    hash.update(reference.as_bytes());
    hash.update([0]);
    hash.update(session.as_bytes());
    let digest = hash.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % 1024) as i64
}

impl Problem {
    /// The points of a person's placement (`None`: not placed), a move included.
    pub fn points_of(&self, person: usize, session: Option<usize>) -> Option<u32> {
        let p = &self.people[person];
        let moved = p.baseline.is_some() && p.baseline != session;
        let moves = if moved { self.move_points } else { 0 };
        match session {
            None => Some(Weights::NOT_PLACED + moves),
            Some(s) => p
                .arcs
                .iter()
                .find(|a| a.session == s)
                .map(|a| a.points + moves),
        }
    }

    /// The most points a person can cost: their dearest session, or not being placed, a move
    /// included.
    pub fn worst(&self, person: usize) -> u32 {
        let arcs = self.people[person].arcs.iter();
        let placed = arcs.filter_map(|a| self.points_of(person, Some(a.session)));
        placed
            .chain(self.points_of(person, None))
            .max()
            .unwrap_or(0)
    }

    /// The total points of an assignment (placements, not-placed and moves): the objective
    /// without its tie-break.
    pub fn objective(&self, chosen: &[Option<usize>]) -> u64 {
        (0..self.people.len())
            .map(|i| u64::from(self.points_of(i, chosen[i]).unwrap_or(u32::MAX)))
            .sum()
    }

    /// The full cost, tie-break included, that the flow minimises.
    pub fn cost(&self, chosen: &[Option<usize>]) -> i128 {
        let scale = i128::from(self.scale());
        (0..self.people.len())
            .map(|i| {
                let points = i128::from(self.points_of(i, chosen[i]).unwrap_or(u32::MAX));
                let session = chosen[i].map_or("", |s| self.sessions[s].as_str());
                points * scale + i128::from(tiebreak(&self.people[i].reference, session))
            })
            .sum()
    }

    /// S: a power of two above 1,024 for each claimant, so the tie-breaks of all of them
    /// together stay below one point.
    fn scale(&self) -> i64 {
        ((self.people.len() as i64 + 1) * 1024)
            .max(1)
            .unsigned_abs()
            .next_power_of_two() as i64
    }

    /// The best assignment: for each person, the index of their session, or `None`.
    ///
    /// A floor is met before anything else when it can be: every unit of flow into the sink
    /// other than a session's first `floor` seats costs `big`, more than all the points of the
    /// problem together, so the flow fills the floors first and then minimises as usual
    /// (costs stay non-negative, as the algorithm needs). Costs are `i128`: `big` times the
    /// claimants does not fit in `i64` for a large component.
    pub fn solve(&self) -> Vec<Option<usize>> {
        let (n, m) = (self.people.len(), self.sessions.len());
        if n == 0 {
            return Vec::new();
        }
        let scale = i128::from(self.scale());
        let big: i128 = if self.floors.iter().any(|f| *f > 0) {
            let most = (0..n).map(|i| i128::from(self.worst(i)) * scale + 1024);
            most.sum::<i128>() + 1
        } else {
            0
        };
        let (source, sink) = (n + m, n + m + 1);
        let mut graph: MinCostFlowGraph<i128> = MinCostFlowGraph::new(n + m + 2);
        let mut arcs: Vec<(usize, usize, usize)> = Vec::new(); // (edge, person, session)
        for (i, person) in self.people.iter().enumerate() {
            graph.add_edge(source, i, 1, 0);
            for arc in &person.arcs {
                let points = i128::from(self.points_of(i, Some(arc.session)).unwrap_or(0));
                let tiebreak = tiebreak(&person.reference, &self.sessions[arc.session]);
                let edge =
                    graph.add_edge(i, n + arc.session, 1, points * scale + i128::from(tiebreak));
                arcs.push((edge, i, arc.session));
            }
            let points = i128::from(self.points_of(i, None).unwrap_or(0));
            let tiebreak = i128::from(tiebreak(&person.reference, ""));
            graph.add_edge(i, sink, 1, points * scale + tiebreak + big);
        }
        for (s, seats) in self.seats.iter().enumerate() {
            let floor = self.floors.get(s).copied().unwrap_or(0).min(*seats);
            if floor > 0 {
                graph.add_edge(n + s, sink, i128::from(floor), 0);
            }
            if *seats > floor {
                graph.add_edge(n + s, sink, i128::from(*seats - floor), big);
            }
        }
        graph.flow(source, sink, n as i128);
        let mut chosen = vec![None; n];
        for (edge, person, session) in arcs {
            if graph.get_edge(edge).flow > 0 {
                chosen[person] = Some(session);
            }
        }
        chosen
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small random source (xorshift64*), seeded: the allocation's tests'.
    pub(crate) struct Rng(pub(crate) u64);

    impl Rng {
        pub(crate) fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
        }
    }

    /// Every assignment of at most 7 claimants to at most 3 sessions, enumerated: the flow's
    /// cost is the least of them, and it is the one assignment with that cost (1.7.7, 2).
    #[test]
    fn the_flow_is_the_best_of_every_assignment() {
        let mut rng = Rng(0x5e55_1077);
        let refs: Vec<String> = (0..7).map(|i| format!("C{i:04}")).collect();
        let ids = ["s-a", "s-b", "s-c"];
        for _ in 0..300 {
            let n = 1 + rng.below(7) as usize;
            let m = 1 + rng.below(3) as usize;
            let mut people = Vec::new();
            for reference in refs.iter().take(n) {
                let mut arcs = Vec::new();
                for session in 0..m {
                    if rng.below(4) != 0 {
                        let points = [0, 2, 10, 60, 100, 150, 160][rng.below(7) as usize];
                        arcs.push(Arc { session, points });
                    }
                }
                let baseline = (rng.below(3) == 0).then(|| rng.below(m as u64) as usize);
                people.push(Person {
                    reference: reference.clone(),
                    arcs,
                    baseline,
                });
            }
            let problem = Problem {
                people,
                sessions: ids[..m].iter().map(|s| s.to_string()).collect(),
                seats: (0..m).map(|_| rng.below(4) as u32).collect(),
                move_points: 500,
                floors: (0..m).map(|_| rng.below(3) as u32).collect(),
            };
            agrees_with_enumeration(&problem);
        }
    }

    /// A small problem from bytes, for the fuzz harness: at most 7 claimants and 3 sessions,
    /// each byte read once (0 when they run out).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Problem {
        let mut at = bytes.iter().copied();
        let mut next = move || at.next().unwrap_or(0);
        let n = 1 + usize::from(next() % 7);
        let m = 1 + usize::from(next() % 3);
        let seats = (0..m).map(|_| u32::from(next() % 4)).collect();
        let floors = (0..m).map(|_| u32::from(next() % 3)).collect();
        let people = (0..n)
            .map(|i| {
                let mut arcs = Vec::new();
                for session in 0..m {
                    let b = next();
                    if b % 4 != 0 {
                        let points = [0, 2, 10, 60, 100, 150, 160][usize::from(b / 4 % 7)];
                        arcs.push(Arc { session, points });
                    }
                }
                let b = next();
                Person {
                    reference: format!("C{i:04}"),
                    arcs,
                    baseline: (b % 3 == 0).then(|| usize::from(b / 3) % m),
                }
            })
            .collect();
        Problem {
            people,
            sessions: ["s-a", "s-b", "s-c"][..m]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            seats,
            move_points: 500,
            floors,
        }
    }

    /// Every assignment of a small problem's people to a session they have an arc to, or to
    /// none; seats not counted.
    pub(crate) fn every_assignment(problem: &Problem) -> impl Iterator<Item = Vec<Option<usize>>> {
        let (n, m) = (problem.people.len(), problem.sessions.len());
        (0..(m + 1).pow(n as u32))
            .map(move |code| {
                let mut c = code;
                (0..n)
                    .map(|_| {
                        let s = c % (m + 1);
                        c /= m + 1;
                        (s < m).then_some(s)
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|chosen| {
                chosen.iter().enumerate().all(|(i, s)| {
                    s.is_none_or(|s| problem.people[i].arcs.iter().any(|a| a.session == s))
                })
            })
    }

    /// The flow against every assignment of a small problem (at most 7 claimants and 3
    /// sessions): it fills the most of the floors, then costs least, and when that best is
    /// one assignment only, it is that one. Panics otherwise.
    pub(crate) fn agrees_with_enumeration(problem: &Problem) {
        let m = problem.sessions.len();
        let flow = problem.solve();
        // Enumerate: each person in one of m sessions or none. The best fills the most of
        // the floors, then costs least.
        let shortfall = |chosen: &[Option<usize>]| -> usize {
            (0..m)
                .map(|s| {
                    let floor = problem.floors[s].min(problem.seats[s]) as usize;
                    floor.saturating_sub(chosen.iter().filter(|c| **c == Some(s)).count())
                })
                .sum()
        };
        // ((floor seats short, cost), assignment)
        type Ranked = ((usize, i128), Vec<Option<usize>>);
        let mut best: Option<Ranked> = None;
        let mut ties = 0;
        for chosen in every_assignment(problem) {
            let over = (0..m).any(|s| {
                chosen.iter().filter(|c| **c == Some(s)).count() > problem.seats[s] as usize
            });
            if over {
                continue;
            }
            let cost = (shortfall(&chosen), problem.cost(&chosen));
            match &best {
                Some((b, _)) if *b < cost => {}
                Some((b, _)) if *b == cost => ties += 1,
                _ => {
                    best = Some((cost, chosen));
                    ties = 0;
                }
            }
        }
        let (best_cost, best_chosen) = best.unwrap();
        assert_eq!(
            (shortfall(&flow), problem.cost(&flow)),
            best_cost,
            "{problem:?}"
        );
        if ties == 0 {
            assert_eq!(flow, best_chosen, "{problem:?}");
        }
    }

    #[test]
    fn the_tiebreak_is_stable() {
        // Fixed by SHA-256: a change here changes every office's allocation.
        assert_eq!(
            tiebreak("C1001", "cardiff-2026-12-01"),
            tiebreak("C1001", "cardiff-2026-12-01")
        );
        assert!((0..1024).contains(&tiebreak("C1001", "")));
        assert_ne!(tiebreak("C1001", "a"), tiebreak("C1002", "a"));
    }
}
