//! `/seller/reviews`: the shop's reviews (all, needing a reply, negative), one public
//! reply per review (editable), and a guide with templates for answering negative
//! reviews politely.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{ReviewPhotos, StarRow};
use crate::i18n::{field_error_key, t, K};
use crate::reviews::*;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::utc_datetime;
use crate::ui::{EmptyState, ErrorBanner, FilterTab, LoadingBlock};

/// Reply templates for negative reviews: (label, text) keys.
const TEMPLATES: [(K, K); 3] = [
    (K::RvTplSorryLabel, K::RvTplSorry),
    (K::RvTplShippingLabel, K::RvTplShipping),
    (K::RvTplDefectLabel, K::RvTplDefect),
];

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn SellerReviewsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("filter").unwrap_or_default());
    let pages = Memo::new(move |_| query.read().get("pages").unwrap_or_default());
    let data = Resource::new(
        move || (filter.get(), pages.get()),
        |(f, p)| seller_reviews(f, p),
    );
    let tab = move |value: &'static str, label: K| {
        let href = if value.is_empty() {
            "/seller/reviews".to_string()
        } else {
            format!("/seller/reviews?filter={value}")
        };
        view! { <FilterTab href=href active=Signal::derive(move || filter.get() == value) label=label /> }
    };
    view! {
        <Title text=format!("{} · {}", t(K::RvSellerHeading), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/reviews" />
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::RvSellerHeading)}</h1>
                <p class="text-slate-600">{t(K::RvSellerIntro)}</p>
            </header>
            <details
                class="rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm"
                data-testid="reply-guide"
            >
                <summary class="cursor-pointer font-semibold text-amber-900">
                    {t(K::RvGuideTitle)}
                </summary>
                <ol class="mt-2 list-decimal space-y-1 pl-5 text-slate-800">
                    <li>{t(K::RvGuide1)}</li>
                    <li>{t(K::RvGuide2)}</li>
                    <li>{t(K::RvGuide3)}</li>
                    <li>{t(K::RvGuide4)}</li>
                </ol>
            </details>
            <nav class="flex flex-wrap gap-2" aria-label=t(K::RvFilters)>
                {tab("", K::RvAll)}
                {tab("needs_reply", K::RvNeedsReply)}
                {tab("negative", K::RvNegative)}
            </nav>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let s = d.shop_summary.clone();
                            view! {
                                <dl class="grid grid-cols-3 gap-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:max-w-lg">
                                    <div>
                                        <dt class="text-slate-500">{t(K::RvShopRating)}</dt>
                                        <dd class="text-xl font-bold" data-testid="shop-rating">
                                            {format!("{}.{}", s.avg_x10 / 10, s.avg_x10 % 10)}
                                        </dd>
                                    </div>
                                    <div>
                                        <dt class="text-slate-500">{t(K::RatingsCount)}</dt>
                                        <dd class="text-xl font-bold">{s.count}</dd>
                                    </div>
                                    <div>
                                        <dt class="text-slate-500">{t(K::RvNeedsReply)}</dt>
                                        <dd
                                            class="text-xl font-bold"
                                            data-testid="needs-reply-count"
                                        >
                                            {d.needs_reply}
                                        </dd>
                                    </div>
                                </dl>
                                {if d.reviews.is_empty() {
                                    view! { <EmptyState message=K::RvNoSellerReviews /> }.into_any()
                                } else {
                                    view! {
                                        <ol class="space-y-3" data-testid="seller-reviews">
                                            {d
                                                .reviews
                                                .into_iter()
                                                .map(|r| view! { <SellerReviewCard review=r /> })
                                                .collect_view()}
                                        </ol>
                                        {d
                                            .has_more
                                            .then(|| {
                                                let next = pages
                                                    .get_untracked()
                                                    .parse::<usize>()
                                                    .unwrap_or(1)
                                                    .max(1) + 1;
                                                let f = filter.get_untracked();
                                                let href = if f.is_empty() {
                                                    format!("/seller/reviews?pages={next}")
                                                } else {
                                                    format!("/seller/reviews?filter={f}&pages={next}")
                                                };
                                                view! {
                                                    <a
                                                        href=href
                                                        class="inline-block rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
                                                        data-testid="more-seller-reviews"
                                                    >
                                                        {t(K::RvMore)}
                                                    </a>
                                                }
                                            })}
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/seller/reviews" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SellerReviewCard(review: SellerReview) -> impl IntoView {
    let r = review;
    let action = ServerAction::<ReplyReview>::new();
    let text = RwSignal::new(r.reply.clone().unwrap_or_default());
    let saved = RwSignal::new(r.reply.clone());
    crate::ui::on_success(action.value(), move |_| {
        saved.set(Some(text.get_untracked()))
    });
    let err = move || action.value().get().and_then(|v| v.err());
    let negative = domain::review::is_negative(r.rating);
    let textarea_id = format!("reply-{}", r.key);
    let li_id = format!("review-{}", r.key);
    let has_reply = r.reply.is_some();
    view! {
        <li
            id=li_id
            class="rounded-xl border border-slate-200 bg-white p-4"
            data-testid="seller-review"
        >
            <div class="flex flex-wrap items-center gap-3">
                <StarRow rating=r.rating />
                <a
                    href=format!("/p/{}#review-{}", r.product_key, r.key)
                    class="font-medium text-teal-800 underline"
                >
                    {r.product_title.clone()}
                </a>
                {negative
                    .then(|| {
                        view! {
                            <span class="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
                                {t(K::RvNegative)}
                            </span>
                        }
                    })}
            </div>
            <p class="mt-1 text-xs text-slate-500">
                {r.author.clone()} " · " {utc_datetime(r.created_at)}
            </p>
            {(!r.title.is_empty())
                .then(|| view! { <h3 class="mt-1 font-semibold">{r.title.clone()}</h3> })}
            <p class="mt-1 whitespace-pre-line text-slate-800">{r.body.clone()}</p>
            <ReviewPhotos photos=r.photos.clone() />
            {move || {
                saved
                    .get()
                    .map(|reply| {
                        view! {
                            <div
                                class="mt-3 rounded-lg border-l-4 border-teal-600 bg-teal-50 px-3 py-2 text-sm"
                                data-testid="my-reply"
                            >
                                <p class="font-semibold text-teal-900">{t(K::RvYourReply)}</p>
                                <p class="whitespace-pre-line">{reply}</p>
                            </div>
                        }
                    })
            }}
            <details class="mt-3" open=!has_reply>
                <summary class="cursor-pointer text-sm font-medium text-teal-800">
                    {if has_reply { t(K::RvEditReply) } else { t(K::RvReply) }}
                </summary>
                <ActionForm action=action attr:class="mt-2 space-y-2">
                    <input type="hidden" name="review" value=r.key.clone() />
                    <label for=textarea_id.clone() class="sr-only">
                        {t(K::RvReply)}
                    </label>
                    {negative
                        .then(|| {
                            view! {
                                <div
                                    class="flex flex-wrap items-center gap-2 text-xs"
                                    data-testid="reply-templates"
                                >
                                    <span class="text-slate-600">{t(K::RvTemplates)} ":"</span>
                                    {TEMPLATES
                                        .iter()
                                        .map(|(label, body)| {
                                            let body = *body;
                                            view! {
                                                <button
                                                    type="button"
                                                    class="rounded-full border border-slate-300 px-2 py-0.5 hover:bg-slate-100"
                                                    on:click=move |_| text.set(t(body).to_string())
                                                >
                                                    {t(*label)}
                                                </button>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            }
                        })}
                    <textarea
                        id=textarea_id
                        name="reply"
                        rows="3"
                        maxlength="2000"
                        required=true
                        class="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                        data-testid="reply-text"
                    >
                        {r.reply.clone().unwrap_or_default()}
                    </textarea>
                    {move || {
                        err()
                            .map(|e| match e {
                                AppError::Invalid(list) => {
                                    view! {
                                        <p role="alert" class="text-sm text-red-700">
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
                    <button
                        type="submit"
                        class="rounded-lg bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800"
                        data-testid="reply-submit"
                    >
                        {t(K::RvPublishReply)}
                    </button>
                </ActionForm>
            </details>
        </li>
    }
}
