//! Pronunciation: the chosen Mandarin voice reads characters, not spelled-out pinyin.
//! Checked on espeak-ng's own phoneme output (`espeak-ng -x`), no daemon needed.

use std::process::Command as Process;

use yiban::speech::DEFAULT_VOICE_ZH;

/// Kiosk sentences, as the screens say them.
const SENTENCES: [&str; 6] = [
    "请您刷身份证",
    "欢迎使用自助服务",
    "请输入手机号码",
    "办理成功，请取走您的证件",
    "呼叫工作人员",
    "再听一遍",
];

/// espeak-ng's phoneme transcription (`-x`), one line per clause.
fn phonemes(voice: &str, text: &str) -> String {
    let output = Process::new("espeak-ng")
        .args(["-v", voice, "-q", "-x", text])
        .output()
        .unwrap_or_else(|e| panic!("cannot run espeak-ng ({e}): install espeak-ng (.ci/install-deps)"));
    assert!(output.status.success(), "espeak-ng -v {voice}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// espeak-ng marks a switch to another language's rules as `(en)`, `(cmn)`, …: the
/// `cmn` voice reads the pinyin its dictionary gives for a character with English rules
/// ("qing3" becomes "king three": `(en)kI55NTr'i:55`).
fn language_switches(phonemes: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = phonemes;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        let inner = &after[..close];
        if !inner.is_empty() && inner.len() <= 8 && inner.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        {
            found.push(inner.to_owned());
        }
        rest = &after[close + 1..];
    }
    found
}

#[test]
fn the_mandarin_voice_reads_characters_not_spelled_pinyin() {
    // The detector sees a switch where one is certain: the `cmn` voice reads Latin
    // letters as English by definition ("latin as English").
    let english = phonemes("cmn", "hello");
    assert!(language_switches(&english).iter().any(|l| l == "en"), "detector sanity: {english}");

    for sentence in SENTENCES {
        let ipa = phonemes(DEFAULT_VOICE_ZH, sentence);
        assert!(!ipa.trim().is_empty(), "{sentence}: no phonemes");
        let switches = language_switches(&ipa);
        assert!(switches.is_empty(), "{sentence} is read with {switches:?} rules: {ipa}");
        // Mandarin tone marks (espeak-ng writes tones as digits: 55, 35, 214, 51, …).
        assert!(ipa.chars().any(|c| c.is_ascii_digit()), "{sentence}: no tones in {ipa}");
        println!("{DEFAULT_VOICE_ZH}: {sentence} → {}", ipa.trim());
    }
    // For the record: what Debian's plain `cmn` voice does with the same sentence.
    println!("cmn: {} → {}", SENTENCES[0], phonemes("cmn", SENTENCES[0]).trim());
}
