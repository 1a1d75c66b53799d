//! The promotions area's database work: the promotions shops run (their rules as the
//! pricing engine reads them, schedules, pauses and budgets), the running ones a
//! checkout prices with, what each has given away and brought in (and what a
//! cancellation gives back), and the orders a promotion's report reads. The rules
//! deciding what to write are in the app (`app::promotions`).

pub mod store;
