//! Login throttling: how many recent failures lock a key (an account or an IP) out.

/// A limit of `max_failures` within the trailing `window_secs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    pub max_failures: u32,
    pub window_secs: i64,
}

impl ThrottlePolicy {
    /// Per account: 5 wrong passwords in 15 minutes.
    pub const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window_secs: 15 * 60,
    };
    /// Per client address: 20 failures in 15 minutes (shared NATs get headroom).
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        max_failures: 20,
        window_secs: 15 * 60,
    };

    /// Per client address: 20 new accounts an hour (each costs a password hash; a
    /// shared NAT gets headroom).
    pub const SIGN_UP: ThrottlePolicy = ThrottlePolicy {
        max_failures: 20,
        window_secs: 60 * 60,
    };

    /// Start of the window that counts at `now` (unix seconds).
    pub fn window_start(self, now: i64) -> i64 {
        now - self.window_secs
    }

    /// Given the failure times inside the window, whether another attempt is
    /// refused and for how many seconds (until the oldest counted failure ages out).
    pub fn retry_after(self, now: i64, failures_in_window: &[i64]) -> Option<u64> {
        if (failures_in_window.len() as u64) < u64::from(self.max_failures) {
            return None;
        }
        let mut times = failures_in_window.to_vec();
        times.sort_unstable();
        // The attempt is allowed again once enough failures leave the window.
        let excess = times.len() - self.max_failures as usize;
        let unlock_at = times[excess] + self.window_secs;
        Some((unlock_at - now).max(1) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn locks_after_max_failures() {
        let p = ThrottlePolicy::ACCOUNT;
        let now = 10_000;
        assert_eq!(p.retry_after(now, &[now - 10; 4]), None);
        let five = [now - 100, now - 50, now - 40, now - 30, now - 20];
        assert_eq!(p.retry_after(now, &five), Some(800));
    }

    proptest! {
        #[test]
        fn lock_ends_within_window(offsets in proptest::collection::vec(0i64..900, 0..40)) {
            let p = ThrottlePolicy::ACCOUNT;
            let now = 1_000_000;
            let times: Vec<i64> = offsets.iter().map(|o| now - o).collect();
            match p.retry_after(now, &times) {
                None => prop_assert!(times.len() < 5),
                Some(wait) => {
                    prop_assert!(times.len() >= 5);
                    prop_assert!(wait >= 1 && wait as i64 <= p.window_secs);
                    // after waiting, fewer than max failures remain in the window
                    let later = now + wait as i64;
                    let remaining = times.iter().filter(|t| **t > p.window_start(later)).count();
                    prop_assert!(remaining < 5);
                }
            }
        }
    }
}
