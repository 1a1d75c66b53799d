//! Following shops: a shopper follows a shop from its page or a product page (the
//! button shows the shop's follower count), sees the shops they follow and what is new
//! from them at `/following`, and gets the shops' member prices at checkout.

use domain::keys::ShopSlug;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::views::ProductGrid;
use super::ProductCard;
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::shell::GateError;
use crate::ui::{on_success, ActionError, EmptyState, LoadingBlock};
#[cfg(feature = "ssr")]
use {super::imp::follows as imp, crate::ctx::Ctx};

/// A shop's follower count, and whether the caller follows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowState {
    pub following: bool,
    pub followers: i64,
}

/// A shop the shopper follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowedShop {
    pub slug: String,
    pub name: String,
    pub followers: i64,
}

/// `/following`: the shops the shopper follows and their newest listings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowingPage {
    pub shops: Vec<FollowedShop>,
    pub new: Vec<ProductCard>,
}

#[server(endpoint = "shop_follow")]
pub async fn shop_follow(shop: ShopSlug) -> Result<FollowState, AppError> {
    imp::state(&Ctx::visitor().await?, &shop).await
}

/// The signed-in shopper follows `shop` (`follow` = `true`) or stops following it.
#[server(endpoint = "follow_shop")]
pub async fn follow_shop(
    shop: ShopSlug,
    #[server(default)] follow: bool,
) -> Result<FollowState, AppError> {
    imp::set(&Ctx::user().await?, &shop, follow).await
}

#[server(endpoint = "following")]
pub async fn get_following() -> Result<FollowingPage, AppError> {
    imp::following(&Ctx::user().await?).await
}

/// The follow button with the shop's follower count.
#[component]
pub fn FollowButton(shop: String) -> impl IntoView {
    let slug = shop.clone();
    let state = Resource::new(
        move || slug.clone(),
        |s| async move { shop_follow(s.parse().map_err(|_| AppError::NotFound)?).await },
    );
    let act = ServerAction::<FollowShop>::new();
    on_success(act.value(), move |_| state.refetch());
    let err = move || act.value().get().and_then(|r| r.err());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let shop = shop.clone();
                Suspend::new(async move {
                    let s = state.await.unwrap_or_default();
                    view! {
                        <ActionForm action=act attr:class="inline-flex items-center gap-2">
                            <input type="hidden" name="shop" value=shop />
                            <input type="hidden" name="follow" value=(!s.following).to_string() />
                            <button
                                type="submit"
                                class=if s.following {
                                    "rounded-full border border-teal-700 px-3 py-1 text-sm font-semibold text-teal-800 hover:bg-teal-50"
                                } else {
                                    "rounded-full bg-teal-700 px-3 py-1 text-sm font-semibold text-white hover:bg-teal-800"
                                }
                                data-testid="follow-shop"
                                aria-pressed=s.following.to_string()
                            >
                                {if s.following { t(K::FwFollowing) } else { t(K::FwFollow) }}
                            </button>
                            <span class="text-sm text-slate-600" data-testid="follower-count">
                                {if s.followers == 1 {
                                    t(K::FwOneFollower).to_string()
                                } else {
                                    t(K::FwFollowers).replace("{n}", &s.followers.to_string())
                                }}
                            </span>
                        </ActionForm>
                    }
                })
            }}
        </Suspense>
        {move || err().map(|e| view! { <ActionError error=e /> })}
    }
}

/// `/following`.
#[component]
pub fn FollowingPageView() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_following());
    view! {
        <Title text=format!("{} · {}", t(K::FwHeading), t(K::Brand)) />
        <section class="space-y-5">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::FwHeading)}</h1>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) if p.shops.is_empty() => {
                            view! { <EmptyState message=K::FwNone /> }.into_any()
                        }
                        Ok(p) => view! { <Following page=p /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/following" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Following(page: FollowingPage) -> impl IntoView {
    view! {
        <ul class="flex flex-wrap gap-3" data-testid="followed-shops">
            {page
                .shops
                .into_iter()
                .map(|s| {
                    view! {
                        <li class="flex items-center gap-3 rounded-xl border border-slate-200 bg-white px-3 py-2">
                            <a
                                href=format!("/s/{}", s.slug)
                                class="font-semibold text-teal-800 hover:underline"
                            >
                                {s.name.clone()}
                            </a>
                            <FollowButton shop=s.slug.clone() />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h2 class="text-lg font-semibold">{t(K::FwNew)}</h2>
        <div data-testid="new-from-followed">
            <ProductGrid cards=page.new />
        </div>
    }
}
