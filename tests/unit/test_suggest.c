/* `suggest` on hand-written sentences: what is a name the gazetteers
 * miss, what is trimmed off it, what is never one, how it is counted,
 * typed, ranked, given an id and illustrated. */
#include "testing.h"
#include "fixture.h"

#include "suggest.h"

static const char GAZ[] =
    "- id: russia\n  label: Russia\n  type: country\n  demonyms: [Russian]\n"
    "- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n  demonyms: [Kyrgyz]\n"
    "- id: bishkek\n  label: Bishkek\n  type: place\n  country: kyrgyzstan\n"
    "- id: moscow\n  label: Moscow\n  type: place\n  country: russia\n"
    "- id: sadyr-japarov\n  label: Sadyr Japarov\n  type: person\n  aliases: [Japarov]\n"
    "- id: vladimir-putin\n  label: Vladimir Putin\n  type: person\n  aliases: [Putin]\n"
    /* an id a suggestion would otherwise take */
    "- id: kant\n  label: Immanuel Kant\n  type: person\n";

/* lower-case words of a small dictionary: the common-word tests */
static const char WORDS[] = "the\nhowever\nforeign\nminister\nsupreme\ncourt\nsaid\nnational\n"
                            "bank\nofficials\ngrowing\ntensions\nvisits\namid\nover\nwarrant\n"
                            "government\npresident\ninterior\nbase\nair\nmilitary\nadded\n"
                            "security\ncouncil\nministry\nmonday\ntalks\nhold\nleaders\n";

static eg_tagger *T;

static int setup(void **state)
{
    T = fixture_tagger(GAZ, WORDS, (eg_resolve_opts){EG_ALL_TYPES, 1, NULL, 1});
    return 0;
}

static int teardown(void **state)
{
    eg_tagger_free(T);
    return 0;
}

static eg_suggester *S;
static const eg_suggestion *R;
static size_t N;

/* Runs suggest over the documents (NULL-terminated) with min_count 1. */
static void run_opts(const char *const *docs, const eg_suggest_opts *o)
{
    eg_suggester_free(S);
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_suggester_new(o, &S, &err), EG_OK);
    for (size_t i = 0; docs[i]; i++) {
        char id[32];
        snprintf(id, sizeof id, "doc%zu.txt", i + 1);
        eg_doc d = {id, docs[i], strlen(docs[i]), 0, NULL, 0};
        assert_int_equal(eg_tagger_run(T, d.data, d.len, &err), EG_OK);
        assert_int_equal(eg_suggest_add(S, T, &T->doc, &d, &err), EG_OK);
    }
    assert_int_equal(eg_suggest_finish(S, T->gz, &R, &N, &err), EG_OK);
}

static void run(const char *const *docs)
{
    eg_suggest_opts o;
    eg_suggest_defaults(&o);
    o.min_count = 1;
    o.top = 0;
    run_opts(docs, &o);
}

static void run1(const char *doc)
{
    const char *docs[] = {doc, NULL};
    run(docs);
}

/* "label|label|..." in rank order */
static const char *labels(void)
{
    static char out[1024];
    out[0] = '\0';
    for (size_t i = 0; i < N; i++) {
        if (i)
            strncat(out, "|", sizeof out - strlen(out) - 1);
        strncat(out, R[i].label, sizeof out - strlen(out) - 1);
    }
    return out;
}

static const eg_suggestion *find(const char *label)
{
    for (size_t i = 0; i < N; i++)
        if (strcmp(R[i].label, label) == 0)
            return &R[i];
    fail_msg("no suggestion '%s' in '%s'", label, labels());
    return NULL;
}

static void test_known_names_are_not_suggested(void **state)
{
    run1("Russian President Vladimir Putin met Sadyr Japarov in Bishkek, Kyrgyzstan, and "
         "flew back to Moscow.");
    assert_string_equal(labels(), "");
}

static void test_titles_and_openers_are_trimmed(void **state)
{
    run1("The Supreme Court met on Monday. Foreign Minister Ulan Niyazbekov said talks would "
         "go on. However, Mr. Niyazbekov added nothing.");
    assert_string_equal(labels(), "Ulan Niyazbekov|Supreme Court");
    const eg_suggestion *s = find("Ulan Niyazbekov");
    /* the lone surname counts for the full name */
    assert_int_equal(s->count, 2);
    assert_int_equal(s->type, EG_PERSON);
    assert_int_equal(s->cues[EG_CUE_TITLE], 2);
    assert_int_equal(s->cues[EG_CUE_SURNAME], 1);
    assert_string_equal(s->id, "ulan-niyazbekov");
    assert_int_equal(find("Supreme Court")->type, EG_ORGANIZATION);
}

static void test_role_before_known_person_is_not_a_name(void **state)
{
    run1("Kyrgyz President Sadyr Japarov met Interior Minister Vladimir Putin. The Kyrgyz "
         "Government said so.");
    assert_string_equal(labels(), "");
}

static void test_never_names(void **state)
{
    /* weekdays, contractions, titles alone, a lone common word, glued
     * breadcrumbs, one letter */
    run1("I'm sure, Don't go. Mr. and Mrs. came on Monday. The Government met. I said so. "
         "HomeWorldAsiaPutin makes a trip.");
    assert_string_equal(labels(), "");
}

/* regression (fuzz_tagger): a run trimmed to nothing at the end of the
 * text read past the token array */
static void test_trimmed_to_nothing_at_the_end(void **state)
{
    run1("It rained. However");
    assert_string_equal(labels(), "");
    run1("It rained. Foreign Minister");
    assert_string_equal(labels(), "");
}

/* regressions from review: comment lines YAML would break, names longer
 * than a gazetteer takes, surnames before the full name, line numbers */
static void test_examples_stay_comments(void **state)
{
    /* U+2028 is a YAML line break; U+0085 too; C1 controls are refused */
    const char *docs[] = {"Zorbin Kaltex met them.\xe2\x80\xa8- {id: evil, label: Evil, type: "
                          "person}\xc2\x85\xc2\x80 Zorbin Kaltex left.",
                          NULL};
    run(docs);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    eg_suggest_opts o;
    eg_suggest_defaults(&o);
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_write_suggestions(fp, R, N, N, &o, &err), EG_OK);
    fclose(fp);
    assert_null(strstr(buf, "\xe2\x80\xa8"));
    assert_null(strstr(buf, "\xc2\x85"));
    assert_null(strstr(buf, "\xc2\x80"));
    assert_null(strstr(buf, "\n- {id: evil"));
    free(buf);
}

static void test_name_length_limits(void **state)
{
    char s[1024] = "We met Zorbin";
    for (int i = 0; i < 33; i++)
        strcat(s, " Kaltex");
    strcat(s, " today.");
    run1(s);
    assert_string_equal(labels(), "");
}

static void test_surname_before_full_name(void **state)
{
    run1("We saw Niyazbekov there. Then we met Ulan Niyazbekov.");
    assert_string_equal(labels(), "Niyazbekov|Ulan Niyazbekov");
    assert_int_equal(find("Ulan Niyazbekov")->cues[EG_CUE_SURNAME], 0);
}

static void test_example_lines(void **state)
{
    eg_suggest_opts o;
    eg_suggest_defaults(&o);
    o.min_count = 1;
    o.examples = 3;
    const char *lf[] = {"Intro.\n\nOfficials said on Monday that\nthe envoy met Zorbin "
                        "Kaltex.\nZorbin Kaltex left.\n",
                        NULL};
    run_opts(lf, &o);
    assert_string_equal(find("Zorbin Kaltex")->examples[0],
                        "doc1.txt:3: Officials said on Monday that the envoy met Zorbin Kaltex.");
    const char *cr[] = {"Intro here.\rMore text.\rZorbin Kaltex left.\r", NULL};
    run_opts(cr, &o);
    assert_string_equal(find("Zorbin Kaltex")->examples[0], "doc1.txt:3: Zorbin Kaltex left.");
}

static void test_headlines_and_capitals_are_skipped(void **state)
{
    run1("Putin Visits Kyrgyzstan Amid Growing Tensions Over Warrant\n"
         "TALKS IN BISHKEK WITH ALMAZBEK ATAMBAYEV\n\n"
         "Leaders hold talks.");
    assert_string_equal(labels(), "");
}

static void test_demonym_before_name_or_description(void **state)
{
    run1("He visited the Russian Kant air base. The Russian Foreign Ministry said so.");
    assert_string_equal(labels(), "Kant|Russian Foreign Ministry");
    const eg_suggestion *k = find("Kant");
    assert_int_equal(k->type, EG_PLACE); /* "air base" after it */
    /* the gazetteer has the id kant */
    assert_string_equal(k->id, "kant-2");
    assert_int_equal(find("Russian Foreign Ministry")->type, EG_ORGANIZATION);
}

static void test_joiners_and_known_parts(void **state)
{
    run1("The National Bank of Kyrgyzstan and the EAEU met at Moscow State University, "
         "near the Belt and Road Forum.");
    assert_string_equal(labels(),
                        "Belt and Road Forum|EAEU|Moscow State University|National Bank of "
                        "Kyrgyzstan");
    assert_int_equal(find("National Bank of Kyrgyzstan")->type, EG_ORGANIZATION);
    assert_int_equal(find("EAEU")->type, EG_ORGANIZATION);
    assert_int_equal(find("Belt and Road Forum")->type, EG_ORGANIZATION);
    assert_string_equal(find("National Bank of Kyrgyzstan")->id, "national-bank-of-kyrgyzstan");
}

static void test_possessive_and_punctuation_end_a_name(void **state)
{
    run1("Akylbek Japarov's office, Kamchybek Tashiev, Tashiev's deputy.");
    /* Japarov is a known surname: another of the family */
    assert_string_equal(labels(), "Kamchybek Tashiev|Akylbek Japarov");
    assert_int_equal(find("Kamchybek Tashiev")->count, 2);
    assert_int_equal(find("Akylbek Japarov")->type, EG_PERSON);
    assert_int_equal(find("Akylbek Japarov")->cues[EG_CUE_FAMILY], 1);
}

static void test_counting_and_ranking(void **state)
{
    const char *docs[] = {"Zhanar Akayev spoke. Omurbek Babanov spoke.",
                          "Omurbek Babanov came. Zhanar Akayev came. Zhanar Akayev left.",
                          "Omurbek Babanov left.", NULL};
    run(docs);
    /* 3 and 3 mentions: more documents first */
    assert_string_equal(labels(), "Omurbek Babanov|Zhanar Akayev");
    assert_int_equal(R[0].count, 3);
    assert_int_equal(R[0].documents, 3);
    assert_int_equal(R[1].documents, 2);
    assert_int_equal(eg_suggest_total(S), 2);

    eg_suggest_opts o;
    eg_suggest_defaults(&o);
    o.min_count = 1;
    o.top = 1;
    run_opts(docs, &o);
    assert_string_equal(labels(), "Omurbek Babanov");
    o.top = 0;
    o.min_count = 4;
    run_opts(docs, &o);
    assert_int_equal(N, 0);
    assert_int_equal(eg_suggest_total(S), 2);
}

static void test_examples(void **state)
{
    char longdoc[1024];
    snprintf(longdoc, sizeof longdoc,
             "The line.\nThis sentence is long%0300d and mentions Omurbek Babanov in the "
             "middle of it%0300d.",
             0, 0);
    const char *docs[] = {longdoc, "Omurbek Babanov again.", "Omurbek Babanov thrice.", NULL};
    eg_suggest_opts o;
    eg_suggest_defaults(&o);
    o.min_count = 1;
    o.examples = 2;
    run_opts(docs, &o);
    assert_int_equal(N, 1);
    assert_int_equal(R[0].nexamples, 2);
    const char *e = R[0].examples[0];
    assert_true(strncmp(e, "doc1.txt:2: … ", strlen("doc1.txt:2: … ")) == 0);
    assert_non_null(strstr(e, "mentions Omurbek Babanov in the middle"));
    assert_true(strlen(e) < 300);
    assert_string_equal(e + strlen(e) - strlen(" …"), " …");
    assert_string_equal(R[0].examples[1], "doc2.txt:1: Omurbek Babanov again.");
}

static void test_stubs_are_yaml_with_comments(void **state)
{
    run1("He met Kamchybek Tashiev. Tashiev said so. Scotland voted Yes in 2014.");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    eg_suggest_opts o;
    eg_suggest_defaults(&o);
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_write_suggestions(fp, R, N, 2, &o, &err), EG_OK);
    fclose(fp);
    assert_non_null(strstr(buf, "\n# 2 mentions in 1 document; type person from "
                                "its last word alone later (1), before said or told (1)\n"
                                "#   doc1.txt:1: He met Kamchybek Tashiev.\n"
                                "- id: kamchybek-tashiev\n  label: Kamchybek Tashiev\n"
                                "  type: person\n"));
    /* what YAML would read as a boolean is quoted */
    assert_non_null(strstr(buf, "- id: \"yes\"\n  label: \"Yes\"\n  type: person\n"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_names_are_not_suggested),
        cmocka_unit_test(test_titles_and_openers_are_trimmed),
        cmocka_unit_test(test_role_before_known_person_is_not_a_name),
        cmocka_unit_test(test_never_names),
        cmocka_unit_test(test_trimmed_to_nothing_at_the_end),
        cmocka_unit_test(test_examples_stay_comments),
        cmocka_unit_test(test_name_length_limits),
        cmocka_unit_test(test_surname_before_full_name),
        cmocka_unit_test(test_example_lines),
        cmocka_unit_test(test_headlines_and_capitals_are_skipped),
        cmocka_unit_test(test_demonym_before_name_or_description),
        cmocka_unit_test(test_joiners_and_known_parts),
        cmocka_unit_test(test_possessive_and_punctuation_end_a_name),
        cmocka_unit_test(test_counting_and_ranking),
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_stubs_are_yaml_with_comments),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    eg_suggester_free(S);
    return rc;
}
