use super::*;

#[test]
fn highlights_terms_case_insensitively() {
    let terms = highlight_terms(&[
        "counterfeit_term:1:1".into(),
        "unauthorised_brand:Maison Lune:maison lune".into(),
        "price_below_median:20".into(),
    ]);
    assert_eq!(terms, ["1:1", "maison lune"]);
    let parts = highlight("Maison Lune bag, 1:1 copy", &terms);
    assert_eq!(
        parts,
        [
            ("Maison Lune".to_string(), true),
            (" bag, ".to_string(), false),
            ("1:1".to_string(), true),
            (" copy".to_string(), false)
        ]
    );
    let zh = highlight("月之屋 手袋 高仿", &["高仿".to_string()]);
    assert_eq!(zh.last().unwrap(), &("高仿".to_string(), true));
}
