use super::*;
use proptest::prelude::*;
use ApplicationAction as A;
use ApplicationStatus as S;

fn actor_for(a: ApplicationAction) -> Actor {
    a.actor()
}

#[test]
fn the_happy_paths() {
    let r = Some("reason");
    let m = Actor::Moderator;
    let mut s = S::Draft;
    s = transition(s, A::Submit, Actor::Applicant, None).unwrap();
    s = transition(s, A::StartReview, m, None).unwrap();
    s = transition(s, A::RequestInfo, m, r).unwrap();
    assert_eq!(s, S::MoreInfoRequested);
    assert!(s.editable());
    s = transition(s, A::Submit, Actor::Applicant, None).unwrap();
    s = transition(s, A::Approve, m, None).unwrap();
    assert!(s.open_for_business());
    s = transition(s, A::Suspend, m, r).unwrap();
    assert!(!s.open_for_business());
    s = transition(s, A::Reinstate, m, r).unwrap();
    s = transition(s, A::Terminate, m, r).unwrap();
    assert!(s.is_final());
    assert_eq!(
        transition(S::Submitted, A::AutoApprove, Actor::System, None),
        Ok(S::Approved)
    );
}

#[test]
fn refusals() {
    // a moderator cannot submit for the applicant, the applicant cannot approve
    assert_eq!(
        transition(S::Draft, A::Submit, Actor::Moderator, None),
        Err(OnboardingError::NotAllowed)
    );
    assert_eq!(
        transition(S::Submitted, A::Approve, Actor::Applicant, None),
        Err(OnboardingError::NotAllowed)
    );
    // auto-approval only straight from submitted (not once a person reviews it)
    assert_eq!(
        transition(S::InReview, A::AutoApprove, Actor::System, None),
        Err(OnboardingError::WrongState)
    );
    assert_eq!(
        transition(S::InReview, A::Reject, Actor::Moderator, Some("  ")),
        Err(OnboardingError::ReasonRequired)
    );
    assert_eq!(
        transition(S::Draft, A::Approve, Actor::Moderator, None),
        Err(OnboardingError::WrongState)
    );
}

#[test]
fn names_round_trip() {
    for s in S::ALL {
        assert_eq!(S::parse(s.as_str()), Some(s));
    }
    for d in DocumentKind::ALL {
        assert_eq!(DocumentKind::parse(d.as_str()), Some(d));
    }
    assert_eq!(BusinessType::parse("company"), Some(BusinessType::Company));
    assert_eq!(S::parse("open"), None);
}

#[test]
fn requirements_follow_country_type_and_brand() {
    let rule = |c: Option<&str>, b: Option<BusinessType>, d, brand| Requirement {
        country: c.map(str::to_string),
        business_type: b,
        document: d,
        only_with_brand: brand,
    };
    let rules = vec![
        rule(None, None, DocumentKind::Identity, false),
        rule(
            None,
            Some(BusinessType::Company),
            DocumentKind::BusinessRegistration,
            false,
        ),
        rule(Some("TW"), None, DocumentKind::ProofOfAddress, false),
        rule(None, None, DocumentKind::BrandAuthorisation, true),
        rule(Some("TW"), None, DocumentKind::Identity, false),
    ];
    assert_eq!(
        required_documents(&rules, "JP", BusinessType::Individual, false),
        vec![DocumentKind::Identity]
    );
    assert_eq!(
        required_documents(&rules, "tw", BusinessType::Company, true),
        vec![
            DocumentKind::Identity,
            DocumentKind::BusinessRegistration,
            DocumentKind::BrandAuthorisation,
            DocumentKind::ProofOfAddress,
        ]
    );
    let required = required_documents(&rules, "TW", BusinessType::Individual, false);
    assert_eq!(
        check_submission(&required, &[DocumentKind::Identity]),
        Err(OnboardingError::MissingDocuments(vec![
            DocumentKind::ProofOfAddress
        ]))
    );
    assert_eq!(
        check_submission(
            &required,
            &[DocumentKind::ProofOfAddress, DocumentKind::Identity]
        ),
        Ok(())
    );
}

#[test]
fn slugs() {
    assert_eq!(parse_slug("  Tea-House-2 "), Ok("tea-house-2".to_string()));
    assert_eq!(parse_slug(""), Err(crate::FieldErrorCode::Required));
    for bad in [
        "ab",
        "-tea",
        "tea-",
        "te--a",
        "tea house",
        "茶屋",
        &"a".repeat(41),
    ] {
        assert_eq!(
            parse_slug(bad),
            Err(crate::FieldErrorCode::InvalidSlug),
            "{bad}"
        );
    }
    assert_eq!(parse_slug("admin"), Err(crate::FieldErrorCode::SlugTaken));
}

#[test]
fn documents_and_countries() {
    assert_eq!(DocumentFile::sniff(b"%PDF-1.7\n"), Some(DocumentFile::Pdf));
    assert_eq!(
        DocumentFile::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
        Some(DocumentFile::Image(crate::media::ImageKind::Jpeg))
    );
    assert_eq!(DocumentFile::sniff(b"<html>"), None);
    for f in [
        DocumentFile::Pdf,
        DocumentFile::Image(crate::media::ImageKind::Png),
    ] {
        assert_eq!(DocumentFile::from_ext(f.ext()), Some(f));
    }
    assert_eq!(parse_country(" tw"), Some("TW"));
    assert_eq!(parse_country("XX"), None);
}

proptest! {
    #[test]
    fn accepted_slugs_are_url_and_key_safe(raw in "[ a-zA-Z0-9_-]{0,45}") {
        if let Ok(s) = parse_slug(&raw) {
            prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!((3..=40).contains(&s.len()));
            prop_assert_eq!(parse_slug(&s), Ok(s.clone()));
        }
    }
}

fn status() -> impl Strategy<Value = ApplicationStatus> {
    prop::sample::select(S::ALL.to_vec())
}
fn action() -> impl Strategy<Value = ApplicationAction> {
    prop::sample::select(A::ALL.to_vec())
}
fn document() -> impl Strategy<Value = DocumentKind> {
    prop::sample::select(DocumentKind::ALL.to_vec())
}

proptest! {
    #[test]
    fn final_states_never_move_and_reasons_are_always_owed(
        from in status(),
        a in action(),
        reason in prop::option::of("[ a-z]{0,8}"),
    ) {
        let result = transition(from, a, actor_for(a), reason.as_deref());
        if from.is_final() {
            prop_assert_eq!(result.clone(), Err(OnboardingError::WrongState));
        }
        if let Ok(to) = result {
            prop_assert_ne!(to, from);
            prop_assert_ne!(to, S::Draft);
            if a.needs_reason() {
                prop_assert!(reason.as_deref().is_some_and(|r| !r.trim().is_empty()));
            }
            // only a moderator or the automatic checks open a shop
            if to == S::Approved {
                prop_assert!(matches!(a, A::Approve | A::AutoApprove | A::Reinstate));
            }
        }
        // nobody else may take the action
        for other in [Actor::Applicant, Actor::Moderator, Actor::System] {
            if other != actor_for(a) {
                prop_assert_eq!(
                    transition(from, a, other, reason.as_deref()),
                    Err(OnboardingError::NotAllowed)
                );
            }
        }
    }

    #[test]
    fn missing_is_exactly_what_was_not_provided(
        required in prop::collection::vec(document(), 0..5),
        provided in prop::collection::vec(document(), 0..5),
    ) {
        let missing = missing_documents(&required, &provided);
        for d in &required {
            prop_assert_eq!(missing.contains(d), !provided.contains(d));
        }
        prop_assert!(missing.iter().all(|d| required.contains(d)));
        prop_assert_eq!(check_submission(&required, &provided).is_ok(), missing.is_empty());
    }
}
