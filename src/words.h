/*
 * words.h - closed classes of English words (words.c), for normalised
 * tokens.
 */
#ifndef EG_WORDS_H
#define EG_WORDS_H

/* Weekdays and months, with their abbreviations (monday, jan, sept). */
int eg_is_calendar_word(const char *w);
/* Titles and roles written before a personal name (mr, president, gen). */
int eg_is_title_word(const char *w);
/* The lists themselves, NULL-terminated, for tables built from them. */
const char *const *eg_calendar_words(void);
const char *const *eg_title_words(void);

#endif
