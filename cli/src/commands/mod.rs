pub mod check;
pub mod parse;
pub mod rule;
