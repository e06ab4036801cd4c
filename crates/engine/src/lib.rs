//! NHS redeployment match rounds.
