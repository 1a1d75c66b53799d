//! How page data travels from the server render to hydration.
//!
//! Leptos writes each resolved resource into the page as a JavaScript string literal
//! made with Rust's `{:?}`, which looks up every non-ASCII character in Unicode tables
//! (`is_printable`, grapheme extension). On a listing page full of Chinese titles and
//! shop names that was 12% of the server's CPU. [`AsciiJson`] is JSON with every
//! non-ASCII character written as a `\uXXXX` escape, so that pass only sees ASCII; any
//! JSON parser reads it back unchanged.

use std::io;

use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

/// JSON in ASCII: a resource codec (`Resource<T, AsciiJson>`).
pub struct AsciiJson;

struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if !c.is_ascii() {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// `value` as ASCII-only JSON.
pub fn to_ascii_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
    value.serialize(&mut ser)?;
    // only ASCII was written
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

impl<T: Serialize> Encoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        to_ascii_json(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for AsciiJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(val)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_every_non_ascii_character() {
        let s = to_ascii_json(&("聲學 – 耳機", "😀")).unwrap();
        assert_eq!(s, r#"["\u8072\u5b78 \u2013 \u8033\u6a5f","\ud83d\ude00"]"#);
    }

    proptest! {
        #[test]
        fn round_trips_and_stays_ascii(v in prop::collection::vec("\\PC{0,12}", 0..5)) {
            let s = to_ascii_json(&v).unwrap();
            prop_assert!(s.is_ascii());
            let back: Vec<String> = <AsciiJson as Decoder<Vec<String>>>::decode(&s).unwrap();
            prop_assert_eq!(back, v);
        }
    }
}
