//! The organisations the gazetteer knows: those of `orgs.tsv`, then one
//! state body per (state, body of `bodies.tsv`), at index
//! `listed + state * bodies + body`. A generated body is built on its first
//! use: most of the ~35,000 never are, and building them all (three
//! strings each) cost ~20 M instructions at start-up.

use std::sync::OnceLock;

use crate::Org;

/// Listed organisations, and generated state bodies built on first use.
#[derive(Debug, Default)]
pub(crate) struct Orgs {
    listed: Vec<Org>,
    /// Per state: (ISO code, normalised name).
    states: Vec<(String, String)>,
    /// Per body: (key, first normalised form).
    bodies: Vec<(String, String)>,
    /// One slot per (state, body), built by the first [`Orgs::index`] of it.
    generated: Vec<OnceLock<Box<Org>>>,
    /// How many generated bodies the tables refer to (for `len`).
    in_use: usize,
}

impl Orgs {
    /// The listed organisations, with no generated body yet.
    pub(crate) fn new(listed: Vec<Org>) -> Orgs {
        Orgs {
            listed,
            ..Orgs::default()
        }
    }

    /// The organisations of `orgs.tsv`.
    pub(crate) fn listed(&self) -> &[Org] {
        &self.listed
    }

    /// Makes room for the bodies of `states` × `bodies` (the states' ISO
    /// codes and names, the bodies' keys and first forms).
    pub(crate) fn generate(
        &mut self,
        states: Vec<(String, String)>,
        bodies: Vec<(String, String)>,
    ) {
        let n = states.len() * bodies.len();
        self.states = states;
        self.bodies = bodies;
        self.generated = std::iter::repeat_with(OnceLock::new).take(n).collect();
    }

    /// The index of the generated body `bi` of state `ci`, which the
    /// tables now refer to (call once per body).
    pub(crate) fn use_body(&mut self, ci: usize, bi: usize) -> usize {
        self.in_use += 1;
        self.listed.len() + ci * self.bodies.len() + bi
    }

    /// The listed organisations and the generated bodies referred to.
    pub(crate) fn len(&self) -> usize {
        self.listed.len() + self.in_use
    }

    /// Builds generated body `k`: id `ISO-key`, the state's name followed
    /// by the body's first form.
    fn build(&self, k: usize) -> Org {
        let (iso, state) = &self.states[k / self.bodies.len()];
        let (key, form) = &self.bodies[k % self.bodies.len()];
        let mut id = String::with_capacity(iso.len() + 1 + key.len());
        id.push_str(iso);
        id.push('-');
        id.push_str(key);
        let mut name = String::with_capacity(state.len() + form.len());
        name.push_str(state);
        name.push_str(form);
        Org {
            id,
            country: Some(iso.clone()),
            actor: None,
            name,
            media: false,
            national: true,
        }
    }
}

impl std::ops::Index<usize> for Orgs {
    type Output = Org;

    fn index(&self, oi: usize) -> &Org {
        match oi.checked_sub(self.listed.len()) {
            None => &self.listed[oi],
            Some(k) => self.generated[k].get_or_init(|| Box::new(self.build(k))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str) -> Org {
        Org {
            id: id.to_string(),
            country: None,
            actor: None,
            name: String::new(),
            media: false,
            national: false,
        }
    }

    #[test]
    fn generated_bodies_follow_the_listed_ones() {
        let mut orgs = Orgs::new(vec![org("UN"), org("NATO")]);
        let states = vec![("AAA".into(), "甲国".into()), ("BBB".into(), "乙国".into())];
        let bodies = vec![
            ("navy".into(), "海军".into()),
            ("mofa".into(), "外交部".into()),
        ];
        orgs.generate(states, bodies);
        assert_eq!(orgs.len(), 2);
        let i = orgs.use_body(1, 0);
        assert_eq!(i, 4);
        assert_eq!(orgs.len(), 3);
        assert_eq!(orgs[1].id, "NATO");
        let o = &orgs[i];
        assert_eq!(o.id, "BBB-navy");
        assert_eq!(o.name, "乙国海军");
        assert_eq!(o.country.as_deref(), Some("BBB"));
        assert!(o.national && !o.media && o.actor.is_none());
        let j = orgs.use_body(0, 1);
        assert_eq!((j, orgs.len()), (3, 4));
        assert_eq!(orgs[j].id, "AAA-mofa");
        assert_eq!(orgs[i].id, "BBB-navy");
    }
}
