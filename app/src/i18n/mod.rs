//! The app's own texts in German and English, and the user's language.
//!
//! Every user-visible string of the app lives in [`Texts`]; there is one `const` per
//! language ([`en::EN`], [`de::DE`]), so a text missing in one language is a compile
//! error rather than an English word in a German page. Tree texts do not come from here:
//! they come from the tree, through `Localized::get`.
//!
//! The language is chosen once at start-up (a choice remembered in `localStorage`, else
//! the first German or English entry of `navigator.languages`, else English), can be
//! switched on every page, and is mirrored into `<html lang>` so screen readers pronounce
//! the page correctly.

mod de;
mod en;
mod handoff;
mod handover;
mod status;
mod texts;

pub use handoff::HandoffTexts;
pub use handover::{HandoverTexts, handover, ht};
pub use status::StatusTexts;
pub use texts::{CheckTexts, CommonTexts, FieldTexts, LandingTexts, Texts, WalkTexts};

use crate::browser;
use leptos::prelude::*;

/// Where the chosen language is remembered between visits.
const STORAGE_KEY: &str = "lotse.lang";

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The language tag, as used by `<html lang>` and as the key of tree texts.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::De => "Deutsch",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::De => &de::DE,
            Lang::En => &en::EN,
        }
    }

    /// The language of a tag such as `de-AT` or `en`, if the app speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.code()))
    }

    /// The first of the browser's preferred languages the app speaks, else English.
    pub fn preferred(tags: &[String]) -> Lang {
        tags.iter()
            .find_map(|t| Lang::from_tag(t))
            .unwrap_or(Lang::En)
    }
}

/// The user's language, shared by every component through the context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Picks the start-up language and keeps `<html lang>` in step with it.
    pub fn provide() -> I18n {
        let remembered = browser::local_get(STORAGE_KEY).and_then(|t| Lang::from_tag(&t));
        let lang = remembered.unwrap_or_else(|| Lang::preferred(&browser::languages()));
        let i18n = I18n {
            lang: RwSignal::new(lang),
        };
        Effect::new(move |_| browser::set_document_lang(i18n.lang.get().code()));
        provide_context(i18n);
        i18n
    }

    /// The current language (reactive).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The current language's texts (reactive).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// Switches the language and remembers the choice.
    pub fn choose(&self, lang: Lang) {
        browser::local_set(STORAGE_KEY, lang.code());
        self.lang.set(lang);
    }
}

/// The [`I18n`] provided by the app root.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// One of the app's texts, following the language: `{tr(|t| t.walk.back)}` in a view.
///
/// Written as `move || i18n.t().walk.back`, every text would be a closure type of its
/// own, and the view code that keeps a reactive text up to date would be compiled once
/// per text; through this function all texts share one closure type, which keeps the
/// WebAssembly bundle markedly smaller.
pub fn tr(
    pick: fn(&'static Texts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || pick(i18n.t())
}

/// Fills `{n}`-style placeholders: `fill("at least {n}", &[("n", "3")])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A number as people of `lang` write it: no `.0` on whole numbers, a decimal comma
/// in German, at most two decimals (bounds in tree files are whole numbers or prices).
///
/// Written out by hand: formatting an `f64` with `{}` pulls the float printer of `core`
/// into the bundle.
pub fn number(lang: Lang, n: f64) -> String {
    let cents = (n.abs() * 100.0).round() as u64;
    let sign = if n < 0.0 && cents > 0 { "-" } else { "" };
    let (whole, fraction) = (cents / 100, cents % 100);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let comma = match lang {
        Lang::De => ',',
        Lang::En => '.',
    };
    let digits = if fraction % 10 == 0 {
        (fraction / 10).to_string()
    } else {
        format!("{fraction:02}")
    };
    format!("{sign}{whole}{comma}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_first_language_the_app_speaks() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(Lang::preferred(&tags(&["fr-FR", "de-CH", "en"])), Lang::De);
        assert_eq!(Lang::preferred(&tags(&["en-GB", "de"])), Lang::En);
        assert_eq!(Lang::preferred(&tags(&["fr"])), Lang::En);
        assert_eq!(Lang::preferred(&[]), Lang::En);
    }

    #[test]
    fn fills_placeholders_and_formats_numbers() {
        assert_eq!(
            fill("at least {n} characters", &[("n", "3")]),
            "at least 3 characters"
        );
        assert_eq!(number(Lang::De, 2.5), "2,5");
        assert_eq!(number(Lang::En, 80.0), "80");
        assert_eq!(number(Lang::En, 0.05), "0.05");
        assert_eq!(number(Lang::En, -1.5), "-1.5");
    }
}
