//! shiju-entities: recognises people, states and organisations in a
//! normalised [`Text`] and links them to gazetteer ids with their role on the
//! publication date.
//!
//! # How it works
//!
//! 1. **Gazetteer tokens.** Every form of `countries.tsv` (names, metonyms,
//!    forms, and `X方` generated from each unambiguous one-character
//!    abbreviation), `orgs.tsv`, `people.tsv` and `titles.tsv` is normalised
//!    with [`shiju_text::Normalizer`] and compiled into one daachorse automaton
//!    matched leftmost-longest over [`Text::norm`]. Guards drop matches that
//!    are parts of other words: Latin forms need non-alphanumeric neighbours;
//!    a metonym followed by `时间`, `大学`, `邮报`… is not the state; a person
//!    form followed by an organisation suffix (`布朗大学`) is not the person;
//!    `X方`/`X军` followed by `便`, `面`, `事`… (`以方便`, `以军事`) is not the state.
//!    **National bodies** (`recognize/bodies.rs`): a state's name or
//!    abbreviation followed by a generic body of `bodies.tsv` (`英国外交部`,
//!    `俄国防部`) becomes one organisation token, `org:ISO3-key` or the
//!    listed body of that state; national bodies are organisations acting for
//!    their state, and the state's printed name is also a mention of it.
//!    Outlets only cited as a source (`据新华社报道`) are dropped.
//! 2. **Compounds.** A run of 2–4 one-character abbreviations (`中美`, `俄乌`,
//!    `美韩`) is accepted only when a relation word follows (`关系`, `两国`,
//!    `冲突`, `军演`…, see [`COMPOUND_NEXT`]); each member state gets a mention
//!    spanning the whole compound. A bare abbreviation is never a mention.
//! 3. **Unknown people.** `·`-joined transliterated names (one other
//!    character may stand next to the dot: `马可·卢比奥`, `格伦·杨金`; a
//!    generation suffix `三世` joins); a transliterated, Chinese or Japanese
//!    name right after a title (surnames from `surnames.tsv`; a full
//!    three-character name needs no boundary word after it unless its surname
//!    begins common words: `县长陈福海前晚…`); a name before a Latin gloss
//!    (`布朗（Kerry Brown）`; before a two-word personal gloss also Chinese
//!    characters back to a title or punctuation: `作家费雪（Matthew Fisher）`)
//!    or before `（音）`. A later bare surname
//!    (`利普斯基` after `乔希·利普斯基`) joins the entity. A `·`-name followed by
//!    an institution suffix (`约翰·霍普金斯大学`) is not a person.
//!    `大陆` (not the continent) is China, and `我国` outside quotations the
//!    outlet's state (`recognize/home.rs`).
//! 4. **Affiliation.** Backwards from a person's name: title (`外长`), markers
//!    (`前`, `时任` → former; `候任`, `当选` → elect), `驻` (the sending state is
//!    the one before it), the first state named in the affiliation, or the
//!    person before `的` (`特朗普的乌克兰特使` → USA). States named inside an
//!    institution's name in an affiliation (`首尔韩国统一研究院专家`) give the
//!    person's country but are not mentions of the state.
//! 5. **Roles.** `roles.tsv` rows are compared with `ctx.published`
//!    (in office, elect between `elected` and `start`, former after `end`);
//!    text markers override the status.
//! 6. **Context forms.** An org `context` form (`国会`) is a mention only when
//!    the org's country is named in the same text; it is the body of the
//!    state named right before it (`俄罗斯国会` is not the US Congress), else
//!    of the state the text names most; never after `地方`, `州`, `我`… (`我国会`).
//! 7. **Namesakes.** A `·`-name whose given name differs from every full form
//!    of the gazetteer person with that surname (`约翰·沙利文` vs `杰克·沙利文`),
//!    or a Latin gloss with another first name (`布朗（Kerry Brown）` vs Gordon
//!    Brown), is a different person; later bare surnames join the namesake.
//! 8. **Office holders.** A state's title with no name after it (`中国领导人`,
//!    `俄罗斯总统表示`) is a mention of the one person `roles.tsv` has in that
//!    office on the publication date (`领导人` covers the head-of-state and
//!    party-leader keys), when the text also names that person; none when
//!    there are several holders or no date.
//!    A surname after a title (`商务部长罗斯`) is the gazetteer person who held
//!    that office of that state on the date (`recognize/office.rs`).
//! 9. **Ids.** Unknown people get `person:<surname>` from a Latin gloss;
//!    Chinese names a romanised id (`recognize/romanize.rs`, `pinyin.tsv`:
//!    `person:zhuang-guotu` in pinyin, `person:chen-fu-hai` in Wade-Giles for
//!    people of Taiwan); others `new:<normalised full name>`. Titles of experts (`教授`, `主任`,
//!    `专家`…, [`FALLBACK_TITLES`]) back up `titles.tsv` for affiliations.
//!
//! Organisations the gazetteer lacks (`…研究所`, `…大学`) are not reported:
//! the annotation guidelines do not list think tanks and universities as
//! actors. Their suffixes still stop person forms (`布朗大学`) and mark
//! institution names inside affiliations.

use std::collections::HashMap;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_core::{Context, Date, Entity, RoleStatus, Text};
use shiju_lexicon::{Record, Table};
use shiju_text::Normalizer;

const COUNTRIES: &str = include_str!("../../../lexicon/countries.tsv");
const ORGS: &str = include_str!("../../../lexicon/orgs.tsv");
const PEOPLE: &str = include_str!("../../../lexicon/people.tsv");
const ROLES: &str = include_str!("../../../lexicon/roles.tsv");
const TITLES: &str = include_str!("../../../lexicon/titles.tsv");
const NON_ACTORS: &str = include_str!("../../../lexicon/non_actors.tsv");

/// Words after an abbreviation compound that make it one (`中美关系`, `俄乌冲突`).
pub const COMPOUND_NEXT: &[&str] = &[
    "关系",
    "两国",
    "三国",
    "四国",
    "双方",
    "三方",
    "各方",
    "冲突",
    "战争",
    "会谈",
    "峰会",
    "军演",
    "合作",
    "贸易",
    "对话",
    "元首",
    "首脑",
    "领导人",
    "外长",
    "防长",
    "联合",
    "边境",
    "谈判",
    "之间",
    "和谈",
    "战局",
    "局势",
    "缓和",
    "交往",
    "同盟",
    "联盟",
    "竞争",
    "对抗",
    "摩擦",
    "紧张",
    "会晤",
    "通话",
    "友好",
    "友谊",
    "军事",
    "经贸",
    "协议",
    "协定",
    "条约",
    "声明",
    "共同",
    "战略",
    "伙伴",
    "接触",
    "交流",
    "互动",
    "分歧",
    "争端",
    "博弈",
    "较量",
    "角力",
    "演习",
    "问题",
    "外交",
    "高层",
    "官员",
    "代表",
    "热线",
    "航线",
    "建交",
    "邦交",
    "破冰",
    "等国",
    "间",
    "之",
    "和",
    "同",
    "与",
    "互",
    "俩",
    "结盟",
    "携手",
    "握手",
    "对峙",
    "停火",
    "举行",
    "签署",
    "发表",
    "达成",
    "宣布",
    "同意",
    "开展",
    "就",
    "关于",
];

/// Characters before the first abbreviation that make a word with it
/// (`其中美国…`, `可以…`), so the compound starts later or not at all.
const ABBR_WORDS: &[&str] = &[
    "其中", "集中", "空中", "心中", "之中", "当中", "从中", "高中", "初中", "暗中", "命中", "选中",
    "看中", "途中", "手中", "眼中", "家中", "狱中", "期中", "正中", "方法", "宪法", "做法", "立法",
    "说法", "办法", "执法", "非法", "合法", "看法", "想法", "司法", "依法", "违法", "手法", "道德",
    "品德", "美德", "精英", "完美", "赞美", "欧美", "北美", "南美", "审美", "优美", "今日", "昨日",
    "明日", "节日", "近日", "次日", "当日", "每日", "假日", "抗日", "生日", "平日", "末日", "某日",
    "王朝", "明朝", "清朝", "唐朝", "今朝", "复印", "打印", "影印", "脚印", "可以", "所以", "难以",
    "得以", "用以", "足以", "加以", "予以", "借以", "何以", "是以", "增加", "参加", "更加", "追加",
    "附加", "施加", "强加", "添加", "港澳", "同意", "注意", "愿意", "满意", "故意", "恶意", "善意",
    "民意", "诚意", "敌意", "好意", "有意", "无意", "特意", "刻意", "随意", "示意", "乐意", "在意",
    "生意", "领土", "本土", "国土", "乡土", "故土", "疆土", "超越", "穿越", "优越", "跨越", "卓越",
    "重新", "创新", "更新", "最新", "全新", "崭新", "革新", "刷新", "养老", "古老", "元老", "启蒙",
    "嘴巴", "尾巴", "下巴", "明白", "空白", "坦白", "黑白", "表白", "苍白", "蛋白", "洁白", "清白",
    "告白", "独白", "大白", "雪白", "纯白",
];

/// Words after a metonym that make it something else (`北京时间`, `华盛顿邮报`).
const METONYM_NOT_BEFORE: &[&str] = &[
    "时间",
    "大学",
    "邮报",
    "时报",
    "日报",
    "晚报",
    "州",
    "奥运",
    "冬奥",
    "机场",
    "共识",
    "大学",
    "动物园",
    "烤鸭",
    "站",
    "地铁",
    "师范",
    "协和",
    "市民",
    "居民",
    "人",
    "队",
    "国安",
    "交响",
    "公约",
    "议定书",
    "宣言",
];

/// Second characters that make `X方` part of another word (`以方便`, `以方式`).
const FANG_NOT_BEFORE: &str = "便面式法向案针言位块圆略舟剂丈寸";
/// Characters that make `X军` part of another word (`以军事`, `以军费`).
const JUN_NOT_BEFORE: &str = "事备费工火售力区籍属械";

/// Suffixes that close an organisation name (`…研究所`, `…委员会`).
pub const ORG_SUFFIXES: &[&str] = &[
    "委员会",
    "理事会",
    "研究所",
    "研究院",
    "研究中心",
    "中心",
    "基金会",
    "学院",
    "大学",
    "智库",
    "协会",
    "学会",
    "联合会",
    "公司",
    "集团",
    "银行",
    "组织",
    "联盟",
    "议会",
    "法院",
    "政府",
    "当局",
    "部",
    "署",
    "局",
    "院",
    "办公室",
    "党",
    "军",
    "司令部",
    "通讯社",
    "电视台",
];

/// Words right after a country name that make the mention a state organ of it
/// (`中国外交部`, `法国政府`): the mention widens to include them.
const STATE_ORGAN_NEXT: &[&str] = &[
    "政府",
    "当局",
    "军方",
    "官方",
    "外交部",
    "国防部",
    "国务院",
    "海军",
    "空军",
    "陆军",
];

/// Characters used to transliterate foreign names (Xinhua usage); a run of
/// them after a title or around `·` is read as a name.
const TRANSLIT_CHARS: &str = "阿埃艾爱安昂敖奥巴芭白拜班邦保鲍贝本比彼毕宾波博布蔡查柴楚茨达戴丹道德邓迪蒂丁杜顿厄恩尔法凡范菲费芬丰佛夫弗福伏盖甘冈高戈哥格根古瓜圭哈海汉豪赫黑亨洪侯胡霍基吉加贾杰捷卡凯坎康柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾里利莉连列林琳卢鲁路伦罗洛吕马玛迈麦曼芒梅门蒙米莫默姆穆纳娜奈内尼妮涅宁纽努诺欧帕佩彭皮普奇齐恰乔切钦琼丘萨塞赛桑瑟森沙莎尚舍什施史舒斯松苏索塔泰坦汤唐陶特滕提图托瓦万旺威韦维温沃乌伍西希谢辛休雅亚扬耶伊尤约泽扎詹珍朱兹佐娃娅琴日绍廷蒂莱鲍德霍雷丽克纳娃捷热肖乔茜蕾黛琪薇妮尚萝思盖历山大耐廉翰文瑞卜多得华金罕汀斐裴芙丝莲婷碧伯迦伽嘉喀恺昆坤腊澜黎良玲柳龙隆芦露蔓茂孟密敏缪摩慕乃瑙潘庞培蓬珀契钱秋裘荣茹若申锡席夏仙欣修延依卓祖逊士那可理";

/// Words a transliterated name run stops before (`凯洛格` + `本月`, `佩斯科夫` + `希望`).
const RUN_STOP: &[&str] = &[
    "本月", "本周", "本年", "本届", "本次", "本人", "多次", "多年", "多名", "多个", "多位", "多国",
    "多方", "多日", "多数", "安全", "加强", "加入", "加大", "加快", "特别", "马上", "高度", "高级",
    "亚洲", "法律", "西方", "内部", "普遍", "达成", "达到", "提出", "提供", "提到", "提议", "万人",
    "维持", "维护", "文章", "希望", "基本", "海军", "海上", "比较", "比如", "根据", "肯定", "利用",
    "利益", "连续", "努力", "欧洲", "尚未", "什么", "坦言", "坦承", "威胁", "扬言", "尤其", "日前",
    "日内", "历史", "大力", "大选", "爱国", "拜访", "保持", "保证", "保护", "彼此", "毕竟", "道歉",
    "克服", "格外", "布局", "以及", "大学", "学院", "博士", "女士", "人士", "士兵", "院士", "学士",
    "硕士", "护士", "战士", "将士", "那些", "那么", "那样", "那里", "那个", "那天", "那时", "那就",
    "那是", "那种", "可能", "可以", "可是", "可望", "可谓", "可见", "可惜", "可否", "可靠", "可怕",
];

const SURNAMES: &str = include_str!("../../../lexicon/surnames.tsv");
const PINYIN: &str = include_str!("../../../lexicon/pinyin.tsv");

/// What may follow a name read after a title.
const NAME_NEXT: &[&str] = &[
    "说", "表示", "称", "在", "和", "与", "的", "对", "将", "也", "曾", "于", "已", "指出", "认为",
    "强调", "则", "是", "就", "向", "等", "还", "并", "率", "会见", "会晤", "访问", "出席", "发表",
    "接受", "今天", "昨天", "本周", "上周", "周", "当天", "当地", "日前", "近日", "及", "同", "又",
    "再", "正", "被", "告诉", "写道", "回答", "宣布", "警告", "呼吁", "透露", "补充", "他", "她",
    "此前", "随后", "目前", "本月", "上月", "去年", "今年", "抵达", "前往", "致电", "通话", "签署",
    "主持", "会面", "谈到", "提到", "承认", "否认", "要求", "希望", "上午", "下午", "晚上", "早上",
    "今日", "昨日", "稍早", "稍后", "当日", "今晨", "昨晚", "近期", "召开", "举行", "率团", "一行",
];

/// Titles of experts and officials (role key, forms), used when `titles.tsv`
/// does not list the form itself.
pub const FALLBACK_TITLES: &[(&str, &str)] = &[
    (
        "director",
        "主任|所长|院长|局长|处长|司长|署长|高级主任|执行主任|常务主任|副主任|主管|负责人",
    ),
    ("professor", "教授|副教授|助理教授|客座教授|荣誉教授"),
    (
        "researcher",
        "研究员|高级研究员|资深研究员|研究人员|副研究员|访问学者|学者",
    ),
    ("expert", "专家|高级专家|资深专家|问题专家"),
    ("analyst", "分析师|分析人士|高级分析师|首席分析师"),
    ("adviser", "顾问|高级顾问|首席顾问|特别顾问"),
    ("official", "官员|高级官员|高官"),
    ("vice_minister", "副部长|次长|政务次长|常务次长|副外长"),
    ("president", "会长|校长|总裁"),
    ("founder", "创始人|联合创始人"),
    ("editor", "主编|总编辑"),
    ("economist", "经济学家|首席经济学家"),
    ("historian", "历史学家"),
];

/// Markers before a title that set the role status.
const FORMER_MARKERS: &[&str] = &["时任", "已故", "前任", "卸任", "前"];
const ELECT_MARKERS: &[&str] = &["候任", "当选", "准"];
/// Characters before `前` that make it a time word (`目前`, `此前`), not "former".
const NOT_FORMER_BEFORE_QIAN: &str = "目此之日先提以年月天早从当事生眼跟面向空前门台胸阵";

/// Single characters that end an affiliation when scanning backwards.
const AFFIL_STOP_CHARS: &str =
    "，。；：！？、,.;:!?\n\t 的是为说称据由在和与及同跟向对让被把令请派见访了着过将已曾也都还就又再并而但则从";
/// Verbs that end an affiliation when scanning backwards (`担任美国驻俄罗斯大使`).
const AFFIL_STOP_WORDS: &[&str] = &[
    "担任",
    "出任",
    "就任",
    "接任",
    "转任",
    "升任",
    "兼任",
    "曾任",
    "现任为",
];
/// Surname + character pairs that are ordinary words, not names (`总统任期内`).
const NOT_NAMES: &[&str] = &[
    "任期", "任务", "任何", "任命", "任内", "任职", "高度", "高级", "高层", "马上", "周年", "周边",
    "方面", "方向", "方式", "王国", "金融", "石油", "于是", "向来", "江山", "万一", "史上", "黄金",
    "白色", "龙头", "文化", "文件", "程序", "孔子", "陆军", "海军", "林业", "田间", "何时", "何况",
    // Words a title is often followed by (总统连任, 外长关于…, 总理全面…).
    "连任", "连续", "连日", "连同", "关于", "关注", "关切", "全面", "全力", "严厉", "严正", "严重",
    "包括", "管理", "利用", "申请", "简短", "毕业", "封锁", "符合", "单方", "司令", "商务", "宗教",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Name,
    Metonym,
    Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Country(usize, FormKind),
    Org(usize),
    OrgContext(usize),
    Person(usize),
    Title(usize),
    /// A status word listed in `titles.tsv` under a `*_marker` key (`候任`, `前`).
    Marker(Option<RoleStatus>),
}

#[derive(Debug)]
struct Country {
    iso: String,
    name: String,
}

#[derive(Debug)]
struct Org {
    id: String,
    country: Option<String>,
    /// The actor code of its events when not its own id (`UNSC` → `UN`).
    actor: Option<String>,
    name: String,
    /// A news outlet or agency (`kind` `media`).
    media: bool,
    /// A state's body (`kind` `national`, or generated from `bodies.tsv`).
    national: bool,
}

#[derive(Debug)]
struct Person {
    id: String,
    /// Name in Latin script (`Gordon Brown`), to tell namesakes apart by a gloss.
    latin: String,
    country: Option<String>,
    name: String,
    /// Normalised full (`·`-joined) forms, to tell a namesake from the person.
    full_forms: Vec<String>,
}

#[derive(Debug)]
struct RoleRow {
    title: String,
    of: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    elected: Option<Date>,
}

/// The compiled gazetteer, built once and shared by all documents.
pub struct Gazetteer {
    norm: Normalizer,
    ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Normalised pattern and its targets, indexed by the automaton's value.
    pats: Vec<(String, Vec<Target>)>,
    countries: Vec<Country>,
    orgs: Vec<Org>,
    people: Vec<Person>,
    titles: Vec<String>,
    roles: HashMap<usize, Vec<RoleRow>>,
    /// (role key, state or org) → people who held it.
    holders: HashMap<(String, String), Vec<usize>>,
    /// Abbreviation character → country indices.
    abbr: HashMap<char, Vec<usize>>,
    /// Characters that are abbreviations (fast test before `abbr`).
    abbr_set: CharSet,
    translit: CharSet,
    /// First segments of the gazetteer's `·`-joined names, two to four
    /// characters (`何塞`, `米歇尔`): given names that open a dotted name
    /// even where a character is no transliteration character.
    given_names: std::collections::HashSet<String>,
    /// One-character surnames (`surnames.tsv`), and those that also begin
    /// many ordinary words (`高度`, `方面`).
    surnames: CharSet,
    weak_surnames: CharSet,
    /// Surnames of two or more characters (`欧阳`, `平井`), longest first,
    /// and the Chinese ones among them.
    double_surnames: Vec<String>,
    chinese_doubles: Vec<String>,
    /// Mandarin readings (pinyin, Wade-Giles) by character (`pinyin.tsv`).
    readings: HashMap<char, (String, String)>,
    /// ABBR_WORDS as character pairs, sorted.
    abbr_words: Vec<(char, char)>,
    /// recognize::CROSS_WORDS as character pairs, sorted.
    cross_words: Vec<(char, char)>,
    /// Generic national bodies (`bodies.tsv`).
    bodies: recognize::bodies::Bodies,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("patterns", &self.pats.len())
            .field("countries", &self.countries.len())
            .field("orgs", &self.orgs.len())
            .field("people", &self.people.len())
            .field("titles", &self.titles.len())
            .finish()
    }
}

/// Rows after key overrides: a later row with the same key replaces an
/// earlier one, a key `-KEY` removes it.
fn effective<'a>(t: &'a Table, key: &str) -> Vec<Record<'a>> {
    let mut out: Vec<Option<Record<'a>>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in t.records() {
        let k = r.get(key).to_string();
        if let Some(del) = k.strip_prefix('-') {
            if let Some(i) = index.remove(del) {
                out[i] = None;
            }
            continue;
        }
        if k.is_empty() {
            continue;
        }
        match index.get(&k) {
            Some(&i) => out[i] = Some(r),
            None => {
                index.insert(k, out.len());
                out.push(Some(r));
            }
        }
    }
    out.into_iter().flatten().collect()
}

/// A set of characters: a bitmap over the CJK blocks, a sorted list for the rest.
#[derive(Debug, Clone, Default)]
pub(crate) struct CharSet {
    dense: Vec<u64>,
    other: Vec<char>,
}

const CS_LO: u32 = 0x3400;
const CS_HI: u32 = 0xA000;

impl CharSet {
    fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut cs = CharSet {
            dense: vec![0; ((CS_HI - CS_LO) as usize).div_ceil(64)],
            other: Vec::new(),
        };
        for c in chars {
            let cp = c as u32;
            if (CS_LO..CS_HI).contains(&cp) {
                let i = (cp - CS_LO) as usize;
                cs.dense[i / 64] |= 1 << (i % 64);
            } else {
                cs.other.push(c);
            }
        }
        cs.other.sort_unstable();
        cs.other.dedup();
        cs
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        if (CS_LO..CS_HI).contains(&cp) {
            let i = (cp - CS_LO) as usize;
            self.dense[i / 64] & (1 << (i % 64)) != 0
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

/// Two-character words as sorted character pairs.
fn pairs(words: &[&str]) -> Vec<(char, char)> {
    let mut v: Vec<(char, char)> = words
        .iter()
        .filter_map(|w| {
            let mut it = w.chars();
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => Some((a, b)),
                _ => None,
            }
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(d) = shiju_core::date::parse_ymd(s) {
        return Some(d);
    }
    let mut it = s.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next().map(|m| m.parse().ok()).unwrap_or(Some(1))?;
    Date::from_ymd_opt(y, m, 1)
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Gazetteer {
    /// The normaliser the gazetteer was built with (same user folder).
    pub fn normalizer(&self) -> &Normalizer {
        &self.norm
    }

    /// Whether the gazetteer knows a person id (e.g. `person:putin` or `putin`).
    pub fn knows_person(&self, id: &str) -> bool {
        let id = id.strip_prefix("person:").unwrap_or(id);
        self.people.iter().any(|p| p.id == id)
    }

    /// Entities of the text, each with its mentions (byte offsets into `text.original`).
    pub fn recognize(&self, text: &Text, ctx: &Context) -> Vec<Entity> {
        recognize::run(self, text, ctx)
    }
}

mod build;
mod recognize;

/// FxHash (rustc's hasher, from `rustc-hash`): fast for maps of small keys.
pub(crate) type Fx = rustc_hash::FxBuildHasher;
