//! What would place more people: `redeploy whatif`.
//!
//! `redeploy-whatif` owns the questions a union officer asks after one round: which single
//! relaxation of the rules would keep the most people in work, which unplaced person each
//! relaxation would place, what each vacancy is worth to the round, where a new post would help
//! most, and, for each placement, the best post still open if the trial failed.
//!
//! # Every figure is a round that was run
//!
//! Each change ([`Change`]) is applied to the scenario, policy or round constraints
//! ([`Change::apply`]) and the round is run again: a relaxation with
//! [`redeploy_engine::run_round_constrained`], a change to vacancies only from the baseline's
//! [`redeploy_engine::PreparedRound`], in the scope units it touches; the figures are that
//! round's metrics less the baseline's ([`Effect`]). Nothing is estimated, so every figure
//! equals what `redeploy run` gives on the changed inputs (a property test checks this for every
//! kind of change). Only the
//! new-post shortlist is chosen by an estimate (the round's dual view), and only the shortlisted
//! posts are reported, each confirmed by its own round.
//!
//! Changes run in parallel (rayon) and are collected in the order listed, so the result is the
//! same on any number of threads.
//!
//! ```
//! use redeploy_synth::{SynthConfig, generate};
//! use redeploy_whatif::{Options, analyse};
//!
//! let scenario = generate(&SynthConfig { people: 30, posts: 40, seed: 1, ..SynthConfig::default() })?;
//! let report = analyse(&scenario, &scenario.policy, &Options::default())?;
//! for tried in &report.relaxations {
//!     println!("{}: {:+} placed", tried.step, tried.effect.delta.placed);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analyse;
mod change;
mod error;
mod fallback;
mod new_post;
mod outcome;

pub use analyse::{
    Effort, NewPostValue, Options, PersonFix, Tried, VacancyScope, VacancyValue, WhatIf, analyse,
};
pub use change::{
    Change, HOURS_STEP_WTE, NEW_POST_ID, NewPost, Relaxation, TRAINING_STEP_WEEKS,
    TRAVEL_STEP_MINUTES, relaxations,
};
pub use error::Error;
pub use fallback::{Fallback, fallbacks};
pub use new_post::{
    NewPostScore, SHORTLIST_FACTOR, may_be_in_window, new_post_candidates, shortlist,
};
pub use outcome::{Effect, Figures, Move};
