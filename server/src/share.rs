//! Sharing on the HTTP side: the share cards that product and shop pages name
//! as their Open Graph / Twitter image (1200×630 SVG with the photo, price and shop, built
//! once per version and kept in memory), the WeChat QR code of a link, and the middleware
//! that turns `?ref=CODE` into the attribution cookie.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use app::state::AppState;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;

pub const CARD_W: u32 = 1200;
pub const CARD_H: u32 = 630;
/// Cards kept in memory (the whole cache is dropped when full: cards are cheap to redo).
const CACHE_MAX: usize = 4096;

/// A rendered card and the hash of what it shows.
type Versioned = (u64, Arc<String>);

/// Rendered cards by page.
static CARDS: LazyLock<Mutex<HashMap<String, Versioned>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Forgets every rendered card (the benchmark measures cold renders with it).
pub fn clear_card_cache() {
    if let Ok(mut c) = CARDS.lock() {
        c.clear();
    }
}

fn fnv(parts: &[&str]) -> u64 {
    parts.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, p| {
        p.bytes()
            .chain([0xff])
            .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    })
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into at most `max_lines` lines of about `width` units (a CJK character
/// counts two), breaking at spaces where it can; the last line ends in "…" if cut.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let unit = |c: char| if c.is_ascii() || c == '…' { 1 } else { 2 };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for c in text.chars() {
        let w = unit(c);
        if used + w > width && lines.len() + 1 == max_lines {
            // the last line is cut where it is full, not at its last space
            while line.chars().map(unit).sum::<usize>() + 1 > width {
                line.pop();
            }
            lines.push(format!("{}…", line.trim_end()));
            return lines;
        }
        if used + w > width {
            // break at the last space of the line when there is one
            let carry = match line.rfind(' ') {
                Some(i) if c != ' ' && i > 0 && line.is_char_boundary(i) => {
                    let rest = line[i + 1..].to_string();
                    line.truncate(i);
                    rest
                }
                _ => String::new(),
            };
            lines.push(std::mem::take(&mut line));
            line = carry;
            used = line.chars().map(unit).sum();
            if c == ' ' && line.is_empty() {
                continue;
            }
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A photo for the card as a `data:` URL: a generated demo image, or an uploaded JPEG.
async fn photo(state: &AppState, url: &str) -> Option<String> {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    if let Some(rest) = url.strip_prefix("/media/gen/") {
        let (leaf, file) = rest.split_once('/')?;
        let name = file.strip_suffix(".svg")?;
        return Some(format!(
            "data:image/svg+xml;base64,{}",
            b64(crate::media::render_svg(leaf, name).as_bytes())
        ));
    }
    let key = url.strip_prefix("/media/")?;
    if !app::media::valid_key(key) || !key.ends_with(".jpg") {
        return None;
    }
    let bytes = state.media.get(key).await.ok()??;
    Some(format!("data:image/jpeg;base64,{}", b64(&bytes)))
}

/// What a card shows.
pub struct Card<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub price: Option<String>,
    pub shop: &'a str,
    pub rating: Option<(f64, i64)>,
    pub photos: Vec<String>,
}

/// The 1200×630 card: the photo on the left (or a collage of three), the title, price
/// and shop on the right, the marketplace's name at the foot.
pub fn render_card(c: &Card<'_>) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(4096 + c.photos.iter().map(String::len).sum::<usize>());
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CARD_W} {CARD_H}" width="{CARD_W}" height="{CARD_H}" role="img" aria-label="{}">"##,
        esc(c.title)
    );
    s.push_str(r##"<defs><clipPath id="ph"><rect width="630" height="630"/></clipPath></defs><rect width="1200" height="630" fill="#f0fdfa"/>"##);
    match c.photos.as_slice() {
        [] => s.push_str(r##"<rect width="630" height="630" fill="#ccfbf1"/>"##),
        [one] => {
            let _ = write!(
                s,
                r##"<image clip-path="url(#ph)" x="0" y="0" width="630" height="630" preserveAspectRatio="xMidYMid slice" href="{one}"/>"##
            );
        }
        many => {
            let _ = write!(
                s,
                r##"<image x="0" y="0" width="420" height="630" preserveAspectRatio="xMidYMid slice" href="{}"/>"##,
                many[0]
            );
            for (i, p) in many[1..].iter().take(2).enumerate() {
                let _ = write!(
                    s,
                    r##"<image x="420" y="{}" width="210" height="315" preserveAspectRatio="xMidYMid slice" href="{p}"/>"##,
                    i * 315
                );
            }
        }
    }
    s.push_str(r##"<rect x="630" width="570" height="630" fill="#ffffff"/><rect x="630" width="8" height="630" fill="#0f766e"/>"##);
    let font =
        r#"font-family="'Noto Sans TC','PingFang TC','Microsoft JhengHei',system-ui,sans-serif""#;
    let mut y = 120;
    for line in wrap(c.title, 21, 3) {
        let _ = write!(
            s,
            r##"<text x="680" y="{y}" {font} font-size="40" font-weight="700" fill="#0f172a">{}</text>"##,
            esc(&line)
        );
        y += 52;
    }
    if !c.subtitle.is_empty() && c.subtitle != c.title {
        for line in wrap(c.subtitle, 28, 1) {
            let _ = write!(
                s,
                r##"<text x="680" y="{y}" {font} font-size="30" fill="#475569">{}</text>"##,
                esc(&line)
            );
            y += 44;
        }
    }
    if let Some(price) = &c.price {
        let _ = write!(
            s,
            r##"<text x="680" y="{}" {font} font-size="64" font-weight="800" fill="#0f766e">{}</text>"##,
            y.max(330) + 40,
            esc(price)
        );
    }
    if let Some((avg, n)) = c.rating.filter(|(_, n)| *n > 0) {
        let _ = write!(
            s,
            r##"<text x="680" y="470" {font} font-size="30" fill="#b45309">★ {avg:.1} <tspan fill="#64748b">({n})</tspan></text>"##
        );
    }
    for line in wrap(c.shop, 30, 1) {
        let _ = write!(
            s,
            r##"<text x="680" y="525" {font} font-size="28" fill="#334155">{}</text>"##,
            esc(&line)
        );
    }
    let _ = write!(
        s,
        r##"<rect x="638" y="560" width="562" height="70" fill="#0f766e"/><text x="680" y="606" {font} font-size="30" font-weight="700" fill="#ffffff">Harbour Market · 港灣市集</text></svg>"##
    );
    s
}

fn svg_response(svg: Arc<String>, etag: u64, headers: &HeaderMap) -> Response {
    let tag = format!("\"{etag:016x}\"");
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == tag)
    {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml".to_string()),
            (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
            (header::ETAG, tag),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        svg.as_str().to_owned(),
    )
        .into_response()
}

/// Returns the cached card for `key` if its inputs hash to `version`, else renders it.
async fn cached<F, Fut>(key: String, version: u64, render: F) -> Arc<String>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = String>,
{
    if let Some((v, svg)) = CARDS.lock().ok().and_then(|c| c.get(&key).cloned()) {
        if v == version {
            return svg;
        }
    }
    let svg = Arc::new(render().await);
    if let Ok(mut c) = CARDS.lock() {
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(key, (version, svg.clone()));
    }
    svg
}

/// The record key of a card's file name (`<key>.svg`).
fn card_key(file: &str) -> Option<&str> {
    file.strip_suffix(".svg")
        .filter(|k| app::state::is_record_key(k))
}

/// `GET /share/card/p/{key}.svg`: a live product's card.
pub async fn product_card(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(key) = card_key(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (r, thumbs) = match crate::store::share::live_product_card(&state.db, key).await {
        Ok(Some(v)) => v,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let currency = domain::Currency::parse(&r.currency).unwrap_or_default();
    let price = domain::Money::new(r.price_minor, currency).format();
    let image = thumbs
        .into_iter()
        .next()
        .unwrap_or_else(|| r.image_url.clone());
    let shop = r.shop_name.clone().unwrap_or_default();
    let version = fnv(&[
        &r.title_en,
        &r.title_zh,
        &price,
        &shop,
        &image,
        &format!("{:.1}/{}", r.rating_avg, r.rating_count),
    ]);
    let svg = cached(format!("p:{key}"), version, || async {
        let photos = photo(&state, &image).await.into_iter().collect();
        render_card(&Card {
            title: &r.title_en,
            subtitle: &r.title_zh,
            price: Some(price.clone()),
            shop: &shop,
            rating: Some((r.rating_avg, r.rating_count)),
            photos,
        })
    })
    .await;
    svg_response(svg, version, &headers)
}

/// `GET /share/card/s/{slug}.svg`: an approved shop's card (three of its products).
pub async fn shop_card(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(slug) = card_key(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (r, images) = match crate::store::share::approved_shop_card(&state.db, slug).await {
        Ok(Some(v)) => v,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut parts: Vec<&str> = vec![&r.name, &r.ships_from];
    parts.extend(images.iter().map(String::as_str));
    let rating = format!("{:.1}/{}", r.rating_avg, r.rating_count);
    parts.push(&rating);
    let version = fnv(&parts);
    let svg = cached(format!("s:{slug}"), version, || async {
        let mut photos = Vec::new();
        for url in &images {
            if let Some(p) = photo(&state, url).await {
                photos.push(p);
            }
        }
        render_card(&Card {
            title: &r.name,
            subtitle: &r.ships_from,
            price: None,
            shop: "",
            rating: Some((r.rating_avg, r.rating_count)),
            photos,
        })
    })
    .await;
    svg_response(svg, version, &headers)
}

/// `GET /share/qr.svg?u=…`: the QR code of a link to this site (for WeChat).
pub async fn qr(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(url) = q
        .get("u")
        .filter(|u| u.len() <= 600 && u.starts_with(&format!("{}/", state.settings.public_origin)))
    else {
        return (StatusCode::BAD_REQUEST, "Only links to this site").into_response();
    };
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        svg,
    )
        .into_response()
}

/// A page opened with `?ref=CODE`: a known code (not the viewer's own) is counted and
/// remembered in the attribution cookie (the last link opened wins); anything else is
/// ignored and the page is served as without it.
pub async fn referral_cookie(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let code = (req.method() == Method::GET)
        .then(|| req.uri().query())
        .flatten()
        .and_then(|q| {
            q.split('&')
                .find_map(|pair| pair.strip_prefix("ref="))
                .map(str::to_string)
        })
        .filter(|c| domain::referral::is_code(c));
    let Some(code) = code else {
        return next.run(req).await;
    };
    let cookies = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let attribution =
        match app::referrals::imp::record_click(&state, &code, cookies.as_deref()).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = ?e, "recording a referral click failed");
                None
            }
        };
    let mut res = next.run(req).await;
    if let Some((value, max_age)) = attribution {
        let cookie = app::accounts::session::cookie_header(
            &state.settings,
            app::referrals::imp::ATTRIBUTION_COOKIE,
            &value,
            max_age,
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_wrap_at_spaces_and_count_wide_characters() {
        assert_eq!(wrap("Short", 26, 3), ["Short"]);
        let w = wrap(
            "Hand-thrown stoneware teapot with bamboo handle and four cups",
            26,
            3,
        );
        assert!(
            w.len() <= 3 && w.iter().all(|l| l.chars().count() <= 26),
            "{w:?}"
        );
        assert!(!w[0].ends_with(' ') && !w[1].starts_with(' '), "{w:?}");
        let zh = wrap("手拉坯陶瓷茶壺附竹製提把與四個茶杯組合", 26, 1);
        assert_eq!(zh.len(), 1);
        assert!(
            zh[0].ends_with('…') && zh[0].chars().count() <= 13,
            "{zh:?}"
        );
    }

    #[test]
    fn a_card_escapes_what_sellers_typed() {
        let svg = render_card(&Card {
            title: "<script>alert(1)</script> & \"quotes\"",
            subtitle: "",
            price: Some("NT$1,200".into()),
            shop: "Tom & Jerry's",
            rating: Some((4.5, 10)),
            photos: vec![],
        });
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("Tom &amp; Jerry&#39;s"));
        assert!(svg.contains("NT$1,200") && svg.contains("★ 4.5"));
    }
}
