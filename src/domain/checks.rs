//! What a clerk would want pointed out before the day, though it is not wrong enough to
//! refuse: a decision dated after the conference it is read at, an agenda item of no
//! minutes, one that runs into the next, one placed after the closing. Warnings, shown on
//! the dashboard's checklist and beside the field; the record is saved all the same.

use chrono::{NaiveDate, TimeDelta};

use super::kinds::AgendaKind;
use super::model::AgendaItem;

/// A decision read at a conference should be dated on or before its day.
pub fn decided_after(decided_on: NaiveDate, held_on: NaiveDate) -> bool {
    decided_on > held_on
}

/// Something to look at in the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaWarning {
    /// It lasts no minutes.
    NoMinutes { item: i32 },
    /// It has not ended when the next one starts.
    Overlaps { item: i32, next: i32, minutes: i64 },
    /// It comes after the closing.
    AfterClosing { item: i32, closing: i32 },
}

impl AgendaWarning {
    pub fn item(&self) -> i32 {
        match self {
            AgendaWarning::NoMinutes { item }
            | AgendaWarning::Overlaps { item, .. }
            | AgendaWarning::AfterClosing { item, .. } => *item,
        }
    }
}

/// The warnings of an agenda, items taken in their order (position).
pub fn agenda_warnings(items: &[AgendaItem]) -> Vec<AgendaWarning> {
    let mut ordered: Vec<&AgendaItem> = items.iter().collect();
    ordered.sort_by_key(|i| (i.position, i.id));
    let mut out = Vec::new();
    let mut closing: Option<i32> = None;
    for (at, item) in ordered.iter().enumerate() {
        if let Some(closing) = closing {
            out.push(AgendaWarning::AfterClosing {
                item: item.id,
                closing,
            });
        }
        if item.kind == AgendaKind::Closing.code() {
            closing.get_or_insert(item.id);
        }
        if item.duration_minutes <= 0 {
            out.push(AgendaWarning::NoMinutes { item: item.id });
        }
        if let Some(next) = ordered.get(at + 1) {
            let ends = item.starts_at + TimeDelta::minutes(i64::from(item.duration_minutes));
            if ends > next.starts_at {
                out.push(AgendaWarning::Overlaps {
                    item: item.id,
                    next: next.id,
                    minutes: (ends - next.starts_at).num_minutes(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn item(id: i32, start: &str, minutes: i32, kind: &str) -> AgendaItem {
        AgendaItem {
            id,
            conference_id: 1,
            position: id,
            starts_at: format!("2019-03-14T{start}:00+07:00")
                .parse::<DateTime<Utc>>()
                .unwrap(),
            duration_minutes: minutes,
            kind: kind.into(),
            title: format!("item {id}"),
            presenter_attendee_id: None,
            presenter_text: None,
            notes: None,
            guid: uuid::Uuid::nil(),
            version: 1,
        }
    }

    #[test]
    fn an_agenda_is_read_for_what_a_clerk_would_look_at() {
        let agenda = [
            item(1, "07:30", 30, "opening"),
            item(2, "08:00", 40, "report"),
            item(3, "08:30", 0, "contribution"),
            item(4, "08:30", 10, "closing"),
            item(5, "08:40", 10, "performance"),
        ];
        assert_eq!(
            agenda_warnings(&agenda),
            [
                AgendaWarning::Overlaps {
                    item: 2,
                    next: 3,
                    minutes: 10
                },
                AgendaWarning::NoMinutes { item: 3 },
                AgendaWarning::AfterClosing {
                    item: 5,
                    closing: 4
                },
            ]
        );
        assert!(
            agenda_warnings(
                &agenda[..2]
                    .iter()
                    .cloned()
                    .map(|mut i| {
                        i.duration_minutes = 30;
                        i
                    })
                    .collect::<Vec<_>>()
            )
            .is_empty()
        );
    }

    #[test]
    fn a_decision_after_the_day() {
        let day = NaiveDate::from_ymd_opt(2019, 3, 14).unwrap();
        assert!(decided_after(day.succ_opt().unwrap(), day));
        assert!(!decided_after(day, day));
    }
}
