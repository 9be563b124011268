//! Sentences and clauses of Chinese text, as byte spans of the normalised text.

/// A sentence: byte span of the normalised text and its clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (text between line breaks) the sentence is in.
    pub para: usize,
    /// Byte offset where the sentence's paragraph starts.
    pub para_start: usize,
    /// Start of the previous sentence (its own start for the first).
    pub prev_start: usize,
    pub clauses: Vec<(usize, usize)>,
}

/// Characters that end a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '…')
}

/// Characters that end a clause (besides sentence ends).
pub fn is_clause_break(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | ',' | '：' | ':' | '\n' | '\r' | '—')
}

/// Closing marks that stay with the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '’' | '）' | ')' | '"' | '》')
}

/// Splits `s` into sentences (at 。！？； and line breaks, keeping closing
/// quotation marks with the sentence they end) and clauses (at ，：— too).
/// List commas (、) do not break clauses. Spans exclude surrounding whitespace.
pub fn sentences(s: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut para_start = 0usize;
    let mut start = 0usize;
    let mut it = s.char_indices().peekable();
    let push = |a: usize, b: usize, para: usize, para_start: usize, out: &mut Vec<Sentence>| {
        let (a, b) = trim(s, a, b);
        if a < b {
            out.push(Sentence {
                start: a,
                end: b,
                para,
                para_start,
                prev_start: out.last().map(|p: &Sentence| p.start).unwrap_or(a),
                clauses: clauses(s, a, b),
            });
        }
    };
    while let Some((pos, c)) = it.next() {
        if c == '\n' {
            push(start, pos, para, para_start, &mut out);
            para += 1;
            start = pos + c.len_utf8();
            para_start = start;
            continue;
        }
        if is_sentence_end(c) {
            // Further ends and closing marks stay with this sentence.
            let mut end = s.len();
            while let Some(&(p, d)) = it.peek() {
                if is_sentence_end(d) || is_closer(d) {
                    it.next();
                } else {
                    end = p;
                    break;
                }
            }
            push(start, end, para, para_start, &mut out);
            start = end;
        }
    }
    push(start, s.len(), para, para_start, &mut out);
    out
}

fn trim(s: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let sub = &s[a..b];
    let t = sub.trim_start();
    a += sub.len() - t.len();
    let t2 = t.trim_end();
    b = a + t2.len();
    (a, b)
}

fn clauses(s: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    for (off, c) in s[a..b].char_indices() {
        let pos = a + off;
        if is_clause_break(c) {
            if pos > start {
                out.push((start, pos));
            }
            start = pos + c.len_utf8();
        }
    }
    if b > start {
        out.push((start, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_clauses() {
        let s = "甲说：“好。”乙来了，丙走了！丁？\n戊、己";
        let v = sentences(s);
        let texts: Vec<&str> = v.iter().map(|x| &s[x.start..x.end]).collect();
        assert_eq!(
            texts,
            vec!["甲说：“好。”", "乙来了，丙走了！", "丁？", "戊、己"]
        );
        assert_eq!(v[3].para, 1);
        let c: Vec<&str> = v[1].clauses.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(c, vec!["乙来了", "丙走了"]);
        let c: Vec<&str> = v[3].clauses.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(c, vec!["戊、己"]);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences("。。\n\n").is_empty() || sentences("。。\n\n").len() == 1);
        let v = sentences("abc");
        assert_eq!(v.len(), 1);
    }
}
