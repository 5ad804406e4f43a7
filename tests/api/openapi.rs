//! The OpenAPI document's shape: what schemathesis (tests/openapi/run) relies on, checked here
//! without it, so a route added without its parameters or its errors fails `cargo test` too.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, expect, on_sqlite};

/// Every operation of the document, as (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, methods)| {
            methods
                .as_object()
                .unwrap()
                .iter()
                .map(move |(method, op)| (method.clone(), path.clone(), op.clone()))
        })
        .collect()
}

async fn document(app: &TestApp) -> Value {
    expect(app.anonymous().get("/openapi.json").await, StatusCode::OK).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_declares_each_of_its_path_parameters() {
    on_sqlite(|app: TestApp| async move {
        let doc = document(&app).await;
        for (method, path, op) in operations(&doc) {
            let mut wanted: Vec<&str> = path
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split('}').next())
                .collect();
            let mut declared: Vec<&str> = op["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p["in"] == "path")
                        .map(|p| p["name"].as_str().unwrap())
                        .collect()
                })
                .unwrap_or_default();
            wanted.sort_unstable();
            declared.sort_unstable();
            assert_eq!(declared, wanted, "{method} {path}");
            for parameter in op["parameters"].as_array().into_iter().flatten() {
                assert!(
                    parameter["description"].is_string(),
                    "{method} {path}: {parameter}"
                );
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_an_operation_declares_is_the_one_error_body() {
    on_sqlite(|app: TestApp| async move {
        let doc = document(&app).await;
        assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
        for (method, path, op) in operations(&doc) {
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_route_behind_a_sign_in_declares_401_and_a_json_body_its_refusals() {
    on_sqlite(|app: TestApp| async move {
        let doc = document(&app).await;
        let public = [
            "/public/",
            "/server",
            "/setup/first-organiser",
            "/kiosk/pairing",
        ];
        for (method, path, op) in operations(&doc) {
            let statuses = op["responses"].as_object().unwrap();
            let signed_in = !public.iter().any(|p| path.starts_with(p))
                && (path != "/session" || method == "get");
            if signed_in {
                assert!(statuses.contains_key("401"), "{method} {path}");
            }
            if op["requestBody"]["content"]["application/json"].is_object() {
                for status in ["400", "413", "415", "422"] {
                    assert!(statuses.contains_key(status), "{method} {path} {status}");
                }
            }
        }
    })
    .await;
}
