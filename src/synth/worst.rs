//! Worst-case datasets, one per shape that once cost too much: valid files inside every
//! documented limit (at most 1 MiB, 64 candidates, 256 questions, 64 options) built to
//! stress one algorithm each. The benches (`benches/worst_case.rs`), the memory checks in
//! `tests/bounded_cost.rs` and `examples/worst_case.rs` (which prints them) use the same
//! generators, so a figure in BENCHMARKS.md can be reproduced.

use std::fmt::Write;

/// The file size limit of a dataset (data/README.md, section 4).
pub const FILE_LIMIT: usize = 1 << 20;

/// One worst case: a name, the generator of its dataset, and answers that make it costly.
pub struct WorstCase {
    pub name: &'static str,
    /// What it stresses, in a sentence.
    pub what: &'static str,
    pub generate: fn() -> String,
    /// How many of the first questions to answer (with their first option) for the costly
    /// verdict: the answers a person would have given when it hurts.
    pub answered: usize,
}

impl WorstCase {
    /// The costly answers as `QUESTION=OPTION` pairs.
    pub fn answers(&self) -> Vec<String> {
        (0..self.answered).map(|q| format!("q{q}=o0")).collect()
    }

    /// The same as an answers file (`--answers`).
    pub fn answers_file(&self) -> String {
        let mut s = format!("dataset = \"{}\"\n[answers]\n", self.name);
        for q in 0..self.answered {
            let _ = writeln!(s, "q{q} = \"o0\"");
        }
        s
    }
}

/// Every worst case, in a stable order.
pub const ALL: &[WorstCase] = &[
    WorstCase {
        name: "gate-chain",
        what: "256 questions, each asked only if the two before it were answered a certain way",
        generate: || gate_chain(256),
        answered: 200,
    },
    WorstCase {
        name: "final-rules",
        what: "as many rules leading to one final outcome as fit in 1 MiB",
        generate: final_rules,
        answered: 200,
    },
    WorstCase {
        name: "wide-questions",
        what: "256 questions of 64 options, with depends cells and rules on every question",
        generate: wide_questions,
        answered: 256,
    },
    WorstCase {
        name: "depends-caveats",
        what: "64 candidates, 64 criteria of depends cells, always-firing rules requiring all",
        generate: depends_caveats,
        answered: 256,
    },
    WorstCase {
        name: "many-changes",
        what: "256 questions × 64 options and always-firing rules: every single change matters",
        generate: many_changes,
        answered: 256,
    },
];

/// Finds a worst case by name.
pub fn find(name: &str) -> Option<&'static WorstCase> {
    ALL.iter().find(|w| w.name == name)
}

fn header(s: &mut String, id: &str, candidates: usize) {
    let _ = writeln!(
        s,
        "schema = 1\n[dataset]\nid = \"{id}\"\ntitle = \"Worst case {id}\"\nedition = \"generated\"\n\
         summary = \"A dataset built to stress one algorithm.\"\n\
         [[sources]]\nid = \"s\"\ntitle = \"Generator\"\npath = \"src/synth/worst.rs\""
    );
    for c in 0..candidates {
        let _ = writeln!(
            s,
            "[[candidates]]\nid = \"c{c}\"\nname = \"C{c}\"\nsummary = \"Candidate {c}.\"\nsource = \"s\""
        );
    }
}

fn question(s: &mut String, q: usize, options: usize, ask_if: &str) {
    let _ = writeln!(
        s,
        "[[questions]]\nid = \"q{q}\"\nprompt = \"Q{q}?\"{ask_if}"
    );
    for o in 0..options {
        let _ = writeln!(s, "[[questions.options]]\nid = \"o{o}\"\nlabel = \"O{o}\"");
    }
}

/// Question `i` is asked only if questions `i - 1` and `i - 2` were answered `o0`: the
/// number of answer paths and of gate paths doubles every two questions.
pub fn gate_chain(questions: usize) -> String {
    let mut s = String::new();
    header(&mut s, "gate-chain", 2);
    for q in 0..questions {
        let ask_if = match q {
            0 => String::new(),
            1 => "\nask_if = { q0 = \"o0\" }".into(),
            _ => format!("\nask_if = {{ q{} = \"o0\", q{} = \"o0\" }}", q - 1, q - 2),
        };
        question(&mut s, q, 2, &ask_if);
    }
    // Rules on the deepest questions, so that they are read and can change the pick.
    for q in questions.saturating_sub(4)..questions {
        let _ = writeln!(
            s,
            "[[rules]]\nid = \"r{q}\"\nwhen = {{ q{q} = \"o1\" }}\nbecause = \"b\"\nsource = \"s\"\nscore = {{ c1 = 1 }}"
        );
    }
    s
}

/// As many rules as fit in the file limit, each leading to one final outcome from the
/// last few questions, so that every verdict has thousands of pending final outcomes that
/// close the questionnaire late, and the questions before them are read by no rule.
pub fn final_rules() -> String {
    let mut s = String::new();
    header(&mut s, "final-rules", 4);
    for q in 0..256 {
        question(&mut s, q, 2, "");
    }
    let _ = writeln!(
        s,
        "[[outcomes]]\nid = \"z\"\ntitle = \"Z\"\ntext = \"Done.\"\nsource = \"s\""
    );
    let mut r = 0;
    loop {
        let rule = format!(
            "[[rules]]\nid = \"r{r}\"\nwhen = {{ q{} = \"o1\" }}\nbecause = \"b\"\nsource = \"s\"\noutcome = \"z\"\n",
            250 + r % 6
        );
        if s.len() + rule.len() > FILE_LIMIT {
            break;
        }
        s.push_str(&rule);
        r += 1;
    }
    s
}

/// 256 questions of 64 options (the most of both), rules that read every question, and
/// criteria whose cells depend: the most answer paths and single changes `check` can meet.
pub fn wide_questions() -> String {
    let mut s = String::new();
    header(&mut s, "wide-questions", 8);
    for k in 0..8 {
        let cells: Vec<String> = (0..8)
            .map(|c| format!("c{c} = \"{}\"", ["yes", "no", "depends"][(c + k) % 3]))
            .collect();
        let _ = writeln!(
            s,
            "[[criteria]]\nid = \"k{k}\"\nlabel = \"K{k}?\"\nsource = \"s\"\nvalues = {{ {} }}",
            cells.join(", ")
        );
    }
    for q in 0..256 {
        question(&mut s, q, 64, "");
    }
    let mut r = 0;
    while s.len() < FILE_LIMIT - 4096 {
        let q = r % 256;
        let _ = writeln!(
            s,
            "[[rules]]\nid = \"r{r}\"\nwhen = {{ q{q} = \"o{}\" }}\nbecause = \"b\"\nsource = \"s\"\nrequire = {{ k{} = \"yes\" }}\nscore = {{ c{} = 1 }}",
            r % 64,
            r % 8,
            r % 8
        );
        r += 1;
    }
    s
}

/// 64 candidates and 64 criteria whose every cell depends; always-firing rules each
/// require every criterion, so every candidate collects a caveat per rule and criterion.
pub fn depends_caveats() -> String {
    let mut s = String::new();
    header(&mut s, "depends-caveats", 64);
    for k in 0..64 {
        let cells: Vec<String> = (0..64).map(|c| format!("c{c}=\"depends\"")).collect();
        let _ = writeln!(
            s,
            "[[criteria]]\nid = \"k{k}\"\nlabel = \"K{k}?\"\nsource = \"s\"\nvalues = {{ {} }}",
            cells.join(",")
        );
    }
    for q in 0..256 {
        question(&mut s, q, 2, "");
    }
    let require: Vec<String> = (0..64).map(|k| format!("k{k}=\"yes\"")).collect();
    let require = require.join(",");
    let mut r = 0;
    loop {
        let rule = format!(
            "[[rules]]\nid = \"r{r}\"\nbecause = \"b\"\nsource = \"s\"\nrequire = {{ {require} }}\n"
        );
        if s.len() + rule.len() > FILE_LIMIT {
            break;
        }
        s.push_str(&rule);
        r += 1;
    }
    s
}

/// 256 questions × 64 options, a rule per answer, and always-firing rules: every single
/// change of an answer changes the pick, and each evaluation walks every rule.
pub fn many_changes() -> String {
    let mut s = String::new();
    header(&mut s, "many-changes", 64);
    for q in 0..256 {
        question(&mut s, q, 64, "");
    }
    let mut r = 0;
    loop {
        let rule = if r % 2 == 0 {
            format!(
                "[[rules]]\nid = \"r{r}\"\nbecause = \"b\"\nsource = \"s\"\nscore = {{ c{} = 1 }}\n",
                r % 64
            )
        } else {
            format!(
                "[[rules]]\nid = \"r{r}\"\nwhen = {{ q{} = \"o{}\" }}\nbecause = \"b\"\nsource = \"s\"\nscore = {{ c{} = 3 }}\n",
                (r / 2) % 256,
                (r / 512) % 64,
                (r / 7) % 64
            )
        };
        if s.len() + rule.len() > FILE_LIMIT {
            break;
        }
        s.push_str(&rule);
        r += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_worst_case_is_within_the_file_limit() {
        for w in ALL {
            let text = (w.generate)();
            assert!(text.len() <= FILE_LIMIT, "{}: {} bytes", w.name, text.len());
        }
    }
}
