//! Quote attribution on sentences written for these tests (both scripts).

use crate::Coder;
use shiju_core::{Context, Entity, EntityType, Mention, Text};

/// (simplified form, id, person?) — a gazetteer for these tests only.
const GAZ: &[(&str, &str, bool)] = &[
    ("约翰·史密斯", "person:smith", true),
    ("史密斯", "person:smith", true),
    ("默克尔", "person:merkel", true),
    ("奥巴马", "person:obama", true),
    ("阿什顿·卡特", "person:carter", true),
    ("卡特", "person:carter", true),
    ("普京", "person:putin", true),
    ("特朗普", "person:trump", true),
    ("康德", "person:kant", true),
    ("玛丽·琼斯", "person:jones", true),
    ("琼斯", "person:jones", true),
    ("克里姆林宫", "country:RUS", false),
    ("莫斯科", "country:RUS", false),
    ("北京", "country:CHN", false),
    ("英国", "country:GBR", false),
    ("日本", "country:JPN", false),
];

fn text(s: &str) -> Text {
    static N: std::sync::OnceLock<shiju_text::Normalizer> = std::sync::OnceLock::new();
    N.get_or_init(|| shiju_text::Normalizer::new(None).expect("normaliser"))
        .normalize(s)
}

/// Entities by leftmost-longest match of [`GAZ`] on the normalised text,
/// with spans in the original.
fn entities(t: &Text) -> Vec<Entity> {
    let norm = t.norm.as_str();
    let mut out: Vec<Entity> = Vec::new();
    let mut pos = 0;
    while pos < norm.len() {
        let hit = GAZ
            .iter()
            .filter(|g| norm[pos..].starts_with(g.0))
            .max_by_key(|g| g.0.len());
        let Some(&(form, id, person)) = hit else {
            pos += norm[pos..]
                .chars()
                .next()
                .map(|c| c.len_utf8())
                .unwrap_or(1);
            continue;
        };
        let (a, b) = t.orig_span(pos, pos + form.len());
        let m = Mention {
            text: t.original[a..b].to_string(),
            start: a,
            end: b,
        };
        match out.iter_mut().find(|e| e.id == id) {
            Some(e) => e.mentions.push(m),
            None => out.push(Entity {
                id: id.to_string(),
                kind: if person {
                    EntityType::Person
                } else {
                    EntityType::Country
                },
                country: id.strip_prefix("country:").map(str::to_string),
                role: None,
                name: None,
                forms: vec![form.to_string()],
                mentions: vec![m],
                actor: None,
            }),
        }
        pos += form.len();
    }
    out
}

fn coder() -> &'static Coder {
    static C: std::sync::OnceLock<Coder> = std::sync::OnceLock::new();
    C.get_or_init(|| Coder::new(None).expect("built-in lexicon"))
}

/// (speaker, quoted text) of every attributed quote of `s`.
fn quotes(s: &str) -> Vec<(String, String)> {
    let t = text(s);
    let ents = entities(&t);
    coder()
        .quotes(&t, &ents, &Context::default())
        .into_iter()
        .map(|q| (q.speaker.unwrap_or_default(), q.text))
        .collect()
}

fn speakers(s: &str) -> Vec<String> {
    quotes(s).into_iter().map(|q| q.0).collect()
}

#[test]
fn a_name_that_modifies_the_speaker_is_not_the_speaker() {
    assert_eq!(
        speakers("奥巴马政府时期的国防部长阿什顿·卡特曾表示，“我们不会在这个问题上让步。”"),
        ["person:carter"]
    );
    assert_eq!(
        speakers("奧巴馬政府時期的國防部長阿什頓·卡特曾表示：「我們不會在這個問題上讓步。」"),
        ["person:carter"]
    );
    // A name after 与 still opens the clause (与X宣称的“…”不同).
    assert_eq!(
        speakers("与特朗普宣称的“经济正在全面复苏”不同，数据并不乐观。"),
        ["person:trump"]
    );
}

#[test]
fn citing_gives_the_words_to_the_one_cited() {
    assert_eq!(
        speakers("默克尔引述康德的话说：“要有勇气运用你自己的理智。”"),
        ["person:kant"]
    );
    // The one cited is not named: no speaker.
    assert!(speakers("默克尔引述一封来信说：“我们要求公开全部真相。”").is_empty());
    assert!(speakers("默克爾引述一封來信說：「我們要求公開全部真相。」").is_empty());
}

#[test]
fn he_said_stands_for_the_last_person_introduced_as_a_subject() {
    let s = "“经济正在稳步复苏，”默克尔说。\n经济学家约翰·史密斯也表示，前景并不明朗。“通胀仍然是最大的风险，”他说。";
    assert_eq!(speakers(s), ["person:merkel", "person:smith"]);
    let s = "「經濟正在穩步復甦，」默克爾說。\n經濟學家約翰·史密斯也表示，前景並不明朗。「通脹仍然是最大的風險，」他說。";
    assert_eq!(speakers(s), ["person:merkel", "person:smith"]);
    // A name inside someone's reported words introduces no new speaker.
    let s = "“合作符合双方的利益，”史密斯说。\n史密斯说，莫斯科可能感到不安，但普京不太可能认为这是威胁。“这种想法太天真了，”他说。";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
}

#[test]
fn a_speaker_goes_on_speaking() {
    // A paragraph opening with a quote right after an attributed one.
    let s = "“我们需要更多的时间。”史密斯说。\n“谈判还远远没有结束。”";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
    let s = "「我們需要更多的時間。」史密斯說。\n「談判還遠遠沒有結束。」";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
    // 并说“…” with no name of its own: the speaker of the quote before.
    let s = "琼斯说，这是“目前最好的选择。”并说“我们将继续努力下去。”";
    assert_eq!(speakers(s), ["person:jones", "person:jones"]);
    // A second quote in the same sentence.
    let s = "史密斯说，这份报告“完全不符合事实”，而且“严重损害了两国关系”。";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
    // The previous sentence reports the speaker's words.
    let s =
        "琼斯在声明中说，这些应用程序会收集用户数据。北京可以利用这些数据来“追踪政府雇员的位置”。";
    assert_eq!(speakers(s), ["person:jones"]);
    let s = "瓊斯在聲明中說，這些應用程式會收集用戶數據。北京可以利用這些數據來「追蹤政府僱員的位置」。";
    assert_eq!(speakers(s), ["person:jones"]);
}

#[test]
fn the_sentence_subject_speaks_when_the_verb_has_no_name() {
    let s = "克里姆林宫驳斥了特朗普可能分裂两国的说法，称“两国关系不受外部因素影响”。";
    assert_eq!(speakers(s), ["country:RUS"]);
    let s = "克里姆林宮駁斥了特朗普可能分裂兩國的說法，稱「兩國關係不受外部因素影響」。";
    assert_eq!(speakers(s), ["country:RUS"]);
}

#[test]
fn a_new_sentence_after_a_finished_quote_is_not_its_attribution() {
    // “…。”X呼吁… : X's own act, not the quote's speaker.
    assert!(speakers("“这是一个错误的决定。”史密斯随后呼吁各方保持克制。").is_empty());
    // “…。”X说。 attributes.
    assert_eq!(
        speakers("“这是一个错误的决定。”资深分析师约翰·史密斯说。"),
        ["person:smith"]
    );
}

#[test]
fn unnamed_people_and_names_are_not_speakers_or_quotes() {
    assert!(speakers("许多日本网友留言：“这个节目实在太精彩了。”").is_empty());
    assert!(speakers("許多日本網友留言：「這個節目實在太精彩了。」").is_empty());
    // A state in a 在… phrase does not speak for an unknown person.
    assert!(speakers("纽约出生的约翰逊在针对英国疫情的记者会上说：“我们会渡过难关。”").is_empty());
    // Quoted names of documents and places are not speech.
    assert!(speakers("史密斯说，北京将提出“数据公益运作指引”草案。").is_empty());
    assert!(speakers("史密斯宣布“Tokyo Design Center”下月开幕。").is_empty());
    assert!(speakers("史密斯宣布「網路安全管理法」下月生效。").is_empty());
}

#[test]
fn a_quote_right_after_its_subjects_clause() {
    assert_eq!(
        speakers("史密斯至今没有改变看法，“他的表现还没有让我改变主意。”"),
        ["person:smith"]
    );
    assert_eq!(
        speakers("史密斯至今沒有改變看法，「他的表現還沒有讓我改變主意。」"),
        ["person:smith"]
    );
    // 该负责人说 after a quote: the official of the quote before.
    let s = "克里姆林宫援引一位负责人称，“会谈取得了积极的成果。”\n“双方还将继续保持密切沟通，”该负责人说。";
    assert_eq!(speakers(s), ["country:RUS", "country:RUS"]);
}

#[test]
fn someone_else_taking_the_floor_speaks_next() {
    let s = "“我们不会接受这个结果。”史密斯说。琼斯也不断呼吁重新计票。她问道：为什么要拖延？“只剩下十几天了，每一天都很关键。”";
    assert_eq!(speakers(s), ["person:smith", "person:jones"]);
}

#[test]
fn quotes_inside_quotes_belong_to_the_one_quoted() {
    let s = "琼斯说：“在1940年大选前夕，默克尔表示，民主不只是一个词——‘它是一个有生命的东西’。”";
    assert_eq!(
        quotes(s),
        [
            (
                "person:jones".to_string(),
                "在1940年大选前夕，默克尔表示，民主不只是一个词——‘它是一个有生命的东西’。"
                    .to_string()
            ),
            (
                "person:merkel".to_string(),
                "它是一个有生命的东西".to_string()
            )
        ]
    );
    let s = "瓊斯說：「史密斯警告普京『這樣下去沒有好結果』。」";
    assert_eq!(speakers(s), ["person:jones", "person:smith"]);
}

#[test]
fn so_called_terms_programmes_and_unknown_bodies() {
    assert!(speakers("史密斯说，并不存在所谓“以持有人取代当事人”的情形。").is_empty());
    assert!(speakers("史密斯在“周日新闻访谈”节目中回答了提问。").is_empty());
    // 美国 begins the name of a body the gazetteer lacks: not the speaker.
    assert!(speakers("美国国家反间谍执法办公室表示，“外国势力正在干预选举。”").is_empty());
    assert!(speakers("美國國家反間諜執法辦公室表示：「外國勢力正在干預選舉。」").is_empty());
}

#[test]
fn he_said_after_an_unknown_speaker_is_not_someone_else() {
    // The speaker of the first quote is not in the gazetteer: 他 is that
    // speaker, not the last known person.
    let s = "特朗普昨天发表了讲话。\n出生在纽约的约翰逊在记者会上说：“美国一直代表着自由。”\n他说：“这种做法是完全错误的。”";
    assert!(speakers(s).is_empty());
    let s = "特朗普昨天發表了講話。\n出生在紐約的約翰遜在記者會上說：「美國一直代表著自由。」\n他說：「這種做法是完全錯誤的。」";
    assert!(speakers(s).is_empty());
    // Someone unknown, glossed in Latin letters, was just introduced.
    let s = "特朗普昨天发表了讲话。\n安娜·威尔逊（Anna Wilson）是一个组织的创办人。她说：“我们要拯救这个国家。”";
    assert!(speakers(s).is_empty());
}
