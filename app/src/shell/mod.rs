//! The HTML shell, the router, and the layout around every page: header (search,
//! categories, cart, account, language and currency), footer, 404 and role gates.
//! The route table is here; the rest is in `shell/`.

use leptos::prelude::*;

use leptos_meta::{provide_meta_context, Meta, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::accounts::views::{LoginPage, SignupPage};
use crate::cart::views::CartPage;
use crate::cart::CartVersion;
use crate::catalog::views::{CategoryPage, HomePage, ProductPage, SearchPage};
use crate::i18n::{t, K};
use crate::lazy_pages::*;
use crate::prefs::Prefs;

mod document;
mod footer;
mod gates;
mod header;
pub mod nav;
mod search_box;

use self::footer::Footer;
use self::header::Header;

pub use self::document::shell;
pub use self::gates::{role_label, GateError, NotFound, SignInPrompt};
pub use self::header::path_with_query;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let prefs = use_context::<Prefs>().unwrap_or_else(Prefs::current);
    provide_context(prefs);
    provide_context(CartVersion(RwSignal::new(0)));
    crate::chat::views::provide_chat_live();
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
                            path=path!("/seller/questions")
                            view={Lazy::<LazySellerQuestionsPage>::new()}
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
                            path=path!("/vouchers")
                            view={Lazy::<LazyWalletPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/following")
                            view={Lazy::<LazyFollowingPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/marketing")
                            view={Lazy::<LazyMarketingPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/marketing/:key")
                            view={Lazy::<LazyPromotionReportPage>::new()}
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
                            path=path!("/email/unsubscribe")
                            view={Lazy::<LazyUnsubscribePage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/disputes")
                            view={Lazy::<LazyDisputesPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/disputes/:key")
                            view={Lazy::<LazyDisputePage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/payments")
                            view={Lazy::<LazyPaymentAlertsPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/messages")
                            view={Lazy::<LazyMessagesPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/messages/to/:shop")
                            view={Lazy::<LazyStartConversationPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/messages/:id")
                            view={Lazy::<LazyThreadPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/seller/messages")
                            view={Lazy::<LazySellerMessagesPage>::new()}
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
                        <Route
                            path=path!("/login/code")
                            view={Lazy::<LazyLoginCodePage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/verify")
                            view={Lazy::<LazyVerifyEmailPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/forgot")
                            view={Lazy::<LazyForgotPasswordPage>::new()}
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/reset")
                            view={Lazy::<LazyResetPasswordPage>::new()}
                            ssr=SsrMode::Async
                        />
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
