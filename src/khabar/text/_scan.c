/*
 * khabar.text._scan: the scanning loops of the normalization passes, in C.
 *
 * CharClass finds the characters of a set in a text, as a one-class regex does, several times
 * faster: the passes use it to find the few places where they have work.
 *
 * TokenTable is the token cache of the half-space (ZWNJ) pass, which looks up every
 * space-separated token of every text in a cache that says what the token needs. Done from
 * Python, each lookup first makes a str object of the token, and that allocation is most of
 * the pass's time. This table is looked up straight from the text's
 * own buffer: it hashes each token's code points while scanning for spaces, walks the tokens
 * as zwnj.py's loop does, and makes objects only for the edits. Stretches of tokens that may
 * join across a space go back to Python (zwnj._sweep).
 *
 * Optional: when this module cannot be built, khabar.text.charclass and khabar.text.zwnj do
 * the same in Python, with the same results (the tests compare the two).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL
#define MIN_CAPACITY 1024

/* Flags of a token, as the Python side sets them (zwnj._table_flags). */
#define CHANGES 1        /* it is rewritten */
#define JOINS_NEXT 2     /* its last word may join the next token */
#define JOINS_PREVIOUS 4 /* its first word may join the previous token */
#define HAS_LEAD 8       /* it starts with a word */
#define HAS_TAIL 16      /* it ends with a word */
#define NO_EZAFE_LEAD 32 /* its first word takes no ezafe before it */
#define LOOK 7           /* CHANGES | JOINS_NEXT | JOINS_PREVIOUS: a token to look at */

typedef struct {
    uint64_t hash;
    PyObject *key;         /* the token; NULL while the cell is empty */
    long flags;            /* CHANGES, JOINS_NEXT … as above */
    PyObject *edits;       /* its edits (start, end, written), relative to it; NULL: none */
    PyObject *alternative; /* the edits to use when no ezafe follows; NULL: none */
} Cell;

typedef struct {
    PyObject_HEAD
    Cell *cells;
    Py_ssize_t mask; /* capacity - 1; the capacity is a power of two */
    Py_ssize_t used;
} TokenTable;

/* A token of the text being scanned. */
typedef struct {
    Py_ssize_t start;
    Py_ssize_t end;
    Cell *cell;
} Token;

static uint64_t
hash_str(PyObject *s)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    uint64_t h = FNV_OFFSET;
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (uint64_t)PyUnicode_READ(kind, data, i);
        h *= FNV_PRIME;
    }
    return h;
}

/* Whether the stored key equals text[start:start + n], compared by code points (a key made by
 * slicing may be stored narrower than the text it is compared with). */
static int
key_equals(PyObject *key, int kind, const void *data, Py_ssize_t start, Py_ssize_t n)
{
    if (PyUnicode_GET_LENGTH(key) != n) {
        return 0;
    }
    int key_kind = PyUnicode_KIND(key);
    const void *key_data = PyUnicode_DATA(key);
    if (key_kind == kind) {
        return memcmp(key_data, (const char *)data + start * kind, (size_t)(n * kind)) == 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(key_kind, key_data, i) != PyUnicode_READ(kind, data, start + i)) {
            return 0;
        }
    }
    return 1;
}

/* The cell holding text[start:start + n], or the empty cell where it would go. */
static Cell *
find_cell(TokenTable *t, uint64_t h, int kind, const void *data, Py_ssize_t start, Py_ssize_t n)
{
    Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)t->mask);
    for (;;) {
        Cell *c = &t->cells[i];
        if (c->key == NULL) {
            return c;
        }
        if (c->hash == h && key_equals(c->key, kind, data, start, n)) {
            return c;
        }
        i = (i + 1) & t->mask;
    }
}

static int
allocate(TokenTable *t, Py_ssize_t capacity)
{
    Cell *cells = PyMem_Calloc((size_t)capacity, sizeof(Cell));
    if (cells == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    t->cells = cells;
    t->mask = capacity - 1;
    t->used = 0;
    return 0;
}

static void
release_cells(Cell *cells, Py_ssize_t capacity)
{
    for (Py_ssize_t i = 0; i < capacity; i++) {
        Py_XDECREF(cells[i].key);
        Py_XDECREF(cells[i].edits);
        Py_XDECREF(cells[i].alternative);
    }
    PyMem_Free(cells);
}

static int
grow(TokenTable *t)
{
    Cell *old = t->cells;
    Py_ssize_t old_capacity = t->mask + 1;
    if (allocate(t, old_capacity * 2) < 0) {
        t->cells = old;
        t->mask = old_capacity - 1;
        return -1;
    }
    for (Py_ssize_t i = 0; i < old_capacity; i++) {
        if (old[i].key != NULL) {
            Py_ssize_t j = (Py_ssize_t)(old[i].hash & (uint64_t)t->mask);
            while (t->cells[j].key != NULL) {
                j = (j + 1) & t->mask;
            }
            t->cells[j] = old[i]; /* the references move along */
            t->used++;
        }
    }
    PyMem_Free(old);
    return 0;
}

static PyObject *
table_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    if (PyTuple_GET_SIZE(args) != 0 || (kwds != NULL && PyDict_GET_SIZE(kwds) != 0)) {
        PyErr_SetString(PyExc_TypeError, "TokenTable() takes no arguments");
        return NULL;
    }
    TokenTable *t = (TokenTable *)type->tp_alloc(type, 0);
    if (t == NULL) {
        return NULL;
    }
    if (allocate(t, MIN_CAPACITY) < 0) {
        Py_DECREF(t);
        return NULL;
    }
    return (PyObject *)t;
}

static void
table_dealloc(TokenTable *t)
{
    if (t->cells != NULL) {
        release_cells(t->cells, t->mask + 1);
    }
    Py_TYPE(t)->tp_free((PyObject *)t);
}

static Py_ssize_t
table_len(TokenTable *t)
{
    return t->used;
}

/* Whether edits are None or a tuple of (int, int, str), as scan() reads them unchecked. */
static int
valid_edits(PyObject *edits)
{
    if (edits == Py_None) {
        return 1;
    }
    if (!PyTuple_Check(edits)) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(edits); i++) {
        PyObject *edit = PyTuple_GET_ITEM(edits, i);
        if (!PyTuple_Check(edit) || PyTuple_GET_SIZE(edit) != 3
            || !PyLong_CheckExact(PyTuple_GET_ITEM(edit, 0))
            || !PyLong_CheckExact(PyTuple_GET_ITEM(edit, 1))
            || !PyUnicode_Check(PyTuple_GET_ITEM(edit, 2))) {
            return 0;
        }
    }
    return 1;
}

/* A new (a, b, c) tuple of two integers and an object; NULL on failure. */
static PyObject *
triple(Py_ssize_t a, Py_ssize_t b, PyObject *c)
{
    PyObject *item = PyTuple_New(3);
    PyObject *x = PyLong_FromSsize_t(a);
    PyObject *y = PyLong_FromSsize_t(b);
    if (item == NULL || x == NULL || y == NULL) {
        Py_XDECREF(item);
        Py_XDECREF(x);
        Py_XDECREF(y);
        return NULL;
    }
    Py_INCREF(c);
    PyTuple_SET_ITEM(item, 0, x);
    PyTuple_SET_ITEM(item, 1, y);
    PyTuple_SET_ITEM(item, 2, c);
    return item;
}

PyDoc_STRVAR(add_doc,
    "add(token, flags, edits, alternative)\n\n"
    "Remember a token: its flags, its edits (a tuple of (start, end, written) relative to the\n"
    "token, or None) and the edits to use instead when no ezafe follows (or None).");

static void
set_edits(PyObject **field, PyObject *edits)
{
    Py_XDECREF(*field);
    *field = NULL;
    if (edits != Py_None) {
        Py_INCREF(edits);
        *field = edits;
    }
}

static PyObject *
table_add(TokenTable *t, PyObject *args)
{
    PyObject *token, *edits, *alternative;
    long flags;
    if (!PyArg_ParseTuple(args, "UlOO:add", &token, &flags, &edits, &alternative)) {
        return NULL;
    }
    if (!valid_edits(edits) || !valid_edits(alternative)) {
        PyErr_SetString(PyExc_TypeError, "edits must be None or a tuple of (int, int, str)");
        return NULL;
    }
    if ((t->used + 1) * 2 > t->mask + 1 && grow(t) < 0) {
        return NULL;
    }
    uint64_t h = hash_str(token);
    Cell *c = find_cell(t, h, PyUnicode_KIND(token), PyUnicode_DATA(token), 0,
                        PyUnicode_GET_LENGTH(token));
    if (c->key == NULL) {
        Py_INCREF(token);
        c->key = token;
        c->hash = h;
        t->used++;
    }
    set_edits(&c->edits, edits);
    set_edits(&c->alternative, alternative);
    c->flags = flags;
    Py_RETURN_NONE;
}

static PyObject *
table_clear(TokenTable *t, PyObject *Py_UNUSED(ignored))
{
    Cell *old = t->cells;
    Py_ssize_t old_capacity = t->mask + 1;
    if (allocate(t, MIN_CAPACITY) < 0) {
        t->cells = old;
        return NULL;
    }
    release_cells(old, old_capacity);
    Py_RETURN_NONE;
}

/* Append (start + s, start + e, written) for each relative edit of a token. */
static int
append_edits(PyObject *out, PyObject *relative, Py_ssize_t start)
{
    Py_ssize_t n = PyTuple_GET_SIZE(relative);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *edit = PyTuple_GET_ITEM(relative, i);
        Py_ssize_t s = PyLong_AsSsize_t(PyTuple_GET_ITEM(edit, 0));
        Py_ssize_t e = PyLong_AsSsize_t(PyTuple_GET_ITEM(edit, 1));
        if ((s == -1 || e == -1) && PyErr_Occurred()) {
            return -1;
        }
        PyObject *item = triple(start + s, start + e, PyTuple_GET_ITEM(edit, 2));
        if (item == NULL) {
            return -1;
        }
        int failed = PyList_Append(out, item);
        Py_DECREF(item);
        if (failed) {
            return -1;
        }
    }
    return 0;
}

static int
append_stretch(PyObject *stretches, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *item = Py_BuildValue("(nn)", start, end);
    if (item == NULL) {
        return -1;
    }
    int failed = PyList_Append(stretches, item);
    Py_DECREF(item);
    return failed;
}

static int
append_number(PyObject *list, Py_ssize_t n)
{
    PyObject *number = PyLong_FromSsize_t(n);
    if (number == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, number);
    Py_DECREF(number);
    return failed;
}

/* Whether token i may join token i + 1 across their space (zwnj._repair_marked's joins). */
static inline int
joins(const Token *tokens, Py_ssize_t count, Py_ssize_t i)
{
    if (i < 0 || i + 1 >= count) {
        return 0;
    }
    long a = tokens[i].cell->flags, b = tokens[i + 1].cell->flags;
    return ((a & JOINS_NEXT) && (b & HAS_LEAD)) || ((b & JOINS_PREVIOUS) && (a & HAS_TAIL));
}

PyDoc_STRVAR(scan_doc,
    "scan(text) -> (edits, stretches, unknown)\n\n"
    "Split text at single spaces, as text.split(' ') does, and look up every token.\n"
    "edits: the (start, end, written) edits of the tokens rewritten on their own, in order.\n"
    "stretches: (start, end) of the runs of tokens that may join across a space.\n"
    "unknown: where the tokens the table does not know start; when there are any, nothing\n"
    "else is reported (add them and scan again).");

static PyObject *
table_scan(TokenTable *t, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a str");
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);

    PyObject *edits = PyList_New(0);
    PyObject *stretches = PyList_New(0);
    PyObject *unknown = PyList_New(0);
    Py_ssize_t capacity = 64, count = 0;
    Token *tokens = PyMem_Malloc(sizeof(Token) * (size_t)capacity);
    if (edits == NULL || stretches == NULL || unknown == NULL || tokens == NULL) {
        goto fail;
    }
    Py_ssize_t start = 0;
    uint64_t h = FNV_OFFSET;
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_UCS4 ch = i < n ? PyUnicode_READ(kind, data, i) : ' ';
        if (ch != ' ') {
            h = (h ^ (uint64_t)ch) * FNV_PRIME;
            continue;
        }
        Cell *c = find_cell(t, h, kind, data, start, i - start);
        if (c->key == NULL && append_number(unknown, start) < 0) {
            goto fail;
        }
        if (count == capacity) {
            capacity *= 2;
            Token *more = PyMem_Realloc(tokens, sizeof(Token) * (size_t)capacity);
            if (more == NULL) {
                goto fail;
            }
            tokens = more;
        }
        tokens[count].start = start;
        tokens[count].end = i;
        tokens[count].cell = c;
        count++;
        start = i + 1;
        h = FNV_OFFSET;
    }
    if (PyList_GET_SIZE(unknown) > 0) {
        goto done;
    }
    Py_ssize_t written = 0; /* tokens before this one are written */
    for (Py_ssize_t k = 0; k < count; k++) {
        long flags = tokens[k].cell->flags;
        if (!(flags & LOOK) || k < written) {
            continue;
        }
        Py_ssize_t i, j;
        int next_joins = k + 1 < count && (tokens[k + 1].cell->flags & JOINS_PREVIOUS);
        if ((flags & LOOK) == CHANGES && !next_joins) {
            i = j = k; /* the common case: a token that changes and joins nothing */
        }
        else {
            /* A stretch that may join starts here, or at the token before. */
            i = k - 1 >= written && joins(tokens, count, k - 1) ? k - 1 : k;
            if (joins(tokens, count, i)) {
                j = i + 1;
                while (joins(tokens, count, j)) {
                    j++;
                }
            }
            else if (flags & CHANGES) {
                i = j = k;
            }
            else {
                continue;
            }
        }
        if (j > i) {
            if (append_stretch(stretches, tokens[i].start, tokens[j].end) < 0) {
                goto fail;
            }
            written = j + 1;
            continue;
        }
        Cell *c = tokens[k].cell;
        PyObject *chosen = c->edits;
        if (c->alternative != NULL) { /* its last word reads both ways: the next token decides */
            long after = k + 1 < count ? tokens[k + 1].cell->flags : 0;
            if (!(after & HAS_LEAD) || (after & NO_EZAFE_LEAD)) {
                chosen = c->alternative;
            }
        }
        if (chosen != NULL && append_edits(edits, chosen, tokens[k].start) < 0) {
            goto fail;
        }
        written = k + 1;
    }
done:
    PyMem_Free(tokens);
    return Py_BuildValue("(NNN)", edits, stretches, unknown);

fail:
    PyMem_Free(tokens);
    Py_XDECREF(edits);
    Py_XDECREF(stretches);
    Py_XDECREF(unknown);
    if (!PyErr_Occurred()) {
        PyErr_NoMemory();
    }
    return NULL;
}

static PyMethodDef table_methods[] = {
    {"add", (PyCFunction)table_add, METH_VARARGS, add_doc},
    {"scan", (PyCFunction)table_scan, METH_O, scan_doc},
    {"clear", (PyCFunction)table_clear, METH_NOARGS, "Forget every token."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods table_as_sequence = {
    .sq_length = (lenfunc)table_len,
};

static PyTypeObject TokenTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "khabar.text._scan.TokenTable",
    .tp_basicsize = sizeof(TokenTable),
    .tp_dealloc = (destructor)table_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Space-separated tokens and what the ZWNJ pass knows of them.",
    .tp_methods = table_methods,
    .tp_as_sequence = &table_as_sequence,
    .tp_new = table_new,
};

/* ---- CharClass ------------------------------------------------------------------------ */

#define BMP_WORDS (0x10000 / 32)

typedef struct {
    PyObject_HEAD
    uint32_t bits[BMP_WORDS]; /* one bit per character of the Basic Multilingual Plane */
} CharClass;

#define IS_MEMBER(cls, ch) ((ch) <= 0xFFFF && (((cls)->bits[(ch) >> 5] >> ((ch) & 31)) & 1))

static PyObject *
charclass_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *keywords[] = {"chars", NULL};
    PyObject *chars;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U:CharClass", keywords, &chars)) {
        return NULL;
    }
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ(kind, data, i) > 0xFFFF) {
            PyErr_SetString(PyExc_ValueError, "CharClass holds characters up to U+FFFF only");
            return NULL;
        }
    }
    CharClass *cls = (CharClass *)type->tp_alloc(type, 0); /* zeroed */
    if (cls == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        cls->bits[ch >> 5] |= (uint32_t)1 << (ch & 31);
    }
    return (PyObject *)cls;
}

/* The first index >= i of a member of the class in the text, or n. */
static Py_ssize_t
next_member(const CharClass *cls, int kind, const void *data, Py_ssize_t i, Py_ssize_t n)
{
    switch (kind) {
    case PyUnicode_1BYTE_KIND: {
        const Py_UCS1 *p = data;
        for (; i < n && !IS_MEMBER(cls, p[i]); i++) {
        }
        return i;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *p = data;
        for (; i < n && !IS_MEMBER(cls, p[i]); i++) {
        }
        return i;
    }
    default: {
        const Py_UCS4 *p = data;
        for (; i < n && !IS_MEMBER(cls, p[i]); i++) {
        }
        return i;
    }
    }
}

static int
parse_text(PyObject *args, const char *format, PyObject **text, Py_ssize_t *start)
{
    *start = 0;
    if (!PyArg_ParseTuple(args, format, text, start)) {
        return -1;
    }
    if (*start < 0) {
        *start = 0;
    }
    return 0;
}

PyDoc_STRVAR(find_doc,
    "find(text, start=0) -> int\n\n"
    "The index of the first character of the class at or after start, or -1.");

static PyObject *
charclass_find(CharClass *cls, PyObject *args)
{
    PyObject *text;
    Py_ssize_t start;
    if (parse_text(args, "U|n:find", &text, &start) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t i = next_member(cls, PyUnicode_KIND(text), PyUnicode_DATA(text), start, n);
    return PyLong_FromSsize_t(i < n ? i : -1);
}

/* The indexes from start on of the members of cls that a member of after follows (any
 * character when after is NULL). */
static PyObject *
collect(const CharClass *cls, PyObject *text, Py_ssize_t start, const CharClass *after)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = next_member(cls, kind, data, start, n); i < n;
         i = next_member(cls, kind, data, i + 1, n)) {
        if (after != NULL && !(i + 1 < n && IS_MEMBER(after, PyUnicode_READ(kind, data, i + 1)))) {
            continue;
        }
        if (append_number(found, i) < 0) {
            Py_DECREF(found);
            return NULL;
        }
    }
    return found;
}

PyDoc_STRVAR(positions_doc,
    "positions(text, start=0) -> list[int]\n\n"
    "The indexes of every character of the class at or after start, in order.");

static PyObject *
charclass_positions(CharClass *cls, PyObject *args)
{
    PyObject *text;
    Py_ssize_t start;
    if (parse_text(args, "U|n:positions", &text, &start) < 0) {
        return NULL;
    }
    return collect(cls, text, start, NULL);
}

static PyTypeObject CharClassType;

PyDoc_STRVAR(followed_by_doc,
    "followed_by(text, after) -> list[int]\n\n"
    "The indexes of every character of the class that the next character, a member of the\n"
    "CharClass after, follows.");

static PyObject *
charclass_followed_by(CharClass *cls, PyObject *args)
{
    PyObject *text;
    CharClass *after;
    if (!PyArg_ParseTuple(args, "UO!:followed_by", &text, &CharClassType, &after)) {
        return NULL;
    }
    return collect(cls, text, 0, after);
}

static PyMethodDef charclass_methods[] = {
    {"find", (PyCFunction)charclass_find, METH_VARARGS, find_doc},
    {"positions", (PyCFunction)charclass_positions, METH_VARARGS, positions_doc},
    {"followed_by", (PyCFunction)charclass_followed_by, METH_VARARGS, followed_by_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CharClassType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "khabar.text._scan.CharClass",
    .tp_basicsize = sizeof(CharClass),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A set of characters, found in texts at C speed.",
    .tp_methods = charclass_methods,
    .tp_new = charclass_new,
};

static struct PyModuleDef scan_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "khabar.text._scan",
    .m_doc = "Scanning loops of the normalization passes (optional: the same exists in Python).",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    if (PyType_Ready(&TokenTableType) < 0 || PyType_Ready(&CharClassType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&scan_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "TokenTable", (PyObject *)&TokenTableType) < 0
        || PyModule_AddObjectRef(m, "CharClass", (PyObject *)&CharClassType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
