/*
 * corpus.c - find the documents and read them one at a time.
 *
 * Directories are walked depth-first with entries sorted by byte order, so
 * the document order is the same on every machine. Hidden entries (".git")
 * are skipped; symbolic links are followed, but a directory already on the
 * current path is not entered again, so link loops end.
 *
 * The walk is lazy: a walker holds the sorted listing of each directory on
 * the current path, never the list of every file, so memory does not grow
 * with the number of documents (385,000 paths held up front took 30 MB).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "corpus.h"
#include "dates.h"
#include "jsonl.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/hmap.h"

#define SNIFF 8192 /* bytes looked at to tell a binary file */

typedef struct {
    dev_t dev;
    ino_t ino;
} dirid;

#define MAX_DEPTH 64

/* A directory being walked: its path, an open descriptor (its files are
 * opened from it), sorted entries and the next one. */
typedef struct {
    char *dir;
    int fd;
    char **names;
    unsigned char *types; /* d_type of each name */
    size_t n, i;
    dirid id;
    int out; /* the output directory, named as an input: skip its outputs */
} frame;

/* Yields the files of the inputs, one at a time, in order. */
typedef struct {
    char **inputs;
    size_t ninputs, next;
    frame fr[MAX_DEPTH];
    size_t depth;
    eg_buf cur; /* the path yielded last */
    int cur_dirfd;        /* and where to open it from: a frame's fd, or AT_FDCWD */
    const char *cur_name; /* with this name (valid until the next walker_next) */
    const char *out_dir;  /* the run's output directory, or NULL */
    const char *const *out_names;
    /* what was read, to read nothing twice (a directory reached again
     * through a link, an input given twice): directories entered, and
     * the files named as inputs (dirid bytes -> 1) */
    eg_strmap dirs, files;
} walker;

struct eg_corpus {
    walker w;
    size_t ndocs;   /* documents returned so far */
    eg_corpus_opts o;
    eg_buf data;
    eg_warn_fn warn;
    void *ud;
    /* the JSON Lines file being read */
    FILE *jfp;
    const char *jpath; /* jpathbuf's data, or "-" */
    eg_buf jpathbuf;
    size_t jline;
    uint32_t jday; /* its date from the path, 0 = none */
    eg_jsonl_rec rec;
    eg_buf jid;
    regex_t re; /* date_regex, compiled */
    int has_re;
};

static void warnf(eg_corpus *c, const char *fmt, const char *a, const char *b)
{
    if (!c->warn)
        return;
    char msg[1200];
    snprintf(msg, sizeof msg, fmt, a, b);
    c->warn(c->ud, msg);
}

static void walker_free(walker *w)
{
    for (size_t i = 0; i < w->ninputs; i++)
        free(w->inputs[i]);
    free(w->inputs);
    while (w->depth > 0) {
        frame *f = &w->fr[--w->depth];
        eg_free_names(f->names, f->n);
        free(f->types);
        free(f->dir);
        close(f->fd);
    }
    eg_buf_free(&w->cur);
    eg_strmap_free(&w->dirs);
    eg_strmap_free(&w->files);
}

static eg_status walker_init(walker *w, const char *const *inputs, size_t n, eg_error *err)
{
    memset(w, 0, sizeof *w);
    eg_strmap_init(&w->dirs);
    eg_strmap_init(&w->files);
    if (!(w->inputs = calloc(n ? n : 1, sizeof *w->inputs)))
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (!(w->inputs[i] = eg_strndup(inputs[i], strlen(inputs[i])))) {
            walker_free(w);
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        }
        w->ninputs++;
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0 && S_ISREG(sb.st_mode)) {
            dirid id = {sb.st_dev, sb.st_ino};
            if (eg_strmap_or(&w->files, (const char *)&id, sizeof id, 1) < 0) {
                walker_free(w);
                return eg_error_add(err, EG_ENOMEM, "out of memory");
            }
        }
    }
    return EG_OK;
}

/* Whether sb's file is new to set (and now recorded): 1, 0 if seen
 * before, -1 out of memory. */
static int first_time(eg_strmap *set, const struct stat *sb)
{
    dirid id = {sb->st_dev, sb->st_ino};
    char key[sizeof id];
    memcpy(key, &id, sizeof id); /* dirid has no padding: two 8-byte fields */
    return eg_strmap_put(set, key, sizeof key, 1, NULL);
}

/* Whether sb is the output directory (it may be created after the walk
 * starts, so it is looked up each time). */
static int is_out_dir(const walker *w, const struct stat *sb)
{
    struct stat ob;
    return w->out_dir && stat(w->out_dir, &ob) == 0 && ob.st_dev == sb->st_dev &&
           ob.st_ino == sb->st_ino;
}

/* Whether the directory sub of dirfd is one entigraph writes into: its
 * lock file (w->out_names' last) marks it. */
static int out_marked(const walker *w, int dirfd, const char *sub)
{
    const char *lock = NULL;
    for (const char *const *o = w->out_names; o && *o; o++)
        lock = *o;
    if (!lock)
        return 0;
    char path[4096];
    struct stat sb;
    return (size_t)snprintf(path, sizeof path, "%s/%s", sub, lock) < sizeof path &&
           fstatat(dirfd, path, &sb, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Whether name is one of the run's outputs or a temporary of one
 * (graph.dot.Ab12Cd, as mkstemp names them). */
static int out_name(const walker *w, const char *name)
{
    size_t n = strlen(name);
    for (const char *const *o = w->out_names; o && *o; o++) {
        size_t ol = strlen(*o);
        if (n >= ol && memcmp(name, *o, ol) == 0 && (n == ol || (n == ol + 7 && name[ol] == '.')))
            return 1; /* the kept previous files (.NAME.prev) are dot files: never listed */
    }
    return 0;
}

static eg_status enter(walker *w, const char *dir, const struct stat *sb, eg_error *err)
{
    if (w->depth >= MAX_DEPTH)
        return eg_error_add(err, EG_EINPUT, "%s: directories nested too deep", dir);
    frame *f = &w->fr[w->depth];
    memset(f, 0, sizeof *f);
    f->id = (dirid){sb->st_dev, sb->st_ino};
    if (!(f->dir = eg_strndup(dir, strlen(dir))))
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    f->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (f->fd < 0) {
        eg_error_add(err, EG_EIO, "%s: cannot open directory: %s", dir, strerror(errno));
        free(f->dir);
        return EG_EIO;
    }
    f->out = is_out_dir(w, sb) || out_marked(w, f->fd, ".");
    eg_status st = eg_list_dir(dir, NULL, &f->names, &f->types, &f->n, err);
    if (st != EG_OK) {
        close(f->fd);
        free(f->dir);
        return st;
    }
    w->depth++;
    return EG_OK;
}

/* The next file into w->cur ("-" for stdin) and, when size is not NULL,
 * the size of a regular file into *size: 1, 0 at the end, -1 on error
 * (err filled). c, when not NULL, receives the warnings (skipped
 * entries). Without size, an entry the directory listing says is a
 * regular file is taken without a stat: reading it will tell. */
static int walker_next(walker *w, eg_corpus *c, uint64_t *size, eg_error *err)
{
    for (;;) {
        struct stat sb;
        if (w->depth > 0) {
            frame *f = &w->fr[w->depth - 1];
            if (f->i >= f->n) {
                eg_free_names(f->names, f->n);
                free(f->types);
                free(f->dir);
                close(f->fd);
                w->depth--;
                continue;
            }
            if (f->out && out_name(w, f->names[f->i])) {
                f->i++; /* the run's own output: never its input */
                continue;
            }
            int regular = f->types[f->i] == DT_REG;
            size_t dl = strlen(f->dir);
            int slash = dl > 0 && f->dir[dl - 1] == '/';
            eg_buf_clear(&w->cur);
            w->cur_dirfd = f->fd;
            w->cur_name = f->names[f->i];
            size_t nl = strlen(f->names[f->i]);
            if (eg_buf_append(&w->cur, f->dir, dl) != 0 ||
                (!slash && eg_buf_putc(&w->cur, '/') != 0) ||
                eg_buf_append(&w->cur, f->names[f->i++], nl) != 0) {
                eg_error_add(err, EG_ENOMEM, "out of memory");
                return -1;
            }
            if (regular && !size && !w->files.n)
                return 1; /* no stat: the read tells */
            int fresh;
            if (fstatat(f->fd, w->cur_name, &sb, 0) != 0) {
                if (c)
                    warnf(c, "%s: skipped: %s", w->cur.data, strerror(errno));
            } else if (S_ISDIR(sb.st_mode)) {
                int loop = 0;
                for (size_t k = 0; k < w->depth; k++)
                    loop |= w->fr[k].id.dev == sb.st_dev && w->fr[k].id.ino == sb.st_ino;
                if (loop) {
                    if (c)
                        warnf(c, "%s: skipped: directory link loop%s", w->cur.data, "");
                } else if (is_out_dir(w, &sb) || out_marked(w, f->fd, w->cur_name)) {
                    if (c)
                        warnf(c, "%s: skipped: an entigraph output directory%s", w->cur.data,
                              "");
                } else if ((fresh = first_time(&w->dirs, &sb)) <= 0) {
                    if (fresh < 0) {
                        eg_error_add(err, EG_ENOMEM, "out of memory");
                        return -1;
                    }
                    if (c)
                        warnf(c, "%s: skipped: a directory already read%s", w->cur.data, "");
                } else if (enter(w, w->cur.data, &sb, err) != EG_OK) {
                    return -1;
                }
            } else if (S_ISREG(sb.st_mode)) {
                dirid id = {sb.st_dev, sb.st_ino};
                uint32_t named;
                if (w->files.n && eg_strmap_get(&w->files, (const char *)&id, sizeof id, &named)) {
                    if (c)
                        warnf(c, "%s: skipped: a file named as an input of its own%s",
                              w->cur.data, "");
                    continue;
                }
                if (size)
                    *size = (uint64_t)sb.st_size;
                return 1;
            }
            continue;
        }
        if (w->next >= w->ninputs)
            return 0;
        const char *in = w->inputs[w->next++];
        eg_buf_clear(&w->cur);
        w->cur_dirfd = AT_FDCWD;
        w->cur_name = in;
        if (eg_buf_append(&w->cur, in, strlen(in)) != 0) {
            eg_error_add(err, EG_ENOMEM, "out of memory");
            return -1;
        }
        if (size)
            *size = 0;
        if (strcmp(in, "-") == 0)
            return 1;
        if (stat(in, &sb) != 0) { /* it was there when the corpus was opened */
            eg_error_add(err, EG_EIO, "%s: cannot open: %s", in, strerror(errno));
            return -1;
        }
        /* a file named as an input is read where it is named (walks skip
         * it: they see it in files), once: bit 2 once read */
        dirid id = {sb.st_dev, sb.st_ino};
        uint32_t was = 0;
        int fresh = S_ISDIR(sb.st_mode) ? first_time(&w->dirs, &sb)
                    : S_ISREG(sb.st_mode)
                        ? (eg_strmap_get(&w->files, (const char *)&id, sizeof id, &was), !(was & 2))
                        : 1;
        if (fresh < 0 ||
            (S_ISREG(sb.st_mode) && eg_strmap_or(&w->files, (const char *)&id, sizeof id, 2) < 0)) {
            eg_error_add(err, EG_ENOMEM, "out of memory");
            return -1;
        }
        if (!fresh) {
            if (c)
                warnf(c, "%s: skipped: %s", in,
                      S_ISDIR(sb.st_mode) ? "a directory already read" : "a file already read");
            continue;
        }
        if (!S_ISDIR(sb.st_mode)) {
            if (size)
                *size = S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
            return 1;
        }
        if (enter(w, in, &sb, err) != EG_OK)
            return -1;
    }
}

eg_status eg_corpus_open(const char *const *inputs, size_t n, const eg_corpus_opts *o,
                         eg_warn_fn warn, void *ud, eg_corpus **out, eg_error *err)
{
    eg_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    eg_jsonl_rec_init(&c->rec);
    if (o)
        c->o = *o;
    else
        c->o.max_doc = EG_MAX_DOC_DEFAULT;
    if (!c->o.max_doc || c->o.max_doc > EG_MAX_DOC_LIMIT)
        c->o.max_doc = EG_MAX_DOC_LIMIT;
    c->warn = warn;
    c->ud = ud;
    eg_status st = EG_OK;
    if (c->o.date_regex) {
        int rc = regcomp(&c->re, c->o.date_regex, REG_EXTENDED);
        if (rc != 0) {
            char why[256];
            regerror(rc, &c->re, why, sizeof why);
            eg_error_add(err, EG_EUSAGE, "--date-from-path '%s': %s", c->o.date_regex, why);
            eg_corpus_free(c); /* has_re is 0: regfree is not called on it */
            return EG_EUSAGE;
        }
        c->has_re = 1;
    }
    /* a missing input is an error now, not after hours of reading */
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) != 0)
            st = eg_error_add(err, EG_EIO, "%s: %s", inputs[i], strerror(errno));
    }
    if (st == EG_OK)
        st = walker_init(&c->w, inputs, n, err);
    c->w.out_dir = c->o.out_dir;
    c->w.out_names = c->o.out_names;
    if (st != EG_OK) {
        eg_corpus_free(c);
        return st;
    }
    *out = c;
    return EG_OK;
}

size_t eg_corpus_ndocs(const eg_corpus *c)
{
    return c->ndocs;
}

uint64_t eg_corpus_bytes(const eg_corpus *c)
{
    /* a walk of its own, stat only: the reading walk is not disturbed */
    walker w;
    eg_error err;
    eg_error_init(&err);
    if (walker_init(&w, (const char *const *)c->w.inputs, c->w.ninputs, &err) != EG_OK)
        return 0;
    w.out_dir = c->w.out_dir;
    w.out_names = c->w.out_names;
    uint64_t total = 0, size;
    while (walker_next(&w, NULL, &size, &err) == 1)
        total += size;
    walker_free(&w);
    return total;
}

void eg_corpus_free(eg_corpus *c)
{
    if (!c)
        return;
    walker_free(&c->w);
    eg_buf_free(&c->jpathbuf);
    eg_buf_free(&c->data);
    if (c->jfp && c->jfp != stdin)
        fclose(c->jfp);
    eg_jsonl_rec_free(&c->rec);
    eg_buf_free(&c->jid);
    if (c->has_re)
        regfree(&c->re);
    free(c);
}

static size_t check_utf8(const char *s, size_t len, size_t *first)
{
    size_t bad = 0, i = 0;
    while (i < len) {
        /* ASCII eight bytes at a time: most text is */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0) {
            if (!bad)
                *first = i;
            bad++;
            i++;
        } else {
            i += (size_t)k;
        }
    }
    return bad;
}

static void warn_invalid(eg_corpus *c, const char *name, size_t first, size_t n)
{
    if (!c->warn)
        return;
    char msg[1200];
    snprintf(msg, sizeof msg, "%s: invalid UTF-8 at byte %zu (%zu byte%s replaced by U+FFFD in outputs)",
             name, first, n, n == 1 ? "" : "s");
    c->warn(c->ud, msg);
}

/* A file with NUL bytes or other control characters in its first bytes
 * is not text (an image, a PDF, UTF-16); where is the first such byte. */
static int looks_binary(const char *s, size_t len, size_t *where)
{
    size_t n = len < SNIFF ? len : SNIFF, ctl = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while none is below 0x20 (in text, a
         * word in ten holds a line break) */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != '\v' &&
            ch != 0x1b) {
            if (!ctl++)
                *where = i;
        }
    }
    /* a stray NUL in a long text is a typo, not a binary file */
    return ctl > 0 && (ctl * 100 >= n || n < 100);
}

static int is_jsonl(const eg_corpus *c, const char *path)
{
    size_t n = strlen(path);
    return c->o.jsonl || (n > 6 && strcmp(path + n - 6, ".jsonl") == 0);
}

/* The next record of the open JSON Lines file: 1, 0 at its end, -1. */
static int next_record(eg_corpus *c, eg_doc *doc, eg_error *err)
{
    for (;;) {
        int r = eg_read_line(c->jfp, c->o.max_doc, &c->data);
        if (r == 0)
            return 0;
        c->jline++;
        if (r == -1) {
            eg_error_add(err, EG_EIO, "%s:%zu: read error: %s", c->jpath, c->jline,
                         strerror(errno));
            return -1;
        }
        if (r == -2) {
            eg_error_add(err, EG_EINPUT, "%s:%zu: line longer than the limit of %zu bytes",
                         c->jpath, c->jline, c->o.max_doc);
            eg_error_add(err, EG_EINPUT, "raise it with --max-doc-size, or split the record");
            return -1;
        }
        if (strspn(c->data.data, " \t\r") == c->data.len)
            continue; /* blank line */
        if (eg_jsonl_parse(&c->rec, c->data.data, c->data.len, c->jpath, c->jline, err) != EG_OK)
            return -1;
        eg_buf_clear(&c->jid);
        if (c->rec.has_id ? eg_buf_append(&c->jid, c->rec.id.data, c->rec.id.len) != 0 ||
                                eg_buf_putc(&c->jid, '\0') != 0
                          : eg_buf_printf(&c->jid, "%s:%zu", c->jpath, c->jline) != 0) {
            eg_error_add(err, EG_ENOMEM, "out of memory");
            return -1;
        }
        if (c->rec.repaired) {
            if (c->warn) {
                char msg[1200];
                snprintf(msg, sizeof msg,
                         "%s:%zu: invalid UTF-8 (%zu byte%s replaced by U+FFFD)", c->jpath,
                         c->jline, c->rec.repaired, c->rec.repaired == 1 ? "" : "s");
                c->warn(c->ud, msg);
            }
        }
        doc->id = c->jid.data;
        doc->data = c->rec.text.data ? c->rec.text.data : "";
        doc->len = c->rec.text.len;
        doc->invalid = 0;
        doc->date = c->rec.has_date ? c->rec.date.data : NULL;
        doc->day = doc->date ? eg_date_parse(doc->date, c->rec.date.len) : c->jday;
        if (doc->date && !doc->day && c->warn) {
            char msg[1200];
            snprintf(msg, sizeof msg,
                     "%s:%zu: \"date\": \"%.40s\" is not a date such as 2024-10-12; the "
                     "document has none",
                     c->jpath, c->jline, doc->date);
            c->warn(c->ud, msg);
        }
        return 1;
    }
}

/* The date date_regex finds in path, 0 when none (with a warning). */
static uint32_t path_date(eg_corpus *c, const char *path)
{
    if (!c->has_re)
        return 0;
    regmatch_t m[4];
    uint32_t day = 0;
    if (regexec(&c->re, path, 4, m, 0) == 0) {
        if (c->re.re_nsub >= 3 && m[3].rm_so >= 0) {
            int v[3];
            for (int g = 0; g < 3; g++) {
                char num[16];
                regoff_t len = m[g + 1].rm_eo - m[g + 1].rm_so;
                snprintf(num, sizeof num, "%.*s", len < 15 ? (int)len : 15, path + m[g + 1].rm_so);
                char *end;
                v[g] = (int)strtol(num, &end, 10);
                if (!*num || *end)
                    v[g] = 0;
            }
            day = eg_date_make(v[0], v[1], v[2]);
        } else {
            int g = c->re.re_nsub >= 1 && m[1].rm_so >= 0;
            day = eg_date_parse(path + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
        }
    }
    if (!day)
        warnf(c, "%s: --date-from-path finds no date (YYYY-MM-DD) in this path%s", path, "");
    return day;
}

/* A file that starts with a UTF-16 byte order mark (Windows editors save
 * "Unicode" text so) is converted to UTF-8 in c->data: the offsets of
 * its mentions are then those of the UTF-8 text. Returns 1 converted, 0
 * not UTF-16, -1 on error. An unpaired surrogate becomes U+FFFD. */
static int from_utf16(eg_corpus *c, const char *path, eg_error *err)
{
    const unsigned char *d = (const unsigned char *)c->data.data;
    size_t n = c->data.len;
    int big;
    if (n >= 2 && d[0] == 0xFF && d[1] == 0xFE)
        big = 0;
    else if (n >= 2 && d[0] == 0xFE && d[1] == 0xFF)
        big = 1;
    else
        return 0;
    eg_buf out = EG_BUF_INIT;
    if (eg_buf_reserve(&out, n + n / 2 + 4) != 0) {
        eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
        return -1;
    }
    out.data[0] = '\0'; /* a file of its mark alone is empty */
    for (size_t i = 2; i + 1 < n;) {
        uint32_t u = big ? (uint32_t)d[i] << 8 | d[i + 1] : (uint32_t)d[i + 1] << 8 | d[i];
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t l = big ? (uint32_t)d[i] << 8 | d[i + 1] : (uint32_t)d[i + 1] << 8 | d[i];
            if (l >= 0xDC00 && l <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
                i += 2;
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)u, enc);
        if (eg_buf_append(&out, (const char *)enc, (size_t)k) != 0) {
            eg_buf_free(&out);
            eg_error_add(err, EG_ENOMEM, "%s: out of memory", path);
            return -1;
        }
    }
    if (out.len > c->o.max_doc) {
        eg_buf_free(&out);
        eg_error_add(err, EG_EINPUT, "%s: larger than the limit of %zu bytes once in UTF-8", path,
                     c->o.max_doc);
        return -1;
    }
    eg_buf_free(&c->data);
    c->data = out;
    return 1;
}

static int next_doc(eg_corpus *c, eg_doc *doc, eg_error *err)
{
    for (;;) {
        if (c->jfp) {
            int r = next_record(c, doc, err);
            if (r != 0)
                return r;
            if (ferror(c->jfp)) {
                eg_error_add(err, EG_EIO, "%s: read error", c->jpath);
                return -1;
            }
            if (c->jfp != stdin)
                fclose(c->jfp);
            c->jfp = NULL;
        }
        int r = walker_next(&c->w, c, NULL, err);
        if (r <= 0)
            return r;
        const char *path = c->w.cur.data;
        int is_stdin = strcmp(path, "-") == 0;
        /* a file a directory listing found must still be a regular file:
         * one swapped for a FIFO since would hang the open (a FIFO named
         * as an input is read, as any pipe) */
        int flags = c->w.cur_dirfd != AT_FDCWD ? EG_OPEN_REGULAR : 0;
        if (is_jsonl(c, path)) {
            if (is_stdin) {
                c->jfp = stdin;
            } else {
                int fd = eg_open_read(c->w.cur_dirfd, c->w.cur_name, path, flags, err);
                if (fd < 0)
                    return -1;
                if (!(c->jfp = fdopen(fd, "rb"))) {
                    eg_error_add(err, EG_EIO, "%s: cannot open: %s", path, strerror(errno));
                    close(fd);
                    return -1;
                }
            }
            eg_buf_clear(&c->jpathbuf);
            if (eg_buf_append(&c->jpathbuf, path, strlen(path)) != 0) {
                eg_error_add(err, EG_ENOMEM, "out of memory");
                return -1;
            }
            c->jpath = c->jpathbuf.data;
            c->jline = 0;
            c->jday = c->has_re && !is_stdin ? path_date(c, path) : 0;
            continue;
        }
        eg_status st =
            is_stdin ? eg_read_all(path, stdin, c->o.max_doc, &c->data, err)
                     : eg_read_file(c->w.cur_dirfd, c->w.cur_name, path, flags, c->o.max_doc,
                                    &c->data, err);
        if (st != EG_OK) {
            if (err->status == EG_EINPUT)
                eg_error_add(err, EG_EINPUT, "raise it with --max-doc-size, or split the file");
            return -1;
        }
        int utf16 = from_utf16(c, path, err);
        if (utf16 < 0)
            return -1;
        size_t where = 0;
        if (looks_binary(c->data.data, c->data.len, &where)) {
            if (c->warn) {
                char msg[1200];
                snprintf(msg, sizeof msg,
                         "%s: skipped: not text (control byte 0x%02x at byte %zu)", path,
                         (unsigned char)c->data.data[where], where);
                c->warn(c->ud, msg);
            }
            continue;
        }
        doc->id = path;
        doc->data = c->data.data;
        doc->len = c->data.len;
        doc->date = NULL;
        doc->day = is_stdin ? 0 : path_date(c, path);
        size_t first = 0;
        doc->invalid = check_utf8(doc->data, doc->len, &first);
        if (doc->invalid)
            warn_invalid(c, path, first, doc->invalid);
        if (memchr(doc->data, '\0', doc->len) && c->warn) {
            char msg[1200];
            snprintf(msg, sizeof msg, "%s: NUL byte at byte %zu, read as a space", path,
                     (size_t)((const char *)memchr(doc->data, '\0', doc->len) - doc->data));
            c->warn(c->ud, msg);
        }
        return 1;
    }
}

int eg_corpus_next(eg_corpus *c, eg_doc *doc, eg_error *err)
{
    int r = next_doc(c, doc, err);
    c->ndocs += r == 1;
    return r;
}
