//! The text cleaner on hand-made fixtures: every `tests/fixtures/<name>/` holding
//! `input.txt` (text extracted with its chrome) and `expected.txt` (the story alone)
//! must clean to exactly the expectation, white space aside.

use std::path::{Path, PathBuf};

use bodycopy::textclean::{clean_text_in_site, Reason, TemplateIndex};
use bodycopy::{clean_text, visible_text};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_text_fixture_cleans_to_its_expectation() {
    let mut count = 0;
    let mut failed = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let dir = entry.unwrap().path();
        let (input, expected) = (dir.join("input.txt"), dir.join("expected.txt"));
        if !input.exists() || !expected.exists() {
            continue;
        }
        count += 1;
        let input = std::fs::read_to_string(input).unwrap();
        let expected = words(&std::fs::read_to_string(expected).unwrap());
        let cleaned = clean_text(&input);
        let got = words(&cleaned.text);
        if got != expected {
            failed.push(format!(
                "{}:\n{}",
                dir.file_name().unwrap().to_string_lossy(),
                cleaned.explain(&input)
            ));
        }
    }
    assert!(count >= 1, "no text fixtures found");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn seed_text_reasons_name_the_chrome() {
    let input = std::fs::read_to_string(fixtures_dir().join("seed-text/input.txt")).unwrap();
    let cleaned = clean_text(&input);
    let reason = |needle: &str| {
        let d = cleaned
            .lines
            .iter()
            .find(|d| input[d.range.clone()].contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}"));
        d.reason
    };
    assert_eq!(reason("23.1 C"), Reason::Reading);
    assert_eq!(reason("Thursday, September 28"), Reason::Dateline);
    assert_eq!(reason("- Advertisement -"), Reason::Phrase);
    assert_eq!(reason("Must read"), Reason::Phrase);
    assert_eq!(reason("ALSO READ"), Reason::Promo);
    assert_eq!(reason("Trending Today"), Reason::Phrase);
    assert_eq!(reason("Human rights watchdogs"), Reason::Prose);
}

#[test]
fn other_languages_keep_their_story() {
    let story = [
        "Die Stadtverwaltung hat am Dienstag beschlossen, dass die Brücke über den Fluss im nächsten Jahr erneuert wird, und die Arbeiten sollen im Frühjahr beginnen.",
        "Le conseil municipal a décidé mardi que le pont sur la rivière sera rénové l'année prochaine, et les travaux doivent commencer au printemps.",
        "El ayuntamiento decidió el martes que el puente sobre el río será renovado el próximo año, y las obras deben comenzar en la primavera.",
        "Городской совет во вторник решил, что мост через реку будет отремонтирован в следующем году, и работы должны начаться весной, как только погода это позволит.",
    ];
    for s in story {
        let text =
            format!("Startseite\nNews | Sport | Wetter\n{s}\n{s}\n© 2024 Example\nFacebook\n");
        let cleaned = clean_text(&text);
        assert_eq!(
            cleaned.text,
            format!("{s}\n{s}"),
            "{}",
            cleaned.explain(&text)
        );
    }
}

#[test]
fn batch_mode_drops_a_site_template_line() {
    let template =
        "The Example Gazette is written for the people of the valley and for all of its friends";
    let stories = [
        "The valley's orchards had their best harvest in a decade this year, growers said, after a mild spring and a dry, warm summer.",
        "A new bridge over the river opened on Monday, and the council said that the old crossing would be closed for repairs until the autumn.",
        "The library will stay open later on weekdays from next month, after the town agreed to fund two more staff for at least a year.",
    ];
    let texts: Vec<String> = stories
        .iter()
        .map(|s| format!("{s}\n{template}\n"))
        .collect();
    // alone, the line reads as prose
    assert!(clean_text(&texts[0]).text.contains(template));
    let mut index = TemplateIndex::new();
    for t in &texts {
        index.add("gazette.example", t);
    }
    let cleaned = clean_text_in_site(&texts[0], index.site("gazette.example"));
    assert_eq!(cleaned.text, stories[0]);
    assert_eq!(cleaned.lines[1].reason, Reason::Template);
}

#[test]
fn visible_text_keeps_everything_a_reader_sees() {
    let html = b"<html><head><title>T</title><style>p{}</style></head><body>\
        <nav><a href=/>Home</a> <a href=/w>World</a></nav><h1>Rain due</h1>\
        <p>Heavy rain<br>is expected.</p><ul><li>One</li><li>Two</li></ul>\
        <div hidden>secret</div><script>var x;</script><footer>\xc2\xa9 2024</footer></body></html>";
    let text = visible_text(html).unwrap();
    assert_eq!(
        text,
        "Home World\nRain due\nHeavy rain\nis expected.\nOne\nTwo\n\u{a9} 2024\n"
    );
    assert!(visible_text(b"  ").is_err());
}
