//! Who is present at the first meeting of a body the congress elected — the committee's
//! plenary, the funds audit committee's and the women workers' committee's first meetings — by
//! delegate number. The members vote there for the heads their body elects.

use sqlx::{AnyConnection, Row};

use super::StoreError;
use crate::record::documents::Sitting;

/// Marks a member present at `sitting`; whether they were not yet.
pub async fn check_in(
    conn: &mut AnyConnection,
    congress: &str,
    sitting: Sitting,
    number: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO sitting_present (congress_id, sitting, number) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(congress)
    .bind(sitting.as_str())
    .bind(number)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes back a check-in at `sitting`; whether the member was checked in.
pub async fn check_out(
    conn: &mut AnyConnection,
    congress: &str,
    sitting: Sitting,
    number: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM sitting_present WHERE congress_id = $1 AND sitting = $2 AND number = $3",
    )
    .bind(congress)
    .bind(sitting.as_str())
    .bind(number)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The members present at `sitting`, by delegate number.
pub async fn present(
    conn: &mut AnyConnection,
    congress: &str,
    sitting: Sitting,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT number FROM sitting_present WHERE congress_id = $1 AND sitting = $2 ORDER BY number",
    )
    .bind(congress)
    .bind(sitting.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok(row.try_get("number")?)).collect()
}
