#!/usr/bin/env bash
# The live ERP tests run Debian's Tryton 6.0 (tryton-server and the sale, shipment cost and
# invoice-stock modules). Installs them with apt-get when running as root; otherwise says what
# to install. The tests themselves fail, never skip, when Tryton cannot start.
set -euo pipefail
packages="tryton-server tryton-modules-sale tryton-modules-sale-shipment-cost tryton-modules-account-invoice-stock"
modules="/usr/lib/python3/dist-packages/trytond/modules"
present() {
  command -v trytond >/dev/null && command -v trytond-admin >/dev/null &&
    [ -d "$modules/sale" ] && [ -d "$modules/sale_shipment_cost" ] && [ -d "$modules/account_invoice_stock" ]
}
if present; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's Tryton (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $packages >/dev/null; }
fi
if ! present; then
  echo "Tryton is missing: install it with 'apt-get install -y --no-install-recommends $packages'." >&2
  exit 1
fi
