//! The MC script (kịch bản dẫn chương trình), generated from the programme, the delegates
//! and the award decisions: what the master of ceremonies says at each agenda item, as
//! plain text and as PDF.

use super::PrintError;
use super::admin::{self, BODY};
use super::attendees::{ListOrder, ordered};
use super::fit::Align;
use super::flow::{Block, Flow, PageFrame};
use super::fonts::FaceStyle;
use super::programme::item_title;
use super::roster::recipient_label;
use crate::domain::kinds::{AgendaKind, Attendance, AttendeeCategory, Honorific};
use crate::domain::model::Attendee;
use crate::domain::programme::{CeremonyDecision, Programme, ProgrammeItem};
use crate::domain::summary::award_phrase;
use crate::domain::text::{fold, long_date, normalize};

/// At most this many recipients are invited to the stage at once: the stage holds a row of
/// ten, and each needs a presenter's handshake and a photograph.
pub const STAGE_GROUP: usize = 10;

/// A line of the script and how it is set.
#[derive(Debug, Clone, PartialEq)]
pub enum ScriptLine {
    /// The agenda item: its time and title.
    Item(String),
    /// What the MC says.
    Words(String),
    /// A name read out from a list.
    Name(String),
    /// A stage direction, not read out.
    Direction(String),
}

/// A person as the MC names them mid-sentence: "đồng chí Nguyễn Văn Sơn, Thiếu tướng, Phó
/// Cục trưởng, Bộ Công an".
fn invited(a: &Attendee) -> String {
    let name = normalize(&a.full_name);
    let who = match a.honorific.as_deref().and_then(Honorific::from_code) {
        Some(h) => format!("{} {name}", h.label().to_lowercase()),
        None => name,
    };
    match admin::attendee_role(a) {
        role if role.is_empty() => who,
        role => format!("{who}, {}", occupation_small(&role)),
    }
}

/// The occupations that are no office's title, written small within a sentence (Decree 30,
/// Appendix II capitalises the titles of offices only): "phóng viên", "cán bộ".
const OCCUPATIONS: [&str; 7] = [
    "phóng viên",
    "cán bộ",
    "chuyên viên",
    "nhân viên",
    "công an viên",
    "biên tập viên",
    "kỹ thuật viên",
];

fn occupation_small(role: &str) -> String {
    let lower = role.to_lowercase();
    match OCCUPATIONS.iter().find(|o| lower.starts_with(*o)) {
        Some(o) => format!("{o}{}", &role[o.len().min(role.len())..]),
        None => role.to_string(),
    }
}

/// The delegate a name typed as free text names ("Đinh Văn Toàn" or "Đinh Văn Toàn, Chủ
/// tịch …"): the one whose full name it is, or begins with, diacritics and case forgotten.
fn named<'a>(attendees: &'a [Attendee], text: &str) -> Option<&'a Attendee> {
    let typed = fold(text.split(',').next().unwrap_or(text));
    (!typed.is_empty())
        .then(|| attendees.iter().find(|a| fold(&a.full_name) == typed))
        .flatten()
}

/// Who presents an issuer's awards on stage: the highest-ranking delegate present of the
/// issuer's own body, else the highest-ranking delegate present (who presents on its behalf);
/// None when nobody is there to name.
fn presenter_of<'a>(attendees: &'a [Attendee], issuer: &str) -> Option<(&'a Attendee, bool)> {
    let present: Vec<&Attendee> = ordered(attendees, ListOrder::Rank)
        .into_iter()
        .filter(|a| {
            matches!(
                AttendeeCategory::from_code(&a.category),
                Some(
                    AttendeeCategory::Leader | AttendeeCategory::Guest | AttendeeCategory::Delegate
                )
            ) && a.attendance != Attendance::Declined.code()
        })
        .collect();
    let body = fold(issuer);
    present
        .iter()
        .find(|a| {
            let unit = fold(a.organisation.as_deref().unwrap_or(""));
            !unit.is_empty() && (unit == body || unit.ends_with(&format!(" {body}")))
        })
        .map(|a| (*a, true))
        .or_else(|| present.first().map(|a| (*a, false)))
}

/// The script, line by line.
pub fn script_lines(p: &Programme, attendees: &[Attendee]) -> Vec<ScriptLine> {
    use ScriptLine::*;
    let conf = &p.conference;
    let tz = admin::time_zone(conf).ok();
    let by_id = |id: Option<i32>| id.and_then(|id| attendees.iter().find(|a| a.id == id));
    let mut items: Vec<&ProgrammeItem> = p.agenda.iter().collect();
    items.sort_by_key(|i| (i.item.starts_at, i.item.position, i.item.id));
    let has_opening = items
        .iter()
        .any(|i| i.item.kind == AgendaKind::Opening.code());
    // The MC: who opens the conference (tuyên bố lý do).
    let mc = items
        .iter()
        .find(|i| i.item.kind == AgendaKind::Opening.code())
        .and_then(|i| {
            i.presenter
                .as_ref()
                .or_else(|| by_id(i.item.presenter_attendee_id))
                .map(invited)
                .or_else(|| i.item.presenter_text.as_deref().map(normalize))
        });

    let mut out = vec![Words(format!(
        "Kính thưa các vị đại biểu, thưa toàn thể hội nghị! Hôm nay, {}, tại {}, {} long trọng tổ chức {}.",
        long_date(conf.held_on),
        normalize(&conf.venue),
        normalize(&conf.host_body),
        normalize(&conf.title)
    ))];
    if !has_opening {
        introduce(&mut out, attendees);
    }
    for (n, pi) in items.iter().enumerate() {
        let item = &pi.item;
        let time = tz
            .map(|tz| format!("{} ", admin::clock(item.starts_at, tz)))
            .unwrap_or_default();
        out.push(Item(format!("{}. {time}{}", n + 1, item_title(item))));
        // The people who speak at this item: its speeches' speakers, else its presenter.
        let mut speakers: Vec<(String, String)> = pi
            .speeches
            .iter()
            .filter_map(|s| {
                let typed = s.speaker_name.as_deref().unwrap_or("");
                let who = match by_id(s.speaker_attendee_id).or_else(|| named(attendees, typed)) {
                    Some(a) => invited(a),
                    None => {
                        let name = normalize(s.speaker_name.as_deref()?);
                        match s.speaker_position.as_deref().map(normalize) {
                            Some(pos) if !pos.is_empty() => format!("{name}, {pos}"),
                            _ => name,
                        }
                    }
                };
                Some((who, normalize(&s.title)))
            })
            .collect();
        let presenter = pi
            .presenter
            .as_ref()
            .or_else(|| by_id(item.presenter_attendee_id))
            .or_else(|| named(attendees, item.presenter_text.as_deref().unwrap_or("")))
            .map(invited)
            .or_else(|| item.presenter_text.as_deref().map(normalize));
        if speakers.is_empty()
            && let Some(p) = &presenter
        {
            speakers.push((p.clone(), item_title(item)));
        }
        match AgendaKind::from_code(&item.kind) {
            Some(AgendaKind::Welcome | AgendaKind::Performance) => {
                out.push(Direction(format!("Ban Tổ chức: {}.", item_title(item))))
            }
            Some(AgendaKind::FlagSalute) => out.push(Words(
                "Xin trân trọng kính mời các vị đại biểu và toàn thể hội nghị đứng dậy làm lễ \
                 chào cờ. Nghiêm! Chào cờ, chào! (Quốc ca) Xin mời các vị đại biểu ngồi."
                    .into(),
            )),
            Some(AgendaKind::Opening) => {
                out.push(Words(
                    "Thay mặt Ban Tổ chức, xin trân trọng tuyên bố lý do và giới thiệu các vị \
                     đại biểu tham dự hội nghị."
                        .into(),
                ));
                introduce(&mut out, attendees);
            }
            Some(AgendaKind::AwardCeremony) => {
                out.push(Words(
                    "Tiếp theo chương trình, hội nghị công bố các quyết định khen thưởng và trao \
                     thưởng cho các tập thể, cá nhân có thành tích xuất sắc."
                        .into(),
                ));
                for d in &pi.decisions {
                    announce(&mut out, d, presenter.as_deref(), attendees);
                }
            }
            Some(AgendaKind::DirectiveSpeech) => {
                for (who, _) in &speakers {
                    out.push(Words(format!(
                        "Xin trân trọng kính mời {who} phát biểu chỉ đạo hội nghị."
                    )));
                }
            }
            Some(AgendaKind::Reply) => {
                for (who, _) in &speakers {
                    out.push(Words(format!(
                        "Xin trân trọng kính mời {who} phát biểu tiếp thu ý kiến chỉ đạo."
                    )));
                }
            }
            Some(AgendaKind::Closing) => {
                for (who, _) in &speakers {
                    // The MC closes in his own words rather than inviting himself.
                    if Some(who) == mc.as_ref() {
                        out.push(Words(
                            "Thay mặt Ban Tổ chức, xin trân trọng tuyên bố bế mạc hội nghị.".into(),
                        ));
                    } else {
                        out.push(Words(format!(
                            "Xin trân trọng kính mời {who} phát biểu bế mạc hội nghị."
                        )));
                    }
                }
                out.push(Words(format!(
                    "{} đến đây là kết thúc. Xin trân trọng cảm ơn các vị đại biểu!",
                    normalize(&conf.title)
                )));
            }
            _ if !speakers.is_empty() => {
                for (who, title) in &speakers {
                    out.push(Words(format!(
                        "Xin trân trọng kính mời {who} trình bày: {title}."
                    )));
                }
            }
            _ => out.push(Words(format!(
                "Tiếp theo chương trình: {}.",
                item_title(item)
            ))),
        }
    }
    out
}

/// The introduction of delegates in order of rank (staff are not introduced).
fn introduce(out: &mut Vec<ScriptLine>, attendees: &[Attendee]) {
    out.push(ScriptLine::Words(
        "Đến dự hội nghị hôm nay, xin trân trọng giới thiệu:".into(),
    ));
    let introduced: Vec<&Attendee> = ordered(attendees, ListOrder::Rank)
        .into_iter()
        .filter(|a| a.category != AttendeeCategory::Staff.code())
        .collect();
    // Each entry ends with ";", the last with ".", as a list in running text does.
    for (i, a) in introduced.iter().enumerate() {
        let end = if i + 1 == introduced.len() { '.' } else { ';' };
        out.push(ScriptLine::Name(format!("- {}{end}", invited(a))));
    }
    out.push(ScriptLine::Words(
        "Xin trân trọng cảm ơn sự có mặt của các vị đại biểu.".into(),
    ));
}

/// The words for one decision: its announcement, then the recipients invited to the stage
/// in groups of at most [`STAGE_GROUP`].
///
/// The sentences are shared with the hall's screen (`service::screen`), which shows the MC
/// the same lines.
fn announce(
    out: &mut Vec<ScriptLine>,
    d: &CeremonyDecision,
    announcer: Option<&str>,
    attendees: &[Attendee],
) {
    use ScriptLine::*;
    let award = award_phrase(&d.decision.form, d.decision.title_name.as_deref());
    // The head gives: "Bằng khen của Bộ trưởng Bộ Công an", as the certificate says.
    let issuer = admin::giver(d);
    let by = announcer.map_or("đại diện Ban Tổ chức".to_string(), str::to_string);
    out.push(Words(announcement(&by, d, &award)));
    let groups = d.recipients.len().div_ceil(STAGE_GROUP);
    for (g, group) in d.recipients.chunks(STAGE_GROUP).enumerate() {
        out.push(Words(to_the_stage(&award, &issuer, &part_of(g, groups))));
        for (i, r) in group.iter().enumerate() {
            let end = if i + 1 == group.len() { '.' } else { ';' };
            out.push(Name(format!("{}{end}", called(g * STAGE_GROUP + i + 1, r))));
        }
        let presents = match presenter_of(attendees, &d.issuer.name) {
            Some((a, true)) => format!("Kính mời {} lên trao {award}.", invited(a)),
            Some((a, false)) => format!(
                "Kính mời {} thay mặt {issuer} lên trao {award}.",
                invited(a)
            ),
            None => format!("Kính mời đại diện lãnh đạo {issuer} lên trao {award}."),
        };
        out.push(Words(format!(
            "{presents} Xin chúc mừng các tập thể, cá nhân!"
        )));
    }
}

/// The script as plain text: items as headings, names indented, directions in brackets.
pub fn script_text(p: &Programme, attendees: &[Attendee]) -> String {
    let mut text = format!(
        "KỊCH BẢN DẪN CHƯƠNG TRÌNH\n{}\n",
        normalize(&p.conference.title)
    );
    for line in script_lines(p, attendees) {
        match line {
            ScriptLine::Item(t) => text.push_str(&format!("\n{t}\n")),
            ScriptLine::Words(t) => text.push_str(&format!("{t}\n")),
            ScriptLine::Name(t) => text.push_str(&format!("    {t}\n")),
            ScriptLine::Direction(t) => text.push_str(&format!("({t})\n")),
        }
    }
    text
}

/// The script as an A4 PDF, pages numbered.
pub fn render_script(p: &Programme, attendees: &[Attendee]) -> Result<Vec<u8>, PrintError> {
    let conf = &p.conference;
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    admin::title(
        &mut flow,
        "KỊCH BẢN DẪN CHƯƠNG TRÌNH",
        &normalize(&conf.title),
        &conf.title,
    )?;
    let item = Block::new(FaceStyle::Bold, BODY + 1.0, Align::Left);
    let words = Block::new(FaceStyle::Regular, BODY + 1.0, Align::Left);
    let name = words.indented(10.0);
    let direction = Block::new(FaceStyle::Italic, BODY + 1.0, Align::Left);
    for line in script_lines(p, attendees) {
        let (text, block) = match &line {
            ScriptLine::Item(t) => {
                flow.advance(3.0);
                // A heading keeps at least two lines of its words under it.
                flow.ensure(4.0 * item.line_height());
                (t.clone(), &item)
            }
            ScriptLine::Words(t) => (t.clone(), &words),
            ScriptLine::Name(t) => (t.clone(), &name),
            ScriptLine::Direction(t) => (format!("({t})"), &direction),
        };
        flow.paragraph(&text, block, "kịch bản", &conf.title)?;
    }
    flow.render(&format!("Kịch bản dẫn chương trình - {}", conf.title), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    /// The demo programme, with four more recipients of decision 825/QĐ-UBND: twelve, so
    /// that they are called up in two groups.
    fn programme() -> Programme {
        let mut p = samples::programme();
        let decision = p
            .agenda
            .iter_mut()
            .flat_map(|i| i.decisions.iter_mut())
            .find(|d| d.decision.number == "825/QĐ-UBND")
            .expect("the demo's district decision");
        assert_eq!(decision.recipients.len(), 8);
        for (k, name) in ["Trần Văn Bốn", "Lê Thị Năm", "Phạm Văn Sáu", "Vũ Thị Bảy"]
            .into_iter()
            .enumerate()
        {
            let mut r = decision.recipients[7].clone();
            r.id = 1000 + k as i32;
            r.name = name.into();
            r.presentation_order += 1 + k as i32;
            decision.recipients.push(r);
        }
        p
    }

    /// What must be said, in order: delegates by rank, each speaker, each decision in
    /// ceremony order with every recipient, in groups of at most ten.
    fn expected(p: &Programme) -> Vec<String> {
        let people = samples::attendees();
        let mut v = vec!["KỊCH BẢN DẪN CHƯƠNG TRÌNH".to_string()];
        v.extend(ordered(&people, ListOrder::Rank).iter().map(|a| invited(a)));
        v.push("kính mời đồng chí Phạm Văn Dũng, Trưởng Công an huyện".into());
        v.push("trình bày: Báo cáo tổng kết phong trào Toàn dân bảo vệ ANTQ năm 2018".into());
        // Typed as free text, and a delegate: addressed as one.
        v.push("kính mời ông Đinh Văn Toàn, Chủ tịch UBND thị trấn Phát Diệm".into());
        v.push("kính mời ông Nguyễn Đức Ánh, Trưởng thôn".into());
        for d in p.agenda.iter().flat_map(|i| &i.decisions) {
            v.push(format!("Quyết định số {}", d.decision.number));
            for r in &d.recipients {
                v.push(recipient_label(r));
            }
            // Presented by a delegate present, named: of the issuer's body, or on its behalf.
            v.push(" lên trao ".into());
        }
        v.push("kính mời đồng chí Nguyễn Văn Hùng, Phó Giám đốc Công an tỉnh Ninh Bình phát biểu chỉ đạo".into());
        // The MC (who opened) closes in his own words.
        v.push("Thay mặt Ban Tổ chức, xin trân trọng tuyên bố bế mạc hội nghị.".into());
        v
    }

    #[test]
    fn awards_are_presented_by_a_named_delegate_and_occupations_written_small() {
        let text = script_text(&programme(), &samples::attendees());
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Kính mời đồng chí Nguyễn Văn Hùng, Phó Giám đốc Công an tỉnh Ninh Bình thay mặt Bộ trưởng Bộ Công an lên trao Bằng khen."),
            "{flat}"
        );
        assert!(
            flat.contains("Kính mời đồng chí Nguyễn Văn Hùng, Phó Giám đốc Công an tỉnh Ninh Bình lên trao Giấy khen."),
            "{flat}"
        );
        assert!(!flat.contains("đại diện lãnh đạo"), "{flat}");
        assert!(!flat.contains(", Phóng viên"), "{flat}");
        assert!(
            !flat.contains("kính mời Chánh Văn phòng HĐND và UBND huyện phát biểu bế mạc"),
            "{flat}"
        );
    }

    #[test]
    fn the_text_says_everything_in_order() {
        let p = programme();
        let text = script_text(&p, &samples::attendees());
        assert_in_order(&text, &expected(&p));
        assert_eq!(
            p.agenda.iter().map(|i| i.decisions.len()).sum::<usize>(),
            samples::ceremony().len()
        );
        // Twelve recipients of one decision: two groups, ten then two.
        assert_in_order(
            &text,
            &[
                "Quyết định số 825/QĐ-UBND",
                "(đợt 1/2)",
                "10. ",
                "(đợt 2/2)",
                "11. ",
                "12. ",
            ],
        );
        assert!(!text.contains("(đợt 3/"));
    }

    /// The introduced delegates are a list in running text: ";" after each, "." after the last.
    #[test]
    fn the_list_of_delegates_ends_with_a_full_stop() {
        // Each run of names (the delegates, each group called to the stage) is one list.
        let mut lists: Vec<Vec<String>> = vec![Vec::new()];
        for line in script_lines(&programme(), &samples::attendees()) {
            match line {
                ScriptLine::Name(n) => lists.last_mut().unwrap().push(n),
                _ if !lists.last().unwrap().is_empty() => lists.push(Vec::new()),
                _ => {}
            }
        }
        let lists: Vec<_> = lists.into_iter().filter(|l| !l.is_empty()).collect();
        assert!(lists.len() > 1, "{lists:?}");
        for names in lists {
            let (last, rest) = names.split_last().unwrap();
            assert!(last.ends_with('.'), "{last}");
            assert!(rest.iter().all(|n| n.ends_with(';')), "{rest:?}");
        }
    }

    #[test]
    fn the_pdf_reads_back_like_the_text() {
        let p = programme();
        let pdf = render_script(&p, &samples::attendees()).unwrap();
        samples::write_sample("script.pdf", &pdf);
        crate::test_support::assert_xref_consistent(&pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "MC script") else {
            return;
        };
        assert_in_order(&text, &expected(&p));
    }
}

/// The MC's sentence that has `by` read a decision out: "Xin trân trọng kính mời … công bố
/// Quyết định số … ngày … của … về việc tặng … cho …".
pub fn announcement(by: &str, d: &CeremonyDecision, award: &str) -> String {
    format!(
        "Xin trân trọng kính mời {by} công bố Quyết định số {} ngày {} của {} về việc tặng {award} cho {}.",
        normalize(&d.decision.number),
        crate::domain::text::short_date(d.decision.decided_on),
        admin::giver(d),
        admin::whom(d),
    )
}

/// The MC's sentence that calls a group to the stage.
pub fn to_the_stage(award: &str, giver: &str, part: &str) -> String {
    format!(
        "Xin trân trọng kính mời các tập thể, cá nhân có tên sau lên nhận {award} của {giver}{part}:"
    )
}

/// " (đợt 2/3)" for group `g` (from 0) of `groups`, when there is more than one.
pub fn part_of(g: usize, groups: usize) -> String {
    if groups > 1 {
        format!(" (đợt {}/{groups})", g + 1)
    } else {
        String::new()
    }
}

/// A recipient as the MC calls them, numbered: "3. Ông Đặng Văn Ngọc, Trưởng Công an xã,
/// Công an xã Kim Chính".
pub fn called(number: usize, r: &crate::domain::model::Recipient) -> String {
    let unit = r
        .unit
        .as_deref()
        .map(normalize)
        .filter(|u| !u.is_empty())
        .map(|u| format!(", {u}"))
        .unwrap_or_default();
    format!("{number}. {}{unit}", recipient_label(r))
}
