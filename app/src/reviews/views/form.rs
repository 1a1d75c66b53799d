//! The review form of one order line (a plain multipart form, photos included, handled
//! by the server's form route).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{aspect_label, status_key};
use crate::i18n::{field_code_key, t, K};
use crate::reviews::{review_form, stars_text, LineReviewState, ReviewFormData};
use crate::ui::{ErrorBanner, LoadingBlock};

/// `/orders/:id/review/:line`: write or edit the review of one order line.
#[component]
pub fn ReviewWritePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("line").unwrap_or_default(),
            )
        },
        |(o, l): (String, String)| async move { review_form(o.parse()?, l.parse()?).await },
    );
    view! {
        <Title text=format!("{} · {}", t(K::RvWrite), t(K::Brand)) />
        <section class="mx-auto max-w-2xl space-y-4">
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(f) => {
                            let q = query.get_untracked();
                            view! {
                                <ReviewFormView
                                    form=f
                                    error=q.get("error")
                                    prefill=q
                                        .get("rating")
                                        .map(|r| (
                                            r,
                                            q.get("title").unwrap_or_default(),
                                            q.get("body").unwrap_or_default(),
                                        ))
                                />
                            }
                                .into_any()
                        }
                        Err(e) => {
                            crate::ui::set_page_status(e.status());
                            view! { <ErrorBanner error=e /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReviewFormView(
    form: ReviewFormData,
    error: Option<String>,
    /// What was typed before a refused submission: (rating, title, body).
    prefill: Option<(String, String, String)>,
) -> impl IntoView {
    let existing = form.existing.clone();
    let (rating, title, body) = match (prefill, &existing) {
        (Some(p), _) => p,
        (None, Some(e)) => (e.rating.to_string(), e.title.clone(), e.body.clone()),
        (None, None) => (String::new(), String::new(), String::new()),
    };
    let aspects = existing.as_ref().map(|e| e.aspects).unwrap_or_default();
    let open = matches!(
        form.state,
        LineReviewState::CanWrite { .. } | LineReviewState::Written { can_edit: true, .. }
    );
    let field_of = error
        .as_deref()
        .and_then(|e| e.split_once('.'))
        .map(|(f, _)| f.to_string());
    let message = error.as_deref().map(|e| {
        let code = e.split_once('.').map_or(e, |(_, c)| c);
        t(field_code_key(code))
    });
    let err_for = move |f: &str| field_of.as_deref() == Some(f);
    let input = "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2";
    view! {
        <a
            href=format!("/orders/{}#reviews", form.order_id)
            class="text-sm text-teal-800 underline"
        >
            {t(K::RvBackToOrder)}
        </a>
        <h1 class="text-2xl font-bold text-slate-900">
            {if existing.is_some() { t(K::RvEditHeading) } else { t(K::RvWrite) }}
        </h1>
        <div class="flex items-center gap-3 rounded-xl border border-slate-200 bg-white p-3">
            {(!form.image.is_empty())
                .then(|| {
                    view! {
                        <img
                            src=form.image.clone()
                            alt=""
                            width="64"
                            height="64"
                            class="h-16 w-16 rounded-lg object-cover"
                        />
                    }
                })}
            <a
                href=format!("/p/{}", form.product_key)
                class="font-medium text-teal-800 underline"
                data-testid="review-product"
            >
                {form.title.clone()}
            </a>
        </div>
        {existing
            .as_ref()
            .map(|e| {
                view! {
                    <p
                        class="rounded-lg bg-slate-100 px-3 py-2 text-sm"
                        data-testid="review-edit-note"
                    >
                        {t(status_key(&e.status))}
                        " · "
                        {t(K::RvEditKeepsHistory)}
                        {(e.revisions > 0)
                            .then(|| format!(" ({} {})", e.revisions, t(K::RvEarlierVersions)))}
                    </p>
                }
            })}
        {message
            .map(|m| {
                view! {
                    <p
                        role="alert"
                        class="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
                        data-testid="review-error"
                    >
                        {m}
                    </p>
                }
            })}
        {if open {
            Either::Left(
                view! {
                    <form
                        method="post"
                        enctype="multipart/form-data"
                        action=format!("/orders/{}/review/{}", form.order_id, form.line_key)
                        class="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
                        data-testid="review-form"
                    >
                        <fieldset aria-invalid=err_for("rating").then_some("true")>
                            <legend class="font-medium">{t(K::RvYourRating)} " *"</legend>
                            <div class="mt-1 flex flex-wrap gap-2">
                                {(1..=5u8)
                                    .map(|n| {
                                        let checked = rating == n.to_string();
                                        view! {
                                            <label class="flex cursor-pointer items-center gap-1 rounded-lg border border-slate-300 px-3 py-1.5 has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50">
                                                <input
                                                    type="radio"
                                                    name="rating"
                                                    value=n.to_string()
                                                    checked=checked
                                                    required=true
                                                />
                                                <span aria-hidden="true" class="text-amber-500">
                                                    {stars_text(n)}
                                                </span>
                                                <span class="sr-only">{n} " / 5"</span>
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </fieldset>
                        <label class="block">
                            <span class="font-medium">{t(K::RvTitle)}</span>
                            <input
                                name="title"
                                value=title
                                maxlength="120"
                                class=input
                                aria-invalid=err_for("title").then_some("true")
                            />
                        </label>
                        <label class="block">
                            <span class="font-medium">{t(K::RvBody)} " *"</span>
                            <span class="block text-xs text-slate-500">{t(K::RvBodyHint)}</span>
                            <textarea
                                name="body"
                                rows="5"
                                minlength="10"
                                maxlength="4000"
                                required=true
                                class=input
                                aria-invalid=err_for("body").then_some("true")
                            >
                                {body}
                            </textarea>
                        </label>
                        <fieldset class="grid gap-3 sm:grid-cols-3">
                            <legend class="mb-1 font-medium">{t(K::RvAspects)}</legend>
                            {domain::review::ASPECTS
                                .iter()
                                .enumerate()
                                .map(|(i, name)| {
                                    let current = aspects[i];
                                    let id = format!("aspect-{name}");
                                    view! {
                                        <div>
                                            <label for=id.clone() class="text-sm">
                                                {t(aspect_label(i))}
                                            </label>
                                            <select id=id name=*name class=input>
                                                <option value="">"—"</option>
                                                {(1..=5u8)
                                                    .rev()
                                                    .map(|n| {
                                                        view! {
                                                            <option value=n.to_string() selected=current == Some(n)>
                                                                {stars_text(n)}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                        <label class="block">
                            <span class="font-medium">{t(K::RvAddPhotos)}</span>
                            <span class="block text-xs text-slate-500">{t(K::RvPhotosHint)}</span>
                            <input
                                type="file"
                                name="photos"
                                accept="image/jpeg,image/png,image/webp"
                                multiple=true
                                class="mt-1 block text-sm"
                                aria-invalid=err_for("photos").then_some("true")
                                data-testid="review-photos-input"
                            />
                        </label>
                        {existing
                            .as_ref()
                            .filter(|e| !e.photos.is_empty())
                            .map(|e| {
                                view! {
                                    <ul class="flex flex-wrap gap-2">
                                        {e
                                            .photos
                                            .iter()
                                            .map(|p| {
                                                view! {
                                                    <li>
                                                        <img
                                                            src=p.clone()
                                                            alt=""
                                                            width="64"
                                                            height="64"
                                                            class="h-16 w-16 rounded-lg object-cover"
                                                        />
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                        <p class="text-xs text-slate-500">{t(K::RvGuidelines)}</p>
                        <button
                            type="submit"
                            class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                            data-testid="review-submit"
                        >
                            {t(K::RvSubmit)}
                        </button>
                    </form>
                },
            )
        } else {
            Either::Right(
                view! {
                    <p
                        class="rounded-xl border border-slate-200 bg-white p-4 text-slate-700"
                        data-testid="review-closed"
                    >
                        {t(
                            match form.state {
                                LineReviewState::NotYet => K::RvAfterDelivery,
                                LineReviewState::OwnProduct => K::RvOwnProduct,
                                _ => K::RvWindowClosed,
                            },
                        )}
                    </p>
                },
            )
        }}
    }
}
