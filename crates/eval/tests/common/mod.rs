//! Builders shared by the integration tests.
#![allow(dead_code)]

use shiju_core::{
    Analysis, Article, Chars, Entity, EntityType, Event, Mention, Quote, Script, Timex,
};
use shiju_eval::{Gold, GoldArticle, GoldEntity, GoldEvent, GoldQuote, GoldTimex};

pub fn identity(s: &str) -> String {
    s.to_string()
}

/// A tiny traditional→simplified table, standing in for shiju's normaliser.
pub fn tiny_t2s(s: &str) -> String {
    s.replace("蒲亭", "普京")
        .replace('國', "国")
        .replace('說', "说")
}

pub fn article() -> GoldArticle {
    GoldArticle {
        title: Some("甲国与乙国举行会谈".into()),
        published: Some("2024-03-05".into()),
        published_alt: vec!["2024-03-04".into()],
        authors: vec!["Jane Roe".into()],
        outlet: Some("某报".into()),
        url: Some("https://example.invalid/a".into()),
        script: Some("simplified".into()),
        body_starts: "第一段开头".into(),
        body_ends: "最后一段结尾。".into(),
        body_must_contain: vec!["中间的一句话。".into()],
        body_must_not_contain: vec!["记者某某报道".into()],
    }
}

pub fn gold() -> Gold {
    Gold {
        doc: "doc.txt".into(),
        article: article(),
        entities: vec![],
        timex: vec![],
        quotes: vec![],
        events: vec![],
    }
}

/// An article that satisfies every rule of `article()`.
pub fn good_article() -> Article {
    Article {
        title: Some("甲国与乙国举行会谈".into()),
        published: Some("2024-03-05".into()),
        authors: vec!["Jane Roe".into()],
        outlet: Some("某报".into()),
        url: Some("https://example.invalid/a".into()),
        script: Script::Simplified,
        paragraphs: vec![
            "第一段开头，说了些事。".into(),
            "中间的一句话。".into(),
            "这是最后一段结尾。".into(),
        ],
        ..Article::default()
    }
}

pub fn analysis() -> Analysis {
    Analysis {
        doc: "doc.txt".into(),
        article: good_article(),
        ..Analysis::default()
    }
}

pub fn gent(id: &str, kind: EntityType, forms: &[&str]) -> GoldEntity {
    GoldEntity {
        id: id.into(),
        kind,
        country: None,
        forms: forms.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn pent(id: &str, kind: EntityType, forms: &[&str]) -> Entity<Chars> {
    Entity {
        id: id.into(),
        kind,
        country: None,
        role: None,
        name: None,
        forms: forms.iter().map(|s| s.to_string()).collect(),
        mentions: vec![],
        actor: None,
    }
}

pub fn mention(text: &str) -> Mention<Chars> {
    Mention {
        text: text.into(),
        start: 0,
        end: 0,
        unit: Chars,
    }
}

pub fn gtx(text: &str, value: &str) -> GoldTimex {
    GoldTimex {
        text: text.into(),
        value: value.into(),
    }
}

pub fn ptx(text: &str, value: &str) -> Timex<Chars> {
    Timex {
        text: text.into(),
        value: value.into(),
        start: 0,
        end: 0,
        unit: Chars,
    }
}

pub fn gq(speaker: &str, starts: &str) -> GoldQuote {
    GoldQuote {
        speaker: speaker.into(),
        starts: starts.into(),
    }
}

pub fn pq(speaker: Option<&str>, text: &str) -> Quote<Chars> {
    Quote {
        speaker: speaker.map(str::to_string),
        text: text.into(),
        start: 0,
        end: 0,
        unit: Chars,
    }
}

pub fn gev(source: &str, target: &str, cameo: &str, alt: &[&str], date: &str) -> GoldEvent {
    GoldEvent {
        source: source.into(),
        target: target.into(),
        cameo: cameo.into(),
        code: None,
        cameo_alt: alt.iter().map(|s| s.to_string()).collect(),
        date: date.into(),
        evidence: "证据".into(),
    }
}

pub fn pev(source: &str, target: &str, code: &str, date: &str) -> Event<Chars> {
    Event {
        source: source.into(),
        target: target.into(),
        source_entity: None,
        target_entity: None,
        code: code.into(),
        cameo: code.get(..2).unwrap_or("").into(),
        goldstein: None,
        quad_class: 0,
        plover: None,
        date: date.into(),
        evidence: "证据".into(),
        start: 0,
        end: 0,
        unit: Chars,
    }
}

/// An analysis that is exactly right for `g`.
pub fn perfect(g: &Gold) -> Analysis {
    let ga = &g.article;
    let mut paragraphs = vec![ga.body_starts.clone()];
    paragraphs.extend(ga.body_must_contain.iter().cloned());
    paragraphs.push(ga.body_ends.clone());
    let script = if ga.script.as_deref() == Some("traditional") {
        Script::Traditional
    } else {
        Script::Simplified
    };
    Analysis {
        doc: g.doc.clone(),
        article: Article {
            title: ga.title.clone(),
            published: ga.published.clone(),
            authors: ga.authors.clone(),
            outlet: ga.outlet.clone(),
            url: ga.url.clone(),
            script,
            paragraphs,
            ..Article::default()
        },
        entities: g
            .entities
            .iter()
            .map(|e| Entity {
                id: e.id.clone(),
                kind: e.kind,
                country: e.country.clone(),
                role: None,
                name: None,
                forms: e.forms.clone(),
                mentions: vec![],
                actor: None,
            })
            .collect(),
        timex: g.timex.iter().map(|t| ptx(&t.text, &t.value)).collect(),
        quotes: g
            .quotes
            .iter()
            .map(|q| pq(Some(&q.speaker), &format!("“{}……”", q.starts)))
            .collect(),
        events: g
            .events
            .iter()
            .map(|e| {
                let mut p = pev(
                    &e.source,
                    &e.target,
                    e.code.as_deref().unwrap_or(&e.cameo),
                    &e.date,
                );
                p.cameo = e.cameo.clone();
                p
            })
            .collect(),
    }
}
