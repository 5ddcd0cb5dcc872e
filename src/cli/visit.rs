//! `onsite new | list | show | history | trash`: creating and reading visits.

use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

use super::{CliError, Context, ListFormat, StatusArg};
use crate::catalog::Catalog;
use crate::domain::scoring::round1;
use crate::domain::visit::{Member, Role, Stamp, Status, Unit, UnitKind, VisitSummary};
use crate::service::{self, NewVisit};
use crate::strings::{self, Label, Texts, clip, inert, num};

/// Matches a typed word against the labels of every language and a plain-ASCII slug.
fn choose<T: Copy>(
    given: &str,
    all: &[T],
    label: impl Fn(&dyn Texts, T) -> &'static str,
    slug: impl Fn(T) -> &'static str,
) -> Option<T> {
    let given: String = given.trim().to_lowercase().nfc().collect();
    let languages = [
        strings::texts(crate::domain::rubric::Lang::Vi),
        strings::texts(crate::domain::rubric::Lang::En),
    ];
    all.iter().copied().find(|&choice| {
        slug(choice) == given || languages.iter().any(|texts| label(*texts, choice) == given)
    })
}

fn role_slug(role: Role) -> &'static str {
    match role {
        Role::TruongDoan => "truong-doan",
        Role::PhoTruongDoan => "pho-truong-doan",
        Role::ThanhVien => "thanh-vien",
        Role::ThuKy => "thu-ky",
    }
}

/// The kind a typed word names.
pub(super) fn kind_named(kind: &str) -> Result<UnitKind, CliError> {
    // Every spelling of a kind comes from its one table (`domain::unit::SPELLINGS`).
    UnitKind::named(kind).ok_or_else(|| CliError::BadKind(kind.to_owned()))
}

/// A visit's date as typed (yyyy-mm-dd or dd/mm/yyyy, as inspectors write it); today when
/// none is given.
pub(super) fn date_named(date: Option<&str>) -> Result<Date, CliError> {
    match date {
        None => Ok(Stamp::now().date()),
        Some(text) => {
            crate::domain::stamp::parse_date(text).ok_or_else(|| CliError::BadDate(text.to_owned()))
        }
    }
}

/// A team member as typed: "Name:Role:Position:Agency", everything after the name may be
/// left out; the role then is `role`.
pub(super) fn member_named(entry: &str, role: Role) -> Result<Member, CliError> {
    let mut parts = entry.splitn(4, ':').map(str::trim);
    let name = parts.next().unwrap_or_default();
    let typed_role = parts.next().filter(|r| !r.is_empty());
    let position = parts.next().unwrap_or_default();
    let agency = parts.next().unwrap_or_default();
    let role = match typed_role {
        None => role,
        Some(typed) => choose(typed, &Role::ALL, |t, r| t.role(r), role_slug)
            .ok_or_else(|| CliError::BadRole(typed.to_owned()))?,
    };
    if name.is_empty() {
        return Err(CliError::MemberUnnamed);
    }
    Ok(Member {
        name: name.to_owned(),
        role,
        position: position.to_owned(),
        agency: agency.to_owned(),
    })
}

/// `onsite new`: the unit's name and address, then its kind, the date and the team as typed.
pub fn new(
    cx: &mut Context<'_>,
    rubric: Option<&str>,
    (unit_name, address): (&str, &str),
    (kind, date, team): (&str, Option<&str>, &[String]),
    follow_up: Option<&str>,
) -> Result<(), CliError> {
    // Asked first: a command that cannot be recorded opens nothing.
    cx.actor()?;
    let kind = kind_named(kind)?;
    let date = date_named(date)?;
    let members = team
        .iter()
        .map(|entry| member_named(entry, Role::ThanhVien))
        .collect::<Result<Vec<_>, _>>()?;
    let store = cx.store()?;
    // A follow-up takes the unit and the rubric id of the visit it checks again.
    let (previous, unit, query) = if let Some(prefix) = follow_up {
        let (state, _) = service::resolve(&store, prefix).and_then(|id| Ok(store.load(&id)?))?;
        let previous = state.visit;
        let (unit, query) = (previous.unit.clone(), previous.rubric.id.clone());
        (Some(previous.id), unit, query)
    } else {
        let Some(query) = rubric
            .map(str::to_owned)
            .or_else(|| cx.config.default_rubric.clone())
        else {
            return Err(CliError::NoRubricGiven);
        };
        let unit = Unit {
            name: unit_name.trim().to_owned(),
            kind,
            address: address.trim().to_owned(),
        };
        (None, unit, query)
    };
    let new = NewVisit {
        unit,
        date,
        team: members,
    };
    let id = create(cx, &store, &query, new, previous)?;
    writeln!(cx.out, "{id}")?;
    Ok(())
}

/// Creates a visit with the rubric `query` names (`id` or `id@version`), as `onsite new`
/// and `onsite plan start` both do; its id. A rubric not
/// made for the unit's kind is warned about on stderr, and the visit is created all the same
/// (the team may know better: a unit of two kinds, a trial run).
pub(super) fn create(
    cx: &mut Context<'_>,
    store: &crate::store::Store,
    query: &str,
    new: NewVisit,
    previous: Option<String>,
) -> Result<String, CliError> {
    let actor = cx.actor()?;
    let catalog = Catalog::load(cx.paths.user_rubrics.as_deref());
    let rubric = catalog.find(query)?.rubric.clone();
    if new.unit.name.is_empty() {
        return Err(CliError::UnitEmpty);
    }
    let kind = new.unit.kind;
    let state = service::create_follow_up(store, &rubric, new, previous, &actor)?;
    if !rubric.fits(kind) {
        let warning = cx.texts.rubric_not_for_kind(&rubric, kind, &state.visit.id);
        writeln!(cx.err, "{}", inert(&warning))?;
    }
    Ok(state.visit.id)
}

/// A visit as `list --format yaml` writes it: scores as YAML numbers.
#[derive(serde::Serialize)]
struct ListedVisit<'a> {
    id: &'a str,
    date: String,
    unit: &'a str,
    kind: crate::domain::visit::UnitKind,
    rubric_id: &'a str,
    rubric_version: &'a str,
    status: Status,
    answered: usize,
    item_count: usize,
    score: f64,
    nominal_total: f64,
    verdict: crate::domain::scoring::Verdict,
    band: Option<&'a str>,
    updated_at: String,
    deleted: bool,
}

impl<'a> From<&'a VisitSummary> for ListedVisit<'a> {
    fn from(s: &'a VisitSummary) -> Self {
        let number = |d: rust_decimal::Decimal| f64::try_from(d).unwrap_or(f64::NAN);
        ListedVisit {
            id: &s.id,
            date: s.date.to_string(),
            unit: &s.unit,
            kind: s.kind,
            rubric_id: &s.rubric_id,
            rubric_version: &s.rubric_version,
            status: s.status,
            answered: s.answered,
            item_count: s.item_count,
            score: number(s.score),
            nominal_total: number(s.nominal_total),
            verdict: s.verdict,
            band: s.band.as_deref(),
            updated_at: s.updated_at.to_string(),
            deleted: s.deleted,
        }
    }
}

/// Pads `text` to `width` terminal columns (Vietnamese and wide characters counted right).
pub(super) fn pad(text: &str, width: usize) -> String {
    let clipped = clip(text, width);
    let fill = width.saturating_sub(clipped.width());
    format!("{clipped}{}", " ".repeat(fill))
}

/// `onsite list` (`trash`: `onsite trash`), newest first.
pub fn list(
    cx: &mut Context<'_>,
    status: Option<StatusArg>,
    format: ListFormat,
    trash: bool,
    all: bool,
) -> Result<(), CliError> {
    let store = cx.store()?;
    let wanted = |s: &VisitSummary| {
        s.deleted == trash
            && status.is_none_or(|st| match st {
                StatusArg::Draft => s.status == Status::Draft,
                StatusArg::Finalized => s.status == Status::Finalized,
            })
    };
    let limit = (!all && format == ListFormat::Table).then_some(LIST_PAGE);
    let (shown, cut) = store.newest(limit, wanted)?;
    if format == ListFormat::Yaml {
        let listed: Vec<ListedVisit> = shown.iter().map(ListedVisit::from).collect();
        let text = crate::yaml::to_string(&listed).unwrap_or_default();
        write!(cx.out, "{}", inert(&text))?;
        return Ok(());
    }
    let t = cx.texts;
    if shown.is_empty() {
        let any = !store.newest(Some(1), |s| s.deleted == trash)?.0.is_empty();
        let empty = if trash {
            Label::TrashEmpty
        } else if any {
            Label::NoMatchingVisits
        } else {
            Label::NoVisits
        };
        writeln!(cx.out, "{}", t.label(empty))?;
        return Ok(());
    }
    let rubric_width = shown.iter().map(|s| s.rubric_id.width()).max().unwrap_or(0);
    for s in &shown {
        let line = format!(
            "{}  {}  {}  {}  {:<11}  {:>5}  {:>9}  {}",
            &s.id[..s.id.len().min(12)],
            s.date,
            pad(&s.unit, 30),
            pad(&s.rubric_id, rubric_width),
            t.status(s.status),
            format!("{}/{}", s.answered, s.item_count),
            format!("{}/{}", num(s.score), num(s.nominal_total)),
            t.verdict(s.verdict),
        );
        writeln!(cx.out, "{}", inert(&line))?;
    }
    if cut {
        writeln!(cx.out, "{}", t.list_cut(shown.len()))?;
    }
    Ok(())
}

/// `onsite list` shows this many visits unless given `--all`: an inspector looks for a recent
/// visit, and printing 10,000 lines costs more than starting the program (issue 7).
const LIST_PAGE: usize = 50;

/// Each standard's points and share; for a follow-up, the earlier share and the change.
fn standards(
    t: &dyn Texts,
    lang: crate::domain::rubric::Lang,
    (rubric, card): (
        &crate::domain::rubric::Rubric,
        &crate::domain::scoring::Scorecard,
    ),
    previous: Option<&(
        crate::document::VisitRecord,
        crate::domain::scoring::Scorecard,
    )>,
) -> String {
    let mut text = String::new();
    if let Some((record, _)) = &previous {
        let date = record.state.visit.date.to_string();
        text += &format!("{}\n", t.compared_with(&record.state.visit.id, &date));
    }
    let shown = |percent: Option<rust_decimal::Decimal>| {
        percent.map_or_else(|| "—".to_owned(), |p| format!("{}%", num(round1(p))))
    };
    for (section, score) in rubric.sections.iter().zip(&card.sections) {
        let before = previous.and_then(|(record, then)| {
            let index = record
                .rubric
                .sections
                .iter()
                .position(|s| s.id == section.id)?;
            then.sections.get(index)
        });
        let change = match (before.and_then(|b| b.percent), score.percent) {
            (Some(then), Some(now)) => {
                let delta = round1(now) - round1(then);
                let sign = if delta.is_sign_positive() && !delta.is_zero() {
                    "+"
                } else {
                    ""
                };
                let then = shown(Some(then));
                format!("  ({} {then}, {sign}{})", t.label(Label::Then), num(delta))
            }
            _ if previous.is_some() => format!("  ({} —)", t.label(Label::Then)),
            _ => String::new(),
        };
        text += &format!(
            "  {:<4} {}  {}/{}  {}{change}\n",
            section.id,
            pad(section.title_in(lang), 48),
            num(score.earned),
            num(score.applicable_max),
            shown(score.percent),
        );
    }
    text
}

pub fn show(cx: &mut Context<'_>, visit: &str) -> Result<(), CliError> {
    let store = cx.store()?;
    let (state, rubric) = service::resolve(&store, visit).and_then(|id| Ok(store.load(&id)?))?;
    let t = cx.texts;
    let lang = cx.lang;
    let v = &state.visit;
    let card = state.score(&rubric);
    // A follow-up shows each standard beside the visit it checks again.
    let previous = service::previous(&store, &state).map(|record| {
        let card = record.state.score(&record.rubric);
        (record, card)
    });
    let mut text = format!("{} ({})\n", v.unit.name, t.unit_kind(v.unit.kind));
    if !v.unit.address.is_empty() {
        text += &format!("{}: {}\n", t.label(Label::Address), v.unit.address);
    }
    text += &format!(
        "{}: {} · {}: {} · {}: {}\n",
        t.label(Label::Id),
        v.id,
        t.label(Label::Date),
        v.date,
        t.label(Label::Status),
        t.status(v.status)
    );
    text += &format!(
        "{}: {} {} · {}\n",
        t.label(Label::Rubric),
        rubric.id,
        rubric.version,
        rubric.title_in(lang)
    );
    if !v.team.is_empty() {
        let team: Vec<String> = v
            .team
            .iter()
            .map(|m| format!("{} ({})", m.name, t.role(m.role)))
            .collect();
        text += &format!("{}: {}\n", t.label(Label::Team), team.join(", "));
    }
    let provisional = if card.is_provisional() {
        format!(" ({})", t.label(Label::Provisional))
    } else {
        String::new()
    };
    text += &format!(
        "{}: {}/{}\n{}: {}/{}{provisional}\n",
        t.label(Label::Progress),
        card.answered,
        card.item_count,
        t.label(Label::Score),
        num(card.score_rounded()),
        num(card.nominal_total),
    );
    text += &standards(t, lang, (&rubric, &card), previous.as_ref());
    text += &format!("{}: {}\n", t.label(Label::Verdict), t.verdict(card.verdict));
    if let Some(band) = card.band.and_then(|b| rubric.bands.get(b)) {
        text += &format!(
            "{}: {}{provisional}\n",
            t.label(Label::Band),
            band.label_in(lang)
        );
    }
    if !card.reasons.is_empty() {
        text += &format!("{}:\n", t.label(Label::Reasons));
        for reason in &card.reasons {
            text += &format!("  - {}\n", t.reason(reason));
        }
    }
    if !card.failed_critical.is_empty() {
        text += &format!("{}:\n", t.label(Label::FailedCritical));
        for id in &card.failed_critical {
            let item_text = rubric.item(id).map_or("", |item| item.text_in(lang));
            text += &format!("  {id}  {item_text}\n");
        }
    }
    write!(cx.out, "{}", inert(&text))?;
    Ok(())
}

pub fn history(cx: &mut Context<'_>, visit: &str, item: Option<&str>) -> Result<(), CliError> {
    let store = cx.store()?;
    let (rubric, changes) = service::resolve(&store, visit)
        .and_then(|id| Ok((store.load(&id)?.1, store.history(&id)?)))?;
    if let Some(unknown) = item.filter(|i| rubric.item(i).is_none()) {
        return Err(CliError::unknown_item(unknown));
    }
    for change in changes
        .iter()
        .filter(|c| item.is_none_or(|i| c.edit.item() == Some(i)))
    {
        let line = format!(
            "#{:<4} {}  {}  {}",
            change.seq,
            change.at,
            change.by,
            cx.texts.change(change, &rubric)
        );
        writeln!(cx.out, "{}", inert(&line))?;
    }
    Ok(())
}
