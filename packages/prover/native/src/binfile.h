/* iden3 binary files (.zkey, .wtns, .r1cs): a 4-byte magic, a u32 version, a u32 section count, then
 * sections of (u32 id, u64 size, bytes). Files are memory-mapped read-only; every section is checked to
 * lie inside the file before anything reads it. */
#ifndef ZKP_BINFILE_H
#define ZKP_BINFILE_H
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

enum { MAX_SECTION_ID = 32 };

typedef struct {
  const unsigned char *data;
  size_t size;
  int mapped;
  const char *kind; /* "ZKEY", "WTNS", "R1CS": prefix of error codes */
  const char *path;
  uint64_t offset[MAX_SECTION_ID + 1], length[MAX_SECTION_ID + 1];
  int count[MAX_SECTION_ID + 1];
  uint32_t version;
} binfile;

static char error_code_buffer[64];
static const char *code_of(const binfile *f, const char *suffix) {
  snprintf(error_code_buffer, sizeof error_code_buffer, "%s_%s", f->kind, suffix);
  return error_code_buffer;
}

static inline uint32_t rd_u32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline uint64_t rd_u64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static void binfile_parse(binfile *f, const char magic[4], uint32_t min_version, uint32_t max_version) {
  memset(f->offset, 0, sizeof f->offset);
  memset(f->length, 0, sizeof f->length);
  memset(f->count, 0, sizeof f->count);
  if (f->size < 12) fail(code_of(f, "TRUNCATED"), "%s: %zu bytes, too short for a %.4s file", f->path, f->size, magic);
  if (memcmp(f->data, magic, 4) != 0) fail(code_of(f, "INVALID"), "%s is not a %.4s file (bad magic)", f->path, magic);
  f->version = rd_u32(f->data + 4);
  if (f->version < min_version || f->version > max_version) {
    fail(code_of(f, "INVALID"), "%s: unsupported %.4s version %u", f->path, magic, f->version);
  }
  const uint32_t sections = rd_u32(f->data + 8);
  uint64_t at = 12;
  for (uint32_t i = 0; i < sections; i++) {
    if (at + 12 > f->size) fail(code_of(f, "TRUNCATED"), "%s: section table cut at section %u of %u", f->path, i, sections);
    const uint32_t id = rd_u32(f->data + at);
    const uint64_t len = rd_u64(f->data + at + 4);
    at += 12;
    if (len > f->size || at + len > f->size) {
      fail(code_of(f, "TRUNCATED"), "%s: section %u needs %llu bytes at offset %llu, the file has %zu", f->path, id,
           (unsigned long long)len, (unsigned long long)at, f->size);
    }
    if (id <= MAX_SECTION_ID) {
      if (f->count[id] == 0) {
        f->offset[id] = at;
        f->length[id] = len;
      }
      f->count[id]++;
    }
    at += len;
  }
}

/* The one section `id`, exactly `expected` bytes long unless expected is (uint64_t)-1 */
static const unsigned char *binfile_section(const binfile *f, uint32_t id, uint64_t expected, const char *name) {
  if (f->count[id] == 0) fail(code_of(f, "INVALID"), "%s has no %s section (%u)", f->path, name, id);
  if (f->count[id] > 1) fail(code_of(f, "INVALID"), "%s has %d %s sections (%u)", f->path, f->count[id], name, id);
  if (expected != (uint64_t)-1 && f->length[id] != expected) {
    fail(code_of(f, "CORRUPT"), "%s: %s section (%u) is %llu bytes, the header implies %llu", f->path, name, id,
         (unsigned long long)f->length[id], (unsigned long long)expected);
  }
  return f->data + f->offset[id];
}

static void binfile_open(binfile *f, const char *path, const char *kind) {
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->path = path;
  int fd = open(path, O_RDONLY);
  if (fd < 0) fail(errno == ENOENT ? "FILE_NOT_FOUND" : "IO_ERROR", "cannot open %s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) fail("IO_ERROR", "cannot stat %s: %s", path, strerror(errno));
  f->size = (size_t)st.st_size;
  if (f->size == 0) {
    close(fd);
    fail(code_of(f, "TRUNCATED"), "%s is empty", path);
  }
  void *p = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) fail("IO_ERROR", "cannot map %s: %s", path, strerror(errno));
  f->data = p;
  f->mapped = 1;
}

/* Reads a whole stream (the witness on stdin) into memory. */
static void binfile_read_stream(binfile *f, FILE *in, const char *name, const char *kind) {
  memset(f, 0, sizeof *f);
  f->kind = kind;
  f->path = name;
  size_t cap = 1 << 20, len = 0;
  unsigned char *buf = xmalloc(cap);
  for (;;) {
    if (len == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      if (buf == NULL) fail("OUT_OF_MEMORY", "reading %s", name);
    }
    size_t got = fread(buf + len, 1, cap - len, in);
    if (got == 0) break;
    len += got;
  }
  if (ferror(in)) fail("IO_ERROR", "reading %s failed", name);
  f->data = buf;
  f->size = len;
}

static void binfile_close(binfile *f) {
  if (f->data == NULL) return;
  if (f->mapped) munmap((void *)f->data, f->size);
  else free((void *)f->data);
  f->data = NULL;
}

#endif
