//! The figures of a round `whatif` compares, and the difference a change makes.
//!
//! This module owns [`Figures`] (what a round is judged by: people placed, redundancy pay
//! avoided, pay protection, net saving), read from a [`Round`]'s metrics and nothing else, and
//! [`Effect`]: the difference between a changed round and the baseline, with the people who gain
//! a post, lose one or change one.

use std::collections::BTreeMap;

use redeploy_engine::{Money, Rerun, Round, RoundFigures};
use serde::Serialize;

/// What a round is judged by, read from its metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Figures {
    /// People placed.
    pub placed: i64,
    /// Section 16 redundancy pay the placements avoid.
    pub redundancy_pay_avoided: Money,
    /// Pay protection the placements cost.
    pub pay_protection: Money,
    /// Redundancy pay avoided less pay protection and excess travel.
    pub net_saving: Money,
}

impl Figures {
    /// The figures of `round`.
    pub fn of(round: &Round) -> Figures {
        let m = &round.metrics;
        Figures {
            placed: i64::from(m.placed),
            redundancy_pay_avoided: m.redundancy_cost_avoided,
            pay_protection: m.pay_protection_cost,
            net_saving: m.net_saving,
        }
    }

    /// The figures of a round decided again from a prepared round.
    pub fn of_figures(figures: &RoundFigures) -> Figures {
        Figures {
            placed: i64::from(figures.placed),
            redundancy_pay_avoided: figures.redundancy_cost_avoided,
            pay_protection: figures.pay_protection_cost,
            net_saving: figures.net_saving,
        }
    }

    /// `self - base`, field by field.
    ///
    /// ```
    /// use redeploy_engine::Money;
    /// use redeploy_whatif::Figures;
    ///
    /// let a = Figures { placed: 5, net_saving: Money(700), ..Figures::default() };
    /// let b = Figures { placed: 3, net_saving: Money(1_000), ..Figures::default() };
    /// let d = a.minus(&b);
    /// assert_eq!((d.placed, d.net_saving), (2, Money(-300)));
    /// ```
    pub fn minus(&self, base: &Figures) -> Figures {
        Figures {
            placed: self.placed - base.placed,
            redundancy_pay_avoided: self.redundancy_pay_avoided - base.redundancy_pay_avoided,
            pay_protection: self.pay_protection - base.pay_protection,
            net_saving: self.net_saving - base.net_saving,
        }
    }
}

/// A person whose post a change moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    /// Person id.
    pub person: String,
    /// Their vacancy in the baseline (`None`: unplaced).
    pub from: Option<String>,
    /// Their vacancy after the change (`None`: unplaced).
    pub to: Option<String>,
}

/// What a change does to the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Effect {
    /// The changed round's figures less the baseline's.
    pub delta: Figures,
    /// People placed after the change who were not before, by person id.
    pub gain: Vec<Move>,
    /// People placed before who are not after, by person id.
    pub lose: Vec<Move>,
    /// People placed in both with a different vacancy, by person id.
    pub change: Vec<Move>,
}

/// Each person's vacancy in `round`, by person id.
pub(crate) fn posts_of(round: &Round) -> BTreeMap<&str, &str> {
    round
        .placements
        .iter()
        .map(|p| (p.person.as_str(), p.vacancy.as_str()))
        .collect()
}

impl Effect {
    /// The effect of `changed` against `base`. People absent from either round (volunteers)
    /// take no part.
    pub fn between(base: &Round, changed: &Round) -> Effect {
        let before = posts_of(base);
        let after = posts_of(changed);
        let mv = |person: &str| Move {
            person: person.to_string(),
            from: before.get(person).map(|v| (*v).to_string()),
            to: after.get(person).map(|v| (*v).to_string()),
        };
        let gain = after
            .keys()
            .filter(|p| !before.contains_key(*p))
            .map(|p| mv(p))
            .collect();
        let lose = before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .map(|p| mv(p))
            .collect();
        let change = before
            .iter()
            .filter(|(p, v)| after.get(*p).is_some_and(|w| w != *v))
            .map(|(p, _)| mv(p))
            .collect();
        Effect {
            delta: Figures::of(changed).minus(&Figures::of(base)),
            gain,
            lose,
            change,
        }
    }

    /// The effect of a withdrawal decided again from the baseline's prepared round
    /// ([`redeploy_engine::PreparedRound::withdraw`]), against the baseline's figures `base`.
    pub fn of_rerun(base: &Figures, rerun: &Rerun) -> Effect {
        let (mut gain, mut lose, mut change) = (Vec::new(), Vec::new(), Vec::new());
        for m in &rerun.moved {
            let mv = Move {
                person: m.person.clone(),
                from: m.from.clone(),
                to: m.to.clone(),
            };
            match (&m.from, &m.to) {
                (None, Some(_)) => gain.push(mv),
                (Some(_), None) => lose.push(mv),
                (Some(_), Some(_)) => change.push(mv),
                (None, None) => {}
            }
        }
        Effect {
            delta: Figures::of_figures(&rerun.figures).minus(base),
            gain,
            lose,
            change,
        }
    }

    /// How many people the change moves (gain, lose or change a post).
    pub fn moved(&self) -> usize {
        self.gain.len() + self.lose.len() + self.change.len()
    }
}
