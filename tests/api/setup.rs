//! Setting a congress up: roster, contests in stroke order, validation, freeze; and bad input,
//! which is refused clearly and changes nothing.

use ballotbox::record::hash::sha256;
use ballotbox::store::users::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{congress_ready, congress_with_roster, expect, freeze, on_both, roster_csv};

on_both! {
    async fn a_founding_congress_is_set_up_validated_and_frozen(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;

        let contests = expect(organiser.get(&format!("/congresses/{id}/contests")).await, StatusCode::OK).await;
        // Candidates stand in surname-stroke order: 王 (4) 刘 (6) 李 (7) 张 (7) 杨 (7) 吴 (7) 陈 … 黄 (11).
        let committee: Vec<&str> = contests[0]["candidates"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(committee.first(), Some(&"D001"), "王芳 first: {committee:?}");
        assert_eq!(committee.last(), Some(&"D008"), "黄涛 last: {committee:?}");

        let validation = expect(organiser.get(&format!("/congresses/{id}/validation")).await, StatusCode::OK).await;
        assert_eq!(validation["ready"], true, "{validation}");

        let (_, receipt) = freeze(&app, &organiser, &id).await;
        let manifest = organiser.get(&format!("/congresses/{id}/manifest")).await.bytes().await.unwrap();
        assert_eq!(receipt["manifest_hash"], sha256(&[&manifest]).to_hex(), "the hash is of the bytes served");
        assert_eq!(receipt["key_fingerprint"].as_str().unwrap().len(), 79);
        let manifest: Value = serde_json::from_slice(&manifest).unwrap();
        assert_eq!(manifest["format"], "ballotbox-manifest/2", "a manifest that names the trustees");
        assert_eq!(manifest["electorates"][0], json!({"id": "all", "entitled": 29}), "保留会籍 has no vote");
        assert_eq!(manifest["electorates"][1], json!({"id": "female", "entitled": 12}));
        let styles: Vec<&str> = manifest["styles"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(styles, ["general", "female"]);
        assert_eq!(manifest["styles"][1]["contests"], json!(["committee", "audit", "women"]));

        let congress = expect(organiser.get(&format!("/congresses/{id}")).await, StatusCode::OK).await;
        assert_eq!(congress["frozen"]["manifest_hash"], receipt["manifest_hash"]);
    }
}

on_both! {
    async fn after_freezing_every_setup_change_is_refused(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        freeze(&app, &organiser, &id).await;
        let before = app.audit_len().await;
        let info = json!({"name": "x", "union_name": "y", "date": "2026-11-28", "venue": "z", "members": 10});
        let contest = json!({"kind": "chair", "title": "主席", "seats": 1, "electorate": "all", "candidates": ["D001"]});
        let delegate = json!({"name": "王芳", "gender": "female", "unit": "顺丰", "voting": true});
        let attempts = [
            organiser.put(&format!("/congresses/{id}"), &info).await,
            organiser.put_csv(&format!("/congresses/{id}/roster"), roster_csv()).await,
            organiser.put(&format!("/congresses/{id}/contests/chair"), &contest).await,
            organiser.delete(&format!("/congresses/{id}/contests/audit")).await,
            organiser.put(&format!("/congresses/{id}/roster/D001"), &delegate).await,
            organiser.delete(&format!("/congresses/{id}/roster/D030")).await,
            organiser.put(&format!("/congresses/{id}/scrutineers"), &json!([])).await,
            organiser.post(&format!("/congresses/{id}/freeze"), &json!(null)).await,
        ];
        for response in attempts {
            let error = expect(response, StatusCode::CONFLICT).await;
            assert_eq!(error["error"]["code"], "frozen");
            assert!(error["error"]["message"].as_str().unwrap().contains("frozen"));
        }
        assert_eq!(app.audit_len().await, before, "nothing was changed");
    }
}

on_both! {
    async fn validation_lists_every_problem_before_freezing_is_allowed(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        // Committee of 7 with 7 candidates (too few), an audit candidate also on the committee,
        // a candidate as scrutineer, and a man on the women's committee.
        let put = |contest: &str, body: Value| {
            let (organiser, path) = (organiser.clone(), format!("/congresses/{id}/contests/{contest}"));
            async move { organiser.put(&path, &body).await }
        };
        expect(put("committee", json!({"kind": "committee", "title": "工会委员会委员", "seats": 7, "electorate": "all",
            "candidates": ["D001", "D002", "D003", "D004", "D005", "D006", "D008"]})).await, StatusCode::OK).await;
        expect(put("audit", json!({"kind": "audit_committee", "title": "经审委员", "seats": 3, "electorate": "all",
            "candidates": ["D002", "D016", "D017", "D018"]})).await, StatusCode::OK).await;
        expect(put("women", json!({"kind": "women_committee", "title": "女职委委员", "seats": 5, "electorate": "female",
            "candidates": ["D001", "D007", "D009", "D011", "D013", "D012"]})).await, StatusCode::OK).await;
        expect(organiser.put(&format!("/congresses/{id}/scrutineers"), &json!([{"number": "D017", "role": "teller"}])).await, StatusCode::OK).await;
        let validation = expect(organiser.get(&format!("/congresses/{id}/validation")).await, StatusCode::OK).await;
        assert_eq!(validation["ready"], false);
        let problems: Vec<&str> = validation["problems"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        let has = |text: &str| problems.iter().any(|p| p.contains(text));
        assert!(has("7 candidates for 7 seats is too few"), "{problems:?}");
        assert!(has("工会委员与经审委员不能兼任"), "{problems:?}");
        assert!(has("may not serve as a scrutineer"), "{problems:?}");
        assert!(has("D012 (孙明) is not female"), "{problems:?}");
        // Each also as a code with parameters that name the contest by title and the person by
        // name and number, and the console section that fixes it.
        let findings = validation["findings"].as_array().unwrap();
        let finding = |code: &str| findings.iter().find(|f| f["code"] == code).unwrap_or_else(|| panic!("{code}: {validation}"));
        let too_few = finding("setup_too_few_candidates");
        assert_eq!(too_few["severity"], "problem");
        assert_eq!(too_few["section"], "contests");
        assert_eq!(too_few["params"], json!({"contest": "committee", "contest_title": "工会委员会委员", "seats": 7,
            "candidates": 7, "needed": 8, "rule": "five_percent"}));
        assert_eq!(finding("setup_committee_and_audit")["params"], json!({"number": "D002", "name": "李强",
            "contest": "committee", "contest_title": "工会委员会委员", "audit": "audit", "audit_title": "经审委员"}));
        let scrutineer = finding("setup_candidate_is_scrutineer");
        assert_eq!(scrutineer["params"], json!({"number": "D017", "name": scrutineer["params"]["name"]}));
        assert!(scrutineer["params"]["name"].as_str().is_some_and(|n| !n.is_empty()), "{scrutineer}");
        assert_eq!(scrutineer["section"], "scrutineers");
        assert_eq!(finding("candidate_not_female")["params"], json!({"contest": "women", "contest_title": "女职委委员",
            "number": "D012", "name": "孙明"}));
        let sentences: Vec<&Value> = findings.iter().filter(|f| f["severity"] == "problem").map(|f| &f["message"]).collect();
        assert_eq!(sentences, validation["problems"].as_array().unwrap().iter().collect::<Vec<_>>());
        let error = expect(organiser.post(&format!("/congresses/{id}/freeze"), &json!(null)).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        let details = error["error"]["details"].as_array().unwrap();
        assert_eq!(details.len(), problems.len());
        assert!(details.iter().all(|d| d["code"].is_string() && d["message"].is_string()), "{error}");
        let congress = expect(organiser.get(&format!("/congresses/{id}")).await, StatusCode::OK).await;
        assert_eq!(congress["frozen"], Value::Null);
    }
}

on_both! {
    async fn a_roster_with_bad_rows_is_refused_whole_with_each_line_named(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_with_roster(&organiser).await;
        let before = app.audit_len().await;
        let bad = "代表编号,姓名,性别,单位,选举权\nD101,新人,女,顺丰,是\nD102,,男,中通,是\nD101,重号,男,韵达,是\n";
        let error = expect(organiser.put_csv(&format!("/congresses/{id}/roster"), bad).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        let lines: Vec<u64> = error["error"]["details"].as_array().unwrap().iter().map(|d| d["line"].as_u64().unwrap()).collect();
        assert_eq!(lines, [3, 4]);
        // Each row's problem as a code and parameters, for a page to say in its reader's language,
        // beside the English reason.
        let details = &error["error"]["details"];
        assert_eq!(details[0]["code"], "roster_name_invalid");
        assert_eq!(details[0]["params"], json!({"column": "name", "problem": "name_empty"}));
        assert_eq!(details[1]["code"], "roster_number_duplicate");
        assert_eq!(details[1]["params"], json!({"number": "D101", "first_line": 2}));
        assert_eq!(details[1]["reason"], "delegate number D101 is already used on line 2");
        let roster = expect(organiser.get(&format!("/congresses/{id}/roster")).await, StatusCode::OK).await;
        assert_eq!(roster.as_array().unwrap().len(), 30, "the old roster stands");
        assert_eq!(app.audit_len().await, before);
    }
}

on_both! {
    async fn a_gb18030_roster_from_chinese_excel_is_imported(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_with_roster(&organiser).await;
        let csv = roster_csv();
        let (bytes, _, _) = encoding_rs::GB18030.encode(&csv);
        let imported = expect(organiser.put_csv(&format!("/congresses/{id}/roster"), bytes.into_owned()).await, StatusCode::OK).await;
        assert_eq!(imported, json!({"delegates": 30, "voting": 29, "encoding": "gb18030", "ignored_columns": []}));
    }
}

on_both! {
    async fn malformed_unknown_and_oversized_bodies_are_refused_and_change_nothing(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_with_roster(&organiser).await;
        let before = app.audit_len().await;
        let path = format!("/congresses/{id}");
        let malformed = expect(organiser.raw(Method::PUT, &path, "application/json", b"{\"name\": ".to_vec()).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(malformed["error"]["code"], "bad_json");
        let unknown = json!({"name": "n", "union_name": "u", "date": "2026-11-28", "venue": "v", "members": 9, "proxy_votes": true});
        let refused = expect(organiser.put(&path, &unknown).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(refused["error"]["message"].as_str().unwrap().contains("unknown field `proxy_votes`"), "{refused}");
        let huge = format!("{{\"name\": \"{}\"}}", "长".repeat(40_000));
        expect(organiser.raw(Method::PUT, &path, "application/json", huge.into_bytes()).await, StatusCode::PAYLOAD_TOO_LARGE).await;
        expect(organiser.raw(Method::PUT, &path, "text/plain", b"{}".to_vec()).await, StatusCode::UNSUPPORTED_MEDIA_TYPE).await;
        let bad_date = json!({"name": "n", "union_name": "u", "date": "28/11/2026", "venue": "v", "members": 9});
        expect(organiser.put(&path, &bad_date).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        let missing = json!({"kind": "chair", "title": "主席", "seats": 1, "electorate": "all", "candidates": ["D999"]});
        expect(organiser.put(&format!("{path}/contests/chair"), &missing).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        expect(organiser.get("/congresses/no-such-congress").await, StatusCode::NOT_FOUND).await;
        assert_eq!(app.audit_len().await, before, "nothing was changed");
        let congress = expect(organiser.get(&path).await, StatusCode::OK).await;
        assert_eq!(congress["name"], "江城市快递员工会成立大会");
    }
}

on_both! {
    async fn a_delegate_who_stands_cannot_be_removed_or_left_out_of_a_new_roster(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        let error = expect(organiser.delete(&format!("/congresses/{id}/roster/D001")).await, StatusCode::CONFLICT).await;
        assert!(error["error"]["message"].as_str().unwrap().contains("contest committee"), "{error}");
        let shorter: String = roster_csv().lines().take(2).map(|l| format!("{l}\n")).collect();
        expect(organiser.put_csv(&format!("/congresses/{id}/roster"), shorter).await, StatusCode::CONFLICT).await;
        assert_eq!(organiser.delete(&format!("/congresses/{id}/roster/D030")).await.status(), StatusCode::NO_CONTENT);
    }
}

on_both! {
    async fn the_plenary_lists_only_committee_candidates_and_setup_warns_that_they_may_not_be_elected(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        let chair = json!({"kind": "chair", "title": "工会主席", "seats": 1, "electorate": "plenary", "candidates": ["D002", "D012"]});
        expect(organiser.put(&format!("/congresses/{id}/contests/chair"), &chair).await, StatusCode::OK).await;
        let validation = expect(organiser.get(&format!("/congresses/{id}/validation")).await, StatusCode::OK).await;
        assert_eq!(validation["ready"], false);
        let problems = validation["problems"].to_string();
        assert!(problems.contains("candidate D012 does not stand for the committee"), "{validation}");
        let warnings = validation["warnings"].to_string();
        assert!(warnings.contains("contest \\\"chair\\\": its candidates (D002) must first be elected to the committee"), "{validation}");
        assert!(warnings.contains("additional rounds included"), "{validation}");
    }
}

on_both! {
    async fn candidates_follow_the_profiles_ballot_order_and_a_list_fixed_by_hand_keeps_its_order(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_with_roster(&organiser).await;
        // 田富 and 田大利: 按姓氏笔画 the blank after 田 puts 田富 first, 按姓名笔画 田大利.
        for (number, name) in [("D001", "田大利"), ("D002", "田富")] {
            let edit = json!({"name": name, "gender": "female", "unit": "顺丰速运", "voting": true});
            expect(organiser.put(&format!("/congresses/{id}/roster/{number}"), &edit).await, StatusCode::NO_CONTENT).await;
        }
        // 陈 has 7 strokes and 郑 8 (阝 is two strokes), so D005 陈静 stands before D011 郑红.
        let put = json!({"kind": "committee", "title": "工会委员会委员", "seats": 3, "electorate": "all",
                         "candidates": ["D011", "D005", "D001", "D002"]});
        let saved = expect(organiser.put(&format!("/congresses/{id}/contests/committee"), &put).await, StatusCode::OK).await;
        assert_eq!(saved["order"], "strokes");
        assert_eq!(saved["candidates"], json!(["D002", "D001", "D005", "D011"]), "田富 田大利 陈静 郑红");

        let info = json!({"name": "江城市快递员工会成立大会", "union_name": "江城市快递员工会", "date": "2026-11-28",
                          "venue": "江城市总工会大礼堂", "members": 180, "female_members": 64,
                          "profile": {"ballot_order": "name_strokes"}});
        let congress = expect(organiser.put(&format!("/congresses/{id}"), &info).await, StatusCode::OK).await;
        assert_eq!(congress["profile"]["ballot_order"], "name_strokes", "{congress}");
        let contests = expect(organiser.get(&format!("/congresses/{id}/contests")).await, StatusCode::OK).await;
        assert_eq!(contests[0]["candidates"], json!(["D001", "D002", "D005", "D011"]), "田大利 田富 陈静 郑红");

        let by_hand = json!({"kind": "audit_committee", "title": "经费审查委员会委员", "seats": 3, "electorate": "all",
                             "order": "as_listed", "candidates": ["D018", "D012", "D017", "D016"]});
        let saved = expect(organiser.put(&format!("/congresses/{id}/contests/audit"), &by_hand).await, StatusCode::OK).await;
        assert_eq!(saved["order"], "as_listed");
        assert_eq!(saved["candidates"], json!(["D018", "D012", "D017", "D016"]), "the order given");
        let contests = expect(organiser.get(&format!("/congresses/{id}/contests")).await, StatusCode::OK).await;
        assert_eq!(contests[1]["candidates"], json!(["D018", "D012", "D017", "D016"]));

    }
}

on_both! {
    async fn the_manifest_records_the_ballot_order_and_which_lists_were_fixed_by_hand(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = congress_ready(&organiser).await;
        let by_hand = json!({"kind": "audit_committee", "title": "经费审查委员会委员", "seats": 3, "electorate": "all",
                             "order": "as_listed", "candidates": ["D018", "D012", "D017", "D016"]});
        expect(organiser.put(&format!("/congresses/{id}/contests/audit"), &by_hand).await, StatusCode::OK).await;
        freeze(&app, &organiser, &id).await;
        let manifest = expect(organiser.get(&format!("/congresses/{id}/manifest")).await, StatusCode::OK).await;
        assert_eq!(manifest["profile"]["ballot_order"], "surname_strokes");
        let contest = |id: &str| manifest["contests"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
        assert_eq!(contest("committee")["order"], "strokes");
        assert_eq!(contest("audit")["order"], "as_listed");
        let audit = contest("audit");
        let audit: Vec<&str> = audit["candidates"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(audit, ["D018", "D012", "D017", "D016"]);
    }
}

on_both! {
    async fn the_roster_downloads_as_csv_with_formulas_neutralised(app: TestApp) {
        let organiser = app.signed_in(Role::Organiser).await;
        let id = crate::helpers::congress_with_roster(&organiser).await;
        let csv = crate::helpers::roster_csv()
            .replace("D001,王芳,女,顺丰速运", "D001,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"点这里\"\")\",女,顺丰速运")
            .replace("D002,李强,男,中通快递", "D002,李强,男,+1")
            .replace("D003,张伟,男,圆通速递", "D003,张伟,男,-2")
            .replace("D004,刘洋,男,申通快递", "D004,@SUM(A1:A9),男,申通快递");
        expect(organiser.put_csv(&format!("/congresses/{id}/roster"), csv).await, StatusCode::OK).await;
        expect(organiser.post(&format!("/congresses/{id}/check-ins"), &json!({"number": "D002"})).await, StatusCode::OK).await;

        let response = organiser.get(&format!("/congresses/{id}/roster.csv")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert_eq!(disposition, format!("attachment; filename=\"roster-{id}.csv\""));
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark for Excel");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(reader.headers().unwrap(), vec!["代表编号", "姓名", "性别", "单位", "选举权", "到会"]);
        let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        assert_eq!(rows.len(), 30);
        assert_eq!(rows[0], ["D001", "'=HYPERLINK(\"http://evil.example\",\"点这里\")", "女", "顺丰速运", "是", "否"]);
        assert_eq!(rows[1], ["D002", "李强", "男", "'+1", "是", "是"]);
        assert_eq!(rows[2][3], "'-2");
        assert_eq!(rows[3][1], "'@SUM(A1:A9)");
        assert_eq!(rows[29][4], "保留会籍");
        // Nothing of it starts a formula.
        assert!(rows.iter().flatten().all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])));

        let desk = app.signed_in(Role::Desk).await;
        expect(desk.get(&format!("/congresses/{id}/roster.csv")).await, StatusCode::OK).await;
        let inspector = app.signed_in(Role::Inspector).await;
        expect(inspector.get(&format!("/congresses/{id}/roster.csv")).await, StatusCode::FORBIDDEN).await;
    }
}
