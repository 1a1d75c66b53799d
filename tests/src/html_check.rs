//! Markup the browser's parser would rearrange. Hydration walks the DOM the parser built
//! and expects the tree the server wrote; where the parser moved something (a paragraph
//! inside a paragraph is split in two, a nested link or form is dropped, a table row
//! gets a `<tbody>` around it) hydration finds the wrong node and panics, leaving the
//! page dead. The test client checks every HTML page it fetches with [`misnested`].

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &["script", "style", "textarea", "title"];

/// Start tags that close an open `<p>` (the HTML standard's list).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// What the parser would rearrange in `html`, one line each ("<p> inside <p> (…)"),
/// with the open elements around it.
pub fn misnested(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(end) = tag_end(rest) else { break };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(i) = open.iter().rposition(|o| *o == name) {
                open.truncate(i);
            }
            continue;
        }
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if let Some(problem) = rearranged(&name, &open) {
            found.push(format!("{problem} (in {})", open.join(" > ")));
        }
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |e| &rest[e..]);
            continue;
        }
        if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            open.push(name);
        }
    }
    found
}

/// Where the tag opening with `<` at the start of `s` ends (its `>`), quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Why the parser would not put `name` where it is, given the open elements.
fn rearranged(name: &str, open: &[String]) -> Option<String> {
    let inside = |x: &str| open.iter().any(|o| o == x);
    let parent = open.last().map(String::as_str);
    if CLOSES_P.contains(&name) && in_paragraph(open) {
        return Some(format!("<{name}> inside <p>"));
    }
    match name {
        "a" | "form" if inside(name) => Some(format!("<{name}> inside <{name}>")),
        "tr" if parent == Some("table") => Some("<tr> straight inside <table>".into()),
        "li" if parent == Some("li") => Some("<li> straight inside <li>".into()),
        _ => None,
    }
}

/// Whether a `<p>` is open where the next element goes (a button, table cell or similar
/// between them starts a new scope).
fn in_paragraph(open: &[String]) -> bool {
    for o in open.iter().rev() {
        match o.as_str() {
            "p" => return true,
            "button" | "td" | "th" | "caption" | "object" | "template" | "html" | "svg" => {
                return false
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::misnested;

    #[test]
    fn finds_what_the_parser_would_move() {
        let bad = misnested(r#"<p class="x">a <p class="stars">b</p></p>"#);
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].starts_with("<p> inside <p>"), "{bad:?}");
        assert_eq!(misnested("<p><span><div>x</div></span></p>").len(), 1);
        assert_eq!(
            misnested(r#"<a href="/"><b><a href="/x">y</a></b></a>"#).len(),
            1
        );
        assert_eq!(misnested("<form><div><form></form></div></form>").len(), 1);
        assert_eq!(misnested("<table><tr><td>1</td></tr></table>").len(), 1);
    }

    #[test]
    fn leaves_well_formed_markup_alone() {
        let good = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>a <p> b</title>
            <script>if (a < b && "<p>") {}</script></head><body>
            <div><p>one <a href="/?a=1&b=>">two<img src="x" alt="<p>"></a><br></p>
            <p>three</p><!-- <p><div> --><button><div>ok</div></button>
            <table><tbody><tr><td><p>x</p></td></tr></tbody></table>
            <ul><li>a</li><li><ul><li>b</li></ul></li></ul></div>
            <svg viewBox="0 0 1 1"><path d="M0 0"/><g></g></svg></body></html>"#;
        assert_eq!(misnested(good), Vec::<String>::new());
    }
}
