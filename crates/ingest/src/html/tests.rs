use super::*;

/// `page_meta` fills each field from the first matching tag in
/// document order, reading a tag's attributes once.
#[test]
fn meta_fields_first_match_in_order() {
    let dom = Dom::parse_html(
        "<html lang=zh><head>\
         <meta name=\"date\" content=\" 2020-01-02 \">\
         <meta property=\"article:published_time\" content=\"2021-03-04\">\
         <meta name=\"author\" content=\"Li  Wei\">\
         <meta name=\"byline\" content=\"http://x\">\
         <meta property=\"og:title\" content=\"\">\
         <meta name=\"og:title\" content=\"Head\" name=\"x\">\
         <meta itemprop=\"name\" name=\"application-name\" content=\"Site\">\
         </head><body></body></html>",
    );
    let m = page_meta(&dom);
    assert_eq!(m.published.as_deref(), Some("2020-01-02"));
    assert_eq!(m.authors, vec!["Li Wei".to_string()]);
    assert_eq!(m.og_title.as_deref(), Some("Head"));
    assert_eq!(m.site_name.as_deref(), Some("Site"));
    assert_eq!(m.lang.as_deref(), Some("zh"));
}

/// Texts of white space alone between inline elements leave one space
/// between the words, none at a block's ends, and no characters in a
/// link's count.
#[test]
fn white_space_between_tags_reads_as_one_space() {
    let dom = Dom::parse_html(
        "<html><body><p>\n  <b>甲</b>\n\t<a href=x> <i>乙</i>\n</a>\n \
         <span>丙</span>\n</p><p> \n\t</p><div>丁\u{3000}<a>\u{a0}</a> 戊 </div></body></html>",
    );
    let got: Vec<(String, usize)> = blocks(&dom, dom.body().unwrap())
        .iter()
        .map(|b| (b.text.clone(), b.link_chars))
        .collect();
    let want = [("甲 乙 丙", 1), ("丁\u{3000} 戊", 0)];
    let want: Vec<(String, usize)> = want.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(got, want);
}

/// `read_page` reads what `page_meta_and_containers` and `blocks`
/// read apart (the deferred texts read): elements in `<head>`, inside
/// elements the block walk skips (`<button>`, `<img>`, `<br>`), below
/// its depth limit, and after `<body>`; and a tree without a `<body>`.
#[test]
fn one_walk_reads_as_the_two() {
    let deep = format!(
        "{}<time datetime=\"2024-01-03\">深</time><h1>深处</h1>{}",
        "<div>".repeat(520),
        "</div>".repeat(520)
    );
    let page = format!(
        "<!doctype html><html lang=zh><head><title> 标题 </title>\
         <meta property=\"og:title\" content=\"标题二\">\
         <link rel=\"canonical\" href=\"http://example.com/a\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"标题三\"}}</script>\
         </head><body><button><time datetime=\"2024-01-01\">按钮</time></button>\
         <div itemprop=\"articleBody\"><p>甲乙丙<a href=x>丁</a></p><br><img src=y></div>\
         <main><h1>标题</h1><article><p>正文</p></article></main>{deep}\
         <p>尾</p></body></html><!-- after -->"
    );
    let dom = Dom::parse_html(&page);
    let (pm, c, mut got, deferred) = read_page(&dom);
    deferred.fill(&mut got, 0..usize::MAX);
    let (pm2, c2) = page_meta_and_containers(&dom);
    let want = blocks(&dom, dom.body().unwrap());
    assert_eq!(format!("{pm:?}"), format!("{pm2:?}"));
    assert_eq!(pm.time.as_deref(), Some("2024-01-01"));
    assert_eq!(c.firsts, c2.firsts);
    assert_eq!(c.firsts.len(), 3);
    assert_eq!(format!("{got:?}"), format!("{want:?}"));
    assert!(got.len() >= 4);
    // A tree without a `<body>`: the whole tree walked for blocks.
    let mut dom = Dom::new();
    let div = dom.create_element(html5ever::LocalName::from("div"), Default::default());
    let h1 = dom.create_element(html5ever::LocalName::from("h1"), Default::default());
    let t = dom.create(Data::Text("题".into()));
    dom.append(dom.root(), div);
    dom.append(div, h1);
    dom.append(h1, t);
    let (pm, _, got, _) = read_page(&dom);
    assert_eq!(pm.h1.as_deref(), Some("题"));
    assert_eq!(
        format!("{got:?}"),
        format!("{:?}", blocks(&dom, dom.root()))
    );
}

#[test]
fn roles_follow_the_lists() {
    let common = ["span", "strong", "b", "i", "em", "font"];
    for n in named().chain(common).chain(["p ", "P"]) {
        assert!(role_of(n) == role_by_lists(n), "{n}");
        let atom = html5ever::LocalName::from(n);
        assert!(role_of_atom(&atom) == role_of(n), "{n}");
        assert!(role_of_atom_by_hash(&atom) == role_of(n), "{n}");
    }
    assert_eq!(role_of("script"), Some(Role::Skip));
    assert_eq!(role_of("span"), None);
    let Some(Role::Block(b)) = role_of("nav") else {
        panic!("nav is a block");
    };
    assert!(b.noise && !b.caption && !b.form && b.tag == "nav");
}
