//! The knowledge ingest uses, read from `lexicon/boilerplate.tsv`,
//! `lexicon/outlets.tsv`, `lexicon/outlet_states.tsv` and
//! `lexicon/sentence_starters.tsv` (compiled in, extensible with
//! `--lexicon DIR`).

use std::path::Path;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_text::automaton::{build_cached, BuildOptions};

use shiju_lexicon::{LexiconError, Rows, Table};
use shiju_text::punct;

const BOILERPLATE: &str = include_str!("../../../lexicon/boilerplate.tsv");
const OUTLETS: &str = include_str!("../../../lexicon/outlets.tsv");
const OUTLET_STATES: &str = include_str!("../../../lexicon/outlet_states.tsv");
const STARTERS: &str = include_str!("../../../lexicon/sentence_starters.tsv");
const PHOTO_CREDITS: &str = include_str!("../../../lexicon/photo_credits.tsv");
const CREDITS: &str = include_str!("../../../lexicon/credits.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Exact,
    Prefix,
    Contains,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Drop,
    End,
    Cut,
    /// An exception listed before a broader rule: a phrase of prose that
    /// contains a boilerplate pattern (`版权所有者` holds `版权所有`).
    Keep,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub pattern: String,
    pub how: Match,
    pub action: Action,
}

/// Verdicts already given ([`Rules::verdict`]), by paragraph trimmed.
pub(crate) type Known<'a> = rustc_hash::FxHashMap<&'a str, &'a Verdict>;

/// What a paragraph is, according to the boilerplate rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    Drop,
    /// Keep only this prefix of the paragraph, then end the body.
    CutThenEnd(String),
    End,
}

#[derive(Clone, Default)]
pub struct Rules {
    pub boilerplate: Vec<Rule>,
    /// All boilerplate patterns in one automaton (value = rule index), so a
    /// paragraph is scanned once whatever the number of rules.
    matcher: Option<std::sync::Arc<CharwiseDoubleArrayAhoCorasick<u32>>>,
    /// (host or host/path-prefix, outlet name)
    pub domains: Vec<(String, String)>,
    /// The host part of each `domains` key → the indices of its rows, in
    /// row order (built by `new`; [`Rules::outlet_of_url`] scans every row
    /// when it does not cover `domains`).
    domain_hosts: std::collections::HashMap<String, Vec<u32>>,
    /// The number of `domains` rows `domain_hosts` was built from.
    indexed_domains: usize,
    /// News agencies printed in datelines.
    pub agencies: Vec<String>,
    /// Outlet name → the Chinese-speaking state it belongs to.
    pub outlet_states: std::collections::HashMap<String, String>,
    /// Words that commonly open a sentence of news prose (where wire copy
    /// resumes after glued-in headlines).
    pub starters: Vec<String>,
    /// Every outlet name and alias (outlets.tsv), agencies included.
    pub outlet_names: Vec<String>,
    /// `outlet_names` and `agencies` in one automaton (value: the name's
    /// length in characters), built by `new`.
    outlet_matcher: Option<std::sync::Arc<CharwiseDoubleArrayAhoCorasick<u32>>>,
    /// An agency is listed with an empty name (in every name).
    empty_outlet: bool,
    /// Photo credits (photo_credits.tsv): sources, suffixes, markers.
    pub photo_sources: Vec<String>,
    pub photo_suffixes: Vec<String>,
    pub photo_markers: Vec<String>,
    /// Credit markers of trailing credit lines (credits.tsv): `(marker,
    /// is_author)`.
    pub credits: Vec<(String, bool)>,
}

impl Rules {
    pub fn new(user_dir: Option<&Path>) -> Result<Rules, LexiconError> {
        let mut rules = Rules::default();
        let t = Table::load("boilerplate.tsv", BOILERPLATE, user_dir)?;
        // By pattern: a later row replaces an earlier one, `-pattern`
        // removes it.
        let mut boilerplate: Rows<String, (Match, Action)> = Rows::default();
        for r in t.records() {
            let how = match r.get("match") {
                "exact" => Match::Exact,
                "prefix" => Match::Prefix,
                "contains" => Match::Contains,
                other => return Err(r.error(format!("unknown match {other:?}"))),
            };
            let action = match r.get("action") {
                "drop" => Action::Drop,
                "end" => Action::End,
                "cut" => Action::Cut,
                "keep" => Action::Keep,
                other => return Err(r.error(format!("unknown action {other:?}"))),
            };
            let pattern = r.get("pattern");
            if let Some(key) = pattern.strip_prefix('-') {
                boilerplate.remove(key);
                continue;
            }
            boilerplate.set(pattern.to_string(), (how, action));
        }
        rules.boilerplate = boilerplate
            .into_vec()
            .into_iter()
            .map(|(pattern, (how, action))| Rule {
                pattern,
                how,
                action,
            })
            .collect();
        let t = Table::load("outlets.tsv", OUTLETS, user_dir)?;
        // By key: a later row replaces an earlier one.
        let mut domains: Rows<String, String> = Rows::default();
        // The names listed so far (each kept once, at its first row; Fx,
        // sized for a name and an alias a row: only membership is asked).
        let mut names: rustc_hash::FxHashSet<&str> =
            rustc_hash::FxHashSet::with_capacity_and_hasher(2 * t.len(), Default::default());
        for r in t.records() {
            let key = r.get("domain");
            let name = r.get("outlet");
            if let Some(agency) = key.strip_prefix("agency:") {
                rules.agencies.push(agency.to_string());
            } else if !key.is_empty() {
                domains.set(key.to_string(), name.to_string());
            }
            for n in std::iter::once(name).chain(r.list("aliases")) {
                if n.chars().count() >= 2 && names.insert(n) {
                    rules.outlet_names.push(n.to_string());
                }
            }
        }
        rules.domains = domains.into_vec();
        rules.index_domain_hosts();
        let t = Table::load("photo_credits.tsv", PHOTO_CREDITS, user_dir)?;
        for r in t.records() {
            let credit = r.get("credit").to_string();
            match r.get("kind") {
                "source" => rules.photo_sources.push(credit),
                "suffix" => rules.photo_suffixes.push(credit),
                "marker" => rules.photo_markers.push(credit),
                other => return Err(r.error(format!("unknown kind {other:?}"))),
            }
        }
        let t = Table::load("credits.tsv", CREDITS, user_dir)?;
        for r in t.records() {
            let is_author = match r.get("role") {
                "author" => true,
                "other" => false,
                other => return Err(r.error(format!("unknown role {other:?}"))),
            };
            rules.credits.push((r.get("marker").to_string(), is_author));
        }
        // Longest first: 责任编辑 before 编辑.
        rules
            .credits
            .sort_by_key(|(m, _)| std::cmp::Reverse(m.chars().count()));
        let t = Table::load("sentence_starters.tsv", STARTERS, user_dir)?;
        rules.starters = t.records().map(|r| r.get("word").to_string()).collect();
        let t = Table::load("outlet_states.tsv", OUTLET_STATES, user_dir)?;
        for r in t.records() {
            let outlet = r.get("outlet").trim();
            if let Some(key) = outlet.strip_prefix('-') {
                rules.outlet_states.remove(key);
                continue;
            }
            let iso = r.get("iso3").trim();
            if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(r.error(format!("bad ISO3 code {iso:?}")));
            }
            if !outlet.is_empty() {
                rules
                    .outlet_states
                    .insert(outlet.to_string(), iso.to_string());
            }
        }
        if !rules.boilerplate.is_empty() {
            let pats: Vec<(&str, u32)> = rules
                .boilerplate
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.pattern.is_empty())
                .map(|(i, r)| (r.pattern.as_str(), i as u32))
                .collect();
            // Duplicate patterns were removed above, so the build only fails on
            // an empty set. (No prefilter: paragraphs are short, and setting one
            // up per paragraph costs more than it skips.)
            rules.matcher = build_cached("boilerplate", BuildOptions::STANDARD_NO_PREFILTER, pats)
                .ok()
                .map(std::sync::Arc::new);
        }
        let mut names: Vec<&str> = rules
            .outlet_names
            .iter()
            .chain(&rules.agencies)
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.dedup();
        rules.empty_outlet = names.first() == Some(&"");
        let pats = names
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| (*n, n.chars().count() as u32));
        rules.outlet_matcher = build_cached("outlets", BuildOptions::STANDARD_NO_PREFILTER, pats)
            .ok()
            .map(std::sync::Arc::new);
        // Longest agency first so that 中新网 wins over 中新社 prefixes etc.
        rules
            .agencies
            .sort_by_key(|a| std::cmp::Reverse(a.chars().count()));
        Ok(rules)
    }

    /// Judges one paragraph: the first rule (in file order) that matches.
    pub fn verdict(&self, para: &str) -> Verdict {
        let p = para.trim();
        let Some(ac) = &self.matcher else {
            return Verdict::Keep;
        };
        // A heading matched whole may end on a colon or an arrow
        // (`相关报道：`, `更多 >>`): the rule's words are the whole line.
        let head_len = p
            .trim_end_matches(|c: char| {
                matches!(c, ':' | punct::COLON | '>' | '»' | punct::RIGHT_BOOK_TITLE)
                    || c.is_whitespace()
            })
            .len();
        let mut best: Option<(usize, usize)> = None; // (rule index, match start)
        for m in ac.find_overlapping_iter(p) {
            let i = m.value() as usize;
            let r = &self.boilerplate[i];
            let hit = match r.how {
                Match::Exact => m.start() == 0 && (m.end() == p.len() || m.end() == head_len),
                Match::Prefix => m.start() == 0,
                Match::Contains => true,
            };
            if hit && best.is_none_or(|(b, _)| i < b) {
                best = Some((i, m.start()));
            }
        }
        let Some((i, at)) = best else {
            return Verdict::Keep;
        };
        match self.boilerplate[i].action {
            Action::Drop => Verdict::Drop,
            Action::End => Verdict::End,
            Action::Keep => Verdict::Keep,
            Action::Cut => {
                let keep = p[..at].trim();
                if keep.is_empty() {
                    Verdict::End
                } else {
                    Verdict::CutThenEnd(keep.to_string())
                }
            }
        }
    }

    /// Whether `name` is an outlet's name (or alias, or a news agency's),
    /// alone or with a short decoration (`(臺)中央社CNA`, `RTI 中央廣播電臺`):
    /// such a credit is never an author.
    pub fn is_outlet_name(&self, name: &str) -> bool {
        let n = name.trim();
        let len = n.chars().count();
        // A name inside `n` is enough when it has 3 characters or more, or
        // when `n` is at most 8 longer (`n == o` among them): every name
        // inside it found in one scan.
        if let Some(ac) = &self.outlet_matcher {
            return (self.empty_outlet && len <= 8)
                || ac
                    .find_overlapping_iter(n)
                    .any(|m| m.value() >= 3 || len <= m.value() as usize + 8);
        }
        self.outlet_name_by_scan(n, len)
    }

    /// [`Rules::is_outlet_name`] name by name (`n` trimmed, `len` its
    /// characters): where the automaton could not be built, and the
    /// reference its test compares with.
    fn outlet_name_by_scan(&self, n: &str, len: usize) -> bool {
        self.outlet_names.iter().chain(&self.agencies).any(|o| {
            n == o
                || (o.chars().count() >= 3 && n.contains(o.as_str()))
                || (len <= o.chars().count() + 8 && n.contains(o.as_str()))
        })
    }

    /// Whether a short tail (`新華網`, `網上截圖`, `美聯社資料照片`) is a photo
    /// credit.
    pub fn is_photo_credit(&self, tail: &str) -> bool {
        let t = tail.trim();
        let n = t.chars().count();
        n > 0
            && n <= 16
            && !t.contains([punct::COMMA, punct::FULL_STOP, ','])
            && (self.photo_sources.iter().any(|s| t.starts_with(s.as_str()))
                || self.photo_suffixes.iter().any(|s| t.ends_with(s.as_str())))
    }

    /// Whether a bracket group (`（圖／翻攝臉書）`, `(美聯社/達志影像)`) credits a
    /// photo.
    pub fn photo_credit_in(&self, group: &str) -> bool {
        let inner = group.trim_matches([punct::LEFT_PAREN, punct::RIGHT_PAREN, '(', ')', ' ']);
        self.photo_markers
            .iter()
            .any(|m| inner.contains(m.as_str()))
            || (inner.contains(['/', punct::SOLIDUS])
                && self
                    .photo_sources
                    .iter()
                    .any(|s| inner.starts_with(s.as_str())))
            || self.is_photo_credit(inner)
    }

    /// Applies the boilerplate rules to a sequence of paragraphs.
    pub fn clean(&self, paras: Vec<String>) -> Vec<String> {
        self.clean_known(paras, &Known::default())
    }

    /// [`Rules::clean`], taking the verdicts `known` holds (by paragraph
    /// trimmed) rather than judging those paragraphs again.
    pub(crate) fn clean_known(&self, paras: Vec<String>, known: &Known) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(paras.len());
        let mut seen_prose = false;
        for p in paras {
            let verdict = match known.get(p.trim()) {
                Some(v) => (*v).clone(),
                None => self.verdict(&p),
            };
            match verdict {
                Verdict::Keep => {
                    // Counted until the first paragraph of prose only.
                    if !seen_prose {
                        seen_prose = crate::html::cjk_at_least(&p, 20);
                    }
                    out.push(p);
                }
                Verdict::Drop => {}
                // A closing heading above the story (a `发表评论` button
                // beside the headline) is a link, not the story's end.
                Verdict::End if !seen_prose => {}
                Verdict::CutThenEnd(k) => {
                    out.push(k);
                    break;
                }
                Verdict::End => break,
            }
        }
        out
    }

    /// The Chinese-speaking state an outlet belongs to (`outlet_states.tsv`).
    pub fn outlet_state(&self, outlet: &str) -> Option<&str> {
        self.outlet_states.get(outlet.trim()).map(String::as_str)
    }

    /// Whether `name` is an outlet's own name (the `outlet` column of a
    /// domain row of `outlets.tsv`), not an alias.
    pub fn is_outlet_own_name(&self, name: &str) -> bool {
        !name.is_empty() && self.domains.iter().any(|(_, n)| n == name)
    }

    /// Fills `domain_hosts` from `domains`.
    fn index_domain_hosts(&mut self) {
        self.domain_hosts.clear();
        for (i, (key, _)) in self.domains.iter().enumerate() {
            let host = key.split_once('/').map_or(key.as_str(), |(h, _)| h);
            self.domain_hosts
                .entry(host.to_string())
                .or_default()
                .push(i as u32);
        }
        self.indexed_domains = self.domains.len();
    }

    /// The indices of the `domains` rows whose host matches `host`
    /// (lower-cased), in row order: the host itself, a parent domain of it
    /// (`news.x.com` for `x.com`), or a `www.` key for the bare host.
    fn domain_rows(&self, host: &str) -> Vec<u32> {
        if self.indexed_domains != self.domains.len() {
            return (0..self.domains.len() as u32).collect();
        }
        let mut rows = Vec::new();
        let mut add = |h: &str| {
            if let Some(r) = self.domain_hosts.get(h) {
                rows.extend_from_slice(r);
            }
        };
        add(host);
        for dot in memchr::memchr_iter(b'.', host.as_bytes()) {
            add(&host[dot + 1..]);
        }
        add(&format!("www.{host}"));
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// The outlet of a URL, by the longest matching host (and path prefix).
    pub fn outlet_of_url(&self, url: &str) -> Option<String> {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let host = host.to_ascii_lowercase();
        let rows = self.domain_rows(&host);
        if rows.is_empty() {
            return None;
        }
        // `//cn/…` is `/cn/…`.
        let mut path_buf = String::with_capacity(path.len());
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            path_buf.push('/');
            path_buf.push_str(seg);
        }
        path_buf.push('/');
        let path = path_buf.as_str();
        let mut best: Option<(usize, &str)> = None;
        for &row in &rows {
            let (key, name) = &self.domains[row as usize];
            let (kh, kp) = match key.find('/') {
                Some(i) => (&key[..i], &key[i..]),
                None => (key.as_str(), ""),
            };
            let host_ok = host == kh
                || host.strip_suffix(kh).is_some_and(|sub| sub.ends_with('.'))
                || kh.strip_prefix("www.").is_some_and(|bare| host == bare);
            if !host_ok {
                continue;
            }
            // A path prefix matches as whole segments anywhere in the path
            // (editions put the language last: `/a/b/zh-hant/`): `seg/`
            // within the path, found at each `/` without a copy.
            let seg = kp.trim_end_matches('/');
            let path_ok = seg.is_empty()
                || memchr::memchr_iter(b'/', path.as_bytes())
                    .any(|p| path.as_bytes()[..p].ends_with(seg.as_bytes()));
            if path_ok && best.is_none_or(|(l, _)| key.len() > l) {
                best = Some((key.len(), name));
            }
        }
        best.map(|(_, n)| n.to_string())
    }
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rules")
            .field("boilerplate", &self.boilerplate.len())
            .field("domains", &self.domains.len())
            .field("agencies", &self.agencies)
            .finish()
    }
}

#[cfg(test)]
mod tests {

    /// `is_outlet_name` read name by name, as before its automaton.
    fn outlet_name_by_scan(r: &Rules, name: &str) -> bool {
        let n = name.trim();
        r.outlet_name_by_scan(n, n.chars().count())
    }

    #[test]
    fn outlet_names_found_in_one_scan_as_by_name() {
        let r = Rules::new(None).unwrap();
        let mut cases: Vec<String> = ["", "张三", "本报记者 李四", "RTI 电台记者", "x"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for o in r.outlet_names.iter().chain(&r.agencies).take(400) {
            cases.push(o.clone());
            cases.push(format!("（台）{o}记者"));
            cases.push(format!("{o}驻外特派记者某某某某某某某"));
        }
        for c in &cases {
            assert_eq!(r.is_outlet_name(c), outlet_name_by_scan(&r, c), "{c}");
        }
    }

    #[test]
    fn outlets_of_chinese_speaking_states() {
        let r = Rules::new(None).unwrap();
        assert_eq!(r.outlet_state("中央社"), Some("TWN"));
        assert_eq!(r.outlet_state("新华社"), Some("CHN"));
        assert_eq!(r.outlet_state("纽约时报中文网"), None);
    }

    use super::*;

    #[test]
    fn known_verdicts_are_taken_without_judging_again() {
        let r = Rules::new(None).unwrap();
        let paras: Vec<String> = [
            "普京周三抵达。",
            "点击查看本文英文版。",
            "外交部发言人表示欢迎。",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            r.clean_known(paras.clone(), &Known::default()),
            r.clean(paras.clone())
        );
        // A verdict given (here a made-up one) is the one applied, looked
        // up by the paragraph trimmed.
        let drop = Verdict::Drop;
        let known: Known = [("普京周三抵达。", &drop)].into_iter().collect();
        let mut spaced = paras.clone();
        spaced[0] = " 普京周三抵达。 ".into();
        assert_eq!(
            r.clean_known(spaced, &known),
            vec!["外交部发言人表示欢迎。".to_string()]
        );
    }

    #[test]
    fn builtin_rules_load_and_judge() {
        let r = Rules::new(None).unwrap();
        assert_eq!(r.verdict("点击查看本文英文版。"), Verdict::Drop);
        assert_eq!(
            r.verdict("以上内容为资讯信息快照,由某爬虫采集"),
            Verdict::End
        );
        assert_eq!(r.verdict("普京周三抵达。"), Verdict::Keep);
        assert!(r.agencies.contains(&"中央社".to_string()));
    }

    #[test]
    fn whole_line_headings_may_end_on_a_colon_or_arrow() {
        let r = Rules::new(None).unwrap();
        assert_eq!(r.verdict("相关报道："), Verdict::End);
        assert_eq!(r.verdict("相关新闻 >>"), Verdict::End);
        assert_eq!(r.verdict("相關新聞:"), Verdict::End);
        // Words after the heading make it a sentence, not the heading.
        assert_eq!(
            r.verdict("相关报道：外交部发言人周二回应了记者提问。"),
            Verdict::Keep
        );
    }

    #[test]
    fn a_closing_heading_above_the_story_is_dropped_not_the_end() {
        let r = Rules::new(None).unwrap();
        let story = "东盟外长会议周四在雅加达开幕，与会各方就南海局势和区域经济合作交换了意见。";
        let paras = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            r.clean(paras(&["发表评论", story, "发表评论", "网友甲：说得好"])),
            vec![story.to_string()]
        );
    }

    #[test]
    fn a_keep_exception_wins_over_a_later_broader_rule() {
        let r = Rules::new(None).unwrap();
        assert_eq!(r.verdict("Copyright © 2024 某某网 版权所有"), Verdict::Drop);
        assert_eq!(
            r.verdict("唱片业协会表示，平台使用音乐作品前必须获得版权所有者的许可。"),
            Verdict::Keep
        );
    }

    /// A user folder's rows replace the built-in rows of the same key
    /// (moved to the end), `-pattern` removes a boilerplate rule, and an
    /// outlet name listed twice is kept once.
    #[test]
    fn user_rows_replace_and_remove_by_key() {
        let dir = std::env::temp_dir().join(format!("shiju-rules-rows-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("boilerplate.tsv"),
            "pattern\tmatch\taction\tnote\n\
             点击查看本文英文版\texact\tend\treplaced\n\
             -获取更多RSS\tcontains\tend\tremoved\n\
             某某专栏\tprefix\tdrop\tnew\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("outlets.tsv"),
            "domain\toutlet\tnote\taliases\n\
             example.org\t甲乙报\tfirst\t\n\
             example.org\t丙丁报\tsecond\t甲乙报\n",
        )
        .unwrap();
        let builtin = Rules::new(None).unwrap();
        let r = Rules::new(Some(&dir)).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let last = &r.boilerplate[r.boilerplate.len() - 2..];
        assert_eq!(last[0].pattern, "点击查看本文英文版");
        assert_eq!((last[0].how, last[0].action), (Match::Exact, Action::End));
        assert_eq!(last[1].pattern, "某某专栏");
        assert_eq!(r.boilerplate.len(), builtin.boilerplate.len());
        assert!(!r.boilerplate.iter().any(|b| b.pattern == "获取更多RSS"));
        assert_eq!(
            r.boilerplate
                .iter()
                .filter(|b| b.pattern == "点击查看本文英文版")
                .count(),
            1
        );
        assert_eq!(r.verdict("点击查看本文英文版"), Verdict::End);
        assert_eq!(
            r.domains.last(),
            Some(&("example.org".to_string(), "丙丁报".to_string()))
        );
        assert_eq!(r.domains.len(), builtin.domains.len() + 1);
        let listed = |n: &str| r.outlet_names.iter().filter(|x| *x == n).count();
        assert_eq!((listed("甲乙报"), listed("丙丁报")), (1, 1));
        assert_eq!(
            r.outlet_of_url("https://example.org/a").as_deref(),
            Some("丙丁报")
        );
    }

    #[test]
    fn outlet_by_longest_domain() {
        let r = Rules::new(None).unwrap();
        assert_eq!(
            r.outlet_of_url("https://cn.nytimes.com/asia-pacific/20230507/x/")
                .as_deref(),
            Some("纽约时报中文网")
        );
        assert_eq!(
            r.outlet_of_url("https://www.bbc.com/zhongwen/trad/world-1")
                .as_deref(),
            Some("BBC News 中文")
        );
        assert_eq!(
            r.outlet_of_url("https://zaobao.com/news/1").as_deref(),
            Some("联合早报")
        );
        assert_eq!(r.outlet_of_url("https://example.com/a"), None);
        assert_eq!(
            r.outlet_of_url("http://www.rfi.fr//cn/x/2020-y").as_deref(),
            Some("法广")
        );
        assert_eq!(
            r.outlet_of_url("https://cn.nytimes.com/world/20230911/x/zh-hant/")
                .as_deref(),
            Some("紐約時報中文網")
        );
        // Print and online editions of one paper, told apart by the path.
        assert_eq!(
            r.outlet_of_url("https://news.ltn.com.tw/news/world/paper/1")
                .as_deref(),
            Some("自由時報")
        );
        assert_eq!(
            r.outlet_of_url("https://news.ltn.com.tw/news/world/breakingnews/1")
                .as_deref(),
            Some("自由時報電子報")
        );
        assert_eq!(
            r.outlet_of_url("https://www.chinatimes.com/newspapers/20240101000001-260108")
                .as_deref(),
            Some("中國時報")
        );
        assert!(r.is_outlet_own_name("新华网"));
        assert!(!r.is_outlet_own_name("新華社"));
        assert!(r.is_outlet_name("中央通訊社 Central News Agency"));
        assert!(r.is_outlet_name("(臺)中央社CNA"));
        assert!(!r.is_outlet_name("王小明"));
    }

    #[test]
    fn outlet_rows_found_by_host_match_a_full_scan() {
        let rows = [
            ("example.org", "甲报"),
            ("www.example.org/cn/", "甲报中文"),
            ("news.example.org", "甲报新闻"),
            ("sample.net", "乙报"),
        ];
        let mut indexed = Rules {
            domains: rows
                .iter()
                .map(|(d, n)| (d.to_string(), n.to_string()))
                .collect(),
            ..Rules::default()
        };
        let mut scanned = indexed.clone();
        indexed.index_domain_hosts();
        for url in [
            "https://example.org/a",
            "https://EXAMPLE.org/cn/b",
            "https://a.news.example.org/x",
            "https://news.example.org/cn/x",
            "https://www.sample.net/",
            "https://sample.net.cn/",
            "https://other.com/",
        ] {
            assert_eq!(
                indexed.outlet_of_url(url),
                scanned.outlet_of_url(url),
                "{url}"
            );
        }
        assert_eq!(
            indexed
                .outlet_of_url("https://example.org/x/cn/y")
                .as_deref(),
            Some("甲报中文")
        );
        // Rows added after the index was built are still found.
        scanned.domains.push(("other.com".into(), "丙报".into()));
        assert_eq!(
            scanned.outlet_of_url("https://other.com/").as_deref(),
            Some("丙报")
        );
    }
}
