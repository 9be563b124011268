//! What a tag does in the "in body" insertion mode (`body.rs`), told by
//! one `match` on its name: a tree of comparisons on the atom, where the
//! rules' order of arms, several behind a test of a set of names (a
//! container that closes a `<p>`, a heading, a formatting element), took
//! one tree of comparisons for each test passed on the way (a `<span>`
//! went through five).

use html5ever::LocalName;

/// The containers both a start tag (which closes an open `<p>`) and an
/// end tag (which closes up to its element) of the standard's "in body"
/// rules name, as one pattern for both matches.
macro_rules! block_containers {
    () => {
        n!("address")
            | n!("article")
            | n!("aside")
            | n!("blockquote")
            | n!("center")
            | n!("details")
            | n!("dialog")
            | n!("dir")
            | n!("div")
            | n!("dl")
            | n!("fieldset")
            | n!("figcaption")
            | n!("figure")
            | n!("footer")
            | n!("header")
            | n!("hgroup")
            | n!("main")
            | n!("nav")
            | n!("ol")
            | n!("search")
            | n!("section")
            | n!("summary")
            | n!("ul")
            | n!("menu")
    };
}

/// The formatting elements both a start tag and an end tag of the "in
/// body" rules name (an end tag's list adds `a` and `nobr`, which a start
/// tag handles by arms of their own).
macro_rules! formatting {
    () => {
        n!("b")
            | n!("big")
            | n!("code")
            | n!("em")
            | n!("font")
            | n!("i")
            | n!("s")
            | n!("small")
            | n!("strike")
            | n!("strong")
            | n!("tt")
            | n!("u")
    };
}

/// What a start tag does in body.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Start {
    Body,
    Html,
    Template,
    /// `applet`, `marquee`, `object`: opened, with a marker.
    Marker,
    Nobr,
    /// Markup the fast path does not build.
    Bail,
    /// `base`, `basefont`, `bgsound`, `link`, `meta`: opened and closed.
    Head,
    /// Raw text (`noframes`, `script`, `style`, `title`, `iframe`,
    /// `noembed`).
    Raw,
    Textarea,
    /// A container that closes an open `<p>`.
    ClosesP,
    Heading,
    /// `pre`, `listing`.
    Pre,
    Form,
    /// `li`, `dd`, `dt`.
    Item,
    Button,
    A,
    /// The other formatting elements.
    Formatting,
    Table,
    /// Void elements (`area`, `br`, `img`, `input`…): opened and closed.
    Void,
    Hr,
    Select,
    /// `option`, `optgroup`.
    Option,
    /// Table parts and `head`, `frame`: ignored in body.
    Ignored,
    /// Any other: opened.
    Other,
}

/// [`Start`] of the start tag `name`: in line in its one caller
/// (`start_in_body`), whatever the codegen units.
#[inline(always)]
pub(super) fn start(name: &LocalName) -> Start {
    match *name {
        n!("body") => Start::Body,
        n!("html") => Start::Html,
        n!("template") => Start::Template,
        n!("applet") | n!("marquee") | n!("object") => Start::Marker,
        n!("nobr") => Start::Nobr,
        n!("frameset")
        | n!("plaintext")
        | n!("image")
        | n!("xmp")
        | n!("math")
        | n!("svg")
        | n!("rb")
        | n!("rtc")
        | n!("rp")
        | n!("rt") => Start::Bail,
        n!("base") | n!("basefont") | n!("bgsound") | n!("link") | n!("meta") => Start::Head,
        n!("noframes")
        | n!("script")
        | n!("style")
        | n!("title")
        | n!("iframe")
        | n!("noembed") => Start::Raw,
        n!("textarea") => Start::Textarea,
        block_containers!() | n!("p") => Start::ClosesP,
        n!("h1") | n!("h2") | n!("h3") | n!("h4") | n!("h5") | n!("h6") => Start::Heading,
        n!("pre") | n!("listing") => Start::Pre,
        n!("form") => Start::Form,
        n!("li") | n!("dd") | n!("dt") => Start::Item,
        n!("button") => Start::Button,
        n!("a") => Start::A,
        formatting!() => Start::Formatting,
        n!("table") => Start::Table,
        n!("area")
        | n!("br")
        | n!("embed")
        | n!("img")
        | n!("keygen")
        | n!("wbr")
        | n!("input")
        | n!("param")
        | n!("source")
        | n!("track") => Start::Void,
        n!("hr") => Start::Hr,
        n!("select") => Start::Select,
        n!("option") | n!("optgroup") => Start::Option,
        n!("caption")
        | n!("col")
        | n!("colgroup")
        | n!("frame")
        | n!("head")
        | n!("tbody")
        | n!("td")
        | n!("tfoot")
        | n!("th")
        | n!("thead")
        | n!("tr") => Start::Ignored,
        _ => Start::Other,
    }
}

/// What an end tag does in body.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum End {
    Body,
    Html,
    Template,
    Form,
    /// `applet`, `marquee`, `object`.
    Marker,
    P,
    /// `li`, `dd`, `dt`.
    Item,
    Br,
    Option,
    Heading,
    /// A container closed with its content: those of [`Start::ClosesP`]
    /// but `p`, and `button`, `listing`, `pre`, `select`.
    Container,
    /// A formatting element: [`Start::Formatting`], `a` and `nobr`.
    Formatting,
    /// Any other.
    Other,
}

/// [`End`] of the end tag `name`, in line in its one caller.
#[inline(always)]
pub(super) fn end(name: &LocalName) -> End {
    match *name {
        n!("body") => End::Body,
        n!("html") => End::Html,
        n!("template") => End::Template,
        n!("form") => End::Form,
        n!("applet") | n!("marquee") | n!("object") => End::Marker,
        n!("p") => End::P,
        n!("li") | n!("dd") | n!("dt") => End::Item,
        n!("br") => End::Br,
        n!("option") => End::Option,
        n!("h1") | n!("h2") | n!("h3") | n!("h4") | n!("h5") | n!("h6") => End::Heading,
        block_containers!() | n!("button") | n!("listing") | n!("pre") | n!("select") => {
            End::Container
        }
        formatting!() | n!("a") | n!("nobr") => End::Formatting,
        _ => End::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name either classifier tells apart, and a few others.
    const NAMES: &[&str] = &[
        "body",
        "html",
        "template",
        "applet",
        "marquee",
        "object",
        "nobr",
        "frameset",
        "plaintext",
        "image",
        "xmp",
        "math",
        "svg",
        "rb",
        "rtc",
        "rp",
        "rt",
        "base",
        "basefont",
        "bgsound",
        "link",
        "meta",
        "noframes",
        "script",
        "style",
        "title",
        "iframe",
        "noembed",
        "textarea",
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "main",
        "nav",
        "ol",
        "p",
        "search",
        "section",
        "summary",
        "ul",
        "menu",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "listing",
        "form",
        "li",
        "dd",
        "dt",
        "button",
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
        "table",
        "area",
        "br",
        "embed",
        "img",
        "keygen",
        "wbr",
        "input",
        "param",
        "source",
        "track",
        "hr",
        "select",
        "option",
        "optgroup",
        "caption",
        "col",
        "colgroup",
        "frame",
        "head",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "span",
        "label",
        "time",
        "video",
        "x-custom",
    ];

    #[test]
    fn start_and_end_classes_agree() {
        for &s in NAMES {
            let n = LocalName::from(s);
            let (st, en) = (start(&n), end(&n));
            let heading = matches!(s, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            assert_eq!(st == Start::Heading, heading, "{s}");
            assert_eq!(en == End::Heading, heading, "{s}");
            let container = (st == Start::ClosesP && s != "p")
                || matches!(s, "button" | "listing" | "pre" | "select");
            assert_eq!(en == End::Container, container, "{s}");
            let formatting = matches!(st, Start::Formatting | Start::A | Start::Nobr);
            assert_eq!(en == End::Formatting, formatting, "{s}");
            if matches!(s, "span" | "label" | "time" | "video" | "x-custom") {
                assert_eq!((st, en), (Start::Other, End::Other), "{s}");
            }
        }
        assert_eq!(start(&LocalName::from("div")), Start::ClosesP);
        assert_eq!(start(&LocalName::from("strong")), Start::Formatting);
        assert_eq!(end(&LocalName::from("p")), End::P);
        assert_eq!(end(&LocalName::from("div")), End::Container);
    }
}
