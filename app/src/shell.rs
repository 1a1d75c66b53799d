//! The HTML shell, the router, and the layout around every page: header (search,
//! categories, cart, account, language and currency), footer, 404 and role gates.

use domain::{Currency, Lang, Role};
use leptos::prelude::*;

use crate::codec::AsciiJson;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, Lazy, SsrMode};

use crate::accounts::api::get_current_user;
use crate::accounts::views::{LoginPage, LogoutButton, SignupPage};
use crate::accounts::CurrentUser;
use crate::cart::views::CartPage;
use crate::cart::CartVersion;
use crate::catalog::api::get_nav_data;
use crate::catalog::views::{CategoryPage, HomePage, ProductPage, SearchPage};
use crate::error::AppError;
use crate::i18n::{t, use_lang, K};
use crate::lazy_pages::*;
use crate::prefs::{encode_query_value, Prefs};
use crate::ui::{set_page_status, ErrorBanner};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let prefs = Prefs::current();
    provide_context(prefs);
    let alternates = alternates();
    view! {
        <!DOCTYPE html>
        <html
            lang=prefs.lang.code()
            data-currency=prefs.currency.code()
            data-numbers=prefs.numbers.code()
            data-country=prefs.country.unwrap_or_default()
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                {alternates
                    .into_iter()
                    .map(|(lang, href)| view! { <link rel="alternate" hreflang=lang href=href /> })
                    .collect_view()}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

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

/// The page in each language (`?lang=en`, `?lang=zh-Hant`) and `x-default` (no
/// parameter: the shopper's own choice), as absolute URLs for `<link rel="alternate">`.
fn alternates() -> Vec<(&'static str, String)> {
    #[cfg(feature = "ssr")]
    {
        let Some(parts) = use_context::<axum::http::request::Parts>() else {
            return Vec::new();
        };
        let origin = use_context::<crate::state::AppState>()
            .map(|s| s.settings.public_origin.clone())
            .unwrap_or_default();
        let path = parts.uri.path();
        let rest: Vec<&str> = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
            .collect();
        let with = |extra: Option<String>| {
            let mut q = rest.clone();
            let extra = extra.unwrap_or_default();
            if !extra.is_empty() {
                q.push(&extra);
            }
            if q.is_empty() {
                format!("{origin}{path}")
            } else {
                format!("{origin}{path}?{}", q.join("&"))
            }
        };
        let mut out: Vec<(&'static str, String)> = Lang::ALL
            .into_iter()
            .map(|l| (l.code(), with(Some(format!("lang={}", l.code())))))
            .collect();
        out.push(("x-default", with(None)));
        out
    }
    #[cfg(not(feature = "ssr"))]
    Vec::new()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let prefs = use_context::<Prefs>().unwrap_or_else(Prefs::current);
    provide_context(prefs);
    provide_context(CartVersion(RwSignal::new(0)));
    view! {
        <Stylesheet id="leptos" href="/pkg/marketplace.css" />
        <Title text=t(K::Brand) />
        <Meta name="description" content=t(K::HeroSubtitle) />
        <Router>
            <a
                href="#main"
                class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
            >
                {t(K::SkipToContent)}
            </a>
            <Header />
            <main id="main" class="mx-auto w-full max-w-7xl flex-1 px-4 py-6 sm:px-6">
                <ErrorBoundary fallback=|errors| {
                    view! {
                        <div role="alert" class="rounded-xl border border-red-200 bg-red-50 p-6">
                            <h1 class="font-semibold text-red-800">{t(K::ErrorTitle)}</h1>
                            <ul class="mt-2 text-sm text-red-700">
                                {move || {
                                    errors
                                        .get()
                                        .into_iter()
                                        .map(|(_, e)| view! { <li>{e.to_string()}</li> })
                                        .collect_view()
                                }}
                            </ul>
                        </div>
                    }
                }>
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/c/:slug") view=CategoryPage ssr=SsrMode::Async />
                        <Route path=path!("/p/:id") view=ProductPage ssr=SsrMode::Async />
                        <Route path=path!("/p/:id/:slug") view=ProductPage ssr=SsrMode::Async />
                        <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/s/:slug")
                            view={Lazy::<LazyShopPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/cart") view=CartPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/checkout")
                            view={Lazy::<LazyCheckoutPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/checkout/done/:id")
                            view={Lazy::<LazyCheckoutDonePage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/orders")
                            view={Lazy::<LazyOrdersPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/orders/:id")
                            view={Lazy::<LazyOrderPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/orders/:id/review/:line")
                            view={Lazy::<LazyReviewWritePage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/reviews")
                            view={Lazy::<LazySellerReviewsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/notifications")
                            view={Lazy::<LazyNotificationsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/rewards")
                            view={Lazy::<LazyMyRewardsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/campaigns")
                            view={Lazy::<LazyCampaignsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/sharing")
                            view={Lazy::<LazySellerSharingPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/rates")
                            view={Lazy::<LazyRatesPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/shipping")
                            view={Lazy::<LazySellerShippingPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/orders")
                            view={Lazy::<LazySellerOrdersPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/orders/:id")
                            view={Lazy::<LazyOrderPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/orders/:id/slip")
                            view={Lazy::<LazyPackingSlipPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/money")
                            view={Lazy::<LazySellerMoneyPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/signup") view=SignupPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/account")
                            view={Lazy::<LazyAccountPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller")
                            view={Lazy::<LazySellerPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/listings")
                            view={Lazy::<LazySellerListingsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/listings/:id")
                            view={Lazy::<LazyListingEditorPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/imports/:id")
                            view={Lazy::<LazyImportStatusPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin")
                            view={Lazy::<LazyAdminPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/sellers")
                            view={Lazy::<LazySellerApplicationsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/settings")
                            view={Lazy::<LazyAdminSettingsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/moderation")
                            view={Lazy::<LazyModerationPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/notices")
                            view={Lazy::<LazySellerNoticesPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/rights")
                            view={Lazy::<LazyRightsOwnerPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/transparency")
                            view={Lazy::<LazyTransparencyPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/notices")
                            view={Lazy::<LazyNoticesAdminPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/sell")
                            view={Lazy::<LazyApplyPage>::new()}
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </ErrorBoundary>
            </main>
            <Footer />
        </Router>
    }
}

pub fn role_label(role: Role) -> &'static str {
    t(match role {
        Role::Shopper => K::RoleShopper,
        Role::Seller => K::RoleSeller,
        Role::Moderator => K::RoleModerator,
        Role::Admin => K::RoleAdmin,
    })
}

fn prefs_href(param: &str, value: &str, next: &str) -> String {
    format!(
        "/prefs?{param}={}&next={}",
        encode_query_value(value),
        encode_query_value(next)
    )
}

#[component]
fn Header() -> impl IntoView {
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
    let is_moderator = user.roles.satisfies(Role::Moderator);
    let item = "block rounded px-3 py-2 hover:bg-slate-100";
    view! {
        <details class="relative">
            <summary
                class="cursor-pointer list-none rounded-lg px-2 py-1 font-medium hover:bg-slate-100"
                data-testid="account-menu"
            >
                {user.display_name}
            </summary>
            <div class="absolute right-0 z-50 mt-1 w-56 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
                <a href="/account" class=item>
                    {t(K::MyAccount)}
                </a>
                <a href="/orders" class=item data-testid="my-orders-link">
                    {t(K::MyOrders)}
                </a>
                <a href="/notifications" class=item>
                    {t(K::Notifications)}
                </a>
                <a href="/rewards" class=item data-testid="my-rewards-link">
                    {t(K::RfMyRewards)}
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

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="mt-12 border-t border-slate-200 bg-white">
            <div class="mx-auto grid max-w-7xl gap-6 px-4 py-8 text-sm text-slate-600 sm:grid-cols-3 sm:px-6">
                <div>
                    <p class="font-semibold text-slate-900">{t(K::Brand)}</p>
                    <p>{t(K::Tagline)}</p>
                </div>
                <ul class="space-y-1">
                    <li>
                        <a href="/sell" class="hover:underline" data-testid="footer-sell">
                            {t(K::FooterSell)}
                        </a>
                    </li>
                    <li>
                        <a href="/rights" class="hover:underline" data-testid="footer-rights">
                            {t(K::RightsOwnersLink)}
                        </a>
                    </li>
                    <li>
                        <a
                            href="/transparency"
                            class="hover:underline"
                            data-testid="footer-transparency"
                        >
                            {t(K::TrTitle)}
                        </a>
                    </li>
                </ul>
                <p class="text-xs">{t(K::FooterRights)}</p>
            </div>
        </footer>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_page_status(404);
    view! {
        <Title text=format!("{} · {}", t(K::NotFoundTitle), t(K::Brand)) />
        <section class="mx-auto max-w-lg py-16 text-center" data-testid="not-found">
            <p class="text-5xl font-bold text-teal-700">"404"</p>
            <h1 class="mt-2 text-2xl font-bold">{t(K::NotFoundTitle)}</h1>
            <p class="mt-2 text-slate-600">{t(K::NotFoundBody)}</p>
            <a
                href="/"
                class="mt-6 inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
            >
                {t(K::BackHome)}
            </a>
        </section>
    }
}

#[component]
pub fn SignInPrompt() -> impl IntoView {
    view! {
        <div class="rounded-xl border border-slate-200 bg-white p-6">
            <p>{t(K::ErrUnauthenticated)}</p>
            <a href="/login" class="mt-3 inline-block font-semibold text-teal-800 underline">
                {t(K::LogIn)}
            </a>
        </div>
    }
}

/// What a role-gated page shows when its data call is refused: a redirect to the
/// log-in page when nobody is signed in, a 403 message when the role is missing.
#[component]
pub fn GateError(error: AppError, path: &'static str) -> impl IntoView {
    match error {
        AppError::Unauthenticated => {
            view! { <Redirect path=format!("/login?next={path}") /> }.into_any()
        }
        AppError::Forbidden => {
            set_page_status(403);
            view! {
                <div
                    class="rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900"
                    data-testid="forbidden"
                >
                    {t(K::ErrForbidden)}
                </div>
            }
            .into_any()
        }
        other => view! { <ErrorBanner error=other /> }.into_any(),
    }
}

/// The header's search form: a plain GET form (works without wasm) that, once
/// hydrated, suggests corrections, completions and products as the shopper types.
/// Requests are debounced (200 ms); a newer keystroke supersedes an older request.
#[component]
fn SearchBox() -> impl IntoView {
    use crate::catalog::api::search_suggestions;
    use crate::catalog::Suggestions;
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                query.set(value);
                open.set(true);
            },
            std::time::Duration::from_millis(200),
        )
        .ok();
        pending.set_value(handle);
    };
    let suggestions = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().chars().count() < 2 {
                return Suggestions::default();
            }
            search_suggestions(q).await.unwrap_or_default()
        }
    });
    let link = "block truncate rounded px-3 py-1.5 hover:bg-slate-100";
    view! {
        <form
            method="get"
            action="/search"
            role="search"
            class="relative order-last flex w-full sm:order-none sm:w-auto sm:flex-1"
            on:focusout=move |_| {
                let _ = set_timeout_with_handle(
                    move || open.set(false),
                    std::time::Duration::from_millis(150),
                );
            }
        >
            <label for="q" class="sr-only">
                {t(K::SearchLabel)}
            </label>
            <input
                id="q"
                name="q"
                type="search"
                placeholder=t(K::SearchPlaceholder)
                autocomplete="off"
                aria-controls="search-suggestions"
                on:input=on_input
                on:focus=move |_| open.set(true)
                class="w-full rounded-l-lg border border-slate-300 px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600"
            />
            <button
                type="submit"
                class="shrink-0 whitespace-nowrap rounded-r-lg bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800"
            >
                {t(K::SearchButton)}
            </button>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let s = suggestions.await;
                    let empty = s.corrected.is_none() && s.words.is_empty()
                        && s.products.is_empty();
                    (open.get() && !empty)
                        .then(|| {
                            view! {
                                <div
                                    id="search-suggestions"
                                    data-testid="suggestions"
                                    aria-label=t(K::Suggestions)
                                    class="absolute left-0 right-0 top-full z-50 mt-1 rounded-xl border border-slate-200 bg-white p-2 text-sm shadow-lg"
                                >
                                    <ul>
                                        {s
                                            .corrected
                                            .map(|c| {
                                                view! {
                                                    <li>
                                                        <a
                                                            href=format!("/search?q={}", encode_query_value(&c))
                                                            class=link
                                                            data-testid="suggest-correction"
                                                        >
                                                            {t(K::DidYouMean)}
                                                            " "
                                                            <strong>{c.clone()}</strong>
                                                            "?"
                                                        </a>
                                                    </li>
                                                }
                                            })}
                                        {s
                                            .words
                                            .into_iter()
                                            .map(|w| {
                                                view! {
                                                    <li>
                                                        <a
                                                            href=format!("/search?q={}", encode_query_value(&w))
                                                            class=link
                                                        >
                                                            "🔍 "
                                                            {w.clone()}
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                        {s
                                            .products
                                            .into_iter()
                                            .map(|(title, href)| {
                                                view! {
                                                    <li>
                                                        <a href=href class=format!("{link} text-slate-700")>
                                                            {title}
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                })}
            </Suspense>
        </form>
    }
}
