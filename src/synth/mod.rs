//! Synthetic datasets of any size, for benchmarks and scaling tests: far beyond what
//! enumerating every answer combination can cover. Deterministic for a given seed. The
//! output is TOML text, so the loader and validator are exercised too.

use std::fmt::Write;

pub mod worst;

/// Shape of a synthetic dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub candidates: usize,
    pub questions: usize,
    pub options: usize,
    pub rules: usize,
    pub criteria: usize,
    pub contexts: usize,
    pub seed: u64,
}

impl Shape {
    /// The large shape the performance targets are stated for: 12 × 20 × 4 × 200.
    pub const LARGE: Shape = Shape {
        candidates: 12,
        questions: 20,
        options: 4,
        rules: 200,
        criteria: 8,
        contexts: 4,
        seed: 1,
    };

    /// A small shape whose answer space can still be enumerated.
    pub const SMALL: Shape = Shape {
        candidates: 4,
        questions: 6,
        options: 3,
        rules: 24,
        criteria: 3,
        contexts: 3,
        seed: 7,
    };
}

/// A small deterministic generator (SplitMix64); no dependency needed for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// A non-empty proper subset of `0..n` as option indices (n ≥ 2).
    fn subset(&mut self, n: usize) -> Vec<usize> {
        loop {
            let picked: Vec<usize> = (0..n).filter(|_| self.chance(40)).collect();
            if !picked.is_empty() && picked.len() < n {
                return picked;
            }
        }
    }
}

fn opt_list(q: usize, opts: &[usize]) -> String {
    let items: Vec<String> = opts.iter().map(|o| format!("\"q{q}-o{o}\"")).collect();
    format!("[{}]", items.join(", "))
}

/// The dataset as TOML text.
pub fn generate(shape: Shape) -> String {
    let Shape {
        candidates,
        questions,
        options,
        rules,
        criteria,
        contexts,
        seed,
    } = shape;
    assert!(candidates >= 1 && questions >= 1 && options >= 2);
    let mut rng = Rng::new(seed);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "schema = 1\n\n[dataset]\nid = \"synthetic\"\ntitle = \"Synthetic dataset\"\n\
         edition = \"{candidates} candidates x {questions} questions x {options} options x {rules} rules (seed {seed})\"\n\
         summary = \"Generated for benchmarks and scaling tests.\""
    );
    if contexts > 0 {
        let _ = writeln!(s, "context_question = \"q0\"");
    }
    let _ = writeln!(
        s,
        "\n[[sources]]\nid = \"gen\"\ntitle = \"Generator\"\npath = \"src/synth.rs\"\n"
    );
    for c in 0..candidates {
        let _ = writeln!(
            s,
            "[[candidates]]\nid = \"c{c}\"\nname = \"Candidate {c}\"\nsummary = \"Synthetic candidate {c}.\"\nsource = \"gen\"\n\
             when_to_use = [\"When synthetic condition {c} holds\"]\n\
             [[candidates.facts]]\nlabel = \"Setup\"\ntext = \"Set up candidate {c}.\"\nsource = \"gen\"\n"
        );
    }
    // With contexts, question 0 is the context question: one option per context.
    for x in 0..contexts {
        let _ = writeln!(
            s,
            "[[contexts]]\nid = \"q0-o{x}\"\nname = \"Context {x}\"\nsummary = \"\"\nsource = \"gen\"\n[contexts.support]"
        );
        // Every candidate is supported somewhere: by context c % contexts at least.
        for c in 0..candidates {
            let supported = c % contexts == x || rng.chance(60);
            let _ = writeln!(s, "c{c} = {supported}");
        }
        s.push('\n');
    }
    for k in 0..criteria {
        let _ = writeln!(
            s,
            "[[criteria]]\nid = \"k{k}\"\nlabel = \"Criterion {k}?\"\nsource = \"gen\"\n[criteria.values]"
        );
        for c in 0..candidates {
            let v = ["yes", "no", "depends"][if rng.chance(10) { 2 } else { rng.below(2) }];
            let _ = writeln!(s, "c{c} = \"{v}\"");
        }
        s.push('\n');
    }
    // Gates: some questions are asked only after an ungated earlier question.
    let mut gate: Vec<Option<(usize, Vec<usize>)>> = vec![None; questions];
    for q in 0..questions {
        let n_opts = if q == 0 && contexts > 0 {
            contexts.max(2)
        } else {
            options
        };
        if q >= 2 && rng.chance(25) {
            let g = 1 + rng.below(q - 1);
            if gate[g].is_none() {
                gate[q] = Some((g, rng.subset(options)));
            }
        }
        let _ = writeln!(
            s,
            "[[questions]]\nid = \"q{q}\"\nprompt = \"Question {q}?\"\nhelp = \"Help for question {q}.\""
        );
        if let Some((g, opts)) = &gate[q] {
            let _ = writeln!(s, "ask_if = {{ q{g} = {} }}", opt_list(*g, opts));
        }
        for o in 0..n_opts {
            let _ = writeln!(
                s,
                "[[questions.options]]\nid = \"q{q}-o{o}\"\nlabel = \"Option {o} of question {q}\""
            );
        }
        s.push('\n');
    }
    if contexts == 1 {
        // A context question needs two options; give the lone context a twin without support.
        let _ = writeln!(
            s,
            "[[contexts]]\nid = \"q0-o1\"\nname = \"Context 1\"\nsummary = \"\"\nsource = \"gen\"\n[contexts.support]"
        );
        for c in 0..candidates {
            let _ = writeln!(s, "c{c} = false");
        }
        s.push('\n');
    }
    let n_options = |q: usize| {
        if q == 0 && contexts > 0 {
            contexts.max(2)
        } else {
            options
        }
    };
    for r in 0..rules {
        let n_tests = 1 + rng.below(3.min(questions));
        let mut tests: Vec<(usize, Vec<usize>)> = Vec::new();
        for _ in 0..n_tests {
            let q = rng.below(questions);
            if tests.iter().any(|t| t.0 == q) {
                continue;
            }
            tests.push((q, rng.subset(n_options(q))));
        }
        // Keep conditions satisfiable: a tested gated question needs its gate answered with
        // an option that opens it. Two gated questions behind one gate may need disjoint
        // options; the later one is then dropped, so the rule can still fire.
        let mut opening: Vec<(usize, Vec<usize>)> = Vec::new();
        tests.retain(|(q, _)| {
            let Some((g, allowed)) = &gate[*q] else {
                return true;
            };
            match opening.iter_mut().find(|(gg, _)| gg == g) {
                None => {
                    opening.push((*g, allowed.clone()));
                    true
                }
                Some((_, opts)) => {
                    let narrowed: Vec<usize> = opts
                        .iter()
                        .copied()
                        .filter(|o| allowed.contains(o))
                        .collect();
                    let keep = !narrowed.is_empty();
                    if keep {
                        *opts = narrowed;
                    }
                    keep
                }
            }
        });
        for (g, opens) in opening {
            match tests.iter_mut().find(|t| t.0 == g) {
                Some(t) => {
                    t.1.retain(|o| opens.contains(o));
                    if t.1.is_empty() {
                        t.1 = opens;
                    }
                }
                None => tests.push((g, opens)),
            }
        }
        let when: Vec<String> = tests
            .iter()
            .map(|(q, o)| format!("q{q} = {}", opt_list(*q, o)))
            .collect();
        let _ = writeln!(
            s,
            "[[rules]]\nid = \"r{r}\"\nwhen = {{ {} }}\nbecause = \"synthetic rule {r} holds\"\nsource = \"gen\"",
            when.join(", ")
        );
        // Mostly soft rules; hard ones are rare, as in real datasets, so that most
        // answer paths keep some candidate.
        let kind = rng.below(20);
        if kind < 18 || criteria == 0 {
            let mut scored = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let c = rng.below(candidates);
                if !scored
                    .iter()
                    .any(|x: &String| x.starts_with(&format!("c{c} ")))
                {
                    let w = rng.below(11) as i64 - 3;
                    scored.push(format!("c{c} = {}", if w == 0 { 1 } else { w }));
                }
            }
            let _ = writeln!(s, "score = {{ {} }}", scored.join(", "));
        } else if kind < 19 {
            let k = rng.below(criteria);
            let v = ["yes", "no"][rng.below(2)];
            let _ = writeln!(s, "require = {{ k{k} = [\"{v}\", \"depends\"] }}");
        } else {
            let _ = writeln!(s, "exclude = [\"c{}\"]", rng.below(candidates));
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_datasets_load() {
        for shape in [Shape::SMALL, Shape::LARGE] {
            let text = generate(shape);
            let ds =
                crate::dataset::load_str("synthetic.toml", &text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ds.candidates.len(), shape.candidates);
            assert_eq!(ds.rules.len(), shape.rules);
        }
    }

    /// Many shapes and seeds, small enough to load quickly: every one must load (a rule
    /// testing two questions behind one gate with disjoint openings once could not fire).
    #[test]
    fn generated_datasets_of_many_shapes_load() {
        // Found by the property tests: two questions behind one gate, disjoint openings.
        let found = Shape {
            candidates: 4,
            questions: 4,
            options: 2,
            rules: 6,
            criteria: 2,
            contexts: 1,
            seed: 1875467355784081459,
        };
        let mut rng = Rng::new(7);
        for i in 0..=400 {
            let shape = if i == 0 {
                found
            } else {
                Shape {
                    contexts: rng.below(4),
                    candidates: 2 + rng.below(5),
                    criteria: rng.below(4),
                    questions: 1 + rng.below(8),
                    options: 2 + rng.below(3),
                    rules: 1 + rng.below(12),
                    seed: rng.next_u64(),
                }
            };
            let text = generate(shape);
            if let Err(e) = crate::dataset::load_str("synthetic.toml", &text) {
                panic!("{shape:?}: {e}\n{text}");
            }
        }
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generate(Shape::SMALL), generate(Shape::SMALL));
    }
}
