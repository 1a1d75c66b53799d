//! The promotions area's database work: the promotions shops run (their rules as the
//! pricing engine reads them, schedules, pauses and budgets), the running ones a
//! checkout prices with, and what each has given away and brought in. The rules
//! deciding what to write are in the app (`app::promotions`).

pub mod store;
