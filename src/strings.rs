//! Every sentence authwiz composes for people, in one place. Words about the domain come
//! from the dataset; these only join them.

/// `text` with its first letter in upper case.
pub fn sentence(text: &str) -> String {
    let mut chars = text.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn cell(value: &str) -> &'static str {
    match value {
        "yes" => "Yes",
        "no" => "No",
        _ => "Depends",
    }
}

/// Capitalised display of a matrix cell value.
pub fn cell_value(value: &str) -> &'static str {
    cell(value)
}

pub fn signed(points: i32) -> String {
    format!("{points:+}")
}

pub fn unsupported(context: &str, candidate: &str, context_word: &str) -> String {
    format!(
        "The {context_word} \u{201c}{context}\u{201d} does not support {candidate} (support matrix)"
    )
}

pub fn excluded_by_rule(because: &str) -> String {
    sentence(because)
}

pub fn requirement(
    because: &str,
    candidate: &str,
    label: &str,
    value: &str,
    caveat: bool,
) -> String {
    if caveat {
        format!(
            "{}; for {candidate}, \u{201c}{label}\u{201d} depends: see the note before relying on it",
            sentence(because)
        )
    } else {
        format!(
            "{}; for {candidate}, \u{201c}{label}\u{201d} is {}",
            sentence(because),
            cell(value)
        )
    }
}

pub fn points(because: &str, _points: i32) -> String {
    sentence(because)
}

pub fn contrast(because: &str, pick: &str, mine: i32, candidate: &str, theirs: i32) -> String {
    format!(
        "{} ({pick} {}, {candidate} {})",
        sentence(because),
        signed(mine),
        signed(theirs)
    )
}

pub fn why_not_excluded(candidate: &str) -> String {
    format!("{candidate} is ruled out")
}

pub fn why_not_tie(candidate: &str, pick: &str) -> String {
    format!("{candidate} ties with {pick}; {pick} comes first in the dataset's order")
}

pub fn why_not_behind(candidate: &str, behind: i32, pick: &str) -> String {
    let s = if behind == 1 { "" } else { "s" };
    format!("{candidate} fits, but scores {behind} point{s} less than {pick}")
}

pub fn why_not_none_needed(candidate: &str) -> String {
    format!("{candidate} is not needed")
}

pub fn tie(names: &[String]) -> String {
    format!(
        "Tie between {}: the first in the dataset's order is shown as the recommendation",
        names.join(", ")
    )
}

pub const SETTLED: &str = "Settled: no remaining question can change the recommendation.";
pub const NOT_SETTLED: &str =
    "Not settled yet: unanswered questions can still change the recommendation.";
pub const NOTHING_FITS: &str = "Nothing fits: these answers rule out every";
