#!/usr/bin/env bash
# Refreshes the GOV.UK Frontend files shipped in src/CaseAudit.Web/wwwroot from npm.
# A maintainer's tool: building and running CaseAudit needs only the .NET SDK, because the
# built files are committed (as the ASP.NET Core templates commit Bootstrap).
#   scripts/refresh-govuk-frontend.sh            the version pinned in package.json
#   scripts/refresh-govuk-frontend.sh 6.7.0      another version (and pins it)
set -euo pipefail
web="$(cd "$(dirname "$0")/../src/CaseAudit.Web" && pwd)"
version="${1:-$(sed -n 's/.*"govuk-frontend": *"\([^"]*\)".*/\1/p' "$web/package.json")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack "govuk-frontend@$version" --silent >/dev/null && tar -xzf govuk-frontend-*.tgz)
dist="$work/package/dist/govuk"

rm -rf "$web/wwwroot/lib/govuk-frontend"
mkdir -p "$web/wwwroot/lib/govuk-frontend"
cp "$dist/govuk-frontend.min.js" "$web/wwwroot/lib/govuk-frontend/"
# The GDS Transport font and the crown images are for services on GOV.UK only, which CaseAudit
# is not: its assets are left out and the CSS's @font-face rules removed, so text falls back
# to Arial as the Design System advises for other services. CaseAudit has its own favicon.
# The crest is only drawn by .govuk-footer__copyright-logo, which CaseAudit does not use.
sed -E -e 's/@font-face\{[^}]*\}//g' -e 's#url\(/assets/images/govuk-crest\.svg\)#none#g' "$dist/govuk-frontend.min.css" > "$web/wwwroot/lib/govuk-frontend/govuk-frontend.min.css"
sed -n '/^## Licence/,/^## /p' "$work/package/README.md" | sed '$d' > "$web/wwwroot/lib/govuk-frontend/LICENCE.md"
cat >> "$web/wwwroot/lib/govuk-frontend/LICENCE.md" <<LICENCE

MIT License

Copyright (c) 2018 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
LICENCE
echo "govuk-frontend $version" > "$web/wwwroot/lib/govuk-frontend/VERSION"
sed -i "s/\"govuk-frontend\": *\"[^\"]*\"/\"govuk-frontend\": \"$version\"/" "$web/package.json"
echo "GOV.UK Frontend $version copied into $web/wwwroot; review and commit the change."
