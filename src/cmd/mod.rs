//! One module per subcommand: each owns its arguments and turns library results into output
//! and an exit code.

pub mod against;
pub mod check;
pub mod compare;
pub mod exercise;
pub mod generate;
pub mod import;
pub mod key;
pub mod progress;
pub mod run;
pub mod solve;
pub mod whatif;
