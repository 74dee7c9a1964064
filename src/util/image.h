/*
 * image.h - a file of arrays written once and read back whole after, for
 * tables that take longer to compute than to read back (the compiled
 * matcher and resolver of a large gazetteer).
 *
 * An image is a header and a list of sections, each a length and bytes
 * that start on a 64-byte boundary, so that a section read from the
 * file can be used in place as an array of any element type. The arrays
 * are the program's own structures, byte for byte, so an image is only
 * read by the build of entigraph that wrote it: the header holds the
 * executable's GNU build id next to the caller's key and a hash of the
 * payload, and an image whose header, length or hash does not match is
 * never used. Without a build id (a linker that writes none) nothing is
 * written or read.
 */
#ifndef EG_IMAGE_H
#define EG_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Sections being written. Out of memory is remembered in fail and makes
 * eg_imgw_write write nothing. */
typedef struct {
    eg_buf data;
    int fail;
} eg_imgw;

void eg_imgw_init(eg_imgw *w);
/* Appends a section of the n bytes at p (p may be NULL when n is 0). */
void eg_imgw_put(eg_imgw *w, const void *p, size_t n);
/* Writes the image to path under a temporary name and renames it into
 * place, creating path's directory if need be (that one only, not the
 * directories above it). Returns 0, or -1 when nothing was written. */
int eg_imgw_write(eg_imgw *w, const char *path, uint64_t key);
void eg_imgw_free(eg_imgw *w);

/* An image read for use: a private, read-only copy of the file in
 * memory, so that the file changing or shrinking afterwards (another run
 * replacing it, a user truncating it) cannot touch the tables in use.
 * Its sections stay valid until eg_image_close. */
typedef struct {
    void *map; /* the copy: an anonymous mapping, page-aligned */
    size_t maplen;
    const unsigned char *p, *end; /* the sections not taken yet */
    int bad;                      /* a section was missing or of the wrong length */
} eg_image;

/* Reads path when it is an image of this build with this key and an
 * intact payload, in a regular file of this user's (or root's) that group
 * and others cannot write (the hash is no signature); anything else, a
 * FIFO included, is refused without waiting. Returns 0, or -1 (im is
 * then closed). */
int eg_image_open(eg_image *im, const char *path, uint64_t key);
/* The next section, which must be n bytes long: NULL (and im->bad set)
 * otherwise. A section of 0 bytes gives a non-NULL pointer. */
const void *eg_image_take(eg_image *im, size_t n);
/* The next section as an array of count elements of size sz. */
const void *eg_image_array(eg_image *im, uint64_t count, size_t sz);
/* Frees the image; safe on a closed or zeroed one. */
void eg_image_close(eg_image *im);

/* Whether this executable has a build id images can be keyed on. */
int eg_image_supported(void);

#endif
