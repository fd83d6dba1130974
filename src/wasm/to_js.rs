//! Writing the core's results as plain JS values, through their derived
//! `serde::Serialize`.
//!
//! The results have few shapes, and each becomes what a JS caller expects:
//! a struct is an object (a field skipped by `skip_serializing_if` is left
//! out), a `Vec` an array, `None` `null`, a unit enum variant its name
//! (`"video"`), text a string, and a whole number a JS number. A whole number
//! a JS number cannot hold exactly (above 2^53 - 1) is an error rather than a
//! rounded figure; so is any other shape (maps, tuples, bytes, data-carrying
//! variants), which no result has.
//!
//! Why not serde-wasm-bindgen, which did this before: it needs std, and the
//! wasm is `no_std` (`lib.rs`).

use crate::prelude::*;

use core::fmt;

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use serde::ser::{self, Impossible};
use wasm_bindgen::JsValue;

use super::from_js::with_name;

/// Why a value could not be written.
#[derive(Debug)]
pub(crate) struct WriteError(String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for WriteError {}

impl ser::Error for WriteError {
    fn custom<T: fmt::Display>(message: T) -> WriteError {
        WriteError(message.to_string())
    }
}

fn unsupported(shape: &str) -> WriteError {
    WriteError(format!("{shape} has no JS form here"))
}

/// The largest whole number a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn whole(value: u64) -> Result<JsValue, WriteError> {
    if value <= MAX_SAFE_INTEGER {
        Ok(JsValue::from_f64(value as f64))
    } else {
        Err(WriteError(format!(
            "{value} is above 2^53 - 1, which a JS number cannot hold exactly"
        )))
    }
}

/// `value` as a plain JS value.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, WriteError> {
    value.serialize(Writer)
}

/// The serde serializer that makes JS values.
struct Writer;

/// An array being written.
pub(crate) struct ArrayWriter(Array);

/// An object being written.
pub(crate) struct ObjectWriter(Object);

type Out = Result<JsValue, WriteError>;

impl ser::Serializer for Writer {
    type Ok = JsValue;
    type Error = WriteError;
    type SerializeSeq = ArrayWriter;
    type SerializeTuple = Impossible<JsValue, WriteError>;
    type SerializeTupleStruct = Impossible<JsValue, WriteError>;
    type SerializeTupleVariant = Impossible<JsValue, WriteError>;
    type SerializeMap = Impossible<JsValue, WriteError>;
    type SerializeStruct = ObjectWriter;
    type SerializeStructVariant = Impossible<JsValue, WriteError>;

    fn serialize_bool(self, v: bool) -> Out {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Out {
        match u64::try_from(v) {
            Ok(v) => whole(v),
            Err(_) if v.unsigned_abs() <= MAX_SAFE_INTEGER => Ok(JsValue::from_f64(v as f64)),
            Err(_) => Err(WriteError(format!(
                "{v} is below -(2^53 - 1), which a JS number cannot hold exactly"
            ))),
        }
    }
    fn serialize_u8(self, v: u8) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Out {
        whole(v)
    }
    fn serialize_f32(self, v: f32) -> Out {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Out {
        Ok(JsValue::from_f64(v))
    }
    fn serialize_char(self, v: char) -> Out {
        Ok(JsValue::from_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Out {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Out {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Out {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        Ok(with_name(variant, JsValue::clone))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Out {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<ArrayWriter, WriteError> {
        Ok(ArrayWriter(Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(unsupported("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(unsupported("a tuple struct"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(unsupported("a map"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<ObjectWriter, WriteError> {
        Ok(ObjectWriter(Object::new()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(unsupported("an enum variant with data"))
    }
}

impl ser::SerializeSeq for ArrayWriter {
    type Ok = JsValue;
    type Error = WriteError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.push(value.serialize(Writer))
    }
    fn end(self) -> Out {
        Ok(self.0.into())
    }
}

impl ArrayWriter {
    /// Appends `value`, or passes on its fault. Not generic: one copy for
    /// every item type.
    #[inline(never)]
    fn push(&mut self, value: Out) -> Result<(), WriteError> {
        self.0.push(&value?);
        Ok(())
    }
}

impl ser::SerializeStruct for ObjectWriter {
    type Ok = JsValue;
    type Error = WriteError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.set(key, value.serialize(Writer))
    }
    fn end(self) -> Out {
        Ok(self.0.into())
    }
}

impl ObjectWriter {
    /// Sets field `key` to `value`, or passes on its fault. Not generic: one
    /// copy for every field type (the fault too is passed on here, not in
    /// each type's `serialize_field`).
    #[inline(never)]
    fn set(&mut self, key: &'static str, value: Out) -> Result<(), WriteError> {
        let value = value?;
        // Setting a property of a fresh plain object cannot fail.
        with_name(key, |key| Reflect::set(&self.0, key, &value))
            .map(drop)
            .map_err(|_| WriteError(format!("could not set {key}")))
    }
}
