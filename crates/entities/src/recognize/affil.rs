//! Step 6: the affiliation printed before a person's name (title, state,
//! status markers), and the role of a known person on the date.

use super::*;
use shiju_text::charset::CharSet;
use shiju_text::punct;
use std::sync::LazyLock;

/// The last characters of [`AFFIL_STOP_WORDS`] (none is empty): no stop word
/// ends before a character outside them, and most characters are.
static AFFIL_STOP_LAST: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        AFFIL_STOP_WORDS
            .iter()
            .filter_map(|w| w.chars().next_back()),
    )
});

/// The role of a known person on `date`, refined by the printed title and markers.
pub(super) fn person_role(
    g: &Gazetteer,
    pi: usize,
    af: &Affil,
    date: Option<Date>,
) -> Option<Role> {
    let rows = g.roles.get(&pi);
    let status_of = |r: &RoleRow| -> Option<RoleStatus> {
        let Some(d) = date else {
            return Some(if r.end.is_some() {
                RoleStatus::Former
            } else {
                RoleStatus::InOffice
            });
        };
        if let Some(e) = r.end {
            if d >= e {
                return Some(RoleStatus::Former);
            }
        }
        match r.start {
            Some(s) if d < s => match r.elected {
                Some(el) if d >= el => Some(RoleStatus::Elect),
                _ => None,
            },
            _ => Some(RoleStatus::InOffice),
        }
    };
    let rank = |s: RoleStatus| match s {
        RoleStatus::InOffice => 0,
        RoleStatus::Elect => 1,
        RoleStatus::Former => 2,
    };
    let mut best: Option<(&RoleRow, RoleStatus)> = None;
    if let Some(rows) = rows {
        for r in rows {
            let Some(st) = status_of(r) else { continue };
            let printed = af.title.as_deref() == Some(r.title.as_str());
            let better = match &best {
                None => true,
                Some((b, bs)) => {
                    let bp = af.title.as_deref() == Some(b.title.as_str());
                    if printed != bp {
                        printed
                    } else if rank(st) != rank(*bs) {
                        rank(st) < rank(*bs)
                    } else {
                        // Most recent term.
                        r.start > b.start
                    }
                }
            };
            if better {
                best = Some((r, st));
            }
        }
    }
    match best {
        // A seat in a many-member body printed without 前/时任 is held on the
        // date: re-elections after the listed terms may be missing, so a
        // listed term that ended does not make the member former.
        Some((r, RoleStatus::Former))
            if af.status.is_none()
                && g.seats.contains(&r.title)
                && af.title.as_ref().is_some_and(|t| g.seats.contains(t)) =>
        {
            af.title.as_ref().map(|t| Role {
                title: t.clone(),
                of: af.country.clone().or_else(|| r.of.clone()),
                status: RoleStatus::InOffice,
            })
        }
        Some((r, st)) => Some(Role {
            title: r.title.clone(),
            of: r.of.clone(),
            status: af.status.unwrap_or(st),
        }),
        None => af.title.as_ref().map(|t| Role {
            title: t.clone(),
            of: af.country.clone().or_else(|| g.people[pi].country.clone()),
            status: af.status.unwrap_or(RoleStatus::InOffice),
        }),
    }
}

/// Reads the affiliation before (or the title after) a person mention.
pub(super) fn affiliation(
    doc: &Doc<'_>,
    c: &Cand,
    people: &[Cand],
    person_ends: &HashSet<usize>,
) -> Affil {
    let g = doc.g;
    let n = doc.n;
    let mut af = Affil::default();
    let mut p = c.s;
    // 担任美国驻俄罗斯大使的约翰·沙利文 (no printed form across 的).
    let mut via_de = false;
    if n[..p].ends_with('的') {
        let q = p - '的'.len_utf8();
        if doc
            .tok_end
            .get(&q)
            .is_some_and(|&ti| matches!(doc.toks[ti].target, Target::Title(_)))
        {
            p = q;
            via_de = true;
        }
    }
    let title_tok = doc
        .tok_end
        .get(&p)
        .map(|&ti| doc.toks[ti])
        .filter(|t| matches!(t.target, Target::Title(_)));
    let Some(tt) = title_tok else {
        // 拜登总统: a title right after the name.
        if let Some(&ti) = doc.tok_at.get(&c.e) {
            if let Target::Title(k) = doc.toks[ti].target {
                af.title = Some(g.titles[k].clone());
                af.form_start = Some(c.s);
                af.form_end = Some(doc.toks[ti].e);
                return af;
            }
        }
        return af;
    };
    let Target::Title(k) = tt.target else {
        return af;
    };
    let mut title = g.titles[k].clone();
    let mut seg_end = tt.s;
    if n[..seg_end].ends_with('副') && !title.starts_with("deputy") && !title.starts_with("vice") {
        title = format!("deputy_{title}");
        seg_end -= '副'.len_utf8();
    }
    af.title = Some(title);

    // Scan the affiliation segment backwards.
    let (seg_start, principal) = segment_start(doc, seg_end, people, person_ends);
    let mut seg_toks: Vec<Tok> = Vec::new();
    seg_toks.extend(doc.toks_within(seg_start, seg_end).iter().copied());
    seg_toks.sort_by_key(|t| t.s);
    let seg = &n[seg_start..seg_end];
    for t in &seg_toks {
        if let Target::Marker(Some(st)) = t.target {
            let qian_as_time = &n[t.s..t.e] == "前"
                && prev_char(n, t.s).is_some_and(|c| NOT_FORMER_BEFORE_QIAN.contains(c));
            if !qian_as_time {
                af.status = Some(st);
            }
        }
    }

    // Status markers.
    for m in ELECT_MARKERS.iter() {
        if seg.starts_with(m) || seg.ends_with(m) {
            af.status = Some(RoleStatus::Elect);
        }
    }
    for m in FORMER_MARKERS.iter() {
        let at_start = seg.starts_with(m);
        let at_end = seg.ends_with(m)
            && !(*m == "前"
                && prev_char(seg, seg.len() - m.len())
                    .is_some_and(|c| NOT_FORMER_BEFORE_QIAN.contains(c)));
        if at_start || at_end {
            af.status = Some(RoleStatus::Former);
        }
    }

    // Country: sender before 驻, else the principal's, else the first state named.
    let zhu = seg.find('驻').map(|i| seg_start + i);
    let first_country = |before: Option<usize>| {
        seg_toks
            .iter()
            .filter(|t| before.is_none_or(|b| t.e <= b))
            .find_map(|t| doc.country_target(t))
    };
    af.country = if let Some(z) = zhu {
        first_country(Some(z))
    } else if let Some(pc) = principal {
        match &pc.key {
            Key::Person(pi) => g.people[*pi].country.clone(),
            _ => None,
        }
    } else {
        first_country(None)
    };
    if af.country.is_none() && zhu.is_none() {
        // 俄外长: an abbreviation right before the title.
        if let Some(ch) = prev_char(n, seg_end) {
            if seg_start + ch.len_utf8() == seg_end || seg.chars().count() == 1 {
                if let Some(cs) = g.abbr.get(&ch) {
                    if cs.len() == 1 {
                        af.country = Some(g.countries[cs[0]].iso.clone());
                    }
                }
            }
        }
    }

    // Plain country/title phrases become a printed form; states inside an
    // institution's name are not mentions.
    let mut rest = String::new();
    let mut cur = seg_start;
    for t in &seg_toks {
        if t.s > cur {
            rest.push_str(&n[cur..t.s]);
        }
        cur = cur.max(t.e);
    }
    if cur < seg_end {
        rest.push_str(&n[cur..seg_end]);
    }
    let mut r = rest.as_str();
    static CURRENT_MARKERS: WordList = WordList::new("entity_words.tsv", "current_markers");
    for m in ELECT_MARKERS
        .iter()
        .chain(FORMER_MARKERS.iter())
        .chain(CURRENT_MARKERS.iter())
    {
        // As trim_start_matches, without building a substring searcher.
        if !m.is_empty() {
            while let Some(x) = r.strip_prefix(m) {
                r = x;
            }
        }
    }
    let plain = r.chars().all(|ch| {
        ch == '驻' || ch == '前' || (seg.chars().count() == 1 && g.abbr_set.contains(ch))
    });
    if plain && !via_de {
        let fs = principal.map(|pc| pc.s).unwrap_or(seg_start);
        if fs < c.s {
            af.form_start = Some(fs);
        }
    } else {
        for t in &seg_toks {
            if let Target::Country(..) = t.target {
                af.suppressed.push(t.s);
            }
        }
    }
    af
}

/// Where the affiliation ending at `seg_end` starts, scanning backwards to a
/// stop word, a person or another title; and the person before a `的` that
/// ends it (`特朗普的乌克兰特使`).
fn segment_start<'c>(
    doc: &Doc<'_>,
    seg_end: usize,
    people: &'c [Cand],
    person_ends: &HashSet<usize>,
) -> (usize, Option<&'c Cand>) {
    let n = doc.n;
    let mut q = seg_end;
    let depth = 0usize;
    let mut steps = 0;
    let mut principal: Option<&Cand> = None;
    while q > 0 && steps < 40 {
        steps += 1;
        if let Some(&ti) = doc.tok_end.get(&q) {
            let t = doc.toks[ti];
            match t.target {
                Target::Person(_) => break,
                Target::Title(_) if depth == 0 => break,
                _ => {
                    q = t.s;
                    continue;
                }
            }
        }
        if person_ends.contains(&q) {
            break;
        }
        let Some(ch) = prev_char(n, q) else { break };
        if matches!(
            ch,
            punct::RIGHT_CORNER | punct::RIGHT_WHITE_CORNER | '”' | punct::RIGHT_BOOK_TITLE | '"'
        ) {
            // A short quoted name (「奥地利…研究所」) is part of the affiliation;
            // the end of a quotation is not.
            let close = q - ch.len_utf8();
            let open = n[..close].rfind([
                punct::LEFT_CORNER,
                punct::LEFT_WHITE_CORNER,
                '“',
                punct::LEFT_BOOK_TITLE,
                '"',
            ]);
            match open {
                Some(o)
                    if n[o..close].chars().count() <= 26
                        && !n[o..close].contains([
                            punct::COMMA,
                            punct::FULL_STOP,
                            punct::EXCLAMATION,
                            punct::QUESTION,
                            punct::SEMICOLON,
                            punct::COLON,
                            ',',
                            '\n',
                        ]) =>
                {
                    q = o;
                    continue;
                }
                _ => break,
            }
        }
        if matches!(
            ch,
            punct::LEFT_CORNER | punct::LEFT_WHITE_CORNER | '“' | punct::LEFT_BOOK_TITLE
        ) {
            break;
        }
        if ch == punct::RIGHT_PAREN || ch == ')' {
            // Skip a bracketed gloss.
            let open = n[..q].rfind([punct::LEFT_PAREN, '(']);
            match open {
                Some(o) if q - o <= 120 => {
                    q = o;
                    continue;
                }
                _ => break,
            }
        }
        if depth == 0
            && AFFIL_STOP_LAST.contains(ch)
            && AFFIL_STOP_WORDS.iter().any(|w| n[..q].ends_with(w))
        {
            break;
        }
        if depth == 0 && AFFIL_STOP_CHARS.contains(ch) {
            if ch == '的' {
                let before = q - ch.len_utf8();
                principal = people.iter().find(|pc| pc.e == before);
            }
            break;
        }
        q -= ch.len_utf8();
    }
    (q, principal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_end_with_a_listed_last_character() {
        for w in AFFIL_STOP_WORDS.iter() {
            let last = w.chars().next_back().expect("no empty stop word");
            assert!(AFFIL_STOP_LAST.contains(last), "{w}");
        }
        for c in ['甲', 'Z', '。', '的'] {
            let ends_some = AFFIL_STOP_WORDS.iter().any(|w| w.ends_with(c));
            assert_eq!(AFFIL_STOP_LAST.contains(c), ends_some, "{c}");
        }
    }
}
