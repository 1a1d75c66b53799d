//! URL slugs: lower-case ASCII words joined by hyphens.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty()
            && raw.len() <= 80
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--")
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        ok.then(|| Self(raw.to_string()))
    }

    /// Makes a slug from free text, dropping characters that are not ASCII letters or digits.
    pub fn from_text(text: &str) -> Option<Self> {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            if out.len() >= 80 {
                break;
            }
        }
        Self::parse(out.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            Slug::from_text("Auralis Pro  Earbuds!").unwrap().as_str(),
            "auralis-pro-earbuds"
        );
        assert!(Slug::from_text("藍牙耳機").is_none());
        assert!(Slug::parse("Bad Slug").is_none());
        assert!(Slug::parse("good-slug-2").is_some());
    }
}
