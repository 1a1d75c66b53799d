//! Product variants (size, colour, ...): every sellable variant is its own product row
//! with its own SKU, price and stock; one of them (the listed one) stands for the group
//! in listings. This module works out the option pickers on a variant's page.

/// One value on one option axis of the picker, such as "M" on "Size".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    /// The variant (index into the group) this choice leads to.
    pub target: usize,
    /// Whether the value is the current variant's.
    pub selected: bool,
    /// Whether `target` keeps every other axis as it is now; when no variant does,
    /// the choice leads to the first variant with this value and changes the others.
    pub exact: bool,
}

/// The pickers for the variant at `current`, given each variant's values (one per axis,
/// in axis order): for each axis its values in order of first appearance, each leading
/// to the variant that changes only that axis where one exists.
///
/// Variants with the wrong number of values are never targets; an empty group or an
/// out-of-range `current` gives no pickers.
pub fn pickers(values: &[Vec<String>], current: usize) -> Vec<Vec<Choice>> {
    let Some(here) = values.get(current) else {
        return Vec::new();
    };
    let axes = here.len();
    let usable: Vec<usize> = (0..values.len())
        .filter(|&i| values[i].len() == axes)
        .collect();
    (0..axes)
        .map(|a| {
            let mut choices: Vec<Choice> = Vec::new();
            for &i in &usable {
                let v = &values[i][a];
                if choices.iter().any(|c| &c.value == v) {
                    continue;
                }
                let exact = usable.iter().copied().find(|&j| {
                    &values[j][a] == v && (0..axes).all(|b| b == a || values[j][b] == here[b])
                });
                choices.push(Choice {
                    value: v.clone(),
                    target: exact.unwrap_or(i),
                    selected: v == &here[a],
                    exact: exact.is_some(),
                });
            }
            choices
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn group(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn pickers_change_one_axis_and_fall_back_when_a_combination_is_missing() {
        // Navy in S/M/L, Sage only in M and L
        let g = group(&[
            &["Navy", "M"],
            &["Navy", "S"],
            &["Navy", "L"],
            &["Sage", "M"],
            &["Sage", "L"],
        ]);
        let p = pickers(&g, 4); // Sage / L
        let colours: Vec<(&str, usize, bool)> = p[0]
            .iter()
            .map(|c| (c.value.as_str(), c.target, c.selected))
            .collect();
        assert_eq!(colours, vec![("Navy", 2, false), ("Sage", 4, true)]);
        let sizes: Vec<(&str, usize, bool, bool)> = p[1]
            .iter()
            .map(|c| (c.value.as_str(), c.target, c.selected, c.exact))
            .collect();
        assert_eq!(
            sizes,
            vec![
                ("M", 3, false, true),
                ("S", 1, false, false), // no Sage / S: goes to Navy / S
                ("L", 4, true, true),
            ]
        );
        assert!(pickers(&g, 9).is_empty());
        assert!(pickers(&[], 0).is_empty());
    }

    proptest! {
        #[test]
        fn every_choice_leads_to_a_variant_with_its_value(
            rows in prop::collection::vec(prop::collection::vec("[abc]", 2), 1..8),
            pick in 0usize..8,
        ) {
            let current = pick % rows.len();
            let p = pickers(&rows, current);
            prop_assert_eq!(p.len(), 2);
            for (a, axis) in p.iter().enumerate() {
                prop_assert_eq!(axis.iter().filter(|c| c.selected).count(), 1);
                for c in axis {
                    prop_assert_eq!(&rows[c.target][a], &c.value);
                    if c.exact {
                        let other = 1 - a;
                        prop_assert_eq!(&rows[c.target][other], &rows[current][other]);
                    }
                    if c.selected {
                        prop_assert!(c.exact);
                        prop_assert_eq!(&rows[c.target], &rows[current]);
                    }
                }
            }
            // every distinct value on every axis is offered
            for r in &rows {
                for (a, v) in r.iter().enumerate() {
                    prop_assert!(p[a].iter().any(|c| &c.value == v));
                }
            }
        }
    }
}
