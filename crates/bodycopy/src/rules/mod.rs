//! Heuristics as named data. Each table carries a one-line reason; stages look
//! words up here rather than embedding literals.

pub mod classes;
pub mod phrases;
pub mod tags;
