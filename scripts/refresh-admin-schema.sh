#!/usr/bin/env bash
# Extracts Shopify's Admin API 2026-10 introspection from the @shopify/dev-mcp package.
set -euo pipefail
version="${DEV_MCP_VERSION:-1.16.0}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
(cd "$dir" && npm pack --silent "@shopify/dev-mcp@${version}" >/dev/null && tar xzf shopify-dev-mcp-*.tgz)
dest="$(dirname "$0")/../sandbox/shopify/schema"
cp "$dir/package/dist/data/admin_2026-10.json.gz" "$dest/"
cp "$dir/package/LICENSE" "$dest/LICENSE.dev-mcp"
sha256sum "$dest/admin_2026-10.json.gz"
