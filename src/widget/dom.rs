//! The few DOM operations the widget is built from. Every one degrades
//! instead of failing: a DOM call that throws leaves that piece out, it never
//! panics (a panic would trap the module and stop every widget on the page).
//! Text is only ever set as text (`textContent`), never parsed as HTML.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::{Element, Node};

/// A new `<tag class="…">` appended to `parent`.
pub fn add(parent: &Node, tag: &str, class: &str) -> Option<Element> {
    let el = parent.owner_document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// [`add`] with text content.
pub fn add_text(parent: &Node, tag: &str, class: &str, text: &str) -> Option<Element> {
    let el = add(parent, tag, class)?;
    el.set_text_content(Some(text));
    Some(el)
}

/// Sets the text of a node, only when it changes (a live region then
/// announces real changes only).
pub fn set_text(node: &Node, text: &str) {
    if node.text_content().as_deref() != Some(text) {
        node.set_text_content(Some(text));
    }
}

/// Rebuilds `el`'s children and class through `build`, on a detached copy,
/// and puts them in only when they differ from what is there: a live region
/// (`aria-live`, `role=alert`) then speaks of a change only, not on every
/// render.
pub fn rebuild(el: &Element, build: impl FnOnce(&Element)) {
    let Some(copy) = el
        .owner_document()
        .and_then(|d| d.create_element("div").ok())
    else {
        return;
    };
    copy.set_class_name(&el.class_name());
    build(&copy);
    if copy.inner_html() == el.inner_html() && copy.class_name() == el.class_name() {
        return;
    }
    el.set_class_name(&copy.class_name());
    clear(el);
    move_children(&copy, el);
}

/// Moves every child of `from` to the end of `to`.
pub fn move_children(from: &Node, to: &Node) {
    while let Some(child) = from.first_child() {
        if to.append_child(&child).is_err() {
            break;
        }
    }
}

/// Removes every child.
pub fn clear(node: &Node) {
    node.set_text_content(None);
}

pub fn attr(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// Sets or removes a boolean attribute (`hidden`, `disabled`, …).
pub fn flag(el: &Element, name: &str, on: bool) {
    if on != el.has_attribute(name) {
        let _ = if on {
            el.set_attribute(name, "")
        } else {
            el.remove_attribute(name)
        };
    }
}

/// A JS property (`value`, `checked`).
pub fn prop(target: &JsValue, name: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

pub fn set_prop(target: &JsValue, name: &str, value: &JsValue) {
    if !Reflect::get(target, &JsValue::from_str(name)).is_ok_and(|v| &v == value) {
        let _ = Reflect::set(target, &JsValue::from_str(name), value);
    }
}
