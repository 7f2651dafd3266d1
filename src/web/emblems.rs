//! An issuer's emblem on the issuer's page: what is stored, a form to upload a PNG, JPEG
//! or one-page PDF in its place, and removing it. The service checks and stores the file
//! (`service::emblems`); a problem with it is shown beside the file field.

use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path};
use axum::http::StatusCode;
use axum::routing::post;

use super::awards::IssuerPage;
use super::i18n::Tr;
use super::page::{In, Writes};
use super::page::{WebResult, see_other};
use super::records::{self, Extra, Keys, RecordPage, Shown};
use crate::app::AppState;
use crate::error::AppError;
use crate::interop::emblem::MAX_BYTES;
use crate::service::emblems as service;
use crate::store::award::Issuers;
use crate::store::resource;

const UPLOAD_LIMIT: usize = MAX_BYTES + 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/app/c/{id}/awards/issuers/{issuer}/emblem",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route(
            "/app/c/{id}/awards/issuers/{issuer}/emblem/delete",
            post(remove),
        )
}

/// The emblem section of an issuer's page.
pub struct EmblemView {
    pub upload: String,
    pub remove: String,
    /// The stored file: its name and what it is ("PNG, 512 × 512 px").
    pub stored: Option<(String, String)>,
    /// Where a browser shows it: a picture's address; None for a PDF.
    pub src: Option<String>,
    /// What was wrong with the file just uploaded.
    pub problem: Option<String>,
}

pub async fn view(
    state: &AppState,
    tr: &Tr,
    id: i32,
    issuer: i32,
    problem: Option<String>,
) -> Result<EmblemView, AppError> {
    let stored = match service::info(&state.db, id, issuer).await {
        Ok(info) => Some(info),
        Err(AppError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let base = format!("/app/c/{id}/awards/issuers/{issuer}/emblem");
    Ok(EmblemView {
        upload: base.clone(),
        remove: format!("{base}/delete"),
        src: stored.as_ref().filter(|e| e.format != "pdf").map(|e| {
            format!(
                "/api/v1/conferences/{id}/issuers/{issuer}/emblem?v={}",
                e.version
            )
        }),
        stored: stored.map(|e| {
            let size = match e.format.as_str() {
                "pdf" => tr.tn(
                    "emblem-size-pdf",
                    &[("width", mm_of_pt(e.width)), ("height", mm_of_pt(e.height))],
                ),
                format => tr.tn(
                    "emblem-size-pixels",
                    &[
                        ("format", format.to_uppercase()),
                        ("width", e.width.to_string()),
                        ("height", e.height.to_string()),
                    ],
                ),
            };
            (e.file_name, size)
        }),
        problem,
    })
}

/// A length in pt as millimetres, to one decimal with a Vietnamese comma.
fn mm_of_pt(pt: f64) -> String {
    format!("{:.1}", pt * 25.4 / 72.0).replace('.', ",")
}

async fn upload(
    In { state, c, id, .. }: In<Writes>,
    Path((_, issuer)): Path<(i32, i32)>,
    form: Result<Multipart, MultipartRejection>,
) -> WebResult {
    let uploaded = async {
        let (name, bytes) = crate::api::extract::file_part(form, UPLOAD_LIMIT, "emblem").await?;
        service::upload(
            &state.db,
            &state.work,
            &c.actor,
            id,
            issuer,
            name,
            bytes,
            None,
        )
        .await
    }
    .await;
    match uploaded {
        Ok(_) => Ok(see_other(&page_of(id, issuer), "done-saved")),
        Err(e @ (AppError::NotFound { .. } | AppError::Forbidden(_))) => Err(e.into()),
        Err(e) => {
            // The issuer's page, the problem beside the file field.
            let problem = Some(c.tr.error(&e));
            let keys = Keys::record(id, issuer);
            let m = resource::get::<Issuers, _>(&state.db, id, issuer).await?;
            let form = records::stored_form::<IssuerPage>(&state, &c.tr, &keys, &m).await?;
            let extra = Extra::Emblem(view(&state, &c.tr, id, issuer, problem).await?);
            let shown = Shown::new(keys, form, Some(m), StatusCode::UNPROCESSABLE_ENTITY);
            IssuerPage::view(&state, c, Shown { extra, ..shown }).await
        }
    }
}

async fn remove(
    In { state, c, id, .. }: In<Writes>,
    Path((_, issuer)): Path<(i32, i32)>,
) -> WebResult {
    service::delete(&state.db, &c.actor, id, issuer, None).await?;
    Ok(see_other(&page_of(id, issuer), "done-deleted"))
}

fn page_of(id: i32, issuer: i32) -> String {
    format!("/app/c/{id}/awards/issuers/{issuer}")
}
