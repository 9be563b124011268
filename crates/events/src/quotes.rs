//! Direct speech: spans in “…”, 「…」, 『…』 and their speakers.

use crate::actors::Units;
use crate::pronouns::Quoted;
use crate::segment::Sentence;

/// A quote (inner span, norm bytes) with its speaker.
#[derive(Debug, Clone)]
pub struct Attributed {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    /// The speaker speaks for a state or organisation (or is unknown).
    pub official: bool,
}

/// Quotes of four characters or fewer are terms, not speech.
const MIN_CHARS: usize = 5;
/// Longest quote considered (characters).
const MAX_CHARS: usize = 1500;

/// Inner spans of the top-level quotations of `norm`.
pub fn spans(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = norm.as_bytes();
    let mut pos = 0usize;
    loop {
        // “ (E2 80 9C), 「 and 『 (E3 80 8C/8E): only these lead bytes open.
        pos = crate::segment::skip_to(bytes, pos, |x| x == 0xE2 || x == 0xE3);
        let Some(c) = norm[pos..].chars().next() else {
            break;
        };
        pos += c.len_utf8();
        let close = match c {
            '“' => '”',
            '「' => '」',
            '『' => '』',
            _ => continue,
        };
        let inner = pos;
        let mut found = None;
        for (n, (j, d)) in norm[inner..].char_indices().enumerate() {
            if n > MAX_CHARS || d == '\n' {
                break;
            }
            if d == close {
                found = Some(inner + j);
                break;
            }
        }
        if let Some(j) = found {
            out.push((inner, j));
            // Go on after the closing mark.
            pos = j + close.len_utf8();
        }
    }
    out
}

const SPEECH: &[&str] = &[
    "说道",
    "表示",
    "声称",
    "宣称",
    "指出",
    "写道",
    "强调",
    "表明",
    "回应",
    "补充",
    "透露",
    "告诉",
    "警告",
    "坦言",
    "直言",
    "呼吁",
    "问道",
    "宣布",
    "提到",
    "谈到",
    "重申",
    "回答",
    "说",
    "称",
    "說",
    "強調",
    "寫道",
    "聲稱",
    "宣稱",
    "補充",
    "告訴",
    "呼籲",
    "稱",
    "形容",
    "表态",
    "坦承",
    "宣告",
    "批评",
    "谴责",
    "指责",
    "抨击",
    "敦促",
    "驳斥",
    "反驳",
    "补充说",
    "写到",
    "认为",
    "总结",
    "主张",
    "抱怨",
    "感叹",
    "承认",
    "提醒",
    "解释",
    "描述",
    "质疑",
    "回忆",
    "评论",
    "说明",
    "发文",
    "发推",
    "留言",
    "指",
];

/// The first characters of the speech verbs, sorted: positions where no
/// verb can start are skipped without comparing strings.
static SPEECH_FIRST: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = SPEECH.iter().filter_map(|s| s.chars().next()).collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Speech verbs in `a..b` (norm), outside quotes: their (start, end).
fn speech_verbs(norm: &str, a: usize, b: usize, quoted: &Quoted) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(sub) = norm.get(a..b) else {
        return out;
    };
    let mut skip_to = 0usize;
    for (off, c) in sub.char_indices() {
        if off < skip_to || SPEECH_FIRST.binary_search(&c).is_err() {
            continue;
        }
        let p = a + off;
        if quoted.contains(p, p + 1) {
            continue;
        }
        let Some(v) = SPEECH.iter().find(|v| sub[off..].starts_with(**v)) else {
            continue;
        };
        let prev = sub[..off].chars().next_back();
        let next = sub[off + v.len()..].chars().next();
        let ok = match *v {
            "说" | "說" => {
                !matches!(
                    prev,
                    Some(
                        '据' | '听'
                            | '聽'
                            | '小'
                            | '游'
                            | '传'
                            | '演'
                            | '学'
                            | '解'
                            | '劝'
                            | '虽'
                            | '再'
                            | '就'
                    )
                ) && !matches!(next, Some('法' | '服' | '明' | '成' | '是'))
            }
            // 他指，“…” / 上诉庭指：「…」 (Hong Kong usage): 指 alone only
            // right before punctuation or a quotation mark.
            "指" => matches!(next, Some('，' | '：' | ',' | ':' | '“' | '「' | '『')),
            "称" | "稱" => {
                !matches!(
                    prev,
                    Some(
                        '被' | '堪'
                            | '号'
                            | '名'
                            | '简'
                            | '俗'
                            | '通'
                            | '自'
                            | '昵'
                            | '誉'
                            | '著'
                            | '对'
                            | '相'
                            | '所'
                            | '统'
                            | '爱'
                            | '指'
                    )
                ) && !matches!(
                    next,
                    Some(
                        '为' | '為' | '之' | '作' | '赞' | '讚' | '号' | '呼' | '职' | '霸' | '道'
                    )
                )
            }
            _ => true,
        };
        skip_to = off + v.len();
        if ok {
            out.push((p, p + v.len()));
        }
    }
    out
}

/// Endings of the names of documents, bodies, programmes and slogans
/// quoted as terms (“南海行为准则”, “经济对话”, “议员联盟”).
const NAME_ENDS: &[&str] = &[
    "准则",
    "对话",
    "联盟",
    "母亲",
    "计划",
    "协定",
    "协议",
    "倡议",
    "战略",
    "法案",
    "条例",
    "组织",
    "委员会",
    "会议",
    "论坛",
    "机制",
    "框架",
    "宣言",
    "公报",
    "一百年",
    "主义",
    "政策",
    "行动",
    "工程",
    "项目",
    "体系",
    "同盟",
    "运动",
    "木马",
    "名单",
    "清单",
];

/// A quoted name or term, not speech: short, without punctuation, and
/// either Latin only or ending like a name.
fn name_like(q: &str) -> bool {
    let q = q.trim();
    if q.chars().count() > 12 || q.contains(['。', '，', '！', '？', '；', '、', '：']) {
        return false;
    }
    q.is_ascii() || NAME_ENDS.iter().any(|e| q.ends_with(e))
}

/// A speaker: entity id, whether it speaks officially, whether it came from a pronoun.
type Speaker = (String, bool, bool);

fn ent_of(units: &Units, k: usize, person: bool) -> Option<Speaker> {
    let u = &units.list[k];
    u.ents
        .iter()
        .map(|&i| &units.ents[i])
        .find(|e| e.person == person && (person || e.code.is_some()))
        .map(|e| (e.id.clone(), e.official, u.pronoun))
}

fn units_in(units: &Units, a: usize, b: usize) -> Vec<usize> {
    // Units are sorted and do not overlap: only those starting in a..b.
    let from = units.list.partition_point(|u| u.start < a);
    let to = units.list.partition_point(|u| u.start < b).max(from);
    (from..to)
        .filter(|&k| {
            let u = &units.list[k];
            u.start >= a && u.end <= b && !u.in_quote && !u.ents.is_empty()
        })
        .collect()
}

/// The speaker named in `a..b`: the first person, else the first actor.
fn speaker_first(units: &Units, a: usize, b: usize) -> Option<Speaker> {
    let ks = units_in(units, a, b);
    ks.iter()
        .find_map(|&k| ent_of(units, k, true))
        .or_else(|| ks.iter().find_map(|&k| ent_of(units, k, false)))
}

/// The speaker right before a speech verb (…的约翰·沙利文周一在…上说): the
/// last person not addressed (对/向/跟 X 说), else the first actor.
fn speaker_last(units: &Units, norm: &str, a: usize, b: usize) -> Option<Speaker> {
    let ks = units_in(units, a, b);
    ks.iter()
        .rev()
        .filter(|&&k| {
            let before = &norm[..units.list[k].start];
            let prev = before.chars().next_back();
            !(crate::actors::after_non_subject(before)
                || matches!(prev, Some('和' | '与' | '同' | '跟' | '告')))
        })
        .find_map(|&k| ent_of(units, k, true))
        .or_else(|| ks.iter().find_map(|&k| ent_of(units, k, false)))
}

fn is_space_or_punct(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | ',' | '：' | ':' | '。' | '！' | '？' | '!' | '?' | '…' | '—'
        )
}

pub fn attribute(
    norm: &str,
    units: &Units,
    sents: &[Sentence],
    quotes: &[(usize, usize)],
) -> Vec<Attributed> {
    let mut out: Vec<Attributed> = Vec::new();
    let quoted = Quoted::new(quotes);
    let mut prev: Option<(usize, Option<Speaker>)> = None; // (end of quote, speaker)
    for (qi, &(a, b)) in quotes.iter().enumerate() {
        let n = norm[a..b].chars().count();
        let open = norm[..a]
            .char_indices()
            .next_back()
            .map(|x| x.0)
            .unwrap_or(a);
        let close_end = b + norm[b..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
        let si = sents
            .partition_point(|s| s.end <= open)
            .min(sents.len().saturating_sub(1));
        let sent_start = sents.get(si).map(|s| s.start.min(open)).unwrap_or(0);
        let next_quote = quotes.get(qi + 1).map(|q| q.0).unwrap_or(norm.len());

        let mut speaker: Option<Speaker> = None;
        // 1. X说：“…” — a speech verb right before the quote.
        let before = speech_verbs(norm, sent_start, open, &quoted);
        let last_before = before.last().copied();
        let immediate = last_before
            .map(|(_, ve)| norm[ve..open].chars().all(is_space_or_punct))
            .unwrap_or(false);
        let first_clause = sents.get(si).and_then(|s| s.clauses.first().copied());
        let resolve_before = |(vs, _): (usize, usize)| -> Option<Speaker> {
            // The verb's clause, else the sentence before it.
            let cs = norm[..vs]
                .char_indices()
                .rev()
                .find(|&(_, c)| crate::segment::is_clause_break(c))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(0)
                .max(sent_start);
            speaker_first(units, cs, vs).or_else(|| {
                // The subject of the sentence (克里姆林宫驳斥了…，称“…”).
                let (fa, fb) = first_clause?;
                let ph = units.clause_subject(norm, fa, fb.min(vs))?;
                ph.units
                    .clone()
                    .find_map(|k| ent_of(units, k, true))
                    .or_else(|| ph.units.clone().find_map(|k| ent_of(units, k, false)))
            })
        };
        if immediate {
            speaker = last_before.and_then(resolve_before);
        }
        // 2. “…，”X说 — a speech verb right after the quote.
        if speaker.is_none() {
            let mut p = close_end;
            for c in norm[close_end..].chars() {
                if is_space_or_punct(c) && !matches!(c, '。' | '！' | '？' | '!' | '?' | '\n') {
                    p += c.len_utf8();
                } else {
                    break;
                }
            }
            let mut q = p;
            for (count, c) in norm[p..].chars().enumerate() {
                if crate::segment::is_clause_break(c) || q >= next_quote || count > 40 {
                    break;
                }
                q += c.len_utf8();
            }
            if let Some(&(vs, _)) = speech_verbs(norm, p, q, &quoted).first() {
                speaker = speaker_last(units, norm, p, vs);
            }
        }
        // 3. A speech verb earlier in the sentence.
        if speaker.is_none() {
            if let Some(v) = last_before {
                if norm[v.1..open].chars().count() <= 80 {
                    speaker = resolve_before(v);
                }
            }
        }
        let starts_sentence = norm[..open]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .map(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '”' | '」' | '：' | ':'))
            .unwrap_or(true);
        // “…。”他同时敦促…: a pronoun right after the quote.
        if speaker.is_none() {
            let rest =
                norm[close_end..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
            let at = norm.len() - rest.len();
            let k = units.list.partition_point(|u| u.start < at);
            if units
                .list
                .get(k)
                .is_some_and(|u| u.start == at && u.pronoun && u.ents.len() == 1)
            {
                speaker = ent_of(units, k, true);
            }
        }
        // 4. “…”X说。“…” — a quote opening a sentence right after an attributed one.
        if speaker.is_none() {
            if let Some((pe, Some(sp))) = &prev {
                let gap = &norm[*pe..open];
                if starts_sentence && gap.chars().count() <= 80 && !gap.contains('\n') {
                    speaker = Some(sp.clone());
                }
            }
        }
        // X表示，…。“…。” — a quote opening a sentence after one whose
        // speaker says it (same paragraph).
        if speaker.is_none() && starts_sentence && si > 0 {
            let prev_s = &sents[si - 1];
            let cur_para = sents.get(si).map(|s| s.para).unwrap_or(prev_s.para);
            if prev_s.para == cur_para && prev_s.end <= open {
                if let Some(&(vs, _)) =
                    speech_verbs(norm, prev_s.start, prev_s.end, &quoted).first()
                {
                    speaker = speaker_first(units, prev_s.start, vs);
                }
            }
        }
        // “…，”他说: the pronoun stands for the speaker of the quotes before.
        if let (Some(sp), Some((pe, Some(psp)))) = (&speaker, &prev) {
            // (他/她 stand for a person: never for a state or body.)
            let person = psp.0.starts_with("person:") || psp.0.starts_with("new:");
            if sp.2 && person && open.saturating_sub(*pe) <= 600 {
                speaker = Some(psp.clone());
            }
        }
        if n >= MIN_CHARS && !name_like(&norm[a..b]) {
            out.push(Attributed {
                start: a,
                end: b,
                speaker: speaker.as_ref().map(|s| s.0.clone()),
                official: speaker.as_ref().map(|s| s.1).unwrap_or(true),
            });
            // A short unattributed term (a programme's or a book's name)
            // does not break a speaker's run of quotes.
            let term = speaker.is_none()
                && n <= 12
                && !norm[a..b].contains(['。', '，', '！', '？', '；']);
            if !term {
                prev = Some((close_end, speaker));
            }
        }
    }
    out
}
