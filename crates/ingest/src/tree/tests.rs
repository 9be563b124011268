use super::{normalize_newlines, parse, parse_page};
use crate::dom::Dom;

/// The fast tree equals html5ever's over the pruned page, node by node.
fn same(html: &str) {
    let norm = normalize_newlines(html);
    let fast = parse(&norm).unwrap_or_else(|| panic!("the fast path bails on {html}"));
    let pruned = crate::prune::prune(html);
    assert_eq!(fast.outline(), Dom::parse_html(&pruned).outline(), "{html}");
}

#[test]
fn cuts_unread_attributes_and_white_space_between_tags() {
    same("<div class=\"x\" data-id=7 onclick=\"go('<p>')\">\n  <a href=\"/n?a=1&amp;b=2\" target=_blank>新闻</a>\n  <img src=a.jpg alt=图/>\n</div>");
    same("<pre>\n  第一行\n</pre>\n\n<p>段落 <b>加粗</b> 文字</p>");
}

#[test]
fn builds_the_tree_html5ever_builds() {
    same("<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>外交部&amp;新闻</title></head><body><div class=a><p>第一段<p>第二段</div></body></html>");
    same("<html><body><ul><li>一<li>二</ul><h2>标题<h3>小标题</h3><dl><dt>甲<dd>乙</dl></body></html>");
    same("<!DOCTYPE html><p>新华社北京电<table><tr><td>表格<td>单元</table><p>a &nbsp;b &#x4e2d;&#20013;</p>");
    same("<title>x</title><p><b>粗体</b> <a href=\"/x?a=1&b=2\">链接</a><br/></p></br><pre>\n预设</pre>");
    same("<body><form><div>表单</div></form><select><option>一<option>二</select><p>文</p></body>");
    same("<html><head><noscript><link rel=x></noscript><title>t</title></head><body class=a><body id=b><html lang=en><p>正文</p></body></html>");
    same("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>段<table><tbody><tr><th>头<td><p>格</td></tr></tbody></table>");
    same("<p>没有文档类型<table><tr><td>怪异模式</td></tr></table></p><textarea>\n文本</textarea><script>var a='</scr'+'ipt>';</script>");
}

#[test]
fn closes_open_paragraphs_before_blocks() {
    // An open `p` closed by block starts, kept open across a button or a
    // table (bounds of its scope), closed again after they end; a `</p>`
    // with none open makes an empty one.
    same("<p>甲<div>乙</div><p>丙<ul><li>丁<p>戊<h2>己</h2></ul><hr><p>庚<p>辛");
    same("<p>一<button><p>二<div>三</div></button><div>四</div></p></p><section>五</section>");
    same("<!DOCTYPE html><p>外<table><tr><td><p>内<div>格</div></td></tr></table><div>后</div>");
    same("<div><p>a<p>b</div><form><p>c</form><p>d<li>e<dd>f<pre>\ng</pre>");
}

#[test]
fn reads_indentation_and_tags_of_a_name_alone() {
    // Runs of white space of every length between tags (one space, a
    // word, more), before text, a tag or a character reference; tags
    // with and without attributes.
    for pad in [
        "",
        " ",
        "\n",
        "\n\t",
        "\n        ",
        "\n                  \t  ",
    ] {
        same(&format!(
            "<div>{pad}<ul>{pad}<li>一</li>{pad}<li class=a >二</li >{pad}</ul>{pad}<p>{pad}正文 \
             {pad}</p>{pad}<p>{pad}&amp;{pad}</p>{pad}<p>{pad}<b>x</b>{pad}</p>\
             <span\n   class=b>{pad}</span/>{pad}</div>{pad}"
        ));
    }
}

#[test]
fn reads_end_tags_given_back_in_the_body() {
    // `</html>` in the body ends it and is read again after the body;
    // what follows goes back into the body.
    same("<p>正文</html><p>后来的段落</p><!-- 注释 -->");
    same("<body><div><p>甲</div></html>\n<b>乙</b></body></html>尾");
}

#[test]
fn builds_templates_objects_and_forms_in_tables() {
    same("<!DOCTYPE html><body><template id=t><div class=x><p>模板</div></template><p>正文</p></body>");
    same("<head><template><meta name=a content=b></template></head><body><object><param name=p><b>x</b></object><nobr>不换行</nobr></body>");
    same("<!DOCTYPE html><table><form action=/s><tr><td><input name=q></td></tr></form></table><p>后文</p>");
}

#[test]
fn reads_empty_end_tags_and_long_runs_of_them() {
    same("<p>甲</></>乙 &amp; 丙</>丁</p>");
    let page = format!("<p>{}</p>", "</>".repeat(200_000));
    assert!(parse(&page).is_some());
}

#[test]
fn leaves_misnested_markup_to_html5ever() {
    for html in [
        "<p><b>粗体<p>下一段</b>",
        "<b><i>斜</b>x</i>",
        "<b><p>1<i>2</b>3</i>4</p>",
        "<b>1<i>2<u>3</b>4</i>5</u>6",
        "<table><tr><td>a</td></tr>文本</table>",
        "<svg><title>t</title></svg>",
        "<p>a\0b</p>",
        "<div>unterminated <a href=\"x",
        "<ul><li><a href=x>一<li>二</ul>",
        "<template><tr><td>行</td></tr></template>",
    ] {
        assert!(parse(html).is_none(), "{html}");
    }
}

#[test]
fn scope_bits_follow_the_scopes() {
    use super::{bounds, scope_bit, scope_bits, Scope};
    let names = [
        "html", "table", "template", "applet", "caption", "td", "th", "marquee", "object",
        "select", "button", "ol", "ul", "div", "p", "li", "a", "tr", "body",
    ];
    for n in names {
        let n = &html5ever::LocalName::from(n);
        let want = [Scope::Default, Scope::Button, Scope::List, Scope::Table]
            .into_iter()
            .filter(|s| bounds(*s, n))
            .fold(0, |b, s| b | scope_bit(s));
        assert_eq!(scope_bits(n), want, "{n}");
    }
}

#[test]
fn reads_carriage_returns_as_newlines() {
    for s in ["a\r\nb\rc\n", "\r\r\n\r", "无", "\r", "x\r\n\r\n"] {
        let want = s.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(normalize_newlines(s), want, "{s:?}");
    }
    same("<pre>\r\n第一行\r\n</pre>\r\r\n<p title=\"a\rb\">段落\r文字</p>\r\n");
}

#[test]
fn element_names_become_the_atoms_of_their_lower_case() {
    use html5ever::LocalName;
    let names = "a b i p br dd dl dt em h1 h2 h3 h4 h5 h6 hr li ol td th tr ul col div img nav \
        pre sup area body code font form head html link main meta span time aside input label \
        small style table tbody thead title video button center figure footer header iframe \
        option script select source strong article section noscript textarea blockquote \
        figcaption DIV Span tBody x-custom-element o:p st1:chsdate abcdefghijklmnopqrstuvwxyz \
        ABCDEFGHIJKLMNOPQRSTUVWXYZ u s";
    for n in names.split(' ').filter(|n| !n.is_empty()) {
        let want = LocalName::from(n.to_ascii_lowercase());
        assert_eq!(super::names::name_atom(n), want, "{n}");
    }
}

#[test]
fn the_keep_cache_answers_as_kept_mask() {
    use html5ever::LocalName;
    let mut cache = super::lex::KeepCache::new();
    // More names than slots: later names take slots over, and are asked
    // again.
    let names: Vec<String> = [
        "div", "p", "span", "a", "li", "td", "img", "section", "b", "em",
    ]
    .iter()
    .map(|n| n.to_string())
    .chain((0..150).map(|i| format!("x-el{i}")))
    .collect();
    for _ in 0..2 {
        for n in &names {
            let want = crate::prune::kept_mask(n);
            assert_eq!(cache.get(&LocalName::from(n.as_str())), want, "{n}");
        }
    }
}

#[test]
fn adopts_misnested_formatting_elements() {
    same("<a href=x><div>块</a>后</div>");
    same("<b><p>1<i>2</i>3</b>4</p>");
    same("<b class=k id=b1><div>甲<div>乙</b>丙</div>丁</div>");
    same("<div><font color=red><b>x<div>y</b>z</div>w</font></div>");
    same("<div><font color=red size=2><b>x<div>y</font>z</div>w</b></div>");
    same("<a href=1>一<a href=2>二</a>");
    same("<b><b><div>深</b>x</div>y</b>");
    // More than three formatting elements between: the inner loop's
    // counter passes 3.
    same("<u><em><s><i><code><div>z</u>尾</div>");
    same("<i><u><em><s><small><div><p>a</i>b</p>c</div>d");
    same("<table><tr><td><b><div>格</b>x</div></td></tr></table><p>后</p>");
    same("<template><b><div>t</b>u</div></template><p>v</p>");
    same("<div><strong><p>p1</strong>p2</p></div><strong>s</strong>");
    same("<font><font><font><font><div>x</font>y</div>");
}

#[test]
fn adopts_eight_nested_b() {
    let open = "<b><div>".repeat(10);
    same(&format!("{open}x</b>y</b>z"));
    let deep = format!("<b id=o>{}<div>d</b>e", "<i><b class=n>".repeat(5));
    same(&deep);
}

/// Each element's attributes are its span of the tree's one list: a
/// tag's duplicates are told within its own attributes only, a second
/// `<html>` or `<body>` gives the element a new span, and the adoption
/// agency's copies share the span of the element they copy.
#[test]
fn elements_keep_their_own_spans_of_the_attribute_list() {
    same("<div class=a id=p></div><div id=q class=a class=b style=s>文</div><div>无</div><div class=c>丙</div>");
    same("<html lang=zh><body class=a><div id=x>一</div><body id=b class=c style=s><html lang=en class=h><div class=d>二</div>");
    same("<b class=k id=1><i id=2>一<div class=m>二</b>三</i>四</div><b class=z>五</b>");
    let d = parse("<body class=a><p>x</p><body id=b class=c>").expect("fast path");
    let body = d.elements_named("body").next().expect("a body");
    let e = d.element(body).expect("an element");
    assert_eq!(d.element_attr(e, "class"), Some("a"));
    assert_eq!(d.attr(body, "id"), Some("b"));
    assert_eq!(d.attrs(e).len(), 2);
}

#[test]
fn noahs_ark_compares_attributes_in_any_order() {
    let b = "<b id=1 class=k><b class=k id=1><b id=1 class=k><b class=k id=1>";
    same(&format!("{b}x<div>y</b>z</div>"));
    let mixed = "<b id=1><b id=2><b id=1><b id=1><b id=1>";
    same(&format!("{mixed}x<div>y</b>z</b>w</div>"));
}

#[test]
fn dom_moves_nodes_between_parents() {
    let mut d = Dom::new();
    let root = d.root();
    let ids: Vec<_> = (0..4)
        .map(|_| d.create_element(html5ever::local_name!("i"), Default::default()))
        .collect();
    for c in &ids[1..] {
        d.append(ids[0], *c);
    }
    d.append(root, ids[0]);
    d.detach(ids[2]);
    assert_eq!(d.children(ids[0]).collect::<Vec<_>>(), [ids[1], ids[3]]);
    d.detach(ids[3]);
    d.append(ids[2], ids[3]);
    assert_eq!(d.children(ids[0]).collect::<Vec<_>>(), [ids[1]]);
    let copy = d.clone_element(ids[0]).expect("an element");
    d.reparent_children(ids[0], copy);
    d.reparent_children(ids[2], copy);
    assert_eq!(d.first_child(ids[0]), None);
    assert_eq!(d.children(copy).collect::<Vec<_>>(), [ids[1], ids[3]]);
    assert_eq!(d.parent(ids[3]), Some(copy));
}

/// The tree read from the page as it is: `None`, or the tree of its
/// stripped copy with newlines normalised.
fn page_tree(html: &str) -> Option<Vec<String>> {
    let got = parse_page(html)?.outline();
    let stripped = crate::inert::strip(html);
    let want = parse(&normalize_newlines(&stripped)).map(|d| d.outline());
    assert_eq!(Some(&got), want.as_ref(), "{html:?}");
    Some(got)
}

#[test]
fn reads_the_page_as_its_stripped_copy() {
    for html in [
        "<html><head><script>var a = '<p>不是</p>';</script><style>p{}</style></head><body><p>前文<!-- 注释 -->后文</p></body></html>",
        "<div>\n  <!-- a -->\n  <p>段</p>\n</div><p>x</p><SCRIPT>y()</SCRIPT ><p>z</p><!-- 完 -->",
        "<div class=\"a\r\nb\">\r\n<p>第一行\r\n第二行\r第三</p>\r\n<pre>\r\n预设</pre><title>标\r\n题</title></div>",
        "<head><script type=\"application/ld+json\">{\"a\":\r\n1}</script></head><body><svg><svg></svg></svg><p>文</p></body>",
        "<pre><!-- c -->\n预设</pre><p>a &amp; b<!-- x --> c</p><p\rclass=x>d</p>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\r\n \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\r\n<html><body><p>文</p></body></html>",
        "<p>甲</p>\r\n<!--[if IE]><p>旧</p><![endif]-->\r\n<p>乙 <a href=\"/x?a=1&amp;b=2\" title=\"a < b\">链</a></p>",
    ] {
        assert!(page_tree(html).is_some(), "left to the copy: {html:?}");
    }
}

#[test]
fn joins_white_space_over_cuts_as_the_stripped_copy_reads_it() {
    for html in [
        "<div>\r\n  <!-- a -->\r\n  <p>段</p>\r\n</div>",
        "<div> <!-- a --> <!-- b --> <script>c()</script>\t<!-- d -->\n<!-- e -->\n<p>多</p></div>",
        "<p>甲</p>\r\n<!-- a -->\r\n乙 <!-- b --> 丙</p>",
        "<p>甲</p> <!-- a --> &amp; <b>乙</b>",
        "<pre><!-- a -->\r\n  <!-- b -->\r\n预设</pre><textarea>\n</textarea><p>x</p>",
        "<p>甲</p>\r\n<!-- a -->\r\n",
        "<p>甲</p><!-- a --> <!-- b --><p>乙</p>",
    ] {
        assert!(page_tree(html).is_some(), "left to the copy: {html:?}");
    }
}

#[test]
fn leaves_to_the_copy_what_a_cut_would_change() {
    for html in [
        // A cut inside a tag, a comment or raw text.
        "<a title=\"<!-- x -->\">t</a>",
        "<a <!-- x --> href=y>t</a>",
        "<title>a<!-- x -->b</title>",
        "<textarea><script>x</script></textarea>",
        "<!x <script>a</script> >",
        // A cut that joins its neighbours into a reference, a tag or a
        // newline.
        "<p>&am<!-- -->p;</p>",
        "<p>a<<!-- -->b>c</p>",
        "<p>a\r<!-- -->\nb</p>",
    ] {
        assert!(page_tree(html).is_none(), "read: {html:?}");
    }
}

#[test]
fn reads_attribute_names_a_word_at_a_time() {
    // Names ending in each lane of the first and second word read and
    // past them, kept names in any case, names holding a control, `<` or
    // `=`, a name at the very end of a tag; on elements keeping
    // different attributes.
    let names = [
        "i",
        "id",
        "ID",
        "Class",
        "class",
        "hidden",
        "itemprop",
        "itemprops",
        "http-equiv",
        "data-fifteen-by",
        "data-sixteen-byt",
        "data-seventeen-b",
        "a\x0bclass",
        "a<b",
        "=x",
        "x=",
        "content",
        "CONTENT",
        "datetime",
        "pudate",
    ];
    for tag in ["div", "meta", "time", "a", "span", "font"] {
        for name in names {
            same(&format!(
                "<{tag} {name}=\"v\" class=k>t</{tag}><{tag} {name}>u</{tag}>"
            ));
            same(&format!(
                "<p><{tag} id=a {name}/>y</{tag}></p><{tag}\n\t {name} \n= 'w'\n>x</{tag}>"
            ));
            let page = format!("<p><{tag} {name}=\"&amp;\r\n\" class=k>t</{tag}><{tag} {name}>");
            assert!(page_tree(&page).is_some(), "{page:?}");
        }
    }
}

#[test]
fn reads_one_space_between_tags_in_every_mode() {
    // White space between two tags read as a flag on the second: before
    // `<html>`, in and after the head, in tables, after the body, around
    // comments, before `</pre>`.
    same(" \n<!DOCTYPE html>\n<html>\n <head>\n  <title>t</title>\n  <meta name=a>\n </head>\n <body>\n  <p>a</p>\n </body>\n</html>\n <!-- c -->\n");
    same("<table>\n <tr>\n  <td>a</td>\n </tr>\n</table>\n<pre>\n\n</pre>\n<textarea>\n </textarea>\n<select>\n <option>b\n</select>");
    assert!(
        page_tree("<div>\n <!-- a -->\n <p>b</p>\r\n <script>c</script>\r\n <b>d</b> </div>")
            .is_some()
    );
}

#[test]
fn reads_tags_right_after_tags_and_white_space() {
    // Tags at once after a tag or white space: starts, ends, names of
    // `s` (a cut starts with `<s` only as a script, style or SVG),
    // `</>` and bogus end tags, white space kept in `<pre>`.
    let pages = [
        "<div><span>甲</span>  <s>乙</s>\n<strong>丙</strong><section> <small>丁</small></section></div>",
        "<p>a</p>\n  <script>x()</script>\n  <style>p{}</style> <svg></svg><p>b</p>",
        "<p>a</p> </> <p>b</p></ 1><p>c</p>\n<!--x--> <P>d</P> <Span>e</SPAN>",
        "<pre>\n  <b>x</b></pre>\n<textarea>\n</textarea> <listing>\n</listing>\n<p>y</p>",
        "<div>\r\n  <s>a</s>\r\n  <S>b</S>\r\n</div>",
        // Names of `s` that no cut starts with (`<sc`, `<st`, `<sv` may).
        "<p><SPAN>a</SPAN> <source src=x><Section>b</Section>\n<sub>c</sub><symbol>d</symbol></p>",
        "<p><sc>a</sc> <stx>b</stx>\n<sv>c</sv><SCRIPT>x()</SCRIPT> <Style>p{}</Style></p>",
    ];
    for html in pages {
        assert!(page_tree(html).is_some(), "left to the copy: {html:?}");
        // SVG is cut from the page, but left to html5ever in a copy.
        if !html.contains("<svg") {
            same(html);
        }
    }
}

#[test]
fn reads_values_quoted_right_after_the_name() {
    // `name="…"` read without the byte classes: names of each length
    // around the words, both quotes, values holding `&`, `<`, `>`, `=`
    // or a CR, and the other shapes (`= "…"`, `=…`, no value) next to
    // it; duplicates, the first kept; on elements keeping different
    // attributes.
    let values = [
        "=\"v\"",
        "='v'",
        "=\"\"",
        "=\"a &amp; b\"",
        "='x\"y'",
        "=\"a=b>c\"",
        "=\"<p>\"",
        " = \"v\"",
        "=v",
        "",
    ];
    let names = [
        "i",
        "id",
        "class",
        "Class",
        "content",
        "itemprop",
        "itemprops",
        "data-fifteen-by",
        "data-sixteen-byt",
        "data-seventeen-b",
    ];
    for tag in ["div", "meta", "a", "span"] {
        for name in names {
            for v in values {
                same(&format!(
                    "<{tag} {name}{v} {name}=\"second\" class='k'>t</{tag}><{tag} {name}{v}>"
                ));
                let page =
                    format!("<p><{tag} {name}{v} id=\"a\r\nb\">t</{tag}>\r\n<{tag} {name}{v}/>");
                assert!(page_tree(&page).is_some(), "{page:?}");
            }
        }
    }
    // A cut inside a quoted value, and a value left open at the end.
    assert!(page_tree("<p><a title=\"<!-- x -->\">y</a></p>").is_none());
    assert!(parse("<p><a title=\"open").is_none());
    assert!(parse("<p><a title='").is_none());
}

#[test]
fn end_tags_close_the_current_node_or_look_further() {
    // An end tag of the current node (popped at once) and of one further
    // down, behind implied ends, formatting or special elements, or not
    // open at all: containers, list items, any other.
    same("<div><div>a</div>b</div><ul><li>c</li><li>d<p>e</li></ul><dl><dt>f</dt><dd>g<p>h</dd></dl>");
    same("<div><p>a</div>b<section><span>c</section>d<span><u-x>e</span>f</u-x></span>");
    same("<div><span>a<x-z>b</span>c</x-z></div><li>d<ul><li>e</li></ul></li></li><x-y>f<div>g</x-y>h</div>");
    same("<p>a</p><h2>b</h2><h2>c<h3>d</h2>e</h3><p>f<span>g</p>h</span><h4>i<p>j</h4>");
    same("<span><div>a</span>b</div>c</span><table><tr><td>d</div></td></tr></table><select><option>e</select>");
}

#[test]
fn reads_what_each_element_opens() {
    // Raw text of each kind, first newlines dropped after `<pre>`,
    // `<listing>` and `<textarea>` only; `<plaintext>` (and `<xmp>` in
    // the body) left to html5ever.
    same("<listing>\n\nx</listing><title>a&amp;b</title><noframes><p></noframes>");
    same("<pre>\nz</pre><div>\nw</div><textarea>\n\nv</textarea><iframe>\n<i>u</iframe><noembed>t</noembed>");
    assert!(parse("<p>a</p><plaintext>x</p>").is_none());
    assert!(parse("<p>a</p><PLAINTEXT>x").is_none());
    assert!(parse("<p>a</p><xmp><b>y</xmp>").is_none());
}
