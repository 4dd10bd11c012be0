//! The dependency graph (petgraph): components, vendors, models, endpoints (with region) and
//! credentials as nodes; depends-on, uses, calls-model, sends-data-to and authenticates-with as
//! edges; and its renderings (JSON, Graphviz dot, Mermaid).

use crate::analysis::components::ComponentSet;
use crate::finding::{Confidence, Finding, Kind};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub kind: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: String,
    /// How many findings evidence the edge.
    pub weight: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

struct Builder {
    graph: DiGraph<Node, (String, usize)>,
    index: BTreeMap<String, NodeIndex>,
    edges: BTreeMap<(NodeIndex, NodeIndex, String), petgraph::graph::EdgeIndex>,
}

impl Builder {
    fn node(&mut self, kind: &str, key: &str, label: &str) -> NodeIndex {
        let id = format!("{kind}:{key}");
        if let Some(&i) = self.index.get(&id) {
            return i;
        }
        let i = self.graph.add_node(Node {
            id: id.clone(),
            kind: kind.into(),
            label: label.into(),
        });
        self.index.insert(id, i);
        i
    }

    fn edge(&mut self, from: NodeIndex, to: NodeIndex, kind: &str) {
        match self.edges.get(&(from, to, kind.to_string())) {
            Some(&e) => self.graph[e].1 += 1,
            None => {
                let e = self.graph.add_edge(from, to, (kind.to_string(), 1));
                self.edges.insert((from, to, kind.to_string()), e);
            }
        }
    }
}

pub fn build(findings: &[Finding], components: &ComponentSet) -> Graph {
    let mut b = Builder {
        graph: DiGraph::new(),
        index: BTreeMap::new(),
        edges: BTreeMap::new(),
    };
    let with_findings: BTreeSet<&str> = findings.iter().map(|f| f.component.as_str()).collect();
    for (from, deps) in &components.depends_on {
        for to in deps {
            let a = b.node("component", from, from);
            let z = b.node("component", to, to);
            b.edge(a, z, "depends-on");
        }
    }
    for f in findings
        .iter()
        .filter(|f| f.confidence >= Confidence::Medium && f.kind != Kind::Secret)
    {
        let c = b.node("component", &f.component, &f.component);
        let v = b.node("vendor", &f.vendor, &f.vendor);
        b.edge(c, v, "uses");
        if let Some(model) = &f.model {
            let m = b.node("model", model, model);
            b.edge(c, m, "calls-model");
            b.edge(m, v, "served-by");
        }
        if let Some(host) = &f.host {
            let label = match &f.region {
                Some(r) => format!("{host} ({r})"),
                None => host.clone(),
            };
            let e = b.node("endpoint", &label, &label);
            b.edge(c, e, "sends-data-to");
            b.edge(e, v, "served-by");
        }
        if f.kind == Kind::EnvVar
            && let Some(env) = &f.env
        {
            let k = b.node("credential", env, env);
            b.edge(c, k, "authenticates-with");
            b.edge(k, v, "served-by");
        }
    }
    let _ = with_findings;
    let mut nodes: Vec<Node> = b.graph.node_weights().cloned().collect();
    nodes.sort();
    let mut edges: Vec<Edge> = b
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (from, to) = b.graph.edge_endpoints(e)?;
            let (kind, weight) = b.graph[e].clone();
            Some(Edge {
                from: b.graph[from].id.clone(),
                to: b.graph[to].id.clone(),
                kind,
                weight,
            })
        })
        .collect();
    edges.sort();
    Graph { nodes, edges }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn to_dot(g: &Graph) -> String {
    let mut out =
        String::from("digraph aidep {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    for n in &g.nodes {
        let shape = match n.kind.as_str() {
            "component" => "box",
            "vendor" => "ellipse",
            "model" => "note",
            "endpoint" => "cds",
            _ => "diamond",
        };
        out.push_str(&format!(
            "  {} [label={}, shape={shape}];\n",
            quote(&n.id),
            quote(&n.label)
        ));
    }
    for e in &g.edges {
        out.push_str(&format!(
            "  {} -> {} [label={}];\n",
            quote(&e.from),
            quote(&e.to),
            quote(&e.kind)
        ));
    }
    out.push_str("}\n");
    out
}

pub fn to_mermaid(g: &Graph) -> String {
    let ids: BTreeMap<&str, String> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect();
    let mut out = String::from("graph LR\n");
    for n in &g.nodes {
        let label = n.label.replace('"', "'");
        let (open, close) = match n.kind.as_str() {
            "component" => ("[", "]"),
            "vendor" => ("([", "])"),
            "model" => ("[/", "/]"),
            "endpoint" => ("[(", ")]"),
            _ => ("{{", "}}"),
        };
        out.push_str(&format!(
            "  {}{open}\"{}: {label}\"{close}\n",
            ids[n.id.as_str()],
            n.kind
        ));
    }
    for e in &g.edges {
        out.push_str(&format!(
            "  {} -->|{}| {}\n",
            ids[e.from.as_str()],
            e.kind,
            ids[e.to.as_str()]
        ));
    }
    out
}
