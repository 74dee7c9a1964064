/*
 * discover.c - proper names read from the text, and typed by evidence.
 *
 * 1. Runs. In each sentence (not one written in capitals), a run is a
 *    sequence of capitalised words glued by spaces (one line break at
 *    most), a hyphen, the dot of an initial or abbreviated title (J.D.
 *    Vance, Gen. Abdel), or " & " (not between two people). Lower-case
 *    connectors join two capitalised words: those of personal names (de,
 *    da, von, van, der, bin, ibn, al-, ul) always; "of" and "for" (and a
 *    "the" after them) right after a head word or a title (Bank of
 *    England, Minister of Foreign Affairs); "and" inside such a name or
 *    before a head word (Bureau of Industry and Security, Belt and Road
 *    Forum). A short lower-case word glued by a hyphen belongs to the
 *    name unless it is a word (Ko Wen-je; not the Russian-backed). A
 *    possessive ends a run unless it is a group's (Taiwan People's
 *    Party). A single letter is an initial only with its dot. Words
 *    glued by a scraper (HomeWorldAsia) and tags in capitals (LIVETEXT)
 *    are not names.
 * 2. Trimming. A common word opening the sentence is dropped (The,
 *    Officials) unless it is a given name before a name (Max Verstappen),
 *    and so are "The" and trailing function words and verbs. A title cuts
 *    the run (Kyrgyz | Interior Minister | Sadyr Japarov): the title
 *    phrase is the last title word with the common words before it and
 *    its "of ..." complement after it; a title and complement alone name
 *    the complement (President of the Security Council). A title inside a
 *    known name (General Motors) is no title. A demonym opening the run is
 *    its own mention unless the rest ends in a head word (the Sudanese
 *    Armed Forces is one name; Russian Kant is two). An adjective of a
 *    people before a noun (a Central Asian nation) is no name.
 * 3. Evidence, per occurrence (discover.h lists the bits): head words
 *    inside (org or place), a place word before a known place (New
 *    Taipei), a given name first; a title or role word before, an
 *    apposition after ("X, the Fed chair"; "X, a militia"), verbs of
 *    speech, place prepositions, "the towns of X", "X-based", "X
 *    province", organisation context ("X spokesperson", "chief executive
 *    of X", "the state-owned X"), the kind before a list ("behemoths like
 *    X"), and the type of the names a name is listed with. Inside
 *    evidence outweighs context; a name's type in a document is the
 *    weighted vote of its occurrences. Words of a known name count as
 *    uncommon: a run of common words alone (Supreme Court) needs a head
 *    word, a single word needs context, and a run with nothing is no
 *    entity.
 * 4. The longest name wins: the gazetteer matches inside a typed run are
 *    fragments and are dropped (British Airways, Gulf of Mexico, Abbas
 *    Kamel). A run the gazetteers match whole is theirs. A run without
 *    evidence leaves the matches inside it alone.
 * 5. The document: a bare surname of a person it names in full (or, for
 *    names written surname first, the first word: Lai after Lai
 *    Ching-te) is that person; an acronym it defines in brackets right
 *    after a name (the Rapid Support Forces (RSF)) names the same entity
 *    wherever it is used. Names in headline lines (capitals or Title
 *    Case) count only if the body has them or they are plainly names.
 *
 * Cost: linear in the tokens. Only capitalised words start work; a
 * token's word classes are looked up once (classify), the document's surnames
 * and names are hash tables.
 */
#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "util/fs.h"
#include "words.h"

struct eg_discoverer {
    const eg_gazetteer *g;
    eg_typemask types; /* of the names to add as mentions */
    eg_strmap lex; /* normalised word -> W_* bits: the closed classes below,
                      W_COMMON for the word list, W_GIVEN for given names;
                      one table so that a token costs one look-up */
};


/* ---- closed word classes (normalised forms) ----
 *
 * Each list is a class; a token's classes are looked up once, in one
 * hash table (lex) that also holds the word list and the given names,
 * and kept for the document (classify): scanning the lists with strcmp
 * for every word cost more than the whole matcher. */

enum {
    W_FUNC = 1u << 0,
    W_NAMECONN = 1u << 1,
    W_ORGHEAD = 1u << 2,
    W_PLACEHEAD = 1u << 3,
    W_PLACELEAD = 1u << 4,
    W_PLACEMOD = 1u << 5,
    W_ROLE = 1u << 6,
    W_SPEECH = 1u << 7,
    W_PREP = 1u << 8,
    W_PLACEAFTER = 1u << 9,
    W_ORGAFTER = 1u << 10,
    W_ORGBEFOREOF = 1u << 11,
    W_APPOSORG = 1u << 12,
    W_APPOSPLACE = 1u << 13,
    W_NEVER = 1u << 14,
    W_HYPHEN = 1u << 15,
    W_MEDIA = 1u << 16,
    W_QUANT = 1u << 17,
    W_PERSONTHING = 1u << 18,
    W_LONGPREP = 1u << 19,
    W_TITLE = 1u << 20,
    W_CALENDAR = 1u << 21,
    W_GROUP = 1u << 22,
    W_PLACEOF = 1u << 23,
    W_KINDORG = 1u << 24,
    W_KINDPLACE = 1u << 25,
    W_KINDPERSON = 1u << 26,
    W_EVENT = 1u << 27,
    W_EMPLOYEE = 1u << 28,
    W_COMMON = 1u << 29, /* in the word list, or a function word */
    W_GIVEN = 1u << 30,  /* a given name (two letters or more) */
};

/* Connectors of personal names: join two capitalised words. */
static const char *const name_connectors[] = {
    "de", "del", "della", "di", "da", "dos", "das", "do", "du", "des", "la", "le", "al", "el",
    "bin", "bint", "ibn", "van", "von", "der", "den", "ter", "ul", "ur", "zu", NULL};

/* Last (or before "of") words that make a run an organization. */
static const char *const org_heads[] = {
    "ministry", "ministries", "council", "committee", "commission", "party", "bank", "agency",
    "court", "tribunal", "union", "organization", "organisation", "association", "company",
    "corporation", "corp", "inc", "ltd", "llc", "plc", "gmbh", "ag", "nv", "group", "university",
    "institute", "academy", "college", "school", "parliament", "assembly", "congress", "senate",
    "army", "navy", "forces", "force", "police", "service", "services", "federation", "front",
    "movement", "league", "fund", "office", "department", "authority", "foundation", "network",
    "alliance", "club", "bureau", "center", "centre", "government", "cabinet", "administration",
    "secretariat", "coalition", "brigade", "brigades", "battalion", "regiment", "militia",
    "guard", "guards", "corps", "command", "church", "trust", "board", "directorate", "airlines",
    "airways", "holding", "holdings", "exchange", "initiative", "industries",
    "technologies", "systems", "partners", "ventures", "labs", "laboratories", "pharmaceuticals",
    "entertainment", "studios", "pictures", "records", "communications", "motors", "hospital",
    "clinic", "society", "watch", "international", "institution", "fc", "cf", "united",
    "athletic", "rovers", "wanderers", "hotspur", "albion", "news", "times", "post", "press",
    "television", "tv", "radio", "journal", "herald", "tribune", "gazette", "media",
    "mission", "caucus", "synod", "consortium", "cartel", "gang", "brotherhood",
    "secretariat", "telecom", "petroleum", "energies", "mining", "steel", "airline",
    "bancorp", "capital", "securities", "insurance", "reserve", "bros", "brothers", "tribe",
    "sons", "co",
    NULL};

/* Lower-case words after a hyphen that make an adjective of a name
 * (Kyiv-based, Iran-backed), for when no word list says they are words. */
static const char *const hyphen_words[] = {
    "based", "backed", "led", "born", "held", "controlled", "owned", "run", "made", "style",
    "era", "linked", "aligned", "allied", "funded", "friendly", "bound", "wide", "speaking",
    "born", "related", "focused", "listed", "registered", "flagged", NULL};

/* Heads of newspapers and channels: a name only with a word of its own
 * (Kyiv Post, not Hot News). */
static const char *const media_heads[] = {"news", "times", "post", "press", "television",
                                          "tv", "radio", "journal", "herald", "tribune",
                                          "gazette", "media", "daily", NULL};

/* Words that open phrases of common words, never names of them. */
static const char *const quantifiers[] = {
    "one", "two", "three", "four", "five", "first", "second", "third", "last", "next", "every",
    "each", "all", "some", "any", "this", "that", "these", "those", "our", "their", "its",
    "his", "her", "my", "your", "no", "more", "most", "other", "another", "many", "several",
    NULL};

/* Last words that make a run a place. */
static const char *const place_heads[] = {
    "province", "region", "county", "district", "oblast", "krai", "governorate", "prefecture",
    "municipality", "okrug", "city", "town", "village", "island", "islands", "isles", "river",
    "lake", "sea", "ocean", "gulf", "bay", "strait", "straits", "peninsula", "desert",
    "mountains", "mountain", "hills", "valley", "plain", "plains", "plateau", "basin", "delta",
    "coast", "shoal", "reef", "canal", "dam", "airport", "airbase", "airfield", "base", "port",
    "harbour", "harbor", "bridge", "station", "square", "street", "avenue", "road", "boulevard",
    "highway", "park", "stadium", "arena", "camp", "prison", "mine", "oasis", "corridor",
    "crossing", "checkpoint", "pass", "cape", "forest", "falls", "heights", "strip", "territory",
    "territories", "canton", "county", "parish", "borough", "quarter", "refinery", "cathedral",
    "mosque", "temple", "drive", "lane", "terrace", "circuit", "racecourse", "speedway", "pipeline", "tunnel",
    "hotel", "palace", "castle", "museum", "gallery", "ave", "blvd", NULL};

/* First words that make a run a place (Mount Everest, Lake Chad). */
static const char *const place_leads[] = {"mount", "mt", "lake", "cape", "fort", "port", "gulf",
                                          "bay", "sea", "strait", "isle", "isla", "camp",
                                          "lac", "rio", "palais", "rue", "plaza", "piazza",
                                          "avenida", NULL};

/* Words before a known place that make another place (New Taipei). */
static const char *const place_modifiers[] = {
    "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "upper", "lower", "greater", "central", "old", "little", "great", "northeast", "northwest",
    "southeast", "southwest", NULL};

/* Lower-case role nouns written before a personal name, besides titles. */
static const char *const roles[] = {
    "coach", "manager", "striker", "forward", "midfielder", "defender", "goalkeeper", "actor",
    "actress", "singer", "rapper", "star", "analyst", "economist", "lawyer", "attorney",
    "counsel", "researcher", "scientist", "officer", "executive", "boss", "artist", "writer",
    "novelist", "poet", "filmmaker", "producer", "candidate", "activist", "businessman",
    "businesswoman", "billionaire", "tycoon", "entrepreneur", "investor", "banker", "diplomat",
    "official", "commissioner", "inspector", "detective", "sheriff", "pastor", "priest",
    "cleric", "comedian", "presenter", "anchor", "player", "champion", "athlete", "teammate",
    "son", "daughter", "wife", "husband", "brother", "sister", "mother", "father", "widow",
    "nephew", "niece", "grandson", "granddaughter", "mp", "spokesman", "spokeswoman",
    "spokesperson", "duke", "duchess", "earl", "baron", "baroness", "strategist", "professor",
    "historian", "economist", "designer", "architect", "pilot", "survivor", "witness",
    "victim", "resident", "residents", "opponent", "rival", "successor", "predecessor",
    "colleague", "counterpart", "aide", "adviser", "advisor", "envoy", "negotiator", "dissident", "blogger",
    "veteran", "defendant", "plaintiff", "suspect", "lawmaker", "legislator", "congressman",
    "congresswoman", "chairman", "chairwoman", "ceo", "cfo", "founder", "co-founder", NULL};

/* Singular roles after a name and before a person's, that make the
 * first name an employer: "Haas driver Nico Hulkenberg", "Zentrix chief
 * executive Ann Lee". */
static const char *const employee_roles[] = {
    "driver", "striker", "midfielder", "defender", "goalkeeper", "winger", "coach", "manager",
    "boss", "chief", "ceo", "cfo", "executive", "engineer", "economist", "analyst",
    "spokesperson", "spokesman", "spokeswoman", "chairman", "chairwoman", "founder", "owner",
    "captain", "rider", "employee", "president", "director", "researcher", NULL};

/* Heads of bodies only before "of": the House of Representatives, the
 * Chamber of Commerce (but Chatham House is a building). */
static const char *const heads_before_of[] = {"house", "chamber", "office",
                                             "congregation", NULL};

/* Acronyms after "the" that name no body: "the CEO said". */
static const char *const common_acronyms[] = {
    "ceo", "cfo", "coo", "cto", "gdp", "gnp", "ipo", "ai", "pc", "tv", "dna", "rna", "hiv",
    "aids", "covid", "sars", "mers", "vat", "nft", "etf", "usb", "gps", "atm", "suv", "ev",
    "pm", "mp", "mps", "dj", "mc", "mvp", "cpi", "pmi", "api", "url", "faq", "ok", "id", "iq",
    "lng", "co2", "uv", "ufo", "hq", "rsvp", "asap", "diy", "vip", "phd", "mba", "gop", "er",
    "icu", "ppe", "pr", "hr", "it", "os", "ui", "ux", "vr", "ar", "nb", "ps", "am", "pm",
    NULL};

/* Verbs after a subject: "the FAA has", "the FAA will". */
static const char *const auxiliaries[] = {"has", "had", "have", "will", "would", "could",
                                          "should", "may", "might", "must", "can", "did",
                                          "does", "do", "is", "was", "are", "were", NULL};

/* Lower-case words before a noun of places, and those nouns: "the Askar
 * refugee camp", "the Rumaila oil field". */
static const char *const site_kinds[] = {"oil", "gas", "refugee", "military", "air", "naval",
                                         "nuclear", "power", "army", "training", "detention",
                                         "prison", "coal", "gold", "copper", NULL};
static const char *const sites[] = {"pipeline", "field", "fields", "camp", "base", "plant",
                                    "station", "facility", "site", "terminal", "mine", NULL};

/* Verbs of speech after a personal name. */
static const char *const speech[] = {
    "said", "says", "told", "asked", "added", "replied", "wrote", "argued", "insisted",
    "recalled", "noted", "warned", "explained", "stated", "announced", "confirmed", "denied",
    "tweeted", "posted", "acknowledged", "admitted", "claimed", "stressed", "urged",
    "testified", "commented", "remarked", "continued", "concluded",
    /* and what people do more often than anything else named */
    "won", "scored", "met", "visited", "resigned", "died", "married", "played", "starred",
    "directed", "joined", "graduated", "testified", "pleaded", "smiled", "laughed", NULL};

/* Prepositions before a place. */
static const char *const place_preps[] = {"in", "near", "outside", "across", "around",
                                          "towards", "toward", "inside", NULL};

/* Lower-case words after a name that make it a place. */
static const char *const place_after[] = {
    "province", "region", "district", "county", "city", "town", "village", "area",
    "governorate", "oblast", "island", "river", "port", "municipality", "prefecture",
    "state", NULL};

/* Lower-case words after a name that make it an organization. */
static const char *const org_after[] = {
    "spokesperson", "spokesman", "spokeswoman", "shares", "stock", "stocks", "shareholders",
    "executives", "employees", "fighters", "militants", "chief", "chairman", "ceo",
    "subsidiary", "headquarters", "lawmakers", "members", "boss", "bosses", "founder",
    "investors", "drivers", "fans", "supporters", "customers", "staff", "engineers",
    "stake", "stores", "brand", NULL};

/* Lower-case words before "of" / "for" then a name that make it an
 * organization: "chief executive of X", "a spokesperson for X". */
static const char *const org_before_of[] = {
    "spokesperson", "spokesman", "spokeswoman", "executive", "ceo", "chairman", "shares",
    "members", "member", "subsidiary", "unit", "founder", "president", "director", "head",
    "leader", "leaders", "stake", NULL};

/* Apposition nouns: "X, a militia", "X, the country's largest bank". */
static const char *const appos_org[] = {
    "group", "company", "firm", "party", "agency", "organisation", "organization", "militia",
    "bank", "maker", "manufacturer", "carrier", "airline", "union", "charity", "startup",
    "retailer", "insurer", "lender", "producer", "operator", "developer", "club", "team",
    "paramilitary", "movement", "network", "coalition", "alliance", "watchdog", "regulator",
    "ministry", "body", "court", "conglomerate", "giant", "automaker", "chipmaker", NULL};
static const char *const appos_place[] = {"city", "town", "village", "province", "region",
                                          "district", "capital", "port", "island", "county",
                                          "state", NULL};

/* Words that are never part of a name even when capitalised mid-line:
 * abbreviations of time and measure. */
static const char *const never_names[] = {"am", "pm", "gmt", "utc", "est", "edt", "pst", "et",
                                          "bst", "cet", "no", "vs", NULL};

/* Prepositions of four letters or more, written in lower case in Title
 * Case headlines. */
static const char *const long_preps[] = {
    "with", "from", "into", "over", "after", "amid", "about", "than", "onto", "upon",
    "without", "against", "during", "before", "under", "between", "through", "across",
    "despite", "toward", "towards", "behind", "near", "says", "said", NULL};

/* Function words, for when no word list is loaded. */
static const char *const function_words[] = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "this", "that", "these", "those",
    "he", "she", "it", "they", "we", "i", "you", "as", "after", "before", "for", "with", "by",
    "from", "if", "when", "while", "his", "her", "its", "their", "our", "there", "then", "of",
    "to", "is", "was", "are", "were", "not", "no", "so", "what", "who", "why", "how", "both",
    "either", "neither", "each", "every", "all", "some", "many", "most", "several", "few", NULL};

/* Heads that after a person's name make no other name. */
static const char *const person_things[] = {"cabinet", "camp", "team", "era", "presidency",
                                            "campaign", NULL};

/* Nouns before "of" and a place: "the towns of Toretsk". */
static const char *const place_of[] = {
    "town", "towns", "city", "cities", "village", "villages", "province", "provinces", "region",
    "regions", "district", "districts", "state", "states", "island", "islands", "port",
    "suburb", "suburbs", "outskirts", "county", "counties", "capital", "municipality",
    "municipalities", "department", "commune", "prefecture", "governorate", "oblast", "canton",
    "neighbourhood", "neighborhood", "settlement", "hamlet", "stronghold", "strongholds",
    "enclave", "outpost", NULL};

/* Plural nouns before "like", "such as" or "including" and a list. */
static const char *const kind_org[] = {
    "firms", "companies", "giants", "behemoths", "groups", "banks", "brands", "retailers",
    "carriers", "airlines", "automakers", "carmakers", "insurers", "lenders", "rivals",
    "platforms", "startups", "parties", "agencies", "organisations", "organizations", "clubs",
    "teams", "outlets", "chains", "studios", "manufacturers", "makers", "conglomerates",
    "militias", "charities", "universities", "institutions", "businesses", "corporations",
    "broadcasters", "publishers", "miners", "producers", "suppliers", "exchanges", NULL};
static const char *const kind_place[] = {
    "cities", "towns", "countries", "regions", "provinces", "states", "villages", "islands",
    "areas", "destinations", "capitals", "ports", "nations", NULL};
static const char *const kind_person[] = {
    "stars", "leaders", "directors", "players", "actors", "actresses", "singers", "artists",
    "politicians", "figures", "celebrities", "filmmakers", "writers", "authors", "athletes",
    "executives", "officials", "ministers", "lawmakers", "senators", "candidates", NULL};

/* Common words for groups of people, whose possessive may stay inside a
 * name (People's Party, Women's Hospital). */
static const char *const groups[] = {"people", "children", "women", "men", NULL};

/* Last words of the names of events, laws and awards: none of the four
 * types (the Napoleonic Wars, the Defense Appropriation Act). */
static const char *const event_heads[] = {
    "war", "wars", "revolution", "act", "treaty", "accord", "accords", "prize", "award",
    "awards", "olympics", "games", "cup", "championship", "championships", "festival",
    "election", "elections", "crisis", "uprising", "massacre", "battle", "tournament",
    "open", "marathon", "derby", "doctrine", "amendment", NULL};

static const struct {
    const char *const *list;
    uint32_t bit;
} class_lists[] = {
    {function_words, W_FUNC},     {name_connectors, W_NAMECONN}, {org_heads, W_ORGHEAD},
    {place_heads, W_PLACEHEAD},   {place_leads, W_PLACELEAD},    {place_modifiers, W_PLACEMOD},
    {roles, W_ROLE},              {speech, W_SPEECH},            {place_preps, W_PREP},
    {place_after, W_PLACEAFTER},  {org_after, W_ORGAFTER},       {org_before_of, W_ORGBEFOREOF},
    {appos_org, W_APPOSORG},      {appos_place, W_APPOSPLACE},   {never_names, W_NEVER},
    {hyphen_words, W_HYPHEN},     {media_heads, W_MEDIA},        {quantifiers, W_QUANT},
    {person_things, W_PERSONTHING}, {long_preps, W_LONGPREP},    {groups, W_GROUP},
    {place_of, W_PLACEOF},        {kind_org, W_KINDORG},         {kind_place, W_KINDPLACE},
    {kind_person, W_KINDPERSON},  {event_heads, W_EVENT},        {employee_roles, W_EMPLOYEE},
};

/* Adds the closed classes and the word list to d->lex; 0 or -1 when out
 * of memory. */
static int build_lex(eg_discoverer *d)
{
    size_t nl = sizeof class_lists / sizeof class_lists[0];
    for (size_t l = 0; l <= nl + 1; l++) {
        const char *const *list = l < nl    ? class_lists[l].list
                                  : l == nl ? eg_title_words()
                                            : eg_calendar_words();
        uint32_t bit = l < nl ? class_lists[l].bit : l == nl ? W_TITLE : W_CALENDAR;
        for (; *list; list++)
            if (eg_strmap_or(&d->lex, *list, strlen(*list), bit) < 0)
                return -1;
    }
    for (size_t e = 0; e < d->g->common.n; e++) {
        size_t kl;
        const char *k = eg_strmap_key(&d->g->common, e, &kl);
        if (eg_strmap_or(&d->lex, k, kl, W_COMMON) < 0)
            return -1;
    }
    return 0;
}

/* ---- setup ---- */

int eg_discoverer_add_given(eg_discoverer *d, const char *data, size_t len)
{
    eg_buf w = EG_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - data) : len, n = e - i;
        if (n && data[i + n - 1] == '\r')
            n--;
        if (n > 0 && n < 64 && !memchr(data + i, '\0', n)) {
            eg_buf_clear(&w);
            rc = eg_normalize(&w, data + i, n);
            if (rc == 0 && w.len > 0 && eg_strmap_or(&d->lex, w.data, w.len, W_GIVEN) < 0)
                rc = -1;
        }
        i = e + 1;
    }
    eg_buf_free(&w);
    return rc;
}

eg_status eg_discoverer_new(const eg_gazetteer *g, eg_typemask types, const char *given_names,
                            eg_discoverer **out, eg_error *err)
{
    eg_discoverer *d = calloc(1, sizeof *d);
    if (!d)
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    d->g = g;
    d->types = types;
    eg_strmap_init(&d->lex);
    if (build_lex(d) != 0) {
        eg_discoverer_free(d);
        return eg_error_add(err, EG_ENOMEM, "out of memory");
    }
    if (given_names) {
        eg_buf b = EG_BUF_INIT;
        eg_status st = eg_read_all(given_names, NULL, (size_t)64 << 20, &b, err);
        if (st == EG_OK && eg_discoverer_add_given(d, b.data ? b.data : "", b.len) != 0)
            st = eg_error_add(err, EG_ENOMEM, "out of memory");
        eg_buf_free(&b);
        if (st != EG_OK) {
            eg_discoverer_free(d);
            return st;
        }
    }
    *out = d;
    return EG_OK;
}

void eg_discoverer_free(eg_discoverer *d)
{
    if (!d)
        return;
    eg_strmap_free(&d->lex);
    free(d);
}

void eg_found_init(eg_found *f)
{
    memset(f, 0, sizeof *f);
    eg_strmap_init(&f->index);
    eg_strmap_init(&f->acro);
    eg_strmap_init(&f->surnames);
    eg_strmap_init(&f->shared);
}

void eg_found_free(eg_found *f)
{
    free(f->name);
    free(f->occ);
    eg_buf_free(&f->pool);
    eg_strmap_free(&f->index);
    eg_strmap_free(&f->acro);
    eg_strmap_free(&f->surnames);
    eg_strmap_free(&f->shared);
    free(f->state);
    free(f->headline);
    free(f->match);
    free(f->wcls);
    memset(f, 0, sizeof *f);
}

void eg_evidence_names(unsigned bits, char *buf, size_t n)
{
    static const char *const names[EG_EV_COUNT] = {
        "head", "given-name", "title", "speech", "apposition", "preposition",
        "place-context", "organization-context", "document", "surname", "acronym",
        "place-modifier", "coordination"};
    size_t o = 0;
    if (n)
        buf[0] = '\0';
    for (int i = 0; i < EG_EV_COUNT; i++) {
        if (!(bits >> i & 1))
            continue;
        int w = snprintf(buf + o, n > o ? n - o : 0, "%s%s", o ? "," : "", names[i]);
        if (w < 0 || (size_t)w >= (n > o ? n - o : 0))
            return;
        o += (size_t)w;
    }
}

/* ---- per-document context ---- */

/* Token states. */
enum {
    T_FREE = 0,   /* no gazetteer match here */
    T_KNOWN,      /* inside a gazetteer match */
    T_DEMONYM,    /* a match through demonyms only: Russian */
    T_OUT         /* not looked at: a sentence in capitals, glued words */
};

/* Gaps between tokens. */
enum { G_BREAK = 0, G_SPACE, G_HYPHEN, G_DOT, G_AMP };

typedef struct {
    const eg_discoverer *d;
    const eg_text *t;
    const char *data;
    size_t len;
    eg_matches *raw;
    eg_found *f;
    uint32_t *match;   /* per token: raw match index + 1, or 0 (f's scratch) */
    uint8_t *headline; /* per token: in a headline line (in_headline) */
    uint32_t *wcls;    /* per token: W_* bits (classify) */
} ctx;

static const char *norm(const ctx *c, uint32_t i)
{
    return eg_token_norm(c->t, &c->t->tok[i]);
}

/* Token i's word classes (mark looks them up for every token). */
static uint32_t wc(const ctx *c, uint32_t i)
{
    return c->wcls[i];
}

/* Looks up the classes of every token, 64 at a time: the slots of a
 * block are prefetched before they are read, so the misses of a large
 * table overlap (looking up only the tokens asked about, one by one,
 * cost twice as much). */
static void classify(ctx *c)
{
    const eg_text *t = c->t;
    const eg_strmap *lex = &c->d->lex;
    const uint64_t *hs = c->raw->hash;
    for (size_t i0 = 0; i0 < t->ntok; i0 += 64) {
        size_t nb = t->ntok - i0 < 64 ? t->ntok - i0 : 64;
        for (size_t k = 0; k < nb; k++)
            eg_strmap_prefetch(lex, hs[i0 + k]);
        for (size_t k = 0; k < nb; k++) {
            const eg_token *tk = &t->tok[i0 + k];
            uint32_t v = 0;
            eg_strmap_get_hashed(lex, eg_token_norm(t, tk), tk->norm_len, hs[i0 + k], &v);
            if (v & W_FUNC)
                v |= W_COMMON;
            if (tk->nletters < 2)
                v &= ~(uint32_t)W_GIVEN; /* a given name has two letters */
            c->wcls[i0 + k] = v;
        }
    }
}

/* Whether token i is in any of the classes of mask. */
static int is(const ctx *c, uint32_t i, uint32_t mask)
{
    return (wc(c, i) & mask) != 0;
}


static int common(const ctx *c, uint32_t i)
{
    return is(c, i, W_COMMON);
}

static int is_given(const ctx *c, uint32_t i)
{
    return is(c, i, W_GIVEN);
}

static int capital(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    return k->nletters > 0 && (k->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS));
}

static int allcaps(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    return (k->flags & EG_TOK_ALLCAPS) && k->nletters >= 2;
}

/* A capital after a small letter twice (HomeWorldAsia); McDonald once. */
static int glued_words(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    int humps = 0;
    for (uint32_t p = k->start + 1; p < k->end; p++)
        humps += c->data[p] >= 'A' && c->data[p] <= 'Z' && c->data[p - 1] >= 'a' &&
                 c->data[p - 1] <= 'z';
    return humps >= 2;
}

/* A capital after a small letter, not after a prefix of surnames
 * (McDonald, MacLeod, DeSantis, LaGuardia, DiMaggio, VanderBilt). */
static int camel(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    static const char *const prefixes[] = {"Mc", "Mac", "De", "La", "Le", "Di", "Da", "Du",
                                           "Van", "Von", "Fitz", NULL};
    for (uint32_t p = k->start + 1; p < k->end; p++) {
        if (!(c->data[p] >= 'A' && c->data[p] <= 'Z' && c->data[p - 1] >= 'a' &&
              c->data[p - 1] <= 'z'))
            continue;
        int prefix = 0;
        for (const char *const *q = prefixes; *q && !prefix; q++)
            prefix = strlen(*q) == p - k->start && memcmp(c->data + k->start, *q, strlen(*q)) == 0;
        if (!prefix)
            return 1;
    }
    return 0;
}

static int title_word(const ctx *c, uint32_t i)
{
    return is(c, i, W_TITLE) && strcmp(norm(c, i), "by") != 0;
}

/* A capitalised token that may be a word of a name. */
static int name_word(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    /* a single letter is an initial only with its dot (not "in Toronto I
     * have") */
    if (k->nletters == 1 && !(k->flags & EG_TOK_DOTTED) &&
        !(k->end < c->len && c->data[k->end] == '.'))
        return 0;
    return capital(c, i) && c->f->state[i] != T_OUT && !(k->flags & EG_TOK_CONTR) &&
           !is(c, i, W_CALENDAR | W_NEVER);
}

/* The gap between tokens i-1 and i. */
static int gap(const ctx *c, uint32_t i)
{
    const eg_token *p = &c->t->tok[i - 1], *k = &c->t->tok[i];
    if (p->sentence != k->sentence)
        return G_BREAK;
    const char *s = c->data + p->end, *e = c->data + k->start;
    if (p->flags & EG_TOK_POSS) {
        /* skip the 's or ' (either apostrophe) that ended p */
        if (s < e && *s == '\'')
            s++;
        else if (e - s >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)
            s += 3;
        if (s < e && (*s == 's' || *s == 'S'))
            s++;
    }
    if (e - s == 1 && *s == '-')
        return G_HYPHEN;
    int dot = 0, amp = 0, nl = 0, sp = 0;
    for (const char *q = s; q < e; q++) {
        if (*q == ' ' || *q == '\t')
            sp++;
        else if (*q == '\n')
            nl++;
        else if (*q == '\r')
            ;
        else if (*q == '.' && q == s)
            dot = 1;
        else if (*q == '&' && !amp)
            amp = 1;
        else if ((unsigned char)*q == 0xC2 && q + 1 < e && (unsigned char)q[1] == 0xA0)
            q++, sp++; /* no-break space */
        else
            return G_BREAK;
    }
    if (nl > 1)
        return G_BREAK;
    if (amp)
        return sp >= 1 && !dot ? G_AMP : G_BREAK;
    if (dot) {
        /* an initial (George W. Bush) or an abbreviated title (Gen.) */
        const char *w = norm(c, i - 1);
        int abbrev = (p->nletters == 1 && (p->flags & EG_TOK_CAP)) || title_word(c, i - 1) ||
                     strcmp(w, "st") == 0 || strcmp(w, "mt") == 0 || strcmp(w, "ft") == 0;
        return abbrev && (sp || nl) ? G_DOT : G_BREAK;
    }
    return sp || nl ? G_SPACE : G_BREAK;
}

/* ---- marking ---- */

static eg_status mark(ctx *c, eg_error *err)
{
    const eg_text *t = c->t;
    eg_found *f = c->f;
    size_t n = t->ntok ? t->ntok : 1;
    if (n > f->scratch_cap) {
        /* the arrays grow together; each is kept when a later one fails */
        size_t cap = n + n / 2;
        uint8_t *st = realloc(f->state, cap), *hl = st ? realloc(f->headline, cap) : NULL;
        if (st)
            f->state = st;
        if (hl)
            f->headline = hl;
        uint32_t *m = hl ? realloc(f->match, cap * sizeof *m) : NULL;
        if (m)
            f->match = m;
        uint32_t *w = m ? realloc(f->wcls, cap * sizeof *w) : NULL;
        if (w)
            f->wcls = w;
        if (!w)
            return eg_error_add(err, EG_ENOMEM, "out of memory");
        f->scratch_cap = cap;
    }
    c->match = f->match;
    c->headline = f->headline;
    c->wcls = f->wcls;
    classify(c);
    memset(f->state, T_FREE, n);
    memset(c->match, 0, n * sizeof *c->match);
    memset(c->headline, 0, n); /* found out line by line, when asked: in_headline */
    for (size_t i = 0; i < c->raw->n; i++) {
        const eg_raw_mention *m = &c->raw->m[i];
        int demonym = 1;
        for (uint32_t k = 0; k < m->ncand; k++)
            demonym &= c->raw->cand[m->cand + k].demonym;
        for (uint32_t k = m->tok_start; k < m->tok_end; k++) {
            f->state[k] = demonym ? T_DEMONYM : T_KNOWN;
            c->match[k] = (uint32_t)i + 1;
        }
    }
    for (size_t i = 0; i < t->ntok; i++)
        if (t->sent[t->tok[i].sentence].caps ||
            ((t->tok[i].flags & EG_TOK_CAP) && glued_words(c, (uint32_t)i)))
            f->state[i] = T_OUT;
    return EG_OK;
}

/* Whether token a is in a headline line: capitalised common words of
 * four letters or more (past a sentence's first), and next to no
 * lower-case word of that length but prepositions (Brussels Airlines
 * Announces Flights to Montreal; not "won the race at the Lusail
 * International Circuit"). Worked out for a whole line at once, the first
 * time a token of it asks (c->headline: 0 not yet, 1 no, 2 yes). */
static int in_headline(ctx *c, uint32_t a)
{
    const eg_text *t = c->t;
    if (c->headline[a])
        return c->headline[a] == 2;
    size_t i = a, j = a + 1;
    while (i > 0 && !memchr(c->data + t->tok[i - 1].end, '\n', t->tok[i].start - t->tok[i - 1].end))
        i--;
    while (j < t->ntok &&
           !memchr(c->data + t->tok[j - 1].end, '\n', t->tok[j].start - t->tok[j - 1].end))
        j++;
    /* by the flags alone first: a line of prose has more lower-case
     * words than a headline could, whatever their classes */
    size_t lower = 0, caps = 0, capitals = 0, lowers = 0;
    for (size_t k = i; k < j; k++) {
        const eg_token *tk = &t->tok[k];
        if (tk->nletters < 4 || (tk->flags & (EG_TOK_ALLCAPS | EG_TOK_SSTART)))
            continue;
        capitals += (tk->flags & EG_TOK_CAP) != 0;
        lowers += !(tk->flags & EG_TOK_CAP);
    }
    /* at most a sixth of prepositions, with every capitalised word common */
    if (capitals < 2 || lowers > capitals + 6 * capitals) {
        memset(c->headline + i, 1, j - i);
        return 0;
    }
    for (size_t k = i; k < j; k++) {
        const eg_token *tk = &t->tok[k];
        caps += tk->nletters >= 4 && (tk->flags & EG_TOK_CAP) &&
                !(tk->flags & (EG_TOK_ALLCAPS | EG_TOK_SSTART)) && common(c, (uint32_t)k);
    }
    for (size_t k = i; k < j && caps >= 2 && lower * 6 <= caps; k++) {
        const eg_token *tk = &t->tok[k];
        lower += tk->nletters >= 4 && !(tk->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS)) &&
                 !is(c, (uint32_t)k, W_LONGPREP);
    }
    /* a line that goes on with a sentence of the line before, or ends
     * with a full stop, is prose */
    size_t e = t->tok[j - 1].end;
    while (e < c->len && (c->data[e] == '"' || c->data[e] == '\'' || c->data[e] == ')'))
        e++;
    int stop = e < c->len && c->data[e] == '.';
    int yes = caps >= 2 && lower * 6 <= caps && (t->tok[i].flags & EG_TOK_SSTART) && !stop;
    memset(c->headline + i, yes ? 2 : 1, j - i);
    return yes;
}

/* ---- runs ---- */

/* Whether w is in list: for the few words only looked at after a
 * candidate (the per-token classes have no bit left). */
static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}


static int head_of(const ctx *c, uint32_t i, uint32_t cls)
{
    return is(c, i, cls);
}

static int any_head(const ctx *c, uint32_t i)
{
    return is(c, i, W_ORGHEAD | W_PLACEHEAD);
}

/* Whether the lower-case token i joins the run ending at i-1 to a name
 * word at i+1 (or i+2 for "of the"). Returns the tokens it takes. */
static uint32_t connector(const ctx *c, uint32_t i, uint32_t run_start)
{
    const eg_text *t = c->t;
    if (i + 1 >= t->ntok || capital(c, i) || c->f->state[i] != T_FREE)
        return 0;
    const char *w = norm(c, i);
    int g1 = gap(c, i), g2 = gap(c, i + 1);
    if ((g1 != G_SPACE && g1 != G_HYPHEN) || (g2 != G_SPACE && g2 != G_HYPHEN))
        return 0;
    if (is(c, i, W_NAMECONN))
        return name_word(c, i + 1) ? 1 : 0;
    if (strcmp(w, "and") == 0) {
        /* "Bureau of Industry and Security", "Department of Health and
         * Human Services": common words on both sides, after an "of" */
        int of = 0;
        for (uint32_t k = run_start; k < i && !of; k++)
            of = !capital(c, k) && strcmp(norm(c, k), "of") == 0;
        if (!(capital(c, i - 1) && c->f->state[i - 1] == T_FREE && name_word(c, i + 1) &&
              c->f->state[i + 1] == T_FREE))
            return 0;
        if (of && common(c, i - 1) && common(c, i + 1))
            return 1;
        /* "the Belt and Road Forum", "Food and Drug Administration": the
         * words after it run on to a head word */
        uint32_t k = i + 1;
        while (k + 1 < t->ntok && k < i + 4 && gap(c, k + 1) == G_SPACE && name_word(c, k + 1))
            k++;
        return k > i + 1 && any_head(c, k) && c->f->state[k] == T_FREE ? 1 : 0;
    }
    if (strcmp(w, "of") == 0 || strcmp(w, "for") == 0) {
        /* right after the head or title: Bank of England, Minister of
         * Foreign Affairs; not Mrs. Geraldine Thompson of Red Bank */
        int head = i > run_start && (any_head(c, i - 1) || title_word(c, i - 1) ||
                                     in_list(norm(c, i - 1), heads_before_of));
        /* or in a name that already has one: National Association of
         * Schools of Art */
        for (uint32_t k = run_start + 1; k + 1 < i && !head; k++)
            head = !capital(c, k) && strcmp(norm(c, k), "of") == 0 && any_head(c, k - 1);
        if (!head)
            return 0;
        if (name_word(c, i + 1))
            return 1;
        if (strcmp(norm(c, i + 1), "the") == 0 && i + 2 < t->ntok && gap(c, i + 2) == G_SPACE &&
            name_word(c, i + 2))
            return 2;
    }
    return 0;
}

/* A word of four letters or more in capitals that no gazetteer knows:
 * in mixed-case text, a tag (LIVE, EXCLUSIVE), not part of a name. */
static int shouting(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    return (k->flags & EG_TOK_ALLCAPS) && k->nletters >= 4 && c->f->state[i] == T_FREE &&
           !c->t->sent[k->sentence].caps;
}

/* Whether the possessive token i belongs inside a name: a common word
 * for a group of people ("People's Party", "Airline Pilots' Association",
 * "Women's Hospital"), not a name's owner ("Snow's"). */
static int group_possessive(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    if (c->f->state[i] != T_FREE || !common(c, i))
        return 0;
    /* a plural possessive: the apostrophe right after an s */
    int plural = k->end < c->len && (c->data[k->end] == '\'' ||
                                     (unsigned char)c->data[k->end] == 0xE2) &&
                 k->end > k->start && (c->data[k->end - 1] == 's' || c->data[k->end - 1] == 'S') &&
                 !(k->end + 1 < c->len && (c->data[k->end + 1] == 's'));
    return plural || is(c, i, W_GROUP);
}

/* The end of the run starting at token a. */
static uint32_t run_end(const ctx *c, uint32_t a)
{
    const eg_text *t = c->t;
    uint32_t b = a + 1;
    while (b < t->ntok) {
        int g = gap(c, b);
        if (g == G_BREAK)
            break;
        const eg_token *p = &t->tok[b - 1];
        if ((p->flags & EG_TOK_POSS) && !group_possessive(c, b - 1))
            break; /* Russia's Putin, Charles Snow's Lectures; but People's Party */
        /* "Greg Kinnear & John Henson" are two; "Procter & Gamble" one */
        if (g == G_AMP && b - a >= 2 && is_given(c, a))
            break;
        if (name_word(c, b)) {
            /* a tag in capitals glued to a name: "Ukraine LIVETEXT" */
            if (shouting(c, b) != shouting(c, b - 1) && capital(c, b - 1))
                break;
            b++;
            continue;
        }
        if (g == G_HYPHEN && t->tok[b].nletters > 0 && t->tok[b].nletters <= 4 &&
            !common(c, b) && !is(c, b, W_HYPHEN) && c->f->state[b] == T_FREE) {
            b++; /* Wen-je */
            continue;
        }
        uint32_t k = g == G_SPACE || g == G_HYPHEN ? connector(c, b, a) : 0;
        if (!k)
            break;
        b += k + 1;
    }
    return b;
}

/* ---- evidence ---- */

typedef struct {
    uint32_t a, b;
    uint16_t ev;
    int8_t vote;    /* the type this occurrence argues for, or -1 */
    uint8_t strong; /* the vote rests on the name itself */
    uint8_t headline;
    uint8_t weak;   /* a lone common word: only ever a surname of a person named */
    uint8_t plain;  /* common words only: typed by an apposition alone */
} cand;

static int is_connector_tok(const ctx *c, uint32_t k)
{
    return !capital(c, k);
}

/* Words of [a, b) that are not connectors. */
static uint32_t nwords(const ctx *c, uint32_t a, uint32_t b)
{
    uint32_t n = 0;
    for (uint32_t k = a; k < b; k++)
        n += !is_connector_tok(c, k) && !(k > a && gap(c, k) == G_HYPHEN);
    return n;
}

/* The index of the first non-space byte at or after p, or end. */
static size_t skip_space(const ctx *c, size_t p, size_t end)
{
    while (p < end && (c->data[p] == ' ' || c->data[p] == '\t' || c->data[p] == '\n' ||
                       c->data[p] == '\r'))
        p++;
    return p;
}

/* The apposition after [a, b): ", the Fed chair", ", a militia". */
static int apposition(const ctx *c, uint32_t b)
{
    const eg_text *t = c->t;
    if (b >= t->ntok || t->tok[b].sentence != t->tok[b - 1].sentence)
        return -1;
    size_t p = skip_space(c, t->tok[b - 1].end, t->tok[b].start);
    if (t->tok[b - 1].flags & EG_TOK_POSS)
        return -1;
    if (p >= t->tok[b].start || c->data[p] != ',')
        return -1;
    const char *w = norm(c, b);
    uint32_t k = b;
    if (strcmp(w, "who") == 0)
        return EG_PERSON;
    if (strcmp(w, "the") == 0 || strcmp(w, "a") == 0 || strcmp(w, "an") == 0 ||
        strcmp(w, "its") == 0 || strcmp(w, "his") == 0 || strcmp(w, "her") == 0 ||
        strcmp(w, "former") == 0)
        k++;
    /* the noun the phrase ends in, past possessives: "the party's
     * founder", "the country's largest bank" */
    int type = -1;
    for (uint32_t n = 0; k < t->ntok && n < 6 && t->tok[k].sentence == t->tok[b].sentence;
         k++, n++) {
        if (!(t->tok[k].flags & EG_TOK_POSS) && !(capital(c, k) && c->f->state[k] != T_FREE)) {
            if (is(c, k, W_TITLE | W_ROLE))
                type = EG_PERSON;
            else if (is(c, k, W_APPOSORG))
                type = EG_ORGANIZATION;
            else if (is(c, k, W_APPOSPLACE))
                type = EG_PLACE;
        }
        if (k + 1 < t->ntok && gap(c, k + 1) == G_BREAK)
            break;
    }
    return type;
}

/* The title phrase ending right before a: "Foreign Minister", "Gen.",
 * lower-case "president" or "striker". */
static int titled(const ctx *c, uint32_t a)
{
    if (a == 0)
        return 0;
    int g = gap(c, a);
    if (g != G_SPACE && g != G_DOT)
        return 0;
    const char *w = norm(c, a - 1);
    if (strcmp(w, "by") == 0)
        return 0; /* a byline: not evidence of anything the graph needs */
    return title_word(c, a - 1) || is(c, a - 1, W_ROLE);
}

/* Whether the word before token a is an article: what follows is no
 * person's name ("the West", "a Utah Republican who"). */
static int after_article(const ctx *c, uint32_t a)
{
    if (a == 0 || c->t->tok[a - 1].sentence != c->t->tok[a].sentence || gap(c, a) != G_SPACE)
        return 0;
    const char *w = norm(c, a - 1);
    return strcmp(w, "the") == 0 || strcmp(w, "a") == 0 || strcmp(w, "an") == 0;
}

/* Evidence from around [a, b) in the sentence. */
static void context(const ctx *c, cand *x)
{
    const eg_text *t = c->t;
    uint32_t a = x->a, b = x->b;
    int single = nwords(c, a, b) == 1;
    if (titled(c, a))
        x->ev |= EG_EV_TITLE;
    int ap = apposition(c, b);
    if (ap == EG_PERSON)
        x->ev |= EG_EV_APPOS, x->vote = x->vote < 0 ? EG_PERSON : x->vote;
    else if (ap >= 0 && x->vote < 0)
        x->ev |= EG_EV_APPOS, x->vote = (int8_t)ap;
    /* after the name, in the same sentence */
    if (b < t->ntok && t->tok[b].sentence == t->tok[b - 1].sentence && !capital(c, b)) {
        int g = gap(c, b);
        const char *w = norm(c, b);
        /* London-based; not Kurdish-held or Kenyan-born, whose first
         * part is a people or a group */
        if (g == G_HYPHEN && strcmp(w, "based") == 0)
            x->ev |= EG_EV_PLACECTX;
        else if (g == G_SPACE && !(t->tok[b - 1].flags & EG_TOK_POSS) && is(c, b, W_PLACEAFTER))
            x->ev |= EG_EV_PLACECTX;
        else if (g == G_SPACE && is(c, b, W_ORGAFTER))
            x->ev |= EG_EV_ORGCTX;
        else if (g == G_SPACE && !(t->tok[b - 1].flags & EG_TOK_POSS) &&
                 (is(c, b, W_SPEECH) || strcmp(w, "who") == 0) && !after_article(c, a))
            x->ev |= EG_EV_SPEECH; /* not "the Corcoran Gallery who" */
        else if (g == G_SPACE && in_list(w, site_kinds) && b + 1 < t->ntok &&
                 gap(c, b + 1) == G_SPACE && in_list(norm(c, b + 1), sites))
            x->ev |= EG_EV_PLACECTX;
        else if (g == G_SPACE && is(c, b, W_EMPLOYEE) && !(t->tok[b - 1].flags & EG_TOK_POSS) &&
                 b + 1 < t->ntok && gap(c, b + 1) == G_SPACE && capital(c, b + 1) &&
                 !title_word(c, b + 1))
            x->ev |= EG_EV_ORGCTX;
        if ((t->tok[b - 1].flags & EG_TOK_POSS) && g != G_BREAK &&
            (strcmp(w, "chief") == 0 || strcmp(w, "shares") == 0 || strcmp(w, "ceo") == 0 ||
             strcmp(w, "spokesperson") == 0 || strcmp(w, "spokesman") == 0 ||
             strcmp(w, "board") == 0 || strcmp(w, "headquarters") == 0))
            x->ev |= EG_EV_ORGCTX;
    }
    /* "the FAA's permission", "the FAA said": an acronym the text treats
     * as a subject or owner, not as a modifier ("the AI boom") */
    if (single && b == a + 1 && allcaps(c, a) && t->tok[a].nletters >= 3 &&
        t->tok[a].nletters <= 5 && t->tok[a].end - t->tok[a].start == t->tok[a].nletters &&
        after_article(c, a) && strcmp(norm(c, a - 1), "the") == 0 &&
        !t->sent[t->tok[a].sentence].caps && !in_list(norm(c, a), common_acronyms)) {
        static const char *const appos[] = {"a", "an", "the", "which", "who", "whose", NULL};
        size_t p = b < t->ntok ? skip_space(c, t->tok[a].end, t->tok[b].start) : c->len;
        int subject = (t->tok[a].flags & EG_TOK_POSS) ||
                      (b < t->ntok && gap(c, b) == G_SPACE && !capital(c, b) &&
                       (is(c, b, W_SPEECH) || in_list(norm(c, b), auxiliaries))) ||
                      (p < c->len && c->data[p] == ',' &&
                       t->tok[b].sentence == t->tok[a].sentence &&
                       skip_space(c, p + 1, t->tok[b].start) == t->tok[b].start &&
                       in_list(norm(c, b), appos));
        if (subject)
            x->ev |= EG_EV_ORGCTX;
    }
    /* "ResumeBuilder said": a word with a capital inside is a brand's */
    if (single && b == a + 1 && (x->ev & EG_EV_SPEECH) && camel(c, a))
        x->ev |= EG_EV_ORGCTX;
    /* before it */
    /* (a sentence's first word counts as lower case: "In Diedorf, ...") */
    if (a > 0 && t->tok[a - 1].sentence == t->tok[a].sentence &&
        (!capital(c, a - 1) || ((t->tok[a - 1].flags & EG_TOK_SSTART) && is(c, a - 1, W_FUNC))) &&
        gap(c, a) == G_SPACE) {
        const char *w = norm(c, a - 1);
        if (is(c, a - 1, W_PREP) && !(t->tok[b - 1].flags & EG_TOK_POSS))
            x->ev |= EG_EV_PREP;
        if ((strcmp(w, "of") == 0 || strcmp(w, "for") == 0 || strcmp(w, "at") == 0) && a >= 2 &&
            gap(c, a - 1) == G_SPACE) {
            const char *v = norm(c, a - 2);
            if (is(c, a - 2, W_ORGBEFOREOF) && strcmp(w, "at") != 0)
                x->ev |= EG_EV_ORGCTX;
            /* "the towns of Toretsk", "the province of Zamfara" */
            if (strcmp(w, "of") == 0 && is(c, a - 2, W_PLACEOF) && !capital(c, a - 2))
                x->ev |= EG_EV_PREP;
            if (strcmp(v, "north") == 0 || strcmp(v, "south") == 0 || strcmp(v, "east") == 0 ||
                strcmp(v, "west") == 0 || strcmp(v, "northeast") == 0 ||
                strcmp(v, "northwest") == 0 || strcmp(v, "southeast") == 0 ||
                strcmp(v, "southwest") == 0 || strcmp(v, "outskirts") == 0)
                x->ev |= EG_EV_PREP;
        }
        /* "shares in X", "a stake in X" */
        if (strcmp(w, "in") == 0 && a >= 2 && gap(c, a - 1) == G_SPACE &&
            (strcmp(norm(c, a - 2), "shares") == 0 || strcmp(norm(c, a - 2), "stake") == 0 ||
             strcmp(norm(c, a - 2), "stakes") == 0 || strcmp(norm(c, a - 2), "investment") == 0))
            x->ev |= EG_EV_ORGCTX;
        if (strcmp(w, "said") == 0 && !single)
            x->ev |= EG_EV_SPEECH;
        /* "the state-owned Ecopetrol", "Iran-backed Houthis" */
        if ((strcmp(w, "owned") == 0 || strcmp(w, "run") == 0 || strcmp(w, "backed") == 0) &&
            a >= 2 && gap(c, a - 1) == G_HYPHEN)
            x->ev |= EG_EV_ORGCTX;
        /* "behemoths like Pixar", "cities such as Kherson", "stars
         * including Nanni Moretti": the kind of a list's items */
        if (strcmp(w, "like") == 0 || strcmp(w, "including") == 0 || strcmp(w, "as") == 0) {
            uint32_t k = a - 1;
            if (strcmp(w, "as") == 0 && k > 0 && strcmp(norm(c, k - 1), "such") == 0)
                k--;
            else if (strcmp(w, "as") == 0)
                k = 0;
            if (k > 0 && t->tok[k - 1].sentence == t->tok[a].sentence &&
                (!capital(c, k - 1) || (t->tok[k - 1].flags & EG_TOK_SSTART))) {
                if (is(c, k - 1, W_KINDORG))
                    x->ev |= EG_EV_ORGCTX;
                else if (is(c, k - 1, W_KINDPLACE))
                    x->ev |= EG_EV_PREP;
                else if (is(c, k - 1, W_KINDPERSON))
                    x->ev |= EG_EV_APPOS, x->vote = x->vote < 0 ? EG_PERSON : x->vote;
            }
        }
        /* "the pilots' union BeCA", "the carrier Zentro Air" */
        if (is(c, a - 1, W_APPOSORG) && !(t->tok[a - 1].flags & EG_TOK_POSS))
            x->ev |= EG_EV_ORGCTX;
    }
}

/* Evidence from the words of [a, b) themselves; sets x->vote when it
 * decides the type. */
static void inside(const ctx *c, cand *x)
{
    uint32_t a = x->a, b = x->b;
    uint32_t last = b - 1, before_of = UINT32_MAX;
    for (uint32_t k = a + 1; k < b; k++) {
        const char *w = norm(c, k);
        if (!capital(c, k) && (strcmp(w, "of") == 0 || strcmp(w, "for") == 0)) {
            before_of = k - 1;
            break;
        }
    }
    /* the last word, or the one before "of" (Bank of England), or a
     * company suffix after a comma-free name */
    uint32_t heads[2] = {last, before_of};
    for (int h = 0; h < 2 && x->vote < 0; h++) {
        uint32_t k = heads[h];
        if (k == UINT32_MAX || k < a || (k == a && b - a == 1))
            continue;
        if (head_of(c, k, W_ORGHEAD) || (h == 1 && in_list(norm(c, k), heads_before_of)))
            x->vote = EG_ORGANIZATION;
        else if (head_of(c, k, W_PLACEHEAD))
            x->vote = EG_PLACE;
    }
    if (x->vote < 0 && b - a >= 2 && head_of(c, a, W_PLACELEAD) &&
        (before_of == a || c->f->state[a] == T_FREE))
        x->vote = EG_PLACE;
    if (x->vote >= 0) {
        x->ev |= EG_EV_HEAD;
        x->strong = 1;
        return;
    }
    /* New Taipei, North Darfur: a place word before a known place */
    if (b - a == 2 && head_of(c, a, W_PLACEMOD) && c->f->state[a] == T_FREE &&
        c->f->state[a + 1] == T_KNOWN) {
        const eg_raw_mention *m = &c->raw->m[c->match[a + 1] - 1];
        int geo = m->tok_start == a + 1 && m->tok_end == b;
        for (uint32_t k = 0; k < m->ncand && geo; k++) {
            eg_type ty = c->d->g->ent[c->raw->cand[m->cand + k].entity].type;
            geo = ty == EG_PLACE || ty == EG_COUNTRY;
        }
        if (geo) {
            x->vote = EG_PLACE;
            x->ev |= EG_EV_NPLACE;
            x->strong = 1;
            return;
        }
    }
    /* a personal name: a given name first, two to four words, no
     * capitals-only word */
    uint32_t nw = nwords(c, a, b);
    if (nw >= 2 && nw <= 4 && is_given(c, a) && !allcaps(c, a)) {
        int ok = 1;
        for (uint32_t k = a; k < b && ok; k++)
            ok = !allcaps(c, k) && (capital(c, k) || is(c, k, W_NAMECONN) ||
                                    (k > a && gap(c, k) == G_HYPHEN));
        if (ok) {
            x->ev |= EG_EV_GIVEN;
            x->vote = EG_PERSON;
        }
    }
}

/* The type context argues for, when inside evidence did not decide. */
static int context_vote(const ctx *c, const cand *x)
{
    uint32_t nw = nwords(c, x->a, x->b);
    if (x->ev & (EG_EV_TITLE | EG_EV_GIVEN))
        return EG_PERSON;
    if (x->ev & EG_EV_APPOS)
        return x->vote;
    if (x->ev & EG_EV_ORGCTX)
        return EG_ORGANIZATION;
    if (x->ev & (EG_EV_PLACECTX | EG_EV_PREP))
        return EG_PLACE;
    if ((x->ev & EG_EV_SPEECH) && nw >= 2 && nw <= 4)
        return EG_PERSON;
    return -1;
}

/* ---- names of the document ---- */

static eg_status oom(eg_error *err)
{
    return eg_error_add(err, EG_ENOMEM, "out of memory while discovering names");
}

/* Appends the surface of tokens [a, b) to the pool, NUL-terminated;
 * *len gets its length. Returns its offset, or -1. */
static long put_label(ctx *c, uint32_t a, uint32_t b, size_t *len)
{
    eg_found *f = c->f;
    size_t off = f->pool.len;
    if (eg_buf_append_clean(&f->pool, c->data + c->t->tok[a].start,
                            c->t->tok[b - 1].end - c->t->tok[a].start) != 0)
        return -1;
    *len = f->pool.len - off;
    if (eg_buf_putc(&f->pool, '\0') != 0)
        return -1;
    return (long)off;
}

/* The name of key [a, b), created if new; -1 when out of memory. */
static long name_of(ctx *c, uint32_t a, uint32_t b)
{
    eg_found *f = c->f;
    const eg_text *t = c->t;
    size_t key = f->pool.len;
    for (uint32_t k = a; k < b; k++)
        if ((k > a && eg_buf_putc(&f->pool, ' ') != 0) ||
            eg_buf_append(&f->pool, norm(c, k), t->tok[k].norm_len) != 0)
            return -1;
    size_t klen = f->pool.len - key;
    if (eg_buf_putc(&f->pool, '\0') != 0)
        return -1;
    uint32_t v;
    int r = eg_strmap_put(&f->index, f->pool.data + key, klen, (uint32_t)f->nname, &v);
    if (r < 0)
        return -1;
    if (r == 0) {
        /* seen: drop the key's copy; keep the longest form, the first
         * seen among equals */
        f->pool.len = key;
        f->pool.data[key] = '\0';
        eg_found_name *n = &f->name[v];
        if (t->tok[b - 1].end - t->tok[a].start > t->tok[n->lb - 1].end - t->tok[n->la].start) {
            n->la = a;
            n->lb = b;
        }
        return (long)v;
    }
    if (EG_GROW(f->name, f->name_cap, f->nname) != 0)
        return -1;
    eg_found_name *n = &f->name[f->nname];
    memset(n, 0, sizeof *n);
    n->key = (uint32_t)key;
    n->key_len = (uint32_t)klen;
    n->la = a;
    n->lb = b;
    return (long)f->nname++;
}

static int add_occ(eg_found *f, const cand *x, uint32_t name)
{
    if (EG_GROW(f->occ, f->occ_cap, f->nocc) != 0)
        return -1;
    eg_found_occ *o = &f->occ[f->nocc++];
    memset(o, 0, sizeof *o);
    o->a = x->a;
    o->b = x->b;
    o->name = name;
    o->evidence = x->ev;
    o->headline = x->headline;
    return 0;
}

/* Whether token i looks like an adjective of a people or region:
 * Asian, European, Kurdish, Congolese. */
static int adjective(const ctx *c, uint32_t i)
{
    const char *w = norm(c, i);
    size_t n = c->t->tok[i].norm_len;
    static const char *const ends[] = {"ian", "ean", "ese", "ish", "ic", NULL};
    for (const char *const *e = ends; *e; e++) {
        size_t m = strlen(*e);
        if (n >= m + 2 && memcmp(w + n - m, *e, m) == 0)
            return 1;
    }
    return 0;
}


/* Whether raw match m can name a person. */
static int person_match(const ctx *c, size_t m)
{
    const eg_raw_mention *rm = &c->raw->m[m];
    for (uint32_t k = 0; k < rm->ncand; k++)
        if (c->d->g->ent[c->raw->cand[rm->cand + k].entity].type == EG_PERSON)
            return 1;
    return 0;
}

/* Whether every candidate of raw match m is a town: a place (not a
 * country) whose prior is a population in [EG_TOWN_MIN, EG_TOWN_MAX).
 * Cities, and places ranked by a small prior instead (Washington, D.C.),
 * are what their name means even beside a person of that surname. */
static int all_towns(const ctx *c, size_t m)
{
    const eg_raw_mention *rm = &c->raw->m[m];
    for (uint32_t k = 0; k < rm->ncand; k++) {
        const eg_entity *e = &c->d->g->ent[c->raw->cand[rm->cand + k].entity];
        if (c->raw->cand[rm->cand + k].demonym || e->type != EG_PLACE || !e->has_prior ||
            e->prior < EG_TOWN_MIN || e->prior >= EG_TOWN_MAX)
            return 0;
    }
    return rm->ncand > 0;
}

/* Whether token i has a digit in it. */
static int has_digit(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    for (uint32_t p = k->start; p < k->end; p++)
        if (c->data[p] >= '0' && c->data[p] <= '9')
            return 1;
    return 0;
}

/* Whether no word of [a, b) is a common word outside known names. */
static int plain_words(const ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++)
        if (capital(c, k) && c->f->state[k] == T_FREE && common(c, k))
            return 0;
    return 1;
}

static int match_type(const ctx *c, size_t m);
static int has_digit(const ctx *c, uint32_t i);

/* Whether token i is a Roman numeral in capitals (II, XIV). */
static int roman(const ctx *c, uint32_t i)
{
    const eg_token *k = &c->t->tok[i];
    if (!(k->flags & EG_TOK_ALLCAPS))
        return 0;
    for (uint32_t p = k->start; p < k->end; p++)
        if (!strchr("IVXLC", c->data[p]))
            return 0;
    return 1;
}

/* Whether [a, b) names an event, law or award by its head word: the
 * last, or the one before "of" (the Battle of Britain; but the Board of
 * War). */
static int event(const ctx *c, uint32_t a, uint32_t b)
{
    uint32_t h = b - 1;
    /* World War II, the 2024 Summer Olympics */
    while (h > a && (has_digit(c, h) || roman(c, h)))
        h--;
    for (uint32_t k = a + 1; k < b; k++)
        if (!capital(c, k) && strcmp(norm(c, k), "of") == 0) {
            h = k - 1;
            break;
        }
    return c->f->state[h] == T_FREE && capital(c, h) && is(c, h, W_EVENT);
}

/* Records the lone common word at a as a weak candidate. */
static eg_status add_weak(ctx *c, uint32_t a, cand **cs, size_t *ncs, size_t *cap,
                         eg_error *err)
{
    if (EG_GROW(*cs, *cap, *ncs) != 0)
        return oom(err);
    cand *x = &(*cs)[(*ncs)++];
    memset(x, 0, sizeof *x);
    x->a = a;
    x->b = a + 1;
    x->vote = -1;
    x->weak = 1;
    x->headline = (uint8_t)in_headline(c, a);
    return EG_OK;
}

/* Trims the run [a, b) to the name candidates in it and records them. */
static eg_status consider(ctx *c, uint32_t a, uint32_t b, cand **cs, size_t *ncs, size_t *cap,
                          eg_error *err)
{
    const eg_text *t = c->t;
    eg_found *f = c->f;
    if (b == a + 1 && f->state[a] == T_FREE && !is(c, a, W_FUNC) &&
        t->tok[a].nletters >= 2 && common(c, a) && !title_word(c, a))
        return add_weak(c, a, cs, ncs, cap, err); /* "Stein's decision", after Sidney Stein */
    /* a common word opening the sentence: The, But, Officials; but a
     * given name that is a word too before an unknown name stays (Max
     * Verstappen, Grant Shapps) */
    while (a < b && (t->tok[a].flags & EG_TOK_SSTART) && f->state[a] == T_FREE &&
           (common(c, a) || t->tok[a].nletters < 2)) {
        if (a + 1 < b && is_given(c, a) && capital(c, a + 1) && f->state[a + 1] == T_FREE &&
            !common(c, a + 1) && !title_word(c, a) && !is(c, a + 1, W_TITLE))
            break;
        a++;
    }
    /* "The" and its kind are no part of a name the gazetteers do not
     * have (GENEVA - The World Health Organization said) */
    while (a < b && f->state[a] == T_FREE && is(c, a, W_FUNC))
        a++;
    while (a < b && !capital(c, a))
        a++;
    if (a >= b)
        return EG_OK;
    /* the last title word, not inside a known name, with a name after it */
    uint32_t title = UINT32_MAX;
    for (uint32_t k = b; k-- > a;) {
        /* a title after a given name is part of the name: Khalid
         * Shaikh Mohammed, Martin Luther King */
        if (f->state[k] == T_FREE && title_word(c, k) && capital(c, k) &&
            !(k > a && is_given(c, k - 1) && !title_word(c, k - 1))) {
            uint32_t e = k + 1;
            while (e < b && (!capital(c, e) || (f->state[e] == T_FREE && common(c, e))))
                e++;
            if (e < b && !(strcmp(norm(c, e), "jr") == 0 || strcmp(norm(c, e), "sr") == 0)) {
                title = k;
                break;
            }
        }
    }
    /* "President of the Security Council": a title and its complement,
     * whose name is the complement */
    if (title == UINT32_MAX && b - a >= 3 && f->state[a] == T_FREE && title_word(c, a) &&
        !capital(c, a + 1) && strcmp(norm(c, a + 1), "of") == 0) {
        uint32_t k = a + 2;
        if (k < b && !capital(c, k))
            k++; /* the */
        return k < b ? consider(c, k, b, cs, ncs, cap, err) : EG_OK;
    }
    int title_ev = 0;
    if (title != UINT32_MAX) {
        /* before the title: the common words of its phrase (Foreign
         * Minister), up to a head word (Supreme Court | Justice) */
        uint32_t s = title;
        while (s > a && f->state[s - 1] == T_FREE &&
               (title_word(c, s - 1) || (common(c, s - 1) && !head_of(c, s - 1, W_ORGHEAD))))
            s--;
        /* after it: "General", "of State", "of Foreign Affairs"; not a
         * given name that is also a word (Sen. Mitt Romney) */
        uint32_t e = title + 1, compl = UINT32_MAX;
        int of = 0;
        while (e < b) {
            if (!capital(c, e))
                of = 1, compl = e + 1;
            else if (!(f->state[e] == T_FREE && title_word(c, e)) &&
                     !(of && (f->state[e] != T_FREE || common(c, e))))
                break;
            e++;
        }
        if (s > a)
            EG_CHECK(consider(c, a, s, cs, ncs, cap, err));
        /* "the President of the National Assembly Yael Braun-Pivet": a
         * complement that ends in a head word names a body of its own */
        if (compl < e && f->state[e - 1] == T_FREE && any_head(c, e - 1) && e - compl >= 2)
            EG_CHECK(consider(c, compl, e, cs, ncs, cap, err));
        a = e;
        /* "President of the Quorvan Assembly Zorb Zelvo": a body's head
         * word ends the complement before a person's name */
        for (uint32_t h = a; of && h + 2 < b; h++) {
            if (f->state[h] == T_FREE && capital(c, h) && head_of(c, h, W_ORGHEAD) &&
                h > a && capital(c, h + 1) && f->state[h + 1] == T_FREE &&
                nwords(c, h + 1, b) >= 2) {
                EG_CHECK(consider(c, a, h + 1, cs, ncs, cap, err));
                a = h + 1;
                break;
            }
        }
        /* "Director for The Pot-au-Feu": after a complement one word is
         * more likely its object than a person */
        title_ev = !of || nwords(c, a, b) >= 2;
        if (a >= b)
            return EG_OK;
        /* "President of Kenya William Ruto": the known country after the
         * title phrase is not part of the name */
        while (a < b && f->state[a] != T_FREE && !is_given(c, a)) {
            uint32_t m = c->match[a];
            if (!m)
                break;
            a = c->raw->m[m - 1].tok_end;
        }
        if (a >= b)
            return EG_OK;
    }
    while (a < b && !capital(c, a))
        a++;
    while (b > a + 1 && !capital(c, b - 1) && gap(c, b - 1) != G_HYPHEN)
        b--;
    if (a >= b)
        return EG_OK;
    /* a function word or a verb that a run picked up at its end ("in
     * Toronto Asked if ...", "the Danforth Not surprisingly") */
    while (b > a + 1 && f->state[b - 1] == T_FREE &&
           is(c, b - 1, W_FUNC | W_SPEECH))
        b--;
    /* a role before a given name: "Freeholder William MacDonald" */
    while (b - a >= 3 && f->state[a] == T_FREE && common(c, a) && !is_given(c, a) &&
           is_given(c, a + 1) && capital(c, a + 1))
        a++;
    /* a demonym opening the run is its own mention unless the rest ends
     * in a head word */
    if (f->state[a] == T_DEMONYM) {
        uint32_t k = a;
        while (k < b && f->state[k] == T_DEMONYM)
            k++;
        if (k < b && !any_head(c, b - 1))
            a = k;
    }
    if (a >= b)
        return EG_OK;
    if (b - a > EG_ALIAS_MAX_TOKENS || t->tok[b - 1].end - t->tok[a].start > EG_FIELD_MAX)
        return EG_OK;
    /* "In Tokyo Richard took up a life": a known place (no given name
     * itself) and a given name the missing comma ran into it */
    if (c->match[a] && f->state[a] == T_KNOWN && !is_given(c, a)) {
        const eg_raw_mention *m = &c->raw->m[c->match[a] - 1];
        if (m->tok_start == a && m->tok_end < b && f->state[m->tok_end] == T_FREE &&
            is_given(c, m->tok_end) && match_type(c, c->match[a] - 1) == EG_PLACE &&
            !person_match(c, c->match[a] - 1))
            return consider(c, m->tok_end, b, cs, ncs, cap, err);
    }
    /* a name the gazetteers match whole is theirs */
    if (c->match[a] && c->raw->m[c->match[a] - 1].tok_start == a &&
        c->raw->m[c->match[a] - 1].tok_end == b)
        return EG_OK;
    /* a headline in Title Case: "Brussels Airlines Announces Flights"
     * holds a name up to its head word when no common word comes before */
    if (in_headline(c, a)) {
        for (uint32_t h = a + 1; h + 1 < b; h++) {
            if (!capital(c, h) || !any_head(c, h))
                continue;
            if (plain_words(c, a, h)) {
                EG_CHECK(consider(c, a, h + 1, cs, ncs, cap, err));
                return consider(c, h + 1, b, cs, ncs, cap, err);
            }
            break;
        }
    }
    /* a known person's cabinet, camp or era is the person's mention, not
     * another name (the George W. Bush Cabinet; but an administration is
     * an organization) */
    if (b - a >= 2 && f->state[b - 1] == T_FREE && is(c, b - 1, W_PERSONTHING) &&
        c->match[a] && c->raw->m[c->match[a] - 1].tok_start == a &&
        c->raw->m[c->match[a] - 1].tok_end == b - 1 && person_match(c, c->match[a] - 1))
        return EG_OK;
    /* an adjective of a people or region before a noun: "a Central Asian
     * nation", "the Kurdish fighters" */
    if (b < t->ntok && !capital(c, b) && gap(c, b) == G_SPACE && !any_head(c, b - 1) &&
        adjective(c, b - 1))
        return EG_OK;
    /* what is new in it: words no match covers */
    size_t free_words = 0, uncommon = 0, acr = 0, words = 0;
    for (uint32_t k = a; k < b; k++) {
        if (!capital(c, k))
            continue;
        words++;
        acr += allcaps(c, k);
        if (f->state[k] == T_FREE) {
            free_words++;
            uncommon += !common(c, k);
        } else {
            uncommon++;
        }
    }
    if (free_words == 0)
        return EG_OK; /* known names side by side */
    if (b - a >= 2 && event(c, a, b))
        return EG_OK; /* an event's name */
    if (free_words == 1 && f->state[b - 1] == T_FREE && title_word(c, b - 1))
        return EG_OK; /* U.S. President, Russian Defence Minister: a title */
    if (EG_GROW(*cs, *cap, *ncs) != 0)
        return oom(err);
    cand *x = &(*cs)[*ncs];
    memset(x, 0, sizeof *x);
    x->a = a;
    x->b = b;
    x->vote = -1;
    x->headline = (uint8_t)in_headline(c, a);
    if (title_ev && title + 1 <= a)
        x->ev |= EG_EV_TITLE;
    inside(c, x);
    context(c, x);
    if (uncommon == 0 && (is(c, a, W_QUANT) ||
                          (x->strong && head_of(c, b - 1, W_MEDIA))))
        return EG_OK; /* One Road; Hot News */
    if (!x->strong) {
        /* a lone word, or common words only, need more than context; but
         * an apposition in mid-sentence names what it describes ("had
         * dissolved Move Forward, Thailand's largest opposition party"),
         * and then the name's other uses are it */
        if (uncommon == 0 && words >= 2 && !x->headline &&
            !(t->tok[a].flags & EG_TOK_SSTART) && !is(c, a, W_QUANT)) {
            int titles = 0;
            for (uint32_t k = a; k < b; k++)
                titles += title_word(c, k);
            x->plain = 1;
            if (!(x->ev & EG_EV_APPOS) || x->vote != EG_ORGANIZATION || titles)
                x->vote = -1, x->ev = 0;
            (*ncs)++;
            return EG_OK;
        }
        if (uncommon == 0)
            return EG_OK;
        if (words == 1 && any_head(c, a) && f->state[a] == T_FREE)
            return EG_OK; /* Ltd, Airport: a head word alone names nothing */
        if (words == 1 && title_word(c, a) && f->state[a] == T_FREE)
            return EG_OK; /* "Commodore", said to a man: a title, not his name */
        if (words == 1 && has_digit(c, a))
            return EG_OK; /* in Q3, in H1, by F1: codes, not names */
        if (words == 1 && acr == 0 && t->tok[a].nletters < 3)
            return EG_OK; /* Af, Mo: abbreviations */
        if (words == 1 && adjective(c, a))
            x->ev &= (uint16_t)~(EG_EV_PREP | EG_EV_PLACECTX); /* in English */
        if (acr == words)
            x->ev &= (uint16_t)~(EG_EV_SPEECH | EG_EV_PREP | EG_EV_PLACECTX | EG_EV_TITLE |
                                 EG_EV_APPOS);
        int v = context_vote(c, x);
        x->vote = (int8_t)v;
    }
    /* in a headline, only a name that is plainly one stands alone */
    if (x->headline && x->strong && plain_words(c, a, b - 1))
        x->headline = 0;
    (*ncs)++;
    return EG_OK;
}

/* Bracketed acronyms right after an occurrence: "Rapid Support Forces
 * (RSF)". Returns the acronym token or UINT32_MAX. */
static uint32_t defined_acronym(const ctx *c, uint32_t b)
{
    const eg_text *t = c->t;
    if (b >= t->ntok || !allcaps(c, b) || t->tok[b].nletters > 10)
        return UINT32_MAX;
    size_t p = skip_space(c, t->tok[b - 1].end, t->tok[b].start);
    if (p >= t->tok[b].start || c->data[p] != '(' ||
        skip_space(c, p + 1, t->tok[b].start) != t->tok[b].start)
        return UINT32_MAX;
    size_t e = t->tok[b].end, end = b + 1 < t->ntok ? t->tok[b + 1].start : c->len;
    size_t q = e;
    while (q < end && c->data[q] == ' ')
        q++;
    return q < end && c->data[q] == ')' ? b : UINT32_MAX;
}

/* The type of a gazetteer match in a list: that of all its candidates
 * (a country counts as a place), or -1. */
static int match_type(const ctx *c, size_t m)
{
    const eg_raw_mention *rm = &c->raw->m[m];
    int type = -1;
    for (uint32_t k = 0; k < rm->ncand; k++) {
        const eg_candidate *cd = &c->raw->cand[rm->cand + k];
        if (cd->demonym)
            return -1;
        int ty = c->d->g->ent[cd->entity].type;
        if (ty == EG_COUNTRY)
            ty = EG_PLACE;
        if (type >= 0 && ty != type)
            return -1;
        type = ty;
    }
    return type;
}

/* The index of the candidate that holds token k, or -1 (cs is in text
 * order). */
static long cand_at(const cand *cs, size_t ncs, uint32_t k)
{
    size_t lo = 0, hi = ncs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cs[mid].a <= k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && cs[lo - 1].b > k ? (long)lo - 1 : -1;
}

/* The type of the name that ends (dir < 0) or starts (dir > 0) at token
 * k: a gazetteer match or a typed candidate; -1 for none. */
static int item_type(const ctx *c, const cand *cs, size_t ncs, const long *nm,
                     int (*votes)[EG_NTYPES], uint32_t k, int dir)
{
    uint32_t m = c->match[k];
    if (m) {
        const eg_raw_mention *rm = &c->raw->m[m - 1];
        if ((dir < 0 && rm->tok_end == k + 1) || (dir > 0 && rm->tok_start == k))
            return match_type(c, m - 1);
        return -1;
    }
    long j = cand_at(cs, ncs, k);
    if (j < 0 || nm[j] < 0 || (dir < 0 ? cs[j].b != k + 1 : cs[j].a != k))
        return -1;
    int best = -1, bv = 0;
    for (int ty = 0; ty < EG_NTYPES; ty++)
        if (votes[nm[j]][ty] > bv)
            bv = votes[nm[j]][ty], best = ty;
    return best;
}

/* The token of the next item of a list after token b-1 (dir > 0), or
 * before token a (dir < 0): past a comma, "and" or "or"; UINT32_MAX for
 * none. */
static uint32_t list_neighbour(const ctx *c, uint32_t at, int dir, int *conj)
{
    const eg_text *t = c->t;
    if (dir > 0) {
        uint32_t b = at;
        if (b >= t->ntok || t->tok[b].sentence != t->tok[b - 1].sentence)
            return UINT32_MAX;
        size_t p = skip_space(c, t->tok[b - 1].end, t->tok[b].start);
        /* past a short bracket of the item's own: "Wim Wenders (Perfect
         * Days), Ken Loach (The Old Oak)" */
        if (p < t->tok[b].start && c->data[p] == '(') {
            size_t q = p + 1, lim = p + 160 < c->len ? p + 160 : c->len;
            while (q < lim && c->data[q] != ')' && c->data[q] != '(' && c->data[q] != '\n')
                q++;
            if (q >= lim || c->data[q] != ')')
                return UINT32_MAX;
            while (b < t->ntok && t->tok[b].start < q)
                b++;
            if (b >= t->ntok || t->tok[b].sentence != t->tok[at].sentence)
                return UINT32_MAX;
            p = skip_space(c, q + 1, t->tok[b].start);
        }
        int comma = p < t->tok[b].start && c->data[p] == ',' &&
                    skip_space(c, p + 1, t->tok[b].start) == t->tok[b].start;
        const char *w = norm(c, b);
        int and = !capital(c, b) && (strcmp(w, "and") == 0 || strcmp(w, "or") == 0);
        if (and && b + 1 < t->ntok && t->tok[b + 1].sentence == t->tok[b].sentence)
            return *conj = 1, b + 1;
        return comma && capital(c, b) ? b : UINT32_MAX;
    }
    uint32_t a = at;
    if (a == 0 || t->tok[a - 1].sentence != t->tok[a].sentence)
        return UINT32_MAX;
    uint32_t k = UINT32_MAX;
    size_t p = skip_space(c, t->tok[a - 1].end, t->tok[a].start);
    size_t r = p < t->tok[a].start && c->data[p] == ')' ? skip_space(c, p + 1, t->tok[a].start)
                                                          : p;
    if (r < t->tok[a].start && c->data[r] == ',' &&
        skip_space(c, r + 1, t->tok[a].start) == t->tok[a].start)
        k = a - 1;
    else if (!capital(c, a - 1) && (strcmp(norm(c, a - 1), "and") == 0 ||
                                    strcmp(norm(c, a - 1), "or") == 0) &&
             a >= 2 && t->tok[a - 2].sentence == t->tok[a].sentence)
        k = a - 2, p = skip_space(c, t->tok[a - 2].end, t->tok[a - 1].start), *conj = 1;
    else
        return UINT32_MAX;
    /* the item before ends in its own bracket: the name is before it */
    if (p < c->len && c->data[p] == ')') {
        size_t q = p, lim = p > 160 ? p - 160 : 0;
        while (q > lim && c->data[q - 1] != '(' && c->data[q - 1] != ')' && c->data[q - 1] != '\n')
            q--;
        if (q == lim || c->data[q - 1] != '(')
            return UINT32_MAX;
        while (k > 0 && t->tok[k].start >= q)
            k--;
        if (t->tok[k].start >= q || t->tok[k].sentence != t->tok[a].sentence)
            return UINT32_MAX;
    }
    return k;
}

/* Whether the list item at token l (ending there) or r (starting there)
 * has a neighbour of its own beyond it: "Dropbox, Google, and IBM". */
static int list_goes_on(const ctx *c, const cand *cs, size_t ncs, uint32_t l, uint32_t r)
{
    int conj;
    uint32_t k = l != UINT32_MAX ? l : r;
    if (k == UINT32_MAX)
        return 0;
    uint32_t a = k, b = k + 1;
    if (c->match[k]) {
        a = c->raw->m[c->match[k] - 1].tok_start;
        b = c->raw->m[c->match[k] - 1].tok_end;
    } else {
        long j = cand_at(cs, ncs, k);
        if (j < 0)
            return 0;
        a = cs[j].a, b = cs[j].b;
    }
    return (l != UINT32_MAX ? list_neighbour(c, a, -1, &conj)
                            : list_neighbour(c, b, +1, &conj)) != UINT32_MAX;
}

/* Whether token b ends a clause: a sentence end or punctuation after
 * it. */
static int clause_end(const ctx *c, uint32_t b)
{
    const eg_text *t = c->t;
    if (b >= t->ntok || t->tok[b].sentence != t->tok[b - 1].sentence)
        return 1;
    size_t p = skip_space(c, t->tok[b - 1].end, t->tok[b].start);
    return p < t->tok[b].start && strchr(",;:.)", c->data[p]) != NULL;
}

/* Whether x and the place at the comma next to it are a place and its
 * region, the pair closed by punctuation: "Novosibirsk, Siberia, on
 * March 9", "Gatlinburg, Tennessee, is". */
static int in_place(const ctx *c, const cand *cs, size_t ncs, const long *nm,
                    int (*votes)[EG_NTYPES], const cand *x, uint32_t l, uint32_t r)
{
    if (l != UINT32_MAX && item_type(c, cs, ncs, nm, votes, l, -1) == EG_PLACE)
        return clause_end(c, x->b);
    if (r == UINT32_MAX || !c->match[r] || item_type(c, cs, ncs, nm, votes, r, +1) != EG_PLACE)
        return 0;
    return clause_end(c, c->raw->m[c->match[r] - 1].tok_end);
}

/* Types the untyped names listed next to names of one type, a few
 * rounds so that a list passes its type along. */
static void coordinate(ctx *c, cand *cs, size_t ncs, const long *nm,
                       int (*votes)[EG_NTYPES])
{
    for (int round = 0; round < 3; round++) {
        int changed = 0;
        for (size_t i = 0; i < ncs; i++) {
            if (nm[i] < 0 || cs[i].weak || cs[i].plain || cs[i].headline || cs[i].vote >= 0)
                continue;
            int typed = 0;
            for (int ty = 0; ty < EG_NTYPES && !typed; ty++)
                typed = votes[nm[i]][ty] > 0;
            if (typed)
                continue;
            int lc = 0, rc = 0;
            uint32_t l = list_neighbour(c, cs[i].a, -1, &lc),
                     r = list_neighbour(c, cs[i].b, +1, &rc);
            /* a comma alone may end a clause ("In Charlotte, Richard
             * saw") or open an apposition: a list has three items or a
             * conjunction */
            if (!lc && !rc && (l == UINT32_MAX || r == UINT32_MAX) &&
                !list_goes_on(c, cs, ncs, l, r) && !in_place(c, cs, ncs, nm, votes, &cs[i], l, r))
                continue;
            int lt = l == UINT32_MAX ? -1 : item_type(c, cs, ncs, nm, votes, l, -1);
            int rt = r == UINT32_MAX ? -1 : item_type(c, cs, ncs, nm, votes, r, +1);
            int ty = lt >= 0 && rt >= 0 && lt != rt ? -1 : lt >= 0 ? lt : rt;
            if (ty < 0)
                continue;
            cs[i].vote = (int8_t)ty;
            cs[i].ev |= EG_EV_COORD;
            votes[nm[i]][ty] += 1;
            changed = 1;
        }
        if (!changed)
            break;
    }
}

static int cmp_occ(const void *x, const void *y)
{
    const eg_found_occ *a = x, *b = y;
    return (a->a > b->a) - (a->a < b->a);
}

/* Weights of the votes: inside evidence counts most. */
static int weight(const cand *x)
{
    if (x->strong)
        return 8;
    if (x->ev & (EG_EV_TITLE | EG_EV_GIVEN | EG_EV_APPOS | EG_EV_ORGCTX))
        return 3;
    return 1;
}

eg_status eg_discover_names(const eg_discoverer *d, const eg_text *t, const char *data,
                            size_t len, eg_matches *raw, eg_found *f, eg_error *err)
{
    f->nname = f->nocc = 0;
    eg_buf_clear(&f->pool);
    eg_strmap_clear(&f->index);
    eg_strmap_clear(&f->acro);
    ctx c = {d, t, data, len, raw, f, NULL, NULL, NULL};
    cand *cs = NULL;
    size_t ncs = 0, cap = 0;
    eg_status st = mark(&c, err);
    /* runs and their candidates */
    for (uint32_t i = 0; i < t->ntok && st == EG_OK;) {
        if (!name_word(&c, i)) {
            i++;
            continue;
        }
        uint32_t e = run_end(&c, i);
        st = consider(&c, i, e, &cs, &ncs, &cap, err);
        i = e;
    }
    /* names: the votes of their occurrences */
    long *nm = NULL;
    int(*votes)[EG_NTYPES] = NULL;
    if (st == EG_OK && ncs) {
        nm = malloc(ncs * sizeof *nm);
        votes = calloc(ncs, sizeof *votes);
        if (!nm || !votes)
            st = oom(err);
    }
    uint32_t *said = st == EG_OK && ncs ? calloc(ncs, sizeof *said) : NULL;
    if (ncs && !said)
        st = oom(err);
    for (size_t i = 0; i < ncs && st == EG_OK; i++) {
        if (cs[i].weak)
            nm[i] = -1; /* a name only if it turns out a surname */
        else if ((nm[i] = name_of(&c, cs[i].a, cs[i].b)) < 0)
            st = oom(err);
        else if (cs[i].vote >= 0 && !cs[i].headline)
            votes[nm[i]][cs[i].vote] += weight(&cs[i]);
        if (st == EG_OK && nm[i] >= 0 && !cs[i].headline && (cs[i].ev & EG_EV_SPEECH) &&
            nwords(&c, cs[i].a, cs[i].b) == 1)
            said[nm[i]]++;
    }
    /* one word that says things twice or more is someone ("Benson said",
     * "Ramey asked"), whatever one "in Ramey" argued; once may be a
     * firm's or a town's voice */
    for (size_t n = 0; n < f->nname && said; n++)
        if (said[n] >= 2)
            votes[n][EG_PERSON] += (int)said[n];
    free(said);
    /* lists: an untyped name listed with names of one type is of that
     * type ("Dell, Pixar and Dropbox, as well as Google") */
    if (st == EG_OK && ncs)
        coordinate(&c, cs, ncs, nm, votes);
    /* a lone surname (or a surname written first) of a person named in
     * full: its occurrences are that person's */
    uint32_t *persons = NULL;
    size_t npersons = 0;
    if (st == EG_OK && f->nname && !(persons = malloc(f->nname * sizeof *persons)))
        st = oom(err);
    for (size_t n = 0; n < f->nname && st == EG_OK; n++) {
        int best = -1, bv = 0;
        for (int ty = 0; ty < EG_NTYPES; ty++)
            if (votes[n][ty] > bv)
                bv = votes[n][ty], best = ty;
        if (best == EG_PERSON && memchr(f->pool.data + f->name[n].key, ' ', f->name[n].key_len))
            persons[npersons++] = (uint32_t)n;
    }
    /* their surnames, and first words that are no given names (Lai of
     * Lai Ching-te), each to its person; a word two people share names
     * neither (surnames: word -> person + 1; shared: the words of two) */
    eg_strmap_clear(&f->surnames);
    eg_strmap_clear(&f->shared);
    for (size_t p = 0; p < npersons && st == EG_OK; p++) {
        const eg_found_name *fn = &f->name[persons[p]];
        const char *k = f->pool.data + fn->key, *sp = memchr(k, ' ', fn->key_len);
        const char *last = k + fn->key_len;
        while (last > k && last[-1] != ' ')
            last--;
        uint32_t gv, was;
        const char *words[2] = {last, k};
        size_t lens[2] = {(size_t)(k + fn->key_len - last), (size_t)(sp - k)};
        int n = eg_strmap_get(&d->lex, k, lens[1], &gv) && (gv & W_GIVEN) ? 1 : 2;
        for (int w = 0; w < n && st == EG_OK; w++) {
            int r = eg_strmap_put(&f->surnames, words[w], lens[w], persons[p] + 1, &was);
            if (r < 0 || (r == 0 && was != persons[p] + 1 &&
                          eg_strmap_put(&f->shared, words[w], lens[w], 1, NULL) < 0))
                st = oom(err);
        }
    }
    for (size_t i = 0; i < ncs && st == EG_OK && npersons; i++) {
        if (nwords(&c, cs[i].a, cs[i].b) != 1 || (cs[i].weak && after_article(&c, cs[i].a)))
            continue; /* not "to the West" after Kanye West */
        const char *w = norm(&c, cs[i].a);
        size_t wl = t->tok[cs[i].a].norm_len;
        uint32_t who, x;
        if (!eg_strmap_get(&f->surnames, w, wl, &who) || eg_strmap_get(&f->shared, w, wl, &x) ||
            (long)(who - 1) == nm[i])
            continue;
        cs[i].ev |= EG_EV_SURNAME;
        nm[i] = (long)(who - 1);
    }
    free(persons);
    /* types */
    for (size_t n = 0; n < f->nname; n++) {
        int best = -1, bv = 0;
        for (int ty = 0; ty < EG_NTYPES; ty++)
            if (votes[n][ty] > bv)
                bv = votes[n][ty], best = ty;
        f->name[n].typed = best >= 0;
        f->name[n].type = best >= 0 ? (eg_type)best : EG_PERSON;
    }
    /* occurrences of typed names; the matches inside them are fragments */
    for (size_t i = 0; i < ncs && st == EG_OK; i++) {
        if (nm[i] < 0)
            continue;
        eg_found_name *fn = &f->name[nm[i]];
        if (!fn->typed)
            continue;
        if (cs[i].vote != (int)fn->type || (cs[i].ev & EG_EV_SURNAME))
            cs[i].ev |= EG_EV_DOCUMENT;
        if (cs[i].ev & EG_EV_SURNAME)
            cs[i].ev &= (uint16_t)~EG_EV_DOCUMENT;
        fn->evidence |= cs[i].ev;
        fn->mentions++;
        if (add_occ(f, &cs[i], (uint32_t)nm[i]) != 0)
            st = oom(err);
    }
    /* the labels of the names kept: their longest forms */
    for (size_t n = 0; n < f->nname && st == EG_OK; n++) {
        eg_found_name *fn = &f->name[n];
        size_t llen;
        long l = fn->mentions ? put_label(&c, fn->la, fn->lb, &llen) : 0;
        if (l < 0) {
            st = oom(err);
        } else if (fn->mentions) {
            fn->label = (uint32_t)l;
            fn->label_len = (uint32_t)llen;
        }
    }
    /* acronyms defined right after a name */
    for (size_t i = 0; i < f->nocc && st == EG_OK; i++) {
        uint32_t k = defined_acronym(&c, f->occ[i].b);
        if (k == UINT32_MAX || f->state[k] != T_FREE)
            continue;
        if (eg_strmap_put(&f->acro, norm(&c, k), t->tok[k].norm_len, f->occ[i].name + 1, NULL) <
            0)
            st = oom(err);
    }
    /* an acronym typed on its own ("RSF fighters") is the name it stands
     * for */
    for (size_t i = 0; i < f->nocc && f->acro.n; i++) {
        eg_found_occ *o = &f->occ[i];
        uint32_t v;
        if (o->b == o->a + 1 && allcaps(&c, o->a) &&
            eg_strmap_get(&f->acro, norm(&c, o->a), t->tok[o->a].norm_len, &v) &&
            o->name != v - 1) {
            o->name = v - 1;
            o->evidence = EG_EV_ACRONYM;
            f->name[v - 1].evidence |= EG_EV_ACRONYM;
            f->name[v - 1].mentions++;
        }
    }
    if (st == EG_OK && f->acro.n) {
        /* every use of them, where nothing else claims the token */
        size_t nocc = f->nocc, o = 0;
        for (uint32_t k = 0; k < t->ntok && st == EG_OK; k++) {
            while (o < nocc && f->occ[o].b <= k)
                o++;
            if (o < nocc && f->occ[o].a <= k)
                continue;
            uint32_t v;
            if (!allcaps(&c, k) || f->state[k] != T_FREE ||
                !eg_strmap_get(&f->acro, norm(&c, k), t->tok[k].norm_len, &v))
                continue;
            cand x = {k, k + 1, EG_EV_ACRONYM, -1, 0, 0, 0, 0};
            f->name[v - 1].evidence |= EG_EV_ACRONYM;
            f->name[v - 1].mentions++;
            if (add_occ(f, &x, v - 1) != 0)
                st = oom(err);
        }
    }
    /* a small town the lists know, named like a person the document
     * names in full, is that person ("Burton" after "Richard Burton"),
     * unless a preposition makes it a place ("born in Burton") */
    uint8_t *held = NULL;
    if (st == EG_OK && f->surnames.n && raw->n) {
        if (!(held = calloc(t->ntok, 1)))
            st = oom(err);
        for (size_t i = 0; held && i < f->nocc; i++)
            memset(held + f->occ[i].a, 1, f->occ[i].b - f->occ[i].a);
    }
    for (size_t i = 0; held && i < raw->n && st == EG_OK; i++) {
        const eg_raw_mention *m = &raw->m[i];
        uint32_t k = m->tok_start, who, x;
        if (m->tok_end != k + 1 || held[k] || !capital(&c, k) || !all_towns(&c, i) ||
            !eg_strmap_get(&f->surnames, norm(&c, k), t->tok[k].norm_len, &who) ||
            eg_strmap_get(&f->shared, norm(&c, k), t->tok[k].norm_len, &x) ||
            !f->name[who - 1].typed || f->name[who - 1].type != EG_PERSON ||
            (k > 0 && gap(&c, k) == G_SPACE && is(&c, k - 1, W_PREP)))
            continue;
        cand y = {k, k + 1, EG_EV_SURNAME, -1, 0, 0, 0, 0};
        f->name[who - 1].evidence |= EG_EV_SURNAME;
        f->name[who - 1].mentions++;
        if (add_occ(f, &y, who - 1) != 0)
            st = oom(err);
    }
    free(held);
    /* headline occurrences count only when the body has the name */
    size_t w = 0;
    for (size_t i = 0; i < f->nocc; i++) {
        eg_found_occ *o = &f->occ[i];
        if (o->headline && !(f->name[o->name].evidence & ~f->occ[i].evidence) &&
            votes[o->name][f->name[o->name].type] == 0)
            continue;
        f->occ[w++] = *o;
    }
    f->nocc = w;
    /* drop the matches inside the names kept (the longest name wins) */
    if (st == EG_OK && f->nocc) {
        uint8_t *drop = calloc(raw->n ? raw->n : 1, 1);
        if (!drop)
            st = oom(err);
        for (size_t i = 0; i < f->nocc && drop; i++)
            for (uint32_t k = f->occ[i].a; k < f->occ[i].b; k++)
                if (c.match[k])
                    drop[c.match[k] - 1] = 1;
        size_t r = 0;
        for (size_t i = 0; i < raw->n && drop; i++)
            if (!drop[i])
                raw->m[r++] = raw->m[i];
        if (drop)
            raw->n = r;
        free(drop);
    }
    /* occurrences in text order (acronym uses were appended; they never
     * overlap, so the order is total) */
    if (f->nocc > 1)
        qsort(f->occ, f->nocc, sizeof *f->occ, cmp_occ);
    free(nm);
    free(votes);
    free(cs);
    return st;
}

/* ---- mentions ---- */

static int cmp_mention(const void *pa, const void *pb)
{
    const eg_mention *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->end > b->end) - (a->end < b->end);
}

eg_status eg_discover_mentions(const eg_discoverer *d, const eg_text *t, const char *data,
                               size_t len, eg_found *f, eg_mentions *ms, eg_error *err)
{
    size_t n0 = ms->n;
    /* resolved mentions inside a discovered name give way to it; but the
     * surname of a known person the document names in full ("President
     * Mohamud" after "Hassan Sheikh Mohamud") is that person */
    size_t w = 0, o = 0;
    uint8_t *gone = f->nocc ? calloc(f->nocc, 1) : NULL;
    if (f->nocc && !gone)
        return oom(err);
    for (size_t i = 0; i < ms->n; i++) {
        const eg_mention *m = &ms->m[i];
        while (o < f->nocc && f->occ[o].b <= m->tok_start)
            o++;
        if (o < f->nocc && f->occ[o].a < m->tok_end && m->tok_start < f->occ[o].b) {
            if (m->rule != EG_RULE_PARTIAL || f->occ[o].a != m->tok_start ||
                f->occ[o].b != m->tok_end || f->name[f->occ[o].name].type != EG_PERSON)
                continue;
            gone[o] = 1;
        }
        ms->m[w++] = *m;
    }
    ms->n = w;
    int added = w != n0;
    for (size_t i = 0; i < f->nocc; i++) {
        const eg_found_occ *oc = &f->occ[i];
        if (gone[i] || !(d->types >> f->name[oc->name].type & 1))
            continue; /* --types; the gazetteer matches inside stay dropped */
        if (EG_GROW(ms->m, ms->cap, ms->n) != 0) {
            free(gone);
            return oom(err);
        }
        eg_mention *m = &ms->m[ms->n++];
        memset(m, 0, sizeof *m);
        m->entity = oc->name;
        m->tok_start = oc->a;
        m->tok_end = oc->b;
        m->start = t->tok[oc->a].start;
        m->end = t->tok[oc->b - 1].end;
        m->sentence = t->tok[oc->a].sentence;
        m->ncand = 1;
        m->rule = EG_RULE_DISCOVERED;
        m->evidence = oc->evidence;
        added = 1;
    }
    free(gone);
    /* acronyms defined for a known entity: "the Federal Reserve (Fed)" is
     * in the gazetteer, but "Kenya Airways (KQ)" may only be here */
    if (ms->n) {
        eg_strmap known;
        eg_strmap_init(&known);
        int fail = 0;
        size_t nres = ms->n;
        for (size_t i = 0; i < nres && !fail; i++) {
            const eg_mention *m = &ms->m[i];
            if (m->rule == EG_RULE_DISCOVERED || !eg_mention_counts(m) || m->demonym)
                continue;
            uint32_t b = m->tok_end;
            if (b >= t->ntok || !(t->tok[b].flags & EG_TOK_ALLCAPS) || t->tok[b].nletters < 2)
                continue;
            ctx c = {d, t, data, len, NULL, f, NULL, NULL, NULL};
            if (defined_acronym(&c, b) == UINT32_MAX)
                continue;
            if (eg_strmap_put(&known, eg_token_norm(t, &t->tok[b]), t->tok[b].norm_len,
                              m->entity, NULL) < 0)
                fail = 1;
        }
        if (known.n && !fail) {
            /* covered tokens, to find the free uses */
            uint8_t *cov = calloc(t->ntok ? t->ntok : 1, 1);
            if (!cov)
                fail = 1;
            for (size_t i = 0; i < ms->n && cov; i++)
                memset(cov + ms->m[i].tok_start, 1, ms->m[i].tok_end - ms->m[i].tok_start);
            for (uint32_t k = 0; k < t->ntok && cov && !fail; k++) {
                uint32_t e;
                const eg_token *tk = &t->tok[k];
                if (cov[k] || !(tk->flags & EG_TOK_ALLCAPS) || t->sent[tk->sentence].caps ||
                    !eg_strmap_get(&known, eg_token_norm(t, tk), tk->norm_len, &e))
                    continue;
                if (EG_GROW(ms->m, ms->cap, ms->n) != 0) {
                    fail = 1;
                    break;
                }
                eg_mention *m = &ms->m[ms->n++];
                memset(m, 0, sizeof *m);
                m->entity = e;
                m->tok_start = k;
                m->tok_end = k + 1;
                m->start = tk->start;
                m->end = tk->end;
                m->sentence = tk->sentence;
                m->ncand = 1;
                m->rule = EG_RULE_ACRONYM;
                added = 1;
            }
            free(cov);
        }
        eg_strmap_free(&known);
        if (fail)
            return oom(err);
    }
    if (added)
        qsort(ms->m, ms->n, sizeof *ms->m, cmp_mention);
    return EG_OK;
}
