//! The buyer's order page: each line's review (write, edit, status).

use leptos::prelude::*;

use super::{date, status_key, StarRow};
use crate::i18n::{t, K};
use crate::reviews::{order_reviews, LineReviewState};

/// On the buyer's order page: each line's review (write, edit, status).
// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn OrderReviews(order: String) -> impl IntoView {
    let o = order.clone();
    let data = Resource::new(
        move || o.clone(),
        |o: String| async move { order_reviews(o.parse()?).await },
    );
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
