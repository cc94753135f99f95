//! Every sentence authwiz composes for people, in one place. Words about the domain come
//! from the dataset; these only join them.

use crate::engine::NotCounted;
use crate::report::model::AnswerRef;

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

/// Headings of a candidate's facts, in every report.
pub const CAVEATS: &str = heading::CAVEATS;
pub const NEXT_STEPS: &str = heading::NEXT_STEPS;

/// Before a further source of a note.
pub const ALSO_SOURCE: &str = "also from";

/// The headings of a result's sections, the same in every face.
pub mod heading {
    pub const WHY: &str = "Why";
    pub const CAVEATS: &str = "Caveats";
    pub const NEXT_STEPS: &str = "What you need next";
    pub const CONFLICT_SMALLEST: &str = "Conflicting answers (a smallest set)";
    pub const CONFLICT_MINIMAL: &str = "Conflicting answers (a minimal set)";
    pub const RELAX: &str = "What to relax";
    pub const WHY_NOT_OTHERS: &str = "Why not the others";
    pub const WHY_EACH_OUT: &str = "Why each one is out";
    pub const NOT_NEEDED: &str = "Not needed";
    pub const WHAT_IF: &str = "What would change the outcome";
    pub const OPEN_QUESTIONS: &str = "Questions that can still change it";
    pub const RANKING: &str = "Ranking";
    pub const YOUR_ANSWERS: &str = "Your answers";
    pub const SOURCES: &str = "Sources";
    pub const NOTES: &str = "Notes";
}

/// Default headings of the comparison's two kinds of row.
pub const CRITERIA: &str = "Criteria";
pub const ASPECTS: &str = "More aspects";

/// "Supported by X?": the support row of a comparison.
pub fn supported_by(context: &str) -> String {
    format!("Supported by {context}?")
}

/// The line under a comparison read beside a result.
pub fn beside_result(pick: Option<&str>, required: usize, candidate_word: &str) -> String {
    let pick = match pick {
        Some(name) => format!("{name} is the recommended {candidate_word} (\u{2605})"),
        None => format!("no {candidate_word} is recommended"),
    };
    let rows = match required {
        0 => String::new(),
        1 => "; the row marked \u{2192} is a requirement of your answers".to_owned(),
        n => format!("; the {n} rows marked \u{2192} are requirements of your answers"),
    };
    format!("Beside your answers: {pick}{rows}.")
}

pub const LEGEND_PICK: &str = "\u{2605} recommended";
pub fn legend_unsupported(context: &str) -> String {
    format!("\u{2717} after a name: not supported by {context}")
}
pub const LEGEND_REQUIRED: &str =
    "\u{2192} required by your answers: \u{2713} met, \u{2717} not, ! depends";
pub const LEGEND_DIFFERS: &str = "\u{2260} values differ";
pub const LEGEND_NOTE: &str = "* has a note";

/// Before the answers that caused a reason.
pub const YOU_ANSWERED: &str = "you answered";
pub const NO_ANSWERS_YET: &str = "(none yet)";
/// When no single changed or dropped answer restores a fit.
pub const NO_RELAXATION: &str =
    "No single changed or dropped answer restores a fit: change two or more of the answers above.";

/// The last line of a summary that leaves details out.
pub const MORE_DETAIL: &str = "More with --detail: every reason with your answers, notes and rules, every caveat and next step, what would change the outcome, the ranking, your answers and every source.";

/// The last line of a summary printed by a face without `--detail` (the wizard when it
/// ends, the plain mode): the command that shows the rest.
pub fn more_detail_command(data: &str, answers: &[(&str, &str)]) -> String {
    let mut cmd = format!("authwiz recommend --detail --data {}", shell_word(data));
    for (q, o) in answers {
        cmd.push_str(&format!(" -a {}", shell_word(&format!("{q}={o}"))));
    }
    format!(
        "Every reason with your answers and sources, every caveat and next step, what would change the outcome and the ranking: {cmd}"
    )
}

/// `word` as one word of a POSIX shell command line: as it is when it holds only
/// characters no shell treats specially, else in single quotes.
pub fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Why not one candidate, in one line: the reason it is out, and how many more there are.
/// `more` is how many reasons follow; `at_least` when some of them were only counted in
/// part (a candidate keeps a capped number of reasons, README "Bounded cost").
pub fn why_not_line(summary: &str, clause: &str, more: usize, at_least: bool) -> String {
    let more = match more {
        0 => String::new(),
        n => format!(" ({})", and_more(n, at_least, "reason")),
    };
    format!("{summary}: {}{more}", clause.trim())
}

/// "and 1 more reason", "and at least 3 more answers": what a one-line summary left off.
fn and_more(n: usize, at_least: bool, word: &str) -> String {
    let at_least = if at_least { "at least " } else { "" };
    let s = if n == 1 { "" } else { "s" };
    format!("and {at_least}{n} more {word}{s}")
}

/// The answers of a why-not contrast left off its one line: how many (at least, when some
/// were only counted), and their net points for the pick over the other candidate.
#[derive(Default)]
pub struct OtherAnswers {
    pub count: usize,
    pub at_least: bool,
    pub points: i32,
    /// Some of them come from rules that need no answer: they are reasons, not answers.
    pub unconditional: bool,
}

/// Why a candidate that fits ranks lower, in one line: the answer that sets it furthest
/// behind, and the others' net points, so that the numbers add up to the gap.
pub fn why_not_behind_line(
    summary: &str,
    answers: &str,
    (pick, mine): (&str, i32),
    (candidate, theirs): (&str, i32),
    rest: &OtherAnswers,
) -> String {
    let word = if rest.unconditional {
        "reason"
    } else {
        "answer"
    };
    // A counted remainder stands for at least one answer more.
    let rest = match rest.count + usize::from(rest.at_least) {
        0 => String::new(),
        n => format!(
            " ({}: {} for {pick}{})",
            and_more(n, rest.at_least, word),
            signed(rest.points),
            if n == 1 { "" } else { " in all" }
        ),
    };
    format!(
        "{summary}: {answers} gives {pick} {}, {candidate} {}{rest}",
        signed(mine),
        signed(theirs)
    )
}

/// When no candidate is needed, the others in one line.
pub fn none_needed_line(names: &[String], candidates_word: &str) -> String {
    if names.len() == 1 {
        format!("{} is not needed here.", names[0])
    } else {
        format!(
            "None of the {candidates_word} is needed here: {}.",
            and_list(names)
        )
    }
}

pub fn signed(points: i32) -> String {
    format!("{points:+}")
}

pub fn unsupported(context: &str, candidate: &str, context_word: &str) -> String {
    format!(
        "the {context_word} \u{201c}{context}\u{201d} does not support {candidate} (support matrix)"
    )
}

pub fn supported(context: &str, candidate: &str, context_word: &str) -> String {
    format!("the {context_word} \u{201c}{context}\u{201d} supports {candidate} (support matrix)")
}

pub fn meets(because: &str, candidate: &str, label: &str, value: &str) -> String {
    format!(
        "{}; for {candidate}, \u{201c}{label}\u{201d} is {}, as needed",
        because.trim(),
        cell(value)
    )
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
            because.trim()
        )
    } else {
        format!(
            "{}; for {candidate}, \u{201c}{label}\u{201d} is {}",
            because.trim(),
            cell(value)
        )
    }
}

/// One answer that sets the pick and another candidate apart: both net points, then the
/// reasons the other candidate got its points (the pick's own are listed under "why").
pub fn contrast(
    pick: &str,
    mine: i32,
    candidate: &str,
    theirs: i32,
    their_reasons: &[&str],
) -> String {
    let points = format!("{pick} {}, {candidate} {}", signed(mine), signed(theirs));
    if their_reasons.is_empty() {
        format!("{points} (the reason for {pick} is above)")
    } else {
        let reasons: Vec<&str> = their_reasons.iter().map(|r| r.trim()).collect();
        format!("{points}: {}", reasons.join("; "))
    }
}

pub fn why_not_excluded(candidate: &str) -> String {
    format!("{candidate} is ruled out")
}

pub fn why_not_tie(candidate: &str, pick: &str) -> String {
    format!(
        "{candidate} scores as many points as {pick} (the answers below even out); only the dataset's order puts {pick} first"
    )
}

/// A tie on every answer: nothing but the order sets them apart (the tie itself, and what
/// could break it, is stated once with the recommendation).
pub fn why_not_pure_tie(candidate: &str, pick: &str) -> String {
    format!(
        "{candidate} scores the same as {pick} on every answer; only the dataset's order puts {pick} first"
    )
}

pub fn why_not_behind(candidate: &str, behind: i32, pick: &str) -> String {
    let s = if behind == 1 { "" } else { "s" };
    format!("{candidate} fits, but scores {behind} point{s} less than {pick}")
}

pub fn why_not_none_needed(candidate: &str) -> String {
    format!("{candidate} is not needed")
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    join_list(items, "and")
}

fn join_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// The line that states the result.
pub fn headline(
    candidate_word: &str,
    pick: Option<&str>,
    decided_by_order: bool,
    none_needed: bool,
) -> String {
    match pick {
        Some(name) if decided_by_order => {
            format!("Recommended {candidate_word}: {name}, by the dataset's order alone (a tie)")
        }
        Some(name) => format!("Recommended {candidate_word}: {name}"),
        None if none_needed => format!("No {candidate_word} needed"),
        None => format!("{NOTHING_FITS} {candidate_word}."),
    }
}

pub fn tie(names: &[String], pick: &str) -> String {
    format!(
        "Tie: {} score the same; only the dataset's order puts {pick} first.",
        and_list(names)
    )
}

/// Which unanswered question could break a tie: the first the questionnaire asks, and how
/// many more could.
pub fn tie_breakers(questions: &[String]) -> String {
    match questions {
        [] => "No open question would break the tie: the dataset's order decides.".to_owned(),
        [one] => format!("Answering {one} could break the tie."),
        [first, rest @ ..] => format!(
            "Answering {first} could break the tie ({} more open question{} could too).",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

/// A hypothetical that ends in a tie.
pub fn tie_outlook(names: &[String], pick: &str) -> String {
    format!(
        "a tie between {} ({pick} first only by the dataset's order)",
        and_list(names)
    )
}

pub fn none_needed_outlook(candidate_word: &str, outcome: &Option<String>) -> String {
    let plain = format!("no {candidate_word} needed");
    match outcome {
        Some(title) if !title.eq_ignore_ascii_case(&plain) => {
            format!("{plain} (\u{201c}{title}\u{201d})")
        }
        _ => plain,
    }
}

pub fn nothing_fits_outlook() -> String {
    "nothing fits".to_owned()
}

/// Answers that a hypothetical would stop counting, as a clause; empty when none.
fn stop_counting(drops: &[AnswerRef]) -> String {
    if drops.is_empty() {
        return String::new();
    }
    let answers: Vec<String> = drops
        .iter()
        .map(|a| format!("\u{201c}{}\u{201d} ({}={})", a.label, a.question, a.option))
        .collect();
    let these = if drops.len() == 1 {
        "your answer"
    } else {
        "your answers"
    };
    format!("; {these} {} would stop counting", and_list(&answers))
}

/// One single-answer change and where it leads.
pub fn what_if(
    changes: bool,
    label: &str,
    question: &str,
    option: &str,
    outlook: &str,
    drops: &[AnswerRef],
    opens: &[(String, String)],
) -> String {
    let verb = if changes {
        "answering"
    } else {
        "if you answer"
    };
    let mut out =
        format!("{verb} \u{201c}{label}\u{201d} ({question}={option}) \u{2192} {outlook}");
    out.push_str(&stop_counting(drops));
    if !opens.is_empty() {
        let asked: Vec<String> = opens
            .iter()
            .map(|(id, prompt)| format!("\u{201c}{prompt}\u{201d} ({id})"))
            .collect();
        out.push_str(&format!(
            "; it would also ask {}, which could change that",
            and_list(&asked)
        ));
    }
    out
}

/// One way out of a conflict.
pub fn relaxation(
    prompt: &str,
    question: &str,
    to: Option<&(String, String)>,
    fits: &[String],
    drops: &[AnswerRef],
) -> String {
    let fit = if fits.len() == 1 { "fits" } else { "fit" };
    let change = match to {
        None => format!("drop your answer to \u{201c}{prompt}\u{201d} ({question})"),
        Some((id, label)) => format!("answer \u{201c}{label}\u{201d} ({question}={id}) instead"),
    };
    format!("{change}: {} {fit}{}", and_list(fits), stop_counting(drops))
}

/// What answering with one option would do, in a few words; empty when it changes
/// nothing about which candidates fit.
pub fn preview(
    candidate_word: &str,
    rules_out: &[String],
    fits: &[String],
    none_needed: bool,
    nothing_fits: bool,
    conflicts_with: &[String],
) -> String {
    if none_needed {
        return format!("no {candidate_word} needed");
    }
    if nothing_fits {
        return match conflicts_with {
            [] => "nothing would fit".to_owned(),
            [one] => {
                format!("nothing would fit: conflicts with your answer to \u{201c}{one}\u{201d}")
            }
            many => {
                let quoted: Vec<String> = many
                    .iter()
                    .map(|p| format!("\u{201c}{p}\u{201d}"))
                    .collect();
                format!(
                    "nothing would fit: conflicts with your answers to {}",
                    and_list(&quoted)
                )
            }
        };
    }
    match (rules_out, fits) {
        ([], _) => String::new(),
        (_, [only]) => format!("leaves only {only}"),
        (out, _) => format!("rules out {}", and_list(out)),
    }
}

/// What a what-if list leaves out, if anything.
pub fn what_if_more(more: usize, unexamined: usize) -> Option<String> {
    let more = (more > 0).then(|| {
        format!(
            "… and {more} more single change{} that change it, not listed",
            if more == 1 { "" } else { "s" }
        )
    });
    let unexamined = (unexamined > 0).then(|| {
        format!(
            "{unexamined} single change{} not examined: the search stopped at its budget",
            if unexamined == 1 { " was" } else { "s were" }
        )
    });
    match (more, unexamined) {
        (None, None) => None,
        (Some(m), None) => Some(m),
        (None, Some(u)) => Some(u),
        (Some(m), Some(u)) => Some(format!("{m}; {u}")),
    }
}

/// A line standing for `n` reasons not listed one by one.
pub fn more_reasons(n: Option<usize>, kind: &str, net: Option<i32>) -> String {
    let what = match kind {
        "points" => "reasons that add or take points",
        "contrast" => "answers that set them apart",
        "caveat" => "requirements met only by a cell that depends",
        "meets" => "requirements met",
        _ => "reasons that rule it out",
    };
    let n = n.map_or("more".to_owned(), |n| format!("{n} more"));
    match net {
        Some(p) => format!("… and {n} {what} (net {} points), not listed", signed(p)),
        None => format!("… and {n} {what}, not listed"),
    }
}

/// Why an answer given does not count.
pub fn not_counted(why: NotCounted, label: &str, prompt: &str) -> String {
    let reason = match why {
        NotCounted::NotAsked => "the question is not asked after your other answers",
        NotCounted::AfterFinalOutcome => {
            "the outcome above ended the questionnaire before this question"
        }
        NotCounted::Waiting => {
            "the question is asked only if an unanswered question allows it; it counts once that is answered"
        }
    };
    let verb = if why == NotCounted::Waiting {
        "Not counted yet"
    } else {
        "Ignored"
    };
    format!("{verb}: your answer \u{201c}{label}\u{201d} to \u{201c}{prompt}\u{201d} ({reason}).")
}

/// Shown when no answer added points to the recommendation.
pub const NO_POINTS: &str = "No answer adds points to it: it is recommended because it still fits and comes first, in the dataset's order, among those that do.";

pub const SETTLED: &str = "Settled: no remaining question can change the recommendation.";
pub const NOT_SETTLED: &str =
    "Not settled yet: unanswered questions can still change the recommendation.";
pub const NOTHING_FITS: &str = "Nothing fits: these answers rule out every";

/// When nothing fits even with no answers at all: the dataset's own rules are the cause.
pub fn no_answer_conflicts(candidate_word: &str) -> String {
    format!(
        "Whatever the answers, rules that need no answer rule out every {candidate_word}: \
         no answer conflicts, and none can be relaxed (`authwiz check` reports this about \
         the dataset)."
    )
}

// ---------------------------------------------------------------------------------------------
// The interactive faces (src/tui, src/plain.rs, src/wizard.rs). `{candidate}`, `{candidates}`,
// `{context}` and `{contexts}` are replaced by the dataset's vocabulary words.
// ---------------------------------------------------------------------------------------------

/// Sentences of the full-screen wizard and the plain line mode.
pub mod wizard {
    /// Replaces the vocabulary placeholders in `text`.
    pub fn vocab(text: &str, v: &crate::dataset::Vocabulary) -> String {
        text.replace("{candidates}", &v.candidates)
            .replace("{candidate}", &v.candidate)
            .replace("{contexts}", &v.contexts)
            .replace("{context}", &v.context)
    }

    pub const APP: &str = "authwiz";
    pub const WHAT_IT_DOES: &str = "Answer a few questions and authwiz recommends the {candidate} that fits, \
        explains why, why not each of the others, and which single answer would change it. \
        You can also compare the {candidates} side by side without answering anything.";
    pub const EDITION_IN_USE: &str = "Edition in use";
    pub const EDITIONS: &str = "Editions of the knowledge";
    pub const DEFAULT: &str = "default";
    pub const FROM_DATA_FLAG: &str = "from --data";
    pub const COULD_NOT_LOAD: &str = "could not load";
    pub const EDITION_FAILED: &str = "This edition could not be loaded; choose another one.";
    pub const ANSWERS_LOADED: &str = "answers loaded: Enter continues where they stop.";

    pub const SCREEN_WELCOME: &str = "Welcome";
    pub const SCREEN_QUESTION: &str = "Questions";
    pub const SCREEN_RESULT: &str = "Result";
    pub const SCREEN_COMPARE: &str = "Side by side";
    pub const SCREEN_MATRIX: &str = "Support matrix";
    pub const SCREEN_HELP: &str = "Help";

    pub fn stepper(pos: usize, total: usize) -> String {
        format!("Question {pos} of {total}")
    }
    pub const ABOUT_OPTION: &str = "About this answer";
    pub const YOUR_ANSWER: &str = "your answer";
    pub const ANSWERS_SO_FAR: &str = "Your answers so far";
    pub const LEADING: &str = "leading";
    pub const LEADING_TIE: &str = "tied, first only by the dataset's order";
    pub const RECOMMENDED: &str = "recommended";
    pub const STILL_POSSIBLE: &str = "still possible";
    pub const TIED: &str = "tied for the lead";
    pub const FIRST_BY_ORDER: &str = "the first only by the dataset's order";
    pub const RANKED_LOWER: &str = "fits, ranked lower";
    pub const RULED_OUT: &str = "ruled out";
    pub const SETTLED_OFFER: &str =
        "Settled: the remaining questions cannot change the recommendation. Press f to finish now.";
    pub const NOTHING_FITS_OFFER: &str =
        "Nothing fits these answers any more. Press f to see why and what to relax.";
    pub const NOT_SETTLED_YET: &str =
        "Not settled yet: the remaining questions can still change the recommendation.";

    pub const NOTE: &str = "note";
    pub const SOURCE: &str = "source";
    pub const UNANSWERED_LEFT: &str = "Questions are left unanswered: press n to answer them.";
    pub const NEW_QUESTIONS: &str = "Press n for the questions it opens.";
    pub const YOUR_ANSWERS: &str = "Your answers";
    pub const NO_ANSWERS: &str = "(no answers yet)";
    pub const CHANGE_ANSWER: &str = "Change your answer";
    pub const ANSWER_CHANGED: &str = "Answer changed, result re-evaluated.";
    pub const NO_MORE_NEEDED: &str = "No remaining question can change the result: the questions left are not needed (you can still answer them from your answers).";
    pub const NOT_NEEDED: &str = "not needed";
    pub const MORE_KEYS: &str = "more";
    pub fn resumed(count: usize) -> String {
        let s = if count == 1 { "" } else { "s" };
        format!("Resumed your {count} saved answer{s}; n on the welcome screen starts afresh.")
    }
    pub fn saved_offer(count: usize, when: &str) -> String {
        let s = if count == 1 { "" } else { "s" };
        if when.is_empty() {
            format!("{count} saved answer{s}: Enter resumes them, n starts afresh")
        } else {
            format!("{count} saved answer{s} from {when}: Enter resumes them, n starts afresh")
        }
    }
    pub fn pick_when(when: &str) -> String {
        format!("Choose it for {when}.")
    }
    pub const ANSWER_KEPT: &str = "Answer unchanged.";

    pub const EXPORT_TITLE: &str = "Export";
    pub const CONFIRM_TITLE: &str = "Overwrite?";
    pub const EXPORT_REPORT: &str = "Export the report (Markdown) to";
    pub const EXPORT_ADR: &str = "Export the decision record (ADR) to";
    pub const SAVE_ANSWERS: &str = "Save the answers (TOML) to";
    pub const DEFAULT_REPORT_FILE: &str = "authwiz-report.md";
    pub const DEFAULT_ADR_FILE: &str = "decision-record.md";
    pub const DEFAULT_ANSWERS_FILE: &str = "authwiz-answers.toml";
    pub const FILE_PROMPT_HINT: &str = "Enter save · Esc cancel";
    pub fn exists(path: &str) -> String {
        format!("{path} already exists. Overwrite it? (y / n)")
    }
    pub fn written(what: &str, path: &str) -> String {
        format!("Wrote the {what} to {path}.")
    }
    pub fn resume_hint(path: &str) -> String {
        format!("Resume with: authwiz --answers {path}")
    }
    pub fn not_written(path: &str, why: &str) -> String {
        format!("Nothing written to {path}: {why}")
    }
    pub const NOT_OVERWRITTEN: &str = "Kept the existing file; nothing written.";
    pub const EMPTY_FILE_NAME: &str = "Type a file name first.";
    pub const WHAT_REPORT: &str = "report";
    pub const WHAT_ADR: &str = "decision record";
    pub const WHAT_ANSWERS: &str = "answers";

    pub const COMPARE_TITLE: &str = "{candidates} side by side";
    pub const SHOW_COLUMNS: &str = "Show";
    pub const ONLY_DIFFERENCES: &str = "Only differences";
    pub const ON: &str = "on";
    pub const OFF: &str = "off";
    pub const NO_CONTEXT: &str = "none";
    pub const CHOOSE_A_COLUMN: &str = "Choose at least one {candidate} to show (Space).";
    pub const NO_ROWS: &str = "No row differs between the {candidates} shown.";
    pub const DETAILS: &str = "Details";
    pub fn when_to_use(name: &str) -> String {
        format!("When to use {name}")
    }
    pub const MATRIX_TITLE: &str = "{contexts} × {candidates}";
    pub const NOTE_LEGEND: &str = "* the cell has a note (details below)";
    pub const NO_MATRIX: &str = "This dataset has no support matrix.";
    pub const GLOSSARY: &str = "Glossary";
    pub const KEYS: &str = "Keys";
    pub const EXIT_CODES: &str = "Leaving: q on the result screen prints the result and exits \
        as `authwiz recommend` does for the same answers (0, or 3 when nothing fits, 4 on a tie); \
        q before a result exits 1; Ctrl+C exits 130 at once.";

    pub fn too_small(min_w: u16, min_h: u16, w: u16, h: u16) -> String {
        format!(
            "authwiz needs a terminal of at least {min_w}×{min_h} (this one is {w}×{h}). \
             Enlarge it, or press q to quit."
        )
    }
    pub const FINISH_NOT_YET: &str =
        "Not settled yet: answer the remaining questions first (they can still change the result).";

    // ---- plain mode ----
    pub const PLAIN_COMMANDS: &str = "Type a number or an option id (Enter takes the one shown); b goes back, ? shows help, q quits (your answers are kept).";
    pub const PLAIN_GLOSSARY_HINT: &str = "Type ?? for the glossary.";
    pub const PLAIN_NO_MORE_NEEDED: &str =
        "No remaining question can change the result; the questions left are not needed.";
    pub fn plain_resume(count: usize, when: &str) -> String {
        let s = if count == 1 { "" } else { "s" };
        if when.is_empty() {
            format!("You have {count} saved answer{s}. Resume them?")
        } else {
            format!("You have {count} saved answer{s} from {when}. Resume them?")
        }
    }
    pub fn answers_kept(count: usize) -> String {
        let (what, them) = if count == 1 {
            ("answer is", "it")
        } else {
            ("answers are", "them")
        };
        format!(
            "your {count} {what} kept: authwiz offers to resume {them} next time (--fresh starts afresh)"
        )
    }
    pub const PLAIN_PROMPT: &str = "Answer";
    pub fn plain_keep(n: usize) -> String {
        format!("Enter = {n}")
    }
    pub fn plain_invalid(input: &str, max: usize) -> String {
        format!(
            "\u{201c}{input}\u{201d} is not an answer here: type 1 to {max}, an option id, b, ?, f or q."
        )
    }
    pub const PLAIN_FIRST: &str = "This is the first question.";
    pub fn plain_too_long(start: &str, max_bytes: usize, max: usize) -> String {
        format!(
            "\u{201c}{start}\u{201d} is longer than {max_bytes} bytes, so it is not an answer: type 1 to {max}, an option id, b, ?, f or q."
        )
    }

    pub const PLAIN_EOF: &str = "input ended before a result; nothing was decided";
    pub const PLAIN_QUIT: &str = "left before a result";
    pub const PLAIN_STATUS: &str = "So far";
    pub const PLAIN_SETTLED: &str = "Settled: the remaining questions cannot change the recommendation. \
        Type f to finish now, or keep answering.";
    pub const PLAIN_NOTHING_FITS: &str = "Nothing fits these answers any more. Type f to see why and what to relax, or b to go back.";

    // ---- no terminal ----
    pub const NO_TERMINAL: &str = "the interactive wizard needs a terminal, and standard input is not one. \
        Use `authwiz --plain` for numbered prompts on standard input, or `authwiz recommend --answer QUESTION=OPTION ...` for scripts.";
    pub const NO_EDITION_LOADS: &str = "no bundled edition could be loaded";
}
pub const CONFLICT_GIVEN: &str = "which apply because you answered";
