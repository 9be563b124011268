//! A list's rows in file order, keyed, as the lexicon files edit them: a
//! later row with an earlier row's key replaces it (the new row stands
//! where the file puts it, at the end), and a removal drops the key's row.
//! Each edit is one hash look-up, not a pass over the rows kept so far (a
//! pass per row made loading a long list quadratic).

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;

use rustc_hash::FxBuildHasher;

/// Rows in file order, at most one per key.
#[derive(Debug)]
pub struct Rows<K, V> {
    /// Row order; `None`: replaced or removed.
    rows: Vec<Option<(K, V)>>,
    /// Key → its row in `rows` (Fx-hashed: the keys are the lists' own
    /// words, and the order of the map never shows: rows keep theirs).
    at: HashMap<K, usize, FxBuildHasher>,
}

impl<K, V> Default for Rows<K, V> {
    fn default() -> Self {
        Rows {
            rows: Vec::new(),
            at: HashMap::default(),
        }
    }
}

impl<K: Hash + Eq + Clone, V> Rows<K, V> {
    /// Adds the row for `key` at the end, dropping an earlier one.
    pub fn set(&mut self, key: K, value: V) {
        if let Some(i) = self.at.insert(key.clone(), self.rows.len()) {
            self.rows[i] = None;
        }
        self.rows.push(Some((key, value)));
    }

    /// Drops the row for `key`, if there is one.
    pub fn remove<Q>(&mut self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if let Some(i) = self.at.remove(key) {
            self.rows[i] = None;
        }
    }

    /// Drops every row whose key `gone` picks (a pass over the keys: for a
    /// removal by part of a key, which lists rarely hold).
    pub fn remove_where(&mut self, gone: impl Fn(&K) -> bool) {
        let rows = &mut self.rows;
        self.at.retain(|k, i| {
            let drop = gone(k);
            if drop {
                rows[*i] = None;
            }
            !drop
        });
    }

    /// The rows left, in file order.
    pub fn into_vec(self) -> Vec<(K, V)> {
        self.rows.into_iter().flatten().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Rows;

    #[test]
    fn later_rows_replace_and_move_removals_drop() {
        let mut r: Rows<(String, u8), i32> = Rows::default();
        r.set(("甲".into(), 1), 1);
        r.set(("乙".into(), 1), 2);
        r.set(("甲".into(), 2), 3);
        // Same key: replaced, and moved to the end.
        r.set(("甲".into(), 1), 4);
        r.set(("丙".into(), 1), 5);
        r.set(("丙".into(), 2), 6);
        r.remove(&("丙".to_string(), 1));
        r.remove_where(|(f, _)| f == "乙");
        r.remove(&("丁".to_string(), 1));
        let got: Vec<(String, i32)> = r.into_vec().into_iter().map(|((f, _), v)| (f, v)).collect();
        let want = [("甲", 3), ("甲", 4), ("丙", 6)].map(|(f, v)| (f.to_string(), v));
        assert_eq!(got, want);
    }

    #[test]
    fn a_removed_key_can_come_back() {
        let mut r: Rows<String, i32> = Rows::default();
        r.set("甲".into(), 1);
        r.remove("甲");
        r.set("甲".into(), 2);
        assert_eq!(r.into_vec(), [("甲".to_string(), 2)]);
    }
}
