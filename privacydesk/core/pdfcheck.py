"""What a PDF holds, read the way a PDF reader reads it, before anyone at the desk opens it.

A reader runs scripts (/JavaScript, /JS), starts programs (/Launch), sends or fetches data (/SubmitForm,
/ImportData, a /URI of ``javascript:``), plays or unpacks content (/RichMedia, /EmbeddedFiles, /GoToE) and fills XFA
forms (/XFA), on opening (/OpenAction) or on other events (/AA). None of that belongs in a scan or a photo of a
document, so any of it refuses the file (``ActiveContent``).

So that nothing a reader would act on can hide from us, nothing is searched as bytes; the file is parsed:

- every ``N G obj`` in the file is read with pypdf's object parser in strict mode, whether or not a
  cross-reference table lists it (a reader rebuilds a broken table by finding the same objects). Names are read
  as names, ``/J#61vaScript`` included; a key given twice is refused, as readers differ on which one counts;
- every object stream (a stream with /N and /First, whatever its /Type says) is decoded through its whole filter
  chain — Flate, LZW, ASCIIHex, ASCII85, RunLength, predictors — and each object in it is read the same way;
- decoding and reading stop at a budget of bytes and of objects.

What cannot be read completely is refused (``Unreadable``): an object that does not parse, an ``obj`` keyword
outside every object we read, an unknown filter, a budget exceeded. An encrypted file is refused too
(``Encrypted``): its strings and object streams cannot be read without the key.
"""

import bisect
import io
import re
from dataclasses import dataclass, field

from pypdf import apply_configuration
from pypdf.filters import decode_stream_data
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
    TextStringObject,
    read_object,
)

MAX_DECODED_BYTES = 32 * 1024 * 1024  # bytes decoded from object streams, all together
MAX_OBJECTS = 50_000  # objects read, in the file and in its object streams

# Keys and names that make a reader act, compared without case (readers are not all strict about it).
FORBIDDEN_NAMES = frozenset(
    {
        "javascript",
        "js",
        "launch",
        "aa",
        "embeddedfile",
        "embeddedfiles",
        "richmedia",
        "submitform",
        "importdata",
        "gotoe",
        "xfa",
    }
)
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))

_WS = rb"[\x00\t\n\x0b\x0c\r \x85\xa0]"  # PDF white space, and what lenient readers also take for it
_SPACE_AND_COMMENTS = re.compile(rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*+)*+")
_HEADER_REVERSED = re.compile(_WS + rb"++(\d{1,5})" + _WS + rb"++(\d{1,10})(?![0-9])")  # `N G ` read backwards
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_INTEGER = re.compile(rb"\d+")


class PdfRefused(Exception):
    """The file is not accepted; the subclass says why."""


class ActiveContent(PdfRefused):
    """Scripts, actions, embedded files or forms a reader would act on."""


class Unreadable(PdfRefused):
    """Something in the file could not be read completely."""


class Encrypted(PdfRefused):
    """The file is encrypted: its strings and object streams cannot be read."""


def inspect_pdf(content: bytes, *, max_decoded_bytes: int = MAX_DECODED_BYTES, max_objects: int = MAX_OBJECTS) -> None:
    """Return when the PDF holds nothing a reader would act on; raise a ``PdfRefused`` otherwise."""
    _Inspection(content, max_decoded_bytes, max_objects).run()


@dataclass
class _Parsed:
    start: int
    end: int
    value: PdfObject


@dataclass
class _Inspection:
    content: bytes
    bytes_left: int
    objects_left: int
    # pypdf's parser asks its document for `strict` and, for a /Length given by reference, for `get_object`.
    strict: bool = True
    _headers: dict[int, list[int]] = field(default_factory=dict)  # object number → offsets of its `obj` keyword
    _starts: dict[int, int] = field(default_factory=dict)  # offset of an `obj` keyword → where its `N G` starts
    _parsed: dict[int, _Parsed] = field(default_factory=dict)  # offset of the `obj` keyword → what was read there
    _resolving: set[int] = field(default_factory=set)

    def run(self) -> None:
        orphans = self._find_objects()
        top_level = [self._parse_at(offset) for offsets in self._headers.values() for offset in offsets]
        covered = _merged(sorted((p.start, p.end) for p in top_level))
        if any(not _inside(covered, offset) for offset in orphans):
            raise Unreadable("an obj keyword outside every object")
        top_level += self._trailers(covered)
        values = [p.value for p in top_level]
        if any(isinstance(v, DictionaryObject) and "/Encrypt" in v for v in values):
            raise Encrypted("encrypted")
        for value in values:
            _check(value)
        for value in values:
            if isinstance(value, StreamObject) and _is_object_stream(value):
                for inner in self._object_stream(value):
                    _check(inner)

    # --- the file's own objects
    def _find_objects(self) -> list[int]:
        """Note where each `N G obj` starts; return the offsets of `obj` keywords that start no object."""
        orphans = []
        for at in _keyword(self.content, b"obj"):
            self._count_object()  # every `obj`, so that a file full of them costs no more than one of objects
            # `N G` read backwards from the keyword: one anchored match, whatever the bytes before it.
            before = _HEADER_REVERSED.match(self.content[max(0, at - 64) : at][::-1])
            if before is None:
                orphans.append(at)
                continue
            self._headers.setdefault(int(before[2][::-1]), []).append(at)
            self._starts[at] = at - before.end()
        return orphans

    def _parse_at(self, offset: int) -> _Parsed:
        if offset not in self._parsed:
            value, end = _read(self.content, offset + 3, self)  # after `obj`
            self._parsed[offset] = _Parsed(self._starts[offset], end, value)
        return self._parsed[offset]

    def _trailers(self, covered: list[tuple[int, int]]) -> list[_Parsed]:
        """The trailer dictionaries outside the objects (where a reader finds /Encrypt, or an xref stream's)."""
        trailers = []
        for at in _keyword(self.content, b"trailer"):
            if _inside(covered, at):
                continue
            self._count_object()
            try:
                value, end = _read(self.content, at + len(b"trailer"), self)
            except Unreadable:
                continue  # the word inside an object's data (checked as that object); a reader needs no trailer
            trailers.append(_Parsed(at, end, value))
        return trailers

    def get_object(self, reference: IndirectObject) -> PdfObject | None:
        """For pypdf: the latest object of that number in the file, or None (the stream then ends at `endstream`)."""
        offsets = self._headers.get(reference.idnum)
        if not offsets or offsets[-1] in self._resolving:
            return None
        self._resolving.add(offsets[-1])
        try:
            return self._parse_at(offsets[-1]).value
        finally:
            self._resolving.discard(offsets[-1])

    # --- object streams
    def _object_stream(self, stream: StreamObject) -> list[PdfObject]:
        count, first = self._resolve(stream.get("/N")), self._resolve(stream.get("/First"))
        if not isinstance(count, NumberObject) or not isinstance(first, NumberObject) or count < 0 or first < 0:
            raise Unreadable("object stream without /N and /First")
        data = self._decode(stream)
        numbers = _INTEGER.findall(data[:first])
        if len(numbers) < 2 * count:
            raise Unreadable("object stream header too short")
        objects = []
        for index in range(count):
            self._count_object()
            offset = first + int(numbers[2 * index + 1])
            if offset >= len(data):
                raise Unreadable("object stream offset outside its data")
            objects.append(_read(data, offset, self)[0])
        return objects

    def _decode(self, stream: StreamObject) -> bytes:
        if self.bytes_left <= 0:
            raise Unreadable("decoding budget spent")
        limit = self.bytes_left + 1  # pypdf reads 0 as "no limit"
        try:
            with apply_configuration(
                zlib_maximum_output_length=limit,
                zlib_maximum_recovery_input_length=1,  # a damaged Flate stream is refused, not repaired
                lzw_maximum_output_length=limit,
                run_length_maximum_output_length=limit,
                brotli_maximum_output_length=limit,
            ):
                data = decode_stream_data(stream)
        except Exception as error:
            raise Unreadable(f"object stream not decoded: {error!r}"[:200]) from None
        self.bytes_left -= len(data)
        if self.bytes_left < 0:
            raise Unreadable("decoding budget spent")
        return data

    def _resolve(self, value):
        if isinstance(value, IndirectObject):
            return self.get_object(value)
        return value

    def _count_object(self) -> None:
        self.objects_left -= 1
        if self.objects_left < 0:
            raise Unreadable("too many objects")


def _read(data: bytes, offset: int, document: _Inspection) -> tuple[PdfObject, int]:
    """The object that starts at ``offset`` (after white space and comments), and where it ends."""
    stream = io.BytesIO(data)
    start = _SPACE_AND_COMMENTS.match(data, offset)
    stream.seek(start.end() if start else offset)
    try:
        # The inspection stands in for pypdf's reader: it answers the indirect references an object makes.
        return read_object(stream, document), stream.tell()  # type: ignore[arg-type]
    except Exception as error:  # pypdf's errors, and RecursionError for arrays nested too deep
        raise Unreadable(f"object not parsed: {error!r}"[:200]) from None


def _keyword(content: bytes, word: bytes):
    """Offsets of ``word`` standing as a word (a keyword, not part of a name or of `endobj`); found by
    ``bytes.find``, which is many times faster on megabytes of image data than a regular expression."""
    at = content.find(word)
    while at != -1:
        end = at + len(word)
        after_word = at > 0 and (content[at - 1] in _WORD_BYTES or content[at - 1] == ord("#"))  # a name's part
        if not after_word and (end == len(content) or content[end] not in _WORD_BYTES):
            yield at
        at = content.find(word, at + 1)


def _is_object_stream(value: PdfObject) -> bool:
    return isinstance(value, StreamObject) and (
        value.get("/Type") == "/ObjStm" or ("/N" in value and "/First" in value)
    )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, overlapping ones joined (an object found inside another's stream data lies within it)."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _check(value: PdfObject) -> None:
    """Raise ``ActiveContent`` if the object, or anything directly inside it, makes a reader act."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, DictionaryObject):  # a stream's dictionary too
            for key, inner in item.items():
                _check_name(key)
                stack.append(inner)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            _check_name(item)
        elif isinstance(item, TextStringObject | ByteStringObject):
            text = str(item) if isinstance(item, TextStringObject) else bytes(item).decode("latin-1")
            # Browsers drop leading control characters and spaces, and tabs and line breaks anywhere.
            squeezed = "".join(c for c in text.lstrip(_C0_AND_SPACE)[:64] if c > " ").lower()
            if squeezed.startswith(SCRIPT_SCHEMES):
                raise ActiveContent("script URI")


def _check_name(name: str) -> None:
    if name[1:].lower() in FORBIDDEN_NAMES:
        raise ActiveContent(name)
