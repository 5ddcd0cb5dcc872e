//! Text editing for notes, findings and form fields, on `ratatui-textarea`.
//!
//! The widget edits by code point, so every typed or pasted string is normalized to NFC
//! first: Vietnamese then has one code point per letter-with-accents (`ệ` is U+1EC7), and
//! Backspace removes the whole letter, not only its accent. IMEs (Unikey, ibus, fcitx) send
//! composed characters already; pasted text from Word or the web often does not.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_normalization::UnicodeNormalization;

use super::action::Action;

pub type Editor = TextArea<'static>;

/// An editor holding `text`, cursor at the end, soft-wrapping long lines. Control
/// characters (an ESC in a note imported from someone's file) are shown as `\u{1b}`
/// escapes: drawn raw they would drive the terminal.
pub fn editor(text: &str) -> Editor {
    let lines: Vec<String> = crate::strings::inert(text)
        .nfc()
        .collect::<String>()
        .split('\n')
        .map(str::to_owned)
        .collect();
    let mut editor = TextArea::new(lines);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    editor
}

/// The editor's text, lines joined with `\n`.
pub fn text(editor: &Editor) -> String {
    editor.lines().join("\n")
}

/// Applies an editing action; returns whether the text changed. `multiline` allows
/// newlines (typed or pasted); a single-line field turns them into spaces.
pub fn apply(editor: &mut Editor, action: &Action, multiline: bool) -> bool {
    match action {
        Action::Char(c) => {
            let composed: String = c.to_string().nfc().collect();
            editor.insert_str(composed)
        }
        Action::Paste(pasted) => {
            let lines = pasted.replace("\r\n", "\n").replace('\r', "\n");
            // Pasted escape sequences are shown, not obeyed.
            let mut composed: String = crate::strings::inert(&lines).nfc().collect();
            if !multiline {
                composed = composed.replace('\n', " ");
            }
            editor.insert_str(composed)
        }
        Action::Newline if multiline => {
            editor.insert_newline();
            true
        }
        Action::Backspace => editor.delete_char(),
        Action::DeleteForward => editor.delete_next_char(),
        Action::DeleteWordBack => editor.delete_word(),
        Action::DeleteToStart => editor.delete_line_by_head(),
        Action::DeleteToEnd => editor.delete_line_by_end(),
        Action::CursorLeft => moved(editor, CursorMove::Back),
        Action::CursorRight => moved(editor, CursorMove::Forward),
        Action::LineStart => moved(editor, CursorMove::Head),
        Action::LineEnd => moved(editor, CursorMove::End),
        Action::Up if multiline => moved(editor, CursorMove::Up),
        Action::Down if multiline => moved(editor, CursorMove::Down),
        _ => false,
    }
}

/// Moves the cursor; never counts as a change of text.
fn moved(editor: &mut Editor, to: CursorMove) -> bool {
    editor.move_cursor(to);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_a_whole_vietnamese_letter_even_when_pasted_decomposed() {
        let mut e = editor("");
        // "Việt" with the vowel written as e + combining circumflex + combining dot below.
        apply(&mut e, &Action::Paste("Vie\u{0302}\u{0323}t".into()), true);
        assert_eq!(text(&e), "Việt");
        apply(&mut e, &Action::Backspace, true);
        apply(&mut e, &Action::Backspace, true);
        assert_eq!(text(&e), "Vi");
    }

    #[test]
    fn control_characters_from_a_file_are_shown_inert() {
        let e = editor("đỏ\u{1b}[31m\nhai");
        assert_eq!(text(&e), "đỏ\\u{1b}[31m\nhai");
    }

    #[test]
    fn single_line_fields_flatten_pasted_newlines() {
        let mut e = editor("");
        apply(&mut e, &Action::Paste("Cục QLTT\r\nHà Tĩnh".into()), false);
        assert_eq!(text(&e), "Cục QLTT Hà Tĩnh");
        assert!(!apply(&mut e, &Action::Newline, false));
    }

    #[test]
    fn readline_keys_edit_the_current_line() {
        let mut e = editor("hòm thư góp ý");
        apply(&mut e, &Action::DeleteWordBack, true);
        assert_eq!(text(&e), "hòm thư góp ");
        apply(&mut e, &Action::LineStart, true);
        apply(&mut e, &Action::DeleteToEnd, true);
        assert_eq!(text(&e), "");
    }
}
