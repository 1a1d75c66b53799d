use super::listing_key;

#[test]
fn notice_lines_name_listings() {
    assert_eq!(listing_key("d000012").as_deref(), Some("d000012"));
    assert_eq!(
        listing_key(" https://harbour.example/p/abc123/a-nice-tote?x=1 ").as_deref(),
        Some("abc123")
    );
    assert_eq!(listing_key("/p/abc123").as_deref(), Some("abc123"));
    assert_eq!(listing_key("").as_deref(), None);
    assert_eq!(listing_key("https://harbour.example/p/").as_deref(), None);
    assert_eq!(listing_key("not a listing!").as_deref(), None);
}
