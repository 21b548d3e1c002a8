"""Reading bytes, files and stdin as text: encoding detection and streaming decoding.

What is detected, in this order (the same steps for whole inputs and for streams):

1. a byte order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE (the mark is dropped);
2. binary input, refused: a known file signature (PNG, ZIP, PDF …), NUL bytes in anything but
   UTF-16, or more than 1% control characters;
3. UTF-16 without a mark, from where its NUL bytes fall: ASCII characters (spaces, newlines,
   Latin digits) put their NUL on one side of every code unit. This needs text in an alphabetic
   script (Persian, Arabic, Latin); UTF-16 in other scripts needs a byte order mark;
4. strict UTF-8, the fast path for most input;
5. Windows-1256 (legacy Persian pages) when it reads as Persian or Arabic words, by a test of
   ours (:func:`_reads_as_persian`) that rejects Latin text and UTF-8 read as cp1256;
6. input that is UTF-8 except for a few broken bytes is refused with the offset of the first,
   rather than read as mojibake;
7. otherwise Windows-1252 or Windows-1256 as charset-normalizer chooses between those two only
   (ties go to cp1252: Latin text with a few accented letters). charset-normalizer is not
   trusted with Persian: unrestricted, it reads short cp1256 Persian as cp1006 or gives up; its
   mess detector counts ZWNJ, ZWJ and the direction marks as noise (so cp1256 is judged with
   those bytes blanked) and rejects runs of some 20 letters without a space, which glued
   scraped Persian has.

Any other encoding must be forced with ``encoding=``; a forced codec is trusted (no binary
checks) and only has to decode strictly.

Every function normalizes line breaks: ``\\r\\n`` and a lone ``\\r`` become ``\\n``. Other
separators (U+0085, U+2028, U+2029) are left alone. A U+FEFF at the very start is dropped
whatever the codec, since it is a byte order mark and never content.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from khabar.errors import InputError, OptionError

SAMPLE_SIZE = 1 << 16
"""Bytes of a stream looked at before its encoding is decided."""

_TRY = "give a UTF-8, UTF-16 or Windows-1256 text file, or force a codec with --encoding"
_CODEC_EXAMPLES = "utf-8, cp1256, utf-16"
# Candidates for charset-normalizer, preferred in this order when both read the bytes equally
# well: Persian has been recognized by then, and the ties are Latin text with a few accented
# letters, which cp1252 reads right.
_LEGACY = ("cp1252", "cp1256")

# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of common binary formats that can start without a NUL byte, for a clearer message.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# C0 controls that never occur in text; tab, line feed, vertical tab, form feed, carriage
# return and escape (ANSI colours in logs) do.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0b\x0c\r\x1b") + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# cp1256 bytes of ZWNJ, ZWJ, LRM and RLM, which charset-normalizer's mess detector counts as
# noise although Persian text is full of them.
_CP1256_BLANKED = bytes.maketrans(b"\x9d\x9e\xfd\xfe", b"    ")
# For telling cp1256 Persian from other bytes read as cp1256 (see _reads_as_persian).
_ARABIC = "\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5"  # letters, without the kashida
_ARABIC_LETTER = re.compile(f"[{_ARABIC}]")
_ARABIC_WORD = re.compile(f"[{_ARABIC}]{{2,}}")
_LATIN_TOUCHING_ARABIC = re.compile(f"[A-Za-z][{_ARABIC}]|[{_ARABIC}][A-Za-z]")
_INSIDE_WORDS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")  # marks, kashida, ZW(N)J
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile("[A-Za-z]")
_DAMAGED_UTF8_SHARE = 0.2  # at most this share of non-ASCII bytes invalid: UTF-8 with damage
_DAMAGED_UTF8_MIN_CHARS = 4  # and at least this many valid non-ASCII characters
_UTF16_HIGH_BYTES = 0.9  # share of high bytes taken by their four commonest values in UTF-16


def decode_bytes(data: bytes, *, encoding: str | None = None, source: str = "<bytes>") -> str:
    """Decode ``data`` as text, detecting its encoding unless ``encoding`` forces one.

    Args:
        data: the raw bytes.
        encoding: a codec name to use instead of detection (``"cp1256"``).
        source: how to name the input in error messages.

    Returns:
        The text with line breaks normalized to ``\\n`` and a leading byte order mark removed.

    Raises:
        OptionError: ``encoding`` is not a known text codec.
        InputError: the bytes are binary or cannot be decoded.
    """
    codec = _check_codec(encoding) if encoding is not None else _detect(data, source)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(_decode_error(source, codec, err.start, err.reason)) from None
    return _newlines(text.removeprefix("\ufeff"))


def read_text(source: str | os.PathLike[str], *, encoding: str | None = None) -> str:
    """Read a whole file, or stdin when ``source`` is ``"-"``, as text.

    The encoding is detected as for :func:`decode_bytes`; ``encoding`` forces a codec.

    Raises:
        OptionError: ``encoding`` is not a known text codec.
        InputError: the file is missing, unreadable, binary or cannot be decoded.
    """
    codec = _check_codec(encoding) if encoding is not None else None
    name = _name(source)
    with _open(source, name) as stream:
        try:
            data = stream.read()
        except OSError as err:
            raise InputError(
                f"{name}: cannot read ({err.strerror or err}); check the file"
            ) from None
    return decode_bytes(data, encoding=codec, source=name)


def iter_paragraphs(
    source: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    chunk_size: int = 1 << 16,
) -> Iterator[str]:
    """Stream the paragraphs of a file, or of stdin when ``source`` is ``"-"``.

    A paragraph is a maximal run of lines that are not blank; a blank line is empty or holds
    only whitespace (``str.isspace``). Each paragraph is its lines exactly as read (after line
    breaks are normalized) joined by ``\\n``, without the break that ends its last line. So
    ``"\\n\\n".join(paragraphs)`` is the text of :func:`read_text` with every run of blank lines
    (whitespace on them included) collapsed into one empty line, and blank lines at the start and
    end and the final line break removed.

    The file is read ``chunk_size`` bytes at a time and decoded incrementally; the encoding is
    decided from the first 64 KiB (:data:`SAMPLE_SIZE`) that contain a non-ASCII byte, since
    until then every candidate encoding reads the same. Memory stays bounded by that sample, one
    chunk and the longest paragraph. Bytes that do not decode later in the stream raise
    :class:`InputError` with their offset. As with any generator, a missing or unreadable file
    is reported at the first ``next()``; a bad ``encoding`` or ``chunk_size`` right away.

    Raises:
        OptionError: ``encoding`` is not a known text codec or ``chunk_size`` is below 1.
        InputError: the file is missing, unreadable, binary or cannot be decoded.
    """
    codec = _check_codec(encoding) if encoding is not None else None
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise OptionError(f"chunk_size={chunk_size!r} is not a positive number of bytes")
    return _paragraphs(_stream_text(source, codec, chunk_size))


class _StreamDecoder:
    """Turns a byte stream into text pieces, deciding the encoding at the first non-ASCII bytes."""

    def __init__(self, name: str, codec: str | None) -> None:
        self._name = name
        self._codec = codec
        self._decoder = codecs.getincrementaldecoder(codec)() if codec else None
        self._pending = bytearray()  # bytes read but not yet decoded, before a decision
        self._offset = 0  # offset in the stream of the next byte given to a decoder
        self._at_start = True  # no text produced yet: a byte order mark may still come
        self._cr = False  # the last piece ended in "\r", which may be half of "\r\n"

    def feed(self, data: bytes, final: bool = False) -> str:
        """Decode the next bytes; ``final`` marks the end of the stream."""
        if self._decoder is None:
            self._pending += data
            if len(self._pending) < SAMPLE_SIZE and not final:
                return ""
            sample = bytes(self._pending)
            self._pending.clear()
            if sample.isascii() and b"\x00" not in sample:
                # Every candidate reads ASCII alike: emit it, decide on later bytes.
                if _too_many_controls(sample):
                    raise InputError(f"{self._name}: not text (looks binary); {_TRY}")
                self._offset += len(sample)
                return self._finish(sample.decode("ascii"), final)
            self._codec = _detect(sample, self._name, complete=final, offset=self._offset)
            self._decoder = codecs.getincrementaldecoder(self._codec)()
            data = sample
        held = len(self._decoder.getstate()[0])  # bytes kept back from the previous call
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as err:
            offset = self._offset - held + err.start
            raise InputError(
                _decode_error(self._name, str(self._codec), offset, err.reason)
            ) from None
        self._offset += len(data)
        return self._finish(text, final)

    def _finish(self, text: str, final: bool) -> str:
        if self._at_start and text:
            text = text.removeprefix("\ufeff")
            self._at_start = False
        if self._cr:
            text = "\r" + text
            self._cr = False
        if not final and text.endswith("\r"):
            text = text[:-1]
            self._cr = True
        return _newlines(text)


def _stream_text(
    source: str | os.PathLike[str], codec: str | None, chunk_size: int
) -> Iterator[str]:
    name = _name(source)
    decoder = _StreamDecoder(name, codec)
    with _open(source, name) as stream:
        while True:
            try:
                chunk = stream.read(chunk_size)
            except OSError as err:
                raise InputError(
                    f"{name}: cannot read ({err.strerror or err}); check the file"
                ) from None
            text = decoder.feed(chunk, final=not chunk)
            if text:
                yield text
            if not chunk:
                return


def _paragraphs(pieces: Iterable[str]) -> Iterator[str]:
    """Group a stream of text pieces into paragraphs (see :func:`iter_paragraphs`)."""
    lines: list[str] = []  # lines of the current paragraph
    partial: list[str] = []  # pieces of the line not yet ended
    for piece in pieces:
        if "\n" not in piece:
            partial.append(piece)
            continue
        first, *middle, last = piece.split("\n")
        partial.append(first)
        for line in ("".join(partial), *middle):
            if line and not line.isspace():
                lines.append(line)
            elif lines:
                yield "\n".join(lines)
                lines = []
        partial = [last]
    line = "".join(partial)
    if line and not line.isspace():
        lines.append(line)
    if lines:
        yield "\n".join(lines)


def _detect(data: bytes, name: str, *, complete: bool = True, offset: int = 0) -> str:
    """The codec to read ``data`` with, or InputError when it is not text.

    ``complete`` is false for the sample of a stream, which may end inside a character;
    ``offset`` is where the sample starts in the stream (marks and signatures only at 0).
    """
    if not data:
        return "utf-8"
    if offset == 0:
        for bom, codec in _BOMS:
            if data.startswith(bom):
                return codec
        for signature, what in _SIGNATURES:
            if data.startswith(signature):
                raise InputError(f"{name}: not text (looks like {what}); {_TRY}")
    if b"\x00" in data:
        utf16 = _sniff_utf16(data[:SAMPLE_SIZE], complete=complete and len(data) <= SAMPLE_SIZE)
        if utf16 is None:
            raise InputError(f"{name}: not text (looks binary: it has NUL bytes); {_TRY}")
        return utf16
    if _too_many_controls(data):
        raise InputError(f"{name}: not text (looks binary); {_TRY}")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, complete)
    except UnicodeDecodeError as err:
        utf8_error = err
    else:
        return "utf-8"
    if _reads_as_persian(data[:SAMPLE_SIZE]):
        return "cp1256"
    if _looks_like_damaged_utf8(data):
        position = offset + utf8_error.start
        raise InputError(_decode_error(name, "utf-8", position, utf8_error.reason))
    legacy = _guess_legacy(data)
    if legacy is None:
        raise InputError(f"{name}: not text (looks binary); {_TRY}")
    return legacy


def _sniff_utf16(sample: bytes, *, complete: bool) -> str | None:
    """``utf-16-le``/``-be`` when the NULs of ``sample`` fall as in UTF-16 text, else None."""
    size = len(sample) - len(sample) % 2
    if size < 4:
        return None
    even, odd = sample[0:size:2], sample[1:size:2]
    if odd.count(0) and not even.count(0):
        codec, high = "utf-16-le", odd
    elif even.count(0) and not odd.count(0):
        codec, high = "utf-16-be", even
    else:
        return None
    # Text in one or two alphabetic scripts has few distinct high bytes: 0x00 for ASCII, 0x06
    # for Arabic script, 0x20 for ZWNJ and punctuation. Binary data has them all.
    common = sorted((high.count(value) for value in set(high)), reverse=True)[:4]
    if sum(common) < _UTF16_HIGH_BYTES * len(high):
        return None
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample, complete)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\x0b\x0c\r\x1b")
    return None if controls * 100 > len(text) else codec


def _too_many_controls(data: bytes) -> bool:
    """More than 1% of the bytes are controls that text never holds."""
    return len(data.translate(None, _NOT_CONTROL)) * 100 > len(data)


def _looks_like_damaged_utf8(data: bytes) -> bool:
    """Most non-ASCII bytes form valid UTF-8, so the rest is damage, not another encoding.

    cp1256 Persian forms a valid UTF-8 pair only by chance (a letter before a ZWNJ or گ), so
    over 80% of its non-ASCII bytes stay invalid; UTF-8 with a stray byte has almost none. A
    few valid characters are needed before this is believed.
    """
    valid = data.decode("utf-8", "ignore")
    valid_wide = len(valid) - len(valid.encode("ascii", "ignore"))
    high = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    invalid = len(data) - len(valid.encode("utf-8"))
    return valid_wide >= _DAMAGED_UTF8_MIN_CHARS and invalid <= _DAMAGED_UTF8_SHARE * high


def _guess_legacy(data: bytes) -> str | None:
    """The code page charset-normalizer finds reads ``data`` most cleanly, or None if none."""
    from charset_normalizer import from_bytes  # imported here: importing khabar stays fast

    scores: list[tuple[float, int, str]] = []
    for rank, codec in enumerate(_LEGACY):
        payload = data.translate(_CP1256_BLANKED) if codec == "cp1256" else data
        match = from_bytes(payload, cp_isolation=[codec]).best()
        if match is not None and match.encoding == codec:
            scores.append((match.chaos, rank, codec))
    return min(scores)[2] if scores else None


def _reads_as_persian(data: bytes) -> bool:
    """Read as cp1256, ``data`` is Persian (or Arabic) text, perhaps with Latin words in it.

    Three tests, each failed by other text read as cp1256: at least half of the Arabic-script
    letters stand in words of two or more (UTF-8 Persian read as cp1256 alternates letters and
    symbols: ``ط§ط±``); at most one Latin-1 accented letter per 20 Arabic ones (that mojibake
    turns every ``ی`` into ``Œ``); at most one Arabic letter per 20 touching a Latin letter
    (cp1252 accented letters read as Arabic ones inside Latin words: ``Bär`` as ``Bنr``).
    """
    text = _INSIDE_WORDS.sub("", data.decode("cp1256"))
    arabic = len(_ARABIC_LETTER.findall(text))
    if not arabic:
        return False
    in_words = sum(map(len, _ARABIC_WORD.findall(text)))
    accented = len(_LETTER.findall(text)) - arabic - len(_ASCII_LETTER.findall(text))
    touching = len(_LATIN_TOUCHING_ARABIC.findall(text))
    return 2 * in_words >= arabic and 20 * accented <= arabic and 20 * touching <= arabic


def _check_codec(encoding: str) -> str:
    """The canonical name of a text codec, or OptionError naming the bad one."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        raise OptionError(
            f"unknown encoding {encoding!r}; use a codec name such as {_CODEC_EXAMPLES}"
        ) from None
    # base64, rot13, zlib … are codecs too, but bytes to bytes; str.decode refuses them likewise.
    if not getattr(info, "_is_text_encoding", True):
        raise OptionError(
            f"encoding {encoding!r} is not a text encoding; use one such as {_CODEC_EXAMPLES}"
        )
    return info.name


def _decode_error(name: str, codec: str, offset: int, reason: str) -> str:
    return (
        f"{name}: cannot decode as {codec} at byte {offset} ({reason}); repair the file, "
        f"or force another codec with --encoding (e.g. {_CODEC_EXAMPLES})"
    )


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _name(source: str | os.PathLike[str]) -> str:
    return "<stdin>" if _is_stdin(source) else os.fspath(source)


def _is_stdin(source: str | os.PathLike[str]) -> bool:
    return isinstance(source, str) and source == "-"


@contextmanager
def _open(source: str | os.PathLike[str], name: str) -> Iterator[BinaryIO]:
    """The binary stream of ``source``; stdin is left open afterwards."""
    if _is_stdin(source):
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:
            raise InputError("<stdin>: no standard input to read; give a file name instead of -")
        yield buffer
        return
    try:
        stream = open(source, "rb")  # noqa: SIM115 - closed by the `with` below
    except FileNotFoundError:
        raise InputError(f"{name}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; give a text file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied; check the file's permissions") from None
    except OSError as err:
        raise InputError(f"{name}: cannot open ({err.strerror or err}); check the path") from None
    with stream:
        yield stream
