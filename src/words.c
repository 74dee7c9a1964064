/*
 * words.c - closed classes of English words that the resolver and
 * suggest both read: weekdays and months, and titles or roles written
 * before a personal name. Normalised (lower case, no dots).
 */
#include <string.h>

#include "words.h"

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, w) == 0)
            return 1;
    return 0;
}

static const char *const calendar[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", NULL};
/* Titles and roles written before a personal name. */
static const char *const titles[] = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "minister", "premier", "chancellor", "king", "queen", "prince", "princess",
    "emperor", "sultan", "emir", "sheikh", "shaikh", "secretary", "ambassador", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "senator", "sen", "rep", "representative",
    "congressman", "congresswoman", "governor", "gov", "mayor", "general", "gen", "colonel",
    "col", "major", "maj", "captain", "capt", "lt", "lieutenant", "sgt", "sergeant", "admiral",
    "adm", "commander", "chief", "director", "chairman", "chairwoman", "chair", "judge",
    "justice", "prosecutor", "pope", "patriarch", "ayatollah", "cardinal", "bishop",
    "archbishop", "rabbi", "imam", "mp", "lawmaker", "deputy", "leader", "ceo", "founder",
    "reporter", "correspondent", "editor", "photographer", "journalist", "author", "by",
    "marshal", "field", "chancellor", "speaker", "mufti", "crown", "attorney", "commissioner",
    "sheriff", "inspector", "detective", "superintendent", "coach", NULL};

int eg_is_calendar_word(const char *w)
{
    return in_list(w, calendar);
}

int eg_is_title_word(const char *w)
{
    return in_list(w, titles);
}

const char *const *eg_calendar_words(void)
{
    return calendar;
}

const char *const *eg_title_words(void)
{
    return titles;
}
