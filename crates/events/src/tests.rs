//! Unit tests with a tiny test-only entity finder.

use super::*;
use shiju_core::{EntityType, Mention};

/// (form, id, type, country, holds office) — a test gazetteer standing in
/// for shiju-entities (generic states, capitals, organisations, leaders).
const GAZ: &[(&str, &str, &str, &str, bool)] = &[
    ("中国", "country:CHN", "c", "CHN", false),
    ("中方", "country:CHN", "c", "CHN", false),
    ("北京", "country:CHN", "c", "CHN", false),
    ("中华人民共和国", "country:CHN", "c", "CHN", false),
    ("中國", "country:CHN", "c", "CHN", false),
    ("北京政府", "country:CHN", "c", "CHN", false),
    ("美国", "country:USA", "c", "USA", false),
    ("美方", "country:USA", "c", "USA", false),
    ("华盛顿", "country:USA", "c", "USA", false),
    ("白宫", "country:USA", "c", "USA", false),
    ("五角大楼", "country:USA", "c", "USA", false),
    ("美國", "country:USA", "c", "USA", false),
    ("華盛頓", "country:USA", "c", "USA", false),
    ("美军", "country:USA", "c", "USA", false),
    ("俄罗斯", "country:RUS", "c", "RUS", false),
    ("俄方", "country:RUS", "c", "RUS", false),
    ("莫斯科", "country:RUS", "c", "RUS", false),
    ("克里姆林宫", "country:RUS", "c", "RUS", false),
    ("俄羅斯", "country:RUS", "c", "RUS", false),
    ("俄军", "country:RUS", "c", "RUS", false),
    ("俄軍", "country:RUS", "c", "RUS", false),
    ("克里姆林宮", "country:RUS", "c", "RUS", false),
    ("乌克兰", "country:UKR", "c", "UKR", false),
    ("乌方", "country:UKR", "c", "UKR", false),
    ("基辅", "country:UKR", "c", "UKR", false),
    ("烏克蘭", "country:UKR", "c", "UKR", false),
    ("基輔", "country:UKR", "c", "UKR", false),
    ("乌军", "country:UKR", "c", "UKR", false),
    ("烏軍", "country:UKR", "c", "UKR", false),
    ("朝鲜", "country:PRK", "c", "PRK", false),
    ("平壤", "country:PRK", "c", "PRK", false),
    ("北韩", "country:PRK", "c", "PRK", false),
    ("韩国", "country:KOR", "c", "KOR", false),
    ("首尔", "country:KOR", "c", "KOR", false),
    ("南韩", "country:KOR", "c", "KOR", false),
    ("韓國", "country:KOR", "c", "KOR", false),
    ("日本", "country:JPN", "c", "JPN", false),
    ("东京", "country:JPN", "c", "JPN", false),
    ("日方", "country:JPN", "c", "JPN", false),
    ("印度", "country:IND", "c", "IND", false),
    ("新德里", "country:IND", "c", "IND", false),
    ("巴西", "country:BRA", "c", "BRA", false),
    ("南非", "country:ZAF", "c", "ZAF", false),
    ("伊朗", "country:IRN", "c", "IRN", false),
    ("德黑兰", "country:IRN", "c", "IRN", false),
    ("埃及", "country:EGY", "c", "EGY", false),
    ("开罗", "country:EGY", "c", "EGY", false),
    ("埃塞俄比亚", "country:ETH", "c", "ETH", false),
    ("阿拉伯联合酋长国", "country:ARE", "c", "ARE", false),
    ("阿联酋", "country:ARE", "c", "ARE", false),
    ("土耳其", "country:TUR", "c", "TUR", false),
    ("安卡拉", "country:TUR", "c", "TUR", false),
    ("塔吉克斯坦", "country:TJK", "c", "TJK", false),
    ("德国", "country:DEU", "c", "DEU", false),
    ("柏林", "country:DEU", "c", "DEU", false),
    ("德國", "country:DEU", "c", "DEU", false),
    ("法国", "country:FRA", "c", "FRA", false),
    ("巴黎", "country:FRA", "c", "FRA", false),
    ("法國", "country:FRA", "c", "FRA", false),
    ("法国政府", "country:FRA", "c", "FRA", false),
    ("英国", "country:GBR", "c", "GBR", false),
    ("伦敦", "country:GBR", "c", "GBR", false),
    ("英國", "country:GBR", "c", "GBR", false),
    ("倫敦", "country:GBR", "c", "GBR", false),
    ("意大利", "country:ITA", "c", "ITA", false),
    ("罗马", "country:ITA", "c", "ITA", false),
    ("秘鲁", "country:PER", "c", "PER", false),
    ("利马", "country:PER", "c", "PER", false),
    ("以色列", "country:ISR", "c", "ISR", false),
    ("特拉维夫", "country:ISR", "c", "ISR", false),
    ("巴勒斯坦", "country:PSE", "c", "PSE", false),
    ("叙利亚", "country:SYR", "c", "SYR", false),
    ("大马士革", "country:SYR", "c", "SYR", false),
    ("巴基斯坦", "country:PAK", "c", "PAK", false),
    ("伊斯兰堡", "country:PAK", "c", "PAK", false),
    ("阿富汗", "country:AFG", "c", "AFG", false),
    ("喀布尔", "country:AFG", "c", "AFG", false),
    ("越南", "country:VNM", "c", "VNM", false),
    ("河内", "country:VNM", "c", "VNM", false),
    ("菲律宾", "country:PHL", "c", "PHL", false),
    ("马尼拉", "country:PHL", "c", "PHL", false),
    ("澳大利亚", "country:AUS", "c", "AUS", false),
    ("堪培拉", "country:AUS", "c", "AUS", false),
    ("澳洲", "country:AUS", "c", "AUS", false),
    ("加拿大", "country:CAN", "c", "CAN", false),
    ("渥太华", "country:CAN", "c", "CAN", false),
    ("墨西哥", "country:MEX", "c", "MEX", false),
    ("沙特阿拉伯", "country:SAU", "c", "SAU", false),
    ("沙特", "country:SAU", "c", "SAU", false),
    ("利雅得", "country:SAU", "c", "SAU", false),
    ("台湾", "country:TWN", "c", "TWN", false),
    ("台北", "country:TWN", "c", "TWN", false),
    ("台灣", "country:TWN", "c", "TWN", false),
    ("白俄罗斯", "country:BLR", "c", "BLR", false),
    ("明斯克", "country:BLR", "c", "BLR", false),
    ("波兰", "country:POL", "c", "POL", false),
    ("华沙", "country:POL", "c", "POL", false),
    ("哈萨克斯坦", "country:KAZ", "c", "KAZ", false),
    ("蒙古", "country:MNG", "c", "MNG", false),
    ("新加坡", "country:SGP", "c", "SGP", false),
    ("印度尼西亚", "country:IDN", "c", "IDN", false),
    ("印尼", "country:IDN", "c", "IDN", false),
    ("雅加达", "country:IDN", "c", "IDN", false),
    ("泰国", "country:THA", "c", "THA", false),
    ("曼谷", "country:THA", "c", "THA", false),
    ("缅甸", "country:MMR", "c", "MMR", false),
    ("黎巴嫩", "country:LBN", "c", "LBN", false),
    ("贝鲁特", "country:LBN", "c", "LBN", false),
    ("伊拉克", "country:IRQ", "c", "IRQ", false),
    ("巴格达", "country:IRQ", "c", "IRQ", false),
    ("古巴", "country:CUB", "c", "CUB", false),
    ("哈瓦那", "country:CUB", "c", "CUB", false),
    ("委内瑞拉", "country:VEN", "c", "VEN", false),
    ("匈牙利", "country:HUN", "c", "HUN", false),
    ("格鲁吉亚", "country:GEO", "c", "GEO", false),
    ("亚美尼亚", "country:ARM", "c", "ARM", false),
    ("阿塞拜疆", "country:AZE", "c", "AZE", false),
    ("塞尔维亚", "country:SRB", "c", "SRB", false),
    ("卡塔尔", "country:QAT", "c", "QAT", false),
    ("多哈", "country:QAT", "c", "QAT", false),
    ("荷兰", "country:NLD", "c", "NLD", false),
    ("西班牙", "country:ESP", "c", "ESP", false),
    ("瑞典", "country:SWE", "c", "SWE", false),
    ("芬兰", "country:FIN", "c", "FIN", false),
    ("挪威", "country:NOR", "c", "NOR", false),
    ("瑞士", "country:CHE", "c", "CHE", false),
    ("肯尼亚", "country:KEN", "c", "KEN", false),
    ("尼日利亚", "country:NGA", "c", "NGA", false),
    ("阿根廷", "country:ARG", "c", "ARG", false),
    ("智利", "country:CHL", "c", "CHL", false),
    ("新西兰", "country:NZL", "c", "NZL", false),
    ("北约", "org:NATO", "o", "", false),
    ("北大西洋公约组织", "org:NATO", "o", "", false),
    ("北約", "org:NATO", "o", "", false),
    ("北大西洋公約組織", "org:NATO", "o", "", false),
    ("NATO", "org:NATO", "o", "", false),
    ("联合国", "org:UN", "o", "", false),
    ("联合国安理会", "org:UN", "o", "", false),
    ("联合国制裁委员会", "org:UN", "o", "", false),
    ("聯合國", "org:UN", "o", "", false),
    ("安理会", "org:UN", "o", "", false),
    ("欧盟", "org:EU", "o", "", false),
    ("歐盟", "org:EU", "o", "", false),
    ("欧洲联盟", "org:EU", "o", "", false),
    ("20国集团", "org:G20", "o", "", false),
    ("G20", "org:G20", "o", "", false),
    ("二十国集团", "org:G20", "o", "", false),
    ("亚洲太平洋经济合作组织", "org:APEC", "o", "", false),
    ("亚太经合组织", "org:APEC", "o", "", false),
    ("APEC", "org:APEC", "o", "", false),
    ("上海合作组织", "org:SCO", "o", "", false),
    ("上合组织", "org:SCO", "o", "", false),
    ("上海合作組織", "org:SCO", "o", "", false),
    ("SCO", "org:SCO", "o", "", false),
    ("金砖国家联盟", "org:BRICS", "o", "", false),
    ("金砖国家", "org:BRICS", "o", "", false),
    ("金砖", "org:BRICS", "o", "", false),
    ("东盟", "org:ASEAN", "o", "", false),
    ("国际原子能机构", "org:IAEA", "o", "", false),
    ("世界卫生组织", "org:WHO", "o", "", false),
    ("世卫组织", "org:WHO", "o", "", false),
    ("拜登", "person:biden", "p", "USA", true),
    ("拜登总统", "person:biden", "p", "USA", true),
    ("特朗普", "person:trump", "p", "USA", true),
    ("川普", "person:trump", "p", "USA", true),
    ("特朗普总统", "person:trump", "p", "USA", true),
    ("候任总统特朗普", "person:trump", "p", "USA", true),
    ("布林肯", "person:blinken", "p", "USA", true),
    ("普京", "person:putin", "p", "RUS", true),
    ("蒲亭", "person:putin", "p", "RUS", true),
    ("普丁", "person:putin", "p", "RUS", true),
    ("俄罗斯总统普京", "person:putin", "p", "RUS", true),
    ("拉夫罗夫", "person:lavrov", "p", "RUS", true),
    ("谢尔盖·拉夫罗夫", "person:lavrov", "p", "RUS", true),
    ("佩斯科夫", "person:peskov", "p", "RUS", true),
    ("德米特里·佩斯科夫", "person:peskov", "p", "RUS", true),
    ("绍伊古", "person:shoigu", "p", "RUS", true),
    ("谢尔盖·K·绍伊古", "person:shoigu", "p", "RUS", true),
    ("奥维尔丘克", "person:overchuk", "p", "RUS", true),
    ("格拉西莫夫", "person:gerasimov", "p", "RUS", true),
    ("习近平", "person:xi-jinping", "p", "CHN", true),
    ("習近平", "person:xi-jinping", "p", "CHN", true),
    ("中国领导人", "person:xi-jinping", "p", "CHN", true),
    ("中國領導人", "person:xi-jinping", "p", "CHN", true),
    ("王毅", "person:wang-yi", "p", "CHN", true),
    ("栗战书", "person:li-zhanshu", "p", "CHN", true),
    ("栗戰書", "person:li-zhanshu", "p", "CHN", true),
    ("秦刚", "person:qin-gang", "p", "CHN", true),
    ("泽连斯基", "person:zelensky", "p", "UKR", true),
    ("澤倫斯基", "person:zelensky", "p", "UKR", true),
    ("扎卢日内", "person:zaluzhny", "p", "UKR", true),
    ("金正恩", "person:kim-jong-un", "p", "PRK", true),
    ("卢拉", "person:lula", "p", "BRA", true),
    ("埃尔多安", "person:erdogan", "p", "TUR", true),
    ("马克龙", "person:macron", "p", "FRA", true),
    ("梅洛尼", "person:meloni", "p", "ITA", true),
    ("朔尔茨", "person:scholz", "p", "DEU", true),
    ("莫迪", "person:modi", "p", "IND", true),
    ("内塔尼亚胡", "person:netanyahu", "p", "ISR", true),
    ("岸田文雄", "person:kishida", "p", "JPN", true),
    ("岸田", "person:kishida", "p", "JPN", true),
    ("尹锡悦", "person:yoon", "p", "KOR", true),
    ("基思·凯洛格", "person:kellogg", "p", "USA", true),
    ("凯洛格", "person:kellogg", "p", "USA", true),
    ("约翰·沙利文", "person:sullivan", "p", "USA", false),
    ("小威廉·泰勒", "person:taylor", "p", "USA", false),
    ("乔希·利普斯基", "person:lipsky", "p", "USA", false),
    ("利普斯基", "person:lipsky", "p", "USA", false),
    ("谢尔盖·拉德琴科", "person:radchenko", "p", "", false),
    ("拉德琴科", "person:radchenko", "p", "", false),
    ("斯科特·A·施耐德", "person:snyder", "p", "", false),
    ("亚历山大·加布耶夫", "person:gabuev", "p", "", false),
    ("加布耶夫", "person:gabuev", "p", "", false),
    ("洪敏", "person:hong-min", "p", "", false),
    ("查卡洛娃", "person:tchakarova", "p", "", false),
    ("布朗", "person:brown", "p", "", false),
    ("尼克松", "person:nixon", "p", "USA", false),
];

/// Entities of a normalised text: found in the norm, spans in the original.
pub(crate) fn find_entities_text(text: &Text) -> Vec<Entity> {
    let mut ents = find_entities(&text.norm);
    for e in &mut ents {
        for m in &mut e.mentions {
            let (a, b) = text.orig_span(m.start, m.end);
            m.start = a;
            m.end = b;
            m.text = text.original.get(a..b).unwrap_or("").to_string();
        }
    }
    ents
}

/// One-character abbreviations that pair into compounds (中俄, 美韩).
const ABBR: &[(char, &str)] = &[
    ('中', "country:CHN"),
    ('美', "country:USA"),
    ('俄', "country:RUS"),
    ('朝', "country:PRK"),
    ('韩', "country:KOR"),
    ('日', "country:JPN"),
    ('乌', "country:UKR"),
    ('印', "country:IND"),
];
const COMPOUND_NEXT: &[&str] = &[
    "两国",
    "双方",
    "关系",
    "领导人",
    "元首",
    "峰会",
    "会谈",
    "对话",
    "联合",
];

/// Compounds like 中俄两国: two entities, each with a mention over the pair.
fn compounds(s: &str, ents: &mut Vec<Entity>) {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    for w in cs.windows(2) {
        let (a, c1) = w[0];
        let (b, c2) = w[1];
        let end = b + c2.len_utf8();
        let (Some(x), Some(y)) = (
            ABBR.iter().find(|p| p.0 == c1),
            ABBR.iter().find(|p| p.0 == c2),
        ) else {
            continue;
        };
        if x.1 == y.1 || !COMPOUND_NEXT.iter().any(|n| s[end..].starts_with(n)) {
            continue;
        }
        for id in [x.1, y.1] {
            let m = Mention {
                text: s[a..end].to_string(),
                start: a,
                end,
                unit: shiju_core::Bytes,
            };
            if let Some(e) = ents.iter_mut().find(|e| e.id == id) {
                e.mentions.push(m);
            } else {
                let code = id.trim_start_matches("country:").to_string();
                ents.push(Entity {
                    id: id.to_string(),
                    kind: EntityType::Country,
                    country: Some(code),
                    role: None,
                    name: None,
                    forms: vec![m.text.clone()],
                    mentions: vec![m],
                    actor: None,
                });
            }
        }
    }
}

pub(crate) fn find_entities(s: &str) -> Vec<Entity> {
    let mut ents: Vec<Entity> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut forms: Vec<&(&str, &str, &str, &str, bool)> = GAZ.iter().collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
    for f in forms {
        let mut from = 0;
        while let Some(i) = s[from..].find(f.0) {
            let a = from + i;
            let b = a + f.0.len();
            from = b;
            if taken.iter().any(|&(x, y)| a < y && x < b) {
                continue;
            }
            taken.push((a, b));
            let m = Mention {
                text: f.0.to_string(),
                start: a,
                end: b,
                unit: shiju_core::Bytes,
            };
            if let Some(e) = ents.iter_mut().find(|e| e.id == f.1) {
                e.mentions.push(m);
            } else {
                ents.push(Entity {
                    id: f.1.to_string(),
                    kind: match f.2 {
                        "p" => EntityType::Person,
                        "o" => EntityType::Org,
                        _ => EntityType::Country,
                    },
                    country: if f.3.is_empty() {
                        None
                    } else {
                        Some(f.3.to_string())
                    },
                    role: if f.4 {
                        Some(shiju_core::Role {
                            title: "official".into(),
                            of: Some(f.3.to_string()),
                            status: shiju_core::RoleStatus::InOffice,
                        })
                    } else {
                        None
                    },
                    name: None,
                    forms: vec![f.0.to_string()],
                    mentions: vec![m],
                    actor: None,
                });
            }
        }
    }
    compounds(s, &mut ents);
    ents
}

fn coder() -> &'static Coder {
    static C: std::sync::OnceLock<Coder> = std::sync::OnceLock::new();
    C.get_or_init(|| Coder::new(None).expect("built-in lexicon"))
}

fn ctx(published: &str) -> Context {
    Context {
        published: shiju_core::date::parse_ymd(published),
        script: shiju_core::Script::Simplified,
        home: None,
    }
}

/// Timex built by hand: (form, value) pairs located in `s`.
fn timex(s: &str, tx: &[(&str, &str)]) -> Vec<Timex> {
    let mut out = Vec::new();
    for (form, value) in tx {
        let mut from = 0;
        while let Some(i) = s[from..].find(form) {
            let a = from + i;
            out.push(Timex {
                text: form.to_string(),
                value: value.to_string(),
                start: a,
                end: a + form.len(),
                unit: shiju_core::Bytes,
            });
            from = a + form.len();
        }
    }
    out
}

/// Events of one text as `SRC>TGT:code@date`, in order.
pub(crate) fn ev_tx(s: &str, tx: &[(&str, &str)]) -> Vec<String> {
    let text = Text::identity(s);
    let ents = find_entities(s);
    coder()
        .events(&text, &ents, &timex(s, tx), &ctx("2024-06-12"))
        .into_iter()
        .map(|e| format!("{}>{}:{}@{}", e.source, e.target, e.code, e.date))
        .collect()
}

#[test]
fn builds() {
    let c = Coder::new(None).unwrap();
    assert!(c.pattern_count() > 200);
}

mod cases;
mod context;
mod realnews_classes;
mod s12_classes;
mod seeds;
mod statements;

fn norm_text(s: &str) -> Text {
    static N: std::sync::OnceLock<shiju_text::Normalizer> = std::sync::OnceLock::new();
    N.get_or_init(|| shiju_text::Normalizer::new(None).expect("normaliser"))
        .normalize(s)
}

fn coded(s: &str) -> Vec<String> {
    let text = norm_text(s);
    let ents = find_entities_text(&text);
    let mut v: Vec<String> = coder()
        .events(&text, &ents, &[], &ctx("2024-06-12"))
        .into_iter()
        .map(|e| format!("{}>{}:{}", e.source, e.target, e.code))
        .collect();
    v.sort();
    v
}

#[test]
fn sentence_cases() {
    let mut bad = Vec::new();
    for (s, want) in cases::POSITIVE {
        let mut w: Vec<String> = want.split_whitespace().map(str::to_string).collect();
        w.sort();
        let got = coded(s);
        if got != w {
            bad.push(format!("{s}\n    want {w:?}\n    got  {got:?}"));
        }
    }
    for s in cases::NEGATIVE {
        let got = coded(s);
        if !got.is_empty() {
            bad.push(format!("{s}\n    want []\n    got  {got:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} cases wrong:\n{}",
        bad.len(),
        cases::POSITIVE.len() + cases::NEGATIVE.len(),
        bad.join("\n")
    );
}

#[test]
fn enough_cases_cover_every_root() {
    assert!(cases::POSITIVE.len() + cases::NEGATIVE.len() >= 200);
    let roots: std::collections::BTreeSet<String> = cases::POSITIVE
        .iter()
        .flat_map(|(_, w)| {
            w.split_whitespace()
                .filter_map(|x| x.split(':').nth(1))
                .map(|c| c[..2].to_string())
        })
        .collect();
    for r in 1..=20 {
        assert!(
            roots.contains(&format!("{r:02}")),
            "root {r:02} has no case"
        );
    }
}

#[test]
#[ignore]
fn debug_one() {
    let s = std::env::var("S").unwrap_or_default();
    let n = shiju_text::Normalizer::new(None).unwrap();
    let text = n.normalize(&s);
    let ents = find_entities_text(&text);
    for e in coder().events(&text, &ents, &[], &ctx("2024-06-12")) {
        println!(
            "{}>{} {} {} {:?}>{:?}",
            e.source, e.target, e.code, e.date, e.source_entity, e.target_entity
        );
    }
}

#[test]
#[ignore]
fn debug_quotes() {
    let s = std::env::var("S").unwrap_or_default();
    let n = shiju_text::Normalizer::new(None).unwrap();
    let text = n.normalize(&s);
    let ents = find_entities_text(&text);
    for q in coder().quotes(&text, &ents, &ctx("2024-06-12")) {
        println!("{:?} {}", q.speaker, q.text);
    }
}

#[test]
fn dates_come_from_the_clause_or_sentence() {
    let tx = [
        ("周三", "2024-06-12"),
        ("7月", "2023-07"),
        ("上周", "2024-W23"),
        ("5月", "2024-07"),
    ];
    assert_eq!(
        ev_tx("周三，普京会见了金正恩。", &tx),
        vec!["RUS>PRK:040@2024-06-12", "PRK>RUS:040@2024-06-12"]
    );
    assert_eq!(
        ev_tx("7月，绍伊古访问了平壤。", &tx),
        vec!["RUS>PRK:042@2023-07", "PRK>RUS:043@2023-07"]
    );
    assert_eq!(
        ev_tx("中国上周才同意购买俄罗斯天然气。", &tx),
        vec!["CHN>RUS:0311@2024-W23"]
    );
    // No time in the sentence: the publication date.
    assert_eq!(
        ev_tx("俄罗斯轰炸了乌克兰。", &tx),
        vec!["RUS>UKR:195@2024-06-12"]
    );
    // An announced plan is coded 03 on the announcement day, not the plan's date.
    assert_eq!(
        ev_tx("习近平将于5月访问俄罗斯。", &tx),
        vec!["CHN>RUS:036@2024-06-12"]
    );
}

#[test]
fn background_references_keep_only_their_own_date() {
    let tx = [("2022年2月", "2022-02")];
    assert!(ev_tx("自俄罗斯入侵乌克兰以来，油价上涨。", &tx).is_empty());
    assert_eq!(
        ev_tx("自2022年2月俄罗斯入侵乌克兰以来，油价上涨。", &tx),
        vec!["RUS>UKR:190@2022-02"]
    );
}

#[test]
fn a_range_is_dated_by_its_start() {
    let tx = [("11月13日", "2023-11-13"), ("19日", "2023-11-19")];
    assert_eq!(
        ev_tx("俄罗斯副总理于11月13日至19日出访美国。", &tx),
        vec!["RUS>USA:042@2023-11-13", "USA>RUS:043@2023-11-13"]
    );
}

#[test]
fn one_record_per_source_target_root_date() {
    let v = ev_tx("普京会见了金正恩。普京与金正恩举行会谈。", &[]);
    assert_eq!(v, vec!["RUS>PRK:040@2024-06-12", "PRK>RUS:040@2024-06-12"]);
}

#[test]
fn evidence_and_offsets_are_in_the_original_text() {
    let s = "中央社報導。俄羅斯總統蒲亭飛抵北京。其他內容。";
    let text = norm_text(s);
    assert_ne!(text.norm, text.original);
    let ents = find_entities_text(&text);
    let evs = coder().events(&text, &ents, &[], &ctx("2022-02-04"));
    assert_eq!(evs.len(), 2);
    for e in &evs {
        assert_eq!(e.evidence, "俄羅斯總統蒲亭飛抵北京。");
        assert_eq!(&s[e.start..e.end], e.evidence);
    }
    assert_eq!(evs[0].source_entity.as_deref(), Some("person:putin"));
    assert_eq!(evs[0].code, "042");
    assert_eq!(evs[0].cameo, "04");
    assert_eq!(evs[0].quad_class, 1);
    assert_eq!(evs[0].goldstein, Some(1.9));
    assert_eq!(evs[0].plover.as_deref(), Some("CONSULT"));
    assert_eq!(evs[0].date, "2022-02-04");
}

fn quotes_of(s: &str) -> Vec<(String, String)> {
    let text = norm_text(s);
    let ents = find_entities_text(&text);
    coder()
        .quotes(&text, &ents, &ctx("2024-06-12"))
        .into_iter()
        .map(|q| {
            assert_eq!(&text.original[q.start..q.end], q.text);
            (q.speaker.unwrap_or_default(), q.text)
        })
        .collect()
}

#[test]
fn quotes_with_speakers_before_and_after() {
    let p = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        quotes_of("拜登说：“我们将继续支持乌克兰。”"),
        vec![p("person:biden", "我们将继续支持乌克兰。")]
    );
    assert_eq!(
        quotes_of("“这是一个历史性的时刻，”普京在克里姆林宫对记者说。“我们会继续合作。”"),
        vec![
            p("person:putin", "这是一个历史性的时刻，"),
            p("person:putin", "我们会继续合作。")
        ]
    );
    // A named institution speaks when no person does.
    assert_eq!(
        quotes_of("克里姆林宫称“会谈富有建设性”。"),
        vec![p("country:RUS", "会谈富有建设性")]
    );
    // 他说 resolves to the speaker of the quotes before.
    assert_eq!(
        quotes_of(
            "“我们需要更多的防空系统，”泽连斯基说。他还提到了普京。“援助必须尽快到来，”他说。"
        ),
        vec![
            p("person:zelensky", "我们需要更多的防空系统，"),
            p("person:zelensky", "援助必须尽快到来，")
        ]
    );
    // Terms of four characters or fewer are not quotes; no speaker, no record.
    assert!(quotes_of("特朗普称泽连斯基是“独裁者”。").is_empty());
    assert!(quotes_of("这就是所谓的“反向尼克松”战略。").is_empty());
    // Traditional script and corner brackets.
    assert_eq!(
        quotes_of("習近平表示：「中俄關係不受任何第三方影響」。"),
        vec![p("person:xi-jinping", "中俄關係不受任何第三方影響")]
    );
    // The person addressed is not the speaker.
    assert_eq!(
        quotes_of("“我们不会让步，”王毅对布林肯说。"),
        vec![p("person:wang-yi", "我们不会让步，")]
    );
}

#[test]
fn events_in_an_analysts_quote_are_not_coded() {
    let s = "“俄罗斯将会轰炸乌克兰的港口，”分析人士拉德琴科说。";
    assert!(ev_tx(s, &[]).is_empty());
    let s = "“美国坚决支持乌克兰的主权，”拜登说。";
    assert_eq!(ev_tx(s, &[]), vec!["USA>UKR:051@2024-06-12"]);
}

/// `SRC>TGT:code` of the events `c` codes in `s` (test entity finder).
fn codes_with(c: &Coder, s: &str) -> Vec<String> {
    let text = Text::identity(s);
    let ents = find_entities(s);
    c.events(&text, &ents, &[], &ctx("2024-06-12"))
        .into_iter()
        .map(|e| format!("{}>{}:{}", e.source, e.target, e.code))
        .collect()
}

#[test]
fn user_lexicon_extends_and_removes_patterns() {
    let dir = std::env::temp_dir().join(format!("shiju-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("verbs.tsv"),
        "pattern\tcode\tflags\tnote\n{S}拥抱(了|){T}\t051\t\thug\n-{S}(会见|会晤|接见|拜会|拜访|会面)(了|){T}\n",
    )
    .unwrap();
    let c = Coder::new(Some(&dir)).unwrap();
    let run = |s: &str| codes_with(&c, s);
    assert_eq!(run("莫迪拥抱了普京。"), vec!["IND>RUS:051"]);
    assert!(run("王毅会见了布林肯。").is_empty());
    std::fs::write(
        dir.join("verbs.tsv"),
        "pattern\tcode\tflags\tnote\n{S}拥抱{T}\t999\t\tbad\n",
    )
    .unwrap();
    assert!(Coder::new(Some(&dir)).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn user_places_extend_and_remove_built_in_ones() {
    let dir = std::env::temp_dir().join(format!("shiju-places-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("places.tsv"),
        "names\tiso3\ten\n乌斯怀亚\tARG\tUshuaia\n-广岛\t\t\n",
    )
    .unwrap();
    let c = Coder::new(Some(&dir)).unwrap();
    let run = |s: &str| codes_with(&c, s);
    assert_eq!(
        run("莫迪抵达乌斯怀亚。"),
        vec!["IND>ARG:042", "ARG>IND:043"]
    );
    assert!(run("莫迪抵达广岛。").is_empty());
    std::fs::write(dir.join("places.tsv"), "names\tiso3\ten\n某城\tjp\tbad\n").unwrap();
    assert!(
        Coder::new(Some(&dir)).is_err(),
        "an ISO3 code is three capitals"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn places_read_in_the_sentences_of_visits_as_in_the_whole_text() {
    // Places before, between and after the visits, one right after the
    // end of a visit's sentence and one at the end of the text.
    let texts = [
        "喀山很美。莫迪抵达喀山。广岛下雨了。",
        "莫迪抵达喀山。广岛下雨了。泽连斯基抵达广岛。喀山",
        "莫迪抵达广岛，\n喀山很美。莫迪抵达\n喀山。",
    ];
    let sentence_wise: Vec<Vec<String>> = texts.iter().map(|s| codes_with(coder(), s)).collect();
    assert_eq!(sentence_wise[0], ["IND>RUS:042", "RUS>IND:043"]);
    // A user place name with a space: the places of the whole text are
    // read at once, with the same outcome.
    let dir = std::env::temp_dir().join(format!("shiju-places-ws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("places.tsv"), "names\tiso3\ten\n新 城\tARG\tnew\n").unwrap();
    let c = Coder::new(Some(&dir)).unwrap();
    assert!(!c.places_alnum && coder().places_alnum);
    for (s, want) in texts.iter().zip(&sentence_wise) {
        assert_eq!(&codes_with(&c, s), want, "{s}");
    }
    assert_eq!(
        codes_with(&c, "莫迪抵达新 城。"),
        ["IND>ARG:042", "ARG>IND:043"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_panic_on_odd_input() {
    let c = coder();
    for s in [
        "",
        "“",
        "”“",
        "。。。",
        "他说：“",
        "{S}与{T}",
        "a\u{0}b",
        "俄罗斯",
        "“俄罗斯轰炸了乌克兰",
    ] {
        let text = Text::identity(s);
        let ents = find_entities(s);
        let _ = c.events(&text, &ents, &[], &Context::default());
        let _ = c.quotes(&text, &ents, &Context::default());
    }
    // Entity spans out of range or inside a character are ignored.
    let s = "俄罗斯轰炸了乌克兰。";
    let mut ents = find_entities(s);
    ents[0].mentions[0].start = 1;
    ents[0].mentions[0].end = 1000;
    let text = Text::identity(s);
    let _ = c.events(&text, &ents, &[], &Context::default());
}

#[test]
#[ignore]
fn throughput() {
    let mut sents: Vec<&str> = cases::POSITIVE.iter().map(|c| c.0).collect();
    sents.extend(cases::NEGATIVE.iter().copied());
    let doc: String = sents.concat();
    let text = norm_text(&doc);
    let ents = find_entities_text(&text);
    let n = segment::sentences(&text.norm).len();
    let t0 = std::time::Instant::now();
    let rounds = 50;
    for _ in 0..rounds {
        let _ = coder().events(&text, &ents, &[], &ctx("2024-06-12"));
    }
    let dt = t0.elapsed().as_secs_f64();
    println!(
        "{} sentences x {rounds} in {dt:.3}s: {:.0} sentences/s",
        n,
        (n * rounds) as f64 / dt
    );
}

#[test]
fn fuzz_no_panic() {
    let pool: Vec<char> = "俄罗斯美国中国乌克兰普京拜登习近平与和向对在将不未没有如果是否吗可能说称表示会见访问轰炸制裁援助提供了的“”「」『』，。！？；：、\n （）《》他她双方两国之间以来后前周年a1 "
        .chars()
        .collect();
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let c = coder();
    for _ in 0..1500 {
        let len = (next() % 60) as usize;
        let s: String = (0..len)
            .map(|_| pool[(next() % pool.len() as u64) as usize])
            .collect();
        let text = norm_text(&s);
        let mut ents = find_entities_text(&text);
        if next() % 4 == 0 {
            if let Some(e) = ents.first_mut() {
                e.mentions[0].start = (next() % 200) as usize;
                e.mentions[0].end = (next() % 200) as usize;
            }
        }
        let tx = vec![Timex {
            text: "x".into(),
            value: "2024-W99".into(),
            start: (next() % 100) as usize,
            end: (next() % 100) as usize,
            unit: shiju_core::Bytes,
        }];
        let evs = c.events(&text, &ents, &tx, &ctx("2024-06-12"));
        for e in &evs {
            assert!(e.start <= e.end && e.end <= text.original.len());
            assert_ne!(e.source, e.target);
        }
        let _ = c.quotes(&text, &ents, &ctx("2024-06-12"));
    }
}

#[test]
#[ignore]
fn show_norm() {
    let s = std::env::var("S").unwrap_or_default();
    println!("{}", norm_text(&s).norm);
}
