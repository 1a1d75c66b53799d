//! The cart area's database work: a cart record whose lines are replaced as a whole,
//! conditionally on its version, and the product details and stock the cart shows.

pub mod store;
