//! National bodies by construction, outlets cited as sources, party
//! affiliations and Latin glosses, on sentences written for these tests.

mod common;

use std::sync::OnceLock;

use shiju_core::Entity;
use shiju_entities::Gazetteer;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::new(None).expect("lexicon loads"))
}

fn run(s: &str, date: &str) -> Vec<Entity> {
    common::run_with(gaz(), s, date)
}

/// (sentence, ids that must be found, ids that must not be found)
#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    // A state's name + a generic body: the body, and the state.
    ("英国外交部周三召见了伊朗大使。", "org:GBR-mofa country:GBR country:IRN", ""),
    ("加拿大皇家海军的一艘护卫舰通过海峡。", "org:CAN-navy country:CAN", ""),
    ("菲律賓海岸警衛隊表示將加強巡邏。", "org:PHL-pcg country:PHL", ""),
    ("馬來西亞警方週一逮捕兩名嫌犯。", "org:MYS-police country:MYS", ""),
    ("澳大利亚储备银行宣布维持利率不变。", "org:AUS-central-bank country:AUS", ""),
    ("巴西最高法院驳回了上诉。", "org:BRA-supreme-court country:BRA", ""),
    ("泰国选举委员会公布了计票结果。", "org:THA-election-commission country:THA", ""),
    // A listed organisation of the state wins over the generated id.
    ("美国国防部发表声明。", "org:USA-dod country:USA", "org:USA-mod"),
    ("日本防卫省公布了报告。", "org:JPN-mod country:JPN", ""),
    // A one-character abbreviation before a body of three characters.
    ("俄国防部称已击落无人机。", "org:RUS-mod", ""),
    ("台外交部对此表示遗憾。", "org:TWN-mofa", ""),
    // A title that starts with a body stays a title (the person's office).
    ("法国国防部长周五访问了基辅。", "country:FRA", "org:FRA-mod"),
    // A compound's abbreviation is not a state before a body.
    ("双方同意重启中美国防部工作会晤。", "", "org:USA-dod"),
    // Outlets cited as a report's source are not participants.
    ("据新华社报道，会议在北京举行。", "", "org:CHN-xinhua"),
    ("新华社发表评论文章批评美方。", "org:CHN-xinhua", ""),
    ("新华社东京5月3日电 日本政府当天宣布新的措施。", "country:JPN", "org:CHN-xinhua"),
    ("塔斯社援引俄外交部的话说，会谈将继续。", "", "org:RUS-tass"),
    ("据中国央视报道，代表团已抵达。", "", "org:CHN-cctv"),
    // A party named as the affiliation of legislators is not the party.
    ("美国几位共和党议员批评了这项法案。", "country:USA", "org:USA-gop"),
    ("美国共和党在中期选举中获胜。", "org:USA-gop", ""),
    // A US state named like a country is not the country.
    ("美国乔治亚州的选举结果引发争议。", "country:USA", "country:GEO"),
    // A company named after its state does not make the state a participant.
    ("中国海洋石油宣布新的勘探计划。", "org:CHN-cnooc", "country:CHN"),
    ("美国共和党人批评预算案，多名共和党议员投了反对票。", "org:USA-gop", ""),
];

/// Every sentence of `cases` yields the ids it must and none it must not.
fn check_table(cases: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for (s, must, must_not) in cases {
        let ents = run(s, "2024-05-01");
        let got: Vec<String> = ents.iter().map(|e| e.id.clone()).collect();
        common::check_ids(s, &got, must, must_not, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every sentence of `cases` has exactly one mention of `id`, reading `text`.
fn check_mention_spans(cases: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for (s, id, text) in cases {
        let ents = run(s, "2024-05-01");
        let texts: Vec<&str> = ents
            .iter()
            .filter(|e| e.id == *id)
            .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        if texts != [*text] {
            let all: Vec<(&str, Vec<&str>)> = ents
                .iter()
                .map(|e| {
                    (
                        e.id.as_str(),
                        e.mentions.iter().map(|m| m.text.as_str()).collect(),
                    )
                })
                .collect();
            failures.push(format!(
                "{s}: {id} mentions {texts:?}, want [{text:?}]; {all:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn table_of_bodies() {
    check_table(CASES);
}

/// Generic bodies, named bodies and cited outlets added with the world-scale
/// gazetteer (sentences written for these tests).
#[rustfmt::skip]
const WORLD_CASES: &[(&str, &str, &str)] = &[
    ("韩国统一部周二表示，将继续推动南北对话。", "org:KOR-unification country:KOR", ""),
    ("法国审计法院发布报告，批评国防开支超支。", "org:FRA-audit country:FRA", ""),
    ("以色列预备役部队已经开始向北部边境集结。", "org:ISR-reserve-forces country:ISR", ""),
    ("印度网络安全局警告称，针对电网的攻击有所增加。", "org:IND-cyber country:IND", ""),
    ("巴西联邦法院裁定暂停该项目。", "org:BRA-federal-court country:BRA", "org:BRA-supreme-court"),
    ("荷兰议会外交委员会要求政府就出口管制作出解释。", "org:NLD-foreign-affairs-committee country:NLD", ""),
    // A state whose parliament is listed by name lists its committee too.
    ("英国议会外交事务委员会发表报告，呼吁政府调整对外政策。", "org:GBR-fac", "org:GBR-parliament"),
    // A chamber's committee of a state whose committees are listed.
    ("美国参议院情报委员会周三举行闭门听证会。", "org:USA-ssci", "org:USA-senate"),
    ("美国国会众议院外交事务委员会通过了一项法案。", "org:USA-hfac", "org:USA-sfrc"),
    ("众议院军事委员会主席批评了国防预算。", "org:USA-hasc", "org:USA-sasc"),
    // A listed name that holds a generic form stands for that body.
    ("土耳其大国民议会批准了芬兰加入北约的议定书。", "org:TUR-parliament", ""),
    ("蒙古国家大呼拉尔通过了新的预算案。", "org:MNG-parliament", ""),
    // Named intelligence services, parties and state media.
    ("巴基斯坦三军情报局否认参与此事。", "org:PAK-isi", ""),
    ("德国联邦情报局发布年度报告。", "org:DEU-bnd", ""),
    ("南非非国大在大选中失去了议会多数席位。", "org:ZAF-anc", ""),
    ("老挝人民革命党中央委员会召开全体会议。", "org:LAO-lprp", ""),
    ("半岛电视台的一名记者在空袭中遇难。", "org:QAT-aljazeera", ""),
    // Seats of power that stand for the state.
    ("永田町的权力斗争日趋激烈，霞关的官僚也在观望。", "country:JPN", ""),
    ("高原宫当天发表声明，否认总统将出席峰会。", "country:BRA", ""),
    // Outlets that are only the source of the report.
    ("据《共同社》报道，日本政府将于下月公布新的防卫预算。", "country:JPN", "org:JPN-kyodo"),
    ("日本共同社发自首尔的报道称，两国外长将于下周会晤。", "", "org:JPN-kyodo"),
    ("越通社报道，越南政府总理当天会见了来访的老挝代表团。", "country:LAO", "org:VNM-vna"),
    ("《安塔拉通讯社》指出，印尼将提高镍出口关税。", "", "org:IDN-antara"),
];

#[test]
fn world_bodies_and_cited_outlets() {
    check_table(WORLD_CASES);
}

/// The run read after a known organisation for a sub-body's name stops at
/// the verb of the clause it is the subject of (sentences written for this
/// test): `…委员会` + `要求政府…` is not an organisation ending in `政府`.
#[test]
fn organisation_mentions_stop_before_their_verb() {
    let cases = [
        (
            "英国下议院外交事务委员会要求政府公布相关评估报告。",
            "org:GBR-fac",
            "英国下议院外交事务委员会",
        ),
        (
            "英国议会外交事务委员会批评政府低估了风险。",
            "org:GBR-fac",
            "英国议会外交事务委员会",
        ),
        (
            "欧盟委员会敦促成员国政府尽快落实减排承诺。",
            "org:EU-commission",
            "欧盟委员会",
        ),
        (
            "欧盟委员会要求当局在两周内作出答复。",
            "org:EU-commission",
            "欧盟委员会",
        ),
    ];
    check_mention_spans(&cases);
}

/// A legislature followed by a committee's name is one body, up to the
/// committee's end, its words joined by 与/和 (sentences written for this
/// test); a 和 right after the legislature joins two bodies instead.
#[test]
fn legislature_committees_are_one_body() {
    let cases = [
        (
            "澳大利亚议会情报与安全联合委员会周三发表报告，建议收紧外资审查。",
            "org:AUS-parliament",
            "澳大利亚议会情报与安全联合委员会",
        ),
        (
            "加拿大众议院国防与退伍军人事务委员会将举行听证会。",
            "org:CAN-house",
            "加拿大众议院国防与退伍军人事务委员会",
        ),
        (
            "英國國會科學和技術委員會發表報告，批評政府的研究經費安排。",
            "org:GBR-parliament",
            "英國國會科學和技術委員會",
        ),
        (
            "新西兰议会和选举委员会都收到了投诉。",
            "org:NZL-parliament",
            "新西兰议会",
        ),
    ];
    check_mention_spans(&cases);
}

#[test]
fn glosses_give_whole_surnames() {
    let ents = run(
        "美国演员罗伯特·德尼罗（Robert De Niro）与经济学家艾丽西亚·加西亚-埃雷罗（Alicia García-Herrero）出席。",
        "2024-05-01",
    );
    let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&"person:de-niro"), "{ids:?}");
    assert!(ids.contains(&"person:garcia-herrero"), "{ids:?}");
}

#[test]
fn unknown_officials_after_titles_in_both_scripts() {
    for (s, name) in [
        ("該縣縣長林志明表示，將發放補助。", "person:lin-zhiming"),
        ("民進黨立委黃國華說，法案下週審查。", "person:huang-kuo-hua"),
        ("天文台台長馬志強指出，風力將增強。", "person:ma-zhiqiang"),
        ("气象局预报员周佩芸说，雨势将减弱。", "person:zhou-peiyun"),
        ("财政司司长李文华表示，预算将公布。", "person:li-wenhua"),
    ] {
        let ents = run(s, "2024-05-01");
        let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.contains(&name), "{s}: {ids:?}");
    }
}

/// Four characters after a one-character surname are a transliterated
/// foreign name, not a Chinese one (sentences written for this test).
#[test]
fn transliterations_opening_with_a_surname_get_no_pinyin_id() {
    for (s, not) in [
        (
            "英国安全大臣汤根哈特周二表示，政府将加强审查。",
            "person:tang-genhate",
        ),
        ("德国议员马克斯特曼批评了这项协议。", "person:ma-kesiteman"),
    ] {
        let ents = run(s, "2024-05-01");
        let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
        assert!(!ids.contains(&not), "{s}: {ids:?}");
    }
    // A married woman's two surnames still read as a Chinese name.
    let ents = run("区议员周林美玲出席了论坛。", "2024-05-01");
    let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
    assert!(
        ids.iter().any(|i| i.starts_with("person:zhou-lin")),
        "{ids:?}"
    );
}

#[test]
fn junior_prefix_keeps_the_name_as_a_form() {
    let ents = run("小约翰·肯尼迪曾多次访问欧洲。", "2024-05-01");
    let person = ents
        .iter()
        .find(|e| e.forms.iter().any(|f| f == "小约翰·肯尼迪"))
        .expect("the person");
    assert!(
        person.forms.iter().any(|f| f == "约翰·肯尼迪"),
        "{:?}",
        person.forms
    );
}
