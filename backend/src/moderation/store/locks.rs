//! Moderation locks on listings: the one place that writes `product.locks`. Moderators'
//! decisions, shoppers' report holds and the rights-notice workflow put locks on and
//! lift them here, inside their own transactions; no seller path writes them, and the
//! database refuses a locked listing in a status that can go live (the
//! `locked_listing_stays_down` event, migration 0023), so a path that forgets the rule
//! fails instead of putting the listing back on sale.

use domain::listing::{ListingStatus, Lock};

use crate::db::Stmts;

// Every statement changes the listing and its variants (the rows `variants` lists) alike,
// so a decision on a listing holds for each of its sizes and colours. Each value is
// computed from the row as it was (the assignments read the old `locks` and `status`).
macro_rules! on_listing_and_variants {
    ($set:expr) => {
        concat!(
            "UPDATE $product SET ",
            $set,
            ";\n",
            "IF array::len($product.variants ?? []) > 0 { UPDATE $product.variants SET ",
            $set,
            " }"
        )
    };
}

// A listing's status when its first lock went on (`status_before_lock`) is where it
// returns when the last lock comes off, unless the decision that lifts it says otherwise.
macro_rules! put {
    () => {
        "status_before_lock = IF array::len(locks) = 0 { status } ELSE { status_before_lock }, \
         status = IF $lk_force OR status NOT IN ['draft', 'held', 'delisted'] { $lk_down } ELSE { status }, \
         locks = array::union(array::complement(locks, $lk_lifted), [$lk_lock]), updated_at = $now"
    };
}
macro_rules! lift {
    () => {
        "status = IF array::len(array::complement(locks, $lk_lifted)) = 0 { $lk_up ?? status_before_lock ?? status } ELSE { status }, \
         status_before_lock = IF array::len(array::complement(locks, $lk_lifted)) = 0 { NONE } ELSE { status_before_lock }, \
         locks = array::complement(locks, $lk_lifted), updated_at = $now"
    };
}

const PUT: &str = on_listing_and_variants!(put!());
const LIFT: &str = on_listing_and_variants!(lift!());
const PUT_SHOP: &str = concat!(
    "IF $lk_when { UPDATE product SET ",
    put!(),
    " WHERE shop = $shop }"
);
const LIFT_SHOP: &str = concat!(
    "IF $lk_when { UPDATE product SET ",
    lift!(),
    " WHERE shop = $shop AND 'shop' IN locks }"
);

/// What a decision does to a listing's locks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockChange {
    /// Puts `lock` on (lifting `replaces`) and takes the listing down to `down` if it is
    /// in a status that is or can go live (always, with `force`).
    Put {
        lock: Lock,
        replaces: Vec<Lock>,
        down: ListingStatus,
        force: bool,
    },
    /// Lifts `locks`; with no lock left the listing takes the status `up`, or (`None`)
    /// the one it had before its first lock; while another lock remains it stays down.
    Lift {
        locks: Vec<Lock>,
        up: Option<ListingStatus>,
    },
}

fn names(locks: &[Lock]) -> Vec<&'static str> {
    locks.iter().map(|l| l.as_str()).collect()
}

/// The change's own variables, with its statements for one listing (and its variants)
/// and for every listing of a shop.
fn part(change: LockChange) -> (Stmts, &'static str, &'static str) {
    let mut part = Stmts::new();
    match change {
        LockChange::Put {
            lock,
            replaces,
            down,
            force,
        } => {
            debug_assert!(down.allowed_while_locked());
            part.bind("lk_lock", lock.as_str())
                .bind("lk_lifted", names(&replaces))
                .bind("lk_down", down.as_str())
                .bind("lk_force", force);
            (part, PUT, PUT_SHOP)
        }
        LockChange::Lift { locks, up } => {
            part.bind("lk_lifted", names(&locks))
                .bind("lk_up", up.map(ListingStatus::as_str));
            (part, LIFT, LIFT_SHOP)
        }
    }
}

/// Applies `change` to the listing bound as `$product` in `s` and to its variants (the
/// statements read `$now`); its own variables are kept apart from the host's.
pub fn apply(s: &mut Stmts, change: LockChange) {
    let (mut p, listing, _) = part(change);
    p.sql(listing);
    s.add(p);
}

/// Applies `change` (with [`Lock::Shop`]) to every listing of the shop bound as `$shop`
/// in `s`, when `when` (a condition over `s`'s variables) holds: a suspended or closed
/// shop sells nothing until it is reinstated.
pub fn apply_to_shop(s: &mut Stmts, change: LockChange, when: &str) {
    let (mut p, _, shop) = part(change);
    p.sql(&shop.replace("$lk_when", when));
    s.add(p);
}

/// A suspended, terminated or closed shop's listings come off sale under its lock.
pub fn shop_down() -> LockChange {
    LockChange::Put {
        lock: Lock::Shop,
        replaces: Vec::new(),
        down: ListingStatus::Delisted,
        force: false,
    }
}

/// A reinstated shop's listings return to where they were (unless another lock keeps
/// one down).
pub fn shop_up() -> LockChange {
    LockChange::Lift {
        locks: vec![Lock::Shop],
        up: None,
    }
}

/// The statuses in which the database refuses a locked listing (the event in
/// migration 0023 lists the same).
pub fn refused_while_locked() -> Vec<&'static str> {
    ListingStatus::ALL
        .into_iter()
        .filter(|s| !s.allowed_while_locked())
        .map(ListingStatus::as_str)
        .collect()
}
