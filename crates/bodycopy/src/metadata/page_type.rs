//! Page type: from schema.org types and `og:type`, else from the page's structure.

use crate::document::{Block, BlockKind, PageType};
use crate::dom::{Dom, NodeId, Tag};

fn schema_type(t: &str) -> Option<PageType> {
    Some(match t {
        "DiscussionForumPosting" | "QAPage" | "Question" | "Answer" | "Comment" => PageType::Forum,
        "Product" | "ProductGroup" | "IndividualProduct" | "ProductModel" | "Offer"
        | "AggregateOffer" => PageType::Product,
        "TechArticle" | "APIReference" | "SoftwareSourceCode" => PageType::Documentation,
        "Article"
        | "NewsArticle"
        | "BlogPosting"
        | "ReportageNewsArticle"
        | "AnalysisNewsArticle"
        | "OpinionNewsArticle"
        | "BackgroundNewsArticle"
        | "ReviewNewsArticle"
        | "LiveBlogPosting"
        | "ScholarlyArticle"
        | "Report"
        | "Review"
        | "Recipe"
        | "HowTo"
        | "SocialMediaPosting"
        | "Blog" => PageType::Article,
        "ItemList" | "SearchResultsPage" => PageType::Listing,
        "CollectionPage" => PageType::Collection,
        "Service"
        | "ProfessionalService"
        | "LocalBusiness"
        | "FinancialService"
        | "LegalService"
        | "MedicalBusiness"
        | "HomeAndConstructionBusiness"
        | "Store"
        | "AutomotiveBusiness"
        | "EducationalOrganization"
        | "Dentist"
        | "Physician"
        | "Attorney"
        | "ContactPage"
        | "AboutPage" => PageType::Service,
        _ => return None,
    })
}

/// The page type that the page's own schema.org and OpenGraph types state.
pub fn from_declared(
    main_types: &[String],
    all_types: &[String],
    og_type: Option<&str>,
) -> Option<PageType> {
    for t in main_types {
        if let Some(p) = schema_type(t) {
            return Some(p);
        }
    }
    // a specific type anywhere beats the generic ones
    let found: Vec<PageType> = all_types.iter().filter_map(|t| schema_type(t)).collect();
    for want in [
        PageType::Forum,
        PageType::Product,
        PageType::Documentation,
        PageType::Article,
    ] {
        if found.contains(&want) {
            return Some(want);
        }
    }
    match og_type.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("article") | Some("blog") | Some("news") => return Some(PageType::Article),
        Some("product") | Some("og:product") | Some("product.item") => {
            return Some(PageType::Product)
        }
        _ => {}
    }
    found.first().copied()
}

fn class_id(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for k in ["class", "id"] {
        if let Some(v) = dom.attr(id, k) {
            s.push_str(v);
            s.push(' ');
        }
    }
    s.to_ascii_lowercase()
}

/// Guess the type from the page's structure when nothing declares it.
pub fn from_structure(
    dom: &Dom,
    body: &[Block],
    url: Option<&str>,
    has_date: bool,
    has_author: bool,
) -> PageType {
    let path = url
        .and_then(|u| u.split_once("://").map(|(_, r)| r))
        .map(|r| r.split_once('/').map_or("", |(_, p)| p))
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = url
        .and_then(|u| u.split_once("://").map(|(_, r)| r))
        .map(|r| r.split('/').next().unwrap_or(""))
        .unwrap_or("")
        .to_ascii_lowercase();

    let mut forum_posts = 0usize;
    let mut price = 0usize;
    let mut cart = false;
    let mut articles = 0usize;
    let mut heading_links = 0usize;
    let mut pre = 0usize;
    let mut generator_forum = false;
    for id in dom.descendants(NodeId::ROOT) {
        let Some(tag) = dom.tag(id) else { continue };
        match tag {
            Tag::Meta => {
                if dom
                    .attr(id, "name")
                    .is_some_and(|n| n.eq_ignore_ascii_case("generator"))
                {
                    let c = dom.attr(id, "content").unwrap_or("").to_ascii_lowercase();
                    if [
                        "phpbb",
                        "vbulletin",
                        "xenforo",
                        "discourse",
                        "invision",
                        "mybb",
                        "smf",
                        "vanilla",
                        "nodebb",
                    ]
                    .iter()
                    .any(|g| c.contains(g))
                    {
                        generator_forum = true;
                    }
                }
                continue;
            }
            Tag::Article => articles += 1,
            Tag::H2 | Tag::H3 | Tag::H4
                if dom.find(id, Tag::A).is_some()
                    || dom.parent(id).is_some_and(|p| dom.tag(p) == Some(Tag::A)) =>
            {
                heading_links += 1;
            }
            Tag::Pre => pre += 1,
            Tag::Button | Tag::Input => {
                let t = if tag == Tag::Input {
                    dom.attr(id, "value").unwrap_or("").to_ascii_lowercase()
                } else {
                    dom.text_content(id).to_ascii_lowercase()
                };
                if t.contains("add to cart")
                    || t.contains("add to basket")
                    || t.contains("add to bag")
                    || t.contains("buy now")
                {
                    cart = true;
                }
            }
            _ => {}
        }
        if !dom.attrs(id).is_empty() {
            let c = class_id(dom, id);
            if c.contains("postbody")
                || c.contains("post-body")
                || c.contains("post_body")
                || c.contains("message-body")
                || c.contains("messagecontent")
                || c.contains("post-message")
                || c.contains("post_message")
                || c.contains("topic-post")
                || c.contains("forum-post")
                || c.contains("bbwrapper")
                || c.contains("answercell")
                || c.contains("postcell")
            {
                forum_posts += 1;
            }
            if dom.attr(id, "itemprop").is_some_and(|p| p == "price")
                || c.contains("product-price")
                || c.contains("price-box")
            {
                price += 1;
            }
        }
    }
    if generator_forum
        || forum_posts >= 2
        || ["forum", "thread", "topic", "/questions/", "community"]
            .iter()
            .any(|k| path.contains(k))
            && forum_posts >= 1
    {
        return PageType::Forum;
    }
    if cart
        || (price >= 1
            && (path.contains("product") || path.contains("/p/") || path.contains("/dp/")))
    {
        return PageType::Product;
    }
    if host.starts_with("docs.")
        || host.starts_with("developer.")
        || host.contains("readthedocs")
        || [
            "docs/",
            "documentation",
            "/api/",
            "reference/",
            "manual/",
            "/guide",
        ]
        .iter()
        .any(|k| format!("/{path}").contains(k))
        || pre >= 3
    {
        return PageType::Documentation;
    }
    let paragraphs = body
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && b.text.len() > 150)
        .count();
    if heading_links >= 8 && paragraphs < 4 {
        return PageType::Listing;
    }
    if has_date || has_author {
        return PageType::Article;
    }
    let items = body
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
        .count();
    if articles >= 5 || (items >= 15 && paragraphs < 3) {
        return PageType::Listing;
    }
    if path.trim_matches('/').is_empty() || paragraphs < 3 {
        return PageType::Service;
    }
    PageType::Article
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn declared_types() {
        assert_eq!(
            from_declared(&v(&["NewsArticle"]), &[], None),
            Some(PageType::Article)
        );
        assert_eq!(
            from_declared(
                &v(&["WebPage"]),
                &v(&["WebPage", "Organization", "Product"]),
                None
            ),
            Some(PageType::Product)
        );
        assert_eq!(
            from_declared(&[], &v(&["QAPage"]), None),
            Some(PageType::Forum)
        );
        assert_eq!(
            from_declared(&[], &v(&["TechArticle"]), None),
            Some(PageType::Documentation)
        );
        assert_eq!(
            from_declared(&[], &[], Some("article")),
            Some(PageType::Article)
        );
        assert_eq!(
            from_declared(&[], &v(&["WebSite", "Organization"]), Some("website")),
            None
        );
    }
}
