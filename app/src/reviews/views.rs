//! Shoppers' side of reviews: the product page's rating summary and review list
//! (filters, sort and "more" are links, so they work before wasm loads), helpful votes
//! and reports, the order page's "write a review" per line, and the review form (a
//! plain multipart form, photos included, handled by the server's form route).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::*;
use crate::codec::AsciiJson;
use crate::i18n::{field_code_key, t, K};
use crate::moderation::views::utc_datetime;
use crate::ui::{ErrorBanner, LoadingBlock};

fn date(unix: i64) -> String {
    utc_datetime(unix).chars().take(10).collect()
}

/// A review's photos as thumbnails linking to the full size (seller centre and
/// moderation; the product page shows them larger).
#[component]
pub fn ReviewPhotos(photos: Vec<(String, String)>) -> impl IntoView {
    (!photos.is_empty()).then(|| {
        view! {
            <ul class="mt-2 flex flex-wrap gap-2">
                {photos
                    .into_iter()
                    .map(|(thumb, full)| {
                        view! {
                            <li>
                                <a href=full target="_blank" rel="noopener">
                                    <img
                                        src=thumb
                                        alt=t(K::RvPhotoAlt)
                                        width="80"
                                        height="80"
                                        class="h-20 w-20 rounded-lg object-cover"
                                    />
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// Stars as text with an accessible label ("4 out of 5 stars").
#[component]
pub fn StarRow(rating: u8) -> impl IntoView {
    let label = format!("{rating} / 5 {}", t(K::RvStars));
    view! {
        <span class="tracking-tight text-amber-500" role="img" aria-label=label>
            {stars_text(rating)}
        </span>
    }
}

fn query_of(map: &leptos_router::params::ParamsMap) -> ReviewQuery {
    let get = |k: &str| map.get(k).unwrap_or_default();
    ReviewQuery {
        stars: get("stars"),
        photos: get("photos"),
        lang: get("lang"),
        sort: get("sort"),
        pages: get("pages"),
    }
}

/// The product page's reviews: summary with distribution bars, filters, sort, list.
#[component]
pub fn ReviewsSection(product: String, href: String) -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query_of(&query.read()));
    let product_key = product.clone();
    let data = Resource::<_, AsciiJson>::new_with_options(
        move || (product_key.clone(), q.get()),
        |(p, q)| product_reviews(p, q),
        false,
    );
    view! {
        <section
            id="reviews"
            class="mt-10 scroll-mt-24"
            data-testid="reviews"
            aria-labelledby="reviews-heading"
        >
            <h2 id="reviews-heading" class="mb-3 text-lg font-bold text-slate-900">
                {t(K::RvHeading)}
            </h2>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || {
                    let href = href.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(page) => {
                                Either::Left(
                                    view! {
                                        <ReviewsBody page=page q=q.get_untracked() href=href />
                                    },
                                )
                            }
                            Err(e) => Either::Right(view! { <ErrorBanner error=e /> }),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn ReviewsBody(page: ReviewPage, q: ReviewQuery, href: String) -> impl IntoView {
    let s = page.summary.clone();
    if s.count == 0 {
        return Either::Left(view! {
            <p
                class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600"
                data-testid="no-reviews"
            >
                {t(K::RvNone)}
            </p>
        });
    }
    let chip = |active: bool| {
        if active {
            "rounded-full bg-teal-700 px-3 py-1 text-sm font-semibold text-white"
        } else {
            "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
        }
    };
    let avg = format!("{}.{}", s.avg_x10 / 10, s.avg_x10 % 10);
    let bars = (1..=5u8)
        .rev()
        .map(|n| {
            let count = s.dist[(n - 1) as usize];
            let pct = if s.count > 0 { count * 100 / s.count } else { 0 };
            let link = q.href(&href, ("stars", &n.to_string()));
            view! {
                <li>
                    <a
                        href=link
                        class="grid grid-cols-[3rem_1fr_3rem] items-center gap-2 text-sm hover:underline"
                        data-testid=format!("dist-{n}")
                    >
                        <span>{n} " ★"</span>
                        <span
                            class="h-2.5 overflow-hidden rounded-full bg-slate-200"
                            aria-hidden="true"
                        >
                            <span
                                class="block h-full rounded-full bg-amber-400"
                                style=format!("width:{pct}%")
                            ></span>
                        </span>
                        <span class="text-right tabular-nums text-slate-600">{count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let stars_filter = q.stars();
    let star_chips = (1..=5u8)
        .rev()
        .map(|n| {
            let active = stars_filter == Some(n);
            let value = if active { String::new() } else { n.to_string() };
            let link = q.href(&href, ("stars", &value));
            view! {
                <a href=link class=chip(active) aria-current=active.then_some("true")>
                    {n}
                    " ★"
                </a>
            }
        })
        .collect_view();
    let photos_on = q.with_photos();
    let lang_en = q.lang() == Some("en");
    let lang_zh = q.lang() == Some("zh-Hant");
    let sort = q.sort();
    let filtered = stars_filter.is_some() || photos_on || q.lang().is_some();
    let more = page
        .has_more
        .then(|| q.href(&href, ("pages", &(q.pages() + 1).to_string())));
    Either::Right(view! {
        <div class="grid gap-6 md:grid-cols-[16rem_1fr]">
            <div
                class="space-y-3 self-start rounded-xl border border-slate-200 bg-white p-4"
                data-testid="rating-summary"
            >
                <p class="flex items-baseline gap-2">
                    <span class="text-4xl font-bold text-slate-900" data-testid="rating-avg">
                        {avg}
                    </span>
                    <span class="text-slate-600">"/ 5"</span>
                </p>
                <StarRow rating=((s.avg_x10 + 5) / 10) as u8 />
                <p class="text-sm text-slate-600">
                    <span data-testid="rating-count">{s.count}</span>
                    " "
                    {t(K::RatingsCount)}
                </p>
                <ul class="space-y-1.5" aria-label=t(K::RvDistribution)>
                    {bars}
                </ul>
            </div>
            <div class="min-w-0 space-y-4">
                <nav
                    class="flex flex-wrap gap-2"
                    aria-label=t(K::RvFilters)
                    data-testid="review-filters"
                >
                    <a
                        href=ReviewQuery {
                            sort: q.sort.clone(),
                            ..ReviewQuery::default()
                        }
                            .href(&href, ("", ""))
                        class=chip(!filtered)
                    >
                        {t(K::RvAll)}
                    </a>
                    {star_chips}
                    <a
                        href=q.href(&href, ("photos", if photos_on { "" } else { "1" }))
                        class=chip(photos_on)
                        aria-current=photos_on.then_some("true")
                    >
                        {t(K::RvWithPhotos)}
                        " ("
                        {s.with_photos}
                        ")"
                    </a>
                    <a
                        href=q.href(&href, ("lang", if lang_en { "" } else { "en" }))
                        class=chip(lang_en)
                        lang="en"
                    >
                        "English"
                    </a>
                    <a
                        href=q.href(&href, ("lang", if lang_zh { "" } else { "zh-Hant" }))
                        class=chip(lang_zh)
                        lang="zh-Hant"
                    >
                        "中文"
                    </a>
                </nav>
                <nav
                    class="flex flex-wrap items-center gap-3 text-sm"
                    aria-label=t(K::RvSort)
                    data-testid="review-sort"
                >
                    <span class="text-slate-600">{t(K::RvSort)} ":"</span>
                    {[
                        ("newest", K::RvNewest),
                        ("helpful", K::RvMostHelpful),
                        ("lowest", K::RvLowest),
                    ]
                        .into_iter()
                        .map(|(key, label)| {
                            let active = sort == key;
                            view! {
                                <a
                                    href=q
                                        .href(
                                            &href,
                                            ("sort", if key == "newest" { "" } else { key }),
                                        )
                                    class=if active {
                                        "font-semibold text-teal-800 underline"
                                    } else {
                                        "text-slate-700 hover:underline"
                                    }
                                    aria-current=active.then_some("true")
                                >
                                    {t(label)}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                {if page.reviews.is_empty() {
                    Either::Left(
                        view! {
                            <p
                                class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600"
                                data-testid="no-matching-reviews"
                            >
                                {t(K::RvNoneMatch)}
                            </p>
                        },
                    )
                } else {
                    Either::Right(
                        view! {
                            <ol class="space-y-3" data-testid="review-list">
                                {page
                                    .reviews
                                    .into_iter()
                                    .map(|r| view! { <ReviewCard review=r /> })
                                    .collect_view()}
                            </ol>
                        },
                    )
                }}
                {more
                    .map(|m| {
                        view! {
                            <a
                                href=m
                                class="inline-block rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
                                data-testid="more-reviews"
                            >
                                {t(K::RvMore)}
                            </a>
                        }
                    })}
            </div>
        </div>
    })
}

fn aspect_label(i: usize) -> K {
    match i {
        0 => K::RvQuality,
        1 => K::RvDescribed,
        _ => K::RvShipping,
    }
}

#[component]
fn ReviewCard(review: ReviewView) -> impl IntoView {
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

pub fn report_reason_key(r: &str) -> K {
    match r {
        "abusive" => K::RvRpAbusive,
        "spam" => K::RvRpSpam,
        "off_topic" => K::RvRpOffTopic,
        _ => K::RvRpFake,
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

/// On the buyer's order page: each line's review (write, edit, status).
#[component]
pub fn OrderReviews(order: String) -> impl IntoView {
    let o = order.clone();
    let data = Resource::new(move || o.clone(), order_reviews);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let order = order.clone();
                Suspend::new(async move {
                    data.await
                        .ok()
                        .filter(|l| l.iter().any(|l| l.state != LineReviewState::OwnProduct))
                        .map(|lines| {
                            view! {
                                <section
                                    id="reviews"
                                    class="rounded-xl border border-slate-200 bg-white p-4"
                                    data-testid="order-reviews"
                                >
                                    <h2 class="font-semibold">{t(K::RvYourReviews)}</h2>
                                    <ul class="mt-2 divide-y divide-slate-100 text-sm">
                                        {lines
                                            .into_iter()
                                            .filter(|l| l.state != LineReviewState::OwnProduct)
                                            .map(|l| {
                                                let write = format!(
                                                    "/orders/{}/review/{}",
                                                    order,
                                                    l.line_key,
                                                );
                                                let state = match l.state.clone() {
                                                    LineReviewState::CanWrite { until } => {
                                                        view! {
                                                            <a
                                                                href=write
                                                                class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white hover:bg-teal-800"
                                                                data-testid="write-review"
                                                            >
                                                                {t(K::RvWrite)}
                                                            </a>
                                                            <span class="text-xs text-slate-500">
                                                                {t(K::RvUntil)} " " {date(until)}
                                                            </span>
                                                        }
                                                            .into_any()
                                                    }
                                                    LineReviewState::Written { status, rating, can_edit } => {
                                                        view! {
                                                            <StarRow rating=rating />
                                                            <span data-testid="my-review-status">
                                                                {t(status_key(&status))}
                                                            </span>
                                                            {can_edit
                                                                .then(|| {
                                                                    view! {
                                                                        <a
                                                                            href=write
                                                                            class="font-medium text-teal-800 underline"
                                                                            data-testid="edit-review"
                                                                        >
                                                                            {t(K::RvEdit)}
                                                                        </a>
                                                                    }
                                                                })}
                                                            <a
                                                                href=format!("/p/{}#reviews", l.product_key)
                                                                class="text-teal-800 underline"
                                                            >
                                                                {t(K::RvSeeOnProduct)}
                                                            </a>
                                                        }
                                                            .into_any()
                                                    }
                                                    LineReviewState::Closed => {
                                                        view! {
                                                            <span class="text-slate-500">{t(K::RvWindowClosed)}</span>
                                                        }
                                                            .into_any()
                                                    }
                                                    _ => {
                                                        view! {
                                                            <span class="text-slate-500">{t(K::RvAfterDelivery)}</span>
                                                        }
                                                            .into_any()
                                                    }
                                                };
                                                view! {
                                                    <li
                                                        class="flex flex-wrap items-center gap-3 py-2"
                                                        data-testid="line-review"
                                                    >
                                                        <span class="grow font-medium">{l.title.clone()}</span>
                                                        {state}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                })
            }}
        </Suspense>
    }
}

pub fn status_key(status: &str) -> K {
    match status {
        "published" => K::RvPublished,
        "held" => K::RvHeld,
        _ => K::RvRemoved,
    }
}

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
        |(o, l)| review_form(o, l),
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
