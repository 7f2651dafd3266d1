//! The hall's screen: the conference as a sequence of slides (the title, each agenda item,
//! each award decision and the recipients it calls to the stage in the MC script's groups,
//! the close), which slide every open screen shows, and the recipients absent on the day.
//! The MC's remote moves the slide; every screen and remote follows by server-sent events,
//! through every instance on one PostgreSQL (`NOTIFY`). The ceremony's start and end are
//! audited, not each tap.

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::Utc;
use entity::ceremony_screen::{ActiveModel, Entity, Model};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
};
use tokio::sync::broadcast;

use crate::domain::access::Actor;
use crate::domain::kinds::AgendaKind;
use crate::domain::model::Recipient;
use crate::domain::programme::{CeremonyDecision, Programme};
use crate::domain::summary::award_phrase;
use crate::domain::text::{long_date, normalize, short_date, upper};
use crate::error::AppResult;
use crate::print::admin;
use crate::print::roster::recipient_label;
use crate::print::script::{self, STAGE_GROUP};
use crate::store::{self, audit};

/// What a slide shows, set large on the screen.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slide {
    pub kind: SlideKind,
    /// The small line above: the host body, an item's time, the award and who gives it.
    pub eyebrow: String,
    /// The large line.
    pub title: String,
    /// Under it: a presenter, a decision's subject, the names called to the stage
    /// ("1. Ông Nguyễn Văn A, Công an xã Kim Hải").
    pub lines: Vec<String>,
    /// What the MC says on this slide (the remote shows it).
    pub mc: Vec<String>,
    /// The recipients on the slide (id, name), to mark absent from the remote.
    pub recipients: Vec<(i32, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlideKind {
    Title,
    Item,
    Decision,
    Stage,
    Closing,
}

impl SlideKind {
    pub fn code(self) -> &'static str {
        match self {
            SlideKind::Title => "title",
            SlideKind::Item => "item",
            SlideKind::Decision => "decision",
            SlideKind::Stage => "stage",
            SlideKind::Closing => "closing",
        }
    }
}

/// The slides of a conference, and where each award decision starts (to jump to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub slides: Vec<Slide>,
    /// (label, slide index) of each decision, in ceremony order.
    pub groups: Vec<(String, usize)>,
}

impl Deck {
    /// A fingerprint of what the slides say: a screen whose deck differs reloads it.
    pub fn fingerprint(&self) -> String {
        let mut h = std::hash::DefaultHasher::new();
        self.slides.hash(&mut h);
        format!("{:016x}", h.finish())
    }

    /// `slide` brought within the deck.
    pub fn clamp(&self, slide: i64) -> usize {
        slide.clamp(0, self.slides.len().saturating_sub(1) as i64) as usize
    }
}

/// The deck of `p` without the recipients in `absent`.
pub fn deck(p: &Programme, absent: &BTreeSet<i32>) -> Deck {
    let conf = &p.conference;
    let tz = admin::time_zone(conf).ok();
    let mut slides = vec![Slide {
        kind: SlideKind::Title,
        eyebrow: upper(&normalize(&conf.host_body)),
        title: normalize(&conf.title),
        lines: vec![format!(
            "{}, {}",
            normalize(&conf.place_name),
            long_date(conf.held_on)
        )],
        mc: vec!["Ổn định tổ chức, chuẩn bị khai mạc hội nghị.".into()],
        recipients: Vec::new(),
    }];
    let mut groups = Vec::new();
    let mut items: Vec<_> = p.agenda.iter().collect();
    items.sort_by_key(|i| (i.item.starts_at, i.item.position, i.item.id));
    for i in items {
        let presenter = i
            .presenter
            .as_ref()
            .map(|a| admin::attendee_name(a))
            .or_else(|| i.item.presenter_text.as_deref().map(normalize))
            .unwrap_or_default();
        let title = normalize(&i.item.title);
        slides.push(Slide {
            kind: SlideKind::Item,
            eyebrow: tz
                .map(|tz| admin::clock(i.item.starts_at, tz))
                .unwrap_or_default(),
            title: title.clone(),
            lines: (!presenter.is_empty())
                .then(|| presenter.clone())
                .into_iter()
                .collect(),
            mc: vec![if presenter.is_empty() {
                format!("Tiếp theo chương trình: {title}.")
            } else {
                format!("Tiếp theo chương trình: {title}. Xin trân trọng kính mời {presenter}.")
            }],
            recipients: Vec::new(),
        });
        if i.item.kind == AgendaKind::AwardCeremony.code() {
            for d in &i.decisions {
                groups.push((
                    format!("{} — {}", normalize(&d.decision.number), admin::giver(d)),
                    slides.len(),
                ));
                award_slides(&mut slides, d, absent);
            }
        }
    }
    slides.push(Slide {
        kind: SlideKind::Closing,
        eyebrow: upper(&normalize(&conf.host_body)),
        title: "Xin trân trọng cảm ơn!".into(),
        lines: vec![normalize(&conf.title)],
        mc: vec![
            "Hội nghị đã hoàn thành chương trình. Xin trân trọng cảm ơn các vị đại biểu.".into(),
        ],
        recipients: Vec::new(),
    });
    Deck { slides, groups }
}

/// A decision's slides: the decision read out, then the recipients present called to the
/// stage in groups of [`STAGE_GROUP`], numbered as the MC calls them.
fn award_slides(slides: &mut Vec<Slide>, d: &CeremonyDecision, absent: &BTreeSet<i32>) {
    let award = award_phrase(&d.decision.form, d.decision.title_name.as_deref());
    let giver = admin::giver(d);
    let present: Vec<&Recipient> = d
        .recipients
        .iter()
        .filter(|r| !absent.contains(&r.id))
        .collect();
    let number = normalize(&d.decision.number);
    slides.push(Slide {
        kind: SlideKind::Decision,
        eyebrow: upper(&award),
        title: format!(
            "Quyết định số {number} ngày {} của {giver}",
            short_date(d.decision.decided_on)
        ),
        lines: vec![format!("tặng {award} cho {}", admin::whom(d))],
        mc: vec![script::announcement("đại diện Ban Tổ chức", d, &award)],
        recipients: Vec::new(),
    });
    let parts = present.len().div_ceil(STAGE_GROUP);
    for (g, group) in present.chunks(STAGE_GROUP).enumerate() {
        let part = script::part_of(g, parts);
        let lines: Vec<String> = group
            .iter()
            .enumerate()
            .map(|(i, r)| script::called(g * STAGE_GROUP + i + 1, r))
            .collect();
        let mut mc = vec![script::to_the_stage(&award, &giver, &part)];
        mc.extend(lines.iter().cloned());
        mc.push(format!(
            "Kính mời đại diện lãnh đạo {giver} lên trao {award}. Xin chúc mừng các tập thể, cá nhân!"
        ));
        slides.push(Slide {
            kind: SlideKind::Stage,
            eyebrow: format!("{} — {giver}", upper(&award)),
            title: format!("Xin mời lên nhận {award}{part}"),
            lines,
            mc,
            recipients: group.iter().map(|r| (r.id, recipient_label(r))).collect(),
        });
    }
}

/// Where the screens of a conference are: the slide, the absent recipients and the row's
/// version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub slide: i64,
    pub absent: BTreeSet<i32>,
    pub started: bool,
    pub ended: bool,
}

fn state_of(m: Option<&Model>) -> State {
    m.map(|m| State {
        slide: i64::from(m.slide),
        absent: serde_json::from_str(&m.absent).unwrap_or_default(),
        started: m.started_at.is_some(),
        ended: m.ended_at.is_some(),
    })
    .unwrap_or_default()
}

/// The screens' state and the deck it shows (its slide within the deck).
pub async fn current(db: &DatabaseConnection, conference_id: i32) -> AppResult<(State, Deck)> {
    let row = Entity::find_by_id(conference_id).one(db).await?;
    let mut state = state_of(row.as_ref());
    let programme = store::programme::programme(db, conference_id).await?;
    let deck = deck(&programme, &state.absent);
    state.slide = deck.clamp(state.slide) as i64;
    Ok((state, deck))
}

/// A move of the remote or the projector's keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    To(i64),
    By(i64),
}

/// Move every screen of the conference; the first move past the title starts the
/// ceremony, reaching the last slide ends it (both audited).
pub async fn go(
    db: &DatabaseConnection,
    screens: &Screens,
    actor: &Actor,
    conference_id: i32,
    to: Move,
) -> AppResult<State> {
    let (mut state, deck) = current(db, conference_id).await?;
    let target = match to {
        Move::To(n) => n,
        Move::By(d) => state.slide.saturating_add(d),
    };
    state.slide = deck.clamp(target) as i64;
    let last = deck.slides.len().saturating_sub(1) as i64;
    let (start, end) = (
        !state.started && state.slide > 0,
        !state.ended && state.slide == last && last > 0,
    );
    save(db, conference_id, &state, start, end).await?;
    for (now, action) in [(start, "ceremony-start"), (end, "ceremony-end")] {
        if now {
            let detail = serde_json::json!({ "slide": state.slide });
            audit::record(
                db,
                actor,
                audit::Event::detail(conference_id, action, "screen", detail),
            )
            .await?;
        }
    }
    state.started |= start;
    state.ended |= end;
    screens.announce(db, conference_id).await;
    Ok(state)
}

/// Mark a recipient absent (or present again): it leaves the screen and the MC's lines.
pub async fn mark_absent(
    db: &DatabaseConnection,
    screens: &Screens,
    conference_id: i32,
    recipient_id: i32,
    absent: bool,
) -> AppResult<State> {
    let row = Entity::find_by_id(conference_id).one(db).await?;
    let mut state = state_of(row.as_ref());
    if absent {
        state.absent.insert(recipient_id);
    } else {
        state.absent.remove(&recipient_id);
    }
    save(db, conference_id, &state, false, false).await?;
    screens.announce(db, conference_id).await;
    Ok(state)
}

async fn save(
    db: &DatabaseConnection,
    conference_id: i32,
    state: &State,
    start: bool,
    end: bool,
) -> AppResult<()> {
    let row = Entity::find_by_id(conference_id).one(db).await?;
    let slide = i32::try_from(state.slide).unwrap_or(0);
    let absent = serde_json::to_string(&state.absent).unwrap_or_else(|_| "[]".into());
    let now = Utc::now();
    match row {
        Some(m) => {
            let version = m.version + 1;
            let mut a: ActiveModel = m.into();
            a.slide = Set(slide);
            a.absent = Set(absent);
            a.version = Set(version);
            if start {
                a.started_at = Set(Some(now));
            }
            if end {
                a.ended_at = Set(Some(now));
            }
            a.update(db).await?;
        }
        None => {
            ActiveModel {
                conference_id: Set(conference_id),
                slide: Set(slide),
                absent: Set(absent),
                started_at: Set(start.then_some(now)),
                ended_at: Set(end.then_some(now)),
                version: Set(1),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The conferences whose screens changed, announced to every open screen and remote of
/// this instance, and on PostgreSQL to the other instances' too.
pub struct Screens {
    changed: broadcast::Sender<i32>,
}

impl Default for Screens {
    fn default() -> Self {
        Screens {
            changed: broadcast::channel(256).0,
        }
    }
}

/// The PostgreSQL channel on which instances announce a screen's change.
const CHANNEL: &str = "hoinghi_screens";

impl Screens {
    /// Every change from now on: the conference's id.
    pub fn subscribe(&self) -> broadcast::Receiver<i32> {
        self.changed.subscribe()
    }

    async fn announce(&self, db: &DatabaseConnection, conference_id: i32) {
        if db.get_database_backend() == DbBackend::Postgres {
            // Every instance hears it, this one too (see `listen`).
            let notice = format!("NOTIFY {CHANNEL}, '{conference_id}'");
            if db.execute_unprepared(&notice).await.is_ok() {
                return;
            }
            tracing::warn!("cannot announce a screen's change to other instances");
        }
        let _ = self.changed.send(conference_id);
    }

    /// On PostgreSQL, pass on the changes every instance announces (the views' listener,
    /// on the screens' channel). Nothing to do on SQLite.
    pub fn listen(self: &Arc<Self>, db: &DatabaseConnection) {
        let screens = Arc::downgrade(self);
        crate::api::cache::listen_to(db, CHANNEL, move |notice| {
            if let (Some(id), Some(screens)) = (notice, screens.upgrade()) {
                let _ = screens.changed.send(id);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;

    #[test]
    fn the_demo_deck_calls_each_group_and_leaves_out_the_absent() {
        let p = samples::programme();
        let full = deck(&p, &BTreeSet::new());
        assert_eq!(full.slides.first().unwrap().kind, SlideKind::Title);
        assert_eq!(full.slides.last().unwrap().kind, SlideKind::Closing);
        let decisions = full
            .slides
            .iter()
            .filter(|s| s.kind == SlideKind::Decision)
            .count();
        assert_eq!(decisions, full.groups.len());
        assert_eq!(decisions, 5, "the demo's five decisions");
        let (label, at) = &full.groups[0];
        assert!(label.starts_with("1520/QĐ-BCA"), "{label}");
        let first = &full.slides[*at];
        assert!(
            first.title.contains("Bộ trưởng Bộ Công an"),
            "{}",
            first.title
        );
        // The province's Bằng khen calls three to the stage; the first absent: gone from
        // the screen and the MC's lines, the next called first.
        let group = |d: &Deck| {
            d.groups
                .iter()
                .find(|(label, _)| label.starts_with("457/QĐ-UBND"))
                .map(|(_, at)| at + 1)
                .unwrap()
        };
        let stage = &full.slides[group(&full)];
        assert_eq!(stage.kind, SlideKind::Stage);
        assert_eq!(stage.recipients.len(), 3);
        assert!(stage.lines[0].starts_with("1. "), "{:?}", stage.lines);
        let (gone, name) = stage.recipients[0].clone();
        let without = deck(&p, &BTreeSet::from([gone]));
        let stage = &without.slides[group(&without)];
        assert_eq!(stage.recipients.len(), 2);
        assert!(stage.recipients.iter().all(|(id, _)| *id != gone));
        assert!(
            stage
                .mc
                .iter()
                .all(|l| !l.starts_with(&format!("1. {name}"))),
            "{:?}",
            stage.mc
        );
        assert!(stage.lines[0].starts_with("1. "));
        assert!(stage.lines[1].starts_with("2. "));
        assert_ne!(full.fingerprint(), without.fingerprint());
        assert_eq!(full.clamp(-3), 0);
        assert_eq!(full.clamp(i64::MAX), full.slides.len() - 1);
    }
}
