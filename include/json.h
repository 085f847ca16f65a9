/*
 * json.h -- just enough JSON writing for klachtctl --json.
 */
#ifndef KLACHT_JSON_H
#define KLACHT_JSON_H

#include <stdint.h>

#include "util.h"

/* Appends s as a JSON string literal (null for NULL). */
void	json_str(struct buf *, const char *s);
/* Appends "key": "value", with a leading comma unless first. */
void	json_kv_str(struct buf *, int *first, const char *key, const char *);
void	json_kv_int(struct buf *, int *first, const char *key, int64_t);
void	json_kv_bool(struct buf *, int *first, const char *key, int);

#endif
