//! The OpenAPI 3.1 document of the API, written by hand next to the handlers. A test checks
//! that every path listed here answers, and that every route answers to a listed path.

use serde_json::{Value, json};

/// Every path with its methods, as listed in the OpenAPI document.
pub const API_PATHS: &[(&str, &str)] = &[
    ("get", "/api/documents"),
    ("post", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/documents/{id}/span"),
    ("get", "/api/search"),
    ("get", "/api/actors"),
    ("get", "/api/network"),
    ("get", "/api/events"),
    ("get", "/api/timeline"),
    ("get", "/api/positions"),
    ("get", "/api/changes"),
    ("get", "/api/issues"),
    ("get", "/api/contradictions"),
    ("get", "/api/schedule"),
    ("get", "/api/forecast"),
    ("get", "/api/brief"),
    ("get", "/api/status"),
    ("get", "/api/stream"),
    ("get", "/api/openapi.json"),
];

fn param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description,
           "schema": {"type": "string"}})
}

fn paging() -> Vec<Value> {
    vec![
        json!({"name": "limit", "in": "query", "required": false,
               "description": "items per page, 1–1000 (default 100)",
               "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}),
        param(
            "cursor",
            "the `next` value of the previous page; refused (400 stale_cursor) once new documents changed the list",
        ),
    ]
}

fn list_op(summary: &str, params: &[(&str, &str)], item: &str) -> Value {
    let mut parameters: Vec<Value> = params.iter().map(|(n, d)| param(n, d)).collect();
    parameters.extend(paging());
    json!({
        "summary": summary,
        "parameters": parameters,
        "responses": {
            "200": {"description": "a page of items",
                    "content": {"application/json": {"schema": {
                        "type": "object",
                        "required": ["items", "total", "next"],
                        "properties": {
                            "items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}},
                            "total": {"type": "integer", "description": "items matching the filters"},
                            "next": {"type": ["string", "null"], "description": "cursor of the next page"}
                        }}}}},
            "304": {"description": "not modified (If-None-Match matched the ETag)"},
            "400": {"$ref": "#/components/responses/Error"}
        }
    })
}

fn object_op(summary: &str, params: &[(&str, &str)], description: &str) -> Value {
    let parameters: Vec<Value> = params.iter().map(|(n, d)| param(n, d)).collect();
    json!({
        "summary": summary,
        "parameters": parameters,
        "responses": {
            "200": {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}},
            "304": {"description": "not modified"},
            "400": {"$ref": "#/components/responses/Error"},
            "404": {"$ref": "#/components/responses/Error"}
        }
    })
}

const EVENT_FILTERS: &[(&str, &str)] = &[
    (
        "actor",
        "actor code; matches source, target or mediator codes starting with it (IRN matches IRNGOV)",
    ),
    (
        "dyad",
        "two actor codes, `A,B`: events between them in either direction",
    ),
    ("type", "PLOVER types, comma-separated (CONSULT,ACCUSE)"),
    (
        "status",
        "occurred, planned, hypothetical, negated (comma-separated)",
    ),
    (
        "since",
        "YYYY-MM-DD: events whose date range ends on or after it",
    ),
    (
        "until",
        "YYYY-MM-DD: events whose date range starts on or before it",
    ),
    ("doc", "only events read in this document"),
    ("order", "asc (default, oldest first) or desc"),
];

/// The OpenAPI document.
pub fn openapi() -> Value {
    let error = json!({
        "description": "an error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "backchannel",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Who did or said what to whom, when, and where each party stands: the stored, source-linked record of a negotiation. Every fact carries evidence: a document id and the byte span of its sentence (GET /api/documents/{id}/span gives the text). Responses carry weak ETags; lists are paginated with cursors; bodies are gzip-compressed when asked for. Writes need `Authorization: Bearer TOKEN`."
        },
        "paths": {
            "/api/documents": {
                "get": list_op("stored documents by date, then id",
                    &[("since", "YYYY-MM-DD"), ("until", "YYYY-MM-DD"),
                      ("source", "outlet contains this text (case-insensitive)"),
                      ("lang", "ISO 639-3 language (eng)"),
                      ("no_duplicates", "true: leave out duplicates")],
                    "DocumentSummary"),
                "post": {
                    "summary": "ingest articles (needs the bearer token)",
                    "security": [{"bearer": []}],
                    "parameters": [param("id", "document id to use (default: posted-<hash>)")],
                    "requestBody": {"required": true, "content": {
                        "text/plain": {}, "text/markdown": {}, "text/html": {},
                        "application/x-ndjson": {"description": "one JSON article a line: text, title, url, published, source, id"}
                    }},
                    "responses": {
                        "201": {"description": "stored: {stored, unchanged, documents: [{id, outcome, duplicate_of}], problems}"},
                        "200": {"description": "nothing new (all unchanged)"},
                        "401": {"$ref": "#/components/responses/Error"},
                        "403": {"$ref": "#/components/responses/Error"},
                        "413": {"$ref": "#/components/responses/Error"},
                        "415": {"$ref": "#/components/responses/Error"},
                        "422": {"$ref": "#/components/responses/Error"}
                    }
                }
            },
            "/api/documents/{id}": {"get": {
                "summary": "one document: metadata, text and its stored extraction record (SPEC §3)",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "{document, text, record}"}, "404": {"$ref": "#/components/responses/Error"}}
            }},
            "/api/documents/{id}/span": {"get": {
                "summary": "the text of a piece of evidence",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "start", "in": "query", "required": true, "schema": {"type": "integer"}},
                    {"name": "end", "in": "query", "required": true, "schema": {"type": "integer"}}
                ],
                "responses": {"200": {"description": "{doc, start, end, text, sentence, title, source, published, url}"},
                              "400": {"$ref": "#/components/responses/Error"},
                              "404": {"$ref": "#/components/responses/Error"}}
            }},
            "/api/search": {"get": list_op("full-text search, best first; snippets mark matches with [ ]",
                &[("q", "required: words (ANDed), \"a phrase\", prefix*")], "SearchHit")},
            "/api/actors": {"get": list_op("who's who with event counts", &[("party", "country or IGO code")], "Actor")},
            "/api/network": {"get": object_op("who acts on whom: {nodes: [{id, events, mediated}], edges: [{source, target, kind, weight, goldstein, types, events}]}", EVENT_FILTERS, "the network")},
            "/api/events": {"get": list_op("coded events of the stored records", EVENT_FILTERS, "Event")},
            "/api/timeline": {"get": list_op("events merged across documents, with distinct-story counts",
                &[("actor", "party code"), ("type", "PLOVER types"), ("status", "occurred or planned"),
                  ("since", "YYYY-MM-DD"), ("until", "YYYY-MM-DD"), ("order", "asc or desc")], "TimelineItem")},
            "/api/positions": {"get": list_op("every stance read",
                &[("party", "party code"), ("issue", "issue id"), ("kind", "red_line, demand, offer, concession, rejection, position")], "Position")},
            "/api/changes": {"get": list_op("stances that moved between dates", &[("party", "party code"), ("issue", "issue id")], "Change")},
            "/api/issues": {"get": object_op("the dossier and the party × issue table: {dossier, proposed, rows}", &[], "the issues")},
            "/api/contradictions": {"get": list_op("disagreements between sources, each side cited",
                &[("subject", "subject id"), ("attribute", "attribute (format, venue, date…)")], "Contradiction")},
            "/api/schedule": {"get": list_op("what is planned next", &[], "ScheduleItem")},
            "/api/forecast": {"get": object_op("the forecast per issue: outcome, Monte Carlo 10–90 % range, cited inputs, explanation; issues not forecast with the reason", &[], "the forecast")},
            "/api/brief": {"get": {
                "summary": "the analyst's brief",
                "parameters": [param("format", "md (default), html (one self-contained page) or json")],
                "responses": {"200": {"description": "Markdown, HTML or the SPEC §5 JSON",
                    "content": {"text/markdown": {}, "text/html": {}, "application/json": {}}},
                    "400": {"$ref": "#/components/responses/Error"}}
            }},
            "/api/status": {"get": object_op("documents, analysed documents, events, snapshot generation, dossier", &[], "the status")},
            "/api/stream": {"get": {
                "summary": "server-sent events: `update` with {generation, documents, analysed, events} on connect and whenever new documents were analysed",
                "responses": {"200": {"description": "an event stream", "content": {"text/event-stream": {}}}}
            }},
            "/api/openapi.json": {"get": {"summary": "this document", "responses": {"200": {"description": "OpenAPI 3.1"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": error},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
                "Evidence": {"type": "object", "required": ["doc", "start", "end"], "properties": {
                    "doc": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}}},
                "DocumentSummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": ["string", "null"]}, "source": {"type": ["string", "null"]},
                    "published": {"type": ["string", "null"]}, "inferred_date": {"type": ["string", "null"]},
                    "language": {"type": ["string", "null"]}, "duplicate_of": {"type": ["string", "null"]},
                    "bytes": {"type": "integer"}, "origin": {"type": "string"}}},
                "SearchHit": {"allOf": [{"$ref": "#/components/schemas/DocumentSummary"}, {"type": "object", "properties": {
                    "score": {"type": "number"}, "snippet": {"type": "string"}}}]},
                "Actor": {"type": "object", "properties": {"code": {"type": "string"}, "entity": {"type": ["string", "null"]},
                    "role": {"type": ["string", "null"]}, "aliases": {"type": "array", "items": {"type": "string"}},
                    "documents": {"type": "integer"}, "mentions": {"type": "integer"}, "party": {"type": ["string", "null"]},
                    "events": {"type": "integer"}}},
                "Event": {"type": "object", "description": "a SPEC §3 event with id (document#index), doc, doc_date, source_party, target_party and evidence"},
                "TimelineItem": {"type": "object", "description": "date, plover, source, target, mediator, status, what, location, sources, copies, evidence"},
                "Position": {"type": "object", "description": "actor, speaker_code, person, issue, kind, value, rule, summary, cue, date, evidence"},
                "Change": {"type": "object", "description": "party, issue, from, to, evidence_from, evidence_to"},
                "Contradiction": {"type": "object", "description": "subject, attribute, internal, values: [{value, sources, docs, copies, evidence, outlier}]"},
                "ScheduleItem": {"type": "object", "description": "what, date, actors, evidence"}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_path_is_in_the_document() {
        let doc = openapi();
        for (method, path) in API_PATHS {
            assert!(
                doc["paths"][path][method].is_object(),
                "{method} {path} missing from the OpenAPI document"
            );
        }
        let listed: usize = doc["paths"]
            .as_object()
            .map(|p| {
                p.values()
                    .map(|m| m.as_object().map_or(0, |m| m.len()))
                    .sum()
            })
            .unwrap_or(0);
        assert_eq!(listed, API_PATHS.len());
    }
}
