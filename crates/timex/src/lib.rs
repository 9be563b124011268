//! shiju-timex: finds Chinese temporal expressions and resolves them against
//! the publication date.
//!
//! # How it works
//!
//! 1. **Folding.** The scanner reads `text.norm` char by char through a fold:
//!    full-width ASCII (`０`–`９`, `－`, `～`) becomes half-width and the
//!    traditional characters of `lexicon/time_words.tsv` (`fold` rows: 週→周,
//!    個→个, 號→号…) become simplified, so the rules work on traditional and
//!    full-width text even when no normaliser ran before.
//! 2. **Scanning** (left to right, leftmost-longest) builds raw expressions:
//!    numeric dates (`2022年3月`, `二〇二二年`, `十一月十五日`, `14日`,
//!    `民国111年`, `111年9月15日`, `2022-09-15`), counts before 前 (`三年前`,
//!    `两天前`), relative words (`去年10月`, `本月早些时候`, `上周一`, `明天`),
//!    weekdays and standalone parts (`年底`). Counts (`两年多`, `三年来`,
//!    `前6个月`, `近两日`) and names (`今日俄罗斯`) never become timex.
//! 3. **Resolution** against a reference date, in text order, with context:
//!    * reference: `ctx.published`; a wire dateline in the first lines
//!      (`中央社巴黎13日電`, `新华社北京3月5日电`) moves it to the dateline day;
//!      relative day/week words in reported speech (inside a quotation, or
//!      after `说：`/`表示，` to the end of the paragraph) take the date of
//!      the paragraph's dated attribution (`…佩斯科夫周一…说。“…今天…”`),
//!      else the lead's day (the first paragraph's explicit day when it is
//!      one or two days before the reference).
//!    * tense: the nearest marker before the expression in its clause, else
//!      the first one after it (`将于`, `计划` = future; `曾`, `已`, `表示` =
//!      past; rel words with a positive offset count as future).
//!    * weekdays: the most recent such day on or before the reference; with a
//!      future marker the next one on or after it.
//!    * anaphoric days (`当天`, `当晚`, `次日`): the last day-precision date
//!      mentioned outside quotes and not introduced by `对于`/`关于`, else the
//!      reference. A time of day after a day expression joins its span
//!      (`周一上午`, `17日晚`).
//!    * **year inheritance** of a month (or month-day) without a year:
//!      1. future tense → the next such month from the reference on (this
//!         year; next year when it passed more than two months ago);
//!      2. else the year of the last explicit or relative year expression
//!         (`2022年`, `去年`, `三年前`; not bounds like `1991年以来`,
//!         `2030年前`) in the same or the previous paragraph, when that is
//!         not the reference year;
//!      3. else the reference year when the month is not ahead of the
//!         reference; ahead of it: last year's with a past marker;
//!         unmarked, up to six months ahead it is upcoming (Chinese news
//!         writes 去年X月 for last year's months), further ahead (a January
//!         article's 12月) last year's.
//!    * a bare day (`19日`) takes the month of the last month-bearing
//!      expression of the same sentence (`11月13日至19日`), or of the same
//!      paragraph when that month is not the reference month (the dateline
//!      never counts); otherwise the reference month, or the previous month
//!      when the day is more than one day after the reference day (the next
//!      month when future and before it).
//!    * without a reference only absolute expressions resolve.
//!    * named days (`holidays`): fixed dates, lunar dates through
//!      `lexicon/lunar_calendar.tsv` (1990–2035), ordinal weekdays
//!      (`感恩节`) and 清明; the last occurrence, the next with a future
//!      marker.
//! 4. Values: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` (ISO week), `YYYY`; parts
//!    of months keep month precision, `年初`/`年底` give the first/last month.
//!
//! [`guess_published`] finds a publication date in body text; see its doc
//! for the order of evidence.

mod forms;
mod holidays;
mod lexicon;
mod news;
mod published;
mod resolve;
mod scan;
mod tense;

use shiju_core::{Context, Script, Text, Timex};

pub use lexicon::TimexRules;
pub use published::{dateline_date, guess_published, roc_date_code};

impl TimexRules {
    /// Temporal expressions of the text, in text order, resolved against
    /// `ctx.published` (see the crate doc for the rules).
    ///
    /// Matching runs over `text.norm` (folded further for traditional and
    /// full-width forms); `start`/`end` are byte offsets into
    /// `text.original` and `text` is the original surface
    /// (`text.orig_str`). Without a reference date only absolute
    /// expressions are returned. `ctx.script == Traditional` also enables
    /// bare ROC years (`112年度`).
    pub fn find(&self, text: &Text, ctx: &Context) -> Vec<Timex> {
        let nc = text.chars();
        let cs = self.fold_chars(nc);
        let trad = ctx.script == Script::Traditional;
        let raws = self.scan(&cs, trad);
        let resolved = self.resolve_all(&cs, &raws, ctx.published);
        let mut out = Vec::with_capacity(resolved.len());
        for (raw, value) in resolved {
            let (ns, ne) = (nc.off[raw.start], nc.off[raw.end]);
            let (s, e) = text.orig_span(ns, ne);
            out.push(Timex {
                text: text.orig_str(ns, ne).to_string(),
                value,
                start: s,
                end: e,
                unit: shiju_core::Bytes,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::TimexRules;
    use crate::resolve::add_months;

    #[test]
    fn builtin_lexicon_compiles() {
        let r = TimexRules::new(None).unwrap();
        let key: Vec<char> = "上周".chars().collect();
        assert!(r.words.contains_key(key.as_slice()));
        assert_eq!(r.fold_char('週'), '周');
        assert_eq!(r.fold_char('１'), '1');
    }

    #[test]
    fn chinese_numerals() {
        let r = TimexRules::new(None).unwrap();
        let v = |s: &str| {
            let cs: Vec<char> = s.chars().collect();
            r.parse_num(&cs, 0).map(|n| n.val)
        };
        assert_eq!(v("二〇二二"), Some(2022));
        assert_eq!(v("十一"), Some(11));
        assert_eq!(v("二十三"), Some(23));
        assert_eq!(v("五十三"), Some(53));
        assert_eq!(v("十"), Some(10));
        assert_eq!(v("一百二十"), Some(120));
        assert_eq!(v("十十"), None);
        assert_eq!(v("一百零五"), Some(105));
        assert_eq!(v("两"), Some(2));
    }

    #[test]
    fn prepare_folds() {
        let r = TimexRules::new(None).unwrap();
        assert_eq!(r.prepare("a上週１日"), ['a', '上', '周', '1', '日']);
        assert!(r.prepare("").is_empty());
    }

    #[test]
    fn folding_a_texts_characters_is_preparing_its_norm() {
        let r = TimexRules::new(None).unwrap();
        for s in [
            "a上週１日",
            "",
            "\u{3000}十月〇日，（２０２２）年 ＡＢ·週末𠀀",
        ] {
            let t = shiju_core::Text::identity(s);
            assert_eq!(r.fold_chars(t.chars()), r.prepare(s), "{s}");
        }
    }

    #[test]
    fn layout_tracks_paragraphs_sentences_quotes_and_titles() {
        let cs: Vec<char> = "他说“今天好”。《报》称\n\n明天 x".chars().collect();
        let lay = crate::resolve::Layout::new(&cs);
        let at = |c: char| cs.iter().position(|&x| x == c).unwrap();
        // Quoted between the quotation marks only.
        assert!(!lay.at[at('说')].quoted);
        assert!(lay.at[at('今')].quoted && lay.at[at('好')].quoted);
        assert!(!lay.at[at('称')].quoted);
        // Titled inside 《》 only.
        assert!(lay.at[at('报')].titled && !lay.at[at('称')].titled);
        // 。 ends the first sentence; the newline the second.
        assert_eq!(lay.at[at('他')].sent, 0);
        assert_eq!(lay.at[at('称')].sent, 1);
        assert_eq!(lay.at[at('明')].sent, 3);
        // The blank line is no paragraph.
        assert_eq!(lay.at[at('称')].para, 0);
        assert_eq!(lay.at[at('明')].para, 1);
        assert_eq!(lay.at[cs.len()].para, 1);
    }

    #[test]
    fn add_months_wraps() {
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2024, 3, -15), (2022, 12));
    }
}
