//! Why a guarded transaction wrote nothing. A guard names its refusal in Rust when the
//! statement is built; the database only carries the guard's number back, so no
//! refusal is ever read out of message text.

/// The reasons a guard in a [`super::Tx`] stops a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Fewer units are left of this product (its key) than the change needs.
    OutOfStock { product: String },
    /// The record is no longer in a state the change starts from (an order moved on,
    /// a balance changed, an application was already reviewed).
    WrongState,
    /// Someone already decided this case, notice, report, review or reward.
    AlreadyDecided,
    /// The record this change would create exists already (a second return, vote,
    /// report, review or appeal).
    AlreadyExists,
    /// The record to change does not exist or is not the actor's.
    NotFound,
    /// The record changed since it was read (a review edited meanwhile).
    Changed,
    /// Store credit was spent or changed by another checkout meanwhile.
    CreditChanged,
    /// A sharing reward changed since it was read.
    RewardChanged,
    /// A return is still open on the order.
    ReturnOpen,
    /// The amount is more than the balance holds.
    ExceedsBalance,
    /// The shop address (slug) belongs to another seller.
    SlugTaken,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::OutOfStock { product } => write!(f, "out of stock: {product}"),
            Refusal::WrongState => f.write_str("wrong state"),
            Refusal::AlreadyDecided => f.write_str("already decided"),
            Refusal::AlreadyExists => f.write_str("already exists"),
            Refusal::NotFound => f.write_str("not found"),
            Refusal::Changed => f.write_str("changed meanwhile"),
            Refusal::CreditChanged => f.write_str("credit changed"),
            Refusal::RewardChanged => f.write_str("reward changed"),
            Refusal::ReturnOpen => f.write_str("return open"),
            Refusal::ExceedsBalance => f.write_str("exceeds balance"),
            Refusal::SlugTaken => f.write_str("slug taken"),
        }
    }
}
