/*
 * A small JSON reader for the fake NVML library's device file: objects, arrays, strings (with the
 * usual escapes; \uXXXX becomes '?'), numbers, true, false and null. Nesting is limited to 32
 * levels and input to 1 MiB. On any syntax error fake_json_parse returns NULL and fills `error`
 * with the byte offset and what was expected, so a broken device file fails loudly.
 */
#ifndef FAKE_JSON_H
#define FAKE_JSON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { FJ_NULL, FJ_BOOL, FJ_NUMBER, FJ_STRING, FJ_ARRAY, FJ_OBJECT } fj_type;

typedef struct fj_node {
  fj_type type;
  double number;          /* FJ_NUMBER, and FJ_BOOL as 0/1 */
  char *string;           /* FJ_STRING */
  char *key;              /* set when the node is an object member */
  struct fj_node *child;  /* first element or member */
  struct fj_node *next;   /* next sibling */
} fj_node;

typedef struct {
  const char *start;
  const char *at;
  int depth;
  char *error;
  size_t error_size;
} fj_parser;

static fj_node *fj_value(fj_parser *p);
static void fake_json_free(fj_node *node);

static void fj_fail(fj_parser *p, const char *expected) {
  if (p->error[0] == '\0') snprintf(p->error, p->error_size, "JSON syntax error at byte %ld: expected %s", (long)(p->at - p->start), expected);
}

static void fj_space(fj_parser *p) {
  while (*p->at == ' ' || *p->at == '\n' || *p->at == '\r' || *p->at == '\t') p->at++;
}

static fj_node *fj_new(fj_type type) {
  fj_node *node = calloc(1, sizeof(fj_node));
  if (node != NULL) node->type = type;
  return node;
}

static void fake_json_free(fj_node *node) {
  while (node != NULL) {
    fj_node *next = node->next;
    fake_json_free(node->child);
    free(node->string);
    free(node->key);
    free(node);
    node = next;
  }
}

static char *fj_string_raw(fj_parser *p) {
  size_t capacity = 32, length = 0;
  char *out = malloc(capacity);
  if (out == NULL || *p->at != '"') { free(out); fj_fail(p, "a string"); return NULL; }
  p->at++;
  while (*p->at != '"') {
    char c = *p->at++;
    if (c == '\0' || c == '\n') { free(out); fj_fail(p, "a closing quote"); return NULL; }
    if (c == '\\') {
      char e = *p->at++;
      switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '"': case '\\': case '/': c = e; break;
        case 'u':
          for (int i = 0; i < 4; i++) {
            if (strchr("0123456789abcdefABCDEF", *p->at) == NULL || *p->at == '\0') { free(out); fj_fail(p, "four hex digits"); return NULL; }
            p->at++;
          }
          c = '?';
          break;
        default: free(out); fj_fail(p, "a valid escape"); return NULL;
      }
    }
    if (length + 2 > capacity) {
      char *grown = realloc(out, capacity *= 2);
      if (grown == NULL) { free(out); fj_fail(p, "memory"); return NULL; }
      out = grown;
    }
    out[length++] = c;
  }
  p->at++;
  out[length] = '\0';
  return out;
}

static fj_node *fj_number(fj_parser *p) {
  char *end = NULL;
  double value = strtod(p->at, &end);
  if (end == p->at) { fj_fail(p, "a value"); return NULL; }
  p->at = end;
  fj_node *node = fj_new(FJ_NUMBER);
  if (node != NULL) node->number = value;
  return node;
}

static fj_node *fj_literal(fj_parser *p, const char *word, fj_type type, double number) {
  size_t length = strlen(word);
  if (strncmp(p->at, word, length) != 0) { fj_fail(p, "a value"); return NULL; }
  p->at += length;
  fj_node *node = fj_new(type);
  if (node != NULL) node->number = number;
  return node;
}

/* Parses the elements of an array or the members of an object, starting at its opening bracket. */
static fj_node *fj_container(fj_parser *p, fj_type type, char close) {
  fj_node *container = fj_new(type), *last = NULL;
  if (container == NULL || ++p->depth > 32) { fake_json_free(container); fj_fail(p, "less nesting"); return NULL; }
  p->at++;
  fj_space(p);
  if (*p->at == close) { p->at++; p->depth--; return container; }
  for (;;) {
    char *key = NULL;
    fj_space(p);
    if (type == FJ_OBJECT) {
      key = fj_string_raw(p);
      fj_space(p);
      if (key == NULL || *p->at != ':') { free(key); fake_json_free(container); fj_fail(p, "':'"); return NULL; }
      p->at++;
    }
    fj_node *item = fj_value(p);
    if (item == NULL) { free(key); fake_json_free(container); return NULL; }
    item->key = key;
    if (last == NULL) container->child = item; else last->next = item;
    last = item;
    fj_space(p);
    if (*p->at == ',') { p->at++; continue; }
    if (*p->at == close) { p->at++; p->depth--; return container; }
    fake_json_free(container);
    fj_fail(p, type == FJ_OBJECT ? "',' or '}'" : "',' or ']'");
    return NULL;
  }
}

static fj_node *fj_value(fj_parser *p) {
  fj_space(p);
  switch (*p->at) {
    case '{': return fj_container(p, FJ_OBJECT, '}');
    case '[': return fj_container(p, FJ_ARRAY, ']');
    case '"': {
      char *text = fj_string_raw(p);
      fj_node *node = text == NULL ? NULL : fj_new(FJ_STRING);
      if (node == NULL) { free(text); return NULL; }
      node->string = text;
      return node;
    }
    case 't': return fj_literal(p, "true", FJ_BOOL, 1);
    case 'f': return fj_literal(p, "false", FJ_BOOL, 0);
    case 'n': return fj_literal(p, "null", FJ_NULL, 0);
    default: return fj_number(p);
  }
}

/* Parses a whole document; trailing non-space text is an error. */
static fj_node *fake_json_parse(const char *text, char *error, size_t error_size) {
  fj_parser p = { text, text, 0, error, error_size };
  error[0] = '\0';
  fj_node *root = fj_value(&p);
  fj_space(&p);
  if (root != NULL && *p.at != '\0') {
    fake_json_free(root);
    fj_fail(&p, "end of input");
    return NULL;
  }
  return root;
}

static const fj_node *fj_get(const fj_node *object, const char *key) {
  if (object == NULL || object->type != FJ_OBJECT) return NULL;
  for (const fj_node *member = object->child; member != NULL; member = member->next)
    if (member->key != NULL && strcmp(member->key, key) == 0) return member;
  return NULL;
}

static double fj_number_or(const fj_node *object, const char *key, double fallback) {
  const fj_node *node = fj_get(object, key);
  return node != NULL && (node->type == FJ_NUMBER || node->type == FJ_BOOL) ? node->number : fallback;
}

static void fj_copy_string(const fj_node *object, const char *key, char *out, size_t size, const char *fallback) {
  const fj_node *node = fj_get(object, key);
  snprintf(out, size, "%s", node != NULL && node->type == FJ_STRING ? node->string : fallback);
}

#endif
