//! The header on every page: logo, search, cart, account menu, category menu, and
//! the language and currency switchers.

use domain::{Currency, Lang, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::nav::get_nav_data;
use super::search_box::SearchBox;
use crate::accounts::api::get_current_user;
use crate::accounts::views::LogoutButton;
use crate::accounts::CurrentUser;
use crate::cart::CartVersion;
use crate::chat::views::{ChatPulse, UnreadBadge};
use crate::codec::AsciiJson;
use crate::i18n::{t, use_lang, K};
use crate::prefs::{encode_query_value, Prefs};

/// The current path with its query string, for `next=` after changing a preference.
/// (The router's `search` has no leading `?`: joining it bare sent a filtered page's
/// language switch to `/c/homeshop=…`, a 404.)
pub fn path_with_query(pathname: String, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        pathname
    } else {
        format!("{pathname}?{search}")
    }
}

fn prefs_href(param: &str, value: &str, next: &str) -> String {
    format!(
        "/prefs?{param}={}&next={}",
        encode_query_value(value),
        encode_query_value(next)
    )
}

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn Header() -> impl IntoView {
    let cart_version = use_context::<CartVersion>();
    let nav = Resource::<_, AsciiJson>::new_with_options(
        move || cart_version.map(|CartVersion(v)| v.get()).unwrap_or(0),
        |_| get_nav_data(),
        false,
    );
    let user = Resource::new(|| (), |_| get_current_user());
    let location = use_location();
    let (pathname, search) = (location.pathname, location.search);
    let here = move || path_with_query(pathname.get(), &search.get());
    let lang = use_lang();
    let prefs = use_context::<Prefs>().unwrap_or_default();
    let currency_form = NodeRef::<leptos::html::Form>::new();
    view! {
        <header class="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
            <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
                <a
                    href="/"
                    class="flex items-center gap-2 text-lg font-bold text-teal-800"
                    data-testid="logo"
                >
                    <img src="/favicon.svg" alt="" width="28" height="28" />
                    <span>{t(K::Brand)}</span>
                </a>
                <SearchBox />
                <nav class="ml-auto flex items-center gap-3 text-sm" aria-label=t(K::AccountMenu)>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let n = nav.await.map(|n| n.cart_count).unwrap_or(0);
                            view! {
                                <a
                                    href="/cart"
                                    class="relative rounded-lg px-2 py-1 hover:bg-slate-100"
                                    data-testid="cart-link"
                                >
                                    {t(K::Cart)}
                                    <span
                                        class="ml-1 rounded-full bg-teal-700 px-2 py-0.5 text-xs font-semibold text-white"
                                        data-testid="cart-count"
                                    >
                                        {n}
                                    </span>
                                    <span class="sr-only">{t(K::CartItems)}</span>
                                </a>
                            }
                        })}
                    </Transition>
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            match user.await {
                                Ok(Some(u)) => view! { <AccountMenu user=u /> }.into_any(),
                                _ => {
                                    view! {
                                        <a
                                            href="/login"
                                            class="rounded-lg px-2 py-1 font-medium hover:bg-slate-100"
                                            data-testid="login-link"
                                        >
                                            {t(K::LogIn)}
                                        </a>
                                        <a
                                            href="/signup"
                                            class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white hover:bg-teal-800"
                                            data-testid="signup-link"
                                        >
                                            {t(K::SignUp)}
                                        </a>
                                    }
                                        .into_any()
                                }
                            }
                        })}
                    </Transition>
                </nav>
            </div>
            <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 pb-2 text-sm sm:px-6">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let cats = nav.await.map(|n| n.categories).unwrap_or_default();
                        view! {
                            <details class="relative">
                                <summary
                                    class="cursor-pointer list-none rounded-lg px-2 py-1 font-medium hover:bg-slate-100"
                                    data-testid="category-menu"
                                >
                                    "☰ "
                                    {t(K::Categories)}
                                </summary>
                                <div class="absolute left-0 z-50 mt-1 grid w-[min(90vw,40rem)] grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-lg sm:grid-cols-2">
                                    {cats
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <div>
                                                    <a
                                                        href=format!("/c/{}", c.link.slug)
                                                        class="font-semibold text-slate-900 hover:underline"
                                                    >
                                                        {c.link.name}
                                                    </a>
                                                    <ul class="mt-1 space-y-0.5 text-slate-600">
                                                        {c
                                                            .children
                                                            .into_iter()
                                                            .map(|x| {
                                                                view! {
                                                                    <li>
                                                                        <a href=format!("/c/{}", x.slug) class="hover:underline">
                                                                            {x.name}
                                                                        </a>
                                                                    </li>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            </details>
                        }
                    })}
                </Transition>
                <div class="ml-auto flex items-center gap-3">
                    <span class="sr-only">{t(K::Language)}</span>
                    <ul class="flex items-center gap-1" data-testid="lang-switcher">
                        {Lang::ALL
                            .into_iter()
                            .map(|l| {
                                let current = l == lang;
                                view! {
                                    <li>
                                        <a
                                            href=move || prefs_href("lang", l.code(), &here())
                                            rel="external"
                                            hreflang=l.code()
                                            lang=l.code()
                                            aria-current=if current { Some("true") } else { None }
                                            class=if current {
                                                "rounded px-2 py-1 font-semibold text-teal-800 underline"
                                            } else {
                                                "rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
                                            }
                                        >
                                            {l.native_name()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <form
                        method="get"
                        action="/prefs"
                        node_ref=currency_form
                        class="flex items-center gap-1"
                        data-testid="currency-switcher"
                    >
                        <label for="currency" class="text-slate-600">
                            {t(K::Currency)}
                        </label>
                        <input type="hidden" name="next" prop:value=here />
                        <select
                            id="currency"
                            name="currency"
                            class="rounded border border-slate-300 bg-white px-1 py-0.5"
                            on:change=move |_| {
                                #[cfg(feature = "hydrate")]
                                if let Some(f) = currency_form.get() {
                                    let _ = f.submit();
                                }
                            }
                        >
                            {Currency::ALL
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <option value=c.code() selected={c == prefs.currency}>
                                            {c.code()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <noscript>
                            <button type="submit" class="rounded border border-slate-300 px-2">
                                {t(K::Apply)}
                            </button>
                        </noscript>
                    </form>
                </div>
            </div>
        </header>
    }
}

#[component]
fn AccountMenu(user: CurrentUser) -> impl IntoView {
    let is_seller = user.roles.satisfies(Role::Seller);
    // an admin without two-step sign-in still sees the way in, where /admin says why
    // it stays closed
    let is_moderator = user.roles.satisfies(Role::Moderator) || user.admin_needs_two_step;
    let item = "block rounded px-3 py-2 hover:bg-slate-100";
    view! {
        <details class="relative">
            <summary
                class="cursor-pointer list-none rounded-lg px-2 py-1 font-medium hover:bg-slate-100"
                data-testid="account-menu"
            >
                {user.display_name}
                <UnreadBadge />
                {is_seller.then(|| view! { <UnreadBadge shop=true /> })}
            </summary>
            <ChatPulse />
            <div class="absolute right-0 z-50 mt-1 w-56 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
                <a href="/account" class=item>
                    {t(K::MyAccount)}
                </a>
                <a href="/orders" class=item data-testid="my-orders-link">
                    {t(K::MyOrders)}
                </a>
                <a href="/messages" class=item data-testid="messages-link">
                    {t(K::ChMessages)}
                    <UnreadBadge />
                </a>
                <a href="/notifications" class=item>
                    {t(K::Notifications)}
                </a>
                <a href="/rewards" class=item data-testid="my-rewards-link">
                    {t(K::RfMyRewards)}
                </a>
                <a href="/vouchers" class=item data-testid="my-vouchers-link">
                    {t(K::VcWallet)}
                </a>
                <a href="/following" class=item data-testid="following-link">
                    {t(K::FwHeading)}
                </a>
                {is_seller
                    .then(|| {
                        view! {
                            <a href="/seller" class=item>
                                {t(K::SellerCentre)}
                            </a>
                            <a href="/seller/orders" class=item>
                                {t(K::SellerOrders)}
                            </a>
                            <a
                                href="/seller/messages"
                                class=item
                                data-testid="seller-messages-link"
                            >
                                {t(K::ChSellerInbox)}
                                <UnreadBadge shop=true />
                            </a>
                        }
                    })}
                {is_moderator
                    .then(|| {
                        view! {
                            <a href="/admin" class=item>
                                {t(K::Moderation)}
                            </a>
                        }
                    })}
                <LogoutButton class="block w-full rounded px-3 py-2 text-left hover:bg-slate-100" />
            </div>
        </details>
    }
}
