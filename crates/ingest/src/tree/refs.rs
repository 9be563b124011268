//! Character references of the tree builder's lexer (`lex.rs`): named
//! (html5ever's table, the longest name that is a prefix) and numeric,
//! in text and in attribute values, as html5ever's tokenizer reads them.

use std::borrow::Cow;

use memchr::memchr;

/// [`decode`] of a text that may be owned.
pub(super) fn decode_cow(s: Cow<'_, str>, in_attr: bool) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => decode(b, in_attr),
        Cow::Owned(o) if memchr(b'&', o.as_bytes()).is_none() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(decode(&o, in_attr).into_owned()),
    }
}

/// `s` with its character references decoded (`in_attr`: the rules of
/// attribute values).
pub(super) fn decode(s: &str, in_attr: bool) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr(b'&', b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut i = first;
    loop {
        if let Some((dec, end)) = char_ref(b, i, in_attr) {
            out.push_str(&s[copied..i]);
            out.push_str(&dec);
            copied = end;
            i = end;
        } else {
            i += 1;
        }
        match memchr(b'&', &b[i..]) {
            Some(off) => i += off,
            None => break,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// The character reference at `b[at] == b'&'`: its text and one past its
/// end, or `None` when the `&` is literal.
pub(super) fn char_ref(b: &[u8], at: usize, in_attr: bool) -> Option<(String, usize)> {
    let next = *b.get(at + 1)?;
    if next == b'#' {
        return numeric_ref(b, at);
    }
    if !next.is_ascii_alphanumeric() {
        return None;
    }
    // The longest entity name that is a prefix of the run of letters and
    // digits (and a ';' after them).
    let mut i = at + 1;
    while i < b.len() && b[i].is_ascii_alphanumeric() && i - at <= 40 {
        i += 1;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let run = std::str::from_utf8(&b[at + 1..i]).ok()?;
    let mut best: Option<(usize, (u32, u32))> = None;
    for k in 1..=run.len() {
        match html5ever::data::NAMED_ENTITIES.get(&run[..k]) {
            Some(&m) => {
                if m.0 != 0 {
                    best = Some((k, m));
                }
            }
            None => break,
        }
    }
    let (k, (c1, c2)) = best?;
    let end = at + 1 + k;
    if in_attr && !run[..k].ends_with(';') {
        if let Some(&c) = b.get(end) {
            if c == b'=' || c.is_ascii_alphanumeric() {
                return None;
            }
        }
    }
    let mut out = String::new();
    out.push(char::from_u32(c1)?);
    if c2 != 0 {
        out.push(char::from_u32(c2)?);
    }
    Some((out, end))
}

fn numeric_ref(b: &[u8], at: usize) -> Option<(String, usize)> {
    let mut i = at + 2;
    let hex = matches!(b.get(i), Some(b'x' | b'X'));
    if hex {
        i += 1;
    }
    let d0 = i;
    let mut n: u32 = 0;
    let mut too_big = false;
    while let Some(&c) = b.get(i) {
        let d = if hex {
            (c as char).to_digit(16)
        } else {
            (c as char).to_digit(10)
        };
        let Some(d) = d else { break };
        n = match n
            .checked_mul(if hex { 16 } else { 10 })
            .and_then(|v| v.checked_add(d))
        {
            Some(v) => v,
            None => {
                too_big = true;
                u32::MAX
            }
        };
        i += 1;
    }
    if i == d0 {
        return None;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let c = match n {
        _ if too_big || n > 0x10FFFF => '\u{fffd}',
        0x00 | 0xD800..=0xDFFF => '\u{fffd}',
        0x80..=0x9F => match html5ever::data::C1_REPLACEMENTS[(n - 0x80) as usize] {
            Some(c) => c,
            None => char::from_u32(n)?,
        },
        _ => char::from_u32(n)?,
    };
    Some((c.to_string(), i))
}
