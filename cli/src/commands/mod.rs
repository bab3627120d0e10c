pub mod check;
pub mod fix;
pub mod parse;
pub mod rule;
