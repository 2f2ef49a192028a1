//! Heuristics of the text cleaner as named data: thresholds and the phrases that
//! mark a line of plain text as chrome. The phrase tables shared with the HTML
//! pipeline ([`crate::rules::phrases`]) are reused; the ones here exist only in text,
//! where the markup that told them apart is gone.

/// A line shorter than this (in characters) is "short": too little text to judge on
/// its own, it takes the class of its neighbours (a subheading, a one-line paragraph).
pub const SHORT_MAX_CHARS: usize = 70;

/// A line longer than this with enough stop words is prose whatever its neighbours.
pub const LONG_MIN_CHARS: usize = 130;

/// Stop-word share at or above which a line reads as running text.
pub const STOP_SHARE_HIGH: f32 = 0.27;

/// Stop-word share at or above which a line may be running text (decided by its neighbours).
pub const STOP_SHARE_LOW: f32 = 0.14;

/// A closing-section heading ("Related articles", "Comments") ends the story only after
/// this many characters of it were kept (before that, it is a sidebar's heading).
pub const CLOSING_SECTION_MIN_CHARS: usize = 1500;

/// Below this document-wide stop-word share (in the best list) the language has no list
/// here, and lines are judged by punctuation and length alone.
pub const KNOWN_LANGUAGE_MIN_SHARE: f32 = 0.08;

/// Longest line that can be a chrome phrase, a promo, a dateline or a widget reading.
pub const PHRASE_MAX_CHARS: usize = 100;

/// Longest line checked for cookie, script and copyright notices.
pub const NOTICE_MAX_CHARS: usize = 400;

/// A line this short or shorter seen earlier in the same text is a repeated menu
/// entry, caption or teaser; longer repeats are kept (texts do repeat paragraphs).
pub const REPEAT_MAX_CHARS: usize = 120;

/// A kept line ending in a colon introduces a list: at most this many of the short
/// lines after it are kept as its items.
pub const LIST_MAX_ITEMS: usize = 10;

/// A line of at least this many words whose words mostly start in lower case
/// ([`SENTENCE_CASE_MAX_CAPITALS`]) is in sentence case: inside the story, it is story.
pub const SENTENCE_CASE_MIN_WORDS: usize = 4;

/// Highest share of capitalised words in a line in sentence case.
pub const SENTENCE_CASE_MAX_CAPITALS: f32 = 0.4;

/// Lines of a title before the story: at most this many words.
pub const TITLE_MAX_WORDS: usize = 30;

/// Text marking a copyright or legal footer line.
#[rustfmt::skip]
pub const COPYRIGHT_MARKERS: &[&str] = &[
    "©", "(c) 20", "(c) 19", "copyright", "all rights reserved", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "tutti i diritti riservati",
    "todos os direitos reservados", "alle rechten voorbehouden", "все права защищены",
    "wszelkie prawa zastrzeżone", "版权所有", "無断転載", "terms of use", "terms of service",
    "privacy policy", "terms and conditions",
];

/// Terms of legal, privacy and consent boilerplate (cookie explanations, privacy
/// rights, affiliate disclosures, sign-up consent). One of them is common in a
/// story; a line holding [`LEGAL_MIN_TERMS`] different ones is boilerplate.
#[rustfmt::skip]
pub const LEGAL_TERMS: &[&str] = &[
    "cookie", "consent", "personal information", "personal data", "third part",
    "legitimate interest", "opt out", "opt-out", "arbitration", "privacy", "affiliate",
    "commission", "we may earn", "by clicking", "by submitting", "by signing up",
    "unsubscribe", "newsletter", "promotional", "marketing", "terms of", "your browser",
    "your data", "data protection", "advertising", "partners",
];

/// Words of which legal boilerplate holds at least one (short ASCII words, counted
/// with the stop words at no extra cost): only lines holding one are searched for
/// [`LEGAL_TERMS`], which keeps that search off most of the text.
pub const LEGAL_CUE_WORDS: &str =
    "cookie cookies consent privacy personal partner partners data third earn terms opt browser";

/// Different [`LEGAL_TERMS`] that make a line legal boilerplate.
pub const LEGAL_MIN_TERMS: u32 = 3;

/// A text whose kept lines hold fewer words than this, and under
/// [`NO_STORY_MAX_SHARE`] of its words, has no story: nothing is kept.
pub const NO_STORY_MAX_WORDS: u32 = 30;

/// See [`NO_STORY_MAX_WORDS`].
pub const NO_STORY_MAX_SHARE: f32 = 0.2;

/// Whole lines that invite to share, follow, subscribe or comment (the HTML
/// pipeline reads these as buttons; in text they are words on a line).
#[rustfmt::skip]
pub const PROMPT_LINES: &[&str] = &[
    "share on whatsapp", "share on linkedin", "share on pinterest", "share via email",
    "share this post", "share this page", "share article", "follow us on twitter",
    "follow us on facebook", "follow us on instagram", "like us on facebook", "facebook",
    "twitter", "linkedin", "pinterest", "whatsapp", "instagram", "youtube", "telegram",
    "reddit", "tumblr", "rss", "home", "about", "about us", "contact", "contact us",
    "privacy", "terms", "sitemap", "site map", "careers", "advertise", "faq", "help",
    "facebook twitter", "facebook twitter linkedin", "facebook twitter pinterest",
    "subscribe to our newsletter", "sign up for our newsletter", "join our newsletter",
    "view comments", "post a comment", "no comments", "0 comments", "add a comment",
    "leave a comment", "load comments", "show comments", "comments are closed",
    "you must be logged in to post a comment", "your email address will not be published",
    "required fields are marked", "save my name email and website in this browser for the next time i comment",
    "teilen", "partager", "compartir", "condividi", "compartilhar", "delen", "udostępnij",
    "поделиться", "mehr zum thema", "weiterlesen", "lire la suite", "leer más", "leia mais",
    "continua a leggere", "lees meer", "читать далее", "подробнее", "startseite", "accueil",
    "inicio", "главная",
];

/// Words that start a share, follow or sign-up prompt when the line is short.
#[rustfmt::skip]
pub const PROMPT_PREFIXES: &[&str] = &[
    "share this", "share on ", "follow us", "follow @", "subscribe", "sign up", "log in to",
    "login to", "register to", "click to", "tap to", "click here", "download the", "get our",
    "get the latest", "posted in", "filed under", "tagged", "tags:", "categories:", "category:",
    "source:", "image:", "photo:", "image credit", "photo credit", "credit:", "getty images",
    "you are here", "home »", "home ›", "home >", "home /", "home |",
];

/// Unit marks after a number that make a short line a widget reading
/// (temperature, wind, stock change) rather than text.
#[rustfmt::skip]
pub const READING_UNITS: &[&str] = &[
    "°", "c", "f", "°c", "°f", "℃", "℉", "%", "km/h", "mph", "m/s", "hpa",
];

/// Characters that separate the entries of a navigation crumb or a menu written
/// on one line ("Home › World › Asia", "News | Sport | Weather").
pub const CRUMB_SEPARATORS: &[char] = &[
    '›', '»', '>', '|', '/', '·', '•', '→', '/', '»', '∙', '‹', '«',
];

/// Month and weekday names and time words: a short line made only of these and
/// numbers is a date bar or a dateline.
#[rustfmt::skip]
pub const DATE_WORDS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "am", "pm", "a", "p", "m", "gmt", "utc", "est", "edt", "pst", "pdt", "cet", "cest", "ist",
    "updated", "published", "posted", "on", "at", "last", "modified", "min", "mins", "read",
    "ago", "hours", "hour", "minutes", "days", "day", "th", "st", "nd", "rd", "h",
    "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "uhr", "um",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "le", "à", "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "de", "gennaio", "febbraio",
    "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "janeiro",
    "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "novembro",
    "dezembro",
];
