//! What the store's test files share.

/// A five-paragraph news story of our own: five interactions between
/// states, one a paragraph.
pub const BODY: &[&str] = &[
    "中国外交部长当天在北京会见到访的俄罗斯外长，双方就地区局势交换意见。",
    "美国政府强烈谴责朝鲜当天发射弹道导弹，并呼吁朝鲜停止挑衅。",
    "日本首相与韩国总统在东京举行会谈，两国同意加强安全合作。",
    "法国总统宣布将向乌克兰提供新一批人道主义援助。",
    "伊朗批评以色列的最新军事行动，称其违反国际法。",
];

/// A store opened in `dir` with `inputs` ingested on one thread.
pub fn ingested(dir: &std::path::Path, inputs: Vec<shiju_store::Input>) -> shiju_store::Store {
    let pl = shiju_pipeline::Pipeline::new(&shiju_pipeline::Options::default()).unwrap();
    let mut store = shiju_store::Store::open(dir).unwrap();
    shiju_store::ingest(&mut store, &pl, inputs, 1, &mut |_| {}).unwrap();
    store
}
