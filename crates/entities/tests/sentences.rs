//! Table-driven sentences (written for these tests) over the built-in
//! lexicon extended by `tests/fixtures/lex` (which pins the people and roles
//! the assertions rely on).

mod common;

use std::sync::OnceLock;

use shiju_core::{date::parse_ymd, Context, Entity, RoleStatus};
use shiju_entities::Gazetteer;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lex");
        Gazetteer::new(Some(std::path::Path::new(dir))).expect("lexicon loads")
    })
}

fn run(s: &str, date: &str) -> Vec<Entity> {
    common::run_with(gaz(), s, date)
}

fn ids(ents: &[Entity]) -> Vec<String> {
    ents.iter().map(|e| e.id.clone()).collect()
}

/// (sentence, date, ids that must be found, ids that must not be found)
#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str)] = &[
    // States by name, both scripts.
    (
        "美国和中国周二发表联合声明。",
        "2024-05-01",
        "country:USA country:CHN",
        "",
    ),
    (
        "美國和中國週二發表聯合聲明。",
        "2024-05-01",
        "country:USA country:CHN",
        "",
    ),
    (
        "俄罗斯宣布对乌克兰发动新一轮攻势。",
        "2024-05-01",
        "country:RUS country:UKR",
        "",
    ),
    (
        "俄羅斯宣布對烏克蘭發動新一輪攻勢。",
        "2024-05-01",
        "country:RUS country:UKR",
        "",
    ),
    (
        "日本首相访问了印度和巴西。",
        "2024-05-01",
        "country:JPN country:IND country:BRA",
        "",
    ),
    (
        "德国总理抵达法国，随后前往意大利。",
        "2024-05-01",
        "country:DEU country:FRA country:ITA",
        "",
    ),
    (
        "紐西蘭與義大利簽署協議。",
        "2024-05-01",
        "country:NZL country:ITA",
        "",
    ),
    (
        "朝鲜再次试射弹道导弹，韩国和日本表示抗议。",
        "2024-05-01",
        "country:PRK country:KOR country:JPN",
        "",
    ),
    (
        "以色列与巴勒斯坦的谈判陷入僵局。",
        "2024-05-01",
        "country:ISR country:PSE",
        "",
    ),
    (
        "伊朗外交部召见英国大使。",
        "2024-05-01",
        "country:IRN country:GBR",
        "",
    ),
    // Metonyms and X方 forms.
    (
        "白宫周三表示，将继续向乌克兰提供援助。",
        "2024-05-01",
        "country:USA country:UKR",
        "",
    ),
    (
        "克里姆林宫拒绝了这一提议。",
        "2024-05-01",
        "country:RUS",
        "",
    ),
    (
        "北京和莫斯科的关系日益密切。",
        "2024-05-01",
        "country:CHN country:RUS",
        "",
    ),
    (
        "华盛顿对平壤的举动表示担忧。",
        "2024-05-01",
        "country:USA country:PRK",
        "",
    ),
    (
        "中方坚决反对美方的做法。",
        "2024-05-01",
        "country:CHN country:USA",
        "",
    ),
    (
        "俄方表示愿意与乌方举行会谈。",
        "2024-05-01",
        "country:RUS country:UKR",
        "",
    ),
    (
        "俄军向前线增派部队，乌军则加强防御。",
        "2024-05-01",
        "country:RUS country:UKR",
        "",
    ),
    ("美军在该地区部署了航母。", "2024-05-01", "country:USA", ""),
    (
        "五角大楼宣布新的军援计划。",
        "2024-05-01",
        "country:USA",
        "",
    ),
    ("基輔遭到飛彈襲擊。", "2024-05-01", "country:UKR", ""),
    // Compounds.
    (
        "中美关系出现缓和迹象。",
        "2024-05-01",
        "country:CHN country:USA",
        "",
    ),
    (
        "俄乌冲突已持续两年多。",
        "2024-05-01",
        "country:RUS country:UKR",
        "",
    ),
    (
        "美韩军演引发朝鲜强烈反应。",
        "2024-05-01",
        "country:USA country:KOR country:PRK",
        "",
    ),
    (
        "中俄两国元首举行视频会晤。",
        "2024-05-01",
        "country:CHN country:RUS",
        "",
    ),
    (
        "中俄兩國元首舉行視訊會晤。",
        "2024-05-01",
        "country:CHN country:RUS",
        "",
    ),
    (
        "美日同盟面临新的考验。",
        "2024-05-01",
        "country:USA country:JPN",
        "",
    ),
    (
        "中日韩三国外长会议在首尔举行。",
        "2024-05-01",
        "country:CHN country:JPN country:KOR",
        "",
    ),
    (
        "印巴边境再次发生交火。",
        "2024-05-01",
        "country:IND country:PAK",
        "",
    ),
    (
        "俄美谈判没有取得进展。",
        "2024-05-01",
        "country:RUS country:USA",
        "",
    ),
    (
        "中美双方同意保持沟通。",
        "2024-05-01",
        "country:CHN country:USA",
        "",
    ),
    (
        "美俄之间的核裁军条约已经失效。",
        "2024-05-01",
        "country:USA country:RUS",
        "",
    ),
    // Things that are not states.
    (
        "他们计划去中美洲旅行。",
        "2024-05-01",
        "",
        "country:CHN country:USA",
    ),
    ("油价以美元计价。", "2024-05-01", "", "country:USA"),
    ("法律规定了这一程序。", "2024-05-01", "", "country:FRA"),
    (
        "他能说流利的英语和法语。",
        "2024-05-01",
        "",
        "country:GBR country:FRA",
    ),
    ("我们以为会议会推迟。", "2024-05-01", "", "country:ISR"),
    ("双方同意加强合作。", "2024-05-01", "", "country:CAN"),
    ("他对这个方案提出了意见。", "2024-05-01", "", "country:ITA"),
    (
        "其中美国占了大部分。",
        "2024-05-01",
        "country:USA",
        "country:CHN",
    ),
    (
        "北京时间周三晚上八点开赛。",
        "2024-05-01",
        "",
        "country:CHN",
    ),
    (
        "他在《华盛顿邮报》上发表文章。",
        "2024-05-01",
        "",
        "country:USA",
    ),
    (
        "这项研究以方便用户为目标。",
        "2024-05-01",
        "",
        "country:ISR",
    ),
    ("两国同意扩大贸易往来。", "2024-05-01", "", ""),
    (
        "近日美韩举行了联合演习。",
        "2024-05-01",
        "country:USA country:KOR",
        "country:JPN",
    ),
    // People: the three transliteration conventions.
    (
        "俄罗斯总统普京周二发表讲话。",
        "2024-05-01",
        "person:putin country:RUS",
        "",
    ),
    (
        "俄羅斯總統蒲亭週二發表講話。",
        "2024-05-01",
        "person:putin country:RUS",
        "",
    ),
    (
        "俄羅斯總統普丁週二發表講話。",
        "2024-05-01",
        "person:putin country:RUS",
        "",
    ),
    (
        "美國總統川普週二發表講話。",
        "2025-03-01",
        "person:trump country:USA",
        "",
    ),
    (
        "美国总统特朗普周二发表讲话。",
        "2025-03-01",
        "person:trump country:USA",
        "",
    ),
    (
        "烏克蘭總統澤倫斯基呼籲西方增援。",
        "2024-05-01",
        "person:zelensky country:UKR",
        "",
    ),
    (
        "乌克兰总统泽连斯基呼吁西方增援。",
        "2024-05-01",
        "person:zelensky country:UKR",
        "",
    ),
    (
        "法國總統馬克宏抵達北京。",
        "2024-05-01",
        "person:macron country:FRA country:CHN",
        "",
    ),
    (
        "法国总统马克龙抵达北京。",
        "2024-05-01",
        "person:macron country:FRA country:CHN",
        "",
    ),
    (
        "弗拉基米尔·普京在莫斯科会见了来访者。",
        "2024-05-01",
        "person:putin country:RUS",
        "",
    ),
    (
        "习近平与拜登在旧金山会晤。",
        "2023-11-16",
        "person:xi-jinping person:biden",
        "",
    ),
    (
        "習近平與拜登在舊金山會晤。",
        "2023-11-16",
        "person:xi-jinping person:biden",
        "",
    ),
    (
        "俄外长拉夫罗夫抵达北京。",
        "2024-05-01",
        "person:lavrov",
        "",
    ),
    (
        "谢尔盖·拉夫罗夫表示，俄方不会让步。",
        "2024-05-01",
        "person:lavrov country:RUS",
        "",
    ),
    // Unknown people.
    (
        "大西洋理事会高级主任乔希·米勒斯基表示，局势仍然紧张。",
        "2024-05-01",
        "new:乔希·米勒斯基",
        "",
    ),
    (
        "俄罗斯国防部长阿纳托利·瓦西连科视察了前线。",
        "2024-05-01",
        "new:阿纳托利·瓦西连科",
        "",
    ),
    (
        "美国驻日本大使马克·罗森表示欢迎。",
        "2024-05-01",
        "new:马克·罗森",
        "",
    ),
    (
        "外交关系委员会研究员斯蒂芬·A·卡特表示，这是一个信号。",
        "2024-05-01",
        "new:斯蒂芬·A·卡特",
        "",
    ),
    (
        "乔治城大学教授莉娜·佩特罗娃说，制裁效果有限。",
        "2024-05-01",
        "new:莉娜·佩特罗娃",
        "",
    ),
    (
        "首尔大学专家朴敏（音）表示，朝鲜可能再次试射。",
        "2024-05-01",
        "new:朴敏",
        "",
    ),
    (
        "维也纳国际研究所所长卡尔洛娃（Anna Karlova）表示担忧。",
        "2024-05-01",
        "person:karlova",
        "",
    ),
    (
        "伦敦一家智库的主任格林（Peter Green）表示，风险正在上升。",
        "2024-05-01",
        "person:green",
        "",
    ),
    (
        "小约翰·霍尔斯特曾任美国驻波兰大使。",
        "2024-05-01",
        "new:小约翰·霍尔斯特",
        "",
    ),
    (
        "约翰·霍普金斯大学的研究显示，疫苗有效。",
        "2024-05-01",
        "",
        "new:约翰·霍普",
    ),
    (
        "外交部发言人林山表示，中方对此表示关切。",
        "2024-05-01",
        "person:lin-shan country:CHN",
        "",
    ),    // More people across conventions (built-in gazetteer).
    ("英國首相施凱爾訪問華府。", "2025-03-01", "person:starmer country:GBR country:USA", ""),
    ("英国首相斯塔默访问华盛顿。", "2025-03-01", "person:starmer country:GBR country:USA", ""),
    ("以色列總理納坦雅胡表示將繼續軍事行動。", "2024-05-01", "person:netanyahu country:ISR", ""),
    ("以色列总理内塔尼亚胡表示将继续军事行动。", "2024-05-01", "person:netanyahu country:ISR", ""),
    ("土耳其總統艾爾段呼籲停火。", "2024-05-01", "person:erdogan country:TUR", ""),
    ("德國總理蕭茲與馬克宏會談。", "2024-05-01", "person:scholz person:macron", ""),
    ("副總統賀錦麗抵達菲律賓。", "2024-05-01", "person:harris country:PHL", ""),
    ("印度总理莫迪会见了日本首相。", "2024-05-01", "person:modi country:IND country:JPN", ""),
    ("朝鮮領導人金正恩視察軍工廠。", "2024-05-01", "person:kim-jong-un country:PRK", ""),
    ("联合国秘书长古特雷斯呼吁各方克制。", "2024-05-01", "person:guterres org:UN", ""),
    ("聯合國秘書長古特瑞斯呼籲各方克制。", "2024-05-01", "person:guterres org:UN", ""),
    ("北約秘書長史托騰柏格表示支持烏克蘭。", "2023-05-01", "person:stoltenberg org:NATO country:UKR", ""),
    ("北大西洋公約組織（NATO）外長會議在布魯塞爾舉行。", "2024-05-01", "org:NATO", ""),
    ("國際原子能總署派員視察核電廠。", "2024-05-01", "org:IAEA", ""),
    ("世卫组织发布了新的指南。", "2024-05-01", "org:WHO", ""),
    ("歐盟宣布新一輪制裁。", "2024-05-01", "org:EU", ""),
    ("伊朗最高領袖哈米尼發表談話。", "2024-05-01", "person:khamenei country:IRN", ""),
    ("委內瑞拉總統馬杜洛宣布勝選。", "2024-08-01", "person:maduro country:VEN", ""),
    ("美國副總統范斯出席慕尼黑安全會議。", "2025-02-15", "person:vance country:USA", ""),
    ("美国副总统万斯出席慕尼黑安全会议。", "2025-02-15", "person:vance country:USA", ""),
    ("美國國務卿盧比歐與拉夫羅夫通話。", "2025-03-01", "person:rubio person:lavrov", ""),
    ("加拿大總理杜魯道宣布辭職。", "2025-01-07", "person:trudeau country:CAN", ""),
    ("美国财长耶伦访问北京。", "2024-04-06", "person:yellen country:USA country:CHN", ""),
    ("前德國總理梅克爾出版回憶錄。", "2024-11-26", "person:merkel country:DEU", ""),
    // Metonyms and compounds in traditional text.
    ("白宮發言人表示，美方不會讓步。", "2024-05-01", "country:USA", ""),
    ("克宮表示，俄方對談判持開放態度。", "2024-05-01", "country:RUS", ""),
    ("中美兩國元首在峰會期間會晤。", "2024-05-01", "country:CHN country:USA", ""),
    ("俄烏戰爭進入第三年。", "2024-05-01", "country:RUS country:UKR", ""),
    ("美韓聯合軍演將於下月舉行。", "2024-05-01", "country:USA country:KOR", ""),
    // Negatives.
    ("今天天气很好，我们去公园散步。", "2024-05-01", "", "country:CHN country:USA"),
    ("他宣布什么时候出发还不清楚。", "2024-05-01", "", "person:george-w-bush person:bush"),
    ("总统府发表声明。", "2024-05-01", "", "new:府发表"),
    ("我国会继续支持多边主义。", "2024-05-01", "", "org:USA-congress"),
    ("他在中美洲和南美洲都有生意。", "2024-05-01", "", "country:CHN country:USA"),
    // 家 as a measure word makes no word (家中) with the name after it.
    (
        "美国商务部将多家中国企业列入实体清单。",
        "2024-03-20",
        "country:USA country:CHN",
        "",
    ),
    (
        "其中国家安全部门的预算增加最多。",
        "2024-03-20",
        "",
        "country:CHN",
    ),
    // Gaza is coded as Palestine (as GDELT and CAMEO do).
    (
        "以色列军队空袭了加沙地带南部城市拉法。",
        "2024-03-20",
        "country:ISR country:PSE",
        "",
    ),
    (
        "以軍空襲加薩走廊南部。",
        "2024-03-20",
        "country:PSE",
        "",
    ),
    // A sea, an ocean or a region named after a state is not that state.
    (
        "朝鲜向日本海方向发射了一枚弹道导弹。",
        "2024-03-20",
        "country:PRK",
        "country:JPN",
    ),
    (
        "美國推進印度太平洋戰略，印度洋局勢緊張。",
        "2024-03-20",
        "country:USA",
        "country:IND",
    ),
    (
        "日本海上自卫队与印度海军在孟加拉湾举行联合演习。",
        "2024-03-20",
        "country:JPN country:IND",
        "",
    ),
];

#[test]
fn table_has_enough_sentences() {
    assert!(CASES.len() >= 100, "{} sentences", CASES.len());
}

#[test]
fn table_of_sentences() {
    let mut failures = Vec::new();
    for (s, date, must, must_not) in CASES {
        let ents = run(s, date);
        let got = ids(&ents);
        common::check_ids(s, &got, must, must_not, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn find<'a>(ents: &'a [Entity], id: &str) -> &'a Entity {
    ents.iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(ents)))
}

#[test]
fn dated_roles() {
    // (sentence, date, person, title, status)
    let cases = [
        (
            "拜登总统周一会见了盟友。",
            "2024-06-01",
            "person:biden",
            "president",
            RoleStatus::InOffice,
        ),
        (
            "拜登周一会见了盟友。",
            "2025-03-01",
            "person:biden",
            "president",
            RoleStatus::Former,
        ),
        (
            "特朗普周一会见了盟友。",
            "2024-11-20",
            "person:trump",
            "president",
            RoleStatus::Elect,
        ),
        (
            "候任总统特朗普周一会见了盟友。",
            "2024-11-20",
            "person:trump",
            "president",
            RoleStatus::Elect,
        ),
        (
            "特朗普周一会见了盟友。",
            "2025-03-01",
            "person:trump",
            "president",
            RoleStatus::InOffice,
        ),
        (
            "特朗普周一会见了盟友。",
            "2022-03-01",
            "person:trump",
            "president",
            RoleStatus::Former,
        ),
        (
            "前总统特朗普周一会见了盟友。",
            "2023-03-01",
            "person:trump",
            "president",
            RoleStatus::Former,
        ),
        (
            "普京周一发表讲话。",
            "2024-06-01",
            "person:putin",
            "president",
            RoleStatus::InOffice,
        ),
        (
            "前英国首相布朗发表演讲。",
            "2015-01-01",
            "person:brown",
            "prime_minister",
            RoleStatus::Former,
        ),
        (
            "英国首相布朗发表演讲。",
            "2008-01-01",
            "person:brown",
            "prime_minister",
            RoleStatus::InOffice,
        ),
    ];
    for (s, date, id, title, status) in cases {
        let ents = run(s, date);
        let e = find(&ents, id);
        let role = e.role.as_ref().unwrap_or_else(|| panic!("{s}: no role"));
        assert_eq!(role.title, title, "{s}");
        assert_eq!(role.status, status, "{s} on {date}");
    }
}

#[test]
fn unknown_people_get_country_from_affiliation() {
    let cases = [
        (
            "俄罗斯外长阿列克谢·彼得罗夫表示反对。",
            "new:阿列克谢·彼得罗夫",
            Some("RUS"),
        ),
        (
            "美国驻俄罗斯大使琳达·托马斯表示关切。",
            "new:琳达·托马斯",
            Some("USA"),
        ),
        (
            "克里姆林宫发言人伊万·索科洛夫拒绝置评。",
            "new:伊万·索科洛夫",
            Some("RUS"),
        ),
        (
            "特朗普的乌克兰特使罗伯特·金斯顿抵达基辅。",
            "new:罗伯特·金斯顿",
            Some("USA"),
        ),
        (
            "乔治城大学教授莉娜·佩特罗娃说，制裁效果有限。",
            "new:莉娜·佩特罗娃",
            None,
        ),
        (
            "伦敦一家智库的主任格林（Peter Green）表示，风险正在上升。",
            "person:green",
            None,
        ),
        (
            "伦敦国王学院俄罗斯研究所主任格林（Peter Green）表示，风险正在上升。",
            "person:green",
            Some("GBR"),
        ),
    ];
    for (s, id, country) in cases {
        let ents = run(s, "2025-03-01");
        let e = find(&ents, id);
        assert_eq!(e.country.as_deref(), country, "{s}");
    }
    // States named inside an institution's name are not mentions.
    let ents = run(
        "伦敦国王学院俄罗斯研究所主任格林（Peter Green）表示，风险正在上升。",
        "2025-03-01",
    );
    assert!(
        !ids(&ents).contains(&"country:GBR".to_string()),
        "{:?}",
        ids(&ents)
    );
}

#[test]
fn former_and_elect_markers_on_unknown_people() {
    let ents = run("前美国驻波兰大使约翰·霍尔斯特说，援助太少。", "2024-05-01");
    let e = find(&ents, "new:约翰·霍尔斯特");
    assert_eq!(e.role.as_ref().map(|r| r.status), Some(RoleStatus::Former));
    assert_eq!(e.country.as_deref(), Some("USA"));
    assert!(
        e.forms.iter().any(|f| f == "前美国驻波兰大使约翰·霍尔斯特"),
        "{:?}",
        e.forms
    );
    let ents = run("时任中国驻美国大使王明说，两国应当合作。", "2024-05-01");
    let e = find(&ents, "person:wang-ming");
    assert_eq!(e.role.as_ref().map(|r| r.status), Some(RoleStatus::Former));
    assert_eq!(e.country.as_deref(), Some("CHN"));
}

#[test]
fn short_mentions_join_the_full_name() {
    let s = "大西洋理事会高级主任乔希·米勒斯基表示，局势紧张。米勒斯基说，各方应保持克制。";
    let ents = run(s, "2024-05-01");
    let e = find(&ents, "new:乔希·米勒斯基");
    assert_eq!(e.mentions.len(), 2, "{:?}", e.mentions);
    assert_eq!(e.forms, vec!["乔希·米勒斯基", "米勒斯基"]);
    let s = "俄罗斯总统普京周一表示，普京还说俄方愿意谈判。";
    let e = find(&run(s, "2024-05-01"), "person:putin").clone();
    assert_eq!(e.mentions.len(), 2);
    assert!(
        e.forms.contains(&"俄罗斯总统普京".to_string()),
        "{:?}",
        e.forms
    );
}

#[test]
fn compounds_give_each_member_the_whole_span() {
    let s = "中美关系出现缓和迹象。";
    let ents = run(s, "2024-05-01");
    for id in ["country:CHN", "country:USA"] {
        let e = find(&ents, id);
        assert_eq!(e.mentions.len(), 1);
        assert_eq!(e.mentions[0].text, "中美");
        assert_eq!((e.mentions[0].start, e.mentions[0].end), (0, "中美".len()));
    }
}

#[test]
fn traditional_mentions_keep_original_surfaces() {
    let s = "俄羅斯總統蒲亭與中國領導人習近平會晤。";
    let ents = run(s, "2022-09-15");
    let p = find(&ents, "person:putin");
    assert_eq!(p.mentions[0].text, "蒲亭");
    assert!(
        p.forms.contains(&"俄羅斯總統蒲亭".to_string()),
        "{:?}",
        p.forms
    );
    let x = find(&ents, "person:xi-jinping");
    assert_eq!(x.mentions[0].text, "習近平");
    let r = find(&ents, "country:RUS");
    assert_eq!(r.mentions[0].text, "俄羅斯");
}

#[test]
fn namesakes_are_not_linked() {
    // A different given name: not the Sullivan of the gazetteer (杰克).
    let ents = run(
        "美国前驻俄罗斯大使约翰·沙利文表示，战争不会很快结束。",
        "2024-05-01",
    );
    assert!(
        !ids(&ents).contains(&"person:sullivan".to_string()),
        "{:?}",
        ids(&ents)
    );
    // A Latin gloss that names someone else.
    let ents = run(
        "伦敦国王学院中国研究所主任布朗（Kerry Brown）表示。",
        "2024-05-01",
    );
    let e = ents
        .iter()
        .find(|e| e.forms.contains(&"布朗".to_string()))
        .expect("布朗");
    assert_eq!(e.id, "person:brown");
    assert_ne!(
        e.role.as_ref().map(|r| r.title.as_str()),
        Some("prime_minister")
    );
}

#[test]
fn context_forms_need_their_country() {
    let ents = run("美国总统签署了国会通过的法案。", "2024-05-01");
    if gaz_has_org("USA-congress") {
        assert!(
            ids(&ents).contains(&"org:USA-congress".to_string()),
            "{:?}",
            ids(&ents)
        );
    }
    let ents = run("议员们在国会辩论了一整天。", "2024-05-01");
    assert!(
        !ids(&ents).contains(&"org:USA-congress".to_string()),
        "{:?}",
        ids(&ents)
    );
}

fn gaz_has_org(id: &str) -> bool {
    let ents = run("美国国会", "2024-05-01");
    ents.iter().any(|e| e.id == format!("org:{id}"))
}

#[test]
fn no_panics_on_odd_input() {
    for s in [
        "",
        "·",
        "··",
        "A·",
        "·B",
        "（",
        "（音）",
        "（Kerry）",
        "总统",
        "总统·",
        "中美",
        "美",
        "中",
        "蒲",
        "\u{0}",
        "𠀀𠀁·𠀂",
        "大使的",
        "前",
        "候任",
        "（Velina Tchakarova",
        "俄外长",
    ] {
        let _ = run(s, "2024-05-01");
        let _ = run(s, "");
    }
}

#[test]
fn sentences_without_any_actor() {
    for s in [
        "今天天气很好，我们去公园散步。",
        "这位官员表示，会议将推迟。",
        "分析人士认为，局势可能恶化。",
        "双方同意加强合作。",
        "两国同意扩大贸易往来。",
        "油价以美元计价。",
        "他们计划去中美洲旅行。",
    ] {
        let ents = run(s, "2024-05-01");
        assert!(ents.is_empty(), "{s}: {:?}", ids(&ents));
    }
}

#[test]
fn user_folder_removes_and_adds_rows() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/remove");
    let g = Gazetteer::new(Some(std::path::Path::new(dir))).expect("loads");
    let text = g.normalizer().normalize("普京会见了张测试。");
    let ents = g.recognize(&text, &Context::default());
    let got = ids(&ents);
    assert!(!got.contains(&"person:putin".to_string()), "{got:?}");
    assert!(got.contains(&"person:zhangsan-test".to_string()), "{got:?}");
}

#[test]
fn office_titles_without_names() {
    let s = "中国领导人周一表示，两国是真朋友。习近平还说，双方应加强合作。";
    let ents = run(s, "2025-02-25");
    let x = find(&ents, "person:xi-jinping");
    assert_eq!(x.mentions.len(), 2, "{:?}", x.mentions);
    assert!(x.forms.contains(&"中国领导人".to_string()), "{:?}", x.forms);
    assert!(!x.forms.contains(&"领导人".to_string()), "{:?}", x.forms);
    // Nobody named: the office alone is not an entity.
    let ents = run("美国总统周一表示，将继续援助。", "2024-06-01");
    assert!(
        !ents
            .iter()
            .any(|e| e.kind == shiju_core::EntityType::Person),
        "{:?}",
        ids(&ents)
    );
    // The holder changes with the date.
    let s = "美国总统周一表示，将继续援助。拜登和特朗普都曾访问欧洲。";
    let ents = run(s, "2024-06-01");
    assert_eq!(find(&ents, "person:biden").mentions.len(), 2);
    let ents = run(s, "2025-06-01");
    assert_eq!(find(&ents, "person:trump").mentions.len(), 2);
}

#[test]
fn an_unqualified_ministry_belongs_to_the_outlets_state() {
    let g = gaz();
    // A ministry is an organisation of its state (org:ISO3-…), acting as the state.
    let s = "外交部今天表示，將繼續與友邦深化合作。台灣重視這些關係。";
    let text = g.normalizer().normalize(s);
    let with_home = |home: Option<&str>| {
        let ctx = Context {
            published: parse_ymd("2024-05-20"),
            script: shiju_text::detect_script(s),
            home: home.map(str::to_string),
        };
        let ents = g.recognize(&text, &ctx);
        let of_ministry: Vec<String> = ents
            .iter()
            .filter(|e| e.mentions.iter().any(|m| m.text == "外交部"))
            .map(|e| e.id.clone())
            .collect();
        of_ministry
    };
    // No outlet state: the state the article names decides.
    assert_eq!(with_home(None), ["org:TWN-mofa"]);
    // A Xinhua story: the PRC's ministry, whatever else is named.
    assert_eq!(with_home(Some("CHN")), ["org:CHN-mofa"]);
    // A state without such a ministry in the lexicon changes nothing.
    assert_eq!(with_home(Some("SGP")), ["org:TWN-mofa"]);
}
