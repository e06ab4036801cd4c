//! Domain-free minimum-cost assignment.
