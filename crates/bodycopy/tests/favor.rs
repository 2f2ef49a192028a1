//! The precision/recall preference changes what is kept, in the expected direction.

use bodycopy::{Config, Extractor, Favor, PageInfo};

fn text(html: &[u8], favor: Favor) -> String {
    let config = Config {
        favor,
        ..Config::default()
    };
    Extractor::new(config)
        .extract(html, &PageInfo::default())
        .expect("the fixture extracts")
        .text()
}

/// A list item that is all link (a changelog entry) is judged with its list by
/// default, and on its own when precision is favoured.
#[test]
fn all_link_list_items_go_only_when_precision_is_favoured() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/list-items-judged-with-their-list/source.html"
    );
    let html = std::fs::read(path).unwrap();
    let item = "Dana made the outline view redraw only the rows that changed";
    let balanced = text(&html, Favor::Balanced);
    let precise = text(&html, Favor::Precision);
    assert!(balanced.contains(item), "{balanced}");
    assert!(!precise.contains(item), "{precise}");
    // the prose around the list stays either way
    for t in [&balanced, &precise] {
        assert!(t.contains("Thanks to everyone who filed reports"), "{t}");
        assert!(
            t.contains("Printing a selection now keeps the page margins"),
            "{t}"
        );
    }
}
