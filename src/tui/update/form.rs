//! The new-visit form: moving between fields, choosing, typing, creating.

use crate::domain::visit::{Member, Role, Unit, UnitKind};
use crate::strings::texts;
use crate::tui::action::{Action, Effect};
use crate::tui::editor;
use crate::tui::state::{Confirm, Field, Form, Overlay, Screen, State};
use crate::visits::NewVisit;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let rubric_count = state.rubrics.len();
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
    let Ok(date) = date_text.parse::<jiff::civil::Date>() else {
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
