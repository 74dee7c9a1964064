/* The automaton and the resolver: longest match, case rules, possessives,
 * punctuation, ambiguity by prior, demonyms and type filters. */
#include "testing.h"
#include "fixture.h"

#include <sys/stat.h>

#include "tagger.h"

static const char GAZ[] =
    "- id: vladimir-putin\n  label: Vladimir Putin\n  type: person\n  aliases: [Putin]\n"
    "- id: russia\n  label: Russia\n  type: country\n  demonyms: [Russian, Russians]\n"
    "- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n  demonyms: [Kyrgyz]\n"
    "- id: united-states\n  label: United States\n  type: country\n  aliases: [US, U.S.]\n"
    "- id: icc\n  label: International Criminal Court\n  type: organization\n"
    "  aliases: [ICC]\n"
    "- id: international-court\n  label: International Court\n  type: organization\n"
    "- id: turkey\n  label: Turkey\n  type: country\n"
    "- id: sadyr-japarov\n  label: Sadyr Japarov\n  type: person\n"
    "  aliases: [Japarov, Dzhaparov]\n  prior: 100\n"
    "- id: akylbek-japarov\n  label: Akylbek Japarov\n  type: person\n"
    "  aliases: [Japarov]\n  prior: 10\n"
    "- id: georgia\n  label: Georgia\n  type: country\n  prior: 4\n"
    "- id: georgia-state\n  label: Georgia\n  type: place\n  prior: 11\n"
    "- id: cote-d-ivoire\n  label: Côte d'Ivoire\n  type: country\n  aliases: [Ivory Coast]\n"
    "- id: st-petersburg\n  label: St. Petersburg\n  type: place\n"
    "- id: china\n  label: China\n  type: country\n  aliases: [People's Republic of China]\n"
    "- id: taiwan\n  label: Taiwan\n  type: country\n  aliases: [Republic of China]\n"
    "- id: white-house\n  label: White House\n  type: organization\n"
    "- id: white-nile\n  label: White Nile\n  type: place\n"
    "- id: cis\n  label: Commonwealth of Independent States\n  type: organization\n";

static eg_tagger *make(eg_typemask types, int demonyms)
{
    static const char words[] =
        "turkey\ncourt\nChad\nwhite\nhouse\ncommonwealth\nof\nindependent\nstates\n";
    return fixture_tagger(GAZ, words, (eg_resolve_opts){types, demonyms, NULL, 1});
}

/* Tags s and returns "surface=id ..." for all mentions. */
static const char *tag(eg_tagger *t, const char *s)
{
    static char out[2048];
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_tagger_run(t, s, strlen(s), &err), EG_OK);
    out[0] = '\0';
    for (size_t i = 0; i < t->doc.mentions.n; i++) {
        const eg_mention *m = &t->doc.mentions.m[i];
        char one[256];
        snprintf(one, sizeof one, "%s%.*s=%s%s", i ? " " : "", (int)(m->end - m->start),
                 s + m->start, t->gz->ent[m->entity].id, m->demonym ? "(d)" : "");
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    return out;
}

static void test_longest_match(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "The International Criminal Court and the International Court."),
                        "International Criminal Court=icc International Court=international-court");
    assert_string_equal(tag(t, "Vladimir Putin met Putin."),
                        "Vladimir Putin=vladimir-putin Putin=vladimir-putin");
    eg_tagger_free(t);
}

static void test_acronym_case(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "The ICC and the US said it to us in the U.S."),
                        "ICC=icc US=united-states U.S.=united-states");
    assert_string_equal(tag(t, "icc Icc"), "");
    eg_tagger_free(t);
}

static void test_common_word_needs_capital(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "We ate turkey in Turkey."), "Turkey=turkey");
    assert_string_equal(tag(t, "Talks in TURKEY"), "TURKEY=turkey");
    /* a name made only of common words needs every word capitalised */
    assert_string_equal(tag(t, "a white house; White house; the White House"),
                        "White House=white-house");
    /* regression: only the words capitalised in the alias need capitals */
    assert_string_equal(tag(t, "the Commonwealth of Independent States, a commonwealth of "
                               "independent states"),
                        "Commonwealth of Independent States=cis");
    /* not a common word: any case */
    assert_string_equal(tag(t, "putin"), "putin=vladimir-putin");
    /* "white" starts a name that needs capitals and one that does not
     * ("nile" is no common word): lower case still finds the second */
    assert_string_equal(tag(t, "the white nile, a white house"), "white nile=white-nile");
    eg_tagger_free(t);
}

/* Several entities share a common-word name: lower case skips them all
 * when every spelling needs a capital, and still finds the one whose
 * alias is written in lower case. */
static void test_shared_common_name(void **state)
{
    static const char gaz[] =
        "- id: reading-uk\n  label: Reading\n  type: place\n  prior: 10\n"
        "- id: reading-us\n  label: Reading\n  type: place\n  prior: 5\n"
        "- id: long-beach\n  label: Long Beach\n  type: place\n"
        "- id: long-beach-ny\n  label: Long Beach\n  type: place\n"
        "- id: union-uk\n  label: Union\n  type: place\n  prior: 3\n"
        "- id: union-app\n  label: Union App\n  type: organization\n  aliases: [union]\n";
    eg_tagger *t = fixture_tagger(gaz, "reading\nlong\nbeach\nunion\n",
                                  (eg_resolve_opts){EG_ALL_TYPES, 1, NULL, 1});
    assert_string_equal(tag(t, "reading in Reading"), "Reading=reading-uk");
    assert_string_equal(tag(t, "a long beach walk to Long Beach"), "Long Beach=long-beach");
    assert_string_equal(tag(t, "the union"), "union=union-app");
    assert_string_equal(tag(t, "in Union"), "Union=union-uk");
    eg_tagger_free(t);
}

static void test_possessives_and_normalisation(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "Russia’s and Kyrgyzstan's ties, KYRGYZSTAN"),
                        "Russia=russia Kyrgyzstan=kyrgyzstan KYRGYZSTAN=kyrgyzstan");
    assert_string_equal(tag(t, "Cote d’Ivoire, Côte d'Ivoire and the Ivory-Coast"),
                        "Cote d’Ivoire=cote-d-ivoire Côte d'Ivoire=cote-d-ivoire "
                        "Ivory-Coast=cote-d-ivoire");
    assert_string_equal(tag(t, "Dzhaparov in St. Petersburg"),
                        "Dzhaparov=sadyr-japarov St. Petersburg=st-petersburg");
    eg_tagger_free(t);
}

static void test_no_match_across_punctuation(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    /* "Vladimir, Putin" is not the name; only the alias Putin matches, and
     * a first name alone is not taken for the person */
    assert_string_equal(tag(t, "Vladimir, Putin"), "Putin=vladimir-putin");
    /* nor across a sentence end */
    assert_string_equal(tag(t, "He met Vladimir.\nPutin left."), "Putin=vladimir-putin");
    eg_tagger_free(t);
}

static void test_ambiguity_by_prior(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "Japarov spoke."), "Japarov=sadyr-japarov");
    assert_int_equal(t->doc.mentions.m[0].rule, EG_RULE_PRIOR);
    assert_int_equal(t->doc.mentions.m[0].ncand, 2);
    assert_string_equal(tag(t, "Georgia"), "Georgia=georgia-state");
    assert_string_equal(tag(t, "Putin"), "Putin=vladimir-putin");
    assert_int_equal(t->doc.mentions.m[0].rule, EG_RULE_UNIQUE);
    eg_tagger_free(t);
    /* restricted to countries, Georgia is the country */
    t = make(1u << EG_COUNTRY, 1);
    assert_string_equal(tag(t, "Georgia and Putin"), "Georgia=georgia");
    eg_tagger_free(t);
}

static void test_demonyms(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "Russian-Kyrgyz trade with Russians"),
                        "Russian=russia(d) Kyrgyz=kyrgyzstan(d) Russians=russia(d)");
    eg_tagger_free(t);
    t = make(EG_ALL_TYPES, 0);
    assert_string_equal(tag(t, "Russian-Kyrgyz trade with Russia"), "Russia=russia");
    eg_tagger_free(t);
}

static void test_offsets_are_bytes(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    const char *s = "Érdő — Putin";
    tag(t, s);
    assert_int_equal(t->doc.mentions.n, 1);
    assert_int_equal(t->doc.mentions.m[0].start, strstr(s, "Putin") - s);
    assert_int_equal(t->doc.mentions.m[0].end, strlen(s));
    eg_tagger_free(t);
}

/* regression: a possessive inside an alias stopped the match, so the
 * shorter "Republic of China" (Taiwan) won */
static void test_possessive_inside_alias(void **state)
{
    eg_tagger *t = make(EG_ALL_TYPES, 1);
    assert_string_equal(tag(t, "The People's Republic of China and the People’s Republic of China"),
                        "People's Republic of China=china People’s Republic of China=china");
    assert_string_equal(tag(t, "the Republic of China"), "Republic of China=taiwan");
    /* a possessive the alias does not have still ends a name */
    assert_string_equal(tag(t, "Vladimir's Putin"), "Putin=vladimir-putin");
    eg_tagger_free(t);
}

/* regression: apostrophes are dropped, so "She'll" normalised to "shell"
 * and was taken for the company Shell, "We're" for a place Were. A word
 * ending in a contraction meets only an alias written with it. */
static void test_contractions_are_not_names(void **state)
{
    static const char gaz[] =
        "- id: shell\n  label: Shell\n  type: organization\n"
        "- id: were\n  label: Were\n  type: place\n"
        "- id: hed\n  label: Hed\n  type: place\n"
        "- id: tip-oneill\n  label: Tip O'Neill\n  type: person\n  aliases: [O'Neill]\n"
        "- id: cote-d-ivoire\n  label: Côte d'Ivoire\n  type: country\n"
        "- id: russia\n  label: Russia\n  type: country\n"
        "- id: shed-band\n  label: She’d Band\n  type: organization\n";
    eg_tagger *t = fixture_tagger(gaz, "", (eg_resolve_opts){EG_ALL_TYPES, 1, NULL, 1});
    assert_string_equal(tag(t, "She'll go"), "");
    assert_string_equal(tag(t, "We're here, he'd say; SHE’LL, Sheʼll and she‘ll not."), "");
    /* not even in a document that names Shell */
    assert_string_equal(tag(t, "Shell's profits rose, so she'll go."), "Shell=shell");
    assert_string_equal(tag(t, "We were at Were."), "were=were Were=were");
    /* names with an apostrophe keep matching, with either apostrophe */
    assert_string_equal(tag(t, "O'Neill said"), "O'Neill=tip-oneill");
    assert_string_equal(tag(t, "O’Neill said"), "O’Neill=tip-oneill");
    assert_string_equal(tag(t, "in Côte d'Ivoire"), "Côte d'Ivoire=cote-d-ivoire");
    /* possessives: the mention ends before the apostrophe */
    const char *s = "Russia's army";
    assert_string_equal(tag(t, s), "Russia=russia");
    assert_int_equal(t->doc.mentions.m[0].end, 6);
    /* an alias written with the contraction matches it, whatever the
     * apostrophe, and the text without one */
    assert_string_equal(tag(t, "The She'd Band and the Shed Band"),
                        "She'd Band=shed-band Shed Band=shed-band");
    eg_tagger_free(t);
}

/* regression: an empty gazetteer sorted a NULL array (UBSan) */
static void test_empty_gazetteer(void **state)
{
    eg_gazetteer *g = eg_gazetteer_new();
    eg_matcher *m;
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_gazetteer_load_buffer(g, "e.yaml", "", 0, &err), EG_OK);
    assert_int_equal(eg_matcher_new(g, &m, &err), EG_OK);
    eg_text t;
    eg_text_init(&t);
    eg_matches ms = {0};
    assert_int_equal(eg_text_analyze(&t, "Putin", 5, &err), EG_OK);
    assert_int_equal(eg_matcher_run(m, &t, &ms, &err), EG_OK);
    assert_int_equal(ms.n, 0);
    eg_matches_free(&ms);
    eg_text_free(&t);
    eg_matcher_free(m);
    eg_gazetteer_free(g);
}

/* ---- the compiled cache of a large gazetteer file ---- */

static eg_gazetteer *load_one(const char *path, eg_status want)
{
    eg_gazetteer *g = eg_gazetteer_new();
    assert_non_null(g);
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_gazetteer_load(g, path, &err);
    if (st != want)
        fail_msg("status %d: %s", (int)st, err.msg);
    return g;
}

static void test_large_gazetteer_cache(void **state)
{
    char dir[] = "/tmp/eg-test-cache-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], cpath[128];
    snprintf(path, sizeof path, "%s/big.yaml", dir);
    snprintf(cpath, sizeof cpath, "%s/.big.yaml.cache", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n  wikidata: Q813\n"
          "  demonyms: [Kyrgyz]\n  prior: 7.5\n",
          fp);
    for (int i = 0; ftell(fp) < (1 << 20) + 1000; i++)
        fprintf(fp,
                "- id: place-%d\n  label: Placé %d\n  type: place\n  country: kyrgyzstan\n"
                "  aliases: [Town%d, \"Big Town %d\"]\n%s",
                i, i, i, i, i % 3 ? "" : "  kind: city\n  prior: 3\n");
    fclose(fp);

    /* the first load parses the YAML and writes the cache; the second
     * reads it and builds the same gazetteer */
    eg_gazetteer *g1 = load_one(path, EG_OK);
    struct stat before, after;
    assert_int_equal(stat(cpath, &before), 0);
    eg_gazetteer *g2 = load_one(path, EG_OK);
    fixture_same_gazetteer(g1, g2);
    assert_int_equal(stat(cpath, &after), 0);
    assert_int_equal(before.st_ino, after.st_ino); /* read, not rewritten */

    /* a corrupt cache is not trusted (and is rewritten) */
    fp = fopen(cpath, "r+b");
    assert_non_null(fp);
    fseek(fp, 70000, SEEK_SET);
    int c = fgetc(fp);
    fseek(fp, 70000, SEEK_SET);
    fputc(c ^ 0x20, fp);
    fclose(fp);
    eg_gazetteer *g3 = load_one(path, EG_OK);
    fixture_same_gazetteer(g1, g3);
    assert_int_equal(stat(cpath, &after), 0);
    assert_true(before.st_ino != after.st_ino); /* rewritten */
    eg_gazetteer_free(g3);
    assert_int_equal(truncate(cpath, 100), 0);
    g3 = load_one(path, EG_OK);
    fixture_same_gazetteer(g1, g3);

    /* a duplicate id against an earlier file is reported as from the YAML */
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_gazetteer_load(g3, path, &err), EG_EINPUT);
    assert_non_null(strstr(err.msg, "big.yaml:1:7: duplicate id 'kyrgyzstan' (first defined at"));
    fixture_same_gazetteer(g1, g3); /* and nothing of the failed file stays */

    /* a tagger from the cache finds the names */
    const char *gz[] = {path};
    eg_tagger_opts o = {gz, 1, NULL, NULL, 0, (eg_resolve_opts){EG_ALL_TYPES, 1, NULL, 1}, 0, NULL, 0, NULL};
    eg_tagger *t = NULL;
    eg_error_init(&err);
    assert_int_equal(eg_tagger_new(&o, &t, &err), EG_OK);
    assert_string_equal(tag(t, "From Big Town 12 to Town7, Kyrgyz roads."),
                        "Big Town 12=place-12 Town7=place-7 Kyrgyz=kyrgyzstan(d)");
    eg_tagger_free(t);

    eg_gazetteer_free(g1);
    eg_gazetteer_free(g2);
    eg_gazetteer_free(g3);
    unlink(cpath);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_match),
        cmocka_unit_test(test_acronym_case),
        cmocka_unit_test(test_common_word_needs_capital),
        cmocka_unit_test(test_shared_common_name),
        cmocka_unit_test(test_possessives_and_normalisation),
        cmocka_unit_test(test_no_match_across_punctuation),
        cmocka_unit_test(test_ambiguity_by_prior),
        cmocka_unit_test(test_demonyms),
        cmocka_unit_test(test_offsets_are_bytes),
        cmocka_unit_test(test_possessive_inside_alias),
        cmocka_unit_test(test_contractions_are_not_names),
        cmocka_unit_test(test_empty_gazetteer),
        cmocka_unit_test(test_large_gazetteer_cache),
    };
    return cmocka_run_group_tests_name("matcher", tests, NULL, NULL);
}
