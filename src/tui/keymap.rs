//! Keys are data: one table of (where, keys, action, description). The keymap resolves a key
//! press to an [`Action`]; the footer hints and the `?` help are drawn from the same table, so
//! they can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::state::{Overlay, PickerStep, Screen, State};

/// Where the user is: which part of the table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    AskName,
    List,
    ListFilter,
    FormText,
    FormChoice,
    Scoring,
    Note,
    Search,
    Summary,
    /// The minutes' details, a row selected.
    Minutes,
    /// Typing one detail of the minutes.
    MinutesEdit,
    /// The corrective-action form.
    ActionForm,
    Help,
    Confirm,
    Notice,
    /// The list showing the trash.
    Trash,
    /// The evidence picker: the inbox folder's files.
    Picker,
    /// The evidence picker: typing a path.
    PickerPath,
    /// The evidence picker: typing the caption.
    Caption,
    /// The summary of one rubric's visits.
    Stats,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    AltEnter,
    /// Any digit 0–9 (becomes [`Action::Digit`]).
    Digits,
    /// Any printable character (becomes [`Action::Char`]).
    Text,
    /// Any key at all.
    Any,
}

/// What a binding does, in words (see `strings::ui`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    Move,
    NextPrevSection,
    Answer,
    Na,
    Clear,
    EditNote,
    NextUnanswered,
    Undo,
    Redo,
    Search,
    SearchNextPrev,
    Summary,
    Finalize,
    Help,
    Back,
    Quit,
    QuitNow,
    Open,
    New,
    Delete,
    Filter,
    Type,
    Done,
    NewLine,
    LineEdit,
    NextField,
    PrevField,
    Choose,
    Create,
    Cancel,
    Yes,
    No,
    Continue,
    SaveName,
    EditFinding,
    Report,
    /// Open the minutes' details.
    Minutes,
    /// Edit the selected detail.
    Edit,
    /// Save what was typed.
    Save,
    /// Add a corrective action.
    AddAction,
    /// Mark the selected corrective action done.
    ActionDone,
    /// A follow-up of the selected visit.
    FollowUp,
    /// Show the trash (or leave it).
    Trash,
    /// Bring the selected visit back from the trash.
    Restore,
    /// Undo the last delete on the list.
    UndoDelete,
    /// Scroll the criterion's text.
    ScrollText,
    /// Attach evidence to the criterion (opens the picker).
    Attach,
    /// Choose a file in the picker, or leave it out again.
    ChooseFile,
    /// Attach what was chosen.
    AttachChosen,
    /// Type a path instead of choosing from the inbox.
    TypePath,
    /// Type a path, starting with the key pressed (`/`, `~`).
    TypePathFrom,
    /// Complete the name typed.
    Complete,
    /// The summary of the selected visit's rubric.
    Stats,
    /// Scroll by a page.
    Page,
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: Help,
    /// Shown in the footer hint bar (the rest only in `?` help).
    pub footer: bool,
}

use Context as C;
use Key as K;

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: Help,
    footer: bool,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        footer,
    }
}

const UP: K = K::Code(KeyCode::Up);
const DOWN: K = K::Code(KeyCode::Down);
const ENTER: K = K::Code(KeyCode::Enter);
const ESC: K = K::Code(KeyCode::Esc);
const BACKSPACE: K = K::Code(KeyCode::Backspace);

/// Editing keys shared by every text input.
macro_rules! line_editing {
    ($ctx:expr) => {
        [
            bind($ctx, &[K::Text], Action::Char(' '), Help::Type, false),
            bind($ctx, &[BACKSPACE], Action::Backspace, Help::LineEdit, false),
            bind(
                $ctx,
                &[K::Code(KeyCode::Delete)],
                Action::DeleteForward,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Code(KeyCode::Left)],
                Action::CursorLeft,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Code(KeyCode::Right)],
                Action::CursorRight,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Ctrl('a'), K::Code(KeyCode::Home)],
                Action::LineStart,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Ctrl('e'), K::Code(KeyCode::End)],
                Action::LineEnd,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Ctrl('w')],
                Action::DeleteWordBack,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Ctrl('u')],
                Action::DeleteToStart,
                Help::LineEdit,
                false,
            ),
            bind(
                $ctx,
                &[K::Ctrl('k')],
                Action::DeleteToEnd,
                Help::LineEdit,
                false,
            ),
        ]
    };
}

static SCORING: [Binding; 24] = [
    bind(
        C::Scoring,
        &[K::Code(KeyCode::PageDown)],
        Action::ScrollText { down: true },
        Help::ScrollText,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Code(KeyCode::PageUp)],
        Action::ScrollText { down: false },
        Help::ScrollText,
        false,
    ),
    bind(
        C::Scoring,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(
        C::Scoring,
        &[UP, K::Char('k')],
        Action::Up,
        Help::Move,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char(']')],
        Action::NextSection,
        Help::NextPrevSection,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char('[')],
        Action::PrevSection,
        Help::NextPrevSection,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Digits],
        Action::Digit('0'),
        Help::Answer,
        true,
    ),
    // The decimal mark both ways: `8` `,` `5` is 8.5, as Vietnamese write it.
    bind(
        C::Scoring,
        &[K::Char('.'), K::Char(',')],
        Action::Dot,
        Help::Answer,
        false,
    ),
    bind(C::Scoring, &[ENTER], Action::Enter, Help::Answer, false),
    bind(
        C::Scoring,
        &[K::Char('x')],
        Action::NotApplicable,
        Help::Na,
        true,
    ),
    bind(
        C::Scoring,
        &[BACKSPACE, K::Code(KeyCode::Delete)],
        Action::Clear,
        Help::Clear,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char('e')],
        Action::EditNote,
        Help::EditNote,
        true,
    ),
    // `p` for photo (ảnh): on the list it is the follow-up, a different screen.
    bind(
        C::Scoring,
        &[K::Char('p')],
        Action::AttachEvidence,
        Help::Attach,
        true,
    ),
    bind(
        C::Scoring,
        &[K::Char('g')],
        Action::NextUnanswered,
        Help::NextUnanswered,
        true,
    ),
    bind(
        C::Scoring,
        &[K::Char('a')],
        Action::AddAction,
        Help::AddAction,
        false,
    ),
    bind(C::Scoring, &[K::Char('u')], Action::Undo, Help::Undo, true),
    bind(C::Scoring, &[K::Ctrl('r')], Action::Redo, Help::Redo, false),
    bind(
        C::Scoring,
        &[K::Char('/')],
        Action::StartSearch,
        Help::Search,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char('n')],
        Action::SearchNext,
        Help::SearchNextPrev,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char('N')],
        Action::SearchPrev,
        Help::SearchNextPrev,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char('s')],
        Action::Summary,
        Help::Summary,
        true,
    ),
    bind(
        C::Scoring,
        &[K::Char('f')],
        Action::Finalize,
        Help::Finalize,
        false,
    ),
    bind(
        C::Scoring,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(
        C::Scoring,
        &[ESC, K::Char('q')],
        Action::Back,
        Help::Back,
        true,
    ),
];

static TRASH: [Binding; 6] = [
    bind(
        C::Trash,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(C::Trash, &[UP, K::Char('k')], Action::Up, Help::Move, false),
    bind(C::Trash, &[ENTER], Action::Open, Help::Restore, true),
    bind(
        C::Trash,
        &[K::Char('/')],
        Action::StartFilter,
        Help::Filter,
        true,
    ),
    bind(
        C::Trash,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(
        C::Trash,
        &[ESC, K::Char('q'), K::Char('t')],
        Action::Back,
        Help::Back,
        true,
    ),
];

static LIST: [Binding; 13] = [
    bind(
        C::List,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(C::List, &[UP, K::Char('k')], Action::Up, Help::Move, false),
    bind(C::List, &[ENTER], Action::Open, Help::Open, true),
    bind(C::List, &[K::Char('n')], Action::NewVisit, Help::New, true),
    bind(
        C::List,
        &[K::Char('p')],
        Action::FollowUp,
        Help::FollowUp,
        false,
    ),
    bind(C::List, &[K::Char('d')], Action::Delete, Help::Delete, true),
    bind(C::List, &[K::Char('s')], Action::Stats, Help::Stats, false),
    bind(
        C::List,
        &[K::Char('u')],
        Action::Undo,
        Help::UndoDelete,
        false,
    ),
    bind(
        C::List,
        &[K::Char('t')],
        Action::ToggleTrash,
        Help::Trash,
        false,
    ),
    bind(
        C::List,
        &[K::Char('/')],
        Action::StartFilter,
        Help::Filter,
        true,
    ),
    bind(
        C::List,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(C::List, &[K::Char('q')], Action::Quit, Help::Quit, true),
    // Esc first clears a filter that was kept with Enter, then quits.
    bind(C::List, &[ESC], Action::Back, Help::Quit, false),
];

static STATS: [Binding; 6] = [
    bind(
        C::Stats,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(C::Stats, &[UP, K::Char('k')], Action::Up, Help::Move, false),
    bind(
        C::Stats,
        &[K::Code(KeyCode::PageDown), K::Char(' ')],
        Action::PageDown,
        Help::Page,
        true,
    ),
    bind(
        C::Stats,
        &[K::Code(KeyCode::PageUp)],
        Action::PageUp,
        Help::Page,
        false,
    ),
    bind(
        C::Stats,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(
        C::Stats,
        &[ESC, K::Char('q'), K::Char('s')],
        Action::Back,
        Help::Back,
        true,
    ),
];

static SUMMARY: [Binding; 12] = [
    bind(C::Summary, &[K::Char('u')], Action::Undo, Help::Undo, false),
    bind(
        C::Summary,
        &[K::Char('b')],
        Action::Minutes,
        Help::Minutes,
        true,
    ),
    bind(
        C::Summary,
        &[K::Char('r')],
        Action::Report,
        Help::Report,
        true,
    ),
    bind(
        C::Summary,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(
        C::Summary,
        &[UP, K::Char('k')],
        Action::Up,
        Help::Move,
        false,
    ),
    bind(C::Summary, &[ENTER], Action::Open, Help::Open, true),
    bind(
        C::Summary,
        &[K::Char('e')],
        Action::EditNote,
        Help::EditFinding,
        true,
    ),
    bind(
        C::Summary,
        &[K::Char('a')],
        Action::AddAction,
        Help::AddAction,
        false,
    ),
    bind(
        C::Summary,
        &[K::Char('d')],
        Action::ActionDone,
        Help::ActionDone,
        false,
    ),
    bind(
        C::Summary,
        &[K::Char('f')],
        Action::Finalize,
        Help::Finalize,
        true,
    ),
    bind(
        C::Summary,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(
        C::Summary,
        &[ESC, K::Char('q'), K::Char('s')],
        Action::Back,
        Help::Back,
        true,
    ),
];

static MINUTES: [Binding; 5] = [
    bind(
        C::Minutes,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(
        C::Minutes,
        &[UP, K::Char('k')],
        Action::Up,
        Help::Move,
        false,
    ),
    bind(
        C::Minutes,
        &[ENTER, K::Char('e')],
        Action::Open,
        Help::Edit,
        true,
    ),
    bind(
        C::Minutes,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(
        C::Minutes,
        &[ESC, K::Char('q'), K::Char('b')],
        Action::Back,
        Help::Back,
        true,
    ),
];

/// Editing one detail of the minutes: Enter saves (once valid), Esc leaves it as it was.
static MINUTES_EDIT: [Binding; 5] = [
    bind(C::MinutesEdit, &[ENTER], Action::Enter, Help::Save, true),
    bind(C::MinutesEdit, &[ESC], Action::Back, Help::Cancel, true),
    bind(
        C::MinutesEdit,
        &[K::AltEnter, K::Ctrl('j')],
        Action::Newline,
        Help::NewLine,
        true,
    ),
    bind(C::MinutesEdit, &[UP], Action::Up, Help::LineEdit, false),
    bind(C::MinutesEdit, &[DOWN], Action::Down, Help::LineEdit, false),
];

static FORM: [Binding; 7] = [
    bind(
        C::FormText,
        &[K::Code(KeyCode::Tab), DOWN],
        Action::NextField,
        Help::NextField,
        true,
    ),
    bind(
        C::FormText,
        &[K::Code(KeyCode::BackTab), UP],
        Action::PrevField,
        Help::PrevField,
        false,
    ),
    bind(C::FormText, &[ENTER], Action::Enter, Help::NextField, false),
    bind(
        C::FormText,
        &[K::Ctrl('s')],
        Action::Submit,
        Help::Create,
        true,
    ),
    bind(C::FormText, &[ESC], Action::Back, Help::Cancel, true),
    bind(
        C::FormChoice,
        &[K::Code(KeyCode::Left)],
        Action::ChoiceLeft,
        Help::Choose,
        true,
    ),
    bind(
        C::FormChoice,
        &[K::Code(KeyCode::Right)],
        Action::ChoiceRight,
        Help::Choose,
        true,
    ),
];

/// The corrective-action form: Tab between content, owner and due date; Enter goes on,
/// and saves from the last field (Ctrl-s from any).
static ACTION_FORM: [Binding; 5] = [
    bind(
        C::ActionForm,
        &[K::Code(KeyCode::Tab), DOWN],
        Action::NextField,
        Help::NextField,
        true,
    ),
    bind(
        C::ActionForm,
        &[K::Code(KeyCode::BackTab), UP],
        Action::PrevField,
        Help::PrevField,
        false,
    ),
    bind(
        C::ActionForm,
        &[ENTER],
        Action::Enter,
        Help::NextField,
        false,
    ),
    bind(
        C::ActionForm,
        &[K::Ctrl('s')],
        Action::Submit,
        Help::Save,
        true,
    ),
    bind(C::ActionForm, &[ESC], Action::Back, Help::Cancel, true),
];

/// The evidence picker over the inbox folder: Space chooses several, Enter goes on to the
/// caption; `o` types a path instead, starting in the inbox folder, and `/` or `~` types one
/// starting with that character.
static PICKER: [Binding; 9] = [
    bind(
        C::Picker,
        &[DOWN, K::Char('j')],
        Action::Down,
        Help::Move,
        false,
    ),
    bind(
        C::Picker,
        &[UP, K::Char('k')],
        Action::Up,
        Help::Move,
        false,
    ),
    bind(
        C::Picker,
        &[K::Char(' ')],
        Action::ToggleChoice,
        Help::ChooseFile,
        true,
    ),
    bind(C::Picker, &[ENTER], Action::Enter, Help::AttachChosen, true),
    bind(
        C::Picker,
        &[K::Char('o')],
        Action::TypePath,
        Help::TypePath,
        true,
    ),
    // Where a path starts: the key is its first character.
    bind(
        C::Picker,
        &[K::Char('/')],
        Action::Char('/'),
        Help::TypePathFrom,
        false,
    ),
    bind(
        C::Picker,
        &[K::Char('~')],
        Action::Char('~'),
        Help::TypePathFrom,
        false,
    ),
    bind(
        C::Picker,
        &[K::Char('?'), K::Code(KeyCode::F(1))],
        Action::Help,
        Help::Help,
        true,
    ),
    bind(
        C::Picker,
        &[ESC, K::Char('q')],
        Action::Back,
        Help::Cancel,
        true,
    ),
];

/// Typing a path (Tab completes) and then the caption (Enter with none is fine).
static PICKER_TEXT: [Binding; 5] = [
    bind(
        C::PickerPath,
        &[K::Code(KeyCode::Tab)],
        Action::Complete,
        Help::Complete,
        true,
    ),
    bind(C::PickerPath, &[ENTER], Action::Enter, Help::Continue, true),
    bind(C::PickerPath, &[ESC], Action::Back, Help::Back, true),
    bind(
        C::Caption,
        &[ENTER],
        Action::Enter,
        Help::AttachChosen,
        true,
    ),
    bind(C::Caption, &[ESC], Action::Back, Help::Back, true),
];

static PICKER_PATH_EDITING: [Binding; 10] = line_editing!(C::PickerPath);
static CAPTION_EDITING: [Binding; 10] = line_editing!(C::Caption);
static ACTION_FORM_EDITING: [Binding; 10] = line_editing!(C::ActionForm);
static FORM_TEXT_EDITING: [Binding; 10] = line_editing!(C::FormText);
static FILTER_EDITING: [Binding; 10] = line_editing!(C::ListFilter);
static SEARCH_EDITING: [Binding; 10] = line_editing!(C::Search);
static NAME_EDITING: [Binding; 10] = line_editing!(C::AskName);
static NOTE_EDITING: [Binding; 10] = line_editing!(C::Note);
static MINUTES_EDITING: [Binding; 10] = line_editing!(C::MinutesEdit);

static OTHERS: [Binding; 14] = [
    bind(C::ListFilter, &[ENTER], Action::Enter, Help::Done, true),
    bind(C::ListFilter, &[ESC], Action::Back, Help::Cancel, true),
    bind(C::Search, &[ENTER], Action::Enter, Help::Done, true),
    bind(C::Search, &[ESC], Action::Back, Help::Cancel, true),
    bind(C::AskName, &[ENTER], Action::Enter, Help::SaveName, true),
    bind(C::AskName, &[ESC], Action::Quit, Help::Quit, true),
    bind(C::Note, &[ESC, ENTER], Action::Back, Help::Done, true),
    bind(
        C::Note,
        &[K::AltEnter, K::Ctrl('j')],
        Action::Newline,
        Help::NewLine,
        true,
    ),
    bind(C::Note, &[UP], Action::Up, Help::LineEdit, false),
    bind(C::Note, &[DOWN], Action::Down, Help::LineEdit, false),
    bind(C::Help, &[K::Any], Action::Back, Help::Continue, true),
    bind(C::Notice, &[K::Any], Action::Back, Help::Continue, true),
    bind(
        C::Confirm,
        &[K::Char('y'), K::Char('c'), ENTER],
        Action::Yes,
        Help::Yes,
        true,
    ),
    bind(
        C::Confirm,
        &[K::Char('n'), ESC, K::Char('k')],
        Action::Back,
        Help::No,
        true,
    ),
];

/// Every binding, in the order help lists them.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    SCORING
        .iter()
        .chain(&LIST)
        .chain(&TRASH)
        .chain(&STATS)
        .chain(&SUMMARY)
        .chain(&MINUTES)
        .chain(&MINUTES_EDIT)
        .chain(&FORM)
        .chain(&FORM_TEXT_EDITING)
        .chain(&FILTER_EDITING)
        .chain(&SEARCH_EDITING)
        .chain(&NAME_EDITING)
        .chain(&NOTE_EDITING)
        .chain(&MINUTES_EDITING)
        .chain(&ACTION_FORM)
        .chain(&ACTION_FORM_EDITING)
        .chain(&PICKER)
        .chain(&PICKER_TEXT)
        .chain(&PICKER_PATH_EDITING)
        .chain(&CAPTION_EDITING)
        .chain(&OTHERS)
}

/// The bindings that apply in `context`. A form's choice field also takes the form's keys.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    bindings().filter(move |binding| {
        binding.context == context
            || (context == C::FormChoice
                && binding.context == C::FormText
                && binding.help != Help::Type
                && binding.help != Help::LineEdit)
    })
}

/// The bindings of `context` with the same description merged (↑ and ↓, ← and →), in table
/// order: what the footer and the help show.
pub fn grouped(context: Context) -> Vec<(Vec<Key>, Help, bool)> {
    let mut groups: Vec<(Vec<Key>, Help, bool)> = Vec::new();
    for binding in bindings_for(context) {
        match groups.iter_mut().find(|(_, help, _)| *help == binding.help) {
            Some((keys, _, footer)) => {
                for key in binding.keys {
                    if !keys.contains(key) {
                        keys.push(*key);
                    }
                }
                *footer |= binding.footer;
            }
            None => groups.push((binding.keys.to_vec(), binding.help, binding.footer)),
        }
    }
    groups
}

/// Where the user is, from the state.
pub fn context(state: &State) -> Context {
    match &state.overlay {
        Some(Overlay::Help) => return C::Help,
        Some(Overlay::Confirm(_)) => return C::Confirm,
        Some(Overlay::Notice(_) | Overlay::Reading(_)) => return C::Notice,
        None => {}
    }
    let open = state.open.as_ref();
    if matches!(state.screen, Screen::Scoring | Screen::Summary)
        && open.is_some_and(|o| o.action_form.is_some())
    {
        return C::ActionForm;
    }
    if let (Screen::Scoring, Some(picker)) = (&state.screen, open.and_then(|o| o.picker.as_ref())) {
        return match picker.step {
            PickerStep::Files => C::Picker,
            PickerStep::Path(_) => C::PickerPath,
            PickerStep::Caption { .. } => C::Caption,
        };
    }
    match &state.screen {
        Screen::AskName(_) => C::AskName,
        Screen::List if state.list.filtering => C::ListFilter,
        Screen::List if state.list.trash => C::Trash,
        Screen::List => C::List,
        Screen::NewVisit(form) if form.field().is_choice() => C::FormChoice,
        Screen::NewVisit(_) => C::FormText,
        _ if open.is_some_and(|o| o.note.is_some()) => C::Note,
        Screen::Scoring if open.is_some_and(|o| o.search.typing) => C::Search,
        Screen::Scoring => C::Scoring,
        Screen::Summary => C::Summary,
        Screen::Minutes if open.is_some_and(|o| o.minutes_edit.is_some()) => C::MinutesEdit,
        Screen::Minutes => C::Minutes,
        Screen::Stats(_) => C::Stats,
    }
}

fn matches(key: Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    match key {
        K::Any => true,
        K::Char(c) => !ctrl && !alt && event.code == KeyCode::Char(c),
        K::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
        K::Code(KeyCode::Enter) => !alt && event.code == KeyCode::Enter,
        K::Code(code) => event.code == code,
        K::AltEnter => alt && event.code == KeyCode::Enter,
        K::Digits => !ctrl && !alt && matches!(event.code, KeyCode::Char('0'..='9')),
        K::Text => !ctrl && !alt && matches!(event.code, KeyCode::Char(_)),
    }
}

/// The action a key press means here, if any. Ctrl-c quits from anywhere (after saving).
pub fn resolve(state: &State, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let context = context(state);
    // Specific keys win over "any character", so `Esc` in a note is not typed text.
    let mut text_binding = None;
    for binding in bindings_for(context) {
        for key in binding.keys {
            if !matches(*key, event) {
                continue;
            }
            let KeyCode::Char(c) = event.code else {
                return Some(binding.action.clone());
            };
            match key {
                K::Text => text_binding = Some(Action::Char(c)),
                K::Digits => return Some(Action::Digit(c)),
                _ => return Some(binding.action.clone()),
            }
        }
    }
    text_binding
}
