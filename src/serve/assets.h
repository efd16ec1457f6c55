/* assets.h: the officers' page (HTML, CSS, JS under src/serve/assets/), embedded in the binary
 * at build time by src/serve/embed-assets, so the server needs no files of its own and no CDN.
 * Read-only: any thread. */
#ifndef PBDOCS_ASSETS_H
#define PBDOCS_ASSETS_H
#include <stddef.h>

typedef struct serve_asset {
    const char *name;           /* file name: "index.html" */
    const char *type;           /* Content-Type */
    const unsigned char *data;
    size_t len;
} serve_asset;

extern const serve_asset serve_assets[];
extern const size_t serve_assets_len;
#endif
