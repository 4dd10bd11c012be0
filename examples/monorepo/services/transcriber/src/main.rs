//! HTTP front end: the telephony webhook posts raw transcripts here.

mod cleanup;
mod redact;

use std::sync::Arc;

use axum::{extract::State, http::StatusCode, routing::post, Json, Router};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct RawTranscript {
    call_id: String,
    text: String,
}

#[derive(Serialize)]
struct CleanTranscript {
    call_id: String,
    text: String,
    redactions: usize,
}

async fn clean(
    State(cleaner): State<Arc<cleanup::Cleaner>>,
    Json(raw): Json<RawTranscript>,
) -> Result<Json<CleanTranscript>, (StatusCode, String)> {
    let (redacted, redactions) = redact::card_numbers(&raw.text);
    let text = cleaner
        .clean(&redacted)
        .await
        .map_err(|e| (StatusCode::BAD_GATEWAY, e.to_string()))?;
    Ok(Json(CleanTranscript {
        call_id: raw.call_id,
        text,
        redactions,
    }))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt().with_env_filter("info").init();
    let cleaner = Arc::new(cleanup::Cleaner::from_env()?);
    let app = Router::new()
        .route("/v1/transcripts/clean", post(clean))
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .with_state(cleaner);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    tracing::info!("transcriber listening on :8080");
    axum::serve(listener, app).await?;
    Ok(())
}
