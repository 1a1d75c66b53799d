//! Notice and action: what happens to one listing named in a rights owner's infringement
//! notice, as an explicit state machine.
//!
//! ```text
//! received ─validate→ validated ─take down→ taken_down ─notify seller→ seller_notified
//!    │                   │                                              │         │
//!    └──── reject ───────┴→ rejected                     counter-notice │         │ window passes
//!                                                                       ↓         ↓
//!                                   counter_received ─forward→ forwarded      upheld
//!                                                               │      │
//!                                          owner shows legal action    waiting period passes
//!                                                               ↓      ↓
//!                                                          upheld    reinstated
//! upheld | reinstated | rejected ─close→ closed
//! ```
//!
//! Deadlines are set when a waiting state is entered, from the configured number of
//! working days (Monday to Friday, UTC), and fire through [`due`] with an injected clock:
//! each fires at most once because firing leaves the waiting state.

use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    Received,
    Validated,
    TakenDown,
    SellerNotified,
    CounterReceived,
    Forwarded,
    Reinstated,
    Upheld,
    Rejected,
    Closed,
}

impl State {
    pub const ALL: [State; 10] = [
        State::Received,
        State::Validated,
        State::TakenDown,
        State::SellerNotified,
        State::CounterReceived,
        State::Forwarded,
        State::Reinstated,
        State::Upheld,
        State::Rejected,
        State::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Validated => "validated",
            State::TakenDown => "taken_down",
            State::SellerNotified => "seller_notified",
            State::CounterReceived => "counter_received",
            State::Forwarded => "forwarded",
            State::Reinstated => "reinstated",
            State::Upheld => "upheld",
            State::Rejected => "rejected",
            State::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the listing is down while the item is in this state.
    pub fn listing_down(self) -> bool {
        matches!(
            self,
            State::TakenDown
                | State::SellerNotified
                | State::CounterReceived
                | State::Forwarded
                | State::Upheld
        )
    }

    /// Whether nothing more will happen to the item (apart from closing it).
    pub fn settled(self) -> bool {
        matches!(
            self,
            State::Reinstated | State::Upheld | State::Rejected | State::Closed
        )
    }
}

/// Deadlines in working days, editable by admins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// How long the seller has to file a counter-notice after being notified.
    pub seller_response_days: u32,
    /// How long the rights owner has to show legal action after the counter-notice is
    /// forwarded; after it, the listing is reinstated.
    pub reinstatement_days: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Self {
            seller_response_days: 3,
            reinstatement_days: 10,
        }
    }
}

/// One listing's progress through a notice. Times are unix seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub state: State,
    /// When the waiting state (seller_notified or forwarded) ends.
    pub deadline: Option<i64>,
}

impl Item {
    pub fn new() -> Self {
        Self {
            state: State::Received,
            deadline: None,
        }
    }
}

impl Default for Item {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// A moderator (or the fast track for a trusted notifier) finds the notice complete.
    Validate,
    /// A moderator finds the notice unfounded (with reasons, kept by the caller).
    Reject,
    TakeDown,
    NotifySeller {
        at: i64,
    },
    CounterNotice {
        at: i64,
    },
    Forward {
        at: i64,
    },
    /// The rights owner shows they started legal action before the waiting period ended.
    LegalAction {
        at: i64,
    },
    /// The clock passed the deadline of the waiting state.
    DeadlinePassed {
        now: i64,
    },
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The event does not apply in this state.
    NotAllowed { from: State },
    /// A counter-notice or legal action after its window closed.
    WindowClosed,
    /// The deadline has not come yet.
    NotYetDue,
}

/// The next state of `item` after `event`, or why the event is refused (nothing changes).
pub fn apply(item: &Item, event: Event, d: Deadlines) -> Result<Item, Refusal> {
    use State::*;
    let not_allowed = Err(Refusal::NotAllowed { from: item.state });
    let next = |state, deadline| Ok(Item { state, deadline });
    match (item.state, event) {
        (Received, Event::Validate) => next(Validated, None),
        (Received | Validated, Event::Reject) => next(Rejected, None),
        (Validated, Event::TakeDown) => next(TakenDown, None),
        (TakenDown, Event::NotifySeller { at }) => next(
            SellerNotified,
            Some(add_working_days(at, d.seller_response_days)),
        ),
        (SellerNotified, Event::CounterNotice { at }) => {
            if item.deadline.is_some_and(|end| at >= end) {
                Err(Refusal::WindowClosed)
            } else {
                next(CounterReceived, None)
            }
        }
        (CounterReceived, Event::Forward { at }) => {
            next(Forwarded, Some(add_working_days(at, d.reinstatement_days)))
        }
        (Forwarded, Event::LegalAction { at }) => {
            if item.deadline.is_some_and(|end| at >= end) {
                Err(Refusal::WindowClosed)
            } else {
                next(Upheld, None)
            }
        }
        (SellerNotified | Forwarded, Event::DeadlinePassed { now }) => match item.deadline {
            Some(end) if now >= end => next(
                if item.state == SellerNotified {
                    Upheld
                } else {
                    Reinstated
                },
                None,
            ),
            _ => Err(Refusal::NotYetDue),
        },
        (Upheld | Reinstated | Rejected, Event::Close) => next(Closed, None),
        _ => not_allowed,
    }
}

/// The deadline event the background job should apply now, if any.
pub fn due(item: &Item, now: i64) -> Option<Event> {
    match (item.state, item.deadline) {
        (State::SellerNotified | State::Forwarded, Some(end)) if now >= end => {
            Some(Event::DeadlinePassed { now })
        }
        _ => None,
    }
}

/// Whether every step a path takes is allowed by the machine: the states a listing must
/// pass through before each outcome.
pub fn required_before(state: State) -> &'static [State] {
    use State::*;
    match state {
        Received => &[],
        Validated => &[Received],
        Rejected => &[Received],
        TakenDown => &[Received, Validated],
        SellerNotified => &[Received, Validated, TakenDown],
        CounterReceived => &[Received, Validated, TakenDown, SellerNotified],
        Forwarded => &[
            Received,
            Validated,
            TakenDown,
            SellerNotified,
            CounterReceived,
        ],
        Reinstated => &[
            Received,
            Validated,
            TakenDown,
            SellerNotified,
            CounterReceived,
            Forwarded,
        ],
        Upheld => &[Received, Validated, TakenDown, SellerNotified],
        Closed => &[Received],
    }
}

/// Day of the week of a unix time, Monday = 0 (1970-01-01 was a Thursday).
pub fn weekday(unix: i64) -> i64 {
    (unix.div_euclid(DAY) + 3).rem_euclid(7)
}

/// `unix` moved forward by `days` working days (Monday to Friday, UTC), keeping the time
/// of day; a start on a weekend counts from the next Monday's same time.
pub fn add_working_days(unix: i64, days: u32) -> i64 {
    let mut t = unix;
    while weekday(t) >= 5 {
        t += DAY;
    }
    let mut left = days;
    while left > 0 {
        t += DAY;
        if weekday(t) < 5 {
            left -= 1;
        }
    }
    t
}

/// A rights owner's standing from their notices' outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Notices are validated without waiting for a moderator.
    Trusted,
    Normal,
    /// Many unfounded notices: moderators are warned on every new one.
    Flagged,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Trusted => "trusted",
            Standing::Normal => "normal",
            Standing::Flagged => "flagged",
        }
    }
}

/// What the outcomes of a notifier's decided items were.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Track {
    pub upheld: u32,
    pub rejected: u32,
    /// Items reinstated after a counter-notice the owner did not answer with legal action.
    pub reinstated: u32,
}

/// Thresholds for [`standing`], as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReputationPolicy {
    /// Decided items needed before a notifier can be trusted or flagged.
    pub min_decided: u32,
    /// Upheld share (percent) from which a notifier is trusted.
    pub trusted_from_percent: u32,
    /// Unfounded share (rejected or reinstated, percent) from which a notifier is flagged.
    pub flagged_from_percent: u32,
}

impl Default for ReputationPolicy {
    fn default() -> Self {
        Self {
            min_decided: 10,
            trusted_from_percent: 90,
            flagged_from_percent: 50,
        }
    }
}

impl Track {
    pub fn decided(self) -> u32 {
        self.upheld + self.rejected + self.reinstated
    }

    /// Upheld share in percent, none before anything was decided.
    pub fn upheld_percent(self) -> Option<u32> {
        let n = self.decided();
        (n > 0).then(|| (u64::from(self.upheld) * 100 / u64::from(n)) as u32)
    }
}

pub fn standing(t: Track, p: ReputationPolicy) -> Standing {
    let n = t.decided();
    if n < p.min_decided || n == 0 {
        return Standing::Normal;
    }
    let unfounded = u64::from(t.rejected + t.reinstated) * 100 / u64::from(n);
    let upheld = u64::from(t.upheld) * 100 / u64::from(n);
    if unfounded >= u64::from(p.flagged_from_percent) {
        Standing::Flagged
    } else if upheld >= u64::from(p.trusted_from_percent) {
        Standing::Trusted
    } else {
        Standing::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Monday 2026-11-23 09:00 UTC
    const MON: i64 = 1_795_424_400;

    #[test]
    fn the_reference_monday_is_a_monday() {
        assert_eq!(weekday(MON), 0);
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
    }

    #[test]
    fn working_days_skip_weekends() {
        assert_eq!(add_working_days(MON, 3), MON + 3 * DAY, "Mon + 3 = Thu");
        assert_eq!(
            add_working_days(MON + 4 * DAY, 1),
            MON + 7 * DAY,
            "Fri + 1 = Mon"
        );
        assert_eq!(add_working_days(MON, 10), MON + 14 * DAY, "two weeks");
        // Saturday counts from Monday
        assert_eq!(add_working_days(MON + 5 * DAY, 1), MON + 8 * DAY);
        assert_eq!(add_working_days(MON + 5 * DAY, 0), MON + 7 * DAY);
    }

    fn walk(events: &[Event]) -> Result<Item, Refusal> {
        let d = Deadlines::default();
        events
            .iter()
            .try_fold(Item::new(), |item, e| apply(&item, *e, d))
    }

    #[test]
    fn takedown_counter_notice_and_reinstatement() {
        let at = MON;
        let item = walk(&[Event::Validate, Event::TakeDown, Event::NotifySeller { at }]).unwrap();
        assert_eq!(item.state, State::SellerNotified);
        assert_eq!(item.deadline, Some(MON + 3 * DAY));
        assert!(item.state.listing_down());
        let d = Deadlines::default();
        let item = apply(&item, Event::CounterNotice { at: at + DAY }, d).unwrap();
        let item = apply(&item, Event::Forward { at: at + DAY }, d).unwrap();
        // Tuesday + 10 working days = Tuesday two weeks later
        assert_eq!(item.deadline, Some(MON + 15 * DAY));
        assert_eq!(due(&item, MON + 15 * DAY - 1), None);
        assert_eq!(
            apply(
                &item,
                Event::DeadlinePassed {
                    now: MON + 15 * DAY - 1
                },
                d
            ),
            Err(Refusal::NotYetDue)
        );
        let e = due(&item, MON + 15 * DAY).unwrap();
        let item = apply(&item, e, d).unwrap();
        assert_eq!(item.state, State::Reinstated);
        assert!(!item.state.listing_down());
        assert_eq!(due(&item, i64::MAX), None, "fires once");
    }

    #[test]
    fn silence_upholds_and_late_counter_notices_are_refused() {
        let d = Deadlines::default();
        let item = walk(&[
            Event::Validate,
            Event::TakeDown,
            Event::NotifySeller { at: MON },
        ])
        .unwrap();
        assert_eq!(
            apply(&item, Event::CounterNotice { at: MON + 3 * DAY }, d),
            Err(Refusal::WindowClosed)
        );
        let item = apply(&item, due(&item, MON + 3 * DAY).unwrap(), d).unwrap();
        assert_eq!(item.state, State::Upheld);
        assert!(item.state.listing_down());
    }

    #[test]
    fn legal_action_in_time_keeps_the_listing_down() {
        let d = Deadlines::default();
        let item = walk(&[
            Event::Validate,
            Event::TakeDown,
            Event::NotifySeller { at: MON },
            Event::CounterNotice { at: MON },
            Event::Forward { at: MON },
        ])
        .unwrap();
        let end = item.deadline.unwrap();
        assert_eq!(
            apply(&item, Event::LegalAction { at: end }, d),
            Err(Refusal::WindowClosed)
        );
        assert_eq!(
            apply(&item, Event::LegalAction { at: end - 1 }, d)
                .unwrap()
                .state,
            State::Upheld
        );
    }

    #[test]
    fn nothing_skips_a_step() {
        assert_eq!(
            walk(&[Event::TakeDown]),
            Err(Refusal::NotAllowed {
                from: State::Received
            })
        );
        assert!(walk(&[Event::Validate, Event::NotifySeller { at: MON }]).is_err());
        assert!(walk(&[Event::Validate, Event::TakeDown, Event::Forward { at: MON }]).is_err());
        assert!(walk(&[Event::Validate, Event::TakeDown, Event::Reject]).is_err());
        assert_eq!(
            walk(&[Event::Reject, Event::Close]).unwrap().state,
            State::Closed
        );
    }

    #[test]
    fn standing_needs_enough_history() {
        let p = ReputationPolicy::default();
        let t = |upheld, rejected, reinstated| Track {
            upheld,
            rejected,
            reinstated,
        };
        assert_eq!(standing(t(9, 0, 0), p), Standing::Normal);
        assert_eq!(standing(t(10, 0, 0), p), Standing::Trusted);
        assert_eq!(standing(t(9, 1, 0), p), Standing::Trusted);
        assert_eq!(standing(t(8, 2, 0), p), Standing::Normal);
        assert_eq!(standing(t(5, 3, 2), p), Standing::Flagged);
        assert_eq!(t(3, 1, 0).upheld_percent(), Some(75));
        assert_eq!(t(0, 0, 0).upheld_percent(), None);
    }

    fn any_event() -> impl Strategy<Value = Event> {
        let t = MON..MON + 60 * DAY;
        prop_oneof![
            Just(Event::Validate),
            Just(Event::Reject),
            Just(Event::TakeDown),
            t.clone().prop_map(|at| Event::NotifySeller { at }),
            t.clone().prop_map(|at| Event::CounterNotice { at }),
            t.clone().prop_map(|at| Event::Forward { at }),
            t.clone().prop_map(|at| Event::LegalAction { at }),
            t.prop_map(|now| Event::DeadlinePassed { now }),
            Just(Event::Close),
        ]
    }

    proptest! {
        /// Whatever is thrown at an item, every state it reaches was preceded by the
        /// states the machine requires; refused events change nothing; a deadline fires
        /// at most once; reinstatement only happens at or after the waiting period's end.
        #[test]
        fn no_path_skips_a_required_state(events in proptest::collection::vec(any_event(), 0..30)) {
            let d = Deadlines::default();
            let mut item = Item::new();
            let mut visited = vec![State::Received];
            let mut fired = 0;
            for e in events {
                if let Ok(next) = apply(&item, e, d) {
                        for required in required_before(next.state) {
                            prop_assert!(visited.contains(required), "{:?} reached without {:?}", next.state, required);
                        }
                        if let Event::DeadlinePassed { now } = e {
                            fired += 1;
                            prop_assert!(now >= item.deadline.unwrap());
                        }
                        if next.state == State::Reinstated {
                            prop_assert_eq!(item.state, State::Forwarded);
                        }
                        if next.state != item.state {
                            visited.push(next.state);
                        }
                        item = next;
                }
            }
            // the two waiting states each fire at most once
            prop_assert!(fired <= 2);
            prop_assert!(visited.iter().filter(|s| **s == State::SellerNotified).count() <= 1);
        }

        #[test]
        fn working_days_land_on_weekdays_and_grow(start in 0i64..4_000_000_000, n in 1u32..40) {
            let end = add_working_days(start, n);
            prop_assert!(weekday(end) < 5);
            prop_assert!(end > start);
            prop_assert!(end - start >= i64::from(n) * DAY);
            prop_assert!(end - start <= (i64::from(n) / 5 * 7 + 7) * DAY);
            prop_assert!(add_working_days(start, n + 1) > end);
        }

        #[test]
        fn standing_is_one_of_three_and_respects_minimum(u in 0u32..50, r in 0u32..50, i in 0u32..50) {
            let p = ReputationPolicy::default();
            let s = standing(Track { upheld: u, rejected: r, reinstated: i }, p);
            if u + r + i < p.min_decided { prop_assert_eq!(s, Standing::Normal); }
            if s == Standing::Trusted { prop_assert!(u * 100 >= 90 * (u + r + i)); }
        }
    }
}
