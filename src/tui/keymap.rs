//! Keys are data: one table of (where, keys, action, description). The keymap resolves a key
//! press to an [`Action`]; the footer hints and the `?` help are drawn from the same table, so
//! they can never disagree with what the keys do.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::state::{Overlay, PickerStep, Screen, State};
pub use crate::ui::Help;

/// Where the user is: which part of the table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
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
    /// Any digit 0–9.
    Digits,
    /// Any printable character; a specific key bound in the same context wins over it.
    Text,
    /// Any key at all.
    Any,
}

pub struct Binding {
    pub context: Mode,
    pub keys: Vec<Key>,
    pub does: Does,
    pub help: Help,
    /// Shown in the footer hint bar (the rest only in `?` help).
    pub footer: bool,
}

/// What a binding does: one action, or an action made from the character pressed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)] // a table of about 200, built once
pub enum Does {
    Action(Action),
    /// Types the character pressed: [`Action::Char`].
    TypeChar,
    /// Enters the digit pressed: [`Action::Digit`].
    Digit,
}

impl From<Action> for Does {
    fn from(action: Action) -> Self {
        Does::Action(action)
    }
}

impl Does {
    /// The action for `event`, a key press that matched the binding.
    fn action(&self, event: &KeyEvent) -> Option<Action> {
        match (self, event.code) {
            (Does::Action(action), _) => Some(action.clone()),
            (Does::TypeChar, KeyCode::Char(c)) => Some(Action::Char(c)),
            (Does::Digit, KeyCode::Char(c)) => Some(Action::Digit(c)),
            (Does::TypeChar | Does::Digit, _) => None,
        }
    }
}

impl From<char> for Key {
    fn from(c: char) -> Self {
        Key::Char(c)
    }
}

impl From<KeyCode> for Key {
    fn from(code: KeyCode) -> Self {
        Key::Code(code)
    }
}

use Key as K;
use Mode as C;

/// The contexts that edit a line of text; `TextInput` in the table stands for all of them.
const TEXT_INPUTS: [Mode; 9] = [
    C::FormText,
    C::ListFilter,
    C::Search,
    C::AskName,
    C::Note,
    C::MinutesEdit,
    C::ActionForm,
    C::PickerPath,
    C::Caption,
];

/// One line per binding: `Mode [keys] => what it does, Help`, then `, footer` if the footer
/// hints show it. A key is a character (`'j'`), a `KeyCode` (`Esc`, `F(1)`) or a [`Key`]
/// (`Ctrl('r')`, `Text`); `TextInput` stands for every context in [`TEXT_INPUTS`]. rustfmt
/// leaves a macro's body as written, so each binding stays one line.
macro_rules! keymap {
    (@contexts TextInput) => { &TEXT_INPUTS[..] };
    (@contexts $context:ident) => { &[Mode::$context][..] };
    (@footer) => { false };
    (@footer footer) => { true };
    ($($context:ident [$($key:expr),+] => $does:expr, $help:ident $(, $footer:ident)?;)*) => {{
        let mut table = Vec::new();
        $(
            bind(
                &mut table,
                keymap!(@contexts $context),
                &[$(key($key)),+],
                $does,
                Help::$help,
                keymap!(@footer $($footer)?),
            );
        )*
        table
    }};
}

/// A key as the table writes it: a character, a `KeyCode` or a [`Key`].
fn key(key: impl Into<Key>) -> Key {
    key.into()
}

/// One line of the table: the binding in each of `contexts`.
fn bind(
    table: &mut Vec<Binding>,
    contexts: &[Mode],
    keys: &[Key],
    does: impl Into<Does>,
    help: Help,
    footer: bool,
) {
    let does = does.into();
    for &context in contexts {
        table.push(Binding {
            context,
            keys: keys.to_vec(),
            does: does.clone(),
            help,
            footer,
        });
    }
}

/// Every binding, in the order help lists them (the order only matters within a context).
#[allow(clippy::too_many_lines)] // one line per binding
fn table() -> Vec<Binding> {
    use Does::{Digit, TypeChar};
    use Key::{AltEnter, Any, Ctrl, Digits, Text};
    use KeyCode::{
        BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right,
        Tab, Up,
    };
    keymap! {
        Scoring [PageDown]           => Action::ScrollText { down: true }, ScrollText;
        Scoring [PageUp]             => Action::ScrollText { down: false }, ScrollText;
        Scoring [Down, 'j']          => Action::Down, Move;
        Scoring [Up, 'k']            => Action::Up, Move;
        Scoring [']']                => Action::NextSection, NextPrevSection;
        Scoring ['[']                => Action::PrevSection, NextPrevSection;
        Scoring [Digits]             => Digit, Answer, footer;
        // The decimal mark both ways: `8` `,` `5` is 8.5, as Vietnamese write it.
        Scoring ['.', ',']           => Action::Dot, Answer;
        Scoring [Enter]              => Action::Enter, Answer;
        Scoring ['x']                => Action::NotApplicable, Na, footer;
        Scoring [Backspace, Delete]  => Action::Clear, Clear;
        Scoring ['e']                => Action::EditNote, EditNote, footer;
        // `p` for photo (ảnh): on the list it is the follow-up, a different screen.
        Scoring ['p']                => Action::AttachEvidence, Attach, footer;
        Scoring ['g']                => Action::NextUnanswered, NextUnanswered, footer;
        Scoring ['a']                => Action::AddAction, AddAction;
        Scoring ['u']                => Action::Undo, Undo, footer;
        Scoring [Ctrl('r')]          => Action::Redo, Redo;
        Scoring ['/']                => Action::StartSearch, Search;
        Scoring ['n']                => Action::SearchNext, SearchNextPrev;
        Scoring ['N']                => Action::SearchPrev, SearchNextPrev;
        Scoring ['s']                => Action::Summary, Summary, footer;
        Scoring ['f']                => Action::Finalize, Finalize;
        Scoring ['?', F(1)]          => Action::Help, Help, footer;
        Scoring [Esc, 'q']           => Action::Back, Back, footer;

        List [Down, 'j']             => Action::Down, Move;
        List [Up, 'k']               => Action::Up, Move;
        List [Enter]                 => Action::Open, Open, footer;
        List ['n']                   => Action::NewVisit, New, footer;
        List ['p']                   => Action::FollowUp, FollowUp;
        List ['d']                   => Action::Delete, Delete, footer;
        List ['s']                   => Action::Stats, Stats;
        List ['u']                   => Action::Undo, UndoDelete;
        List ['t']                   => Action::ToggleTrash, Trash;
        List ['/']                   => Action::StartFilter, Filter, footer;
        List ['?', F(1)]             => Action::Help, Help, footer;
        List ['q']                   => Action::Quit, Quit, footer;
        // Esc first clears a filter that was kept with Enter, then quits.
        List [Esc]                   => Action::Back, Quit;

        Trash [Down, 'j']            => Action::Down, Move;
        Trash [Up, 'k']              => Action::Up, Move;
        Trash [Enter]                => Action::Open, Restore, footer;
        Trash ['/']                  => Action::StartFilter, Filter, footer;
        Trash ['?', F(1)]            => Action::Help, Help, footer;
        Trash [Esc, 'q', 't']        => Action::Back, Back, footer;

        Stats [Down, 'j']            => Action::Down, Move;
        Stats [Up, 'k']              => Action::Up, Move;
        Stats [PageDown, ' ']        => Action::PageDown, Page, footer;
        Stats [PageUp]               => Action::PageUp, Page;
        Stats ['?', F(1)]            => Action::Help, Help, footer;
        Stats [Esc, 'q', 's']        => Action::Back, Back, footer;

        Summary ['u']                => Action::Undo, Undo;
        Summary ['b']                => Action::Minutes, Minutes, footer;
        Summary ['r']                => Action::Report, Report, footer;
        Summary [Down, 'j']          => Action::Down, Move;
        Summary [Up, 'k']            => Action::Up, Move;
        Summary [Enter]              => Action::Open, Open, footer;
        Summary ['e']                => Action::EditNote, EditFinding, footer;
        Summary ['a']                => Action::AddAction, AddAction;
        Summary ['d']                => Action::ActionDone, ActionDone;
        Summary ['f']                => Action::Finalize, Finalize, footer;
        Summary ['?', F(1)]          => Action::Help, Help, footer;
        Summary [Esc, 'q', 's']      => Action::Back, Back, footer;

        Minutes [Down, 'j']          => Action::Down, Move;
        Minutes [Up, 'k']            => Action::Up, Move;
        Minutes [Enter, 'e']         => Action::Open, Edit, footer;
        Minutes ['?', F(1)]          => Action::Help, Help, footer;
        Minutes [Esc, 'q', 'b']      => Action::Back, Back, footer;

        // Editing one detail of the minutes: Enter saves (once valid), Esc leaves it as it was.
        MinutesEdit [Enter]          => Action::Enter, Save, footer;
        MinutesEdit [Esc]            => Action::Back, Cancel, footer;
        MinutesEdit [AltEnter, Ctrl('j')] => Action::Newline, NewLine, footer;
        MinutesEdit [Up]             => Action::Up, LineEdit;
        MinutesEdit [Down]           => Action::Down, LineEdit;

        FormText [Tab, Down]         => Action::NextField, NextField, footer;
        FormText [BackTab, Up]       => Action::PrevField, PrevField;
        FormText [Enter]             => Action::Enter, NextField;
        FormText [Ctrl('s')]         => Action::Submit, Create, footer;
        FormText [Esc]               => Action::Back, Cancel, footer;
        FormChoice [Left]            => Action::ChoiceLeft, Choose, footer;
        FormChoice [Right]           => Action::ChoiceRight, Choose, footer;

        // The corrective-action form: Tab between content, owner and due date; Enter goes on,
        // and saves from the last field (Ctrl-s from any).
        ActionForm [Tab, Down]       => Action::NextField, NextField, footer;
        ActionForm [BackTab, Up]     => Action::PrevField, PrevField;
        ActionForm [Enter]           => Action::Enter, NextField;
        ActionForm [Ctrl('s')]       => Action::Submit, Save, footer;
        ActionForm [Esc]             => Action::Back, Cancel, footer;

        // The evidence picker over the inbox folder: Space chooses several, Enter goes on to
        // the caption; `o` types a path instead, starting in the inbox folder, and `/` or `~`
        // types one starting with that character (the key is the path's first character).
        Picker [Down, 'j']           => Action::Down, Move;
        Picker [Up, 'k']             => Action::Up, Move;
        Picker [' ']                 => Action::ToggleChoice, ChooseFile, footer;
        Picker [Enter]               => Action::Enter, AttachChosen, footer;
        Picker ['o']                 => Action::TypePath, TypePath, footer;
        Picker ['/']                 => Action::Char('/'), TypePathFrom;
        Picker ['~']                 => Action::Char('~'), TypePathFrom;
        Picker ['?', F(1)]           => Action::Help, Help, footer;
        Picker [Esc, 'q']            => Action::Back, Cancel, footer;

        // Typing a path (Tab completes) and then the caption (Enter with none is fine).
        PickerPath [Tab]             => Action::Complete, Complete, footer;
        PickerPath [Enter]           => Action::Enter, Continue, footer;
        PickerPath [Esc]             => Action::Back, Back, footer;
        Caption [Enter]              => Action::Enter, AttachChosen, footer;
        Caption [Esc]                => Action::Back, Back, footer;

        // Editing keys shared by every text input. The inputs above list their own keys first
        // in `?` help, the one-line prompts and the note below list them after these.
        TextInput [Text]             => TypeChar, Type;
        TextInput [Backspace]        => Action::Backspace, LineEdit;
        TextInput [Delete]           => Action::DeleteForward, LineEdit;
        TextInput [Left]             => Action::CursorLeft, LineEdit;
        TextInput [Right]            => Action::CursorRight, LineEdit;
        TextInput [Ctrl('a'), Home]  => Action::LineStart, LineEdit;
        TextInput [Ctrl('e'), End]   => Action::LineEnd, LineEdit;
        TextInput [Ctrl('w')]        => Action::DeleteWordBack, LineEdit;
        TextInput [Ctrl('u')]        => Action::DeleteToStart, LineEdit;
        TextInput [Ctrl('k')]        => Action::DeleteToEnd, LineEdit;

        ListFilter [Enter]           => Action::Enter, Done, footer;
        ListFilter [Esc]             => Action::Back, Cancel, footer;
        Search [Enter]               => Action::Enter, Done, footer;
        Search [Esc]                 => Action::Back, Cancel, footer;
        AskName [Enter]              => Action::Enter, SaveName, footer;
        AskName [Esc]                => Action::Quit, Quit, footer;
        Note [Esc, Enter]            => Action::Back, Done, footer;
        Note [AltEnter, Ctrl('j')]   => Action::Newline, NewLine, footer;
        Note [Up]                    => Action::Up, LineEdit;
        Note [Down]                  => Action::Down, LineEdit;

        Help [Any]                   => Action::Back, Continue, footer;
        Notice [Any]                 => Action::Back, Continue, footer;
        Confirm ['y', 'c', Enter]    => Action::Yes, Yes, footer;
        Confirm ['n', Esc, 'k']      => Action::Back, No, footer;
    }
}

static TABLE: LazyLock<Vec<Binding>> = LazyLock::new(table);

/// Every binding, in the order help lists them.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    TABLE.iter()
}

/// The bindings that apply in `context`. A form's choice field also takes the form's keys.
pub fn bindings_for(context: Mode) -> impl Iterator<Item = &'static Binding> {
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
pub fn grouped(context: Mode) -> Vec<(Vec<Key>, Help, bool)> {
    let mut groups: Vec<(Vec<Key>, Help, bool)> = Vec::new();
    for binding in bindings_for(context) {
        match groups.iter_mut().find(|(_, help, _)| *help == binding.help) {
            Some((keys, _, footer)) => {
                for key in &binding.keys {
                    if !keys.contains(key) {
                        keys.push(*key);
                    }
                }
                *footer |= binding.footer;
            }
            None => groups.push((binding.keys.clone(), binding.help, binding.footer)),
        }
    }
    groups
}

/// Where the user is, from the state.
pub fn context(state: &State) -> Mode {
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
    let mut typed = None;
    for binding in bindings_for(context) {
        for &key in &binding.keys {
            if !matches(key, event) {
                continue;
            }
            if key == K::Text {
                typed = binding.does.action(event);
            } else {
                return binding.does.action(event);
            }
        }
    }
    typed
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTEXTS: [Mode; 20] = [
        C::AskName,
        C::List,
        C::ListFilter,
        C::FormText,
        C::FormChoice,
        C::Scoring,
        C::Note,
        C::Search,
        C::Summary,
        C::Minutes,
        C::MinutesEdit,
        C::ActionForm,
        C::Help,
        C::Confirm,
        C::Notice,
        C::Trash,
        C::Picker,
        C::PickerPath,
        C::Caption,
        C::Stats,
    ];

    #[test]
    fn every_context_is_checked() {
        // A new context stops this match compiling: add it here and to `CONTEXTS`.
        for context in CONTEXTS {
            match context {
                C::AskName
                | C::List
                | C::ListFilter
                | C::FormText
                | C::FormChoice
                | C::Scoring
                | C::Note
                | C::Search
                | C::Summary
                | C::Minutes
                | C::MinutesEdit
                | C::ActionForm
                | C::Help
                | C::Confirm
                | C::Notice
                | C::Trash
                | C::Picker
                | C::PickerPath
                | C::Caption
                | C::Stats => {}
            }
        }
    }

    /// Whether two keys of the table can match the same key press. A specific character
    /// against `Text` is no clash: the specific key wins (see [`resolve`]).
    fn clash(a: Key, b: Key) -> bool {
        match (a, b) {
            (K::Any, _) | (_, K::Any) => true,
            (K::Digits, K::Char(c)) | (K::Char(c), K::Digits) => c.is_ascii_digit(),
            (K::Digits, K::Text) | (K::Text, K::Digits) => true,
            _ => a == b,
        }
    }

    #[test]
    fn no_two_bindings_in_one_context_claim_the_same_key() {
        let mut clashes = Vec::new();
        for context in CONTEXTS {
            let keys: Vec<(Key, &Does)> = bindings_for(context)
                .flat_map(|b| b.keys.iter().map(move |&key| (key, &b.does)))
                .collect();
            for (i, (a, does_a)) in keys.iter().enumerate() {
                for (b, does_b) in &keys[i + 1..] {
                    if clash(*a, *b) {
                        clashes.push(format!("{context:?}: {a:?} {does_a:?} / {b:?} {does_b:?}"));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{}", clashes.join("\n"));
    }

    #[test]
    fn every_context_shows_a_way_out_in_its_footer() {
        let way_out = [Does::Action(Action::Back), Does::Action(Action::Quit)];
        let stuck: Vec<Mode> = CONTEXTS
            .into_iter()
            .filter(|&context| {
                !bindings_for(context).any(|b| b.footer && way_out.contains(&b.does))
            })
            .collect();
        assert!(stuck.is_empty(), "no way out shown in {stuck:?}");
    }

    #[test]
    fn only_character_keys_make_their_action_from_the_character() {
        let wrong: Vec<String> = bindings()
            .filter(|b| matches!(b.does, Does::TypeChar | Does::Digit))
            .flat_map(|b| b.keys.iter().map(move |key| (b, key)))
            .filter(|(_, key)| !matches!(key, K::Char(_) | K::Digits | K::Text))
            .map(|(b, key)| format!("{:?} {key:?} {:?}", b.context, b.does))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
