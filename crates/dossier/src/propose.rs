//! Drafting a dossier from a corpus: the most active dyad of countries are the parties, a
//! country reported as mediating or hosting is the mediator, and issues from the built-in
//! vocabulary that recur across documents become the issues.

use std::collections::BTreeMap;

use model::Document;
use model::record::Record;

use crate::file::{Dossier, Issue, Scale, ScalePoint};
use crate::text::{Ending, Folded, PhraseSet};
use crate::view::country_of;
use crate::vocab::{ISSUES, PLACES};

const MEDIATION: &[&str] = &[
    "mediat",
    "hosted",
    "hosts",
    "host",
    "go-between",
    "shuttle",
    "carried messages",
    "carry messages",
    "carrying messages",
    "passing messages",
    "messages passed",
    "carrying proposals",
    "carried proposals",
];

/// Drafts a dossier from documents and their records (paired by document id). Records
/// without a document are still used for events and actors.
pub fn propose(records: &[Record], documents: &[Document]) -> Dossier {
    let mut dyads: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut mediators: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        for e in &r.events {
            let (Some(a), Some(b)) = (
                country_of(&e.source.code, None),
                e.target.as_ref().and_then(|t| country_of(&t.code, None)),
            ) else {
                continue;
            };
            if a != b {
                let key = if a < b { (a, b) } else { (b, a) };
                *dyads.entry(key).or_default() += 1;
            }
            if let Some(m) = e.mediator.as_ref().and_then(|m| country_of(&m.code, None)) {
                *mediators.entry(m).or_default() += 3;
            }
        }
    }
    // Without events: countries named together in one sentence.
    let by_id: BTreeMap<&str, &Document> = documents.iter().map(|d| (d.id.as_str(), d)).collect();
    for r in records {
        let mut per_sentence: Vec<Vec<String>> = vec![Vec::new(); r.sentences.len()];
        for a in &r.actors {
            let Some(c) = country_of(&a.code, a.country.as_deref()) else {
                continue;
            };
            for m in &a.mentions {
                if let Some(i) = r
                    .sentences
                    .iter()
                    .position(|s| s.start <= m.start && m.end <= s.end)
                    && !per_sentence[i].contains(&c)
                {
                    per_sentence[i].push(c.clone());
                }
            }
        }
        let text = by_id.get(r.doc.id.as_str()).map(|d| d.text.as_str());
        for (i, cs) in per_sentence.iter().enumerate() {
            if r.events.is_empty() {
                for x in 0..cs.len() {
                    for y in x + 1..cs.len() {
                        let (a, b) = (cs[x].clone(), cs[y].clone());
                        let key = if a < b { (a, b) } else { (b, a) };
                        *dyads.entry(key).or_default() += 1;
                    }
                }
            }
            if let Some(t) = text {
                let s = &r.sentences[i];
                let Some(sent) = t.get(s.start as usize..s.end as usize) else {
                    continue;
                };
                let f = Folded::new(sent);
                if MEDIATION.iter().any(|w| f.text.contains(w)) {
                    for c in cs {
                        *mediators.entry(c.clone()).or_default() += 1;
                    }
                }
            }
        }
    }
    let parties: Vec<String> = dyads
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|((a, b), _)| vec![a.clone(), b.clone()])
        .unwrap_or_default();
    // Mediators: non-party countries in mediation sentences, at least half as often as the top one.
    let mut ranked: Vec<(&String, &usize)> = mediators
        .iter()
        .filter(|(c, _)| !parties.contains(c))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top = ranked.first().map_or(0, |r| *r.1);
    let mediator: Vec<String> = ranked
        .iter()
        .filter(|(_, n)| **n >= 1 && **n * 2 >= top)
        .map(|(c, _)| (*c).clone())
        .collect();
    // Issues: vocabulary entries found in enough documents.
    let sets: Vec<PhraseSet<()>> = ISSUES
        .iter()
        .map(|i| {
            PhraseSet::new(
                i.terms
                    .iter()
                    .map(|t| ((*t).to_owned(), (), Ending::Inflected)),
            )
        })
        .collect();
    let mut found: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (k, set) in sets.iter().enumerate() {
        let mut docs = 0;
        let mut terms: Vec<String> = Vec::new();
        for d in documents {
            let f = Folded::new(&d.text);
            let hits = set.find(&f.text, 0..f.text.len());
            if !hits.is_empty() {
                docs += 1;
            }
            for h in hits {
                let t = ISSUES[k]
                    .terms
                    .iter()
                    .find(|t| f.text[h.start..h.end].starts_with(&crate::text::fold_str(t)));
                if let Some(t) = t
                    && !terms.iter().any(|x| x == t)
                {
                    terms.push((*t).to_owned());
                }
            }
        }
        found.push((k, docs, terms));
    }
    let need = if documents.len() >= 5 {
        (documents.len() / 10).max(2)
    } else {
        1
    };
    found.retain(|f| f.1 >= need);
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found.truncate(10);
    found.sort_by_key(|f| f.0);
    let issues = found
        .into_iter()
        .map(|(k, _, terms)| {
            let v = &ISSUES[k];
            Issue {
                id: v.id.to_owned(),
                question: v.question.to_owned(),
                keywords: terms,
                scale: v.scale.map(|(lo, hi)| Scale {
                    points: vec![
                        ScalePoint {
                            value: 0.0,
                            label: lo.to_owned(),
                        },
                        ScalePoint {
                            value: 100.0,
                            label: hi.to_owned(),
                        },
                    ],
                }),
            }
        })
        .collect();
    let name = if parties.len() == 2 {
        format!(
            "{}–{} talks",
            country_name(&parties[0]),
            country_name(&parties[1])
        )
    } else {
        "Negotiation".to_owned()
    };
    Dossier {
        name,
        parties,
        mediators: mediator,
        issues,
        capability: BTreeMap::new(),
    }
}

fn country_name(code: &str) -> String {
    PLACES
        .iter()
        .find(|p| p.code == code)
        .map(|p| {
            p.country
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| {
                        f.to_uppercase().collect::<String>() + c.as_str()
                    })
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| code.to_owned())
}
