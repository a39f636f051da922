// The only C surface reportsite uses: cmark-gfm and its core extensions,
// as shipped by Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

// The table extension's node type, set when the extension registers. Upstream
// declares it in extensions/table.h, which Debian does not ship; the library
// exports it.
extern cmark_node_type CMARK_NODE_TABLE;
