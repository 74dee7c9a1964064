/*
 * measures.c - association measures between two entities, computed from
 * the windows of the co-occurrence stage: N windows in all, n_i and n_j
 * holding each entity, n_ij holding both.
 *
 * Counts favour frequent entities (every story names the United States);
 * the measures below compare n_ij with what n_i and n_j alone would give:
 *   PMI          log2 (n_ij N / (n_i n_j)): > 0 when together more often
 *                than chance; unbounded, and high for rare pairs
 *   NPMI         PMI / -log2 (n_ij / N), in [-1, 1] (Bouma 2009)
 *   Jaccard      n_ij / (n_i + n_j - n_ij)
 *   Dice         2 n_ij / (n_i + n_j)
 *   association  c_ij 2m / (s_i s_j), VOSviewer's association strength
 *                (van Eck and Waltman 2009) over the totals s_i of each
 *                entity's counts with all others; 1 = as often as the
 *                totals predict
 *   LLR          G2 = 2 sum O ln (O / E) over the 2x2 table of windows
 *                (Dunning 1993): the evidence that the two are not
 *                independent, whichever the direction
 */
#include <math.h>
#include <string.h>

#include "measures.h"

static const char *const names[EG_NMEASURES] = {"count", "documents", "pmi",         "npmi",
                                                "jaccard", "dice",    "association", "llr"};

const char *eg_measure_name(eg_measure m)
{
    return (unsigned)m < EG_NMEASURES ? names[m] : NULL;
}

int eg_measure_parse(const char *s, eg_measure *m)
{
    for (int i = 0; i < EG_NMEASURES; i++)
        if (strcmp(s, names[i]) == 0) {
            *m = (eg_measure)i;
            return 0;
        }
    return -1;
}

/* O ln (O / E), 0 for an empty cell */
static double cell(double o, double e)
{
    return o > 0 && e > 0 ? o * log(o / e) : 0.0;
}

void eg_measures(const eg_pair_counts *p, double out[EG_NMEASURES])
{
    double nij = (double)p->n_ij, ni = (double)p->n_i, nj = (double)p->n_j, n = (double)p->n;
    memset(out, 0, EG_NMEASURES * sizeof *out);
    out[EG_M_COUNT] = nij;
    out[EG_M_DOCUMENTS] = p->documents;
    if (nij > 0 && ni > 0 && nj > 0 && n > 0) {
        out[EG_M_PMI] = log2(nij * n / (ni * nj));
        out[EG_M_NPMI] = nij >= n ? 1.0 : out[EG_M_PMI] / -log2(nij / n);
    }
    if (ni + nj - nij > 0)
        out[EG_M_JACCARD] = nij / (ni + nj - nij);
    if (ni + nj > 0)
        out[EG_M_DICE] = 2 * nij / (ni + nj);
    if (p->s_i > 0 && p->s_j > 0)
        out[EG_M_ASSOCIATION] = nij * p->m2 / (p->s_i * p->s_j);
    if (n > 0) {
        double k11 = nij, k12 = ni - nij, k21 = nj - nij, k22 = n - ni - nj + nij;
        double r1 = ni, r2 = n - ni, c1 = nj, c2 = n - nj;
        out[EG_M_LLR] = 2 * (cell(k11, r1 * c1 / n) + cell(k12, r1 * c2 / n) +
                             cell(k21, r2 * c1 / n) + cell(k22, r2 * c2 / n));
        if (out[EG_M_LLR] < 0)
            out[EG_M_LLR] = 0; /* rounding */
    }
}
