/*
 * render.h - drawing the cgraph graph of export_dot.c through gvc. Private
 * to export_dot.c and render.c: the rest of the tree sees eg_render_* and
 * eg_export_dot_render in export.h and never a cgraph type.
 */
#ifndef EG_RENDER_H
#define EG_RENDER_H

#include <stdio.h>

#include <graphviz/cgraph.h>

#include "export.h"

/* Adds the drawing attributes to dg (already written as DOT), lays it out
 * (neato when small, sfdp when large), draws it into fp as fmt and frees
 * the layout. dg stays owned by the caller. Main thread only. */
eg_status eg_render_graph(Agraph_t *dg, eg_render_format fmt, FILE *fp, const char *name,
                          eg_error *err);

#endif
