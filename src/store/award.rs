//! Awards (khen thưởng): issuers, their decisions, and the recipients named in each.

use std::collections::{BTreeSet, HashMap};

use entity::{award_decision as decision, issuer, recipient};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::resource::{Resource, ensure_reference, scoped};
use crate::domain::input::{DecisionInput, IssuerInput, RecipientInput};
use crate::domain::kinds::RecipientKind;
use crate::domain::text::fold;
use crate::domain::validate::FieldError;
use crate::error::{AppError, AppResult};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoFilter {}

pub struct Issuers;

impl Resource for Issuers {
    type Entity = issuer::Entity;
    type Model = issuer::Model;
    type Active = issuer::ActiveModel;
    type Input = IssuerInput;
    type Filter = NoFilter;
    const NOUN: &'static str = "issuer";

    scoped!(issuer, ConferenceId);

    fn select(select: Select<issuer::Entity>, _: &NoFilter) -> Select<issuer::Entity> {
        select
            .order_by_asc(issuer::Column::Rank)
            .order_by_asc(issuer::Column::Id)
    }

    fn to_input(m: &issuer::Model) -> IssuerInput {
        IssuerInput {
            name: m.name.clone(),
            level: m.level.clone(),
            rank: Some(m.rank),
            place_name: m.place_name.clone(),
            certificate_heading: m.certificate_heading.clone(),
            signer_title: m.signer_title.clone(),
            grounds: m.grounds.clone(),
        }
    }

    fn validate(i: &mut IssuerInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        existing: Option<&issuer::Model>,
        i: &mut IssuerInput,
    ) -> AppResult<()> {
        let mut same_name = issuer::Entity::find()
            .filter(issuer::Column::ConferenceId.eq(conference_id))
            .filter(issuer::Column::Name.eq(i.name.as_str()));
        if let Some(e) = existing {
            same_name = same_name.filter(issuer::Column::Id.ne(e.id));
        }
        if let Some(other) = same_name.one(db).await? {
            return Err(AppError::Duplicate(FieldError::coded(
                "name",
                "issuer-taken",
                &[("name", other.name.clone())],
                format!(
                    "issuer '{}' already exists in this conference (id {})",
                    other.name, other.id
                ),
            )));
        }
        Ok(())
    }

    fn to_active(
        conference_id: i32,
        i: IssuerInput,
        _: Option<&issuer::Model>,
    ) -> issuer::ActiveModel {
        issuer::ActiveModel {
            conference_id: Set(conference_id),
            name: Set(i.name),
            level: Set(i.level),
            rank: Set(i.rank.unwrap_or(100)),
            place_name: Set(i.place_name),
            certificate_heading: Set(i.certificate_heading),
            signer_title: Set(i.signer_title),
            grounds: Set(i.grounds),
            ..Default::default()
        }
    }

    async fn check_delete<C: ConnectionTrait>(db: &C, m: &issuer::Model) -> AppResult<()> {
        let numbers: Vec<String> = decision::Entity::find()
            .select_only()
            .column(decision::Column::Number)
            .filter(decision::Column::IssuerId.eq(m.id))
            .order_by_asc(decision::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        if numbers.is_empty() {
            return Ok(());
        }
        Err(AppError::conflict(
            "issuer-in-use",
            &[
                ("name", m.name.clone()),
                ("count", numbers.len().to_string()),
                ("numbers", numbers.join(", ")),
            ],
            format!(
                "issuer '{}' is used by {} award decision{} ({}); delete them or give them another issuer first",
                m.name,
                numbers.len(),
                if numbers.len() == 1 { "" } else { "s" },
                numbers.join(", ")
            ),
        ))
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionFilter {
    pub issuer_id: Option<i32>,
}

pub struct Decisions;

impl Resource for Decisions {
    type Entity = decision::Entity;
    type Model = decision::Model;
    type Active = decision::ActiveModel;
    type Input = DecisionInput;
    type Filter = DecisionFilter;
    const NOUN: &'static str = "award decision";

    scoped!(decision, ConferenceId);

    async fn after_delete<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<()> {
        super::verification::revoke(db, super::verification::Revoked::Decision(id)).await
    }

    fn select(select: Select<decision::Entity>, f: &DecisionFilter) -> Select<decision::Entity> {
        let select = match f.issuer_id {
            Some(i) => select.filter(decision::Column::IssuerId.eq(i)),
            None => select,
        };
        select.order_by_asc(decision::Column::Id)
    }

    fn to_input(m: &decision::Model) -> DecisionInput {
        DecisionInput {
            issuer_id: m.issuer_id,
            number: m.number.clone(),
            decided_on: m.decided_on,
            form: m.form.clone(),
            title_name: m.title_name.clone(),
            reason: m.reason.clone(),
            signer_title: m.signer_title.clone(),
            signer_name: m.signer_name.clone(),
            signer_rank: m.signer_rank.clone(),
            cash_individual: m.cash_individual,
            cash_collective: m.cash_collective,
        }
    }

    fn validate(i: &mut DecisionInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        existing: Option<&decision::Model>,
        i: &mut DecisionInput,
    ) -> AppResult<()> {
        ensure_reference::<Issuers, C>(db, conference_id, Some(i.issuer_id), "issuer_id").await?;
        let mut same = decision::Entity::find()
            .filter(decision::Column::IssuerId.eq(i.issuer_id))
            .filter(decision::Column::Number.eq(i.number.as_str()));
        if let Some(e) = existing {
            same = same.filter(decision::Column::Id.ne(e.id));
        }
        if let Some(other) = same.one(db).await? {
            return Err(AppError::Duplicate(FieldError::coded(
                "number",
                "decision-taken",
                &[("number", other.number.clone())],
                format!(
                    "this issuer already has decision {} (id {})",
                    other.number, other.id
                ),
            )));
        }
        Ok(())
    }

    fn to_active(
        conference_id: i32,
        i: DecisionInput,
        _: Option<&decision::Model>,
    ) -> decision::ActiveModel {
        decision::ActiveModel {
            conference_id: Set(conference_id),
            issuer_id: Set(i.issuer_id),
            number: Set(i.number),
            decided_on: Set(i.decided_on),
            form: Set(i.form),
            title_name: Set(i.title_name),
            reason: Set(i.reason),
            signer_title: Set(i.signer_title),
            signer_name: Set(i.signer_name),
            signer_rank: Set(i.signer_rank),
            cash_individual: Set(i.cash_individual),
            cash_collective: Set(i.cash_collective),
            ..Default::default()
        }
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RecipientFilter {
    pub decision_id: Option<i32>,
    pub kind: Option<RecipientKind>,
    /// Words of the name, with or without diacritics and in any case: "phong giao duc"
    /// finds "Phòng Giáo dục và Đào tạo".
    pub q: Option<String>,
}

pub struct Recipients;

impl Resource for Recipients {
    type Entity = recipient::Entity;
    type Model = recipient::Model;
    type Active = recipient::ActiveModel;
    type Input = RecipientInput;
    type Filter = RecipientFilter;
    const NOUN: &'static str = "recipient";

    scoped!(recipient, ConferenceId);

    async fn after_delete<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<()> {
        super::verification::revoke(db, super::verification::Revoked::Recipient(id)).await
    }

    fn select(
        mut select: Select<recipient::Entity>,
        f: &RecipientFilter,
    ) -> Select<recipient::Entity> {
        if let Some(d) = f.decision_id {
            select = select.filter(recipient::Column::DecisionId.eq(d));
        }
        if let Some(k) = &f.kind {
            select = select.filter(recipient::Column::Kind.eq(k.code()));
        }
        if let Some(q) = f.q.as_deref().map(fold).filter(|q| !q.is_empty()) {
            select = select.filter(recipient::Column::SearchKey.contains(q));
        }
        select
            .order_by_asc(recipient::Column::DecisionId)
            .order_by_asc(recipient::Column::PresentationOrder)
            .order_by_asc(recipient::Column::Id)
    }

    fn to_input(m: &recipient::Model) -> RecipientInput {
        RecipientInput {
            decision_id: m.decision_id,
            kind: m.kind.clone(),
            honorific: m.honorific.clone(),
            name: m.name.clone(),
            position: m.position.clone(),
            unit: m.unit.clone(),
            reason: m.reason.clone(),
            register_number: m.register_number.clone(),
            presentation_order: Some(m.presentation_order),
        }
    }

    fn validate(i: &mut RecipientInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        _: Option<&recipient::Model>,
        i: &mut RecipientInput,
    ) -> AppResult<()> {
        ensure_reference::<Decisions, C>(db, conference_id, Some(i.decision_id), "decision_id")
            .await?;
        if i.presentation_order.is_none() {
            let max: Option<Option<i32>> = recipient::Entity::find()
                .select_only()
                .column_as(recipient::Column::PresentationOrder.max(), "max")
                .filter(recipient::Column::DecisionId.eq(i.decision_id))
                .into_tuple()
                .one(db)
                .await?;
            i.presentation_order = Some(max.flatten().unwrap_or(0) + 1);
        }
        Ok(())
    }

    /// One query for the decisions the rows name, one for their last positions.
    async fn resolve_new<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        inputs: &mut [RecipientInput],
    ) -> Result<(), (usize, AppError)> {
        // A database failure belongs to no row (`within` leaves such errors as they are).
        let failed = |e: sea_orm::DbErr| (0, AppError::from(e));
        let ids: Vec<i32> = inputs
            .iter()
            .map(|i| i.decision_id)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut next: HashMap<i32, i32> = HashMap::new();
        for chunk in ids.chunks(500) {
            let found: Vec<i32> = decision::Entity::find()
                .select_only()
                .column(decision::Column::Id)
                .filter(decision::Column::ConferenceId.eq(conference_id))
                .filter(decision::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(db)
                .await
                .map_err(failed)?;
            next.extend(found.into_iter().map(|id| (id, 0)));
            let last: Vec<(i32, Option<i32>)> = recipient::Entity::find()
                .select_only()
                .column(recipient::Column::DecisionId)
                .column_as(recipient::Column::PresentationOrder.max(), "max")
                .filter(recipient::Column::DecisionId.is_in(chunk.iter().copied()))
                .group_by(recipient::Column::DecisionId)
                .into_tuple()
                .all(db)
                .await
                .map_err(failed)?;
            next.extend(last.into_iter().map(|(id, max)| (id, max.unwrap_or(0))));
        }
        for (index, input) in inputs.iter_mut().enumerate() {
            let Some(last) = next.get_mut(&input.decision_id) else {
                return Err((
                    index,
                    AppError::field(
                        "decision_id",
                        format!(
                            "there is no {} {} in this conference",
                            Decisions::NOUN,
                            input.decision_id
                        ),
                    ),
                ));
            };
            match input.presentation_order {
                Some(o) => *last = (*last).max(o),
                None => {
                    *last += 1;
                    input.presentation_order = Some(*last);
                }
            }
        }
        Ok(())
    }

    fn to_active(
        conference_id: i32,
        i: RecipientInput,
        _: Option<&recipient::Model>,
    ) -> recipient::ActiveModel {
        recipient::ActiveModel {
            conference_id: Set(conference_id),
            decision_id: Set(i.decision_id),
            kind: Set(i.kind),
            honorific: Set(i.honorific),
            search_key: Set(fold(&i.name)),
            name: Set(i.name),
            position: Set(i.position),
            unit: Set(i.unit),
            reason: Set(i.reason),
            register_number: Set(i.register_number),
            presentation_order: Set(i.presentation_order.unwrap_or(1)),
            ..Default::default()
        }
    }
}

/// Which recipients a page lists: of one decision or all, matching a search (the name
/// without diacritics, or the unit as typed), of one kind, or missing a reason or a unit.
#[derive(Debug, Default, Clone)]
pub struct RecipientQuery {
    pub decision: Option<i32>,
    pub q: Option<String>,
    pub kind: Option<RecipientKind>,
    pub missing: Option<Missing>,
}

/// What a recipient lacks, for the list of those to complete before printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Reason,
    Unit,
}

impl Missing {
    pub fn from_code(code: &str) -> Option<Missing> {
        match code {
            "reason" => Some(Missing::Reason),
            "unit" => Some(Missing::Unit),
            _ => None,
        }
    }
}

/// Where a page of recipients starts: after this (decision, presentation order, id), the
/// order every list of recipients is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecipientKey(pub i32, pub i32, pub i32);

impl RecipientKey {
    pub fn of(r: &recipient::Model) -> RecipientKey {
        RecipientKey(r.decision_id, r.presentation_order, r.id)
    }

    /// Read from a page's address ("12.3.456"); anything else is no key (the first page).
    pub fn parse(s: &str) -> Option<RecipientKey> {
        let mut parts = s.splitn(3, '.').map(|p| p.parse::<i32>().ok());
        Some(RecipientKey(parts.next()??, parts.next()??, parts.next()??))
    }
}

impl std::fmt::Display for RecipientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// Recipients whose name holds `q` without diacritics ("tran van" finds "Trần Văn …"), or
/// whose unit holds it as typed.
pub fn search_condition(q: &str) -> sea_orm::Condition {
    let q = q.trim();
    sea_orm::Condition::any()
        .add(recipient::Column::SearchKey.contains(fold(q)))
        .add(recipient::Column::Unit.contains(q))
}

fn recipients_matching(conference_id: i32, query: &RecipientQuery) -> Select<recipient::Entity> {
    use sea_orm::Condition;
    let mut select =
        recipient::Entity::find().filter(recipient::Column::ConferenceId.eq(conference_id));
    if let Some(d) = query.decision {
        select = select.filter(recipient::Column::DecisionId.eq(d));
    }
    if let Some(k) = query.kind {
        select = select.filter(recipient::Column::Kind.eq(k.code()));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select.filter(search_condition(q));
    }
    let empty = |c: recipient::Column| Condition::any().add(c.is_null()).add(c.eq(""));
    match query.missing {
        Some(Missing::Reason) => select = select.filter(empty(recipient::Column::Reason)),
        Some(Missing::Unit) => select = select.filter(empty(recipient::Column::Unit)),
        None => {}
    }
    select
}

/// One page of the recipients `query` selects, in ceremony list order, from after `after`;
/// at most `limit`. One query, by key (no OFFSET): the ten-thousandth row costs what the
/// first does.
pub async fn recipient_page<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    query: &RecipientQuery,
    after: Option<RecipientKey>,
    limit: u64,
) -> AppResult<Vec<recipient::Model>> {
    use recipient::Column::{DecisionId, Id, PresentationOrder};
    let mut cursor =
        recipients_matching(conference_id, query).cursor_by((DecisionId, PresentationOrder, Id));
    if let Some(RecipientKey(d, o, i)) = after {
        cursor.after((d, o, i));
    }
    Ok(cursor.first(limit).all(db).await?)
}

/// How many recipients `query` selects.
pub async fn recipient_count<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    query: &RecipientQuery,
) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(recipients_matching(conference_id, query).count(db).await?)
}

/// How many collectives and individuals a decision names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub collectives: u32,
    pub individuals: u32,
}

impl KindCounts {
    pub fn total(&self) -> i64 {
        i64::from(self.collectives) + i64::from(self.individuals)
    }
}

/// The number of recipients of each kind of each decision of a conference, in one query.
pub async fn recipient_counts<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<HashMap<i32, KindCounts>> {
    let rows: Vec<(i32, String, i64)> = recipient::Entity::find()
        .select_only()
        .column(recipient::Column::DecisionId)
        .column(recipient::Column::Kind)
        .column_as(recipient::Column::Id.count(), "n")
        .filter(recipient::Column::ConferenceId.eq(conference_id))
        .group_by(recipient::Column::DecisionId)
        .group_by(recipient::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<i32, KindCounts> = HashMap::new();
    for (decision, kind, n) in rows {
        let entry = counts.entry(decision).or_default();
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        if kind == RecipientKind::Collective.code() {
            entry.collectives += n;
        } else {
            entry.individuals += n;
        }
    }
    Ok(counts)
}

/// The recipients whose certificate would lack a reason (neither theirs nor their
/// decision's: `without_reason` are the decisions with none) or, for an individual, a unit,
/// in list order, at most `limit`; and how many there are in all. Two queries.
pub async fn incomplete_recipients<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    without_reason: Vec<i32>,
    limit: u64,
) -> AppResult<(Vec<recipient::Model>, u64)> {
    use sea_orm::{Condition, PaginatorTrait};
    let select = recipient::Entity::find()
        .filter(recipient::Column::ConferenceId.eq(conference_id))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(recipient::Column::Reason.is_null())
                        .add(recipient::Column::DecisionId.is_in(without_reason)),
                )
                .add(
                    Condition::all()
                        .add(recipient::Column::Kind.eq(RecipientKind::Individual.code()))
                        .add(recipient::Column::Unit.is_null()),
                ),
        );
    let total = select.clone().count(db).await?;
    let rows = select
        .order_by_asc(recipient::Column::DecisionId)
        .order_by_asc(recipient::Column::PresentationOrder)
        .order_by_asc(recipient::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The recipients of `decisions` with the longest names (where layouts break), longest
/// first, at most `limit`: one query.
pub async fn longest_names<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    decisions: Vec<i32>,
    limit: u64,
) -> AppResult<Vec<recipient::Model>> {
    use sea_orm::sea_query::Expr;
    Ok(recipient::Entity::find()
        .filter(recipient::Column::ConferenceId.eq(conference_id))
        .filter(recipient::Column::DecisionId.is_in(decisions))
        .order_by_desc(Expr::cust("length(name)"))
        .order_by_asc(recipient::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
