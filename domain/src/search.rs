//! Search helpers: typo correction against the catalogue's vocabulary, completions,
//! and splitting a title into highlighted and plain runs.

/// Damerau–Levenshtein distance (optimal string alignment), by characters, capped at
/// `max + 1` (and skipped when the lengths alone differ by more than `max`).
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()].min(max + 1)
}

/// How many typos a word of this length may contain and still be corrected.
fn allowed_typos(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The query with each unknown word replaced by the closest vocabulary word
/// (lower-cased), or `None` when every word is known or nothing is close.
/// `vocabulary` must be sorted and lower-case.
pub fn correct(query: &str, vocabulary: &[String]) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| {
            let lw = w.to_lowercase();
            if vocabulary.binary_search(&lw).is_ok() || !lw.chars().all(char::is_alphanumeric) {
                return w.to_string();
            }
            let max = allowed_typos(&lw);
            if max == 0 {
                return w.to_string();
            }
            let best = vocabulary
                .iter()
                .map(|v| (edit_distance(&lw, v, max), v))
                .filter(|(d, _)| *d <= max)
                .min_by(|(d1, v1), (d2, v2)| {
                    d1.cmp(d2).then(v1.len().cmp(&v2.len())).then(v1.cmp(v2))
                });
            match best {
                Some((_, v)) => {
                    changed = true;
                    v.clone()
                }
                None => w.to_string(),
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// Vocabulary words starting with `prefix` (lower-cased), at most `limit`, in order.
pub fn completions<'a>(prefix: &str, vocabulary: &'a [String], limit: usize) -> Vec<&'a str> {
    let p = prefix.to_lowercase();
    if p.is_empty() {
        return Vec::new();
    }
    let start = vocabulary.partition_point(|v| v.as_str() < p.as_str());
    vocabulary[start..]
        .iter()
        .take_while(|v| v.starts_with(&p))
        .take(limit)
        .map(String::as_str)
        .collect()
}

/// Splits `text` into runs, marking the case-insensitive occurrences of any term
/// (terms shorter than two characters are ignored, except CJK characters).
pub fn highlight(text: &str, terms: &[&str]) -> Vec<(String, bool)> {
    if terms.is_empty() {
        return vec![(text.to_string(), false)];
    }
    if !has_cased_non_ascii(text) && !terms.iter().any(|t| has_cased_non_ascii(t)) {
        return highlight_bytes(text, terms);
    }
    let lower: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = text.chars().collect();
    if lower.len() != chars.len() {
        // lower-casing changed the length (rare scripts): no highlighting
        return vec![(text.to_string(), false)];
    }
    let mut marked = vec![false; chars.len()];
    for term in terms {
        let t: Vec<char> = term.chars().flat_map(char::to_lowercase).collect();
        if too_short(term) || t.len() > lower.len() {
            continue;
        }
        for i in 0..=lower.len() - t.len() {
            if lower[i..i + t.len()] == t[..] {
                marked[i..i + t.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match runs.last_mut() {
            Some((s, last)) if *last == m => s.push(c),
            _ => runs.push((c.to_string(), m)),
        }
    }
    runs
}

/// One letter marks too much to be useful; one Han character is a word.
fn too_short(term: &str) -> bool {
    let mut chars = term.chars();
    match (chars.next(), chars.next()) {
        (None, _) => true,
        (Some(c), None) => !('\u{4e00}'..='\u{9fff}').contains(&c),
        _ => false,
    }
}

/// Whether `s` has a non-ASCII letter with case (é, Ω): those need Unicode lower-casing.
/// Han characters, punctuation such as `–` and digits have no case.
fn has_cased_non_ascii(s: &str) -> bool {
    !s.is_ascii()
        && s.chars()
            .any(|c| !c.is_ascii() && (c.is_lowercase() || c.is_uppercase()))
}

/// [`highlight`] when only ASCII letters have case: byte comparison, ASCII letters
/// ignoring case. A match starts and ends on a term's first and last byte, and UTF-8
/// never puts an ASCII byte inside a multi-byte character, so every run boundary is a
/// character boundary.
fn highlight_bytes(text: &str, terms: &[&str]) -> Vec<(String, bool)> {
    let bytes = text.as_bytes();
    let mut marked = vec![false; bytes.len()];
    for term in terms {
        let t = term.as_bytes();
        if too_short(term) || t.len() > bytes.len() {
            continue;
        }
        for i in 0..=bytes.len() - t.len() {
            if bytes[i..i + t.len()].eq_ignore_ascii_case(t) {
                marked[i..i + t.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut start = 0;
    for i in 1..=bytes.len() {
        if i == bytes.len() || marked[i] != marked[start] {
            runs.push((text[start..i].to_string(), marked[start]));
            start = i;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn vocab() -> Vec<String> {
        let mut v: Vec<String> = [
            "earbuds",
            "bluetooth",
            "bottle",
            "kettle",
            "tea",
            "teapot",
            "headphones",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.sort();
        v
    }

    #[test]
    fn corrects_typos_within_limits() {
        assert_eq!(correct("earbds", &vocab()).as_deref(), Some("earbuds"));
        assert_eq!(
            correct("blutooth earbuds", &vocab()).as_deref(),
            Some("bluetooth earbuds")
        );
        assert_eq!(
            correct("hedaphones", &vocab()).as_deref(),
            Some("headphones"),
            "a swap counts once"
        );
        assert_eq!(correct("earbuds", &vocab()), None, "known words stay");
        assert_eq!(
            correct("tae", &vocab()),
            None,
            "short words are not guessed"
        );
        assert_eq!(correct("zzzzzzz", &vocab()), None);
        assert_eq!(correct("藍牙", &vocab()), None);
    }

    #[test]
    fn completes_prefixes() {
        assert_eq!(completions("te", &vocab(), 5), ["tea", "teapot"]);
        assert_eq!(completions("", &vocab(), 5), Vec::<&str>::new());
    }

    #[test]
    fn highlights_terms_case_insensitively_and_in_chinese() {
        assert_eq!(
            highlight("Bluetooth Earbuds", &["earbuds"]),
            vec![
                ("Bluetooth ".to_string(), false),
                ("Earbuds".to_string(), true)
            ]
        );
        assert_eq!(
            highlight("無線藍牙耳機", &["藍牙"]),
            vec![
                ("無線".to_string(), false),
                ("藍牙".to_string(), true),
                ("耳機".to_string(), false)
            ]
        );
        assert_eq!(highlight("abc", &["a"]), vec![("abc".to_string(), false)]);
    }

    proptest! {
        #[test]
        fn distance_is_symmetric_and_bounded(a in "[a-e]{0,8}", b in "[a-e]{0,8}") {
            let d = edit_distance(&a, &b, 10);
            prop_assert_eq!(d, edit_distance(&b, &a, 10));
            prop_assert!(d <= a.chars().count().max(b.chars().count()));
            prop_assert_eq!(d == 0, a == b);
        }

        #[test]
        fn byte_path_matches_the_general_one(text in "[a-zA-Z 藍牙耳機–·0-9]{0,30}", term in "[a-zA-Z藍牙耳–0-9]{0,4}") {
            let fast = highlight(&text, &[term.as_str()]);
            // the general path, forced by a non-ASCII term that matches nothing
            let general = highlight(&text, &[term.as_str(), "é"]);
            prop_assert_eq!(fast, general);
        }

        #[test]
        fn highlight_keeps_the_text(text in "\\PC{0,30}", term in "\\PC{0,4}") {
            let runs = highlight(&text, &[term.as_str()]);
            let joined: String = runs.iter().map(|(s, _)| s.as_str()).collect();
            prop_assert_eq!(joined, text);
        }
    }
}
