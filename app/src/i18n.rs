//! UI strings in English and Traditional Chinese.
//!
//! The catalogue is one table checked by the compiler: every key must have both
//! translations or the crate does not build, and `tests::catalogue_complete`
//! rejects empty or copied-over strings. The language is fixed for a page load
//! (switching reloads the page), so lookups are plain `&'static str`.

use domain::order::OrderError;
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
    Trending => "Trending this week", "本週熱銷";
    Seller => "Seller", "賣家";
    AnySeller => "Any seller", "所有賣家";
    Promotion => "Promotion", "優惠";
    ActivePromotions => "Promotions now on", "進行中的優惠";
    SpendSave => "Spend {spend}, save {save}", "滿 {spend} 折 {save}";
    EndsOn => "Ends", "截止";
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
    ErrInvalidPhone => "Use digits, spaces, +, - and brackets only.", "請只使用數字、空格、+、- 與括號。";
    ErrInvalidChoice => "Choose one of the listed options.", "請從清單中選擇。";
    ErrFileTooLarge => "Each photo must be 5 MB or smaller.", "每張照片不可超過 5 MB。";
    ErrNotAnImage => "Photos must be JPEG, PNG or WebP images.", "照片須為 JPEG、PNG 或 WebP 格式。";
    ErrTooManyPhotos => "Attach at most 4 photos.", "最多可附 4 張照片。";
    ErrReturnDetailsRequired => "Please describe the problem when you choose “Other”.", "選擇「其他」時請說明問題。";
    Photos => "Photos (optional, up to 4, JPEG/PNG/WebP, 5 MB each)", "照片（選填，最多 4 張，JPEG/PNG/WebP，每張 5 MB 內）";
    ReturnPhotos => "Photos", "照片";
    ErrBadCredentials => "Email or password is incorrect.", "電子郵件或密碼不正確。";
    ErrThrottled => "Too many attempts. Please wait a few minutes and try again.", "嘗試次數過多，請稍候幾分鐘再試。";
    ErrInternal => "Something went wrong on our side. Please try again.", "系統發生問題，請再試一次。";
    ErrForbidden => "You do not have access to this page.", "您沒有權限檢視此頁面。";
    ErrUnauthenticated => "Please log in to continue.", "請先登入。";
    ErrNotFound => "We could not find that.", "找不到您要的內容。";
    ErrTransport => "Could not reach the server. Check your connection.", "無法連線到伺服器，請檢查網路。";
    ErrEmptyCart => "Your cart is empty.", "購物車是空的。";
    ErrPricesChanged => "Prices or items changed since you opened checkout. Please review your order.", "開啟結帳頁後價格或商品已變動，請重新確認訂單。";
    ErrShippingMissing => "Choose a shipping method for every seller.", "請為每位賣家選擇配送方式。";
    ErrOrderState => "This order can no longer be changed that way.", "此訂單目前無法進行這項變更。";
    ErrReturnExists => "A return was already requested for this order.", "此訂單已提出退貨申請。";
    ErrReturnWindowClosed => "The return period for this order has ended.", "此訂單的退貨期限已過。";
    RfShare => "Share", "分享";
    RfSellerNav => "Sharing rewards", "分享獎勵";
    RfSellerHeading => "Sharing rewards for your products", "商品分享獎勵";
    RfSellerIntro => "Reward shoppers who share your products: when a friend buys through their link, they earn store credit that your shop pays once the order's return window has closed. Your campaign replaces the platform's for your products.", "獎勵分享您商品的顧客：朋友透過分享連結購買，分享者可獲得購物金，於訂單退貨期結束後由您的商店支付。您的活動會取代平台活動套用於您的商品。";
    RfNoShopCampaigns => "Your shop has no sharing campaign yet; the platform's campaign applies to your products.", "您的商店尚未建立分享活動，您的商品適用平台活動。";
    RfSellerFormNote => "Amounts are in your shop's currency. Each reward is charged to your balance when it becomes available, and given back if the order is refunded afterwards.", "金額以您商店的幣別計算。每筆獎勵於轉為可用時自您的餘額扣除，若訂單之後退款則退回。";
    RfInviteNote => "Enjoyed shopping? Invite friends: when they buy through your link, you earn store credit.", "購物愉快嗎？邀請朋友，朋友透過您的連結購買，您即可獲得購物金。";
    ShopSince => "On Harbour Market since", "加入港灣市集於";
    RfShareTitle => "Share with friends", "分享給朋友";
    RfLinkLabel => "Link to share", "分享連結";
    RfCopyLink => "Copy link", "複製連結";
    RfCopied => "Copied!", "已複製！";
    RfShareNative => "Share…", "分享到…";
    RfNetworks => "Share on", "分享到";
    RfWeChatQr => "QR code of the link for WeChat", "微信分享 QR 碼";
    RfWeChatScan => "WeChat: scan this code to open the link, then share it from WeChat.", "微信：掃描此 QR 碼開啟連結後，即可在微信中分享。";
    RfEarnNote => "This link carries your referral code: when friends buy through it you earn store credit.", "此連結含有您的推薦碼：朋友透過連結購買，您即可獲得購物金。";
    RfSignInToEarn => "sign in to earn store credit when friends buy through your link.", "登入後分享，朋友購買即可獲得購物金。";
    RfMyRewards => "My rewards", "我的分享獎勵";
    RfMyRewardsIntro => "Share products you like. When a friend buys through your link, you earn store credit you can spend at checkout.", "分享您喜愛的商品。朋友透過您的連結購買，您即可獲得購物金，結帳時可折抵。";
    RfYourLink => "Your invite link", "您的邀請連結";
    RfYourCode => "Your referral code:", "您的推薦碼：";
    RfWindowNote => "Your link counts a friend's purchases for {n} days after they open it.", "朋友開啟連結後 {n} 天內的購買都會計入。";
    RfAvailableNote => "A reward is pending once the order is paid and becomes available after its return window closes; it is reversed if the order is cancelled or refunded.", "訂單付款後獎勵列為待入帳，退貨期結束後轉為可用；訂單取消或退款則撤回。";
    RfAvailable => "Available credit", "可用購物金";
    RfPending => "Pending", "待入帳";
    RfShares => "Links shared", "分享次數";
    RfClicks => "Clicks", "點擊數";
    RfSignups => "Sign-ups", "註冊數";
    RfOrders => "Orders", "訂單數";
    RfRewardsHeading => "Rewards", "獎勵紀錄";
    RfNoRewards => "No rewards yet. Share a product and they will show here when friends buy.", "尚無獎勵。分享商品後，朋友購買時會顯示於此。";
    RfHistory => "Credit history", "購物金明細";
    RfNoHistory => "No store credit movements yet.", "尚無購物金異動。";
    RfWhen => "When", "時間";
    RfFriend => "Friend", "朋友";
    RfCampaign => "Campaign", "活動";
    RfAmount => "Amount", "金額";
    RfStatus => "Status", "狀態";
    RfStAwaiting => "Awaiting payment", "等待付款";
    RfStPending => "Pending", "待入帳";
    RfStAvailable => "Available", "可用";
    RfStReversed => "Reversed", "已撤回";
    RfStHeld => "Under review", "審核中";
    RfStRejected => "Rejected", "已駁回";
    RfKEarned => "Reward earned", "獲得獎勵";
    RfKReleased => "Return window closed", "退貨期結束";
    RfKReversed => "Reward reversed", "獎勵撤回";
    RfKApproved => "Approved after review", "審核通過";
    RfKSpent => "Spent at checkout", "結帳折抵";
    RfKRestored => "Returned (order cancelled)", "退回（訂單取消）";
    RfCampaigns => "Sharing campaigns", "分享獎勵活動";
    RfCampaignsIntro => "Reward rules for shared links, what each campaign has cost and brought in, and the last 30 days of referral traffic.", "分享連結的獎勵規則、各活動的成本與帶來的營收，以及近 30 天的推薦流量。";
    RfConversion => "Conversion (orders ÷ clicks)", "轉換率（訂單 ÷ 點擊）";
    RfFraudRate => "Flagged rewards", "疑似舞弊比例";
    RfNoCampaigns => "No campaigns yet: create one below.", "尚無活動，請於下方建立。";
    RfFunder => "Funded by", "出資方";
    RfPlatform => "Platform", "平台";
    RfRule => "Sharer's reward", "分享者獎勵";
    RfRewardsCount => "Rewards", "獎勵數";
    RfCost => "Cost", "成本";
    RfRevenue => "Referred revenue", "推薦營收";
    RfActive => "Active", "進行中";
    RfPaused => "Paused", "已暫停";
    RfPause => "pause", "暫停";
    RfResume => "resume", "恢復";
    RfWelcome => "welcome", "新客折扣";
    RfNewCampaign => "New campaign", "建立活動";
    RfName => "Name", "名稱";
    RfShopSlug => "Shop (address) funding it", "出資商店（商店網址代稱）";
    RfShopSlugHint => "Empty: the platform pays.", "留空：由平台出資。";
    RfCurrencyHint => "Orders in this currency earn rewards (e.g. TWD).", "此幣別的訂單才會產生獎勵（例如 TWD）。";
    RfPercentOfOrder => "Percentage of the order's goods", "商品金額百分比";
    RfFixedPerOrder => "Fixed amount per order", "每筆訂單固定金額";
    RfRatePercent => "Rate (%)", "比例（%）";
    RfFixedAmount => "Fixed amount", "固定金額";
    RfCap => "Cap per order (empty: none)", "每筆上限（留空：無）";
    RfWelcomePercent => "New buyer's welcome discount (%)", "新買家首購折扣（%）";
    RfWelcomeCap => "Welcome discount cap", "首購折扣上限";
    RfCreate => "Create campaign", "建立活動";
    RfHeldHeading => "Sharing rewards to check", "待審核的分享獎勵";
    RfNoHeld => "No held rewards.", "沒有待審核的獎勵。";
    RfSharer => "Sharer", "分享者";
    RfDecisionNote => "Reason (needed to reject)", "理由（駁回時必填）";
    RfApprove => "Approve", "核准";
    RfReject => "Reject", "駁回";
    RfFlagPayment => "Same card as the sharer", "與分享者同一張卡";
    RfFlagAddress => "Sharer's address", "分享者的地址";
    RfFlagDevice => "Sharer's device", "分享者的裝置";
    RfFlagVelocity => "Too many rewards today", "單日獎勵過多";
    RfFlagRing => "Referral ring", "互相推薦循環";
    RfFlagStar => "Sockpuppet accounts", "分身帳號";
    RfUseCredit => "Use my store credit", "使用購物金折抵";
    RfCreditApplied => "Store credit", "購物金折抵";
    RfWelcomeApplied => "Welcome discount (referred by a friend)", "好友推薦首購折扣";
    RfToPay => "To pay", "應付金額";
    ErrCreditChanged => "Your store credit changed since this page was loaded (it was spent in another checkout). Nothing was charged; please review your order.", "頁面載入後您的購物金已變動（已在另一筆結帳使用），未扣款，請重新確認訂單。";
    ErrMixedCurrencies => "Card payment covers one currency per checkout. Please check out sellers who charge in different currencies separately.", "信用卡付款每次結帳僅限一種幣別，請將不同幣別的賣家分開結帳。";
    Checkout => "Checkout", "結帳";
    ShippingFrom => "Shipping from", "運費";
    FreeShippingQualified => "Free shipping", "免運費";
    ProceedToCheckout => "Proceed to checkout", "前往結帳";
    ShippingMethod => "Shipping method", "配送方式";
    NoShippingMethod => "This seller has no shipping method for your order yet.", "此賣家尚未提供可用的配送方式。";
    FreeShipping => "Free", "免運";
    ShippingAddress => "Shipping address", "收件地址";
    SavedAddresses => "Saved addresses", "常用地址";
    UseNewAddress => "Use a new address (fill in below)", "使用新地址（請填寫下方欄位）";
    SaveAddress => "Save this address to my address book", "將此地址存入常用地址";
    FullName => "Full name", "收件人姓名";
    Phone => "Phone", "電話";
    AddressLine1 => "Address", "地址";
    AddressLine2 => "Apartment, floor (optional)", "樓層、室（選填）";
    City => "City", "城市";
    PostalCode => "Postal code", "郵遞區號";
    Country => "Country or region", "國家或地區";
    Payment => "Payment", "付款";
    OfflinePaymentNote => "Bank transfer or pay on delivery. Each seller confirms your payment, then ships.", "銀行轉帳或貨到付款。各賣家確認收款後出貨。";
    StripePaymentNote => "Pay by card on Stripe's secure page. Each seller is paid separately.", "在 Stripe 安全頁面以信用卡付款，款項分別撥給各賣家。";
    ReservationNote => "Your items are held for you for 72 hours while payment is pending.", "等待付款期間，商品將為您保留 72 小時。";
    CheckoutBlocked => "Some items can no longer be bought in this quantity:", "部分商品已無法以此數量購買：";
    PlaceOrder => "Place order", "確認下單";
    OrderPlaced => "Thank you! Your order is placed.", "感謝您！訂單已成立。";
    OrderPlacedNote => "One order per seller. We emailed you the details; you can follow each order below.", "每位賣家各一筆訂單。我們已寄出訂單通知，您可以在下方追蹤每筆訂單。";
    MyOrders => "My orders", "我的訂單";
    NoOrders => "No orders yet.", "目前沒有訂單。";
    ItemsShort => "items", "件";
    AllOrders => "All", "全部";
    SellerOrders => "Orders", "訂單管理";
    FilterByStatus => "Filter by status", "依狀態篩選";
    StatusPlaced => "Awaiting payment", "待付款";
    StatusPaid => "Paid", "已付款";
    StatusShipped => "Shipped", "已出貨";
    StatusDelivered => "Delivered", "已送達";
    StatusCompleted => "Completed", "已完成";
    StatusCancelled => "Cancelled", "已取消";
    EventAddressChanged => "Address changed", "收件地址已變更";
    EventReturnRequested => "Return requested", "已申請退貨";
    EventReturnRefunded => "Return accepted and refunded", "退貨已接受並退款";
    EventReturnRefused => "Return refused", "退貨申請未通過";
    EventOther => "Update", "更新";
    ReasonDamaged => "Arrived damaged", "商品損壞";
    ReasonNotAsDescribed => "Not as described", "與描述不符";
    ReasonWrongItem => "Wrong item", "寄錯商品";
    ReasonChangedMind => "Changed my mind", "不想要了";
    ReasonOrderedWrong => "Ordered the wrong item", "下錯訂單";
    ReasonPaymentNotReceived => "Payment not received in time", "未於期限內付款";
    ReasonOther => "Other", "其他";
    OrderTimeline => "Order timeline", "訂單進度";
    ConfirmReceived => "I received this order", "我已收到商品";
    CancelOrder => "Cancel order", "取消訂單";
    CancelledBecause => "Cancelled:", "取消原因：";
    Reason => "Reason", "原因";
    ChangeAddress => "Change shipping address", "變更收件地址";
    SaveAddressChange => "Save new address", "儲存新地址";
    RequestReturn => "Request a return or exchange", "申請退貨或換貨";
    ReturnKindLabel => "What would you like?", "您希望如何處理？";
    ReturnForRefund => "Return for a refund", "退貨退款";
    Exchange => "Exchange", "換貨";
    ReturnDetails => "Details (required for “Other”)", "詳細說明（選擇「其他」時必填）";
    SubmitReturn => "Send request", "送出申請";
    ReturnRequest => "Return request", "退貨申請";
    ReturnRequested => "Waiting for the seller's answer", "等待賣家回覆";
    ReturnAccepted => "Accepted", "已接受";
    ReturnRefused => "Refused by the seller", "賣家未接受";
    ReturnRefunded => "Accepted and refunded", "已接受並退款";
    SellerActions => "Seller actions", "賣家操作";
    MarkPaid => "Mark payment received", "標記為已收款";
    Carrier => "Carrier", "物流業者";
    TrackingNumber => "Tracking number", "貨件追蹤碼";
    MarkShipped => "Mark shipped", "標記為已出貨";
    MarkDelivered => "Mark delivered", "標記為已送達";
    AcceptReturn => "Accept and refund", "接受並退款";
    RefuseReturn => "Refuse", "不接受";
    Shipping => "Shipping", "運費";
    Total => "Total", "總計";
    Tracking => "Tracking", "貨件追蹤";
    PaymentPaid => "Paid", "已付款";
    PaymentRefunded => "Refunded", "已退款";
    PaymentAwaitingOffline => "Awaiting bank transfer or payment on delivery", "等待銀行轉帳或貨到付款";
    PaymentAwaiting => "Awaiting payment", "等待付款";
    Notifications => "Notifications", "通知";
    NotificationsNote => "Emails we sent you about your orders.", "我們寄給您的訂單相關郵件。";
    NoNotifications => "No notifications yet.", "目前沒有通知。";
    ViewOrder => "View order", "查看訂單";
    Filters => "Filters", "篩選";
    RelatedProducts => "More from this category", "同類商品";
    MoreImages => "More images", "更多圖片";
    DidYouMean => "Did you mean", "您是不是要找";
    Suggestions => "Suggestions", "搜尋建議";
    SortBy => "Sort by", "排序";
    SortRelevance => "Best match", "最相關";
    SortNewest => "Newest", "最新上架";
    SortPriceAsc => "Price: low to high", "價格：低到高";
    SortPriceDesc => "Price: high to low", "價格：高到低";
    SortRating => "Top rated", "評價最高";
    PriceMin => "Min price", "最低價";
    PriceMax => "Max price", "最高價";
    MinRating => "Rating", "評價";
    AnyRating => "Any", "不限";
    InStockOnly => "In stock only", "僅顯示有現貨";
    FilterIgnored => "Some filter values could not be read and were left out.", "部分篩選條件無法辨識，已略過。";
    Pagination => "Pages", "分頁";
    NextPage => "Next page", "下一頁";
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
    ApplyTitle => "Open a shop", "申請開店";
    ApplyIntro => "Tell us about your business, upload the documents we need, and submit. We review every application; you will see the decision and its reasons here.", "填寫商家資料、上傳所需文件並送出申請。我們會審核每一份申請，審核結果與理由會顯示在此頁。";
    ApplyStepDetails => "Business details", "商家資料";
    ApplyStepDocuments => "Documents", "證明文件";
    ApplyStepSubmit => "Submit for review", "送出審核";
    SubmitIntro => "Submit once every required document is uploaded. You cannot edit the application while it is being reviewed.", "所有必要文件上傳後即可送出。審核期間無法修改申請內容。";
    DocumentsIntro => "PDF, JPEG, PNG or WebP, up to 10 MB each. A new upload replaces the earlier file.", "接受 PDF、JPEG、PNG 或 WebP，每個檔案最大 10 MB。重新上傳會取代先前的檔案。";
    DocumentsPrivacy => "Documents are visible only to you and the platform's reviewers.", "文件僅您本人與平台審核人員可檢視。";
    ShopName => "Shop name", "商店名稱";
    ShopSlug => "Shop address", "商店網址代稱";
    ShopSlugHint => "3–40 lowercase letters, digits and hyphens, e.g. harbour-tea", "3–40 個小寫英文字母、數字或連字號，例如 harbour-tea";
    BusinessType => "Business type", "商家類型";
    BizIndividual => "Individual", "個人賣家";
    BizCompany => "Company", "公司行號";
    LegalName => "Legal name", "法定名稱";
    RegistrationNumber => "Registration number", "統一編號／登記號碼";
    RegistrationHint => "Required for companies", "公司行號必填";
    BusinessAddress => "Business address", "營業地址";
    PayoutCurrency => "Payout currency", "撥款幣別";
    PayoutCurrencyHint => "Your prices and payouts are in this currency", "商品價格與撥款皆以此幣別計算";
    ContactEmail => "Contact email", "聯絡電子郵件";
    ContactPhone => "Contact phone (optional)", "聯絡電話（選填）";
    ClaimedBrand => "Brand you own or are licensed for (optional)", "您擁有或獲授權的品牌（選填）";
    ClaimedBrandHint => "Claiming a brand requires a brand authorisation", "聲明品牌需上傳品牌授權書";
    ChooseOne => "Choose…", "請選擇…";
    SaveDraft => "Save details", "儲存資料";
    SubmitApplication => "Submit application", "送出申請";
    Upload => "Upload", "上傳";
    Required => "Required", "必要";
    DocUploaded => "Uploaded · view", "已上傳 · 檢視";
    DocNotUploaded => "Not uploaded", "尚未上傳";
    OpenDocument => "Open", "開啟";
    DocIdentity => "Identity document", "身分證明文件";
    DocBusinessRegistration => "Business registration", "商業登記證明";
    DocBrandAuthorisation => "Brand authorisation", "品牌授權書";
    DocProofOfAddress => "Proof of address", "地址證明";
    ApplicationStatus => "Application status", "申請狀態";
    ApplicationHistory => "History", "申請紀錄";
    ReasonsGiven => "Reasons from our reviewers", "審核人員說明";
    AppDraft => "Draft", "草稿";
    AppSubmitted => "Submitted", "已送出";
    AppInReview => "In review", "審核中";
    AppMoreInfo => "More information requested", "需補件";
    AppRejected => "Rejected", "未通過";
    AppTerminated => "Closed", "已終止";
    HistCreate => "Application started", "建立申請";
    HistDocument => "Document uploaded", "上傳文件";
    HistSubmit => "Submitted for review", "送出審核";
    HistStartReview => "Review started", "開始審核";
    HistRequestInfo => "More information requested", "要求補件";
    HistApprove => "Approved: shop opened", "核准：商店開張";
    HistReject => "Rejected", "申請未通過";
    HistSuspend => "Shop suspended", "商店停權";
    HistReinstate => "Shop reinstated", "商店恢復營業";
    HistTerminate => "Shop closed", "商店終止";
    HistOther => "Updated", "已更新";
    ErrMissingDocuments => "Upload these documents first:", "請先上傳以下文件：";
    ErrDocumentTooLarge => "That file is larger than 10 MB.", "檔案超過 10 MB。";
    ErrNotADocument => "That file is not a PDF, JPEG, PNG or WebP file.", "此檔案不是 PDF、JPEG、PNG 或 WebP 格式。";
    ErrApplicationState => "The application cannot be changed in its current state.", "申請目前的狀態無法修改。";
    ErrSaveFirst => "Save your business details first.", "請先儲存商家資料。";
    ErrSlugTaken => "That shop address is taken.", "此商店網址代稱已被使用。";
    ErrInvalidSlug => "Use 3–40 lowercase letters, digits and single hyphens.", "請使用 3–40 個小寫英文字母、數字或單一連字號。";
    ErrMissingDocument => "This document is required.", "此文件為必要文件。";
    SellerApplications => "Seller applications", "開店申請";
    SellerApplicationsIntro => "Review applications to sell: documents, details and history. Every decision is recorded with its reasons.", "審核開店申請：文件、資料與紀錄。每項決定都會連同理由一併記錄。";
    AllApplications => "All applications", "所有申請";
    NoApplications => "No applications here.", "目前沒有申請。";
    SubmittedAt => "Submitted", "送出時間";
    AppFilterPending => "Awaiting decision", "待審核";
    AppFilterAll => "All", "全部";
    Filter => "Filter", "篩選";
    Decision => "Decision", "審核決定";
    StatementOfReasons => "Statement of reasons (shown to the applicant)", "理由說明（申請人可見）";
    ReasonHint => "Required to reject, request information, suspend, reinstate or close a shop.", "退件、要求補件、停權、恢復或終止商店時必填。";
    ActStartReview => "Start review", "開始審核";
    ActRequestInfo => "Request information", "要求補件";
    ActApprove => "Approve", "核准";
    ActReject => "Reject", "退件";
    ActSuspend => "Suspend shop", "停權";
    ActReinstate => "Reinstate shop", "恢復營業";
    ActTerminate => "Close shop", "終止商店";
    AutoApprove => "Auto-approve applications", "自動核准申請";
    AutoApproveHint => "Approve at once every application whose fields are valid, whose shop address is free and whose required documents are all uploaded.", "資料有效、網址未被使用且必要文件齊全的申請將立即核准。";
    On => "On", "開啟";
    Off => "Off", "關閉";
    TurnOn => "Turn on", "開啟";
    TurnOff => "Turn off", "關閉";
    Overview => "Overview", "總覽";
    Listings => "Listings", "商品";
    NewListing => "New listing", "新增商品";
    EditListing => "Edit listing", "編輯商品";
    NoListings => "No listings here yet.", "目前沒有商品。";
    InStockCount => "available", "可售";
    LsDraft => "Draft", "草稿";
    LsScheduled => "Scheduled", "排程上架";
    LsActive => "Live", "上架中";
    LsHeld => "Held for review", "審核保留";
    LsDelisted => "Delisted", "已下架";
    LsPendingReview => "In review", "審核中";
    TitleEn => "Title (English)", "商品名稱（英文）";
    TitleZh => "Title (Chinese)", "商品名稱（中文）";
    DescriptionEn => "Description (English)", "商品描述（英文）";
    DescriptionZh => "Description (Chinese)", "商品描述（中文）";
    Category => "Category", "分類";
    Condition => "Condition", "商品狀況";
    CondNew => "New", "全新";
    CondUsed => "Used", "二手";
    CondRefurbished => "Refurbished", "整新品";
    BrandLabel => "Brand (optional)", "品牌（選填）";
    Sku => "SKU (optional)", "商品貨號（選填）";
    PriceLabel => "Price", "售價";
    PriceHint => "In your shop's currency; shoppers see an approximate conversion.", "以商店幣別計價；買家會看到換算後的參考價格。";
    CompareAt => "Compare-at price (optional)", "原價（選填）";
    StockOnHand => "Stock on hand", "庫存數量";
    LowStockThreshold => "Low-stock alert at", "低庫存提醒數量";
    WeightG => "Weight (optional)", "重量（選填）";
    PublishAt => "Publish at (optional)", "排程上架時間（選填）";
    DelistAt => "Delist at (optional)", "排程下架時間（選填）";
    UtcHint => "Times are UTC.", "時間為 UTC。";
    SaveListing => "Save listing", "儲存商品";
    ListingSaved => "Saved.", "已儲存。";
    PhotosAfterSave => "Save the listing first; then add its photos and publish it.", "請先儲存商品，再上傳照片並上架。";
    ListingPhotos => "Photos", "商品照片";
    Photo => "Photo", "照片";
    MainPhoto => "Main photo", "主要照片";
    MoveEarlier => "Move earlier", "往前移";
    MoveLater => "Move later", "往後移";
    DropPhotos => "Drop photos here or choose files", "將照片拖放至此或選擇檔案";
    PhotoRules => "JPEG, PNG or WebP, up to 5 MB each, 8 per listing. We re-encode them and make thumbnails.", "JPEG、PNG 或 WebP，每張最大 5 MB，每項商品最多 8 張。系統會重新編碼並產生縮圖。";
    UploadPhotos => "Upload photos", "上傳照片";
    ErrTooManyListingPhotos => "A listing can have at most 8 photos.", "每項商品最多 8 張照片。";
    ErrPhotoNeeded => "Add at least one photo before publishing.", "上架前請至少上傳一張照片。";
    Publishing => "Publishing", "上架狀態";
    ViewInShop => "View in shop", "在商店中查看";
    ScreeningIntro => "Every new or edited listing is screened for counterfeit and IP risk before it goes live: low risk goes live at once, medium risk goes live and is reviewed, high risk waits for a reviewer.", "每項新增或修改的商品上架前都會經過仿冒與智慧財產權風險檢查：低風險立即上架，中風險上架並送審，高風險待審核後才上架。";
    RiskScore => "Risk score", "風險分數";
    RsCounterfeit => "Counterfeit wording", "疑似仿冒用語";
    RsPrice => "Price far below similar listings", "價格遠低於同類商品";
    RsBrand => "Protected brand without authorisation", "未獲授權使用受保護品牌";
    RsStrikes => "Shop has strikes", "商店有違規紀錄";
    RsReferenceImage => "Photo matches a brand owner's reference image", "照片與品牌方參考圖片相符";
    RsCopiedImage => "Photo matches another shop's photo", "照片與其他商店的照片相同";
    RsNewShop => "New shop, days open", "新開商店（開店天數）";
    ModQueue => "Moderation queue", "審核佇列";
    ModQueueIntro => "Listings screening held back or queued for a second look, oldest first.", "自動篩查暫停或送審的商品，依時間先後排列。";
    ModRisk => "Risk", "風險";
    ModRiskHold => "High: held", "高：暫停上架";
    ModRiskQueue => "Medium: live, queued", "中：已上架，待審";
    ModReasonKind => "Reason", "原因";
    ModBrand => "Brand", "品牌";
    ModAge => "Age", "時間";
    ModAgeDay => "Last 24 hours", "24 小時內";
    ModAgeWeek => "Last 7 days", "7 天內";
    ModAgeOlder => "Older than 7 days", "超過 7 天";
    ModAny => "Any", "全部";
    ModApplyFilters => "Apply filters", "套用篩選";
    ModNoCases => "Nothing waiting for review. 🎉", "目前沒有待審案件。🎉";
    ModScore => "Score", "分數";
    ModOpenCase => "Open case", "開啟案件";
    ModSelect => "Select", "選取";
    ModBulkTitle => "Decide the selected cases", "批次處理所選案件";
    ModBulkDone => "cases decided", "件已處理";
    ModAction => "Action", "處理方式";
    ModApprove => "Approve", "核准";
    ModReject => "Reject", "駁回";
    ModRequestChanges => "Request changes", "要求修改";
    ModGround => "Ground", "理由類別";
    ModChooseGround => "Choose a ground", "請選擇理由類別";
    GrCounterfeit => "Counterfeit goods", "仿冒商品";
    GrTrademark => "Trademark infringement", "侵害商標權";
    GrCopyright => "Copyright infringement", "侵害著作權";
    GrProhibited => "Prohibited item", "禁售商品";
    GrMisleading => "Misleading listing", "商品資訊不實";
    GrOther => "Other", "其他";
    ModStatementHint => "The seller sees this statement of reasons. Say what is wrong and what they can do (at least 10 characters).", "賣家會看到這段理由說明：請說明問題所在與可採取的做法（至少 10 個字）。";
    ModAllCases => "All cases", "所有案件";
    ModTheListing => "The listing", "商品內容";
    ModMatchedReasons => "Why it was flagged", "標記原因";
    ModImageMatches => "Matching photos", "相符的照片";
    ModThisListing => "This listing", "此商品";
    ModMatched => "Matched", "相符圖片";
    ModBitsApart => "bits apart", "位元差異";
    ModShopHistory => "Shop history", "商店紀錄";
    ModShopOpened => "Shop opened", "開店日期";
    ModActiveStrikes => "Active strikes", "有效違規次數";
    ModSanction => "Sanction", "處分";
    ModOpenCases => "Open cases", "待審案件";
    ModPastDecisions => "Past decisions", "過往決定";
    ModNoDecisions => "No decisions yet.", "尚無任何決定。";
    ModDecided => "Decided", "已決定";
    ModCaseStatus => "Case status", "案件狀態";
    ModStrike => "Strike", "違規記點";
    ScNone => "None", "無";
    ScWarning => "Warning", "警告";
    ScListingLimit => "Listing limit", "限制上架數量";
    ScSuspension => "Suspended", "停權";
    ScTermination => "Terminated", "終止合作";
    CsOpen => "Open", "待審";
    CsApproved => "Approved", "已核准";
    CsRejected => "Rejected", "已駁回";
    CsChangesRequested => "Changes requested", "待修改";
    SellerNotices => "Notices and decisions", "通知與審查結果";
    SellerNoticesIntro => "Decisions about your listings, with the reasons and what you can do next.", "與您的商品相關的審查決定、理由及後續可採取的行動。";
    NoNotices => "No decisions about your listings.", "您的商品目前沒有任何審查決定。";
    AppealUntil => "You can appeal until", "可於以下時間前提出申訴：";
    StatementLabel => "Statement of reasons", "理由說明";
    Publish => "Publish", "上架";
    Delist => "Delist", "下架";
    Duplicate => "Duplicate", "複製商品";
    PackingSlip => "Packing slip", "出貨單";
    RefundAmount => "Refund amount", "退款金額";
    IssueRefund => "Issue refund", "退款";
    ErrRefundAmount => "Enter an amount above zero and no more than what is left to refund.", "請輸入大於零且不超過可退金額的數字。";
    EventRefunded => "Refund issued", "已退款";
    Item => "Item", "品項";
    PrintHint => "Use your browser's Print command.", "請使用瀏覽器的列印功能。";
    Money => "Money", "帳務";
    Days => "days", "天";
    OrdersWord => "Orders", "訂單數";
    TodayOrders => "Orders today", "今日訂單";
    PendingReturns => "Returns to decide", "待處理退貨";
    UnreadNotifications => "Unread notifications", "未讀通知";
    SalesTrend => "Sales", "銷售趨勢";
    ConversionFunnel => "Conversion funnel", "轉換漏斗";
    FunnelViews => "Product views", "商品瀏覽";
    FunnelAdds => "Added to cart", "加入購物車";
    FunnelCheckouts => "Checkouts", "結帳";
    FunnelPaid => "Paid orders", "已付款訂單";
    TopProducts => "Top products", "熱銷商品";
    NothingYet => "Nothing yet.", "目前沒有資料。";
    ModerationNotices => "Moderation notices", "審核通知";
    ReviewsToAnswer => "Reviews needing a reply", "待回覆評價";
    Balance => "Balance", "餘額";
    Available => "Available", "可撥款";
    Pending => "Pending", "待入帳";
    PaidOut => "Paid out", "已撥款";
    CommissionPaid => "Commission", "平台佣金";
    PendingExplained => "Sales stay pending until the return window closes after delivery", "商品送達後退貨期結束前，銷售款項列為待入帳";
    NoLedger => "No money has moved yet.", "目前尚無帳務紀錄。";
    DownloadStatement => "Download statement (CSV)", "下載對帳單（CSV）";
    EntryType => "Type", "類型";
    BalanceColumn => "Balance", "帳戶";
    OrderColumn => "Order / note", "訂單／備註";
    AmountColumn => "Amount", "金額";
    LedgerSale => "Sale (less commission)", "銷售（扣除佣金）";
    LedgerRelease => "Return window closed", "退貨期結束";
    LedgerRefund => "Refund", "退款";
    LedgerPayout => "Payout", "撥款";
    LedgerAdjustment => "Adjustment", "調整";
    ErrStockBelowReserved => "A whole number, not below the units buyers have reserved.", "請輸入整數，且不少於買家已預留的數量。";
    SaveChanges => "Save changes", "儲存變更";
    BulkEdit => "Edit prices and stock", "批次修改價格與庫存";
    CsvTools => "CSV import and export", "CSV 匯入與匯出";
    CsvExport => "Export all listings (CSV)", "匯出所有商品（CSV）";
    CsvImport => "Import listings from CSV", "從 CSV 匯入商品";
    CsvMode => "If some rows have errors", "若部分資料列有錯誤";
    CsvModeAll => "Import nothing: fix the file and upload it again", "全部不匯入：修正檔案後重新上傳";
    CsvModeValid => "Import the valid rows and list the others", "只匯入正確的資料列，並列出錯誤的資料列";
    CsvColumns => "Columns (a blank id creates a new draft listing):", "欄位（id 空白時建立新的草稿商品）：";
    CsvRow => "Row", "列";
    CsvColumn => "Column", "欄位";
    CsvProblem => "Problem", "問題";
    ImportRunning => "Importing…", "匯入中…";
    ImportDone => "Import finished", "匯入完成";
    ImportRefused => "Nothing was imported: the file has rows with errors", "未匯入任何資料：檔案中有錯誤的資料列";
    ImportCreated => "new", "新增";
    ImportUpdated => "updated", "更新";
    ImportFailed => "with errors", "錯誤";
    ErrCsvTooLarge => "That file is too large (16 MB at most).", "檔案過大（最大 16 MB）。";
    ErrCsvTooManyRows => "That file has more than 20,000 rows.", "檔案超過 20,000 列。";
    ErrCsvHeader => "That is not a listings CSV: the first line must name the columns (title_en, category, price, stock…).", "這不是商品 CSV 檔：第一列必須是欄位名稱（title_en、category、price、stock…）。";
    PayoutAccount => "Payout account", "撥款帳戶";
    PayoutStripe => "Payouts go to your connected Stripe account.", "撥款將匯入您已連結的 Stripe 帳戶。";
    PayoutNotSet => "Add the bank account your payouts should go to.", "請新增接收撥款的銀行帳戶。";
    PayoutEdit => "Set bank details", "設定銀行資料";
    PayoutHolder => "Account holder", "戶名";
    PayoutBank => "Bank", "銀行名稱";
    PayoutBankCode => "Bank code or SWIFT/BIC", "銀行代碼或 SWIFT/BIC";
    PayoutNumber => "Account number or IBAN", "帳號或 IBAN";
    PlatformSettings => "Platform settings", "平台設定";
    PlatformSettingsIntro => "Commission rates, the documents sellers must provide, and payouts. Every change is recorded in the audit log.", "佣金費率、賣家須提供的文件與撥款。每項變更都會記錄於稽核紀錄。";
    CommissionRates => "Commission rates", "佣金費率";
    CommissionHint => "Charged on goods (not shipping), after promotions. A category's own rate overrides the default.", "依商品金額（不含運費、扣除優惠後）計算。分類費率優先於預設費率。";
    DefaultRate => "Default rate", "預設費率";
    BlankForDefault => "blank: use the default", "空白：使用預設費率";
    DocumentRequirements => "Documents sellers must provide", "賣家須提供的文件";
    AnyCountry => "Every country", "所有國家";
    AnyBusiness => "every business type", "所有商家類型";
    OnlyWithBrand => "only when claiming a brand", "僅於聲明品牌時";
    AddRequirement => "Add requirement", "新增規定";
    PayoutsDue => "Payouts due", "待撥款";
    PayoutReference => "Bank reference", "匯款參考編號";
    RecordPayout => "Record payout", "記錄撥款";
    Variants => "Variants", "商品規格";
    VariantsIntro => "Sizes, colours and the like: each variant has its own SKU, price and stock, and shares this listing's description and photos.", "尺寸、顏色等規格：每個規格有各自的貨號、價格與庫存，並沿用本商品的描述與照片。";
    OptionName => "Option", "規格名稱";
    ThisListingValue => "This listing", "本商品";
    NewVariantValue => "New variant", "新規格";
    AddVariant => "Add variant", "新增規格";
    VariantOf => "This is a variant of", "此為以下商品的規格：";
    TheListing => "the listing", "主商品";
    LsSoldOut => "Hidden: sold out", "已售完（隱藏）";
    SoldOutSetting => "When a listing sells out:", "商品售完時：";
    SoldOutMark => "keep it listed, marked sold out", "保留並標示售完";
    SoldOutHide => "hide it until restocked", "隱藏直到補貨";
    ConnectStripe => "Get paid through Stripe", "透過 Stripe 收款";
    StockHistory => "Stock history", "庫存紀錄";
    StockCreated => "Listed", "建立";
    StockEdited => "Edited", "編輯";
    StockImport => "CSV import", "CSV 匯入";
    StockBulk => "Bulk edit", "批次修改";
    ErrInvalidNumber => "Enter a whole number from 0.", "請輸入 0 以上的整數。";
    ErrWrongCurrency => "Prices must be in your shop's currency.", "價格必須使用商店的幣別。";
    ErrInvalidPrice => "Enter a price above zero (a compare-at price must be above the price).", "請輸入大於零的價格（原價須高於售價）。";
    ErrInvalidDate => "Enter a valid date and time (delisting after publishing).", "請輸入有效的日期時間（下架時間須晚於上架時間）。";
    ErrAlreadyDecided => "This was already decided (perhaps by someone else just now). Reload to see the outcome.", "此案件已有決定（可能剛由他人處理），請重新整理查看結果。";
    ErrWindowClosed => "The time allowed for this has passed.", "已超過可辦理的期限。";
    ErrNotAllowed => "You cannot do this for your own listing or review.", "不能對自己的商品或評價執行此操作。";
    ErrTooShort => "Please write a little more (at least 10 characters).", "請再多寫一些（至少 10 個字）。";
    ErrAlreadyDone => "You have already done this.", "您已經做過這個操作了。";
    ErrNotDelivered => "You can review this once the order has been delivered.", "訂單送達後才能評價。";
    Line => "Line", "第";
    NsReceived => "Received, awaiting review", "已收到，待審核";
    NsValidated => "Validated", "已確認";
    NsTakenDown => "Taken down, counter-notice window open", "已下架，可提出反通知";
    NsForwarded => "Counter-notice forwarded to the rights owner", "反通知已轉交權利人";
    NsReinstated => "Reinstated", "已恢復上架";
    NsUpheld => "Takedown upheld", "下架維持";
    NsRejected => "Notice rejected as unfounded", "通知不成立";
    NsClosed => "Closed", "已結案";
    NkTrademark => "Trademark", "商標";
    NkCopyright => "Copyright", "著作權";
    NkCounterfeit => "Counterfeit", "仿冒";
    NkDesign => "Design", "設計";
    RoTitle => "Rights owners", "權利人專區";
    RoIntro => "Protect your brand: register with proof of your rights, then report listings that infringe them.", "保護您的品牌：提交權利證明完成登記後，即可檢舉侵權商品。";
    RoRegister => "Register as a rights owner", "登記為權利人";
    RoRegisterIntro => "A moderator checks your registration before you can file notices.", "審核人員確認您的登記後，即可提出侵權通知。";
    RoName => "Company or owner name", "公司或權利人名稱";
    RoBrand => "Brand", "品牌";
    RoRegistration => "Trademark registration number", "商標註冊號";
    RoJurisdiction => "Jurisdiction", "註冊地區";
    RoEvidence => "Proof (registration details, links to official records)", "權利證明（註冊資料、官方紀錄連結）";
    RoSubmit => "Submit for verification", "送出審核";
    RoPending => "Waiting for verification", "等待審核";
    RoVerified => "Verified", "已驗證";
    RoRejected => "Not verified", "未通過驗證";
    RoUpheldShare => "Notices upheld:", "成立的通知：";
    RoVerify => "Verify", "驗證通過";
    RoPendingOwners => "Rights owners to verify", "待驗證的權利人";
    NoFile => "File an infringement notice", "提出侵權通知";
    NoticeListings => "Listings (one link or id per line)", "商品（每行一個連結或編號）";
    NoticeListingsHint => "Up to 50 listings of one kind of infringement per notice.", "每則通知最多 50 件同類侵權商品。";
    NoKind => "Type of infringement", "侵權類型";
    NoEvidence => "Evidence", "證據說明";
    NoGoodFaith => "I declare in good faith that this use is not authorised by the rights owner, its agent or the law, and that this notice is accurate.", "本人善意聲明：上述使用未經權利人、其代理人或法律授權，且本通知內容屬實。";
    NoSubmit => "File notice", "送出通知";
    NoMine => "Your notices", "您的通知";
    NoNone => "Nothing here.", "目前沒有資料。";
    NoFastTrack => "Fast-tracked", "快速處理";
    NoDeadline => "Until", "期限";
    NoCounterNotice => "Counter-notice", "反通知";
    NoCounterHint => "Explain why the listing does not infringe (e.g. authorised reseller, genuine goods with invoices). It is forwarded to the rights owner.", "請說明商品未侵權的理由（例如授權經銷、附發票的正品），內容將轉交權利人。";
    NoCounterGoodFaith => "I declare in good faith that the listing was removed by mistake or misidentification.", "本人善意聲明：此商品係因錯誤或誤認而遭移除。";
    NoFileCounter => "File counter-notice", "提出反通知";
    NoLegalAction => "Legal action taken (court, case number)", "已提起的法律行動（法院、案號）";
    NoLegalActionSubmit => "Show legal action", "提出訴訟證明";
    NoAdminTitle => "Rights notices", "侵權通知";
    NoAdminIntro => "Verify rights owners, then validate their notices (the listings come down and sellers may answer) or reject unfounded ones with reasons.", "驗證權利人，並審核其通知：成立則下架商品並通知賣家，不成立則附理由駁回。";
    NoToValidate => "Notices to review", "待審核的通知";
    NoRecent => "Recent notices", "近期通知";
    NoValidate => "Validate and take down", "確認並下架";
    NoRejectUnfounded => "Reject as unfounded", "駁回（不成立）";
    NoFlaggedNotifier => "This notifier has many unfounded notices.", "此通知人有多次不成立的通知紀錄。";
    TrTitle => "Transparency report", "透明度報告";
    TrIntro => "How we act on rights owners' notices and on listings our screening flags, month by month (UTC). Every decision has a statement of reasons the seller can read and appeal.", "我們如何處理權利人通知與自動篩查標記的商品（按月，UTC）。每項決定都附有賣家可閱讀並申訴的理由說明。";
    TrChartTitle => "Notices received, listings taken down and reinstated per month", "每月收到的通知、下架與恢復上架數量";
    TrMonth => "Month", "月份";
    TrReceived => "Notices received", "收到的通知";
    TrTakenDown => "Taken down", "下架";
    TrRejected => "Rejected as unfounded", "不成立";
    TrCounter => "Counter-notices", "反通知";
    TrReinstated => "Reinstated", "恢復上架";
    TrUpheld => "Upheld", "下架維持";
    TrMedian => "Median time to action", "處理時間中位數";
    TrListingsRejected => "Screened listings rejected", "篩查後駁回的商品";
    TrStrikes => "Strikes", "違規記點";
    ApAppeal => "Appeal this decision", "對此決定提出申訴";
    ApText => "Why the decision should change", "應改變決定的理由";
    ApSubmit => "Send appeal", "送出申訴";
    ApPending => "Appeal under review", "申訴審核中";
    ApGranted => "Appeal granted", "申訴成立";
    ApDenied => "Appeal denied", "申訴駁回";
    ApTitle => "Appeals to decide", "待處理的申訴";
    ApGrant => "Grant", "申訴成立";
    ApDeny => "Deny", "駁回申訴";
    ApOwnDecision => "You made this decision: another moderator must decide the appeal.", "此決定由您作出，須由其他審核人員處理申訴。";
    ModDecisionsHeading => "Moderation decisions", "審查決定";
    PsTitle => "Moderation policy", "審核政策";
    PsIntro => "Screening score bands, notice deadlines (working days), strikes, appeals and notifier reputation.", "篩查分數門檻、通知期限（工作天）、違規記點、申訴與通知人信譽。";
    PsQueueFrom => "Queue for review from score", "送審分數門檻";
    PsHoldFrom => "Hold from score", "暫停上架分數門檻";
    PsSellerDays => "Counter-notice window (working days)", "反通知期限（工作天）";
    PsReinstateDays => "Wait for legal action (working days)", "等待訴訟證明期限（工作天）";
    PsWarningAt => "Warning at strikes", "警告（記點數）";
    PsLimitAt => "Listing limit at strikes", "限制上架（記點數）";
    PsSuspendAt => "Suspension at strikes", "停權（記點數）";
    PsTerminateAt => "Termination at strikes", "終止合作（記點數）";
    PsExpiryDays => "Strikes expire after (days)", "記點有效天數";
    PsListingLimit => "Live listings under a listing limit", "限制上架時的商品上限";
    PsAppealDays => "Appeal window (days)", "申訴期限（天）";
    PsReviewWindow => "Review window after delivery (days)", "送達後可評價期限（天）";
    PsReferralWindow => "Referral link attribution window (days)", "分享連結歸因期限（天）";
    PsReferralVelocity => "Most sharing rewards per sharer per day", "每位分享者每日獎勵上限";
    PsTrustedMin => "Decided notices before trust or flag", "判定信譽所需的通知數";
    PsTrustedPercent => "Trusted from upheld %", "可信通知人成立比例 %";
    PsFlaggedPercent => "Flagged from unfounded %", "標記通知人不成立比例 %";
    ErrListingLimit => "Your shop is under a listing limit: delist another listing first.", "您的商店目前受上架數量限制，請先下架其他商品。";
    RoReferencesIntro => "Official photos of your products. Listings of other shops whose photos match them are held for review. JPEG, PNG or WebP, up to 5 MB each, 20 at a time.", "貴品牌商品的官方照片。其他商店的商品照片若與之相符，將暫停上架並送審。JPEG、PNG 或 WebP，每張 5 MB 以內，每次最多 20 張。";
    RoReferencesAdded => "Reference images added.", "已新增參考圖片。";
    RoUpload => "Upload", "上傳";
    RoYourBrand => "Your brand", "您的品牌";
    RoBrandIntro => "Screening flags listings that use these names in shops you have not authorised.", "自動篩查會標記未經您授權的商店使用這些名稱的商品。";
    RoTerms => "Other names, translations and common misspellings (one per line)", "其他名稱、譯名與常見錯字（每行一個）";
    RoAuthorised => "Shops authorised to sell it (shop address, one per line)", "授權販售的商店（商店網址代稱，每行一個）";
    RoReferences => "Reference images on file", "已登錄的參考圖片";
    RpTitle => "Report this listing", "檢舉此商品";
    RpWhy => "What is wrong?", "有什麼問題？";
    RpCounterfeit => "Counterfeit", "仿冒品";
    RpIp => "Infringes intellectual property", "侵害智慧財產權";
    RpProhibited => "Prohibited item", "禁售商品";
    RpOther => "Something else", "其他";
    RpDetails => "Details (required for “something else”)", "詳細說明（選擇「其他」時必填）";
    RpSubmit => "Send report", "送出檢舉";
    RpThanks => "Thank you. Our moderators will look at this listing.", "感謝您的檢舉，審核人員將檢視此商品。";
    RpLogIn => "Log in to report a listing.", "請登入後再檢舉。";
    RpOpen => "Reports from shoppers", "消費者檢舉";
    RpCount => "open reports on this listing", "則未處理檢舉";
    RpHold => "Hold for review", "暫停並審核";
    RpDismiss => "Dismiss", "不予處理";
    RightsOwnersLink => "Report IP infringement", "檢舉侵權";
    ErrSameModerator => "An appeal must be decided by a different moderator than the original decision.", "申訴須由原決定以外的審核人員處理。";
    // Reviews
    RvHeading => "Customer reviews", "顧客評價";
    RvNone => "No reviews yet. Reviews come from verified buyers after delivery.", "尚無評價。評價來自商品送達後的已驗證買家。";
    RvNoneMatch => "No reviews match these filters.", "沒有符合篩選條件的評價。";
    RvDistribution => "Rating distribution", "評分分布";
    RvFilters => "Filter reviews", "篩選評價";
    RvAll => "All", "全部";
    RvWithPhotos => "With photos", "附照片";
    RvSort => "Sort", "排序";
    RvNewest => "Newest", "最新";
    RvMostHelpful => "Most helpful", "最有幫助";
    RvLowest => "Lowest rating", "評分最低";
    RvMore => "More reviews", "更多評價";
    RvStars => "stars", "顆星";
    RvVerified => "Verified purchase", "已驗證購買";
    RvEdited => "Edited", "已編輯";
    RvQuality => "Quality", "品質";
    RvDescribed => "As described", "與描述相符";
    RvShipping => "Shipping", "物流";
    RvPhotos => "Review photos", "評價照片";
    RvPhotoAlt => "Photo from the reviewer", "買家上傳的照片";
    RvSellerReply => "Seller's reply", "賣家回覆";
    RvHelpful => "Helpful", "有幫助";
    RvVoted => "Marked helpful", "已標記有幫助";
    RvFoundHelpful => "found this helpful", "人覺得有幫助";
    RvLogInToVote => "Log in to vote", "登入後即可投票";
    RvReport => "Report review", "檢舉評價";
    RvRpAbusive => "Abusive or hateful", "辱罵或仇恨言論";
    RvRpSpam => "Spam or advertising", "垃圾訊息或廣告";
    RvRpOffTopic => "Not about the product", "與商品無關";
    RvRpFake => "Looks fake", "疑似假評價";
    RvYourReviews => "Your reviews", "您的評價";
    RvWrite => "Write a review", "撰寫評價";
    RvUntil => "until", "截止於";
    RvEdit => "Edit review", "編輯評價";
    RvEditHeading => "Edit your review", "編輯您的評價";
    RvSeeOnProduct => "See on product page", "在商品頁查看";
    RvWindowClosed => "The time to review this item has passed.", "此商品的評價期限已過。";
    RvAfterDelivery => "You can review this after delivery.", "商品送達後即可評價。";
    RvOwnProduct => "You cannot review your own shop's products.", "不能評價自己商店的商品。";
    RvPublished => "Published", "已發布";
    RvHeld => "Being checked by our team", "審核中";
    RvRemoved => "Removed", "已移除";
    RvBackToOrder => "Back to the order", "返回訂單";
    RvEditKeepsHistory => "Editing keeps your earlier version on record.", "編輯後仍會保留先前的版本紀錄。";
    RvEarlierVersions => "earlier versions", "個先前版本";
    RvYourRating => "Your rating", "您的評分";
    RvTitle => "Title (optional)", "標題（選填）";
    RvBody => "Your review", "評價內容";
    RvBodyHint => "What did you like or dislike? English or Chinese, at least 10 characters.", "您喜歡或不喜歡哪些地方？中英文皆可，至少 10 個字。";
    RvAspects => "Rate the details (optional)", "細項評分（選填）";
    RvAddPhotos => "Photos (optional)", "照片（選填）";
    RvPhotosHint => "Up to 4 JPEG, PNG or WebP photos, 8 MB each. New photos replace earlier ones.", "最多 4 張 JPEG、PNG 或 WebP 照片，每張 8 MB 以內。上傳新照片會取代原有照片。";
    RvGuidelines => "Reviews with links, phone numbers or abusive words are checked by our team before they appear.", "含連結、電話號碼或不當用語的評價，會先經平台審核才會顯示。";
    RvSubmit => "Publish review", "發布評價";
    RvSellerHeading => "Reviews", "評價管理";
    RvSellerIntro => "Reply publicly to your buyers' reviews. One reply per review; you can edit it.", "公開回覆買家的評價。每則評價可回覆一次，並可再編輯。";
    RvGuideTitle => "How to answer a negative review", "如何回覆負面評價";
    RvGuide1 => "Thank the buyer and apologise for the experience, without arguing.", "先感謝買家並為不好的體驗致歉，不要爭辯。";
    RvGuide2 => "Say what happened and what you have changed, briefly and factually.", "簡短、具體說明發生的原因與您的改善做法。";
    RvGuide3 => "Offer a concrete remedy (return, replacement, refund) through the order page.", "透過訂單頁面提供具體的補救方式（退貨、換貨或退款）。";
    RvGuide4 => "Never share personal data or ask the buyer to change the review.", "切勿公開個人資料，也不要要求買家修改評價。";
    RvNeedsReply => "Needs reply", "待回覆";
    RvNegative => "Negative", "負評";
    RvShopRating => "Shop rating", "商店評分";
    RvNoSellerReviews => "No reviews here yet.", "目前沒有評價。";
    RvYourReply => "Your public reply", "您的公開回覆";
    RvReply => "Reply publicly", "公開回覆";
    RvEditReply => "Edit your reply", "編輯回覆";
    RvTemplates => "Templates", "回覆範本";
    RvTplSorryLabel => "Apology", "致歉";
    RvTplSorry => "Thank you for your honest review, and we are sorry the item did not meet your expectations. We would like to make it right: please contact us from your order page and we will arrange a return or replacement.", "感謝您誠實的評價，很抱歉商品未達到您的期待。我們希望能彌補：請從訂單頁面與我們聯繫，我們將為您安排退貨或換貨。";
    RvTplShippingLabel => "Late delivery", "配送延遲";
    RvTplShipping => "We are sorry your parcel took longer than promised. We have raised it with our carrier and now ship from a closer warehouse. Thank you for your patience.", "很抱歉包裹比預期晚送達。我們已向物流業者反映，並改由較近的倉庫出貨。感謝您的耐心。";
    RvTplDefectLabel => "Defect", "商品瑕疵";
    RvTplDefect => "Thank you for telling us about the defect, and we apologise. Every item is now checked before packing. Please request a return from your order page and we will refund or replace it at no cost.", "謝謝您告知商品瑕疵，我們深感抱歉。現在每件商品出貨前都會再檢查。請從訂單頁面申請退貨，我們將免費為您退款或換貨。";
    RvPublishReply => "Publish reply", "發布回覆";
    RvModHeading => "Reviews to check", "待審核評價";
    RvModNone => "No held or reported reviews.", "沒有待審核或被檢舉的評價。";
    RvModReason => "Reason (required to remove; sent to the author)", "理由（移除時必填，將通知作者）";
    RvModKeep => "Publish / keep", "發布／保留";
    RvModRemove => "Remove", "移除";
    RvModDone => "Decided.", "已處理。";
    RvReported => "Reported", "被檢舉";
    RvFlagProfanity => "Profanity", "不當用語";
    RvFlagLink => "Link or contact", "連結或聯絡方式";
    RvFlagPhone => "Phone number", "電話號碼";
    RvFlagDuplicate => "Same text as another account", "與其他帳號內容相同";
    RvFlagLinked => "Linked accounts (device or card)", "關聯帳號（裝置或付款卡）";
    RvFlagBurst => "Burst of reviews", "短時間大量評價";
    SellerReviewsNav => "Reviews", "評價";
    FxTitle => "Exchange rates", "匯率";
    FxIntro => "Every converted price on the site uses these rates from the US dollar. Shoppers see converted prices as approximate; they are charged in the seller's currency.", "網站上所有換算價格都使用以下以美元為基準的匯率。買家看到的換算價格僅供參考，實際以賣家幣別收費。";
    FxTableCaption => "Units of each currency per US$1", "每 1 美元可兌換的各幣別金額";
    FxRatePerUsd => "Rate (per US$1)", "匯率（每 1 美元）";
    FxRateHint => "A positive decimal, e.g. 32.15", "正的小數，例如 32.15";
    FxSource => "Source", "來源";
    FxAsOf => "As of", "匯率時間";
    FxRounding => "Rounding", "進位方式";
    FxHalfUp => "Half up", "四捨五入";
    FxHalfEven => "Half to even (banker's)", "四捨六入五成雙（銀行家捨入）";
    FxStale => "Stale", "已過期";
    FxMissing => "No rate", "無匯率";
    FxHours => "h", "小時";
    FxStaleBanner => "rates are stale or missing", "個匯率已過期或缺少";
    FxOlderThan => "older than", "超過";
    FxSetRate => "Set a rate by hand", "手動設定匯率";
    FxSetRateNote => "Replaces the currency's rate now and records who set it.", "立即取代該幣別的匯率，並記錄設定者。";
    FxSave => "Save", "儲存";
    FxImportTitle => "Import ECB reference rates", "匯入歐洲央行參考匯率";
    FxImportNote => "Upload the European Central Bank's daily XML file (eurofxref-daily.xml). Rates are converted to US-dollar rates; currencies the ECB does not publish (TWD, KWD) keep their current rate. A malformed file is refused with the line at fault and nothing is imported.", "上傳歐洲央行每日 XML 檔（eurofxref-daily.xml）。匯率會換算為以美元為基準；歐洲央行未公布的幣別（新臺幣、科威特第納爾）維持現有匯率。格式錯誤的檔案會被拒絕並標示錯誤行號，不會匯入任何資料。";
    FxImportFile => "ECB XML file", "歐洲央行 XML 檔";
    FxImportButton => "Import file", "匯入檔案";
    FxImportSample => "Import the bundled sample", "匯入內附範例檔";
    FxImported => "Imported rates:", "已匯入匯率：";
    FxImportRefused => "The file was not imported, nothing changed.", "檔案未匯入，資料未變更。";
    FxStaleHours => "Flag rates older than (hours)", "匯率超過幾小時標示為過期";
    FxHistory => "Recent changes", "最近變更";
    ErrInvalidRate => "Enter a rate above zero as a decimal, such as 32.15.", "請輸入大於 0 的小數匯率，例如 32.15。";
    ErrUnknownCurrency => "Unknown currency code: choose one of the listed currencies.", "未知的幣別代碼：請從清單中選擇幣別。";
    ApproxNote => "Converted at today's rate for reference only.", "依今日匯率換算，僅供參考。";
    ChargedNote => "You pay in the seller's currency; your card issuer may convert it at its own rate.", "您將以賣家的幣別付款；發卡機構可能以其匯率換算。";
    ShTitle => "Shipping and delivery", "配送與運費";
    ShIntro => "Choose the countries your shop ships to. Each zone has its own rate and delivery time; shoppers elsewhere are told your products don't ship to them.", "選擇商店配送的國家／地區。每個配送區域都有各自的運費與配送時間；其他地區的買家會看到商品無法配送給他們。";
    ShZones => "Shipping zones", "配送區域";
    ShZone => "Zone", "配送區域";
    ShShipsTo => "Ships to", "配送至";
    ShRate => "Rate", "運費";
    ShFreeOver => "Free over (optional)", "滿額免運（選填）";
    ShFreeOverShort => "Free over", "滿額免運";
    ShDays => "Delivery time", "配送時間";
    ShDaysUnit => "days", "天";
    ShDaysMin => "Fastest (days)", "最快（天）";
    ShDaysMax => "Slowest (days)", "最慢（天）";
    ShNameEn => "Name (English)", "名稱（英文）";
    ShNameZh => "Name (Chinese)", "名稱（中文）";
    ShNewZone => "Add a shipping zone", "新增配送區域";
    ShSaveZone => "Save zone", "儲存配送區域";
    ShRemove => "Remove", "移除";
    ShNoZones => "No shipping zones yet: add one so shoppers can buy from you.", "尚未設定配送區域：請新增，買家才能購買。";
    ShShipsFrom => "Ships from", "出貨地";
    ShShopShipsTo => "Your shop ships to", "您的商店配送至";
    ShNowhere => "nowhere yet", "尚無";
    ShRateNote => "In your shop's currency.", "以商店幣別計價。";
    ShDeliverTo => "Deliver to", "配送至";
    ShChange => "Change", "變更";
    ShShipsHere => "Ships to", "可配送至";
    ShEta => "Estimated delivery", "預計送達";
    ShShippingFrom => "Shipping from", "運費";
    ShDuties => "Import duties and taxes may be charged on delivery; they are not included in the price.", "收件時可能需要支付進口關稅與稅費，價格未包含這些費用。";
    ShNotShipped => "This shop doesn't ship to", "此商店不配送至";
    ShNotShippedHint => "You can still browse; choose another country if the order is for someone elsewhere.", "您仍可瀏覽；若要寄給其他地區的收件人，請選擇其他國家／地區。";
    ErrCannotShip => "Some items can't be shipped to the chosen address. Remove them or choose another address; nothing was charged.", "部分商品無法配送至您選擇的地址。請移除這些商品或改選其他地址；您尚未被收費。";
    ShCannotShipTo => "Not shipped to", "無法配送至";
    SellerShippingNav => "Shipping", "配送";
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
        FieldErrorCode::InvalidPhone => K::ErrInvalidPhone,
        FieldErrorCode::InvalidChoice => K::ErrInvalidChoice,
        FieldErrorCode::FileTooLarge => K::ErrFileTooLarge,
        FieldErrorCode::NotAnImage => K::ErrNotAnImage,
        FieldErrorCode::TooMany => K::ErrTooManyPhotos,
        FieldErrorCode::SlugTaken => K::ErrSlugTaken,
        FieldErrorCode::InvalidSlug => K::ErrInvalidSlug,
        FieldErrorCode::NotADocument => K::ErrNotADocument,
        FieldErrorCode::MissingDocument => K::ErrMissingDocument,
        FieldErrorCode::InvalidNumber => K::ErrInvalidNumber,
        FieldErrorCode::WrongCurrency => K::ErrWrongCurrency,
        FieldErrorCode::UnknownCurrency => K::ErrUnknownCurrency,
        FieldErrorCode::InvalidRate => K::ErrInvalidRate,
        FieldErrorCode::InvalidPrice => K::ErrInvalidPrice,
        FieldErrorCode::InvalidDate => K::ErrInvalidDate,
        FieldErrorCode::AlreadyDecided => K::ErrAlreadyDecided,
        FieldErrorCode::WindowClosed => K::ErrWindowClosed,
        FieldErrorCode::SameModerator => K::ErrSameModerator,
        FieldErrorCode::NotAllowed => K::ErrNotAllowed,
        FieldErrorCode::TooShort => K::ErrTooShort,
        FieldErrorCode::AlreadyDone => K::ErrAlreadyDone,
        FieldErrorCode::NotDelivered => K::ErrNotDelivered,
    }
}

/// The message for a field error code stored as text (`{:?}` of `FieldErrorCode`).
pub fn field_code_key(code: &str) -> K {
    use FieldErrorCode as C;
    let all = [
        C::Required,
        C::InvalidEmail,
        C::EmailTaken,
        C::PasswordTooShort,
        C::PasswordTooLong,
        C::PasswordTooCommon,
        C::TooLong,
        C::InvalidPhone,
        C::InvalidChoice,
        C::FileTooLarge,
        C::NotAnImage,
        C::TooMany,
        C::SlugTaken,
        C::InvalidSlug,
        C::NotADocument,
        C::MissingDocument,
        C::InvalidNumber,
        C::WrongCurrency,
        C::UnknownCurrency,
        C::InvalidRate,
        C::InvalidPrice,
        C::InvalidDate,
        C::AlreadyDecided,
        C::WindowClosed,
        C::SameModerator,
        C::NotAllowed,
        C::TooShort,
        C::AlreadyDone,
        C::NotDelivered,
    ];
    all.into_iter()
        .find(|c| format!("{c:?}") == code)
        .map(field_error_key)
        .unwrap_or(K::ErrInvalidChoice)
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
        AppError::Order(e) => match e {
            OrderError::EmptyCart => K::ErrEmptyCart,
            OrderError::PricesChanged => K::ErrPricesChanged,
            OrderError::OutOfStock { .. } => K::ErrNotEnoughStock,
            OrderError::ShippingMissing => K::ErrShippingMissing,
            OrderError::WrongState => K::ErrOrderState,
            OrderError::ReturnExists => K::ErrReturnExists,
            OrderError::ReturnWindowClosed => K::ErrReturnWindowClosed,
            OrderError::MixedCurrencies => K::ErrMixedCurrencies,
            OrderError::CreditChanged => K::ErrCreditChanged,
            OrderError::CannotShip { .. } => K::ErrCannotShip,
        },
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
