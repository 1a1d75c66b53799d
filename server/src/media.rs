//! Generated demo product images: a deterministic SVG per (category, image name),
//! so the seeded marketplace has distinct pictures without any network or files.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn valid(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= 64
        && part
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Renders the SVG for `leaf` (a category slug) and `name` (an image key).
pub fn render_svg(leaf: &str, name: &str) -> String {
    let h = fnv1a(name);
    let leaf_h = fnv1a(leaf);
    let hue = (leaf_h % 360) as i64;
    let hue2 = (hue + 25 + (h % 40) as i64) % 360;
    let shade = 35 + (h >> 8) % 20;
    let shape = match leaf_h % 5 {
        0 => r#"<circle cx="400" cy="390" r="190"/>"#.to_string(),
        1 => r#"<rect x="230" y="170" width="340" height="440" rx="60"/>"#.to_string(),
        2 => r#"<rect x="170" y="250" width="460" height="300" rx="150"/>"#.to_string(),
        3 => r#"<polygon points="400,170 590,280 590,500 400,610 210,500 210,280"/>"#.to_string(),
        _ => r#"<path d="M250 250 h300 l40 340 h-380 z" stroke-linejoin="round"/>"#.to_string(),
    };
    let accent_x = 300 + (h >> 16) % 200;
    let accent_y = 300 + (h >> 24) % 160;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800" role="img">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl({hue} 70% 92%)"/><stop offset="1" stop-color="hsl({hue2} 60% 80%)"/></linearGradient>
<filter id="s" x="-20%" y="-20%" width="140%" height="140%"><feDropShadow dx="0" dy="18" stdDeviation="18" flood-opacity="0.25"/></filter></defs>
<rect width="800" height="800" fill="url(#bg)"/>
<ellipse cx="400" cy="660" rx="230" ry="26" fill="hsl({hue} 30% 40%)" opacity="0.18"/>
<g fill="hsl({hue2} 55% {shade}%)" filter="url(#s)">{shape}</g>
<circle cx="{accent_x}" cy="{accent_y}" r="46" fill="white" opacity="0.35"/>
</svg>"##
    )
}

/// `GET /media/gen/{leaf}/{file}.svg`
pub async fn generated_image(Path((leaf, file)): Path<(String, String)>) -> Response {
    let Some(name) = file.strip_suffix(".svg") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !valid(&leaf) || !valid(name) {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        render_svg(&leaf, name),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_distinct() {
        assert_eq!(
            render_svg("headphones", "d000001-0"),
            render_svg("headphones", "d000001-0")
        );
        assert_ne!(
            render_svg("headphones", "d000001-0"),
            render_svg("headphones", "d000002-0")
        );
        assert!(render_svg("tea", "x").starts_with("<svg"));
        assert!(!valid("../etc") && !valid("A") && valid("d000001-0"));
    }
}
