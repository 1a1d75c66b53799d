//! The product questions area's database work (questions, answers, held ones for
//! moderators, who bought what). The app's `qa::imp` calls it.

pub mod store;
