//! UI strings in English and Traditional Chinese.
//!
//! The catalogue is one table checked by the compiler: every key must have both
//! translations or the crate does not build, and `tests::catalogue_complete`
//! rejects empty or copied-over strings. The language is fixed for a page load
//! (switching reloads the page), so lookups are plain `&'static str`.

use domain::{FieldErrorCode, Lang};
use leptos::prelude::*;

use crate::error::AppError;

macro_rules! catalogue {
    ($($key:ident => $en:expr, $zh:expr;)*) => {
        /// A translatable UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($key),* }

        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => match self { $(K::$key => $en),* },
                    Lang::ZhHant => match self { $(K::$key => $zh),* },
                }
            }
        }
    };
}

catalogue! {
    Brand => "Harbour Market", "港灣市集";
    Tagline => "Independent sellers, one checkout", "獨立賣家，一次結帳";
    SkipToContent => "Skip to content", "跳到主要內容";
    SearchLabel => "Search products", "搜尋商品";
    SearchPlaceholder => "Search products and shops", "搜尋商品與商店";
    SearchButton => "Search", "搜尋";
    Categories => "Categories", "商品分類";
    AllCategories => "All categories", "所有分類";
    Cart => "Cart", "購物車";
    CartItems => "items in cart", "件商品在購物車";
    LogIn => "Log in", "登入";
    SignUp => "Sign up", "註冊";
    LogOut => "Log out", "登出";
    MyAccount => "My account", "我的帳戶";
    AccountMenu => "Account menu", "帳戶選單";
    SellerCentre => "Seller centre", "賣家中心";
    Moderation => "Moderation", "平台管理";
    Language => "Language", "語言";
    Currency => "Currency", "幣別";
    Apply => "Apply", "套用";
    FooterAbout => "About us", "關於我們";
    FooterHelp => "Help centre", "幫助中心";
    FooterSell => "Sell on Harbour Market", "在港灣市集開店";
    FooterPrivacy => "Privacy", "隱私權政策";
    FooterIp => "IP protection", "智慧財產權保護";
    FooterRights => "Prices in other currencies are approximate; you are charged in the seller's currency.",
        "以其他幣別顯示的價格僅供參考，實際以賣家幣別收費。";
    HeroTitle => "Find something made with care", "找到用心製作的好物";
    HeroSubtitle => "Shop hundreds of independent sellers from Taiwan and beyond, all in one cart.",
        "來自台灣與世界各地的獨立賣家，一個購物車全部搞定。";
    ShopByCategory => "Shop by category", "依分類選購";
    NewArrivals => "New arrivals", "新品上架";
    TopRated => "Top rated", "好評推薦";
    StartSelling => "Start selling", "開始賣東西";
    BrowseAll => "Browse all", "瀏覽全部";
    Home => "Home", "首頁";
    SoldBy => "Sold by", "賣家";
    InStock => "In stock", "有現貨";
    LowStock => "Only a few left", "即將售完";
    OutOfStock => "Out of stock", "已售完";
    Description => "Description", "商品描述";
    ShipsFrom => "Ships from", "出貨地";
    ApproxPrice => "approx.", "約";
    ChargedIn => "Charged in", "以此幣別收費：";
    RatingsCount => "ratings", "則評價";
    NoRatings => "No ratings yet", "尚無評價";
    Subcategories => "Subcategories", "子分類";
    NoProducts => "No products here yet. Check back soon.", "這裡還沒有商品，請稍後再來看看。";
    ProductsCount => "products", "件商品";
    SearchResultsFor => "Results for", "搜尋結果：";
    NoResults => "No products match your search.", "找不到符合的商品。";
    NoResultsHint => "Try fewer words, or browse a category.", "試試較少的關鍵字，或瀏覽商品分類。";
    EmptyQuery => "Type something to search for.", "請輸入要搜尋的內容。";
    Email => "Email", "電子郵件";
    Password => "Password", "密碼";
    DisplayName => "Name", "顯示名稱";
    PasswordHint => "At least 10 characters.", "至少 10 個字元。";
    CreateAccount => "Create account", "建立帳戶";
    SignUpTitle => "Create your account", "建立您的帳戶";
    LogInTitle => "Log in to your account", "登入您的帳戶";
    HaveAccount => "Already have an account?", "已經有帳戶了嗎？";
    NoAccount => "New here?", "第一次來嗎？";
    Submitting => "Please wait…", "請稍候…";
    ErrRequired => "This field is required.", "此欄位為必填。";
    ErrInvalidEmail => "Enter a valid email address, like name@example.com.", "請輸入有效的電子郵件，例如 name@example.com。";
    ErrEmailTaken => "An account with this email already exists. Log in instead?", "此電子郵件已註冊，要改為登入嗎？";
    ErrPasswordTooShort => "Use at least 10 characters.", "密碼至少需要 10 個字元。";
    ErrPasswordTooLong => "Use at most 128 characters.", "密碼最多 128 個字元。";
    ErrPasswordTooCommon => "This password is too easy to guess.", "這個密碼太容易被猜到。";
    ErrTooLong => "This is too long.", "內容太長。";
    ErrBadCredentials => "Email or password is incorrect.", "電子郵件或密碼不正確。";
    ErrThrottled => "Too many attempts. Please wait a few minutes and try again.", "嘗試次數過多，請稍候幾分鐘再試。";
    ErrInternal => "Something went wrong on our side. Please try again.", "系統發生問題，請再試一次。";
    ErrForbidden => "You do not have access to this page.", "您沒有權限檢視此頁面。";
    ErrUnauthenticated => "Please log in to continue.", "請先登入。";
    ErrNotFound => "We could not find that.", "找不到您要的內容。";
    ErrTransport => "Could not reach the server. Check your connection.", "無法連線到伺服器，請檢查網路。";
    FormHasErrors => "Please fix the highlighted fields.", "請修正標示的欄位。";
    AccountTitle => "My account", "我的帳戶";
    Roles => "Roles", "身分";
    RoleShopper => "Shopper", "買家";
    RoleSeller => "Seller", "賣家";
    RoleModerator => "Moderator", "審核員";
    RoleAdmin => "Administrator", "管理員";
    SellerTitle => "Seller centre", "賣家中心";
    SellerIntro => "Run your shop: listings, orders, payouts.", "管理您的商店：商品、訂單與撥款。";
    ShopStatus => "Shop status", "商店狀態";
    ActiveListings => "Active listings", "上架中商品";
    TotalListings => "All listings", "全部商品";
    OpenOrders => "Orders to ship", "待出貨訂單";
    LowStockListings => "Low stock", "庫存偏低";
    NoShop => "This account does not run a shop yet.", "此帳戶尚未開設商店。";
    AdminTitle => "Moderation", "平台管理";
    AdminIntro => "Keep the marketplace safe and fair.", "維護市集的安全與公平。";
    Users => "Users", "使用者";
    Shops => "Shops", "商店";
    PendingShops => "Shops awaiting review", "待審核商店";
    Products => "Products", "商品";
    OpenReports => "Open reports", "待處理檢舉";
    RecentAudit => "Recent decisions", "最近的處理紀錄";
    NoAudit => "No decisions recorded yet.", "目前沒有處理紀錄。";
    AuditTime => "When", "時間";
    AuditAction => "Action", "動作";
    AuditSubject => "Subject", "對象";
    AuditActor => "By", "處理人";
    NotFoundTitle => "Page not found", "找不到頁面";
    NotFoundBody => "The page you are looking for does not exist or has moved.", "您要找的頁面不存在或已移動。";
    BackHome => "Back to the home page", "回到首頁";
    Loading => "Loading…", "載入中…";
    ErrorTitle => "Something went wrong", "發生錯誤";
    StatusApproved => "Open", "營業中";
    StatusPending => "Awaiting review", "審核中";
    StatusSuspended => "Suspended", "已停權";
    AddToCart => "Add to cart", "加入購物車";
    AddedToCart => "Added to your cart.", "已加入購物車。";
    ViewCart => "View cart", "查看購物車";
    CartTitle => "Your cart", "您的購物車";
    CartEmpty => "Your cart is empty.", "購物車是空的。";
    ContinueShopping => "Continue shopping", "繼續購物";
    Quantity => "Quantity", "數量";
    Update => "Update", "更新";
    Remove => "Remove", "移除";
    Subtotal => "Subtotal", "小計";
    PriceChangedFrom => "Price changed since you added it; it was", "加入後價格已變動，原價";
    CartNote => "Each shop ships its own parcel; shipping is chosen per shop at checkout.", "每家商店分別出貨，結帳時可為每家商店選擇運送方式。";
    ErrBadQuantity => "Choose a quantity from 1 to 99.", "請選擇 1 到 99 之間的數量。";
    ErrNotEnoughStock => "Not enough stock for that quantity.", "庫存不足以提供此數量。";
    ErrUnavailable => "This product is not available right now.", "此商品目前無法購買。";
}

/// The current page's language, provided by the shell.
pub fn use_lang() -> Lang {
    use_context::<crate::prefs::Prefs>()
        .map(|p| p.lang)
        .unwrap_or_default()
}

/// Looks up a string in the current page's language.
pub fn t(key: K) -> &'static str {
    key.text(use_lang())
}

pub fn field_error_key(code: FieldErrorCode) -> K {
    match code {
        FieldErrorCode::Required => K::ErrRequired,
        FieldErrorCode::InvalidEmail => K::ErrInvalidEmail,
        FieldErrorCode::EmailTaken => K::ErrEmailTaken,
        FieldErrorCode::PasswordTooShort => K::ErrPasswordTooShort,
        FieldErrorCode::PasswordTooLong => K::ErrPasswordTooLong,
        FieldErrorCode::PasswordTooCommon => K::ErrPasswordTooCommon,
        FieldErrorCode::TooLong => K::ErrTooLong,
    }
}

pub fn error_key(err: &AppError) -> K {
    match err {
        AppError::Unauthenticated => K::ErrUnauthenticated,
        AppError::Forbidden => K::ErrForbidden,
        AppError::NotFound => K::ErrNotFound,
        AppError::Invalid(_) => K::FormHasErrors,
        AppError::Cart(domain::cart::CartError::BadQuantity) => K::ErrBadQuantity,
        AppError::Cart(domain::cart::CartError::NotEnoughStock { .. }) => K::ErrNotEnoughStock,
        AppError::Cart(domain::cart::CartError::Unavailable) => K::ErrUnavailable,
        AppError::BadCredentials => K::ErrBadCredentials,
        AppError::Throttled { .. } => K::ErrThrottled,
        AppError::Internal => K::ErrInternal,
        AppError::Transport(_) => K::ErrTransport,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_complete() {
        for key in K::ALL {
            let en = key.text(Lang::En);
            let zh = key.text(Lang::ZhHant);
            assert!(!en.trim().is_empty(), "{key:?} has no English text");
            assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
            assert_ne!(en, zh, "{key:?} is not translated");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{key:?} Chinese text has no Han characters: {zh}"
            );
        }
    }
}
