//! The two languages of the pages: every string is a key of the Fluent catalogs in
//! `locales/<lang>/*.ftl` (compiled in), chosen by the user's cookie or Accept-Language;
//! dates, times and numbers written as each language writes them.

use std::sync::OnceLock;

use axum::http::{HeaderMap, header};
use chrono::{NaiveDate, NaiveTime, Timelike};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

/// The cookie that remembers the language a user chose.
pub const LANG_COOKIE: &str = "hoinghi_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, as the switcher shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Vi => langid!("vi"),
            Lang::En => langid!("en"),
        }
    }

    /// The language of the command line: Vietnamese where the environment's locale
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`) says so, else English.
    pub fn of_environment() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The remembered choice, else the best of Accept-Language, else Vietnamese.
    pub fn of_request(headers: &HeaderMap) -> Lang {
        let chosen = crate::http::cookie(headers, LANG_COOKIE).and_then(|c| Lang::from_code(&c));
        if let Some(lang) = chosen {
            return lang;
        }
        Lang::accepted(headers).unwrap_or(Lang::Vi)
    }

    /// The best of the languages Accept-Language asks for, if it asks for one of ours.
    pub fn accepted(headers: &HeaderMap) -> Option<Lang> {
        let accepted = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(fluent_langneg::accepted_languages::parse)
            .unwrap_or_default();
        let available = [Lang::Vi.id(), Lang::En.id()];
        fluent_langneg::negotiate_languages(
            &accepted,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        )
        .first()
        .and_then(|id| Lang::from_code(id.language.as_str()))
    }
}

/// The catalog files, the same names in every language (a test checks they hold the same
/// keys).
macro_rules! catalogs {
    ($($name:literal),*) => {
        pub const CATALOG_NAMES: &[&str] = &[$($name),*];
        fn sources(lang: Lang) -> Vec<&'static str> {
            match lang {
                Lang::Vi => vec![$(include_str!(concat!("../locales/vi/", $name, ".ftl"))),*],
                Lang::En => vec![$(include_str!(concat!("../locales/en/", $name, ".ftl"))),*],
            }
        }
    };
}
catalogs!(
    "common",
    "conference",
    "records",
    "work",
    "people",
    "design",
    "verify"
);

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static VI: OnceLock<Bundle> = OnceLock::new();
    static EN: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    cell.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.id()]);
        // No bidi isolation marks around arguments: the pages are left-to-right HTML.
        bundle.set_use_isolating(false);
        for source in sources(lang) {
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, e)| {
                tracing::error!(lang = lang.code(), "a catalog has errors: {e:?}");
                r
            });
            if let Err(e) = bundle.add_resource(resource) {
                tracing::error!(lang = lang.code(), "a catalog repeats keys: {e:?}");
            }
        }
        bundle
    })
}

/// Every message key of a language's catalogs (for the tests that compare languages).
pub fn keys(lang: Lang) -> Vec<String> {
    sources(lang)
        .into_iter()
        .flat_map(|s| {
            let r = FluentResource::try_new(s.to_string()).unwrap_or_else(|(r, _)| r);
            r.entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The translator a page renders with: `tr.t("key")` in templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Tr { lang }
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = bundle(self.lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(lang = self.lang.code(), key, "no such message");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(lang = self.lang.code(), key, "message errors: {errors:?}");
        }
        text.into_owned()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_string(), value.into());
        self.format(key, Some(&args))
    }

    /// The message `key` with two arguments.
    pub fn t2(
        &self,
        key: &str,
        a: (&str, FluentValue<'static>),
        b: (&str, FluentValue<'static>),
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(a.0.to_string(), a.1);
        args.set(b.0.to_string(), b.1);
        self.format(key, Some(&args))
    }

    /// The message `key` with named text arguments.
    pub fn tn(&self, key: &str, named: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in named {
            args.set(name.to_string(), FluentValue::from(value.clone()));
        }
        self.format(key, Some(&args))
    }

    /// Whether the catalogs have `key` (flash notices name keys in the query string).
    pub fn has(&self, key: &str) -> bool {
        bundle(self.lang).has_message(key)
    }

    /// The message `key`, if the catalogs have it (a label of a code they may not know).
    pub fn known(&self, key: &str) -> Option<String> {
        self.has(key).then(|| self.t(key))
    }

    /// "14/3/2019", "08/01/2026" or "14 Mar 2019".
    pub fn date(&self, d: &NaiveDate) -> String {
        match self.lang {
            // As the papers write it (Decree 30's leading zeros): one formatter for both.
            Lang::Vi => crate::domain::text::short_date(*d),
            Lang::En => d.format("%-d %b %Y").to_string(),
        }
    }

    /// "07h30" or "07:30".
    pub fn time(&self, t: &NaiveTime) -> String {
        match self.lang {
            Lang::Vi => format!("{:02}h{:02}", t.hour(), t.minute()),
            Lang::En => format!("{:02}:{:02}", t.hour(), t.minute()),
        }
    }

    /// "1.250" or "1,250".
    /// A measure with up to two decimals as the language writes it: "1,5" and "-2" in
    /// Vietnamese, "1.5" in English.
    pub fn decimal(&self, v: f64) -> String {
        let text = format!("{v:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let point = match self.lang {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        let whole = self.number(whole);
        if fraction.is_empty() {
            whole
        } else {
            format!("{whole}{point}{fraction}")
        }
    }

    pub fn number(&self, n: impl ToString) -> String {
        let n = n.to_string();
        let (minus, digits) = match n.strip_prefix('-') {
            Some(d) => ("-", d.to_string()),
            None => ("", n.clone()),
        };
        let sep = match self.lang {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        format!("{minus}{}", crate::domain::text::thousands(&digits, sep))
    }

    /// A field's problem in this language: a typed one from its catalog entry
    /// `problem-<code>` with its arguments, else its message as the server wrote it.
    pub fn field_problem(&self, e: &crate::domain::validate::FieldError) -> String {
        e.code
            .as_ref()
            .and_then(|code| self.coded(code, &e.args))
            .unwrap_or_else(|| e.message.clone())
    }

    /// A typed problem in this language (`problem-<code>` with its arguments), where the
    /// catalogs have it; a field or element named by its code reads as the designer names it.
    pub fn coded(
        &self,
        code: &str,
        args: &std::collections::BTreeMap<String, String>,
    ) -> Option<String> {
        let key = format!("problem-{code}");
        if !self.has(&key) {
            return None;
        }
        let args: Vec<(&str, String)> = args
            .iter()
            .map(|(k, v)| {
                let label = format!("design-field-{}", v.replace('_', "-"));
                let shown = if matches!(k.as_str(), "element" | "field") && self.has(&label) {
                    self.t(&label)
                } else {
                    v.clone()
                };
                (k.as_str(), shown)
            })
            .collect();
        Some(self.tn(&key, &args))
    }

    /// An error of the server in this language: its typed problems worded, else what kind
    /// of problem it is (`api-problem-<kind>`); English readers get the server's words.
    pub fn error(&self, e: &crate::error::AppError) -> String {
        use crate::error::AppError;
        // A typed problem that is no field's is worded from the catalog in English too:
        // "This conference was not found …", not "conference 2 does not exist".
        if self.lang == Lang::En {
            return match e {
                AppError::Validation(_) | AppError::Duplicate(_) => e.to_string(),
                _ => e
                    .said()
                    .and_then(|(code, args)| self.coded(&code, &args))
                    .unwrap_or_else(|| e.to_string()),
            };
        }
        let worded: Vec<String> = match e {
            AppError::Validation(errors) => errors
                .iter()
                .filter_map(|f| self.known_problem(f))
                .collect(),
            AppError::Duplicate(f) => self.known_problem(f).into_iter().collect(),
            _ => Vec::new(),
        };
        if !worded.is_empty() {
            return worded.join("; ");
        }
        if let Some(words) = e.said().and_then(|(code, args)| self.coded(&code, &args)) {
            return words;
        }
        let kind = e.problem().kind;
        let key = format!(
            "api-problem-{}",
            kind.strip_prefix("urn:hoinghi:problem:").unwrap_or("")
        );
        self.known(&key)
            .unwrap_or_else(|| self.t("api-problem-unprocessable"))
    }

    /// A field's problem in this language when the catalogs word it (a typed problem, or one
    /// of the known untyped ones); None when only the server's English would be left.
    pub fn known_problem(&self, e: &crate::domain::validate::FieldError) -> Option<String> {
        let words = self.field_problem(e);
        let typed = e
            .code
            .as_ref()
            .is_some_and(|code| self.has(&format!("problem-{code}")));
        (self.lang == Lang::En || typed || words != e.message).then_some(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_is_in_both_languages() {
        let vi: BTreeSet<String> = keys(Lang::Vi).into_iter().collect();
        let en: BTreeSet<String> = keys(Lang::En).into_iter().collect();
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "keys only in Vietnamese: {only_vi:?}");
        assert!(only_en.is_empty(), "keys only in English: {only_en:?}");
        assert!(vi.len() > 50, "{}", vi.len());
    }

    /// The variables each message names: a typed problem's arguments must be worded in both
    /// languages alike.
    fn variables(lang: Lang) -> std::collections::BTreeMap<String, BTreeSet<String>> {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn inline(e: &InlineExpression<&str>, names: &mut BTreeSet<String>) {
            match e {
                InlineExpression::VariableReference { id } => {
                    names.insert(id.name.to_string());
                }
                InlineExpression::Placeable { expression } => expr(expression, names),
                _ => {}
            }
        }
        fn expr(e: &Expression<&str>, names: &mut BTreeSet<String>) {
            match e {
                Expression::Inline(i) => inline(i, names),
                Expression::Select { selector, variants } => {
                    inline(selector, names);
                    for v in variants {
                        pattern(&v.value, names);
                    }
                }
            }
        }
        fn pattern(p: &Pattern<&str>, names: &mut BTreeSet<String>) {
            for element in &p.elements {
                if let PatternElement::Placeable { expression } = element {
                    expr(expression, names);
                }
            }
        }
        let mut out = std::collections::BTreeMap::new();
        for source in sources(lang) {
            let r = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
            for entry in r.entries() {
                let Entry::Message(m) = entry else { continue };
                let mut names = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern(p, &mut names);
                }
                out.insert(m.id.name.to_string(), names);
            }
        }
        out
    }

    #[test]
    fn every_message_names_the_same_arguments_in_both_languages() {
        let (vi, en) = (variables(Lang::Vi), variables(Lang::En));
        let differ: Vec<_> = vi
            .iter()
            .filter(|(key, names)| en.get(*key).is_some_and(|e| e != *names))
            .map(|(key, names)| format!("{key}: vi {names:?}, en {:?}", en[key]))
            .collect();
        assert!(differ.is_empty(), "{differ:#?}");
        // The typed problems and obstacles are all there.
        for code in [
            "problem-empty",
            "problem-length",
            "problem-out-of-range",
            "problem-not-one-of",
            "ready-does-not-fit",
            "ready-no-public-address",
        ] {
            assert!(vi.contains_key(code), "{code}");
        }
    }

    #[test]
    fn catalogs_parse_without_errors_and_keys_are_not_repeated() {
        for lang in Lang::ALL {
            let mut seen = BTreeSet::new();
            for (name, source) in CATALOG_NAMES.iter().zip(sources(lang)) {
                if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                    panic!("locales/{}/{name}.ftl: {errors:?}", lang.code());
                }
            }
            for key in keys(lang) {
                assert!(seen.insert(key.clone()), "{}: {key} twice", lang.code());
            }
        }
    }

    /// Every `tr.t("…")` key a template uses exists (a typo would show the key to users).
    #[test]
    fn every_key_the_templates_use_exists() {
        let vi: BTreeSet<String> = keys(Lang::Vi).into_iter().collect();
        let mut missing = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/web");
        for entry in std::fs::read_dir(root).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, _) in text.match_indices("tr.t") {
                let rest = &text[i..];
                let Some(open) = rest.find("(\"") else {
                    continue;
                };
                if open > 5 {
                    continue;
                }
                let key: String = rest[open + 2..].chars().take_while(|c| *c != '"').collect();
                if !vi.contains(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not in the catalogs: {missing:?}"
        );
    }

    #[test]
    fn dates_times_and_numbers_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2019, 3, 14).unwrap();
        let t = NaiveTime::from_hms_opt(7, 30, 0).unwrap();
        let vi = Tr::new(Lang::Vi);
        let en = Tr::new(Lang::En);
        assert_eq!(vi.date(&d), "14/3/2019");
        let january = NaiveDate::from_ymd_opt(2026, 1, 8).unwrap();
        assert_eq!(
            vi.date(&january),
            "08/01/2026",
            "as the certificate prints it"
        );
        assert_eq!(en.date(&d), "14 Mar 2019");
        assert_eq!(vi.time(&t), "07h30");
        assert_eq!(en.time(&t), "07:30");
        assert_eq!(vi.number(1_250_000), "1.250.000");
        assert_eq!(en.number(1_250), "1,250");
        assert_eq!(en.number(-999), "-999");
        assert_eq!(vi.decimal(1.5), "1,5");
        assert_eq!(vi.decimal(-2.0), "-2");
        assert_eq!(vi.decimal(1250.25), "1.250,25");
        assert_eq!(en.decimal(-0.75), "-0.75");
    }

    #[test]
    fn the_language_follows_the_cookie_then_accept_language() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::of_request(&h), Lang::Vi);
        h.insert(
            header::ACCEPT_LANGUAGE,
            "en-GB,en;q=0.9,vi;q=0.5".parse().unwrap(),
        );
        assert_eq!(Lang::of_request(&h), Lang::En);
        h.insert(header::COOKIE, "hoinghi_lang=vi".parse().unwrap());
        assert_eq!(Lang::of_request(&h), Lang::Vi);
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, "fr-FR".parse().unwrap());
        assert_eq!(Lang::of_request(&h), Lang::Vi);
    }

    #[test]
    fn domain_problems_are_translated() {
        use crate::domain::validate::FieldError;
        let vi = Tr::new(Lang::Vi);
        assert_eq!(
            vi.field_problem(&FieldError::empty("x")),
            "không được để trống"
        );
        assert_eq!(
            vi.field_problem(&FieldError::date("x")),
            "phải là ngày (năm-tháng-ngày)"
        );
        let en = Tr::new(Lang::En);
        assert_eq!(
            en.field_problem(&FieldError::number("x")),
            "must be a number"
        );
        // An untyped problem is shown as the server wrote it.
        assert_eq!(vi.field_problem(&FieldError::new("x", "odd")), "odd");
    }
}
