//! Printers of a conference: each one's offset for pre-printed blanks, measured once on the
//! calibration page and chosen when printing.

use entity::printer::{self, ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select,
};

use super::award::NoFilter;
use super::resource::{Resource, scoped};
use crate::domain::input::PrinterInput;
use crate::domain::validate::FieldError;
use crate::error::{AppError, AppResult};

pub struct Printers;

impl Resource for Printers {
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Input = PrinterInput;
    type Filter = NoFilter;
    const NOUN: &'static str = "printer";

    scoped!(printer, ConferenceId);

    fn select(select: Select<Entity>, _: &NoFilter) -> Select<Entity> {
        select.order_by_asc(Column::Name).order_by_asc(Column::Id)
    }

    fn to_input(m: &Model) -> PrinterInput {
        PrinterInput {
            name: m.name.clone(),
            offset_x_mm: m.offset_x_mm,
            offset_y_mm: m.offset_y_mm,
        }
    }

    fn validate(i: &mut PrinterInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        existing: Option<&Model>,
        i: &mut PrinterInput,
    ) -> AppResult<()> {
        let mut same_name = Entity::find()
            .filter(Column::ConferenceId.eq(conference_id))
            .filter(Column::Name.eq(i.name.as_str()));
        if let Some(e) = existing {
            same_name = same_name.filter(Column::Id.ne(e.id));
        }
        if let Some(other) = same_name.one(db).await? {
            return Err(AppError::Duplicate(crate::error::FieldError::coded(
                "name",
                "printer-taken",
                &[("name", other.name.clone())],
                format!(
                    "printer '{}' already exists in this conference (id {})",
                    other.name, other.id
                ),
            )));
        }
        Ok(())
    }

    fn to_active(conference_id: i32, i: PrinterInput, _: Option<&Model>) -> ActiveModel {
        ActiveModel {
            conference_id: Set(conference_id),
            name: Set(i.name),
            offset_x_mm: Set(i.offset_x_mm),
            offset_y_mm: Set(i.offset_y_mm),
            ..Default::default()
        }
    }
}

/// The conference's printer `id`; the error names the query parameter `printer`.
pub async fn offset<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    id: i32,
) -> AppResult<printer::Model> {
    Entity::find_by_id(id)
        .filter(Column::ConferenceId.eq(conference_id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::field(
                "printer",
                format!("there is no printer {id} in this conference"),
            )
        })
}
