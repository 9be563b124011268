use super::*;

/// A fresh, empty folder under the system's temporary folder.
fn temp_dir(label: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "shiju-automaton-test-{label}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names of the files in `dir`, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

const WORDS: [(&str, u32); 4] = [("北京", 0), ("北京市", 1), ("上海", 2), ("会谈", 3)];
const TEXT: &str = "北京市与上海举行会谈，北京表示欢迎。";

/// The leftmost-longest matches of `a` in [`TEXT`].
fn matches(a: &Automaton) -> Vec<(usize, usize, u32)> {
    a.leftmost_find_iter(TEXT)
        .map(|m| (m.start(), m.end(), m.value()))
        .collect()
}

#[test]
fn cached_automaton_finds_what_the_built_one_finds() {
    let dir = temp_dir("roundtrip");
    let opts = BuildOptions::LEFTMOST_LONGEST_NO_PREFILTER;
    let built = build_in(None, "words", opts, WORDS).unwrap();
    let first = build_in(Some(&dir), "words", opts, WORDS).unwrap();
    assert_eq!(files(&dir).len(), 1);
    let file = dir.join(&files(&dir)[0]);
    assert!(read(&file).is_some(), "the written file reads back");
    let second = build_in(Some(&dir), "words", opts, WORDS).unwrap();
    assert_eq!(matches(&built), matches(&first));
    assert_eq!(matches(&built), matches(&second));
    assert_eq!(matches(&built).len(), 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn corrupted_or_truncated_file_is_rebuilt_and_rewritten() {
    let dir = temp_dir("corrupt");
    let opts = BuildOptions::LEFTMOST_LONGEST;
    let good = build_in(None, "words", opts, WORDS).unwrap();
    build_in(Some(&dir), "words", opts, WORDS).unwrap();
    let file = dir.join(&files(&dir)[0]);
    let whole = std::fs::read(&file).unwrap();
    let mut flipped = whole.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    for bad in [whole[..whole.len() / 2].to_vec(), flipped, Vec::new()] {
        std::fs::write(&file, &bad).unwrap();
        assert!(read(&file).is_none(), "a damaged file is not trusted");
        let rebuilt = build_in(Some(&dir), "words", opts, WORDS).unwrap();
        assert_eq!(matches(&rebuilt), matches(&good));
        assert_eq!(
            std::fs::read(&file).unwrap(),
            whole,
            "the file is rewritten"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn key_depends_on_patterns_values_and_options() {
    let opts = BuildOptions::STANDARD_NO_PREFILTER;
    let base = key(opts, &WORDS);
    assert_eq!(base, key(opts, &WORDS.map(|(w, v)| (w.to_string(), v))));
    assert_ne!(base, key(opts, &WORDS[..3]));
    assert_ne!(
        base,
        key(
            opts,
            &[("北京", 0), ("北京市", 1), ("上海", 2), ("会谈", 4)]
        )
    );
    assert_ne!(
        base,
        key(
            opts,
            &[("北京", 0), ("北京市", 1), ("上海", 2), ("会见", 3)]
        )
    );
    // Pattern boundaries count: "ab"+"c" is not "a"+"bc".
    assert_ne!(
        key(opts, &[("ab", 0), ("c", 0)]),
        key(opts, &[("a", 0), ("bc", 0)])
    );
    assert_ne!(
        base,
        key(BuildOptions::LEFTMOST_LONGEST_NO_PREFILTER, &WORDS)
    );
    assert_ne!(
        base,
        key(
            BuildOptions {
                prefilter: true,
                ..opts
            },
            &WORDS
        )
    );
}

#[test]
fn new_key_replaces_the_old_file_of_the_same_name_only() {
    let dir = temp_dir("replace");
    let opts = BuildOptions::STANDARD_NO_PREFILTER;
    build_in(Some(&dir), "words", opts, WORDS).unwrap();
    build_in(Some(&dir), "words-more", opts, WORDS).unwrap();
    build_in(Some(&dir), "words", opts, WORDS[..2].iter().copied()).unwrap();
    let names = files(&dir);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&file_name("words", key(opts, &WORDS[..2]))));
    assert!(names.contains(&file_name("words-more", key(opts, &WORDS))));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn disabled_cache_writes_nothing() {
    let dir = temp_dir("off");
    let a = build_in(None, "words", BuildOptions::LEFTMOST_LONGEST, WORDS).unwrap();
    assert_eq!(matches(&a).len(), 4);
    assert!(files(&dir).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn parallel_builds_leave_one_whole_file_and_no_temporary() {
    let dir = temp_dir("parallel");
    let opts = BuildOptions::LEFTMOST_LONGEST;
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| build_in(Some(&dir), "words", opts, WORDS).unwrap());
        }
    });
    let names = files(&dir);
    assert_eq!(names, [file_name("words", key(opts, &WORDS))]);
    assert!(read(&dir.join(&names[0])).is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn odd_pattern_lists_give_what_the_builder_gives() {
    let dir = temp_dir("odd");
    let opts = BuildOptions::LEFTMOST_LONGEST;
    let none: Vec<(&str, u32)> = Vec::new();
    let twice = vec![("北京", 0), ("北京", 1), ("上海", 2)];
    for patterns in [none, twice] {
        let built = build_in(None, "words", opts, patterns.clone());
        for _ in 0..2 {
            let cached = build_in(Some(&dir), "words", opts, patterns.clone());
            assert_eq!(cached.is_ok(), built.is_ok());
            if let (Ok(a), Ok(b)) = (&built, &cached) {
                assert_eq!(matches(a), matches(b));
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn file_names_of_an_automaton_are_told_apart() {
    let key = "0123456789abcdef0123456789abcdef";
    assert!(is_file_of(&format!("words-{key}.daac"), "words"));
    assert!(!is_file_of(&format!("words-more-{key}.daac"), "words"));
    assert!(!is_file_of(&format!("words-{key}.daac.tmp"), "words"));
    assert!(!is_file_of("words-0123.daac", "words"));
}

#[test]
fn checksum_sees_truncation_and_flips() {
    let data: Vec<u8> = (0..=255u8).cycle().take(1001).collect();
    let sum = checksum(&data);
    assert_ne!(sum, checksum(&data[..1000]));
    for i in [0, 7, 8, 500, 1000] {
        let mut d = data.clone();
        d[i] ^= 1;
        assert_ne!(sum, checksum(&d), "flip at {i}");
    }
}

#[test]
fn daachorse_version_is_the_locked_one() {
    let lock =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock")).unwrap();
    let locked = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"daachorse\""))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .unwrap();
    assert_eq!(
        locked.trim_matches('"'),
        DAACHORSE_VERSION,
        "bump DAACHORSE_VERSION"
    );
}
