//! Product questions and answers: public on the product page, asked by signed-in
//! shoppers, answered by the product's seller or by shoppers who bought it. What a
//! question or an answer may hold, the checks that hold it for a moderator (the
//! review checks: profanity, links and contact details, [`crate::review::text_flags`]),
//! who may answer, and the page's search.

use crate::review::{self, Flag};
use crate::throttle::ThrottlePolicy;
use crate::{FieldError, FieldErrorCode};

/// The fewest and most characters in a question.
pub const MIN_QUESTION: usize = 5;
pub const MAX_QUESTION: usize = 500;
/// The most characters in an answer.
pub const MAX_ANSWER: usize = 2_000;
/// Questions per page on the product page and in the seller centre.
pub const PAGE: usize = 10;
/// The most characters of a search on the page.
pub const MAX_SEARCH: usize = 100;
/// Per account: 10 questions and answers in an hour.
pub const POST_LIMIT: ThrottlePolicy = ThrottlePolicy {
    max_failures: 10,
    window_secs: 3600,
};

/// A question or an answer as it is kept: the text, and why it waits for a moderator
/// (published at once when nothing was found).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    pub text: String,
    pub flags: Vec<Flag>,
}

impl Post {
    /// `published`, or `held` for a moderator.
    pub fn status(&self) -> &'static str {
        if self.flags.is_empty() {
            "published"
        } else {
            "held"
        }
    }
}

/// Characters that show nothing (zero-width spaces and joiners, direction marks and
/// overrides, the BOM) or are controls other than line breaks and tabs.
fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

fn post(field: &str, text: &str, min: usize, max: usize) -> Result<Post, FieldError> {
    // invisible characters are dropped: they could hide a phone number from the checks
    // or make an empty question look long enough
    let cleaned: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    let text = cleaned.trim();
    let n = text.chars().count();
    if n == 0 {
        return Err(FieldError::new(field, FieldErrorCode::Required));
    }
    if n < min {
        return Err(FieldError::new(field, FieldErrorCode::TooShort));
    }
    if n > max {
        return Err(FieldError::new(field, FieldErrorCode::TooLong));
    }
    Ok(Post {
        text: text.to_string(),
        flags: review::text_flags("", text),
    })
}

/// Checks a question (trimmed, [`MIN_QUESTION`]–[`MAX_QUESTION`] characters).
pub fn question(text: &str) -> Result<Post, FieldError> {
    post("question", text, MIN_QUESTION, MAX_QUESTION)
}

/// Checks an answer (trimmed, 1–[`MAX_ANSWER`] characters).
pub fn answer(text: &str) -> Result<Post, FieldError> {
    post("answer", text, 1, MAX_ANSWER)
}

/// Who answers a question, as the page labels the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answerer {
    /// The product's shop.
    Seller,
    /// A shopper who bought the product (a paid order line).
    Buyer,
}

impl Answerer {
    pub fn code(self) -> &'static str {
        match self {
            Answerer::Seller => "seller",
            Answerer::Buyer => "buyer",
        }
    }

    /// The shop's owner answers as the seller; a buyer of the product as a buyer;
    /// anyone else may not answer.
    pub fn of(owns_shop: bool, bought: bool) -> Option<Answerer> {
        if owns_shop {
            Some(Answerer::Seller)
        } else if bought {
            Some(Answerer::Buyer)
        } else {
            None
        }
    }
}

/// The words of a search: lower-cased, split at white space, at most 8.
pub fn terms(search: &str) -> Vec<String> {
    let s: String = search.chars().take(MAX_SEARCH).collect();
    s.split_whitespace()
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

/// Whether a question with its answers matches every term of a search (anywhere in
/// the question or in one of its answers; Chinese has no word breaks, so a term is
/// found inside words too). No terms match everything.
pub fn matches<'a>(terms: &[String], texts: impl IntoIterator<Item = &'a str>) -> bool {
    if terms.is_empty() {
        return true;
    }
    let all: String = texts
        .into_iter()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("\n");
    terms.iter().all(|t| all.contains(t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn questions_and_answers_are_trimmed_and_bounded() {
        assert_eq!(
            question("  Does it fit a 13\" laptop?  ").unwrap().text,
            "Does it fit a 13\" laptop?"
        );
        assert_eq!(question("   ").unwrap_err().code, FieldErrorCode::Required);
        assert_eq!(question("Hm?").unwrap_err().code, FieldErrorCode::TooShort);
        assert_eq!(
            question(&"字".repeat(MAX_QUESTION + 1)).unwrap_err().code,
            FieldErrorCode::TooLong
        );
        assert!(question(&"字".repeat(MAX_QUESTION)).is_ok());
        assert_eq!(answer("Yes").unwrap().status(), "published");
        assert_eq!(answer("").unwrap_err().field, "answer");
        assert_eq!(
            question("\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}")
                .unwrap_err()
                .code,
            FieldErrorCode::Required
        );
    }

    #[test]
    fn contact_details_and_profanity_hold_a_post_in_both_languages() {
        let held = |s: &str| answer(s).unwrap().status() == "held";
        assert!(held("Call me on 0912-345-678 for a discount"));
        assert!(held("加我賴 shop123 私下交易"));
        assert!(held("see https://example.com/cheap"));
        assert!(held("this is bullsh1t"));
        assert!(held("這個賣家是廢物"));
        assert!(
            held("call 0912\u{200b}345\u{200b}678"),
            "split by zero-width spaces"
        );
        assert!(!held("It fits a 13 inch laptop, with room for a charger."));
        assert!(!held("可以放十三吋筆電，還有空間放充電器。"));
    }

    #[test]
    fn only_the_seller_and_buyers_answer() {
        assert_eq!(Answerer::of(true, true), Some(Answerer::Seller));
        assert_eq!(Answerer::of(false, true), Some(Answerer::Buyer));
        assert_eq!(Answerer::of(false, false), None);
    }

    #[test]
    fn search_finds_every_term_in_the_question_or_an_answer() {
        let t = terms("  Laptop   FIT ");
        assert_eq!(t, vec!["laptop", "fit"]);
        assert!(matches(&t, ["Does it fit?", "Yes, a 13\" laptop fits"]));
        assert!(!matches(&t, ["Does it fit?", "Yes"]));
        assert!(matches(&terms("筆電"), ["可以放十三吋筆電嗎？"]));
        assert!(matches(&[], ["anything"]));
        assert_eq!(terms(&"a ".repeat(100)).len(), 8);
    }

    proptest! {
        #[test]
        fn a_question_matches_searches_for_its_own_words(words in proptest::collection::vec("[a-zA-Z\u{4e00}-\u{4e20}]{1,8}", 1..6)) {
            let text = words.join(" ");
            prop_assert!(matches(&terms(&text), [text.as_str()]));
        }

        #[test]
        fn any_text_is_checked_without_panicking(s in "\\PC{0,600}") {
            if let Ok(p) = question(&s) {
                prop_assert!(p.text.chars().count() <= MAX_QUESTION);
                prop_assert_eq!(p.text.trim(), p.text.as_str());
            }
        }
    }
}
