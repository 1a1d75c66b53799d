//! Every page but the storefront's (home, category, search, product, cart, log-in and
//! sign-up) as a lazy route: with `cargo leptos build --split` their code leaves the
//! main wasm bundle and is fetched when one of those pages is first opened (or
//! preloaded by the server-rendered page itself), so a shopper landing on the storefront
//! downloads only the storefront, and never the seller centre or the admin pages. Each page keeps its own resources; `data()`
//! has nothing to start early.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// `lazy_page!(Route => Component)` defines a unit route type whose view renders the
/// component, split into its own wasm chunk.
macro_rules! lazy_page {
    ($($route:ident => $page:path;)*) => {$(
        #[derive(Clone, Copy)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    LazyCheckoutPage => crate::orders::views::CheckoutPage;
    LazyCheckoutDonePage => crate::orders::views::CheckoutDonePage;
    LazyOrdersPage => crate::orders::views::OrdersPage;
    LazyOrderPage => crate::orders::views::OrderPage;
    LazyNotificationsPage => crate::orders::views::NotificationsPage;
    LazyAccountPage => crate::accounts::views::AccountPage;
    LazySellerPage => crate::sellers::views::SellerPage;
    LazySellerMoneyPage => crate::sellers::views::SellerMoneyPage;
    LazySellerListingsPage => crate::sellers::listings::views::SellerListingsPage;
    LazyListingEditorPage => crate::sellers::listings::views::ListingEditorPage;
    LazyImportStatusPage => crate::sellers::listings::views::ImportStatusPage;
    LazySellerOrdersPage => crate::orders::views::SellerOrdersPage;
    LazyPackingSlipPage => crate::orders::views::PackingSlipPage;
    LazyApplyPage => crate::sellers::onboarding::views::ApplyPage;
    LazyAdminPage => crate::moderation::views::AdminPage;
    LazySellerApplicationsPage => crate::moderation::views::SellerApplicationsPage;
    LazyAdminSettingsPage => crate::moderation::settings::AdminSettingsPage;
    LazyModerationPage => crate::moderation::queue::views::ModerationPage;
    LazySellerNoticesPage => crate::moderation::seller_notices::SellerNoticesPage;
    LazyRightsOwnerPage => crate::moderation::notices::views::RightsOwnerPage;
    LazyNoticesAdminPage => crate::moderation::notices::views::NoticesAdminPage;
    LazyTransparencyPage => crate::moderation::transparency::TransparencyPage;
    LazyReviewWritePage => crate::reviews::views::ReviewWritePage;
    LazySellerReviewsPage => crate::reviews::views::SellerReviewsPage;
    LazyVerifyEmailPage => crate::accounts::verify_views::VerifyEmailPage;
    LazySellerQuestionsPage => crate::qa::views::SellerQuestionsPage;
    LazyShopPage => crate::catalog::views::ShopPage;
    LazyMyRewardsPage => crate::referrals::views::MyRewardsPage;
    LazyCampaignsPage => crate::referrals::views::CampaignsPage;
    LazyMarketingPage => crate::promotions::views::MarketingPage;
    LazyPromotionReportPage => crate::promotions::report_view::PromotionReportPage;
    LazyWalletPage => crate::promotions::wallet::WalletPage;
    LazyFollowingPage => crate::catalog::follows::FollowingPageView;
    LazySellerSharingPage => crate::referrals::views::SellerSharingPage;
    LazyRatesPage => crate::fx::views::RatesPage;
    LazyUnsubscribePage => crate::mail::UnsubscribedPage;
    LazyPaymentAlertsPage => crate::sellers::money::alerts::PaymentAlertsPage;
    LazyDisputesPage => crate::moderation::disputes::DisputesPage;
    LazyDisputePage => crate::moderation::disputes::DisputePage;
    LazySellerShippingPage => crate::sellers::shipping::SellerShippingPage;
    LazyMessagesPage => crate::chat::views::MessagesPage;
    LazyThreadPage => crate::chat::views::ThreadPage;
    LazyStartConversationPage => crate::chat::views::StartConversationPage;
    LazySellerMessagesPage => crate::chat::views::SellerMessagesPage;
    LazyForgotPasswordPage => crate::accounts::recovery_views::ForgotPasswordPage;
    LazyLoginCodePage => crate::accounts::two_step_views::LoginCodePage;
    LazyResetPasswordPage => crate::accounts::recovery_views::ResetPasswordPage;
}
