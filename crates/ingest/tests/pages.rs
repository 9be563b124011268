//! Generic HTML extraction on page layouts common among Chinese news sites.
//! The pages are written for these tests (layouts modelled on real sites,
//! text our own).

mod common;

use common::extract;

const PROSE: [&str; 3] = [
    "联合国安理会周二就加沙局势举行紧急会议，多国代表呼吁各方立即停火，保护平民安全。",
    "会上，中国常驻联合国代表表示，国际社会应当推动局势降温，防止冲突外溢，并为人道主义救援创造条件。",
    "美国代表则称，华盛顿将继续与地区伙伴密切沟通，推动释放被扣押人员。",
];

#[test]
fn portal_page_with_nav_sidebar_related_and_footer() {
    let html = format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>安理会就加沙局势举行紧急会议_国际新闻_某某网</title>
<meta property="og:site_name" content="某某网"></head><body>
<div class="nav"><a href="/">首页</a><a href="/gj">国际</a><a href="/js">军事</a></div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/gj">国际</a></div>
<div class="main"><h1>安理会就加沙局势举行紧急会议</h1>
<div class="info">2024-03-05 09:12:33　来源：新华社　作者：张明</div>
<div class="article-content"><p>{}</p><p>{}</p><p>{}</p>
<p>（责任编辑：李华）</p></div>
<div class="share">分享到：微信 微博</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">安理会再次讨论加沙局势</a></li><li><a href="/2">多国呼吁停火</a></li></ul></div>
</div>
<div class="sidebar"><h3>热点排行</h3><ol><li><a href="/3">某地发生地震</a></li><li><a href="/4">某国举行大选</a></li></ol></div>
<div class="footer">Copyright © 2024 某某网 版权所有</div></body></html>"#,
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.title.as_deref(), Some("安理会就加沙局势举行紧急会议"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
    assert_eq!(a.authors, vec!["张明"]);
    assert_eq!(a.outlet.as_deref(), Some("某某网"));
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn paragraphs_separated_by_br_in_one_container() {
    let html = format!(
        "<html><head><title>安理会会议 - 某报</title></head><body><div id=\"zoom\">　　{}<br><br>　　{}<br/><br/>　　{}</div>\
         <div class=\"pages\"><a href=\"/p2\">下一页</a></div></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn article_in_a_table_cell_on_an_old_site() {
    let html = format!(
        "<html><head><title>安理会会议</title></head><body><table><tr><td class=\"menu\"><a href=\"/\">首页</a> | <a href=\"/a\">要闻</a></td></tr>\
         <tr><td><p>{}</p><p>{}</p><p>{}</p></td></tr><tr><td>主办单位：某某 版权所有</td></tr></table></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn json_ld_and_open_graph_metadata() {
    let html = format!(
        r#"<html><head><title>Breaking | 某台</title>
<meta property="og:title" content="安理会就加沙局势举行紧急会议">
<link rel="canonical" href="https://www.example.com/news/2024/03/05/gaza-unsc">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"安理会就加沙局势举行紧急会议","datePublished":"2024-03-05T01:12:00+08:00","author":[{{"@type":"Person","name":"王晓"}},{{"@type":"Person","name":"Chris Lee"}}],"publisher":{{"@type":"Organization","name":"某台新闻"}}}}</script>
</head><body><main role="main"><article><header><h1>安理会就加沙局势举行紧急会议</h1></header>
<div dir="ltr"><p>{}</p><p>{}</p></div><figure><img src="a.jpg"><figcaption>安理会会场。</figcaption></figure><div dir="ltr"><p>{}</p></div></article>
<aside><h2>热门推荐</h2><a href="/x">某新闻</a></aside></main></body></html>"#,
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.title.as_deref(), Some("安理会就加沙局势举行紧急会议"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05"));
    assert_eq!(a.authors, vec!["王晓", "Chris Lee"]);
    assert_eq!(a.outlet.as_deref(), Some("某台新闻"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.example.com/news/2024/03/05/gaza-unsc")
    );
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn portal_footers_inside_the_article_are_dropped() {
    let html = format!(
        "<html><head><title>标题</title></head><body><article class=\"article\"><h1>安理会就加沙局势举行紧急会议</h1>\
         <p>原标题：安理会开会</p><p>{}</p><p>{}</p><p>{}</p><p>返回搜狐，查看更多</p><p>声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务。</p></article></body></html>",
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
}

#[test]
fn captions_are_kept_apart_from_the_body() {
    let html = format!(
        r#"<html><head><meta charset="utf-8"><title>外长会谈</title></head><body>
<article><h1>外长会谈</h1>
<figure><img src="a.jpg"><figcaption>两国外长周三在开罗举行会谈。（资料图片）</figcaption></figure>
<p>{}</p><p>{}</p>
<p><img src="b.jpg"><small>会谈前，两国外长在开罗握手致意。</small></p>
<p>{}</p>
<figure><img src="c.jpg"><figcaption>新华社</figcaption></figure>
</article></body></html>"#,
        PROSE[0], PROSE[1], PROSE[2]
    );
    let a = extract(&html);
    assert_eq!(a.paragraphs, PROSE.to_vec());
    assert_eq!(
        a.captions,
        vec![
            "两国外长周三在开罗举行会谈。（资料图片）".to_string(),
            "会谈前，两国外长在开罗握手致意。".to_string()
        ],
        "a bare credit is not a caption"
    );
}
