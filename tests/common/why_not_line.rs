//! Reads the numbers off a one-line why-not of the summary ("X fits, but scores N points
//! less than P: “answer” gives P +a, X +b (and k more answers: +r for P in all) [1]"), for
//! tests that check they add up to the gap the line states.

/// The numbers on `line`, if it is a "fits, but scores N points less" line naming an
/// answer: the gap, the pick's and the other's points from that answer, and the net
/// points of the answers left off the line (when it counts some).
pub fn numbers(line: &str) -> Option<(i64, i64, i64, Option<i64>)> {
    let int = |s: &str| -> Option<i64> { s.trim().trim_start_matches('+').parse().ok() };
    let gap = int(line.split(" scores ").nth(1)?.split(" point").next()?)?;
    let gives = line.rsplit(" gives ").next()?;
    let (pick_part, rest) = gives.split_once(", ")?;
    let mine = int(pick_part.rsplit(' ').next()?)?;
    let theirs_part = rest.split(" (and ").next()?.split(" [").next()?;
    let theirs = int(theirs_part.rsplit(' ').next()?)?;
    let others = match rest
        .split_once(" more answer")
        .or_else(|| rest.split_once(" more reason"))
    {
        Some((_, tail)) => {
            let tail = tail.trim_start_matches('s').trim_start_matches(": ");
            Some(int(tail.split(' ').next()?)?)
        }
        None => None,
    };
    Some((gap, mine, theirs, others))
}

/// Checks every such line of `text`; returns how many there were and how many counted
/// other answers, or the first line whose numbers do not add up.
pub fn check(text: &str) -> Result<(usize, usize), String> {
    let (mut lines, mut with_others) = (0, 0);
    for line in text
        .lines()
        .filter(|l| l.contains(" point") && l.contains(" gives "))
    {
        let (gap, mine, theirs, others) =
            numbers(line).ok_or_else(|| format!("unreadable why-not line: {line}"))?;
        if mine - theirs + others.unwrap_or(0) != gap {
            return Err(format!("the numbers do not add up to {gap}: {line}"));
        }
        lines += 1;
        with_others += usize::from(others.is_some());
    }
    Ok((lines, with_others))
}
