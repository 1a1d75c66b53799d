//! Splitting one discount over the order lines it covers, so each line carries its
//! exact share (a later partial refund gives back exactly that share).

/// Splits `amount` over lines in proportion to `weights`, never giving a line more
/// than its `cap`: each line gets its share rounded down, and the units left over go
/// one each to the lines with the largest remainders (the first of equals), so the
/// parts always sum to `amount` exactly. What a capped line cannot take is spread over
/// the others the same way. `None` when `amount` is negative or more than the caps
/// hold together, or the lists differ in length.
pub fn allocate(amount: i64, weights: &[i64], caps: &[i64]) -> Option<Vec<i64>> {
    let room: i128 = caps.iter().map(|c| i128::from((*c).max(0))).sum();
    if amount < 0 || i128::from(amount) > room || weights.len() != caps.len() {
        return None;
    }
    let mut out = vec![0i64; caps.len()];
    let mut left = amount;
    let mut open: Vec<usize> = (0..caps.len()).filter(|&i| caps[i] > 0).collect();
    while left > 0 && !open.is_empty() {
        // lines without weight share only when no open line has any
        let weighted = open.iter().any(|&i| weights[i] > 0);
        let weight = |i: usize| -> i128 {
            if weighted {
                i128::from(weights[i].max(0))
            } else {
                i128::from(caps[i] - out[i])
            }
        };
        let sum: i128 = open.iter().map(|&i| weight(i)).sum();
        let mut shares: Vec<(usize, i64, i128)> = open
            .iter()
            .map(|&i| {
                let exact = i128::from(left) * weight(i);
                // a share is at most `left`, so it fits
                (i, (exact / sum) as i64, exact % sum)
            })
            .collect();
        // fewer units than lines with a remainder are left over
        let spare = left - shares.iter().map(|s| s.1).sum::<i64>();
        let mut by_remainder: Vec<usize> = (0..shares.len()).collect();
        by_remainder.sort_by(|&a, &b| shares[b].2.cmp(&shares[a].2).then(a.cmp(&b)));
        for &k in by_remainder.iter().take(spare as usize) {
            shares[k].1 += 1;
        }
        for (i, share, _) in shares {
            let give = share.min(caps[i] - out[i]);
            out[i] += give;
            left -= give;
        }
        open.retain(|&i| out[i] < caps[i]);
    }
    (left == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shares_follow_the_weights_and_the_remainder_is_placed_deterministically() {
        assert_eq!(
            allocate(100, &[1, 1, 1], &[100, 100, 100]),
            Some(vec![34, 33, 33])
        );
        assert_eq!(allocate(10, &[300, 100], &[1_000, 1_000]), Some(vec![8, 2]));
        assert_eq!(allocate(0, &[1, 2], &[5, 5]), Some(vec![0, 0]));
        // a capped line passes what it cannot take to the others
        assert_eq!(
            allocate(90, &[1, 1, 1], &[10, 100, 100]),
            Some(vec![10, 40, 40])
        );
        // no weight anywhere: by room left
        assert_eq!(allocate(6, &[0, 0], &[2, 4]), Some(vec![2, 4]));
        // a line without weight takes nothing while others can
        assert_eq!(allocate(5, &[0, 1], &[10, 10]), Some(vec![0, 5]));
        assert_eq!(allocate(5, &[0, 1], &[10, 3]), Some(vec![2, 3]));
    }

    #[test]
    fn impossible_splits_are_refused() {
        assert_eq!(allocate(11, &[1, 1], &[5, 5]), None);
        assert_eq!(allocate(-1, &[1], &[5]), None);
        assert_eq!(allocate(1, &[1], &[5, 5]), None);
        assert_eq!(allocate(1, &[], &[]), None);
        assert_eq!(allocate(0, &[], &[]), Some(vec![]));
    }

    proptest! {
        #[test]
        fn parts_sum_exactly_and_stay_within_their_caps(
            lines in proptest::collection::vec((0i64..1_000_000_000, 0i64..1_000_000_000), 1..30),
            pick in 0.0f64..=1.0,
        ) {
            let (weights, caps): (Vec<i64>, Vec<i64>) = lines.into_iter().unzip();
            let room: i64 = caps.iter().sum();
            let amount = (room as f64 * pick) as i64;
            let parts = allocate(amount, &weights, &caps).expect("within the caps");
            prop_assert_eq!(parts.iter().sum::<i64>(), amount);
            for (p, c) in parts.iter().zip(&caps) {
                prop_assert!(*p >= 0 && p <= c);
            }
            prop_assert_eq!(allocate(room + 1, &weights, &caps), None);
        }
    }
}
