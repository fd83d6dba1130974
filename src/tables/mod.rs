//! The pricing tables: their shape as written ([`schema`]) and the validated
//! view that pricing reads ([`book`]).

pub mod book;
pub mod schema;
