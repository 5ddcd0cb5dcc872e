//! The new-visit form: moving between fields, choosing, typing, creating.

use crate::domain::visit::{Member, Role, Unit, UnitKind};
use crate::service::NewVisit;
use crate::strings::texts;
use crate::tui::action::{Action, Effect};
use crate::tui::editor;
use crate::tui::state::{Confirm, Field, Form, Overlay, Screen, State};

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let rubric_count = state.rubrics.len();
    let previous: Vec<String> = match &state.screen {
        Screen::NewVisit(form) => form
            .previous_choices(&state.visits)
            .into_iter()
            .map(|visit| visit.id.clone())
            .collect(),
        _ => Vec::new(),
    };
    let Screen::NewVisit(form) = &mut state.screen else {
        return Vec::new();
    };
    let last = Field::ALL.len() - 1;
    match action {
        Action::NextField => form.focus = (form.focus + 1).min(last),
        Action::PrevField => form.focus = form.focus.saturating_sub(1),
        Action::Enter if form.focus < last => form.focus += 1,
        Action::Enter | Action::Submit => return submit(state),
        Action::ChoiceLeft | Action::ChoiceRight => {
            let forward = action == Action::ChoiceRight;
            match form.field() {
                Field::Kind => form.kind = cycle(&UnitKind::ALL, form.kind, forward),
                Field::Rubric if rubric_count > 0 => {
                    form.rubric = if forward {
                        (form.rubric + 1) % rubric_count
                    } else {
                        (form.rubric + rubric_count - 1) % rubric_count
                    };
                }
                Field::Previous => {
                    // "None" (a first visit), then the unit's earlier visits, newest first.
                    let mut choices: Vec<Option<String>> = vec![None];
                    choices.extend(previous.into_iter().map(Some));
                    let index = choices
                        .iter()
                        .position(|choice| *choice == form.follow_up)
                        .unwrap_or(0);
                    let count = choices.len();
                    let next = if forward {
                        (index + 1) % count
                    } else {
                        (index + count - 1) % count
                    };
                    form.follow_up.clone_from(&choices[next]);
                    if let Some(kind) = form
                        .follow_up
                        .as_ref()
                        .and_then(|id| state.visits.iter().find(|v| &v.id == id).map(|v| v.kind))
                    {
                        form.kind = kind;
                    }
                }
                _ => {}
            }
        }
        Action::Back if form.is_touched() => {
            state.overlay = Some(Overlay::Confirm(Confirm::DiscardForm));
        }
        Action::Back => state.screen = Screen::List,
        other => {
            if !form.field().is_choice() {
                let index = form.focus;
                editor::apply(&mut form.texts[index], &other, false);
                form.error = None;
            }
        }
    }
    Vec::new()
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let index = all.iter().position(|x| *x == current).unwrap_or(0);
    let next = if forward {
        (index + 1) % all.len()
    } else {
        (index + all.len() - 1) % all.len()
    };
    all[next]
}

/// Checks the form and asks the app to create the visit; a problem stays on the form, with
/// the focus on the field to fix.
fn submit(state: &mut State) -> Vec<Effect> {
    let t = texts(state.lang);
    let Screen::NewVisit(form) = &mut state.screen else {
        return Vec::new();
    };
    match read_form(form, state.rubrics.len()) {
        Err((field, message)) => {
            form.focus = Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
            form.error = Some(message(t));
            Vec::new()
        }
        Ok(new) => match state.rubrics.get(form.rubric) {
            Some(rubric) => vec![Effect::CreateVisit {
                rubric: Box::new(rubric.clone()),
                new,
                follow_up: form.follow_up.clone(),
                plan: form.plan.clone(),
            }],
            None => Vec::new(),
        },
    }
}

type Problem = (Field, Box<dyn Fn(&dyn crate::strings::Texts) -> String>);

fn read_form(form: &Form, rubric_count: usize) -> Result<NewVisit, Problem> {
    let name = form.text(Field::Unit).trim().to_owned();
    if name.is_empty() {
        return Err((Field::Unit, Box::new(|t| t.form_unit_missing().to_owned())));
    }
    let date_text = form.text(Field::Date).trim().to_owned();
    let Some(date) = crate::domain::stamp::parse_date(&date_text) else {
        return Err((Field::Date, Box::new(move |t| t.bad_date(&date_text))));
    };
    if rubric_count == 0 {
        return Err((
            Field::Rubric,
            Box::new(|t| t.label(crate::strings::Label::NoRubrics).to_owned()),
        ));
    }
    let mut team = Vec::new();
    let mut add = |names: String, role: Role| {
        for name in names
            .split([',', ';'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            team.push(Member {
                name: name.to_owned(),
                role,
                position: String::new(),
                agency: String::new(),
            });
        }
    };
    add(form.text(Field::Leader), Role::TruongDoan);
    add(form.text(Field::Secretary), Role::ThuKy);
    add(form.text(Field::Members), Role::ThanhVien);
    let unit = Unit {
        name,
        kind: form.kind,
        address: form.text(Field::Address).trim().to_owned(),
    };
    Ok(NewVisit { unit, date, team })
}

/// The new-visit form for a visit that checks `previous` again: its unit (name, kind,
/// address), the installed version of its rubric, today's date and the inspector as
/// leader; everything stays editable.
pub fn follow_up(state: &mut State, previous: &crate::domain::visit::VisitState) {
    let visit = &previous.visit;
    let today =
        crate::strings::texts(state.lang).short_date(crate::domain::visit::Stamp::now().date());
    let mut form = Form::new(&today, state.inspector.as_deref());
    let set = |form: &mut Form, field: Field, text: &str| {
        if let Some(index) = Field::ALL.iter().position(|f| *f == field) {
            form.texts[index] = editor::editor(text);
        }
    };
    set(&mut form, Field::Unit, &visit.unit.name);
    set(&mut form, Field::Address, &visit.unit.address);
    form.kind = visit.unit.kind;
    // The installed version of its rubric (the catalog keeps one current version per id;
    // superseded ones are not offered for new visits).
    if let Some(index) = state
        .rubrics
        .iter()
        .position(|rubric| rubric.id == visit.rubric.id)
    {
        form.rubric = index;
    }
    form.follow_up = Some(visit.id.clone());
    form.focus = Field::ALL
        .iter()
        .position(|f| *f == Field::Date)
        .unwrap_or(0);
    state.screen = Screen::NewVisit(Box::new(form));
}

/// The new-visit form filled from a plan entry: unit, kind, address, date, the team (leader,
/// secretary, members) and its rubric (the installed version of that id); everything stays
/// editable, and the entry is linked to the visit once it is created.
pub fn from_plan(state: &mut State, entry: &crate::domain::plan::PlanEntry) {
    let t = crate::strings::texts(state.lang);
    let mut form = Form::new(&t.short_date(entry.date), None);
    let set = |form: &mut Form, field: Field, text: &str| {
        if let Some(index) = Field::ALL.iter().position(|f| *f == field) {
            form.texts[index] = editor::editor(text);
        }
    };
    set(&mut form, Field::Unit, &entry.unit.name);
    set(&mut form, Field::Address, &entry.unit.address);
    form.kind = entry.unit.kind;
    let names = |role: Role| {
        let named: Vec<&str> = entry
            .team
            .iter()
            .filter(|member| {
                member.role == role
                    || (role == Role::ThanhVien && member.role == Role::PhoTruongDoan)
            })
            .map(|member| member.name.as_str())
            .collect();
        named.join("; ")
    };
    set(&mut form, Field::Leader, &names(Role::TruongDoan));
    set(&mut form, Field::Secretary, &names(Role::ThuKy));
    set(&mut form, Field::Members, &names(Role::ThanhVien));
    // `id` or `id@version`, as the plan names it.
    let (id, version) = match entry.rubric.split_once('@') {
        Some((id, version)) => (id, Some(version)),
        None => (entry.rubric.as_str(), None),
    };
    if let Some(index) = state
        .rubrics
        .iter()
        .position(|rubric| rubric.id == id && version.is_none_or(|v| rubric.version == v))
        .or_else(|| state.rubrics.iter().position(|rubric| rubric.id == id))
    {
        form.rubric = index;
    }
    form.plan = Some(entry.id.clone());
    state.screen = Screen::NewVisit(Box::new(form));
}
