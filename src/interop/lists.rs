//! Attendee and award lists read from a spreadsheet: each row becomes a record's input
//! (`domain::input`), checked by that input's own rules, with every problem named by row and column, and
//! likely duplicates (same name and unit) flagged.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::encoding::Encoding;
use super::sheet::{FieldSpec, Format, Grid, Mapping, Row, SheetError, map_columns, read};
use crate::domain::input::{AttendeeInput, AwardRow, DecisionRef, ImportSummary, RecipientInput};
use crate::domain::kinds::{AttendeeCategory, AwardForm, Honorific, RecipientKind};
use crate::domain::text::{parse_date, same_text_key};
use crate::domain::titles::emulation_title;
use crate::domain::validate::{FieldError, Vocabulary};

const fn field(name: &'static str, headers: &'static [&'static str], required: bool) -> FieldSpec {
    FieldSpec {
        name,
        headers,
        required,
    }
}

const NAME_HEADERS: &[&str] = &[
    "Họ và tên",
    "Họ tên",
    "Full name",
    "Name",
    "Tên",
    "Họ và tên đại biểu",
    "Tên đại biểu",
    "Tên cá nhân, tập thể",
    "Tên tập thể, cá nhân",
    "Tên cá nhân/tập thể",
    "Tên tập thể/cá nhân",
    "Tên đơn vị/cá nhân",
    "Tên đơn vị, cá nhân",
    "Tên tập thể",
    "Recipient",
];
const HONORIFIC: FieldSpec = field(
    "honorific",
    &["Danh xưng", "Xưng hô", "Ông/Bà", "Honorific"],
    false,
);
const POSITION: FieldSpec = field(
    "position",
    &["Chức vụ", "Chức danh", "Position", "Job title"],
    false,
);
const UNIT_HEADERS: &[&str] = &[
    "Đơn vị",
    "Unit",
    "Organisation",
    "Organization",
    "Cơ quan",
    "Cơ quan, đơn vị",
    "Đơn vị công tác",
    "Nơi công tác",
];

/// The columns of an attendee list.
pub const ATTENDEE_FIELDS: &[FieldSpec] = &[
    field("full_name", NAME_HEADERS, true),
    HONORIFIC,
    POSITION,
    field("organisation", UNIT_HEADERS, false),
    field(
        "category",
        &["Thành phần", "Loại đại biểu", "Category"],
        false,
    ),
    field("rank", &["Thứ tự giới thiệu", "Thứ tự", "Rank"], false),
    field(
        "contact",
        &[
            "Liên hệ",
            "Điện thoại",
            "Số điện thoại",
            "Email",
            "Contact",
            "Phone",
        ],
        false,
    ),
    field("seat", &["Ghế", "Chỗ ngồi", "Số ghế", "Seat"], false),
];

/// The columns of an award list: one recipient a row, with the decision that names it.
pub const AWARD_FIELDS: &[FieldSpec] = &[
    field("name", NAME_HEADERS, true),
    field(
        "kind",
        &["Cá nhân/Tập thể", "Cá nhân, tập thể", "Đối tượng", "Kind"],
        false,
    ),
    HONORIFIC,
    POSITION,
    field("unit", UNIT_HEADERS, false),
    field(
        "reason",
        &["Lý do", "Thành tích", "Lý do khen thưởng", "Reason"],
        false,
    ),
    field(
        "register_number",
        &["Số sổ vàng", "Số bằng", "Số sổ", "Register number"],
        false,
    ),
    field(
        "decision_number",
        &[
            "Số quyết định",
            "Số QĐ",
            "Quyết định số",
            "Decision number",
            "Decision",
        ],
        true,
    ),
    field(
        "decided_on",
        &[
            "Ngày quyết định",
            "Ngày QĐ",
            "Ngày ký",
            "Decision date",
            "Date",
        ],
        false,
    ),
    field(
        "issuer",
        &[
            "Cơ quan khen thưởng",
            "Cấp khen thưởng",
            "Cơ quan ban hành",
            "Cơ quan quyết định",
            "Issuer",
        ],
        true,
    ),
    field(
        "form",
        &[
            "Hình thức",
            "Hình thức khen thưởng",
            "Hình thức khen",
            "Form",
            "Award",
        ],
        false,
    ),
    field(
        "title_name",
        &["Danh hiệu", "Tên danh hiệu", "Danh hiệu thi đua", "Title"],
        false,
    ),
    field("signer_title", &["Chức vụ người ký", "Signer title"], false),
    field("signer_name", &["Người ký", "Signer", "Signer name"], false),
];

/// One problem of the file, named by row and column: "row 14, 'Họ và tên': must not be empty".
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    /// In English, for programs and logs; `code` and `args` word it in any language.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl RowProblem {
    /// Read back a field error named "row 14, 'Họ và tên'" (or "row 14, full_name"); other
    /// names keep row 0.
    pub fn from_field_error(e: FieldError) -> Self {
        let parsed = e.field.strip_prefix("row ").and_then(|rest| {
            let (row, column) = rest.split_once(", ")?;
            let column = column
                .strip_prefix('\'')
                .and_then(|c| c.strip_suffix('\''))
                .unwrap_or(column);
            Some((row.parse().ok()?, column.to_string()))
        });
        let (row, column) = parsed.unwrap_or((0, e.field));
        RowProblem {
            row,
            column,
            message: e.message,
            code: e.code,
            args: e.args,
        }
    }

    /// As a field error of a 422 answer, the field being "row 14, 'Họ và tên'".
    pub fn to_field_error(&self) -> FieldError {
        FieldError {
            code: self.code.clone(),
            args: self.args.clone(),
            ..FieldError::new(
                format!("row {}, '{}'", self.row, self.column),
                self.message.clone(),
            )
        }
    }
}

/// Rows that probably name the same person or collective twice.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Duplicate {
    pub rows: Vec<usize>,
    pub name: String,
    pub unit: Option<String>,
}

/// What a list gave: its items with their row numbers, the problems, the duplicates.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub mapping: Mapping,
    pub items: Vec<(usize, T)>,
    pub problems: Vec<RowProblem>,
    pub duplicates: Vec<Duplicate>,
}

/// Reads the cells of one row, collecting its problems.
struct Cells<'a> {
    mapping: &'a Mapping,
    row: &'a Row,
    problems: Vec<RowProblem>,
}

impl<'a> Cells<'a> {
    fn text(&self, field: &str) -> Option<String> {
        self.mapping.get(self.row, field).map(str::to_string)
    }

    fn problem(&mut self, field: &str, e: FieldError) {
        self.problems.push(RowProblem {
            row: self.row.number,
            column: self.mapping.header(field),
            message: e.message,
            code: e.code,
            args: e.args,
        });
    }

    /// A vocabulary code, typed as its code or Vietnamese label.
    fn code<V: Vocabulary>(&mut self, field: &str) -> Option<String> {
        let typed = self.text(field)?;
        match V::find(&typed) {
            Some(code) => Some(code.to_string()),
            None => {
                let labels: Vec<&str> = V::codes_and_labels().iter().map(|(_, l)| *l).collect();
                let choices = labels.join(", ");
                self.problem(
                    field,
                    FieldError::coded(
                        field,
                        "not-one-of-labels",
                        &[("value", typed.clone()), ("choices", choices.clone())],
                        format!("'{typed}' is not one of: {choices}"),
                    ),
                );
                None
            }
        }
    }

    fn number(&mut self, field: &str) -> Option<i32> {
        let typed = self.text(field)?;
        typed.parse().map_or_else(
            |_| {
                self.problem(
                    field,
                    FieldError::coded(
                        field,
                        "not-a-number",
                        &[("value", typed.clone())],
                        format!("'{typed}' is not a whole number"),
                    ),
                );
                None
            },
            Some,
        )
    }

    fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let typed = self.text(field)?;
        let date = parse_date(&typed);
        if date.is_none() {
            self.problem(
                field,
                FieldError::coded(
                    field,
                    "not-a-date",
                    &[("value", typed.clone())],
                    format!("'{typed}' is not a date like 10/3/2019 or 2019-03-10"),
                ),
            );
        }
        date
    }

    /// The input's validation errors, each put on the column of its field.
    fn validation(&mut self, errors: Vec<FieldError>, rename: &[(&str, &str)]) {
        for e in errors {
            let field = rename
                .iter()
                .find(|(from, _)| *from == e.field)
                .map_or(e.field.as_str(), |(_, to)| to)
                .to_string();
            self.problem(&field, e);
        }
    }
}

fn parse<T>(
    grid: &Grid,
    fields: &[FieldSpec],
    explicit: &BTreeMap<String, String>,
    mut row_item: impl FnMut(&mut Cells) -> Option<T>,
    name_unit: impl Fn(&T) -> (String, Option<String>),
) -> Result<Parsed<T>, SheetError> {
    let (mapping, header_at) = map_columns(grid, fields, explicit)?;
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for row in &grid.rows[header_at + 1..] {
        let mut cells = Cells {
            mapping: &mapping,
            row,
            problems: Vec::new(),
        };
        let item = row_item(&mut cells);
        if cells.problems.is_empty()
            && let Some(item) = item
        {
            items.push((row.number, item));
        }
        problems.extend(cells.problems);
    }
    let duplicates = duplicates(&items, name_unit);
    Ok(Parsed {
        mapping,
        items,
        problems,
        duplicates,
    })
}

fn duplicates<T>(
    items: &[(usize, T)],
    name_unit: impl Fn(&T) -> (String, Option<String>),
) -> Vec<Duplicate> {
    let mut seen: HashMap<(String, String), Duplicate> = HashMap::new();
    let mut order = Vec::new();
    for (row, item) in items {
        let (name, unit) = name_unit(item);
        let key = (
            same_text_key(&name),
            same_text_key(unit.as_deref().unwrap_or("")),
        );
        let entry = seen.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Duplicate {
                rows: Vec::new(),
                name,
                unit,
            }
        });
        entry.rows.push(*row);
    }
    order
        .into_iter()
        .filter_map(|k| seen.remove(&k))
        .filter(|d| d.rows.len() > 1)
        .collect()
}

/// Read an attendee list.
pub fn attendees(
    grid: &Grid,
    explicit: &BTreeMap<String, String>,
) -> Result<Parsed<AttendeeInput>, SheetError> {
    parse(
        grid,
        ATTENDEE_FIELDS,
        explicit,
        |c| {
            let mut input = AttendeeInput {
                honorific: c.code::<Honorific>("honorific"),
                full_name: c.text("full_name").unwrap_or_default(),
                position: c.text("position"),
                organisation: c.text("organisation"),
                category: c.code::<AttendeeCategory>("category"),
                rank: c.number("rank"),
                contact: c.text("contact"),
                seat: c.text("seat"),
                attendance: None,
                checked_in_at: None,
            };
            if let Err(errors) = input.validate() {
                c.validation(errors, &[]);
            }
            Some(input)
        },
        |i| (i.full_name.clone(), i.organisation.clone()),
    )
}

/// Read an award list.
pub fn awards(
    grid: &Grid,
    explicit: &BTreeMap<String, String>,
) -> Result<Parsed<AwardRow>, SheetError> {
    parse(
        grid,
        AWARD_FIELDS,
        explicit,
        |c| {
            let kind = c
                .code::<RecipientKind>("kind")
                .unwrap_or_else(|| RecipientKind::Individual.code().to_string());
            let mut recipient = RecipientInput {
                decision_id: 0,
                kind,
                honorific: c.code::<Honorific>("honorific"),
                name: c.text("name").unwrap_or_default(),
                position: c.text("position"),
                unit: c.text("unit"),
                reason: c.text("reason"),
                register_number: c.text("register_number"),
                presentation_order: None,
            };
            if let Err(errors) = recipient.validate() {
                c.validation(errors, &[]);
            }
            // A title of the law written in the form column is the title form with its name.
            let title = c
                .text("form")
                .filter(|typed| <AwardForm as Vocabulary>::find(typed).is_none())
                .and_then(|typed| emulation_title(&typed));
            let form = match title {
                Some(_) => Some(AwardForm::Title.code().to_string()),
                None => c.code::<AwardForm>("form"),
            };
            let decision = DecisionRef {
                issuer: c.text("issuer").unwrap_or_default(),
                number: c.text("decision_number").unwrap_or_default(),
                decided_on: c.date("decided_on"),
                form,
                title_name: c.text("title_name").or(title),
                signer_title: c.text("signer_title"),
                signer_name: c.text("signer_name"),
            };
            if decision.issuer.is_empty() {
                c.problem("issuer", FieldError::empty("issuer"));
            }
            if decision.number.is_empty() {
                c.problem("decision_number", FieldError::empty("decision_number"));
            }
            Some(AwardRow {
                decision,
                recipient,
            })
        },
        |r| (r.recipient.name.clone(), r.recipient.unit.clone()),
    )
}

/// Which list a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListKind {
    Attendees,
    Awards,
}

/// How to read a file: encoding and columns when detection is not enough.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub encoding: Option<Encoding>,
    /// Field name → header, column letter or number.
    pub mapping: BTreeMap<String, String>,
    pub dry_run: bool,
}

/// One parsed row, as it would be stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ParsedRow {
    pub row: usize,
    #[schema(value_type = Object)]
    pub values: serde_json::Value,
}

/// What an import read and did: the answer of a dry run, and of a real import.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportReport {
    pub file_name: String,
    pub format: Format,
    /// The text encoding (of a CSV file, or of legacy-font text in spreadsheet cells).
    pub encoding: Option<Encoding>,
    pub confidence: f32,
    pub mapping: Mapping,
    /// Data rows read (below the header row).
    pub rows: usize,
    pub problems: Vec<RowProblem>,
    pub duplicates: Vec<Duplicate>,
    pub dry_run: bool,
    /// What was written; in a dry run, what would have been (then rolled back).
    pub summary: ImportSummary,
    /// The parsed rows, in a dry run only: the first `MAX_PREVIEW` (1,000) of them.
    pub parsed: Vec<ParsedRow>,
}

fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// The rows of a list that can be stored, each with its row number in the file.
pub enum Rows {
    Attendees(Vec<(usize, AttendeeInput)>),
    Awards(Vec<(usize, AwardRow)>),
}

/// The most parsed rows a dry run shows: a preview to check the mapping by, not a copy of
/// the list (a hundred thousand rows of JSON would outweigh everything else an import holds).
pub const MAX_PREVIEW: usize = 1_000;

/// Read a list from `bytes`: the report of what was read (without a summary of what was
/// written) and the rows to store. CPU-heavy: the caller runs it off the async runtime.
pub fn read_list(
    kind: ListKind,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(ImportReport, Rows), SheetError> {
    let grid = read(bytes, options.encoding)?;
    let (mapping, problems, duplicates, rows) = match kind {
        ListKind::Attendees => {
            let p = attendees(&grid, &options.mapping)?;
            (
                p.mapping,
                p.problems,
                p.duplicates,
                Rows::Attendees(p.items),
            )
        }
        ListKind::Awards => {
            let p = awards(&grid, &options.mapping)?;
            (p.mapping, p.problems, p.duplicates, Rows::Awards(p.items))
        }
    };
    let rows_read = grid
        .rows
        .iter()
        .filter(|r| r.number > mapping.header_row)
        .count();
    let (format, encoding, confidence) = (grid.format, grid.encoding, grid.confidence);
    // The cells are in the rows now; a large list should not be held twice.
    drop(grid);
    let parsed = if options.dry_run {
        fn preview<T: Serialize>(items: &[(usize, T)]) -> Vec<ParsedRow> {
            items
                .iter()
                .take(MAX_PREVIEW)
                .map(|(row, item)| ParsedRow {
                    row: *row,
                    values: json(item),
                })
                .collect()
        }
        match &rows {
            Rows::Attendees(items) => preview(items),
            Rows::Awards(items) => preview(items),
        }
    } else {
        Vec::new()
    };
    let report = ImportReport {
        file_name: String::new(),
        format,
        encoding,
        confidence,
        rows: rows_read,
        mapping,
        problems,
        duplicates,
        dry_run: options.dry_run,
        summary: ImportSummary::default(),
        parsed,
    };
    Ok((report, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendee_rows_name_their_problems() {
        let csv = "Họ và tên,Danh xưng,Đơn vị,Thứ tự\n\
            Nguyễn Văn A,Ông,UBND huyện,1\n\
            ,Bà,UBND,2\n\
            Trần Thị B,Ngài,,x\n\
            nguyễn  văn a,,ubnd huyện,\n";
        let grid = read(csv.as_bytes(), None).unwrap();
        let parsed = attendees(&grid, &BTreeMap::new()).unwrap();
        assert_eq!(parsed.items.len(), 2);
        assert_eq!(parsed.items[0].1.honorific.as_deref(), Some("ong"));
        let messages: Vec<String> = parsed
            .problems
            .iter()
            .map(|p| p.to_field_error())
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        assert_eq!(
            messages,
            vec![
                "row 3, 'Họ và tên': must not be empty",
                "row 4, 'Danh xưng': 'Ngài' is not one of: Ông, Bà, Đồng chí",
                "row 4, 'Thứ tự': 'x' is not a whole number",
            ]
        );
        assert_eq!(parsed.duplicates.len(), 1);
        assert_eq!(parsed.duplicates[0].rows, vec![2, 5]);
    }

    #[test]
    fn award_rows_carry_their_decision() {
        let csv = "Ho ten;Don vi;So quyet dinh;Ngay quyet dinh;Co quan khen thuong;Hinh thuc\n\
            Đặng Văn Ngọc;Phòng GD&ĐT;123/QĐ-UBND;10/3/2019;UBND tỉnh Ninh Bình;Bằng khen\n";
        let grid = read(csv.as_bytes(), None).unwrap();
        let parsed = awards(&grid, &BTreeMap::new()).unwrap();
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let row = &parsed.items[0].1;
        assert_eq!(row.decision.form.as_deref(), Some("bang_khen"));
        assert_eq!(
            row.decision.decided_on,
            NaiveDate::from_ymd_opt(2019, 3, 10)
        );
        assert_eq!(row.recipient.kind, "individual");
    }

    /// Defect 9 of issue 11: a title of the law in the form column refused the row.
    #[test]
    fn titles_in_the_form_column_are_the_title_form() {
        let csv = "Ho ten;So quyet dinh;Co quan khen thuong;Hinh thuc\n\
            Công an xã Ân Hòa;45/QĐ-CAT;Công an tỉnh Gia Lai;Đơn vị quyết thắng\n\
            Trần Văn B;46/QĐ-UBND;UBND tỉnh Gia Lai;Chiến sĩ thi đua cơ sở\n\
            Phòng PV01;47/QĐ-UBND;UBND tỉnh Gia Lai;Cờ thi đua của UBND tỉnh\n\
            Lê C;48/QĐ-UBND;UBND tỉnh Gia Lai;Danh hiệu Lao động tiên tiến\n\
            Lê D;49/QĐ-UBND;UBND tỉnh Gia Lai;Giấy khen\n\
            Lê E;50/QĐ-UBND;UBND tỉnh Gia Lai;Kỷ niệm chương\n";
        let grid = read(csv.as_bytes(), None).unwrap();
        let parsed = awards(&grid, &BTreeMap::new()).unwrap();
        let forms: Vec<(Option<&str>, Option<&str>)> = parsed
            .items
            .iter()
            .map(|(_, r)| (r.decision.form.as_deref(), r.decision.title_name.as_deref()))
            .collect();
        assert_eq!(
            forms,
            vec![
                (Some("title"), Some("Đơn vị quyết thắng")),
                (Some("title"), Some("Chiến sĩ thi đua cơ sở")),
                (Some("title"), Some("Cờ thi đua của Ủy ban nhân dân tỉnh")),
                (Some("title"), Some("Lao động tiên tiến")),
                (Some("giay_khen"), None),
            ]
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].row, 7);
    }
}
