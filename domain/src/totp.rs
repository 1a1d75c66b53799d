//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), as
//! authenticator apps make them: the shared secret written in base32, the `otpauth://`
//! address its QR code carries, and checking a code — one step either side for a
//! phone's clock drift, and never a step already used (a code seen over a shoulder
//! cannot be used again).

use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::throttle::ThrottlePolicy;

pub const DIGITS: usize = 6;
pub const STEP_SECS: i64 = 30;
/// The shared secret's length (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// The shortest key accepted (128 bits).
pub const MIN_SECRET_BYTES: usize = 16;
/// Recovery codes made at a time: each signs in once in place of an app's code.
pub const RECOVERY_CODES: usize = 10;
/// A recovery code's characters (base32, 50 random bits), shown as two groups of five.
pub const RECOVERY_LEN: usize = 10;
/// Random bytes a recovery code is made from (the first 50 of their 56 bits are used).
pub const RECOVERY_BYTES: usize = 7;
/// Wrong codes per account: 5 in 15 minutes.
pub const CODE_LIMIT: ThrottlePolicy = ThrottlePolicy {
    max_failures: 5,
    window_secs: 15 * 60,
};

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `bytes` in base32 (RFC 4648, without padding), as authenticator apps take it.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buf, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buf = (buf << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buf >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Reads base32 (any case, spaces and padding ignored); `None` for other characters.
pub fn from_base32(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET
            .iter()
            .position(|&a| a as char == c.to_ascii_uppercase())? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buf >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// A stored authenticator key: base32 of at least 128 bits (RFC 4226's minimum), so a
/// mistyped or cut-off key is refused instead of making guessable codes.
pub fn secret(s: &str) -> Option<Vec<u8>> {
    from_base32(s).filter(|b| b.len() >= MIN_SECRET_BYTES)
}

/// The code for one time step (RFC 4226's HOTP with the step as its counter).
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let at = (h[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([h[at] & 0x7f, h[at + 1], h[at + 2], h[at + 3]]);
    bin % 10u32.pow(DIGITS as u32)
}

/// The time step of a moment (unix seconds).
pub fn step_of(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// A code as it is typed: six digits, leading zeros kept.
pub fn format(code: u32) -> String {
    format!("{code:0width$}", width = DIGITS)
}

/// The step `code` was made for, if it is right at `now` (one step either side) and
/// after `last_used` (the step of the account's last accepted code).
pub fn check(secret: &[u8], code: &str, now: i64, last_used: Option<i64>) -> Option<i64> {
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != DIGITS || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now_step = step_of(now);
    (now_step - 1..=now_step + 1)
        .filter(|s| last_used.is_none_or(|l| *s > l))
        .find(|s| format(code_at(secret, *s)) == typed)
}

/// A recovery code made from random bytes, as it is shown: `ABCDE-FGHIJ`.
pub fn recovery_code(random: [u8; RECOVERY_BYTES]) -> String {
    let b32 = base32(&random);
    format!("{}-{}", &b32[..5], &b32[5..RECOVERY_LEN])
}

/// A typed recovery code in the one form it is stored by (capitals, no spaces or
/// dashes); `None` for anything else, a six-digit app code included.
pub fn recovery_form(typed: &str) -> Option<String> {
    let form: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (form.len() == RECOVERY_LEN && form.bytes().all(|b| ALPHABET.contains(&b))).then_some(form)
}

fn escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The address an authenticator app reads from the set-up QR code.
pub fn otpauth_uri(secret: &[u8], issuer: &str, account: &str) -> String {
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        escape(issuer),
        escape(account),
        base32(secret),
        escape(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_vectors() {
        // RFC 6238 appendix B (SHA1), last six of the eight digits
        for (t, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(format(code_at(RFC_SECRET, step_of(t))), code, "at {t}");
        }
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32(RFC_SECRET), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(from_base32("mzxw 6ytb oi==").unwrap(), b"foobar");
        assert_eq!(from_base32("MZ1"), None);
    }

    #[test]
    fn a_code_works_one_step_either_side_and_once() {
        let now = 1_234_567_890;
        let code = format(code_at(RFC_SECRET, step_of(now)));
        let step = check(RFC_SECRET, &code, now, None).expect("accepted");
        assert_eq!(step, step_of(now));
        assert_eq!(check(RFC_SECRET, &code, now, Some(step)), None, "used once");
        assert_eq!(
            check(RFC_SECRET, &code, now + 30, None),
            Some(step),
            "drift"
        );
        assert_eq!(check(RFC_SECRET, &code, now + 90, None), None, "too late");
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(check(RFC_SECRET, &spaced, now, None).is_some());
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６"] {
            assert_eq!(check(RFC_SECRET, bad, now, None), None, "{bad}");
        }
    }

    #[test]
    fn stored_keys_are_at_least_128_bits() {
        assert_eq!(
            secret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap(),
            RFC_SECRET
        );
        assert_eq!(secret("MZXW6YTBOI"), None, "48 bits");
        assert_eq!(secret(""), None);
        assert_eq!(secret("GEZDGNBVGY3TQOJQGEZDGNBV"), None, "120 bits");
        assert_eq!(secret("GEZDGNBVGY3TQOJQGEZDGNBVGY").unwrap().len(), 16);
    }

    #[test]
    fn recovery_codes_are_read_however_they_are_typed() {
        let code = recovery_code([0xff, 0, 0x12, 0x34, 0x56, 0x78, 0x9a]);
        assert_eq!(code, "74ABE-NCWPC");
        assert_eq!(code.len(), RECOVERY_LEN + 1);
        assert_eq!(&code[5..6], "-");
        let form = recovery_form(&code).unwrap();
        assert_eq!(form, code.replace('-', ""));
        for typed in [
            code.to_lowercase(),
            format!(" {} ", form),
            code.replace('-', " "),
        ] {
            assert_eq!(
                recovery_form(&typed).as_deref(),
                Some(form.as_str()),
                "{typed}"
            );
        }
        for bad in [
            "",
            "123456",
            "287 082",
            "ABCDE-FGHI",
            "ABCDE-FGHIJK",
            "ABCDE-FGH1J",
            "ＡＢＣＤＥ-ＦＧＨＩＪ",
        ] {
            assert_eq!(recovery_form(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_setup_address_names_the_issuer_and_account() {
        assert_eq!(
            otpauth_uri(b"foobar", "Harbour Market", "ada@example.com"),
            "otpauth://totp/Harbour%20Market:ada@example.com?secret=MZXW6YTBOI&issuer=Harbour%20Market&algorithm=SHA1&digits=6&period=30"
        );
    }

    proptest! {
        #[test]
        fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(from_base32(&base32(&bytes)).unwrap(), bytes);
        }

        #[test]
        fn every_recovery_code_reads_back_and_is_never_an_app_code(random in any::<[u8; RECOVERY_BYTES]>()) {
            let code = recovery_code(random);
            let form = recovery_form(&code).unwrap();
            prop_assert_eq!(form.len(), RECOVERY_LEN);
            prop_assert_eq!(check(RFC_SECRET, &code, 59, None), None);
            prop_assert_eq!(recovery_form(&form.to_lowercase()), Some(form));
        }

        #[test]
        fn any_typed_text_is_checked_without_panicking(s in "\\PC{0,20}", now in 0i64..4_000_000_000) {
            let _ = check(RFC_SECRET, &s, now, None);
        }
    }
}
