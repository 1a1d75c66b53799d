//! Held and reported reviews on `/admin/moderation`: keep (publish / close the
//! reports) or remove with a reason the author is sent; every decision is audited.

use leptos::prelude::*;

use super::{report_reason_key, ReviewPhotos, StarRow};
use crate::i18n::{field_error_key, t, K};
use crate::reviews::*;
use crate::ui::utc_datetime;
use crate::ui::ErrorBanner;

pub fn flag_key(code: &str) -> K {
    match code {
        "profanity" => K::RvFlagProfanity,
        "link" => K::RvFlagLink,
        "phone" => K::RvFlagPhone,
        "duplicate" => K::RvFlagDuplicate,
        "linked_accounts" => K::RvFlagLinked,
        _ => K::RvFlagBurst,
    }
}

#[component]
pub fn ModerationReviews() -> impl IntoView {
    let data = Resource::new(|| (), |_| moderation_reviews());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        view! {
                            <section class="space-y-3" data-testid="moderation-reviews">
                                <h2 class="text-lg font-semibold">
                                    {t(K::RvModHeading)} " (" {list.len()} ")"
                                </h2>
                                {if list.is_empty() {
                                    view! {
                                        <p class="text-sm text-slate-600">{t(K::RvModNone)}</p>
                                    }
                                        .into_any()
                                } else {
                                    list.into_iter()
                                        .map(|r| view! { <ModReviewCard review=r /> })
                                        .collect_view()
                                        .into_any()
                                }}
                            </section>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModReviewCard(review: ModReview) -> impl IntoView {
    let r = review;
    let action = ServerAction::<DecideReview>::new();
    let done = move || action.value().get().is_some_and(|v| v.is_ok());
    let err = move || action.value().get().and_then(|v| v.err());
    let reason_id = format!("mod-reason-{}", r.key);
    view! {
        <article
            class="rounded-xl border border-slate-200 bg-white p-4 text-sm"
            data-testid="mod-review"
        >
            <div class="flex flex-wrap items-center gap-3">
                <StarRow rating=r.rating />
                <a
                    href=format!("/p/{}#review-{}", r.product_key, r.key)
                    class="font-medium text-teal-800 underline"
                >
                    {r.product_title.clone()}
                </a>
                <span class="text-slate-600">{r.shop_name.clone()}</span>
                <span class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold">
                    {t(super::status_key(&r.status))}
                </span>
            </div>
            <p class="mt-1 text-xs text-slate-500">
                {r.author.clone()} " · " {utc_datetime(r.created_at)}
            </p>
            <ul class="mt-2 flex flex-wrap gap-2" data-testid="mod-review-flags">
                {r
                    .flags
                    .iter()
                    .map(|f| {
                        view! {
                            <li class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                                {t(flag_key(f))}
                            </li>
                        }
                    })
                    .collect_view()}
                {r
                    .reports
                    .iter()
                    .map(|(reason, n)| {
                        view! {
                            <li class="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900">
                                {t(K::RvReported)} ": " {t(report_reason_key(reason))} " ×" {*n}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!r.title.is_empty())
                .then(|| view! { <h3 class="mt-2 font-semibold">{r.title.clone()}</h3> })}
            <p class="mt-1 whitespace-pre-line text-slate-800" data-testid="mod-review-body">
                {r.body.clone()}
            </p>
            <ReviewPhotos photos=r.photos.clone() />
            <Show
                when=done
                fallback=move || {
                    let key = r.key.clone();
                    let reason_id = reason_id.clone();
                    view! {
                        <ActionForm action=action attr:class="mt-3 space-y-2">
                            <input type="hidden" name="review" value=key />
                            <label for=reason_id.clone() class="block font-medium">
                                {t(K::RvModReason)}
                            </label>
                            <textarea
                                id=reason_id
                                name="reason"
                                rows="2"
                                maxlength="2000"
                                class="block w-full rounded-lg border border-slate-300 px-3 py-2"
                            ></textarea>
                            {move || {
                                err()
                                    .map(|e| match e {
                                        AppError::Invalid(list) => {
                                            view! {
                                                <p
                                                    role="alert"
                                                    class="text-red-700"
                                                    data-testid="mod-review-error"
                                                >
                                                    {list
                                                        .first()
                                                        .map(|f| t(field_error_key(f.code)))
                                                        .unwrap_or_default()}
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        other => view! { <ErrorBanner error=other /> }.into_any(),
                                    })
                            }}
                            <div class="flex gap-2">
                                <button
                                    type="submit"
                                    name="decision"
                                    value="keep"
                                    class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                                    data-testid="mod-review-keep"
                                >
                                    {t(K::RvModKeep)}
                                </button>
                                <button
                                    type="submit"
                                    name="decision"
                                    value="remove"
                                    class="rounded-lg border border-red-300 px-3 py-1.5 font-semibold text-red-800"
                                    data-testid="mod-review-remove"
                                >
                                    {t(K::RvModRemove)}
                                </button>
                            </div>
                        </ActionForm>
                    }
                }
            >
                <p
                    class="mt-3 font-medium text-teal-800"
                    role="status"
                    data-testid="mod-review-done"
                >
                    {t(K::RvModDone)}
                </p>
            </Show>
        </article>
    }
}
