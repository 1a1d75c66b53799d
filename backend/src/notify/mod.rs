//! What the marketplace tells people: one [`Notice`] per event that notifies someone,
//! carrying exactly the data its text needs. Its words come from a table with one entry
//! per language ([`Notice::text`]); the notification feed shows them as one bilingual
//! mail ([`Notice::render`]): the subject in both languages ("English · 中文", then the
//! order number where there is one), the body and the link as they always were.
//!
//! Stores write what [`Notice::render`] gives (bound as variables, never as literals),
//! and the orders area's transitions carry [`Mail`]s made by [`Notice::mail`].

pub mod store;
mod templates;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use domain::order::ReturnKind;
use domain::Lang;
use surrealdb::types::{RecordId, SurrealValue};

/// A notice for one person, kept in the outbox table: the notification feed shows it,
/// the mail channel sends it in the recipient's language.
#[derive(Clone, Debug, SurrealValue)]
pub struct Mail {
    pub recipient: RecordId,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub link: Option<String>,
    pub texts: Texts,
    pub created_at: DateTime<Utc>,
}

/// A notice as the outbox keeps it, without its recipient and time (which the statement
/// writing it supplies): bound as one variable, its fields read as `$mail.subject` and so on.
#[derive(Clone, Debug, PartialEq, Eq, SurrealValue)]
pub struct Rendered {
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub texts: Texts,
}

/// One language's words of a notice.
#[derive(Clone, Debug, PartialEq, Eq, SurrealValue)]
pub struct Text {
    pub subject: String,
    pub body: String,
}

/// A notice's words in each language, for a mail in its recipient's.
#[derive(Clone, Debug, PartialEq, Eq, SurrealValue)]
pub struct Texts {
    pub en: Text,
    pub zh: Text,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> &Text {
        match lang {
            Lang::En => &self.en,
            Lang::ZhHant => &self.zh,
        }
    }
}

/// The kinds of mail whose link is a secret (a password reset's, an address
/// confirmation's), as a SurrealQL array literal for `concat!`: the feed and the unread
/// counts leave them out (a session is not proof of the mailbox), and the outbox forgets
/// the link once the mail is sent.
#[macro_export]
macro_rules! secret_mail_kinds {
    () => {
        "['password_reset', 'verify_email']"
    };
}

/// How long the secret link a mail of `kind` carries works (the kinds of
/// [`secret_mail_kinds!`]); `None` for mail without one. Once that has passed, the mail
/// is not worth sending: a mail server that was down longer would deliver a dead link.
pub fn link_lifetime(kind: &str) -> Option<chrono::Duration> {
    match kind {
        "password_reset" => Some(chrono::Duration::minutes(
            domain::recovery::RESET_LINK_MINUTES,
        )),
        "verify_email" => Some(chrono::Duration::hours(domain::recovery::VERIFY_LINK_HOURS)),
        _ => None,
    }
}

/// Which mail a person may turn off: `None` for mail they always get (their orders,
/// their shop's orders and payouts, moderation's statements of reasons, notices).
pub fn optional_category(kind: &str) -> Option<&'static str> {
    match kind {
        "review_negative" | "review_reply" => Some("reviews"),
        "low_stock" => Some("stock"),
        "chat_message" | "question_new" | "question_answered" => Some("messages"),
        _ => None,
    }
}

/// The mail kinds a person may turn off, as [`optional_category`] names them.
pub const OPTIONAL_CATEGORIES: &[&str] = &["reviews", "stock", "messages"];

/// Every event that notifies someone. Order keys are the order record's key (for links),
/// numbers the order number people see.
#[derive(Clone, Debug)]
pub enum Notice {
    // to the buyer
    OrderPlaced {
        order: String,
        number: String,
        shop: String,
        total: String,
    },
    PaymentReceived {
        order: String,
        number: String,
    },
    OrderShipped {
        order: String,
        number: String,
        carrier: String,
        tracking: String,
    },
    /// The seller says the order arrived: the buyer is asked to confirm it.
    DeliveryReported {
        order: String,
        number: String,
        /// Days after shipping after which it counts as delivered anyway.
        auto_days: i64,
    },
    OrderDelivered {
        order: String,
        number: String,
        return_days: i64,
    },
    OrderCancelled {
        order: String,
        number: String,
        reason: String,
        refunded: bool,
    },
    /// The seller answered a return request: accepted (with who pays the postage back)
    /// or refused (with the seller's reason).
    ReturnDecided {
        order: String,
        number: String,
        accepted: bool,
        seller_pays_postage: bool,
        refusal: String,
    },
    /// The returned items arrived back and the buyer was refunded `amount`.
    ReturnRefunded {
        order: String,
        number: String,
        amount: String,
    },
    // to the seller, about an order
    NewOrder {
        order: String,
        number: String,
        items: u32,
        total: String,
    },
    OrderCancelledForSeller {
        order: String,
        number: String,
        reason: String,
    },
    AddressChanged {
        order: String,
        number: String,
        line1: String,
        city: String,
    },
    /// The buyer asked the platform to decide about a return (to the seller).
    ClaimOpened {
        order: String,
        number: String,
        statement: String,
    },
    /// A moderator decided a claim: what was refunded (empty: nothing) and why, to the
    /// buyer or (`for_seller`) the seller.
    ClaimDecided {
        order: String,
        number: String,
        refunded: String,
        statement: String,
        for_seller: bool,
    },
    /// The buyer sent the returned items back.
    ReturnShippedBack {
        order: String,
        number: String,
        carrier: String,
        tracking: String,
    },
    ReturnRequested {
        order: String,
        number: String,
        kind: ReturnKind,
        reason: String,
        details: String,
    },
    // moderation
    ListingSentForReview {
        product: String,
        title: String,
    },
    ListingDecided {
        title: String,
    },
    AppealDecided {
        statement: String,
    },
    RightsOwnerDecided {
        statement: String,
    },
    ListingTakenDown {
        title: String,
    },
    NoticeRejected {
        statement: String,
    },
    CounterNoticeReceived {
        title: String,
    },
    ListingReinstated {
        title: String,
    },
    TakedownUpheld {
        title: String,
    },
    // reviews
    NegativeReview {
        line: String,
        rating: i64,
        title: String,
        body: String,
    },
    ReviewReplied {
        product: String,
        review: String,
        reply: String,
    },
    ReviewRemoved {
        product: String,
        reason: String,
    },
    // the seller's stock and money
    LowStock {
        product: String,
        title: String,
    },
    PayoutSent {
        reference: String,
    },
    // the account's safety
    /// A link to set a new password (its secret is in the link).
    PasswordReset {
        token: String,
        minutes: i64,
    },
    /// The password was changed (by reset or by its owner): every other session ended.
    PasswordChanged,
    /// Two-step sign-in was turned on (the other sessions ended) or off.
    TwoStepChanged {
        on: bool,
    },
    /// A recovery code signed in in place of the app's code (`used`), or new codes
    /// replaced the old ones; `left` unused codes remain.
    RecoveryCodes {
        used: bool,
        left: i64,
    },
    /// A link to confirm the account's email address (its secret is in the link).
    VerifyEmail {
        token: String,
        hours: i64,
    },
    // conversations
    NewMessage {
        thread: String,
        /// The shop's name (to a shopper) or the shopper's (to a shop).
        from: String,
        /// The message as the reader sees it (contact details masked).
        text: String,
    },
    // product questions
    /// A shopper asked about one of the shop's products (to the seller).
    NewQuestion {
        title: String,
        text: String,
    },
    /// A question the reader asked was answered.
    QuestionAnswered {
        product: String,
        title: String,
        text: String,
    },
    /// A moderator removed a question or answer the reader wrote.
    QaRemoved {
        product: String,
        reason: String,
    },
}

impl Notice {
    /// The `kind` the outbox records.
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::OrderPlaced { .. } => "order_placed",
            Notice::PaymentReceived { .. } => "order_paid",
            Notice::OrderShipped { .. } => "order_shipped",
            Notice::DeliveryReported { .. } => "order_delivery_reported",
            Notice::OrderDelivered { .. } => "order_delivered",
            Notice::OrderCancelled { .. } => "order_cancelled",
            Notice::ReturnDecided { .. } => "return_decided",
            Notice::ReturnRefunded { .. } => "return_refunded",
            Notice::ReturnShippedBack { .. } => "seller_return_shipped_back",
            Notice::ClaimOpened { .. } => "seller_claim_opened",
            Notice::ClaimDecided { .. } => "claim_decided",
            Notice::NewOrder { .. } => "seller_new_order",
            Notice::OrderCancelledForSeller { .. } => "seller_order_cancelled",
            Notice::AddressChanged { .. } => "seller_address_changed",
            Notice::ReturnRequested { .. } => "seller_return_requested",
            Notice::ListingSentForReview { .. }
            | Notice::ListingDecided { .. }
            | Notice::AppealDecided { .. }
            | Notice::RightsOwnerDecided { .. }
            | Notice::ListingTakenDown { .. }
            | Notice::NoticeRejected { .. }
            | Notice::CounterNoticeReceived { .. }
            | Notice::ListingReinstated { .. }
            | Notice::TakedownUpheld { .. } => "moderation_notice",
            Notice::NegativeReview { .. } => "review_negative",
            Notice::ReviewReplied { .. } => "review_reply",
            Notice::ReviewRemoved { .. } => "review_removed",
            Notice::LowStock { .. } => "low_stock",
            Notice::PayoutSent { .. } => "payout",
            Notice::NewMessage { .. } => "chat_message",
            Notice::NewQuestion { .. } => "question_new",
            Notice::QuestionAnswered { .. } => "question_answered",
            Notice::QaRemoved { .. } => "question_removed",
            Notice::PasswordReset { .. } => "password_reset",
            Notice::PasswordChanged
            | Notice::TwoStepChanged { .. }
            | Notice::RecoveryCodes { .. } => "account_security",
            Notice::VerifyEmail { .. } => "verify_email",
        }
    }

    /// Where the notice takes its reader.
    pub fn link(&self) -> String {
        match self {
            Notice::OrderPlaced { order, .. }
            | Notice::PaymentReceived { order, .. }
            | Notice::OrderShipped { order, .. }
            | Notice::DeliveryReported { order, .. }
            | Notice::OrderDelivered { order, .. }
            | Notice::OrderCancelled { order, .. }
            | Notice::ReturnDecided { order, .. }
            | Notice::ReturnRefunded { order, .. } => format!("/orders/{order}"),
            Notice::NewOrder { order, .. }
            | Notice::OrderCancelledForSeller { order, .. }
            | Notice::AddressChanged { order, .. }
            | Notice::ReturnRequested { order, .. }
            | Notice::ReturnShippedBack { order, .. }
            | Notice::ClaimOpened { order, .. }
            | Notice::ClaimDecided {
                order,
                for_seller: true,
                ..
            } => format!("/seller/orders/{order}"),
            Notice::ClaimDecided { order, .. } => format!("/orders/{order}"),
            Notice::ListingSentForReview { product, .. } | Notice::LowStock { product, .. } => {
                format!("/seller/listings/{product}")
            }
            Notice::ListingDecided { .. }
            | Notice::AppealDecided { .. }
            | Notice::ListingTakenDown { .. }
            | Notice::ListingReinstated { .. }
            | Notice::TakedownUpheld { .. } => "/seller/notices".to_string(),
            Notice::RightsOwnerDecided { .. }
            | Notice::NoticeRejected { .. }
            | Notice::CounterNoticeReceived { .. } => "/rights".to_string(),
            Notice::NegativeReview { line, .. } => {
                format!("/seller/reviews?filter=needs_reply#review-{line}")
            }
            Notice::ReviewReplied {
                product, review, ..
            } => format!("/p/{product}#review-{review}"),
            Notice::ReviewRemoved { product, .. } => format!("/p/{product}"),
            Notice::PayoutSent { .. } => "/seller/money".to_string(),
            Notice::NewMessage { thread, .. } => format!("/messages/{thread}"),
            Notice::NewQuestion { .. } => "/seller/questions".to_string(),
            Notice::QuestionAnswered { product, .. } => format!("/p/{product}#questions"),
            Notice::QaRemoved { product, .. } => format!("/p/{product}#questions"),
            Notice::PasswordReset { token, .. } => format!("/reset?token={token}"),
            Notice::PasswordChanged => "/account#security".to_string(),
            Notice::TwoStepChanged { .. } | Notice::RecoveryCodes { .. } => {
                "/account#two-step".to_string()
            }
            Notice::VerifyEmail { token, .. } => format!("/verify?token={token}"),
        }
    }

    /// The order number a subject ends with, in every language (order notices whose
    /// words do not already name it).
    fn reference(&self) -> Option<&str> {
        match self {
            Notice::PaymentReceived { number, .. }
            | Notice::OrderShipped { number, .. }
            | Notice::DeliveryReported { number, .. }
            | Notice::OrderDelivered { number, .. }
            | Notice::OrderCancelled { number, .. }
            | Notice::ReturnDecided { number, .. }
            | Notice::OrderCancelledForSeller { number, .. }
            | Notice::AddressChanged { number, .. }
            | Notice::ReturnRequested { number, .. }
            | Notice::ReturnRefunded { number, .. }
            | Notice::ReturnShippedBack { number, .. }
            | Notice::ClaimOpened { number, .. }
            | Notice::ClaimDecided { number, .. } => Some(number),
            _ => None,
        }
    }

    /// The notice in one language, as a mail in that language would say it.
    pub fn text(&self, lang: Lang) -> Text {
        let words = self.words(lang);
        Text {
            subject: with_reference(words.subject, self.reference()),
            body: words.body,
        }
    }

    /// The notice as the outbox keeps it: the subject in both languages ("English ·
    /// 中文", then the order number where there is one) and the English body.
    pub fn render(&self) -> Rendered {
        let en = self.words(Lang::En);
        let zh = self.words(Lang::ZhHant);
        Rendered {
            kind: self.kind().to_string(),
            subject: with_reference(format!("{} · {}", en.subject, zh.subject), self.reference()),
            body: en.body,
            link: self.link(),
            texts: Texts {
                en: self.text(Lang::En),
                zh: self.text(Lang::ZhHant),
            },
        }
    }

    /// The notice as a mail to `recipient`, sent `at`.
    pub fn mail(&self, recipient: &RecordId, at: DateTime<Utc>) -> Mail {
        let r = self.render();
        Mail {
            recipient: recipient.clone(),
            kind: r.kind,
            subject: r.subject,
            body: r.body,
            link: Some(r.link),
            texts: r.texts,
            created_at: at,
        }
    }
}

fn with_reference(subject: String, reference: Option<&str>) -> String {
    match reference {
        Some(r) => format!("{subject} · {r}"),
        None => subject,
    }
}
