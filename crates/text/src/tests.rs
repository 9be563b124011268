use super::*;
use crate::script::{one_script_chars, script_sets};
use std::sync::OnceLock;

fn n() -> &'static Normalizer {
    static N: OnceLock<Normalizer> = OnceLock::new();
    N.get_or_init(|| Normalizer::new(None).expect("built-in tables load"))
}

#[test]
fn t2s_hard_phrase_pairs() {
    let cases = [
        ("頭髮", "头发"),
        ("乾燥", "干燥"),
        ("皇后", "皇后"),
        ("著名", "著名"),
        ("發展", "发展"),
        ("這裡", "这里"),
        ("台灣", "台湾"),
        ("臺灣", "台湾"),
        ("國際原子能總署", "国际原子能总署"),
        ("乾隆皇帝", "乾隆皇帝"),
        ("一目瞭然", "一目了然"),
        ("瞭解", "了解"),
        ("後來", "后来"),
        ("聯合國安理會", "联合国安理会"),
        ("俄羅斯總統", "俄罗斯总统"),
        ("北大西洋公約組織", "北大西洋公约组织"),
    ];
    for (t, s) in cases {
        assert_eq!(n().normalize_str(t), s, "{t}");
    }
}

#[test]
fn simplified_text_is_unchanged() {
    let s = "中国外交部发言人周三表示，双方同意加强合作。";
    let t = n().normalize(s);
    assert_eq!(t.norm, s);
    assert_eq!(t.original, s);
}

#[test]
fn width_folding() {
    assert_eq!(n().normalize_str("Ｇ２０峰會"), "G20峰会");
    assert_eq!(n().normalize_str("ＮＡＴＯ秘书长"), "NATO秘书长");
    assert_eq!(n().normalize_str("增长３％"), "增长3%");
    // Chinese punctuation stays as printed.
    assert_eq!(
        n().normalize_str("他說：「好。」（完）"),
        "他说：「好。」（完）"
    );
    assert_eq!(n().normalize_str("，。！？；"), "，。！？；");
    // Name dots are unified.
    assert_eq!(n().normalize_str("謝爾蓋・拉夫羅夫"), "谢尔盖·拉夫罗夫");
    assert_eq!(n().normalize_str("安東尼‧布林肯"), "安东尼·布林肯");
}

#[test]
fn transliterations_to_mainland_standard() {
    let cases = [
        ("蒲亭", "普京"),
        ("普丁表示", "普京表示"),
        ("美國總統川普", "美国总统特朗普"),
        ("烏克蘭總統澤倫斯基", "乌克兰总统泽连斯基"),
        ("法國總統馬克宏", "法国总统马克龙"),
        ("前德國總理梅克爾", "前德国总理默克尔"),
        ("副總統賀錦麗", "副总统哈里斯"),
        ("以色列總理納坦雅胡", "以色列总理内塔尼亚胡"),
        ("土耳其總統艾爾段", "土耳其总统埃尔多安"),
        ("德國總理蕭茲", "德国总理朔尔茨"),
        ("紐西蘭", "新西兰"),
        ("義大利", "意大利"),
        ("金正恩", "金正恩"),
        ("蘇納克", "苏纳克"),
    ];
    for (t, s) in cases {
        assert_eq!(n().normalize_str(t), s, "{t}");
    }
}

#[test]
fn guards_keep_longer_names() {
    // 厄瓜多 is the Taiwan form of 厄瓜多尔; the mainland form itself stays.
    assert_eq!(n().normalize_str("厄瓜多尔总统"), "厄瓜多尔总统");
    assert_eq!(n().normalize_str("厄瓜多總統"), "厄瓜多尔总统");
    // Blocker row: Feinstein is not Vance.
    assert_eq!(n().normalize_str("參議員范斯坦"), "参议员范斯坦");
    assert_eq!(n().normalize_str("副總統范斯"), "副总统万斯");
}

#[test]
fn offsets_map_back_to_the_original() {
    let orig = "俄羅斯總統蒲亭週二與川普通話。";
    let t = n().normalize(orig);
    assert_eq!(t.norm, "俄罗斯总统普京周二与特朗普通话。");
    let s = t.norm.find("普京").unwrap();
    assert_eq!(t.orig_str(s, s + "普京".len()), "蒲亭");
    let s = t.norm.find("特朗普").unwrap();
    assert_eq!(t.orig_str(s, s + "特朗普".len()), "川普");
    let s = t.norm.find("总统").unwrap();
    assert_eq!(t.orig_str(s, s + "总统".len()), "總統");
    let s = t.norm.find("俄罗斯").unwrap();
    assert_eq!(t.orig_str(s, s + "俄罗斯".len()), "俄羅斯");
    assert_eq!(t.orig_str(0, t.norm.len()), orig);
    // A transliteration inside a converted phrase piece maps to the whole piece.
    let orig = "澤倫斯基說";
    let t = n().normalize(orig);
    assert_eq!(t.norm, "泽连斯基说");
    assert_eq!(t.orig_str(0, "泽连斯基".len()), "澤倫斯基");
    // Width-folded pieces.
    let t = n().normalize("在Ｇ２０上");
    let s = t.norm.find("G20").unwrap();
    assert_eq!(t.orig_str(s, s + 3), "Ｇ２０");
}

#[test]
fn every_char_boundary_maps_inside_the_original() {
    let orig = "「蒲亭」與Ｇ２０：臺灣、紐西蘭和厄瓜多，abc 𠀀 頭髮。";
    let t = n().normalize(orig);
    for (i, _) in t.norm.char_indices() {
        for (j, _) in t.norm[i..].char_indices().skip(1) {
            let (a, b) = t.orig_span(i, i + j);
            assert!(orig.is_char_boundary(a) && orig.is_char_boundary(b) && a <= b);
        }
    }
}

#[test]
fn no_panic_on_odd_input() {
    for s in [
        "",
        "a",
        "\u{0}",
        "𠀀𠀁",
        "\r\n\t",
        "蒲",
        "亭",
        "ＡＢＣ",
        "·‧・",
    ] {
        let t = n().normalize(s);
        assert_eq!(t.original, s);
        let _ = t.orig_span(0, t.norm.len());
        let _ = detect_script(s);
    }
}

#[test]
fn script_detection() {
    assert_eq!(
        detect_script("俄羅斯總統蒲亭週二表示，這項協議對兩國關係很重要。"),
        Script::Traditional
    );
    assert_eq!(
        detect_script("俄罗斯总统普京周二表示，这项协议对两国关系很重要。"),
        Script::Simplified
    );
    assert_eq!(detect_script("皇后乾隆"), Script::Simplified);
    assert_eq!(detect_script("abc"), Script::Simplified);
}

#[test]
fn user_folder_adds_and_removes_rows() {
    let dir = std::env::temp_dir().join(format!("shiju-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("transliterations.tsv"),
        "variant\tstandard\tkind\tnote\n-川普\t\t\t\n阿貓\t阿猫甲\tperson\ttest\n",
    )
    .unwrap();
    let u = Normalizer::new(Some(&dir)).unwrap();
    assert_eq!(u.normalize_str("川普"), "川普");
    assert_eq!(u.normalize_str("阿貓來了"), "阿猫甲来了");
    assert_eq!(u.normalize_str("蒲亭"), "普京");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_character_variants_from_a_user_folder() {
    let dir = std::env::temp_dir().join(format!("shiju-text1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("transliterations.tsv"),
        "variant\tstandard\tkind\tnote\n甲\t乙丙\tperson\ttest\n",
    )
    .unwrap();
    let u = Normalizer::new(Some(&dir)).unwrap();
    for s in ["甲", "说甲", "甲说", "蒲亭与甲", "ＡＢ甲"] {
        assert_eq!(u.normalize_str(s), u.normalize(s).norm, "{s}");
    }
    assert_eq!(u.normalize_str("说甲"), "说乙丙");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `cargo test -p shiju-text --release -- --ignored --nocapture bench`
#[test]
#[ignore]
fn bench_normalize() {
    let simp = "美国总统拜登周一在里约热内卢举行的二十国集团峰会上表示，美方将继续支持乌克兰，并呼吁各国领导人加强合作。".repeat(20000);
    let trad = "美國總統拜登週一在里約熱內盧舉行的二十國集團峰會上表示，美方將繼續支持烏克蘭，並呼籲各國領導人加強合作，普丁則回應。".repeat(20000);
    for (name, s) in [("simplified", &simp), ("traditional", &trad)] {
        let t0 = std::time::Instant::now();
        let t = n().normalize(s);
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "{name}: {:.1} MB/s ({} bytes)",
            s.len() as f64 / dt / 1e6,
            t.norm.len()
        );
    }
}

#[test]
fn normalize_str_is_the_norm_of_normalize() {
    let cases = [
        "",
        "普京说",
        "俄羅斯總統蒲亭",
        "ＡＰＥＣ會議在紐西蘭舉行",
        "川普與厄瓜多爾",
        "約翰・甘迺迪",
        "瞭解反覆",
        // A variant's first character without its second (普丁, 川普),
        // then with it after a false start, and split by a space.
        "普通话",
        "普普丁",
        "川川普",
        "普 丁",
        "plain ASCII",
    ];
    for s in cases {
        assert_eq!(n().normalize_str(s), n().normalize(s).norm, "{s}");
    }
    // Every variant of the transliteration table, alone and inside a text
    // (normalize_str skips the automaton only for strings without a
    // variant's first two characters next to each other).
    let table = include_str!("../../../lexicon/transliterations.tsv");
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let variant = line.split('\t').next().unwrap_or("").trim();
        for s in [variant.to_string(), format!("据报道{variant}表示")] {
            assert_eq!(n().normalize_str(&s), n().normalize(&s).norm, "{s}");
        }
    }
}

#[test]
fn direct_text_equals_the_text_composed_from_pieces() {
    // Without a transliteration to rewrite, `normalize` writes steps 1–2
    // straight into the text: the same text (offset map included) as
    // composing from the piece map with no rewrite.
    let cases = [
        "",
        "普京说",
        "頭髮與瞭解，反覆討論。",
        "ＡＰＥＣ會議，Ｇ２０峰會",
        "約翰・甘迺迪在臺灣",
        "abc 𠀀 頭髮",
    ];
    for s in cases {
        let p = n().pre_pieces(s);
        assert!(n().translit_matches(&p.out).is_empty(), "{s}");
        assert_eq!(n().normalize(s), compose(s, &p.out, &p.pieces, &[]), "{s}");
    }
}

#[test]
fn normalize_str_is_normalize_whatever_comes_first() {
    // A full-width character before, after or without a traditional one
    // (`plain` hands `pre` what it found, the rest of the text read after
    // a full-width character only).
    for t in [
        "Ｇ２０峰會",
        "峰會Ｇ２０",
        "Ｇ２０峰会",
        "歐巴馬與普丁",
        "ＡＢ普丁",
        "普丁ＡＢ",
        "ａ",
        "",
        "纯简体",
    ] {
        assert_eq!(n().normalize_str(t), n().normalize(t).norm, "{t}");
    }
}

#[test]
fn script_table_lines_split_as_str_split_does() {
    for s in ["", "\n", "a", "a\n", "\na\n\nb", "萬\t万\r\n乾\t干", "\n\n"] {
        let got: Vec<&str> = crate::script::lines(s).collect();
        assert_eq!(got, s.split('\n').collect::<Vec<_>>(), "{s:?}");
    }
}

#[test]
fn one_script_chars_reads_single_character_keys() {
    let table = "# comment\r\n萬\t万\r\n乾\t干 乾\r\n\r\n髮\t发  髮髮\r\n頭髮\t头发\r\n\t空\r\n麼\t\r\n後\t后";
    let got: Vec<char> = one_script_chars(table).collect();
    assert_eq!(got, vec!['萬', '髮', '後']);
}

#[test]
fn width_folds_alone_match_the_character_loop() {
    // A text no character of which changes script takes `fold_widths`:
    // the same pieces as asking every character whether it folds.
    let cases = [
        "Ｇ",
        "Ｇ２０",
        "增长３％，ＡＰＥＣ峰会在（北京）举行。",
        "约翰・肯尼迪、安东尼‧布林肯、约翰•史密斯、琼斯･某∙某⋅某●",
        "ａ𠀀ｂ\n１ 2 ｃ",
        "没有全角字符的文本",
    ];
    for s in cases {
        let mut want = Pieces {
            out: String::new(),
            pieces: Vec::new(),
        };
        let mut run = None;
        for (i, c) in s.char_indices() {
            match fold_width(c) {
                Some(m) => {
                    if let Some(r) = run.take() {
                        want.keep(s, r, i);
                    }
                    want.replace_char(s, i, i + c.len_utf8(), m);
                }
                None => {
                    run.get_or_insert(i);
                }
            }
        }
        if let Some(r) = run {
            want.keep(s, r, s.len());
        }
        let got = n().pre_pieces(s);
        assert_eq!(got.out, want.out, "{s}");
        assert_eq!(
            format!("{:?}", got.pieces),
            format!("{:?}", want.pieces),
            "{s}"
        );
    }
    assert_eq!(
        n().normalize("某人・某某说增长３％").norm,
        "某人·某某说增长3%"
    );
}

#[test]
fn opencc_lines_read_as_split_reads_them() {
    // The reading before byte loops: split_once at the tab, the first
    // non-empty value among those split at spaces.
    fn by_split(content: &str) -> Vec<(&str, &str)> {
        content
            .lines()
            .filter_map(|l| {
                let l = l.trim_end_matches('\r');
                if l.starts_with('#') || l.trim().is_empty() {
                    return None;
                }
                let (k, v) = l.split_once('\t')?;
                let first = v.split(' ').find(|x| !x.is_empty())?;
                (!k.is_empty()).then_some((k, first))
            })
            .collect()
    }
    let text =
        "# comment\n乾\t干 乾\r\n\n \t \n瞭解\t  了解  瞭解\n\t空\n鍵\t\n無值\n並\t 并\n\u{3000}\n";
    let got: Vec<_> = super::opencc_pairs(text).collect();
    assert_eq!(got, by_split(text));
    assert_eq!(got, vec![("乾", "干"), ("瞭解", "了解"), ("並", "并")]);
}

#[test]
fn every_traditional_only_character_triggers() {
    // `normalize_detect` reads a text without a trigger as simplified.
    let sets = script_sets();
    let dense = (sets.dense.iter().enumerate())
        .filter(|&(_, &d)| d == 1)
        .filter_map(|(i, _)| char::from_u32(DENSE_LO + i as u32));
    for c in dense.chain(sets.trad_only.iter().copied()) {
        assert!(n().chars.triggers(c), "{c} U+{:04X}", c as u32);
    }
}

#[test]
fn normalize_detect_is_normalize_and_detect_script() {
    for s in [
        "",
        "plain ASCII",
        "简体中文的新闻。",
        "ＡＢＣ全角与简体",
        "繁體中文的新聞。",
        "ＡＢＣ全形與繁體",
        "混合：这是简体，這是繁體。",
        "一目瞭然的简体文字，不过这里还有许多简体字。",
        "歐巴馬與普丁會面",
    ] {
        let (text, script) = n().normalize_detect(s);
        let alone = n().normalize(s);
        assert_eq!(text.norm, alone.norm, "{s}");
        for p in 0..=s.len() {
            if text.norm.is_char_boundary(p.min(text.norm.len())) {
                let p = p.min(text.norm.len());
                assert_eq!(text.orig_span(0, p), alone.orig_span(0, p), "{s}");
            }
        }
        assert_eq!(script, detect_script(s), "{s}");
    }
    assert_eq!(
        n().normalize_detect("這是繁體的新聞").1,
        Script::Traditional
    );
    assert_eq!(
        n().normalize_detect("一目瞭然的简体文字").1,
        Script::Simplified
    );
}
