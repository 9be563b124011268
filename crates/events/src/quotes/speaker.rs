//! Who is speaking: the named person or actor around a verb of saying.

use super::lexicon::Lexicon;
use crate::actors::{after_non_subject, Units};
use crate::segment::{is_clause_break, Sentence};
use shiju_text::punct;
use shiju_text::short::find_short;

/// A speaker: an entity id, whether it speaks officially, and where the
/// mention naming it starts (`pronoun` when that mention is 他/她).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub id: String,
    pub official: bool,
    pub pronoun: bool,
    pub at: usize,
}

impl Speaker {
    /// A person (他/她 stand for people, never for a state or body).
    pub fn is_person(&self) -> bool {
        self.id.starts_with("person:") || self.id.starts_with("new:")
    }
}

/// What was found before a verb of saying.
pub enum Before {
    Found(Speaker),
    /// 她引述信说：the words are someone else's, and that one is not named.
    Blocked,
    None,
}

/// The text and its actor units, as the speaker rules read them.
#[derive(Clone, Copy)]
pub struct Scan<'a> {
    pub lex: &'a Lexicon,
    pub norm: &'a str,
    pub units: &'a Units,
}

impl<'a> Scan<'a> {
    pub fn new(lex: &'a Lexicon, norm: &'a str, units: &'a Units) -> Self {
        Scan { lex, norm, units }
    }
}

impl Scan<'_> {
    /// The speaker named in `a..b` before a verb of saying: the first person
    /// who is neither spoken to nor a modifier of a later name, else the first
    /// actor in subject position that is not a group of unnamed people. After
    /// a verb of citing (引述), the one cited.
    pub fn before_verb(&self, a: usize, b: usize) -> Before {
        let Scan { lex, norm, units } = *self;
        let sub = &norm[a..b];
        if let Some((ci, c)) = lex.last_cite(sub).map(|(i, len)| (a + i, a + i + len)) {
            // The one cited is named in the citing verb's clause.
            let ce = norm[c..b]
                .char_indices()
                .find(|&(_, ch)| is_clause_break(ch))
                .map(|(i, _)| c + i)
                .unwrap_or(b);
            let ks = units_in(norm, units, c, ce);
            if let Some(s) = ks
                .iter()
                .find_map(|&k| ent_of(units, k, true))
                .or_else(|| ks.iter().find_map(|&k| ent_of(units, k, false)))
            {
                return Before::Found(s);
            }
            // 商务部援引一位负责人称: the institution speaks through its
            // unnamed official; 她引述来信说: the words are not hers.
            return match self.before_verb(a, ci) {
                Before::Found(s) if !s.is_person() => Before::Found(s),
                _ => Before::Blocked,
            };
        }
        let ks = units_in(norm, units, a, b);
        let person = ks
            .iter()
            .enumerate()
            .filter(|&(i, &k)| {
                is_person(units, k)
                    && !addressed(lex, norm, units, k, false)
                    && !modifier(lex, norm, units, &ks, i)
            })
            .find_map(|(_, &k)| ent_of(units, k, true));
        if let Some(p) = person {
            return Before::Found(p);
        }
        let actor = ks
            .iter()
            .filter(|&&k| {
                !is_person(units, k)
                    && !addressed(lex, norm, units, k, false)
                    && !before_group(lex, norm, units, k)
                    && !before_body(lex, norm, units, k)
                    && !lex
                        .place
                        .iter()
                        .any(|w| norm[a..units.list[k].start].contains(w.as_str()))
            })
            .find_map(|&k| ent_of(units, k, false));
        match actor {
            Some(s) => Before::Found(s),
            None => Before::None,
        }
    }

    /// The speaker right before a verb of saying after a quote (“…，”白宫的约翰·
    /// 沙利文周一说): the last person not addressed, else the first actor.
    pub fn after_quote(&self, a: usize, b: usize) -> Option<Speaker> {
        let Scan { lex, norm, units } = *self;
        let ks = units_in(norm, units, a, b);
        ks.iter()
            .rev()
            .filter(|&&k| !addressed(lex, norm, units, k, true))
            .find_map(|&k| ent_of(units, k, true))
            .or_else(|| {
                ks.iter()
                    .filter(|&&k| {
                        !before_group(lex, norm, units, k) && !before_body(lex, norm, units, k)
                    })
                    .find_map(|&k| ent_of(units, k, false))
            })
    }

    /// The subject of a sentence (its first name, past a name that only
    /// modifies a later one), when it is neither spoken to nor a group of
    /// unnamed people: the speaker of a verb of saying with no name in its
    /// own clause (克里姆林宫驳斥了…的观点，称“…”).
    pub fn sentence_subject(&self, a: usize, b: usize) -> Option<Speaker> {
        let Scan { lex, norm, units } = *self;
        let ks = units_in(norm, units, a, b);
        for (i, &k) in ks.iter().enumerate() {
            if addressed(lex, norm, units, k, false) {
                return None;
            }
            if is_person(units, k) {
                if modifier(lex, norm, units, &ks, i) {
                    continue;
                }
                return ent_of(units, k, true);
            }
            if before_group(lex, norm, units, k) || before_body(lex, norm, units, k) {
                return None;
            }
            // 中国领导人习近平, 美国国务卿布林肯: the person the state's name and
            // a title lead to.
            // 中国官媒「环球时报」: the body, for its state.
            if let Some(&n) = ks.get(i + 1) {
                let gap = &norm[units.list[k].end..units.list[n].start];
                if gap.chars().count() <= 6
                    && !gap.contains(|c: char| {
                        lex.aspect.contains(&c)
                            || lex.linker.contains(&c)
                            || matches!(c, punct::COMMA | punct::ENUMERATION_COMMA | ',')
                    })
                    && !addressed(lex, norm, units, n, true)
                {
                    let p = is_person(units, n);
                    if let Some(s) = ent_of(units, n, p) {
                        return Some(s);
                    }
                }
            }
            return ent_of(units, k, false);
        }
        None
    }

    /// The last person introduced as a subject in `lo..hi` (outside quotes):
    /// opening a sentence, or followed by a verb of saying in the clause. A
    /// 他/她 that follows stands for this person.
    pub fn last_subject(&self, sents: &[Sentence], lo: usize, hi: usize) -> Option<Speaker> {
        let Scan { lex, norm, units } = *self;
        self.last_named(lo, hi, |k| {
            opens_sentence(norm, units, sents, k)
                || opens_clause(lex, norm, units, k)
                || (says(lex, norm, units, k) && !reported(lex, norm, sents, units.list[k].start))
        })
    }

    /// The first person named in `a..b` inside a quote (the quoted speaker's
    /// own words name whom they quote), neither spoken to nor a modifier.
    pub fn quoted_person(&self, a: usize, b: usize) -> Option<Speaker> {
        let Scan { lex, norm, units } = *self;
        let from = units.list.partition_point(|u| u.start < a);
        let ks: Vec<usize> = (from..units.list.len())
            .take_while(|&k| units.list[k].start < b)
            .filter(|&k| units.list[k].end <= b && is_person(units, k) && !units.list[k].pronoun)
            .collect();
        ks.iter()
            .enumerate()
            .find(|&(i, &k)| {
                !addressed(lex, norm, units, k, false) && !modifier(lex, norm, units, &ks, i)
            })
            .and_then(|(_, &k)| ent_of(units, k, true))
    }

    /// A speaker the clause `a..b` names by a form of someone named earlier,
    /// which the recogniser did not link: the same form again, the given name of a
    /// dotted name (拉胡尔 for 拉胡尔·夏尔马), the surname of a long name without
    /// a dot (铃木 for 铃木英敬), or the tail of a body's long name that ends in
    /// a body's ending (药品管理局 for 欧洲药品管理局). The nearest
    /// earlier one wins.
    pub fn short_name(&self, a: usize, b: usize) -> Option<Speaker> {
        let Scan { lex, norm, units } = *self;
        let seg = norm.get(a..b)?.trim_start();
        if seg.is_empty() || seg.chars().count() > 16 {
            return None;
        }
        let until = units.list.partition_point(|u| u.start < a);
        let mut tail: Option<Option<&str>> = None;
        for k in (0..until).rev() {
            let u = &units.list[k];
            if u.pronoun || u.ents.is_empty() {
                continue;
            }
            let Some(m) = norm.get(u.start..u.end) else {
                continue;
            };
            let person = is_person(units, k);
            // 布朗说: the same name again, which the recogniser missed.
            let fits = if seg == m {
                true
            } else if person {
                let head: String = match m.split_once('·') {
                    Some((g, _)) => g.to_string(),
                    None if m.chars().count() >= 4 => m.chars().take(2).collect(),
                    None => continue,
                };
                head.chars().count() >= 2 && seg.starts_with(head.as_str())
            } else {
                // The tail: the clause up to the end of a body's ending (the
                // same for every unit: found once).
                let tail = *tail.get_or_insert_with(|| {
                    lex.body
                        .iter()
                        .filter_map(|w| find_short(seg, w).map(|i| &seg[..i + w.len()]))
                        .min_by_key(|t| t.len())
                });
                tail.is_some_and(|t| t.chars().count() >= 3 && m.len() > t.len() && m.ends_with(t))
            };
            if fits {
                return ent_of(units, k, person).map(|s| Speaker {
                    pronoun: false,
                    at: a,
                    ..s
                });
            }
        }
        None
    }

    /// Whether the clause `a..b` opens with the name of a body the gazetteer
    /// lacks (一家研究院今天成立): names and words up to a body's ending,
    /// with no preposition of place before it (布林肯在大学演讲 is not one).
    pub fn body_opens(&self, a: usize, b: usize) -> bool {
        let Scan { lex, norm, units } = *self;
        let Some(seg) = norm.get(a..b) else {
            return false;
        };
        // A body the gazetteer knows is a name: the subject rules handle it.
        let named = |i: usize| {
            let p = a + i;
            let k = units.list.partition_point(|u| u.start <= p);
            k > 0 && units.list[k - 1].end > p && !units.list[k - 1].ents.is_empty()
        };
        let head: String = seg
            .chars()
            .take_while(|c| !lex.linker.contains(c) && !c.is_whitespace())
            .take(14)
            .collect();
        lex.body.iter().any(|w| {
            find_short(&head, w).is_some_and(|i| {
                !lex.place.iter().any(|p| head[..i].contains(p.as_str())) && !named(i)
            })
        })
    }

    /// The last person named in `lo..hi` who is neither spoken to nor a
    /// modifier of a later name (the one a 他/她 right after stands for).
    pub fn last_person(&self, lo: usize, hi: usize) -> Option<Speaker> {
        self.last_named(lo, hi, |_| true)
    }

    /// The last person named in `lo..hi`, neither spoken to nor a modifier
    /// of a later name, for whom `also` holds.
    fn last_named(&self, lo: usize, hi: usize, also: impl Fn(usize) -> bool) -> Option<Speaker> {
        let Scan { lex, norm, units } = *self;
        let ks = units_in(norm, units, lo, hi);
        ks.iter()
            .enumerate()
            .rev()
            .filter(|&(i, &k)| {
                !units.list[k].pronoun
                    && is_person(units, k)
                    && !addressed(lex, norm, units, k, true)
                    && !modifier(lex, norm, units, &ks, i)
                    && also(k)
            })
            .find_map(|(_, &k)| ent_of(units, k, true))
    }
}

pub fn ent_of(units: &Units, k: usize, person: bool) -> Option<Speaker> {
    let u = &units.list[k];
    u.ents
        .iter()
        .map(|&i| &units.ents[i])
        .find(|e| e.person == person && (person || e.code.is_some()))
        .map(|e| Speaker {
            id: e.id.clone(),
            official: e.official,
            pronoun: u.pronoun,
            at: u.start,
        })
}

/// Units with entities, outside quotes, wholly inside `a..b`.
pub fn units_in(norm: &str, units: &Units, a: usize, b: usize) -> Vec<usize> {
    // Units are sorted and do not overlap: only those starting in a..b.
    let from = units.list.partition_point(|u| u.start < a);
    let to = units.list.partition_point(|u| u.start < b).max(from);
    (from..to)
        .filter(|&k| {
            let u = &units.list[k];
            u.start >= a
                && u.end <= b
                && !u.ents.is_empty()
                && (!u.in_quote || fills_quote(norm, u))
        })
        .collect()
}

/// A name that is all of a quoted term (中国官媒「环球时报」): it names the
/// actor as much as an unquoted name does.
fn fills_quote(norm: &str, u: &crate::actors::Unit) -> bool {
    let before = norm[..u.start].chars().next_back();
    let after = norm[u.end..].chars().next();
    matches!(
        before,
        Some('“' | punct::LEFT_CORNER | punct::LEFT_WHITE_CORNER)
    ) && matches!(
        after,
        Some('”' | punct::RIGHT_CORNER | punct::RIGHT_WHITE_CORNER)
    )
}

fn is_person(units: &Units, k: usize) -> bool {
    units.list[k].ents.iter().any(|&i| units.ents[i].person)
}

/// A name spoken to or about, not the speaker: right after a preposition
/// or a transitive verb (对拜登说, 会见普京后表示), or, with `conj`, joined
/// by 和/与/同 to a name before it.
fn addressed(lex: &Lexicon, norm: &str, units: &Units, k: usize, conj: bool) -> bool {
    let before = &norm[..units.list[k].start];
    let prev = before.chars().next_back();
    after_non_subject(before)
        || prev.is_some_and(|c| lex.toward.contains(&c))
        || (conj && prev.is_some_and(|c| lex.conj.contains(&c)))
}

/// A person who only modifies a later name (克林顿时期的财政部长萨默斯,
/// 拜登提名的布林肯): a 的 between them.
fn modifier(lex: &Lexicon, norm: &str, units: &Units, ks: &[usize], i: usize) -> bool {
    let k = ks[i];
    let Some(&next) = ks[i + 1..].iter().find(|&&j| is_person(units, j)) else {
        return false;
    };
    let gap = &norm[units.list[k].end..units.list[next].start];
    gap.contains(lex.linker.as_slice())
        && !gap.contains([punct::COMMA, punct::COLON, punct::FULL_STOP, ',', ':'])
}

/// An actor before a noun of unnamed people (日本网友, 美国民众).
fn before_group(lex: &Lexicon, norm: &str, units: &Units, k: usize) -> bool {
    let rest = &norm[units.list[k].end..];
    let rest = rest.strip_prefix(lex.linker.as_slice()).unwrap_or(rest);
    // 日本网友, 美国一些民众: the group noun within the next few characters.
    rest.char_indices()
        .take_while(|&(_, c)| !crate::segment::is_clause_break(c))
        .take(6)
        .any(|(i, _)| lex.group.iter().any(|g| rest[i..].starts_with(g.as_str())))
}

/// An actor that only begins the name of a body the text names but the
/// gazetteer lacks (美国国家反间谍执法办公室表示): that body speaks, not the
/// state.
fn before_body(lex: &Lexicon, norm: &str, units: &Units, k: usize) -> bool {
    let end = units.list[k].end;
    let next = units.list.get(k + 1).map(|u| u.start).unwrap_or(norm.len());
    let run: String = norm[end..next.max(end)]
        .chars()
        .take_while(|&c| !is_clause_break(c) && !lex.linker.contains(&c) && !c.is_whitespace())
        .take(14)
        .collect();
    lex.body.iter().any(|b| run.contains(b.as_str()))
}

/// Whether the unit `k` is a sentence's subject: only a few characters
/// (a connective, a time word) between the sentence start and it.
fn opens_sentence(norm: &str, units: &Units, sents: &[Sentence], k: usize) -> bool {
    let u = &units.list[k];
    let si = sents.partition_point(|s| s.end <= u.start);
    let Some(s) = sents.get(si) else {
        return false;
    };
    if s.start > u.start {
        return false;
    }
    let lead = norm[s.start..u.start].trim_start_matches([
        '“',
        punct::LEFT_CORNER,
        punct::LEFT_WHITE_CORNER,
        ' ',
    ]);
    lead.chars().count() <= 4 && !after_non_subject(&norm[s.start..u.start])
}

/// Whether the unit `k` opens a clause right after a comma (…，琼斯也感谢…).
fn opens_clause(lex: &Lexicon, norm: &str, units: &Units, k: usize) -> bool {
    let u = &units.list[k];
    norm[..u.start].ends_with([punct::COMMA, ','])
        && !norm[u.end..].starts_with([punct::COMMA, ',', punct::ENUMERATION_COMMA])
        && !norm[u.end..].starts_with(lex.linker.as_slice())
}

/// Whether `p` lies in words reported by a verb of saying earlier in its
/// sentence (拉德琴科说，…普京不太可能认为…): names there are not new speakers.
fn reported(lex: &Lexicon, norm: &str, sents: &[Sentence], p: usize) -> bool {
    let si = sents.partition_point(|s| s.end <= p);
    let Some(s) = sents.get(si).filter(|s| s.start <= p) else {
        return false;
    };
    verb_ahead(lex, norm, s.start, |_, q, _| q >= p)
}

/// Whether a verb of saying starts at some character from `from` on before
/// `stop` (given the character's count from `from`, its place and itself)
/// ends the scan.
fn verb_ahead(
    lex: &Lexicon,
    norm: &str,
    from: usize,
    stop: impl Fn(usize, usize, char) -> bool,
) -> bool {
    let mut p = from;
    for (n, c) in norm[from..].chars().enumerate() {
        if stop(n, p, c) {
            return false;
        }
        if lex.speech_at(norm, p).is_some() {
            return true;
        }
        p += c.len_utf8();
    }
    false
}

/// Whether a verb of saying follows the unit `k` in its clause.
fn says(lex: &Lexicon, norm: &str, units: &Units, k: usize) -> bool {
    verb_ahead(lex, norm, units.list[k].end, |n, _, c| {
        is_clause_break(c)
            || matches!(c, '“' | punct::LEFT_CORNER | punct::LEFT_WHITE_CORNER)
            || n > 40
    })
}
