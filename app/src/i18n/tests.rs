use super::*;

#[test]
fn catalogue_complete() {
    for key in K::ALL {
        let en = key.text(Lang::En);
        let zh = key.text(Lang::ZhHant);
        assert!(!en.trim().is_empty(), "{key:?} has no English text");
        assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
        assert_ne!(en, zh, "{key:?} is not translated");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{key:?} Chinese text has no Han characters: {zh}"
        );
    }
}
