//! Shoppers' reports of a listing from the product page (counterfeit, IP infringement,
//! prohibited item, other), once per shopper and listing, and the moderators' list of
//! open reports: a report either sends the listing to the moderation queue (held, as a
//! screening case with the report as its reason) or is dismissed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const REPORT_REASONS: [&str; 4] = ["counterfeit", "ip", "prohibited", "other"];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub key: String,
    pub product_key: String,
    pub product_title: String,
    pub shop_name: String,
    pub reason: String,
    pub text: String,
    pub created_at: i64,
    /// Open reports on the same listing.
    pub reports_on_listing: i64,
}

#[cfg(feature = "ssr")]
pub mod imp {
    use domain::{FieldError, FieldErrorCode};
    use surrealdb::types::RecordId;

    use super::*;
    use crate::accounts::session::SessionUser;
    use crate::moderation::store;
    use crate::state::{is_record_key, key_of, AppState};
    use backend::db::{Audit, AuditAction, Tx};
    use surrealdb::types::ToSql;

    pub async fn report(
        state: &AppState,
        user: &SessionUser,
        product: &str,
        reason: &str,
        text: &str,
    ) -> Result<(), AppError> {
        if !is_record_key(product) {
            return Err(AppError::NotFound);
        }
        let mut errs = Vec::new();
        if !REPORT_REASONS.contains(&reason) {
            errs.push(FieldError::new("reason", FieldErrorCode::InvalidChoice));
        }
        let text = text.trim();
        if text.chars().count() > 2000 {
            errs.push(FieldError::new("text", FieldErrorCode::TooLong));
        }
        if reason == "other" && text.chars().count() < 10 {
            errs.push(FieldError::new("text", FieldErrorCode::Required));
        }
        if !errs.is_empty() {
            return Err(AppError::Invalid(errs));
        }
        let pid = RecordId::new("product", product);
        let p = store::listing_to_report(&state.db, &pid)
            .await?
            .ok_or(AppError::NotFound)?;
        if p.status != "active" && p.status != "sold_out" {
            return Err(AppError::NotFound);
        }
        if p.owner.as_ref() == Some(&user.id) {
            return Err(AppError::Invalid(vec![FieldError::new(
                "reason",
                FieldErrorCode::NotAllowed,
            )]));
        }
        if store::already_reported(&state.db, &pid, &user.id).await? {
            return Err(AppError::Invalid(vec![FieldError::new(
                "reason",
                FieldErrorCode::AlreadyDecided,
            )]));
        }
        let now = state.now();
        let audit = Audit::on(Some(&user.id), AuditAction::ListingReported, &pid, now)
            .detail(serde_json::json!({ "reason": reason }));
        let s = store::file_report(pid, p.shop, user.id.clone(), reason, text, audit);
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        tx.run(&state.db).await?.map_err(|_| {
            AppError::Invalid(vec![FieldError::new(
                "reason",
                FieldErrorCode::AlreadyDecided,
            )])
        })
    }

    pub async fn open(state: &AppState) -> Result<Vec<ReportView>, AppError> {
        let rows = store::open_reports(&state.db).await?;
        let mut out: Vec<ReportView> = rows
            .into_iter()
            .map(|r| ReportView {
                key: key_of(&r.id),
                product_key: key_of(&r.product),
                product_title: r.title.unwrap_or_default(),
                shop_name: r.shop_name.unwrap_or_default(),
                reason: r.reason,
                text: r.text,
                created_at: r.created_at.timestamp(),
                reports_on_listing: 0,
            })
            .collect();
        let counts: Vec<(String, i64)> = out.iter().map(|r| r.product_key.clone()).fold(
            Vec::<(String, i64)>::new(),
            |mut acc, k| {
                match acc.iter_mut().find(|(x, _)| *x == k) {
                    Some((_, n)) => *n += 1,
                    None => acc.push((k, 1)),
                }
                acc
            },
        );
        for r in &mut out {
            r.reports_on_listing = counts
                .iter()
                .find(|(k, _)| *k == r.product_key)
                .map_or(1, |(_, n)| *n);
        }
        Ok(out)
    }

    /// `review`: the listing is held and queued as a screening case with the report as
    /// its reason (all open reports on it are actioned); `dismiss`: closed.
    pub async fn decide(
        state: &AppState,
        moderator: &SessionUser,
        key: &str,
        review: bool,
    ) -> Result<(), AppError> {
        if !is_record_key(key) {
            return Err(AppError::NotFound);
        }
        let report = RecordId::new("listing_report", key);
        let product = store::reported_listing(&state.db, &report).await?;
        let Some(product) = product else {
            return Err(AppError::Invalid(vec![FieldError::new(
                "report",
                FieldErrorCode::AlreadyDecided,
            )]));
        };
        let now = state.now();
        let audit = Audit::on(
            Some(&moderator.id),
            if review {
                AuditAction::ReportReviewed
            } else {
                AuditAction::ReportDismissed
            },
            &product,
            now,
        )
        .detail(serde_json::json!({ "report": report.to_sql() }));
        let s = store::decide_report(report, review, audit);
        let mut tx = Tx::new();
        tx.bind("now", now).add(s);
        let r = tx.run(&state.db).await?;
        state.catalog_cache.invalidate();
        r.map_err(|_| {
            AppError::Invalid(vec![FieldError::new(
                "report",
                FieldErrorCode::AlreadyDecided,
            )])
        })
    }
}

/// A shopper reports a listing (signed in; once per listing).
#[server(endpoint = "report_listing")]
pub async fn report_listing(
    product: String,
    #[server(default)] reason: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    async {
        let user = crate::accounts::session::require_user().await?;
        let state = crate::state::app_state()?;
        imp::report(&state, &user, &product, &reason, &text).await
    }
    .await
}

#[server(endpoint = "open_reports")]
pub async fn get_open_reports() -> Result<Vec<ReportView>, AppError> {
    async {
        let crate::ctx::Ctx { state, user: _ } =
            crate::ctx::Ctx::role(domain::Role::Moderator).await?;
        imp::open(&state).await
    }
    .await
}

#[server(endpoint = "decide_report")]
pub async fn decide_report(key: String, decision: String) -> Result<(), AppError> {
    async {
        let crate::ctx::Ctx { state, user } =
            crate::ctx::Ctx::role(domain::Role::Moderator).await?;
        let review = crate::error::choice("decision", &decision, "review", "dismiss")?;
        imp::decide(&state, &user, &key, review).await
    }
    .await
}

fn reason_key(r: &str) -> crate::i18n::K {
    use crate::i18n::K;
    match r {
        "counterfeit" => K::RpCounterfeit,
        "ip" => K::RpIp,
        "prohibited" => K::RpProhibited,
        _ => K::RpOther,
    }
}

/// "Report this listing" on the product page: a plain form inside a disclosure (works
/// before wasm loads); visitors who are not signed in are sent to log in.
#[component]
pub fn ReportListingForm(product: String) -> impl IntoView {
    use crate::i18n::{field_error_key, t, K};
    let action = ServerAction::<ReportListing>::new();
    let done = move || action.value().get().is_some_and(|r| r.is_ok());
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <details class="text-sm text-slate-600" data-testid="report-listing">
            <summary class="cursor-pointer hover:underline">{t(K::RpTitle)}</summary>
            <Show
                when=done
                fallback=move || {
                    let product = product.clone();
                    view! {
                        <ActionForm
                            action=action
                            attr:class="mt-2 space-y-2 rounded-lg border border-slate-200 bg-white p-3"
                        >
                            <input type="hidden" name="product" value=product />
                            <fieldset class="space-y-1">
                                <legend class="font-medium text-slate-800">{t(K::RpWhy)}</legend>
                                {REPORT_REASONS
                                    .iter()
                                    .map(|r| {
                                        view! {
                                            <label class="flex items-center gap-2">
                                                <input type="radio" name="reason" value=*r required=true />
                                                {t(reason_key(r))}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <label class="block">
                                <span class="font-medium text-slate-800">{t(K::RpDetails)}</span>
                                <textarea
                                    name="text"
                                    rows="2"
                                    maxlength="2000"
                                    class="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2"
                                ></textarea>
                            </label>
                            {move || {
                                err()
                                    .map(|e| match e {
                                        AppError::Unauthenticated => {
                                            view! {
                                                <p role="alert" class="text-red-700">
                                                    <a href="/login" class="underline">
                                                        {t(K::RpLogIn)}
                                                    </a>
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        AppError::Invalid(list) => {
                                            view! {
                                                <p
                                                    role="alert"
                                                    class="text-red-700"
                                                    data-testid="report-error"
                                                >
                                                    {list
                                                        .first()
                                                        .map(|f| t(field_error_key(f.code)))
                                                        .unwrap_or_default()}
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        other => {
                                            view! { <crate::ui::ErrorBanner error=other /> }.into_any()
                                        }
                                    })
                            }}
                            <button
                                type="submit"
                                class="rounded-lg border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100"
                                data-testid="report-submit"
                            >
                                {t(K::RpSubmit)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="mt-2 font-medium text-teal-800" role="status" data-testid="report-done">
                    {t(K::RpThanks)}
                </p>
            </Show>
        </details>
    }
}

/// Open reports for moderators (on `/admin/moderation`).
#[component]
pub fn OpenReports() -> impl IntoView {
    use crate::i18n::{t, K};
    let data = Resource::new(|| (), |_| get_open_reports());
    let action = ServerAction::<DecideReport>::new();
    crate::ui::on_success(action.value(), |_| crate::ui::reload_page());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await
                    .ok()
                    .filter(|r| !r.is_empty())
                    .map(|reports| {
                        view! {
                            <section class="space-y-3" data-testid="open-reports">
                                <h2 class="text-lg font-semibold">{t(K::RpOpen)}</h2>
                                {reports
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <article
                                                class="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm"
                                                data-testid="report-row"
                                            >
                                                <div class="grow">
                                                    <a
                                                        href=format!("/p/{}", r.product_key)
                                                        class="font-medium text-teal-800 underline"
                                                    >
                                                        {r.product_title.clone()}
                                                    </a>
                                                    <p class="text-slate-600">
                                                        {r.shop_name.clone()} " · " {t(reason_key(&r.reason))}
                                                        " · " {r.reports_on_listing} " " {t(K::RpCount)}
                                                    </p>
                                                    {(!r.text.is_empty())
                                                        .then(|| {
                                                            view! {
                                                                <p class="whitespace-pre-line">{r.text.clone()}</p>
                                                            }
                                                        })}
                                                </div>
                                                <ActionForm action=action attr:class="flex gap-2">
                                                    <input type="hidden" name="key" value=r.key.clone() />
                                                    <button
                                                        type="submit"
                                                        name="decision"
                                                        value="review"
                                                        class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                                                    >
                                                        {t(K::RpHold)}
                                                    </button>
                                                    <button
                                                        type="submit"
                                                        name="decision"
                                                        value="dismiss"
                                                        class="rounded-lg border border-slate-300 px-3 py-1.5 font-semibold"
                                                    >
                                                        {t(K::RpDismiss)}
                                                    </button>
                                                </ActionForm>
                                            </article>
                                        }
                                    })
                                    .collect_view()}
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
