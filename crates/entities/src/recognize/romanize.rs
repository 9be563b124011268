//! Ids of Chinese names the gazetteer lacks: the name romanised as the
//! person's state writes it (`陈福海` → `person:chen-fu-hai` in Wade-Giles
//! for Taiwan, `庄国土` → `person:zhuang-guotu` in Hanyu Pinyin elsewhere),
//! from the readings of `lexicon/pinyin.tsv`.

use super::*;

/// How a Chinese name is romanised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Romanisation {
    Pinyin,
    WadeGiles,
}

/// The romanisation of the names of people of `state` (their affiliation),
/// else of the outlet's state, else of the Chinese-speaking state the text
/// names most (`counts`: mentions by ISO3). None for Korean, Japanese and
/// Vietnamese people, whose names are not read in Mandarin (also where the
/// text names the Koreas more than the Chinese-speaking states).
pub(super) fn romanisation(
    state: Option<&str>,
    home: Option<&str>,
    counts: &HashMap<String, usize>,
) -> Option<Romanisation> {
    let of = |s: &str| match s {
        "TWN" => Some(Romanisation::WadeGiles),
        "KOR" | "PRK" | "JPN" | "VNM" => None,
        _ => Some(Romanisation::Pinyin),
    };
    if let Some(s) = state.or(home) {
        return of(s);
    }
    let count = |iso: &str| counts.get(iso).copied().unwrap_or(0);
    let chinese = count("CHN") + count("HKG") + count("MAC") + count("TWN");
    if count("KOR") + count("PRK") > chinese {
        None
    } else if count("TWN") > count("CHN") + count("HKG") {
        Some(Romanisation::WadeGiles)
    } else {
        Some(Romanisation::Pinyin)
    }
}

/// `person:<family>-<given>` for a Chinese name of two to four characters
/// opening with a Chinese surname (`surnames.tsv`), every character with a
/// reading; given names joined in pinyin (`guotu`), hyphenated in
/// Wade-Giles (`fu-hai`).
pub(super) fn chinese_name_id(g: &Gazetteer, name: &str, how: Romanisation) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|c| is_cjk(*c)) {
        return None;
    }
    let sur_len = if g
        .chinese_doubles
        .iter()
        .any(|d| name.starts_with(d.as_str()))
    {
        2
    } else if g.double_surname_at(name).is_some() {
        return None; // a Japanese family name
    } else if g.surnames.contains(chars[0]) {
        1
    } else {
        return None;
    };
    if chars.len() <= sur_len {
        return None;
    }
    // A one-character surname takes a given name of one or two characters;
    // four characters are a Han name only as a married woman's two
    // surnames (陈方安生), otherwise a transliteration (汤根哈特).
    if sur_len == 1 && chars.len() == 4 && !g.surnames.contains(chars[1]) {
        return None;
    }
    let read = |c: &char| {
        g.readings.get(c).map(|(py, wg)| match how {
            Romanisation::Pinyin => py.as_str(),
            Romanisation::WadeGiles => wg.as_str(),
        })
    };
    let family: Vec<&str> = chars[..sur_len].iter().map(read).collect::<Option<_>>()?;
    let given: Vec<&str> = chars[sur_len..].iter().map(read).collect::<Option<_>>()?;
    let sep = match how {
        Romanisation::Pinyin => "",
        Romanisation::WadeGiles => "-",
    };
    Some(format!("person:{}-{}", family.concat(), given.join(sep)))
}
