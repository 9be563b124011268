//! Page shapes met on the extraction benchmark (`scripts/extract_bench.py`):
//! saved fragments without `<html>`, whole-page forms inside wrappers,
//! related-news and pagination runs, comment threads. The pages are
//! written for these tests; the text is our own.

mod common;

use common::extract;

const PROSE: [&str; 3] = [
    "东盟外长会议周四在雅加达开幕，与会各方就南海局势、缅甸问题和区域经济合作交换了意见。",
    "印度尼西亚外长在开幕式上表示，东盟应当保持团结，坚持以对话协商解决分歧，维护地区和平稳定。",
    "会议预计将发表联合公报，并讨论与中国、日本、韩国等对话伙伴的合作安排。",
];

#[test]
fn a_fragment_saved_without_html_or_body_tags_is_a_page() {
    // An old page kept from its layout table on: no `<html>`, no `<body>`,
    // no `<p>` or `<div>` near the top.
    let html = format!(
        "<table width=\"760\"><tr><td><img src=\"/logo.gif\"></td><td><a href=\"/\">首页</a></td></tr></table>\n\
         <table width=\"760\"><tr><td class=\"nav\"><a href=\"/gj\">国际</a> <a href=\"/js\">军事</a></td></tr></table>\n\
         <table width=\"760\"><tr><td><font size=\"4\"><b>东盟外长会议在雅加达开幕</b></font></td></tr>\n\
         <tr><td><font size=\"3\">{}<br><br>{}<br><br>{}</font></td></tr></table>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.form, shiju_core::Form::Html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn a_fragment_opening_on_title_and_script_is_a_page() {
    let html = format!(
        "<title>东盟外长会议在雅加达开幕</title><script>function check(){{ return false; }}</script>\n\
         <style>td {{ font-size: 12px }}</style>\n\
         <table><tr><td>{}<br>{}<br>{}</td></tr></table>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.title.as_deref(), Some("东盟外长会议在雅加达开幕"));
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn a_whole_page_form_inside_a_wrapper_is_not_a_form_widget() {
    // ASP.NET pages wrap everything in one `<form>`; a crawler's record
    // element (or a layout div) may sit between it and `<body>`. The
    // comment thread below the story must not become the body.
    let comments: String = (0..12)
        .map(|i| {
            format!(
                "<h4><a href=\"#c{i}\">#</a> re: 东盟外长会议在雅加达开幕 <span>2024-07-{:02} 10:{i:02}</span> 网友{i}</h4>\
                 <p>这篇报道写得很清楚，希望各方能够通过对话解决分歧，早日实现地区和平，大家都期待会议取得成果。</p>",
                i + 1
            )
        })
        .collect();
    let html = format!(
        "<html><body><record url=\"http://example.com/a.aspx\">\
         <form name=\"Form1\" method=\"post\" action=\"a.aspx\" id=\"Form1\">\
         <input type=\"hidden\" name=\"__VIEWSTATE\" value=\"\">\
         <div id=\"top\"><h1><a href=\"/\">某某博客</a></h1></div>\
         <div id=\"main\"><div class=\"post\"><h2><a href=\"/a.aspx\">东盟外长会议在雅加达开幕</a></h2>\
         <p>{}</p><p>{}</p><p>{}</p><p class=\"postfoot\">发表于 2024年7月1日 12:40</p></div>\
         <div id=\"comments\"><h3>评论</h3>{comments}</div></div>\
         </form></record></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(&a.paragraphs[..3], &PROSE[..]);
    assert!(
        a.paragraphs.iter().all(|p| !p.contains("re:")),
        "{:?}",
        a.paragraphs
    );
}

#[test]
fn a_search_form_beside_the_story_stays_out() {
    let html = format!(
        "<html><body><div class=\"wrap\"><div class=\"box\"><form action=\"/search\"><p>请输入关键词搜索本站新闻内容，支持标题和全文检索，结果按照时间排序显示。</p>\
         <input name=\"q\"></form></div>\
         <div class=\"article\"><h1>东盟外长会议在雅加达开幕</h1><p>{}</p><p>{}</p><p>{}</p></div></div></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn related_reports_heading_with_colon_and_pagination_end_the_story() {
    let html = format!(
        "<html><head><title>东盟外长会议在雅加达开幕</title></head><body><table><tr><td>\
         <p>当前位置：<a href=\"/\">首页</a>-&gt;<a href=\"/gj\">国际新闻</a></p>\
         <p>新闻 | 国际 | 军事 | 财经 |</p><p>推</p><p>荐</p>\
         <p>{}</p><p>{}</p><p>------------------------------</p><p>{}</p>\
         <p>第1页/共2页 &lt;&lt; 上一页 | 下一页 &gt;&gt;</p>\
         <p><b>相关报道：</b></p>\
         <p>·东盟峰会将于下月举行 (2024-06-30 14:32)</p>\
         <p>·南海行为准则磋商取得进展 (2024-06-28 09:10)</p>\
         </td></tr></table></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn hidden_menus_inside_the_story_box_stay_out() {
    let html = format!(
        "<html><head><title>东盟外长会议在雅加达开幕</title></head><body><div class=\"detail\">\
         <div class=\"left\"><h1>东盟外长会议在雅加达开幕</h1><p>{}</p><p>{}</p><p>{}</p></div>\
         <div class=\"right\"><h2 style=\"display: none;\"><a>政策原文</a></h2><ul style=\"DISPLAY:NONE\"><li>政务服务</li></ul>\
         <h2 hidden><a>新闻发布会</a></h2></div></div></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn a_story_hidden_until_a_script_shows_it_is_still_found() {
    let html = format!(
        "<html><body><div class=\"nav\"><a href=\"/\">首页</a></div>\
         <div id=\"story\" style=\"display:none\"><p>{}</p><p>{}</p><p>{}</p></div></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn two_equal_boxes_of_prose_give_the_first_every_time() {
    // Two boxes of different classes whose prose scores exactly the same
    // (same lengths, same punctuation): the main container is the one
    // earlier in the page, not whichever a hash map happens to yield.
    let other: Vec<String> = PROSE
        .iter()
        .map(|p| {
            p.replace("东盟", "欧盟")
                .replace("雅加达", "维也纳")
                .replace("印度尼西亚", "奥地利共和")
        })
        .collect();
    let html = format!(
        "<html><body><div class=\"w1\"><div class=\"x1\"><p>{}</p><p>{}</p><p>{}</p></div></div>\n\
         <div class=\"w2\"><div class=\"x2\"><p>{}</p><p>{}</p><p>{}</p></div></div></body></html>",
        PROSE[0], PROSE[1], PROSE[2], other[0], other[1], other[2]
    );
    for _ in 0..8 {
        let a = extract(&html);
        assert_eq!(a.paragraphs, PROSE.to_vec());
    }
}
