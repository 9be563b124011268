//! Matching one pattern around its trigger: the literals, gaps and actor
//! slots of a compiled pattern, inside a clause.

use shiju_text::punct;

use crate::actors::{self, Phrase, Units};
use crate::pattern::{Elem, Role};
use crate::{segment, Coder};

/// A pattern matched in a clause, before direction and filters.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub(crate) pat: usize,
    pub(crate) s: Option<Phrase>,
    pub(crate) t: Option<Phrase>,
    /// Fixed actors of `{S:XXX}` / `{T:XXX}`.
    pub(crate) s_const: Option<String>,
    pub(crate) t_const: Option<String>,
    /// Byte span (norm) of the matched literal part.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Literal spans (norm), for the negation check.
    pub(crate) lits: Vec<(usize, usize)>,
    /// Where the region checked for negation/modality starts.
    pub(crate) lead_end: usize,
}

impl Coder {
    /// Whether a match can yield an event: two different actors.
    pub(crate) fn viable(&self, m: &Match, units: &Units) -> bool {
        // The distinct actor codes of each side, as `match_actors` gives
        // them, without building the actors.
        fn side<'a>(
            units: &'a Units,
            ph: &'a Option<Phrase>,
            c: &'a Option<String>,
        ) -> Vec<&'a str> {
            match (c, ph) {
                (Some(code), _) => vec![code.as_str()],
                (None, Some(p)) => units.actor_codes(p),
                (None, None) => Vec::new(),
            }
        }
        let (s, t) = (side(units, &m.s, &m.s_const), side(units, &m.t, &m.t_const));
        if t.is_empty() {
            return self.patterns[m.pat].flags.sym && s.len() >= 2;
        }
        s.iter().any(|a| t.iter().any(|b| a != b))
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn match_at(
        &self,
        pi: usize,
        norm: &str,
        units: &Units,
        cs: usize,
        ce: usize,
        se: usize,
        hs: usize,
        he: usize,
        carried: Option<&Phrase>,
    ) -> Option<Match> {
        let p = &self.patterns[pi];
        let mut st = MState {
            s: None,
            t: None,
            lits: vec![(hs, he)],
            s_const: None,
            t_const: None,
            place_target: p.flags.visit,
        };
        let end = forward(
            norm,
            units,
            &p.elems[p.anchor + 1..],
            &self.compiled[pi][p.anchor + 1..],
            he,
            ce,
            se,
            &mut st,
        )?;
        let mut lead_end = cs;
        if let Some(role) = p.leading_slot() {
            let ph = match units.leading(norm, cs, hs, ce) {
                actors::Lead::Found(ph) => {
                    lead_end = ph.end;
                    ph
                }
                actors::Lead::None => carried?.clone(),
                actors::Lead::Blocked => return None,
            };
            match role {
                Role::S => st.s = Some(ph),
                Role::T => st.t = Some(ph),
            }
        }
        // 泽连斯基一行被要求离开: after 被 the leading phrase is the patient.
        if p.leading_slot() == Some(Role::S) && norm[..hs].ends_with('被') && st.t.is_some() {
            std::mem::swap(&mut st.s, &mut st.t);
        }
        // 对华为, 访华府: the abbreviation after the anchor's last character
        // begins a word that names something else.
        if st.s_const.is_some() || st.t_const.is_some() {
            let last = norm[..he].chars().next_back().map_or(0, char::len_utf8);
            if self.modality.begins_other_word(&norm[he - last..]) {
                return None;
            }
        }
        // A trailing slot's phrase is not part of the literal span.
        let lit_end = st.lits.iter().map(|l| l.1).max().unwrap_or(end);
        Some(Match {
            pat: pi,
            s: st.s,
            t: st.t,
            s_const: st.s_const,
            t_const: st.t_const,
            start: hs,
            end: lit_end,
            lits: st.lits,
            lead_end,
        })
    }
}

/// The source and target actors of a match.
pub(crate) fn match_actors(m: &Match, units: &Units) -> (Vec<actors::Actor>, Vec<actors::Actor>) {
    let side = |ph: &Option<Phrase>, c: &Option<String>| match c {
        Some(code) => vec![actors::Actor {
            code: code.clone(),
            entity: Some(if code.len() == 3 {
                format!("country:{code}")
            } else {
                format!("org:{code}")
            }),
            former: false,
        }],
        None => ph.as_ref().map(|p| units.actors(p)).unwrap_or_default(),
    };
    (side(&m.s, &m.s_const), side(&m.t, &m.t_const))
}

pub(crate) struct MState {
    pub(crate) s: Option<Phrase>,
    pub(crate) t: Option<Phrase>,
    pub(crate) lits: Vec<(usize, usize)>,
    pub(crate) s_const: Option<String>,
    pub(crate) t_const: Option<String>,
    /// A visit pattern: a place may fill the target slot.
    pub(crate) place_target: bool,
}

/// What matching needs beyond a pattern element itself ([`Elem`], read
/// alongside: the alternatives and fixed codes are not copied).
#[derive(Debug, Clone)]
pub(crate) enum CElem {
    /// A literal.
    Lit {
        /// The first characters of the non-empty alternatives, sorted; only
        /// for a literal right after a gap (the one place they are asked
        /// about), else empty.
        firsts: Vec<char>,
        /// One alternative is empty (the element is optional).
        has_empty: bool,
    },
    /// Anything else: everything is in the [`Elem`].
    Other,
}

impl CElem {
    /// The prepared elements of a pattern.
    pub(crate) fn compile(elems: &[Elem]) -> Vec<CElem> {
        let mut out = Vec::with_capacity(elems.len());
        for (i, e) in elems.iter().enumerate() {
            out.push(match e {
                Elem::Lit(alts) => {
                    let after_gap = i > 0 && matches!(elems[i - 1], Elem::Gap(_));
                    let mut firsts: Vec<char> = Vec::new();
                    if after_gap {
                        firsts = alts.iter().filter_map(|a| a.chars().next()).collect();
                        firsts.sort_unstable();
                        firsts.dedup();
                    }
                    CElem::Lit {
                        firsts,
                        // (The alternatives are longest first: an empty one
                        // is last.)
                        has_empty: alts.last().is_some_and(|a| a.is_empty()),
                    }
                }
                _ => CElem::Other,
            });
        }
        out
    }
}

/// Matches `elems` (with `comp`, their [`CElem`]s) from byte `pos` up to
/// `ce`; returns the end position.
#[allow(clippy::too_many_arguments)]
fn forward(
    norm: &str,
    units: &Units,
    elems: &[Elem],
    comp: &[CElem],
    pos: usize,
    ce: usize,
    se: usize,
    st: &mut MState,
) -> Option<usize> {
    let Some((first, rest)) = elems.split_first() else {
        return Some(pos);
    };
    let crest = comp.get(1..).unwrap_or(&[]);
    match first {
        Elem::Lit(alts) => {
            let hay = norm.get(pos..ce)?;
            // Alternatives are stored longest first, the empty one last.
            for a in alts {
                if hay.starts_with(a.as_str()) {
                    let n = st.lits.len();
                    if !a.is_empty() {
                        st.lits.push((pos, pos + a.len()));
                    }
                    if let Some(e) = forward(norm, units, rest, crest, pos + a.len(), ce, se, st) {
                        return Some(e);
                    }
                    st.lits.truncate(n);
                }
            }
            None
        }
        Elem::Gap(max) => {
            let hay = norm.get(pos..ce)?;
            let mut p = pos;
            let mut chars = hay.chars().peekable();
            // A literal right after the gap can only match where one of its
            // alternatives starts: skip the other positions cheaply.
            let next_lit = match crest.first() {
                Some(CElem::Lit {
                    firsts,
                    has_empty: false,
                }) => Some(firsts),
                _ => None,
            };
            // Units are sorted by start: walk them along with the gap.
            let mut k = units.first_at_or_after(pos);
            for _ in 0..=*max {
                // A gap does not run over 双方/两国 naming another pair.
                while units.list.get(k).is_some_and(|u| u.start < p) {
                    k += 1;
                }
                if let Some(pair) = units.pair_of(k, p) {
                    let mut known: Vec<String> = Vec::new();
                    for ph in [&st.s, &st.t].into_iter().flatten() {
                        known.extend(units.actors(ph).into_iter().map(|a| a.code));
                    }
                    if !pair.iter().any(|c| known.contains(c)) {
                        return None;
                    }
                }
                let here = chars.peek().copied();
                let may_match = match (next_lit, here) {
                    (Some(firsts), Some(c)) => firsts.contains(&c),
                    (Some(_), None) => false,
                    (None, _) => true,
                };
                if may_match {
                    if let Some(e) = forward(norm, units, rest, crest, p, ce, se, st) {
                        return Some(e);
                    }
                }
                match chars.next() {
                    Some(c) => p += c.len_utf8(),
                    None => break,
                }
            }
            None
        }
        Elem::Const(role, code) => {
            // 对伊拉克, 访华盛顿, 抵澳门: the abbreviation begins a longer
            // name of another actor (or of none), not the fixed actor.
            if units.straddles_other(pos, code) {
                return None;
            }
            match role {
                Role::S => st.s_const = Some(code.clone()),
                Role::T => st.t_const = Some(code.clone()),
            }
            let r = forward(norm, units, rest, crest, pos, ce, se, st);
            if r.is_none() {
                match role {
                    Role::S => st.s_const = None,
                    Role::T => st.t_const = None,
                }
            }
            r
        }
        Elem::Break => {
            let c = norm.get(pos..)?.chars().next()?;
            if !matches!(c, punct::COMMA | ',' | punct::COLON | ':') {
                return None;
            }
            let next = pos + c.len_utf8();
            let rest_s = norm.get(next..se)?;
            let nce = rest_s
                .char_indices()
                .find(|&(_, d)| segment::is_clause_break(d))
                .map(|(i, _)| next + i)
                .unwrap_or(se);
            forward(norm, units, rest, crest, next, nce, se, st)
        }
        Elem::Slot(role) => {
            if let Some(long) = units.following(norm, pos, ce) {
                // Prefix phrases, longest first.
                for n in (1..=long.units.len()).rev() {
                    let ph = units.prefix(&long, n);
                    let end = ph.end;
                    match role {
                        Role::S => st.s = Some(ph),
                        Role::T => st.t = Some(ph),
                    }
                    if let Some(e) = forward(norm, units, rest, crest, end, ce, se, st) {
                        return Some(e);
                    }
                }
            }
            match role {
                Role::S => st.s = None,
                Role::T => st.t = None,
            }
            // 抵达广岛: the destination of a visit may be a city of the state.
            if *role == Role::T && st.place_target && st.t_const.is_none() {
                let k = units.places.partition_point(|p| p.0 < pos);
                if let Some((_, end, code)) = units.places.get(k).filter(|p| p.0 == pos) {
                    st.t_const = Some(code.clone());
                    if let Some(e) = forward(norm, units, rest, crest, *end, ce, se, st) {
                        return Some(e);
                    }
                    st.t_const = None;
                }
            }
            None
        }
    }
}
