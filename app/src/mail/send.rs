//! Sending the mail queue over SMTP.

use std::time::Duration;

use backend::notify::store::{self as store, DueMail};
use backend::notify::{link_lifetime, optional_category};
use domain::Lang;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::i18n::K;
use crate::state::{AppState, MailSettings};

/// How long a claimed mail stays this sender's (a sender that stops mid-batch leaves
/// its mails to another after this).
const LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// How long a mail that failed `attempts` times waits: one minute, doubling, at most
/// an hour.
pub fn retry_wait(attempts: i64) -> chrono::Duration {
    chrono::Duration::minutes(1i64 << attempts.clamp(1, 7).saturating_sub(1))
        .min(chrono::Duration::hours(1))
}

/// Sends the next batch of the mail queue; returns how many the mail server took.
/// Without a mail server configured (`SMTP_URL`) nothing is sent and the queue waits.
pub async fn send_due(state: &AppState) -> usize {
    send_batch(state).await.1
}

/// Sends the mail queue in batches until a batch is not full (nothing more is due) or
/// after `max_batches`; returns how many the mail server took.
pub async fn send_queue(state: &AppState, max_batches: usize) -> usize {
    let mut sent = 0;
    for _ in 0..max_batches {
        let (claimed, n) = send_batch(state).await;
        sent += n;
        if claimed < store::MAIL_BATCH as usize {
            break;
        }
    }
    sent
}

/// One batch: (mails claimed, mails the server took).
async fn send_batch(state: &AppState) -> (usize, usize) {
    let Some(settings) = state.settings.mail.as_ref() else {
        return (0, 0);
    };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url) {
        Ok(b) => b.timeout(Some(Duration::from_secs(15))).build(),
        Err(e) => {
            tracing::error!(error = %e, "mail: SMTP_URL cannot be used");
            return (0, 0);
        }
    };
    let now = state.now();
    let rows = match store::claim_mail(&state.db, now, now + LEASE).await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, "mail: claim failed");
            return (0, 0);
        }
    };
    let claimed = rows.len();
    let mut sent = 0;
    for row in rows {
        match send_one(state, settings, &transport, &row).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(error = %e, mail = %crate::state::key_of(&row.id), attempts = row.attempts, "mail not sent; left for a later attempt");
                let next = state.now() + retry_wait(row.attempts);
                if let Err(e) = store::mail_again(&state.db, &row.id, &e, next).await {
                    tracing::error!(error = %e, "mail: could not record the failure");
                }
            }
        }
    }
    (claimed, sent)
}

/// One mail: sent, or skipped when the link it carries no longer works, its recipient
/// turned its kind off, has no address, or (for mail one may turn off) has not
/// confirmed the address: an account opened with someone else's address cannot make
/// the site write to them about questions and messages. Whether the mail server took
/// it (`false`: skipped); the reason it was not sent otherwise.
async fn send_one(
    state: &AppState,
    settings: &MailSettings,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    row: &DueMail,
) -> Result<bool, String> {
    let db_error = |e: surrealdb::Error| format!("database: {e}");
    let category = optional_category(&row.kind);
    let off = row.mail_off.as_deref().unwrap_or_default();
    let expired = link_lifetime(&row.kind).is_some_and(|life| row.created_at + life <= state.now());
    let skip = match (&row.email, &row.texts, category) {
        _ if expired => Some("link expired"),
        (None, _, _) => Some("no address"),
        (_, None, _) => Some("no text"),
        (_, _, Some(c)) if off.iter().any(|o| o == c) => Some("turned off"),
        (_, _, Some(_)) if !row.verified => Some("address not confirmed"),
        _ => None,
    };
    if let Some(why) = skip {
        return store::mail_skipped(&state.db, &row.id, why)
            .await
            .map(|()| false)
            .map_err(db_error);
    }
    let unsubscribe = match category {
        Some(c) => Some(super::settings::unsubscribe_url(state, &row.recipient, c).await?),
        None => None,
    };
    let message = compose(settings, &state.settings.public_origin, row, unsubscribe)?;
    transport
        .send(message)
        .await
        .map_err(|e| format!("SMTP: {e}"))?;
    store::mail_sent(&state.db, &row.id, state.now())
        .await
        .map(|()| true)
        .map_err(db_error)
}

/// The message: the notice in its recipient's language, as plain text and HTML, with
/// a link to where it takes them and, for mail they may turn off, how to stop it.
fn compose(
    settings: &MailSettings,
    origin: &str,
    row: &DueMail,
    unsubscribe: Option<String>,
) -> Result<Message, String> {
    let lang = row
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or_default();
    let text = row.texts.as_ref().ok_or("no text")?.get(lang);
    let address = row.email.as_deref().ok_or("no address")?;
    let to = Mailbox::new(
        row.name.clone().filter(|n| !n.is_empty()),
        address
            .parse()
            .map_err(|e| format!("address {address}: {e}"))?,
    );
    let from: Mailbox = settings
        .from
        .parse()
        .map_err(|e| format!("MAIL_FROM: {e}"))?;
    let link = format!(
        "{origin}{}",
        row.link.as_deref().unwrap_or("/notifications")
    );
    let prefs = format!("{origin}/account#mail");
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(text.subject.clone())
        .header(AutoSubmitted);
    if let Some(u) = &unsubscribe {
        builder = builder
            .header(ListUnsubscribe(format!("<{u}>")))
            .header(ListUnsubscribePost);
    }
    let body = Body {
        lang,
        text,
        link: &link,
        prefs: &prefs,
        unsubscribe: unsubscribe.as_deref(),
    };
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(body.plain()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(body.html()),
                ),
        )
        .map_err(|e| format!("message: {e}"))
}

/// What a mail says, in its recipient's language.
struct Body<'a> {
    lang: Lang,
    text: &'a backend::notify::Text,
    link: &'a str,
    prefs: &'a str,
    unsubscribe: Option<&'a str>,
}

impl Body<'_> {
    fn plain(&self) -> String {
        let l = self.lang;
        let mut s = format!(
            "{}\n\n{}: {}\n\n--\n{}\n{}: {}\n",
            self.text.body,
            K::MailOpen.text(l),
            self.link,
            K::MailWhy.text(l),
            K::MailSettings.text(l),
            self.prefs
        );
        if let Some(u) = self.unsubscribe {
            s.push_str(&format!("{}: {u}\n", K::MailUnsubscribe.text(l)));
        }
        s
    }

    fn html(&self) -> String {
        let l = self.lang;
        let unsubscribe = self
            .unsubscribe
            .map(|u| {
                format!(
                    " · <a href=\"{}\" style=\"color:#475569\">{}</a>",
                    escape(u),
                    escape(K::MailUnsubscribe.text(l))
                )
            })
            .unwrap_or_default();
        format!(
            "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
             <body style=\"margin:0;background:#f8fafc;font-family:system-ui,-apple-system,'Noto Sans TC',sans-serif;color:#0f172a\">\
             <div style=\"max-width:560px;margin:0 auto;padding:24px\">\
             <p style=\"font-weight:700;color:#0f766e;margin:0 0 16px\">Harbour Market</p>\
             <div style=\"background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:24px\">\
             <h1 style=\"font-size:20px;margin:0 0 12px\">{subject}</h1>\
             <p style=\"line-height:1.6;margin:0 0 20px;white-space:pre-line\">{body}</p>\
             <a href=\"{link}\" style=\"display:inline-block;background:#0f766e;color:#fff;text-decoration:none;padding:10px 18px;border-radius:8px;font-weight:600\">{open}</a>\
             </div>\
             <p style=\"font-size:12px;color:#64748b;line-height:1.5;margin:16px 0 0\">{why}<br>\
             <a href=\"{prefs}\" style=\"color:#475569\">{settings}</a>{unsubscribe}</p>\
             </div></body></html>",
            lang = l.code(),
            subject = escape(&self.text.subject),
            body = escape(&self.text.body),
            link = escape(self.link),
            open = escape(K::MailOpen.text(l)),
            why = escape(K::MailWhy.text(l)),
            prefs = escape(self.prefs),
            settings = escape(K::MailSettings.text(l)),
        )
    }
}

/// Text safe inside HTML (elements and attribute values).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `List-Unsubscribe: <https://…>`
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): mail programs may
/// unsubscribe with one POST, without opening a page.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834): no out-of-office replies.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_and_at_most_an_hour() {
        let waits: Vec<i64> = (1..=9).map(|a| retry_wait(a).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn html_escapes_what_people_wrote() {
        assert_eq!(
            escape("<b>Tom & \"Jerry\"'s</b>"),
            "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&#39;s&lt;/b&gt;"
        );
    }
}
