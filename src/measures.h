/*
 * measures.h - association measures of a pair of entities, from the
 * window counts of the co-occurrence stage (measures.c).
 */
#ifndef EG_MEASURES_H
#define EG_MEASURES_H

#include <stdint.h>

typedef enum {
    EG_M_COUNT = 0,   /* windows holding both */
    EG_M_DOCUMENTS,   /* documents holding both in one window */
    EG_M_PMI,         /* log2 (n_ij N / (n_i n_j)) */
    EG_M_NPMI,        /* PMI / -log2 (n_ij / N), in [-1, 1] */
    EG_M_JACCARD,     /* n_ij / (n_i + n_j - n_ij) */
    EG_M_DICE,        /* 2 n_ij / (n_i + n_j) */
    EG_M_ASSOCIATION, /* VOSviewer's association strength, c_ij 2m / (s_i s_j) */
    EG_M_LLR,         /* Dunning's log-likelihood ratio G2 of the 2x2 table */
    EG_NMEASURES
} eg_measure;

/* "count", "documents", "pmi", "npmi", "jaccard", "dice", "association",
 * "llr"; NULL when out of range. */
const char *eg_measure_name(eg_measure m);
/* Returns 0 and sets *m for a name above, -1 otherwise. */
int eg_measure_parse(const char *s, eg_measure *m);

/* What the measures of one pair are computed from. */
typedef struct {
    uint64_t n_ij;      /* windows holding both (the pair's count) */
    uint32_t documents; /* documents holding both in one window */
    uint64_t n_i, n_j;  /* windows holding each */
    uint64_t n;         /* windows in the corpus */
    double s_i, s_j;    /* each one's total count with every other entity */
    double m2;          /* the sum of every entity's total: twice all counts */
} eg_pair_counts;

/* Fills out[EG_NMEASURES]. Undefined values (no windows) are 0. */
void eg_measures(const eg_pair_counts *p, double out[EG_NMEASURES]);

#endif
