//! Step 7: mentions, forms and affiliations assembled into entities.

use super::*;

/// One entity per key, with its mentions, printed forms and role.
pub(super) fn assemble(
    doc: &Doc<'_>,
    text: &Text,
    ctx: &Context,
    st: State,
    affils: &[Affil],
    suppressed: &HashSet<usize>,
) -> Vec<Entity> {
    let g = doc.g;
    // 7. Assemble entities.
    struct Acc {
        key: Key,
        first: usize,
        mentions: Vec<(usize, usize)>,
        forms: Vec<(usize, usize, usize)>, // (sort pos, s, e) spans of norm
        affil: Affil,
        has_title: bool,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut acc_index: HashMap<Key, usize> = HashMap::default();
    let mut push = |key: Key, s: usize, e: usize, accs: &mut Vec<Acc>| -> usize {
        let i = *acc_index.entry(key.clone()).or_insert_with(|| {
            accs.push(Acc {
                key,
                first: s,
                mentions: Vec::new(),
                forms: Vec::new(),
                affil: Affil::default(),
                has_title: false,
            });
            accs.len() - 1
        });
        let a = &mut accs[i];
        a.first = a.first.min(s);
        a.mentions.push((s, e));
        a.forms.push((s, s, e));
        i
    };
    for c in &st.cands {
        if let Key::Country(_) = c.key {
            if suppressed.contains(&c.s) {
                continue;
            }
        }
        push(c.key.clone(), c.s, c.e, &mut accs);
    }
    for (c, af) in st.person_spans.iter().zip(affils) {
        let i = push(c.key.clone(), c.s, c.e, &mut accs);
        let a = &mut accs[i];
        if let Some(fs) = af.form_start {
            a.forms.push((c.s, fs, af.form_end.unwrap_or(c.e)));
        }
        if af.title.is_some() && !a.has_title {
            a.has_title = true;
            let keep_country = a.affil.country.clone();
            a.affil = af.clone();
            if a.affil.country.is_none() {
                a.affil.country = keep_country;
            }
        } else if a.affil.country.is_none() {
            a.affil.country = af.country.clone();
        }
    }
    for (s, e, key) in st.extra_forms {
        if let Some(&i) = acc_index.get(&key) {
            accs[i].forms.push((s, s, e));
        }
    }
    accs.sort_by_key(|a| a.first);

    let published = ctx.published;
    let mut romanised_ids: HashSet<String> = HashSet::default();
    // Mentions of each state, for the romanisation of Chinese names.
    let mut state_mentions: HashMap<String, usize> = HashMap::default();
    for a in &accs {
        if let Key::Country(ci) = a.key {
            *state_mentions
                .entry(g.countries[ci].iso.clone())
                .or_default() += a.mentions.len();
        }
    }
    let mut out = Vec::with_capacity(accs.len());
    for mut a in accs {
        a.mentions.sort();
        a.mentions.dedup();
        a.forms.sort();
        let mut forms: Vec<String> = Vec::new();
        for &(_, s, e) in &a.forms {
            if st.title_only.contains(&(s, e)) {
                continue; // 领导人 alone is a mention, not a printed name
            }
            // (Compared before it is copied: most forms repeat.)
            let f = text.orig_str(s, e);
            if !f.is_empty() && !forms.iter().any(|x| x == f) {
                forms.push(f.to_string());
            }
        }
        let mentions: Vec<Mention> = a
            .mentions
            .iter()
            .map(|&(s, e)| {
                let (os, oe) = text.orig_span(s, e);
                Mention {
                    text: text.original[os..oe].to_string(),
                    start: os,
                    end: oe,
                    unit: shiju_core::Bytes,
                }
            })
            .collect();
        let ent = match a.key {
            Key::Country(ci) => {
                let c = &g.countries[ci];
                Entity {
                    id: format!("country:{}", c.iso),
                    kind: EntityType::Country,
                    country: Some(c.iso.clone()),
                    role: None,
                    name: (!c.name.is_empty()).then(|| c.name.clone()),
                    forms,
                    mentions,
                    actor: None,
                }
            }
            Key::Org(oi) => {
                let o = &g.orgs[oi];
                Entity {
                    id: format!("org:{}", o.id),
                    kind: EntityType::Org,
                    country: o.country.clone(),
                    role: None,
                    name: (!o.name.is_empty()).then(|| o.name.clone()),
                    forms,
                    mentions,
                    actor: o.actor.clone(),
                }
            }
            Key::Person(pi) => {
                let p = &g.people[pi];
                let role = person_role(g, pi, &a.affil, published);
                Entity {
                    id: format!("person:{}", p.id),
                    kind: EntityType::Person,
                    country: p.country.clone().or_else(|| a.affil.country.clone()),
                    role,
                    name: (!p.name.is_empty()).then(|| p.name.clone()),
                    forms,
                    mentions,
                    actor: None,
                }
            }
            Key::New(i) => {
                let np = &st.news.list[i];
                let role = a.affil.title.as_ref().map(|t| Role {
                    title: t.clone(),
                    of: a.affil.country.clone(),
                    status: a.affil.status.unwrap_or(RoleStatus::InOffice),
                });
                let romanised = np
                    .id
                    .starts_with("new:")
                    .then(|| {
                        let how = romanize::romanisation(
                            a.affil.country.as_deref(),
                            ctx.home.as_deref(),
                            &state_mentions,
                        )?;
                        romanize::chinese_name_id(g, &np.full, how)
                    })
                    .flatten()
                    // Never the id of a gazetteer person or of another person here.
                    .filter(|id| !g.knows_person(id) && romanised_ids.insert(id.clone()));
                Entity {
                    id: romanised.unwrap_or_else(|| np.id.clone()),
                    kind: EntityType::Person,
                    country: a.affil.country.clone(),
                    role,
                    name: Some(np.full.clone()),
                    forms,
                    mentions,
                    actor: None,
                }
            }
        };
        out.push(ent);
    }
    out
}
