/* Name discovery on hand-written sentences: runs, the longest name over
 * a gazetteer fragment, typing by evidence, the document's surnames and
 * acronyms, headlines, and the names that must not be found. */
#include "testing.h"
#include "fixture.h"

#include "tagger.h"

static const char GAZ[] =
    "- id: united-kingdom\n  label: United Kingdom\n  type: country\n"
    "  demonyms: [British]\n"
    "- id: russia\n  label: Russia\n  type: country\n  demonyms: [Russian]\n"
    "- id: sudan\n  label: Sudan\n  type: country\n  demonyms: [Sudanese]\n"
    "- id: kyrgyzstan\n  label: Kyrgyzstan\n  type: country\n  demonyms: [Kyrgyz]\n"
    "- id: mexico\n  label: Mexico\n  type: country\n  demonyms: [Mexican]\n"
    "- id: taiwan\n  label: Taiwan\n  type: country\n  demonyms: [Taiwanese]\n"
    "- id: egypt\n  label: Egypt\n  type: country\n  demonyms: [Egyptian]\n"
    "- id: brussels\n  label: Brussels\n  type: place\n"
    "- id: taipei\n  label: Taipei\n  type: place\n  country: taiwan\n"
    "- id: manchester\n  label: Manchester\n  type: place\n"
    "- id: kyiv\n  label: Kyiv\n  type: place\n"
    "- id: burtonia\n  label: Burtonia\n  type: place\n  prior: 40000\n"
    "- id: shehbaz-sharif\n  label: Shehbaz Sharif\n  type: person\n  aliases: [Sharif]\n"
    "- id: mahmoud-abbas\n  label: Mahmoud Abbas\n  type: person\n  aliases: [Abbas]\n"
    "- id: sadyr-japarov\n  label: Sadyr Japarov\n  type: person\n  aliases: [Japarov]\n"
    "- id: microsoft\n  label: Microsoft\n  type: organization\n"
    "- id: nato\n  label: NATO\n  type: organization\n"
    "  aliases: [North Atlantic Treaty Organization]\n"
    "- id: aids-alliance\n  label: AIDS\n  type: organization\n";

/* Common words (the word list): those the sentences below use that a
 * name could be mistaken for, and the words of the names of common
 * words (Armed Forces, Airlines). */
static const char WORDS[] =
    "the\nairlines\nairways\nairline\npilots\nassociation\narmed\nforces\nparty\npeople\n"
    "gulf\nunited\nnew\npresident\ninterior\nminister\nsupport\nrapid\ncentral\nnation\n"
    "hot\nnews\none\nroad\nmitt\nstein\nfighters\nsaid\nspokesperson\nchair\nfed\nmet\n"
    "police\nofficials\nvoted\nannounces\nflights\nmonetary\npolicy\ncommittee\nbank\n"
    "bureau\nindustry\nsecurity\nand\nof\nin\nnear\nsea\ncourt\nsupreme\njustice\nsecret\naids\n"
    "assembly\nperfect\ndays\noak\nmonster\nwinners\nshares\nprofits\ntrade\nact\nbattle\n"
    "judge\nthey\nmove\nforward\nlater\nwar\nblue\nsky\nforeign\n"
    "flights\nsales\ntalks\nprices\nhouse\nhe\nchatted\nasked\nwhy\nseven\nyears\nago\n"
    "commodore\n";

static const char GIVEN[] = "sharif\nabbas\nsidney\njerome\nvladimir\nashley\n";

static eg_tagger *T;

static int setup(void **state)
{
    char gpath[] = "/tmp/eg-test-gaz-XXXXXX", wpath[] = "/tmp/eg-test-words-XXXXXX",
         npath[] = "/tmp/eg-test-given-XXXXXX";
    fixture_file(gpath, GAZ);
    fixture_file(wpath, WORDS);
    fixture_file(npath, GIVEN);
    const char *gz[] = {gpath};
    eg_resolve_opts r;
    eg_resolve_defaults(&r);
    eg_tagger_opts o = {gz, 1, wpath, NULL, 0, r, 0, NULL, 1, npath};
    eg_error err;
    eg_error_init(&err);
    eg_status st = eg_tagger_new(&o, &T, &err);
    unlink(gpath);
    unlink(wpath);
    unlink(npath);
    if (st != EG_OK)
        fail_msg("%s", err.msg);
    return 0;
}

static int teardown(void **state)
{
    eg_tagger_free(T);
    return 0;
}

/* "surface=id/type" for each mention, numbered as the pipeline numbers
 * them. */
static const char *tag(const char *s)
{
    static char out[4096];
    eg_error err;
    eg_error_init(&err);
    assert_int_equal(eg_tagger_run(T, s, strlen(s), &err), EG_OK);
    assert_int_equal(eg_tagger_number(T, &T->doc, &err), EG_OK);
    out[0] = '\0';
    for (size_t i = 0; i < T->doc.mentions.n; i++) {
        const eg_mention *m = &T->doc.mentions.m[i];
        const eg_entity *e = eg_tagger_entity(T, m->entity);
        char one[256];
        snprintf(one, sizeof one, "%s%.*s=%s/%s", i ? " " : "", (int)(m->end - m->start),
                 s + m->start, eg_mention_counts(m) ? e->id : "?", eg_type_name(e->type));
        strncat(out, one, sizeof out - strlen(out) - 1);
    }
    return out;
}

/* The evidence names of the first mention of s. */
static const char *evidence(const char *s)
{
    static char out[256];
    tag(s);
    assert_true(T->doc.mentions.n > 0);
    eg_evidence_names(T->doc.mentions.m[0].evidence, out, sizeof out);
    return out;
}

static void test_longest_name_wins(void **state)
{
    assert_string_equal(tag("Strikes grounded British Airways on Monday."),
                        "British Airways=d:british-airways/organization");
    assert_string_equal(tag("The British Airline Pilots' Association called a strike."),
                        "British Airline Pilots' Association=d:british-airline-pilots-association/"
                        "organization");
    assert_string_equal(tag("Flights by Brussels Airlines resumed."),
                        "Brussels Airlines=d:brussels-airlines/organization");
    assert_string_equal(tag("A storm formed over the Gulf of Mexico overnight."),
                        "Gulf of Mexico=d:gulf-of-mexico/place");
    assert_string_equal(tag("Sharif Hussain, who sells fruit, was there."),
                        "Sharif Hussain=d:sharif-hussain/person");
    assert_string_equal(tag("Voters in New Taipei went to the polls."),
                        "New Taipei=d:new-taipei/place");
    assert_string_equal(tag("The Taiwan People's Party lost seats."),
                        "Taiwan People's Party=d:taiwan-people-party/organization");
    assert_string_equal(tag("Fighting between the Sudanese Armed Forces and the militia."),
                        "Sudanese Armed Forces=d:sudanese-armed-forces/organization");
    assert_string_equal(tag("Egyptian intelligence chief Abbas Kamel arrived."),
                        "Egyptian=egypt/country Abbas Kamel=d:abbas-kamel/person");
    assert_string_equal(tag("Fans of Manchester United cheered."),
                        "Manchester United=d:manchester-united/organization");
}

static void test_what_stays_legitimate(void **state)
{
    assert_string_equal(tag("Russia's army advanced."), "Russia=russia/country");
    assert_string_equal(tag("The Russian-backed forces advanced."), "Russian=russia/country");
    assert_string_equal(tag("Kyrgyz President Sadyr Japarov spoke."),
                        "Kyrgyz=kyrgyzstan/country Sadyr Japarov=sadyr-japarov/person");
    /* a run of known names side by side adds nothing */
    assert_string_equal(tag("Talks in Kyiv ended."), "Kyiv=kyiv/place");
    /* a run with no evidence leaves the match inside it alone */
    assert_string_equal(tag("They saw Sadyr Japarov Zorblat yesterday."),
                        "Sadyr Japarov=sadyr-japarov/person");
}

static void test_runs(void **state)
{
    /* a hyphenated name with a lower-case part, initials, connectors */
    assert_string_equal(tag("Voters backed Ko Wen-je, the party's founder."),
                        "Ko Wen-je=d:ko-wen-je/person");
    assert_string_equal(tag("Vice President J.D. Vance spoke."), "J.D. Vance=d:jd-vance/person");
    /* a long lower-case word after a hyphen ends the name */
    assert_string_equal(tag("Veteran actor Ashley Quorvan-starrer Zeta opened."),
                        "Ashley Quorvan=d:ashley-quorvan/person");
    assert_string_equal(tag("Officials said Sidney W. Stein ruled."),
                        "Sidney W. Stein=d:sidney-w-stein/person");
    assert_string_equal(tag("The Bureau of Industry and Security added firms."),
                        "Bureau of Industry and Security=d:bureau-of-industry-and-security/"
                        "organization");
    /* a title after a given name is part of the name */
    assert_string_equal(tag("Officials said Ashley Shaikh Quorvan fled."),
                        "Ashley Shaikh Quorvan=d:ashley-shaikh-quorvan/person");
    /* a second "of" in a name that has one */
    assert_string_equal(tag("The National Association of Schools of Art met."),
                        "National Association of Schools of Art="
                        "d:national-association-of-schools-of-art/organization");
    /* a head word alone names nothing */
    assert_string_equal(tag("Zentrix Holdings, Ltd said so."),
                        "Zentrix Holdings=d:zentrix-holdings/organization");
    /* a title cuts the run: the title phrase is no part of the name */
    assert_string_equal(tag("Interior Minister Ulan Niyazbekov said so."),
                        "Ulan Niyazbekov=d:ulan-niyazbekov/person");
    /* a title abbreviation keeps a given name that is also a word */
    assert_string_equal(tag("On Monday Sen. Mitt Romney voted."),
                        "Mitt Romney=d:mitt-romney/person");
    /* a common word opening the sentence is dropped */
    assert_string_equal(tag("Police in Zentrovia arrested two men."),
                        "Zentrovia=d:zentrovia/place");
    /* a tag in capitals is not part of the name before it */
    assert_string_equal(tag("Zentrovia LIVETEXT: the latest."), "");
}

static void test_evidence(void **state)
{
    /* inside: head words */
    assert_string_equal(tag("The Quorvan Party won."), "Quorvan Party=d:quorvan-party/organization");
    assert_string_equal(evidence("The Quorvan Party grew."), "head");
    assert_string_equal(tag("We swam in Lake Quorvan."), "Lake Quorvan=d:lake-quorvan/place");
    assert_string_equal(tag("Zentro Motors Inc. lost money."),
                        "Zentro Motors Inc=d:zentro-motors-inc/organization");
    /* inside: a given name */
    assert_string_equal(evidence("Ashley Quorvan grew up there."), "given-name");
    /* context: titles, appositions, speech, places, organisations */
    assert_string_equal(tag("It was signed by President Quorvan."),
                        "Quorvan=d:quorvan/person");
    assert_string_equal(tag("Jerome Powell, the Fed chair, spoke."),
                        "Jerome Powell=d:jerome-powell/person");
    assert_string_equal(evidence("Zorb Quorvan, the Fed chair, spoke."), "apposition");
    assert_string_equal(tag("The vote, said Zorb Quorvan, was close."),
                        "Zorb Quorvan=d:zorb-quorvan/person");
    assert_string_equal(tag("Shelling hit homes near Toretsk overnight."),
                        "Toretsk=d:toretsk/place");
    assert_string_equal(tag("A Zentrovia-based firm won."), "Zentrovia=d:zentrovia/place");
    assert_string_equal(tag("A Quorvex spokesperson declined to comment."),
                        "Quorvex=d:quorvex/organization");
    assert_string_equal(evidence("A Quorvex spokesperson declined to comment."),
                        "organization-context");
    /* the kind a list is of, and hyphenated owners */
    assert_string_equal(tag("It hit behemoths like Zentrix and Microsoft."),
                        "Zentrix=d:zentrix/organization Microsoft=microsoft/organization");
    assert_string_equal(tag("Stars including Ovar Lindqvist came."),
                        "Ovar Lindqvist=d:ovar-lindqvist/person");
    assert_string_equal(tag("They visited cities such as Qarvash."), "Qarvash=d:qarvash/place");
    assert_string_equal(tag("Oil flows to the state-owned Petrozan refinery."),
                        "Petrozan=d:petrozan/organization");
    assert_string_equal(tag("Both Velora drivers crashed."), "Velora=d:velora/organization");
    /* a noun of places before "of" */
    assert_string_equal(tag("Shelling hit the towns of Toretsk overnight."),
                        "Toretsk=d:toretsk/place");
    /* a list passes its type along, from a gazetteer name or a typed one */
    assert_string_equal(tag("Shelling hit Kyiv, Xandor and Yelvik."),
                        "Kyiv=kyiv/place Xandor=d:xandor/place Yelvik=d:yelvik/place");
    assert_string_equal(evidence("Wendrix and Microsoft rose."), "coordination");
    /* but a list of two types gives none */
    assert_string_equal(tag("Kyiv, Brontal and Microsoft met."),
                        "Kyiv=kyiv/place Microsoft=microsoft/organization");
    /* a sentence's first word is a preposition like any other */
    assert_string_equal(tag("In Xandor, Yelvik and Qarvash, dams broke."),
                        "Xandor=d:xandor/place Yelvik=d:yelvik/place Qarvash=d:qarvash/place");
    assert_string_equal(tag("It hit Zelvo, a village in the municipality of El Quorvan."),
                        "Zelvo=d:zelvo/place El Quorvan=d:el-quorvan/place");
    assert_string_equal(tag("Three men were held in the Zelvo refugee camp."),
                        "Zelvo=d:zelvo/place");
    /* "who" after a name, a counterpart, a firm's ampersand, shares in */
    assert_string_equal(tag("Tran Anh Hung who won was absent."),
                        "Tran Anh Hung=d:tran-anh-hung/person");
    assert_string_equal(tag("He praised his counterpart Zorb Quorvan warmly."),
                        "Zorb Quorvan=d:zorb-quorvan/person");
    assert_string_equal(tag("Shares in Quorvex & Zelvo fell."),
                        "Quorvex & Zelvo=d:quorvex-zelvo/organization");
    /* a list whose items carry brackets of their own */
    assert_string_equal(tag("Winners Ashley Quorvan (Perfect Days), Wim Zelvo (The Oak) and "
                            "Ovar Lindqvist (Monster) came."),
                        "Ashley Quorvan=d:ashley-quorvan/person Wim Zelvo=d:wim-zelvo/person "
                        "Ovar Lindqvist=d:ovar-lindqvist/person");
    /* a place and its region, closed by punctuation */
    assert_string_equal(tag("It was sent to Kyiv, Zelvoria, on Monday."),
                        "Kyiv=kyiv/place Zelvoria=d:zelvoria/place");
    assert_string_equal(tag("They met at Zelvoria, Kyiv, last year."),
                        "Zelvoria=d:zelvoria/place Kyiv=kyiv/place");
    /* a list of three with commas only */
    assert_string_equal(tag("Dropzix, Microsoft, and Quorvex cut jobs."),
                        "Dropzix=d:dropzix/organization Microsoft=microsoft/organization "
                        "Quorvex=d:quorvex/organization");
    /* an acronym the text makes a subject or an owner, not a modifier */
    assert_string_equal(tag("Flights waited for the ZFAA's permission."),
                        "ZFAA=d:zfaa/organization");
    assert_string_equal(tag("Talks stalled after the ZRKF, a rebel army, walked out."),
                        "ZRKF=d:zrkf/organization");
    assert_string_equal(tag("Sales of the ZVD player grew."), "");
    /* a brand's capital inside a word, with a verb of speech */
    assert_string_equal(tag("Prices rose, ResumeQuorv said."),
                        "ResumeQuorv=d:resumequorv/organization");
    /* a body named by its head before "of" */
    assert_string_equal(tag("It passed the Quorvan House of Zelvo on Monday."),
                        "Quorvan House of Zelvo=d:quorvan-house-of-zelvo/organization");
    /* an employer before a role and a person's name */
    assert_string_equal(tag("Quorvex driver Ashley Zelvo was fifth."),
                        "Quorvex=d:quorvex/organization Ashley Zelvo=d:ashley-zelvo/person");
    /* a kind of site after a name */
    assert_string_equal(tag("Rebels bombed the Zelvo oil pipeline again."),
                        "Zelvo=d:zelvo/place");
    /* leads and connectors of French and Italian places */
    assert_string_equal(tag("They met at the Palais des Zelvo on Monday."),
                        "Palais des Zelvo=d:palais-des-zelvo/place");
    /* a name of common words only, typed by an apposition in mid-sentence,
     * and then in the rest of the document */
    assert_string_equal(tag("The court dissolved Move Forward, the largest opposition party. "
                            "Later, Move Forward won."),
                        "Move Forward=d:move-forward/organization "
                        "Move Forward=d:move-forward/organization");
    /* a title's complement that ends in a head word names a body */
    assert_string_equal(tag("It was read by the President of the Quorvan Assembly Zorb Zelvo."),
                        "Quorvan Assembly=d:quorvan-assembly/organization "
                        "Zorb Zelvo=d:zorb-zelvo/person");
    /* the document: a name typed once keeps its type */
    assert_string_equal(tag("Shelling hit homes in Toretsk. Toretsk burned."),
                        "Toretsk=d:toretsk/place Toretsk=d:toretsk/place");
    assert_string_equal(evidence("Toretsk burned. Shelling hit homes in Toretsk."), "document");
}

static void test_document(void **state)
{
    /* a bare surname of a person named in full */
    assert_string_equal(tag("Judge Sidney Stein ruled. Stein's decision stands."),
                        "Sidney Stein=d:sidney-stein/person Stein=d:sidney-stein/person");
    /* a known person's surname, after the full name, is that person */
    assert_string_equal(tag("Sadyr Japarov spoke. Later President Japarovich left, and "
                            "President Japarov smiled."),
                        "Sadyr Japarov=sadyr-japarov/person "
                        "Japarovich=d:japarovich/person Japarov=sadyr-japarov/person");
    /* a small town named like a person the document names in full is
     * the person, but not after a preposition */
    assert_string_equal(tag("Officials said Ashley Burtonia arrived. Burtonia said no. It was in "
                            "Burtonia."),
                        "Ashley Burtonia=d:ashley-burtonia/person "
                        "Burtonia=d:ashley-burtonia/person Burtonia=burtonia/place");
    /* one word that speaks twice is someone, whatever a preposition said */
    assert_string_equal(tag("He chatted in Zelvo. Zelvo said no. Later Zelvo asked why."),
                        "Zelvo=d:zelvo/person Zelvo=d:zelvo/person Zelvo=d:zelvo/person");
    /* surname first */
    assert_string_equal(tag("President Lai Ching-te spoke. Lai said it was a duty."),
                        "Lai Ching-te=d:lai-ching-te/person Lai=d:lai-ching-te/person");
    /* acronyms the text defines, for a discovered and for a known name */
    assert_string_equal(tag("The Rapid Support Forces (RSF) attacked. RSF fighters fled."),
                        "Rapid Support Forces=d:rapid-support-forces/organization "
                        "RSF=d:rapid-support-forces/organization "
                        "RSF=d:rapid-support-forces/organization");
    assert_string_equal(tag("Microsoft (MSFT) rose. MSFT fell later."),
                        "Microsoft=microsoft/organization MSFT=microsoft/organization "
                        "MSFT=microsoft/organization");
    /* a discovered name is the same entity in the next document */
    tag("Shelling hit homes in Toretsk.");
    uint32_t first = T->doc.mentions.m[0].entity;
    tag("More shelling in Toretsk.");
    assert_int_equal(T->doc.mentions.m[0].entity, first);
}

static void test_no_name(void **state)
{
    /* regression: an empty document sorted no occurrences from a NULL
     * array (undefined behaviour, found by fuzz_tagger) */
    assert_string_equal(tag(""), "");
    /* regression: a context word first in the document read the gap
     * before the first token (out of bounds under ASan) */
    assert_string_equal(tag("owned Zentrix grew."), "");
    /* a name with no evidence is no mention (suggest lists it) */
    assert_string_equal(tag("Users asked ChatGPT questions."), "");
    /* an adjective of a region before a noun */
    assert_string_equal(tag("It is a Central Asian nation."), "");
    /* common words only, without an institution's head word */
    assert_string_equal(tag("Read more at Hot News today."), "");
    assert_string_equal(tag("It was called One Road then."), "");
    /* a code with digits is no place */
    assert_string_equal(tag("Profits rose in Q3 again."), "");
    /* a title after a country is a title, not a name: the U.S. President */
    assert_string_equal(tag("Profits rose so the Russian President, Ashley Quorvan, spoke."),
                        "Russian=russia/country Ashley Quorvan=d:ashley-quorvan/person");
    /* events, laws and awards are none of the four types */
    assert_string_equal(tag("Trade fell after the Quorvan Act and the Battle of Zelvo."), "");
    assert_string_equal(tag("Trade fell after the Zelvo War II ended."), "");
    /* but common words alone are typed by nothing else than an
     * apposition naming a body */
    assert_string_equal(tag("They joined Blue Sky, the Foreign Minister said."), "");
    /* a comma alone is no list: "In Charlotte, Richard saw" */
    assert_string_equal(tag("In Zelvo, Quorvan saw the sea."), "Zelvo=d:zelvo/place");
    /* a surname that is a common word, after an article, is the word */
    assert_string_equal(tag("Judge Sidney Stein ruled. They went to the Stein."),
                        "Sidney Stein=d:sidney-stein/person");
    /* a title alone is no one's name */
    assert_string_equal(tag("Seven years ago, Commodore, he said."), "");
    /* a single common word is never a name alone */
    assert_string_equal(tag("The committee met in Secret."), "");
}

static void test_title_case_acronyms(void **state)
{
    /* a listed acronym of four letters or more in Title Case (British
     * house style), where the word is no common word */
    assert_string_equal(tag("Nato allies met."), "Nato=nato/organization");
    assert_string_equal(tag("The NATO summit began."), "NATO=nato/organization");
    assert_string_equal(tag("Nat and Natos met."), "");
    /* a common word is not the acronym: Aids, the illness */
    assert_string_equal(tag("They fought Aids for years."), "");
    assert_string_equal(tag("They met AIDS officials."), "AIDS=aids-alliance/organization");
}

static void test_headlines(void **state)
{
    /* a Title Case line holds a name up to its head word */
    assert_string_equal(tag("Zentro Airlines Announces Flights to Quorvan in 2020\n\nBody."),
                        "Zentro Airlines=d:zentro-airlines/organization");
    /* but a line of common words and a head word is no name */
    assert_string_equal(tag("Monetary Policy Turns Bank Shares Around Again\n\nBody text."),
                        "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_name_wins), cmocka_unit_test(test_what_stays_legitimate),
        cmocka_unit_test(test_runs),              cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_document),          cmocka_unit_test(test_no_name),
        cmocka_unit_test(test_headlines),         cmocka_unit_test(test_title_case_acronyms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
