/*
 * cli_show.c - `entigraph show [NAME...]`: the card of an entity, read
 * from the YAML summary of a build (summary.h); without NAME, the most
 * mentioned entities as a table.
 *
 * A NAME means the summary's entities whose id, label or a surface form
 * seen in the corpus has the same normalised form (the text stage's:
 * case, accents and apostrophes do not count), plus those that a
 * gazetteer alias of that form names (the -g lists, through gazindex),
 * so "Путин" finds Vladimir Putin though the corpus only wrote "Putin".
 * A NAME that is an entity id exactly means that entity alone. When a
 * name means several entities, each gets its card, most mentioned first,
 * under a line that lists them with their ids (a user who meant one
 * repeats the command with its id).
 *
 * Tables are aligned by display width (utf8proc_charwidth), and text is
 * cut to the terminal's width (100 columns when stdout is not a
 * terminal) on a character boundary. Colour only on a terminal, and not
 * when NO_COLOR is set to a non-empty value (https://no-color.org);
 * --color=always|never overrides both.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <utf8proc.h>

#include "cli.h"
#include "gazindex.h"
#include "summary.h"
#include "util/buf.h"
#include "util/hmap.h"

#define DEFAULT_SUMMARY "out/summary.yaml"
#define DEFAULT_TOP 20
#define PLAIN_WIDTH 100
#define MIN_WIDTH 40
#define MAX_SUGGEST 5
#define COMMUNITY_NAMES 4 /* other members named on the card */

/* Long options of this command only; the shared ones are in cli.h. */
enum { SHOW_OPT_COLOR = 0x1000 };

static void help(void)
{
    printf("Usage: entigraph show [options] [NAME...]\n"
           "Print the card of each entity NAME names, read from the summary of a build:\n"
           "type, surface forms, mentions, documents, centralities, community and its\n"
           "strongest relations, each with one evidence sentence. Without NAME, list the\n"
           "most mentioned entities.\n"
           "NAME is an id, a label, a surface form seen in the corpus or any gazetteer\n"
           "alias, in any case and with or without accents. A name that means several\n"
           "entities gets all their cards, most mentioned first; an entity id means that\n"
           "entity only.\n"
           "\n"
           "Options:\n"
           "  -s, --summary FILE        the summary to read (default " DEFAULT_SUMMARY ",\n"
           "                            written by entigraph build)\n"
           "      --top N               without NAME: list N entities; 0 for all (default %d)\n"
           "      --color[=WHEN]        colour: auto (default: on a terminal, unless\n"
           "                            NO_COLOR is set), always, never\n"
           "  -g, --gazetteer FILE|DIR  entity lists whose aliases NAME may be; repeatable\n"
           "                            (default: the shipped gazetteers/)\n"
           "      --types LIST          only entities of these types, comma-separated:\n"
           "                            person,country,organization,place\n"
           "  -h, --help                this help\n"
           "The other options of entigraph build are accepted and have no effect.\n"
           "\n"
           "Exit status: 0 when every NAME was found, 1 when one was not or the summary\n"
           "cannot be read, 2 on a usage error.\n",
           DEFAULT_TOP);
}

/* ---- terminal output: colour, display width, cutting ---- */

typedef struct {
    const eg_summary *s; /* borrowed */
    const char *path;
    int color;
    size_t width; /* columns available */
    eg_typemask types;
} view;

#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_RESET "\033[0m"

static const char *sgr(const view *v, const char *code)
{
    return v->color ? code : "";
}

/* The colour of a type, as in graph.dot: person blue, country red,
 * organization green, place orange (yellow on a terminal). */
static const char *type_sgr(const view *v, const char *type)
{
    eg_type t;
    if (!v->color || eg_type_parse(type, strlen(type), &t) != 0)
        return "";
    static const char *const codes[EG_NTYPES] = {"\033[34m", "\033[31m", "\033[32m", "\033[33m"};
    return codes[t];
}

/* Display width of the first n bytes of s (summary strings are valid
 * UTF-8: the reader cleaned them). */
static size_t dwidth_n(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            w++;
            i++;
            continue;
        }
        w += (size_t)utf8proc_charwidth(cp);
        i += (size_t)k;
    }
    return w;
}

static size_t dwidth(const char *s)
{
    return dwidth_n(s, strlen(s));
}

/* Bytes of s that fit in w columns (whole characters; zero-width marks
 * stay with the character before them); *used gets their width. */
static size_t fit(const char *s, size_t w, size_t *used)
{
    size_t n = strlen(s), i = 0, u = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        size_t cw = 1, len = 1;
        if (k > 0) {
            cw = (size_t)utf8proc_charwidth(cp);
            len = (size_t)k;
        }
        if (u + cw > w)
            break;
        u += cw;
        i += len;
    }
    *used = u;
    return i;
}

static void spaces(size_t n)
{
    while (n--)
        putchar(' ');
}

/* Prints s in at most w columns, cut with "…" when longer; pads to w
 * when pad is set. Returns the columns printed (w when padded). */
static size_t put_cut(const char *s, size_t w, int pad)
{
    size_t used, total = dwidth(s);
    if (total <= w) {
        fputs(s, stdout);
        used = total;
    } else if (w == 0) {
        used = 0;
    } else {
        size_t n = fit(s, w - 1, &used);
        fwrite(s, 1, n, stdout);
        fputs("…", stdout);
        used++;
    }
    if (pad && used < w) {
        spaces(w - used);
        used = w;
    }
    return used;
}

/* A right-aligned cell of ASCII text. */
static void put_right(const char *s, size_t w)
{
    size_t n = strlen(s);
    spaces(n < w ? w - n : 0);
    fputs(s, stdout);
}

/* %g of a number, "-" for NaN. */
static const char *num(char buf[32], double d)
{
    if (isnan(d))
        return "-";
    snprintf(buf, 32, "%g", d);
    return buf;
}

static const char *unum(char buf[32], uint64_t u)
{
    snprintf(buf, 32, "%llu", (unsigned long long)u);
    return buf;
}

static size_t max_z(size_t a, size_t b)
{
    return a > b ? a : b;
}

static int type_ok(const view *v, const eg_sum_entity *e)
{
    eg_type t;
    if (eg_type_parse(e->type, strlen(e->type), &t) != 0)
        return 1; /* a type this build does not know: never filtered out */
    return (v->types >> t) & 1;
}

/* ---- the list of top entities ---- */

static void list_top(const view *v, size_t top)
{
    const eg_summary *s = v->s;
    size_t *rows = malloc((s->nent ? s->nent : 1) * sizeof *rows), n = 0;
    if (!rows) {
        fprintf(stderr, "entigraph: show: out of memory\n");
        return;
    }
    for (size_t i = 0; i < s->nent && (top == 0 || n < top); i++)
        if (type_ok(v, &s->ent[i]))
            rows[n++] = i;
    size_t shown_types = 0;
    for (size_t i = 0; i < s->nent; i++)
        shown_types += type_ok(v, &s->ent[i]);
    printf("%s%s%s: %llu documents, %zu entities, %zu relations, %zu communities\n",
           sgr(v, SGR_BOLD), v->path, sgr(v, SGR_RESET), (unsigned long long)s->documents,
           s->nent, s->nrel, s->ncomm);
    printf("%s%zu of %zu %s by mentions%s\n\n", sgr(v, SGR_DIM), n, shown_types,
           shown_types == s->nent ? "entities" : "entities of the types asked for",
           sgr(v, SGR_RESET));
    if (n == 0) {
        free(rows);
        return;
    }
    /* column widths: the widest cell or the header */
    static const char *const head[] = {"#",    "entity", "type",     "mentions",
                                       "docs", "degree", "PageRank", "community"};
    size_t w[8];
    for (int k = 0; k < 8; k++)
        w[k] = strlen(head[k]);
    char b[32];
    for (size_t r = 0; r < n; r++) {
        const eg_sum_entity *e = &s->ent[rows[r]];
        w[0] = max_z(w[0], strlen(unum(b, r + 1)));
        w[1] = max_z(w[1], dwidth(e->label));
        w[2] = max_z(w[2], dwidth(e->type));
        w[3] = max_z(w[3], strlen(unum(b, e->mentions)));
        w[4] = max_z(w[4], strlen(unum(b, e->documents)));
        w[5] = max_z(w[5], strlen(num(b, e->degree)));
        w[6] = max_z(w[6], strlen(num(b, e->pagerank)));
        w[7] = max_z(w[7], strlen(unum(b, e->community)));
    }
    /* the label column gives way so that a row fits the width */
    size_t others = 0;
    for (int k = 0; k < 8; k++)
        others += k == 1 ? 0 : w[k] + 2;
    size_t room = v->width > others ? v->width - others : 0;
    if (w[1] > 40)
        w[1] = 40;
    if (w[1] > room)
        w[1] = room < 12 ? 12 : room;

    fputs(sgr(v, SGR_DIM), stdout);
    put_right(head[0], w[0]);
    spaces(2);
    put_cut(head[1], w[1], 1);
    spaces(2);
    put_cut(head[2], w[2], 1);
    for (int k = 3; k < 8; k++) {
        spaces(2);
        put_right(head[k], w[k]);
    }
    printf("%s\n", sgr(v, SGR_RESET));
    for (size_t r = 0; r < n; r++) {
        const eg_sum_entity *e = &s->ent[rows[r]];
        put_right(unum(b, r + 1), w[0]);
        spaces(2);
        fputs(sgr(v, SGR_BOLD), stdout);
        size_t u = put_cut(e->label, w[1], 0);
        fputs(sgr(v, SGR_RESET), stdout);
        spaces(w[1] - u + 2);
        fputs(type_sgr(v, e->type), stdout);
        u = put_cut(e->type, w[2], 0);
        fputs(*type_sgr(v, e->type) ? SGR_RESET : "", stdout);
        spaces(w[2] - u + 2);
        put_right(unum(b, e->mentions), w[3]);
        spaces(2);
        put_right(unum(b, e->documents), w[4]);
        spaces(2);
        put_right(num(b, e->degree), w[5]);
        spaces(2);
        put_right(num(b, e->pagerank), w[6]);
        spaces(2);
        put_right(unum(b, e->community), w[7]);
        putchar('\n');
    }
    free(rows);
}

/* ---- the card ---- */

#define KEY_W 15 /* width of the field names on a card */

static void key_col(const view *v, const char *k)
{
    printf("  %s", sgr(v, SGR_DIM));
    put_cut(k, KEY_W, 1);
    fputs(sgr(v, SGR_RESET), stdout);
}

/* 1 + how many entities have a larger value of the field at offset off. */
static size_t rank_of(const eg_summary *s, const eg_sum_entity *e, size_t off)
{
    double x = *(const double *)((const char *)e + off);
    size_t r = 1;
    for (size_t i = 0; i < s->nent; i++)
        r += *(const double *)((const char *)&s->ent[i] + off) > x;
    return r;
}

static void centrality(const view *v, const char *k, const eg_sum_entity *e, size_t off)
{
    char b[32];
    double x = *(const double *)((const char *)e + off);
    key_col(v, k);
    fputs(num(b, x), stdout);
    if (!isnan(x))
        printf("  %s(#%zu of %zu)%s", sgr(v, SGR_DIM), rank_of(v->s, e, off), v->s->nent,
               sgr(v, SGR_RESET));
    putchar('\n');
}

static void line_cut(const view *v, const char *text)
{
    put_cut(text, v->width > 2 + KEY_W ? v->width - 2 - KEY_W : 10, 0);
    putchar('\n');
}

/* The community line: its id, size and the first few other members (in
 * the order the summary lists them: most mentioned first). */
static void community_line(const view *v, const eg_sum_entity *e, eg_buf *b)
{
    const eg_summary *s = v->s;
    const eg_sum_community *c = NULL;
    for (size_t i = 0; i < s->ncomm && !c; i++)
        if (s->comm[i].id == e->community)
            c = &s->comm[i];
    size_t room = v->width > 2 + KEY_W ? v->width - 2 - KEY_W : 10;
    eg_buf_clear(b);
    int ok = eg_buf_printf(b, "%llu", (unsigned long long)e->community) == 0;
    if (c) {
        ok = ok && eg_buf_printf(b, " of %zu: %llu member%s", s->ncomm,
                                 (unsigned long long)c->size, c->size == 1 ? "" : "s") == 0;
        size_t others = 0, named = 0;
        for (size_t i = 0; i < c->nmembers; i++)
            others += strcmp(c->members[i], e->id) != 0;
        /* name the others while they fit, leaving room for "and N more" */
        for (size_t i = 0; i < c->nmembers && ok && named < COMMUNITY_NAMES; i++) {
            if (strcmp(c->members[i], e->id) == 0)
                continue;
            long j = eg_summary_find(s, c->members[i]);
            size_t len = b->len;
            ok = eg_buf_printf(b, "%s%s", named ? ", " : ", with ",
                               j >= 0 ? s->ent[j].label : c->members[i]) == 0;
            char tail[40] = "";
            if (others > named + 1)
                snprintf(tail, sizeof tail, " and %zu more", others - named - 1);
            size_t more = strlen(tail);
            if (ok && named > 0 && dwidth(b->data) + more > room) {
                b->len = len; /* this one does not fit: back to the last that did */
                b->data[len] = '\0';
                break;
            }
            named++;
        }
        if (ok && others > named)
            ok = eg_buf_printf(b, " and %zu more", others - named) == 0;
    }
    key_col(v, "community");
    line_cut(v, ok ? b->data : "?");
}

/* One row of the relation table, and its evidence line below. */
typedef struct {
    size_t w[6]; /* #, entity, type, weight, count, docs */
} rel_cols;

static void evidence_line(const view *v, const eg_sum_relation *rl, size_t indent, eg_buf *b)
{
    size_t room = v->width > indent ? v->width - indent : 20;
    spaces(indent);
    if (!rl || !rl->ev_text) {
        printf("%s(no evidence in the summary)%s\n", sgr(v, SGR_DIM), sgr(v, SGR_RESET));
        return;
    }
    eg_buf_clear(b);
    if (eg_buf_printf(b, "%s, bytes %llu-%llu:", rl->ev_doc ? rl->ev_doc : "?",
                      (unsigned long long)rl->ev_start, (unsigned long long)rl->ev_end) != 0) {
        putchar('\n');
        return;
    }
    size_t lw = dwidth(b->data);
    printf("%s%s%s", sgr(v, SGR_DIM), b->data, sgr(v, SGR_RESET));
    if (lw + 1 + 20 <= room) { /* the sentence fits after its location */
        putchar(' ');
        put_cut(rl->ev_text, room - lw - 1, 0);
    } else { /* a long document name: the sentence on a line of its own */
        putchar('\n');
        spaces(indent);
        put_cut(rl->ev_text, room, 0);
    }
    putchar('\n');
}

static void relations_table(const view *v, const eg_sum_entity *e, eg_buf *b)
{
    const eg_summary *s = v->s;
    char t[32];
    putchar('\n');
    if (e->nlinks == 0) {
        printf("  %sno relations%s\n", sgr(v, SGR_DIM), sgr(v, SGR_RESET));
        return;
    }
    size_t degree = isnan(e->degree) ? e->nlinks : (size_t)e->degree;
    printf("  %sstrongest relations%s", sgr(v, SGR_BOLD), sgr(v, SGR_RESET));
    if (degree > e->nlinks)
        printf(" %s(%zu of %zu)%s", sgr(v, SGR_DIM), e->nlinks, degree, sgr(v, SGR_RESET));
    putchar('\n');
    static const char *const head[] = {"#", "entity", "type", "weight", "count", "docs"};
    rel_cols c;
    for (int k = 0; k < 6; k++)
        c.w[k] = strlen(head[k]);
    c.w[0] = max_z(c.w[0], 3);
    for (size_t i = 0; i < e->nlinks; i++) {
        const eg_sum_link *l = &e->links[i];
        long j = eg_summary_find(s, l->id), r = eg_summary_relation(s, e->id, l->id);
        c.w[1] = max_z(c.w[1], dwidth(l->label));
        c.w[2] = max_z(c.w[2], j >= 0 ? dwidth(s->ent[j].type) : 1);
        c.w[3] = max_z(c.w[3], strlen(num(t, l->weight)));
        if (r >= 0) {
            c.w[4] = max_z(c.w[4], strlen(unum(t, s->rel[r].count)));
            c.w[5] = max_z(c.w[5], strlen(unum(t, s->rel[r].documents)));
        }
    }
    size_t others = 2 + c.w[0] + 2 + c.w[2] + 2 + c.w[3] + 2 + c.w[4] + 2 + c.w[5] + 2;
    size_t room = v->width > others ? v->width - others : 0;
    if (c.w[1] > 36)
        c.w[1] = 36;
    if (c.w[1] > room)
        c.w[1] = room < 12 ? 12 : room;

    printf("  %s", sgr(v, SGR_DIM));
    put_right(head[0], c.w[0]);
    spaces(2);
    put_cut(head[1], c.w[1], 1);
    spaces(2);
    put_cut(head[2], c.w[2], 1);
    for (int k = 3; k < 6; k++) {
        spaces(2);
        put_right(head[k], c.w[k]);
    }
    printf("%s\n", sgr(v, SGR_RESET));
    for (size_t i = 0; i < e->nlinks; i++) {
        const eg_sum_link *l = &e->links[i];
        long j = eg_summary_find(s, l->id), r = eg_summary_relation(s, e->id, l->id);
        const char *type = j >= 0 ? s->ent[j].type : "-";
        spaces(2);
        put_right(unum(t, i + 1), c.w[0]);
        spaces(2);
        put_cut(l->label, c.w[1], 1);
        spaces(2);
        fputs(type_sgr(v, type), stdout);
        size_t u = put_cut(type, c.w[2], 0);
        fputs(*type_sgr(v, type) ? SGR_RESET : "", stdout);
        spaces(c.w[2] - u + 2);
        put_right(num(t, l->weight), c.w[3]);
        spaces(2);
        put_right(r >= 0 ? unum(t, s->rel[r].count) : "-", c.w[4]);
        spaces(2);
        put_right(r >= 0 ? unum(t, s->rel[r].documents) : "-", c.w[5]);
        putchar('\n');
        evidence_line(v, r >= 0 ? &s->rel[r] : NULL, 2 + c.w[0] + 2, b);
    }
}

/* Prints the card of entity i. b is scratch space. */
static void card(const view *v, size_t i, eg_buf *b)
{
    const eg_summary *s = v->s;
    const eg_sum_entity *e = &s->ent[i];
    char t[32];
    printf("%s", sgr(v, SGR_BOLD));
    put_cut(e->label, v->width / 2, 0);
    printf("%s %s(%s)%s\n", sgr(v, SGR_RESET), sgr(v, SGR_DIM), e->id, sgr(v, SGR_RESET));

    key_col(v, "type");
    printf("%s%s%s", type_sgr(v, e->type), e->type, *type_sgr(v, e->type) ? SGR_RESET : "");
    if (e->kind)
        printf(", %s", e->kind);
    if (e->discovered)
        printf(", %sdiscovered%s (no gazetteer lists it)", sgr(v, SGR_DIM), sgr(v, SGR_RESET));
    if (e->wikidata)
        printf("  %swikidata%s %s", sgr(v, SGR_DIM), sgr(v, SGR_RESET), e->wikidata);
    putchar('\n');

    key_col(v, "mentions");
    printf("%llu", (unsigned long long)e->mentions);
    if (e->demonym_mentions)
        printf(" %s(%llu as a demonym)%s", sgr(v, SGR_DIM),
               (unsigned long long)e->demonym_mentions, sgr(v, SGR_RESET));
    putchar('\n');
    key_col(v, "documents");
    printf("%llu", (unsigned long long)e->documents);
    if (s->documents)
        printf(" %sof %llu%s", sgr(v, SGR_DIM), (unsigned long long)s->documents,
               sgr(v, SGR_RESET));
    putchar('\n');

    eg_buf_clear(b);
    int ok = eg_buf_append(b, "", 0) == 0;
    for (size_t k = 0; k < e->nforms && ok; k++)
        ok = eg_buf_printf(b, "%s%s %llu", k ? ", " : "", e->forms[k].form,
                           (unsigned long long)e->forms[k].count) == 0;
    key_col(v, "surface forms");
    line_cut(v, ok ? b->data : "?");

    key_col(v, "degree");
    printf("%s\n", num(t, e->degree));
    key_col(v, "strength");
    printf("%s\n", num(t, e->strength));
    centrality(v, "PageRank", e, offsetof(eg_sum_entity, pagerank));
    centrality(v, "betweenness", e, offsetof(eg_sum_entity, betweenness));
    community_line(v, e, b);
    relations_table(v, e, b);
}

/* ---- names to entities ---- */

/* The normalised forms of every entity's id, label and surface forms,
 * each to the entities that have it: forms maps a form to the head of a
 * chain through next[]/ent[] (index + 1; 0 ends). Owns everything. */
typedef struct {
    eg_strmap forms;
    uint32_t *head; /* per form */
    uint32_t *next, *ent;
    size_t n, next_cap, ent_cap, head_cap;
} name_index;

static void name_index_free(name_index *x)
{
    eg_strmap_free(&x->forms);
    free(x->head);
    free(x->next);
    free(x->ent);
}

static int name_index_add(name_index *x, const char *text, uint32_t e, eg_buf *form)
{
    if (eg_gazindex_form(text, form) != 0)
        return -1;
    if (form->len == 0)
        return 0; /* no letters or digits */
    uint32_t f;
    int put = eg_strmap_put(&x->forms, form->data, form->len, (uint32_t)x->forms.n, &f);
    if (put < 0)
        return -1;
    if (put == 1) {
        if (EG_GROW(x->head, x->head_cap, f) != 0)
            return -1;
        x->head[f] = 0;
    }
    for (uint32_t k = x->head[f]; k; k = x->next[k - 1])
        if (x->ent[k - 1] == e)
            return 0; /* already there */
    if (EG_GROW(x->next, x->next_cap, x->n) != 0 || EG_GROW(x->ent, x->ent_cap, x->n) != 0)
        return -1;
    x->next[x->n] = x->head[f];
    x->ent[x->n] = e;
    x->head[f] = (uint32_t)++x->n;
    return 0;
}

static int name_index_build(name_index *x, const eg_summary *s)
{
    memset(x, 0, sizeof *x);
    eg_strmap_init(&x->forms);
    eg_buf form = EG_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < s->nent && rc == 0; i++) {
        const eg_sum_entity *e = &s->ent[i];
        rc = name_index_add(x, e->id, (uint32_t)i, &form);
        if (rc == 0)
            rc = name_index_add(x, e->label, (uint32_t)i, &form);
        for (size_t k = 0; k < e->nforms && rc == 0; k++)
            rc = name_index_add(x, e->forms[k].form, (uint32_t)i, &form);
    }
    eg_buf_free(&form);
    return rc;
}

/* Codepoints of s (at most cap); returns how many. */
static size_t codepoints(const char *s, size_t n, int32_t *out, size_t cap)
{
    size_t i = 0, k = 0;
    while (i < n && k < cap) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) {
            cp = 0xFFFD;
            len = 1;
        }
        out[k++] = cp;
        i += (size_t)len;
    }
    return k;
}

#define EDIT_MAX 64 /* codepoints compared; longer names are cut */

static size_t edit_distance(const int32_t *a, size_t na, const int32_t *b, size_t nb)
{
    size_t row[EDIT_MAX + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* How far the form f is from the query q: 0 when a word of f starts with
 * q (a prefix), else 1 + the edit distance; SIZE_MAX when not close. */
static size_t closeness(const char *q, size_t nq, const int32_t *qc, size_t nqc, const char *f,
                        size_t nf)
{
    if (nq >= 2)
        for (size_t i = 0; i + nq <= nf; i++)
            if ((i == 0 || f[i - 1] == ' ') && memcmp(f + i, q, nq) == 0)
                return 0;
    int32_t fc[EDIT_MAX];
    size_t nfc = codepoints(f, nf, fc, EDIT_MAX);
    size_t d = edit_distance(qc, nqc, fc, nfc);
    size_t limit = nqc / 3 > 1 ? nqc / 3 : 1;
    return d <= limit ? d + 1 : SIZE_MAX;
}

/* Prints the closest labels to name on stderr. */
static void suggest(const view *v, const name_index *x, const char *q, size_t nq)
{
    const eg_summary *s = v->s;
    size_t *best = malloc((s->nent ? s->nent : 1) * sizeof *best);
    if (!best)
        return;
    for (size_t i = 0; i < s->nent; i++)
        best[i] = SIZE_MAX;
    int32_t qc[EDIT_MAX];
    size_t nqc = codepoints(q, nq, qc, EDIT_MAX);
    for (size_t f = 0; f < x->forms.n; f++) {
        size_t nf;
        const char *key = eg_strmap_key(&x->forms, f, &nf);
        size_t d = closeness(q, nq, qc, nqc, key, nf);
        if (d == SIZE_MAX)
            continue;
        for (uint32_t k = x->head[f]; k; k = x->next[k - 1])
            if (d < best[x->ent[k - 1]])
                best[x->ent[k - 1]] = d;
    }
    /* the closest first, then the most mentioned (summary order) */
    size_t picked[MAX_SUGGEST], np = 0;
    for (size_t round = 0; round < MAX_SUGGEST; round++) {
        size_t pick = SIZE_MAX;
        for (size_t i = 0; i < s->nent; i++)
            if (best[i] != SIZE_MAX && type_ok(v, &s->ent[i]) &&
                (pick == SIZE_MAX || best[i] < best[pick]))
                pick = i;
        if (pick == SIZE_MAX)
            break;
        picked[np++] = pick;
        best[pick] = SIZE_MAX;
    }
    if (np) {
        fprintf(stderr, "entigraph: show: did you mean ");
        for (size_t k = 0; k < np; k++)
            fprintf(stderr, "%s%s (%s)", k == 0 ? "" : k + 1 == np ? " or " : ", ",
                    s->ent[picked[k]].label, s->ent[picked[k]].id);
        fprintf(stderr, "?\n");
    } else {
        fprintf(stderr, "entigraph: show: `entigraph show --summary %s` lists the entities\n",
                v->path);
    }
    free(best);
}

/* Marks (hit[i] = 1) the summary entities name means. Returns how many,
 * or -1 when out of memory. */
static long find_name(const view *v, const name_index *x, const eg_gazindex *ix,
                      const char *name, uint8_t *hit, eg_buf *form)
{
    const eg_summary *s = v->s;
    long n = 0;
    memset(hit, 0, s->nent ? s->nent : 1);
    long exact = eg_summary_find(s, name);
    if (exact >= 0 && type_ok(v, &s->ent[exact])) {
        hit[exact] = 1;
        return 1;
    }
    if (eg_gazindex_form(name, form) != 0)
        return -1;
    uint32_t f;
    if (form->len && eg_strmap_get(&x->forms, form->data, form->len, &f))
        for (uint32_t k = x->head[f]; k; k = x->next[k - 1])
            hit[x->ent[k - 1]] = 1;
    long gf = ix ? eg_gazindex_find(ix, name) : -1;
    for (uint32_t k = 0; gf >= 0 && k < ix->count[gf]; k++) {
        const eg_alias *a = &ix->gz->alias[ix->by_form[ix->first[gf] + k]];
        long j = eg_summary_find(s, ix->gz->ent[a->entity].id);
        if (j >= 0)
            hit[j] = 1;
    }
    for (size_t i = 0; i < s->nent; i++) {
        if (hit[i] && !type_ok(v, &s->ent[i]))
            hit[i] = 0;
        n += hit[i];
    }
    return n;
}

/* The message for a name the summary does not have: what the gazetteers
 * know of it, or the closest labels. */
static void unknown(const view *v, const name_index *x, const eg_gazindex *ix, const char *name,
                    const eg_buf *form)
{
    /* a name as long as a page is cut: the message is for reading */
    int len = (int)strnlen(name, 201);
    if (len > 200)
        for (len = 200; len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80;)
            len--; /* not inside a character */
    fprintf(stderr, "entigraph: show: no entity named '%.*s%s' in %s\n", len, name,
            name[len] ? "..." : "", v->path);
    long gf = ix ? eg_gazindex_find(ix, name) : -1;
    if (gf >= 0) {
        fprintf(stderr, "entigraph: show: the gazetteers know it as ");
        uint32_t last = UINT32_MAX;
        size_t shown = 0;
        for (uint32_t k = 0; k < ix->count[gf]; k++) {
            const eg_alias *a = &ix->gz->alias[ix->by_form[ix->first[gf] + k]];
            if (a->entity == last)
                continue;
            last = a->entity;
            const eg_entity *e = &ix->gz->ent[a->entity];
            fprintf(stderr, "%s%s (%s)", shown++ ? ", " : "", e->label, e->id);
        }
        fprintf(stderr,
                ", which the summary does not have (not in the corpus, or left out by the "
                "build's options%s)\n",
                v->types != EG_ALL_TYPES ? " or --types" : "");
        return;
    }
    suggest(v, x, form->data ? form->data : "", form->len);
}

static int show_names(const view *v, const eg_gazindex *ix, char **names, int n)
{
    const eg_summary *s = v->s;
    name_index x;
    uint8_t *hit = malloc(s->nent ? s->nent : 1);
    uint8_t *done = calloc(s->nent ? s->nent : 1, 1);
    eg_buf form = EG_BUF_INIT, scratch = EG_BUF_INIT;
    int rc = 0, cards = 0;
    if (name_index_build(&x, s) != 0 || !hit || !done) {
        fprintf(stderr, "entigraph: show: out of memory\n");
        rc = 1;
        n = 0;
    }
    for (int a = 0; a < n; a++) {
        long m = find_name(v, &x, ix, names[a], hit, &form);
        if (m < 0) {
            fprintf(stderr, "entigraph: show: out of memory\n");
            rc = 1;
            break;
        }
        if (m == 0) {
            unknown(v, &x, ix, names[a], &form);
            rc = 1;
            continue;
        }
        if (m > 1) {
            printf("%s%s'%s' names %ld entities, most mentioned first:", cards ? "\n" : "",
                   sgr(v, SGR_DIM), names[a], m);
            const char *sep = " ";
            for (size_t i = 0; i < s->nent; i++) {
                if (!hit[i])
                    continue;
                printf("%s%s (%llu mention%s)", sep, s->ent[i].id,
                       (unsigned long long)s->ent[i].mentions, s->ent[i].mentions == 1 ? "" : "s");
                sep = ", ";
            }
            printf("%s\n", sgr(v, SGR_RESET));
            cards = 1; /* a blank line before the first card too */
        }
        for (size_t i = 0; i < s->nent; i++) {
            if (!hit[i] || done[i])
                continue;
            if (cards)
                putchar('\n');
            card(v, i, &scratch);
            done[i] = 1;
            cards = 1;
        }
    }
    name_index_free(&x);
    free(hit);
    free(done);
    eg_buf_free(&form);
    eg_buf_free(&scratch);
    return rc;
}

/* ---- options ---- */

static int color_mode(const char *arg, int *mode)
{
    if (!arg || strcmp(arg, "always") == 0)
        *mode = 1;
    else if (strcmp(arg, "never") == 0)
        *mode = 0;
    else if (strcmp(arg, "auto") == 0)
        *mode = -1;
    else
        return cli_usage_error("show", "--color must be auto, always or never, not '%s'", arg);
    return 0;
}

static int use_color(int mode)
{
    if (mode >= 0)
        return mode;
    const char *no = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no && *no)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(STDOUT_FILENO);
}

static size_t out_width(void)
{
    if (!isatty(STDOUT_FILENO))
        return PLAIN_WIDTH;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < MIN_WIDTH ? MIN_WIDTH : ws.ws_col;
    return PLAIN_WIDTH;
}

int cli_show(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONG_OPTIONS,
        {"summary", required_argument, NULL, 's'},
        {"top", required_argument, NULL, OPT_TOP},
        {"color", optional_argument, NULL, SHOW_OPT_COLOR},
        {"colour", optional_argument, NULL, SHOW_OPT_COLOR},
        {NULL, 0, NULL, 0},
    };
    cli_common c;
    cli_common_init(&c);
    const char *path = DEFAULT_SUMMARY;
    size_t top = DEFAULT_TOP;
    int mode = -1, opt;
    /* no leading '+': options may follow the names (show russia --summary F),
     * as getopt_long permutes them; "--" ends the options */
    while ((opt = cli_getopt(&c, "show", argc, argv, "g:j:s:qh", opts)) != -1) {
        if (opt == -2)
            return 2;
        switch (opt) {
        case 'h':
            help();
            return 0;
        case 's':
            path = optarg;
            break;
        case OPT_TOP: {
            unsigned long long t;
            if (cli_uint(optarg, 0, UINT32_MAX, &t) != 0)
                return cli_usage_error("show", "--top needs a whole number from 0 to %u, not '%s'",
                                       UINT32_MAX, optarg);
            top = (size_t)t;
            break;
        }
        case SHOW_OPT_COLOR:
            if (color_mode(optarg, &mode) != 0)
                return 2;
            break;
        default:
            return 2; /* an option listed in opts but not handled */
        }
    }

    eg_error err;
    eg_error_init(&err);
    eg_summary *s;
    if (eg_summary_load(path, &s, &err) != EG_OK) {
        int rc = cli_fail(&err);
        if (access(path, F_OK) != 0 && errno == ENOENT)
            fprintf(stderr,
                    "entigraph: show: no summary to read: run `entigraph build INPUT...` first "
                    "(it writes " DEFAULT_SUMMARY "; with -o DIR, DIR/summary.yaml), or name "
                    "one with --summary FILE\n");
        return rc;
    }
    view v = {s, path, use_color(mode), out_width(), c.resolve.types};
    int rc = 0;
    if (optind >= argc) {
        list_top(&v, top);
    } else {
        /* the gazetteers only map names to ids: the word list, which
         * decides case rules when tagging, is not needed */
        if (!c.wordlist)
            c.no_wordlist = 1;
        eg_tagger *tg = NULL;
        eg_gazindex ix;
        rc = cli_make_tagger(&c, 1, &tg);
        if (rc == 0 && eg_gazindex_build(tg->gz, &ix, &err) != EG_OK) {
            rc = cli_fail(&err);
        } else if (rc == 0) {
            rc = show_names(&v, &ix, argv + optind, argc - optind);
            eg_gazindex_free(&ix);
        }
        eg_tagger_free(tg);
    }
    eg_summary_free(s);
    if (rc == 0 && cli_flush_stdout("show"))
        rc = 1;
    return rc;
}
