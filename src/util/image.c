/*
 * image.c - compiled tables written to a file and read back into
 * memory, to be used in place (see image.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "fs.h"
#include "hmap.h"
#include "image.h"

#define ALIGN 64
#define IMAGE_VERSION 1u
static const char image_magic[8] = {'e', 'g', 'i', 'm', 'a', 'g', 'e', '\n'};

/* One cache line, so the first section starts aligned. */
typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t endian; /* 0x01020304 as written */
    uint64_t build;  /* hash of the writer's build id */
    uint64_t key;    /* the caller's: what the tables were computed from */
    uint64_t payload_len, payload_hash;
    unsigned char pad[ALIGN - 48];
} image_header;

_Static_assert(sizeof(image_header) == ALIGN, "the image header is one 64-byte block");

/* ---- the executable's build id ---- */

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    uint64_t *out = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;
        while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) nh;
            memcpy(&nh, p, sizeof nh);
            size_t name = (nh.n_namesz + 3) & ~(size_t)3, desc = (nh.n_descsz + 3) & ~(size_t)3;
            const unsigned char *n = p + sizeof nh;
            if ((size_t)(end - n) < name + desc)
                break;
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && memcmp(n, "GNU", 4) == 0 &&
                nh.n_descsz > 0) {
                *out = eg_hash(n + name, nh.n_descsz) | 1; /* 0 means none */
                return 1;
            }
            p = n + name + desc;
        }
    }
    return 1; /* the first object is the executable: look no further */
}

/* The hash of the executable's build id, 0 when it has none. */
static uint64_t build_id(void)
{
    static uint64_t id;
    static int done;
    if (!done) { /* the same answer every time: a race only repeats the work */
        uint64_t v = 0;
        dl_iterate_phdr(find_build_id, &v);
        id = v;
        done = 1;
    }
    return id;
}

int eg_image_supported(void)
{
    return build_id() != 0;
}

/* ---- writing ---- */

void eg_imgw_init(eg_imgw *w)
{
    memset(w, 0, sizeof *w);
}

void eg_imgw_free(eg_imgw *w)
{
    eg_buf_free(&w->data);
    memset(w, 0, sizeof *w);
}

static const unsigned char zeros[ALIGN];

/* A section is its length (8 bytes), padding, then its bytes from the
 * next 64-byte boundary of the file, then padding to the next one. */
void eg_imgw_put(eg_imgw *w, const void *p, size_t n)
{
    uint64_t len = n;
    size_t at = w->data.len + sizeof len;
    size_t pad = (ALIGN - at % ALIGN) % ALIGN, tail = (ALIGN - n % ALIGN) % ALIGN;
    if (w->fail || eg_buf_append(&w->data, &len, sizeof len) != 0 ||
        eg_buf_append(&w->data, zeros, pad) != 0 || (n && eg_buf_append(&w->data, p, n) != 0) ||
        eg_buf_append(&w->data, zeros, tail) != 0)
        w->fail = 1;
}

/* Makes the directory of path when it is missing, but nothing above it:
 * where a cache directory may be made is the caller's to say
 * (eg_make_dir). */
static void make_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return;
    char *d = eg_strndup(path, (size_t)(slash - path));
    if (d)
        (void)eg_make_dir(d, 1, 0700);
    free(d);
}

int eg_imgw_write(eg_imgw *w, const char *path, uint64_t key)
{
    if (w->fail || !build_id())
        return -1;
    image_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, image_magic, sizeof h.magic);
    h.version = IMAGE_VERSION;
    h.endian = 0x01020304;
    h.build = build_id();
    h.key = key;
    h.payload_len = w->data.len;
    h.payload_hash = eg_hash(w->data.data ? w->data.data : "", w->data.len);
    make_parent(path);
    eg_error e;
    eg_error_init(&e);
    eg_atomic af;
    if (eg_atomic_open(&af, path, &e) != EG_OK)
        return -1;
    if (fwrite(&h, sizeof h, 1, af.fp) != 1 ||
        fwrite(w->data.data, 1, w->data.len, af.fp) != w->data.len) {
        eg_atomic_abort(&af);
        return -1;
    }
    if (eg_atomic_finish(&af, &e) != EG_OK)
        return -1;
    /* writable by its owner only, whatever the umask: eg_image_open
     * trusts nothing else */
    mode_t mask = umask(0);
    umask(mask);
    if (chmod(af.tmp, 0644 & ~mask) != 0) {
        eg_atomic_abort(&af);
        return -1;
    }
    return eg_atomic_rename(&af, &e) == EG_OK ? 0 : -1;
}

/* ---- reading ---- */

void eg_image_close(eg_image *im)
{
    if (im->map)
        munmap(im->map, im->maplen);
    memset(im, 0, sizeof *im);
}

/* Reads the n bytes of fd at 0 into a fresh anonymous mapping: MAP_FAILED
 * on a short read (the file shrank) or an error. */
static void *read_copy(int fd, size_t n)
{
    void *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return m;
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)m + got, n - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            munmap(m, n);
            return MAP_FAILED;
        }
        got += (size_t)r;
    }
    if (mprotect(m, n, PROT_READ) != 0) {
        munmap(m, n);
        return MAP_FAILED;
    }
    return m;
}

int eg_image_open(eg_image *im, const char *path, uint64_t key)
{
    memset(im, 0, sizeof *im);
    if (!build_id())
        return -1;
    eg_error e;
    eg_error_init(&e);
    /* the tables are used as they are, unchecked: only a regular file of
     * this user's (or root's) that nobody else may write is trusted, and
     * a FIFO planted in its place is not waited on */
    int fd = eg_open_read(AT_FDCWD, path, path, EG_OPEN_TRUSTED, &e);
    if (fd < 0)
        return -1;
    struct stat sb;
    void *map = MAP_FAILED;
    /* read, not mapped: a mapped file truncated while in use (another
     * run, a user) would raise SIGBUS at the next page read; a copy
     * cannot change under the reader, and its hash is checked after */
    if (fstat(fd, &sb) == 0 && (uint64_t)sb.st_size >= sizeof(image_header) &&
        (uint64_t)sb.st_size <= SIZE_MAX)
        map = read_copy(fd, (size_t)sb.st_size);
    close(fd);
    if (map == MAP_FAILED)
        return -1;
    im->map = map;
    im->maplen = (size_t)sb.st_size;
    image_header h;
    memcpy(&h, map, sizeof h);
    const unsigned char *payload = (const unsigned char *)map + sizeof h;
    if (memcmp(h.magic, image_magic, sizeof h.magic) != 0 || h.version != IMAGE_VERSION ||
        h.endian != 0x01020304 || h.build != build_id() || h.key != key ||
        h.payload_len != im->maplen - sizeof h ||
        h.payload_hash != eg_hash(payload, im->maplen - sizeof h)) {
        eg_image_close(im);
        return -1;
    }
    im->p = payload;
    im->end = payload + h.payload_len;
    return 0;
}

const void *eg_image_take(eg_image *im, size_t n)
{
    uint64_t len;
    const unsigned char *p = im->p;
    if (im->bad || (size_t)(im->end - p) < sizeof len)
        goto bad;
    memcpy(&len, p, sizeof len);
    size_t at = (size_t)(p - (const unsigned char *)im->map) + sizeof len;
    p += sizeof len + (ALIGN - at % ALIGN) % ALIGN;
    if (len != n || p > im->end || (size_t)(im->end - p) < n)
        goto bad;
    size_t tail = (ALIGN - n % ALIGN) % ALIGN;
    im->p = (size_t)(im->end - p - n) < tail ? im->end : p + n + tail;
    return p;
bad:
    im->bad = 1;
    return NULL;
}

const void *eg_image_array(eg_image *im, uint64_t count, size_t sz)
{
    if (sz && count > SIZE_MAX / sz) {
        im->bad = 1;
        return NULL;
    }
    return eg_image_take(im, (size_t)count * sz);
}
