//! One module per subcommand: each owns its arguments and turns library results into output,
//! returning `anyhow::Result<()>`; `main.rs` decides the exit code of every error in one place.

pub mod against;
pub mod check;
pub mod compare;
pub mod exercise;
pub mod generate;
pub mod import;
pub mod interchange;
pub mod key;
pub mod progress;
pub mod run;
pub mod solve;
pub mod sweep;
pub mod whatif;
