//! The demo marketplace's fixed content: category tree, shops, product vocabulary.

/// (slug, English, 繁體中文, parent slug)
pub const CATEGORIES: &[(&str, &str, &str, Option<&str>)] = &[
    ("electronics", "Electronics", "電子產品", None),
    ("audio", "Audio", "影音設備", Some("electronics")),
    ("headphones", "Headphones", "耳機", Some("audio")),
    ("speakers", "Speakers", "喇叭", Some("audio")),
    (
        "phone-accessories",
        "Phone accessories",
        "手機配件",
        Some("electronics"),
    ),
    (
        "phone-cases",
        "Phone cases",
        "手機殼",
        Some("phone-accessories"),
    ),
    (
        "chargers",
        "Chargers & cables",
        "充電器與線材",
        Some("phone-accessories"),
    ),
    (
        "computer-accessories",
        "Computer accessories",
        "電腦周邊",
        Some("electronics"),
    ),
    (
        "keyboards",
        "Keyboards",
        "鍵盤",
        Some("computer-accessories"),
    ),
    ("mice", "Mice", "滑鼠", Some("computer-accessories")),
    ("home", "Home & living", "居家生活", None),
    ("kitchen", "Kitchen", "廚房用品", Some("home")),
    ("cookware", "Cookware", "鍋具", Some("kitchen")),
    ("tableware", "Tableware", "餐具", Some("kitchen")),
    ("bedding", "Bedding", "寢具", Some("home")),
    ("pillows", "Pillows", "枕頭", Some("bedding")),
    ("duvets", "Duvets", "棉被", Some("bedding")),
    ("fashion", "Fashion", "時尚服飾", None),
    ("womens", "Women", "女裝", Some("fashion")),
    ("dresses", "Dresses", "洋裝", Some("womens")),
    ("tops", "Tops", "上衣", Some("womens")),
    ("mens", "Men", "男裝", Some("fashion")),
    ("shirts", "Shirts", "襯衫", Some("mens")),
    ("jackets", "Jackets", "外套", Some("mens")),
    ("bags", "Bags", "包包", Some("fashion")),
    ("backpacks", "Backpacks", "後背包", Some("bags")),
    ("totes", "Tote bags", "托特包", Some("bags")),
    ("beauty", "Beauty", "美妝保養", None),
    ("skincare", "Skincare", "臉部保養", Some("beauty")),
    ("serums", "Serums", "精華液", Some("skincare")),
    ("face-masks", "Face masks", "面膜", Some("skincare")),
    ("bath-body", "Bath & body", "沐浴身體", Some("beauty")),
    ("soaps", "Soaps", "手工皂", Some("bath-body")),
    ("body-lotion", "Body lotion", "身體乳", Some("bath-body")),
    ("food", "Food & drink", "美食飲品", None),
    ("tea", "Tea", "茶葉", Some("food")),
    ("oolong-tea", "Oolong tea", "烏龍茶", Some("tea")),
    ("black-tea", "Black tea", "紅茶", Some("tea")),
    ("snacks", "Snacks", "零食點心", Some("food")),
    (
        "pineapple-cakes",
        "Pineapple cakes",
        "鳳梨酥",
        Some("snacks"),
    ),
    ("dried-fruit", "Dried fruit", "果乾", Some("snacks")),
    ("stationery", "Books & stationery", "書籍文具", None),
    ("paper", "Paper goods", "紙品", Some("stationery")),
    ("notebooks", "Notebooks", "筆記本", Some("paper")),
    ("letter-sets", "Letter sets", "信紙組", Some("paper")),
    ("writing", "Writing tools", "書寫工具", Some("stationery")),
    ("fountain-pens", "Fountain pens", "鋼筆", Some("writing")),
    ("brush-pens", "Brush pens", "毛筆", Some("writing")),
];

/// English and Chinese words for one kind of product.
pub type Vocabulary = &'static [(&'static str, &'static str)];
/// (leaf slug, nouns, price range in TWD)
pub type LeafSeed = (&'static str, Vocabulary, (i64, i64));

pub const LEAVES: &[LeafSeed] = &[
    (
        "headphones",
        &[
            ("Bluetooth Earbuds", "藍牙耳機"),
            ("Over-Ear Headphones", "耳罩式耳機"),
            ("Noise-Cancelling Earphones", "降噪耳機"),
        ],
        (690, 8900),
    ),
    (
        "speakers",
        &[
            ("Portable Speaker", "攜帶式喇叭"),
            ("Bookshelf Speakers", "書架喇叭"),
            ("Smart Speaker", "智慧音箱"),
        ],
        (890, 12000),
    ),
    (
        "phone-cases",
        &[
            ("Shockproof Phone Case", "防摔手機殼"),
            ("Leather Phone Case", "皮革手機殼"),
            ("Clear Phone Case", "透明手機殼"),
        ],
        (290, 1490),
    ),
    (
        "chargers",
        &[
            ("GaN Fast Charger", "氮化鎵快充頭"),
            ("Braided USB-C Cable", "編織 USB-C 線"),
            ("Wireless Charging Pad", "無線充電板"),
        ],
        (250, 1990),
    ),
    (
        "keyboards",
        &[
            ("Mechanical Keyboard", "機械式鍵盤"),
            ("Low-Profile Keyboard", "薄型鍵盤"),
            ("Zhuyin Keycap Set", "注音鍵帽組"),
        ],
        (990, 6900),
    ),
    (
        "mice",
        &[
            ("Wireless Mouse", "無線滑鼠"),
            ("Vertical Ergonomic Mouse", "垂直人體工學滑鼠"),
            ("Silent Click Mouse", "靜音滑鼠"),
        ],
        (390, 3200),
    ),
    (
        "cookware",
        &[
            ("Cast Iron Skillet", "鑄鐵平底鍋"),
            ("Stainless Steel Wok", "不鏽鋼炒鍋"),
            ("Ceramic Rice Cooker Pot", "陶瓷飯鍋內鍋"),
        ],
        (890, 5600),
    ),
    (
        "tableware",
        &[
            ("Celadon Rice Bowl Set", "青瓷飯碗組"),
            ("Wooden Chopsticks Set", "木筷組"),
            ("Hand-Thrown Tea Cup", "手拉坯茶杯"),
        ],
        (280, 2400),
    ),
    (
        "pillows",
        &[
            ("Memory Foam Pillow", "記憶枕"),
            ("Buckwheat Pillow", "蕎麥枕"),
            ("Latex Pillow", "乳膠枕"),
        ],
        (690, 3600),
    ),
    (
        "duvets",
        &[
            ("Silk Duvet", "蠶絲被"),
            ("Summer Cooling Quilt", "涼感夏被"),
            ("Down Duvet", "羽絨被"),
        ],
        (1490, 12800),
    ),
    (
        "dresses",
        &[
            ("Linen Midi Dress", "亞麻中長洋裝"),
            ("Qipao-Inspired Dress", "改良式旗袍洋裝"),
            ("Pleated Dress", "百褶洋裝"),
        ],
        (990, 4800),
    ),
    (
        "tops",
        &[
            ("Cotton Blouse", "棉質襯衫上衣"),
            ("Knit Cardigan", "針織開襟衫"),
            ("Oversized Tee", "寬版T恤"),
        ],
        (390, 2200),
    ),
    (
        "shirts",
        &[
            ("Oxford Shirt", "牛津襯衫"),
            ("Linen Shirt", "亞麻襯衫"),
            ("Flannel Shirt", "法蘭絨襯衫"),
        ],
        (790, 2800),
    ),
    (
        "jackets",
        &[
            ("Waterproof Shell Jacket", "防水外套"),
            ("Denim Jacket", "牛仔外套"),
            ("Light Down Jacket", "輕羽絨外套"),
        ],
        (1490, 7800),
    ),
    (
        "backpacks",
        &[
            ("Commuter Backpack", "通勤後背包"),
            ("Hiking Daypack", "登山背包"),
            ("Laptop Backpack", "筆電後背包"),
        ],
        (990, 4600),
    ),
    (
        "totes",
        &[
            ("Canvas Tote Bag", "帆布托特包"),
            ("Leather Tote", "皮革托特包"),
            ("Foldable Shopping Bag", "摺疊購物袋"),
        ],
        (290, 3800),
    ),
    (
        "serums",
        &[
            ("Vitamin C Serum", "維他命C精華液"),
            ("Hyaluronic Acid Serum", "玻尿酸精華"),
            ("Niacinamide Serum", "菸鹼醯胺精華"),
        ],
        (590, 2800),
    ),
    (
        "face-masks",
        &[
            ("Sheet Mask Set", "面膜組"),
            ("Clay Mask", "泥膜"),
            ("Overnight Sleeping Mask", "晚安凍膜"),
        ],
        (299, 1200),
    ),
    (
        "soaps",
        &[
            ("Camellia Oil Soap", "苦茶油手工皂"),
            ("Tea Tree Soap", "茶樹手工皂"),
            ("Charcoal Soap", "竹炭手工皂"),
        ],
        (180, 680),
    ),
    (
        "body-lotion",
        &[
            ("Osmanthus Body Lotion", "桂花身體乳"),
            ("Shea Body Butter", "乳油木果身體霜"),
            ("Rose Body Lotion", "玫瑰身體乳"),
        ],
        (350, 1500),
    ),
    (
        "oolong-tea",
        &[
            ("Alishan High Mountain Oolong", "阿里山高山烏龍茶"),
            ("Dong Ding Oolong", "凍頂烏龍茶"),
            ("Oriental Beauty Tea", "東方美人茶"),
        ],
        (450, 3800),
    ),
    (
        "black-tea",
        &[
            ("Sun Moon Lake Ruby Black Tea", "日月潭紅玉紅茶"),
            ("Assam Black Tea", "阿薩姆紅茶"),
            ("Honey Black Tea", "蜜香紅茶"),
        ],
        (350, 2400),
    ),
    (
        "pineapple-cakes",
        &[
            ("Pineapple Cake Gift Box", "鳳梨酥禮盒"),
            ("Native Pineapple Cakes", "土鳳梨酥"),
            ("Mini Pineapple Cakes", "迷你鳳梨酥"),
        ],
        (320, 1280),
    ),
    (
        "dried-fruit",
        &[
            ("Dried Mango Slices", "芒果乾"),
            ("Dried Guava", "芭樂乾"),
            ("Mixed Dried Fruit", "綜合果乾"),
        ],
        (150, 680),
    ),
    (
        "notebooks",
        &[
            ("Dot Grid Notebook", "點格筆記本"),
            ("Hardcover Journal", "精裝手帳"),
            ("Washi Paper Notebook", "和紙筆記本"),
        ],
        (180, 980),
    ),
    (
        "letter-sets",
        &[
            ("Letterpress Letter Set", "活版印刷信紙組"),
            ("Washi Stationery Set", "和紙信紙組"),
            ("Postcard Set", "明信片組"),
        ],
        (150, 780),
    ),
    (
        "fountain-pens",
        &[
            ("Fountain Pen", "鋼筆"),
            ("Calligraphy Fountain Pen", "美工鋼筆"),
            ("Pocket Fountain Pen", "口袋鋼筆"),
        ],
        (490, 6800),
    ),
    (
        "brush-pens",
        &[
            ("Calligraphy Brush", "書法毛筆"),
            ("Refillable Brush Pen", "卡式毛筆"),
            ("Watercolour Brush Pen", "水彩筆"),
        ],
        (120, 1800),
    ),
];

/// (slug, English name, 中文名, currency, ships from, status, top-level categories, owner email)
pub type ShopSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

pub const SHOPS: &[ShopSeed] = &[
    (
        "formosa-tea-house",
        "Formosa Tea House",
        "福爾摩沙茶屋",
        "TWD",
        "Taipei, Taiwan",
        "approved",
        &["food"],
    ),
    (
        "auralis-audio-lab",
        "Auralis Audio Lab",
        "聲學實驗室",
        "TWD",
        "Hsinchu, Taiwan",
        "approved",
        &["electronics"],
    ),
    (
        "mori-home",
        "Mori Home Goods",
        "森居家",
        "TWD",
        "Taichung, Taiwan",
        "approved",
        &["home"],
    ),
    (
        "harbour-threads",
        "Harbour Threads",
        "港灣衣著",
        "HKD",
        "Hong Kong",
        "approved",
        &["fashion"],
    ),
    (
        "kyoto-paper-ink",
        "Kyoto Paper & Ink",
        "京都紙墨",
        "JPY",
        "Kyoto, Japan",
        "approved",
        &["stationery"],
    ),
    (
        "tidewater-outfitters",
        "Tidewater Outfitters",
        "潮汐戶外",
        "USD",
        "Portland, USA",
        "approved",
        &["fashion"],
    ),
    (
        "lotus-skin-studio",
        "Lotus Skin Studio",
        "蓮花保養室",
        "TWD",
        "Tainan, Taiwan",
        "approved",
        &["beauty"],
    ),
    (
        "night-market-snacks",
        "Night Market Snacks",
        "夜市零嘴",
        "TWD",
        "Kaohsiung, Taiwan",
        "approved",
        &["food"],
    ),
    (
        "bamboo-and-clay",
        "Bamboo & Clay",
        "竹與陶",
        "TWD",
        "Yilan, Taiwan",
        "approved",
        &["home"],
    ),
    (
        "kowloon-gadget-works",
        "Kowloon Gadget Works",
        "九龍電子",
        "HKD",
        "Hong Kong",
        "approved",
        &["electronics"],
    ),
    (
        "nordvik-living",
        "Nordvik Living",
        "北境生活",
        "EUR",
        "Copenhagen, Denmark",
        "approved",
        &["home", "stationery"],
    ),
    (
        "sunrise-crafts",
        "Sunrise Crafts",
        "晨光手作",
        "TWD",
        "Hualien, Taiwan",
        "submitted",
        &["home"],
    ),
    (
        "peak-gear",
        "Peak Gear",
        "巔峰裝備",
        "USD",
        "Denver, USA",
        "in_review",
        &["fashion"],
    ),
    (
        "jade-beauty",
        "Jade Beauty",
        "翡翠美妝",
        "HKD",
        "Hong Kong",
        "submitted",
        &["beauty"],
    ),
];

pub const BRANDS: &[&str] = &[
    "Auralis",
    "Nordvik",
    "Mori",
    "Lumen",
    "Koyo",
    "Formosa",
    "Tidewater",
    "Yushan",
    "Penghu",
    "Alishan",
];

pub const ADJECTIVES: &[(&str, &str)] = &[
    ("Classic", "經典"),
    ("Compact", "輕巧"),
    ("Handmade", "手工"),
    ("Premium", "頂級"),
    ("Everyday", "日常"),
    ("Organic", "有機"),
    ("Minimal", "極簡"),
    ("Travel", "旅行"),
    ("Eco", "環保"),
    ("Limited Edition", "限定版"),
];

pub const COLOURS: &[(&str, &str)] = &[
    ("Black", "黑色"),
    ("Ivory", "象牙白"),
    ("Sage", "鼠尾草綠"),
    ("Navy", "海軍藍"),
    ("Coral", "珊瑚橘"),
    ("Sand", "沙色"),
    ("Plum", "梅子紫"),
];

/// USD→currency rates × 10^9 used for demo FX and for pricing foreign shops.
pub const USD_RATES: &[(&str, i64)] = &[
    ("TWD", 32_150_000_000),
    ("HKD", 7_810_000_000),
    ("JPY", 151_200_000_000),
    ("EUR", 920_000_000),
    ("GBP", 790_000_000),
    ("CNY", 7_240_000_000),
    ("KRW", 1_382_000_000_000),
    ("SGD", 1_340_000_000),
    ("MYR", 4_710_000_000),
    ("KWD", 307_000_000),
];
