//! One review on the product page: stars, text, photos, the seller's reply, the
//! helpful vote and the report form.

use leptos::prelude::*;

use super::{aspect_label, date, report_reason_key, StarRow};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::reviews::{ReportReview, ReviewView, VoteHelpful, REVIEW_REPORT_REASONS};
use crate::ui::ErrorBanner;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn ReviewCard(review: ReviewView) -> impl IntoView {
    let r = review;
    let key = r.key.clone();
    let report_key = r.key.clone();
    let vote = ServerAction::<VoteHelpful>::new();
    let helpful = Signal::derive({
        let base = r.helpful;
        move || match vote.value().get() {
            Some(Ok(n)) => n,
            _ => base,
        }
    });
    let voted = {
        let was = r.voted;
        move || was || vote.value().get().is_some_and(|v| v.is_ok())
    };
    let vote_err = move || vote.value().get().and_then(|v| v.err());
    let aspects = r
        .aspects
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|a| (i, a)))
        .map(|(i, a)| view! { <li>{t(aspect_label(i))} " " <StarRow rating=a /></li> })
        .collect_view();
    view! {
        <li
            id=format!("review-{}", r.key)
            class="rounded-xl border border-slate-200 bg-white p-4"
            data-testid="review"
            lang=r.lang.clone()
        >
            <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
                <StarRow rating=r.rating />
                {(!r.title.is_empty())
                    .then(|| {
                        view! {
                            <h3 class="font-semibold text-slate-900" data-testid="review-title">
                                {r.title.clone()}
                            </h3>
                        }
                    })}
            </div>
            <p class="mt-1 text-xs text-slate-500">
                <span class="font-medium text-slate-700" data-testid="review-author">
                    {r.author.clone()}
                </span>
                " · "
                {date(r.created_at)}
                {(!r.item.is_empty())
                    .then(|| {
                        view! {
                            " · "
                            <span>{r.item.clone()}</span>
                        }
                    })}
                " · "
                <span class="font-medium text-emerald-700">{t(K::RvVerified)}</span>
                {r
                    .edited
                    .then(|| {
                        view! {
                            " · "
                            <span>{t(K::RvEdited)}</span>
                        }
                    })}
            </p>
            <ul class="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600">{aspects}</ul>
            <p class="mt-2 whitespace-pre-line text-slate-800" data-testid="review-body">
                {r.body.clone()}
            </p>
            {(!r.photos.is_empty())
                .then(|| {
                    view! {
                        <ul
                            class="mt-2 flex flex-wrap gap-2"
                            aria-label=t(K::RvPhotos)
                            data-testid="review-photos"
                        >
                            {r
                                .photos
                                .iter()
                                .map(|(thumb, full)| {
                                    view! {
                                        <li>
                                            <a href=full.clone() target="_blank" rel="noopener">
                                                <img
                                                    src=thumb.clone()
                                                    alt=t(K::RvPhotoAlt)
                                                    width="96"
                                                    height="96"
                                                    loading="lazy"
                                                    class="h-24 w-24 rounded-lg border border-slate-200 object-cover"
                                                />
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {r
                .reply
                .clone()
                .map(|reply| {
                    view! {
                        <div
                            class="mt-3 rounded-lg border-l-4 border-teal-600 bg-teal-50 px-3 py-2 text-sm"
                            data-testid="seller-reply"
                        >
                            <p class="font-semibold text-teal-900">
                                {t(K::RvSellerReply)}
                                {r.reply_at.map(|t| format!(" · {}", date(t)))}
                            </p>
                            <p class="whitespace-pre-line text-slate-800">{reply}</p>
                        </div>
                    }
                })}
            <div class="mt-3 flex flex-wrap items-center gap-3 text-sm">
                {(!r.mine)
                    .then(|| {
                        view! {
                            <ActionForm action=vote attr:class="inline">
                                <input type="hidden" name="review" value=key.clone() />
                                <button
                                    type="submit"
                                    disabled=voted
                                    class="rounded-lg border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100 disabled:cursor-default disabled:bg-slate-100 disabled:text-slate-500"
                                    data-testid="helpful"
                                >
                                    {move || if voted() { t(K::RvVoted) } else { t(K::RvHelpful) }}
                                </button>
                            </ActionForm>
                        }
                    })} <span class="text-slate-600" data-testid="helpful-count">
                    {move || helpful.get()}
                    " "
                    {t(K::RvFoundHelpful)}
                </span>
                {move || {
                    vote_err()
                        .map(|e| match e {
                            AppError::Unauthenticated => {
                                view! {
                                    <a href="/login" class="text-red-700 underline" role="alert">
                                        {t(K::RvLogInToVote)}
                                    </a>
                                }
                                    .into_any()
                            }
                            AppError::Invalid(list) => {
                                view! {
                                    <span
                                        role="alert"
                                        class="text-red-700"
                                        data-testid="helpful-error"
                                    >
                                        {list
                                            .first()
                                            .map(|f| t(crate::i18n::field_error_key(f.code)))
                                            .unwrap_or_default()}
                                    </span>
                                }
                                    .into_any()
                            }
                            other => view! { <ErrorBanner error=other /> }.into_any(),
                        })
                }} {(!r.mine).then(|| view! { <ReportReviewForm review=report_key.clone() /> })}
            </div>
        </li>
    }
}

#[component]
fn ReportReviewForm(review: String) -> impl IntoView {
    let action = ServerAction::<ReportReview>::new();
    let done = move || action.value().get().is_some_and(|r| r.is_ok());
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <details class="text-slate-600" data-testid="report-review">
            <summary class="cursor-pointer hover:underline">{t(K::RvReport)}</summary>
            <Show
                when=done
                fallback=move || {
                    let review = review.clone();
                    view! {
                        <ActionForm
                            action=action
                            attr:class="mt-2 space-y-2 rounded-lg border border-slate-200 bg-white p-3"
                        >
                            <input type="hidden" name="review" value=review />
                            <fieldset class="space-y-1">
                                <legend class="font-medium text-slate-800">{t(K::RpWhy)}</legend>
                                {REVIEW_REPORT_REASONS
                                    .iter()
                                    .map(|r| {
                                        view! {
                                            <label class="flex items-center gap-2">
                                                <input type="radio" name="reason" value=*r required=true />
                                                {t(report_reason_key(r))}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
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
                                                <p role="alert" class="text-red-700">
                                                    {list
                                                        .first()
                                                        .map(|f| t(crate::i18n::field_error_key(f.code)))
                                                        .unwrap_or_default()}
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        other => view! { <ErrorBanner error=other /> }.into_any(),
                                    })
                            }}
                            <button
                                type="submit"
                                class="rounded-lg border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100"
                                data-testid="report-review-submit"
                            >
                                {t(K::RpSubmit)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="mt-2 font-medium text-teal-800" role="status">
                    {t(K::RpThanks)}
                </p>
            </Show>
        </details>
    }
}
